/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-search.c: the library as a coach sees it, at any size: the
 * counts each session shows are right after every kind of edit, its undo,
 * an import and the trash; the sort by friction points follows them; a
 * search that finds hundreds lists the same sessions the filters allow, in
 * the library's order, and one that finds few ranks them; the list follows
 * changes to the library; and snippets mark where the words were found. */

#include <string.h>

#include "staple-editor.h"
#include "staple-model.h"
#include "staple-share.h"
#include "staple-store.h"
#include "test-util.h"

#define MARK_START "\xee\x80\x80"
#define MARK_END "\xee\x80\x81"

typedef struct
{
  char        *dir;
  char        *path;
  StapleStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sessions.db", NULL);
  f->store = staple_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

static StapleStage *
add_stage (StapleSession *session,
           const char    *name)
{
  GListStore *stages = staple_session_get_stages (session);
  g_autoptr(StapleStage) stage = staple_stage_new ();

  staple_stage_set_position (stage, (int) g_list_model_get_n_items (G_LIST_MODEL (stages)));
  staple_stage_set_name (stage, name);
  g_list_store_append (stages, stage);
  return stage;
}

static void
add_friction (StapleStage *stage,
              const char  *text)
{
  GListStore *frictions = staple_stage_get_frictions (stage);
  g_autoptr(StapleFriction) friction = staple_friction_new ();

  staple_friction_set_position (friction,
                                (int) g_list_model_get_n_items (G_LIST_MODEL (frictions)));
  staple_friction_set_text (friction, text);
  g_list_store_append (frictions, friction);
}

static void
add_action (StapleSession      *session,
            const char         *text,
            StapleActionStatus  status)
{
  g_autoptr(StapleAction) action = staple_action_new ();

  staple_action_set_text (action, text);
  staple_action_set_status (action, status);
  g_list_store_append (staple_session_get_actions (session), action);
}

static gint64
add_session (StapleStore   *store,
             StapleSession *session)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_store_add_session (store, session, &error));
  g_assert_no_error (error);
  return staple_session_get_id (session);
}

/* A session of @n_cards friction points in one stage. */
static gint64
add_simple_session (StapleStore *store,
                    const char  *title,
                    const char  *organisation,
                    const char  *date,
                    const char  *text,
                    guint        n_cards)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  StapleStage *stage;

  staple_session_set_title (session, title);
  staple_session_set_organisation (session, organisation);
  staple_session_set_date (session, date);
  stage = add_stage (session, "Counter");
  for (guint i = 0; i < n_cards; i++)
    add_friction (stage, text);
  return add_session (store, session);
}

static StapleSession *
load_session (StapleStore *store,
              gint64       id)
{
  g_autoptr(GError) error = NULL;
  StapleSession *session = staple_store_load_session (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static StapleSessionPages *
query (StapleStore       *store,
       const char        *words,
       const char        *organisation,
       const char        *date_from,
       const char        *date_to,
       StapleSessionSort  sort)
{
  g_autoptr(GError) error = NULL;
  StapleSessionPages *pages = staple_store_query_sessions (store, words, organisation,
                                                           date_from, date_to, sort, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pages);
  return pages;
}

/* The library's row of a session, as the window lists it, or NULL. */
static StapleSessionSummary *
listed_row (StapleStore *store,
            gint64       id)
{
  g_autoptr(StapleSessionPages) pages = query (store, NULL, NULL, NULL, NULL,
                                               STAPLE_SESSION_SORT_DATE);
  GListModel *list = G_LIST_MODEL (pages);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      StapleSessionSummary *summary = g_list_model_get_item (list, i);

      if (staple_session_summary_get_id (summary) == id)
        return summary;
      g_object_unref (summary);
    }

  return NULL;
}

static void
assert_counts (StapleStore *store,
               gint64       id,
               guint        n_stages,
               guint        n_frictions,
               guint        n_open_actions)
{
  g_autoptr(StapleSessionSummary) summary = listed_row (store, id);

  g_assert_nonnull (summary);
  g_assert_cmpuint (staple_session_summary_get_n_stages (summary), ==, n_stages);
  g_assert_cmpuint (staple_session_summary_get_n_frictions (summary), ==, n_frictions);
  g_assert_cmpuint (staple_session_summary_get_n_open_actions (summary), ==, n_open_actions);
}

static gpointer
nth (GListStore *list,
     guint       index)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), index);

  g_assert_nonnull (item);
  return item; /* borrowed: the list keeps it */
}

/* The counts in the library's rows follow every edit as it is committed,
 * its undo and redo included. */
static void
test_counts_follow_edits (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StapleSession) made = staple_session_new ();
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(StapleEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  StapleStage *first, *second, *added;
  StapleFriction *card;
  StapleAction *open_action;
  gint64 id;

  staple_session_set_title (made, "Counted");
  first = add_stage (made, "Post room");
  add_friction (first, "Labels run out");
  add_friction (first, "Scanner is slow");
  second = add_stage (made, "Front desk");
  add_friction (second, "Queue at lunch");
  add_action (made, "Order labels", STAPLE_ACTION_STATUS_OPEN);
  add_action (made, "Fix scanner", STAPLE_ACTION_STATUS_DONE);
  id = add_session (f->store, made);
  assert_counts (f->store, id, 2, 3, 1);

  session = load_session (f->store, id);
  editor = staple_editor_new (f->store, session);
  first = nth (staple_session_get_stages (session), 0);
  second = nth (staple_session_get_stages (session), 1);

  g_assert_nonnull (staple_editor_add_friction (editor, second, 1, "No chairs", &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 2, 4, 1);

  card = nth (staple_stage_get_frictions (first), 0);
  g_assert_true (staple_editor_delete_friction (editor, card, &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 2, 3, 1);

  /* Moving a card to another stage keeps the count. */
  card = nth (staple_stage_get_frictions (first), 0);
  g_assert_true (staple_editor_move_friction (editor, card, second, 0, &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 2, 3, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (second))),
                    ==, 3);

  added = staple_editor_add_stage (editor, 2, "Back office", &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  assert_counts (f->store, id, 3, 3, 1);

  /* A stage goes with its cards, and comes back with them. */
  g_assert_true (staple_editor_delete_stage (editor, second, &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 2, 0, 1);
  g_assert_true (staple_editor_undo (editor, &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 3, 3, 1);
  g_assert_true (staple_editor_redo (editor, &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 2, 0, 1);
  g_assert_true (staple_editor_undo (editor, &error));
  g_assert_no_error (error);

  /* Actions count while they are neither done nor dropped. */
  open_action = nth (staple_session_get_actions (session), 0);
  g_assert_true (staple_editor_set_enum (editor, open_action, "status",
                                         STAPLE_ACTION_STATUS_DONE, &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 3, 3, 0);
  g_assert_true (staple_editor_undo (editor, &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 3, 3, 1);
  g_assert_nonnull (staple_editor_add_action (editor, 2, "Hire a temp", &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 3, 3, 2);
  g_assert_true (staple_editor_set_enum (editor, open_action, "status",
                                         STAPLE_ACTION_STATUS_DROPPED, &error));
  g_assert_no_error (error);
  assert_counts (f->store, id, 3, 3, 1);

  /* What the rows say, whatever the edits did. */
  g_clear_object (&editor);
  g_clear_object (&session);
  g_clear_object (&f->store);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM stages WHERE session_id = %"
                               G_GINT64_FORMAT, id), ==, 3);
  g_assert_cmpint (test_count (f->path, "SELECT n_stages FROM sessions WHERE id = %"
                               G_GINT64_FORMAT, id), ==, 3);
}

/* A session comes into the library with its counts: imported from a
 * shared file, walked again, or back from the trash. */
static void
test_counts_import_trash (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *shared = g_build_filename (f->dir, "shared.staple", NULL);
  g_autoptr(StapleSession) made = staple_session_new ();
  g_autoptr(GError) error = NULL;
  StapleStage *stage;
  gint64 id, imported, again;

  staple_session_set_title (made, "Shared");
  stage = add_stage (made, "One");
  add_friction (stage, "A");
  add_friction (stage, "B");
  stage = add_stage (made, "Two");
  add_friction (stage, "C");
  add_action (made, "Still to do", STAPLE_ACTION_STATUS_OPEN);
  add_action (made, "Started", STAPLE_ACTION_STATUS_IN_PROGRESS);
  add_action (made, "Finished", STAPLE_ACTION_STATUS_DONE);
  id = add_session (f->store, made);
  assert_counts (f->store, id, 2, 3, 2);

  g_assert_true (staple_store_export_session (f->store, id, shared, &error));
  g_assert_no_error (error);
  imported = staple_store_import_session (f->store, shared, &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported, >, 0);
  g_assert_cmpint (imported, !=, id);
  assert_counts (f->store, imported, 2, 3, 2);

  /* A new walk of the journey: its stages, no cards yet, the open actions. */
  again = staple_store_walk_again (f->store, id, "2025-01-01", &error);
  g_assert_no_error (error);
  assert_counts (f->store, again, 2, 0, 2);

  g_assert_true (staple_store_set_session_trashed (f->store, imported, TRUE, &error));
  g_assert_no_error (error);
  g_assert_null (listed_row (f->store, imported));
  g_assert_true (staple_store_set_session_trashed (f->store, imported, FALSE, &error));
  g_assert_no_error (error);
  assert_counts (f->store, imported, 2, 3, 2);
}

static void
assert_titles (StapleSessionPages *pages,
               const char * const *titles)
{
  GListModel *list = G_LIST_MODEL (pages);
  guint n = g_strv_length ((char **) titles);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleSessionSummary) summary = g_list_model_get_item (list, i);

      g_assert_cmpstr (staple_session_summary_get_title (summary), ==, titles[i]);
    }
}

/* "Most friction points" first follows the cards as they are added and
 * deleted, ties by date. */
static void
test_sort_by_frictions (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const before[] = { "Two", "One", "None", NULL };
  static const char * const after_add[] = { "None", "Two", "One", NULL };
  static const char * const after_undo[] = { "Two", "One", "None", NULL };
  g_autoptr(StapleSessionPages) pages = NULL;
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(StapleEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  StapleStage *stage;
  gint64 none;

  add_simple_session (f->store, "One", "", "2024-01-01", "Slow", 1);
  add_simple_session (f->store, "Two", "", "2023-01-01", "Slow", 2);
  none = add_simple_session (f->store, "None", "", "2022-01-01", "Slow", 0);

  pages = query (f->store, NULL, NULL, NULL, NULL, STAPLE_SESSION_SORT_FRICTIONS);
  assert_titles (pages, before);
  g_clear_object (&pages);

  session = load_session (f->store, none);
  editor = staple_editor_new (f->store, session);
  stage = nth (staple_session_get_stages (session), 0);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_nonnull (staple_editor_add_friction (editor, stage, i, "New", &error));
      g_assert_no_error (error);
    }
  pages = query (f->store, NULL, NULL, NULL, NULL, STAPLE_SESSION_SORT_FRICTIONS);
  assert_titles (pages, after_add);
  g_clear_object (&pages);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (staple_editor_undo (editor, &error));
      g_assert_no_error (error);
    }
  pages = query (f->store, NULL, NULL, NULL, NULL, STAPLE_SESSION_SORT_FRICTIONS);
  assert_titles (pages, after_undo);
}

#define N_MANY 260

static char *
many_date (guint i)
{
  return g_strdup_printf ("20%02u-%02u-%02u", 10 + i % 13, 1 + (i * 7) % 12, 1 + (i * 11) % 28);
}

/* The ids of the library's sessions that pass the filters, newest first,
 * as the sessions table says (not the search). */
static GArray *
expected_ids (const char *path,
              const char *where)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = test_raw_open (path);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM sessions WHERE trashed = 0 AND %s"
                                          " ORDER BY date DESC, created DESC, id DESC", where);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static void
assert_ids (StapleSessionPages *pages,
            GArray             *ids)
{
  GListModel *list = G_LIST_MODEL (pages);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(StapleSessionSummary) summary = g_list_model_get_item (list, i);

      g_assert_cmpint (staple_session_summary_get_id (summary), ==,
                       g_array_index (ids, gint64, i));
    }
}

/* A search that finds hundreds of sessions lists exactly those the filters
 * allow, in the library's order, each with a snippet; one that finds a few
 * puts the best match first. */
static void
test_many_matches (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StapleSessionPages) pages = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  gint64 strong = 0, weak = 0;

  for (guint i = 0; i < N_MANY; i++)
    {
      g_autofree char *title = g_strdup_printf ("Workshop %u", i);
      g_autofree char *date = many_date (i);
      const char *text = i % 5 == 0 ? "Nothing to see" : "Queue at the counter";
      gint64 id;

      id = add_simple_session (f->store, title, i % 3 == 0 ? "Odd" : "Even", date, text,
                               1 + i % 3);
      if (i == 10)
        weak = id;
      if (i == 20)
        strong = id;
    }
  /* Two that a rare word is found in, one of them twice. */
  add_simple_session (f->store, "Rare once", "", "2030-01-01", "Zeppelin landing", 1);
  add_simple_session (f->store, "Rare twice", "", "2001-01-01",
                      "Zeppelin landing, zeppelin again", 1);
  g_assert_cmpint (weak, >, 0);
  g_assert_cmpint (strong, >, 0);
  g_assert_true (staple_store_set_session_trashed (f->store, strong, TRUE, &error));
  g_assert_no_error (error);
  /* Trashed behind the store's back: its words stay in the index. */
  db = test_raw_open (f->path);
  test_raw_exec (db, "UPDATE sessions SET trashed = 1 WHERE title = 'Workshop 31'");
  sqlite3_close (db);

  pages = query (f->store, "queue counter", NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  ids = expected_ids (f->path, "title LIKE 'Workshop %' AND (substr (title, 10) % 5) <> 0");
  g_assert_cmpuint (ids->len, >, 200);
  assert_ids (pages, ids);
  g_clear_pointer (&ids, g_array_unref);
  {
    g_autoptr(StapleSessionSummary) first = g_list_model_get_item (G_LIST_MODEL (pages), 0);

    g_assert_nonnull (strstr (staple_session_summary_get_snippet (first),
                              MARK_START "Queue" MARK_END " at the " MARK_START "counter"
                              MARK_END));
  }
  g_clear_object (&pages);

  pages = query (f->store, "queue", "Odd", "2012-01-01", "2019-12-31",
                 STAPLE_SESSION_SORT_DATE);
  ids = expected_ids (f->path, "title LIKE 'Workshop %' AND (substr (title, 10) % 5) <> 0"
                               " AND organisation = 'Odd'"
                               " AND date BETWEEN '2012-01-01' AND '2019-12-31'");
  g_assert_cmpuint (ids->len, >, 5);
  assert_ids (pages, ids);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_object (&pages);

  /* Without words, the same order. */
  pages = query (f->store, "", "Odd", "2012-01-01", "2019-12-31", STAPLE_SESSION_SORT_DATE);
  ids = expected_ids (f->path, "title LIKE 'Workshop %' AND organisation = 'Odd'"
                               " AND date BETWEEN '2012-01-01' AND '2019-12-31'");
  assert_ids (pages, ids);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_object (&pages);

  /* A few found: where the words matter most first, though older. */
  pages = query (f->store, "zeppelin", NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  {
    static const char * const ranked[] = { "Rare twice", "Rare once", NULL };

    assert_titles (pages, ranked);
  }
}

/* The list follows the library: edits, the trash and another program's
 * changes show in the next query, with or without words. */
static void
test_list_follows_changes (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const first[] = { "Alpha", "Beta", "Gamma", NULL };
  static const char * const renamed[] = { "Beta", "Gamma", "Omega", NULL };
  static const char * const trashed[] = { "Gamma", "Omega", NULL };
  static const char * const redated[] = { "Omega", "Gamma", NULL };
  g_autoptr(StapleSessionPages) pages = NULL;
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(StapleEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  gint64 alpha, beta;
  sqlite3 *db;

  alpha = add_simple_session (f->store, "Alpha", "", "2024-01-01", "Queue", 1);
  beta = add_simple_session (f->store, "Beta", "", "2024-02-01", "Queue", 1);
  add_simple_session (f->store, "Gamma", "", "2024-03-01", "Queue", 1);

  for (int words = 0; words < 2; words++)
    {
      pages = query (f->store, words ? "queue" : NULL, NULL, NULL, NULL,
                     STAPLE_SESSION_SORT_TITLE);
      assert_titles (pages, first);
      g_clear_object (&pages);
    }

  session = load_session (f->store, alpha);
  editor = staple_editor_new (f->store, session);
  g_assert_true (staple_editor_set_string (editor, session, "title", "Omega", &error));
  g_assert_no_error (error);
  for (int words = 0; words < 2; words++)
    {
      pages = query (f->store, words ? "queue" : NULL, NULL, NULL, NULL,
                     STAPLE_SESSION_SORT_TITLE);
      assert_titles (pages, renamed);
      g_clear_object (&pages);
    }

  g_assert_true (staple_store_set_session_trashed (f->store, beta, TRUE, &error));
  g_assert_no_error (error);
  pages = query (f->store, NULL, NULL, NULL, NULL, STAPLE_SESSION_SORT_TITLE);
  assert_titles (pages, trashed);
  g_clear_object (&pages);

  /* Another connection's commit. */
  pages = query (f->store, NULL, NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  g_clear_object (&pages);
  db = test_raw_open (f->path);
  test_raw_exec (db, "UPDATE sessions SET date = '2025-01-01' WHERE title = 'Omega'");
  sqlite3_close (db);
  pages = query (f->store, NULL, NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  assert_titles (pages, redated);
}

/* Snippets mark the words found (by their start, whatever the case and
 * accents), and show where the text goes on. */
static void
test_snippets (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StapleSessionPages) pages = NULL;
  g_autoptr(StapleSessionSummary) summary = NULL;
  const char *snippet;

  add_simple_session (f->store, "Long", "", "2024-01-01",
                      "One two three four five six seven eight nine ten eleven twelve "
                      "thirteen fourteen Crème brûlée at the café fifteen sixteen seventeen "
                      "eighteen nineteen twenty twenty-one twenty-two", 1);

  pages = query (f->store, "CAFE brul", NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 1);
  summary = g_list_model_get_item (G_LIST_MODEL (pages), 0);
  snippet = staple_session_summary_get_snippet (summary);
  g_test_message ("snippet: %s", snippet);
  g_assert_nonnull (strstr (snippet, "Crème " MARK_START "brûlée" MARK_END " at the "
                            MARK_START "café" MARK_END " fifteen"));
  g_assert_true (g_str_has_prefix (snippet, "…"));
  g_assert_true (g_str_has_suffix (snippet, "…"));
  g_assert_null (strstr (snippet, "One two"));
  g_assert_true (g_utf8_validate (snippet, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/store-search/counts/follow-edits", test_counts_follow_edits);
  ADD_TEST ("/store-search/counts/import-trash", test_counts_import_trash);
  ADD_TEST ("/store-search/sort-by-frictions", test_sort_by_frictions);
  ADD_TEST ("/store-search/many-matches", test_many_matches);
  ADD_TEST ("/store-search/list-follows-changes", test_list_follows_changes);
  ADD_TEST ("/store-search/snippets", test_snippets);

  return g_test_run ();
}
