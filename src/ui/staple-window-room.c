/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-window-room.c: the window's actions for the room: letting
 * participants' phones join the open session over the local network (see
 * src/room), the dialog with the room's code, and the suggestions phones
 * send, worked through in the Walk's side panel.
 *
 * The room belongs to the open session: it closes when another session
 * opens and when the window goes, and a session opened for review (dated
 * in the past) lets no room join. The `room` action's state is the room's
 * address, "" while it is closed, for scripts (org.gtk.Actions.Describe). */
#define G_LOG_DOMAIN "staple-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "staple-qr-view.h"
#include "staple-room-panel.h"
#include "staple-session-page.h"
#include "staple-window-private.h"

static StapleSession *
session_of (StapleWindow *self)
{
  return self->editor != NULL ? staple_editor_get_session (self->editor) : NULL;
}

static void
set_state (StapleWindow *self,
           const char   *name,
           GVariant     *state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), state);
}

static void
set_enabled (StapleWindow *self,
             const char   *name,
             gboolean      enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (StapleWindow *self)
{
  static const char * const session_actions[] = {
    "room-open", "room-anonymous", "room-show-totals", "room-show-code", "room-accept",
    "room-merge", "room-discard", "room-restore",
  };
  gboolean open = self->room != NULL && staple_room_get_is_open (self->room);

  for (guint i = 0; i < G_N_ELEMENTS (session_actions); i++)
    set_enabled (self, session_actions[i], self->room != NULL);
  set_enabled (self, "room-close", open);
}

/* The dialog with the code */

static void
dialog_destroyed_cb (StapleWindow *self)
{
  g_clear_weak_pointer (&self->room_dialog);
  set_state (self, "room-show-code", g_variant_new_boolean (FALSE));
}

/* The room's other addresses (a laptop on Wi-Fi and a cable at once): the
 * code holds the first; a phone on the other network types one of these. */
static gboolean
other_urls_text (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const char * const *urls = g_value_get_boxed (from);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 1; urls != NULL && urls[i] != NULL; i++, n++)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, urls[i]);
    }

  /* Translators: above the room's addresses on the laptop's other networks */
  g_string_prepend (text, n > 0 ? ngettext ("On another network:", "On other networks:", n)
                                : "");
  g_value_set_string (to, text->str);
  return TRUE;
}

static gboolean
has_other_urls (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  const char * const *urls = g_value_get_boxed (from);

  g_value_set_boolean (to, urls != NULL && urls[0] != NULL && urls[1] != NULL);
  return TRUE;
}

static GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            const char *action)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), action);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  return row;
}

/* A window beside the coach's, left open while the room scans the code
 * (the presenter shows it large meanwhile); closing it leaves the room
 * open. */
static GtkWindow *
room_dialog_new (StapleWindow *self)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *intro, *code, *others, *group, *anonymous, *close;
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Let the Room Join"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 460, -1);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  intro = gtk_label_new (_("Scan the code with a phone’s camera, or type the address in its "
                           "browser, on the same network as this computer."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_justify (GTK_LABEL (intro), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (intro), 40);
  gtk_box_append (GTK_BOX (box), intro);

  code = staple_qr_view_new ();
  g_object_bind_property (self->room, "url", code, "url", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->room, "n-devices", code, "n-devices", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), code);

  others = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (others), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (others), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (others), GTK_JUSTIFY_CENTER);
  gtk_label_set_selectable (GTK_LABEL (others), TRUE);
  gtk_widget_add_css_class (others, "dim-label");
  g_object_bind_property_full (self->room, "urls", others, "label", G_BINDING_SYNC_CREATE,
                               other_urls_text, NULL, NULL, NULL);
  g_object_bind_property_full (self->room, "urls", others, "visible", G_BINDING_SYNC_CREATE,
                               has_other_urls, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (box), others);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Dot Voting from Phones"));
  anonymous = switch_row (_("Anonymous Voting"),
                          _("Phones vote without picking a name. Choose before voting starts."),
                          "win.room-anonymous");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), anonymous);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             switch_row (_("Show Totals on Phones"),
                                         _("Hide them until voting closes, so that nobody "
                                           "follows the most senior voter"),
                                         "win.room-show-totals"));
  gtk_box_append (GTK_BOX (box), group);
  /* The keyboard starts there, not on the address (which would show it
   * all selected). */
  g_object_set_data (G_OBJECT (window), "first-focus",
                     adw_action_row_get_activatable_widget (ADW_ACTION_ROW (anonymous)));

  close = gtk_button_new_with_mnemonic (_("_Close the Room"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "win.room-close");
  gtk_widget_set_halign (close, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (close, "destructive-action");
  gtk_widget_add_css_class (close, "pill");
  gtk_widget_set_tooltip_text (close, _("Every phone is disconnected at once"));
  gtk_box_append (GTK_BOX (box), close);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 440);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (window), content);

  /* The window's actions (win.room-close…) from this window too. */
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (self));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);

  return GTK_WINDOW (window);
}

static void
show_dialog (StapleWindow *self)
{
  if (self->room_dialog == NULL)
    {
      g_set_weak_pointer (&self->room_dialog, room_dialog_new (self));
      g_signal_connect_object (self->room_dialog, "destroy", G_CALLBACK (dialog_destroyed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_window_set_focus (self->room_dialog,
                            g_object_get_data (G_OBJECT (self->room_dialog), "first-focus"));
    }
  gtk_window_present (self->room_dialog);
  set_state (self, "room-show-code", g_variant_new_boolean (TRUE));
}

static void
close_dialog (StapleWindow *self)
{
  if (self->room_dialog != NULL)
    gtk_window_destroy (self->room_dialog);
}

/* The room's state, as the window's actions show it */

static void
room_url_cb (StapleWindow *self)
{
  const char *url = self->room != NULL ? staple_room_get_url (self->room) : "";

  set_state (self, "room", g_variant_new_string (url));
  if (*url == '\0')
    close_dialog (self);
  update_actions (self);
}

static void
room_voting_cb (StapleWindow *self)
{
  gboolean anonymous = self->room != NULL && staple_room_get_anonymous (self->room);
  gboolean totals = self->room != NULL && staple_room_get_show_totals (self->room);

  set_state (self, "room-anonymous", g_variant_new_boolean (anonymous));
  set_state (self, "room-show-totals", g_variant_new_boolean (totals));
}

/* For scripts: the suggestions waiting, (id, stage index or -1, text), and
 * how many phones have joined. */
static void
room_suggestions_cb (StapleWindow *self)
{
  GVariantBuilder builder;
  StapleSession *session = session_of (self);
  GListModel *suggestions = self->room != NULL ? staple_room_get_suggestions (self->room) : NULL;
  guint n = suggestions != NULL ? g_list_model_get_n_items (suggestions) : 0;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(uis)"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleRoomSuggestion) suggestion = g_list_model_get_item (suggestions, i);
      guint index = 0;
      gboolean found = session != NULL &&
                       staple_session_find_stage (session,
                                                  staple_room_suggestion_get_stage_id (suggestion),
                                                  &index) != NULL;

      g_variant_builder_add (&builder, "(uis)", staple_room_suggestion_get_id (suggestion),
                             found ? (gint32) index : -1,
                             staple_room_suggestion_get_text (suggestion));
    }
  set_state (self, "room-suggestions", g_variant_builder_end (&builder));
}

static void
room_devices_cb (StapleWindow *self)
{
  set_state (self, "room-phones",
             g_variant_new_uint32 (self->room != NULL ? staple_room_get_n_devices (self->room)
                                                      : 0));
}

/* Actions */

static void
room_open_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleSession *session = session_of (self);
  const char *port = g_getenv ("STAPLE_ROOM_PORT");
  GError *error = NULL;

  if (self->room == NULL || session == NULL)
    return;

  if (staple_room_get_is_open (self->room))
    {
      show_dialog (self);
      return;
    }

  if (staple_window_session_is_past (session))
    {
      g_set_error_literal (&error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_LISTEN,
                           _("This session is dated before today, so it is open for review: "
                             "the room joins a workshop on its day. To walk it again with "
                             "the room, use Walk Again."));
      staple_window_report (self, FALSE, &error);
      return;
    }

  {
    g_autoptr(GVariant) networks = g_action_group_get_action_state (G_ACTION_GROUP (self),
                                                                     "room-networks");
    g_autofree const char **names = g_variant_get_strv (networks, NULL);

    staple_room_set_networks (self->room, names);
  }

  /* A firewall that lets one port through: STAPLE_ROOM_PORT names it. */
  if (port != NULL)
    staple_room_set_port (self->room, (guint) MIN (g_ascii_strtoull (port, NULL, 10),
                                                   G_MAXUINT16));

  if (staple_window_report (self, staple_room_open (self->room, &error), &error))
    show_dialog (self);
}

static void
room_close_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StapleWindow *self = user_data;

  if (self->room != NULL && staple_room_get_is_open (self->room))
    {
      staple_room_close (self->room);
      staple_window_show_toast (self, _("The room is closed: no phone is connected any more"));
    }
}

/* Only the room sets its address. */
static void
room_state_refused (GSimpleAction *action,
                    GVariant      *value,
                    gpointer       user_data)
{
}

static void
room_anonymous_change (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       user_data)
{
  StapleWindow *self = user_data;

  if (self->room != NULL)
    staple_room_set_anonymous (self->room, g_variant_get_boolean (value));
}

static void
room_show_totals_change (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  StapleWindow *self = user_data;

  if (self->room != NULL)
    staple_room_set_show_totals (self->room, g_variant_get_boolean (value));
}

/* Whether the presenter shows the room's code outside the Frame too: while
 * the room's dialog is open, or as a script asks. */
static void
room_show_code_change (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       user_data)
{
  g_simple_action_set_state (action, value);
}

static StapleRoomSuggestion *
find_suggestion (StapleWindow  *self,
                 guint          id,
                 GError       **error)
{
  GListModel *suggestions = staple_room_get_suggestions (self->room);

  for (guint i = 0; i < g_list_model_get_n_items (suggestions); i++)
    {
      g_autoptr(StapleRoomSuggestion) suggestion = g_list_model_get_item (suggestions, i);

      if (staple_room_suggestion_get_id (suggestion) == id)
        return suggestion; /* the list keeps it alive */
    }

  g_set_error (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_GONE,
               _("There is no suggestion %u from the room: it has been dealt with already."),
               id);
  return NULL;
}

static void
room_accept_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleRoomSuggestion *suggestion;
  GError *error = NULL;
  const char *nick;
  int kind;
  guint id;

  g_variant_get (parameter, "(u&s)", &id, &nick);
  if (!staple_enum_from_nick (STAPLE_TYPE_FRICTION_KIND, nick, &kind))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a kind of friction."), nick);
      staple_window_report (self, FALSE, &error);
      return;
    }

  suggestion = find_suggestion (self, id, &error);
  staple_window_report (self, suggestion != NULL &&
                              staple_room_accept_suggestion (self->room, suggestion, kind,
                                                             &error) != NULL,
                        &error);
}

static void
room_merge_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleRoomSuggestion *suggestion;
  StapleFriction *friction;
  GError *error = NULL;
  int stage_index, index;
  guint id;

  g_variant_get (parameter, "(uii)", &id, &stage_index, &index);
  suggestion = find_suggestion (self, id, &error);
  if (suggestion == NULL)
    {
      staple_window_report (self, FALSE, &error);
      return;
    }

  friction = staple_window_nth_friction (self, stage_index, index);
  if (friction != NULL)
    staple_window_report (self, staple_room_merge_suggestion (self->room, suggestion, friction,
                                                              &error), &error);
}

static void
room_discard_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;
  StapleRoomSuggestion *suggestion = find_suggestion (self, g_variant_get_uint32 (parameter),
                                                      &error);

  AdwToast *toast;

  if (!staple_window_report (self, suggestion != NULL, &error))
    return;

  /* Nothing of it was stored, and nothing else brings it back: the toast
   * does, where the coach looks after a slip of the Delete key. */
  staple_room_discard_suggestion (self->room, suggestion);
  toast = adw_toast_new (_("Suggestion discarded"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.room-restore");
  adw_toast_set_action_target_value (toast, g_variant_new_uint32 (g_variant_get_uint32 (parameter)));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
room_restore_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;

  staple_window_report (self, self->room != NULL &&
                              staple_room_restore_suggestion (self->room,
                                                              g_variant_get_uint32 (parameter),
                                                              &error),
                        &error);
}

/* The networks phones may join on, kept in the settings: they apply the
 * next time the room opens. */
static void
room_networks_change (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  StapleWindow *self = user_data;

  if (self->settings != NULL)
    g_settings_set_value (self->settings, "room-networks", value);
  else
    g_simple_action_set_state (action, value);
}

static void
room_networks_setting_cb (StapleWindow *self)
{
  set_state (self, "room-networks", g_settings_get_value (self->settings, "room-networks"));
}

static const GActionEntry room_actions[] = {
  { "room-open", room_open_action },
  { "room-close", room_close_action },
  { "room", NULL, NULL, "''", room_state_refused },
  { "room-phones", NULL, NULL, "uint32 0", room_state_refused },
  { "room-suggestions", NULL, NULL, "@a(uis) []", room_state_refused },
  { "room-anonymous", NULL, NULL, "false", room_anonymous_change },
  { "room-show-totals", NULL, NULL, "false", room_show_totals_change },
  { "room-show-code", NULL, NULL, "false", room_show_code_change },
  { "room-networks", NULL, NULL, "@as []", room_networks_change },
  { "room-accept", room_accept_action, "(us)" },
  { "room-merge", room_merge_action, "(uii)" },
  { "room-discard", room_discard_action, "u" },
  { "room-restore", room_restore_action, "u" },
};

/* Ctrl+R: to the first suggestion waiting, from wherever the coach types. */
static gboolean
focus_suggestions_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  StapleWindow *self = STAPLE_WINDOW (widget);
  guint n;

  if (self->room == NULL || self->room_panel == NULL)
    return FALSE;

  n = g_list_model_get_n_items (staple_room_get_suggestions (self->room));
  if (staple_room_panel_focus (STAPLE_ROOM_PANEL (self->room_panel)))
    return TRUE;

  if (n > 0)
    staple_window_show_toast (self, _("What phones sent waits in the Walk’s side panel (Alt+3)"));
  else
    staple_window_show_toast (self, _("No suggestion from the room is waiting"));
  return TRUE;
}

/* The panel goes in the slot the session page keeps for it, in the Walk's
 * side panel, once the page is made. */
static void
place_panel (StapleWindow *self)
{
  if (self->room_panel != NULL || self->session_page == NULL)
    return;

  self->room_panel = staple_room_panel_new ();
  staple_session_page_set_room_panel (self->session_page, self->room_panel);
}

/* Every phone is disconnected, and what they sent is let go. */
static void
drop_room (StapleWindow *self)
{
  close_dialog (self);
  if (self->room == NULL)
    return;

  g_signal_handlers_disconnect_by_data (staple_room_get_suggestions (self->room), self);
  g_signal_handlers_disconnect_by_data (self->room, self);
  staple_room_close (self->room);
  g_clear_object (&self->room);
}

/**
 * staple_window_room_session_changed:
 *
 * Closes the room of the session left, and makes a closed one for the
 * session opened.
 */
void
staple_window_room_session_changed (StapleWindow *self)
{
  if (self->room != NULL && self->editor != NULL &&
      staple_room_get_editor (self->room) == self->editor)
    return;

  drop_room (self);

  if (self->editor != NULL)
    {
      self->room = staple_room_new (self->editor);
      /* The address comes before the room listens: both say it changed. */
      g_signal_connect_object (self->room, "notify::url", G_CALLBACK (room_url_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->room, "notify::is-open", G_CALLBACK (room_url_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->room, "notify::anonymous", G_CALLBACK (room_voting_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->room, "notify::show-totals", G_CALLBACK (room_voting_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->room, "notify::n-devices", G_CALLBACK (room_devices_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (staple_room_get_suggestions (self->room), "items-changed",
                               G_CALLBACK (room_suggestions_cb), self, G_CONNECT_SWAPPED);
      place_panel (self);
    }

  if (self->room_panel != NULL)
    staple_room_panel_set_room (STAPLE_ROOM_PANEL (self->room_panel), self->room);
  room_url_cb (self);
  room_voting_cb (self);
  room_devices_cb (self);
  room_suggestions_cb (self);
}

/**
 * staple_window_room_init:
 *
 * Adds the room's actions to the window, and Ctrl+R.
 */
void
staple_window_room_init (StapleWindow *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), room_actions,
                                   G_N_ELEMENTS (room_actions), self);

  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_r, GDK_CONTROL_MASK),
                      gtk_callback_action_new (focus_suggestions_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::room-networks",
                               G_CALLBACK (room_networks_setting_cb), self, G_CONNECT_SWAPPED);
      room_networks_setting_cb (self);
    }
  update_actions (self);
}

/**
 * staple_window_room_dispose:
 *
 * Closes the room with the window: every phone is disconnected.
 */
void
staple_window_room_dispose (StapleWindow *self)
{
  drop_room (self);
  if (self->room_panel != NULL)
    staple_room_panel_set_room (STAPLE_ROOM_PANEL (self->room_panel), NULL);
  self->room_panel = NULL;
}
