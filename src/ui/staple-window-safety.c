/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-window-safety.c: what keeps every word the coach typed.
 *
 * Edits that could not be written yet are shown in a banner and keep the
 * session open until they are in; the text of the map's in-place editor is
 * kept as a draft while it is typed, and after a crash the window opens
 * where the coach was with that text back in its editor; files deleted or
 * replaced under the app are said so; and scripts get an Activate method
 * that fails when an edit did not reach the database.
 */
#define G_LOG_DOMAIN "staple-window"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-session-page.h"
#include "staple-window-private.h"

#define DBUS_INTERFACE "io.github.stapleapp.Staple.Window"
#define DBUS_ERROR_REFUSED "io.github.stapleapp.Staple.Error.Refused"
#define DBUS_ERROR_NOT_SAVED "io.github.stapleapp.Staple.Error.NotSaved"

/* Unsaved edits */

/* What to tell the coach: what is wrong, and what will free it. */
static char *
describe_unsaved (guint         n,
                  const GError *error,
                  const char   *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u change is not saved yet",
                                                         "%u changes are not saved yet", n), n);
  g_autofree char *reason = NULL;

  if (g_error_matches (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_FULL))
    reason = g_strdup_printf (_("the disk holding “%s” is full. Free some space: empty the "
                                "trash, or remove large files or old downloads."), name);
  else if (g_error_matches (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_LOCKED))
    reason = g_strdup_printf (_("another program keeps “%s” locked. Close it (a database "
                                "browser, a backup tool)."), name);
  else if (g_error_matches (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_READ_ONLY))
    reason = g_strdup_printf (_("“%s” cannot be written to any more. Make its disk or file "
                                "writable again."), name);
  else
    reason = g_strdup_printf ("%s", error != NULL ? error->message : "");

  return g_strdup_printf (_("%s: %s Staple keeps them and saves them as soon as it can."),
                          count, reason);
}

static void
update_banner (StapleWindow *self)
{
  guint n = self->editor != NULL ? staple_editor_get_n_unsaved (self->editor) : 0;

  if (n > 0)
    {
      g_autofree char *text =
        describe_unsaved (n, staple_editor_get_unsaved_error (self->editor),
                          staple_store_get_path (self->store));

      gtk_label_set_text (self->banner_label, text);
    }
  else if (gtk_revealer_get_reveal_child (self->banner))
    staple_window_show_toast (self, _("All changes are saved"));

  gtk_revealer_set_reveal_child (self->banner, n > 0);
}

static void
banner_retry_cb (StapleWindow *self)
{
  if (self->editor != NULL)
    staple_editor_save_now (self->editor, NULL);
  update_banner (self);
}

/**
 * staple_window_safety_editor_changed:
 *
 * Follows the unsaved edits of the window's new editor.
 */
void
staple_window_safety_editor_changed (StapleWindow *self)
{
  if (self->editor != NULL)
    g_signal_connect_object (self->editor, "notify::n-unsaved", G_CALLBACK (update_banner),
                             self, G_CONNECT_SWAPPED);
  update_banner (self);
}

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   StapleWindow     *self)
{
  if (g_str_equal (response, "retry"))
    banner_retry_cb (self);
  else if (g_str_equal (response, "discard"))
    {
      self->discard_unsaved = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/**
 * staple_window_safety_can_leave:
 * @quitting: whether the window is closing (rather than changing session)
 *
 * Writes the edits not yet saved, if it can now. If it cannot, tells the
 * user and returns %FALSE: the session stays open until they are in.
 */
gboolean
staple_window_safety_can_leave (StapleWindow *self,
                                gboolean      quitting)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  guint n;

  if (self->editor == NULL || self->discard_unsaved ||
      staple_editor_save_now (self->editor, &error))
    return TRUE;

  n = staple_editor_get_n_unsaved (self->editor);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Changes Not Saved Yet"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u change could not be written: %s Free some "
                                               "space or fix the file, then try again.",
                                               "%u changes could not be written: %s Free some "
                                               "space or fix the file, then try again.", n),
                                  n, error->message);
  adw_message_dialog_add_response (dialog, "cancel", _("_Keep Working"));
  adw_message_dialog_add_response (dialog, "retry", _("_Try Again"));
  adw_message_dialog_set_default_response (dialog, "retry");
  if (quitting)
    {
      adw_message_dialog_add_response (dialog, "discard", _("_Quit and Lose Them"));
      adw_message_dialog_set_response_appearance (dialog, "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* Files recovered under the app */

static void
recovered_cb (StapleWindow *self,
              const char   *message)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                _("The Library’s File Changed"), message));

  adw_message_dialog_add_response (dialog, "ok", _("_OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Drafts */

static void
save_draft_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  StapleSession *session;
  StapleStage *stage;
  StapleFriction *friction = NULL;
  const char *target;
  const char *text;
  int stage_index;
  int card;

  if (self->editor == NULL)
    return;

  g_variant_get (parameter, "(&sii&s)", &target, &stage_index, &card, &text);
  stage = staple_window_nth_stage (self, stage_index);
  if (stage == NULL)
    return;

  if (g_str_equal (target, "friction-text"))
    friction = staple_window_nth_friction (self, stage_index, card);

  session = staple_editor_get_session (self->editor);
  /* Best kept, not shown: the text is still in its editor either way. */
  if (!staple_store_save_draft (self->store, staple_session_get_id (session), target,
                                staple_stage_get_id (stage),
                                friction != NULL ? staple_friction_get_id (friction) : 0,
                                MAX (card, 0), text, &error))
    g_message ("Could not keep the draft: %s", error->message);
}

static void
clear_draft_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StapleWindow *self = user_data;

  if (self->editor != NULL)
    staple_store_clear_draft (self->store,
                              staple_session_get_id (staple_editor_get_session (self->editor)),
                              NULL);
}

static int
index_in (GListModel *list,
          gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (list, i);

      if (other == item)
        return (int) i;
    }

  return -1;
}

/* Opens the map's in-place editor with the session's draft, if it has one
 * that still points at something. Returns whether it did. */
static gboolean
restore_draft (StapleWindow *self)
{
  StapleSession *session = staple_editor_get_session (self->editor);
  g_autoptr(StapleDraft) draft = staple_store_load_draft (self->store,
                                                          staple_session_get_id (session));
  StapleStage *stage;
  guint stage_index = 0;
  int card;

  if (draft == NULL)
    return FALSE;

  stage = staple_session_find_stage (session, draft->stage_id, &stage_index);
  if (stage == NULL)
    return FALSE;

  card = g_str_equal (draft->target, "stage-name") ? -1 : draft->position;
  if (g_str_equal (draft->target, "friction-text"))
    {
      StapleFriction *friction = NULL;
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint i = 0; i < g_list_model_get_n_items (frictions) && friction == NULL; i++)
        {
          g_autoptr(StapleFriction) item = g_list_model_get_item (frictions, i);

          if (staple_friction_get_id (item) == draft->friction_id)
            friction = item;
        }
      if (friction == NULL)
        return FALSE;
      card = index_in (frictions, friction);
    }

  staple_session_page_restore_draft (staple_window_get_session_page (self), draft->target, stage_index, card,
                                     draft->text);
  return TRUE;
}

/**
 * staple_window_safety_session_opened:
 *
 * Remembers which session is open, so that a crash reopens it.
 */
void
staple_window_safety_session_opened (StapleWindow *self)
{
  g_autofree char *id = NULL;

  if (self->editor == NULL)
    {
      staple_store_set_state (self->store, "open-session", NULL, NULL);
      return;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        staple_session_get_id (staple_editor_get_session (self->editor)));
  staple_store_set_state (self->store, "open-session", id, NULL);
}

/**
 * staple_window_safety_closed:
 *
 * The window closes as it should: the next start opens on the library.
 * A draft stays, to be found when its session is opened again.
 */
void
staple_window_safety_closed (StapleWindow *self)
{
  staple_store_set_state (self->store, "open-session", NULL, NULL);
}

/**
 * staple_window_restore_after_crash:
 *
 * If Staple ended with a session open and did not close (a crash, a kill,
 * a laptop that died), opens that session again where it was, with the card
 * that was being typed back in its editor, and says so without stopping the
 * coach.
 *
 * Returns: whether a session was reopened
 */
gboolean
staple_window_restore_after_crash (StapleWindow *self)
{
  g_autofree char *value = NULL;
  gint64 id;

  g_return_val_if_fail (STAPLE_IS_WINDOW (self), FALSE);

  value = staple_store_get_state (self->store, "open-session");
  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;

  if (!staple_window_open_session (self, id))
    {
      staple_store_set_state (self->store, "open-session", NULL, NULL);
      return FALSE;
    }

  if (restore_draft (self))
    staple_window_show_toast (self, _("Staple did not close properly. It opened where you "
                                      "were, with the text you were typing."));
  else
    staple_window_show_toast (self, _("Staple did not close properly. It opened where you "
                                      "were; every saved change is there."));
  return TRUE;
}

/**
 * staple_window_safety_open_draft:
 *
 * Brings back the draft of the session just opened, if it has one.
 */
void
staple_window_safety_open_draft (StapleWindow *self)
{
  if (self->editor != NULL)
    restore_draft (self);
}

/* Scripts: an Activate that says when an edit did not get in */

static const char introspection_xml[] =
  "<node>"
  "  <interface name='" DBUS_INTERFACE "'>"
  "    <method name='Activate'>"
  "      <arg type='s' name='action' direction='in'/>"
  "      <arg type='av' name='parameter' direction='in'/>"
  "      <arg type='a{sv}' name='platform_data' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GVariant) parameter = NULL;
  g_autoptr(GVariant) platform_data = NULL;
  const GVariantType *expected;
  const char *name;
  GAction *action;

  g_variant_get (parameters, "(&sav@a{sv})", &name, &iter, &platform_data);
  g_variant_iter_next (iter, "v", &parameter);

  action = g_action_map_lookup_action (G_ACTION_MAP (self), name);
  if (action == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_INVALID_ARGS,
                                             "There is no action “%s”.", name);
      return;
    }

  expected = g_action_get_parameter_type (action);
  if ((expected == NULL) != (parameter == NULL) ||
      (parameter != NULL && !g_variant_is_of_type (parameter, expected)))
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_INVALID_ARGS,
                                             "The action “%s” takes %s.", name,
                                             expected != NULL
                                               ? g_variant_type_peek_string (expected)
                                               : "no parameter");
      return;
    }

  if (!g_action_get_enabled (action))
    {
      g_dbus_method_invocation_return_dbus_error (invocation, DBUS_ERROR_REFUSED,
                                                  _("That cannot be done now (is a session "
                                                    "open?)."));
      return;
    }

  g_clear_error (&self->last_error);
  self->last_error_set = FALSE;
  g_action_activate (action, parameter);

  if (self->last_error_set && self->last_error != NULL)
    g_dbus_method_invocation_return_dbus_error (invocation, DBUS_ERROR_REFUSED,
                                                self->last_error->message);
  else if (self->editor != NULL && staple_editor_get_n_unsaved (self->editor) > 0)
    g_dbus_method_invocation_return_dbus_error (
      invocation, DBUS_ERROR_NOT_SAVED,
      staple_editor_get_unsaved_error (self->editor) != NULL
        ? staple_editor_get_unsaved_error (self->editor)->message
        : _("The change is not saved yet."));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL };

static void
export_on_bus (StapleWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GDBusConnection *connection = app != NULL ? g_application_get_dbus_connection (app) : NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autofree char *path = NULL;
  guint id = gtk_application_window_get_id (GTK_APPLICATION_WINDOW (self));

  if (connection == NULL || id == 0)
    return;

  info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  path = g_strdup_printf ("%s/window/%u", g_application_get_dbus_object_path (app), id);
  self->dbus_connection = g_object_ref (connection);
  self->dbus_id = g_dbus_connection_register_object (connection, path, info->interfaces[0],
                                                     &vtable, self, NULL, NULL);
}

/**
 * staple_window_safety_note_error:
 *
 * Remembers the error of the action being run, for its D-Bus caller.
 */
void
staple_window_safety_note_error (StapleWindow *self,
                                 const GError *error)
{
  g_clear_error (&self->last_error);
  self->last_error = g_error_copy (error);
  self->last_error_set = TRUE;
}

static const GActionEntry safety_actions[] = {
  { "save-draft", save_draft_action, "(siis)" },
  { "clear-draft", clear_draft_action },
};

/**
 * staple_window_safety_init:
 *
 * Adds the draft actions and the unsaved-changes banner.
 */
void
staple_window_safety_init (StapleWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Try Now"));
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *stack = GTK_WIDGET (self->stack);

  g_action_map_add_action_entries (G_ACTION_MAP (self), safety_actions,
                                   G_N_ELEMENTS (safety_actions), self);

  self->banner_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->banner_label, TRUE);
  gtk_label_set_xalign (self->banner_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->banner_label), TRUE);
  g_signal_connect_object (button, "clicked", G_CALLBACK (banner_retry_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner_label));
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_add_css_class (box, "staple-unsaved-banner");

  self->banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->banner, box);

  /* The banner goes above everything the window shows. */
  g_object_ref (stack);
  adw_toast_overlay_set_child (self->toast_overlay, NULL);
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->banner));
  gtk_box_append (GTK_BOX (content), stack);
  adw_toast_overlay_set_child (self->toast_overlay, content);
  g_object_unref (stack);
}

/**
 * staple_window_safety_attach:
 *
 * Once the window has its store and application: follows the store's
 * files and puts the Activate method on the bus.
 */
void
staple_window_safety_attach (StapleWindow *self)
{
  g_signal_connect_object (self->store, "recovered", G_CALLBACK (recovered_cb), self,
                           G_CONNECT_SWAPPED);
  export_on_bus (self);
}

/**
 * staple_window_safety_dispose:
 */
void
staple_window_safety_dispose (StapleWindow *self)
{
  if (self->dbus_id != 0)
    g_dbus_connection_unregister_object (self->dbus_connection, self->dbus_id);
  self->dbus_id = 0;
  g_clear_object (&self->dbus_connection);
  g_clear_error (&self->last_error);
}
