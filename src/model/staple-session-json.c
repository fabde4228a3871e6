/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "staple-catalogue.h"
#include "staple-enum-types.h"
#include "staple-session-json.h"

/* The loader is strict on purpose: the files it reads are the bundled
 * example and test fixtures, where a typing mistake should fail loudly
 * instead of quietly giving a different session. */

G_DEFINE_QUARK (staple-json-error-quark, staple_json_error)

typedef struct
{
  StapleSession *session;
  GHashTable    *participants;  /* key → borrowed StapleParticipant */
  GHashTable    *frictions;     /* key → borrowed StapleFriction */
  gint64         next_friction_id;
} Loader;

static const char * const session_members[] = {
  "title", "organisation", "date", "location", "facilitator", "customer", "work_item",
  "question", "phase", "dots_per_participant", "participants", "stages", "votes", "actions",
  "empowerment", NULL
};
static const char * const participant_members[] = { "key", "name", "role", "abstains", NULL };
static const char * const stage_members[] = {
  "name", "team", "channel", "work_minutes", "wait_minutes", "handoff", "dropped",
  "customer_feeling", "staff_feeling", "notes", "frictions", NULL
};
static const char * const friction_members[] = {
  "key", "text", "kind", "severity", "principle", "notes", NULL
};
static const char * const vote_members[] = { "participant", "friction", NULL };
static const char * const action_members[] = {
  "text", "owner", "due", "status", "done_on", "frictions", NULL
};

G_GNUC_PRINTF (3, 4)
static gboolean
fail (GError     **error,
      const char  *place,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s says where in the file (such as “stage 3,
   * friction 2”), the second what is wrong there. */
  g_set_error (error, STAPLE_JSON_ERROR, STAPLE_JSON_ERROR_INVALID, _("%s: %s"), place, message);

  return FALSE;
}

static gboolean
check_members (JsonObject         *object,
               const char * const *allowed,
               const char         *place,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        return fail (error, place, _("unknown field '%s'"), (const char *)l->data);
    }

  return TRUE;
}

/* Leaves *value alone when the member is absent. */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char  *place,
            const char **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, place, _("'%s' must be a string"), member);

  *value = json_node_get_string (node);

  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *member,
         int          min,
         int          max,
         const char  *place,
         int         *value,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 number;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, place, _("'%s' must be a whole number"), member);

  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      return fail (error, place, _("'%s' must be between %d and %d, not %s"),
                   member, min, max, text);
    }

  *value = (int) number;

  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *member,
             const char  *place,
             gboolean    *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (error, place, _("'%s' must be true or false"), member);

  *value = json_node_get_boolean (node);

  return TRUE;
}

static gboolean
get_enum (JsonObject  *object,
          const char  *member,
          GType        enum_type,
          const char  *place,
          int         *value,
          GError     **error)
{
  const char *nick = NULL;

  if (!get_string (object, member, place, &nick, error))
    return FALSE;

  if (nick != NULL && !staple_enum_from_nick (enum_type, nick, value))
    return fail (error, place, _("unknown %s '%s'"), member, nick);

  return TRUE;
}

/* Absent and empty both mean “no date”. */
static gboolean
get_date (JsonObject  *object,
          const char  *member,
          const char  *place,
          const char **value,
          GError     **error)
{
  const char *text = NULL;

  if (!get_string (object, member, place, &text, error))
    return FALSE;

  if (text != NULL && *text != '\0' && !staple_date_is_valid (text))
    return fail (error, place, _("'%s' must be a date written YYYY-MM-DD, not '%s'"),
                 member, text);

  if (text != NULL)
    *value = text;

  return TRUE;
}

/* Sets *value to NULL when the member is absent. */
static gboolean
get_array (JsonObject  *object,
           const char  *member,
           const char  *place,
           JsonArray  **value,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, place, _("'%s' must be a list"), member);

  *value = json_node_get_array (node);

  return TRUE;
}

static gboolean
get_element_object (JsonArray   *array,
                    guint        index,
                    const char  *place,
                    JsonObject **value,
                    GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, place, _("must be an object"));

  *value = json_node_get_object (node);

  return TRUE;
}

/* A key is optional, but when given it must be a non-empty string that is
 * not already in @keys. */
static gboolean
get_key (JsonObject  *object,
         GHashTable  *keys,
         const char  *place,
         const char **value,
         GError     **error)
{
  const char *key = NULL;

  if (!get_string (object, "key", place, &key, error))
    return FALSE;

  if (key != NULL && *key == '\0')
    return fail (error, place, _("'key' must not be empty"));

  if (key != NULL && g_hash_table_contains (keys, key))
    return fail (error, place, _("the key '%s' is used twice"), key);

  *value = key;

  return TRUE;
}

static gboolean
load_session_fields (Loader      *loader,
                     JsonObject  *root,
                     GError     **error)
{
  const char *place = _("session");
  const char *title = "";
  const char *organisation = "";
  const char *date = "";
  const char *location = "";
  const char *facilitator = "";
  const char *customer = "";
  const char *work_item = "";
  const char *question = "";
  int phase = STAPLE_PHASE_FRAME;
  int dots = STAPLE_DOTS_DEFAULT;

  if (!check_members (root, session_members, place, error) ||
      !get_string (root, "title", place, &title, error) ||
      !get_string (root, "organisation", place, &organisation, error) ||
      !get_date (root, "date", place, &date, error) ||
      !get_string (root, "location", place, &location, error) ||
      !get_string (root, "facilitator", place, &facilitator, error) ||
      !get_string (root, "customer", place, &customer, error) ||
      !get_string (root, "work_item", place, &work_item, error) ||
      !get_string (root, "question", place, &question, error) ||
      !get_enum (root, "phase", STAPLE_TYPE_PHASE, place, &phase, error) ||
      !get_int (root, "dots_per_participant", STAPLE_DOTS_MIN, STAPLE_DOTS_MAX,
                place, &dots, error))
    return FALSE;

  if (*title == '\0')
    return fail (error, place, _("'title' is required and must not be empty"));

  g_object_set (loader->session,
                "title", title,
                "organisation", organisation,
                "date", date,
                "location", location,
                "facilitator", facilitator,
                "customer", customer,
                "work-item", work_item,
                "question", question,
                "phase", phase,
                "dots-per-participant", dots,
                NULL);

  return TRUE;
}

static gboolean
load_participants (Loader      *loader,
                   JsonObject  *root,
                   GError     **error)
{
  GListStore *store = staple_session_get_participants (loader->session);
  JsonArray *array;

  if (!get_array (root, "participants", _("session"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(StapleParticipant) participant = staple_participant_new ();
      g_autofree char *place = g_strdup_printf (_("participant %u"), i + 1);
      JsonObject *object;
      const char *key = NULL;
      const char *name = "";
      const char *role = "";
      gboolean abstains = FALSE;

      if (!get_element_object (array, i, place, &object, error) ||
          !check_members (object, participant_members, place, error) ||
          !get_key (object, loader->participants, place, &key, error) ||
          !get_string (object, "name", place, &name, error) ||
          !get_string (object, "role", place, &role, error) ||
          !get_boolean (object, "abstains", place, &abstains, error))
        return FALSE;

      staple_participant_set_id (participant, i + 1);
      staple_participant_set_name (participant, name);
      staple_participant_set_role (participant, role);
      staple_participant_set_abstains (participant, abstains);

      if (key != NULL)
        g_hash_table_insert (loader->participants, (char *)key, participant);
      g_list_store_append (store, participant);
    }

  return TRUE;
}

static gboolean
load_friction (Loader       *loader,
               StapleStage  *stage,
               JsonObject   *object,
               guint         index,
               const char   *place,
               GError      **error)
{
  g_autoptr(StapleFriction) friction = staple_friction_new ();
  const char *key = NULL;
  const char *text = "";
  const char *notes = "";
  int kind = STAPLE_FRICTION_KIND_PROCESS;
  int severity = STAPLE_SEVERITY_DEFAULT;
  int principle = STAPLE_PRINCIPLE_NONE;

  if (!check_members (object, friction_members, place, error) ||
      !get_key (object, loader->frictions, place, &key, error) ||
      !get_string (object, "text", place, &text, error) ||
      !get_enum (object, "kind", STAPLE_TYPE_FRICTION_KIND, place, &kind, error) ||
      !get_int (object, "severity", STAPLE_SEVERITY_MIN, STAPLE_SEVERITY_MAX,
                place, &severity, error) ||
      !get_enum (object, "principle", STAPLE_TYPE_PRINCIPLE, place, &principle, error) ||
      !get_string (object, "notes", place, &notes, error))
    return FALSE;

  staple_friction_set_id (friction, ++loader->next_friction_id);
  staple_friction_set_stage_id (friction, staple_stage_get_id (stage));
  staple_friction_set_position (friction, index);
  staple_friction_set_text (friction, text);
  staple_friction_set_kind (friction, kind);
  staple_friction_set_severity (friction, severity);
  staple_friction_set_principle (friction, principle);
  staple_friction_set_notes (friction, notes);

  if (key != NULL)
    g_hash_table_insert (loader->frictions, (char *)key, friction);
  g_list_store_append (staple_stage_get_frictions (stage), friction);

  return TRUE;
}

static gboolean
load_stage (Loader       *loader,
            StapleStage  *stage,
            JsonObject   *object,
            guint         index,
            const char   *place,
            GError      **error)
{
  const char *name = "";
  const char *team = "";
  const char *notes = "";
  int channel = STAPLE_CHANNEL_INTERNAL;
  int work_minutes = 0;
  int wait_minutes = 0;
  int customer_feeling = 0;
  int staff_feeling = 0;
  gboolean handoff = FALSE;
  gboolean dropped = FALSE;
  JsonArray *frictions;

  if (!check_members (object, stage_members, place, error) ||
      !get_string (object, "name", place, &name, error) ||
      !get_string (object, "team", place, &team, error) ||
      !get_enum (object, "channel", STAPLE_TYPE_CHANNEL, place, &channel, error) ||
      !get_int (object, "work_minutes", 0, STAPLE_STAGE_MINUTES_MAX, place, &work_minutes, error) ||
      !get_int (object, "wait_minutes", 0, STAPLE_STAGE_MINUTES_MAX, place, &wait_minutes, error) ||
      !get_boolean (object, "handoff", place, &handoff, error) ||
      !get_boolean (object, "dropped", place, &dropped, error) ||
      !get_int (object, "customer_feeling", STAPLE_FEELING_MIN, STAPLE_FEELING_MAX,
                place, &customer_feeling, error) ||
      !get_int (object, "staff_feeling", STAPLE_FEELING_MIN, STAPLE_FEELING_MAX,
                place, &staff_feeling, error) ||
      !get_string (object, "notes", place, &notes, error) ||
      !get_array (object, "frictions", place, &frictions, error))
    return FALSE;

  staple_stage_set_id (stage, index + 1);
  staple_stage_set_position (stage, index);
  staple_stage_set_name (stage, name);
  staple_stage_set_team (stage, team);
  staple_stage_set_channel (stage, channel);
  staple_stage_set_work_minutes (stage, work_minutes);
  staple_stage_set_wait_minutes (stage, wait_minutes);
  staple_stage_set_handoff (stage, handoff);
  staple_stage_set_dropped (stage, dropped);
  staple_stage_set_customer_feeling (stage, customer_feeling);
  staple_stage_set_staff_feeling (stage, staff_feeling);
  staple_stage_set_notes (stage, notes);

  for (guint i = 0; frictions != NULL && i < json_array_get_length (frictions); i++)
    {
      g_autofree char *friction_place = g_strdup_printf (_("stage %u, friction %u"),
                                                         index + 1, i + 1);
      JsonObject *friction;

      if (!get_element_object (frictions, i, friction_place, &friction, error) ||
          !load_friction (loader, stage, friction, i, friction_place, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_stages (Loader      *loader,
             JsonObject  *root,
             GError     **error)
{
  GListStore *store = staple_session_get_stages (loader->session);
  JsonArray *array;

  if (!get_array (root, "stages", _("session"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();
      g_autofree char *place = g_strdup_printf (_("stage %u"), i + 1);
      JsonObject *object;

      if (!get_element_object (array, i, place, &object, error) ||
          !load_stage (loader, stage, object, i, place, error))
        return FALSE;

      g_list_store_append (store, stage);
    }

  return TRUE;
}

/* Looks up an optional reference to a participant; *id stays 0 if absent. */
static gboolean
get_participant_ref (Loader      *loader,
                     JsonObject  *object,
                     const char  *member,
                     const char  *place,
                     gint64      *id,
                     GError     **error)
{
  const char *key = NULL;
  StapleParticipant *participant;

  if (!get_string (object, member, place, &key, error))
    return FALSE;

  if (key == NULL)
    return TRUE;

  participant = g_hash_table_lookup (loader->participants, key);
  if (participant == NULL)
    return fail (error, place, _("no participant has the key '%s'"), key);

  *id = staple_participant_get_id (participant);

  return TRUE;
}

static gboolean
get_friction_ref (Loader      *loader,
                  const char  *key,
                  const char  *place,
                  gint64      *id,
                  GError     **error)
{
  StapleFriction *friction = g_hash_table_lookup (loader->frictions, key);

  if (friction == NULL)
    return fail (error, place, _("no friction point has the key '%s'"), key);

  *id = staple_friction_get_id (friction);

  return TRUE;
}

static gboolean
load_votes (Loader      *loader,
            JsonObject  *root,
            GError     **error)
{
  GListStore *store = staple_session_get_votes (loader->session);
  JsonArray *array;

  if (!get_array (root, "votes", _("session"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(StapleVote) vote = staple_vote_new ();
      g_autofree char *place = g_strdup_printf (_("vote %u"), i + 1);
      JsonObject *object;
      const char *friction_key = NULL;
      gint64 participant_id = 0;
      gint64 friction_id = 0;

      if (!get_element_object (array, i, place, &object, error) ||
          !check_members (object, vote_members, place, error) ||
          !get_participant_ref (loader, object, "participant", place, &participant_id, error) ||
          !get_string (object, "friction", place, &friction_key, error))
        return FALSE;

      /* A dot that is on no friction point means nothing. */
      if (friction_key == NULL)
        return fail (error, place, _("'friction' is required"));

      if (!get_friction_ref (loader, friction_key, place, &friction_id, error))
        return FALSE;

      staple_vote_set_id (vote, i + 1);
      staple_vote_set_participant_id (vote, participant_id);
      staple_vote_set_friction_id (vote, friction_id);
      g_list_store_append (store, vote);
    }

  return TRUE;
}

static gboolean
load_action_frictions (Loader        *loader,
                       StapleAction  *action,
                       JsonObject    *object,
                       const char    *place,
                       GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *array;

  if (!get_array (object, "frictions", place, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 id = 0;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, place, _("'frictions' must be a list of friction point keys"));

      if (!get_friction_ref (loader, json_node_get_string (node), place, &id, error))
        return FALSE;

      for (guint j = 0; j < ids->len; j++)
        {
          if (g_array_index (ids, gint64, j) == id)
            return fail (error, place, _("the friction point '%s' is listed twice"),
                         json_node_get_string (node));
        }

      g_array_append_val (ids, id);
    }

  staple_action_set_friction_ids (action, (const gint64 *)(gpointer)ids->data, ids->len);

  return TRUE;
}

static gboolean
load_actions (Loader      *loader,
              JsonObject  *root,
              GError     **error)
{
  GListStore *store = staple_session_get_actions (loader->session);
  JsonArray *array;

  if (!get_array (root, "actions", _("session"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(StapleAction) action = staple_action_new ();
      g_autofree char *place = g_strdup_printf (_("action %u"), i + 1);
      JsonObject *object;
      const char *text = "";
      const char *due = "";
      const char *done_on = "";
      gint64 owner_id = 0;
      int status = STAPLE_ACTION_STATUS_OPEN;

      if (!get_element_object (array, i, place, &object, error) ||
          !check_members (object, action_members, place, error) ||
          !get_string (object, "text", place, &text, error) ||
          !get_participant_ref (loader, object, "owner", place, &owner_id, error) ||
          !get_date (object, "due", place, &due, error) ||
          !get_date (object, "done_on", place, &done_on, error) ||
          !get_enum (object, "status", STAPLE_TYPE_ACTION_STATUS, place, &status, error) ||
          !load_action_frictions (loader, action, object, place, error))
        return FALSE;

      staple_action_set_id (action, i + 1);
      staple_action_set_text (action, text);
      staple_action_set_owner_id (action, owner_id);
      staple_action_set_due (action, due);
      staple_action_set_status (action, status);
      staple_action_set_done_on (action, done_on);
      g_list_store_append (store, action);
    }

  return TRUE;
}

static gboolean
load_empowerments (Loader      *loader,
                   JsonObject  *root,
                   GError     **error)
{
  GListStore *store = staple_session_get_empowerments (loader->session);
  JsonArray *array;

  if (!get_array (root, "empowerment", _("session"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = staple_empowerment_new ();
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *place = g_strdup_printf (_("empowerment %u"), i + 1);

          return fail (error, place, _("must be a string"));
        }

      staple_empowerment_set_id (empowerment, i + 1);
      staple_empowerment_set_text (empowerment, json_node_get_string (node));
      g_list_store_append (store, empowerment);
    }

  return TRUE;
}

/**
 * staple_session_new_from_json:
 * @data: the JSON text
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Reads a session from JSON, in the format of the bundled example (see
 * docs/model-spec.md). Everything is checked; the first problem found is
 * reported as %STAPLE_JSON_ERROR_INVALID with a message saying where it is.
 *
 * The objects get local ids 1, 2, 3… per class, so that votes and actions
 * can refer to them; the session itself keeps the id 0.
 *
 * Returns: (transfer full) (nullable): a new #StapleSession, or %NULL on error
 */
StapleSession *
staple_session_new_from_json (const char  *data,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(GHashTable) participants = NULL;
  g_autoptr(GHashTable) frictions = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  Loader loader;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, STAPLE_JSON_ERROR, STAPLE_JSON_ERROR_INVALID,
                   _("Not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, STAPLE_JSON_ERROR, STAPLE_JSON_ERROR_INVALID,
                           _("The session must be a JSON object"));
      return NULL;
    }

  session = staple_session_new ();
  participants = g_hash_table_new (g_str_hash, g_str_equal);
  frictions = g_hash_table_new (g_str_hash, g_str_equal);
  loader = (Loader) { session, participants, frictions, 0 };

  /* Participants and stages first: votes and actions refer to them. */
  if (!load_session_fields (&loader, json_node_get_object (root), error) ||
      !load_participants (&loader, json_node_get_object (root), error) ||
      !load_stages (&loader, json_node_get_object (root), error) ||
      !load_votes (&loader, json_node_get_object (root), error) ||
      !load_actions (&loader, json_node_get_object (root), error) ||
      !load_empowerments (&loader, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&session);
}
