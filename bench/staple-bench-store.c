/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-bench-store.c: the library's databases, its searches and its
 * leadership review: search-10000, search-100000 and review-200, and the
 * databases the whole-app lines open (staple-bench-app.c).
 *
 * Libraries are generated once per size and schema version and kept in
 * bench_cache_dir(), as 100,000 sessions take a while to make: rows go in
 * through bare SQL at schema version 2, in one transaction, and the store's
 * own migrations then take the file to today's schema, indexing it for
 * search (and computing whatever else a migration keeps) as they would for
 * a coach's old library.
 */
#define G_LOG_DOMAIN "staple-bench"

#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <sqlite3.h>

#include "staple-bench-store.h"
#include "staple-bench-util.h"
#include "staple-store.h"

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* The version the rows are written at: every column written exists there. */
#define GENERATED_VERSION 2

#define SEARCH_QUERY   "refund callback"
#define SEARCH_MATCH   "\"refund\"* AND \"callback\"*"

static const char * const organisations[] = {
  "Acme Parcels", "Northwind Insurance", "Bolt & Co", "City Council", "Harbour Health",
  "Meridian Bank", "Green Valley Water", "Orbit Telecom", "St Anne's Hospital", "Café Lumière",
  "Fjord Logistics", "Kingsway Housing", "Sunrise Energy", "Praxis Legal", "Møller Retail",
  "Zenith Freight", "Atlas Learning", "Blue Door Lettings", "Cobalt Software", "Riverside GP",
};

static const char * const topics[] = {
  "Parcel returns", "Home insurance claim", "Broken boiler repair", "New bank account",
  "Council tax change of address", "Hospital discharge", "Mobile contract cancellation",
  "Water leak report", "Tenancy renewal", "Password reset", "Energy meter reading",
  "Student enrolment", "Late delivery complaint", "Invoice dispute", "Warranty repair",
  "Prescription renewal", "Lost card", "Planning application", "Software licence renewal",
  "Appointment booking",
};

static const char * const first_names[] = {
  "Ana", "Ben", "Chloé", "Dmitri", "Esi", "Farah", "Gustav", "Hana", "Ivo", "Jonas",
  "Kemal", "Lena", "Mateo", "Nia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomás",
};

static const char * const roles[] = {
  "Team lead", "Agent", "Engineer", "Customer", "Manager", "Clerk", "Nurse", "Analyst",
  "Coordinator", "Director",
};

static const char * const empowerment_texts[] = {
  "Refund up to €50 without asking", "Send a courier the same day",
  "Waive the fee once a year", "Call the customer back directly",
  "Book the engineer without approval", "Close the case when the customer agrees",
};

static sqlite3_stmt *
bench_prepare (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("library: %s", sqlite3_errmsg (db));
  return stmt;
}

static void
bench_step (sqlite3      *db,
            sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("library: %s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

static void
bind_owned (sqlite3_stmt *stmt,
            int           index,
            char         *text)
{
  sqlite3_bind_text (stmt, index, text, -1, g_free);
}

typedef struct
{
  sqlite3_stmt *session;
  sqlite3_stmt *participant;
  sqlite3_stmt *stage;
  sqlite3_stmt *friction;
  sqlite3_stmt *action;
  sqlite3_stmt *empowerment;
} LibraryInserts;

static void
generate_session (sqlite3        *db,
                  LibraryInserts *ins,
                  GRand          *rand,
                  guint           index)
{
  gint64 session_id;
  int n_stages = g_rand_int_range (rand, 3, 7);

  bind_owned (ins->session, 1, g_strdup_printf ("%s %u", PICK (rand, topics), index % 97 + 1));
  sqlite3_bind_text (ins->session, 2, PICK (rand, organisations), -1, SQLITE_STATIC);
  bind_owned (ins->session, 3, g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2019, 2027),
                                                g_rand_int_range (rand, 1, 13),
                                                g_rand_int_range (rand, 1, 29)));
  bench_step (db, ins->session);
  session_id = sqlite3_last_insert_rowid (db);

  for (int p = g_rand_int_range (rand, 2, 6); p > 0; p--)
    {
      sqlite3_bind_int64 (ins->participant, 1, session_id);
      sqlite3_bind_int (ins->participant, 2, p);
      sqlite3_bind_text (ins->participant, 3, PICK (rand, first_names), -1, SQLITE_STATIC);
      sqlite3_bind_text (ins->participant, 4, PICK (rand, roles), -1, SQLITE_STATIC);
      bench_step (db, ins->participant);
    }

  for (int s = 0; s < n_stages; s++)
    {
      gint64 stage_id;

      sqlite3_bind_int64 (ins->stage, 1, session_id);
      sqlite3_bind_int (ins->stage, 2, s);
      bind_owned (ins->stage, 3, bench_make_stage_name (rand));
      sqlite3_bind_text (ins->stage, 4, bench_pick_team (rand), -1, SQLITE_STATIC);
      bind_owned (ins->stage, 5, g_rand_int_range (rand, 0, 4) == 0 ? bench_make_text (rand)
                                                                    : g_strdup (""));
      bench_step (db, ins->stage);
      stage_id = sqlite3_last_insert_rowid (db);

      for (int c = g_rand_int_range (rand, 1, 5); c > 0; c--)
        {
          sqlite3_bind_int64 (ins->friction, 1, stage_id);
          sqlite3_bind_int (ins->friction, 2, c);
          bind_owned (ins->friction, 3, bench_make_text (rand));
          sqlite3_bind_int (ins->friction, 4, g_rand_int_range (rand, 1, 6));
          bench_step (db, ins->friction);
        }
    }

  for (int a = g_rand_int_range (rand, 1, 4); a > 0; a--)
    {
      sqlite3_bind_int64 (ins->action, 1, session_id);
      sqlite3_bind_int (ins->action, 2, a);
      bind_owned (ins->action, 3, bench_make_stage_name (rand));
      sqlite3_bind_text (ins->action, 4, g_rand_int_range (rand, 0, 3) == 0 ? "done" : "open",
                         -1, SQLITE_STATIC);
      bench_step (db, ins->action);
    }

  for (int e = g_rand_int_range (rand, 0, 3); e > 0; e--)
    {
      sqlite3_bind_int64 (ins->empowerment, 1, session_id);
      sqlite3_bind_int (ins->empowerment, 2, e);
      sqlite3_bind_text (ins->empowerment, 3, PICK (rand, empowerment_texts), -1,
                         SQLITE_STATIC);
      bench_step (db, ins->empowerment);
    }
}
/* Rows go in through bare SQL in one transaction, which takes seconds where
 * @size separate additions would take minutes of syncing. */
static void
generate_library (sqlite3 *db,
                  guint    size)
{
  GRand *rand = g_rand_new_with_seed (BENCH_SEED);
  LibraryInserts ins = {
    bench_prepare (db, "INSERT INTO sessions (title, organisation, date, created, updated)"
                       " VALUES (?1, ?2, ?3, 1700000000, 1700000000)"),
    bench_prepare (db, "INSERT INTO participants (session_id, position, name, role)"
                       " VALUES (?1, ?2, ?3, ?4)"),
    bench_prepare (db, "INSERT INTO stages (session_id, position, name, team, notes)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)"),
    bench_prepare (db, "INSERT INTO frictions (stage_id, position, text, severity)"
                       " VALUES (?1, ?2, ?3, ?4)"),
    bench_prepare (db, "INSERT INTO actions (session_id, position, text, status)"
                       " VALUES (?1, ?2, ?3, ?4)"),
    bench_prepare (db, "INSERT INTO empowerments (session_id, position, text)"
                       " VALUES (?1, ?2, ?3)"),
  };

  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("library: %s", sqlite3_errmsg (db));

  for (guint i = 0; i < size; i++)
    {
      generate_session (db, &ins, rand, i);
      if ((i + 1) % 20000 == 0)
        g_printerr ("library-%u: generated %u sessions\n", size, i + 1);
    }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("library: %s", sqlite3_errmsg (db));

  sqlite3_finalize (ins.session);
  sqlite3_finalize (ins.participant);
  sqlite3_finalize (ins.stage);
  sqlite3_finalize (ins.friction);
  sqlite3_finalize (ins.action);
  sqlite3_finalize (ins.empowerment);
  g_rand_free (rand);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *closed = g_strconcat (path, "-closed", NULL);
  g_autofree char *made = g_strconcat (path, ".made", NULL);

  g_unlink (made);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (closed);
  g_unlink (path);
}

/* A cached database is whole once its ".made" mark is there: made in
 * place (a store keeps notes beside its file, which a rename would leave
 * behind), marked last. */
static gboolean
is_made (const char *path)
{
  g_autofree char *made = g_strconcat (path, ".made", NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS) && g_file_test (made, G_FILE_TEST_EXISTS);
}

static void
mark_made (const char *path)
{
  g_autofree char *made = g_strconcat (path, ".made", NULL);

  if (!g_file_set_contents (made, "", 0, NULL))
    g_error ("cannot write %s", made);
}

static char *
cached_path (const char *what)
{
  g_autofree char *name = g_strdup_printf ("%s-v%d.db", what, staple_store_get_schema_version ());

  return g_build_filename (bench_cache_dir (), name, NULL);
}

/**
 * bench_store_library:
 * @size: how many sessions, each of 3 to 6 stages with 1 to 4 friction
 *   points, participants, actions and empowerments
 *
 * Returns: the path of a library of @size generated sessions at today's
 *   schema, made the first time and kept; the app may open it in place, as
 *   a coach's library, but nothing should change its sessions
 */
char *
bench_store_library (guint size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = g_strdup_printf ("library-%u", size);
  g_autofree char *path = cached_path (what);
  StapleStore *store;
  sqlite3 *db = NULL;
  double start;

  if (is_made (path))
    return g_steal_pointer (&path);

  start = bench_now_ms ();
  remove_database (path);
  store = staple_store_open_at_version (path, GENERATED_VERSION, &error);
  if (store == NULL)
    g_error ("%s: %s", what, error->message);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
  generate_library (db, size);
  sqlite3_close (db);
  g_object_unref (store);

  /* Today's migrations, as for an old library. */
  store = staple_store_open (path, &error);
  if (store == NULL)
    g_error ("%s: %s", what, error->message);
  g_object_unref (store);

  mark_made (path);
  g_printerr ("%s: made %s in %.1f s\n", what, path, (bench_now_ms () - start) / 1000);
  return g_steal_pointer (&path);
}

static gint64
add_session (StapleStore *store,
             guint        n_stages,
             guint        n_cards,
             const char  *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = bench_make_session (n_stages, n_cards, 8);

  staple_session_set_title (session, title);
  /* Opened where its map is drawn at once. */
  staple_session_set_phase (session, STAPLE_PHASE_MAP);
  if (!staple_store_add_session (store, session, &error))
    g_error ("sessions-1200: %s", error->message);
  return staple_session_get_id (session);
}

/**
 * bench_store_big_session:
 * @out_big: (out): the id of the 1,200-card session (40 stages × 30 cards,
 *   the one of every "-1200" line)
 * @out_small: (out): the id of a 12-card session from the same generator
 *   (4 stages × 3 cards); @out_small + 1 is another such session
 *
 * Returns: the path of a database holding the three, made the first time
 *   and kept; they open in the Map phase
 */
char *
bench_store_big_session (gint64 *out_big,
                         gint64 *out_small)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cached_path ("sessions-1200-12-12");
  StapleStore *store;

  /* Made in this order into a new file: the ids are 1, 2 and 3. */
  *out_big = 1;
  *out_small = 2;
  if (is_made (path))
    return g_steal_pointer (&path);

  remove_database (path);
  store = staple_store_open (path, &error);
  if (store == NULL)
    g_error ("sessions-1200: %s", error->message);
  if (add_session (store, 40, 30, "Synthetic session of 1,200 cards") != 1 ||
      add_session (store, 4, 3, "Synthetic session of 12 cards") != 2 ||
      add_session (store, 4, 3, "Another synthetic session of 12 cards") != 3)
    g_error ("sessions-1200: the sessions did not get ids 1, 2 and 3");
  g_object_unref (store);

  mark_made (path);
  return g_steal_pointer (&path);
}

/* review-200 */

#define REVIEW_TODAY        "2026-06-01"

/* The generated library's organisations, principles and times as a
 * leadership review finds them: every 50th session (200 of 10,000) is the
 * review's organisation, walked in journeys of five (each linked to the
 * walk before by Walk Again), its friction points traced to principles and
 * of every kind, its stages timed, its actions owned and due. */
static const char review_sql[] =
  "UPDATE sessions SET organisation = '" BENCH_REVIEW_ORGANISATION "' WHERE id % 50 = 0;"
  "UPDATE sessions SET organisation = '" BENCH_REVIEW_ONE_WALK "' WHERE id = 7;"
  "UPDATE sessions SET previous_id = id - 50 WHERE id % 50 = 0 AND (id / 50) % 5 != 1;"
  "UPDATE frictions SET"
  "  principle = CASE id % 13 WHEN 0 THEN 'none' WHEN 1 THEN 'hire-for-the-person'"
  "    WHEN 2 THEN 'design-from-the-customer' WHEN 3 THEN 'trust-judgement'"
  "    WHEN 4 THEN 'model-the-behaviour' WHEN 5 THEN 'stop-blaming-customers'"
  "    WHEN 6 THEN 'no-tools-for-systemic-problems' WHEN 7 THEN 'fix-the-product-first'"
  "    WHEN 8 THEN 'cooperate-across-silos' WHEN 9 THEN 'give-people-time'"
  "    WHEN 10 THEN 'policies-for-edge-cases' WHEN 11 THEN 'set-clear-expectations'"
  "    ELSE 'decide-without-escalating' END,"
  "  kind = CASE id % 8 WHEN 0 THEN 'policy' WHEN 1 THEN 'process' WHEN 2 THEN 'product'"
  "    WHEN 3 THEN 'trust' WHEN 4 THEN 'tools' WHEN 5 THEN 'silo'"
  "    WHEN 6 THEN 'time-pressure' ELSE 'unclear-expectations' END;"
  "UPDATE stages SET wait_minutes = (id * 37) % 600, work_minutes = (id * 13) % 90;"
  "UPDATE actions SET due = printf ('2026-%02d-15', id % 12 + 1),"
  "  owner_id = (SELECT min (p.id) FROM participants p WHERE p.session_id = actions.session_id);";

/**
 * bench_store_review_library:
 *
 * Returns: the path of the 10,000-session library with its review's
 *   organisation (BENCH_REVIEW_ORGANISATION, 200 walks) and one of one
 *   walk (BENCH_REVIEW_ONE_WALK), made the first time and kept
 */
char *
bench_store_review_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cached_path ("review-10000-b");
  g_autofree char *library = NULL;
  StapleStore *store;
  sqlite3 *db = NULL;

  if (is_made (path))
    return g_steal_pointer (&path);

  library = bench_store_library (10000);
  remove_database (path);
  {
    g_autoptr(GFile) from = g_file_new_for_path (library);
    g_autoptr(GFile) to = g_file_new_for_path (path);

    if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
      g_error ("review-10000: %s", error->message);
  }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (db, review_sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("review-10000: %s", sqlite3_errmsg (db));
  sqlite3_close (db);

  /* Through the store once, as the app would open it. */
  store = staple_store_open (path, &error);
  if (store == NULL)
    g_error ("review-10000: %s", error->message);
  g_object_unref (store);
  mark_made (path);
  return g_steal_pointer (&path);
}

typedef struct
{
  StapleStore  *store;
  sqlite3      *db;
  sqlite3_stmt *queries[6];
} Review;

/* The baseline's queries: the same aggregates as the store's, stepped
 * through bare, no rows kept. */
static const char * const review_queries[] = {
  ("SELECT s.id, ifnull (s.previous_id, 0), s.title, s.date, s.n_stages, s.n_frictions,"
   " (SELECT ifnull (sum (work_minutes), 0) FROM stages WHERE session_id = s.id),"
   " (SELECT ifnull (sum (wait_minutes), 0) FROM stages WHERE session_id = s.id)"
   " FROM sessions s WHERE s.trashed = 0 AND s.organisation = ?1"
   " ORDER BY s.date, s.created, s.id"),
  ("SELECT st.session_id, f.principle, count (*), max (f.id) FROM sessions s"
   " JOIN stages st ON st.session_id = s.id JOIN frictions f ON f.stage_id = st.id"
   " WHERE s.trashed = 0 AND s.organisation = ?1 AND f.principle != 'none'"
   " GROUP BY st.session_id, f.principle"),
  ("SELECT st.session_id, f.kind, count (*), max (f.id) FROM sessions s"
   " JOIN stages st ON st.session_id = s.id JOIN frictions f ON f.stage_id = st.id"
   " WHERE s.trashed = 0 AND s.organisation = ?1 GROUP BY st.session_id, f.kind"
   " ORDER BY st.session_id"),
  ("SELECT max (st.wait_minutes), st.name, st.session_id, st.id,"
   " count (DISTINCT st.session_id), sum (st.wait_minutes)"
   " FROM sessions s JOIN stages st ON st.session_id = s.id"
   " WHERE s.trashed = 0 AND s.organisation = ?1"
   " GROUP BY lower (trim (st.name)) HAVING max (st.wait_minutes) > 0"
   " ORDER BY 1 DESC, 6 DESC LIMIT 10"),
  ("SELECT a.session_id, a.id, a.text, ifnull (p.name, ''), a.due, a.status"
   " FROM sessions s JOIN actions a ON a.session_id = s.id"
   " LEFT JOIN participants p ON p.id = a.owner_id"
   " WHERE s.trashed = 0 AND s.organisation = ?1 ORDER BY s.date, s.created, s.id, a.position"),
  ("SELECT e.session_id, e.id, e.text, s.date FROM sessions s"
   " JOIN empowerments e ON e.session_id = s.id WHERE s.trashed = 0 AND s.organisation = ?1"
   " ORDER BY s.date, s.created, s.id, e.position"),
};

static double
review_ours (gpointer data)
{
  Review *review = data;
  g_autoptr(GError) error = NULL;
  double start = bench_now_ms ();
  StapleReview *result = staple_store_review_organisation (review->store,
                                                           BENCH_REVIEW_ORGANISATION,
                                                           REVIEW_TODAY, &error);
  double elapsed = bench_now_ms () - start;

  if (result == NULL)
    g_error ("review-200: %s", error->message);
  if (result->walks->len != 200)
    g_error ("review-200: %u walks, not 200", result->walks->len);
  staple_review_free (result);
  return elapsed;
}

static double
review_baseline (gpointer data)
{
  Review *review = data;
  double start = bench_now_ms ();

  for (guint i = 0; i < G_N_ELEMENTS (review->queries); i++)
    {
      sqlite3_stmt *stmt = review->queries[i];
      int rc;

      sqlite3_bind_text (stmt, 1, BENCH_REVIEW_ORGANISATION, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        g_error ("review-200: %s", sqlite3_errmsg (review->db));
    }

  return bench_now_ms () - start;
}

static void
run_review (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bench_store_review_library ();
  Review review = { 0 };

  review.store = staple_store_open (path, &error);
  if (review.store == NULL)
    g_error ("review-200: %s", error->message);
  if (sqlite3_open_v2 (path, &review.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("review-200: %s", sqlite3_errmsg (review.db));
  for (guint i = 0; i < G_N_ELEMENTS (review.queries); i++)
    review.queries[i] = bench_prepare (review.db, review_queries[i]);

  bench_measure ("review-200", review_ours, review_baseline, &review, 21);

  for (guint i = 0; i < G_N_ELEMENTS (review.queries); i++)
    sqlite3_finalize (review.queries[i]);
  sqlite3_close (review.db);
  g_object_unref (review.store);
}

/* search-10000 and search-100000 */

/* What the library page holds after a keystroke: the list of what matches,
 * and the rows it shows first, one page of the list (FIRST_ROWS). */
#define FIRST_ROWS 48

typedef struct
{
  StapleStore  *store;
  sqlite3      *db;
  sqlite3_stmt *query;
} Search;

static void
search_init (Search *search,
             guint   size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSessionPages) found = NULL;
  g_autofree char *path = bench_store_library (size);
  sqlite3_stmt *count;

  search->store = staple_store_open (path, &error);
  if (search->store == NULL ||
      sqlite3_open_v2 (path, &search->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("search-%u: %s", size, error != NULL ? error->message : "cannot open");

  search->query = bench_prepare (search->db,
                                 "SELECT rowid FROM session_search"
                                 " WHERE session_search MATCH ?1"
                                 " ORDER BY bm25 (session_search)");

  found = staple_store_query_sessions (search->store, SEARCH_QUERY, NULL, NULL, NULL,
                                       STAPLE_SESSION_SORT_DATE, &error);
  if (found == NULL)
    g_error ("search-%u: %s", size, error->message);
  count = bench_prepare (search->db, "SELECT count(*) FROM frictions");
  sqlite3_step (count);
  g_printerr ("search-%u: %u sessions with %d friction points; “%s” finds %u\n", size, size,
              sqlite3_column_int (count, 0), SEARCH_QUERY,
              g_list_model_get_n_items (G_LIST_MODEL (found)));
  sqlite3_finalize (count);
}

static double
fastest (GArray *times)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < times->len; i++)
    best = MIN (best, g_array_index (times, double, i));
  return best;
}

/* On stderr: what the query and the first page each take of ours. */
static void
search_report_parts (Search *search,
                     guint   size)
{
  g_autoptr(GArray) query_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) page_ms = g_array_new (FALSE, FALSE, sizeof (double));

  g_autoptr(GArray) fresh_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < 7; run++)
    {
      g_autoptr(StapleSessionPages) found = NULL;
      g_autoptr(StapleSessionPages) other = NULL;
      double start, queried, paged;
      guint n;

      /* The first search in an order: the library's list not kept yet. */
      other = staple_store_query_sessions (search->store, NULL, NULL, NULL, NULL,
                                           STAPLE_SESSION_SORT_TITLE, NULL);
      start = bench_now_ms ();
      g_clear_object (&other);
      other = staple_store_query_sessions (search->store, SEARCH_QUERY, NULL, NULL, NULL,
                                           STAPLE_SESSION_SORT_DATE, NULL);
      queried = bench_now_ms () - start;
      g_array_append_val (fresh_ms, queried);

      start = bench_now_ms ();

      found = staple_store_query_sessions (search->store, SEARCH_QUERY, NULL, NULL, NULL,
                                           STAPLE_SESSION_SORT_DATE, NULL);
      queried = bench_now_ms ();
      n = MIN (FIRST_ROWS, g_list_model_get_n_items (G_LIST_MODEL (found)));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(StapleSessionSummary) summary = g_list_model_get_item (G_LIST_MODEL (found),
                                                                           i);

          staple_session_summary_get_snippet (summary);
        }
      paged = bench_now_ms ();
      queried -= start;
      paged -= start + queried;
      g_array_append_val (query_ms, queried);
      g_array_append_val (page_ms, paged);
    }

  g_printerr ("search-%u: of ours, the query %.3f ms (fastest %.3f), the first %d rows with"
              " snippets %.3f ms (fastest %.3f), medians of 7\n", size,
              bench_median (query_ms), fastest (query_ms), FIRST_ROWS,
              bench_median (page_ms), fastest (page_ms));
  g_printerr ("search-%u: the query right after one in another order (the library's list read"
              " again) %.3f ms (fastest %.3f)\n", size, bench_median (fresh_ms),
              fastest (fresh_ms));
}

static void
search_clear (Search *search)
{
  g_clear_pointer (&search->query, sqlite3_finalize);
  g_clear_pointer (&search->db, sqlite3_close);
  g_clear_object (&search->store);
}

/* Ours: what a keystroke in the library costs, the query and the first
 * page's rows with their counts and snippets. */
static double
search_ours (gpointer data)
{
  Search *search = data;
  g_autoptr(StapleSessionPages) found = NULL;
  double start = bench_now_ms ();
  double elapsed;
  guint n;

  found = staple_store_query_sessions (search->store, SEARCH_QUERY, NULL, NULL, NULL,
                                       STAPLE_SESSION_SORT_DATE, NULL);
  if (found == NULL)
    g_error ("search: the search failed");

  n = MIN (FIRST_ROWS, g_list_model_get_n_items (G_LIST_MODEL (found)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleSessionSummary) summary = g_list_model_get_item (G_LIST_MODEL (found), i);

      if (staple_session_summary_get_snippet (summary)[0] == '\0')
        g_error ("search: a session found has no snippet");
    }
  elapsed = bench_now_ms () - start;

  return elapsed;
}

/* The baseline: the same FTS5 query, ranked by bm25, bare through sqlite3. */
static double
search_baseline (gpointer data)
{
  Search *search = data;
  double start = bench_now_ms ();
  int rc;

  sqlite3_bind_text (search->query, 1, SEARCH_MATCH, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (search->query)) == SQLITE_ROW)
    ;
  sqlite3_reset (search->query);

  if (rc != SQLITE_DONE)
    g_error ("search: %s", sqlite3_errmsg (search->db));
  return bench_now_ms () - start;
}

static void
run_search (guint size,
            guint repetitions)
{
  g_autofree char *name = g_strdup_printf ("search-%u", size);
  Search search = { 0 };

  search_init (&search, size);
  search_report_parts (&search, size);
  bench_measure (name, search_ours, search_baseline, &search, repetitions);
  search_clear (&search);
}

/**
 * bench_store_run:
 * @names: the lines to measure, all when empty
 *
 * Measures and prints search-10000, search-100000 and review-200.
 */
void
bench_store_run (char **names)
{
  if (bench_wanted ("search-10000", names))
    run_search (10000, 21);
  if (bench_wanted ("search-100000", names))
    run_search (100000, 7);
  if (bench_wanted ("review-200", names))
    run_review ();
}
