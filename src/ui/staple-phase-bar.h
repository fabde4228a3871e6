/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-model.h"
#include "staple-timer.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_PHASE_BAR (staple_phase_bar_get_type ())

G_DECLARE_FINAL_TYPE (StaplePhaseBar, staple_phase_bar, STAPLE, PHASE_BAR, GtkWidget)

GtkWidget *staple_phase_bar_new       (void);
void       staple_phase_bar_set_timer (StaplePhaseBar *self,
                                       StapleTimer    *timer);
void       staple_phase_bar_set_phase (StaplePhaseBar *self,
                                       StaplePhase     phase);

G_END_DECLS
