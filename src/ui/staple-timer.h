/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_TIMER (staple_timer_get_type ())

G_DECLARE_FINAL_TYPE (StapleTimer, staple_timer, STAPLE, TIMER, GObject)

StapleTimer *staple_timer_new           (void);
void         staple_timer_start         (StapleTimer *self);
void         staple_timer_pause         (StapleTimer *self);
void         staple_timer_reset         (StapleTimer *self,
                                         int          seconds);
void         staple_timer_add           (StapleTimer *self,
                                         int          seconds);
int          staple_timer_get_remaining (StapleTimer *self);
int          staple_timer_get_duration  (StapleTimer *self);
gboolean     staple_timer_get_running   (StapleTimer *self);
gboolean     staple_timer_get_expired   (StapleTimer *self);
char        *staple_timer_format        (StapleTimer *self);

G_END_DECLS
