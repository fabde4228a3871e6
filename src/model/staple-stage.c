/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-stage.h"
#include "staple-enum-types.h"

/**
 * StapleStage:
 *
 * One step in the life of the piece of work being followed: who does it, through which
 * channel, how long it takes and waits, and how it feels for the customer and for the staff.
 * A stage owns its friction points.
 */
struct _StapleStage
{
  GObject parent_instance;

  gint64         id;
  gint64         session_id;
  int            position;
  char          *name;
  char          *team;
  StapleChannel  channel;
  int            work_minutes;
  int            wait_minutes;
  gboolean       handoff;
  gboolean       dropped;
  int            customer_feeling;
  int            staff_feeling;
  char          *notes;
  GListStore    *frictions;
};

G_DEFINE_FINAL_TYPE (StapleStage, staple_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SESSION_ID,
  PROP_POSITION,
  PROP_NAME,
  PROP_TEAM,
  PROP_CHANNEL,
  PROP_WORK_MINUTES,
  PROP_WAIT_MINUTES,
  PROP_HANDOFF,
  PROP_DROPPED,
  PROP_CUSTOMER_FEELING,
  PROP_STAFF_FEELING,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_stage_finalize (GObject *object)
{
  StapleStage *self = (StapleStage *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->team, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_object (&self->frictions);

  G_OBJECT_CLASS (staple_stage_parent_class)->finalize (object);
}

static void
staple_stage_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StapleStage *self = STAPLE_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TEAM:
      g_value_set_string (value, self->team);
      break;
    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;
    case PROP_WORK_MINUTES:
      g_value_set_int (value, self->work_minutes);
      break;
    case PROP_WAIT_MINUTES:
      g_value_set_int (value, self->wait_minutes);
      break;
    case PROP_HANDOFF:
      g_value_set_boolean (value, self->handoff);
      break;
    case PROP_DROPPED:
      g_value_set_boolean (value, self->dropped);
      break;
    case PROP_CUSTOMER_FEELING:
      g_value_set_int (value, self->customer_feeling);
      break;
    case PROP_STAFF_FEELING:
      g_value_set_int (value, self->staff_feeling);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_stage_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StapleStage *self = STAPLE_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_stage_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_SESSION_ID:
      staple_stage_set_session_id (self, g_value_get_int64 (value));
      break;
    case PROP_POSITION:
      staple_stage_set_position (self, g_value_get_int (value));
      break;
    case PROP_NAME:
      staple_stage_set_name (self, g_value_get_string (value));
      break;
    case PROP_TEAM:
      staple_stage_set_team (self, g_value_get_string (value));
      break;
    case PROP_CHANNEL:
      staple_stage_set_channel (self, g_value_get_enum (value));
      break;
    case PROP_WORK_MINUTES:
      staple_stage_set_work_minutes (self, g_value_get_int (value));
      break;
    case PROP_WAIT_MINUTES:
      staple_stage_set_wait_minutes (self, g_value_get_int (value));
      break;
    case PROP_HANDOFF:
      staple_stage_set_handoff (self, g_value_get_boolean (value));
      break;
    case PROP_DROPPED:
      staple_stage_set_dropped (self, g_value_get_boolean (value));
      break;
    case PROP_CUSTOMER_FEELING:
      staple_stage_set_customer_feeling (self, g_value_get_int (value));
      break;
    case PROP_STAFF_FEELING:
      staple_stage_set_staff_feeling (self, g_value_get_int (value));
      break;
    case PROP_NOTES:
      staple_stage_set_notes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_stage_class_init (StapleStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_stage_finalize;
  object_class->get_property = staple_stage_get_property;
  object_class->set_property = staple_stage_set_property;

  /**
   * StapleStage:id:
   *
   * The database id of the stage, or 0 if it is not stored yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:session-id:
   *
   * The id of the session the stage belongs to.
   */
  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:position:
   *
   * The position of the stage within its session, from 0.
   */
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:name:
   *
   * The name of the stage, such as “Check the claim”.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:team:
   *
   * The team or role that does the stage.
   */
  properties[PROP_TEAM] =
    g_param_spec_string ("team", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:channel:
   *
   * The channel through which the stage happens.
   */
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       STAPLE_TYPE_CHANNEL, STAPLE_CHANNEL_INTERNAL,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:work-minutes:
   *
   * The minutes of actual work in the stage.
   */
  properties[PROP_WORK_MINUTES] =
    g_param_spec_int ("work-minutes", NULL, NULL,
                      0, STAPLE_STAGE_MINUTES_MAX, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:wait-minutes:
   *
   * The minutes the work waits before or during the stage.
   */
  properties[PROP_WAIT_MINUTES] =
    g_param_spec_int ("wait-minutes", NULL, NULL,
                      0, STAPLE_STAGE_MINUTES_MAX, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:handoff:
   *
   * Whether the work changes hands at the stage.
   */
  properties[PROP_HANDOFF] =
    g_param_spec_boolean ("handoff", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:dropped:
   *
   * Whether the work is sometimes dropped or lost at the stage.
   */
  properties[PROP_DROPPED] =
    g_param_spec_boolean ("dropped", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:customer-feeling:
   *
   * How the customer feels at the stage, from -2 (very bad) to 2 (very good).
   */
  properties[PROP_CUSTOMER_FEELING] =
    g_param_spec_int ("customer-feeling", NULL, NULL,
                      STAPLE_FEELING_MIN, STAPLE_FEELING_MAX, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:staff-feeling:
   *
   * How the staff feel at the stage, from -2 (very bad) to 2 (very good).
   */
  properties[PROP_STAFF_FEELING] =
    g_param_spec_int ("staff-feeling", NULL, NULL,
                      STAPLE_FEELING_MIN, STAPLE_FEELING_MAX, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * StapleStage:notes:
   *
   * Free-form notes about the stage.
   */
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_stage_init (StapleStage *self)
{
  self->name = g_strdup ("");
  self->team = g_strdup ("");
  self->channel = STAPLE_CHANNEL_INTERNAL;
  self->notes = g_strdup ("");
  self->frictions = g_list_store_new (STAPLE_TYPE_FRICTION);
}

/**
 * staple_stage_new:
 *
 * Creates a new stage with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleStage
 */
StapleStage *
staple_stage_new (void)
{
  return g_object_new (STAPLE_TYPE_STAGE, NULL);
}

/**
 * staple_stage_get_id:
 * @self: a #StapleStage
 *
 * Gets the database id of the stage, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_stage_get_id (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), 0);

  return self->id;
}

/**
 * staple_stage_set_id:
 * @self: a #StapleStage
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the stage, or 0 if it is not stored yet.
 */
void
staple_stage_set_id (StapleStage *self,
                     gint64       id)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_stage_get_session_id:
 * @self: a #StapleStage
 *
 * Gets the id of the session the stage belongs to.
 *
 * Returns: the session id, 0 for none
 */
gint64
staple_stage_get_session_id (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), 0);

  return self->session_id;
}

/**
 * staple_stage_set_session_id:
 * @self: a #StapleStage
 * @session_id: the session id, 0 for none; negative values become 0
 *
 * Sets the id of the session the stage belongs to.
 */
void
staple_stage_set_session_id (StapleStage *self,
                             gint64       session_id)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  session_id = MAX (session_id, 0);

  if (self->session_id == session_id)
    return;

  self->session_id = session_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

/**
 * staple_stage_get_position:
 * @self: a #StapleStage
 *
 * Gets the position of the stage within its session, from 0.
 *
 * Returns: the position
 */
int
staple_stage_get_position (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), 0);

  return self->position;
}

/**
 * staple_stage_set_position:
 * @self: a #StapleStage
 * @position: the position; negative values become 0
 *
 * Sets the position of the stage within its session, from 0.
 */
void
staple_stage_set_position (StapleStage *self,
                           int          position)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  position = MAX (position, 0);

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * staple_stage_get_name:
 * @self: a #StapleStage
 *
 * Gets the name of the stage, such as “Check the claim”.
 *
 * Returns: (not nullable): the name, never %NULL
 */
const char *
staple_stage_get_name (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), NULL);

  return self->name;
}

/**
 * staple_stage_set_name:
 * @self: a #StapleStage
 * @name: (nullable): the name, or %NULL for ""
 *
 * Sets the name of the stage, such as “Check the claim”.
 */
void
staple_stage_set_name (StapleStage *self,
                       const char  *name)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_STAGE (self));

  if (name == NULL)
    name = "";

  if (g_strcmp0 (self->name, name) == 0)
    return;

  copy = g_strdup (name);
  g_free (self->name);
  self->name = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * staple_stage_get_team:
 * @self: a #StapleStage
 *
 * Gets the team or role that does the stage.
 *
 * Returns: (not nullable): the team, never %NULL
 */
const char *
staple_stage_get_team (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), NULL);

  return self->team;
}

/**
 * staple_stage_set_team:
 * @self: a #StapleStage
 * @team: (nullable): the team, or %NULL for ""
 *
 * Sets the team or role that does the stage.
 */
void
staple_stage_set_team (StapleStage *self,
                       const char  *team)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_STAGE (self));

  if (team == NULL)
    team = "";

  if (g_strcmp0 (self->team, team) == 0)
    return;

  copy = g_strdup (team);
  g_free (self->team);
  self->team = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM]);
}

/**
 * staple_stage_get_channel:
 * @self: a #StapleStage
 *
 * Gets the channel through which the stage happens.
 *
 * Returns: the channel, a #StapleChannel
 */
StapleChannel
staple_stage_get_channel (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), STAPLE_CHANNEL_INTERNAL);

  return self->channel;
}

/**
 * staple_stage_set_channel:
 * @self: a #StapleStage
 * @channel: a #StapleChannel
 *
 * Sets the channel through which the stage happens.
 */
void
staple_stage_set_channel (StapleStage   *self,
                          StapleChannel  channel)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));
  g_return_if_fail ((guint) channel <= STAPLE_CHANNEL_INTERNAL);

  if (self->channel == channel)
    return;

  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

/**
 * staple_stage_get_work_minutes:
 * @self: a #StapleStage
 *
 * Gets the minutes of actual work in the stage.
 *
 * Returns: the minutes
 */
int
staple_stage_get_work_minutes (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), 0);

  return self->work_minutes;
}

/**
 * staple_stage_set_work_minutes:
 * @self: a #StapleStage
 * @work_minutes: the minutes; clamped to 0..%STAPLE_STAGE_MINUTES_MAX
 *
 * Sets the minutes of actual work in the stage.
 */
void
staple_stage_set_work_minutes (StapleStage *self,
                               int          work_minutes)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  work_minutes = CLAMP (work_minutes, 0, STAPLE_STAGE_MINUTES_MAX);

  if (self->work_minutes == work_minutes)
    return;

  self->work_minutes = work_minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_MINUTES]);
}

/**
 * staple_stage_get_wait_minutes:
 * @self: a #StapleStage
 *
 * Gets the minutes the work waits before or during the stage.
 *
 * Returns: the minutes
 */
int
staple_stage_get_wait_minutes (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), 0);

  return self->wait_minutes;
}

/**
 * staple_stage_set_wait_minutes:
 * @self: a #StapleStage
 * @wait_minutes: the minutes; clamped to 0..%STAPLE_STAGE_MINUTES_MAX
 *
 * Sets the minutes the work waits before or during the stage.
 */
void
staple_stage_set_wait_minutes (StapleStage *self,
                               int          wait_minutes)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  wait_minutes = CLAMP (wait_minutes, 0, STAPLE_STAGE_MINUTES_MAX);

  if (self->wait_minutes == wait_minutes)
    return;

  self->wait_minutes = wait_minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAIT_MINUTES]);
}

/**
 * staple_stage_get_handoff:
 * @self: a #StapleStage
 *
 * Gets whether the work changes hands at the stage.
 *
 * Returns: %TRUE if the work is handed to someone else
 */
gboolean
staple_stage_get_handoff (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), FALSE);

  return self->handoff;
}

/**
 * staple_stage_set_handoff:
 * @self: a #StapleStage
 * @handoff: %TRUE if the work is handed to someone else
 *
 * Sets whether the work changes hands at the stage.
 */
void
staple_stage_set_handoff (StapleStage *self,
                          gboolean     handoff)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  handoff = !!handoff;

  if (self->handoff == handoff)
    return;

  self->handoff = handoff;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDOFF]);
}

/**
 * staple_stage_get_dropped:
 * @self: a #StapleStage
 *
 * Gets whether the work is sometimes dropped or lost at the stage.
 *
 * Returns: %TRUE if the work gets dropped here
 */
gboolean
staple_stage_get_dropped (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), FALSE);

  return self->dropped;
}

/**
 * staple_stage_set_dropped:
 * @self: a #StapleStage
 * @dropped: %TRUE if the work gets dropped here
 *
 * Sets whether the work is sometimes dropped or lost at the stage.
 */
void
staple_stage_set_dropped (StapleStage *self,
                          gboolean     dropped)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  dropped = !!dropped;

  if (self->dropped == dropped)
    return;

  self->dropped = dropped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED]);
}

/**
 * staple_stage_get_customer_feeling:
 * @self: a #StapleStage
 *
 * Gets how the customer feels at the stage, from -2 (very bad) to 2 (very
 * good).
 *
 * Returns: the feeling
 */
int
staple_stage_get_customer_feeling (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), 0);

  return self->customer_feeling;
}

/**
 * staple_stage_set_customer_feeling:
 * @self: a #StapleStage
 * @customer_feeling: the feeling; clamped to %STAPLE_FEELING_MIN..%STAPLE_FEELING_MAX
 *
 * Sets how the customer feels at the stage, from -2 (very bad) to 2 (very
 * good).
 */
void
staple_stage_set_customer_feeling (StapleStage *self,
                                   int          customer_feeling)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  customer_feeling = CLAMP (customer_feeling, STAPLE_FEELING_MIN, STAPLE_FEELING_MAX);

  if (self->customer_feeling == customer_feeling)
    return;

  self->customer_feeling = customer_feeling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_FEELING]);
}

/**
 * staple_stage_get_staff_feeling:
 * @self: a #StapleStage
 *
 * Gets how the staff feel at the stage, from -2 (very bad) to 2 (very good).
 *
 * Returns: the feeling
 */
int
staple_stage_get_staff_feeling (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), 0);

  return self->staff_feeling;
}

/**
 * staple_stage_set_staff_feeling:
 * @self: a #StapleStage
 * @staff_feeling: the feeling; clamped to %STAPLE_FEELING_MIN..%STAPLE_FEELING_MAX
 *
 * Sets how the staff feel at the stage, from -2 (very bad) to 2 (very good).
 */
void
staple_stage_set_staff_feeling (StapleStage *self,
                                int          staff_feeling)
{
  g_return_if_fail (STAPLE_IS_STAGE (self));

  staff_feeling = CLAMP (staff_feeling, STAPLE_FEELING_MIN, STAPLE_FEELING_MAX);

  if (self->staff_feeling == staff_feeling)
    return;

  self->staff_feeling = staff_feeling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_FEELING]);
}

/**
 * staple_stage_get_notes:
 * @self: a #StapleStage
 *
 * Gets free-form notes about the stage.
 *
 * Returns: (not nullable): the notes, never %NULL
 */
const char *
staple_stage_get_notes (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), NULL);

  return self->notes;
}

/**
 * staple_stage_set_notes:
 * @self: a #StapleStage
 * @notes: (nullable): the notes, or %NULL for ""
 *
 * Sets free-form notes about the stage.
 */
void
staple_stage_set_notes (StapleStage *self,
                        const char  *notes)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_STAGE (self));

  if (notes == NULL)
    notes = "";

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  copy = g_strdup (notes);
  g_free (self->notes);
  self->notes = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/**
 * staple_stage_get_frictions:
 * @self: a #StapleStage
 *
 * Gets the friction points of the stage, ordered by their
 * #StapleFriction:position. The list belongs to the stage; callers add,
 * remove and reorder its items directly.
 *
 * Returns: (transfer none): a #GListStore of #StapleFriction
 */
GListStore *
staple_stage_get_frictions (StapleStage *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE (self), NULL);

  return self->frictions;
}
