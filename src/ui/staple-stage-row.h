/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-editor.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_STAGE_ROW (staple_stage_row_get_type ())

G_DECLARE_FINAL_TYPE (StapleStageRow, staple_stage_row, STAPLE, STAGE_ROW, GtkListBoxRow)

StapleStageRow *staple_stage_row_new            (StapleEditor   *editor,
                                                 StapleStage    *stage);
StapleStage    *staple_stage_row_get_stage      (StapleStageRow *self);
void            staple_stage_row_focus          (StapleStageRow *self);
void            staple_stage_row_focus_friction (StapleStageRow *self,
                                                 guint           index);
StapleStageRow *staple_stage_row_find           (GtkListBox     *stages_list,
                                                 StapleStage    *stage);
gboolean        staple_stage_row_make           (StapleStageRow *self);
gboolean        staple_stage_row_is_made        (StapleStageRow *self);
gboolean        staple_stage_row_learn_size     (StapleStageRow *self);
void            staple_stage_row_update_place   (StapleStageRow *self);
double          staple_stage_row_make_between   (StapleStageRow *self,
                                                 double          y,
                                                 double          top,
                                                 double          bottom,
                                                 double          keep_top,
                                                 double          keep_bottom);

G_END_DECLS
