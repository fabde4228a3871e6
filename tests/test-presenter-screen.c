/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which monitor the presenter goes full screen on, with fake setups of one,
 * two and three monitors. */
#include "config.h"

#include "../src/ui/staple-presenter-screen.h"

static void
test_one_monitor (void)
{
  cairo_rectangle_int_t laptop[] = { { 0, 0, 1920, 1080 } };

  /* A window, not full screen on the only screen: the coach needs theirs. */
  g_assert_cmpint (staple_presenter_pick_monitor (laptop, 1, 0), ==, -1);
  g_assert_cmpint (staple_presenter_pick_monitor (laptop, 1, -1), ==, -1);
  g_assert_cmpint (staple_presenter_pick_monitor (NULL, 0, -1), ==, -1);
}

static void
test_projector (void)
{
  cairo_rectangle_int_t two[] = { { 0, 0, 1920, 1200 }, { 1920, 0, 1280, 720 } };

  /* The monitor the coach is not on, whichever that is. */
  g_assert_cmpint (staple_presenter_pick_monitor (two, 2, 0), ==, 1);
  g_assert_cmpint (staple_presenter_pick_monitor (two, 2, 1), ==, 0);
  /* Not mapped yet: the coach is taken to be on the first. */
  g_assert_cmpint (staple_presenter_pick_monitor (two, 2, -1), ==, 1);
  g_assert_cmpint (staple_presenter_pick_monitor (two, 2, 7), ==, 1);
}

static void
test_three_monitors (void)
{
  /* The laptop, a small side panel, and the room's projector. */
  cairo_rectangle_int_t three[] = {
    { 0, 0, 1366, 768 }, { 1366, 0, 1024, 600 }, { 2390, 0, 1920, 1080 },
  };

  g_assert_cmpint (staple_presenter_pick_monitor (three, 3, 0), ==, 2);
  g_assert_cmpint (staple_presenter_pick_monitor (three, 3, 2), ==, 0);
}

static void
test_mirrored (void)
{
  /* A projector mirroring the laptop is no second screen. */
  cairo_rectangle_int_t mirrored[] = { { 0, 0, 1280, 720 }, { 0, 0, 1280, 720 } };
  cairo_rectangle_int_t broken[] = { { 0, 0, 1280, 720 }, { 1280, 0, 0, 0 } };

  g_assert_cmpint (staple_presenter_pick_monitor (mirrored, 2, 0), ==, -1);
  /* A monitor reporting no size cannot show anything. */
  g_assert_cmpint (staple_presenter_pick_monitor (broken, 2, 0), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/presenter-screen/one-monitor", test_one_monitor);
  g_test_add_func ("/presenter-screen/projector", test_projector);
  g_test_add_func ("/presenter-screen/three-monitors", test_three_monitors);
  g_test_add_func ("/presenter-screen/mirrored", test_mirrored);

  return g_test_run ();
}
