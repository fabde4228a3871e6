/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-file.c: writing an export so that it is whole or absent.
 *
 * Every export goes to a temporary file in the target's folder (so that the
 * rename stays on one file system), is flushed with fsync, and only then
 * takes the target's name. A crash, a full disk or a bad path leaves the
 * previous file, or nothing, never half a file.
 */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "staple-export.h"
#include "staple-export-private.h"

/* What the person exporting can do about a failed write, by its errno;
 * 0 when only a library's status is known. */
static const char *
write_advice (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      return _("The disk is full: free some space, or export to another disk.");
    case EFBIG:
      return _("The file is too big for that disk: export to another disk.");
    case EACCES:
    case EPERM:
    case EROFS:
      return _("That folder cannot be written to: export to another one, such as Documents.");
    case ENOENT:
    case ENOTDIR:
      return _("That folder is not there: choose another one.");
    case ENAMETOOLONG:
      return _("The name is too long: choose a shorter one.");
    case EIO:
      return _("The disk reported an error: check that it is still connected, or export to "
               "another disk.");
    default:
      return _("Try again, or export to another folder.");
    }
}

/**
 * staple_export_set_write_error:
 * @path: the file that was to be written
 * @saved_errno: the errno of the failed write, or 0
 * @reason: (nullable): what went wrong, when there is no errno (a cairo
 *   status, say)
 *
 * Says what failed, what the person can do about it, and that an earlier
 * file of that name is as it was (exports replace a file only once the new
 * one is whole).
 */
void
staple_export_set_write_error (GError     **error,
                               const char  *path,
                               int          saved_errno,
                               const char  *reason)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED,
               /* Translators: the file's name, why the write failed, what to do */
               _("Could not write “%s”: %s. %s Any earlier file of that name is unchanged."),
               name, saved_errno != 0 ? g_strerror (saved_errno) : reason,
               write_advice (saved_errno));
}

void
staple_export_set_io_error (GError     **error,
                            const char  *path,
                            int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s. %s Any earlier file of that name is unchanged."),
               name, g_strerror (saved_errno), write_advice (saved_errno));
}

gboolean
staple_export_file_open (StapleExportFile  *file,
                         const char        *path,
                         GError           **error)
{
  g_assert (file != NULL);
  g_assert (path != NULL);

  file->path = g_strdup (path);
  file->temp = g_strconcat (path, ".XXXXXX", NULL);
  file->write_errno = 0;
  file->fd = g_mkstemp_full (file->temp, O_RDWR | O_CLOEXEC, 0644);
  if (file->fd < 0)
    {
      staple_export_set_io_error (error, path, errno);
      g_clear_pointer (&file->path, g_free);
      g_clear_pointer (&file->temp, g_free);
      return FALSE;
    }

  return TRUE;
}

gboolean
staple_export_file_write (StapleExportFile  *file,
                          const void        *data,
                          gsize              length,
                          GError           **error)
{
  const char *p = data;

  g_assert (file->fd >= 0);

  while (length > 0)
    {
      gssize written = write (file->fd, p, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          if (file->write_errno == 0)
            file->write_errno = written < 0 ? errno : ENOSPC;
          staple_export_set_io_error (error, file->path, file->write_errno);
          return FALSE;
        }

      p += written;
      length -= (gsize) written;
    }

  return TRUE;
}

/* Drops the temporary file; safe to call on a file that failed to open or
 * was already committed. */
void
staple_export_file_abort (StapleExportFile *file)
{
  g_assert (file != NULL);

  if (file->fd >= 0)
    g_close (file->fd, NULL);
  file->fd = -1;

  if (file->temp != NULL)
    g_unlink (file->temp);

  g_clear_pointer (&file->path, g_free);
  g_clear_pointer (&file->temp, g_free);
}

/* Flushes, closes and renames. On failure the temporary file is removed and
 * whatever was at the path before is left alone. */
gboolean
staple_export_file_commit (StapleExportFile  *file,
                           GError           **error)
{
  int fd = file->fd;
  int saved_errno = 0;

  g_assert (fd >= 0);

  /* A writer such as cairo may go on after a failed write and not say so. */
  file->fd = -1;
  saved_errno = file->write_errno;
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (file->temp, file->path) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      staple_export_set_io_error (error, file->path, saved_errno);
      staple_export_file_abort (file);
      return FALSE;
    }

  g_clear_pointer (&file->path, g_free);
  g_clear_pointer (&file->temp, g_free);
  return TRUE;
}

/* The whole of @data as @path, or nothing. */
gboolean
staple_export_write_bytes (const char  *path,
                           const void  *data,
                           gsize        length,
                           GError     **error)
{
  StapleExportFile file = { NULL, NULL, -1, 0 };

  if (!staple_export_file_open (&file, path, error))
    return FALSE;

  if (!staple_export_file_write (&file, data, length, error))
    {
      staple_export_file_abort (&file);
      return FALSE;
    }

  return staple_export_file_commit (&file, error);
}
