/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-empowerment.h"

/**
 * StapleEmpowerment:
 *
 * Something front-line staff may now decide for themselves, without asking for approval, as
 * an outcome of the session.
 */
struct _StapleEmpowerment
{
  GObject parent_instance;

  gint64  id;
  char   *text;
};

G_DEFINE_FINAL_TYPE (StapleEmpowerment, staple_empowerment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_empowerment_finalize (GObject *object)
{
  StapleEmpowerment *self = (StapleEmpowerment *)object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (staple_empowerment_parent_class)->finalize (object);
}

static void
staple_empowerment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StapleEmpowerment *self = STAPLE_EMPOWERMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_empowerment_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StapleEmpowerment *self = STAPLE_EMPOWERMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_empowerment_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TEXT:
      staple_empowerment_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_empowerment_class_init (StapleEmpowermentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_empowerment_finalize;
  object_class->get_property = staple_empowerment_get_property;
  object_class->set_property = staple_empowerment_set_property;

  /**
   * StapleEmpowerment:id:
   *
   * The database id of the empowerment, or 0 if it is not stored yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleEmpowerment:text:
   *
   * What staff may now decide.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_empowerment_init (StapleEmpowerment *self)
{
  self->text = g_strdup ("");
}

/**
 * staple_empowerment_new:
 *
 * Creates a new empowerment with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleEmpowerment
 */
StapleEmpowerment *
staple_empowerment_new (void)
{
  return g_object_new (STAPLE_TYPE_EMPOWERMENT, NULL);
}

/**
 * staple_empowerment_get_id:
 * @self: a #StapleEmpowerment
 *
 * Gets the database id of the empowerment, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_empowerment_get_id (StapleEmpowerment *self)
{
  g_return_val_if_fail (STAPLE_IS_EMPOWERMENT (self), 0);

  return self->id;
}

/**
 * staple_empowerment_set_id:
 * @self: a #StapleEmpowerment
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the empowerment, or 0 if it is not stored yet.
 */
void
staple_empowerment_set_id (StapleEmpowerment *self,
                           gint64             id)
{
  g_return_if_fail (STAPLE_IS_EMPOWERMENT (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_empowerment_get_text:
 * @self: a #StapleEmpowerment
 *
 * Gets what staff may now decide.
 *
 * Returns: (not nullable): the text, never %NULL
 */
const char *
staple_empowerment_get_text (StapleEmpowerment *self)
{
  g_return_val_if_fail (STAPLE_IS_EMPOWERMENT (self), NULL);

  return self->text;
}

/**
 * staple_empowerment_set_text:
 * @self: a #StapleEmpowerment
 * @text: (nullable): the text, or %NULL for ""
 *
 * Sets what staff may now decide.
 */
void
staple_empowerment_set_text (StapleEmpowerment *self,
                             const char        *text)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_EMPOWERMENT (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (self->text, text) == 0)
    return;

  copy = g_strdup (text);
  g_free (self->text);
  self->text = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}
