/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-store-open.c: opening a library, and keeping hold of its files.
 *
 * Opening checks, read-only, that the file is ours, readable and not newer
 * than this build before anything is written to it, so a file we refuse is
 * left exactly as it was.
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
#include "staple-store-private.h"

#define BUSY_TIMEOUT_MS 3000
#define EDIT_BUSY_TIMEOUT_MS 250

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
