/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-editor.c: the one place edits go through.
 *
 * Every edit is a command that changes the model, writes the change in its
 * own transaction, and can be undone and redone the same way. The model is
 * changed first so that the store can write what the model now holds; if the
 * write fails, the change is taken back and the caller gets the error.
 */
#define G_LOG_DOMAIN "staple-editor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "staple-editor.h"

/* Typing into one field within this many microseconds is one undo step. */
#define MERGE_WINDOW_USEC (2 * G_USEC_PER_SEC)

typedef struct _Command Command;

typedef struct
{
  /* Changes the model; @forward is FALSE to take the change back. */
  void     (*apply) (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward);
  /* Writes what apply() changed; runs inside a transaction. */
  gboolean (*write) (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward,
                     GError      **error);
  void     (*free)  (Command      *command);
} CommandClass;

struct _Command
{
  const CommandClass *klass;
  const char         *label;
  /* A command waiting to be written stays alive, even when the history
   * lets go of it, until it is written. */
  guint               n_pending;
  gboolean            released;
};

/* An edit made in the model but not yet in the database (a full disk, a
 * read-only remount, a lock held too long): written again, in order, until
 * it goes in. */
typedef struct
{
  Command  *command;
  gboolean  forward;
} Pending;

/* Try again every few seconds while something is not saved. */
#define RETRY_SECONDS 3

struct _StapleEditor
{
  GObject        parent_instance;
  StapleStore   *store;
  StapleSession *session;
  GPtrArray     *undo_stack;
  GPtrArray     *redo_stack;
  gint64         last_set_time;
  gboolean       may_merge;
  GArray        *pending;       /* of Pending, oldest first */
  GError        *unsaved_error; /* why the pending edits are not written */
  guint          retry_id;
};

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

static void
command_free (gpointer data)
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

  if (!staple_store_touch_session (self->store, staple_session_get_id (self->session), error) ||
      !staple_store_commit (self->store, error))
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

  if (!write_commands (self, (Pending *) self->pending->data, self->pending->len, &local_error))
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
run_command_keeping (StapleEditor *self,
                     Command      *command,
                     Command      *keep,
                     gboolean      forward,
                     GError      **error)
{
  Pending one = { command, forward };
  GError *local_error = NULL;

  command->klass->apply (command, self, forward);

  if (self->pending->len > 0)
    {
      enqueue (self, keep, forward);
      staple_editor_save_now (self, NULL);
      return TRUE;
    }

  if (write_commands (self, &one, 1, &local_error))
    return TRUE;

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

/* Runs a new command and, if it was written, puts it on the undo stack.
 * Takes ownership of @command either way. */
static gboolean
push_command (StapleEditor *self,
              Command      *command,
              GError      **error)
{
  if (!run_command (self, command, TRUE, error))
    {
      command_free (command);
      return FALSE;
    }

  g_ptr_array_add (self->undo_stack, command);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->may_merge = FALSE;
  notify_history (self);
  return TRUE;
}

static void
renumber (GListModel *list)
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
  set_command_apply, set_command_write, set_command_free,
};

/* Whether @text (valid UTF-8 or NULL) has nothing but white space. */
static gboolean
is_blank (const char *text)
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

  if (!self->may_merge || self->undo_stack->len == 0 ||
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

/* Adding and removing rows: stages, friction points, participants, dots,
 * actions and empowerment items */

typedef struct
{
  StapleAction *action;
  GArray       *ids; /* the friction ids it had before the removal */
} ActionLinks;

typedef struct
{
  Command      parent;
  gboolean     insert;      /* whether running it forward adds the item */
  GObject     *item;        /* a stage, friction point, participant, vote, action or
                             * empowerment item */
  StapleStage *stage;       /* the stage holding a friction point */
  guint        index;
  GPtrArray   *votes;       /* votes that go and come back with the item */
  GArray      *links;       /* ActionLinks */
  GPtrArray   *owned;       /* actions whose owner goes and comes back with the item */
  gboolean     was_current; /* whether the removed stage was the current one */
} RowCommand;

static GListStore *
row_command_list (RowCommand   *self,
                  StapleEditor *editor)
{
  if (self->stage != NULL)
    return staple_stage_get_frictions (self->stage);
  if (STAPLE_IS_STAGE (self->item))
    return staple_session_get_stages (editor->session);
  if (STAPLE_IS_PARTICIPANT (self->item))
    return staple_session_get_participants (editor->session);
  if (STAPLE_IS_VOTE (self->item))
    return staple_session_get_votes (editor->session);
  if (STAPLE_IS_ACTION (self->item))
    return staple_session_get_actions (editor->session);

  g_assert (STAPLE_IS_EMPOWERMENT (self->item));
  return staple_session_get_empowerments (editor->session);
}

/* Dots are a set: they have no position to keep. */
static gboolean
row_command_has_positions (RowCommand *self)
{
  return !STAPLE_IS_VOTE (self->item);
}

static void
row_command_remove_references (RowCommand   *self,
                               StapleEditor *editor)
{
  GListStore *votes = staple_session_get_votes (editor->session);

  for (guint i = 0; i < self->votes->len; i++)
    {
      guint position;

      if (g_list_store_find (votes, g_ptr_array_index (self->votes, i), &position))
        g_list_store_remove (votes, position);
    }

  /* Drop the removed friction points from the actions that addressed them. */
  for (guint i = 0; i < self->links->len; i++)
    {
      ActionLinks *links = &g_array_index (self->links, ActionLinks, i);
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint j = 0; j < links->ids->len; j++)
        {
          gint64 id = g_array_index (links->ids, gint64, j);
          StapleFriction *friction = staple_session_find_friction (editor->session, id,
                                                                   NULL, NULL);

          if (friction != NULL)
            g_array_append_val (kept, id);
        }

      staple_action_set_friction_ids (links->action, (const gint64 *) (gpointer) kept->data,
                                      kept->len);
    }

  /* As the database does: ON DELETE SET NULL. */
  for (guint i = 0; i < self->owned->len; i++)
    staple_action_set_owner_id (g_ptr_array_index (self->owned, i), 0);

  if (STAPLE_IS_STAGE (self->item))
    {
      gint64 id = staple_stage_get_id (STAPLE_STAGE (self->item));

      self->was_current = id > 0 && staple_session_get_current_stage_id (editor->session) == id;
      if (self->was_current)
        staple_session_set_current_stage_id (editor->session, 0);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  gint64 id_a = staple_vote_get_id ((StapleVote *) a);
  gint64 id_b = staple_vote_get_id ((StapleVote *) b);

  return (id_a > id_b) - (id_a < id_b);
}

static void
row_command_restore_references (RowCommand   *self,
                                StapleEditor *editor)
{
  GListStore *votes = staple_session_get_votes (editor->session);

  for (guint i = 0; i < self->votes->len; i++)
    g_list_store_append (votes, g_ptr_array_index (self->votes, i));

  /* Keep the order the database reads them in. */
  if (self->votes->len > 0)
    g_list_store_sort (votes, compare_ids, NULL);

  for (guint i = 0; i < self->links->len; i++)
    {
      ActionLinks *links = &g_array_index (self->links, ActionLinks, i);

      staple_action_set_friction_ids (links->action,
                                      (const gint64 *) (gpointer) links->ids->data,
                                      links->ids->len);
    }

  for (guint i = 0; i < self->owned->len; i++)
    staple_action_set_owner_id (g_ptr_array_index (self->owned, i),
                                staple_participant_get_id (STAPLE_PARTICIPANT (self->item)));

  /* Unless the walk-through moved on to another stage meanwhile. */
  if (self->was_current && staple_session_get_current_stage_id (editor->session) == 0)
    staple_session_set_current_stage_id (editor->session,
                                         staple_stage_get_id (STAPLE_STAGE (self->item)));
}

static void
row_command_apply (Command      *command,
                   StapleEditor *editor,
                   gboolean      forward)
{
  RowCommand *self = (RowCommand *) command;
  GListStore *list = row_command_list (self, editor);
  guint position;

  if (forward == self->insert)
    {
      g_list_store_insert (list, MIN (self->index, g_list_model_get_n_items (G_LIST_MODEL (list))),
                           self->item);
      row_command_restore_references (self, editor);
    }
  else
    {
      if (g_list_store_find (list, self->item, &position))
        g_list_store_remove (list, position);
      row_command_remove_references (self, editor);
    }

  /* Only stages and friction points hold their position; the rest have it
   * only in the database. */
  if (STAPLE_IS_STAGE (self->item) || STAPLE_IS_FRICTION (self->item))
    renumber (G_LIST_MODEL (list));
}

/* Inserts the item's row, under its id if it has one. */
static gboolean
row_command_insert_item (RowCommand    *self,
                         StapleEditor  *editor,
                         GListStore    *list,
                         GError       **error)
{
  gint64 session_id = staple_session_get_id (editor->session);
  guint position = 0;

  g_list_store_find (list, self->item, &position);

  if (STAPLE_IS_STAGE (self->item))
    {
      staple_stage_set_session_id (STAPLE_STAGE (self->item), session_id);
      return staple_store_insert_stage (editor->store, STAPLE_STAGE (self->item), error);
    }

  if (STAPLE_IS_FRICTION (self->item))
    {
      staple_friction_set_stage_id (STAPLE_FRICTION (self->item),
                                    staple_stage_get_id (self->stage));
      return staple_store_insert_friction (editor->store, STAPLE_FRICTION (self->item), error);
    }

  if (STAPLE_IS_PARTICIPANT (self->item))
    return staple_store_insert_participant (editor->store, session_id, (int) position,
                                            STAPLE_PARTICIPANT (self->item), error);

  if (STAPLE_IS_VOTE (self->item))
    return staple_store_insert_vote (editor->store, STAPLE_VOTE (self->item), error);

  if (STAPLE_IS_ACTION (self->item))
    return staple_store_insert_action (editor->store, session_id, (int) position,
                                       STAPLE_ACTION (self->item), error);

  return staple_store_insert_empowerment (editor->store, session_id, (int) position,
                                          STAPLE_EMPOWERMENT (self->item), error);
}

static gboolean
row_command_write_references (RowCommand    *self,
                              StapleEditor  *editor,
                              GError       **error)
{
  for (guint i = 0; i < self->votes->len; i++)
    {
      if (!staple_store_insert_vote (editor->store, g_ptr_array_index (self->votes, i), error))
        return FALSE;
    }

  for (guint i = 0; i < self->links->len; i++)
    {
      ActionLinks *links = &g_array_index (self->links, ActionLinks, i);

      if (!staple_store_set_action_frictions (editor->store, links->action, error))
        return FALSE;
    }

  for (guint i = 0; i < self->owned->len; i++)
    {
      if (!staple_store_update_field (editor->store, g_ptr_array_index (self->owned, i),
                                      "owner-id", error))
        return FALSE;
    }

  if (STAPLE_IS_STAGE (self->item) &&
      staple_session_get_current_stage_id (editor->session) ==
      staple_stage_get_id (STAPLE_STAGE (self->item)) &&
      !staple_store_update_field (editor->store, G_OBJECT (editor->session), "current-stage-id",
                                  error))
    return FALSE;

  return TRUE;
}

static gboolean
row_command_write (Command      *command,
                   StapleEditor *editor,
                   gboolean      forward,
                   GError      **error)
{
  RowCommand *self = (RowCommand *) command;
  GListStore *list = row_command_list (self, editor);

  /* The database takes away what belongs to the row by itself. */
  if (forward != self->insert)
    {
      if (!staple_store_delete_row (editor->store, self->item, error))
        return FALSE;
    }
  else if (!row_command_insert_item (self, editor, list, error) ||
           !row_command_write_references (self, editor, error))
    return FALSE;

  return !row_command_has_positions (self) ||
         staple_store_write_positions (editor->store, G_LIST_MODEL (list), error);
}

static void
action_links_clear (gpointer data)
{
  ActionLinks *links = data;

  g_clear_object (&links->action);
  g_clear_pointer (&links->ids, g_array_unref);
}

static void
row_command_free (Command *command)
{
  RowCommand *self = (RowCommand *) command;

  g_clear_object (&self->item);
  g_clear_object (&self->stage);
  g_clear_pointer (&self->votes, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->owned, g_ptr_array_unref);
  g_free (self);
}

static const CommandClass row_command_class = {
  row_command_apply, row_command_write, row_command_free,
};

static gboolean
id_in (GArray *ids,
       gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

/* Notes the votes and action links that go with the friction points in
 * @friction_ids, so that undoing the removal brings them back. */
static void
row_command_capture (RowCommand    *self,
                     StapleSession *session,
                     GArray        *friction_ids)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (session));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));

  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (id_in (friction_ids, staple_vote_get_friction_id (vote)))
        g_ptr_array_add (self->votes, g_object_ref (vote));
    }

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      guint n_ids = 0;
      const gint64 *ids = staple_action_get_friction_ids (action, &n_ids);
      gboolean touched = FALSE;

      for (guint j = 0; j < n_ids && !touched; j++)
        touched = id_in (friction_ids, ids[j]);

      if (touched)
        {
          ActionLinks links = { g_object_ref (action), g_array_sized_new (FALSE, FALSE,
                                                                          sizeof (gint64),
                                                                          n_ids) };

          g_array_append_vals (links.ids, ids, n_ids);
          g_array_append_val (self->links, links);
        }
    }
}

/* Notes the dots and the actions of a participant, which go with them. */
static void
row_command_capture_participant (RowCommand    *self,
                                 StapleSession *session,
                                 gint64         participant_id)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (session));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));

  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_participant_id (vote) == participant_id)
        g_ptr_array_add (self->votes, g_object_ref (vote));
    }

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

      if (staple_action_get_owner_id (action) == participant_id)
        g_ptr_array_add (self->owned, g_object_ref (action));
    }
}

static RowCommand *
row_command_new (gboolean     insert,
                 gpointer     item,
                 StapleStage *stage,
                 guint        index,
                 const char  *label)
{
  RowCommand *self = g_new0 (RowCommand, 1);

  self->parent.klass = &row_command_class;
  self->parent.label = label;
  self->insert = insert;
  self->item = g_object_ref (item);
  self->stage = stage != NULL ? g_object_ref (stage) : NULL;
  self->index = index;
  self->votes = g_ptr_array_new_with_free_func (g_object_unref);
  self->links = g_array_new (FALSE, FALSE, sizeof (ActionLinks));
  g_array_set_clear_func (self->links, action_links_clear);
  self->owned = g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

/* Adds a new row at @index (past the end appends) of the list it belongs in. */
static gboolean
push_insert (StapleEditor  *self,
             gpointer       item,
             StapleStage   *stage,
             guint          index,
             const char    *label,
             GError       **error)
{
  RowCommand *command = row_command_new (TRUE, item, stage, 0, label);

  index = MIN (index, g_list_model_get_n_items (G_LIST_MODEL (row_command_list (command,
                                                                                 self))));
  command->index = index;
  return push_command (self, &command->parent, error);
}

/* Removes a row of @list, with nothing that goes along with it. */
static gboolean
push_remove (StapleEditor  *self,
             GListStore    *list,
             gpointer       item,
             const char    *label,
             GError       **error)
{
  guint index;

  if (!g_list_store_find (list, item, &index))
    g_return_val_if_reached (FALSE);

  return push_command (self, &row_command_new (FALSE, item, NULL, index, label)->parent, error);
}

static gboolean
check_text (const char  *text,
            const char  *message,
            GError     **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL) || is_blank (text))
    {
      g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID, message);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_editor_add_stage:
 * @index: where the stage goes; past the end appends
 * @name: the stage's name, not empty
 *
 * Returns: (transfer none): the new stage, or %NULL with @error set
 */
StapleStage *
staple_editor_add_stage (StapleEditor  *self,
                         guint          index,
                         const char    *name,
                         GError       **error)
{
  g_autoptr(StapleStage) stage = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (name, _("A stage needs a name."), error))
    return NULL;

  stage = staple_stage_new ();
  staple_stage_set_name (stage, name);

  if (!push_insert (self, stage, NULL, index, _("Add Stage"), error))
    return NULL;

  return stage;
}

/**
 * staple_editor_add_friction:
 * @stage: the stage where the friction point was seen
 * @index: where it goes in the stage; past the end appends
 * @text: what happens, not empty
 *
 * Returns: (transfer none): the new friction point, or %NULL with @error set
 */
StapleFriction *
staple_editor_add_friction (StapleEditor  *self,
                            StapleStage   *stage,
                            guint          index,
                            const char    *text,
                            GError       **error)
{
  g_autoptr(StapleFriction) friction = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), NULL);

  if (!check_text (text, _("A friction point needs some text."), error))
    return NULL;

  friction = staple_friction_new ();
  staple_friction_set_text (friction, text);

  if (!push_insert (self, friction, stage, index, _("Add Friction Point"), error))
    return NULL;

  return friction;
}

/**
 * staple_editor_delete_stage:
 * @stage: a stage of the session
 *
 * Deletes a stage with its friction points and their votes; undo brings all
 * of it back.
 */
gboolean
staple_editor_delete_stage (StapleEditor  *self,
                            StapleStage   *stage,
                            GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *frictions;
  RowCommand *command;
  guint index;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);

  if (!g_list_store_find (staple_session_get_stages (self->session), stage, &index))
    g_return_val_if_reached (FALSE);

  frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  for (guint i = 0; i < g_list_model_get_n_items (frictions); i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);
      gint64 id = staple_friction_get_id (friction);

      g_array_append_val (ids, id);
    }

  command = row_command_new (FALSE, stage, NULL, index, _("Delete Stage"));
  row_command_capture (command, self->session, ids);
  return push_command (self, &command->parent, error);
}

/**
 * staple_editor_delete_friction:
 * @friction: a friction point of the session
 *
 * Deletes a friction point with its votes; undo brings them back.
 */
gboolean
staple_editor_delete_friction (StapleEditor    *self,
                               StapleFriction  *friction,
                               GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  StapleStage *stage = NULL;
  RowCommand *command;
  gint64 id;
  guint index = 0;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), FALSE);

  id = staple_friction_get_id (friction);
  if (staple_session_find_friction (self->session, id, &stage, &index) != friction)
    g_return_val_if_reached (FALSE);

  g_array_append_val (ids, id);
  command = row_command_new (FALSE, friction, stage, index, _("Delete Friction Point"));
  row_command_capture (command, self->session, ids);
  return push_command (self, &command->parent, error);
}

/* Participants */

/**
 * staple_editor_add_participant:
 * @index: where the participant goes in the list; past the end appends
 * @name: the participant's name, not empty
 * @role: (nullable): their role, such as “team lead”
 *
 * Returns: (transfer none): the new participant, or %NULL with @error set
 */
StapleParticipant *
staple_editor_add_participant (StapleEditor  *self,
                               guint          index,
                               const char    *name,
                               const char    *role,
                               GError       **error)
{
  g_autoptr(StapleParticipant) participant = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (name, _("A participant needs a name."), error))
    return NULL;

  if (role != NULL && !g_utf8_validate (role, -1, NULL))
    {
      g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                           _("The text is not valid UTF-8."));
      return NULL;
    }

  participant = staple_participant_new ();
  staple_participant_set_name (participant, name);
  staple_participant_set_role (participant, role);

  if (!push_insert (self, participant, NULL, index, _("Add Participant"), error))
    return NULL;

  return participant;
}

/**
 * staple_editor_delete_participant:
 * @participant: a participant of the session
 *
 * Deletes a participant with their dots; the actions they owned stay, with
 * no owner. Undo brings back the participant, their dots and their actions.
 */
gboolean
staple_editor_delete_participant (StapleEditor       *self,
                                  StapleParticipant  *participant,
                                  GError            **error)
{
  RowCommand *command;
  guint index;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), FALSE);

  if (!g_list_store_find (staple_session_get_participants (self->session), participant, &index))
    g_return_val_if_reached (FALSE);

  command = row_command_new (FALSE, participant, NULL, index, _("Delete Participant"));
  row_command_capture_participant (command, self->session,
                                   staple_participant_get_id (participant));
  return push_command (self, &command->parent, error);
}

/* Dots */

static gboolean
is_in_session (StapleEditor      *self,
               StapleParticipant *participant,
               StapleFriction    *friction)
{
  return staple_session_find_participant (self->session,
                                          staple_participant_get_id (participant),
                                          NULL) == participant &&
         staple_session_find_friction (self->session, staple_friction_get_id (friction),
                                       NULL, NULL) == friction;
}

/**
 * staple_editor_add_vote:
 * @participant: a participant of the session
 * @friction: a friction point of the session
 *
 * Puts one of @participant's dots on @friction. Someone who abstains has no
 * dots, and nobody has more than #StapleSession:dots-per-participant.
 *
 * Returns: (transfer none): the new dot, or %NULL with @error set
 */
StapleVote *
staple_editor_add_vote (StapleEditor       *self,
                        StapleParticipant  *participant,
                        StapleFriction     *friction,
                        GError            **error)
{
  g_autoptr(StapleVote) vote = NULL;
  gint64 participant_id;
  int dots;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), NULL);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), NULL);
  g_return_val_if_fail (is_in_session (self, participant, friction), NULL);

  participant_id = staple_participant_get_id (participant);
  dots = staple_session_get_dots_per_participant (self->session);

  if (staple_participant_get_abstains (participant))
    {
      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   _("%s abstains from voting, so they have no dots to place."),
                   staple_participant_get_name (participant));
      return NULL;
    }

  if (staple_session_count_dots_of (self->session, participant_id) >= (guint) dots)
    {
      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has already placed their %d dot.",
                                "%s has already placed all %d dots.",
                                dots),
                   staple_participant_get_name (participant), dots);
      return NULL;
    }

  vote = staple_vote_new ();
  staple_vote_set_participant_id (vote, participant_id);
  staple_vote_set_friction_id (vote, staple_friction_get_id (friction));

  if (!push_insert (self, vote, NULL, G_MAXUINT, _("Add Dot"), error))
    return NULL;

  return vote;
}

/**
 * staple_editor_remove_vote:
 * @participant: a participant of the session
 * @friction: a friction point of the session
 *
 * Takes back the dot @participant placed last on @friction.
 */
gboolean
staple_editor_remove_vote (StapleEditor       *self,
                           StapleParticipant  *participant,
                           StapleFriction     *friction,
                           GError            **error)
{
  GListModel *votes;
  g_autoptr(StapleVote) last = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), FALSE);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), FALSE);
  g_return_val_if_fail (is_in_session (self, participant, friction), FALSE);

  votes = G_LIST_MODEL (staple_session_get_votes (self->session));
  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_participant_id (vote) == staple_participant_get_id (participant) &&
          staple_vote_get_friction_id (vote) == staple_friction_get_id (friction) &&
          (last == NULL || staple_vote_get_id (vote) > staple_vote_get_id (last)))
        g_set_object (&last, vote);
    }

  if (last == NULL)
    {
      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   _("%s has no dot on this friction point."),
                   staple_participant_get_name (participant));
      return FALSE;
    }

  return push_remove (self, staple_session_get_votes (self->session), last, _("Remove Dot"),
                      error);
}

/* Actions and empowerment items */

/**
 * staple_editor_add_action:
 * @index: where the action goes in the list; past the end appends
 * @text: what is to be done, not empty
 *
 * Returns: (transfer none): the new action, open, with no owner, or %NULL
 *   with @error set
 */
StapleAction *
staple_editor_add_action (StapleEditor  *self,
                          guint          index,
                          const char    *text,
                          GError       **error)
{
  g_autoptr(StapleAction) action = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (text, _("An action needs some text."), error))
    return NULL;

  action = staple_action_new ();
  staple_action_set_text (action, text);

  if (!push_insert (self, action, NULL, index, _("Add Action"), error))
    return NULL;

  return action;
}

/**
 * staple_editor_delete_action:
 * @action: an action of the session
 *
 * Deletes an action with its links to friction points; undo brings both back.
 */
gboolean
staple_editor_delete_action (StapleEditor  *self,
                             StapleAction  *action,
                             GError       **error)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_ACTION (action), FALSE);

  return push_remove (self, staple_session_get_actions (self->session), action,
                      _("Delete Action"), error);
}

/**
 * staple_editor_add_empowerment:
 * @index: where the item goes in the list; past the end appends
 * @text: what front-line staff may now decide, not empty
 *
 * Returns: (transfer none): the new item, or %NULL with @error set
 */
StapleEmpowerment *
staple_editor_add_empowerment (StapleEditor  *self,
                               guint          index,
                               const char    *text,
                               GError       **error)
{
  g_autoptr(StapleEmpowerment) item = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (text, _("An empowerment needs some text."), error))
    return NULL;

  item = staple_empowerment_new ();
  staple_empowerment_set_text (item, text);

  if (!push_insert (self, item, NULL, index, _("Add Empowerment"), error))
    return NULL;

  return item;
}

/**
 * staple_editor_delete_empowerment:
 * @item: an empowerment item of the session
 */
gboolean
staple_editor_delete_empowerment (StapleEditor       *self,
                                  StapleEmpowerment  *item,
                                  GError            **error)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_EMPOWERMENT (item), FALSE);

  return push_remove (self, staple_session_get_empowerments (self->session), item,
                      _("Delete Empowerment"), error);
}

/* The friction points an action addresses */

typedef struct
{
  Command       parent;
  StapleAction *action;
  GArray       *old_ids;
  GArray       *new_ids;
} LinksCommand;

static void
links_command_apply (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward)
{
  LinksCommand *self = (LinksCommand *) command;
  GArray *ids = forward ? self->new_ids : self->old_ids;

  staple_action_set_friction_ids (self->action, (const gint64 *) (gpointer) ids->data, ids->len);
}

static gboolean
links_command_write (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward,
                     GError      **error)
{
  LinksCommand *self = (LinksCommand *) command;

  return staple_store_set_action_frictions (editor->store, self->action, error);
}

static void
links_command_free (Command *command)
{
  LinksCommand *self = (LinksCommand *) command;

  g_clear_object (&self->action);
  g_clear_pointer (&self->old_ids, g_array_unref);
  g_clear_pointer (&self->new_ids, g_array_unref);
  g_free (self);
}

static const CommandClass links_command_class = {
  links_command_apply, links_command_write, links_command_free,
};

/**
 * staple_editor_set_action_frictions:
 * @action: an action of the session
 * @ids: (array length=n_ids) (nullable): ids of friction points of the session
 * @n_ids: the number of ids
 *
 * Sets the friction points @action addresses, in the order given; an id
 * given twice counts once.
 */
gboolean
staple_editor_set_action_frictions (StapleEditor  *self,
                                    StapleAction  *action,
                                    const gint64  *ids,
                                    guint          n_ids,
                                    GError       **error)
{
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gint64 *old_ids;
  guint n_old = 0;
  LinksCommand *command;
  guint index;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_ACTION (action), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!g_list_store_find (staple_session_get_actions (self->session), action, &index))
    g_return_val_if_reached (FALSE);

  for (guint i = 0; i < n_ids; i++)
    {
      if (staple_session_find_friction (self->session, ids[i], NULL, NULL) == NULL)
        {
          g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                               _("An action can only address friction points of its own "
                                 "session."));
          return FALSE;
        }

      if (!id_in (new_ids, ids[i]))
        g_array_append_val (new_ids, ids[i]);
    }

  old_ids = staple_action_get_friction_ids (action, &n_old);
  if (n_old == new_ids->len &&
      (n_old == 0 || memcmp (old_ids, new_ids->data, n_old * sizeof (gint64)) == 0))
    return TRUE;

  command = g_new0 (LinksCommand, 1);
  command->parent.klass = &links_command_class;
  command->parent.label = _("Change Friction Points Addressed");
  command->action = g_object_ref (action);
  command->old_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_old);
  g_array_append_vals (command->old_ids, old_ids, n_old);
  command->new_ids = g_steal_pointer (&new_ids);
  return push_command (self, &command->parent, error);
}

/* Several commands as one undo step */

typedef struct
{
  Command    parent;
  GPtrArray *commands;
} GroupCommand;

/* Forward in order, backward in reverse order, as a stack unwinds. */
static void
group_command_apply (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward)
{
  GroupCommand *self = (GroupCommand *) command;
  guint n = self->commands->len;

  for (guint i = 0; i < n; i++)
    {
      Command *child = g_ptr_array_index (self->commands, forward ? i : n - 1 - i);

      child->klass->apply (child, editor, forward);
    }
}

static gboolean
group_command_write (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward,
                     GError      **error)
{
  GroupCommand *self = (GroupCommand *) command;
  guint n = self->commands->len;

  for (guint i = 0; i < n; i++)
    {
      Command *child = g_ptr_array_index (self->commands, forward ? i : n - 1 - i);

      if (!child->klass->write (child, editor, forward, error))
        return FALSE;
    }

  return TRUE;
}

static void
group_command_free (Command *command)
{
  GroupCommand *self = (GroupCommand *) command;

  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_free (self);
}

static const CommandClass group_command_class = {
  group_command_apply, group_command_write, group_command_free,
};

/**
 * staple_editor_add_stages:
 * @stages: (element-type StapleStage): new stages, with their fields set and
 *   no ids, such as those of a template
 *
 * Appends @stages to the session as one undo step.
 */
gboolean
staple_editor_add_stages (StapleEditor  *self,
                          GPtrArray     *stages,
                          GError       **error)
{
  GroupCommand *command;
  guint n_stages;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (stages != NULL, FALSE);

  for (guint i = 0; i < stages->len; i++)
    {
      StapleStage *stage = g_ptr_array_index (stages, i);

      g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);
      g_return_val_if_fail (staple_stage_get_id (stage) == 0, FALSE);

      if (!check_text (staple_stage_get_name (stage), _("A stage needs a name."), error))
        return FALSE;
    }

  if (stages->len == 0)
    return TRUE;

  n_stages = g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (self->session)));
  command = g_new0 (GroupCommand, 1);
  command->parent.klass = &group_command_class;
  command->parent.label = _("Add Stages");
  command->commands = g_ptr_array_new_with_free_func (command_free);

  for (guint i = 0; i < stages->len; i++)
    {
      RowCommand *child = row_command_new (TRUE, g_ptr_array_index (stages, i), NULL,
                                           n_stages + i, _("Add Stage"));

      g_ptr_array_add (command->commands, &child->parent);
    }

  return push_command (self, &command->parent, error);
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
  write_command_apply, write_command_write, write_command_free,
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

/* Moving stages and friction points */

typedef struct
{
  Command      parent;
  GObject     *item;
  StapleStage *from_stage; /* NULL when moving a stage */
  StapleStage *to_stage;
  guint        from_index;
  guint        to_index;
} MoveCommand;

static GListStore *
move_command_list (MoveCommand  *self,
                   StapleEditor *editor,
                   StapleStage  *stage)
{
  if (stage != NULL)
    return staple_stage_get_frictions (stage);

  return staple_session_get_stages (editor->session);
}

static void
move_command_apply (Command      *command,
                    StapleEditor *editor,
                    gboolean      forward)
{
  MoveCommand *self = (MoveCommand *) command;
  StapleStage *source = forward ? self->from_stage : self->to_stage;
  StapleStage *target = forward ? self->to_stage : self->from_stage;
  GListStore *from = move_command_list (self, editor, source);
  GListStore *to = move_command_list (self, editor, target);
  guint index = forward ? self->to_index : self->from_index;
  guint position;
  g_autoptr(GObject) item = g_object_ref (self->item);

  if (g_list_store_find (from, item, &position))
    g_list_store_remove (from, position);

  if (target != NULL)
    staple_friction_set_stage_id (STAPLE_FRICTION (item), staple_stage_get_id (target));

  g_list_store_insert (to, MIN (index, g_list_model_get_n_items (G_LIST_MODEL (to))), item);
  renumber (G_LIST_MODEL (from));
  if (to != from)
    renumber (G_LIST_MODEL (to));
}

static gboolean
move_command_write (Command      *command,
                    StapleEditor *editor,
                    gboolean      forward,
                    GError      **error)
{
  MoveCommand *self = (MoveCommand *) command;
  GListStore *from = move_command_list (self, editor, self->from_stage);
  GListStore *to = move_command_list (self, editor, self->to_stage);

  if (self->to_stage != NULL &&
      !staple_store_update_field (editor->store, self->item, "stage-id", error))
    return FALSE;

  return staple_store_write_positions (editor->store, G_LIST_MODEL (from), error) &&
         (from == to || staple_store_write_positions (editor->store, G_LIST_MODEL (to), error));
}

static void
move_command_free (Command *command)
{
  MoveCommand *self = (MoveCommand *) command;

  g_clear_object (&self->item);
  g_clear_object (&self->from_stage);
  g_clear_object (&self->to_stage);
  g_free (self);
}

static const CommandClass move_command_class = {
  move_command_apply, move_command_write, move_command_free,
};

/**
 * staple_editor_move_stage:
 * @stage: a stage of the session
 * @index: its new place; past the end moves it last
 */
gboolean
staple_editor_move_stage (StapleEditor  *self,
                          StapleStage   *stage,
                          guint          index,
                          GError       **error)
{
  GListStore *stages;
  MoveCommand *command;
  guint from;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);

  stages = staple_session_get_stages (self->session);
  if (!g_list_store_find (stages, stage, &from))
    g_return_val_if_reached (FALSE);

  index = MIN (index, g_list_model_get_n_items (G_LIST_MODEL (stages)) - 1);
  if (index == from)
    return TRUE;

  command = g_new0 (MoveCommand, 1);
  command->parent.klass = &move_command_class;
  command->parent.label = _("Move Stage");
  command->item = g_object_ref (G_OBJECT (stage));
  command->from_index = from;
  command->to_index = index;
  return push_command (self, &command->parent, error);
}

/**
 * staple_editor_move_friction:
 * @friction: a friction point of the session
 * @stage: the stage it moves to (may be its own)
 * @index: its new place in @stage; past the end moves it last
 */
gboolean
staple_editor_move_friction (StapleEditor    *self,
                             StapleFriction  *friction,
                             StapleStage     *stage,
                             guint            index,
                             GError         **error)
{
  StapleStage *from_stage = NULL;
  MoveCommand *command;
  guint from = 0;
  guint n_items;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), FALSE);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);

  if (staple_session_find_friction (self->session, staple_friction_get_id (friction),
                                    &from_stage, &from) != friction)
    g_return_val_if_reached (FALSE);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage)));
  index = MIN (index, from_stage == stage ? n_items - 1 : n_items);
  if (from_stage == stage && index == from)
    return TRUE;

  command = g_new0 (MoveCommand, 1);
  command->parent.klass = &move_command_class;
  command->parent.label = _("Move Friction Point");
  command->item = g_object_ref (G_OBJECT (friction));
  command->from_stage = g_object_ref (from_stage);
  command->to_stage = g_object_ref (stage);
  command->from_index = from;
  command->to_index = index;
  return push_command (self, &command->parent, error);
}

/* History */

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
