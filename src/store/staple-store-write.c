/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-store-write.c: writing rows and whole sessions. */
#define G_LOG_DOMAIN "staple-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "staple-schema.h"
#include "staple-store-private.h"

/* Writing rows */

/* A new row's id, in an INSERT whose ?1 is the row's id if it has one and
 * whose ?N is the table's high-water id: above every id the table has had
 * since the store opened. SQLite alone would give a deleted last row's id
 * again, and an undo may still bring that row back under it (a phone's
 * dot, placed while the user's removed one waits on the undo stack). */
#define NEW_ID(table, n) "ifnull(?1, max(?" n ", (SELECT ifnull(max(id), 0) FROM " table ")) + 1)"

static void
bind_new_id (StapleStore  *self,
             sqlite3_stmt *stmt,
             int           index,
             StapleIdTable table,
             gint64        id)
{
  bind_id (stmt, 1, id);
  sqlite3_bind_int64 (stmt, index, self->high_ids[table]);
}

static gboolean
insert_done (StapleStore  *self,
             sqlite3_stmt *stmt,
             StapleIdTable table,
             GObject      *object,
             GError      **error)
{
  gint64 id;

  if (!run (self, stmt, error))
    return FALSE;

  g_object_get (object, "id", &id, NULL);
  if (id <= 0)
    {
      id = sqlite3_last_insert_rowid (self->db);
      g_object_set (object, "id", id, NULL);
    }
  self->high_ids[table] = MAX (self->high_ids[table], id);

  return TRUE;
}

/* A session's counts as the library shows and sorts by them, counted
 * again from its rows (through their session indexes: some 50 µs for a
 * 1,200-card session). Counting again, rather than adding and taking away
 * per write, cannot drift: whatever an edit or its undo did, the counts
 * are what the rows say when its transaction commits. */
#define SET_COUNTS \
  " n_stages = (SELECT count(*) FROM stages WHERE session_id = ?1)," \
  " n_frictions = (SELECT count(*) FROM frictions f JOIN stages st ON f.stage_id = st.id" \
  "   WHERE st.session_id = ?1)," \
  " n_open_actions = (SELECT count(*) FROM actions WHERE session_id = ?1" \
  "   AND status NOT IN ('done', 'dropped'))"

static gboolean
count_session (StapleStore  *self,
               gint64        session_id,
               GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE sessions SET" SET_COUNTS " WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  return run (self, stmt, error);
}

/**
 * staple_store_touch_session:
 *
 * Marks a session as changed now, for the library's ordering and display,
 * counts its stages, friction points and open actions again for the
 * library, and marks its entry in the search index as stale: the entry is
 * gathered again once, before the next search or when the store closes
 * (staple_store_flush_search()), not on every edit. Every edit calls it
 * inside its transaction, after its writes.
 */
gboolean
staple_store_touch_session (StapleStore  *self,
                            gint64        session_id,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self, "UPDATE sessions SET updated = ?2," SET_COUNTS " WHERE id = ?1", NULL);
  /* A database at a version before the counts (the migration tests'). */
  if (stmt == NULL)
    stmt = prepare (self, "UPDATE sessions SET updated = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  return run (self, stmt, error) && staple_store_mark_search_stale (self, session_id, error);
}

/**
 * staple_store_insert_friction:
 *
 * Inserts a friction point into its stage (its stage-id), at its position.
 */
gboolean
staple_store_insert_friction (StapleStore     *self,
                              StapleFriction  *friction,
                              GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self,
                  "INSERT INTO frictions (id, stage_id, position, text, kind, severity,"
                  " principle, notes)"
                  " VALUES (" NEW_ID ("frictions", "9") ", ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_new_id (self, stmt, 9, STAPLE_ID_FRICTIONS, staple_friction_get_id (friction));
  sqlite3_bind_int64 (stmt, 2, staple_friction_get_stage_id (friction));
  sqlite3_bind_int (stmt, 3, staple_friction_get_position (friction));
  bind_text (stmt, 4, staple_friction_get_text (friction));
  bind_enum (stmt, 5, STAPLE_TYPE_FRICTION_KIND, staple_friction_get_kind (friction));
  sqlite3_bind_int (stmt, 6, staple_friction_get_severity (friction));
  bind_enum (stmt, 7, STAPLE_TYPE_PRINCIPLE, staple_friction_get_principle (friction));
  bind_text (stmt, 8, staple_friction_get_notes (friction));

  return insert_done (self, stmt, STAPLE_ID_FRICTIONS, G_OBJECT (friction), error);
}

/**
 * staple_store_insert_stage:
 *
 * Inserts a stage into its session (its session-id), at its position, with
 * the friction points it holds.
 */
gboolean
staple_store_insert_stage (StapleStore  *self,
                           StapleStage  *stage,
                           GError      **error)
{
  GListModel *frictions;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self,
                  "INSERT INTO stages (id, session_id, position, name, team, channel,"
                  " work_minutes, wait_minutes, handoff, dropped, customer_feeling,"
                  " staff_feeling, notes)"
                  " VALUES (" NEW_ID ("stages", "14") ", ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                  " ?11, ?12, ?13)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_new_id (self, stmt, 14, STAPLE_ID_STAGES, staple_stage_get_id (stage));
  sqlite3_bind_int64 (stmt, 2, staple_stage_get_session_id (stage));
  sqlite3_bind_int (stmt, 3, staple_stage_get_position (stage));
  bind_text (stmt, 4, staple_stage_get_name (stage));
  bind_text (stmt, 5, staple_stage_get_team (stage));
  bind_enum (stmt, 6, STAPLE_TYPE_CHANNEL, staple_stage_get_channel (stage));
  sqlite3_bind_int (stmt, 7, staple_stage_get_work_minutes (stage));
  sqlite3_bind_int (stmt, 8, staple_stage_get_wait_minutes (stage));
  sqlite3_bind_int (stmt, 9, staple_stage_get_handoff (stage));
  sqlite3_bind_int (stmt, 10, staple_stage_get_dropped (stage));
  sqlite3_bind_int (stmt, 11, staple_stage_get_customer_feeling (stage));
  sqlite3_bind_int (stmt, 12, staple_stage_get_staff_feeling (stage));
  bind_text (stmt, 13, staple_stage_get_notes (stage));

  if (!insert_done (self, stmt, STAPLE_ID_STAGES, G_OBJECT (stage), error))
    return FALSE;

  frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  for (guint i = 0; i < g_list_model_get_n_items (frictions); i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);

      staple_friction_set_stage_id (friction, staple_stage_get_id (stage));
      if (!staple_store_insert_friction (self, friction, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_insert_participant:
 * @position: the participant's place in the session's list
 */
gboolean
staple_store_insert_participant (StapleStore        *self,
                                 gint64              session_id,
                                 int                 position,
                                 StapleParticipant  *participant,
                                 GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self,
                  "INSERT INTO participants (id, session_id, position, name, role, abstains,"
                  " anonymous) VALUES (" NEW_ID ("participants", "8") ", ?2, ?3, ?4, ?5, ?6, ?7)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_new_id (self, stmt, 8, STAPLE_ID_PARTICIPANTS, staple_participant_get_id (participant));
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, staple_participant_get_name (participant));
  bind_text (stmt, 5, staple_participant_get_role (participant));
  sqlite3_bind_int (stmt, 6, staple_participant_get_abstains (participant));
  sqlite3_bind_int (stmt, 7, staple_participant_get_anonymous (participant));

  return insert_done (self, stmt, STAPLE_ID_PARTICIPANTS, G_OBJECT (participant), error);
}

/**
 * staple_store_insert_vote:
 *
 * Inserts one dot of a participant on a friction point.
 */
gboolean
staple_store_insert_vote (StapleStore  *self,
                          StapleVote   *vote,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_VOTE (vote), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self,
                  "INSERT INTO votes (id, participant_id, friction_id)"
                  " VALUES (" NEW_ID ("votes", "4") ", ?2, ?3)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_new_id (self, stmt, 4, STAPLE_ID_VOTES, staple_vote_get_id (vote));
  sqlite3_bind_int64 (stmt, 2, staple_vote_get_participant_id (vote));
  sqlite3_bind_int64 (stmt, 3, staple_vote_get_friction_id (vote));

  return insert_done (self, stmt, STAPLE_ID_VOTES, G_OBJECT (vote), error);
}

/**
 * staple_store_set_action_frictions:
 *
 * Replaces the links from an action to the friction points it addresses.
 */
gboolean
staple_store_set_action_frictions (StapleStore   *self,
                                   StapleAction  *action,
                                   GError       **error)
{
  const gint64 *ids;
  sqlite3_stmt *stmt;
  guint n_ids = 0;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_ACTION (action), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self, "DELETE FROM action_frictions WHERE action_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_action_get_id (action));
  if (!run (self, stmt, error))
    return FALSE;

  stmt = prepare (self,
                  "INSERT OR IGNORE INTO action_frictions (action_id, friction_id, position)"
                  " VALUES (?1, ?2, ?3)",
                  error);
  if (stmt == NULL)
    return FALSE;

  ids = staple_action_get_friction_ids (action, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, staple_action_get_id (action));
      sqlite3_bind_int64 (stmt, 2, ids[i]);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!run (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_insert_action:
 * @position: the action's place in the session's list
 *
 * Inserts an action with the links to the friction points it addresses.
 */
gboolean
staple_store_insert_action (StapleStore   *self,
                            gint64         session_id,
                            int            position,
                            StapleAction  *action,
                            GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_ACTION (action), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self,
                  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status,"
                  " done_on) VALUES (" NEW_ID ("actions", "9") ", ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_new_id (self, stmt, 9, STAPLE_ID_ACTIONS, staple_action_get_id (action));
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, staple_action_get_text (action));
  bind_id (stmt, 5, staple_action_get_owner_id (action));
  bind_text (stmt, 6, staple_action_get_due (action));
  bind_enum (stmt, 7, STAPLE_TYPE_ACTION_STATUS, staple_action_get_status (action));
  bind_text (stmt, 8, staple_action_get_done_on (action));

  return insert_done (self, stmt, STAPLE_ID_ACTIONS, G_OBJECT (action), error) &&
         staple_store_set_action_frictions (self, action, error);
}

/**
 * staple_store_insert_empowerment:
 * @position: the item's place in the session's list
 */
gboolean
staple_store_insert_empowerment (StapleStore        *self,
                                 gint64              session_id,
                                 int                 position,
                                 StapleEmpowerment  *item,
                                 GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_EMPOWERMENT (item), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self,
                  "INSERT INTO empowerments (id, session_id, position, text)"
                  " VALUES (" NEW_ID ("empowerments", "5") ", ?2, ?3, ?4)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_new_id (self, stmt, 5, STAPLE_ID_EMPOWERMENTS, staple_empowerment_get_id (item));
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, staple_empowerment_get_text (item));

  return insert_done (self, stmt, STAPLE_ID_EMPOWERMENTS, G_OBJECT (item), error);
}

/* Generic row edits. The SQL text is put together only from the constant
 * table and column names below; values are always bound. */

typedef struct
{
  const char *property;
  const char *column;
} Field;

typedef struct
{
  GType      (*get_type) (void);
  const char  *table;
  const Field *fields;
} Table;

static const Field session_fields[] = {
  { "title", "title" }, { "organisation", "organisation" }, { "date", "date" },
  { "location", "location" }, { "facilitator", "facilitator" },
  { "customer", "customer" }, { "work-item", "work_item" }, { "question", "question" },
  { "phase", "phase" }, { "dots-per-participant", "dots_per_participant" },
  { "current-stage-id", "current_stage_id" }, { NULL, NULL }
};

static const Field participant_fields[] = {
  { "name", "name" }, { "role", "role" }, { "abstains", "abstains" }, { NULL, NULL }
};

static const Field stage_fields[] = {
  { "name", "name" }, { "team", "team" }, { "channel", "channel" },
  { "work-minutes", "work_minutes" }, { "wait-minutes", "wait_minutes" },
  { "handoff", "handoff" }, { "dropped", "dropped" },
  { "customer-feeling", "customer_feeling" }, { "staff-feeling", "staff_feeling" },
  { "notes", "notes" }, { "position", "position" }, { NULL, NULL }
};

static const Field friction_fields[] = {
  { "text", "text" }, { "kind", "kind" }, { "severity", "severity" },
  { "principle", "principle" }, { "notes", "notes" }, { "stage-id", "stage_id" },
  { "position", "position" }, { NULL, NULL }
};

static const Field vote_fields[] = {
  { "participant-id", "participant_id" }, { "friction-id", "friction_id" }, { NULL, NULL }
};

static const Field action_fields[] = {
  { "text", "text" }, { "owner-id", "owner_id" }, { "due", "due" },
  { "status", "status" }, { "done-on", "done_on" }, { NULL, NULL }
};

static const Field empowerment_fields[] = {
  { "text", "text" }, { NULL, NULL }
};

static const Table tables[] = {
  { staple_session_get_type, "sessions", session_fields },
  { staple_participant_get_type, "participants", participant_fields },
  { staple_stage_get_type, "stages", stage_fields },
  { staple_friction_get_type, "frictions", friction_fields },
  { staple_vote_get_type, "votes", vote_fields },
  { staple_action_get_type, "actions", action_fields },
  { staple_empowerment_get_type, "empowerments", empowerment_fields },
};

static const Table *
find_table (GObject *object)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (G_OBJECT_TYPE (object) == tables[i].get_type ())
        return &tables[i];
    }

  return NULL;
}

static const char *
find_column (const Table *table,
             const char  *property)
{
  for (const Field *field = table->fields; field->property != NULL; field++)
    {
      if (g_str_equal (field->property, property))
        return field->column;
    }

  return NULL;
}

static gint64
object_id (GObject *object)
{
  gint64 id = 0;

  g_object_get (object, "id", &id, NULL);
  return id;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (G_TYPE_IS_ENUM (type))
    bind_enum (stmt, index, type, g_value_get_enum (value));
  else if (type == G_TYPE_STRING)
    bind_text (stmt, index, g_value_get_string (value));
  else if (type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, g_value_get_boolean (value));
  else if (type == G_TYPE_INT)
    sqlite3_bind_int (stmt, index, g_value_get_int (value));
  else if (type == G_TYPE_UINT)
    sqlite3_bind_int64 (stmt, index, g_value_get_uint (value));
  else if (type == G_TYPE_INT64)
    /* Every 64-bit property of the model is an id; 0, nobody or nothing,
     * is NULL to the foreign keys. */
    bind_id (stmt, index, g_value_get_int64 (value));
  else
    g_assert_not_reached ();
}

/**
 * staple_store_update_field:
 * @object: a session, stage, friction point, participant, vote, action or
 *   empowerment item that is in the database
 * @property: the name of the property to write
 *
 * Writes the current value of one property of @object to its row.
 */
gboolean
staple_store_update_field (StapleStore  *self,
                           GObject      *object,
                           const char   *property,
                           GError      **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *sql = NULL;
  const Table *table;
  const char *column;
  GParamSpec *pspec;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  table = find_table (object);
  g_return_val_if_fail (table != NULL, FALSE);
  column = find_column (table, property);
  g_return_val_if_fail (column != NULL, FALSE);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_val_if_fail (pspec != NULL, FALSE);

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, property, &value);

  sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2", table->table, column);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_value (stmt, 1, &value);
  sqlite3_bind_int64 (stmt, 2, object_id (object));

  return run (self, stmt, error);
}

/**
 * staple_store_delete_row:
 * @object: a model object that is in the database
 *
 * Deletes the object's row; the rows that belong to it (a stage's friction
 * points, their votes and action links) go with it.
 */
gboolean
staple_store_delete_row (StapleStore  *self,
                         GObject      *object,
                         GError      **error)
{
  g_autofree char *sql = NULL;
  const Table *table;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  table = find_table (object);
  g_return_val_if_fail (table != NULL, FALSE);

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table->table);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, object_id (object));
  return run (self, stmt, error);
}

/**
 * staple_store_write_positions:
 * @items: a list of participants, stages, friction points, actions or
 *   empowerment items
 *
 * Writes each item's index in @items as its position.
 */
gboolean
staple_store_write_positions (StapleStore  *self,
                              GListModel   *items,
                              GError      **error)
{
  guint n_items;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (items), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  n_items = g_list_model_get_n_items (items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      g_autofree char *sql = NULL;
      const Table *table = find_table (item);
      sqlite3_stmt *stmt;

      /* Sessions and votes have no order of their own. */
      g_return_val_if_fail (table != NULL && !STAPLE_IS_SESSION (item) && !STAPLE_IS_VOTE (item),
                            FALSE);

      sql = g_strdup_printf ("UPDATE %s SET position = ?1 WHERE id = ?2", table->table);
      stmt = prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, object_id (item));
      if (!run (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Whole sessions */

static gboolean
insert_session_row (StapleStore    *self,
                    StapleSession  *session,
                    GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();

  stmt = prepare (self,
                  "INSERT INTO sessions (title, organisation, date, location, facilitator,"
                  " customer, work_item, question, source, phase, dots_per_participant,"
                  " created, updated)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, staple_session_get_title (session));
  bind_text (stmt, 2, staple_session_get_organisation (session));
  bind_text (stmt, 3, staple_session_get_date (session));
  bind_text (stmt, 4, staple_session_get_location (session));
  bind_text (stmt, 5, staple_session_get_facilitator (session));
  bind_text (stmt, 6, staple_session_get_customer (session));
  bind_text (stmt, 7, staple_session_get_work_item (session));
  bind_text (stmt, 8, staple_session_get_question (session));
  bind_text (stmt, 9, staple_session_get_source (session));
  bind_enum (stmt, 10, STAPLE_TYPE_PHASE, staple_session_get_phase (session));
  sqlite3_bind_int (stmt, 11, staple_session_get_dots_per_participant (session));
  sqlite3_bind_int64 (stmt, 12, now);

  if (!run (self, stmt, error))
    return FALSE;

  staple_session_set_id (session, sqlite3_last_insert_rowid (self->db));
  return TRUE;
}

/* Maps the ids an object had before insertion (local ids from a JSON file or
 * another database) to the ids it got here. */
static gint64
remap (GHashTable *map,
       gint64      old_id)
{
  gpointer new_id = g_hash_table_lookup (map, &old_id);

  return new_id != NULL ? *(gint64 *) new_id : 0;
}

static void
remember (GHashTable *map,
          gint64      old_id,
          gint64      new_id)
{
  g_hash_table_insert (map, g_memdup2 (&old_id, sizeof old_id),
                       g_memdup2 (&new_id, sizeof new_id));
}

static gboolean
insert_people_and_stages (StapleStore   *self,
                          StapleSession *session,
                          GHashTable    *people,
                          GHashTable    *frictions,
                          GError       **error)
{
  GListModel *list = G_LIST_MODEL (staple_session_get_participants (session));
  gint64 session_id = staple_session_get_id (session);
  gint64 current_stage_id = staple_session_get_current_stage_id (session);

  /* A current stage that is not in the session is none. */
  if (staple_session_find_stage (session, current_stage_id, NULL) == NULL)
    {
      current_stage_id = 0;
      staple_session_set_current_stage_id (session, 0);
    }

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (list, i);
      gint64 old_id = staple_participant_get_id (participant);

      staple_participant_set_id (participant, 0);
      if (!staple_store_insert_participant (self, session_id, (int) i, participant, error))
        return FALSE;
      remember (people, old_id, staple_participant_get_id (participant));
    }

  list = G_LIST_MODEL (staple_session_get_stages (session));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (list, i);
      GListModel *cards = G_LIST_MODEL (staple_stage_get_frictions (stage));
      guint n_cards = g_list_model_get_n_items (cards);
      g_autofree gint64 *old_ids = g_new0 (gint64, n_cards + 1);
      gint64 old_stage_id = staple_stage_get_id (stage);

      for (guint j = 0; j < n_cards; j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (cards, j);

          old_ids[j] = staple_friction_get_id (friction);
          staple_friction_set_id (friction, 0);
          staple_friction_set_position (friction, (int) j);
        }

      staple_stage_set_id (stage, 0);
      staple_stage_set_session_id (stage, session_id);
      staple_stage_set_position (stage, (int) i);
      if (!staple_store_insert_stage (self, stage, error))
        return FALSE;

      if (current_stage_id > 0 && old_stage_id == current_stage_id)
        staple_session_set_current_stage_id (session, staple_stage_get_id (stage));

      for (guint j = 0; j < n_cards; j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (cards, j);

          remember (frictions, old_ids[j], staple_friction_get_id (friction));
        }
    }

  return TRUE;
}

static gboolean
insert_votes_and_actions (StapleStore   *self,
                          StapleSession *session,
                          GHashTable    *people,
                          GHashTable    *frictions,
                          GError       **error)
{
  GListModel *list = G_LIST_MODEL (staple_session_get_votes (session));
  gint64 session_id = staple_session_get_id (session);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (list, i);

      staple_vote_set_id (vote, 0);
      staple_vote_set_participant_id (vote, remap (people, staple_vote_get_participant_id (vote)));
      staple_vote_set_friction_id (vote, remap (frictions, staple_vote_get_friction_id (vote)));
      if (!staple_store_insert_vote (self, vote, error))
        return FALSE;
    }

  list = G_LIST_MODEL (staple_session_get_actions (session));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (list, i);
      guint n_ids = 0;
      const gint64 *ids = staple_action_get_friction_ids (action, &n_ids);
      g_autofree gint64 *new_ids = g_new0 (gint64, n_ids + 1);

      for (guint j = 0; j < n_ids; j++)
        new_ids[j] = remap (frictions, ids[j]);

      staple_action_set_id (action, 0);
      staple_action_set_owner_id (action, remap (people, staple_action_get_owner_id (action)));
      staple_action_set_friction_ids (action, new_ids, n_ids);
      if (!staple_store_insert_action (self, session_id, (int) i, action, error))
        return FALSE;
    }

  list = G_LIST_MODEL (staple_session_get_empowerments (session));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleEmpowerment) item = g_list_model_get_item (list, i);

      staple_empowerment_set_id (item, 0);
      if (!staple_store_insert_empowerment (self, session_id, (int) i, item, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_phase_seconds (StapleStore  *self,
                     gint64        session_id,
                     StaplePhase   phase,
                     guint         seconds,
                     GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "INSERT INTO phase_times (session_id, phase, seconds) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (session_id, phase) DO UPDATE SET seconds = excluded.seconds",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  bind_enum (stmt, 2, STAPLE_TYPE_PHASE, phase);
  sqlite3_bind_int64 (stmt, 3, seconds);
  return run (self, stmt, error);
}

/* The current stage can only be written once the stages have their ids. */
static gboolean
insert_workshop_state (StapleStore   *self,
                       StapleSession *session,
                       GError       **error)
{
  if (staple_session_get_current_stage_id (session) > 0 &&
      !staple_store_update_field (self, G_OBJECT (session), "current-stage-id", error))
    return FALSE;

  for (int phase = 0; phase < STAPLE_N_PHASES; phase++)
    {
      guint seconds = staple_session_get_phase_seconds (session, phase);

      if (seconds > 0 &&
          !write_phase_seconds (self, staple_session_get_id (session), phase, seconds, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_add_session:
 * @session: a session not yet in this database, with everything it holds
 *
 * Adds a whole session in one transaction. Every object in it gets a new id;
 * votes and actions that referred to the old ids of participants and friction
 * points are made to refer to the new ones.
 */
gboolean
staple_store_add_session (StapleStore    *self,
                          StapleSession  *session,
                          GError        **error)
{
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GHashTable) frictions = NULL;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);

  people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  frictions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (!staple_store_begin (self, error))
    return FALSE;

  if (!insert_session_row (self, session, error) ||
      !insert_people_and_stages (self, session, people, frictions, error) ||
      !insert_votes_and_actions (self, session, people, frictions, error) ||
      !insert_workshop_state (self, session, error) ||
      !count_session (self, staple_session_get_id (session), error) ||
      !staple_store_index_session (self, staple_session_get_id (session), error) ||
      !staple_store_commit (self, error))
    {
      staple_store_rollback (self);
      staple_session_set_id (session, 0);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_set_session_trashed:
 *
 * Moves a session to the trash (out of the library) or back, in its own
 * transaction. Trashed sessions are deleted by staple_store_purge_trashed().
 */
gboolean
staple_store_set_session_trashed (StapleStore  *self,
                                  gint64        session_id,
                                  gboolean      trashed,
                                  GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);

  stmt = prepare (self, "UPDATE sessions SET trashed = ?1 WHERE id = ?2", error);
  if (stmt == NULL || !staple_store_begin (self, error))
    return FALSE;

  sqlite3_bind_int (stmt, 1, trashed ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, session_id);

  if (!run (self, stmt, error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      staple_store_rollback (self);
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND,
                   _("There is no session %lld."), (long long) session_id);
      return FALSE;
    }

  /* A trashed session is not found by search; one restored is again. */
  if (!staple_store_index_session (self, session_id, error) ||
      !staple_store_commit (self, error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_purge_trashed:
 *
 * Deletes for good every session in the trash, with everything it holds.
 */
gboolean
staple_store_purge_trashed (StapleStore  *self,
                            GError      **error)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);

  if (!staple_store_begin (self, error))
    return FALSE;

  if (!exec (self,
             "DELETE FROM session_search WHERE rowid IN"
             " (SELECT id FROM sessions WHERE trashed = 1)", error) ||
      /* A session's clocks ("timer-ID", kept by the window's workshop)
       * go with it: its id can be handed out again. */
      !exec (self,
             "DELETE FROM app_state WHERE key IN"
             " (SELECT 'timer-' || id FROM sessions WHERE trashed = 1)", error) ||
      !exec (self, "DELETE FROM sessions WHERE trashed = 1", error) ||
      !staple_store_commit (self, error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  /* Gone means gone from the disk too: the index's segments still hold the
   * words until they are merged, and the log holds old pages until it is
   * emptied (freed pages are zeroed by secure_delete). */
  if (sqlite3_changes (self->db) > 0 &&
      (!exec (self, "INSERT INTO session_search (session_search) VALUES ('optimize')", error) ||
       sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL)
         != SQLITE_OK))
    return FALSE;

  return TRUE;
}

/**
 * staple_store_set_phase_seconds:
 * @session_id: the session's id
 * @phase: a #StaplePhase
 * @seconds: the total time spent in @phase
 *
 * Writes the time spent in a phase of a session, in its own transaction:
 * call it outside staple_store_begin() and staple_store_commit().
 */
gboolean
staple_store_set_phase_seconds (StapleStore  *self,
                                gint64        session_id,
                                StaplePhase   phase,
                                guint         seconds,
                                GError      **error)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (session_id > 0, FALSE);
  g_return_val_if_fail ((guint) phase < STAPLE_N_PHASES, FALSE);
  g_return_val_if_fail (!IN_TRANSACTION (self), FALSE);

  if (!staple_store_begin (self, error))
    return FALSE;

  if (!write_phase_seconds (self, session_id, phase, seconds, error) ||
      !staple_store_commit (self, error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* Following up */

/* The journey as it was mapped, without what was seen on it: a stage's
 * times and feelings are measured again on the next walk. */
static StapleStage *
copy_stage (StapleStage *stage)
{
  StapleStage *copy = staple_stage_new ();

  staple_stage_set_name (copy, staple_stage_get_name (stage));
  staple_stage_set_team (copy, staple_stage_get_team (stage));
  staple_stage_set_channel (copy, staple_stage_get_channel (stage));
  staple_stage_set_handoff (copy, staple_stage_get_handoff (stage));
  staple_stage_set_notes (copy, staple_stage_get_notes (stage));
  return copy;
}

/* The title of the @n-th follow-up of a walk called @base. */
static char *
follow_up_title (const char *base,
                 guint       n)
{
  if (n <= 1)
    /* Translators: the title of a new walk of the same journey, after the
     * first walk's title; the coach can change it */
    return g_strdup_printf (_("%s — follow-up"), base);

  /* Translators: the title of the second, third… walk of the same journey:
   * the first walk's title and the walk's number after the first */
  return g_strdup_printf (_("%s — follow-up %u"), base, n);
}

/* What @title was made from, if it is the title follow_up_title() gives the
 * @n-th follow-up (the coach may have changed it since); else @title. */
static char *
follow_up_base (const char *title,
                guint       n)
{
  g_autofree char *pattern = NULL;
  g_auto(GStrv) parts = NULL;
  size_t len = strlen (title);
  size_t head, tail;

  if (n == 0)
    return g_strdup (title);

  /* The unit separator stands for the base, wherever the translation puts it. */
  pattern = follow_up_title ("\x1f", n);
  parts = g_strsplit (pattern, "\x1f", 2);
  if (g_strv_length (parts) != 2)
    return g_strdup (title);

  head = strlen (parts[0]);
  tail = strlen (parts[1]);
  if (len <= head + tail || !g_str_has_prefix (title, parts[0]) ||
      !g_str_has_suffix (title, parts[1]))
    return g_strdup (title);

  return g_strndup (title + head, len - head - tail);
}

/* The walk's place in its chain of follow-ups, in @n_earlier: 0 for a first
 * walk. A chain looped by a damaged file ends where it loops. */
static gboolean
count_earlier_walks (StapleStore  *self,
                     gint64        session_id,
                     guint        *n_earlier,
                     GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 id = session_id;

  *n_earlier = 0;
  g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
  for (;;)
    {
      id = staple_store_get_previous_walk (self, id, error);
      if (id < 0)
        return FALSE;
      if (id == 0 || !g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        return TRUE;
      (*n_earlier)++;
    }
}

static StapleSession *
follow_up_of (StapleSession *old,
              guint          n_earlier,
              const char    *date)
{
  StapleSession *session = staple_session_new ();
  g_autofree char *base = follow_up_base (staple_session_get_title (old), n_earlier);
  g_autofree char *title = follow_up_title (base, n_earlier + 1);
  GListModel *list;

  g_object_set (session,
                "title", title,
                "organisation", staple_session_get_organisation (old),
                "date", date,
                "location", staple_session_get_location (old),
                "facilitator", staple_session_get_facilitator (old),
                "customer", staple_session_get_customer (old),
                "work-item", staple_session_get_work_item (old),
                "question", staple_session_get_question (old),
                "dots-per-participant", staple_session_get_dots_per_participant (old),
                /* The new walk starts by reviewing what the last one promised. */
                "phase", STAPLE_PHASE_COMMIT,
                NULL);

  /* Participants keep their old ids here, so that the carried actions'
   * owners can be found again when the session is added. */
  list = G_LIST_MODEL (staple_session_get_participants (old));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleParticipant) person = g_list_model_get_item (list, i);
      g_autoptr(StapleParticipant) copy = NULL;

      /* The room's anonymous voters were the last walk's phones. */
      if (staple_participant_get_anonymous (person))
        continue;

      copy = staple_participant_new ();
      staple_participant_set_id (copy, staple_participant_get_id (person));
      staple_participant_set_name (copy, staple_participant_get_name (person));
      staple_participant_set_role (copy, staple_participant_get_role (person));
      g_list_store_append (staple_session_get_participants (session), copy);
    }

  list = G_LIST_MODEL (staple_session_get_stages (old));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (list, i);
      g_autoptr(StapleStage) copy = copy_stage (stage);

      g_list_store_append (staple_session_get_stages (session), copy);
    }

  /* Only the actions still to do come along; the friction points they
   * addressed are not on the new map yet. */
  list = G_LIST_MODEL (staple_session_get_actions (old));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (list, i);
      g_autoptr(StapleAction) copy = NULL;
      StapleActionStatus status = staple_action_get_status (action);

      if (status == STAPLE_ACTION_STATUS_DONE || status == STAPLE_ACTION_STATUS_DROPPED)
        continue;

      copy = staple_action_new ();
      staple_action_set_text (copy, staple_action_get_text (action));
      staple_action_set_owner_id (copy, staple_action_get_owner_id (action));
      staple_action_set_due (copy, staple_action_get_due (action));
      staple_action_set_status (copy, status);
      g_list_store_append (staple_session_get_actions (session), copy);
    }

  /* What the room said it may decide for itself still holds. */
  list = G_LIST_MODEL (staple_session_get_empowerments (old));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleEmpowerment) item = g_list_model_get_item (list, i);
      g_autoptr(StapleEmpowerment) copy = staple_empowerment_new ();

      staple_empowerment_set_text (copy, staple_empowerment_get_text (item));
      g_list_store_append (staple_session_get_empowerments (session), copy);
    }

  return session;
}

/**
 * staple_store_walk_again:
 * @session_id: the walk to follow up
 * @date: (nullable): the new walk's date, YYYY-MM-DD, or %NULL for today
 *
 * Starts a new walk of the same journey: the frame, the people and the
 * stages of @session_id, no friction points yet, the actions still open,
 * which the new session reviews first, and the empowerment list. The new
 * session is linked to the old, and its title says which follow-up it is
 * ("Overnight support — follow-up", then "… — follow-up 2"); a title the
 * last walk was given that way is not stacked on, but one the coach wrote
 * is kept whole.
 *
 * Returns: the new session's id, or 0 with @error set
 */
gint64
staple_store_walk_again (StapleStore  *self,
                         gint64        session_id,
                         const char   *date,
                         GError      **error)
{
  g_autoptr(StapleSession) old = NULL;
  g_autoptr(StapleSession) session = NULL;
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  guint n_earlier;

  g_return_val_if_fail (STAPLE_IS_STORE (self), 0);

  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date = today = g_date_time_format (now, "%Y-%m-%d");
    }

  old = staple_store_load_session (self, session_id, error);
  if (old == NULL)
    return 0;

  if (!count_earlier_walks (self, session_id, &n_earlier, error))
    return 0;

  session = follow_up_of (old, n_earlier, date);
  if (!staple_store_add_session (self, session, error))
    return 0;

  stmt = prepare (self, "UPDATE sessions SET previous_id = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, staple_session_get_id (session));
  if (!run (self, stmt, error))
    return 0;

  return staple_session_get_id (session);
}

/**
 * staple_store_get_previous_walk:
 * @session_id: a session made by staple_store_walk_again()
 *
 * Returns: the id of the walk it follows up, 0 if none, or −1 with @error set
 */
gint64
staple_store_get_previous_walk (StapleStore  *self,
                                gint64        session_id,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), -1);

  stmt = prepare (self, "SELECT previous_id FROM sessions WHERE id = ?1", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  finish (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return -1;
    }

  return id;
}

/* Drafts and the library's own state, written at once and outside any
 * session's history: what the coach was in the middle of. */

/**
 * staple_store_save_draft:
 * @session_id: the session the text is typed in
 * @target: what is being typed: "new-friction", "friction-text" or "stage-name"
 * @stage_id: the stage it is typed in
 * @friction_id: the card whose text is edited, or 0
 * @position: where a new card goes in its stage
 * @text: what is typed so far
 *
 * Keeps the text of an in-place editor as it is typed, in its own
 * transaction: one draft per session, replacing the last.
 */
gboolean
staple_store_save_draft (StapleStore  *self,
                         gint64        session_id,
                         const char   *target,
                         gint64        stage_id,
                         gint64        friction_id,
                         int           position,
                         const char   *text,
                         GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (!IN_TRANSACTION (self), FALSE);
  g_return_val_if_fail (target != NULL && text != NULL, FALSE);

  if (!staple_store_begin (self, error))
    return FALSE;

  stmt = prepare (self,
                  "INSERT OR REPLACE INTO drafts"
                  " (session_id, target, stage_id, friction_id, position, text, updated)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, session_id);
      bind_text (stmt, 2, target);
      sqlite3_bind_int64 (stmt, 3, stage_id);
      bind_id (stmt, 4, friction_id);
      sqlite3_bind_int (stmt, 5, position);
      bind_text (stmt, 6, text);
      sqlite3_bind_int64 (stmt, 7, now_seconds ());
    }

  if (stmt == NULL || !run (self, stmt, error) || !staple_store_commit (self, error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_clear_draft:
 *
 * Forgets the draft of a session, once its editor is closed.
 */
gboolean
staple_store_clear_draft (StapleStore  *self,
                          gint64        session_id,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (!IN_TRANSACTION (self), FALSE);

  stmt = prepare (self, "DELETE FROM drafts WHERE session_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  return run (self, stmt, error);
}

/**
 * staple_store_set_state:
 * @key: a name, such as "open-session"
 * @value: (nullable): its value, or %NULL to forget it
 *
 * Keeps a value of the library's own state (not of any session).
 */
gboolean
staple_store_set_state (StapleStore  *self,
                        const char   *key,
                        const char   *value,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (!IN_TRANSACTION (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = prepare (self,
                  value != NULL ? "INSERT OR REPLACE INTO app_state (key, value) VALUES (?1, ?2)"
                                : "DELETE FROM app_state WHERE key = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  return run (self, stmt, error);
}
