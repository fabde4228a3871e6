/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-phase-bar.c: the phases of the exercise, what the current one is
 * for, and its timebox, where the whole room can follow them. */
#define G_LOG_DOMAIN "staple-phase-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-label.h"
#include "staple-phase-bar.h"
#include "staple-text-column.h"

struct _StaplePhaseBar
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkWidget   *buttons[STAPLE_N_PHASES];
  GtkLabel    *title;
  GtkLabel    *purpose;
  GtkLabel    *clock;
  GtkWidget   *clock_box;
  GtkButton   *start_button;

  StapleTimer *timer;
  StaplePhase  phase;
};

G_DEFINE_FINAL_TYPE (StaplePhaseBar, staple_phase_bar, GTK_TYPE_WIDGET)

static void
timer_changed_cb (StaplePhaseBar *self)
{
  g_autofree char *text = NULL;
  gboolean running;

  if (self->timer == NULL)
    return;

  text = staple_timer_format (self->timer);
  running = staple_timer_get_running (self->timer);
  gtk_label_set_text (self->clock, text);

  gtk_button_set_icon_name (self->start_button,
                            running ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_button),
                               running ? _("Pause the Timer") : _("Start the Timer"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button),
                                  running ? "win.timer-pause" : "win.timer-start");

  /* At zero: a calm change of colour, never a dialog. */
  if (staple_timer_get_expired (self->timer))
    gtk_widget_add_css_class (self->clock_box, "expired");
  else
    gtk_widget_remove_css_class (self->clock_box, "expired");
}

/**
 * staple_phase_bar_set_timer:
 * @timer: the timebox to show
 */
void
staple_phase_bar_set_timer (StaplePhaseBar *self,
                            StapleTimer    *timer)
{
  g_return_if_fail (STAPLE_IS_PHASE_BAR (self));

  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_set_object (&self->timer, timer);

  if (timer != NULL)
    g_signal_connect_object (timer, "notify", G_CALLBACK (timer_changed_cb), self,
                             G_CONNECT_SWAPPED);
  timer_changed_cb (self);
}

/**
 * staple_phase_bar_set_phase:
 *
 * Shows @phase as the current one, with what it is for.
 */
void
staple_phase_bar_set_phase (StaplePhaseBar *self,
                            StaplePhase     phase)
{
  g_autofree char *title = NULL;

  g_return_if_fail (STAPLE_IS_PHASE_BAR (self));
  g_return_if_fail (phase < STAPLE_N_PHASES);

  self->phase = phase;
  /* Translators: "3. Walk" — the phase's number and name */
  title = g_strdup_printf (_("%d. %s"), phase + 1, staple_phase_get_label (phase));
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->purpose, staple_phase_get_purpose (phase));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->purpose), staple_phase_get_capture (phase));
}

static GtkWidget *
phase_buttons (StaplePhaseBar *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (row, "linked");
  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);

  for (int phase = 0; phase < STAPLE_N_PHASES; phase++)
    {
      g_autofree char *label = g_strdup_printf ("%d %s", phase + 1, staple_phase_get_label (phase));
      g_autofree char *tooltip = g_strdup_printf (_("%s (Alt+%d)"),
                                                  staple_phase_get_purpose (phase),
                                                  phase + 1);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);
      const char *nick = staple_enum_to_nick (STAPLE_TYPE_PHASE, phase);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.set-phase");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", nick);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "phase-button");
      gtk_box_append (GTK_BOX (row), button);
      self->buttons[phase] = button;
    }

  return row;
}

static GtkWidget *
clock_controls (StaplePhaseBar *self)
{
  GtkWidget *add = gtk_button_new_with_label (_("+5 min"));
  GtkWidget *reset = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  self->clock_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->clock_box, "timebox");
  gtk_widget_set_valign (self->clock_box, GTK_ALIGN_CENTER);

  self->clock = GTK_LABEL (gtk_label_new ("0:00"));
  gtk_widget_add_css_class (GTK_WIDGET (self->clock), "timer");
  gtk_widget_add_css_class (GTK_WIDGET (self->clock), "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clock), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time left in this phase"), -1);

  self->start_button = GTK_BUTTON (gtk_button_new_from_icon_name ("media-playback-start-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.timer-add");
  gtk_widget_set_tooltip_text (add, _("Give this phase five more minutes"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "win.timer-reset");
  gtk_widget_set_tooltip_text (reset, _("Reset the Timer"));

  gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "flat");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_add_css_class (reset, "flat");

  gtk_box_append (GTK_BOX (self->clock_box), GTK_WIDGET (self->clock));
  gtk_box_append (GTK_BOX (self->clock_box), GTK_WIDGET (self->start_button));
  gtk_box_append (GTK_BOX (self->clock_box), add);
  gtk_box_append (GTK_BOX (self->clock_box), reset);
  return self->clock_box;
}

static void
staple_phase_bar_dispose (GObject *object)
{
  StaplePhaseBar *self = STAPLE_PHASE_BAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->timer);

  G_OBJECT_CLASS (staple_phase_bar_parent_class)->dispose (object);
}

/* The bar's height follows its width (the purpose wraps), never the other
 * way: asked for its width at a height, as GTK asks on every allocation of
 * the page above it, it gives its width, instead of searching for the
 * narrowest width the purpose fits at that height (some 140 Pango layouts
 * of the purpose in a window's first frame). */
static void
staple_phase_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  StaplePhaseBar *self = STAPLE_PHASE_BAR (widget);

  gtk_widget_measure (self->box, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
staple_phase_bar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
staple_phase_bar_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  StaplePhaseBar *self = STAPLE_PHASE_BAR (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
staple_phase_bar_class_init (StaplePhaseBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_phase_bar_dispose;
  widget_class->measure = staple_phase_bar_measure;
  widget_class->get_request_mode = staple_phase_bar_get_request_mode;
  widget_class->size_allocate = staple_phase_bar_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "phasebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
staple_phase_bar_init (StaplePhaseBar *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = staple_text_column_new (2);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Phases of the workshop"), -1);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  self->purpose = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->purpose, 0);
  staple_label_set_wrap (self->purpose);
  gtk_widget_add_css_class (GTK_WIDGET (self->purpose), "dim-label");
  staple_text_column_append (STAPLE_TEXT_COLUMN (text), GTK_WIDGET (self->title));
  staple_text_column_append (STAPLE_TEXT_COLUMN (text), GTK_WIDGET (self->purpose));
  gtk_widget_set_hexpand (text, TRUE);

  gtk_box_append (GTK_BOX (line), text);
  gtk_box_append (GTK_BOX (line), clock_controls (self));

  gtk_box_append (GTK_BOX (self->box), phase_buttons (self));
  gtk_box_append (GTK_BOX (self->box), line);

  staple_phase_bar_set_phase (self, STAPLE_PHASE_FRAME);
}

/**
 * staple_phase_bar_new:
 *
 * Returns: (transfer floating): a phase bar showing the first phase
 */
GtkWidget *
staple_phase_bar_new (void)
{
  return g_object_new (STAPLE_TYPE_PHASE_BAR, NULL);
}
