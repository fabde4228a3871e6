/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-editor.c: the one place edits go through.
 *
 * Every edit is a command that changes the model, writes the change in its
 * own transaction, and can be undone and redone the same way. The model is
 * changed first so that the store can write what the model now holds; if the
 * write is refused, the change is taken back and the caller gets the error;
 * if it fails for a while (a full disk), the change is kept and written
 * later. The commands that add, remove and move rows are in
 * staple-editor-rows.c.
 */
#define G_LOG_DOMAIN "staple-editor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "staple-editor-private.h"

/* Typing into one field within this many microseconds is one undo step. */
#define MERGE_WINDOW_USEC (2 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (StapleEditor, staple_editor, G_TYPE_OBJECT)

G_DEFINE_QUARK (staple-editor-error-quark, staple_editor_error)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_N_UNSAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
staple_editor_command_free (gpointer data)
{
  Command *command = data;

  if (command->n_pending > 0)
    command->released = TRUE;
  else
    command->klass->free (command);
}

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  if (--pending->command->n_pending == 0 && pending->command->released)
    pending->command->klass->free (pending->command);
}

static void
staple_editor_dispose (GObject *object)
{
  StapleEditor *self = STAPLE_EDITOR (object);

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_error (&self->unsaved_error);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (staple_editor_parent_class)->dispose (object);
}

static void
staple_editor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StapleEditor *self = STAPLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, staple_editor_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, staple_editor_can_redo (self));
      break;

    case PROP_N_UNSAVED:
      g_value_set_uint (value, staple_editor_get_n_unsaved (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_editor_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StapleEditor *self = STAPLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_editor_class_init (StapleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = staple_editor_dispose;
  object_class->get_property = staple_editor_get_property;
  object_class->set_property = staple_editor_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, STAPLE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, STAPLE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StapleEditor:n-unsaved:
   *
   * How many edits are in the session but not yet in the database, kept and
   * tried again (see staple_editor_get_unsaved_error()).
   */
  properties[PROP_N_UNSAVED] =
    g_param_spec_uint ("n-unsaved", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StapleEditor::changed:
   *
   * Emitted after every change the editor makes to the session: an edit, a
   * keystroke merged into the last one, an undo or a redo. For views that
   * show the whole session, such as the audience's.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
staple_editor_init (StapleEditor *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (command_free);
  self->redo_stack = g_ptr_array_new_with_free_func (command_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_array_set_clear_func (self->pending, pending_clear);
}

/**
 * staple_editor_new:
 * @store: the database the session lives in
 * @session: a session loaded from @store
 *
 * Returns: (transfer full): an editor with an empty history
 */
StapleEditor *
staple_editor_new (StapleStore   *store,
                   StapleSession *session)
{
  g_return_val_if_fail (STAPLE_IS_STORE (store), NULL);
  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (staple_session_get_id (session) > 0, NULL);

  return g_object_new (STAPLE_TYPE_EDITOR, "store", store, "session", session, NULL);
}

/**
 * staple_editor_get_session:
 *
 * Returns: (transfer none): the session this editor changes
 */
StapleSession *
staple_editor_get_session (StapleEditor *self)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  return self->session;
}

/**
 * staple_editor_get_store:
 *
 * Returns: (transfer none): the store this editor writes to
 */
StapleStore *
staple_editor_get_store (StapleEditor *self)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  return self->store;
}

/* Running commands */

/* Errors after which the same write may well go in later. Anything else
 * (a damaged file) takes the change back at once. */
static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_FULL) ||
         g_error_matches (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_LOCKED) ||
         g_error_matches (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_READ_ONLY) ||
         g_error_matches (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_IN_USE) ||
         g_error_matches (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_IO);
}

/* Writes @n commands in one transaction. */
static gboolean
write_commands (StapleEditor  *self,
                Pending       *commands,
                guint          n,
                GError       **error)
{
  if (!staple_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (!commands[i].command->klass->write (commands[i].command, self, commands[i].forward,
                                              error))
        {
          staple_store_rollback (self->store);
          return FALSE;
        }
    }

  self->touched_us = g_get_monotonic_time ();
  if (!staple_store_touch_session (self->store, staple_session_get_id (self->session), error))
    {
      staple_store_rollback (self->store);
      return FALSE;
    }
  self->touched_us = g_get_monotonic_time () - self->touched_us;

  if (!staple_store_commit (self->store, error))
    {
      staple_store_rollback (self->store);
      return FALSE;
    }

  return TRUE;
}

static gboolean retry_cb (gpointer data);

static void
set_unsaved (StapleEditor *self,
             GError       *error)
{
  g_clear_error (&self->unsaved_error);
  self->unsaved_error = error;

  if (error != NULL && self->retry_id == 0)
    self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
  else if (error == NULL)
    g_clear_handle_id (&self->retry_id, g_source_remove);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSAVED]);
}

static void
enqueue (StapleEditor *self,
         Command      *command,
         gboolean      forward)
{
  Pending pending = { command, forward };

  command->n_pending++;
  g_array_append_val (self->pending, pending);
}

/**
 * staple_editor_save_now:
 *
 * Tries at once to write the edits that could not be written before.
 *
 * Returns: whether everything is saved now; if not, @error says why
 */
gboolean
staple_editor_save_now (StapleEditor  *self,
                        GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);

  if (self->pending->len == 0)
    return TRUE;

  if (!write_commands (self, &g_array_index (self->pending, Pending, 0), self->pending->len,
                       &local_error))
    {
      if (error != NULL)
        *error = g_error_copy (local_error);
      set_unsaved (self, local_error);
      return FALSE;
    }

  g_array_set_size (self->pending, 0);
  set_unsaved (self, NULL);
  return TRUE;
}

static gboolean
retry_cb (gpointer data)
{
  StapleEditor *self = data;

  self->retry_id = 0;
  staple_editor_save_now (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Changes the model and writes the change. If the write fails for a
 * reason that may pass (a full disk), the change stays in the model and
 * @keep is written later, in order with everything after it; the edit is
 * done as far as the caller knows, and the editor says what is unsaved. */
static gboolean
apply_and_write (StapleEditor *self,
                 Command      *command,
                 Command      *keep,
                 gboolean      forward,
                 GError      **error)
{
  Pending one = { command, forward };
  GError *local_error = NULL;
  gint64 start = g_get_monotonic_time ();

  command->klass->apply (command, self, forward);
  self->applied_us = g_get_monotonic_time () - start;
  self->written_us = 0;

  if (self->pending->len > 0)
    {
      enqueue (self, keep, forward);
      staple_editor_save_now (self, NULL);
      return TRUE;
    }

  start = g_get_monotonic_time ();
  if (write_commands (self, &one, 1, &local_error))
    {
      self->written_us = g_get_monotonic_time () - start;
      return TRUE;
    }

  if (!is_transient (local_error))
    {
      command->klass->apply (command, self, !forward);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  enqueue (self, keep, forward);
  set_unsaved (self, local_error);
  return TRUE;
}

static gboolean
run_command_keeping (StapleEditor *self,
                     Command      *command,
                     Command      *keep,
                     gboolean      forward,
                     GError      **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean done = apply_and_write (self, command, keep, forward, error);

  g_signal_emit (self, signals[CHANGED], 0);
  /* What an edit costs, for benchmarks (G_MESSAGES_DEBUG=staple-editor). */
  g_debug ("edit done in %.3f ms: applied %.3f ms, written %.3f ms (touch %.3f ms), "
           "then %.3f ms",
           (g_get_monotonic_time () - start) / 1000.0, self->applied_us / 1000.0,
           self->written_us / 1000.0, self->touched_us / 1000.0,
           (g_get_monotonic_time () - start - self->applied_us - self->written_us) / 1000.0);
  return done;
}

static gboolean
run_command (StapleEditor *self,
             Command      *command,
             gboolean      forward,
             GError      **error)
{
  return run_command_keeping (self, command, command, forward, error);
}

static void
notify_history (StapleEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Runs a new command and, if it was written, puts it on the undo stack
 * (unless recording is off). Takes ownership of @command either way. */
gboolean
staple_editor_push_command (StapleEditor *self,
              Command      *command,
              GError      **error)
{
  if (!run_command (self, command, TRUE, error))
    {
      command_free (command);
      return FALSE;
    }

  if (self->unrecorded > 0)
    {
      /* Written, and kept for a retry if need be, but nobody's to undo;
       * what the user may redo stays. */
      command_free (command);
      self->may_merge = FALSE;
      return TRUE;
    }

  g_ptr_array_add (self->undo_stack, command);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->may_merge = FALSE;
  notify_history (self);
  return TRUE;
}

void
staple_editor_renumber (GListModel *list)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_object_set (item, "position", (int) i, NULL);
    }
}

/* Setting a property */

typedef struct
{
  Command     parent;
  GObject    *object;
  const char *property; /* interned */
  GValue      old_value;
  GValue      new_value;
} SetCommand;

static void
set_command_apply (Command      *command,
                   StapleEditor *editor,
                   gboolean      forward)
{
  SetCommand *self = (SetCommand *) command;

  g_object_set_property (self->object, self->property,
                         forward ? &self->new_value : &self->old_value);
}

static gboolean
set_command_write (Command      *command,
                   StapleEditor *editor,
                   gboolean      forward,
                   GError      **error)
{
  SetCommand *self = (SetCommand *) command;

  return staple_store_update_field (editor->store, self->object, self->property, error);
}

static void
set_command_free (Command *command)
{
  SetCommand *self = (SetCommand *) command;

  g_clear_object (&self->object);
  g_value_unset (&self->old_value);
  g_value_unset (&self->new_value);
  g_free (self);
}

static const CommandClass set_command_class = {
  set_command_apply, set_command_write, set_command_free, NULL,
};

/* Whether @text (valid UTF-8 or NULL) has nothing but white space. */
gboolean
staple_editor_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID, message);
  return FALSE;
}

/* What to say when @property of @object is left blank, or NULL if it may be. */
static const char *
blank_message (GObject    *object,
               const char *property)
{
  if (STAPLE_IS_SESSION (object) && g_str_equal (property, "title"))
    return _("A session needs a title.");
  if (STAPLE_IS_STAGE (object) && g_str_equal (property, "name"))
    return _("A stage needs a name.");
  if (STAPLE_IS_FRICTION (object) && g_str_equal (property, "text"))
    return _("A friction point needs some text.");
  if (STAPLE_IS_PARTICIPANT (object) && g_str_equal (property, "name"))
    return _("A participant needs a name.");
  if (STAPLE_IS_ACTION (object) && g_str_equal (property, "text"))
    return _("An action needs some text.");
  if (STAPLE_IS_EMPOWERMENT (object) && g_str_equal (property, "text"))
    return _("An empowerment needs some text.");

  return NULL;
}

static gboolean
validate_text (GObject     *object,
               const char  *property,
               const char  *text,
               GError     **error)
{
  const char *message;

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    return refuse (error, _("The text is not valid UTF-8."));

  message = blank_message (object, property);
  if (message != NULL && is_blank (text))
    return refuse (error, message);

  if (STAPLE_IS_ACTION (object) && g_str_equal (property, "due") &&
      text != NULL && *text != '\0' && !staple_date_is_valid (text))
    return refuse (error, _("A due date is written YYYY-MM-DD, such as 2024-03-31, "
                            "or left empty."));

  return TRUE;
}

/* References by id must stay inside the session, where the database's
 * foreign keys cannot look. */
static gboolean
validate_value (StapleEditor  *self,
                GObject       *object,
                const char    *property,
                const GValue  *value,
                GError       **error)
{
  gint64 id;

  if (G_VALUE_HOLDS_STRING (value))
    return validate_text (object, property, g_value_get_string (value), error);

  if (!G_VALUE_HOLDS_INT64 (value))
    return TRUE;

  id = g_value_get_int64 (value);

  if (STAPLE_IS_ACTION (object) && g_str_equal (property, "owner-id") && id != 0 &&
      staple_session_find_participant (self->session, id, NULL) == NULL)
    return refuse (error, _("The owner of an action must be one of the participants."));

  if (STAPLE_IS_SESSION (object) && g_str_equal (property, "current-stage-id") && id != 0 &&
      staple_session_find_stage (self->session, id, NULL) == NULL)
    return refuse (error, _("The current stage must be one of the session’s stages."));

  return TRUE;
}

/* Typing goes in as many small sets of one field; those that follow each
 * other quickly become one undo step. */
static gboolean
try_merge (StapleEditor  *self,
           GObject       *object,
           const char    *property,
           const GValue  *value,
           GError       **error)
{
  SetCommand *top;
  SetCommand step = { { &set_command_class, NULL } };

  if (!self->may_merge || self->unrecorded > 0 || self->undo_stack->len == 0 ||
      g_get_monotonic_time () - self->last_set_time > MERGE_WINDOW_USEC)
    return FALSE;

  top = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
  if (top->parent.klass != &set_command_class || top->object != object ||
      top->property != property)
    return FALSE;

  step.object = object;
  step.property = property;
  g_value_init (&step.old_value, G_VALUE_TYPE (&top->new_value));
  g_value_copy (&top->new_value, &step.old_value);
  g_value_init (&step.new_value, G_VALUE_TYPE (value));
  g_value_copy (value, &step.new_value);

  if (run_command_keeping (self, &step.parent, &top->parent, TRUE, error))
    {
      g_value_copy (value, &top->new_value);
      self->last_set_time = g_get_monotonic_time ();
    }

  g_value_unset (&step.old_value);
  g_value_unset (&step.new_value);
  return TRUE;
}

/**
 * staple_editor_set:
 * @object: the session or an object in it
 * @property: the property to change
 * @value: its new value
 *
 * Changes one property and writes it at once. Setting the same field again
 * within a moment extends the same undo step, so a sentence typed into an
 * entry undoes as one.
 */
/* An action's status, and with it the day it was done: today when it
 * becomes done (the day it was already done, if it was), none when it is
 * no longer done; one undo step. Takes @status. */
static gboolean
set_status (StapleEditor  *self,
            StapleAction  *action,
            SetCommand    *status,
            GError       **error)
{
  gboolean done = g_value_get_enum (&status->new_value) == STAPLE_ACTION_STATUS_DONE;
  const char *old = staple_action_get_done_on (action);
  g_autofree char *today = NULL;
  SetCommand *done_on;
  gboolean pushed;

  if (done && *old == '\0')
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = g_date_time_format (now, "%Y-%m-%d");
    }

  self->may_merge = FALSE;
  if (g_strcmp0 (old, done ? (*old != '\0' ? old : today) : "") == 0)
    return push_command (self, &status->parent, error);

  done_on = g_new0 (SetCommand, 1);
  done_on->parent.klass = &set_command_class;
  done_on->parent.label = status->parent.label;
  done_on->object = g_object_ref (G_OBJECT (action));
  done_on->property = g_intern_static_string ("done-on");
  g_value_init (&done_on->old_value, G_TYPE_STRING);
  g_value_set_string (&done_on->old_value, old);
  g_value_init (&done_on->new_value, G_TYPE_STRING);
  g_value_set_string (&done_on->new_value, done ? today : "");

  pushed = push_command (self, group_new (status->parent.label, &status->parent,
                                          &done_on->parent), error);
  self->may_merge = FALSE;
  return pushed;
}

gboolean
staple_editor_set (StapleEditor  *self,
                   gpointer       object,
                   const char    *property,
                   const GValue  *value,
                   GError       **error)
{
  g_autoptr(GError) merge_error = NULL;
  GParamSpec *pspec;
  SetCommand *command;
  const char *interned;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (property != NULL && value != NULL, FALSE);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_val_if_fail (pspec != NULL, FALSE);

  interned = g_intern_string (property);
  command = g_new0 (SetCommand, 1);
  command->parent.klass = &set_command_class;
  command->parent.label = _("Edit");
  command->object = g_object_ref (object);
  command->property = interned;
  g_value_init (&command->old_value, pspec->value_type);
  g_object_get_property (object, interned, &command->old_value);
  g_value_init (&command->new_value, pspec->value_type);
  if (!g_value_transform (value, &command->new_value))
    {
      set_command_free (&command->parent);
      g_return_val_if_reached (FALSE);
    }

  /* Clamps numbers into the property's range, as the setters would. */
  g_param_value_validate (pspec, &command->new_value);

  if (!validate_value (self, object, interned, &command->new_value, error))
    {
      set_command_free (&command->parent);
      return FALSE;
    }

  if (g_param_values_cmp (pspec, &command->old_value, &command->new_value) == 0)
    {
      set_command_free (&command->parent);
      return TRUE;
    }

  if (STAPLE_IS_ACTION (object) && interned == g_intern_static_string ("status"))
    return set_status (self, STAPLE_ACTION (object), command, error);

  if (try_merge (self, object, interned, &command->new_value, &merge_error))
    {
      set_command_free (&command->parent);
      if (merge_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&merge_error));
          return FALSE;
        }
      return TRUE;
    }

  if (!push_command (self, &command->parent, error))
    return FALSE;

  self->may_merge = TRUE;
  self->last_set_time = g_get_monotonic_time ();
  return TRUE;
}

/**
 * staple_editor_set_string:
 *
 * Sets a string property; see staple_editor_set().
 */
gboolean
staple_editor_set_string (StapleEditor  *self,
                          gpointer       object,
                          const char    *property,
                          const char    *value,
                          GError       **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);
  return staple_editor_set (self, object, property, &gvalue, error);
}

/**
 * staple_editor_set_int:
 *
 * Sets an integer property; see staple_editor_set().
 */
gboolean
staple_editor_set_int (StapleEditor  *self,
                       gpointer       object,
                       const char    *property,
                       int            value,
                       GError       **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_INT);
  g_value_set_int (&gvalue, value);
  return staple_editor_set (self, object, property, &gvalue, error);
}

/**
 * staple_editor_set_boolean:
 *
 * Sets a boolean property; see staple_editor_set().
 */
gboolean
staple_editor_set_boolean (StapleEditor  *self,
                           gpointer       object,
                           const char    *property,
                           gboolean       value,
                           GError       **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_BOOLEAN);
  g_value_set_boolean (&gvalue, value);
  return staple_editor_set (self, object, property, &gvalue, error);
}

/**
 * staple_editor_set_enum:
 *
 * Sets an enumeration property; see staple_editor_set().
 */
gboolean
staple_editor_set_enum (StapleEditor  *self,
                        gpointer       object,
                        const char    *property,
                        int            value,
                        GError       **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;
  GParamSpec *pspec;

  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_val_if_fail (pspec != NULL && G_IS_PARAM_SPEC_ENUM (pspec), FALSE);

  g_value_init (&gvalue, pspec->value_type);
  g_value_set_enum (&gvalue, value);
  return staple_editor_set (self, object, property, &gvalue, error);
}

/* Where the workshop stands: written at once, outside the history */

/* Writing one property of an object as it is now, outside the history. */
typedef struct
{
  Command     parent;
  GObject    *object;
  const char *property;
} WriteCommand;

static void
write_command_apply (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward)
{
  /* The caller has changed the model already. */
}

static gboolean
write_command_write (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward,
                     GError      **error)
{
  WriteCommand *self = (WriteCommand *) command;

  return staple_store_update_field (editor->store, self->object, self->property, error);
}

static void
write_command_free (Command *command)
{
  WriteCommand *self = (WriteCommand *) command;

  g_clear_object (&self->object);
  g_free (self);
}

static const CommandClass write_command_class = {
  write_command_apply, write_command_write, write_command_free, NULL,
};

/* Writes one property of an object as it is now, in its own transaction;
 * kept and tried again like an edit when the write fails for a while. */
static gboolean
write_now (StapleEditor  *self,
           gpointer       object,
           const char    *property,
           GError       **error)
{
  WriteCommand *command = g_new0 (WriteCommand, 1);
  gboolean ok;

  command->parent.klass = &write_command_class;
  command->object = g_object_ref (object);
  command->property = g_intern_string (property);

  ok = run_command (self, &command->parent, TRUE, error);
  command_free (command);
  return ok;
}

/**
 * staple_editor_set_phase:
 * @phase: the phase of the exercise the session is now in
 *
 * Moves the session to @phase and writes that at once. This is no edit of
 * the session's content, so it is not in the undo history.
 */
gboolean
staple_editor_set_phase (StapleEditor  *self,
                         StaplePhase    phase,
                         GError       **error)
{
  StaplePhase old_phase;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail ((guint) phase < STAPLE_N_PHASES, FALSE);

  old_phase = staple_session_get_phase (self->session);
  if (old_phase == phase)
    return TRUE;

  staple_session_set_phase (self->session, phase);
  if (!write_now (self, self->session, "phase", error))
    {
      staple_session_set_phase (self->session, old_phase);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_editor_set_current_stage:
 * @stage: (nullable): a stage of the session, or %NULL for none
 *
 * Moves the walk-through to @stage and writes that at once, outside the
 * undo history.
 */
gboolean
staple_editor_set_current_stage (StapleEditor  *self,
                                 StapleStage   *stage,
                                 GError       **error)
{
  gint64 old_id;
  gint64 id = 0;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (stage == NULL || STAPLE_IS_STAGE (stage), FALSE);

  if (stage != NULL)
    {
      id = staple_stage_get_id (stage);
      g_return_val_if_fail (staple_session_find_stage (self->session, id, NULL) == stage, FALSE);
    }

  old_id = staple_session_get_current_stage_id (self->session);
  if (old_id == id)
    return TRUE;

  staple_session_set_current_stage_id (self->session, id);
  if (!write_now (self, self->session, "current-stage-id", error))
    {
      staple_session_set_current_stage_id (self->session, old_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_editor_add_phase_seconds:
 * @phase: the phase the time was spent in
 * @seconds: how many seconds to add to the time spent in @phase
 *
 * Adds time actually spent in @phase to its total and writes the total at
 * once, outside the undo history.
 */
gboolean
staple_editor_add_phase_seconds (StapleEditor  *self,
                                 StaplePhase    phase,
                                 guint          seconds,
                                 GError       **error)
{
  guint old_total;
  guint total;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail ((guint) phase < STAPLE_N_PHASES, FALSE);

  old_total = staple_session_get_phase_seconds (self->session, phase);
  total = seconds > G_MAXUINT - old_total ? G_MAXUINT : old_total + seconds;
  if (total == old_total)
    return TRUE;

  staple_session_set_phase_seconds (self->session, phase, total);
  if (!staple_store_set_phase_seconds (self->store, staple_session_get_id (self->session), phase,
                                       total, error))
    {
      staple_session_set_phase_seconds (self->session, phase, old_total);
      return FALSE;
    }

  return TRUE;
}

/* History */

/**
 * staple_editor_begin_unrecorded:
 *
 * Until the matching staple_editor_end_unrecorded(), edits are applied and
 * written as usual but are not in the undo history: edits that are not the
 * user's to take back, such as a ballot cast from a phone in the room or
 * the anonymous voter it votes as. The user's Ctrl+Z then takes back the
 * user's own last edit, and what the user may redo stays. Calls nest.
 */
void
staple_editor_begin_unrecorded (StapleEditor *self)
{
  g_return_if_fail (STAPLE_IS_EDITOR (self));

  self->unrecorded++;
}

/**
 * staple_editor_end_unrecorded:
 *
 * Ends what staple_editor_begin_unrecorded() began.
 */
void
staple_editor_end_unrecorded (StapleEditor *self)
{
  g_return_if_fail (STAPLE_IS_EDITOR (self));
  g_return_if_fail (self->unrecorded > 0);

  self->unrecorded--;
}

/**
 * staple_editor_can_undo:
 *
 * Returns: whether there is an edit to undo
 */
gboolean
staple_editor_can_undo (StapleEditor *self)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);

  return self->undo_stack->len > 0;
}

/**
 * staple_editor_can_redo:
 *
 * Returns: whether there is an undone edit to redo
 */
gboolean
staple_editor_can_redo (StapleEditor *self)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);

  return self->redo_stack->len > 0;
}

static const char *
top_label (GPtrArray *stack)
{
  Command *command;

  if (stack->len == 0)
    return NULL;

  command = g_ptr_array_index (stack, stack->len - 1);
  return command->label;
}

/**
 * staple_editor_get_undo_label:
 *
 * Returns: (nullable): a short name of the edit undo would take back
 */
const char *
staple_editor_get_undo_label (StapleEditor *self)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  return top_label (self->undo_stack);
}

/**
 * staple_editor_get_redo_label:
 *
 * Returns: (nullable): a short name of the edit redo would make again
 */
const char *
staple_editor_get_redo_label (StapleEditor *self)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  return top_label (self->redo_stack);
}

/* Moves the top command of @from to @to after running it one way. */
static gboolean
replay (StapleEditor  *self,
        GPtrArray     *from,
        GPtrArray     *to,
        gboolean       forward,
        GError       **error)
{
  Command *command;

  self->may_merge = FALSE;

  if (from->len == 0)
    {
      g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_NOTHING_TO_UNDO,
                           forward ? _("There is nothing to redo.")
                                   : _("There is nothing to undo."));
      return FALSE;
    }

  command = g_ptr_array_index (from, from->len - 1);
  if (command->klass->check != NULL && !command->klass->check (command, self, forward, error))
    {
      /* It can never run again: letting it go lets the steps under it run. */
      g_ptr_array_remove_index (from, from->len - 1);
      notify_history (self);
      return FALSE;
    }
  if (!run_command (self, command, forward, error))
    return FALSE;

  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  notify_history (self);
  return TRUE;
}

/**
 * staple_editor_undo:
 *
 * Takes back the last edit, writing that at once like any other edit.
 */
gboolean
staple_editor_undo (StapleEditor  *self,
                    GError       **error)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);

  return replay (self, self->undo_stack, self->redo_stack, FALSE, error);
}

/**
 * staple_editor_redo:
 *
 * Makes the last undone edit again.
 */
gboolean
staple_editor_redo (StapleEditor  *self,
                    GError       **error)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);

  return replay (self, self->redo_stack, self->undo_stack, TRUE, error);
}

/**
 * staple_editor_break_merge:
 *
 * Makes the next change of a field a new undo step, e.g. when the focus
 * moves to another field.
 */
void
staple_editor_break_merge (StapleEditor *self)
{
  g_return_if_fail (STAPLE_IS_EDITOR (self));

  self->may_merge = FALSE;
}

/**
 * staple_editor_get_n_unsaved:
 *
 * Returns: how many edits are in the session but not yet in the database
 */
guint
staple_editor_get_n_unsaved (StapleEditor *self)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), 0);

  return self->pending->len;
}

/**
 * staple_editor_get_unsaved_error:
 *
 * Returns: (nullable): why the unsaved edits could not be written, the last
 *   time that was tried
 */
const GError *
staple_editor_get_unsaved_error (StapleEditor *self)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  return self->unsaved_error;
}
