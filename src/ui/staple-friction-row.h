/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-editor.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_FRICTION_ROW (staple_friction_row_get_type ())

G_DECLARE_FINAL_TYPE (StapleFrictionRow, staple_friction_row, STAPLE, FRICTION_ROW, GtkListBoxRow)

StapleFrictionRow *staple_friction_row_new   (StapleEditor      *editor,
                                              StapleStage       *stage,
                                              StapleFriction    *friction);
void               staple_friction_row_focus (StapleFrictionRow *self);
gboolean           staple_friction_row_make  (StapleFrictionRow *self);
gboolean           staple_friction_row_unmake (StapleFrictionRow *self);
gboolean           staple_friction_row_is_made (StapleFrictionRow *self);
int                staple_friction_row_estimate_height (void);
gboolean           staple_friction_row_learn_height (StapleFrictionRow *self);
void               staple_friction_row_update_place (StapleFrictionRow *self);

G_END_DECLS
