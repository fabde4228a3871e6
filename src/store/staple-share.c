/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-share.c: importing one session from a self-contained .staple file
 * (staple-share-export.c writes them).
 *
 * Importing treats the file as hostile: it is opened read-only and immutable with
 * SQLite's defensive settings, its schema is checked against ours, and every
 * row is read through our own statements and validated before a session is
 * built in memory and added to the library in one transaction.
 */
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

/* What an imported file may hold. */
#define MAX_TEXT_CHARS        100000
#define MAX_PARTICIPANTS      1000
#define MAX_STAGES            10000
#define MAX_FRICTIONS         100000
#define MAX_VOTES             100000
#define MAX_ACTIONS           10000
#define MAX_ACTION_FRICTIONS  100000
#define MAX_EMPOWERMENTS      10000
#define MAX_MINUTES           525600
#define MAX_PHASE_SECONDS     G_MAXINT
/* All the texts of a file together, in bytes of UTF-8: more than any real
 * session holds, and little enough to keep in memory. */
#define MAX_TOTAL_TEXT_MB     32
/* Progress handler calls, one per 1000 VM steps: enough for quick_check and
 * reading a file at the limits above, and no more. */
#define PROGRESS_STEP         1000
#define MAX_PROGRESS_CALLS    2000000
/* Rows of the file per progress handler call, roughly, for checking and
 * reading it all: the progress shown is a guess from the number of rows. */
#define ROWS_PER_PROGRESS_CALL 20

/* Import: opening the file */

typedef struct
{
  sqlite3                 *db;
  char                    *name;          /* for messages */
  int                      version;
  GCancellable            *cancellable;
  StapleShareProgressFunc  progress;
  gpointer                 progress_data;
  guint                    progress_calls;
  guint                    expected_calls;  /* a guess, from the file's size */
  double                   reported;
  gsize                    text_bytes;
  GHashTable              *stages;        /* file id → StapleStage (borrowed) */
  GHashTable              *frictions;
  GHashTable              *participants;
  GHashTable              *actions;
  GHashTable              *votes;         /* file ids seen */
  GHashTable              *empowerments;
  GHashTable              *dots;          /* StapleParticipant → number of dots */
  GHashTable              *links;         /* StapleAction → GArray of friction ids */
  GHashTable              *link_pairs;    /* (action id, friction id) seen */
  gint64                   session_id;
} Reader;

static guint
pair_hash (gconstpointer key)
{
  const gint64 *pair = key;

  return g_int64_hash (&pair[0]) * 31 + g_int64_hash (&pair[1]);
}

static gboolean
pair_equal (gconstpointer a,
            gconstpointer b)
{
  return memcmp (a, b, 2 * sizeof (gint64)) == 0;
}

static void
reader_init (Reader       *reader,
             const char   *path,
             GCancellable *cancellable)
{
  reader->name = g_filename_display_name (path);
  reader->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  reader->stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reader->frictions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reader->participants = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reader->actions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reader->votes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reader->empowerments = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reader->dots = g_hash_table_new (NULL, NULL);
  reader->links = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  reader->link_pairs = g_hash_table_new_full (pair_hash, pair_equal, g_free, NULL);
}

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->db, sqlite3_close);
  g_clear_pointer (&reader->name, g_free);
  g_clear_object (&reader->cancellable);
  g_clear_pointer (&reader->stages, g_hash_table_unref);
  g_clear_pointer (&reader->frictions, g_hash_table_unref);
  g_clear_pointer (&reader->participants, g_hash_table_unref);
  g_clear_pointer (&reader->actions, g_hash_table_unref);
  g_clear_pointer (&reader->votes, g_hash_table_unref);
  g_clear_pointer (&reader->empowerments, g_hash_table_unref);
  g_clear_pointer (&reader->dots, g_hash_table_unref);
  g_clear_pointer (&reader->links, g_hash_table_unref);
  g_clear_pointer (&reader->link_pairs, g_hash_table_unref);
}

/* A name from the file, made safe to show: at most @max bytes, valid UTF-8. */
static char *
shown (const char *text,
       gsize       max)
{
  if (text == NULL)
    return g_strdup ("");

  return g_utf8_make_valid (text, (gssize) MIN (strlen (text), max));
}

G_GNUC_PRINTF (3, 4)
static gboolean
refuse (Reader     *reader,
        GError    **error,
        const char *format,
        ...)
{
  g_autofree char *what = NULL;
  g_autofree char *valid = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* SQLite's messages quote names from the file, bytes and all: the message
   * is valid UTF-8 on one line. */
  valid = g_utf8_make_valid (what, -1);
  for (char *c = valid; *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      *c = ' ';
  g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_DAMAGED,
               _("Could not import “%s”: %s. Nothing was added."), reader->name, valid);
  return FALSE;
}

static gboolean
refuse_cancelled (Reader  *reader,
                  GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               _("The import of “%s” was cancelled. Nothing was added."), reader->name);
  return FALSE;
}

static gboolean
refuse_sqlite (Reader  *reader,
               GError **error,
               int      rc)
{
  if (rc == SQLITE_INTERRUPT && g_cancellable_is_cancelled (reader->cancellable))
    return refuse_cancelled (reader, error);

  if (rc == SQLITE_INTERRUPT)
    return refuse (reader, error, _("it takes too long to read"));

  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                   _("Could not import “%s”: it is not a Staple session file. Nothing was added."),
                   reader->name);
      return FALSE;
    }

  return refuse (reader, error, _("it is damaged (%s)"),
                 reader->db != NULL ? sqlite3_errmsg (reader->db) : sqlite3_errstr (rc));
}

static void
report_progress (Reader *reader,
                 double  fraction)
{
  if (reader->progress == NULL || fraction < reader->reported + 0.01)
    return;

  reader->reported = fraction;
  reader->progress (fraction, reader->progress_data);
}

/* Called by SQLite every PROGRESS_STEP steps of any statement: a budget for
 * the whole file, the way a cancel reaches a slow query, and progress. */
static int
progress_cb (void *data)
{
  Reader *reader = data;

  if (g_cancellable_is_cancelled (reader->cancellable))
    return 1;

  if (++reader->progress_calls > MAX_PROGRESS_CALLS)
    return 1;

  if (reader->expected_calls > 0)
    report_progress (reader, MIN (0.99, (double) reader->progress_calls /
                                        reader->expected_calls));
  return 0;
}
static const struct { int id; int value; } import_limits[] = {
  { SQLITE_LIMIT_LENGTH, 16 * 1000 * 1000 },
  { SQLITE_LIMIT_SQL_LENGTH, 100000 },
  { SQLITE_LIMIT_COLUMN, 100 },
  { SQLITE_LIMIT_EXPR_DEPTH, 100 },
  { SQLITE_LIMIT_COMPOUND_SELECT, 4 },
  { SQLITE_LIMIT_VDBE_OP, 100000 },
  { SQLITE_LIMIT_FUNCTION_ARG, 8 },
  { SQLITE_LIMIT_ATTACHED, 0 },
  { SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100 },
  { SQLITE_LIMIT_VARIABLE_NUMBER, 10 },
  { SQLITE_LIMIT_TRIGGER_DEPTH, 1 },
  { SQLITE_LIMIT_WORKER_THREADS, 0 },
};

static gboolean
harden (Reader  *reader,
        GError **error)
{
  sqlite3 *db = reader->db;
  int rc = SQLITE_OK;

  if (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK ||
      sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) != SQLITE_OK ||
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL) != SQLITE_OK ||
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL) != SQLITE_OK ||
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL) != SQLITE_OK)
    return refuse (reader, error, _("SQLite could not be made to read it safely"));

  for (guint i = 0; i < G_N_ELEMENTS (import_limits); i++)
    sqlite3_limit (db, import_limits[i].id, import_limits[i].value);

  sqlite3_progress_handler (db, PROGRESS_STEP, progress_cb, reader);

  rc = sqlite3_exec (db,
                     "PRAGMA trusted_schema = OFF;"
                     "PRAGMA cell_size_check = ON;"
                     "PRAGMA mmap_size = 0;",
                     NULL, NULL, NULL);
  return rc == SQLITE_OK || refuse_sqlite (reader, error, rc);
}

static gboolean
reader_int (Reader     *reader,
            const char *sql,
            gint64     *out_value,
            GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (reader->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return rc == SQLITE_ROW || refuse_sqlite (reader, error, rc);
}

/* The file's own header, read before SQLite sees the file: it must be an
 * SQLite database in rollback-journal mode, which is what an export writes. */
static gboolean
check_header (Reader     *reader,
              const char *path,
              GError    **error)
{
  static const char magic[16] = "SQLite format 3";
  guchar header[100] = { 0 };
  FILE *file = g_fopen (path, "rbe");
  gsize n = 0;
  int saved_errno = errno;

  if (file != NULL)
    {
      n = fread (header, 1, sizeof header, file);
      fclose (file);
    }
  else
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND,
                   _("Could not import “%s”: %s"), reader->name, g_strerror (saved_errno));
      return FALSE;
    }

  if (n < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                   _("Could not import “%s”: it is not a Staple session file. Nothing was added."),
                   reader->name);
      return FALSE;
    }

  if (header[18] != 1 || header[19] != 1)
    return refuse (reader, error,
                   _("it is not an exported session (it is a database in write-ahead-log "
                     "mode); export the session from Staple and import that file"));

  return TRUE;
}

static gboolean
open_reader (Reader     *reader,
             const char *path,
             GError    **error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  GStatBuf st;
  int rc;

  if (g_lstat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                   _("Could not import “%s”: it is not a regular file."), reader->name);
      return FALSE;
    }

  if (!check_header (reader, path, error))
    return FALSE;

  /* immutable=1: SQLite takes no locks, reads no journal or log beside the
   * file and writes nothing at all, so the file is left exactly as it was.
   * A file changed while we read it only makes the read fail. */
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  rc = sqlite3_open_v2 (uri, &reader->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    return refuse_sqlite (reader, error, rc);

  return harden (reader, error);
}

/* Import: the schema, which must be ours to the letter */

static const char * const tables_v1[] = {
  "sessions", "participants", "stages", "frictions", "votes", "actions",
  "action_frictions", "empowerments", NULL,
};

static gboolean
is_known_table (const char *name,
                int         version)
{
  if (g_strv_contains (tables_v1, name))
    return TRUE;

  return version >= 2 && g_str_equal (name, "phase_times");
}

/* What PRAGMA table_xinfo says of one column. */
typedef struct
{
  char *name;
  char *type;
  char *dflt;     /* NULL when it has none */
  int   notnull;
  int   pk;
  int   hidden;   /* 2 and 3: a generated column */
} Column;

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_free (column->type);
  g_free (column->dflt);
  g_free (column);
}

/* One entry of sqlite_schema; @columns for ordinary tables only. */
typedef struct
{
  char      *type;
  char      *table;
  char      *sql;       /* NULL for SQLite's own indexes */
  GPtrArray *columns;
} SchemaObject;

static void
schema_object_free (gpointer data)
{
  SchemaObject *object = data;

  g_free (object->type);
  g_free (object->table);
  g_free (object->sql);
  g_clear_pointer (&object->columns, g_ptr_array_unref);
  g_free (object);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The columns of @table in @db, in their order, or NULL with @out_rc set. */
static GPtrArray *
read_columns (sqlite3    *db,
              const char *table,
              int        *out_rc)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (column_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT name, type, \"notnull\", dflt_value, pk, hidden"
                           " FROM pragma_table_xinfo (?1)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Column *column = g_new0 (Column, 1);

      column->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      column->type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      column->notnull = sqlite3_column_int (stmt, 2);
      column->dflt = dup_column_text (stmt, 3);
      column->pk = sqlite3_column_int (stmt, 4);
      column->hidden = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (columns, column);
      if (column->name == NULL || column->type == NULL)
        rc = SQLITE_CORRUPT;
      else
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  *out_rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
  return *out_rc == SQLITE_OK ? g_steal_pointer (&columns) : NULL;
}

/* Our schema at @version, as our own migrations make it in an empty
 * database: name → SchemaObject. Made once per version and kept. */
static GHashTable *
build_expected_schema (int version)
{
  GHashTable *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               schema_object_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);

  for (int i = 0; rc == SQLITE_OK && i < version; i++)
    rc = sqlite3_exec (db, staple_schema_migrations[i], NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema", -1,
                             &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = dup_column_text (stmt, 0);
      object->table = dup_column_text (stmt, 2);
      object->sql = dup_column_text (stmt, 3);
      if (g_str_equal (object->type, "table") && object->sql != NULL &&
          g_str_has_prefix (object->sql, "CREATE TABLE "))
        object->columns = read_columns (db, object->table, &rc);
      g_hash_table_insert (objects, dup_column_text (stmt, 1), object);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Our own migrations on an empty database in memory: only a bug fails. */
  if (rc != SQLITE_OK)
    g_error ("Could not build the schema of version %d: %s", version, sqlite3_errstr (rc));

  return objects;
}

static GHashTable *
expected_schema (int version)
{
  static GMutex mutex;
  static GHashTable *schemas[STAPLE_SCHEMA_VERSION + 1];
  GHashTable *schema;

  g_assert (version >= 1 && version <= STAPLE_SCHEMA_VERSION);

  g_mutex_lock (&mutex);
  if (schemas[version] == NULL)
    schemas[version] = build_expected_schema (version);
  schema = schemas[version];
  g_mutex_unlock (&mutex);

  return schema;
}

/* SQLite's own tables, as SQLite makes them (AUTOINCREMENT, ANALYZE). */
static gboolean
is_sqlite_table (const char *name,
                 const char *sql)
{
  return (g_str_equal (name, "sqlite_sequence") &&
          g_strcmp0 (sql, "CREATE TABLE sqlite_sequence(name,seq)") == 0) ||
         (g_str_equal (name, "sqlite_stat1") &&
          g_strcmp0 (sql, "CREATE TABLE sqlite_stat1(tbl,idx,stat)") == 0);
}

static const Column *
find_column (GPtrArray  *columns,
             const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    {
      const Column *column = g_ptr_array_index (columns, i);

      if (g_str_equal (column->name, name))
        return column;
    }

  return NULL;
}

static gboolean
columns_equal (const Column *a,
               const Column *b)
{
  return g_str_equal (a->name, b->name) &&
         g_str_equal (a->type, b->type) &&
         g_strcmp0 (a->dflt, b->dflt) == 0 &&
         a->notnull == b->notnull &&
         a->pk == b->pk &&
         a->hidden == b->hidden;
}

/* Every column of @table, hidden and generated ones included, must be the
 * one our schema of this version has: an extra column could be computed by
 * the file itself, for as long and with as much memory as it likes. */
static gboolean
check_columns (Reader     *reader,
               const char *table,
               GPtrArray  *expected,
               GError    **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autofree char *table_shown = shown (table, 100);
  int rc = SQLITE_OK;

  columns = read_columns (reader->db, table, &rc);
  if (columns == NULL)
    return refuse_sqlite (reader, error, rc);

  for (guint i = 0; i < columns->len; i++)
    {
      const Column *column = g_ptr_array_index (columns, i);
      const Column *ours = find_column (expected, column->name);
      g_autofree char *name = shown (column->name, 100);

      if (column->hidden != 0)
        return refuse (reader, error,
                       _("the column “%s” of the table “%s” is computed by the file itself "
                         "(a generated column), which a session file never has"),
                       name, table_shown);
      if (ours == NULL)
        return refuse (reader, error,
                       _("the table “%s” has a column “%s” that Staple does not know"),
                       table_shown, name);
      if (ours->pk != 0 && column->pk == 0)
        return refuse (reader, error,
                       _("the table “%s” has lost its primary key, so its ids may repeat"),
                       table_shown);
      if (i >= expected->len || !columns_equal (column, g_ptr_array_index (expected, i)))
        return refuse (reader, error,
                       _("the column “%s” of the table “%s” is not defined as Staple defines it"),
                       name, table_shown);
    }

  if (columns->len < expected->len)
    {
      const Column *missing = g_ptr_array_index (expected, columns->len);

      return refuse (reader, error, _("the table “%s” has no column “%s”"),
                     table_shown, missing->name);
    }

  return TRUE;
}

/* One entry of the file's sqlite_schema against ours. */
static gboolean
check_object (Reader     *reader,
              GHashTable *expected,
              const char *type,
              const char *name,
              const char *table,
              const char *sql,
              GError    **error)
{
  const SchemaObject *ours = g_hash_table_lookup (expected, name);
  g_autofree char *name_shown = shown (name, 100);

  if (g_str_equal (type, "trigger"))
    return refuse (reader, error, _("it contains triggers, which a session file never has"));
  if (g_str_equal (type, "view"))
    return refuse (reader, error, _("it contains views, which a session file never has"));

  if (ours == NULL)
    {
      g_autofree char *type_shown = shown (type, 20);

      if (g_str_equal (type, "table") && is_sqlite_table (name, sql))
        return TRUE;
      return refuse (reader, error, _("it contains an unknown %s “%s”"), type_shown, name_shown);
    }

  if (!g_str_equal (type, ours->type) || !g_str_equal (table, ours->table))
    return refuse (reader, error, _("“%s” is not what Staple makes of that name"), name_shown);

  /* table_xinfo of a virtual table would run its module: only the ordinary
   * tables we expect, declared as ordinary tables, are asked. */
  if (ours->columns != NULL && sql != NULL && g_str_has_prefix (sql, "CREATE TABLE ") &&
      !check_columns (reader, name, ours->columns, error))
    return FALSE;

  /* The same columns may still carry constraints, collations or defaults of
   * the file's own, which SQLite evaluates when it checks the file. */
  if (g_strcmp0 (sql, ours->sql) != 0)
    return refuse (reader, error, _("the %s “%s” is not defined as Staple defines it"),
                   g_str_equal (type, "index") ? _("index") : _("table"), name_shown);

  return TRUE;
}

static gboolean
check_schema (Reader  *reader,
              GError **error)
{
  GHashTable *expected = expected_schema (reader->version);
  sqlite3_stmt *stmt = NULL;
  guint n_known = 0;
  guint n_expected = g_strv_length ((char **) tables_v1) + (reader->version >= 2 ? 1 : 0);
  int rc;

  rc = sqlite3_prepare_v2 (reader->db, "SELECT type, name, tbl_name, sql FROM sqlite_schema",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return refuse_sqlite (reader, error, rc);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *table = (const char *) sqlite3_column_text (stmt, 2);
      const char *sql = (const char *) sqlite3_column_text (stmt, 3);

      if (type == NULL || name == NULL || table == NULL)
        {
          sqlite3_finalize (stmt);
          return refuse (reader, error, _("its list of tables is damaged"));
        }

      if (!check_object (reader, expected, type, name, table, sql, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }

      if (g_str_equal (type, "table") && is_known_table (name, reader->version))
        n_known++;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return refuse_sqlite (reader, error, rc);

  if (n_known != n_expected)
    return refuse (reader, error, _("some of its tables are missing"));

  return TRUE;
}

#define ALL_ROWS \
  "SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM participants)" \
  " + (SELECT count(*) FROM stages) + (SELECT count(*) FROM frictions)" \
  " + (SELECT count(*) FROM votes) + (SELECT count(*) FROM actions)" \
  " + (SELECT count(*) FROM action_frictions) + (SELECT count(*) FROM empowerments)"

/* quick_check's report may run over several lines ("*** in database main
 * ***", then the problem): the message names the problem, on one line. */
static char *
quick_check_problem (const char *report)
{
  g_auto(GStrv) lines = g_strsplit_set (report != NULL ? report : "", "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "***"))
        return shown (lines[i], 200);
    }

  return g_strdup (_("unknown damage"));
}

/* The schema is checked before quick_check, which evaluates the tables' own
 * constraints (and generated columns) on every row. */
static gboolean
check_file (Reader  *reader,
            GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  gint64 rows = 0;
  int rc;

  if (!reader_int (reader, "PRAGMA application_id", &app_id, error) ||
      !reader_int (reader, "PRAGMA user_version", &version, error))
    return FALSE;

  if (app_id != STAPLE_STORE_APPLICATION_ID)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_STAPLE,
                   _("Could not import “%s”: it is a database of another program, not a "
                     "Staple session. Nothing was added."), reader->name);
      return FALSE;
    }

  if (version > STAPLE_SCHEMA_VERSION)
    {
      g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_TOO_NEW,
                   _("Could not import “%s”: it was made by a newer Staple (format %d; this "
                     "version reads up to %d). Update Staple to import it."),
                   reader->name, (int) CLAMP (version, 0, G_MAXINT), STAPLE_SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 1)
    return refuse (reader, error, _("it holds no Staple tables"));

  reader->version = (int) version;

  if (!check_schema (reader, error) ||
      !reader_int (reader,
                   reader->version >= 2 ? ALL_ROWS " + (SELECT count(*) FROM phase_times)"
                                        : ALL_ROWS,
                   &rows, error))
    return FALSE;

  reader->expected_calls = (guint) CLAMP (rows / ROWS_PER_PROGRESS_CALL, 1, G_MAXUINT);

  rc = sqlite3_prepare_v2 (reader->db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    problem = quick_check_problem ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return refuse_sqlite (reader, error, rc);
  if (problem != NULL)
    return refuse (reader, error, _("it is damaged (%s)"), problem);

  return TRUE;
}

/* Import: reading and validating the rows */

static gboolean
read_text (Reader        *reader,
           sqlite3_stmt  *stmt,
           int            column,
           const char    *what,
           const char   **out_text,
           GError       **error)
{
  const char *text;
  int n_bytes;

  if (sqlite3_column_type (stmt, column) != SQLITE_TEXT)
    return refuse (reader, error, _("%s is not text"), what);

  text = (const char *) sqlite3_column_text (stmt, column);
  n_bytes = sqlite3_column_bytes (stmt, column);
  if (text == NULL)
    return refuse (reader, error, _("%s could not be read"), what);

  /* Each text alone is limited below; all of them together too, or a file
   * of many long texts would take all the memory there is. */
  reader->text_bytes += (gsize) n_bytes;
  if (reader->text_bytes > MAX_TOTAL_TEXT_MB * 1000 * 1000)
    return refuse (reader, error, _("it holds more than %d MB of text"), MAX_TOTAL_TEXT_MB);

  if (!g_utf8_validate_len (text, n_bytes, NULL))
    return refuse (reader, error, _("%s is not valid UTF-8 text"), what);

  if (g_utf8_strlen (text, n_bytes) > MAX_TEXT_CHARS)
    return refuse (reader, error, _("%s is longer than %d characters"), what, MAX_TEXT_CHARS);

  *out_text = text;
  return TRUE;
}

static gboolean
read_int (Reader       *reader,
          sqlite3_stmt *stmt,
          int           column,
          const char   *what,
          gint64        min,
          gint64        max,
          gint64       *out_value,
          GError      **error)
{
  gint64 value;

  if (sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
    return refuse (reader, error, _("%s is not a whole number"), what);

  value = sqlite3_column_int64 (stmt, column);
  if (value < min || value > max)
    return refuse (reader, error,
                   _("%s is %lld, outside %lld–%lld"),
                   what, (long long) value, (long long) min, (long long) max);

  *out_value = value;
  return TRUE;
}

static gboolean
read_enum (Reader       *reader,
           sqlite3_stmt *stmt,
           int           column,
           const char   *what,
           GType         type,
           int          *out_value,
           GError      **error)
{
  const char *nick = NULL;

  if (!read_text (reader, stmt, column, what, &nick, error))
    return FALSE;

  if (!staple_enum_from_nick (type, nick, out_value))
    {
      g_autofree char *nick_shown = shown (nick, 40);

      return refuse (reader, error, _("%s is “%s”, which Staple does not know"), what,
                     nick_shown);
    }

  return TRUE;
}

static gboolean
read_date (Reader       *reader,
           sqlite3_stmt *stmt,
           int           column,
           const char   *what,
           const char  **out_text,
           GError      **error)
{
  const char *text = NULL;
  guint year, month, day;
  char end;

  if (!read_text (reader, stmt, column, what, &text, error))
    return FALSE;

  if (*text != '\0' &&
      (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
       sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
       !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]) ||
       !g_date_valid_dmy (day, month, year)))
    return refuse (reader, error, _("%s is not a date"), what);

  *out_text = text;
  return TRUE;
}

/* A reference to another row: NULL (when @optional) or an id in @ids. */
static gboolean
read_ref (Reader       *reader,
          sqlite3_stmt *stmt,
          int           column,
          const char   *what,
          GHashTable   *ids,
          gboolean      optional,
          gint64       *out_id,
          GError      **error)
{
  gint64 id;

  if (optional && sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      *out_id = 0;
      return TRUE;
    }

  if (sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
    return refuse (reader, error, _("%s is not a whole number"), what);

  id = sqlite3_column_int64 (stmt, column);
  if (id <= 0 || !g_hash_table_contains (ids, &id))
    return refuse (reader, error, _("%s points to nothing in the file"), what);

  *out_id = id;
  return TRUE;
}

static gboolean
read_own_id (Reader       *reader,
             sqlite3_stmt *stmt,
             int           column,
             const char   *what,
             gint64       *out_id,
             GError      **error)
{
  return read_int (reader, stmt, column, what, 1, G_MAXINT64, out_id, error);
}

/* Ids are the file's own: each may appear once, or a link to it would
 * point to whichever row came last. */
static gboolean
remember (Reader     *reader,
          GHashTable *ids,
          gint64      id,
          gpointer    object,
          const char *what,
          GError    **error)
{
  if (g_hash_table_contains (ids, &id))
    return refuse (reader, error, _("two %s have the id %lld"), what, (long long) id);

  g_hash_table_insert (ids, g_memdup2 (&id, sizeof id), object);
  return TRUE;
}

typedef gboolean (*RowFunc) (Reader        *reader,
                             sqlite3_stmt  *stmt,
                             StapleSession *session,
                             GError       **error);

/* Runs @sql (binding the session's id as ?1) and hands each row to @func,
 * refusing more than @max_rows rows. */
static gboolean
read_rows (Reader        *reader,
           StapleSession *session,
           const char    *sql,
           const char    *what,
           guint          max_rows,
           RowFunc        func,
           GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;
  int rc;

  rc = sqlite3_prepare_v2 (reader->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return refuse_sqlite (reader, error, rc);

  sqlite3_bind_int64 (stmt, 1, reader->session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n_rows > max_rows)
        {
          sqlite3_finalize (stmt);
          return refuse (reader, error, _("it has more than %u %s"), max_rows, what);
        }

      if (!func (reader, stmt, session, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE || refuse_sqlite (reader, error, rc);
}

/* Every row must belong to the one session the file holds.
 *
 * These queries and those that read the rows say NOT INDEXED: quick_check
 * does not compare an index with its table, so a crafted index could show
 * a row twice or hide one; the tables themselves it does check. */
static gboolean
check_strays (Reader  *reader,
              GError **error)
{
  static const char * const queries[] = {
    "SELECT (SELECT count(*) FROM participants NOT INDEXED WHERE session_id IS NOT ?1)"
    " + (SELECT count(*) FROM stages NOT INDEXED WHERE session_id IS NOT ?1)"
    " + (SELECT count(*) FROM actions NOT INDEXED WHERE session_id IS NOT ?1)"
    " + (SELECT count(*) FROM empowerments NOT INDEXED WHERE session_id IS NOT ?1)",
    "SELECT count(*) FROM phase_times NOT INDEXED WHERE session_id IS NOT ?1",
  };

  for (guint i = 0; i < (reader->version >= 2 ? 2u : 1u); i++)
    {
      sqlite3_stmt *stmt = NULL;
      gint64 n = 0;
      int rc = sqlite3_prepare_v2 (reader->db, queries[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, reader->session_id);
          rc = sqlite3_step (stmt);
        }
      if (rc == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);

      if (rc != SQLITE_ROW)
        return refuse_sqlite (reader, error, rc);
      if (n > 0)
        return refuse (reader, error, _("it has rows that belong to no session in it"));
    }

  return TRUE;
}

static gboolean
read_session_row (Reader        *reader,
                  StapleSession *session,
                  gint64        *out_current_stage,
                  GError       **error)
{
  static const char * const names[] = {
    N_("the title"), N_("the organisation"), N_("the location"), N_("the facilitator"),
    N_("the customer"), N_("the work item"), N_("the question"),
  };
  static const char * const properties[] = {
    "title", "organisation", "location", "facilitator",
    "customer", "work-item", "question",
  };
  /* Not the source: it tells the library where a session of its own came
   * from (the bundled example is "example:1"), which a file cannot know. */
  const char *sql = reader->version >= 2
    ? "SELECT id, title, organisation, location, facilitator, customer, work_item,"
      " question, date, phase, dots_per_participant, current_stage_id FROM sessions"
    : "SELECT id, title, organisation, location, facilitator, customer, work_item,"
      " question, date, 'frame', 3, NULL FROM sessions";
  sqlite3_stmt *stmt = NULL;
  const char *text = NULL;
  gint64 dots = 3;
  int phase = STAPLE_PHASE_FRAME;
  int rc;
  gboolean ok = TRUE;

  rc = sqlite3_prepare_v2 (reader->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        return refuse (reader, error, _("it holds no session"));
      return refuse_sqlite (reader, error, rc);
    }

  ok = read_own_id (reader, stmt, 0, _("a session id"), &reader->session_id, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (names); i++)
    {
      ok = read_text (reader, stmt, (int) i + 1, _(names[i]), &text, error);
      if (ok)
        g_object_set (session, properties[i], text, NULL);
    }

  ok = ok &&
       read_date (reader, stmt, 8, _("a session date"), &text, error) &&
       (staple_session_set_date (session, text), TRUE) &&
       read_enum (reader, stmt, 9, _("a phase"), STAPLE_TYPE_PHASE, &phase, error) &&
       read_int (reader, stmt, 10, _("a number of dots"), STAPLE_DOTS_MIN, STAPLE_DOTS_MAX,
                 &dots, error);

  if (ok && g_utf8_strlen (staple_session_get_title (session), -1) == 0)
    ok = refuse (reader, error, _("the session has no title"));

  if (ok)
    {
      staple_session_set_phase (session, phase);
      staple_session_set_dots_per_participant (session, (int) dots);
      *out_current_stage = sqlite3_column_type (stmt, 11) == SQLITE_INTEGER
        ? sqlite3_column_int64 (stmt, 11) : 0;
      if (sqlite3_column_type (stmt, 11) != SQLITE_NULL &&
          sqlite3_column_type (stmt, 11) != SQLITE_INTEGER)
        ok = refuse (reader, error, _("the current stage is not a whole number"));
    }

  if (ok && sqlite3_step (stmt) == SQLITE_ROW)
    ok = refuse (reader, error, _("it holds more than one session"));

  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
participant_row (Reader        *reader,
                 sqlite3_stmt  *stmt,
                 StapleSession *session,
                 GError       **error)
{
  g_autoptr(StapleParticipant) participant = staple_participant_new ();
  const char *name = NULL, *role = NULL;
  gint64 id = 0, abstains = 0, anonymous = 0;

  if (!read_own_id (reader, stmt, 0, _("a participant id"), &id, error) ||
      !read_text (reader, stmt, 1, _("a participant’s name"), &name, error) ||
      !read_text (reader, stmt, 2, _("a participant’s role"), &role, error) ||
      !read_int (reader, stmt, 3, _("a participant’s abstention"), 0, 1, &abstains, error) ||
      !read_int (reader, stmt, 4, _("whether a participant is an anonymous voter"), 0, 1,
                 &anonymous, error))
    return FALSE;

  staple_participant_set_id (participant, id);
  staple_participant_set_name (participant, name);
  staple_participant_set_role (participant, role);
  staple_participant_set_abstains (participant, abstains != 0);
  staple_participant_set_anonymous (participant, anonymous != 0);
  if (!remember (reader, reader->participants, id, participant, _("participants"), error))
    return FALSE;
  g_list_store_append (staple_session_get_participants (session), participant);
  return TRUE;
}

static gboolean
stage_row (Reader        *reader,
           sqlite3_stmt  *stmt,
           StapleSession *session,
           GError       **error)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();
  GListStore *list = staple_session_get_stages (session);
  const char *name = NULL, *team = NULL, *notes = NULL;
  gint64 id = 0, work = 0, wait = 0, handoff = 0, dropped = 0, customer = 0, staff = 0;
  int channel = 0;

  if (!read_own_id (reader, stmt, 0, _("a stage id"), &id, error) ||
      !read_text (reader, stmt, 1, _("a stage name"), &name, error) ||
      !read_text (reader, stmt, 2, _("a stage team"), &team, error) ||
      !read_enum (reader, stmt, 3, _("a stage channel"), STAPLE_TYPE_CHANNEL, &channel, error) ||
      !read_int (reader, stmt, 4, _("a work time"), 0, MAX_MINUTES, &work, error) ||
      !read_int (reader, stmt, 5, _("a wait time"), 0, MAX_MINUTES, &wait, error) ||
      !read_int (reader, stmt, 6, _("a hand-off mark"), 0, 1, &handoff, error) ||
      !read_int (reader, stmt, 7, _("a drop-off mark"), 0, 1, &dropped, error) ||
      !read_int (reader, stmt, 8, _("a customer feeling"), -2, 2, &customer, error) ||
      !read_int (reader, stmt, 9, _("a staff feeling"), -2, 2, &staff, error) ||
      !read_text (reader, stmt, 10, _("a stage note"), &notes, error))
    return FALSE;

  g_object_set (stage,
                "id", id,
                "position", (int) g_list_model_get_n_items (G_LIST_MODEL (list)),
                "name", name,
                "team", team,
                "channel", channel,
                "handoff", handoff != 0,
                "dropped", dropped != 0,
                "notes", notes,
                NULL);
  staple_stage_set_work_minutes (stage, (int) work);
  staple_stage_set_wait_minutes (stage, (int) wait);
  staple_stage_set_customer_feeling (stage, (int) customer);
  staple_stage_set_staff_feeling (stage, (int) staff);
  if (!remember (reader, reader->stages, id, stage, _("stages"), error))
    return FALSE;
  g_list_store_append (list, stage);
  return TRUE;
}

static gboolean
friction_row (Reader        *reader,
              sqlite3_stmt  *stmt,
              StapleSession *session,
              GError       **error)
{
  g_autoptr(StapleFriction) friction = staple_friction_new ();
  const char *text = NULL, *notes = NULL;
  gint64 id = 0, stage_id = 0, severity = 0;
  int kind = 0, principle = 0;
  StapleStage *stage;
  GListStore *list;

  (void) session;

  if (!read_own_id (reader, stmt, 0, _("a friction point id"), &id, error) ||
      !read_ref (reader, stmt, 1, _("a friction point’s stage"), reader->stages, FALSE,
                 &stage_id, error) ||
      !read_text (reader, stmt, 2, _("a friction point"), &text, error) ||
      !read_enum (reader, stmt, 3, _("a friction kind"), STAPLE_TYPE_FRICTION_KIND, &kind, error) ||
      !read_int (reader, stmt, 4, _("a severity"), 1, 5, &severity, error) ||
      !read_enum (reader, stmt, 5, _("a principle"), STAPLE_TYPE_PRINCIPLE, &principle, error) ||
      !read_text (reader, stmt, 6, _("a friction note"), &notes, error))
    return FALSE;

  stage = g_hash_table_lookup (reader->stages, &stage_id);
  list = staple_stage_get_frictions (stage);
  g_object_set (friction,
                "id", id,
                "stage-id", stage_id,
                "position", (int) g_list_model_get_n_items (G_LIST_MODEL (list)),
                "text", text,
                "kind", kind,
                "principle", principle,
                "notes", notes,
                NULL);
  staple_friction_set_severity (friction, (int) severity);
  if (!remember (reader, reader->frictions, id, friction, _("friction points"), error))
    return FALSE;
  g_list_store_append (list, friction);
  return TRUE;
}

static gboolean
vote_row (Reader        *reader,
          sqlite3_stmt  *stmt,
          StapleSession *session,
          GError       **error)
{
  g_autoptr(StapleVote) vote = staple_vote_new ();
  gint64 id = 0, participant_id = 0, friction_id = 0;
  StapleParticipant *participant;
  guint dots;

  if (!read_own_id (reader, stmt, 0, _("a vote id"), &id, error) ||
      !remember (reader, reader->votes, id, NULL, _("dots"), error) ||
      !read_ref (reader, stmt, 1, _("a vote’s participant"), reader->participants, FALSE,
                 &participant_id, error) ||
      !read_ref (reader, stmt, 2, _("a vote’s friction point"), reader->frictions, FALSE,
                 &friction_id, error))
    return FALSE;

  /* Not the session's dots per participant: those may have been lowered
   * after the vote, which keeps the dots placed. No session has more. */
  participant = g_hash_table_lookup (reader->participants, &participant_id);
  dots = GPOINTER_TO_UINT (g_hash_table_lookup (reader->dots, participant)) + 1;
  if (dots > STAPLE_DOTS_MAX)
    return refuse (reader, error,
                   _("a participant holds more than %d dots, the most anyone can have"),
                   STAPLE_DOTS_MAX);
  g_hash_table_insert (reader->dots, participant, GUINT_TO_POINTER (dots));

  staple_vote_set_id (vote, id);
  staple_vote_set_participant_id (vote, participant_id);
  staple_vote_set_friction_id (vote, friction_id);
  g_list_store_append (staple_session_get_votes (session), vote);
  return TRUE;
}

static gboolean
action_row (Reader        *reader,
            sqlite3_stmt  *stmt,
            StapleSession *session,
            GError       **error)
{
  g_autoptr(StapleAction) action = staple_action_new ();
  const char *text = NULL, *due = NULL, *done_on = NULL;
  gint64 id = 0, owner_id = 0;
  int status = 0;

  if (!read_own_id (reader, stmt, 0, _("an action id"), &id, error) ||
      !read_date (reader, stmt, 5, _("the day an action was done"), &done_on, error) ||
      !read_text (reader, stmt, 1, _("an action"), &text, error) ||
      !read_ref (reader, stmt, 2, _("an action’s owner"), reader->participants, TRUE,
                 &owner_id, error) ||
      !read_date (reader, stmt, 3, _("an action’s due date"), &due, error) ||
      !read_enum (reader, stmt, 4, _("an action status"), STAPLE_TYPE_ACTION_STATUS, &status,
                  error))
    return FALSE;

  g_object_set (action,
                "id", id,
                "text", text,
                "owner-id", owner_id,
                "due", due,
                "status", status,
                "done-on", done_on,
                NULL);
  if (!remember (reader, reader->actions, id, action, _("actions"), error))
    return FALSE;
  g_list_store_append (staple_session_get_actions (session), action);
  return TRUE;
}

static gboolean
action_friction_row (Reader        *reader,
                     sqlite3_stmt  *stmt,
                     StapleSession *session,
                     GError       **error)
{
  gint64 pair[2] = { 0, 0 };
  StapleAction *action;
  GArray *ids;

  (void) session;

  if (!read_ref (reader, stmt, 0, _("a link’s action"), reader->actions, FALSE,
                 &pair[0], error) ||
      !read_ref (reader, stmt, 1, _("a link’s friction point"), reader->frictions, FALSE,
                 &pair[1], error))
    return FALSE;

  if (g_hash_table_contains (reader->link_pairs, pair))
    return refuse (reader, error, _("an action is linked twice to the same friction point"));
  g_hash_table_add (reader->link_pairs, g_memdup2 (pair, sizeof pair));

  /* Gathered here and set once per action at the end (set_links). */
  action = g_hash_table_lookup (reader->actions, &pair[0]);
  ids = g_hash_table_lookup (reader->links, action);
  if (ids == NULL)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (reader->links, action, ids);
    }
  g_array_append_val (ids, pair[1]);
  return TRUE;
}

static void
set_links (Reader *reader)
{
  GHashTableIter iter;
  gpointer action, value;

  g_hash_table_iter_init (&iter, reader->links);
  while (g_hash_table_iter_next (&iter, &action, &value))
    {
      GArray *ids = value;

      staple_action_set_friction_ids (action, &g_array_index (ids, gint64, 0), ids->len);
    }
}

static gboolean
empowerment_row (Reader        *reader,
                 sqlite3_stmt  *stmt,
                 StapleSession *session,
                 GError       **error)
{
  g_autoptr(StapleEmpowerment) item = staple_empowerment_new ();
  const char *text = NULL;
  gint64 id = 0;

  if (!read_own_id (reader, stmt, 0, _("an empowerment item id"), &id, error) ||
      !remember (reader, reader->empowerments, id, NULL, _("empowerment items"), error) ||
      !read_text (reader, stmt, 1, _("an empowerment item"), &text, error))
    return FALSE;

  staple_empowerment_set_id (item, id);
  staple_empowerment_set_text (item, text);
  g_list_store_append (staple_session_get_empowerments (session), item);
  return TRUE;
}

static gboolean
phase_time_row (Reader        *reader,
                sqlite3_stmt  *stmt,
                StapleSession *session,
                GError       **error)
{
  gint64 seconds = 0;
  int phase = 0;

  if (!read_enum (reader, stmt, 0, _("a phase"), STAPLE_TYPE_PHASE, &phase, error) ||
      !read_int (reader, stmt, 1, _("a time spent in a phase"), 0, MAX_PHASE_SECONDS, &seconds,
                 error))
    return FALSE;

  staple_session_set_phase_seconds (session, phase, (guint) seconds);
  return TRUE;
}

static gboolean
read_session (Reader         *reader,
              StapleSession  *session,
              GError        **error)
{
  gboolean v2 = reader->version >= 2;
  gint64 current_stage = 0;

  if (!read_session_row (reader, session, &current_stage, error) ||
      !check_strays (reader, error) ||
      !read_rows (reader, session,
                  reader->version >= 6
                    ? "SELECT id, name, role, abstains, anonymous FROM participants NOT INDEXED"
                      " ORDER BY position, id"
                    : v2 ? "SELECT id, name, role, abstains, 0 FROM participants NOT INDEXED"
                           " ORDER BY position, id"
                         : "SELECT id, name, role, 0, 0 FROM participants NOT INDEXED"
                           " ORDER BY position, id",
                  _("participants"), MAX_PARTICIPANTS, participant_row, error) ||
      !read_rows (reader, session,
                  "SELECT id, name, team, channel, work_minutes, wait_minutes, handoff,"
                  " dropped, customer_feeling, staff_feeling, notes"
                  " FROM stages NOT INDEXED ORDER BY position, id",
                  _("stages"), MAX_STAGES, stage_row, error) ||
      !read_rows (reader, session,
                  "SELECT id, stage_id, text, kind, severity, principle, notes"
                  " FROM frictions NOT INDEXED ORDER BY stage_id, position, id",
                  _("friction points"), MAX_FRICTIONS, friction_row, error) ||
      !read_rows (reader, session,
                  "SELECT id, participant_id, friction_id FROM votes NOT INDEXED ORDER BY id",
                  _("votes"), MAX_VOTES, vote_row, error) ||
      !read_rows (reader, session,
                  reader->version >= 7
                    ? "SELECT id, text, owner_id, due, status, done_on FROM actions NOT INDEXED"
                      " ORDER BY position, id"
                    : "SELECT id, text, owner_id, due, status, '' FROM actions NOT INDEXED"
                      " ORDER BY position, id",
                  _("actions"), MAX_ACTIONS, action_row, error) ||
      !read_rows (reader, session,
                  "SELECT action_id, friction_id FROM action_frictions NOT INDEXED"
                  " ORDER BY action_id, position",
                  _("links from actions to friction points"), MAX_ACTION_FRICTIONS,
                  action_friction_row, error) ||
      !read_rows (reader, session,
                  "SELECT id, text FROM empowerments NOT INDEXED ORDER BY position, id",
                  _("empowerment items"), MAX_EMPOWERMENTS, empowerment_row, error) ||
      (v2 && !read_rows (reader, session, "SELECT phase, seconds FROM phase_times NOT INDEXED",
                         _("phase times"), STAPLE_N_PHASES, phase_time_row, error)))
    return FALSE;

  if (current_stage != 0 && !g_hash_table_contains (reader->stages, &current_stage))
    return refuse (reader, error, _("its current stage points to nothing in the file"));

  set_links (reader);
  staple_session_set_current_stage_id (session, current_stage);
  return TRUE;
}

/**
 * staple_share_read_session:
 * @path: a .staple file, untrusted
 * @cancellable: (nullable): stops the reading, even in the middle of a query
 * @progress: (nullable) (scope call): called now and then with the fraction
 *   read so far, from 0 to 1, in the calling thread
 * @progress_data: data for @progress
 *
 * Reads one session from a file made by staple_store_export_session() (or by
 * an older Staple), checking the file and every value in it, and builds it
 * in memory. The file is not written to, and no library is touched, so this
 * may run in any thread; staple_store_add_session() then adds the session.
 *
 * The session comes without a source: a file cannot say it is the bundled
 * example or any other session the library tells apart by its source.
 *
 * A file that fails any check is refused with a #STAPLE_STORE_ERROR naming it
 * and what is wrong; a cancelled read fails with %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): the session, with the file's ids, or %NULL with
 *   @error set
 */
StapleSession *
staple_share_read_session (const char               *path,
                           GCancellable             *cancellable,
                           StapleShareProgressFunc   progress,
                           gpointer                  progress_data,
                           GError                  **error)
{
  g_autoptr(StapleSession) session = NULL;
  Reader reader = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  reader_init (&reader, path, cancellable);
  reader.progress = progress;
  reader.progress_data = progress_data;

  session = staple_session_new ();
  ok = open_reader (&reader, path, error) &&
       check_file (&reader, error) &&
       read_session (&reader, session, error);

  /* A cancel that came after SQLite's last question still counts. */
  if (ok && g_cancellable_is_cancelled (cancellable))
    ok = refuse_cancelled (&reader, error);
  if (ok && progress != NULL)
    progress (1.0, progress_data);

  reader_clear (&reader);
  return ok ? g_steal_pointer (&session) : NULL;
}

/**
 * staple_store_import_session:
 * @path: a .staple file, untrusted
 *
 * Reads one session from @path with staple_share_read_session() and adds it
 * to this library as a new session, in one transaction. A file that fails
 * any check is refused with a message naming it and what is wrong; nothing
 * is added and the file is not written to.
 *
 * This blocks until the file is read: the command line uses it, a window
 * uses staple_store_import_session_async().
 *
 * Returns: the new session's id, or 0 with @error set
 */
gint64
staple_store_import_session (StapleStore  *self,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(StapleSession) session = NULL;

  g_return_val_if_fail (STAPLE_IS_STORE (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  session = staple_share_read_session (path, NULL, NULL, NULL, error);
  if (session == NULL || !staple_store_add_session (self, session, error))
    return 0;

  return staple_session_get_id (session);
}

/* Import in a worker thread */

typedef struct
{
  char                    *path;
  GMainContext            *context;      /* of the caller, where progress goes */
  StapleShareProgressFunc  progress;
  gpointer                 progress_data;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->path);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  GTask  *task;
  double  fraction;
} ImportProgress;

static void
import_progress_free (gpointer data)
{
  ImportProgress *report = data;

  g_object_unref (report->task);
  g_free (report);
}

/* In the caller's context. A report that arrives after the task has
 * finished is dropped: the caller's callback was the last word. */
static gboolean
deliver_progress_cb (gpointer data)
{
  ImportProgress *report = data;
  ImportJob *job = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task) &&
      !g_task_had_error (report->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (report->task)))
    job->progress (report->fraction, job->progress_data);

  return G_SOURCE_REMOVE;
}

/* In the worker thread. */
static void
post_progress_cb (double   fraction,
                  gpointer data)
{
  GTask *task = data;
  ImportJob *job = g_task_get_task_data (task);
  ImportProgress *report = g_new0 (ImportProgress, 1);

  report->task = g_object_ref (task);
  report->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver_progress_cb,
                              report, import_progress_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  StapleSession *session;

  session = staple_share_read_session (job->path, cancellable,
                                       job->progress != NULL ? post_progress_cb : NULL, task,
                                       &error);
  if (session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, session, g_object_unref);
}

/**
 * staple_store_import_session_async:
 * @path: a .staple file, untrusted
 * @cancellable: (nullable): cancels the import
 * @progress: (nullable) (scope notified): called in the thread-default main
 *   context of the caller with the fraction read so far, from 0 to 1, until
 *   @callback is called
 * @progress_data: data for @progress; it must live until @callback is called
 * @callback: called when the file has been read, or refused
 * @user_data: data for @callback
 *
 * Reads @path in a worker thread with staple_share_read_session(), so a
 * large or hostile file neither blocks the caller nor reaches this library
 * before it has been checked. Call staple_store_import_session_finish() from
 * @callback: it adds the session to the library.
 */
void
staple_store_import_session_async (StapleStore             *self,
                                   const char              *path,
                                   GCancellable            *cancellable,
                                   StapleShareProgressFunc  progress,
                                   gpointer                 progress_data,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (STAPLE_IS_STORE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (path);
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, staple_store_import_session_async);
  g_task_set_name (task, "[staple] import a session");
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * staple_store_import_session_finish:
 * @result: the result given to the callback
 *
 * Finishes staple_store_import_session_async(): adds the session read to
 * this library as a new session, in one transaction, unless the import was
 * cancelled in the meantime (%G_IO_ERROR_CANCELLED) or the file was refused
 * (a #STAPLE_STORE_ERROR whose message names the file and what is wrong).
 *
 * Returns: the new session's id, or 0 with @error set
 */
gint64
staple_store_import_session_finish (StapleStore   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(StapleSession) session = NULL;

  g_return_val_if_fail (STAPLE_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        staple_store_import_session_async, 0);

  /* A cancel at any time, even once the file is read, leaves the library as
   * it was: GTask reports it here. */
  session = g_task_propagate_pointer (G_TASK (result), error);
  if (session == NULL || !staple_store_add_session (self, session, error))
    return 0;

  return staple_session_get_id (session);
}
