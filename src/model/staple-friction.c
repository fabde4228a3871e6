/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-friction.h"
#include "staple-enum-types.h"

/**
 * StapleFriction:
 *
 * A friction point: something at one stage of the work that slows the customer down, annoys
 * them, or makes the staff work around the system. It belongs to a stage
 * (#StapleFriction:stage-id) and is ordered within it by #StapleFriction:position.
 */
struct _StapleFriction
{
  GObject parent_instance;

  gint64              id;
  gint64              stage_id;
  int                 position;
  char               *text;
  StapleFrictionKind  kind;
  int                 severity;
  StaplePrinciple     principle;
  char               *notes;
};

G_DEFINE_FINAL_TYPE (StapleFriction, staple_friction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STAGE_ID,
  PROP_POSITION,
  PROP_TEXT,
  PROP_KIND,
  PROP_SEVERITY,
  PROP_PRINCIPLE,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_friction_finalize (GObject *object)
{
  StapleFriction *self = (StapleFriction *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (staple_friction_parent_class)->finalize (object);
}

static void
staple_friction_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StapleFriction *self = STAPLE_FRICTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_STAGE_ID:
      g_value_set_int64 (value, self->stage_id);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;
    case PROP_PRINCIPLE:
      g_value_set_enum (value, self->principle);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_friction_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StapleFriction *self = STAPLE_FRICTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_friction_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_STAGE_ID:
      staple_friction_set_stage_id (self, g_value_get_int64 (value));
      break;
    case PROP_POSITION:
      staple_friction_set_position (self, g_value_get_int (value));
      break;
    case PROP_TEXT:
      staple_friction_set_text (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      staple_friction_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_SEVERITY:
      staple_friction_set_severity (self, g_value_get_int (value));
      break;
    case PROP_PRINCIPLE:
      staple_friction_set_principle (self, g_value_get_enum (value));
      break;
    case PROP_NOTES:
      staple_friction_set_notes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_friction_class_init (StapleFrictionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_friction_finalize;
  object_class->get_property = staple_friction_get_property;
  object_class->set_property = staple_friction_set_property;

  /**
   * StapleFriction:id:
   *
   * The database id of the friction point, or 0 if it is not stored yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleFriction:stage-id:
   *
   * The id of the stage the friction point belongs to.
   */
  properties[PROP_STAGE_ID] =
    g_param_spec_int64 ("stage-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleFriction:position:
   *
   * The position of the friction point within its stage, from 0.
   */
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * StapleFriction:text:
   *
   * What the friction is, in the words of the people who see it.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleFriction:kind:
   *
   * The kind of friction.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       STAPLE_TYPE_FRICTION_KIND, STAPLE_FRICTION_KIND_PROCESS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleFriction:severity:
   *
   * How much the friction hurts, from 1 (a little) to 5 (a lot).
   */
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL,
                      STAPLE_SEVERITY_MIN, STAPLE_SEVERITY_MAX, STAPLE_SEVERITY_DEFAULT,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * StapleFriction:principle:
   *
   * The management principle that the friction goes against.
   */
  properties[PROP_PRINCIPLE] =
    g_param_spec_enum ("principle", NULL, NULL,
                       STAPLE_TYPE_PRINCIPLE, STAPLE_PRINCIPLE_NONE,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleFriction:notes:
   *
   * Free-form notes about the friction point.
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
staple_friction_init (StapleFriction *self)
{
  self->text = g_strdup ("");
  self->kind = STAPLE_FRICTION_KIND_PROCESS;
  self->severity = STAPLE_SEVERITY_DEFAULT;
  self->principle = STAPLE_PRINCIPLE_NONE;
  self->notes = g_strdup ("");
}

/**
 * staple_friction_new:
 *
 * Creates a new friction point with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleFriction
 */
StapleFriction *
staple_friction_new (void)
{
  return g_object_new (STAPLE_TYPE_FRICTION, NULL);
}

/**
 * staple_friction_get_id:
 * @self: a #StapleFriction
 *
 * Gets the database id of the friction point, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_friction_get_id (StapleFriction *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION (self), 0);

  return self->id;
}

/**
 * staple_friction_set_id:
 * @self: a #StapleFriction
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the friction point, or 0 if it is not stored yet.
 */
void
staple_friction_set_id (StapleFriction *self,
                        gint64          id)
{
  g_return_if_fail (STAPLE_IS_FRICTION (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_friction_get_stage_id:
 * @self: a #StapleFriction
 *
 * Gets the id of the stage the friction point belongs to.
 *
 * Returns: the stage id, 0 for none
 */
gint64
staple_friction_get_stage_id (StapleFriction *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION (self), 0);

  return self->stage_id;
}

/**
 * staple_friction_set_stage_id:
 * @self: a #StapleFriction
 * @stage_id: the stage id, 0 for none; negative values become 0
 *
 * Sets the id of the stage the friction point belongs to.
 */
void
staple_friction_set_stage_id (StapleFriction *self,
                              gint64          stage_id)
{
  g_return_if_fail (STAPLE_IS_FRICTION (self));

  stage_id = MAX (stage_id, 0);

  if (self->stage_id == stage_id)
    return;

  self->stage_id = stage_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE_ID]);
}

/**
 * staple_friction_get_position:
 * @self: a #StapleFriction
 *
 * Gets the position of the friction point within its stage, from 0.
 *
 * Returns: the position
 */
int
staple_friction_get_position (StapleFriction *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION (self), 0);

  return self->position;
}

/**
 * staple_friction_set_position:
 * @self: a #StapleFriction
 * @position: the position; negative values become 0
 *
 * Sets the position of the friction point within its stage, from 0.
 */
void
staple_friction_set_position (StapleFriction *self,
                              int             position)
{
  g_return_if_fail (STAPLE_IS_FRICTION (self));

  position = MAX (position, 0);

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * staple_friction_get_text:
 * @self: a #StapleFriction
 *
 * Gets what the friction is, in the words of the people who see it.
 *
 * Returns: (not nullable): the text, never %NULL
 */
const char *
staple_friction_get_text (StapleFriction *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION (self), NULL);

  return self->text;
}

/**
 * staple_friction_set_text:
 * @self: a #StapleFriction
 * @text: (nullable): the text, or %NULL for ""
 *
 * Sets what the friction is, in the words of the people who see it.
 */
void
staple_friction_set_text (StapleFriction *self,
                          const char     *text)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_FRICTION (self));

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
 * staple_friction_get_kind:
 * @self: a #StapleFriction
 *
 * Gets the kind of friction.
 *
 * Returns: the kind, a #StapleFrictionKind
 */
StapleFrictionKind
staple_friction_get_kind (StapleFriction *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION (self), STAPLE_FRICTION_KIND_PROCESS);

  return self->kind;
}

/**
 * staple_friction_set_kind:
 * @self: a #StapleFriction
 * @kind: a #StapleFrictionKind
 *
 * Sets the kind of friction.
 */
void
staple_friction_set_kind (StapleFriction     *self,
                          StapleFrictionKind  kind)
{
  g_return_if_fail (STAPLE_IS_FRICTION (self));
  g_return_if_fail ((guint) kind <= STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * staple_friction_get_severity:
 * @self: a #StapleFriction
 *
 * Gets how much the friction hurts, from 1 (a little) to 5 (a lot).
 *
 * Returns: the severity
 */
int
staple_friction_get_severity (StapleFriction *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION (self), 0);

  return self->severity;
}

/**
 * staple_friction_set_severity:
 * @self: a #StapleFriction
 * @severity: the severity; it is clamped to %STAPLE_SEVERITY_MIN..%STAPLE_SEVERITY_MAX
 *
 * Sets how much the friction hurts, from 1 (a little) to 5 (a lot).
 */
void
staple_friction_set_severity (StapleFriction *self,
                              int             severity)
{
  g_return_if_fail (STAPLE_IS_FRICTION (self));

  severity = CLAMP (severity, STAPLE_SEVERITY_MIN, STAPLE_SEVERITY_MAX);

  if (self->severity == severity)
    return;

  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

/**
 * staple_friction_get_principle:
 * @self: a #StapleFriction
 *
 * Gets the management principle that the friction goes against.
 *
 * Returns: the principle, a #StaplePrinciple
 */
StaplePrinciple
staple_friction_get_principle (StapleFriction *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION (self), STAPLE_PRINCIPLE_NONE);

  return self->principle;
}

/**
 * staple_friction_set_principle:
 * @self: a #StapleFriction
 * @principle: a #StaplePrinciple
 *
 * Sets the management principle that the friction goes against.
 */
void
staple_friction_set_principle (StapleFriction  *self,
                               StaplePrinciple  principle)
{
  g_return_if_fail (STAPLE_IS_FRICTION (self));
  g_return_if_fail ((guint) principle <= STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING);

  if (self->principle == principle)
    return;

  self->principle = principle;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINCIPLE]);
}

/**
 * staple_friction_get_notes:
 * @self: a #StapleFriction
 *
 * Gets free-form notes about the friction point.
 *
 * Returns: (not nullable): the notes, never %NULL
 */
const char *
staple_friction_get_notes (StapleFriction *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION (self), NULL);

  return self->notes;
}

/**
 * staple_friction_set_notes:
 * @self: a #StapleFriction
 * @notes: (nullable): the notes, or %NULL for ""
 *
 * Sets free-form notes about the friction point.
 */
void
staple_friction_set_notes (StapleFriction *self,
                           const char     *notes)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_FRICTION (self));

  if (notes == NULL)
    notes = "";

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  copy = g_strdup (notes);
  g_free (self->notes);
  self->notes = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}
