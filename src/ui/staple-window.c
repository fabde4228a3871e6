/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-window.c: the library and the open session, and the window actions.
 *
 * Every edit is a `win.` action, whether it comes from a key, a button, an
 * entry or a script over D-Bus, so they all take the same path to the editor.
 */
#define G_LOG_DOMAIN "staple-window"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-example.h"
#include "staple-label.h"
#include "staple-library-page.h"
#include "staple-review-window.h"
#include "staple-session-page.h"
#include "staple-window-private.h"

G_DEFINE_FINAL_TYPE (StapleWindow, staple_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (StapleWindow *self);

/**
 * staple_window_show_toast:
 *
 * Shows a short message at the bottom of the window.
 */
void
staple_window_show_toast (StapleWindow *self,
                          const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (STAPLE_IS_WINDOW (self));

  toast = staple_label_new_toast (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * staple_window_show_error:
 *
 * Tells the user what went wrong, without stopping their work.
 */
void
staple_window_show_error (StapleWindow *self,
                          const GError *error)
{
  g_return_if_fail (STAPLE_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_message ("%s", error->message);
  staple_window_safety_note_error (self, error);
  staple_window_show_toast (self, error->message);
}

/**
 * staple_window_get_editor:
 *
 * Returns: (transfer none) (nullable): the editor of the open session
 */
StapleEditor *
staple_window_get_editor (StapleWindow *self)
{
  g_return_val_if_fail (STAPLE_IS_WINDOW (self), NULL);

  return self->editor;
}

static void
editor_history_changed_cb (StapleWindow *self)
{
  update_actions (self);
}

static void
set_editor (StapleWindow *self,
            StapleEditor *editor)
{
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);

  g_set_object (&self->editor, editor);

  if (editor != NULL)
    {
      g_signal_connect_object (editor, "notify::can-undo",
                               G_CALLBACK (editor_history_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (editor, "notify::can-redo",
                               G_CALLBACK (editor_history_changed_cb), self, G_CONNECT_SWAPPED);
    }

  if (editor != NULL || self->session_page != NULL)
    staple_session_page_set_editor (staple_window_get_session_page (self), editor);
  staple_window_safety_editor_changed (self);
  staple_window_workshop_session_changed (self);
  staple_window_export_update_actions (self);
  staple_window_room_session_changed (self);
  update_actions (self);
}

static void show_library_page (StapleWindow *self);

/**
 * staple_window_get_session_page:
 *
 * The session page is made when the first session opens: a window that
 * starts on the library builds none of it.
 *
 * Returns: (transfer none): the page showing the open session
 */
StapleSessionPage *
staple_window_get_session_page (StapleWindow *self)
{
  if (self->session_page == NULL)
    {
      self->session_page = g_object_new (STAPLE_TYPE_SESSION_PAGE, NULL);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->session_page), "session");
      staple_session_page_set_timer (self->session_page, self->timer);
    }
  return self->session_page;
}

/**
 * staple_window_show_library:
 *
 * Shows the session library, read afresh from the database.
 */
void
staple_window_show_library (StapleWindow *self)
{
  g_return_if_fail (STAPLE_IS_WINDOW (self));

  /* The coach left the session on purpose: a crash now opens the library. */
  staple_store_set_state (self->store, "open-session", NULL, NULL);
  show_library_page (self);
}

static void
show_library_page (StapleWindow *self)
{
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  staple_library_page_reload (self->library_page);

  gtk_stack_set_visible_child_name (self->stack, "library");
  gtk_window_set_title (GTK_WINDOW (self), _("Staple"));
  staple_library_page_focus (self->library_page);
}

/**
 * staple_window_open_session:
 * @session_id: a session of the library
 *
 * Loads a session and shows it, with a fresh undo history.
 *
 * Returns: whether the session could be opened; if not, the user was told why
 */
gboolean
staple_window_open_session (StapleWindow *self,
                            gint64        session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(StapleEditor) editor = NULL;

  g_return_val_if_fail (STAPLE_IS_WINDOW (self), FALSE);

  if (self->editor != NULL &&
      staple_session_get_id (staple_editor_get_session (self->editor)) == session_id)
    {
      gtk_stack_set_visible_child_name (self->stack, "session");
      staple_window_safety_session_opened (self);
      return TRUE;
    }

  /* Edits of the open session that are not in the database yet must not
   * go with its editor. */
  if (!staple_window_safety_can_leave (self, FALSE))
    return FALSE;

  session = staple_store_load_session (self->store, session_id, &error);
  if (session == NULL)
    {
      staple_window_show_error (self, error);
      return FALSE;
    }

  editor = staple_editor_new (self->store, session);
  set_editor (self, editor);
  gtk_stack_set_visible_child_name (self->stack, "session");
  gtk_window_set_title (GTK_WINDOW (self), staple_session_get_title (session));
  staple_window_safety_session_opened (self);
  staple_window_safety_open_draft (self);

  return TRUE;
}

/**
 * staple_window_open_friction:
 *
 * Opens a session at one of its friction points (see
 * staple_session_page_show_friction()); a friction point deleted since
 * leaves the session open, and says so.
 *
 * Returns: whether the session opened
 */
gboolean
staple_window_open_friction (StapleWindow *self,
                             gint64        session_id,
                             gint64        friction_id)
{
  g_return_val_if_fail (STAPLE_IS_WINDOW (self), FALSE);

  if (!staple_window_open_session (self, session_id))
    return FALSE;

  self->looking = TRUE;
  if (!staple_session_page_show_friction (self->session_page, friction_id))
    staple_window_show_toast (self, _("That friction point is no longer in this session"));
  self->looking = FALSE;
  return TRUE;
}

/**
 * staple_window_open_stage:
 *
 * Opens a session at one of its stages (see
 * staple_session_page_show_stage()), as staple_window_open_friction() does
 * at a friction point.
 *
 * Returns: whether the session opened
 */
gboolean
staple_window_open_stage (StapleWindow *self,
                          gint64        session_id,
                          gint64        stage_id)
{
  g_return_val_if_fail (STAPLE_IS_WINDOW (self), FALSE);

  if (!staple_window_open_session (self, session_id))
    return FALSE;

  self->looking = TRUE;
  if (!staple_session_page_show_stage (self->session_page, stage_id))
    staple_window_show_toast (self, _("That stage is no longer in this session"));
  self->looking = FALSE;
  return TRUE;
}

static void
library_open_session_cb (StapleWindow *self,
                         gint64        session_id)
{
  staple_window_open_session (self, session_id);
}

/* Actions */

static void
update_actions (StapleWindow *self)
{
  gboolean has_session = self->editor != NULL;
  static const char * const session_actions[] = {
    "add-stage", "add-friction", "insert-friction", "delete-stage", "delete-friction",
    "move-stage", "move-friction", "set-session-field", "set-stage-field", "set-friction-field",
  };

  for (guint i = 0; i < G_N_ELEMENTS (session_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), session_actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_session);
    }

  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "undo")),
    has_session && staple_editor_can_undo (self->editor));
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "redo")),
    has_session && staple_editor_can_redo (self->editor));
}

/* Takes the error by address: it is read only once the edit that sets it
 * has run, whatever order the arguments were evaluated in. */
gboolean
staple_window_report (StapleWindow  *self,
        gboolean       ok,
        GError       **error)
{
  if (!ok && *error != NULL)
    staple_window_show_error (self, *error);

  g_clear_error (error);
  return ok;
}

StapleStage *
staple_window_nth_stage (StapleWindow *self,
           int           index)
{
  GListModel *stages;
  StapleStage *stage;

  if (self->editor == NULL)
    return NULL;

  stages = G_LIST_MODEL (staple_session_get_stages (staple_editor_get_session (self->editor)));
  if (index < 0 || (guint) index >= g_list_model_get_n_items (stages))
    {
      g_autofree char *message =
        g_strdup_printf (_("There is no stage %d in this session."), index + 1);

      staple_window_show_toast (self, message);
      return NULL;
    }

  stage = g_list_model_get_item (stages, (guint) index);
  g_object_unref (stage); /* the list keeps it alive */
  return stage;
}

StapleFriction *
staple_window_nth_friction (StapleWindow *self,
              int           stage_index,
              int           index)
{
  StapleStage *stage = staple_window_nth_stage (self, stage_index);
  GListModel *frictions;
  StapleFriction *friction;

  if (stage == NULL)
    return NULL;

  frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  if (index < 0 || (guint) index >= g_list_model_get_n_items (frictions))
    {
      g_autofree char *message =
        g_strdup_printf (_("Stage %d has no friction point %d."), stage_index + 1, index + 1);

      staple_window_show_toast (self, message);
      return NULL;
    }

  friction = g_list_model_get_item (frictions, (guint) index);
  g_object_unref (friction); /* the list keeps it alive */
  return friction;
}

static void
add_stage_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;

  staple_window_report (self, staple_editor_add_stage (self->editor, G_MAXUINT,
                                         g_variant_get_string (parameter, NULL),
                                         &error) != NULL, &error);
}

static void
add_friction_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;
  const char *text;
  StapleStage *stage;
  int index;

  g_variant_get (parameter, "(i&s)", &index, &text);
  stage = staple_window_nth_stage (self, index);
  if (stage != NULL)
    staple_window_report (self, staple_editor_add_friction (self->editor, stage, G_MAXUINT, text,
                                              &error) != NULL, &error);
}

/* (stage, index, text): a new friction point at a place in a stage */
static void
insert_friction_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;
  const char *text;
  StapleStage *stage;
  int stage_index, index;

  g_variant_get (parameter, "(ii&s)", &stage_index, &index, &text);
  stage = staple_window_nth_stage (self, stage_index);
  if (stage != NULL && index < 0)
    staple_window_show_toast (self, _("A friction point cannot go before the first place."));
  else if (stage != NULL)
    staple_window_report (self, staple_editor_add_friction (self->editor, stage, (guint) index,
                                                           text, &error) != NULL,
                          &error);
}

static void
delete_stage_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleStage *stage = staple_window_nth_stage (self, g_variant_get_int32 (parameter));
  GError *error = NULL;

  if (stage != NULL)
    staple_window_report (self, staple_editor_delete_stage (self->editor, stage, &error), &error);
}

static void
delete_friction_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleFriction *friction;
  GError *error = NULL;
  int stage_index, index;

  g_variant_get (parameter, "(ii)", &stage_index, &index);
  friction = staple_window_nth_friction (self, stage_index, index);
  if (friction != NULL)
    staple_window_report (self, staple_editor_delete_friction (self->editor, friction, &error),
                          &error);
}

static void
move_stage_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleStage *stage;
  GError *error = NULL;
  int from, to;

  g_variant_get (parameter, "(ii)", &from, &to);
  stage = staple_window_nth_stage (self, from);
  if (stage != NULL && to < 0)
    staple_window_show_toast (self, _("A stage cannot move before the first place."));
  else if (stage != NULL)
    staple_window_report (self, staple_editor_move_stage (self->editor, stage, (guint) to, &error),
                          &error);
}

/* (stage, index, to stage, to index) */
static void
move_friction_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleFriction *friction;
  StapleStage *target;
  GError *error = NULL;
  int stage_index, index, to_stage, to_index;

  g_variant_get (parameter, "(iiii)", &stage_index, &index, &to_stage, &to_index);
  friction = staple_window_nth_friction (self, stage_index, index);
  target = friction != NULL ? staple_window_nth_stage (self, to_stage) : NULL;
  if (target != NULL && to_index < 0)
    staple_window_show_toast (self, _("A friction point cannot move before the first place."));
  else if (target != NULL)
    staple_window_report (self, staple_editor_move_friction (self->editor, friction, target,
                                               (guint) to_index, &error), &error);
}

static const char * const session_fields[] = {
  "title", "organisation", "date", "location", "facilitator", "customer", "work-item",
  "question", NULL
};
static const char * const stage_fields[] = {
  "name", "team", "channel", "work-minutes", "wait-minutes", "handoff", "dropped",
  "customer-feeling", "staff-feeling", "notes", NULL
};
static const char * const friction_fields[] = {
  "text", "kind", "severity", "principle", "notes", NULL
};

/* Turns a scripted value into the property's type: strings, integers,
 * booleans, and enumerations by their nick ("time-pressure"). */
static gboolean
value_from_variant (GObject            *object,
                    const char * const *fields,
                    const char         *field,
                    GVariant           *variant,
                    GValue             *value,
                    GError            **error)
{
  GParamSpec *pspec = NULL;
  int enum_value;

  if (g_strv_contains (fields, field))
    pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), field);

  if (pspec == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no field “%s” here."), field);
      return FALSE;
    }

  g_value_init (value, pspec->value_type);

  if (G_TYPE_IS_ENUM (pspec->value_type) &&
      g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING) &&
      staple_enum_from_nick (pspec->value_type, g_variant_get_string (variant, NULL),
                             &enum_value))
    g_value_set_enum (value, enum_value);
  else if (pspec->value_type == G_TYPE_STRING &&
           g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
    g_value_set_string (value, g_variant_get_string (variant, NULL));
  else if (pspec->value_type == G_TYPE_INT &&
           g_variant_is_of_type (variant, G_VARIANT_TYPE_INT32))
    g_value_set_int (value, g_variant_get_int32 (variant));
  else if (pspec->value_type == G_TYPE_BOOLEAN &&
           g_variant_is_of_type (variant, G_VARIANT_TYPE_BOOLEAN))
    g_value_set_boolean (value, g_variant_get_boolean (variant));
  else
    {
      g_autofree char *text = g_variant_print (variant, TRUE);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s is not a valid value for “%s”."), text, field);
      return FALSE;
    }

  return TRUE;
}

void
staple_window_set_field (StapleWindow       *self,
           gpointer            object,
           const char * const *fields,
           const char         *field,
           GVariant           *variant)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GError *error = NULL;

  if (!value_from_variant (object, fields, field, variant, &value, &error))
    {
      staple_window_report (self, FALSE, &error);
      return;
    }

  staple_window_report (self, staple_editor_set (self->editor, object, field, &value, &error),
                        &error);
}

static void
set_session_field_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GVariant) value = NULL;
  const char *field;

  g_variant_get (parameter, "(&sv)", &field, &value);

  /* A session's date is a date (YYYY-MM-DD, or the locale's short form), or
   * none: one its own export would refuse changes nothing, and the window
   * says why. */
  if (g_str_equal (field, "date") && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      GError *error = NULL;
      g_autofree char *date = NULL;

      if (!staple_action_parse_due (g_variant_get_string (value, NULL), NULL, &date, &error))
        {
          staple_window_report (self, FALSE, &error);
          return;
        }

      g_clear_pointer (&value, g_variant_unref);
      value = g_variant_ref_sink (g_variant_new_string (date));
    }

  staple_window_set_field (self, staple_editor_get_session (self->editor), session_fields, field,
                           value);

  if (g_str_equal (field, "title"))
    gtk_window_set_title (GTK_WINDOW (self),
                          staple_session_get_title (staple_editor_get_session (self->editor)));
}

static void
set_stage_field_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GVariant) value = NULL;
  StapleStage *stage;
  const char *field;
  int index;

  g_variant_get (parameter, "(i&sv)", &index, &field, &value);
  stage = staple_window_nth_stage (self, index);
  if (stage == NULL)
    return;

  /* A time may come as a person says it ("2d 4h"); text that is no time
   * changes nothing, and the window says why. */
  if ((g_str_equal (field, "work-minutes") || g_str_equal (field, "wait-minutes")) &&
      g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      GError *error = NULL;
      guint minutes = 0;

      if (!staple_duration_parse (g_variant_get_string (value, NULL), &minutes, &error))
        {
          staple_window_report (self, FALSE, &error);
          return;
        }

      g_clear_pointer (&value, g_variant_unref);
      value = g_variant_ref_sink (g_variant_new_int32 ((gint32) minutes));
    }

  staple_window_set_field (self, stage, stage_fields, field, value);
}

static void
set_friction_field_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GVariant) value = NULL;
  StapleFriction *friction;
  const char *field;
  int stage_index, index;

  g_variant_get (parameter, "(ii&sv)", &stage_index, &index, &field, &value);
  friction = staple_window_nth_friction (self, stage_index, index);
  if (friction != NULL)
    staple_window_set_field (self, friction, friction_fields, field, value);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;

  if (self->editor != NULL)
    staple_window_report (self, staple_editor_undo (self->editor, &error), &error);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;

  if (self->editor != NULL)
    staple_window_report (self, staple_editor_redo (self->editor, &error), &error);
}

/* Sessions */

static void
new_session_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  staple_session_set_title (session, _("New session"));
  staple_session_set_date (session, date);

  if (!staple_store_add_session (self->store, session, &error))
    {
      staple_window_show_error (self, error);
      return;
    }

  if (staple_window_open_session (self, staple_session_get_id (session)))
    staple_session_page_focus_title (staple_window_get_session_page (self));
}

static void
delete_session_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  StapleWindow *self = user_data;
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = staple_store_load_session (self->store, id, &error);
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (session == NULL || !staple_store_set_session_trashed (self->store, id, TRUE, &error))
    {
      staple_window_show_error (self, error);
      return;
    }

  if (self->editor != NULL &&
      staple_session_get_id (staple_editor_get_session (self->editor)) == id)
    set_editor (self, NULL);

  staple_window_show_library (self);

  message = g_strdup_printf (_("“%s” deleted"), staple_session_get_title (session));
  toast = adw_toast_new (escaped = g_markup_escape_text (message, -1));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.restore-session");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
restore_session_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!staple_store_set_session_trashed (self->store, g_variant_get_int64 (parameter), FALSE,
                                         &error))
    staple_window_show_error (self, error);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "library"))
    staple_window_show_library (self);
}

/* Renames any session of the library; the open one through its own editor,
 * so that the rename can be undone there. */
static void
rename_session_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(StapleEditor) editor = NULL;
  g_autoptr(StapleSession) session = NULL;
  GError *error = NULL;
  const char *title;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &title);

  if (self->editor != NULL &&
      staple_session_get_id (staple_editor_get_session (self->editor)) == id)
    editor = g_object_ref (self->editor);
  else if ((session = staple_store_load_session (self->store, id, &error)) != NULL)
    editor = staple_editor_new (self->store, session);

  if (editor == NULL)
    {
      staple_window_report (self, FALSE, &error);
      return;
    }

  if (staple_window_report (self, staple_editor_set_string (editor,
                                                            staple_editor_get_session (editor),
                                              "title", title, &error), &error) &&
      g_str_equal (gtk_stack_get_visible_child_name (self->stack), "library"))
    staple_window_show_library (self);
}

static void
show_library_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  staple_window_show_library (STAPLE_WINDOW (user_data));
}

static void
open_example_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = staple_example_ensure (self->store, &error);

  if (id <= 0)
    staple_window_show_error (self, error);
  else
    staple_window_open_session (self, id);
}

/* The keyboard shortcuts window, made when first asked for: GTK would build
 * it with every window as it opens (from gtk/help-overlay.ui). */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  StapleWindow *self = user_data;
  GtkWindow *shortcuts = g_object_get_data (G_OBJECT (self), "staple-shortcuts");

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/staple-shortcuts.ui");

      shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* For window lists and screen readers: GTK gives it none. */
      gtk_window_set_title (shortcuts, _("Keyboard Shortcuts"));
      gtk_window_set_transient_for (shortcuts, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (shortcuts, TRUE);
      gtk_window_set_destroy_with_parent (shortcuts, TRUE);
      /* The window's reference: it goes with the window. */
      g_object_set_data_full (G_OBJECT (self), "staple-shortcuts", g_object_ref (shortcuts),
                              (GDestroyNotify) gtk_window_destroy);
    }
  gtk_window_present (shortcuts);
}

/* Its first frame, for benchmarks: said once, then disconnected. */
static void
review_painted_cb (GdkFrameClock *clock,
                   gint64        *since)
{
  g_debug ("review window's first frame painted %.1f ms after it was asked for",
           (g_get_monotonic_time () - *since) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, review_painted_cb, since);
}

/* The leadership review of the organisation (named exactly as in the
 * sessions), in a window of its own. */
static void
review_organisation_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  StapleWindow *self = user_data;
  const char *organisation = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  StapleReview *review;
  StapleReviewWindow *window;
  gint64 start = g_get_monotonic_time ();
  gint64 gathered, made;

  if (*organisation == '\0')
    {
      staple_window_show_toast (self, _("Choose an organisation in the library's search to "
                                        "review it"));
      return;
    }

  review = staple_store_review_organisation (self->store, organisation, NULL, &error);
  if (review == NULL)
    {
      staple_window_show_error (self, error);
      return;
    }
  if (review->walks->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No session of “%s” to review"),
                                                  organisation);

      staple_review_free (review);
      staple_window_show_toast (self, message);
      return;
    }

  gathered = g_get_monotonic_time ();
  window = staple_review_window_new (GTK_WINDOW (self), self->store, review);
  made = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (window));
  /* What it costs, for benchmarks (G_MESSAGES_DEBUG=staple-window). */
  g_debug ("review of %u walks: gathered in %.1f ms, its widgets made in %.1f ms, shown in "
           "%.1f ms", review->walks->len, (gathered - start) / 1000.0,
           (made - gathered) / 1000.0, (g_get_monotonic_time () - made) / 1000.0);
  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      if (clock != NULL)
        {
          gint64 *since = g_new (gint64, 1);

          *since = start;
          g_signal_connect_data (clock, "after-paint", G_CALLBACK (review_painted_cb), since,
                                 (GClosureNotify) (void (*) (void)) g_free, 0);
        }
    }
}

static const GActionEntry win_actions[] = {
  { "new-session", new_session_action },
  { "delete-session", delete_session_action, "x" },
  { "restore-session", restore_session_action, "x" },
  { "review-organisation", review_organisation_action, "s" },
  { "rename-session", rename_session_action, "(xs)" },
  { "show-library", show_library_action },
  { "open-example", open_example_action },
  { "show-help-overlay", show_help_overlay_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "add-stage", add_stage_action, "s" },
  { "add-friction", add_friction_action, "(is)" },
  { "insert-friction", insert_friction_action, "(iis)" },
  { "delete-stage", delete_stage_action, "i" },
  { "delete-friction", delete_friction_action, "(ii)" },
  { "move-stage", move_stage_action, "(ii)" },
  { "move-friction", move_friction_action, "(iiii)" },
  { "set-session-field", set_session_field_action, "(sv)" },
  { "set-stage-field", set_stage_field_action, "(isv)" },
  { "set-friction-field", set_friction_field_action, "(iisv)" },
};

/* Window size */

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from a build tree without the compiled schema should still work. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static gboolean
staple_window_close_request (GtkWindow *window)
{
  StapleWindow *self = STAPLE_WINDOW (window);

  /* Leaving the focused field hands on a value still being typed in it,
   * such as a number in a spin button. */
  gtk_window_set_focus (window, NULL);

  if (!staple_window_safety_can_leave (self, TRUE))
    return TRUE;
  staple_window_safety_closed (self);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (staple_window_parent_class)->close_request (window);
}

static void
staple_window_dispose (GObject *object)
{
  StapleWindow *self = STAPLE_WINDOW (object);

  staple_window_room_dispose (self);
  staple_window_workshop_dispose (self);
  staple_window_safety_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), STAPLE_TYPE_WINDOW);
  self->session_page = NULL;
  g_clear_object (&self->editor);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (staple_window_parent_class)->dispose (object);
}

static void
staple_window_class_init (StapleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = staple_window_dispose;
  window_class->close_request = staple_window_close_request;

  g_type_ensure (STAPLE_TYPE_LIBRARY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staple-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StapleWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StapleWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StapleWindow, library_page);
  gtk_widget_class_bind_template_callback (widget_class, library_open_session_cb);
}

static void
staple_window_init (StapleWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* First: the workshop's timer follows the settings. */
  self->settings = settings_new_if_installed ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  staple_window_workshop_init (self);
  staple_window_export_init (self);
  staple_window_room_init (self);
  staple_window_safety_init (self);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);

  update_actions (self);
}

/**
 * staple_window_new:
 * @store: the database whose sessions the window shows
 *
 * Returns: (transfer full): a window showing the library
 */
StapleWindow *
staple_window_new (StapleApplication *application,
                   StapleStore       *store)
{
  StapleWindow *self;

  g_return_val_if_fail (STAPLE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STAPLE_IS_STORE (store), NULL);

  self = g_object_new (STAPLE_TYPE_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  staple_library_page_set_store (self->library_page, store);
  staple_window_safety_attach (self);
  show_library_page (self);

  return self;
}
