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
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "staple-file-guard.h"
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

/* quick_check's report may run over several lines ("*** in database main
 * ***", then the problem): the message is one line, naming the problem. */
static char *
first_problem (const char *report)
{
  g_auto(GStrv) lines = g_strsplit_set (report, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "***"))
        return g_strdup (lines[i]);
    }

  return g_strdup (_("unknown damage"));
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
    problem = first_problem (column_text (stmt, 0));

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

/* A clean close (staple_store_mark_closed()) notes, in the user's cache
 * (not beside the database, whose folder is the user's own), the file as
 * it was left: device, inode, size and both times, with no log holding
 * anything more. While the file is still exactly that, nothing has
 * written to it since a close that SQLite finished, so the whole-file
 * quick_check (which reads every page: 20 s for a cold 2 GB library) is
 * left out. A crash (a log with frames in it, or a file written after the
 * note), or any other program writing, moving or replacing the file,
 * changes what the note says, and the file is checked on opening. */
static char *
closed_mark_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);

  return g_build_filename (g_get_user_cache_dir (), "staple", "closed", name, NULL);
}

static char *
fingerprint (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat st;

  if (stat (wal, &st) == 0 && st.st_size > 0)
    return NULL;
  if (stat (path, &st) != 0)
    return NULL;

  return g_strdup_printf ("staple-closed 1 %ju %ju %jd %jd.%09ld %jd.%09ld\n",
                          (uintmax_t) st.st_dev, (uintmax_t) st.st_ino, (intmax_t) st.st_size,
                          (intmax_t) st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                          (intmax_t) st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
}

static gboolean
closed_cleanly (const char *path)
{
  g_autofree char *mark = closed_mark_path (path);
  g_autofree char *noted = NULL;
  g_autofree char *now = fingerprint (path);

  return now != NULL && g_file_get_contents (mark, &noted, NULL, NULL) &&
         g_str_equal (noted, now);
}

/* For staple_store_finalize(), once the connection is closed. */
void
staple_store_mark_closed (const char *path)
{
  g_autofree char *mark = closed_mark_path (path);
  g_autofree char *folder = g_path_get_dirname (mark);
  g_autofree char *now = fingerprint (path);

  if (now != NULL && g_mkdir_with_parents (folder, 0700) != 0)
    g_clear_pointer (&now, g_free);

  /* No note (a log left behind, a folder we cannot write): the next open
   * checks the file, as it did every time before. */
  if (now == NULL || !g_file_set_contents_full (mark, now, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                                0600, NULL))
    g_unlink (mark);
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

  if (!query_int (self, "SELECT count(*) FROM sqlite_schema WHERE name = 'sessions'",
                  &n_tables, error) ||
      !query_int (self, "PRAGMA user_version", out_version, error))
    return FALSE;

  /* Staple marks every database it makes before it links it into place,
   * so an unmarked one, even an empty one, belongs to another program. */
  if (app_id != STAPLE_STORE_APPLICATION_ID)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                   _("“%s” is a database of another program, not a Staple database."), name);
      return FALSE;
    }

  *out_empty = *out_version == 0;

  if (*out_version >= 1 && n_tables == 0)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged: its sessions table is missing. It was left as it was; "
                     "restore it from a backup."), name);
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

  if (*out_empty || closed_cleanly (self->path))
    return TRUE;

  self->checked_on_open = TRUE;
  return quick_check (self, error);
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
       gboolean    *out_checked,
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
  *out_checked = reader->checked_on_open;
  g_clear_pointer (&reader->db, sqlite3_close);

  /* Reading a database in WAL mode makes a shared-memory file and an empty
   * log beside it; what we made, we take away. */
  if (!had_shm)
    g_unlink (shm);
  if (!had_wal && g_stat (wal, &st) == 0 && st.st_size == 0)
    g_unlink (wal);

  return ok;
}

static gboolean
mark_as_ours (StapleStore  *self,
              GError      **error)
{
  g_autofree char *set_app_id = g_strdup_printf ("PRAGMA application_id = %d",
                                                 STAPLE_STORE_APPLICATION_ID);

  return exec (self, set_app_id, error);
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
      !mark_as_ours (maker, error) ||
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

/* Opens the connection the store works through, on a file already checked. */
static gboolean
open_connection (StapleStore  *self,
                 GError      **error)
{
  int rc;

  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close);

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Only the Staple that has the library open lets its log go when it
   * closes; any other connection (the command line while the window runs)
   * never deletes it, whatever it thinks of the locks. */
  if (!self->claimed)
    {
      int persist = 1;

      sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    }

  return exec (self, "PRAGMA journal_mode = WAL", error) &&
         exec (self, "PRAGMA synchronous = FULL", error) &&
         exec (self, "PRAGMA foreign_keys = ON", error) &&
         /* What is deleted is overwritten with zeros, not left in free pages. */
         exec (self, "PRAGMA secure_delete = ON", error) &&
         (self->claimed || exec (self, "PRAGMA journal_size_limit = 0", error)) &&
         /* Room for a big library's search index and counts (the default is
          * 2 MiB); pages are only taken as they are read. */
         exec (self, "PRAGMA cache_size = -32768", error);
}

/* Notes which files the connection has, to notice them deleted or replaced. */
static void
remember_files (StapleStore *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;

  self->db_dev = self->wal_dev = 0;
  self->db_ino = self->wal_ino = 0;

  if (g_stat (self->path, &st) == 0)
    {
      self->db_dev = st.st_dev;
      self->db_ino = st.st_ino;
    }

  if (g_stat (wal, &st) == 0)
    {
      self->wal_dev = st.st_dev;
      self->wal_ino = st.st_ino;
    }
}

static gboolean
claim (StapleStore  *self,
       GError      **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  g_autofree char *holder = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd = staple_file_guard_claim (self->path, &holder, &local_error);

  if (fd >= 0)
    {
      staple_file_guard_release (self->guard_fd);
      self->guard_fd = fd;
      return TRUE;
    }

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_BUSY))
    {
      if (holder != NULL)
        g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_IN_USE,
                     _("“%s” is open in another Staple, of %s. A library is edited in one "
                       "place at a time so that no change is lost: close Staple there first."),
                     name, holder);
      else
        g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_IN_USE,
                     _("“%s” is open in another Staple (another user account or another "
                       "login). A library is edited in one place at a time so that no change "
                       "is lost: close Staple there first."),
                     name);
      return FALSE;
    }

  g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_READ_ONLY,
               _("Could not open “%s”: %s"), name, local_error->message);
  return FALSE;
}

/**
 * staple_store_open_full:
 * @path: the database file; created (0600) if missing, in a folder that exists
 * @version: the schema version to migrate to, at most the current one
 * @flags: #StapleStoreOpenFlags
 *
 * Opens a Staple database and brings its schema up to @version. A file that
 * is not ours, damaged, newer, read-only, locked or (with
 * %STAPLE_STORE_OPEN_CLAIM) open in another Staple is refused with a message
 * naming it, and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
/* Each table's last id as the store opens it, so that no row deleted
 * after (an undo may bring it back) has its id given to a new one: a
 * seek to the end of each table. */
static gboolean
remember_high_ids (StapleStore  *self,
                   GError      **error)
{
  static const char *const sql[STAPLE_N_ID_TABLES] = {
    [STAPLE_ID_STAGES] = "SELECT ifnull(max(id), 0) FROM stages",
    [STAPLE_ID_FRICTIONS] = "SELECT ifnull(max(id), 0) FROM frictions",
    [STAPLE_ID_PARTICIPANTS] = "SELECT ifnull(max(id), 0) FROM participants",
    [STAPLE_ID_VOTES] = "SELECT ifnull(max(id), 0) FROM votes",
    [STAPLE_ID_ACTIONS] = "SELECT ifnull(max(id), 0) FROM actions",
    [STAPLE_ID_EMPOWERMENTS] = "SELECT ifnull(max(id), 0) FROM empowerments",
  };

  for (guint i = 0; i < STAPLE_N_ID_TABLES; i++)
    {
      sqlite3_stmt *stmt = staple_store_prepare (self, sql[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          staple_store_set_error (self, error, rc);
          sqlite3_reset (stmt);
          return FALSE;
        }
      self->high_ids[i] = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  return TRUE;
}

StapleStore *
staple_store_open_full (const char            *path,
                        int                    version,
                        StapleStoreOpenFlags   flags,
                        GError               **error)
{
  g_autoptr(StapleStore) self = NULL;
  gint64 current = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= STAPLE_SCHEMA_VERSION, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_database (path, version, error))
    return NULL;

  self = g_object_new (STAPLE_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->claimed = (flags & STAPLE_STORE_OPEN_CLAIM) != 0;

  if (!check_writable (path, error) ||
      (self->claimed && !claim (self, error)) ||
      !probe (path, &current, &self->checked_on_open, error))
    return NULL;

  /* Only now, knowing the file is ours, do we open it for writing. */
  if (!open_connection (self, error) ||
      !migrate (self, (int) current, MAX (version, (int) current), error))
    return NULL;

  /* (A store kept at an older version, for the tests that upgrade, may not
   * have all those tables yet.) */
  if (MAX (version, (int) current) == STAPLE_SCHEMA_VERSION && !remember_high_ids (self, error))
    return NULL;

  /* Edits run on the UI thread: wait only a moment for another writer. */
  sqlite3_busy_timeout (self->db, EDIT_BUSY_TIMEOUT_MS);
  remember_files (self);

  return g_steal_pointer (&self);
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
  return staple_store_open_full (path, version, STAPLE_STORE_OPEN_DEFAULT, error);
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
  return staple_store_open_full (path, STAPLE_SCHEMA_VERSION, STAPLE_STORE_OPEN_DEFAULT, error);
}

/* Keeping hold of the files.
 *
 * While the window runs, the user or another program may delete, move or
 * replace the database, or delete its write-ahead log (a program that
 * ignores the locks, or `rm`). The connection keeps writing to the files it
 * opened, which are then gone from the folder, and everything written after
 * would vanish with the process. Before each write the window's store looks
 * at the folder; when its files are not there any more, it first moves all
 * it holds into the database file it still has open, then writes that whole
 * database back where it belongs (or beside a file that took its place), and
 * carries on there. */

typedef enum
{
  FILES_OK,
  FILES_LOG_GONE,
  FILES_DATABASE_GONE,
  FILES_DATABASE_REPLACED,
} FilesState;

static FilesState
look_at_files (StapleStore *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    return FILES_DATABASE_GONE;

  if (st.st_dev != self->db_dev || st.st_ino != self->db_ino)
    return FILES_DATABASE_REPLACED;

  /* A log made after the store opened is the store's own. */
  if (self->wal_ino == 0 && g_stat (wal, &st) == 0)
    {
      self->wal_dev = st.st_dev;
      self->wal_ino = st.st_ino;
    }

  if (self->wal_ino != 0 &&
      (g_stat (wal, &st) != 0 || st.st_dev != self->wal_dev || st.st_ino != self->wal_ino))
    return FILES_LOG_GONE;

  return FILES_OK;
}

/* Everything in the log goes into the database file the connection has. */
static gboolean
checkpoint (StapleStore  *self,
            GError      **error)
{
  int busy = 0;
  int rc = sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, &busy);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

static gboolean
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;

  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Writes the whole database, as the connection sees it, to a new file at
 * @target, which must not exist. */
static gboolean
write_copy (StapleStore  *self,
            const char   *target,
            GError      **error)
{
  g_autoptr(StapleStore) copy = g_object_new (STAPLE_TYPE_STORE, NULL);
  g_autofree char *temp = g_strconcat (target, ".new-XXXXXX", NULL);
  sqlite3_backup *backup;
  int saved_errno;
  int fd;
  int rc;

  copy->path = g_strdup (target);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, STAPLE_STORE_ERROR,
                   saved_errno == ENOSPC ? STAPLE_STORE_ERROR_FULL : STAPLE_STORE_ERROR_READ_ONLY,
                   "%s", g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  rc = sqlite3_open_v2 (temp, &copy->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK && exec (copy, "PRAGMA synchronous = FULL", error))
    {
      backup = sqlite3_backup_init (copy->db, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (copy->db);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup) == SQLITE_OK && rc == SQLITE_DONE
               ? SQLITE_OK : sqlite3_errcode (copy->db);
        }
      if (rc == SQLITE_OK && !checkpoint (copy, error))
        rc = SQLITE_ERROR;
      else if (rc != SQLITE_OK)
        set_error_from_code (copy, error, rc);
    }
  else if (rc != SQLITE_OK)
    set_error_from_code (copy, error, rc);

  g_clear_pointer (&copy->db, sqlite3_close);
  if (rc == SQLITE_OK && link (temp, target) != 0)
    {
      saved_errno = errno;
      rc = SQLITE_ERROR;
      g_set_error (error, STAPLE_STORE_ERROR, saved_errno == EEXIST ? STAPLE_STORE_ERROR_IN_USE
                                                                    : STAPLE_STORE_ERROR_READ_ONLY,
                   "%s", g_strerror (saved_errno));
    }

  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *leftover = g_strconcat (temp, suffixes[i], NULL);

      g_unlink (leftover);
    }

  return rc == SQLITE_OK && sync_folder (target);
}

/* A name beside @path for a copy of it: "sessions-recovered-2026-12-01-1030.db". */
static char *
recovered_name (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *stem = g_strdup (path);
  char *dot = strrchr (stem, '.');
  char *slash = strrchr (stem, '/');

  if (dot != NULL && (slash == NULL || dot > slash))
    *dot = '\0';

  return g_strdup_printf ("%s-recovered-%s.db", stem, stamp);
}

/* Where the file the store has open is now, if it was moved. */
static char *
moved_to (StapleStore *self)
{
  g_autofree char *link = NULL;
  GStatBuf st;

  if (self->guard_fd < 0 || fstat (self->guard_fd, &st) != 0 || st.st_nlink == 0)
    return NULL;

  link = g_strdup_printf ("/proc/self/fd/%d", self->guard_fd);
  return g_file_read_link (link, NULL);
}

/* Carries on at @target, a database holding everything the store had. */
static gboolean
carry_on_at (StapleStore  *self,
             const char   *target,
             GError      **error)
{
  int persist = 1;

  /* The old connection must not delete, by name, a log that is not its own. */
  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);

  g_free (self->path);
  self->path = g_strdup (target);

  /* The claim on the old file would stand in the way of one on the same file. */
  staple_file_guard_release (self->guard_fd);
  self->guard_fd = -1;

  if (!open_connection (self, error) || !claim (self, error))
    return FALSE;

  sqlite3_busy_timeout (self->db, EDIT_BUSY_TIMEOUT_MS);
  remember_files (self);
  return TRUE;
}

static gboolean
recover (StapleStore  *self,
         FilesState    state,
         GError      **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  g_autofree char *original = g_strdup (self->path);
  g_autofree char *target = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!checkpoint (self, error))
    return FALSE;

  if (state == FILES_LOG_GONE)
    {
      if (!carry_on_at (self, original, error))
        return FALSE;
      message = g_strdup_printf (_("Another program deleted the log of “%s” while Staple was "
                                   "writing to it. Staple saved everything into “%s” and "
                                   "carries on; nothing was lost."), name, name);
    }
  else
    {
      moved = state == FILES_DATABASE_GONE ? moved_to (self) : NULL;
      target = state == FILES_DATABASE_GONE ? g_strdup (original) : recovered_name (original);

      if (!write_copy (self, target, &local_error))
        {
          /* Someone made a file there meanwhile: keep theirs, write beside it. */
          g_clear_error (&local_error);
          g_free (target);
          target = recovered_name (original);
          if (!write_copy (self, target, error))
            return FALSE;
          state = FILES_DATABASE_REPLACED;
        }

      if (!carry_on_at (self, target, error))
        return FALSE;

      if (state == FILES_DATABASE_REPLACED)
        {
          g_autofree char *target_name = g_filename_display_name (target);

          message = g_strdup_printf (_("“%s” was replaced by another file while Staple had it "
                                       "open. Your work is safe in “%s”, where Staple carries "
                                       "on; the new “%s” was left as it is."),
                                     name, target_name, name);
        }
      else if (moved != NULL)
        {
          g_autofree char *moved_name = g_filename_display_name (moved);

          message = g_strdup_printf (_("“%s” was moved to “%s” while Staple had it open. "
                                       "Staple wrote everything back to “%s” and carries on "
                                       "there; the moved file holds the same sessions up to "
                                       "now."), name, moved_name, name);
        }
      else
        message = g_strdup_printf (_("“%s” was deleted while Staple had it open. Staple wrote "
                                     "it again with everything in it; nothing was lost."), name);
    }

  g_message ("%s", message);
  staple_store_emit_recovered (self, message);
  return TRUE;
}

/**
 * staple_store_verify_files:
 *
 * Makes sure the files the store writes to are still the library's files
 * in its folder, recovering as described above if they are not. Runs
 * before each write of a store opened with %STAPLE_STORE_OPEN_CLAIM.
 *
 * Returns: whether the store can write
 */
gboolean
staple_store_verify_files (StapleStore  *self,
                           GError      **error)
{
  FilesState state;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);

  state = look_at_files (self);
  return state == FILES_OK || recover (self, state, error);
}
