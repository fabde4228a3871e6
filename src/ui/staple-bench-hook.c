/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-bench-hook.c: tells staple-bench when a frame is on screen.
 *
 * Hidden, for the benchmark only: with STAPLE_BENCH_FIRST_FRAME set, the
 * first window's frame clock reports on stderr, after the frame is painted,
 *
 *   first-frame T    the window's first frame
 *   map-frame T      the first frame in which the journey map is drawn
 *                    (again after it was hidden)
 *   map-hidden T     the first frame without the map after one with it
 *   window-frame T   the first frame of any later window (the review's)
 *
 * T being g_get_monotonic_time () in microseconds, the clock the benchmark
 * reads too. With STAPLE_BENCH_FIRST_FRAME=quit the window closes and the
 * application quits after its first frame. With STAPLE_BENCH_FIRST_FRAME=frames
 * every frame is reported too, as `frame START END` (its update phase to the
 * end of its paint), for seeing what an edit costs on screen. With
 * STAPLE_BENCH_FIRST_FRAME=windows a later window closes after its first
 * frame, so that it can be opened again and again. Unset, nothing is
 * connected and nothing costs.
 */
#define G_LOG_DOMAIN "staple-bench-hook"

#include "config.h"

#include <stdio.h>

#include "staple-bench-hook.h"

typedef struct
{
  GtkApplication *app;
  GtkWidget      *window;
  GtkWidget      *map_view;        /* weak */
  GType           map_view_type;
  gboolean        quit;
  gboolean        every_frame;
  gboolean        close_others;
  gint64          frame_start;
  gboolean        first_done;
  gboolean        map_shown;
} Hook;

static void
report (const char *what,
        gint64      when)
{
  fprintf (stderr, "%s %" G_GINT64_FORMAT "\n", what, when);
  fflush (stderr);
}

static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the map was in the frame just painted: mapped, and given a size
 * (so it was snapshot) in this frame's layout. */
static gboolean
map_drawn (Hook *hook)
{
  if (hook->map_view_type == G_TYPE_INVALID)
    hook->map_view_type = g_type_from_name ("StapleMapView");
  if (hook->map_view_type == G_TYPE_INVALID)
    return FALSE;

  if (hook->map_view == NULL)
    {
      hook->map_view = find_mapped (hook->window, hook->map_view_type);
      if (hook->map_view != NULL)
        g_object_add_weak_pointer (G_OBJECT (hook->map_view), (gpointer *) &hook->map_view);
    }

  return hook->map_view != NULL && gtk_widget_get_mapped (hook->map_view) &&
         gtk_widget_get_width (hook->map_view) > 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  Hook *hook = data;
  gint64 now = g_get_monotonic_time ();
  gboolean map = map_drawn (hook);

  if (hook->every_frame)
    {
      fprintf (stderr, "frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", hook->frame_start, now);
      fflush (stderr);
    }

  if (!hook->first_done)
    {
      hook->first_done = TRUE;
      report ("first-frame", now);
      if (hook->quit)
        {
          /* Closed as a person closes it, so the next start is not taken
           * for one after a crash. */
          gtk_window_close (GTK_WINDOW (hook->window));
          g_application_quit (G_APPLICATION (hook->app));
          return;
        }
    }

  if (map != hook->map_shown)
    report (map ? "map-frame" : "map-hidden", now);
  hook->map_shown = map;
}

static void
update_cb (GdkFrameClock *clock,
           gpointer       data)
{
  Hook *hook = data;

  hook->frame_start = g_get_monotonic_time ();
}

static void
realize_cb (GtkWidget *window,
            gpointer   data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (((Hook *) data)->every_frame)
    g_signal_connect (clock, "update", G_CALLBACK (update_cb), data);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), data);
}

/* A later window's first frame: reported, and the window closed once
 * the frame is done when asked. */
static void
other_after_paint_cb (GdkFrameClock *clock,
                      gpointer       data)
{
  GtkWidget *window = data;
  Hook *hook = g_object_get_data (G_OBJECT (window), "staple-bench-hook");

  report ("window-frame", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, other_after_paint_cb, data);
  if (hook->close_others)
    g_idle_add_once ((GSourceOnceFunc) gtk_window_close, window);
}

static void
other_realize_cb (GtkWidget *window,
                  gpointer   data)
{
  g_object_set_data (G_OBJECT (window), "staple-bench-hook", data);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (other_after_paint_cb), window);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        data)
{
  Hook *hook = data;

  if (hook->window != NULL)
    {
      g_signal_connect_after (window, "realize", G_CALLBACK (other_realize_cb), hook);
      return;
    }

  hook->window = GTK_WIDGET (window);
  g_signal_connect_after (window, "realize", G_CALLBACK (realize_cb), hook);
}

/**
 * staple_bench_hook_install:
 * @app: the application, before it runs
 *
 * Reports the first window's frames on stderr when STAPLE_BENCH_FIRST_FRAME
 * is set (see above); does nothing otherwise.
 */
void
staple_bench_hook_install (GtkApplication *app)
{
  const char *mode = g_getenv ("STAPLE_BENCH_FIRST_FRAME");
  Hook *hook;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  if (mode == NULL || *mode == '\0')
    return;

  /* Lives as long as the process. */
  hook = g_new0 (Hook, 1);
  hook->app = app;
  hook->quit = g_str_equal (mode, "quit");
  hook->every_frame = g_str_equal (mode, "frames");
  hook->close_others = g_str_equal (mode, "windows");
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), hook);
}
