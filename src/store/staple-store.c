/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-store.c: the one place that speaks SQL.
 *
 * A StapleStore wraps one SQLite database. Opening checks, read-only, that the
 * file is ours, readable and not newer than this build before anything is
 * written to it, so a file we refuse is left exactly as it was.
 */
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

#include "staple-file-guard.h"
#include "staple-schema.h"
#include "staple-store-private.h"



G_DEFINE_FINAL_TYPE (StapleStore, staple_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (staple-store-error-quark, staple_store_error)

static void
staple_store_finalize (GObject *object)
{
  StapleStore *self = STAPLE_STORE (object);
  gboolean closed = FALSE;

  if (self->db != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* What edits left for later goes into the index before closing. */
      if (!staple_store_flush_search_full (self, TRUE, &error))
        g_warning ("Could not bring the search index up to date: %s", error->message);
    }

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    closed = sqlite3_close (g_steal_pointer (&self->db)) == SQLITE_OK;
  if (closed && self->path != NULL)
    staple_store_mark_closed (self->path);
  staple_file_guard_release (self->guard_fd);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (staple_store_parent_class)->finalize (object);
}

enum {
  SIGNAL_RECOVERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
staple_store_class_init (StapleStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = staple_store_finalize;

  /**
   * StapleStore::recovered:
   * @message: what happened to the files and what Staple did, in a sentence or two
   *
   * The library's files were deleted, moved or replaced while it was open,
   * and the store carried on with everything it held (see
   * staple_store_open_full() with %STAPLE_STORE_OPEN_CLAIM).
   */
  signals[SIGNAL_RECOVERED] =
    g_signal_new ("recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

/* For the store's own files: tells the window what recovery did. */
void
staple_store_emit_recovered (StapleStore *self,
                             const char  *message)
{
  g_signal_emit (self, signals[SIGNAL_RECOVERED], 0, message);
}

static void
staple_store_init (StapleStore *self)
{
  self->guard_fd = -1;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

/**
 * staple_store_get_schema_version:
 *
 * Returns: the schema version this build writes and understands.
 */
int
staple_store_get_schema_version (void)
{
  return STAPLE_SCHEMA_VERSION;
}

/**
 * staple_store_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/<app id>/sessions.db`, after
 *   making its folder (0700) if it was missing
 */
char *
staple_store_get_default_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);

  /* A failure shows up, with its reason, when the file cannot be created. */
  g_mkdir_with_parents (dir, 0700);

  return g_build_filename (dir, "sessions.db", NULL);
}

/**
 * staple_store_get_path:
 *
 * Returns: the file this store reads and writes.
 */
const char *
staple_store_get_path (StapleStore *self)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);

  return self->path;
}

/* Errors */

void
staple_store_set_error (StapleStore *self,
                     GError     **error,
                     int          rc)
{
  g_autofree char *name = g_filename_display_name (self->path);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_LOCKED,
                   _("“%s” is locked by another program. Close it there and try again."),
                   name);
      break;

    case SQLITE_FULL:
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_FULL,
                   _("The disk holding “%s” is full. Free some space and try again; "
                     "the last change was not saved."),
                   name);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be written to (%s)."), name,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;

    case SQLITE_IOERR:
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_IO,
                   _("Could not write to “%s” (%s). Check that its disk is still there."),
                   name, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged and cannot be read. It was left as it was; "
                     "restore it from a backup."),
                   name);
      break;

    default:
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_FAILED,
                   _("Could not use “%s”: %s"), name,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    }
}

/* Statements */

sqlite3_stmt *
staple_store_prepare (StapleStore *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, error, rc);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}


/* Steps a statement that returns no rows, then resets it. */
gboolean
staple_store_run (StapleStore  *self,
     sqlite3_stmt *stmt,
     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      finish (stmt);
      return FALSE;
    }

  finish (stmt);
  return TRUE;
}

gboolean
staple_store_exec (StapleStore *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

/* Transactions */

/**
 * staple_store_begin:
 *
 * Starts a write transaction; every row function must run inside one.
 */
gboolean
staple_store_begin (StapleStore  *self,
                    GError      **error)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (self->db), FALSE);

  return (!self->claimed || staple_store_verify_files (self, error)) &&
         exec (self, "BEGIN IMMEDIATE", error);
}

/**
 * staple_store_commit:
 *
 * Commits; with synchronous=FULL the change is on disk when this returns.
 * On failure the transaction is rolled back.
 */
gboolean
staple_store_commit (StapleStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);

  if (!exec (self, "COMMIT", error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_rollback:
 *
 * Abandons the current transaction, if there is one.
 */
void
staple_store_rollback (StapleStore *self)
{
  g_return_if_fail (STAPLE_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Reading */

/**
 * staple_store_list_sessions:
 *
 * Returns: (transfer full): every session not in the trash, newest first,
 *   as #StapleSessionSummary items
 */
GListStore *
staple_store_list_sessions (StapleStore  *self,
                            GError      **error)
{
  g_autoptr(GListStore) list = g_list_store_new (STAPLE_TYPE_SESSION_SUMMARY);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT s.id, s.title, s.organisation, s.date, s.updated,"
                  " s.n_stages, s.n_frictions, s.n_open_actions"
                  " FROM sessions s WHERE s.trashed = 0"
                  " ORDER BY s.date DESC, s.created DESC, s.id DESC",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleSessionSummary) summary = staple_session_summary_new ();

      g_object_set (summary,
                    "id", sqlite3_column_int64 (stmt, 0),
                    "title", column_text (stmt, 1),
                    "organisation", column_text (stmt, 2),
                    "date", column_text (stmt, 3),
                    "updated", sqlite3_column_int64 (stmt, 4),
                    "n-stages", (guint) sqlite3_column_int (stmt, 5),
                    "n-frictions", (guint) sqlite3_column_int (stmt, 6),
                    "n-open-actions", (guint) sqlite3_column_int (stmt, 7),
                    NULL);
      g_list_store_append (list, summary);
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&list);
}

static gboolean
load_participants (StapleStore   *self,
                   StapleSession *session,
                   GError       **error)
{
  GListStore *list = staple_session_get_participants (session);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT id, name, role, abstains, anonymous FROM participants"
                  " WHERE session_id = ?1 ORDER BY position, id",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_session_get_id (session));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleParticipant) participant = staple_participant_new ();

      staple_participant_set_id (participant, sqlite3_column_int64 (stmt, 0));
      staple_participant_set_name (participant, column_text (stmt, 1));
      staple_participant_set_role (participant, column_text (stmt, 2));
      staple_participant_set_abstains (participant, sqlite3_column_int (stmt, 3) != 0);
      staple_participant_set_anonymous (participant, sqlite3_column_int (stmt, 4) != 0);
      g_list_store_append (list, participant);
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    set_error_from_code (self, error, rc);

  return rc == SQLITE_DONE;
}

static gboolean
load_stages (StapleStore   *self,
             StapleSession *session,
             GError       **error)
{
  GListStore *list = staple_session_get_stages (session);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT id, name, team, channel, work_minutes, wait_minutes, handoff,"
                  " dropped, customer_feeling, staff_feeling, notes"
                  " FROM stages WHERE session_id = ?1 ORDER BY position, id",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_session_get_id (session));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();

      g_object_set (stage,
                    "id", sqlite3_column_int64 (stmt, 0),
                    "session-id", staple_session_get_id (session),
                    "position", (int) g_list_model_get_n_items (G_LIST_MODEL (list)),
                    "name", column_text (stmt, 1),
                    "team", column_text (stmt, 2),
                    "channel", column_enum (stmt, 3, STAPLE_TYPE_CHANNEL,
                                            STAPLE_CHANNEL_INTERNAL),
                    "handoff", sqlite3_column_int (stmt, 6) != 0,
                    "dropped", sqlite3_column_int (stmt, 7) != 0,
                    "notes", column_text (stmt, 10),
                    NULL);
      /* The setters clamp what a damaged or hand-edited file may hold. */
      staple_stage_set_work_minutes (stage, sqlite3_column_int (stmt, 4));
      staple_stage_set_wait_minutes (stage, sqlite3_column_int (stmt, 5));
      staple_stage_set_customer_feeling (stage, sqlite3_column_int (stmt, 8));
      staple_stage_set_staff_feeling (stage, sqlite3_column_int (stmt, 9));
      g_list_store_append (list, stage);
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    set_error_from_code (self, error, rc);

  return rc == SQLITE_DONE;
}

static gboolean
load_frictions (StapleStore   *self,
                StapleSession *session,
                GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT f.id, f.stage_id, f.text, f.kind, f.severity, f.principle, f.notes"
                  " FROM frictions f JOIN stages s ON f.stage_id = s.id"
                  " WHERE s.session_id = ?1 ORDER BY s.position, s.id, f.position, f.id",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_session_get_id (session));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleFriction) friction = staple_friction_new ();
      StapleStage *stage = staple_session_find_stage (session,
                                                      sqlite3_column_int64 (stmt, 1),
                                                      NULL);
      GListStore *frictions;

      if (stage == NULL)
        continue;

      frictions = staple_stage_get_frictions (stage);
      g_object_set (friction,
                    "id", sqlite3_column_int64 (stmt, 0),
                    "stage-id", staple_stage_get_id (stage),
                    "position", (int) g_list_model_get_n_items (G_LIST_MODEL (frictions)),
                    "text", column_text (stmt, 2),
                    "kind", column_enum (stmt, 3, STAPLE_TYPE_FRICTION_KIND,
                                         STAPLE_FRICTION_KIND_PROCESS),
                    "principle", column_enum (stmt, 5, STAPLE_TYPE_PRINCIPLE,
                                              STAPLE_PRINCIPLE_NONE),
                    "notes", column_text (stmt, 6),
                    NULL);
      staple_friction_set_severity (friction, sqlite3_column_int (stmt, 4));
      g_list_store_append (frictions, friction);
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    set_error_from_code (self, error, rc);

  return rc == SQLITE_DONE;
}

static gboolean
load_votes (StapleStore   *self,
            StapleSession *session,
            GError       **error)
{
  GListStore *list = staple_session_get_votes (session);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT v.id, v.participant_id, v.friction_id"
                  " FROM votes v JOIN participants p ON v.participant_id = p.id"
                  " WHERE p.session_id = ?1 ORDER BY v.id",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_session_get_id (session));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleVote) vote = staple_vote_new ();

      staple_vote_set_id (vote, sqlite3_column_int64 (stmt, 0));
      staple_vote_set_participant_id (vote, sqlite3_column_int64 (stmt, 1));
      staple_vote_set_friction_id (vote, sqlite3_column_int64 (stmt, 2));
      g_list_store_append (list, vote);
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    set_error_from_code (self, error, rc);

  return rc == SQLITE_DONE;
}

static gboolean
load_action_frictions (StapleStore  *self,
                       StapleAction *action,
                       GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT friction_id FROM action_frictions WHERE action_id = ?1"
                  " ORDER BY position",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_action_get_id (action));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  staple_action_set_friction_ids (action, (const gint64 *) (gpointer) ids->data, ids->len);
  return TRUE;
}

static gboolean
load_actions (StapleStore   *self,
              StapleSession *session,
              GError       **error)
{
  GListStore *list = staple_session_get_actions (session);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT id, text, owner_id, due, status, done_on FROM actions"
                  " WHERE session_id = ?1 ORDER BY position, id",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_session_get_id (session));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleAction) action = staple_action_new ();

      g_object_set (action,
                    "id", sqlite3_column_int64 (stmt, 0),
                    "text", column_text (stmt, 1),
                    "owner-id", sqlite3_column_int64 (stmt, 2),
                    "due", column_text (stmt, 3),
                    "status", column_enum (stmt, 4, STAPLE_TYPE_ACTION_STATUS,
                                           STAPLE_ACTION_STATUS_OPEN),
                    "done-on", column_text (stmt, 5),
                    NULL);
      g_list_store_append (list, action);
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (!load_action_frictions (self, action, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_empowerments (StapleStore   *self,
                   StapleSession *session,
                   GError       **error)
{
  GListStore *list = staple_session_get_empowerments (session);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT id, text FROM empowerments WHERE session_id = ?1"
                  " ORDER BY position, id",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_session_get_id (session));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleEmpowerment) item = staple_empowerment_new ();

      staple_empowerment_set_id (item, sqlite3_column_int64 (stmt, 0));
      staple_empowerment_set_text (item, column_text (stmt, 1));
      g_list_store_append (list, item);
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    set_error_from_code (self, error, rc);

  return rc == SQLITE_DONE;
}

static gboolean
load_phase_times (StapleStore   *self,
                  StapleSession *session,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "SELECT phase, seconds FROM phase_times WHERE session_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, staple_session_get_id (session));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seconds = sqlite3_column_int64 (stmt, 1);
      int phase;

      /* A phase this version does not know is kept in the file, not shown. */
      if (staple_enum_from_nick (STAPLE_TYPE_PHASE, column_text (stmt, 0), &phase))
        staple_session_set_phase_seconds (session, phase, (guint) CLAMP (seconds, 0, G_MAXUINT));
    }

  finish (stmt);

  if (rc != SQLITE_DONE)
    set_error_from_code (self, error, rc);

  return rc == SQLITE_DONE;
}

static gboolean
load_session_row (StapleStore   *self,
                  StapleSession *session,
                  gint64         session_id,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT title, organisation, date, location, facilitator, customer,"
                  " work_item, question, source, phase, dots_per_participant, current_stage_id"
                  " FROM sessions WHERE id = ?1 AND trashed = 0",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      g_object_set (session,
                    "id", session_id,
                    "title", column_text (stmt, 0),
                    "organisation", column_text (stmt, 1),
                    "date", column_text (stmt, 2),
                    "location", column_text (stmt, 3),
                    "facilitator", column_text (stmt, 4),
                    "customer", column_text (stmt, 5),
                    "work-item", column_text (stmt, 6),
                    "question", column_text (stmt, 7),
                    "source", column_text (stmt, 8),
                    "phase", column_enum (stmt, 9, STAPLE_TYPE_PHASE, STAPLE_PHASE_FRAME),
                    "current-stage-id", sqlite3_column_int64 (stmt, 11),
                    NULL);
      /* The setter clamps what a hand-edited file may hold. */
      staple_session_set_dots_per_participant (session, sqlite3_column_int (stmt, 10));
    }

  finish (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND,
                   _("There is no session %lld."), (long long) session_id);
      return FALSE;
    }

  if (rc != SQLITE_ROW)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_load_session:
 * @session_id: the session's id
 *
 * Reads a whole session: its frame, participants, stages with their friction
 * points, votes, actions and empowerment items, and where the workshop stands
 * (phase, current stage, time spent per phase), in one read transaction.
 * A session in the trash is not found.
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
StapleSession *
staple_store_load_session (StapleStore  *self,
                           gint64        session_id,
                           GError      **error)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  gboolean ok;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);

  if (!exec (self, "BEGIN", error))
    return NULL;

  ok = load_session_row (self, session, session_id, error) &&
       load_participants (self, session, error) &&
       load_stages (self, session, error) &&
       load_frictions (self, session, error) &&
       load_votes (self, session, error) &&
       load_actions (self, session, error) &&
       load_empowerments (self, session, error) &&
       load_phase_times (self, session, error);

  staple_store_rollback (self);

  return ok ? g_steal_pointer (&session) : NULL;
}

/**
 * staple_store_find_session_by_source:
 * @source: a source tag such as "example:1"
 *
 * Returns: the id of a session (trashed or not) with that source, 0 if there
 *   is none, or -1 with @error set
 */
gint64
staple_store_find_session_by_source (StapleStore  *self,
                                     const char   *source,
                                     GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), -1);
  g_return_val_if_fail (source != NULL && *source != '\0', -1);

  stmt = prepare (self,
                  "SELECT id FROM sessions WHERE source = ?1 ORDER BY trashed, id LIMIT 1",
                  error);
  if (stmt == NULL)
    return -1;

  bind_text (stmt, 1, source);
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

/* Texts repaired by staple_store_repair_text(): each stays valid while the
 * next 63 are made, which is longer than one row is read. */
#define N_REPAIRED 64

G_LOCK_DEFINE_STATIC (repaired);
static char *repaired[N_REPAIRED];
static guint next_repaired;

/**
 * staple_store_repair_text:
 * @text: what SQLite returned for a text column
 * @length: its length in bytes
 *
 * Returns: (transfer none): @text as valid UTF-8, each bad byte (and
 *   anything after a zero byte) replaced by U+FFFD
 */
const char *
staple_store_repair_text (const char *text,
                          int         length)
{
  g_autoptr(GString) valid = g_string_sized_new (length);
  const char *rest = text;
  const char *end = text + length;
  char *result;

  while (rest < end)
    {
      const char *stop;

      g_utf8_validate_len (rest, end - rest, &stop);
      g_string_append_len (valid, rest, stop - rest);
      if (stop >= end)
        break;
      g_string_append (valid, "\xef\xbf\xbd");
      rest = stop + 1;
    }

  result = g_string_free (g_steal_pointer (&valid), FALSE);

  G_LOCK (repaired);
  g_free (repaired[next_repaired]);
  repaired[next_repaired] = result;
  next_repaired = (next_repaired + 1) % N_REPAIRED;
  G_UNLOCK (repaired);

  return result;
}

/**
 * staple_store_get_state:
 * @key: a name given to staple_store_set_state()
 *
 * Returns: (transfer full) (nullable): its value, or %NULL if it has none
 */
char *
staple_store_get_state (StapleStore *self,
                        const char  *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = prepare (self, "SELECT value FROM app_state WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (column_text (stmt, 0));
  finish (stmt);
  return value;
}

/**
 * staple_store_load_draft:
 * @session_id: a session
 *
 * Returns: (transfer full) (nullable): the session's draft, or %NULL if it
 *   has none (or it points to nothing any more)
 */
StapleDraft *
staple_store_load_draft (StapleStore *self,
                         gint64       session_id)
{
  sqlite3_stmt *stmt;
  StapleDraft *draft = NULL;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT target, stage_id, ifnull (friction_id, 0), position, text"
                  " FROM drafts WHERE session_id = ?1",
                  NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      draft = g_new0 (StapleDraft, 1);
      draft->target = g_strdup (column_text (stmt, 0));
      draft->stage_id = sqlite3_column_int64 (stmt, 1);
      draft->friction_id = sqlite3_column_int64 (stmt, 2);
      draft->position = sqlite3_column_int (stmt, 3);
      draft->text = g_strdup (column_text (stmt, 4));
    }
  finish (stmt);
  return draft;
}

/**
 * staple_draft_free:
 *
 * Frees a draft read by staple_store_load_draft().
 */
void
staple_draft_free (StapleDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->target);
  g_free (draft->text);
  g_free (draft);
}

/**
 * staple_store_get_checked_on_open:
 *
 * Whether opening read the whole file to check it (`PRAGMA quick_check`),
 * as it does only when the file was not left by a clean close: after a
 * crash, or when anything else wrote to it since.
 *
 * Returns: %TRUE if the whole file was checked
 */
gboolean
staple_store_get_checked_on_open (StapleStore *self)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);

  return self->checked_on_open;
}
