/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-session-summary.h"

/**
 * StapleSessionSummary:
 *
 * A few facts about a stored session, enough to show it in the library without loading the
 * whole session.
 */
struct _StapleSessionSummary
{
  GObject parent_instance;

  gint64  id;
  char   *title;
  char   *organisation;
  char   *date;
  guint   n_stages;
  guint   n_frictions;
  guint   n_open_actions;
  gint64  updated;
  char   *snippet;

  /* Makes the snippet when it is first read: a search finds thousands of
   * sessions, and only those shown need one. */
  StapleSessionSummarySnippetFunc snippet_func;
  gpointer                        snippet_data;
  GDestroyNotify                  snippet_destroy;
};

G_DEFINE_FINAL_TYPE (StapleSessionSummary, staple_session_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_DATE,
  PROP_N_STAGES,
  PROP_N_FRICTIONS,
  PROP_N_OPEN_ACTIONS,
  PROP_UPDATED,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_session_summary_finalize (GObject *object)
{
  StapleSessionSummary *self = (StapleSessionSummary *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->snippet, g_free);
  if (self->snippet_destroy != NULL)
    self->snippet_destroy (self->snippet_data);

  G_OBJECT_CLASS (staple_session_summary_parent_class)->finalize (object);
}

static void
staple_session_summary_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StapleSessionSummary *self = STAPLE_SESSION_SUMMARY (object);

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
    case PROP_N_STAGES:
      g_value_set_uint (value, self->n_stages);
      break;
    case PROP_N_FRICTIONS:
      g_value_set_uint (value, self->n_frictions);
      break;
    case PROP_N_OPEN_ACTIONS:
      g_value_set_uint (value, self->n_open_actions);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, staple_session_summary_get_snippet (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_session_summary_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StapleSessionSummary *self = STAPLE_SESSION_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_session_summary_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TITLE:
      staple_session_summary_set_title (self, g_value_get_string (value));
      break;
    case PROP_ORGANISATION:
      staple_session_summary_set_organisation (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      staple_session_summary_set_date (self, g_value_get_string (value));
      break;
    case PROP_N_STAGES:
      staple_session_summary_set_n_stages (self, g_value_get_uint (value));
      break;
    case PROP_N_FRICTIONS:
      staple_session_summary_set_n_frictions (self, g_value_get_uint (value));
      break;
    case PROP_N_OPEN_ACTIONS:
      staple_session_summary_set_n_open_actions (self, g_value_get_uint (value));
      break;
    case PROP_UPDATED:
      staple_session_summary_set_updated (self, g_value_get_int64 (value));
      break;
    case PROP_SNIPPET:
      staple_session_summary_set_snippet (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_session_summary_class_init (StapleSessionSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_session_summary_finalize;
  object_class->get_property = staple_session_summary_get_property;
  object_class->set_property = staple_session_summary_set_property;

  /**
   * StapleSessionSummary:id:
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
   * StapleSessionSummary:title:
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
   * StapleSessionSummary:organisation:
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
   * StapleSessionSummary:date:
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
   * StapleSessionSummary:n-stages:
   *
   * The number of stages in the session.
   */
  properties[PROP_N_STAGES] =
    g_param_spec_uint ("n-stages", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleSessionSummary:n-frictions:
   *
   * The number of friction points in the session.
   */
  properties[PROP_N_FRICTIONS] =
    g_param_spec_uint ("n-frictions", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleSessionSummary:n-open-actions:
   *
   * The number of actions in the session that are not done.
   */
  properties[PROP_N_OPEN_ACTIONS] =
    g_param_spec_uint ("n-open-actions", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleSessionSummary:updated:
   *
   * When the session was last changed, in seconds since the Unix epoch.
   */
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleSessionSummary:snippet:
   *
   * Where a search found the session: a few words around the best match,
   * each word found between U+E000 and U+E001; empty when not searched.
   */
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_session_summary_init (StapleSessionSummary *self)
{
  self->title = g_strdup ("");
  self->organisation = g_strdup ("");
  self->date = g_strdup ("");
  self->snippet = g_strdup ("");
}

/**
 * staple_session_summary_new:
 *
 * Creates a new session summary with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleSessionSummary
 */
StapleSessionSummary *
staple_session_summary_new (void)
{
  return g_object_new (STAPLE_TYPE_SESSION_SUMMARY, NULL);
}

/**
 * staple_session_summary_get_id:
 * @self: a #StapleSessionSummary
 *
 * Gets the database id of the session, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_session_summary_get_id (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), 0);

  return self->id;
}

/**
 * staple_session_summary_set_id:
 * @self: a #StapleSessionSummary
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the session, or 0 if it is not stored yet.
 */
void
staple_session_summary_set_id (StapleSessionSummary *self,
                               gint64                id)
{
  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_session_summary_get_title:
 * @self: a #StapleSessionSummary
 *
 * Gets the title of the session.
 *
 * Returns: (not nullable): the title, never %NULL
 */
const char *
staple_session_summary_get_title (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), NULL);

  return self->title;
}

/**
 * staple_session_summary_set_title:
 * @self: a #StapleSessionSummary
 * @title: (nullable): the title, or %NULL for ""
 *
 * Sets the title of the session.
 */
void
staple_session_summary_set_title (StapleSessionSummary *self,
                                  const char           *title)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

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
 * staple_session_summary_get_organisation:
 * @self: a #StapleSessionSummary
 *
 * Gets the organisation whose work is mapped.
 *
 * Returns: (not nullable): the organisation, never %NULL
 */
const char *
staple_session_summary_get_organisation (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), NULL);

  return self->organisation;
}

/**
 * staple_session_summary_set_organisation:
 * @self: a #StapleSessionSummary
 * @organisation: (nullable): the organisation, or %NULL for ""
 *
 * Sets the organisation whose work is mapped.
 */
void
staple_session_summary_set_organisation (StapleSessionSummary *self,
                                         const char           *organisation)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

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
 * staple_session_summary_get_date:
 * @self: a #StapleSessionSummary
 *
 * Gets the date of the session as “YYYY-MM-DD”, or an empty string.
 *
 * Returns: (not nullable): the date, never %NULL
 */
const char *
staple_session_summary_get_date (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), NULL);

  return self->date;
}

/**
 * staple_session_summary_set_date:
 * @self: a #StapleSessionSummary
 * @date: (nullable): the date, or %NULL for ""
 *
 * Sets the date of the session as “YYYY-MM-DD”, or an empty string.
 */
void
staple_session_summary_set_date (StapleSessionSummary *self,
                                 const char           *date)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

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
 * staple_session_summary_get_n_stages:
 * @self: a #StapleSessionSummary
 *
 * Gets the number of stages in the session.
 *
 * Returns: the number of stages
 */
guint
staple_session_summary_get_n_stages (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), 0);

  return self->n_stages;
}

/**
 * staple_session_summary_set_n_stages:
 * @self: a #StapleSessionSummary
 * @n_stages: the number of stages
 *
 * Sets the number of stages in the session.
 */
void
staple_session_summary_set_n_stages (StapleSessionSummary *self,
                                     guint                 n_stages)
{
  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

  if (self->n_stages == n_stages)
    return;

  self->n_stages = n_stages;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STAGES]);
}

/**
 * staple_session_summary_get_n_frictions:
 * @self: a #StapleSessionSummary
 *
 * Gets the number of friction points in the session.
 *
 * Returns: the number of friction points
 */
guint
staple_session_summary_get_n_frictions (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), 0);

  return self->n_frictions;
}

/**
 * staple_session_summary_set_n_frictions:
 * @self: a #StapleSessionSummary
 * @n_frictions: the number of friction points
 *
 * Sets the number of friction points in the session.
 */
void
staple_session_summary_set_n_frictions (StapleSessionSummary *self,
                                        guint                 n_frictions)
{
  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

  if (self->n_frictions == n_frictions)
    return;

  self->n_frictions = n_frictions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRICTIONS]);
}

/**
 * staple_session_summary_get_n_open_actions:
 * @self: a #StapleSessionSummary
 *
 * Gets the number of actions in the session that are not done.
 *
 * Returns: the number of actions that are not done
 */
guint
staple_session_summary_get_n_open_actions (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), 0);

  return self->n_open_actions;
}

/**
 * staple_session_summary_set_n_open_actions:
 * @self: a #StapleSessionSummary
 * @n_open_actions: the number of actions that are not done
 *
 * Sets the number of actions in the session that are not done.
 */
void
staple_session_summary_set_n_open_actions (StapleSessionSummary *self,
                                           guint                 n_open_actions)
{
  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

  if (self->n_open_actions == n_open_actions)
    return;

  self->n_open_actions = n_open_actions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN_ACTIONS]);
}

/**
 * staple_session_summary_get_updated:
 * @self: a #StapleSessionSummary
 *
 * Gets when the session was last changed, in seconds since the Unix epoch.
 *
 * Returns: the time in seconds since the Unix epoch
 */
gint64
staple_session_summary_get_updated (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), 0);

  return self->updated;
}

/**
 * staple_session_summary_set_updated:
 * @self: a #StapleSessionSummary
 * @updated: the time in seconds since the Unix epoch
 *
 * Sets when the session was last changed, in seconds since the Unix epoch.
 */
void
staple_session_summary_set_updated (StapleSessionSummary *self,
                                    gint64                updated)
{
  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

  if (self->updated == updated)
    return;

  self->updated = updated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

/**
 * staple_session_summary_get_snippet:
 * @self: a #StapleSessionSummary
 *
 * Gets where a search found the session, the words found between U+E000 and
 * U+E001.
 *
 * Returns: (not nullable): the snippet, empty when not searched
 */
const char *
staple_session_summary_get_snippet (StapleSessionSummary *self)
{
  g_return_val_if_fail (STAPLE_IS_SESSION_SUMMARY (self), NULL);

  if (self->snippet_func != NULL)
    {
      StapleSessionSummarySnippetFunc func = self->snippet_func;
      gpointer data = self->snippet_data;
      GDestroyNotify destroy = self->snippet_destroy;
      char *snippet;

      self->snippet_func = NULL;
      self->snippet_data = NULL;
      self->snippet_destroy = NULL;

      snippet = func (self, data);
      g_free (self->snippet);
      self->snippet = snippet != NULL ? snippet : g_strdup ("");

      if (destroy != NULL)
        destroy (data);
    }

  return self->snippet;
}

/**
 * staple_session_summary_set_snippet:
 * @self: a #StapleSessionSummary
 * @snippet: (nullable): the snippet, or %NULL for ""
 *
 * Sets where a search found the session.
 */
void
staple_session_summary_set_snippet (StapleSessionSummary *self,
                                    const char           *snippet)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));

  if (snippet == NULL)
    snippet = "";

  /* A snippet set by hand replaces one still to be made. */
  if (self->snippet_func != NULL)
    {
      if (self->snippet_destroy != NULL)
        self->snippet_destroy (self->snippet_data);
      self->snippet_func = NULL;
      self->snippet_data = NULL;
      self->snippet_destroy = NULL;
    }

  if (g_strcmp0 (self->snippet, snippet) == 0)
    return;

  copy = g_strdup (snippet);
  g_free (self->snippet);
  self->snippet = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNIPPET]);
}

/**
 * staple_session_summary_set_snippet_func:
 * @self: a #StapleSessionSummary
 * @func: makes the snippet, returning a newly allocated string
 * @data: (closure): passed to @func
 * @destroy: frees @data once @func has run or is no longer needed
 *
 * Has the snippet made when it is first read, for the store's search: of
 * thousands of sessions found, only those shown need one. The snippet reads
 * as an ordinary string property all the same.
 */
void
staple_session_summary_set_snippet_func (StapleSessionSummary            *self,
                                         StapleSessionSummarySnippetFunc  func,
                                         gpointer                         data,
                                         GDestroyNotify                   destroy)
{
  g_return_if_fail (STAPLE_IS_SESSION_SUMMARY (self));
  g_return_if_fail (func != NULL);

  staple_session_summary_set_snippet (self, "");
  self->snippet_func = func;
  self->snippet_data = data;
  self->snippet_destroy = destroy;
}
