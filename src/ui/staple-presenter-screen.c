/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-presenter-screen.c: which screen the room looks at.
 *
 * Kept apart from the window, and free of GDK, so that the choice can be
 * tested without a display, let alone two.
 */
#define G_LOG_DOMAIN "staple-presenter"

#include "config.h"

#include "staple-presenter-screen.h"

/**
 * staple_presenter_pick_monitor:
 * @monitors: (array length=n_monitors): each monitor's geometry, in the
 *   display's order
 * @coach: the index of the monitor the coach's window is on, or -1 when it is
 *   not known yet (the window is not mapped)
 *
 * The projector is a monitor the coach's window is not on; of several, the
 * largest, which is the one a room is shown on far more often than a second
 * laptop panel; of equal ones, the first. When the coach's monitor is not
 * known it is taken to be the first, where a desktop opens windows.
 *
 * Returns: the index of the monitor for the audience, or -1 for none: there
 *   is one monitor only, and the presenter opens in a window on it
 */
int
staple_presenter_pick_monitor (const cairo_rectangle_int_t *monitors,
                               guint                        n_monitors,
                               int                          coach)
{
  gint64 best_area = 0;
  int best = -1;

  g_return_val_if_fail (monitors != NULL || n_monitors == 0, -1);

  if (n_monitors < 2)
    return -1;
  if (coach < 0 || (guint) coach >= n_monitors)
    coach = 0;

  for (guint i = 0; i < n_monitors; i++)
    {
      gint64 area = (gint64) MAX (monitors[i].width, 0) * MAX (monitors[i].height, 0);

      /* A monitor that mirrors the coach's shows the coach's window anyway. */
      if ((int) i == coach ||
          (monitors[i].x == monitors[coach].x && monitors[i].y == monitors[coach].y))
        continue;

      if (area > best_area)
        {
          best_area = area;
          best = (int) i;
        }
    }

  return best;
}
