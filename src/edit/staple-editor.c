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
};

struct _StapleEditor
{
  GObject        parent_instance;
  StapleStore   *store;
  StapleSession *session;
  GPtrArray     *undo_stack;
  GPtrArray     *redo_stack;
  gint64         last_set_time;
  gboolean       may_merge;
};

G_DEFINE_FINAL_TYPE (StapleEditor, staple_editor, G_TYPE_OBJECT)

G_DEFINE_QUARK (staple-editor-error-quark, staple_editor_error)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
command_free (gpointer data)
{
  Command *command = data;

  command->klass->free (command);
}

static void
staple_editor_dispose (GObject *object)
{
  StapleEditor *self = STAPLE_EDITOR (object);

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_editor_init (StapleEditor *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (command_free);
  self->redo_stack = g_ptr_array_new_with_free_func (command_free);
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

static gboolean
run_command (StapleEditor *self,
             Command      *command,
             gboolean      forward,
             GError      **error)
{
  command->klass->apply (command, self, forward);

  if (!staple_store_begin (self->store, error))
    {
      command->klass->apply (command, self, !forward);
      return FALSE;
    }

  if (!command->klass->write (command, self, forward, error) ||
      !staple_store_touch_session (self->store, staple_session_get_id (self->session), error) ||
      !staple_store_commit (self->store, error))
    {
      staple_store_rollback (self->store);
      command->klass->apply (command, self, !forward);
      return FALSE;
    }

  return TRUE;
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
validate_value (GObject       *object,
                const char    *property,
                const GValue  *value,
                GError       **error)
{
  const char *text;

  if (!G_VALUE_HOLDS_STRING (value))
    return TRUE;

  text = g_value_get_string (value);
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                           _("The text is not valid UTF-8."));
      return FALSE;
    }

  if (is_blank (text))
    {
      if (STAPLE_IS_SESSION (object) && g_str_equal (property, "title"))
        {
          g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                               _("A session needs a title."));
          return FALSE;
        }

      if (STAPLE_IS_STAGE (object) && g_str_equal (property, "name"))
        {
          g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                               _("A stage needs a name."));
          return FALSE;
        }

      if (STAPLE_IS_FRICTION (object) && g_str_equal (property, "text"))
        {
          g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                               _("A friction point needs some text."));
          return FALSE;
        }
    }

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

  if (run_command (self, &step.parent, TRUE, error))
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

  if (!validate_value (object, property, value, error))
    return FALSE;

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

/* Adding and removing stages and friction points */

typedef struct
{
  StapleAction *action;
  GArray       *ids; /* the friction ids it had before the removal */
} ActionLinks;

typedef struct
{
  Command      parent;
  gboolean     insert;  /* whether running it forward adds the item */
  GObject     *item;    /* a StapleStage or StapleFriction */
  StapleStage *stage;   /* the stage holding a friction point */
  guint        index;
  GPtrArray   *votes;   /* votes that go and come back with the item */
  GArray      *links;   /* ActionLinks */
} RowCommand;

static GListStore *
row_command_list (RowCommand   *self,
                  StapleEditor *editor)
{
  if (self->stage != NULL)
    return staple_stage_get_frictions (self->stage);

  return staple_session_get_stages (editor->session);
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

  renumber (G_LIST_MODEL (list));
}

static gboolean
row_command_write (Command      *command,
                   StapleEditor *editor,
                   gboolean      forward,
                   GError      **error)
{
  RowCommand *self = (RowCommand *) command;
  GListStore *list = row_command_list (self, editor);

  if (forward != self->insert)
    return staple_store_delete_row (editor->store, self->item, error) &&
           staple_store_write_positions (editor->store, G_LIST_MODEL (list), error);

  if (STAPLE_IS_STAGE (self->item))
    {
      staple_stage_set_session_id (STAPLE_STAGE (self->item),
                                   staple_session_get_id (editor->session));
      if (!staple_store_insert_stage (editor->store, STAPLE_STAGE (self->item), error))
        return FALSE;
    }
  else
    {
      staple_friction_set_stage_id (STAPLE_FRICTION (self->item),
                                    staple_stage_get_id (self->stage));
      if (!staple_store_insert_friction (editor->store, STAPLE_FRICTION (self->item), error))
        return FALSE;
    }

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

  return staple_store_write_positions (editor->store, G_LIST_MODEL (list), error);
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

  return self;
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
  GListModel *stages;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (name, _("A stage needs a name."), error))
    return NULL;

  stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  stage = staple_stage_new ();
  staple_stage_set_name (stage, name);
  index = MIN (index, g_list_model_get_n_items (stages));

  if (!push_command (self, &row_command_new (TRUE, stage, NULL, index,
                                             _("Add Stage"))->parent, error))
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
  GListModel *frictions;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), NULL);

  if (!check_text (text, _("A friction point needs some text."), error))
    return NULL;

  frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  friction = staple_friction_new ();
  staple_friction_set_text (friction, text);
  index = MIN (index, g_list_model_get_n_items (frictions));

  if (!push_command (self, &row_command_new (TRUE, friction, stage, index,
                                             _("Add Friction Point"))->parent, error))
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
