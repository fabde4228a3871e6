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
  guint n = g_list_model_get_n_items (participants);
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


/* Due date: sent only when it is empty or a real date */

static void
sync_due (StapleActionRow *self)
{
  const char *due = staple_action_get_due (self->action);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->due_entry));
  g_autofree char *shown = g_strstrip (g_strdup (text));

  if (g_strcmp0 (shown, due != NULL ? due : "") != 0)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->due_entry), due != NULL ? due : "");
      self->syncing = FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->due_entry), "error");
}

/* A whole date is sent as soon as it is typed; a cleared field only once the
 * user is done with it (@done), so that typing over a date does not first
 * send an empty one. */
static void
send_due (StapleActionRow *self,
          gboolean         done)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (self->due_entry));
  g_autofree char *text = g_strstrip (g_strdup (shown));
  const char *due = staple_action_get_due (self->action);

  if (*text != '\0' && !staple_date_is_valid (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->due_entry), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->due_entry), "error");
  if ((*text != '\0' || done) && g_strcmp0 (text, due != NULL ? due : "") != 0)
    send_action_field (GTK_WIDGET (self->due_entry), "due", g_variant_new_string (text), self);
}

static void
due_changed_cb (StapleActionRow *self)
{
  if (!self->syncing)
    send_due (self, FALSE);
}

static void
due_activate_cb (StapleActionRow *self)
{
  send_due (self, TRUE);
}

/* Leaving the field drops a date that is not one and shows the saved one. */
static void
due_leave_cb (StapleActionRow *self)
{
  send_due (self, TRUE);
  break_merge (self);
  sync_due (self);
}


/* The friction points the action addresses */

static void
update_frictions_label (StapleActionRow *self)
{
  guint n = 0;
  g_autofree char *label = NULL;

  staple_action_get_friction_ids (self->action, &n);
  if (n == 0)
    label = g_strdup (_("Addresses no friction points"));
  else
    label = g_strdup_printf (ngettext ("Addresses %u friction point",
                                       "Addresses %u friction points", n), n);

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
                StapleFriction  *friction)
{
  g_autofree char *name = staple_text_bound (staple_stage_get_name (stage), STAPLE_TEXT_SHORT,
                                             STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *card = staple_text_bound (staple_friction_get_text (friction),
                                             STAPLE_TEXT_LONG, STAPLE_TEXT_BOUND_ONE_LINE);
  /* Translators: a friction point in a list: "stage name — card text" */
  g_autofree char *text = g_strdup_printf (_("%s — %s"), name, card);
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

/* The list is made each time it opens, so it shows the map as it is now. */
static void
fill_friction_list (StapleActionRow *self)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->frictions_box))) != NULL)
    gtk_box_remove (self->frictions_box, child);

  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint f = 0; f < g_list_model_get_n_items (frictions); f++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);

          gtk_box_append (self->frictions_box, friction_check (self, stage, friction));
        }
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

  self->due_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->due_entry, _("YYYY-MM-DD"));
  gtk_entry_set_max_length (self->due_entry, 10);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->due_entry), 11);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->due_entry), 11);
  gtk_widget_add_css_class (GTK_WIDGET (self->due_entry), "numeric");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_entry),
                               _("Due date, written YYYY-MM-DD; leave empty for none"));

  sync_due (self);
  g_signal_connect_object (self->due_entry, "changed", G_CALLBACK (due_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_entry, "activate", G_CALLBACK (due_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (due_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->due_entry), focus);
  g_signal_connect_object (self->action, "notify::due", G_CALLBACK (sync_due), self,
                           G_CONNECT_SWAPPED);

  return labelled (GTK_WIDGET (self->due_entry), _("Due"), _("Due date"));
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

  gtk_widget_set_margin_top (outer, 9);
  gtk_widget_set_margin_bottom (outer, 9);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 6);

  gtk_box_append (GTK_BOX (outer), build_text_line (self));
  gtk_box_append (GTK_BOX (outer), build_details (self));
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

static void
staple_action_row_class_init (StapleActionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_action_row_dispose;

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
