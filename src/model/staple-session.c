/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-session.h"
#include "staple-enum-types.h"

#include <string.h>

/**
 * StapleSession:
 *
 * A mapping session: one piece of work followed from the customer’s first contact to the
 * end, with the people who took part, the stages and their friction points, the dots voted,
 * and the actions and empowerments agreed.
 */
struct _StapleSession
{
  GObject parent_instance;

  gint64      id;
  char       *title;
  char       *organisation;
  char       *date;
  char       *location;
  char       *facilitator;
  char       *customer;
  char       *work_item;
  char       *question;
  char       *source;
  StaplePhase phase;
  int         dots_per_participant;
  gint64      current_stage_id;
  guint       phase_seconds[STAPLE_N_PHASES];
  GListStore *participants;
  GListStore *stages;
  GListStore *votes;
  GListStore *actions;
  GListStore *empowerments;
};

G_DEFINE_FINAL_TYPE (StapleSession, staple_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_DATE,
  PROP_LOCATION,
  PROP_FACILITATOR,
  PROP_CUSTOMER,
  PROP_WORK_ITEM,
  PROP_QUESTION,
  PROP_SOURCE,
  PROP_PHASE,
  PROP_DOTS_PER_PARTICIPANT,
  PROP_CURRENT_STAGE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PHASE_SECONDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
staple_session_finalize (GObject *object)
{
  StapleSession *self = (StapleSession *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->facilitator, g_free);
  g_clear_pointer (&self->customer, g_free);
  g_clear_pointer (&self->work_item, g_free);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_object (&self->participants);
  g_clear_object (&self->stages);
  g_clear_object (&self->votes);
  g_clear_object (&self->actions);
  g_clear_object (&self->empowerments);

  G_OBJECT_CLASS (staple_session_parent_class)->finalize (object);
}

static void
staple_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StapleSession *self = STAPLE_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_FACILITATOR:
      g_value_set_string (value, self->facilitator);
      break;
    case PROP_CUSTOMER:
      g_value_set_string (value, self->customer);
      break;
    case PROP_WORK_ITEM:
      g_value_set_string (value, self->work_item);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_DOTS_PER_PARTICIPANT:
      g_value_set_int (value, self->dots_per_participant);
      break;
    case PROP_CURRENT_STAGE_ID:
      g_value_set_int64 (value, self->current_stage_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StapleSession *self = STAPLE_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_session_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TITLE:
      staple_session_set_title (self, g_value_get_string (value));
      break;
    case PROP_ORGANISATION:
      staple_session_set_organisation (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      staple_session_set_date (self, g_value_get_string (value));
      break;
    case PROP_LOCATION:
      staple_session_set_location (self, g_value_get_string (value));
      break;
    case PROP_FACILITATOR:
      staple_session_set_facilitator (self, g_value_get_string (value));
      break;
    case PROP_CUSTOMER:
      staple_session_set_customer (self, g_value_get_string (value));
      break;
    case PROP_WORK_ITEM:
      staple_session_set_work_item (self, g_value_get_string (value));
      break;
    case PROP_QUESTION:
      staple_session_set_question (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      staple_session_set_source (self, g_value_get_string (value));
      break;
    case PROP_PHASE:
      staple_session_set_phase (self, g_value_get_enum (value));
      break;
    case PROP_DOTS_PER_PARTICIPANT:
      staple_session_set_dots_per_participant (self, g_value_get_int (value));
      break;
    case PROP_CURRENT_STAGE_ID:
      staple_session_set_current_stage_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_session_class_init (StapleSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_session_finalize;
  object_class->get_property = staple_session_get_property;
  object_class->set_property = staple_session_set_property;

  /**
   * StapleSession:id:
   *
   * The database id of the session, or 0 if it is not stored yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:title:
   *
   * The title of the session.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:organisation:
   *
   * The organisation whose work is mapped.
   */
  properties[PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:date:
   *
   * The date of the session as “YYYY-MM-DD”, or an empty string.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:location:
   *
   * Where the session took place.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:facilitator:
   *
   * Who ran the session.
   */
  properties[PROP_FACILITATOR] =
    g_param_spec_string ("facilitator", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:customer:
   *
   * The customer whose piece of work is followed.
   */
  properties[PROP_CUSTOMER] =
    g_param_spec_string ("customer", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:work-item:
   *
   * The piece of work followed, such as “a claim for a broken boiler”.
   */
  properties[PROP_WORK_ITEM] =
    g_param_spec_string ("work-item", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:question:
   *
   * The question the session set out to answer.
   */
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:source:
   *
   * Where the session came from, such as “example:1”, or an empty string for
   * sessions made by hand.
   */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:phase:
   *
   * The phase of the guided exercise the session is in, kept so that a
   * session reopens where it was left.
   */
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL,
                       STAPLE_TYPE_PHASE, STAPLE_PHASE_FRAME,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:dots-per-participant:
   *
   * How many dots each participant may place when voting, from
   * %STAPLE_DOTS_MIN to %STAPLE_DOTS_MAX.
   */
  properties[PROP_DOTS_PER_PARTICIPANT] =
    g_param_spec_int ("dots-per-participant", NULL, NULL,
                      STAPLE_DOTS_MIN, STAPLE_DOTS_MAX, STAPLE_DOTS_DEFAULT,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * StapleSession:current-stage-id:
   *
   * The id of the stage the walk-through is at, or 0 for none.
   */
  properties[PROP_CURRENT_STAGE_ID] =
    g_param_spec_int64 ("current-stage-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StapleSession::phase-seconds-changed:
   * @self: a #StapleSession
   * @phase: the #StaplePhase whose time changed, as an int
   *
   * Emitted when the time spent in a phase changes.
   */
  signals[PHASE_SECONDS_CHANGED] =
    g_signal_new ("phase-seconds-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
staple_session_init (StapleSession *self)
{
  self->title = g_strdup ("");
  self->organisation = g_strdup ("");
  self->date = g_strdup ("");
  self->location = g_strdup ("");
  self->facilitator = g_strdup ("");
  self->customer = g_strdup ("");
  self->work_item = g_strdup ("");
  self->question = g_strdup ("");
  self->source = g_strdup ("");
  self->phase = STAPLE_PHASE_FRAME;
  self->dots_per_participant = STAPLE_DOTS_DEFAULT;
  self->participants = g_list_store_new (STAPLE_TYPE_PARTICIPANT);
  self->stages = g_list_store_new (STAPLE_TYPE_STAGE);
  self->votes = g_list_store_new (STAPLE_TYPE_VOTE);
  self->actions = g_list_store_new (STAPLE_TYPE_ACTION);
  self->empowerments = g_list_store_new (STAPLE_TYPE_EMPOWERMENT);
}

/**
 * staple_session_new:
 *
 * Creates a new session with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleSession
 */
StapleSession *
staple_session_new (void)
{
  return g_object_new (STAPLE_TYPE_SESSION, NULL);
}

/* Every property that can be read and written afterwards, from @from to
 * @to, of the same type. */
static void
copy_properties (GObject *from,
                 GObject *to)
{
  guint n = 0;
  g_autofree GParamSpec **specs =
    g_object_class_list_properties (G_OBJECT_GET_CLASS (from), &n);

  for (guint i = 0; i < n; i++)
    {
      GValue value = G_VALUE_INIT;

      if ((specs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (specs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (from, specs[i]->name, &value);
      g_object_set_property (to, specs[i]->name, &value);
      g_value_unset (&value);
    }
}

static gpointer
copy_object (gpointer object)
{
  GObject *copy = g_object_new (G_OBJECT_TYPE (object), NULL);

  copy_properties (object, copy);
  if (STAPLE_IS_STAGE (object))
    {
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (object));

      for (guint i = 0; i < g_list_model_get_n_items (frictions); i++)
        {
          g_autoptr(GObject) friction = g_list_model_get_item (frictions, i);
          g_autoptr(GObject) friction_copy = copy_object (friction);

          g_list_store_append (staple_stage_get_frictions (STAPLE_STAGE (copy)), friction_copy);
        }
    }
  else if (STAPLE_IS_ACTION (object))
    {
      guint n_ids = 0;
      const gint64 *ids = staple_action_get_friction_ids (object, &n_ids);

      staple_action_set_friction_ids (STAPLE_ACTION (copy), ids, n_ids);
    }
  return copy;
}

static void
copy_list (GListStore *from,
           GListStore *to)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (from)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (from), i);
      g_autoptr(GObject) copy = copy_object (item);

      g_list_store_append (to, copy);
    }
}

/**
 * staple_session_copy:
 * @self: a #StapleSession
 *
 * Makes a copy of the session that shares nothing with it, ids and all:
 * for work in another thread, such as writing an export, while the coach
 * goes on changing the session itself.
 *
 * Returns: (transfer full): the copy
 */
StapleSession *
staple_session_copy (StapleSession *self)
{
  StapleSession *copy;

  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  copy = staple_session_new ();
  copy_properties (G_OBJECT (self), G_OBJECT (copy));
  memcpy (copy->phase_seconds, self->phase_seconds, sizeof self->phase_seconds);
  copy_list (self->participants, copy->participants);
  copy_list (self->stages, copy->stages);
  copy_list (self->votes, copy->votes);
  copy_list (self->actions, copy->actions);
  copy_list (self->empowerments, copy->empowerments);
  return copy;
}

/**
 * staple_session_get_id:
 * @self: a #StapleSession
 *
 * Gets the database id of the session, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_session_get_id (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), 0);

  return self->id;
}

/**
 * staple_session_set_id:
 * @self: a #StapleSession
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the session, or 0 if it is not stored yet.
 */
void
staple_session_set_id (StapleSession *self,
                       gint64         id)
{
  g_return_if_fail (STAPLE_IS_SESSION (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_session_get_title:
 * @self: a #StapleSession
 *
 * Gets the title of the session.
 *
 * Returns: (not nullable): the title, never %NULL
 */
const char *
staple_session_get_title (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->title;
}

/**
 * staple_session_set_title:
 * @self: a #StapleSession
 * @title: (nullable): the title, or %NULL for ""
 *
 * Sets the title of the session.
 */
void
staple_session_set_title (StapleSession *self,
                          const char    *title)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (title == NULL)
    title = "";

  if (g_strcmp0 (self->title, title) == 0)
    return;

  copy = g_strdup (title);
  g_free (self->title);
  self->title = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * staple_session_get_organisation:
 * @self: a #StapleSession
 *
 * Gets the organisation whose work is mapped.
 *
 * Returns: (not nullable): the organisation, never %NULL
 */
const char *
staple_session_get_organisation (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->organisation;
}

/**
 * staple_session_set_organisation:
 * @self: a #StapleSession
 * @organisation: (nullable): the organisation, or %NULL for ""
 *
 * Sets the organisation whose work is mapped.
 */
void
staple_session_set_organisation (StapleSession *self,
                                 const char    *organisation)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (organisation == NULL)
    organisation = "";

  if (g_strcmp0 (self->organisation, organisation) == 0)
    return;

  copy = g_strdup (organisation);
  g_free (self->organisation);
  self->organisation = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION]);
}

/**
 * staple_session_get_date:
 * @self: a #StapleSession
 *
 * Gets the date of the session as “YYYY-MM-DD”, or an empty string.
 *
 * Returns: (not nullable): the date, never %NULL
 */
const char *
staple_session_get_date (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->date;
}

/**
 * staple_session_set_date:
 * @self: a #StapleSession
 * @date: (nullable): the date, or %NULL for ""
 *
 * Sets the date of the session as “YYYY-MM-DD”, or an empty string. The date is
 * stored as given; it is not checked.
 */
void
staple_session_set_date (StapleSession *self,
                         const char    *date)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (date == NULL)
    date = "";

  if (g_strcmp0 (self->date, date) == 0)
    return;

  copy = g_strdup (date);
  g_free (self->date);
  self->date = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/**
 * staple_session_get_location:
 * @self: a #StapleSession
 *
 * Gets where the session took place.
 *
 * Returns: (not nullable): the location, never %NULL
 */
const char *
staple_session_get_location (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->location;
}

/**
 * staple_session_set_location:
 * @self: a #StapleSession
 * @location: (nullable): the location, or %NULL for ""
 *
 * Sets where the session took place.
 */
void
staple_session_set_location (StapleSession *self,
                             const char    *location)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (location == NULL)
    location = "";

  if (g_strcmp0 (self->location, location) == 0)
    return;

  copy = g_strdup (location);
  g_free (self->location);
  self->location = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCATION]);
}

/**
 * staple_session_get_facilitator:
 * @self: a #StapleSession
 *
 * Gets who ran the session.
 *
 * Returns: (not nullable): the facilitator, never %NULL
 */
const char *
staple_session_get_facilitator (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->facilitator;
}

/**
 * staple_session_set_facilitator:
 * @self: a #StapleSession
 * @facilitator: (nullable): the facilitator, or %NULL for ""
 *
 * Sets who ran the session.
 */
void
staple_session_set_facilitator (StapleSession *self,
                                const char    *facilitator)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (facilitator == NULL)
    facilitator = "";

  if (g_strcmp0 (self->facilitator, facilitator) == 0)
    return;

  copy = g_strdup (facilitator);
  g_free (self->facilitator);
  self->facilitator = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITATOR]);
}

/**
 * staple_session_get_customer:
 * @self: a #StapleSession
 *
 * Gets the customer whose piece of work is followed.
 *
 * Returns: (not nullable): the customer, never %NULL
 */
const char *
staple_session_get_customer (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->customer;
}

/**
 * staple_session_set_customer:
 * @self: a #StapleSession
 * @customer: (nullable): the customer, or %NULL for ""
 *
 * Sets the customer whose piece of work is followed.
 */
void
staple_session_set_customer (StapleSession *self,
                             const char    *customer)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (customer == NULL)
    customer = "";

  if (g_strcmp0 (self->customer, customer) == 0)
    return;

  copy = g_strdup (customer);
  g_free (self->customer);
  self->customer = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

/**
 * staple_session_get_work_item:
 * @self: a #StapleSession
 *
 * Gets the piece of work followed, such as “a claim for a broken boiler”.
 *
 * Returns: (not nullable): the work item, never %NULL
 */
const char *
staple_session_get_work_item (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->work_item;
}

/**
 * staple_session_set_work_item:
 * @self: a #StapleSession
 * @work_item: (nullable): the work item, or %NULL for ""
 *
 * Sets the piece of work followed, such as “a claim for a broken boiler”.
 */
void
staple_session_set_work_item (StapleSession *self,
                              const char    *work_item)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (work_item == NULL)
    work_item = "";

  if (g_strcmp0 (self->work_item, work_item) == 0)
    return;

  copy = g_strdup (work_item);
  g_free (self->work_item);
  self->work_item = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_ITEM]);
}

/**
 * staple_session_get_question:
 * @self: a #StapleSession
 *
 * Gets the question the session set out to answer.
 *
 * Returns: (not nullable): the question, never %NULL
 */
const char *
staple_session_get_question (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->question;
}

/**
 * staple_session_set_question:
 * @self: a #StapleSession
 * @question: (nullable): the question, or %NULL for ""
 *
 * Sets the question the session set out to answer.
 */
void
staple_session_set_question (StapleSession *self,
                             const char    *question)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (question == NULL)
    question = "";

  if (g_strcmp0 (self->question, question) == 0)
    return;

  copy = g_strdup (question);
  g_free (self->question);
  self->question = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
}

/**
 * staple_session_get_source:
 * @self: a #StapleSession
 *
 * Gets where the session came from, such as “example:1”, or an empty string for
 * sessions made by hand.
 *
 * Returns: (not nullable): the source, never %NULL
 */
const char *
staple_session_get_source (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->source;
}

/**
 * staple_session_set_source:
 * @self: a #StapleSession
 * @source: (nullable): the source, or %NULL for ""
 *
 * Sets where the session came from, such as “example:1”, or an empty string for
 * sessions made by hand.
 */
void
staple_session_set_source (StapleSession *self,
                           const char    *source)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION (self));

  if (source == NULL)
    source = "";

  if (g_strcmp0 (self->source, source) == 0)
    return;

  copy = g_strdup (source);
  g_free (self->source);
  self->source = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

/**
 * staple_session_get_phase:
 * @self: a #StapleSession
 *
 * Gets the phase of the guided exercise the session is in.
 *
 * Returns: the phase
 */
StaplePhase
staple_session_get_phase (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), STAPLE_PHASE_FRAME);

  return self->phase;
}

/**
 * staple_session_set_phase:
 * @self: a #StapleSession
 * @phase: a #StaplePhase
 *
 * Sets the phase of the guided exercise the session is in.
 */
void
staple_session_set_phase (StapleSession *self,
                          StaplePhase    phase)
{
  g_return_if_fail (STAPLE_IS_SESSION (self));
  g_return_if_fail ((guint) phase < STAPLE_N_PHASES);

  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

/**
 * staple_session_get_dots_per_participant:
 * @self: a #StapleSession
 *
 * Gets how many dots each participant may place when voting.
 *
 * Returns: the number of dots, from %STAPLE_DOTS_MIN to %STAPLE_DOTS_MAX
 */
int
staple_session_get_dots_per_participant (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), STAPLE_DOTS_DEFAULT);

  return self->dots_per_participant;
}

/**
 * staple_session_set_dots_per_participant:
 * @self: a #StapleSession
 * @dots: the number of dots; clamped to %STAPLE_DOTS_MIN…%STAPLE_DOTS_MAX
 *
 * Sets how many dots each participant may place when voting. Dots already
 * placed stay, even past a lower number.
 */
void
staple_session_set_dots_per_participant (StapleSession *self,
                                         int            dots)
{
  g_return_if_fail (STAPLE_IS_SESSION (self));

  dots = CLAMP (dots, STAPLE_DOTS_MIN, STAPLE_DOTS_MAX);

  if (self->dots_per_participant == dots)
    return;

  self->dots_per_participant = dots;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOTS_PER_PARTICIPANT]);
}

/**
 * staple_session_get_current_stage_id:
 * @self: a #StapleSession
 *
 * Gets the id of the stage the walk-through is at.
 *
 * Returns: the stage id, 0 for none
 */
gint64
staple_session_get_current_stage_id (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), 0);

  return self->current_stage_id;
}

/**
 * staple_session_set_current_stage_id:
 * @self: a #StapleSession
 * @stage_id: the stage id, 0 for none; negative values become 0
 *
 * Sets the id of the stage the walk-through is at. It is not checked that
 * the stage is in the session.
 */
void
staple_session_set_current_stage_id (StapleSession *self,
                                     gint64         stage_id)
{
  g_return_if_fail (STAPLE_IS_SESSION (self));

  stage_id = MAX (stage_id, 0);

  if (self->current_stage_id == stage_id)
    return;

  self->current_stage_id = stage_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STAGE_ID]);
}

/**
 * staple_session_get_phase_seconds:
 * @self: a #StapleSession
 * @phase: a #StaplePhase
 *
 * Gets the time actually spent in @phase, as measured by the timer.
 *
 * Returns: the time in seconds
 */
guint
staple_session_get_phase_seconds (StapleSession *self,
                                  StaplePhase    phase)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), 0);
  g_return_val_if_fail ((guint) phase < STAPLE_N_PHASES, 0);

  return self->phase_seconds[phase];
}

/**
 * staple_session_set_phase_seconds:
 * @self: a #StapleSession
 * @phase: a #StaplePhase
 * @seconds: the time spent in @phase, in seconds
 *
 * Sets the time actually spent in @phase. Emits
 * #StapleSession::phase-seconds-changed if it changed.
 */
void
staple_session_set_phase_seconds (StapleSession *self,
                                  StaplePhase    phase,
                                  guint          seconds)
{
  g_return_if_fail (STAPLE_IS_SESSION (self));
  g_return_if_fail ((guint) phase < STAPLE_N_PHASES);

  if (self->phase_seconds[phase] == seconds)
    return;

  self->phase_seconds[phase] = seconds;
  g_signal_emit (self, signals[PHASE_SECONDS_CHANGED], 0, (int) phase);
}

/**
 * staple_session_get_participants:
 * @self: a #StapleSession
 *
 * Gets the people who took part in the session.
 *
 * Returns: (transfer none): a #GListStore of #StapleParticipant
 */
GListStore *
staple_session_get_participants (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->participants;
}

/**
 * staple_session_get_stages:
 * @self: a #StapleSession
 *
 * Gets the stages of the session, ordered by their #StapleStage:position.
 *
 * Returns: (transfer none): a #GListStore of #StapleStage
 */
GListStore *
staple_session_get_stages (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->stages;
}

/**
 * staple_session_get_votes:
 * @self: a #StapleSession
 *
 * Gets the dots voted on friction points.
 *
 * Returns: (transfer none): a #GListStore of #StapleVote
 */
GListStore *
staple_session_get_votes (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->votes;
}

/**
 * staple_session_get_actions:
 * @self: a #StapleSession
 *
 * Gets the actions agreed in the session.
 *
 * Returns: (transfer none): a #GListStore of #StapleAction
 */
GListStore *
staple_session_get_actions (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->actions;
}

/**
 * staple_session_get_empowerments:
 * @self: a #StapleSession
 *
 * Gets the things front-line staff may now decide for themselves.
 *
 * Returns: (transfer none): a #GListStore of #StapleEmpowerment
 */
GListStore *
staple_session_get_empowerments (StapleSession *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  return self->empowerments;
}

/**
 * staple_session_find_stage:
 * @self: a #StapleSession
 * @id: the id of the stage
 * @out_index: (out) (optional): return location for the position of the
 *   stage in staple_session_get_stages()
 *
 * Looks for the stage with the id @id. Stages that are not stored yet have
 * the id 0 and are never found.
 *
 * Returns: (transfer none) (nullable): the stage, or %NULL if there is none
 */
StapleStage *
staple_session_find_stage (StapleSession *self,
                           gint64         id,
                           guint         *out_index)
{
  GListModel *stages;
  guint n;

  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  if (id <= 0)
    return NULL;

  stages = G_LIST_MODEL (self->stages);
  n = g_list_model_get_n_items (stages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      if (staple_stage_get_id (stage) == id)
        {
          if (out_index != NULL)
            *out_index = i;
          /* The store keeps its own reference. */
          return stage;
        }
    }

  return NULL;
}

/**
 * staple_session_find_friction:
 * @self: a #StapleSession
 * @id: the id of the friction point
 * @out_stage: (out) (optional) (transfer none): return location for the
 *   stage the friction point is in
 * @out_index: (out) (optional): return location for the position of the
 *   friction point in staple_stage_get_frictions()
 *
 * Looks for the friction point with the id @id in all the stages. Friction
 * points that are not stored yet have the id 0 and are never found.
 *
 * Returns: (transfer none) (nullable): the friction point, or %NULL if there
 *   is none
 */
StapleFriction *
staple_session_find_friction (StapleSession  *self,
                              gint64          id,
                              StapleStage   **out_stage,
                              guint          *out_index)
{
  GListModel *stages;
  guint n_stages;

  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  if (id <= 0)
    return NULL;

  stages = G_LIST_MODEL (self->stages);
  n_stages = g_list_model_get_n_items (stages);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      guint n = g_list_model_get_n_items (frictions);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);

          if (staple_friction_get_id (friction) == id)
            {
              if (out_stage != NULL)
                *out_stage = stage;
              if (out_index != NULL)
                *out_index = j;
              /* The stores keep their own references. */
              return friction;
            }
        }
    }

  return NULL;
}

/**
 * staple_session_find_participant:
 * @self: a #StapleSession
 * @id: the id of the participant
 * @out_index: (out) (optional): return location for the position of the
 *   participant in staple_session_get_participants()
 *
 * Looks for the participant with the id @id. Participants that are not
 * stored yet have the id 0 and are never found.
 *
 * Returns: (transfer none) (nullable): the participant, or %NULL if there is
 *   none
 */
StapleParticipant *
staple_session_find_participant (StapleSession *self,
                                 gint64         id,
                                 guint         *out_index)
{
  GListModel *participants;
  guint n;

  g_return_val_if_fail (STAPLE_IS_SESSION (self), NULL);

  if (id <= 0)
    return NULL;

  participants = G_LIST_MODEL (self->participants);
  n = g_list_model_get_n_items (participants);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      if (staple_participant_get_id (participant) == id)
        {
          if (out_index != NULL)
            *out_index = i;
          /* The store keeps its own reference. */
          return participant;
        }
    }

  return NULL;
}

/**
 * staple_session_count_frictions:
 * @self: a #StapleSession
 *
 * Counts the friction points in all the stages.
 *
 * Returns: the number of friction points
 */
guint
staple_session_count_frictions (StapleSession *self)
{
  GListModel *stages;
  guint n_stages;
  guint count = 0;

  g_return_val_if_fail (STAPLE_IS_SESSION (self), 0);

  stages = G_LIST_MODEL (self->stages);
  n_stages = g_list_model_get_n_items (stages);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      count += g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage)));
    }

  return count;
}

/**
 * staple_session_count_votes_for:
 * @self: a #StapleSession
 * @friction_id: the id of a friction point
 *
 * Counts the dots on the friction point with the id @friction_id.
 *
 * Returns: the number of votes
 */
guint
staple_session_count_votes_for (StapleSession *self,
                                gint64         friction_id)
{
  GListModel *votes;
  guint n;
  guint count = 0;

  g_return_val_if_fail (STAPLE_IS_SESSION (self), 0);

  votes = G_LIST_MODEL (self->votes);
  n = g_list_model_get_n_items (votes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_friction_id (vote) == friction_id)
        count++;
    }

  return count;
}

/**
 * staple_session_count_people:
 * @self: a #StapleSession
 *
 * Counts the participants who are people, not the room's anonymous
 * voters (#StapleParticipant:anonymous). The people come first in
 * #StapleSession:participants: they are its first this many items.
 *
 * Returns: the number of people taking part
 */
guint
staple_session_count_people (StapleSession *self)
{
  GListModel *participants;
  guint n, count = 0;

  g_return_val_if_fail (STAPLE_IS_SESSION (self), 0);

  participants = G_LIST_MODEL (self->participants);
  n = g_list_model_get_n_items (participants);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      if (!staple_participant_get_anonymous (participant))
        count++;
    }

  return count;
}

/**
 * staple_session_count_dots_of:
 * @self: a #StapleSession
 * @participant_id: the id of a participant
 *
 * Counts the dots the participant with the id @participant_id has placed.
 *
 * Returns: the number of votes
 */
guint
staple_session_count_dots_of (StapleSession *self,
                              gint64         participant_id)
{
  GListModel *votes;
  guint n;
  guint count = 0;

  g_return_val_if_fail (STAPLE_IS_SESSION (self), 0);

  votes = G_LIST_MODEL (self->votes);
  n = g_list_model_get_n_items (votes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_participant_id (vote) == participant_id)
        count++;
    }

  return count;
}
