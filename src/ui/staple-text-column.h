/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_TEXT_COLUMN (staple_text_column_get_type ())
G_DECLARE_FINAL_TYPE (StapleTextColumn, staple_text_column, STAPLE, TEXT_COLUMN, GtkWidget)

GtkWidget *staple_text_column_new    (int               spacing);
void       staple_text_column_append (StapleTextColumn *self,
                                      GtkWidget        *child);

G_END_DECLS
