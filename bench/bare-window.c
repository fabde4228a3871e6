/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare-window: GTK's hello window, the reference of whole-process.sh.
 *
 * A GtkApplication with one GtkApplicationWindow holding a label, nothing
 * else. Built a second time as bare-adw-window (BARE_ADW): the same with
 * libadwaita's AdwApplication and AdwApplicationWindow, the least any
 * libadwaita app starts with; and a third as bare-adw-list-window
 * (BARE_ADW_LIST): that with a header bar and a boxed list of one row, the
 * least a libadwaita app's main window shows. With STAPLE_BENCH_FIRST_FRAME set it prints "first-frame T" on
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

#ifdef BARE_ADW
/* The window's content: the label, or (BARE_ADW_LIST) a header bar with
 * three buttons over a boxed list of one row with a menu button, as
 * Staple's library shows one session. */
static GtkWidget *
make_content (void)
{
#ifdef BARE_ADW_LIST
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();

  adw_header_bar_pack_start (ADW_HEADER_BAR (header), gtk_button_new_with_label ("New Session"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           gtk_button_new_from_icon_name ("open-menu-symbolic"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           gtk_button_new_from_icon_name ("system-search-symbolic"));
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Hello, world");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "One row · 10 stages · 28 friction points");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_button_new_from_icon_name ("view-more-symbolic"));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
#else
  return gtk_label_new ("Hello, world");
#endif
}
#endif

static void
activate_cb (GApplication *app,
             gpointer      data)
{
#ifdef BARE_ADW
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), make_content ());
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
