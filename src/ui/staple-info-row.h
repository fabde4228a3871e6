/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_INFO_ROW (staple_info_row_get_type ())
G_DECLARE_FINAL_TYPE (StapleInfoRow, staple_info_row, STAPLE, INFO_ROW, AdwPreferencesRow)

GtkWidget *staple_info_row_new        (const char    *title,
                                       const char    *subtitle,
                                       int            lines);
void       staple_info_row_add_prefix (StapleInfoRow *self,
                                       GtkWidget     *widget);
void       staple_info_row_add_suffix (StapleInfoRow *self,
                                       GtkWidget     *widget);

G_END_DECLS
