/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_ACTION_ROW (staple_action_row_get_type ())

G_DECLARE_FINAL_TYPE (StapleActionRow, staple_action_row, STAPLE, ACTION_ROW, GtkListBoxRow)

StapleActionRow *staple_action_row_new   (StapleSession   *session,
                                          StapleAction    *action);
void             staple_action_row_focus (StapleActionRow *self);

G_END_DECLS
