/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-editor.h"
#include "staple-timer.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_PRESENTER (staple_presenter_get_type ())

G_DECLARE_FINAL_TYPE (StaplePresenter, staple_presenter, STAPLE, PRESENTER, GtkWindow)

GtkWidget *staple_presenter_new       (gpointer         owner,
                                       StapleEditor    *editor,
                                       StapleTimer     *timer);
void       staple_presenter_set_phase (StaplePresenter *self,
                                       StaplePhase      phase);
void       staple_presenter_set_editor (StaplePresenter *self,
                                        StapleEditor    *editor);
void       staple_presenter_show      (StaplePresenter *self);
gboolean   staple_presenter_step_page (StaplePresenter *self,
                                       int              direction);
void       staple_presenter_land_on_last_page (StaplePresenter *self);

G_END_DECLS
