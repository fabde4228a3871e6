/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-participant.h"

/**
 * StapleParticipant:
 *
 * Someone taking part in a mapping session: the people who do the work being followed, and
 * the facilitator. Votes and actions refer to participants by id.
 */
struct _StapleParticipant
{
  GObject parent_instance;

  gint64    id;
  char     *name;
  char     *role;
  gboolean  abstains;
  gboolean  anonymous;
};

G_DEFINE_FINAL_TYPE (StapleParticipant, staple_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_ABSTAINS,
  PROP_ANONYMOUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_participant_finalize (GObject *object)
{
  StapleParticipant *self = (StapleParticipant *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (staple_participant_parent_class)->finalize (object);
}

static void
staple_participant_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StapleParticipant *self = STAPLE_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_ABSTAINS:
      g_value_set_boolean (value, self->abstains);
      break;

    case PROP_ANONYMOUS:
      g_value_set_boolean (value, self->anonymous);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_participant_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StapleParticipant *self = STAPLE_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_participant_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_NAME:
      staple_participant_set_name (self, g_value_get_string (value));
      break;
    case PROP_ROLE:
      staple_participant_set_role (self, g_value_get_string (value));
      break;
    case PROP_ABSTAINS:
      staple_participant_set_abstains (self, g_value_get_boolean (value));
      break;

    case PROP_ANONYMOUS:
      staple_participant_set_anonymous (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_participant_class_init (StapleParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_participant_finalize;
  object_class->get_property = staple_participant_get_property;
  object_class->set_property = staple_participant_set_property;

  /**
   * StapleParticipant:id:
   *
   * The database id of the participant, or 0 if it is not stored yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleParticipant:name:
   *
   * The participant's name.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleParticipant:role:
   *
   * The participant's role, such as “team lead”.
   */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleParticipant:abstains:
   *
   * Whether the participant chose not to vote: they get no dots.
   */
  properties[PROP_ABSTAINS] =
    g_param_spec_boolean ("abstains", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * StapleParticipant:anonymous:
   *
   * Whether this is no person but a voter the room made for a phone voting
   * anonymously: its dots count in the totals, and it is not one of the
   * people in the room (lists of participants, owners and voters leave it
   * out).
   */
  properties[PROP_ANONYMOUS] =
    g_param_spec_boolean ("anonymous", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_participant_init (StapleParticipant *self)
{
  self->name = g_strdup ("");
  self->role = g_strdup ("");
}

/**
 * staple_participant_new:
 *
 * Creates a new participant with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleParticipant
 */
StapleParticipant *
staple_participant_new (void)
{
  return g_object_new (STAPLE_TYPE_PARTICIPANT, NULL);
}

/**
 * staple_participant_get_id:
 * @self: a #StapleParticipant
 *
 * Gets the database id of the participant, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_participant_get_id (StapleParticipant *self)
{
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (self), 0);

  return self->id;
}

/**
 * staple_participant_set_id:
 * @self: a #StapleParticipant
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the participant, or 0 if it is not stored yet.
 */
void
staple_participant_set_id (StapleParticipant *self,
                           gint64             id)
{
  g_return_if_fail (STAPLE_IS_PARTICIPANT (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_participant_get_name:
 * @self: a #StapleParticipant
 *
 * Gets the participant's name.
 *
 * Returns: (not nullable): the name, never %NULL
 */
const char *
staple_participant_get_name (StapleParticipant *self)
{
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (self), NULL);

  return self->name;
}

/**
 * staple_participant_set_name:
 * @self: a #StapleParticipant
 * @name: (nullable): the name, or %NULL for ""
 *
 * Sets the participant's name.
 */
void
staple_participant_set_name (StapleParticipant *self,
                             const char        *name)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_PARTICIPANT (self));

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
 * staple_participant_get_role:
 * @self: a #StapleParticipant
 *
 * Gets the participant's role, such as “team lead”.
 *
 * Returns: (not nullable): the role, never %NULL
 */
const char *
staple_participant_get_role (StapleParticipant *self)
{
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (self), NULL);

  return self->role;
}

/**
 * staple_participant_set_role:
 * @self: a #StapleParticipant
 * @role: (nullable): the role, or %NULL for ""
 *
 * Sets the participant's role, such as “team lead”.
 */
void
staple_participant_set_role (StapleParticipant *self,
                             const char        *role)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_PARTICIPANT (self));

  if (role == NULL)
    role = "";

  if (g_strcmp0 (self->role, role) == 0)
    return;

  copy = g_strdup (role);
  g_free (self->role);
  self->role = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/**
 * staple_participant_get_abstains:
 * @self: a #StapleParticipant
 *
 * Gets whether the participant chose not to vote.
 *
 * Returns: %TRUE if the participant abstains
 */
gboolean
staple_participant_get_abstains (StapleParticipant *self)
{
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (self), FALSE);

  return self->abstains;
}

/**
 * staple_participant_set_abstains:
 * @self: a #StapleParticipant
 * @abstains: whether the participant chose not to vote
 *
 * Sets whether the participant chose not to vote. Dots they placed before
 * are not taken away.
 */
void
staple_participant_set_abstains (StapleParticipant *self,
                                 gboolean           abstains)
{
  g_return_if_fail (STAPLE_IS_PARTICIPANT (self));

  abstains = !!abstains;

  if (self->abstains == abstains)
    return;

  self->abstains = abstains;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABSTAINS]);
}

/**
 * staple_participant_get_anonymous:
 * @self: a #StapleParticipant
 *
 * Returns: %TRUE if this is an anonymous voter of the room, no person
 */
gboolean
staple_participant_get_anonymous (StapleParticipant *self)
{
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (self), FALSE);

  return self->anonymous;
}

/**
 * staple_participant_set_anonymous:
 * @self: a #StapleParticipant
 * @anonymous: whether this is an anonymous voter of the room
 *
 * Sets whether this is an anonymous voter of the room, no person.
 */
void
staple_participant_set_anonymous (StapleParticipant *self,
                                  gboolean           anonymous)
{
  g_return_if_fail (STAPLE_IS_PARTICIPANT (self));

  anonymous = !!anonymous;

  if (self->anonymous == anonymous)
    return;

  self->anonymous = anonymous;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANONYMOUS]);
}
