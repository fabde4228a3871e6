/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-action.h"
#include "staple-enum-types.h"

/**
 * StapleAction:
 *
 * Something the team agrees to do about one or more friction points, with an owner, a due
 * date and a status.
 */
struct _StapleAction
{
  GObject parent_instance;

  gint64              id;
  char               *text;
  gint64              owner_id;
  char               *due;
  StapleActionStatus  status;
  GArray             *friction_ids;
};

G_DEFINE_FINAL_TYPE (StapleAction, staple_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_OWNER_ID,
  PROP_DUE,
  PROP_STATUS,
  PROP_N_FRICTION_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_action_finalize (GObject *object)
{
  StapleAction *self = (StapleAction *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->due, g_free);
  g_clear_pointer (&self->friction_ids, g_array_unref);

  G_OBJECT_CLASS (staple_action_parent_class)->finalize (object);
}

static void
staple_action_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StapleAction *self = STAPLE_ACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;
    case PROP_DUE:
      g_value_set_string (value, self->due);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_N_FRICTION_IDS:
      g_value_set_uint (value, self->friction_ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_action_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StapleAction *self = STAPLE_ACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_action_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TEXT:
      staple_action_set_text (self, g_value_get_string (value));
      break;
    case PROP_OWNER_ID:
      staple_action_set_owner_id (self, g_value_get_int64 (value));
      break;
    case PROP_DUE:
      staple_action_set_due (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      staple_action_set_status (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_action_class_init (StapleActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_action_finalize;
  object_class->get_property = staple_action_get_property;
  object_class->set_property = staple_action_set_property;

  /**
   * StapleAction:id:
   *
   * The database id of the action, or 0 if it is not stored yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:text:
   *
   * What is to be done.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:owner-id:
   *
   * The id of the participant who owns the action, or 0 for no owner.
   */
  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:due:
   *
   * The due date as “YYYY-MM-DD”, or an empty string for none.
   */
  properties[PROP_DUE] =
    g_param_spec_string ("due", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:status:
   *
   * The status of the action.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       STAPLE_TYPE_ACTION_STATUS, STAPLE_ACTION_STATUS_OPEN,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:n-friction-ids:
   *
   * The number of friction points the action addresses. It is notified whenever
   * the ids change, see staple_action_set_friction_ids().
   */
  properties[PROP_N_FRICTION_IDS] =
    g_param_spec_uint ("n-friction-ids", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_action_init (StapleAction *self)
{
  self->text = g_strdup ("");
  self->due = g_strdup ("");
  self->status = STAPLE_ACTION_STATUS_OPEN;
  self->friction_ids = g_array_new (TRUE, FALSE, sizeof (gint64));
}

/**
 * staple_action_new:
 *
 * Creates a new action with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleAction
 */
StapleAction *
staple_action_new (void)
{
  return g_object_new (STAPLE_TYPE_ACTION, NULL);
}

/**
 * staple_action_get_id:
 * @self: a #StapleAction
 *
 * Gets the database id of the action, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_action_get_id (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), 0);

  return self->id;
}

/**
 * staple_action_set_id:
 * @self: a #StapleAction
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the action, or 0 if it is not stored yet.
 */
void
staple_action_set_id (StapleAction *self,
                      gint64        id)
{
  g_return_if_fail (STAPLE_IS_ACTION (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_action_get_text:
 * @self: a #StapleAction
 *
 * Gets what is to be done.
 *
 * Returns: (not nullable): the text, never %NULL
 */
const char *
staple_action_get_text (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), NULL);

  return self->text;
}

/**
 * staple_action_set_text:
 * @self: a #StapleAction
 * @text: (nullable): the text, or %NULL for ""
 *
 * Sets what is to be done.
 */
void
staple_action_set_text (StapleAction *self,
                        const char   *text)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_ACTION (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (self->text, text) == 0)
    return;

  copy = g_strdup (text);
  g_free (self->text);
  self->text = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * staple_action_get_owner_id:
 * @self: a #StapleAction
 *
 * Gets the id of the participant who owns the action, or 0 for no owner.
 *
 * Returns: the participant id, 0 for no owner
 */
gint64
staple_action_get_owner_id (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), 0);

  return self->owner_id;
}

/**
 * staple_action_set_owner_id:
 * @self: a #StapleAction
 * @owner_id: the participant id, 0 for no owner; negative values become 0
 *
 * Sets the id of the participant who owns the action, or 0 for no owner.
 */
void
staple_action_set_owner_id (StapleAction *self,
                            gint64        owner_id)
{
  g_return_if_fail (STAPLE_IS_ACTION (self));

  owner_id = MAX (owner_id, 0);

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
}

/**
 * staple_action_get_due:
 * @self: a #StapleAction
 *
 * Gets the due date as “YYYY-MM-DD”, or an empty string for none.
 *
 * Returns: (not nullable): the due date, never %NULL
 */
const char *
staple_action_get_due (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), NULL);

  return self->due;
}

/**
 * staple_action_set_due:
 * @self: a #StapleAction
 * @due: (nullable): the due date, or %NULL for ""
 *
 * Sets the due date as “YYYY-MM-DD”, or an empty string for none. The date is
 * stored as given; it is not checked.
 */
void
staple_action_set_due (StapleAction *self,
                       const char   *due)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_ACTION (self));

  if (due == NULL)
    due = "";

  if (g_strcmp0 (self->due, due) == 0)
    return;

  copy = g_strdup (due);
  g_free (self->due);
  self->due = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
}

/**
 * staple_action_get_status:
 * @self: a #StapleAction
 *
 * Gets the status of the action.
 *
 * Returns: the status, a #StapleActionStatus
 */
StapleActionStatus
staple_action_get_status (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), STAPLE_ACTION_STATUS_OPEN);

  return self->status;
}

/**
 * staple_action_set_status:
 * @self: a #StapleAction
 * @status: a #StapleActionStatus
 *
 * Sets the status of the action.
 */
void
staple_action_set_status (StapleAction       *self,
                          StapleActionStatus  status)
{
  g_return_if_fail (STAPLE_IS_ACTION (self));
  g_return_if_fail ((guint) status <= STAPLE_ACTION_STATUS_DROPPED);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * staple_action_get_friction_ids:
 * @self: a #StapleAction
 * @n_ids: (out) (optional): return location for the number of ids
 *
 * Gets the ids of the friction points the action addresses, in the order
 * they were set.
 *
 * Returns: (array length=n_ids) (transfer none): the ids; the array is also
 *   terminated by a 0 and stays valid until the ids are set again
 */
const gint64 *
staple_action_get_friction_ids (StapleAction *self,
                                guint        *n_ids)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->friction_ids->len;

  return (const gint64 *)(gpointer)self->friction_ids->data;
}

static gboolean
contains_id (GArray *array,
             gint64  id)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static gboolean
same_ids (GArray *a,
          GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, gint64, i) != g_array_index (b, gint64, i))
      return FALSE;

  return TRUE;
}

/**
 * staple_action_set_friction_ids:
 * @self: a #StapleAction
 * @ids: (array length=n_ids) (nullable): the friction point ids
 * @n_ids: the number of ids
 *
 * Sets the friction points the action addresses. They form a set: ids
 * that are not positive and repeated ids are left out, and the order of the
 * rest is kept.
 *
 * If the ids differ from the current ones, #StapleAction:n-friction-ids is
 * notified, even when their number stays the same, so that it can be used as
 * a change notification for the ids.
 */
void
staple_action_set_friction_ids (StapleAction *self,
                                const gint64 *ids,
                                guint         n_ids)
{
  g_autoptr(GArray) array = NULL;

  g_return_if_fail (STAPLE_IS_ACTION (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  array = g_array_sized_new (TRUE, FALSE, sizeof (gint64), n_ids);
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] > 0 && !contains_id (array, ids[i]))
      g_array_append_val (array, ids[i]);

  if (same_ids (array, self->friction_ids))
    return;

  g_array_unref (self->friction_ids);
  self->friction_ids = g_steal_pointer (&array);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRICTION_IDS]);
}
