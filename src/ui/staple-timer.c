/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-timer.c: a phase's timebox, counting down in whole seconds.
 *
 * Time is read from the monotonic clock, so a busy main loop never makes
 * the countdown slow; the tick only decides when to tell the room.
 */
#define G_LOG_DOMAIN "staple-timer"

#include "config.h"

#include "staple-timer.h"

struct _StapleTimer
{
  GObject parent_instance;

  int     duration;      /* seconds the timebox started from, plus additions */
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

  if (remaining <= 0 && !self->expired)
    {
      self->expired = TRUE;
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

  self->started_at = g_get_monotonic_time ();
  self->tick_id = g_timeout_add (250, tick_cb, self);
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
 * Stops the countdown and sets it back to @seconds.
 */
void
staple_timer_reset (StapleTimer *self,
                    int          seconds)
{
  g_return_if_fail (STAPLE_IS_TIMER (self));

  staple_timer_pause (self);
  self->duration = MAX (seconds, 0);
  self->remaining = self->duration;
  if (self->expired)
    {
      self->expired = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRED]);
    }
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

  self->remaining += seconds;
  self->duration += seconds;
  if (self->expired && staple_timer_get_remaining (self) > 0)
    {
      self->expired = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRED]);
    }
  changed (self);
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
