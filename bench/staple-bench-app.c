/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-bench-app.c: the real app, measured whole, as a coach lives with
 * it: startup-library-10000, open-1200, add-1200, edit-1200, undo-1200,
 * rss-1200-mb and review-window-200.
 *
 * Runs the built staple ($STAPLE_BENCH_APP, else the one this build made)
 * with STAPLE_BENCH_FIRST_FRAME set, so that it says on stderr when a frame
 * is painted (src/ui/staple-bench-hook.c), and drives it over D-Bus as a
 * script would. It gets a D-Bus session of its own (GTestDBus), so another
 * Staple running on the machine is neither found nor disturbed, and an Xvfb
 * of its own when there is no DISPLAY or WAYLAND_DISPLAY; without Xvfb the
 * lines are skipped, saying so on stderr.
 *
 * $STAPLE_BENCH_APP_RUNS (default 3) timed runs per side after
 * $STAPLE_BENCH_APP_WARMUPS (default 1) warm-ups;
 * $STAPLE_BENCH_APP_TIMEOUT (default 120) seconds before a start or an
 * open counts as hung, and its line is skipped.
 */
#define G_LOG_DOMAIN "staple-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>

#include "staple-bench-app.h"
#include "staple-bench-store.h"
#include "staple-bench-util.h"

#define APP_ID       "io.github.stapleapp.Staple"
#define APP_PATH     "/io/github/stapleapp/Staple"
#define WINDOW_PATH  APP_PATH "/window/1"
#define N_EDITS      21
#define SETTLE_MS    1000

typedef struct
{
  char            *staple;       /* the binary */
  char            *workdir;      /* copies of the databases */
  GTestDBus       *bus;
  GDBusConnection *connection;
  GPid             xvfb;
  guint            runs;
  guint            warmups;
  double           timeout_ms;
} AppBench;

typedef struct
{
  GPid     pid;
  int      err;                  /* its stderr */
  GString *buffer;
  double   started;              /* ms, monotonic, just before exec */
  char    *last_line;            /* the line app_wait_for last returned on */
} App;

/* The environment */

static gboolean
start_xvfb (AppBench *bench)
{
  const char *argv[] = { "Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24",
                         "-nolisten", "tcp", NULL };
  g_autoptr(GError) error = NULL;
  char number[32] = "";
  gsize length = 0;
  int out;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                 G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &bench->xvfb, NULL, &out, NULL, &error))
    {
      g_printerr ("staple-bench: cannot start Xvfb: %s\n", error->message);
      return FALSE;
    }

  /* Xvfb writes its display's number when it is ready. */
  while (length < sizeof number - 1)
    {
      ssize_t n = read (out, number + length, 1);

      if (n <= 0 || number[length] == '\n')
        break;
      length++;
    }
  number[length] = '\0';
  close (out);
  if (length == 0)
    {
      g_printerr ("staple-bench: Xvfb did not start\n");
      return FALSE;
    }

  {
    g_autofree char *display = g_strdup_printf (":%s", number);

    g_setenv ("DISPLAY", display, TRUE);
    g_setenv ("GDK_BACKEND", "x11", TRUE);
    g_printerr ("staple-bench: Xvfb on %s\n", display);
  }
  return TRUE;
}

static gboolean
app_bench_init (AppBench *bench)
{
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("STAPLE_BENCH_APP");
  const char *runs = g_getenv ("STAPLE_BENCH_APP_RUNS");
  const char *warmups = g_getenv ("STAPLE_BENCH_APP_WARMUPS");
  const char *timeout = g_getenv ("STAPLE_BENCH_APP_TIMEOUT");
  g_autofree char *display = NULL;

  bench->staple = g_strdup (env != NULL && *env != '\0' ? env : STAPLE_BENCH_APP_PATH);
  bench->runs = runs != NULL ? (guint) CLAMP (atoi (runs), 1, 100) : 3;
  bench->warmups = warmups != NULL ? (guint) CLAMP (atoi (warmups), 0, 100) : 1;
  bench->timeout_ms = (timeout != NULL ? CLAMP (atof (timeout), 1, 3600) : 120) * 1000;

  if (!g_file_test (bench->staple, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("staple-bench: whole-app lines skipped: no staple at %s "
                  "(set STAPLE_BENCH_APP)\n", bench->staple);
      return FALSE;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL &&
      !start_xvfb (bench))
    {
      g_printerr ("staple-bench: whole-app lines skipped: no display\n");
      return FALSE;
    }

  /* g_test_dbus_up() unsets DISPLAY (against X11 autolaunch); the app
   * needs it. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bench->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bench->bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  bench->connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (bench->bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  if (bench->connection == NULL)
    {
      g_printerr ("staple-bench: whole-app lines skipped: %s\n", error->message);
      return FALSE;
    }

  bench->workdir = g_dir_make_tmp ("staple-bench-app-XXXXXX", &error);
  if (bench->workdir == NULL)
    g_error ("staple-bench: %s", error->message);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The private bus has no accessibility bus to offer. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_printerr ("staple-bench: the app is %s\n", bench->staple);
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
app_bench_clear (AppBench *bench)
{
  g_clear_object (&bench->connection);
  if (bench->bus != NULL)
    g_test_dbus_down (bench->bus);
  g_clear_object (&bench->bus);
  if (bench->xvfb > 0)
    {
      kill (bench->xvfb, SIGTERM);
      waitpid (bench->xvfb, NULL, 0);
      g_spawn_close_pid (bench->xvfb);
    }
  if (bench->workdir != NULL)
    remove_tree (bench->workdir);
  g_clear_pointer (&bench->workdir, g_free);
  g_clear_pointer (&bench->staple, g_free);
}

/* A fresh copy of @source, so that no run sees what another changed (the
 * store checks a file it did not close itself whole on opening: untimed
 * here). */
static char *
copy_database (AppBench   *bench,
               const char *source,
               const char *name)
{
  static const char * const beside[] = { "-wal", "-shm", "-closed" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autofree char *path = g_build_filename (bench->workdir, name, NULL);
  g_autoptr(GFile) to = g_file_new_for_path (path);

  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree char *extra = g_strconcat (path, beside[i], NULL);

      g_unlink (extra);
    }
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("staple-bench: %s", error->message);
  return g_steal_pointer (&path);
}

/* The app */

/* A staple started while the last one's name is still on the bus would
 * hand its work over and leave. */
static void
wait_for_name_released (AppBench *bench)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GVariant) owner = g_dbus_connection_call_sync (
        bench->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
        "org.freedesktop.DBus", "GetNameOwner", g_variant_new ("(s)", APP_ID), NULL,
        G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);

      if (owner == NULL)
        return;
      g_usleep (10000);
    }
  g_printerr ("staple-bench: %s is still on the bus\n", APP_ID);
}


static gboolean
app_start (AppBench    *bench,
           App         *app,
           const char  *mode,
           const char  *database,
           const char  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *option = g_strdup_printf ("--database=%s", database);
  const char *argv[] = { bench->staple, option, extra, NULL };
  g_auto(GStrv) envp = g_get_environ ();

  wait_for_name_released (bench);
  envp = g_environ_setenv (envp, "STAPLE_BENCH_FIRST_FRAME", mode, TRUE);
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS",
                           g_test_dbus_get_bus_address (bench->bus), TRUE);
  *app = (App) { 0, -1, g_string_new (NULL), bench_now_ms () };
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD |
                                 G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &app->pid, NULL,
                                 NULL, &app->err, &error))
    {
      g_printerr ("staple-bench: cannot start %s: %s\n", bench->staple, error->message);
      g_string_free (app->buffer, TRUE);
      return FALSE;
    }
  return TRUE;
}

/* Reads the app's stderr until a line "WHAT T", for at most @timeout_ms;
 * returns T in ms, or a negative number if the line did not come. */
static double
app_wait_for (App        *app,
              const char *what,
              double      timeout_ms)
{
  double deadline = bench_now_ms () + timeout_ms;
  gsize length = strlen (what);

  for (;;)
    {
      char *newline;
      char chunk[4096];
      struct pollfd fd = { app->err, POLLIN, 0 };
      double left = deadline - bench_now_ms ();
      ssize_t n;

      while ((newline = strchr (app->buffer->str, '\n')) != NULL)
        {
          g_autofree char *line = g_strndup (app->buffer->str, newline - app->buffer->str);

          g_string_erase (app->buffer, 0, newline - app->buffer->str + 1);
          if (strncmp (line, what, length) == 0 && line[length] == ' ')
            {
              double when = g_ascii_strtoll (line + length + 1, NULL, 10) / 1000.0;

              g_free (app->last_line);
              app->last_line = g_steal_pointer (&line);
              return when;
            }
          if (g_getenv ("STAPLE_BENCH_VERBOSE") != NULL)
            g_printerr ("  staple: %s\n", line);
        }

      if (left <= 0 || poll (&fd, 1, (int) left) <= 0)
        return -1;
      n = read (app->err, chunk, sizeof chunk);
      if (n <= 0)
        return -1;
      g_string_append_len (app->buffer, chunk, n);
    }
}

/* Waits at most @timeout_ms for the app to end by itself, then kills it. */
static void
app_stop (App    *app,
          double  timeout_ms)
{
  double deadline = bench_now_ms () + timeout_ms;
  int status;

  while (waitpid (app->pid, &status, WNOHANG) == 0)
    {
      if (bench_now_ms () >= deadline)
        {
          kill (app->pid, SIGKILL);
          waitpid (app->pid, &status, 0);
          break;
        }
      g_usleep (5000);
    }
  g_spawn_close_pid (app->pid);
  close (app->err);
  g_string_free (app->buffer, TRUE);
  g_clear_pointer (&app->last_line, g_free);
}


static gboolean
activate (AppBench   *bench,
          const char *path,
          const char *action,
          GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder parameters;

  g_variant_builder_init (&parameters, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&parameters, "v", parameter);
  reply = g_dbus_connection_call_sync (bench->connection, APP_ID, path, "org.gtk.Actions",
                                       "Activate",
                                       g_variant_new ("(sava{sv})", action, &parameters, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, (int) bench->timeout_ms,
                                       NULL, &error);
  if (reply == NULL)
    g_printerr ("staple-bench: %s: %s\n", action, error->message);
  return reply != NULL;
}

/* Call → reply, in ms: the action has run, and what it changed is
 * committed (the editor writes each command in its own transaction with
 * synchronous=FULL before the action returns). */
static double
timed_activate (AppBench   *bench,
                const char *action,
                GVariant   *parameter)
{
  double start = bench_now_ms ();

  if (!activate (bench, WINDOW_PATH, action, parameter))
    g_error ("staple-bench: %s failed", action);
  return bench_now_ms () - start;
}

static double
resident_mb (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10) / 1024.0;
}

/* startup-library-10000 */

/* exec → first frame of the library, the app closing after it; in ms.
 * On the cached library itself, as a coach's library: a copy would be
 * another file to the store, checked whole on every start. */
static double
startup (AppBench   *bench,
         const char *database)
{
  App app;
  double frame;

  if (!app_start (bench, &app, "quit", database, NULL))
    return -1;
  frame = app_wait_for (&app, "first-frame", bench->timeout_ms);
  app_stop (&app, 10000);
  return frame < 0 ? -1 : frame - app.started;
}

static void
run_startup (AppBench *bench)
{
  g_autofree char *big = bench_store_library (10000);
  g_autofree char *small = bench_store_library (1);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < bench->warmups + bench->runs; i++)
    {
      double a = startup (bench, big);
      double b = startup (bench, small);

      if (a < 0 || b < 0)
        {
          g_printerr ("startup-library-10000 skipped: no first frame within %.0f s\n",
                      bench->timeout_ms / 1000);
          return;
        }
      g_printerr ("startup-library-10000: run %u: %.0f ms, with 1 session %.0f ms%s\n", i,
                  a, b, i < bench->warmups ? " (warm-up)" : "");
      if (i < bench->warmups)
        continue;
      g_array_append_val (ours, a);
      g_array_append_val (baseline, b);
    }
  bench_print ("startup-library-10000", bench_median (ours), bench_median (baseline));
}

/* open-1200 */

/* Opens a session from the library; call → its map's first painted frame,
 * in ms. Then back to the library, where the map is hidden again. */
static double
open_session (AppBench *bench,
              App      *app,
              gint64    id)
{
  double start = bench_now_ms ();
  double frame;

  if (!activate (bench, APP_PATH, "open-session", g_variant_new_int64 (id)))
    return -1;
  frame = app_wait_for (app, "map-frame", bench->timeout_ms);
  if (frame < 0)
    return -1;

  activate (bench, WINDOW_PATH, "show-library", NULL);
  app_wait_for (app, "map-hidden", 5000);
  return frame - start;
}

static gboolean
start_on_library (AppBench   *bench,
                  App        *app,
                  const char *mode,
                  const char *database)
{
  if (!app_start (bench, app, mode, database, NULL))
    return FALSE;
  if (app_wait_for (app, "first-frame", bench->timeout_ms) < 0)
    {
      g_printerr ("staple-bench: staple drew no first frame within %.0f s\n",
                  bench->timeout_ms / 1000);
      app_stop (app, 0);
      return FALSE;
    }
  return TRUE;
}

static void
run_open (AppBench *bench)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 big, small;
  g_autofree char *source = bench_store_big_session (&big, &small);
  g_autofree char *database = copy_database (bench, source, "open-1200.db");
  App app;

  if (!start_on_library (bench, &app, "1", database))
    return;

  for (guint i = 0; i < bench->warmups + bench->runs; i++)
    {
      double a = open_session (bench, &app, big);
      double b;

      /* Letting go of the big session is not the small one's to pay: one
       * small session takes its place first, untimed, then another is
       * timed. */
      if (open_session (bench, &app, small + 1) < 0)
        a = -1;
      b = open_session (bench, &app, small);

      if (a < 0 || b < 0)
        {
          g_printerr ("open-1200 skipped: no map drawn within %.0f s\n",
                      bench->timeout_ms / 1000);
          app_stop (&app, 0);
          return;
        }
      g_printerr ("open-1200: run %u: %.0f ms, 12 cards %.0f ms%s\n", i, a, b,
                  i < bench->warmups ? " (warm-up)" : "");
      if (i < bench->warmups)
        continue;
      g_array_append_val (ours, a);
      g_array_append_val (baseline, b);
    }
  app_stop (&app, 0);
  bench_print ("open-1200", bench_median (ours), bench_median (baseline));
}

/* review-window-200 */

/* The review of @organisation opened in its window from the library
 * (win.review-organisation, as its button does); call → the window's first
 * painted frame, in ms. The window closes itself after it (the hook's
 * "windows" mode). */
static double
open_review (AppBench   *bench,
             App        *app,
             const char *organisation)
{
  double start = bench_now_ms ();
  double frame;

  if (!activate (bench, WINDOW_PATH, "review-organisation", g_variant_new_string (organisation)))
    return -1;
  frame = app_wait_for (app, "window-frame", bench->timeout_ms);
  /* Closed, and the library's window drawn again, before the next. */
  g_usleep (300 * 1000);
  return frame < 0 ? -1 : frame - start;
}

static void
run_review_window (AppBench *bench)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *database = bench_store_review_library ();
  App app;

  if (!start_on_library (bench, &app, "windows", database))
    return;

  for (guint i = 0; i < bench->warmups + bench->runs; i++)
    {
      double a = open_review (bench, &app, BENCH_REVIEW_ORGANISATION);
      double b = open_review (bench, &app, BENCH_REVIEW_ONE_WALK);

      if (a < 0 || b < 0)
        {
          g_printerr ("review-window-200 skipped: no review window drawn within %.0f s\n",
                      bench->timeout_ms / 1000);
          app_stop (&app, 0);
          return;
        }
      g_printerr ("review-window-200: run %u: %.0f ms, one walk %.0f ms%s\n", i, a, b,
                  i < bench->warmups ? " (warm-up)" : "");
      if (i < bench->warmups)
        continue;
      g_array_append_val (ours, a);
      g_array_append_val (baseline, b);
    }
  app_stop (&app, 0);
  bench_print ("review-window-200", bench_median (ours), bench_median (baseline));
}

/* rss-1200-mb, add-1200, edit-1200, undo-1200 */

/* The bare SQLite commit of one row, with the app's own settings (WAL,
 * synchronous=FULL), on the app's database while the app has it open. */
typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *update;
  guint         n;
} BareCommit;

static void
bare_commit_init (BareCommit *bare,
                  const char *database,
                  gint64      session)
{
  sqlite3_stmt *find = NULL;
  gint64 friction = 0;

  if (sqlite3_open_v2 (database, &bare->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (bare->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "PRAGMA busy_timeout = 5000", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (bare->db, "SELECT f.id FROM frictions f JOIN stages s"
                          " ON f.stage_id = s.id WHERE s.session_id = ?1 LIMIT 1", -1,
                          &find, NULL) != SQLITE_OK)
    g_error ("staple-bench: %s", sqlite3_errmsg (bare->db));
  sqlite3_bind_int64 (find, 1, session);
  if (sqlite3_step (find) == SQLITE_ROW)
    friction = sqlite3_column_int64 (find, 0);
  sqlite3_finalize (find);

  /* A card of the other, small session: the app's model never sees it. */
  if (sqlite3_prepare_v2 (bare->db, "UPDATE frictions SET text = ?1 WHERE id = ?2", -1,
                          &bare->update, NULL) != SQLITE_OK)
    g_error ("staple-bench: %s", sqlite3_errmsg (bare->db));
  sqlite3_bind_int64 (bare->update, 2, friction);
}

static double
bare_commit (BareCommit *bare)
{
  g_autofree char *text = g_strdup_printf ("Bare commit number %u", bare->n++);
  double start = bench_now_ms ();

  sqlite3_bind_text (bare->update, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_exec (bare->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_step (bare->update) != SQLITE_DONE ||
      sqlite3_exec (bare->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("staple-bench: bare commit: %s", sqlite3_errmsg (bare->db));
  sqlite3_reset (bare->update);
  return bench_now_ms () - start;
}

static void
bare_commit_clear (BareCommit *bare)
{
  g_clear_pointer (&bare->update, sqlite3_finalize);
  g_clear_pointer (&bare->db, sqlite3_close);
}

typedef enum
{
  EDIT_ADD,
  EDIT_TEXT,
  EDIT_UNDO,
} EditKind;

static double
edit (AppBench *bench,
      EditKind  kind,
      guint     i)
{
  g_autofree char *text = NULL;

  switch (kind)
    {
    case EDIT_ADD:
      text = g_strdup_printf ("Card added by the benchmark, number %u", i);
      return timed_activate (bench, "add-friction",
                             g_variant_new ("(is)", (int) (i % 40), text));
    case EDIT_TEXT:
      /* A different card each time, so no two edits merge into one step. */
      text = g_strdup_printf ("Refund form asks for the order number %u times", i);
      return timed_activate (bench, "set-friction-field",
                             g_variant_new ("(iisv)", (int) (i % 40), (int) (i / 40) % 30,
                                            "text", g_variant_new_string (text)));
    case EDIT_UNDO:
      return timed_activate (bench, "undo", NULL);
    default:
      g_assert_not_reached ();
    }
}

/* The D-Bus round trip in an edit's time: a call the app answers on its
 * main thread, as it does an action, with no edit. Median of 21. */
static double
describe_ms (AppBench *bench)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 21; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      double start = bench_now_ms ();
      double took;

      reply = g_dbus_connection_call_sync (bench->connection, APP_ID, WINDOW_PATH,
                                           "org.gtk.Actions", "Describe",
                                           g_variant_new ("(s)", "undo"), NULL,
                                           G_DBUS_CALL_FLAGS_NONE, (int) bench->timeout_ms,
                                           NULL, NULL);
      took = bench_now_ms () - start;
      if (reply != NULL)
        g_array_append_val (times, took);
      g_usleep (5000);
    }
  return times->len > 0 ? bench_median (times) : -1;
}

/* Waits for the first frame the app began at or after @since (ms), the
 * one that draws an edit made then; returns how long that frame took, or a
 * negative number if none came within @timeout_ms (an edit off screen
 * may draw nothing). */
static double
app_wait_frame_after (App    *app,
                      double  since,
                      double  timeout_ms)
{
  double deadline = bench_now_ms () + timeout_ms;

  for (;;)
    {
      double left = deadline - bench_now_ms ();
      double start;
      const char *end;

      if (left <= 0 || (start = app_wait_for (app, "frame", left)) < 0)
        return -1;
      if (start < since)
        continue;
      /* "frame START END": app_wait_for left END in the line it read. */
      end = app->last_line != NULL ? strrchr (app->last_line, ' ') : NULL;
      return end != NULL ? g_ascii_strtoll (end + 1, NULL, 10) / 1000.0 - start : 0;
    }
}

static void
measure_edits (AppBench   *bench,
               App        *app,
               BareCommit *bare,
               const char *name,
               EditKind    kind)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  double x, y;

  for (guint i = 0; i < BENCH_WARMUPS + N_EDITS; i++)
    {
      double since = bench_now_ms ();
      double a = edit (bench, kind, i);
      double b = bare_commit (bare);
      /* What an edit queues for the screen is drawn before the next, as
       * between a coach's keystrokes: an edit is timed alone, not waiting
       * for the last one's frame. */
      double frame = app_wait_frame_after (app, since, 2000);

      g_usleep (10000);
      if (i < BENCH_WARMUPS)
        continue;
      g_array_append_val (ours, a);
      g_array_append_val (baseline, b);
      if (frame >= 0)
        g_array_append_val (frames, frame);
    }
  /* The medians sort the runs: first and last are the fastest and slowest. */
  x = bench_median (ours);
  y = bench_median (baseline);
  g_printerr ("%s: ours %.3f to %.3f ms, bare commit %.3f to %.3f ms (%u edits)\n", name,
              g_array_index (ours, double, 0), g_array_index (ours, double, N_EDITS - 1),
              g_array_index (baseline, double, 0),
              g_array_index (baseline, double, N_EDITS - 1), N_EDITS);
  if (frames->len > 0)
    {
      double frame = bench_median (frames);

      g_printerr ("%s: the frame that drew each edit took %.1f ms (median of %u; %.1f to %.1f)\n",
                  name, frame, frames->len, g_array_index (frames, double, 0),
                  g_array_index (frames, double, frames->len - 1));
    }
  g_printerr ("%s: a call the window answers without editing (org.gtk.Actions.Describe) "
              "takes %.3f ms\n", name, describe_ms (bench));
  bench_print (name, x, y);
}

/* The example, as a coach first sees it: its map drawn, memory settled. */
static double
example_resident_mb (AppBench *bench)
{
  g_autofree char *database = g_build_filename (bench->workdir, "example.db", NULL);
  App app;
  double mb;

  g_unlink (database);
  if (!app_start (bench, &app, "1", database, "--example"))
    return -1;
  if (app_wait_for (&app, "first-frame", bench->timeout_ms) < 0)
    {
      app_stop (&app, 0);
      return -1;
    }
  /* The example may open on another phase than the map. */
  if (app_wait_for (&app, "map-frame", 2000) < 0)
    {
      activate (bench, WINDOW_PATH, "set-phase", g_variant_new_string ("map"));
      if (app_wait_for (&app, "map-frame", 10000) < 0)
        g_printerr ("rss-1200-mb: the example's map was never drawn\n");
    }
  g_usleep (SETTLE_MS * 1000);
  mb = resident_mb (app.pid);
  app_stop (&app, 0);
  return mb;
}

static void
run_session (AppBench *bench,
             char    **names)
{
  gint64 big, small;
  g_autofree char *source = bench_store_big_session (&big, &small);
  g_autofree char *database = copy_database (bench, source, "edit-1200.db");
  BareCommit bare = { 0 };
  App app;
  double frame;
  double ours_mb = -1;

  /* Every frame reported, for the edits to wait for theirs. */
  if (!start_on_library (bench, &app, "frames", database))
    return;
  frame = bench_now_ms ();
  if (!activate (bench, APP_PATH, "open-session", g_variant_new_int64 (big)) ||
      app_wait_for (&app, "map-frame", bench->timeout_ms) < 0)
    {
      g_printerr ("rss-1200-mb, edit-1200, undo-1200 skipped: no map drawn within %.0f s\n",
                  bench->timeout_ms / 1000);
      app_stop (&app, 0);
      return;
    }
  g_printerr ("staple-bench: 1,200-card session open and drawn in %.0f ms\n",
              bench_now_ms () - frame);

  if (bench_wanted ("rss-1200-mb", names))
    {
      g_usleep (SETTLE_MS * 1000);
      ours_mb = resident_mb (app.pid);
    }

  bare_commit_init (&bare, database, small);
  if (bench_wanted ("add-1200", names))
    measure_edits (bench, &app, &bare, "add-1200", EDIT_ADD);
  if (bench_wanted ("edit-1200", names) || bench_wanted ("undo-1200", names))
    measure_edits (bench, &app, &bare, "edit-1200", EDIT_TEXT);
  if (bench_wanted ("undo-1200", names))
    measure_edits (bench, &app, &bare, "undo-1200", EDIT_UNDO);
  bare_commit_clear (&bare);

  if (kill (app.pid, 0) != 0)
    g_printerr ("staple-bench: staple is gone\n");
  app_stop (&app, 0);

  /* Another staple on the same bus would hand its work to this one and
   * leave: the example runs after it. */
  if (bench_wanted ("rss-1200-mb", names))
    {
      double example_mb = example_resident_mb (bench);

      if (ours_mb > 0 && example_mb > 0)
        bench_print_mb ("rss-1200-mb", ours_mb, example_mb);
      else
        g_printerr ("rss-1200-mb skipped: resident memory not read\n");
    }
}

static gboolean
any_wanted (char **names)
{
  static const char * const lines[] = {
    "startup-library-10000", "open-1200", "rss-1200-mb", "add-1200", "edit-1200",
    "undo-1200", "review-window-200",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (bench_wanted (lines[i], names))
      return TRUE;
  return FALSE;
}

/**
 * bench_app_run:
 * @names: the lines to measure, all when empty
 *
 * Measures and prints the whole-app lines, or says on stderr why not.
 */
void
bench_app_run (char **names)
{
  AppBench bench = { 0 };

  if (!any_wanted (names))
    return;

  if (app_bench_init (&bench))
    {
      if (bench_wanted ("startup-library-10000", names))
        run_startup (&bench);
      if (bench_wanted ("open-1200", names))
        run_open (&bench);
      if (bench_wanted ("rss-1200-mb", names) || bench_wanted ("add-1200", names) ||
          bench_wanted ("edit-1200", names) || bench_wanted ("undo-1200", names))
        run_session (&bench, names);
      if (bench_wanted ("review-window-200", names))
        run_review_window (&bench);
    }
  app_bench_clear (&bench);
}

/**
 * bench_app_first_frame:
 * @argv: a program and its arguments, which understands
 *   STAPLE_BENCH_FIRST_FRAME=quit (staple, bench/bare-window)
 *
 * Runs @argv once under the display and D-Bus session there are, and
 * prints exec → its first frame in ms on stdout. For whole-process.sh.
 *
 * Returns: the exit status for staple-bench
 */
int
bench_app_first_frame (char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "STAPLE_BENCH_FIRST_FRAME",
                                         "quit", TRUE);
  App app = { 0, -1, g_string_new (NULL), 0 };
  double frame;

  app.started = bench_now_ms ();
  if (!g_spawn_async_with_pipes (NULL, argv, envp, G_SPAWN_SEARCH_PATH |
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, &app.pid, NULL, NULL, &app.err, &error))
    {
      g_printerr ("staple-bench: %s\n", error->message);
      g_string_free (app.buffer, TRUE);
      return 1;
    }
  frame = app_wait_for (&app, "first-frame", 120000);
  app_stop (&app, 10000);
  if (frame < 0)
    {
      g_printerr ("staple-bench: %s drew no first frame\n", argv[0]);
      return 1;
    }
  printf ("%.1f\n", frame - app.started);
  return 0;
}
