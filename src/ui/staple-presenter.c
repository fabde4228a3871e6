/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-presenter.c: the audience's view for the projector.
 *
 * Large type, the map with the current stage, the phase and the timer, and
 * no editing chrome. With a second monitor it goes full screen there and the
 * coach's window stays on the laptop; with one it takes the whole screen,
 * and the map in it still takes the coach's keys.
 */
#define G_LOG_DOMAIN "staple-presenter"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-map-view.h"
#include "staple-presenter.h"

#define PRESENTER_TEXT_SCALE 1.5
#define PRESENTER_ZOOM 0.8

struct _StaplePresenter
{
  GtkWindow      parent_instance;

  GtkWindow     *owner;
  StapleTimer   *timer;
  GtkLabel      *phase_label;
  GtkLabel      *purpose_label;
  GtkLabel      *clock;
  StapleMapView *map_view;
};

G_DEFINE_FINAL_TYPE (StaplePresenter, staple_presenter, GTK_TYPE_WINDOW)

static void
timer_changed_cb (StaplePresenter *self)
{
  g_autofree char *text = staple_timer_format (self->timer);

  gtk_label_set_text (self->clock, text);
  if (staple_timer_get_expired (self->timer))
    gtk_widget_add_css_class (GTK_WIDGET (self->clock), "expired");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->clock), "expired");
}

/**
 * staple_presenter_set_phase:
 *
 * Shows the phase the room is in.
 */
void
staple_presenter_set_phase (StaplePresenter *self,
                            StaplePhase      phase)
{
  g_autofree char *title = NULL;

  g_return_if_fail (STAPLE_IS_PRESENTER (self));

  title = g_strdup_printf (_("%d. %s"), phase + 1, staple_phase_get_label (phase));
  gtk_label_set_text (self->phase_label, title);
  gtk_label_set_text (self->purpose_label, staple_phase_get_purpose (phase));
}

/* The projector is the monitor the coach's window is not on. */
static GdkMonitor *
audience_monitor (StaplePresenter *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->owner));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->owner));
  g_autoptr(GdkMonitor) coach = NULL;

  if (g_list_model_get_n_items (monitors) < 2 || surface == NULL)
    return NULL;

  coach = g_object_ref (gdk_display_get_monitor_at_surface (display, surface));
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != coach)
        return monitor;
    }

  return NULL;
}

/**
 * staple_presenter_show:
 *
 * Goes full screen on the projector, or on the only screen there is.
 */
void
staple_presenter_show (StaplePresenter *self)
{
  GdkMonitor *monitor;

  g_return_if_fail (STAPLE_IS_PRESENTER (self));

  monitor = audience_monitor (self);
  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  else
    gtk_window_fullscreen (GTK_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));

  /* Large enough to read from the back of the room at 1280×720: the
   * current stage and its neighbours, not the whole journey. */
  staple_map_view_set_zoom (self->map_view, PRESENTER_ZOOM);
  staple_map_view_show_current_stage (self->map_view);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                StaplePresenter       *self)
{
  /* Escape leaves, once the map has nothing more to let go of. */
  if (keyval == GDK_KEY_Escape || keyval == GDK_KEY_F5)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    }

  return FALSE;
}

static void
staple_presenter_dispose (GObject *object)
{
  StaplePresenter *self = STAPLE_PRESENTER (object);

  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_clear_object (&self->timer);

  G_OBJECT_CLASS (staple_presenter_parent_class)->dispose (object);
}

static void
staple_presenter_class_init (StaplePresenterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = staple_presenter_dispose;
}

static GtkWidget *
build_top (StaplePresenter *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (top, "presenter-bar");
  self->phase_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->phase_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->phase_label), "title-1");
  self->purpose_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->purpose_label, 0);
  gtk_label_set_wrap (self->purpose_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->purpose_label), "title-4");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->phase_label));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->purpose_label));
  gtk_widget_set_hexpand (text, TRUE);

  self->clock = GTK_LABEL (gtk_label_new ("0:00"));
  gtk_widget_add_css_class (GTK_WIDGET (self->clock), "presenter-timer");
  gtk_widget_add_css_class (GTK_WIDGET (self->clock), "numeric");
  gtk_widget_set_valign (GTK_WIDGET (self->clock), GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (top), text);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->clock));
  return top;
}

static void
staple_presenter_init (StaplePresenter *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Staple — Presenter"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  gtk_widget_add_css_class (GTK_WIDGET (self), "presenter");

  self->map_view = STAPLE_MAP_VIEW (staple_map_view_new ());
  staple_map_view_set_for_audience (self->map_view, TRUE);
  staple_map_layout_set_text_scale (staple_map_view_get_layout (self->map_view),
                                    PRESENTER_TEXT_SCALE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->map_view));
  gtk_widget_set_vexpand (scroller, TRUE);

  gtk_box_append (GTK_BOX (box), build_top (self));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (GTK_WINDOW (self), box);

  /* After the map's own keys, which handle Escape first when something is
   * selected. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_BUBBLE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * staple_presenter_new:
 * @owner: the coach's #StapleWindow, whose actions the map's edits use
 * @editor: the open session's editor
 * @timer: the phase's timebox
 *
 * Returns: (transfer floating): the audience window, not shown yet
 */
GtkWidget *
staple_presenter_new (gpointer      owner,
                      StapleEditor *editor,
                      StapleTimer  *timer)
{
  StaplePresenter *self;

  g_return_val_if_fail (GTK_IS_APPLICATION_WINDOW (owner), NULL);
  g_return_val_if_fail (STAPLE_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (STAPLE_IS_TIMER (timer), NULL);

  self = g_object_new (STAPLE_TYPE_PRESENTER,
                       "application", gtk_window_get_application (GTK_WINDOW (owner)),
                       NULL);
  self->owner = GTK_WINDOW (owner);
  self->timer = g_object_ref (timer);

  /* Keys typed on the projector's map edit through the coach's window. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "win", G_ACTION_GROUP (owner));
  staple_map_view_set_session (self->map_view, staple_editor_get_session (editor));

  g_signal_connect_object (timer, "notify", G_CALLBACK (timer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  timer_changed_cb (self);
  return GTK_WIDGET (self);
}
