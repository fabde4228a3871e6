/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-action-row.c: one action of the Commit phase: what will be done, who
 * owns it, by when, how far it got, and the friction points it addresses.
 * Every change goes through the window's actions (win.set-action-field and
 * friends), addressed by the action's place in the session's list, which is
 * looked up each time because it changes as actions come and go. */
#define G_LOG_DOMAIN "staple-action-row"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-action-row.h"
#include "staple-field.h"
#include "staple-text.h"
#include "staple-window.h"

struct _StapleActionRow
{
  GtkListBoxRow   parent_instance;

  GtkEntry       *text_entry;
  GtkDropDown    *owner_dropdown;
  GtkStringList  *owner_names;   /* "Nobody", then the participants in order */
  GtkEntry       *due_entry;
  GtkMenuButton  *due_button;
  GtkCalendar    *calendar;
  GtkLabel       *due_error;     /* why a typed date is not taken */
  GtkMenuButton  *frictions_button;
  GtkBox         *frictions_box; /* a check button per friction point */

  StapleSession  *session;
  StapleAction   *action;
  GPtrArray      *watched;       /* participants whose name is shown */
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (StapleActionRow, staple_action_row, GTK_TYPE_LIST_BOX_ROW)

/**
 * staple_action_row_focus:
 *
 * Puts the keyboard focus on the action's text.
 */
void
staple_action_row_focus (StapleActionRow *self)
{
  g_return_if_fail (STAPLE_IS_ACTION_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

/* −1 once the action has left the session (the row is about to go too). */
static int
action_index (StapleActionRow *self)
{
  guint position;

  if (!g_list_store_find (staple_session_get_actions (self->session), self->action, &position))
    return -1;

  return (int) position;
}

static void
send_action_field (GtkWidget  *widget,
                   const char *property,
                   GVariant   *value,
                   gpointer    user_data)
{
  StapleActionRow *self = user_data;
  int index = action_index (self);

  if (index < 0)
    {
      g_variant_unref (g_variant_ref_sink (value));
      return;
    }

  gtk_widget_activate_action (widget, "win.set-action-field", "(isv)", index, property, value);
}

/* The text entry's merged edits end when the focus leaves a field. */
static void
break_merge (StapleActionRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (STAPLE_IS_WINDOW (root) && staple_window_get_editor (STAPLE_WINDOW (root)) != NULL)
    staple_editor_break_merge (staple_window_get_editor (STAPLE_WINDOW (root)));
}


/* Owner: a participant, or nobody */

static void
sync_owner (StapleActionRow *self)
{
  guint index = 0;
  guint selected = 0;

  if (staple_session_find_participant (self->session, staple_action_get_owner_id (self->action),
                                       &index) != NULL)
    selected = index + 1;

  if (gtk_drop_down_get_selected (self->owner_dropdown) != selected)
    {
      self->syncing = TRUE;
      gtk_drop_down_set_selected (self->owner_dropdown, selected);
      self->syncing = FALSE;
    }
}

static void
unwatch_participants (StapleActionRow *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

/* Puts the participants' names in the owner list, keeping it in step with
 * the participants and their names. */
static void
update_owner_names (StapleActionRow *self)
{
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (self->session));
  /* The people, who come first: the room's anonymous voters own nothing. */
  guint n = staple_session_count_people (self->session);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->owner_names));
  g_autofree const char **names = g_new0 (const char *, n + 1);

  unwatch_participants (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      names[i] = staple_participant_get_name (participant);
      g_ptr_array_add (self->watched, g_object_ref (participant));
      g_signal_connect_object (participant, "notify::name", G_CALLBACK (update_owner_names),
                               self, G_CONNECT_SWAPPED);
    }

  /* Removing the selected name moves the selection: that is no edit. */
  self->syncing = TRUE;
  gtk_string_list_splice (self->owner_names, 1, n_shown - 1, names);
  self->syncing = FALSE;
  sync_owner (self);
}

static void
owner_selected_cb (StapleActionRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);
  int index = action_index (self);

  if (self->syncing || index < 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->owner_dropdown), "win.set-action-field",
                              "(isv)", index, "owner",
                              g_variant_new_int32 ((int) selected - 1));
  /* Shows the owner the model has, should the edit have been refused. */
  sync_owner (self);
}


/* Due date: typed in the locale's short form (or YYYY-MM-DD) or picked from
 * a calendar; sent when the coach is done with the field, and only when it
 * is a date or empty. A text that is not a date stays, with a message, so
 * that nothing typed is lost without a word. */

static void
show_due_error (StapleActionRow *self,
                const char      *message)
{
  gtk_label_set_text (self->due_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->due_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_entry), "error");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->due_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static void
sync_due (StapleActionRow *self)
{
  const char *due = staple_action_get_due (self->action);
  g_autofree char *shown = staple_action_format_due (due != NULL ? due : "", NULL);

  if (g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (self->due_entry))) != 0)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->due_entry), shown);
      self->syncing = FALSE;
    }

  show_due_error (self, NULL);
}

static void
send_due (StapleActionRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->due_entry));
  const char *due = staple_action_get_due (self->action);
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;

  if (!staple_action_parse_due (text, NULL, &typed, &error))
    {
      show_due_error (self, error->message);
      return;
    }

  show_due_error (self, NULL);
  if (g_strcmp0 (typed, due != NULL ? due : "") != 0)
    send_action_field (GTK_WIDGET (self->due_entry), "due", g_variant_new_string (typed), self);
  /* Shown as the locale writes it, whichever way it was typed. */
  sync_due (self);
}

/* While typing, an old message goes as soon as the text is a date again. */
static void
due_changed_cb (StapleActionRow *self)
{
  g_autofree char *typed = NULL;

  if (!self->syncing && gtk_widget_get_visible (GTK_WIDGET (self->due_error)) &&
      staple_action_parse_due (gtk_editable_get_text (GTK_EDITABLE (self->due_entry)), NULL,
                               &typed, NULL))
    show_due_error (self, NULL);
}

static void
due_activate_cb (StapleActionRow *self)
{
  send_due (self);
}

static void
due_leave_cb (StapleActionRow *self)
{
  send_due (self);
  break_merge (self);
}

/* The calendar opens on the action's date, or today. */
static void
calendar_show_cb (StapleActionRow *self)
{
  const char *due = staple_action_get_due (self->action);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *typed = NULL;

  if (staple_action_parse_due (gtk_editable_get_text (GTK_EDITABLE (self->due_entry)), NULL,
                               &typed, NULL) && *typed != '\0')
    due = typed;

  if (due != NULL && staple_date_is_valid (due))
    {
      g_autofree char *iso = g_strconcat (due, "T12:00:00", NULL);
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      date = g_date_time_new_from_iso8601 (iso, local);
    }
  if (date == NULL)
    date = g_date_time_new_now_local ();

  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->syncing = FALSE;
}

static void
set_due_from_calendar (StapleActionRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *due = g_date_time_format (date, "%Y-%m-%d");

  gtk_menu_button_popdown (self->due_button);
  if (g_strcmp0 (due, staple_action_get_due (self->action)) != 0)
    send_action_field (GTK_WIDGET (self), "due", g_variant_new_string (due), self);
  sync_due (self);
}

static void
clear_due_cb (StapleActionRow *self)
{
  gtk_menu_button_popdown (self->due_button);
  if (*staple_action_get_due (self->action) != '\0')
    send_action_field (GTK_WIDGET (self), "due", g_variant_new_string (""), self);
  sync_due (self);
}

/* A double click on a day takes it, as Enter on the calendar does. */
static void
calendar_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     StapleActionRow *self)
{
  if (n_press == 2)
    set_due_from_calendar (self);
}

/* GTK's calendar moves only a focus among the days with the arrows, which
 * neither Enter nor the Set button can read: here the arrows move the
 * selected day, and Enter or Space takes it. */
static gboolean
calendar_key_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 StapleActionRow       *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) moved = NULL;

  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space:
      set_due_from_calendar (self);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      moved = g_date_time_add_days (date, -1);
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      moved = g_date_time_add_days (date, 1);
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      moved = g_date_time_add_days (date, -7);
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      moved = g_date_time_add_days (date, 7);
      break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      moved = g_date_time_add_months (date, -1);
      break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      moved = g_date_time_add_months (date, 1);
      break;
    default:
      return FALSE;
    }

  gtk_calendar_select_day (self->calendar, moved);
  return TRUE;
}

static GtkWidget *
build_due_button (StapleActionRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *set = gtk_button_new_with_mnemonic (_("_Set Due Date"));
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_No Due Date"));
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Due date"), -1);
  g_signal_connect_object (click, "pressed", G_CALLBACK (calendar_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (calendar_key_cb), self, 0);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), keys);

  gtk_widget_add_css_class (set, "suggested-action");
  gtk_widget_set_hexpand (set, TRUE);
  gtk_widget_set_hexpand (clear, TRUE);
  g_signal_connect_object (set, "clicked", G_CALLBACK (set_due_from_calendar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clear, "clicked", G_CALLBACK (clear_due_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), clear);
  gtk_box_append (GTK_BOX (buttons), set);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "show", G_CALLBACK (calendar_show_cb), self,
                           G_CONNECT_SWAPPED);
  /* The keys move among the days, not among the month's buttons. */
  g_signal_connect_object (popover, "map", G_CALLBACK (gtk_widget_grab_focus), self->calendar,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->due_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->due_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->due_button, popover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_button), _("Pick the Due Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick the due date"), -1);
  return GTK_WIDGET (self->due_button);
}


/* The friction points the action addresses */

static void
update_frictions_label (StapleActionRow *self)
{
  guint n = 0;
  g_autofree char *label = NULL;
  const gint64 *ids = staple_action_get_friction_ids (self->action, &n);
  guint votes = 0;

  for (guint i = 0; i < n; i++)
    votes += staple_session_count_votes_for (self->session, ids[i]);

  if (n == 0)
    label = g_strdup (_("Addresses no friction points"));
  else
    {
      g_autofree char *points = g_strdup_printf (ngettext ("Addresses %u friction point",
                                                           "Addresses %u friction points", n),
                                                 n);
      g_autofree char *dots = g_strdup_printf (ngettext ("%u vote", "%u votes", votes), votes);

      /* Translators: "Addresses 2 friction points · 7 votes" */
      label = g_strdup_printf (_("%s · %s"), points, dots);
    }

  gtk_menu_button_set_label (self->frictions_button, label);
}

static gboolean
addresses (StapleAction   *action,
           StapleFriction *friction)
{
  guint n = 0;
  const gint64 *ids = staple_action_get_friction_ids (action, &n);

  for (guint i = 0; i < n; i++)
    if (ids[i] == staple_friction_get_id (friction))
      return TRUE;

  return FALSE;
}

static void
sync_friction_checks (StapleActionRow *self)
{
  self->syncing = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->frictions_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      StapleFriction *friction = g_object_get_data (G_OBJECT (child), "staple-friction");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), addresses (self->action, friction));
    }
  self->syncing = FALSE;
}

static void
frictions_changed_cb (StapleActionRow *self)
{
  update_frictions_label (self);
  sync_friction_checks (self);
}

/* Appends (stage, card) for @friction, if it is still on the map. */
static void
add_place (StapleActionRow *self,
           GVariantBuilder *builder,
           StapleFriction  *friction)
{
  StapleStage *stage = NULL;
  guint card = 0;
  guint stage_index = 0;

  if (staple_session_find_friction (self->session, staple_friction_get_id (friction), &stage,
                                    &card) != NULL &&
      staple_session_find_stage (self->session, staple_stage_get_id (stage), &stage_index) != NULL)
    g_variant_builder_add (builder, "(ii)", (int) stage_index, (int) card);
}

static void
friction_toggled_cb (StapleActionRow *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ii)"));
  int index = action_index (self);

  if (self->syncing || index < 0)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->frictions_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      add_place (self, &builder, g_object_get_data (G_OBJECT (child), "staple-friction"));

  /* Sent from the row: the popover's widgets lead to the window too, but the
   * row is the one sure to be in it. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-action-frictions", "(ia(ii))", index,
                              &builder);
  sync_friction_checks (self);
}

static GtkWidget *
friction_check (StapleActionRow *self,
                StapleStage     *stage,
                StapleFriction  *friction,
                guint            votes)
{
  g_autofree char *name = staple_text_bound (staple_stage_get_name (stage), STAPLE_TEXT_SHORT,
                                             STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *card = staple_text_bound (staple_friction_get_text (friction),
                                             STAPLE_TEXT_LONG, STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *votes_text = g_strdup_printf (ngettext ("%u vote", "%u votes", votes), votes);
  /* Translators: a friction point in a list: "stage name — card text · 3 votes" */
  g_autofree char *text = g_strdup_printf (_("%s — %s · %s"), name, card, votes_text);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_set_data_full (G_OBJECT (check), "staple-friction", g_object_ref (friction),
                          g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (friction_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  return check;
}

/* The list is made each time it opens, so it shows the map as it is now:
 * in the order the room ranked the friction points, with their votes. */
static void
fill_friction_list (StapleActionRow *self)
{
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (self->session);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->frictions_box))) != NULL)
    gtk_box_remove (self->frictions_box, child);

  for (guint i = 0; i < ranked->len; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      StapleStage *stage = NULL;

      if (staple_session_find_friction (self->session, staple_friction_get_id (friction), &stage,
                                        NULL) != NULL)
        gtk_box_append (self->frictions_box,
                        friction_check (self, stage, friction,
                                        staple_summary_count_votes (self->session, friction)));
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->frictions_box)) == NULL)
    {
      GtkWidget *empty = gtk_label_new (_("The map has no friction points yet."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (self->frictions_box, empty);
      return;
    }

  sync_friction_checks (self);
}

static GtkWidget *
build_frictions_button (StapleActionRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->frictions_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 360);
  /* The popover gives the focus to its first check button, not the list. */
  gtk_widget_set_focusable (scrolled, FALSE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (self->frictions_box));
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  g_signal_connect_object (popover, "show", G_CALLBACK (fill_friction_list), self,
                           G_CONNECT_SWAPPED);

  self->frictions_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->frictions_button, popover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->frictions_button),
                               _("The friction points this action addresses"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->frictions_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Friction points addressed"), -1);
  update_frictions_label (self);
  g_signal_connect_object (self->action, "notify::n-friction-ids",
                           G_CALLBACK (frictions_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self->frictions_button);
}


/* Deleting */

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(StapleActionRow) self = g_object_ref (STAPLE_ACTION_ROW (widget));
  GtkWidget *list = gtk_widget_get_parent (widget);
  int index = action_index (self);
  GtkListBoxRow *next;

  if (index < 0)
    return;

  gtk_widget_activate_action (widget, "win.delete-action", "i", index);

  /* The focus goes to the row that took this one's place, or the last. */
  if (!GTK_IS_LIST_BOX (list) || gtk_widget_get_parent (widget) == list)
    return;
  next = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index - 1);
  if (next != NULL)
    gtk_widget_child_focus (GTK_WIDGET (next), GTK_DIR_TAB_FORWARD);
}


/* Building */

/* No mnemonics: every row has the same labels. */
static GtkWidget *
labelled (GtkWidget  *widget,
          const char *text,
          const char *accessible_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
setup_owner_label_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_owner_label_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkStringObject *name = gtk_list_item_get_item (item);
  g_autofree char *shown = staple_text_bound (gtk_string_object_get_string (name),
                                              STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_ONE_LINE);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), shown);
}

/* Long names are cut short on the button, in full in the list. */
static GtkListItemFactory *
owner_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_owner_label_cb),
                    GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_owner_label_cb), NULL);
  return factory;
}

static GtkWidget *
build_owner (StapleActionRow *self)
{
  g_autoptr(GtkListItemFactory) button_factory = owner_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = owner_factory_new (FALSE);

  const char * const nobody[] = { _("Nobody"), NULL };

  self->owner_names = gtk_string_list_new (nobody);
  self->owner_dropdown =
    GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->owner_names)), NULL));
  gtk_drop_down_set_factory (self->owner_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->owner_dropdown, list_factory);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->owner_dropdown),
                               _("Who sees that it gets done"));

  update_owner_names (self);
  g_signal_connect_object (staple_session_get_participants (self->session), "items-changed",
                           G_CALLBACK (update_owner_names), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->action, "notify::owner-id", G_CALLBACK (sync_owner), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->owner_dropdown, "notify::selected",
                           G_CALLBACK (owner_selected_cb), self, G_CONNECT_SWAPPED);

  return labelled (GTK_WIDGET (self->owner_dropdown), _("Owner"), _("Owner"));
}

static GtkWidget *
build_due (StapleActionRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *example = staple_action_format_due ("2026-12-31", NULL);
  /* Translators: the due date's tooltip; %s is 2026-12-31 as the locale writes it */
  g_autofree char *tooltip = g_strdup_printf (_("Due date, such as %s or 2026-12-31; leave "
                                                "empty for none"), example);

  self->due_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->due_entry, example);
  gtk_entry_set_max_length (self->due_entry, 40);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->due_entry), 11);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->due_entry), 14);
  gtk_widget_add_css_class (GTK_WIDGET (self->due_entry), "numeric");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_entry), tooltip);

  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->due_entry));
  gtk_box_append (GTK_BOX (box), build_due_button (self));

  sync_due (self);
  g_signal_connect_object (self->due_entry, "changed", G_CALLBACK (due_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_entry, "activate", G_CALLBACK (due_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (due_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->due_entry), focus);
  g_signal_connect_object (self->action, "notify::due", G_CALLBACK (sync_due), self,
                           G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Due date"), -1);
  return labelled (box, _("Due"), _("Due date"));
}

static GtkWidget *
build_status (StapleActionRow *self)
{
  GtkDropDown *status = staple_field_enum_dropdown_new (STAPLE_TYPE_ACTION_STATUS);

  gtk_widget_set_tooltip_text (GTK_WIDGET (status), _("How far the action has got"));
  staple_field_bind_dropdown (GTK_WIDGET (status), G_OBJECT (self->action), "status",
                              send_action_field, self);

  return labelled (GTK_WIDGET (status), _("Status"), _("Status"));
}

static GtkWidget *
build_text_line (StapleActionRow *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  self->text_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->text_entry), TRUE);
  gtk_entry_set_placeholder_text (self->text_entry, _("What will be done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Action"), -1);
  staple_field_bind_editable (GTK_EDITABLE (self->text_entry), G_OBJECT (self->action), "text",
                              TRUE, send_action_field, self);
  staple_field_bind_tooltip (GTK_WIDGET (self->text_entry), G_OBJECT (self->action), "text");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "action-row.delete");
  gtk_widget_set_tooltip_text (delete, _("Delete Action (Alt+Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete Action"), -1);
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");

  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->text_entry));
  gtk_box_append (GTK_BOX (line), delete);
  return line;
}

/* The friction points' button goes under the other details when the row is
 * too narrow for them side by side. */
static GtkWidget *
build_details (StapleActionRow *self)
{
  GtkFlowBox *details = GTK_FLOW_BOX (gtk_flow_box_new ());
  GtkWidget *fields = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *frictions = build_frictions_button (self);

  gtk_box_append (GTK_BOX (fields), build_owner (self));
  gtk_box_append (GTK_BOX (fields), build_due (self));
  gtk_box_append (GTK_BOX (fields), build_status (self));
  gtk_widget_set_halign (fields, GTK_ALIGN_START);
  gtk_widget_set_hexpand (frictions, TRUE);
  gtk_widget_set_halign (frictions, GTK_ALIGN_END);

  gtk_flow_box_set_selection_mode (details, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (details, 2);
  gtk_flow_box_set_column_spacing (details, 12);
  gtk_flow_box_set_row_spacing (details, 6);
  gtk_flow_box_append (details, fields);
  gtk_flow_box_append (details, frictions);
  gtk_widget_set_focusable (gtk_widget_get_parent (fields), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (frictions), FALSE);

  return GTK_WIDGET (details);
}

static void
build (StapleActionRow *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->due_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->due_error, TRUE);
  gtk_label_set_xalign (self->due_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->due_error), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->due_error), "due-error");
  gtk_widget_set_visible (GTK_WIDGET (self->due_error), FALSE);

  gtk_widget_set_margin_top (outer, 9);
  gtk_widget_set_margin_bottom (outer, 9);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 6);

  gtk_box_append (GTK_BOX (outer), build_text_line (self));
  gtk_box_append (GTK_BOX (outer), build_details (self));
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->due_error));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), outer);
}

/**
 * staple_action_row_new:
 * @session: the session holding @action
 * @action: the action to show
 *
 * Returns: (transfer floating): a row showing and editing @action
 */
StapleActionRow *
staple_action_row_new (StapleSession *session,
                       StapleAction  *action)
{
  StapleActionRow *self;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (STAPLE_IS_ACTION (action), NULL);

  self = g_object_new (STAPLE_TYPE_ACTION_ROW, NULL);
  self->session = g_object_ref (session);
  self->action = g_object_ref (action);
  build (self);

  return self;
}

static void
staple_action_row_dispose (GObject *object)
{
  StapleActionRow *self = STAPLE_ACTION_ROW (object);

  if (self->watched != NULL)
    unwatch_participants (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_object (&self->owner_names);
  g_clear_object (&self->session);
  g_clear_object (&self->action);

  G_OBJECT_CLASS (staple_action_row_parent_class)->dispose (object);
}

/* The coach leaves the phase (or the row goes) with a due date that was
 * refused still typed in it: said once more, as the Walk's fields say it,
 * since the row that showed the message is no longer on screen. */
static void
staple_action_row_unmap (GtkWidget *widget)
{
  StapleActionRow *self = STAPLE_ACTION_ROW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->due_error)) && STAPLE_IS_WINDOW (root))
    {
      g_autofree char *shown =
        staple_text_bound (gtk_editable_get_text (GTK_EDITABLE (self->due_entry)),
                           STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_ONE_LINE);
      /* Translators: %s is what was typed in a date field and refused */
      g_autofree char *message = g_strdup_printf (_("“%s” was not saved: it is not a date."),
                                                  shown);

      g_message ("%s", message);
      staple_window_show_toast (STAPLE_WINDOW (root), message);
    }

  GTK_WIDGET_CLASS (staple_action_row_parent_class)->unmap (widget);
}

static void
staple_action_row_class_init (StapleActionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_action_row_dispose;
  widget_class->unmap = staple_action_row_unmap;

  gtk_widget_class_install_action (widget_class, "action-row.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_ALT_MASK,
                                       "action-row.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, GDK_ALT_MASK,
                                       "action-row.delete", NULL);
}

static void
staple_action_row_init (StapleActionRow *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}
