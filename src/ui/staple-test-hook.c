/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-test-hook.c: tells a test which labels on screen are cut.
 *
 * Hidden, for the language tests only (tests/e2e-language.py): with
 * STAPLE_TEST_CUT_LABELS=FILE set, a moment after each frame the hook looks
 * at every label shown in the application's windows and appends to FILE a
 * line for each one cut short, once per text:
 *
 *   ellipsized<TAB>TEXT<TAB>WINDOW TITLE   shown with "…" for want of room
 *   outside<TAB>TEXT<TAB>WINDOW TITLE      reaching past its window's edge
 *   larger<TAB>W×H, SCREEN W×H<TAB>TITLE  a window larger than its screen
 *
 * Labels inside a scrolled view are only checked for ellipsis: the view cuts
 * them on purpose. Unset, nothing is connected and nothing costs.
 */
#define G_LOG_DOMAIN "staple-test-hook"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "staple-test-hook.h"

typedef struct
{
  char       *path;
  GHashTable *reported; /* "reason\ttext" */
  guint       check_id;
} Hook;

static void
report (Hook       *hook,
        const char *reason,
        const char *text,
        GtkWindow  *window)
{
  g_autofree char *key = g_strconcat (reason, "\t", text, NULL);
  g_autofree char *flat = g_strdelimit (g_strdup (text), "\t\n", ' ');
  g_autofree char *line = NULL;
  const char *title = gtk_window_get_title (window);
  FILE *file;

  if (g_hash_table_contains (hook->reported, key))
    return;

  line = g_strdup_printf ("%s\t%s\t%s\n", reason, flat, title != NULL ? title : "");
  /* One line a write, so a test reading the file meanwhile sees whole lines. */
  file = fopen (hook->path, "a");
  if (file == NULL)
    return;
  fputs (line, file);
  fclose (file);
  g_hash_table_add (hook->reported, g_steal_pointer (&key));
}

static void
check_label (Hook      *hook,
             GtkLabel  *label,
             GtkWindow *window,
             gboolean   scrolled)
{
  const char *text = gtk_label_get_text (label);
  graphene_rect_t bounds;

  if (text == NULL || *text == '\0')
    return;

  if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    {
      report (hook, "ellipsized", text, window);
      return;
    }

  if (!scrolled &&
      gtk_widget_compute_bounds (GTK_WIDGET (label), GTK_WIDGET (window), &bounds) &&
      (bounds.origin.x < -0.5 || bounds.origin.y < -0.5 ||
       bounds.origin.x + bounds.size.width > gtk_widget_get_width (GTK_WIDGET (window)) + 0.5 ||
       bounds.origin.y + bounds.size.height > gtk_widget_get_height (GTK_WIDGET (window)) + 0.5))
    report (hook, "outside", text, window);
}

static void
check_widget (Hook      *hook,
              GtkWidget *widget,
              GtkWindow *window,
              gboolean   scrolled)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget) ||
      gtk_widget_get_width (widget) <= 0)
    return;

  if (GTK_IS_LABEL (widget))
    check_label (hook, GTK_LABEL (widget), window, scrolled);

  scrolled = scrolled || GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_VIEWPORT (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (hook, child, window, scrolled);
}

static gboolean
check_cb (gpointer data)
{
  Hook *hook = data;
  GListModel *toplevels = gtk_window_get_toplevels (); /* GTK's own */

  hook->check_id = 0;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
      GdkMonitor *monitor = surface != NULL && gtk_widget_get_mapped (GTK_WIDGET (window))
                            ? gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface),
                                                                  surface)
                            : NULL;
      GdkRectangle screen;

      /* A window the screen cannot show whole (the shortcuts window, once,
       * in German): what does not fit is cut, whatever its labels say. */
      if (monitor != NULL)
        {
          gdk_monitor_get_geometry (monitor, &screen);
          if (gtk_widget_get_width (GTK_WIDGET (window)) > screen.width ||
              gtk_widget_get_height (GTK_WIDGET (window)) > screen.height)
            {
              g_autofree char *size =
                g_strdup_printf ("%d×%d, screen %d×%d", gtk_widget_get_width (GTK_WIDGET (window)),
                                 gtk_widget_get_height (GTK_WIDGET (window)), screen.width,
                                 screen.height);

              report (hook, "larger", size, window);
            }
        }
      check_widget (hook, GTK_WIDGET (window), window, FALSE);
    }
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  Hook *hook = data;

  /* Once a frame has settled, not for every frame of an animation. */
  if (hook->check_id != 0)
    g_source_remove (hook->check_id);
  hook->check_id = g_timeout_add (150, check_cb, hook);
}

static void
realize_cb (GtkWidget *window,
            gpointer   data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), data);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        data)
{
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realize_cb (GTK_WIDGET (window), data);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), data);
}

/**
 * staple_test_hook_install:
 * @app: the application
 *
 * Connects the hook if `STAPLE_TEST_CUT_LABELS` is set; otherwise does
 * nothing.
 */
void
staple_test_hook_install (GtkApplication *app)
{
  const char *path = g_getenv ("STAPLE_TEST_CUT_LABELS");
  Hook *hook;

  if (path == NULL || *path == '\0')
    return;

  hook = g_new0 (Hook, 1);
  hook->path = g_strdup (path);
  hook->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The hook lives as long as the process. */
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), hook);
}
