/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-file-guard.c: locks that hold whatever else opens the database.
 *
 * SQLite locks its files with POSIX record locks, which belong to the
 * process: closing *any* descriptor of the file drops them all. A file
 * dialog sniffing the folder, a thumbnailer, any library of the process that
 * opens and closes the database is enough; another program then thinks it is
 * the last one on the file, checkpoints and deletes the write-ahead log the
 * app is still writing to, and every later edit goes into a deleted file.
 *
 * Linux's open-file-description locks (F_OFD_SETLK) belong to the open file
 * instead, and conflict with POSIX locks of other processes exactly as POSIX
 * locks do. Once staple_file_guard_install() has run, every lock SQLite
 * takes in this process is one of those. That is right as long as the
 * process has at most one connection on a file at a time, which the app
 * keeps to; the tests, which open several, leave the guard off.
 */
#define G_LOG_DOMAIN "staple-file-guard"
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "staple-file-guard.h"

typedef int (*FcntlFunc) (int, int, ...);

static FcntlFunc real_fcntl;

static int
guarded_fcntl (int fd,
               int cmd,
               ...)
{
  va_list args;
  void *arg;

  va_start (args, cmd);
  arg = va_arg (args, void *);
  va_end (args);

  if (cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK)
    {
      struct flock *lock = arg;
      struct flock ofd = *lock;
      int ofd_cmd = cmd == F_SETLK ? F_OFD_SETLK : cmd == F_SETLKW ? F_OFD_SETLKW : F_OFD_GETLK;
      int rc;

      /* The kernel refuses an OFD request whose pid is not 0. */
      ofd.l_pid = 0;
      rc = real_fcntl (fd, ofd_cmd, &ofd);
      if (rc == 0 && cmd == F_GETLK)
        *lock = ofd;
      return rc;
    }

  return real_fcntl (fd, cmd, arg);
}

static gboolean
kernel_has_ofd_locks (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "staple-guard-XXXXXX", NULL);
  struct flock probe = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    return FALSE;

  g_unlink (path);
  ok = fcntl (fd, F_OFD_GETLK, &probe) == 0;
  close (fd);
  return ok;
}

/**
 * staple_file_guard_install:
 *
 * Makes every lock SQLite takes in this process an open-file-description
 * lock, which no other descriptor's close can drop. Call it once, before the
 * first database is opened, in a process that keeps at most one connection
 * per file.
 *
 * Returns: whether the guard is on (it needs Linux 3.15)
 */
gboolean
staple_file_guard_install (void)
{
  static gsize done = 0;
  static gboolean installed = FALSE;

  if (g_once_init_enter (&done))
    {
      sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);

      if (vfs != NULL && vfs->iVersion >= 3 && kernel_has_ofd_locks ())
        {
          real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
          installed = real_fcntl != NULL &&
                      vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) guarded_fcntl)
                        == SQLITE_OK;
        }

      if (!installed)
        g_warning ("Could not guard the database's locks: a file dialog open on the "
                   "database's folder may let another program delete its log");

      g_once_init_leave (&done, 1);
    }

  return installed;
}

/* One byte of SQLite's lock page that SQLite itself never locks (it uses
 * the pending byte at 1 GiB, the reserved byte after it and 510 shared
 * bytes): held for writing by the Staple that has the library open. */
#define INSTANCE_BYTE (0x40000000 + 1024)

/* Who holds the lock on @st's file at INSTANCE_BYTE, from /proc/locks:
 * "1: OFDLCK ADVISORY  WRITE 1234 08:01:5678 1073742848 1073742848". */
static char *
find_holder (const GStatBuf *st)
{
  g_autofree char *locks = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/locks", &locks, NULL, NULL))
    return NULL;

  lines = g_strsplit (locks, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned int major, minor;
      unsigned long long ino, start;
      long pid;
      char dev_ino[64];

      if (sscanf (lines[i], "%*d: %*s %*s %*s %ld %63s %llu", &pid, dev_ino, &start) != 3 ||
          sscanf (dev_ino, "%x:%x:%llu", &major, &minor, &ino) != 3 ||
          ino != (unsigned long long) st->st_ino || start != INSTANCE_BYTE || pid <= 0)
        continue;

      {
        g_autofree char *proc = g_strdup_printf ("/proc/%ld", pid);
        GStatBuf proc_st;
        struct passwd *user;

        if (g_stat (proc, &proc_st) != 0)
          return NULL;

        if (proc_st.st_uid == getuid ())
          return g_strdup (_("you, in another login"));

        user = getpwuid (proc_st.st_uid);
        if (user != NULL && user->pw_name != NULL)
          return g_strdup_printf (_("the user “%s”"), user->pw_name);
        return g_strdup_printf (_("the user with id %u"), (guint) proc_st.st_uid);
      }
    }

  return NULL;
}

/**
 * staple_file_guard_claim:
 * @path: a database file
 * @holder: (out) (optional) (transfer full): who has it, when it is taken
 * @error: set when the file cannot be claimed
 *
 * Marks @path as open in this Staple, for as long as the returned
 * descriptor stays open, so that a second Staple (of another user account,
 * or another login, which the single-instance D-Bus name cannot see) is told
 * so instead of editing the same sessions beside it.
 *
 * Returns: a descriptor to keep open and close with staple_file_guard_release(),
 *   or -1 with @error set (G_IO_ERROR_BUSY when another Staple has it)
 */
int
staple_file_guard_claim (const char  *path,
                         char       **holder,
                         GError     **error)
{
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                        .l_start = INSTANCE_BYTE, .l_len = 1 };
  GStatBuf st;
  int saved_errno;
  int fd;

  g_return_val_if_fail (path != NULL, -1);

  if (holder != NULL)
    *holder = NULL;

  fd = open (path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      return -1;
    }

  if (fcntl (fd, F_OFD_SETLK, &lock) == 0)
    return fd;

  saved_errno = errno;
  if (saved_errno == EAGAIN || saved_errno == EACCES)
    {
      if (holder != NULL && fstat (fd, &st) == 0)
        *holder = find_holder (&st);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("another Staple has it open"));
    }
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                 g_strerror (saved_errno));

  close (fd);
  return -1;
}

/**
 * staple_file_guard_release:
 * @fd: what staple_file_guard_claim() returned, or -1
 *
 * Lets another Staple open the file.
 */
void
staple_file_guard_release (int fd)
{
  if (fd >= 0)
    close (fd);
}
