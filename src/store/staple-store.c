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

#include "staple-schema.h"
#include "staple-store.h"

#define BUSY_TIMEOUT_MS 3000
#define EDIT_BUSY_TIMEOUT_MS 250

struct _StapleStore
{
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* owned SQL text → sqlite3_stmt */
};

G_DEFINE_FINAL_TYPE (StapleStore, staple_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (staple-store-error-quark, staple_store_error)

static void
staple_store_finalize (GObject *object)
{
  StapleStore *self = STAPLE_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (staple_store_parent_class)->finalize (object);
}

static void
staple_store_class_init (StapleStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = staple_store_finalize;
}

static void
staple_store_init (StapleStore *self)
{
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

static void
set_error_from_code (StapleStore *self,
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

static sqlite3_stmt *
prepare (StapleStore *self,
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

static void
finish (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Steps a statement that returns no rows, then resets it. */
static gboolean
run (StapleStore  *self,
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

static gboolean
exec (StapleStore *self,
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

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_enum (sqlite3_stmt *stmt,
           int           index,
           GType         type,
           int           value)
{
  bind_text (stmt, index, staple_enum_to_nick (type, value));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static int
column_enum (sqlite3_stmt *stmt,
             int           column,
             GType         type,
             int           fallback)
{
  int value;

  if (staple_enum_from_nick (type, column_text (stmt, column), &value))
    return value;

  return fallback;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Opening */

static gboolean
has_sqlite_header (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *file = g_fopen (path, "rb");
  gsize n;

  if (file == NULL)
    return FALSE;

  n = fread (header, 1, sizeof header, file);
  fclose (file);

  return n == sizeof header && memcmp (header, magic, sizeof magic) == 0;
}

/* A file without any write permission counts as read-only even for root,
 * who could write it anyway: the user marked it so. */
static gboolean
check_writable (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_filename_display_name (path);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND,
                   _("Could not open “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                   _("“%s” is not a file, so it cannot be a Staple database."), name);
      return FALSE;
    }

  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || g_access (path, W_OK) != 0)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only. Staple saves every change at once, so it needs "
                     "a file it can write; make the file writable or use a copy."),
                   name);
      return FALSE;
    }

  /* The write-ahead log lives beside the file. */
  if (g_access (dir, W_OK) != 0)
    {
      g_autofree char *dir_name = g_filename_display_name (dir);

      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” is read-only. Staple needs to write beside “%s”."),
                   dir_name, name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (StapleStore *self,
           const char  *sql,
           gint64      *out_value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else
    set_error_from_code (self, error, rc);

  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
quick_check (StapleStore *self,
             GError     **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check (1)", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW && g_strcmp0 (column_text (stmt, 0), "ok") != 0)
    problem = g_strdup (column_text (stmt, 0));

  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  if (problem != NULL)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged (%s). It was left as it was; restore it from a backup."),
                   name, problem);
      return FALSE;
    }

  return TRUE;
}

/* Reads, without writing anything, whether the file is a Staple database
 * this build can use. */
static gboolean
check_database (StapleStore *self,
                gboolean    *out_empty,
                gint64      *out_version,
                GError     **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  g_autoptr(GError) local_error = NULL;
  gint64 app_id = 0;
  gint64 n_tables = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, &local_error))
    {
      if (g_error_matches (local_error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_DAMAGED) &&
          !has_sqlite_header (self->path))
        {
          g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                       _("“%s” is not a Staple database: it is not a database at all."), name);
          return FALSE;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error) ||
      !query_int (self, "PRAGMA user_version", out_version, error))
    return FALSE;

  *out_empty = (app_id == 0 && n_tables == 0);

  if (!*out_empty && app_id != STAPLE_STORE_APPLICATION_ID)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                   _("“%s” is a database of another program, not a Staple database."), name);
      return FALSE;
    }

  if (*out_version > STAPLE_SCHEMA_VERSION)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Staple (format %d; this version "
                     "reads up to %d). Update Staple to open it."),
                   name, (int) *out_version, STAPLE_SCHEMA_VERSION);
      return FALSE;
    }

  return *out_empty || quick_check (self, error);
}

static gboolean
migrate (StapleStore *self,
         int          from,
         int          to,
         GError     **error)
{
  g_autofree char *set_version = NULL;
  g_autofree char *set_app_id = NULL;

  if (from >= to)
    return TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (int version = from; version < to; version++)
    {
      if (!exec (self, staple_schema_migrations[version], error))
        {
          staple_store_rollback (self);
          return FALSE;
        }
    }

  /* PRAGMAs take no bound parameters; both values are our own integers. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", to);
  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", STAPLE_STORE_APPLICATION_ID);

  if (!exec (self, set_version, error) ||
      !exec (self, set_app_id, error) ||
      !exec (self, "COMMIT", error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* Checks the file through a read-only connection, so that a file we refuse
 * keeps every byte: a read-write connection would replay another program's
 * write-ahead log or hot journal into it on closing. */
static gboolean
probe (const char  *path,
       gint64      *out_version,
       GError     **error)
{
  g_autoptr(StapleStore) reader = g_object_new (STAPLE_TYPE_STORE, NULL);
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gboolean had_shm = g_file_test (shm, G_FILE_TEST_EXISTS);
  gboolean had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  gboolean empty = FALSE;
  gboolean ok;
  GStatBuf st;
  int rc;

  if (g_stat (path, &st) == 0 && st.st_size == 0)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                   _("“%s” is an empty file, not a Staple database."), name);
      return FALSE;
    }

  reader->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &reader->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (reader, error, rc);
      return FALSE;
    }

  sqlite3_busy_timeout (reader->db, BUSY_TIMEOUT_MS);
  ok = check_database (reader, &empty, out_version, error);
  g_clear_pointer (&reader->db, sqlite3_close);

  /* Reading a database in WAL mode makes a shared-memory file and an empty
   * log beside it; what we made, we take away. */
  if (!had_shm)
    g_unlink (shm);
  if (!had_wal && g_stat (wal, &st) == 0 && st.st_size == 0)
    g_unlink (wal);

  return ok;
}

/* Makes a new database, set up to @version, in a temporary file beside
 * @path and links it into place, so that no crash leaves a half-made or
 * empty database at @path. */
static gboolean
create_database (const char  *path,
                 int          version,
                 GError     **error)
{
  g_autoptr(StapleStore) maker = g_object_new (STAPLE_TYPE_STORE, NULL);
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *temp = g_strconcat (path, ".new-XXXXXX", NULL);
  int saved_errno;
  int fd;
  int rc;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, STAPLE_STORE_ERROR,
                   saved_errno == ENOSPC ? STAPLE_STORE_ERROR_FULL :
                   saved_errno == ENOENT ? STAPLE_STORE_ERROR_NOT_FOUND
                                         : STAPLE_STORE_ERROR_READ_ONLY,
                   _("Could not create “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  maker->path = g_strdup (path);
  rc = sqlite3_open_v2 (temp, &maker->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK ||
      !exec (maker, "PRAGMA journal_mode = WAL", error) ||
      !migrate (maker, 0, version, error))
    {
      if (rc != SQLITE_OK)
        set_error_from_code (maker, error, rc);
      g_clear_pointer (&maker->db, sqlite3_close);
      g_unlink (temp);
      return FALSE;
    }

  g_clear_pointer (&maker->db, sqlite3_close);

  /* link() will not replace a file another process made meanwhile. */
  if (link (temp, path) != 0 && errno != EEXIST)
    {
      saved_errno = errno;
      g_unlink (temp);
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_READ_ONLY,
                   _("Could not create “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  g_unlink (temp);
  return TRUE;
}

/**
 * staple_store_open_at_version:
 * @path: the database file; created (0600) if missing, in a folder that exists
 * @version: the schema version to migrate to, at most the current one
 *
 * Like staple_store_open(), but stops migrating at @version. For the tests
 * that upgrade a database from every earlier version.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
StapleStore *
staple_store_open_at_version (const char  *path,
                              int          version,
                              GError     **error)
{
  g_autoptr(StapleStore) self = NULL;
  gint64 current = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= STAPLE_SCHEMA_VERSION, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_database (path, version, error))
    return NULL;

  if (!check_writable (path, error) || !probe (path, &current, error))
    return NULL;

  /* Only now, knowing the file is ours, do we open it for writing. */
  self = g_object_new (STAPLE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, error, rc);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* Room for a big library's search index and counts (the default is
       * 2 MiB); pages are only taken as they are read. */
      !exec (self, "PRAGMA cache_size = -32768", error) ||
      !migrate (self, (int) current, MAX (version, (int) current), error))
    return NULL;

  /* Edits run on the UI thread: wait only a moment for another writer. */
  sqlite3_busy_timeout (self->db, EDIT_BUSY_TIMEOUT_MS);

  return g_steal_pointer (&self);
}

/**
 * staple_store_open:
 * @path: the database file; created (0600) if missing, in a folder that exists
 *
 * Opens a Staple database and brings its schema up to date. A file that is
 * not ours, damaged, newer, read-only or locked is refused with a message
 * naming it, and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
StapleStore *
staple_store_open (const char  *path,
                   GError     **error)
{
  return staple_store_open_at_version (path, STAPLE_SCHEMA_VERSION, error);
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

  return exec (self, "BEGIN IMMEDIATE", error);
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

#define IN_TRANSACTION(self) (!sqlite3_get_autocommit ((self)->db))

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
                  " (SELECT count(*) FROM stages st WHERE st.session_id = s.id),"
                  " (SELECT count(*) FROM frictions f JOIN stages st ON f.stage_id = st.id"
                  "   WHERE st.session_id = s.id),"
                  " (SELECT count(*) FROM actions a WHERE a.session_id = s.id"
                  "   AND a.status NOT IN ('done', 'dropped'))"
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
                  "SELECT id, name, role, abstains FROM participants"
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
                  "SELECT id, text, owner_id, due, status FROM actions"
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
                   _("There is no session %" G_GINT64_FORMAT "."), session_id);
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

/* Searching the library */

/* Turns what the user typed into an FTS5 query that can only mean "all of
 * these words, as word starts": each run of letters and digits (what the
 * unicode61 tokenizer calls a token) becomes a quoted prefix term, so no
 * user text is ever read as FTS5 syntax. NULL when there is no word. */
static char *
make_match_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  gboolean in_word = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      /* A combining accent belongs to the letter before it; alone, it is
       * no word (and an empty phrase would match nothing). */
      gboolean word_char = c != (gunichar) -1 && c != (gunichar) -2 &&
                           (g_unichar_isalnum (c) || (in_word && g_unichar_ismark (c)));

      if (word_char && !in_word)
        g_string_append (query, query->len > 0 ? " AND \"" : "\"");
      else if (!word_char && in_word)
        g_string_append (query, "\"*");

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (word_char)
        g_string_append_unichar (query, c);
      in_word = word_char;
    }

  if (in_word)
    g_string_append (query, "\"*");

  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

#define SUMMARY_COLUMNS \
  "SELECT s.id, s.title, s.organisation, s.date, s.updated," \
  " (SELECT count(*) FROM stages st WHERE st.session_id = s.id) AS n_stages," \
  " (SELECT count(*) FROM frictions f JOIN stages st ON f.stage_id = st.id" \
  "   WHERE st.session_id = s.id) AS n_frictions," \
  " (SELECT count(*) FROM actions a WHERE a.session_id = s.id" \
  "   AND a.status NOT IN ('done', 'dropped'))"

#define SEARCH_FILTERS \
  " AND s.trashed = 0" \
  " AND (?2 IS NULL OR s.organisation = ?2)" \
  " AND (?3 IS NULL OR s.date >= ?3)" \
  " AND (?4 IS NULL OR s.date <= ?4)"

/* U+E000 and U+E001, private-use characters the library turns into bold. */
#define MATCH_START "\xee\x80\x80"
#define MATCH_END "\xee\x80\x81"

static const char * const search_sql[2][3] = {
  {
    SUMMARY_COLUMNS " FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY s.date DESC, s.created DESC, s.id DESC",
    SUMMARY_COLUMNS " FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY s.title COLLATE NOCASE, s.title, s.id",
    SUMMARY_COLUMNS " FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY n_frictions DESC, s.date DESC, s.id DESC",
  },
  {
    SUMMARY_COLUMNS " FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search), s.date DESC, s.created DESC, s.id DESC",
    SUMMARY_COLUMNS " FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search), s.title COLLATE NOCASE, s.title, s.id",
    SUMMARY_COLUMNS " FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search), n_frictions DESC, s.date DESC, s.id DESC",
  },
};

/* The index joins a session's texts with spaces, so a snippet can hold
 * runs of them where a field was empty. */
static char *
tidy_snippet (const char *snippet)
{
  g_autoptr(GString) tidy = g_string_sized_new (strlen (snippet));

  for (const char *p = snippet; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (space && (tidy->len == 0 || tidy->str[tidy->len - 1] == ' '))
        continue;
      g_string_append_c (tidy, space ? ' ' : *p);
    }

  if (tidy->len > 0 && tidy->str[tidy->len - 1] == ' ')
    g_string_truncate (tidy, tidy->len - 1);

  return g_string_free (g_steal_pointer (&tidy), FALSE);
}

/* What the summaries of one search need to make their snippets later. */
typedef struct
{
  StapleStore *store;
  char        *match;
} SnippetSource;

static void
snippet_source_clear (gpointer data)
{
  SnippetSource *source = data;

  g_clear_object (&source->store);
  g_clear_pointer (&source->match, g_free);
}

static void
snippet_source_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, snippet_source_clear);
}

/* The best few words of the session for the search, or "" when it no
 * longer matches. */
static char *
make_snippet_cb (StapleSessionSummary *summary,
                 gpointer              data)
{
  SnippetSource *source = data;
  StapleStore *self = source->store;
  char *snippet = NULL;
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "SELECT snippet (session_search, -1, '" MATCH_START "', '" MATCH_END "',"
                  " '…', 12) FROM session_search WHERE session_search MATCH ?1 AND rowid = ?2",
                  NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, source->match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, staple_session_summary_get_id (summary));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    snippet = tidy_snippet (column_text (stmt, 0));
  finish (stmt);

  return snippet;
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/**
 * staple_store_search_sessions:
 * @query: (nullable): words as the user typed them; each must start a word
 *   somewhere in the session, accents and case aside
 * @organisation: (nullable): only sessions of this organisation
 * @date_from: (nullable): only sessions on or after this date, “YYYY-MM-DD”
 * @date_to: (nullable): only sessions on or before this date
 * @sort: the order when @query has no words, and between equal matches
 *
 * Searches everything typed in the sessions not in the trash: titles,
 * organisations, stages, friction points, notes, actions, empowerment items
 * and participants. With words to look for, the best match comes first, and
 * each summary's snippet shows where it matched, the words found between
 * U+E000 and U+E001. The snippet is made when it is first read, from the
 * session as it is then: only the sessions shown need one.
 *
 * Returns: (transfer full): #StapleSessionSummary items, or %NULL with @error set
 */
GListStore *
staple_store_search_sessions (StapleStore        *self,
                              const char         *query,
                              const char         *organisation,
                              const char         *date_from,
                              const char         *date_to,
                              StapleSessionSort   sort,
                              GError            **error)
{
  g_autoptr(GListStore) list = g_list_store_new (STAPLE_TYPE_SESSION_SUMMARY);
  g_autofree char *match = NULL;
  SnippetSource *source = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) sort <= STAPLE_SESSION_SORT_FRICTIONS, NULL);

  match = make_match_query (query);
  stmt = prepare (self, search_sql[match != NULL][sort], error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_optional (stmt, 2, organisation);
  bind_optional (stmt, 3, date_from);
  bind_optional (stmt, 4, date_to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleSessionSummary) summary = staple_session_summary_new ();

      /* The setters, not g_object_set (): thousands of rows, by name, add up. */
      staple_session_summary_set_id (summary, sqlite3_column_int64 (stmt, 0));
      staple_session_summary_set_title (summary, column_text (stmt, 1));
      staple_session_summary_set_organisation (summary, column_text (stmt, 2));
      staple_session_summary_set_date (summary, column_text (stmt, 3));
      staple_session_summary_set_updated (summary, sqlite3_column_int64 (stmt, 4));
      staple_session_summary_set_n_stages (summary, (guint) sqlite3_column_int (stmt, 5));
      staple_session_summary_set_n_frictions (summary, (guint) sqlite3_column_int (stmt, 6));
      staple_session_summary_set_n_open_actions (summary, (guint) sqlite3_column_int (stmt, 7));

      if (match != NULL)
        {
          if (source == NULL)
            {
              source = g_atomic_rc_box_new0 (SnippetSource);
              source->store = g_object_ref (self);
              source->match = g_strdup (match);
            }
          staple_session_summary_set_snippet_func (summary, make_snippet_cb,
                                                   g_atomic_rc_box_acquire (source),
                                                   snippet_source_release);
        }
      g_list_store_append (list, summary);
    }

  finish (stmt);
  g_clear_pointer (&source, snippet_source_release);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * staple_store_list_organisations:
 *
 * Returns: (transfer full) (element-type utf8): the organisations of the
 *   sessions not in the trash, each once, in alphabetical order, without the
 *   empty one; or %NULL with @error set
 */
GPtrArray *
staple_store_list_organisations (StapleStore  *self,
                                 GError      **error)
{
  g_autoptr(GPtrArray) organisations = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT DISTINCT organisation FROM sessions"
                  " WHERE trashed = 0 AND organisation <> ''"
                  " ORDER BY organisation COLLATE NOCASE, organisation",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (organisations, g_strdup (column_text (stmt, 0)));

  finish (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&organisations);
}

/* Writing rows */

static gboolean
insert_done (StapleStore  *self,
             sqlite3_stmt *stmt,
             GObject      *object,
             GError      **error)
{
  gint64 id;

  if (!run (self, stmt, error))
    return FALSE;

  g_object_get (object, "id", &id, NULL);
  if (id <= 0)
    g_object_set (object, "id", sqlite3_last_insert_rowid (self->db), NULL);

  return TRUE;
}

/* Search index. The schema has no triggers (an imported file with triggers is
 * refused, and our own files must pass that check), so every write that can
 * change a session's text ends by gathering that text again, as migration 3
 * did for the sessions it found. */

#define GATHER_SESSION_TEXT \
  "SELECT s.id, s.title, s.organisation," \
  "  ifnull ((SELECT group_concat (name || ' ' || team || ' ' || notes, ' ')" \
  "    FROM stages WHERE session_id = s.id), '') || ' ' ||" \
  "  ifnull ((SELECT group_concat (f.text || ' ' || f.notes, ' ')" \
  "    FROM frictions f JOIN stages st ON f.stage_id = st.id" \
  "    WHERE st.session_id = s.id), '') || ' ' ||" \
  "  ifnull ((SELECT group_concat (text, ' ') FROM actions" \
  "    WHERE session_id = s.id), '') || ' ' ||" \
  "  ifnull ((SELECT group_concat (text, ' ') FROM empowerments" \
  "    WHERE session_id = s.id), '') || ' ' ||" \
  "  ifnull ((SELECT group_concat (name || ' ' || role, ' ') FROM participants" \
  "    WHERE session_id = s.id), '')" \
  " FROM sessions s WHERE s.trashed = 0"

static gboolean
unindex_session (StapleStore  *self,
                 gint64        session_id,
                 GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM session_search WHERE rowid = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  return run (self, stmt, error);
}

/* Whether the index holds these words for the session already, as it does
 * after most edits: moving a card, voting, a feeling, the time. */
static gboolean
is_indexed (StapleStore  *self,
            sqlite3_stmt *gathered,
            gint64        session_id)
{
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT title, organisation, body FROM session_search"
                                " WHERE rowid = ?1",
                                NULL);
  gboolean same = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      same = TRUE;
      for (int i = 0; i < 3; i++)
        same = same && g_str_equal (column_text (stmt, i), column_text (gathered, i + 1));
    }
  finish (stmt);

  return same;
}

/* Gathers the session's words again and puts them in the index if they
 * changed. A session in the trash is taken out of the index instead. */
static gboolean
index_session (StapleStore  *self,
               gint64        session_id,
               GError      **error)
{
  sqlite3_stmt *gathered;
  sqlite3_stmt *insert;
  gboolean ok = TRUE;
  int rc;

  gathered = prepare (self, GATHER_SESSION_TEXT " AND s.id = ?1", error);
  insert = prepare (self,
                    "INSERT INTO session_search (rowid, title, organisation, body)"
                    " VALUES (?1, ?2, ?3, ?4)",
                    error);
  if (gathered == NULL || insert == NULL)
    return FALSE;

  sqlite3_bind_int64 (gathered, 1, session_id);
  rc = sqlite3_step (gathered);

  if (rc == SQLITE_DONE)
    ok = unindex_session (self, session_id, error);
  else if (rc != SQLITE_ROW)
    {
      set_error_from_code (self, error, rc);
      ok = FALSE;
    }
  else if (!is_indexed (self, gathered, session_id))
    {
      sqlite3_bind_int64 (insert, 1, session_id);
      for (int i = 1; i <= 3; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (gathered, i));
      ok = unindex_session (self, session_id, error) && run (self, insert, error);
    }

  finish (insert);
  finish (gathered);
  return ok;
}

/**
 * staple_store_rebuild_search:
 *
 * Gathers the text of every session not in the trash into the search index
 * again, in one transaction. For a file whose index is damaged or was
 * written by hand, and for filling a generated library at once.
 */
gboolean
staple_store_rebuild_search (StapleStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);

  if (!staple_store_begin (self, error))
    return FALSE;

  if (!exec (self, "DELETE FROM session_search", error) ||
      !exec (self, "INSERT INTO session_search (rowid, title, organisation, body) "
                   GATHER_SESSION_TEXT, error) ||
      !staple_store_commit (self, error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_store_touch_session:
 *
 * Marks a session as changed now, for the library's ordering and display,
 * and brings its entry in the search index up to date. Every edit calls it
 * inside its transaction.
 */
gboolean
staple_store_touch_session (StapleStore  *self,
                            gint64        session_id,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (IN_TRANSACTION (self), FALSE);

  stmt = prepare (self, "UPDATE sessions SET updated = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now_seconds ());
  sqlite3_bind_int64 (stmt, 2, session_id);
  return run (self, stmt, error) && index_session (self, session_id, error);
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
                  " principle, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_id (stmt, 1, staple_friction_get_id (friction));
  sqlite3_bind_int64 (stmt, 2, staple_friction_get_stage_id (friction));
  sqlite3_bind_int (stmt, 3, staple_friction_get_position (friction));
  bind_text (stmt, 4, staple_friction_get_text (friction));
  bind_enum (stmt, 5, STAPLE_TYPE_FRICTION_KIND, staple_friction_get_kind (friction));
  sqlite3_bind_int (stmt, 6, staple_friction_get_severity (friction));
  bind_enum (stmt, 7, STAPLE_TYPE_PRINCIPLE, staple_friction_get_principle (friction));
  bind_text (stmt, 8, staple_friction_get_notes (friction));

  return insert_done (self, stmt, G_OBJECT (friction), error);
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
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_id (stmt, 1, staple_stage_get_id (stage));
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

  if (!insert_done (self, stmt, G_OBJECT (stage), error))
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
                  "INSERT INTO participants (id, session_id, position, name, role, abstains)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_id (stmt, 1, staple_participant_get_id (participant));
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, staple_participant_get_name (participant));
  bind_text (stmt, 5, staple_participant_get_role (participant));
  sqlite3_bind_int (stmt, 6, staple_participant_get_abstains (participant));

  return insert_done (self, stmt, G_OBJECT (participant), error);
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
                  "INSERT INTO votes (id, participant_id, friction_id) VALUES (?1, ?2, ?3)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_id (stmt, 1, staple_vote_get_id (vote));
  sqlite3_bind_int64 (stmt, 2, staple_vote_get_participant_id (vote));
  sqlite3_bind_int64 (stmt, 3, staple_vote_get_friction_id (vote));

  return insert_done (self, stmt, G_OBJECT (vote), error);
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
                  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_id (stmt, 1, staple_action_get_id (action));
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, staple_action_get_text (action));
  bind_id (stmt, 5, staple_action_get_owner_id (action));
  bind_text (stmt, 6, staple_action_get_due (action));
  bind_enum (stmt, 7, STAPLE_TYPE_ACTION_STATUS, staple_action_get_status (action));

  return insert_done (self, stmt, G_OBJECT (action), error) &&
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
                  " VALUES (?1, ?2, ?3, ?4)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_id (stmt, 1, staple_empowerment_get_id (item));
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, staple_empowerment_get_text (item));

  return insert_done (self, stmt, G_OBJECT (item), error);
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
  { "status", "status" }, { NULL, NULL }
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
      !index_session (self, staple_session_get_id (session), error) ||
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
                   _("There is no session %" G_GINT64_FORMAT "."), session_id);
      return FALSE;
    }

  /* A trashed session is not found by search; one restored is again. */
  if (!index_session (self, session_id, error) ||
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
      !exec (self, "DELETE FROM sessions WHERE trashed = 1", error) ||
      !staple_store_commit (self, error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

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

static StapleSession *
follow_up_of (StapleSession *old,
              const char    *date)
{
  StapleSession *session = staple_session_new ();
  GListModel *list;

  g_object_set (session,
                "title", staple_session_get_title (old),
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
      g_autoptr(StapleParticipant) copy = staple_participant_new ();

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

  return session;
}

/**
 * staple_store_walk_again:
 * @session_id: the walk to follow up
 * @date: the new walk's date, YYYY-MM-DD (today)
 *
 * Starts a new walk of the same journey: the frame, the people and the
 * stages of @session_id, no friction points yet, and the actions still open,
 * which the new session reviews first. The new session is linked to the old.
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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), 0);
  g_return_val_if_fail (date != NULL, 0);

  old = staple_store_load_session (self, session_id, error);
  if (old == NULL)
    return 0;

  session = follow_up_of (old, date);
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
