/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-vote.h"

/**
 * StapleVote:
 *
 * One dot: a participant saying that a friction point matters to them. A participant may put
 * several dots on the same friction point.
 */
struct _StapleVote
{
  GObject parent_instance;

  gint64 id;
  gint64 participant_id;
  gint64 friction_id;
};

G_DEFINE_FINAL_TYPE (StapleVote, staple_vote, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARTICIPANT_ID,
  PROP_FRICTION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_vote_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StapleVote *self = STAPLE_VOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PARTICIPANT_ID:
      g_value_set_int64 (value, self->participant_id);
      break;
    case PROP_FRICTION_ID:
      g_value_set_int64 (value, self->friction_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_vote_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StapleVote *self = STAPLE_VOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_vote_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_PARTICIPANT_ID:
      staple_vote_set_participant_id (self, g_value_get_int64 (value));
      break;
    case PROP_FRICTION_ID:
      staple_vote_set_friction_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_vote_class_init (StapleVoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = staple_vote_get_property;
  object_class->set_property = staple_vote_set_property;

  /**
   * StapleVote:id:
   *
   * The database id of the vote, or 0 if it is not stored yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleVote:participant-id:
   *
   * The id of the participant who voted.
   */
  properties[PROP_PARTICIPANT_ID] =
    g_param_spec_int64 ("participant-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleVote:friction-id:
   *
   * The id of the friction point voted for.
   */
  properties[PROP_FRICTION_ID] =
    g_param_spec_int64 ("friction-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_vote_init (StapleVote *self)
{

}

/**
 * staple_vote_new:
 *
 * Creates a new vote with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleVote
 */
StapleVote *
staple_vote_new (void)
{
  return g_object_new (STAPLE_TYPE_VOTE, NULL);
}

/**
 * staple_vote_get_id:
 * @self: a #StapleVote
 *
 * Gets the database id of the vote, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_vote_get_id (StapleVote *self)
{
  g_return_val_if_fail (STAPLE_IS_VOTE (self), 0);

  return self->id;
}

/**
 * staple_vote_set_id:
 * @self: a #StapleVote
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the vote, or 0 if it is not stored yet.
 */
void
staple_vote_set_id (StapleVote *self,
                    gint64      id)
{
  g_return_if_fail (STAPLE_IS_VOTE (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_vote_get_participant_id:
 * @self: a #StapleVote
 *
 * Gets the id of the participant who voted.
 *
 * Returns: the participant id, 0 for none
 */
gint64
staple_vote_get_participant_id (StapleVote *self)
{
  g_return_val_if_fail (STAPLE_IS_VOTE (self), 0);

  return self->participant_id;
}

/**
 * staple_vote_set_participant_id:
 * @self: a #StapleVote
 * @participant_id: the participant id, 0 for none; negative values become 0
 *
 * Sets the id of the participant who voted.
 */
void
staple_vote_set_participant_id (StapleVote *self,
                                gint64      participant_id)
{
  g_return_if_fail (STAPLE_IS_VOTE (self));

  participant_id = MAX (participant_id, 0);

  if (self->participant_id == participant_id)
    return;

  self->participant_id = participant_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTICIPANT_ID]);
}

/**
 * staple_vote_get_friction_id:
 * @self: a #StapleVote
 *
 * Gets the id of the friction point voted for.
 *
 * Returns: the friction point id, 0 for none
 */
gint64
staple_vote_get_friction_id (StapleVote *self)
{
  g_return_val_if_fail (STAPLE_IS_VOTE (self), 0);

  return self->friction_id;
}

/**
 * staple_vote_set_friction_id:
 * @self: a #StapleVote
 * @friction_id: the friction point id, 0 for none; negative values become 0
 *
 * Sets the id of the friction point voted for.
 */
void
staple_vote_set_friction_id (StapleVote *self,
                             gint64      friction_id)
{
  g_return_if_fail (STAPLE_IS_VOTE (self));

  friction_id = MAX (friction_id, 0);

  if (self->friction_id == friction_id)
    return;

  self->friction_id = friction_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRICTION_ID]);
}
