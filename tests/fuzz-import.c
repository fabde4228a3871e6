/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import.c: libFuzzer target for the .staple importer.
 *
 * Each input is written to a file and read as an untrusted .staple file. A
 * refusal must be a GError of the store with a valid UTF-8 message; an
 * acceptance must leave a file that a fresh library takes whole: added,
 * listed, opened again, and exported to a file that imports in its turn.
 * Anything else (a crash, a sanitizer report, a GLib warning or critical)
 * aborts.
 *
 * Byte mutations of an SQLite file nearly always end in a refusal of its
 * structure, so one mutation in three is made with SQL instead: a value of a
 * row changed to one at or past a limit, a row copied or deleted. Those files
 * are SQLite databases in our schema, and reach the checks of every value
 * and, when accepted, the library.
 *
 * Built with -Dfuzzing=true and clang (tests/meson.build); run by hand:
 *   fuzz-import -max_total_time=900 CORPUS_DIR tests/staple-files
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "staple-share.h"
#include "staple-store.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
size_t LLVMFuzzerMutate (uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator (uint8_t *data, size_t size, size_t max_size, unsigned int seed);

static char *tmp_dir;
static char *input_path;
static char *library_path;
static char *export_path;

static void
remove_library (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (library_path, suffixes[i], NULL);

      g_unlink (path);
    }
}

static void
remove_tmp_dir (void)
{
  remove_library ();
  g_unlink (input_path);
  g_unlink (export_path);
  g_rmdir (tmp_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  tmp_dir = g_dir_make_tmp ("staple-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  input_path = g_build_filename (tmp_dir, "input.staple", NULL);
  library_path = g_build_filename (tmp_dir, "library.db", NULL);
  export_path = g_build_filename (tmp_dir, "export.staple", NULL);
  atexit (remove_tmp_dir);
  return 0;
}

static void
check_accepted (StapleSession *read)
{
  g_autoptr(StapleStore) store = NULL;
  g_autoptr(StapleSession) loaded = NULL;
  g_autoptr(StapleSession) again = NULL;
  g_autoptr(GListStore) sessions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  remove_library ();
  store = staple_store_open (library_path, &error);
  g_assert_no_error (error);

  /* The real import, from the file again, into a fresh library. */
  id = staple_store_import_session (store, input_path, &error);
  if (id <= 0)
    g_error ("accepted once, then refused: %s", error->message);

  sessions = staple_store_list_sessions (store, &error);
  if (sessions == NULL)
    g_error ("imported, then the library could not be listed: %s", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sessions)), ==, 1);

  loaded = staple_store_load_session (store, id, &error);
  if (loaded == NULL)
    g_error ("imported, then the session could not be opened: %s", error->message);

  g_assert_cmpstr (staple_session_get_title (loaded), ==, staple_session_get_title (read));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (loaded))),
                    ==,
                    g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (read))));

  /* What was taken in can be passed on. */
  if (!staple_store_export_session (store, id, export_path, &error))
    g_error ("imported, then the session could not be exported: %s", error->message);
  again = staple_share_read_session (export_path, NULL, NULL, NULL, &error);
  if (again == NULL)
    g_error ("imported and exported, then refused: %s", error->message);
}

/* Mutations with SQL */

static const char * const tables[] = {
  "sessions", "participants", "stages", "frictions", "votes", "actions", "action_frictions",
  "empowerments", "phase_times",
};

static const char * const values[] = {
  "NULL", "0", "1", "-1", "2", "3", "5", "6", "20", "21", "-2", "-3", "525600", "525601",
  "2147483647", "2147483648", "9223372036854775807", "-9223372036854775808", "1.5", "x'00'",
  "''", "'frame'", "'close'", "'phone'", "'in-person'", "'tools'", "'none'", "'done'",
  "'dropped'", "'teleport'", "'2026-02-28'", "'2026-02-29'", "'2024-02-29'", "'2026-13-01'",
  "'20260101'", "'example:1'", "CAST (x'c328' AS TEXT)", "CAST (x'e282' AS TEXT)",
  "'a' || char (0) || 'b'", "char (0x202e) || 'txt'", "printf ('%.*c', 100000, 'x')",
  "printf ('%.*c', 100001, 'x')", "(SELECT max(id) FROM stages)",
  "(SELECT min(id) FROM participants)", "(SELECT min(id) FROM frictions)",
  "(SELECT max(id) FROM actions) + 1",
};

static char *
random_column (sqlite3    *db,
               const char *table,
               GRand      *rand)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')"
                                          " ORDER BY random () LIMIT 1", table);
  sqlite3_stmt *stmt = NULL;
  char *column = NULL;

  (void) rand;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    column = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return column;
}

static size_t
mutate_with_sql (uint8_t *data,
                 size_t   size,
                 size_t   max_size,
                 GRand   *rand)
{
  const char *table = tables[g_rand_int_range (rand, 0, G_N_ELEMENTS (tables))];
  g_autofree char *column = NULL;
  g_autofree char *sql = NULL;
  unsigned char *image;
  sqlite3_int64 out_size = 0;
  sqlite3 *db = NULL;
  size_t result = 0;

  image = sqlite3_malloc64 (size);
  if (image == NULL || sqlite3_open (":memory:", &db) != SQLITE_OK)
    {
      sqlite3_free (image);
      sqlite3_close (db);
      return 0;
    }
  memcpy (image, data, size);
  if (sqlite3_deserialize (db, "main", image, (sqlite3_int64) size, (sqlite3_int64) size,
                           SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
      != SQLITE_OK)
    {
      sqlite3_close (db);
      return 0;
    }

  column = random_column (db, table, rand);
  switch (column == NULL ? 3 : g_rand_int_range (rand, 0, 8))
    {
    case 0:
      sql = g_strdup_printf ("INSERT OR IGNORE INTO %s SELECT * FROM %s ORDER BY random () LIMIT 1",
                             table, table);
      break;
    case 1:
      sql = g_strdup_printf ("DELETE FROM %s WHERE random () %% 3 = 0", table);
      break;
    case 2:
      sql = g_strdup_printf ("INSERT INTO %s SELECT * FROM %s LIMIT 1", table, table);
      break;
    case 3:
      sql = g_strdup ("PRAGMA user_version = 1");
      break;
    default:
      sql = g_strdup_printf ("UPDATE OR IGNORE %s SET %s = %s WHERE random () %% 2 = 0",
                             table, column,
                             values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      break;
    }

  sqlite3_exec (db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    {
      unsigned char *out = sqlite3_serialize (db, "main", &out_size, 0);

      if (out != NULL && out_size > 0 && (size_t) out_size <= max_size)
        {
          memcpy (data, out, (size_t) out_size);
          result = (size_t) out_size;
        }
      sqlite3_free (out);
    }
  sqlite3_close (db);
  return result;
}

size_t
LLVMFuzzerCustomMutator (uint8_t      *data,
                         size_t        size,
                         size_t        max_size,
                         unsigned int  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  size_t mutated = 0;

  if (size >= 100 && memcmp (data, "SQLite format 3", 16) == 0 &&
      g_rand_int_range (rand, 0, 3) == 0)
    mutated = mutate_with_sql (data, size, max_size, rand);

  return mutated > 0 ? mutated : LLVMFuzzerMutate (data, size, max_size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (input_path, (const char *) data, (gssize) size, &error))
    g_error ("%s", error->message);

  session = staple_share_read_session (input_path, NULL, NULL, NULL, &error);
  if (session == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == STAPLE_STORE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (strchr (error->message, '\n'));
      return 0;
    }

  g_assert_no_error (error);
  check_accepted (session);
  return 0;
}
