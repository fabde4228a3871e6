/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-timer.c: a phase's timebox, counting down in whole seconds.
 *
 * Time is read from the monotonic clock, so a busy main loop never makes
 * the countdown slow; the tick only decides when to tell the room. Its
 * state can be saved and restored, in another run of the app too: the wall
 * clock then tells how long a running clock ran while nobody watched.
 */
#define G_LOG_DOMAIN "staple-timer"

#include "config.h"

#include "staple-timer.h"

/* Longer than any workshop: a stored clock beyond it is not one. */
#define MAX_SECONDS (366 * 24 * 60 * 60)
/* A clock away for longer than a workshop day has not run on: the meeting
 * is over, and the clock waits where it was. */
#define MAX_CATCH_UP (8 * 60 * 60)

struct _StapleTimer
{
  GObject parent_instance;

  int     timebox;       /* seconds the phase is given, without additions */
  int     duration;      /* the timebox plus additions */
  int     remaining;     /* seconds left when last paused or reset */
  gint64  started_at;    /* monotonic µs when running, else 0 */
  guint   tick_id;
  int     shown;         /* the remaining seconds last notified */
  gboolean expired;
};

G_DEFINE_FINAL_TYPE (StapleTimer, staple_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REMAINING,
  PROP_DURATION,
  PROP_TIMEBOX,
  PROP_RUNNING,
  PROP_EXPIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * staple_timer_get_remaining:
 *
 * Returns: seconds left; negative once the timebox is over (the overrun)
 */
int
staple_timer_get_remaining (StapleTimer *self)
{
  g_return_val_if_fail (STAPLE_IS_TIMER (self), 0);

  if (self->started_at == 0)
    return self->remaining;

  return self->remaining -
         (int) ((g_get_monotonic_time () - self->started_at) / G_USEC_PER_SEC);
}

static gboolean
tick_cb (gpointer data)
{
  StapleTimer *self = data;
  int remaining = staple_timer_get_remaining (self);

  if (remaining != self->shown)
    {
      self->shown = remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
    }

  if ((remaining <= 0) != self->expired)
    {
      self->expired = remaining <= 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRED]);
    }

  return G_SOURCE_CONTINUE;
}

static void
changed (StapleTimer *self)
{
  tick_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEBOX]);
}

static void
run (StapleTimer *self)
{
  self->started_at = g_get_monotonic_time ();
  self->tick_id = g_timeout_add (250, tick_cb, self);
}

/**
 * staple_timer_start:
 *
 * Starts or resumes the countdown.
 */
void
staple_timer_start (StapleTimer *self)
{
  g_return_if_fail (STAPLE_IS_TIMER (self));

  if (self->started_at != 0)
    return;

  run (self);
  changed (self);
}

/**
 * staple_timer_pause:
 *
 * Stops the countdown where it is.
 */
void
staple_timer_pause (StapleTimer *self)
{
  g_return_if_fail (STAPLE_IS_TIMER (self));

  if (self->started_at == 0)
    return;

  self->remaining = staple_timer_get_remaining (self);
  self->started_at = 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  changed (self);
}

/**
 * staple_timer_reset:
 * @seconds: the new timebox
 *
 * Stops the countdown and sets it back to @seconds, the new timebox,
 * without the additions of staple_timer_add().
 */
void
staple_timer_reset (StapleTimer *self,
                    int          seconds)
{
  g_return_if_fail (STAPLE_IS_TIMER (self));

  staple_timer_pause (self);
  self->timebox = CLAMP (seconds, 0, MAX_SECONDS);
  self->duration = self->timebox;
  self->remaining = self->timebox;
  changed (self);
}

/**
 * staple_timer_add:
 * @seconds: how much longer the timebox is
 *
 * Extends the timebox; running or not.
 */
void
staple_timer_add (StapleTimer *self,
                  int          seconds)
{
  g_return_if_fail (STAPLE_IS_TIMER (self));

  seconds = MIN (seconds, MAX_SECONDS - self->duration);
  self->remaining += seconds;
  self->duration += seconds;
  changed (self);
}

/**
 * staple_timer_set_timebox:
 * @seconds: the phase's new timebox
 *
 * Gives the phase a new timebox, keeping the time already spent and the
 * additions: the time left moves by the change, running or not.
 */
void
staple_timer_set_timebox (StapleTimer *self,
                          int          seconds)
{
  int change;

  g_return_if_fail (STAPLE_IS_TIMER (self));

  seconds = CLAMP (seconds, 0, MAX_SECONDS);
  if (seconds == self->timebox)
    return;

  change = seconds - self->timebox;
  self->timebox = seconds;
  self->duration = MAX (self->duration + change, 0);
  self->remaining += change;
  changed (self);
}

/**
 * staple_timer_get_timebox:
 *
 * Returns: the seconds the phase is given, without additions
 */
int
staple_timer_get_timebox (StapleTimer *self)
{
  g_return_val_if_fail (STAPLE_IS_TIMER (self), 0);

  return self->timebox;
}

/**
 * staple_timer_get_duration:
 *
 * Returns: the timebox in seconds
 */
int
staple_timer_get_duration (StapleTimer *self)
{
  g_return_val_if_fail (STAPLE_IS_TIMER (self), 0);

  return self->duration;
}

/**
 * staple_timer_get_running:
 *
 * Returns: whether the countdown runs
 */
gboolean
staple_timer_get_running (StapleTimer *self)
{
  g_return_val_if_fail (STAPLE_IS_TIMER (self), FALSE);

  return self->started_at != 0;
}

/**
 * staple_timer_get_expired:
 *
 * Returns: whether the countdown has reached zero
 */
gboolean
staple_timer_get_expired (StapleTimer *self)
{
  g_return_val_if_fail (STAPLE_IS_TIMER (self), FALSE);

  return self->expired;
}

/**
 * staple_timer_format:
 *
 * Returns: (transfer full): the time left as "12:05", or the overrun as
 *   "−1:30"
 */
char *
staple_timer_format (StapleTimer *self)
{
  int remaining = staple_timer_get_remaining (self);
  int magnitude = ABS (remaining);

  return g_strdup_printf ("%s%d:%02d", remaining < 0 ? "−" : "", magnitude / 60, magnitude % 60);
}

/**
 * staple_timer_save:
 *
 * The timer's state, for staple_timer_restore(): its timebox, duration and
 * the seconds left, whether it runs, and the wall-clock time (µs since the
 * epoch) when the seconds left were read.
 *
 * Returns: (transfer floating): a `(iiibx)` #GVariant
 */
GVariant *
staple_timer_save (StapleTimer *self)
{
  gint64 read_at;

  g_return_val_if_fail (STAPLE_IS_TIMER (self), NULL);

  /* A running clock's seconds left last changed a fraction of a second ago:
   * that moment is the one they are true for. */
  read_at = g_get_real_time ();
  if (self->started_at != 0)
    read_at -= (g_get_monotonic_time () - self->started_at) % G_USEC_PER_SEC;

  return g_variant_new ("(iiibx)", self->timebox, self->duration,
                        MAX (staple_timer_get_remaining (self), -MAX_SECONDS),
                        staple_timer_get_running (self), read_at);
}

/**
 * staple_timer_restore:
 * @state: what staple_timer_save() returned, perhaps in another run
 * @how: what the time since means for a clock that was running
 *
 * Puts the timer back as it was saved. A state that cannot be one (of
 * another type, or beyond a year) is refused, and the timer left as it was.
 *
 * Returns: whether @state was restored
 */
gboolean
staple_timer_restore (StapleTimer        *self,
                      GVariant           *state,
                      StapleTimerRestore  how)
{
  int timebox, duration, remaining;
  gboolean running;
  gint64 saved_at, late = 0;  /* µs */

  g_return_val_if_fail (STAPLE_IS_TIMER (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (!g_variant_is_of_type (state, G_VARIANT_TYPE ("(iiibx)")))
    return FALSE;

  g_variant_get (state, "(iiibx)", &timebox, &duration, &remaining, &running, &saved_at);
  if (timebox < 0 || timebox > MAX_SECONDS || duration < 0 || duration > MAX_SECONDS ||
      remaining < -MAX_SECONDS || remaining > MAX_SECONDS)
    return FALSE;

  /* A wall clock set back makes no time negative. */
  if (running && how == STAPLE_TIMER_CATCH_UP)
    {
      late = MAX (g_get_real_time () - saved_at, 0);
      if (late > (gint64) MAX_CATCH_UP * G_USEC_PER_SEC)
        {
          late = 0;
          how = STAPLE_TIMER_HOLD;
        }
    }

  staple_timer_pause (self);
  self->timebox = timebox;
  self->duration = duration;
  self->remaining = (int) MAX (remaining - late / G_USEC_PER_SEC, (gint64) -MAX_SECONDS);
  if (running && how != STAPLE_TIMER_HOLD)
    {
      run (self);
      /* The second under way when it was saved goes on where it was. */
      self->started_at -= late % G_USEC_PER_SEC;
    }
  changed (self);
  return TRUE;
}

static void
staple_timer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StapleTimer *self = STAPLE_TIMER (object);

  switch (prop_id)
    {
    case PROP_REMAINING:
      g_value_set_int (value, staple_timer_get_remaining (self));
      break;
    case PROP_DURATION:
      g_value_set_int (value, self->duration);
      break;
    case PROP_TIMEBOX:
      g_value_set_int (value, self->timebox);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, staple_timer_get_running (self));
      break;
    case PROP_EXPIRED:
      g_value_set_boolean (value, self->expired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_timer_dispose (GObject *object)
{
  StapleTimer *self = STAPLE_TIMER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (staple_timer_parent_class)->dispose (object);
}

static void
staple_timer_class_init (StapleTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = staple_timer_dispose;
  object_class->get_property = staple_timer_get_property;

  properties[PROP_REMAINING] =
    g_param_spec_int ("remaining", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int ("duration", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEBOX] =
    g_param_spec_int ("timebox", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPIRED] =
    g_param_spec_boolean ("expired", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_timer_init (StapleTimer *self)
{
}

/**
 * staple_timer_new:
 *
 * Returns: (transfer full): a stopped timer at 0:00
 */
StapleTimer *
staple_timer_new (void)
{
  return g_object_new (STAPLE_TYPE_TIMER, NULL);
}
