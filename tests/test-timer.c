/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-timer.c: a phase's clock, its timebox, and its state saved and
 * restored as a restart of the app would. */

#include <glib-object.h>

#include "../src/ui/staple-timer.h"

#define MINUTE 60
#define HOUR (60 * MINUTE)

/* A state as staple_timer_save() makes it, saved @ago seconds before now. */
static GVariant *
saved (int      timebox,
       int      duration,
       int      remaining,
       gboolean running,
       gint64   ago)
{
  return g_variant_ref_sink (g_variant_new ("(iiibx)", timebox, duration, remaining, running,
                                            g_get_real_time () - ago * G_USEC_PER_SEC));
}

static void
test_timer_reset (void)
{
  g_autoptr(StapleTimer) timer = staple_timer_new ();
  g_autofree char *text = NULL;

  staple_timer_reset (timer, 40 * MINUTE);
  g_assert_cmpint (staple_timer_get_remaining (timer), ==, 40 * MINUTE);
  g_assert_cmpint (staple_timer_get_timebox (timer), ==, 40 * MINUTE);
  g_assert_cmpint (staple_timer_get_duration (timer), ==, 40 * MINUTE);
  g_assert_false (staple_timer_get_running (timer));
  g_assert_false (staple_timer_get_expired (timer));
  text = staple_timer_format (timer);
  g_assert_cmpstr (text, ==, "40:00");
}

/* A new timebox keeps the time spent and the minutes added. */
static void
test_timer_timebox (void)
{
  g_autoptr(StapleTimer) timer = staple_timer_new ();
  g_autoptr(GVariant) state = saved (40 * MINUTE, 45 * MINUTE, 38 * MINUTE, FALSE, 0);

  g_assert_true (staple_timer_restore (timer, state, STAPLE_TIMER_RESUME));
  staple_timer_set_timebox (timer, 30 * MINUTE);
  g_assert_cmpint (staple_timer_get_timebox (timer), ==, 30 * MINUTE);
  g_assert_cmpint (staple_timer_get_duration (timer), ==, 35 * MINUTE);
  g_assert_cmpint (staple_timer_get_remaining (timer), ==, 28 * MINUTE);

  staple_timer_set_timebox (timer, 1 * MINUTE);
  g_assert_cmpint (staple_timer_get_remaining (timer), ==, -1 * MINUTE);
  g_assert_true (staple_timer_get_expired (timer));

  staple_timer_reset (timer, 30 * MINUTE);
  g_assert_cmpint (staple_timer_get_duration (timer), ==, 30 * MINUTE);
  g_assert_false (staple_timer_get_expired (timer));
}

/* 38:39 left, running, saved ten seconds ago. */
static void
test_timer_restore_how (void)
{
  g_autoptr(GVariant) state = saved (40 * MINUTE, 40 * MINUTE, 38 * MINUTE + 39, TRUE, 10);
  struct {
    StapleTimerRestore how;
    int remaining;
    gboolean running;
  } cases[] = {
    { STAPLE_TIMER_HOLD, 38 * MINUTE + 39, FALSE },
    { STAPLE_TIMER_RESUME, 38 * MINUTE + 39, TRUE },
    { STAPLE_TIMER_CATCH_UP, 38 * MINUTE + 29, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StapleTimer) timer = staple_timer_new ();

      g_assert_true (staple_timer_restore (timer, state, cases[i].how));
      g_assert_cmpint (staple_timer_get_remaining (timer), ==, cases[i].remaining);
      g_assert_cmpint (staple_timer_get_running (timer), ==, cases[i].running);
      g_assert_cmpint (staple_timer_get_timebox (timer), ==, 40 * MINUTE);
    }
}

/* Ten seconds left when the app died, back seventy seconds later. */
static void
test_timer_restore_overtime (void)
{
  g_autoptr(StapleTimer) timer = staple_timer_new ();
  g_autoptr(GVariant) state = saved (10 * MINUTE, 10 * MINUTE, 10, TRUE, 70);
  g_autoptr(GVariant) again = NULL;
  g_autofree char *text = NULL;
  int remaining;
  gboolean running;

  g_assert_true (staple_timer_restore (timer, state, STAPLE_TIMER_CATCH_UP));
  g_assert_cmpint (staple_timer_get_remaining (timer), ==, -60);
  g_assert_true (staple_timer_get_expired (timer));
  text = staple_timer_format (timer);
  g_assert_cmpstr (text, ==, "−1:00");

  again = g_variant_ref_sink (staple_timer_save (timer));
  g_variant_get (again, "(iiibx)", NULL, NULL, &remaining, &running, NULL);
  g_assert_cmpint (remaining, ==, -60);
  g_assert_true (running);
}

/* Back after a night, or with the wall clock set back: nothing absurd. */
static void
test_timer_restore_far (void)
{
  g_autoptr(StapleTimer) timer = staple_timer_new ();
  g_autoptr(GVariant) night = saved (40 * MINUTE, 40 * MINUTE, 20 * MINUTE, TRUE, 9 * HOUR);
  g_autoptr(GVariant) future = saved (40 * MINUTE, 40 * MINUTE, 20 * MINUTE, TRUE, -HOUR);

  g_assert_true (staple_timer_restore (timer, night, STAPLE_TIMER_CATCH_UP));
  g_assert_cmpint (staple_timer_get_remaining (timer), ==, 20 * MINUTE);
  g_assert_false (staple_timer_get_running (timer));

  g_assert_true (staple_timer_restore (timer, future, STAPLE_TIMER_CATCH_UP));
  g_assert_cmpint (staple_timer_get_remaining (timer), ==, 20 * MINUTE);
  g_assert_true (staple_timer_get_running (timer));
}

/* A stored state that cannot be one leaves the timer as it was. */
static void
test_timer_restore_refused (void)
{
  g_autoptr(StapleTimer) timer = staple_timer_new ();
  const char * const states[] = {
    "(600, 600, 600)",
    "(600, 600, 600, true, 0, 1)",
    "(-1, 600, 600, false, int64 0)",
    "(600, -5, 600, false, int64 0)",
    "(600, 600, 2000000000, false, int64 0)",
    "(600, 600, -2000000000, true, int64 0)",
    "(2147483647, 600, 600, false, int64 0)",
  };

  staple_timer_reset (timer, 15 * MINUTE);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) state = g_variant_parse (NULL, states[i], NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_false (staple_timer_restore (timer, state, STAPLE_TIMER_CATCH_UP));
      g_assert_cmpint (staple_timer_get_remaining (timer), ==, 15 * MINUTE);
      g_assert_cmpint (staple_timer_get_timebox (timer), ==, 15 * MINUTE);
      g_assert_false (staple_timer_get_running (timer));
    }
}

/* Saved while running and restored at once, as a kill -9 and a quick
 * restart would: no second is lost or gained. */
static void
test_timer_save_round_trip (void)
{
  g_autoptr(StapleTimer) timer = staple_timer_new ();
  g_autoptr(StapleTimer) restored = staple_timer_new ();
  g_autoptr(GVariant) state = NULL;

  staple_timer_reset (timer, 40 * MINUTE);
  staple_timer_start (timer);
  g_usleep (G_USEC_PER_SEC + G_USEC_PER_SEC / 2);
  state = g_variant_ref_sink (staple_timer_save (timer));

  g_assert_true (staple_timer_restore (restored, state, STAPLE_TIMER_CATCH_UP));
  g_assert_cmpint (staple_timer_get_remaining (restored), ==,
                   staple_timer_get_remaining (timer));
  g_assert_true (staple_timer_get_running (restored));

  /* Both pass the next second together. */
  g_usleep (G_USEC_PER_SEC / 2 + G_USEC_PER_SEC / 10);
  g_assert_cmpint (staple_timer_get_remaining (timer), <=, 40 * MINUTE - 2);
  g_assert_cmpint (staple_timer_get_remaining (restored), ==,
                   staple_timer_get_remaining (timer));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timer/reset", test_timer_reset);
  g_test_add_func ("/timer/timebox", test_timer_timebox);
  g_test_add_func ("/timer/restore/how", test_timer_restore_how);
  g_test_add_func ("/timer/restore/overtime", test_timer_restore_overtime);
  g_test_add_func ("/timer/restore/far", test_timer_restore_far);
  g_test_add_func ("/timer/restore/refused", test_timer_restore_refused);
  g_test_add_func ("/timer/save/round-trip", test_timer_save_round_trip);

  return g_test_run ();
}
