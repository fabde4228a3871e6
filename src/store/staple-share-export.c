/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-share-export.c: writing one session as a self-contained .staple
 * file: a small Staple database holding that session, made in a temporary
 * folder beside it and renamed into place. */
#define G_LOG_DOMAIN "staple-share"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "staple-schema.h"
#include "staple-share.h"

/* Export */

/* What an export writes in its temporary folder, and nothing else. */
static const char * const export_suffixes[] = { "", "-wal", "-shm", "-journal" };

#define EXPORT_FILE_NAME "session.staple"
/* An unlocked, empty export folder younger than this may belong to an
 * export that has made it and not yet locked it. */
#define EXPORT_STALE_SECONDS 60

static void
remove_export_leftovers (const char *dir,
                         const char *temp)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (temp, export_suffixes[i], NULL);

      g_unlink (file);
    }

  g_rmdir (dir);
}

/* An export holds an exclusive lock on its folder while it runs; the kernel
 * drops it when the process ends, however it ends. Returns the descriptor
 * that holds it, or -1 where locks are not to be had. */
static int
lock_export_dir (const char *dir,
                 gboolean    wait)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);

  if (fd >= 0 && flock (fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0)
    {
      g_close (fd, NULL);
      return -1;
    }

  return fd;
}

static gboolean
holds_only_export_files (const char *dir,
                         gboolean   *out_empty)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  *out_empty = TRUE;
  if (listing == NULL)
    return FALSE;

  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      gboolean ours = FALSE;

      for (guint i = 0; !ours && i < G_N_ELEMENTS (export_suffixes); i++)
        {
          g_autofree char *name = g_strconcat (EXPORT_FILE_NAME, export_suffixes[i], NULL);

          ours = g_str_equal (entry, name);
        }
      if (!ours)
        return FALSE;
      *out_empty = FALSE;
    }

  return TRUE;
}

/* Removes the temporary folders PATH.export-XXXXXX that exports to @path
 * killed on the way left behind: ours (same user, a real folder), holding
 * only what an export writes, and not locked by an export still running. */
static void
remove_stale_exports (const char *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".export-", NULL);
  g_autoptr(GDir) listing = g_dir_open (parent, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *dir = NULL;
      g_autofree char *temp = NULL;
      gboolean empty = TRUE;
      GStatBuf st;
      int fd;

      if (!g_str_has_prefix (entry, prefix) || strlen (entry) != strlen (prefix) + 6)
        continue;

      dir = g_build_filename (parent, entry, NULL);
      if (g_lstat (dir, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
        continue;

      fd = lock_export_dir (dir, FALSE);
      if (fd < 0)
        continue;

      if (holds_only_export_files (dir, &empty) &&
          (!empty || st.st_mtime < g_get_real_time () / G_USEC_PER_SEC - EXPORT_STALE_SECONDS))
        {
          temp = g_build_filename (dir, EXPORT_FILE_NAME, NULL);
          g_debug ("Removing %s, left by an export that did not finish", dir);
          remove_export_leftovers (dir, temp);
        }
      g_close (fd, NULL);
    }
}

static gboolean
sync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;

  ok = fsync (fd) == 0;
  g_close (fd, NULL);
  return ok;
}

/* The library keeps its own things the file does not need: triggers and
 * views (which an import refuses) and the search index, which the library
 * that imports the session builds for itself. The file goes back to a
 * rollback journal so that it is one file, not three. */
static gboolean
finish_export_file (const char  *temp,
                    GError     **error)
{
  g_autoptr(GString) drops = g_string_new ("");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;
  int rc;

  rc = sqlite3_open_v2 (temp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT type, name FROM sqlite_schema"
                             " WHERE type IN ('trigger', 'view')",
                             -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      char *sql = sqlite3_mprintf ("DROP %s IF EXISTS \"%w\";",
                                   g_str_equal (type, "view") ? "VIEW" : "TRIGGER",
                                   (const char *) sqlite3_column_text (stmt, 1));

      g_string_append (drops, sql);
      sqlite3_free (sql);
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, drops->str, NULL, NULL, &message);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db,
                       "DROP TABLE IF EXISTS session_search;"
                       "PRAGMA journal_mode = DELETE;"
                       "PRAGMA synchronous = FULL;"
                       "VACUUM;",
                       NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_set_error (error, STAPLE_STORE_ERROR,
                 rc == SQLITE_FULL ? STAPLE_STORE_ERROR_FULL : STAPLE_STORE_ERROR_FAILED,
                 "%s", message != NULL ? message : sqlite3_errstr (rc));

  sqlite3_free (message);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

static gboolean
write_export (StapleSession  *session,
              const char     *temp,
              GError        **error)
{
  g_autoptr(StapleStore) out = staple_store_open (temp, error);

  return out != NULL && staple_store_add_session (out, session, error);
}

/**
 * staple_store_export_session:
 * @session_id: the session to export
 * @path: the .staple file to write; replaced if it exists
 *
 * Writes one session, with everything it holds, as a self-contained Staple
 * database (our schema at the current version, rollback journal). The file
 * is made in a temporary folder beside @path, synced, then renamed into
 * place: on failure nothing is left at @path, and an older file there is
 * kept. Temporary folders that earlier exports to @path left when they
 * were killed are removed first; those of exports still running are not.
 *
 * Returns: %TRUE on success, or %FALSE with @error set
 */
gboolean
staple_store_export_session (StapleStore  *self,
                             gint64        session_id,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *temp = NULL;
  int saved_errno;
  int lock = -1;

  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  session = staple_store_load_session (self, session_id, error);
  if (session == NULL)
    return FALSE;

  name = g_filename_display_name (path);
  remove_stale_exports (path);
  dir = g_strconcat (path, ".export-XXXXXX", NULL);
  if (g_mkdtemp_full (dir, 0700) == NULL)
    {
      saved_errno = errno;
      g_set_error (error, STAPLE_STORE_ERROR,
                   saved_errno == ENOSPC ? STAPLE_STORE_ERROR_FULL :
                   saved_errno == ENOENT ? STAPLE_STORE_ERROR_NOT_FOUND
                                         : STAPLE_STORE_ERROR_READ_ONLY,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  lock = lock_export_dir (dir, TRUE);
  temp = g_build_filename (dir, EXPORT_FILE_NAME, NULL);

  if (!write_export (session, temp, &local_error) ||
      !finish_export_file (temp, &local_error))
    {
      remove_export_leftovers (dir, temp);
      if (lock >= 0)
        g_close (lock, NULL);
      g_set_error (error, STAPLE_STORE_ERROR, local_error->code,
                   _("Could not write “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  if (!sync_path (temp) || g_rename (temp, path) != 0)
    {
      saved_errno = errno;
      remove_export_leftovers (dir, temp);
      if (lock >= 0)
        g_close (lock, NULL);
      g_set_error (error, STAPLE_STORE_ERROR,
                   saved_errno == ENOSPC ? STAPLE_STORE_ERROR_FULL : STAPLE_STORE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  /* The rename itself reaches the disk with its folder. */
  parent = g_path_get_dirname (path);
  sync_path (parent);
  g_rmdir (dir);
  if (lock >= 0)
    g_close (lock, NULL);

  return TRUE;
}
