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
 * Built with -Dfuzzing=true and clang (tests/meson.build); run by hand:
 *   fuzz-import -max_total_time=900 CORPUS_DIR tests/staple-files
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "staple-share.h"
#include "staple-store.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

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
      return 0;
    }

  g_assert_no_error (error);
  check_accepted (session);
  return 0;
}
