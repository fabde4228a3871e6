/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_TIMER (staple_timer_get_type ())

G_DECLARE_FINAL_TYPE (StapleTimer, staple_timer, STAPLE, TIMER, GObject)

/**
 * StapleTimerRestore:
 * @STAPLE_TIMER_HOLD: paused at the time saved, running or not
 * @STAPLE_TIMER_RESUME: as saved; a clock that ran runs on from the time saved
 * @STAPLE_TIMER_CATCH_UP: as saved; a clock that ran has run on since, by the
 *   wall clock, and runs on; unless it was saved more than eight hours ago:
 *   then it is held
 *
 * How staple_timer_restore() treats the time since the state was saved.
 */
typedef enum {
  STAPLE_TIMER_HOLD,
  STAPLE_TIMER_RESUME,
  STAPLE_TIMER_CATCH_UP,
} StapleTimerRestore;

StapleTimer *staple_timer_new           (void);
void         staple_timer_start         (StapleTimer *self);
void         staple_timer_pause         (StapleTimer *self);
void         staple_timer_reset         (StapleTimer *self,
                                         int          seconds);
void         staple_timer_add           (StapleTimer *self,
                                         int          seconds);
void         staple_timer_set_timebox   (StapleTimer *self,
                                         int          seconds);
int          staple_timer_get_timebox   (StapleTimer *self);
int          staple_timer_get_remaining (StapleTimer *self);
int          staple_timer_get_duration  (StapleTimer *self);
gboolean     staple_timer_get_running   (StapleTimer *self);
gboolean     staple_timer_get_expired   (StapleTimer *self);
char        *staple_timer_format        (StapleTimer *self);
GVariant    *staple_timer_save          (StapleTimer *self);
gboolean     staple_timer_restore       (StapleTimer        *self,
                                         GVariant           *state,
                                         StapleTimerRestore  how);

G_END_DECLS
