/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-principle-picker.c: choosing the principle a friction point goes
 * against, while the room talks.
 *
 * Every principle is listed by its number and its whole name, with why it
 * matters underneath; typing part of a name or a number narrows the list,
 * and Enter takes the first that is left. The list scrolls inside a height
 * that fits the screen. staple_principle_picker_button_new() puts it behind
 * a button in a row; staple_principle_picker_popup_at() opens it over any
 * widget, such as a card on the map. Both set the friction point's
 * principle through `win.set-friction-field`.
 */
#define G_LOG_DOMAIN "staple-principle-picker"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "staple-principle-picker.h"

#define N_PRINCIPLES (STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING + 1)

struct _StaplePrinciplePicker
{
  GtkWidget          parent_instance;

  GtkSearchEntry    *entry;
  GtkScrolledWindow *scrolled;
  GtkListBox        *list;
  GtkLabel          *empty_label;
  GtkWidget         *rows[N_PRINCIPLES];
  GtkWidget         *checks[N_PRINCIPLES];

  StaplePrinciple    principle;
  char              *query;
};

G_DEFINE_FINAL_TYPE (StaplePrinciplePicker, staple_principle_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRINCIPLE,
  N_PROPS
};

enum {
  PICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The list */

static gboolean
filter_cb (GtkListBoxRow *row,
           gpointer       user_data)
{
  StaplePrinciplePicker *self = user_data;
  int principle = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "principle"));

  return staple_principle_matches (principle, self->query != NULL ? self->query : "");
}

static GtkWidget *
first_match (StaplePrinciplePicker *self)
{
  for (guint p = 0; p < N_PRINCIPLES; p++)
    if (staple_principle_matches (p, self->query != NULL ? self->query : ""))
      return self->rows[p];

  return NULL;
}

/* The row Enter takes is shown selected. */
static void
search_changed_cb (StaplePrinciplePicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkWidget *first;

  g_free (self->query);
  self->query = g_strdup (text);
  gtk_list_box_invalidate_filter (self->list);

  first = first_match (self);
  gtk_list_box_select_row (self->list, first != NULL ? GTK_LIST_BOX_ROW (first) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), first == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->scrolled), first != NULL);
}

static void
pick (StaplePrinciplePicker *self,
      StaplePrinciple        principle)
{
  g_signal_emit (self, signals[PICKED], 0, (int) principle);
}

static void
entry_activate_cb (StaplePrinciplePicker *self)
{
  GtkWidget *first = first_match (self);

  if (first != NULL)
    pick (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (first), "principle")));
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
row_activated_cb (StaplePrinciplePicker *self,
                  GtkListBoxRow         *row)
{
  pick (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "principle")));
}

/* Escape clears what was typed, then closes. */
static void
stop_search_cb (StaplePrinciplePicker *self)
{
  GtkWidget *popover;

  if (*gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      return;
    }

  popover = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* Down goes from the search into the list, Up from its top back. */
static gboolean
entry_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              StaplePrinciplePicker *self)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || selected == NULL)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (selected));
  return TRUE;
}

static gboolean
list_keynav_failed_cb (StaplePrinciplePicker *self,
                       GtkDirectionType       direction)
{
  if (direction != GTK_DIR_UP)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return TRUE;
}

static void
wrap_label (GtkLabel *label)
{
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_max_width_chars (label, 52);
  gtk_label_set_width_chars (label, 36);
}

static GtkWidget *
build_row (StaplePrinciplePicker *self,
           StaplePrinciple        principle)
{
  g_autofree char *number = g_strdup_printf ("%d", (int) principle);
  /* Translators: a principle in the picker, for screen readers: number, name */
  g_autofree char *accessible = g_strdup_printf (_("%d. %s"), (int) principle,
                                                 staple_principle_get_label (principle));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number_label = gtk_label_new (number);
  GtkWidget *name = gtk_label_new (staple_principle_get_label (principle));
  GtkWidget *why = gtk_label_new (staple_principle_get_explanation (principle));
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_widget_add_css_class (row, "principle-row");
  gtk_widget_add_css_class (number_label, "principle-number");
  gtk_widget_add_css_class (number_label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (number_label), 2);
  gtk_label_set_xalign (GTK_LABEL (number_label), 1);
  gtk_widget_set_valign (number_label, GTK_ALIGN_START);

  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (why, "dim-label");
  gtk_widget_add_css_class (why, "caption");
  wrap_label (GTK_LABEL (name));
  wrap_label (GTK_LABEL (why));
  gtk_widget_set_hexpand (texts, TRUE);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("The principle it has now"));
  self->checks[principle] = check;

  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), why);
  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "principle", GINT_TO_POINTER (principle));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  staple_principle_get_explanation (principle),
                                  -1);
  return row;
}

static void
update_checks (StaplePrinciplePicker *self)
{
  for (guint p = 0; p < N_PRINCIPLES; p++)
    gtk_widget_set_opacity (self->checks[p], p == self->principle ? 1.0 : 0.0);
}

/* The space the window has above and below what the popover points at.
 * The window is on the screen, so a popover that stays inside it never runs
 * off the screen, whatever the screen's size. */
static void
space_around (GtkWidget *popover,
              int       *above,
              int       *below)
{
  GtkWidget *anchor = gtk_widget_get_parent (popover);
  GtkRoot *root = anchor != NULL ? gtk_widget_get_root (anchor) : NULL;
  GdkRectangle where = { 0, 0, 0, 0 };
  graphene_point_t top, bottom;

  *above = *below = 900 / 2;
  if (root == NULL)
    return;

  if (!gtk_popover_get_pointing_to (GTK_POPOVER (popover), &where))
    where = (GdkRectangle) { 0, 0, gtk_widget_get_width (anchor),
                             gtk_widget_get_height (anchor) };

  if (!gtk_widget_compute_point (anchor, GTK_WIDGET (root),
                                 &GRAPHENE_POINT_INIT (where.x, where.y), &top) ||
      !gtk_widget_compute_point (anchor, GTK_WIDGET (root),
                                 &GRAPHENE_POINT_INIT (where.x, where.y + where.height), &bottom))
    return;

  *above = MAX ((int) top.y, 0);
  *below = MAX (gtk_widget_get_height (GTK_WIDGET (root)) - (int) bottom.y, 0);
}

/* The list scrolls inside the larger of the spaces above and below (less
 * the search and the popover's edges), and at most a bit over half the
 * screen's height. */
static void
fit_to_screen (StaplePrinciplePicker *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GdkSurface *surface = root != NULL ? gtk_native_get_surface (GTK_NATIVE (root)) : NULL;
  GdkMonitor *monitor = NULL;
  GdkRectangle geometry = { 0, 0, 0, 900 };
  int above = 0, below = 0;
  int height;

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  surface);
  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &geometry);

  height = geometry.height * 11 / 20;
  if (popover != NULL)
    {
      space_around (popover, &above, &below);
      gtk_popover_set_position (GTK_POPOVER (popover), below >= above || below >= height + 100
                                                       ? GTK_POS_BOTTOM : GTK_POS_TOP);
      /* The search, the arrow and the popover's padding and shadow. */
      height = MIN (height, MAX (above, below) - 100);
    }

  gtk_scrolled_window_set_max_content_height (self->scrolled, CLAMP (height, 160, 600));
}

static void
staple_principle_picker_map (GtkWidget *widget)
{
  fit_to_screen (STAPLE_PRINCIPLE_PICKER (widget));

  GTK_WIDGET_CLASS (staple_principle_picker_parent_class)->map (widget);
}

static gboolean
staple_principle_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (STAPLE_PRINCIPLE_PICKER (widget)->entry));
}

/**
 * staple_principle_picker_get_principle:
 *
 * Returns: the principle shown as the current one
 */
StaplePrinciple
staple_principle_picker_get_principle (StaplePrinciplePicker *self)
{
  g_return_val_if_fail (STAPLE_IS_PRINCIPLE_PICKER (self), STAPLE_PRINCIPLE_NONE);

  return self->principle;
}

/**
 * staple_principle_picker_set_principle:
 * @principle: the friction point's principle now
 *
 * Marks @principle as the current one in the list.
 */
void
staple_principle_picker_set_principle (StaplePrinciplePicker *self,
                                       StaplePrinciple        principle)
{
  g_return_if_fail (STAPLE_IS_PRINCIPLE_PICKER (self));
  g_return_if_fail ((guint) principle < N_PRINCIPLES);

  if (self->principle == principle)
    return;

  self->principle = principle;
  update_checks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINCIPLE]);
}

/**
 * staple_principle_picker_reset:
 *
 * Clears the search, lists every principle and puts the focus in the
 * search, as for a picker just opened.
 */
void
staple_principle_picker_reset (StaplePrinciplePicker *self)
{
  g_return_if_fail (STAPLE_IS_PRINCIPLE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  search_changed_cb (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/**
 * staple_principle_picker_new:
 *
 * Returns: (transfer floating): a picker listing every principle; it emits
 *   #StaplePrinciplePicker::picked with the one the coach takes
 */
GtkWidget *
staple_principle_picker_new (void)
{
  return g_object_new (STAPLE_TYPE_PRINCIPLE_PICKER, NULL);
}

static void
staple_principle_picker_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  StaplePrinciplePicker *self = STAPLE_PRINCIPLE_PICKER (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE:
      g_value_set_enum (value, self->principle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_principle_picker_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  StaplePrinciplePicker *self = STAPLE_PRINCIPLE_PICKER (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE:
      staple_principle_picker_set_principle (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_principle_picker_dispose (GObject *object)
{
  StaplePrinciplePicker *self = STAPLE_PRINCIPLE_PICKER (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (staple_principle_picker_parent_class)->dispose (object);
}

static void
staple_principle_picker_class_init (StaplePrinciplePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = staple_principle_picker_get_property;
  object_class->set_property = staple_principle_picker_set_property;
  object_class->dispose = staple_principle_picker_dispose;
  widget_class->map = staple_principle_picker_map;
  widget_class->grab_focus = staple_principle_picker_grab_focus;

  /**
   * StaplePrinciplePicker:principle:
   *
   * The principle marked as the friction point's current one.
   */
  properties[PROP_PRINCIPLE] =
    g_param_spec_enum ("principle", NULL, NULL, STAPLE_TYPE_PRINCIPLE, STAPLE_PRINCIPLE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StaplePrinciplePicker::picked:
   * @principle: the #StaplePrinciple taken
   *
   * The coach took a principle: by Enter on the search, or on a row, or by
   * a click.
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "principlepicker");
}

static void
staple_principle_picker_init (StaplePrinciplePicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              6);

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->entry, "placeholder-text", _("Type part of a name, or its number"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find a principle"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_list_box_set_filter_func (self->list, filter_cb, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "principle-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Principles"), -1);
  for (guint p = 0; p < N_PRINCIPLES; p++)
    {
      self->rows[p] = build_row (self, p);
      gtk_list_box_append (self->list, self->rows[p]);
    }
  /* Letters typed with a row focused go on the search. */
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self->list));

  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (self->scrolled, TRUE);
  gtk_scrolled_window_set_propagate_natural_width (self->scrolled, TRUE);
  gtk_scrolled_window_set_max_content_height (self->scrolled, 480);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->list));
  gtk_widget_set_parent (GTK_WIDGET (self->scrolled), GTK_WIDGET (self));

  self->empty_label = GTK_LABEL (gtk_label_new (_("No principle matches. Type part of its name, "
                                                  "or a number from 1 to 12.")));
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_label_set_max_width_chars (self->empty_label, 40);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->empty_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->empty_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->empty_label), GTK_WIDGET (self));

  g_signal_connect_object (self->entry, "changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "stop-search", G_CALLBACK (stop_search_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "keynav-failed", G_CALLBACK (list_keynav_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  self->principle = STAPLE_PRINCIPLE_NONE;
  update_checks (self);
  search_changed_cb (self);
}


/* In a row, and over a card */

typedef struct
{
  StapleSession  *session;
  StapleFriction *friction;
} Target;

static void
target_free (gpointer data)
{
  Target *target = data;

  g_clear_object (&target->session);
  g_clear_object (&target->friction);
  g_free (target);
}

static void
set_target (GObject        *object,
            StapleSession  *session,
            StapleFriction *friction)
{
  Target *target = g_new0 (Target, 1);

  target->session = g_object_ref (session);
  target->friction = g_object_ref (friction);
  g_object_set_data_full (object, "staple-principle-target", target, target_free);
}

/* The friction point is found by its id when the coach picks, since its
 * place on the map may have changed while the picker was open. */
static void
send_principle (GtkWidget       *widget,
                Target          *target,
                StaplePrinciple  principle)
{
  StapleStage *stage = NULL;
  guint index = 0;

  if (staple_session_find_friction (target->session, staple_friction_get_id (target->friction),
                                    &stage, &index) == NULL)
    return;

  gtk_widget_activate_action (widget, "win.set-friction-field", "(iisv)",
                              staple_stage_get_position (stage), (int) index, "principle",
                              g_variant_new_string (staple_enum_to_nick (STAPLE_TYPE_PRINCIPLE,
                                                                         principle)));
}

static GtkWidget *
popover_with_picker (StaplePrinciplePicker **picker)
{
  GtkWidget *popover = gtk_popover_new ();

  *picker = STAPLE_PRINCIPLE_PICKER (staple_principle_picker_new ());
  gtk_widget_add_css_class (popover, "principle-popover");
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (*picker));
  return popover;
}

/**
 * staple_principle_picker_label:
 *
 * Returns: (transfer full): “12. Let people decide without escalating”,
 *   the principle as the picker lists it and its buttons show it
 */
char *
staple_principle_picker_label (StaplePrinciple principle)
{
  if (principle == STAPLE_PRINCIPLE_NONE)
    return g_strdup (staple_principle_get_label (principle));

  return g_strdup_printf (_("%d. %s"), (int) principle, staple_principle_get_label (principle));
}

static void
update_button_cb (StapleFriction *friction,
                  GParamSpec     *pspec,
                  GtkWidget      *button)
{
  StaplePrinciple principle = staple_friction_get_principle (friction);
  GtkLabel *label = g_object_get_data (G_OBJECT (button), "staple-principle-label");
  g_autofree char *text = staple_principle_picker_label (principle);

  /* No tooltip: it would sit over the picker it opens, which explains each
   * principle anyway. */
  gtk_label_set_text (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

/* The keyboard goes back to the button, for the next key. */
static void
button_popover_closed_cb (GtkWidget *button)
{
  gtk_widget_grab_focus (button);
}

/* The picker is made when the button is pressed, not with the button: it
 * holds a dozen rows, and a List page of 1,200 cards made 1,200 of them. */
static void
button_clicked_cb (GtkWidget *button)
{
  Target *target = g_object_get_data (G_OBJECT (button), "staple-principle-target");
  GtkPopover *popover = staple_principle_picker_popup_at (button, NULL, target->session,
                                                          target->friction);

  g_signal_connect_object (popover, "closed", G_CALLBACK (button_popover_closed_cb), button,
                           G_CONNECT_SWAPPED);
}

/**
 * staple_principle_picker_button_new:
 * @session: the session holding @friction
 * @friction: the friction point whose principle the button shows and sets
 *
 * Makes a button that shows @friction's principle by its number and whole
 * name (wrapped, never cut short) and opens the picker, which is made when
 * the button is pressed and goes when it closes.
 *
 * Returns: (transfer floating): a #GtkButton
 */
GtkWidget *
staple_principle_picker_button_new (StapleSession  *session,
                                    StapleFriction *friction)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), NULL);

  /* A plain button: GTK 4.8's menu button measures a wrapping label as if
   * it did not wrap, and lets it run out of the button. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "principle-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Principle it goes against"),
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);

  g_object_set_data (G_OBJECT (button), "staple-principle-label", label);
  set_target (G_OBJECT (button), session, friction);
  g_signal_connect_object (friction, "notify::principle", G_CALLBACK (update_button_cb), button,
                           0);
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), NULL);
  update_button_cb (friction, NULL, button);

  return button;
}

static void
popup_picked_cb (StaplePrinciplePicker *picker,
                 int                    principle,
                 GtkPopover            *popover)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (popover));

  if (parent != NULL)
    send_principle (parent, g_object_get_data (G_OBJECT (popover), "staple-principle-target"),
                    principle);
  gtk_popover_popdown (popover);
}

static gboolean
unparent_cb (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);

  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
popup_closed_cb (GtkPopover *popover)
{
  /* Not while the popover is still closing. */
  g_idle_add (unparent_cb, g_object_ref (popover));
}

static void
parent_destroy_cb (GtkWidget *popover)
{
  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
}

/**
 * staple_principle_picker_popup_at:
 * @parent: the widget the picker opens over, inside the window (whose
 *   `win.set-friction-field` it activates)
 * @where: (nullable): the place in @parent to point at, in its coordinates,
 *   such as a card's rectangle; %NULL for the whole of @parent
 * @session: the session holding @friction
 * @friction: the friction point whose principle is set
 *
 * Opens the picker in a popover pointing at @where, with the search
 * focused. Picking sets @friction's principle and closes it; the popover
 * goes away when it closes. A custom @parent should call
 * gtk_popover_present() on its popover children in its size_allocate so
 * that it follows when @parent moves.
 *
 * Returns: (transfer none): the popover, for as long as it is open
 */
GtkPopover *
staple_principle_picker_popup_at (GtkWidget          *parent,
                                  const GdkRectangle *where,
                                  StapleSession      *session,
                                  StapleFriction     *friction)
{
  StaplePrinciplePicker *picker = NULL;
  GtkWidget *popover;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), NULL);

  popover = popover_with_picker (&picker);
  set_target (G_OBJECT (popover), session, friction);
  gtk_widget_set_parent (popover, parent);
  if (where != NULL)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover), where);

  staple_principle_picker_set_principle (picker, staple_friction_get_principle (friction));
  g_signal_connect_object (picker, "picked", G_CALLBACK (popup_picked_cb), popover, 0);
  g_signal_connect (popover, "closed", G_CALLBACK (popup_closed_cb), NULL);
  g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroy_cb), popover,
                           G_CONNECT_SWAPPED);

  gtk_popover_popup (GTK_POPOVER (popover));
  staple_principle_picker_reset (picker);
  return GTK_POPOVER (popover);
}

static void
update_row_cb (StapleFriction *friction,
               GParamSpec     *pspec,
               AdwActionRow   *row)
{
  g_autofree char *text =
    staple_principle_picker_label (staple_friction_get_principle (friction));

  adw_action_row_set_subtitle (row, text);
}

static void
row_activated_popup_cb (AdwActionRow *row)
{
  Target *target = g_object_get_data (G_OBJECT (row), "staple-principle-target");

  staple_principle_picker_popup_at (GTK_WIDGET (row), NULL, target->session, target->friction);
}

/**
 * staple_principle_picker_row_new:
 * @session: the session holding @friction
 * @friction: the friction point whose principle the row shows and sets
 * @title: the row's title, such as “Principle it goes against”
 *
 * Makes a row for a #AdwPreferencesGroup that shows @friction's principle
 * by its number and whole name under @title (wrapped, never cut short, in
 * however narrow a panel) and opens the picker over itself when activated.
 *
 * Returns: (transfer floating): an #AdwActionRow
 */
GtkWidget *
staple_principle_picker_row_new (StapleSession  *session,
                                 StapleFriction *friction,
                                 const char     *title)
{
  GtkWidget *row;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "principle-picker-row");

  set_target (G_OBJECT (row), session, friction);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_popup_cb), NULL);
  g_signal_connect_object (friction, "notify::principle", G_CALLBACK (update_row_cb), row, 0);
  update_row_cb (friction, NULL, ADW_ACTION_ROW (row));

  return row;
}
