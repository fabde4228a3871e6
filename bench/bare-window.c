/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare-window: GTK's hello window, the reference of whole-process.sh.
 *
 * A GtkApplication with one GtkApplicationWindow holding a label, nothing
 * else. Built a second time as bare-adw-window (BARE_ADW): the same with
 * libadwaita's AdwApplication and AdwApplicationWindow, the least any
 * libadwaita app starts with. With STAPLE_BENCH_FIRST_FRAME set it prints "first-frame T" on
 * stderr after its first frame is painted, T in g_get_monotonic_time ()
 * microseconds, as Staple does (src/ui/staple-bench-hook.c); with =quit it
 * then quits.
 */
#include "config.h"

#ifdef BARE_ADW
#include <adwaita.h>
#else
#include <gtk/gtk.h>
#endif

#include <stdio.h>

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  GApplication *app = data;
  const char *mode = g_getenv ("STAPLE_BENCH_FIRST_FRAME");

  fprintf (stderr, "first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stderr);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, data);
  if (g_strcmp0 (mode, "quit") == 0)
    g_application_quit (app);
}

static void
realize_cb (GtkWidget *window,
            gpointer   data)
{
  if (g_getenv ("STAPLE_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                      G_CALLBACK (after_paint_cb), data);
}

static void
activate_cb (GApplication *app,
             gpointer      data)
{
#ifdef BARE_ADW
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      gtk_label_new ("Hello, world"));
#else
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello, world"));
#endif
  gtk_window_set_title (GTK_WINDOW (window), "Hello");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_signal_connect_after (window, "realize", G_CALLBACK (realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
#ifdef BARE_ADW
  g_autoptr(GtkApplication) app = GTK_APPLICATION (adw_application_new ("io.github.stapleapp.BareWindow",
                                                                        G_APPLICATION_DEFAULT_FLAGS));
#else
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.stapleapp.BareWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);
#endif

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
