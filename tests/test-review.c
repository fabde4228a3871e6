/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-review.c: the leadership review's figures, from generated histories
 * of walks in a database. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <json-glib/json-glib.h>

#include "staple-export.h"
#include "staple-report.h"
#include "staple-review-chart.h"
#include "staple-store.h"
#include "test-util.h"

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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A walk as the test writes it: its stages' waits, its friction points'
 * principles (one card each, the kind "policy" unless given), its actions
 * as "text|owner|due|status" and its decisions handed on. */
typedef struct
{
  const char  *title;
  const char  *organisation;
  const char  *date;
  guint        order_wait;
  const char  *principles[6];
  const char  *actions[4];
  const char  *empowerments[3];
} Walk;

static gint64
add_walk (Fixture    *f,
          const Walk *walk,
          gint64      previous_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = staple_session_new ();
  const char *stage_names[] = { "Order", "Ship" };
  const guint waits[] = { walk->order_wait, 30 };

  g_object_set (session, "title", walk->title, "organisation", walk->organisation,
                "date", walk->date, NULL);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(StapleParticipant) person = staple_participant_new ();

      staple_participant_set_id (person, i + 1);
      staple_participant_set_name (person, i == 0 ? "Ana" : "Ben");
      g_list_store_append (staple_session_get_participants (session), person);
    }
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();

      staple_stage_set_name (stage, stage_names[i]);
      staple_stage_set_position (stage, i);
      staple_stage_set_work_minutes (stage, 10 * (i + 1));
      staple_stage_set_wait_minutes (stage, waits[i]);
      for (guint j = 0; i == 0 && walk->principles[j] != NULL; j++)
        {
          g_autoptr(StapleFriction) friction = staple_friction_new ();
          int principle;

          g_assert_true (staple_enum_from_nick (STAPLE_TYPE_PRINCIPLE, walk->principles[j],
                                                &principle));
          staple_friction_set_text (friction, walk->principles[j]);
          staple_friction_set_position (friction, (int) j);
          staple_friction_set_principle (friction, principle);
          staple_friction_set_kind (friction, j == 0 ? STAPLE_FRICTION_KIND_TOOLS
                                                     : STAPLE_FRICTION_KIND_POLICY);
          g_list_store_append (staple_stage_get_frictions (stage), friction);
        }
      g_list_store_append (staple_session_get_stages (session), stage);
    }
  for (guint i = 0; walk->actions[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (walk->actions[i], "|", 5);
      g_autoptr(StapleAction) action = staple_action_new ();
      int status;

      g_assert_true (staple_enum_from_nick (STAPLE_TYPE_ACTION_STATUS, parts[3], &status));
      staple_action_set_text (action, parts[0]);
      staple_action_set_owner_id (action, g_str_equal (parts[1], "Ana") ? 1
                                          : g_str_equal (parts[1], "Ben") ? 2 : 0);
      staple_action_set_due (action, parts[2]);
      staple_action_set_status (action, status);
      if (parts[4] != NULL)
        staple_action_set_done_on (action, parts[4]);
      g_list_store_append (staple_session_get_actions (session), action);
    }
  for (guint i = 0; walk->empowerments[i] != NULL; i++)
    {
      g_autoptr(StapleEmpowerment) item = staple_empowerment_new ();

      staple_empowerment_set_text (item, walk->empowerments[i]);
      g_list_store_append (staple_session_get_empowerments (session), item);
    }

  g_assert_true (staple_store_add_session (f->store, session, &error));
  g_assert_no_error (error);
  if (previous_id != 0)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE sessions SET previous_id = %" G_GINT64_FORMAT
                                              " WHERE id = %" G_GINT64_FORMAT, previous_id,
                                              staple_session_get_id (session));
      sqlite3 *db = test_raw_open (f->path);

      test_raw_exec (db, sql);
      sqlite3_close (db);
    }

  return staple_session_get_id (session);
}

/* Two journeys of Acme: the first walked in January and again in March,
 * the second walked once in February; another organisation's walk and one
 * of Acme's in the trash beside them. */
static const Walk first = {
  "Returns", "Acme", "2026-01-10", 180,
  { "trust-judgement", "trust-judgement", "give-people-time", "hire-for-the-person" },
  { "Fix the returns form|Ana|2026-02-01|open", "Publish the refund rules|Ben|2026-01-20|done|2026-01-25" },
  { "Refunds up to 50 € without asking" },
};
static const Walk again = {
  "Returns — follow-up", "Acme", "2026-03-10", 60,
  { "trust-judgement", "cooperate-across-silos" },
  { "Fix the returns form|Ana|2026-02-01|open", "Train the desk|Ben|2026-12-01|in-progress" },
  { "  refunds up to 50 € WITHOUT asking", "Replace a part on site" },
};
static const Walk other_journey = {
  "Onboarding", "Acme", "2026-02-01", 90,
  { "give-people-time", "fix-the-product-first" },
  { "Write the welcome letter||2026-07-01|open", "Old idea|Ana|2026-01-01|dropped" },
  { NULL },
};
static const Walk elsewhere = {
  "Returns", "Acme Ltd", "2026-01-15", 500,
  { "set-clear-expectations", "trust-judgement" },
  { "Not ours|Ana|2026-01-01|open" },
  { "Not ours either" },
};

static gint64
add_history (Fixture *f,
             gint64  *ids)
{
  g_autoptr(GError) error = NULL;
  gint64 trashed;

  ids[0] = add_walk (f, &first, 0);
  ids[1] = add_walk (f, &again, ids[0]);
  ids[2] = add_walk (f, &other_journey, 0);
  add_walk (f, &elsewhere, 0);
  trashed = add_walk (f, &first, ids[1]);
  g_assert_true (staple_store_set_session_trashed (f->store, trashed, TRUE, &error));
  g_assert_no_error (error);
  return trashed;
}

static StapleReview *
review (Fixture    *f,
        const char *organisation)
{
  g_autoptr(GError) error = NULL;
  StapleReview *review = staple_store_review_organisation (f->store, organisation, "2026-06-01",
                                                           &error);

  g_assert_no_error (error);
  g_assert_nonnull (review);
  return review;
}

#define WALK(r, i) (&g_array_index ((r)->walks, StapleReviewWalk, (i)))

static void
test_walks (Fixture       *f,
            gconstpointer  data)
{
  gint64 ids[3];
  g_autoptr(StapleReview) acme = NULL;

  add_history (f, ids);
  acme = review (f, "Acme");

  /* By date, the trashed one and Acme Ltd's left out: the organisation is
   * matched exactly. */
  g_assert_cmpuint (acme->walks->len, ==, 3);
  g_assert_cmpint (WALK (acme, 0)->session_id, ==, ids[0]);
  g_assert_cmpint (WALK (acme, 1)->session_id, ==, ids[2]);
  g_assert_cmpint (WALK (acme, 2)->session_id, ==, ids[1]);
  g_assert_cmpuint (acme->n_journeys, ==, 2);
  g_assert_cmpint (WALK (acme, 2)->journey_id, ==, ids[0]);
  g_assert_cmpint (WALK (acme, 1)->journey_id, ==, ids[2]);
  g_assert_false (WALK (acme, 0)->latest);
  g_assert_true (WALK (acme, 1)->latest);
  g_assert_true (WALK (acme, 2)->latest);

  /* Lead time: work 10 + 20, waits 180 + 30, then 60 + 30. */
  g_assert_cmpuint (WALK (acme, 0)->work_minutes, ==, 30);
  g_assert_cmpuint (WALK (acme, 0)->lead_minutes, ==, 240);
  g_assert_cmpuint (WALK (acme, 2)->lead_minutes, ==, 120);
  g_assert_cmpuint (WALK (acme, 0)->n_frictions, ==, 4);
  g_assert_cmpstr (WALK (acme, 2)->date, ==, "2026-03-10");

  /* An organisation nobody walked has an empty review, not an error. */
  {
    g_autoptr(StapleReview) none = review (f, "Nobody");

    g_assert_cmpuint (none->walks->len, ==, 0);
    g_assert_cmpuint (none->principles->len, ==, 0);
    g_assert_cmpuint (none->owners->len, ==, 0);
  }
}

static const StapleReviewPrinciple *
find_principle (StapleReview    *review,
                StaplePrinciple  principle)
{
  for (guint i = 0; i < review->principles->len; i++)
    {
      const StapleReviewPrinciple *entry = &g_array_index (review->principles,
                                                           StapleReviewPrinciple, i);

      if (entry->principle == principle)
        return entry;
    }

  g_assert_not_reached ();
}

static void
test_principles (Fixture       *f,
                 gconstpointer  data)
{
  gint64 ids[3];
  g_autoptr(StapleReview) acme = NULL;
  const StapleReviewPrinciple *trust, *time, *hire, *silos, *product;

  add_history (f, ids);
  acme = review (f, "Acme");
  g_assert_cmpuint (acme->principles->len, ==, 5);

  trust = find_principle (acme, STAPLE_PRINCIPLE_TRUST_JUDGEMENT);
  time = find_principle (acme, STAPLE_PRINCIPLE_GIVE_PEOPLE_TIME);
  hire = find_principle (acme, STAPLE_PRINCIPLE_HIRE_FOR_THE_PERSON);
  silos = find_principle (acme, STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS);
  product = find_principle (acme, STAPLE_PRINCIPLE_FIX_THE_PRODUCT_FIRST);

  /* Walk after walk: in the first walk and its follow-up; in both
   * journeys' walks. */
  g_assert_cmpint (trust->trend, ==, STAPLE_REVIEW_TREND_RECURRING);
  g_assert_cmpuint (trust->n_walks, ==, 2);
  g_assert_cmpuint (trust->n_frictions, ==, 3);
  g_assert_cmpuint (g_array_index (trust->counts, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (trust->counts, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (trust->counts, guint, 2), ==, 1);
  g_assert_cmpint (trust->session_id, ==, ids[1]);
  g_assert_cmpint (time->trend, ==, STAPLE_REVIEW_TREND_RECURRING);
  /* Gone from the journey's follow-up; new in it; one walk, once. */
  g_assert_cmpint (hire->trend, ==, STAPLE_REVIEW_TREND_GONE);
  g_assert_cmpint (hire->session_id, ==, ids[0]);
  g_assert_cmpint (silos->trend, ==, STAPLE_REVIEW_TREND_NEW);
  g_assert_cmpint (product->trend, ==, STAPLE_REVIEW_TREND_ONCE);

  /* Most walks first, then most friction points: trust before time. */
  g_assert_cmpint (g_array_index (acme->principles, StapleReviewPrinciple, 0).principle, ==,
                   STAPLE_PRINCIPLE_TRUST_JUDGEMENT);

  /* Each links to a friction point of the walk it names. */
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions f JOIN stages s"
                               " ON f.stage_id = s.id WHERE f.id = %" G_GINT64_FORMAT
                               " AND s.session_id = %" G_GINT64_FORMAT
                               " AND f.principle = 'trust-judgement'",
                               trust->friction_id, ids[1]), ==, 1);
}

static void
test_kinds_and_waits (Fixture       *f,
                      gconstpointer  data)
{
  gint64 ids[3];
  g_autoptr(StapleReview) acme = NULL;
  const StapleReviewKind *kind;
  const StapleReviewWait *wait;

  add_history (f, ids);
  acme = review (f, "Acme");

  /* Each walk's first card is "tools", the rest "policy": 8 cards. */
  g_assert_cmpuint (acme->kinds->len, ==, 2);
  kind = &g_array_index (acme->kinds, StapleReviewKind, 0);
  g_assert_cmpint (kind->kind, ==, STAPLE_FRICTION_KIND_POLICY);
  g_assert_cmpuint (kind->n_frictions, ==, 5);
  g_assert_cmpuint (kind->n_walks, ==, 3);
  /* Its row opens a friction point of that kind in the latest walk that
   * has one. */
  g_assert_cmpint (kind->session_id, ==, ids[1]);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions f JOIN stages s"
                               " ON f.stage_id = s.id WHERE f.id = %" G_GINT64_FORMAT
                               " AND s.session_id = %" G_GINT64_FORMAT " AND f.kind = 'policy'",
                               kind->friction_id, kind->session_id), ==, 1);
  kind = &g_array_index (acme->kinds, StapleReviewKind, 1);
  g_assert_cmpint (kind->kind, ==, STAPLE_FRICTION_KIND_TOOLS);
  g_assert_cmpuint (kind->n_frictions, ==, 3);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions f JOIN stages s"
                               " ON f.stage_id = s.id WHERE f.id = %" G_GINT64_FORMAT
                               " AND s.session_id = %" G_GINT64_FORMAT " AND f.kind = 'tools'",
                               kind->friction_id, kind->session_id), ==, 1);

  /* Order waits longest, 180 minutes in the first walk; 330 over three. */
  g_assert_cmpuint (acme->waits->len, ==, 2);
  wait = &g_array_index (acme->waits, StapleReviewWait, 0);
  g_assert_cmpstr (wait->name, ==, "Order");
  g_assert_cmpuint (wait->wait_minutes_max, ==, 180);
  g_assert_cmpuint (wait->wait_minutes_total, ==, 330);
  g_assert_cmpuint (wait->n_walks, ==, 3);
  g_assert_cmpint (wait->session_id, ==, ids[0]);
  /* Its row opens that stage of that walk. */
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM stages WHERE id = %" G_GINT64_FORMAT
                               " AND session_id = %" G_GINT64_FORMAT " AND name = 'Order'"
                               " AND wait_minutes = 180", wait->stage_id, ids[0]), ==, 1);
  wait = &g_array_index (acme->waits, StapleReviewWait, 1);
  g_assert_cmpstr (wait->name, ==, "Ship");
  g_assert_cmpuint (wait->wait_minutes_total, ==, 90);

  /* A kind no version knows (a damaged file) is read as a process, and
   * counted with the walk's processes once. */
  {
    g_autoptr(StapleReview) damaged = NULL;
    sqlite3 *db = test_raw_open (f->path);
    g_autofree char *sql = g_strdup_printf (
      "UPDATE frictions SET kind = CASE WHEN id %% 2 = 0 THEN 'process' ELSE 'grizzly' END"
      " WHERE kind = 'policy' AND stage_id IN (SELECT id FROM stages WHERE session_id = %"
      G_GINT64_FORMAT ")", ids[0]);

    test_raw_exec (db, sql);
    sqlite3_close (db);
    damaged = review (f, "Acme");
    kind = NULL;
    for (guint i = 0; i < damaged->kinds->len; i++)
      if (g_array_index (damaged->kinds, StapleReviewKind, i).kind == STAPLE_FRICTION_KIND_PROCESS)
        kind = &g_array_index (damaged->kinds, StapleReviewKind, i);
    g_assert_nonnull (kind);
    g_assert_cmpuint (kind->n_frictions, ==, test_count (f->path,
                      "SELECT count(*) FROM frictions WHERE kind IN ('process', 'grizzly')"));
    g_assert_cmpuint (kind->n_frictions, >=, 2);
    g_assert_cmpuint (kind->n_walks, ==, 1);
    g_assert_cmpint (kind->session_id, ==, ids[0]);
  }
}

static const StapleReviewOwner *
owner_at (StapleReview *review,
          guint         index)
{
  g_assert_cmpuint (index, <, review->owners->len);
  return &g_array_index (review->owners, StapleReviewOwner, index);
}

static void
test_promises (Fixture       *f,
               gconstpointer  data)
{
  gint64 ids[3];
  g_autoptr(StapleReview) acme = NULL;
  guint n_counted = 0, n_overdue = 0;
  gint64 friction_id;

  add_history (f, ids);
  {
    /* The overdue action removes the second walk's first friction point. */
    sqlite3 *db = test_raw_open (f->path);
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO action_frictions (action_id, friction_id, position)"
      " SELECT a.id, f.id, 0 FROM actions a JOIN stages st ON st.session_id = a.session_id"
      " JOIN frictions f ON f.stage_id = st.id WHERE a.session_id = %" G_GINT64_FORMAT
      " AND a.text = 'Fix the returns form' ORDER BY st.position, f.position LIMIT 1", ids[1]);
    g_autofree char *first_sql = g_strdup_printf (
      "SELECT f.id FROM stages st JOIN frictions f ON f.stage_id = st.id"
      " WHERE st.session_id = %" G_GINT64_FORMAT " ORDER BY st.position, f.position LIMIT 1",
      ids[1]);

    test_raw_exec (db, sql);
    friction_id = test_raw_int (db, first_sql);
    g_assert_cmpint (friction_id, >, 0);
    sqlite3_close (db);
  }
  acme = review (f, "Acme");

  /* Six actions in the walks; the first walk's open one was carried into
   * its follow-up and counts there only. */
  g_assert_cmpuint (acme->actions->len, ==, 6);
  for (guint i = 0; i < acme->actions->len; i++)
    {
      StapleReviewAction *action = &g_array_index (acme->actions, StapleReviewAction, i);

      n_counted += action->counted;
      n_overdue += action->overdue;
      if (action->session_id == ids[0] && action->status == STAPLE_ACTION_STATUS_OPEN)
        g_assert_false (action->counted);
      if (action->overdue)
        {
          g_assert_cmpstr (action->text, ==, "Fix the returns form");
          g_assert_cmpint (action->session_id, ==, ids[1]);
          g_assert_cmpint (action->friction_id, ==, friction_id);
        }
      else
        g_assert_cmpint (action->friction_id, ==, 0);
    }
  g_assert_cmpuint (n_counted, ==, 5);
  g_assert_cmpuint (n_overdue, ==, 1);

  /* By owner: overdue first, then open; nobody's last. */
  g_assert_cmpuint (acme->owners->len, ==, 3);
  g_assert_cmpstr (owner_at (acme, 0)->owner, ==, "Ana");
  g_assert_cmpuint (owner_at (acme, 0)->n_open, ==, 1);
  g_assert_cmpuint (owner_at (acme, 0)->n_overdue, ==, 1);
  g_assert_cmpuint (owner_at (acme, 0)->n_dropped, ==, 1);
  g_assert_cmpstr (owner_at (acme, 1)->owner, ==, "Ben");
  g_assert_cmpuint (owner_at (acme, 1)->n_done, ==, 1);
  g_assert_cmpuint (owner_at (acme, 1)->n_open, ==, 1);
  g_assert_cmpuint (owner_at (acme, 1)->n_overdue, ==, 0);
  g_assert_cmpstr (owner_at (acme, 2)->owner, ==, "");
  g_assert_cmpuint (owner_at (acme, 2)->n_open, ==, 1);

  /* How long the promises took: Ben's, done 15 days after the walk; Ana's
   * dropped one is not timed. */
  g_assert_cmpuint (acme->n_timed, ==, 1);
  g_assert_cmpuint (acme->median_days, ==, 15);
  g_assert_cmpuint (owner_at (acme, 1)->n_timed, ==, 1);
  g_assert_cmpuint (owner_at (acme, 1)->median_days, ==, 15);
  g_assert_cmpuint (owner_at (acme, 0)->n_timed, ==, 0);

  /* The decisions handed on, once each, dated by the walk that first
   * listed them, whatever case and spaces the follow-up wrote. */
  g_assert_cmpuint (acme->empowerments->len, ==, 2);
  g_assert_cmpstr (g_array_index (acme->empowerments, StapleReviewEmpowerment, 0).text, ==,
                   "Refunds up to 50 € without asking");
  g_assert_cmpstr (g_array_index (acme->empowerments, StapleReviewEmpowerment, 0).date, ==,
                   "2026-01-10");
  g_assert_cmpstr (g_array_index (acme->empowerments, StapleReviewEmpowerment, 1).date, ==,
                   "2026-03-10");
}

static void
add_model_walk (StapleReview *review,
                gint64        id,
                gint64        previous_id,
                const char   *date)
{
  StapleReviewWalk walk = { id, previous_id, 0, g_strdup ("Walk"), g_strdup (date) };

  g_array_append_val (review->walks, walk);
}

static void
add_model_action (StapleReview       *review,
                  gint64              session_id,
                  const char         *text,
                  StapleActionStatus  status,
                  const char         *done_on)
{
  StapleReviewAction action = { session_id, review->actions->len + 1, g_strdup (text),
                                g_strdup ("Ana"), g_strdup (""), g_strdup (done_on), status };

  g_array_append_val (review->actions, action);
}

/* An action carried by Walk Again and done in a later walk took its time
 * from the walk that first agreed it; the median of several is the
 * middle one. */
static void
test_days_to_done (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StapleReview) review = staple_review_new ("Acme", "2026-06-01");

  add_model_walk (review, 1, 0, "2026-01-01");
  add_model_walk (review, 2, 1, "2026-02-01");
  add_model_action (review, 1, "Fix the form", STAPLE_ACTION_STATUS_OPEN, "");
  add_model_action (review, 2, "  fix the FORM", STAPLE_ACTION_STATUS_DONE, "2026-02-11");
  add_model_action (review, 2, "Call back", STAPLE_ACTION_STATUS_DONE, "2026-02-03");
  add_model_action (review, 2, "Train", STAPLE_ACTION_STATUS_DONE, "2026-03-03");
  add_model_action (review, 2, "Done long ago", STAPLE_ACTION_STATUS_DONE, "");
  staple_review_finish (review);

  g_assert_cmpint (g_array_index (review->actions, StapleReviewAction, 1).days, ==, 41);
  g_assert_cmpint (g_array_index (review->actions, StapleReviewAction, 2).days, ==, 2);
  g_assert_cmpint (g_array_index (review->actions, StapleReviewAction, 4).days, ==, -1);
  g_assert_cmpuint (review->n_timed, ==, 3);
  g_assert_cmpuint (review->median_days, ==, 30);
  g_assert_cmpuint (g_array_index (review->owners, StapleReviewOwner, 0).median_days, ==, 30);

  /* Overdue, listed the longest overdue first, whatever walk agreed it. */
  {
    g_autoptr(GArray) late = NULL;
    static const char * const dues[] = { "2026-05-01", "2026-01-15", "2026-03-01" };

    for (guint i = 0; i < G_N_ELEMENTS (dues); i++)
      {
        StapleReviewAction *action;
        g_autofree char *text = g_strdup_printf ("Late %u", i);

        add_model_action (review, 2, text, STAPLE_ACTION_STATUS_OPEN, "");
        action = &g_array_index (review->actions, StapleReviewAction, review->actions->len - 1);
        g_free (action->due);
        action->due = g_strdup (dues[i]);
      }
    staple_review_finish (review);
    late = staple_review_list_overdue (review);
    g_assert_cmpuint (late->len, ==, 3);
    g_assert_cmpstr (g_array_index (review->actions, StapleReviewAction,
                                    g_array_index (late, guint, 0)).due, ==, "2026-01-15");
    g_assert_cmpstr (g_array_index (review->actions, StapleReviewAction,
                                    g_array_index (late, guint, 2)).due, ==, "2026-05-01");
  }
}

/* A loop of Walk Again links, which only a hand-edited file makes, ends:
 * each walk gets a journey. */
static void
test_loop (Fixture       *f,
           gconstpointer  data)
{
  gint64 ids[3];
  g_autoptr(StapleReview) acme = NULL;
  sqlite3 *db;
  g_autofree char *sql = NULL;

  add_history (f, ids);
  db = test_raw_open (f->path);
  sql = g_strdup_printf ("UPDATE sessions SET previous_id = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT, ids[1], ids[0]);
  test_raw_exec (db, sql);
  sqlite3_close (db);

  acme = review (f, "Acme");
  g_assert_cmpuint (acme->walks->len, ==, 3);
  g_assert_cmpuint (acme->n_journeys, >=, 2);
  g_assert_cmpint (WALK (acme, 0)->journey_id, !=, 0);
  g_assert_cmpint (WALK (acme, 2)->journey_id, !=, 0);
}

/* The text of @path as pdftotext reads it. */
static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  char *text = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* pdftotext may leave out a narrow space ("4 h" read as "4h"): whether
 * @text holds @needle, spaces aside. */
static gboolean
has_squeezed (const char *text,
              const char *needle)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (a, *p);
  for (const char *p = needle; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (b, *p);
  return strstr (a->str, b->str) != NULL;
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleReview) acme = NULL;
  g_autoptr(StapleReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, "review.pdf", NULL);
  g_autofree char *text = NULL;
  StapleReportOptions options;
  gint64 ids[3];
  const char *keep = g_getenv ("STAPLE_TEST_REVIEW_PDF");
  g_autofree char *four_hours = staple_format_minutes (240);

  add_history (f, ids);
  acme = review (f, "Acme");
  staple_report_options_init (&options);
  options.orientation = STAPLE_ORIENTATION_PORTRAIT;
  report = staple_report_new_review (acme, &options);
  g_assert_cmpuint (staple_report_get_n_pages (report), >=, 2);
  g_assert_true (staple_report_write_pdf (report, keep != NULL ? keep : path, &error));
  g_assert_no_error (error);
  text = pdf_text (keep != NULL ? keep : path);

  /* The title, and each walk with its times and its journey. */
  g_assert_nonnull (strstr (text, "Review of Acme"));
  g_assert_nonnull (strstr (text, "3 walks, from 2026-01-10 to 2026-03-10"));
  g_assert_nonnull (strstr (text, "2 journeys"));
  g_assert_nonnull (strstr (text, "Returns — follow-up"));
  g_assert_nonnull (strstr (text, "Onboarding"));
  g_assert_null (strstr (text, "Acme Ltd"));
  g_assert_null (strstr (text, "Not ours"));
  /* The chart's values as text: the first walk's lead time, 4 h. */
  g_assert_true (has_squeezed (text, four_hours));
  g_assert_nonnull (strstr (text, "lead time"));

  /* Principles with their trend, the kinds, the waits, the promises. */
  g_assert_nonnull (strstr (text, "Recurring"));
  g_assert_nonnull (strstr (text, "Gone"));
  g_assert_nonnull (strstr (text, "Where the work waits longest"));
  g_assert_nonnull (strstr (text, "Order"));
  g_assert_nonnull (strstr (text, "Promises kept"));
  g_assert_nonnull (strstr (text, "1 done, 3 open, of which 1 overdue on 2026-06-01"));
  g_assert_nonnull (strstr (text, "done a median 15 days after the walk"));
  g_assert_nonnull (strstr (text, "Fix the returns form"));
  g_assert_nonnull (strstr (text, "Replace a part on site"));
  g_assert_nonnull (strstr (text, "Refunds up to 50 € without asking"));
}

/* Each to-do of @path, as tests/validate-ics.py read it with Python's
 * icalendar: an array of [summary, status, due, description]. */
static JsonArray *
read_ics (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "validate-ics.py", NULL);
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                       ? "/usr/bin/python3" : "python3";
  const char *argv[] = { python, script, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *todos = json_array_new ();
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s is not valid iCalendar: %s", path, err);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], &error);

      g_assert_no_error (error);
      json_array_add_element (todos, g_steal_pointer (&node));
    }

  return todos;
}

static const char *
todo_field (JsonArray *todos,
            guint      index,
            guint      field)
{
  return json_array_get_string_element (json_array_get_array_element (todos, index), field);
}

static void
test_ics (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleReview) acme = NULL;
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(JsonArray) todos = NULL;
  g_autoptr(JsonArray) walk_todos = NULL;
  g_autofree char *path = g_build_filename (f->dir, "open.ics", NULL);
  gint64 ids[3];

  add_history (f, ids);
  acme = review (f, "Acme");
  g_assert_true (staple_export_review_ics (acme, path, &error));
  g_assert_no_error (error);

  /* The organisation's open actions, each once: the copy the follow-up
   * carried, not the first walk's; nothing done or dropped. */
  todos = read_ics (path);
  g_assert_cmpuint (json_array_get_length (todos), ==, 3);
  g_assert_cmpstr (todo_field (todos, 0, 0), ==, "Write the welcome letter");
  g_assert_cmpstr (todo_field (todos, 0, 1), ==, "NEEDS-ACTION");
  g_assert_cmpstr (todo_field (todos, 0, 2), ==, "20260701");
  g_assert_cmpstr (todo_field (todos, 1, 0), ==, "Fix the returns form");
  g_assert_cmpstr (todo_field (todos, 1, 2), ==, "20260201");
  g_assert_nonnull (strstr (todo_field (todos, 1, 3), "Returns — follow-up"));
  g_assert_nonnull (strstr (todo_field (todos, 1, 3), "Owner: Ana"));
  g_assert_cmpstr (todo_field (todos, 2, 0), ==, "Train the desk");
  g_assert_cmpstr (todo_field (todos, 2, 1), ==, "IN-PROCESS");

  /* One walk's actions, whatever their status; a text no calendar line
   * could hold as it is comes back whole. */
  session = staple_store_load_session (f->store, ids[0], &error);
  g_assert_no_error (error);
  {
    g_autoptr(StapleAction) odd = staple_action_new ();
    g_autoptr(GString) long_text = g_string_new ("Call back, today; then \\ note\nit: ☕ ");

    g_string_append (long_text, "שלום עולם ");
    for (int i = 0; i < 400; i++)
      g_string_append (long_text, "é😀");
    staple_action_set_text (odd, long_text->str);
    staple_action_set_due (odd, "2026-02-30");
    g_list_store_append (staple_session_get_actions (session), odd);
    g_assert_true (staple_export_actions_ics (session, path, &error));
    g_assert_no_error (error);

    walk_todos = read_ics (path);
    g_assert_cmpuint (json_array_get_length (walk_todos), ==, 3);
    g_assert_cmpstr (todo_field (walk_todos, 0, 0), ==, "Fix the returns form");
    g_assert_cmpstr (todo_field (walk_todos, 1, 1), ==, "COMPLETED");
    g_assert_cmpstr (todo_field (walk_todos, 2, 0), ==, long_text->str);
    /* No such day: no DUE rather than a wrong one. */
    g_assert_cmpstr (todo_field (walk_todos, 2, 2), ==, "");
  }
}

static int
compare_walk_dates (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const StapleReviewWalk *) a)->date, ((const StapleReviewWalk *) b)->date);
}

/* 40 journeys of five walks each (the lead time falling walk by walk), and
 * @n_once walked once, dated and made as the store makes them. */
static StapleReview *
many_journeys (guint n_once)
{
  StapleReview *review = staple_review_new ("Harbour", "2026-06-01");
  GDate day;

  for (guint j = 0; j < 40 + n_once; j++)
    for (guint k = 0; k < (j < 40 ? 5 : 1); k++)
      {
        gint64 id = j * 5 + k + 1;
        char date[16];
        StapleReviewWalk walk = { id, k > 0 ? id - 1 : 0, 0,
                                  g_strdup_printf ("Journey %u", j + 1) };

        g_date_clear (&day, 1);
        g_date_set_dmy (&day, 1, G_DATE_JANUARY, 2025);
        g_date_add_days (&day, j * 3 + k * 45);
        g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
        walk.date = g_strdup (date);
        walk.lead_minutes = 600 + j * 30 - k * 90;
        walk.work_minutes = 60 + j;
        g_array_append_val (review->walks, walk);
      }
  g_array_sort (review->walks, compare_walk_dates);
  staple_review_finish (review);
  return review;
}

/* The first four journeys of @review. */
static StapleReview *
four_journeys (StapleReview *review)
{
  StapleReview *few = staple_review_new ("Harbour", "2026-06-01");

  for (guint i = 0; i < review->walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (review->walks, StapleReviewWalk, i);

      if (walk->journey_id <= 4 * 5)
        add_model_walk (few, walk->session_id, walk->previous_id, walk->date);
    }
  staple_review_finish (few);
  return few;
}

/* More journeys walked again than the chart's marks tell apart: each gets
 * a small chart of its own, its first and latest lead time written under
 * it, row by row over pages, each row whole on one. */
static void
test_many_journeys (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleReview) review = many_journeys (3);
  g_autoptr(StapleReview) few = four_journeys (review);
  g_autoptr(StapleReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, "many.pdf", NULL);
  g_autofree char *text = NULL;
  const char *keep = g_getenv ("STAPLE_TEST_REVIEW_MANY_PDF");
  StapleReviewChartStyle style;
  StapleReportOptions options;
  guint n_bands;

  g_assert_cmpuint (review->n_journeys, ==, 43);
  staple_review_chart_style_for_paper (&style);
  /* At 500 points, small charts of 15 labels and gaps of 1.6: four a row;
   * 41 (the last the journeys walked once) in 11 rows, under the key. */
  n_bands = staple_review_chart_get_n_bands (review, 500, &style);
  g_assert_cmpuint (n_bands, ==, 1 + 11);
  g_assert_cmpfloat (staple_review_chart_get_height (review, 500, &style), >, 0);
  g_assert_cmpfloat (fabs (staple_review_chart_get_height (review, 500, &style) -
                           staple_review_chart_get_band_height (review, 500, &style, 0) -
                           11 * staple_review_chart_get_band_height (review, 500, &style, 1)),
                     <, 0.01);
  /* Wider, more to a row. */
  g_assert_cmpuint (staple_review_chart_get_n_bands (review, 900, &style), <, n_bands);

  /* Four journeys walked again are lines on one chart: one band. */
  g_assert_cmpuint (few->n_journeys, ==, 4);
  g_assert_cmpuint (staple_review_chart_get_n_bands (few, 500, &style), ==, 1);

  staple_report_options_init (&options);
  options.orientation = STAPLE_ORIENTATION_PORTRAIT;
  report = staple_report_new_review (review, &options);
  g_assert_true (staple_report_write_pdf (report, keep != NULL ? keep : path, &error));
  g_assert_no_error (error);
  text = pdf_text (keep != NULL ? keep : path);

  g_assert_nonnull (strstr (text, "Each journey walked again on its own"));
  g_assert_nonnull (strstr (text, "3 journeys, one walk each"));
  /* Every journey's chart says where its lead time started and is now. */
  for (guint j = 0; j < 40; j++)
    {
      g_autofree char *from = staple_format_minutes (600 + j * 30);
      g_autofree char *to = staple_format_minutes (600 + j * 30 - 4 * 90);
      g_autofree char *values = g_strdup_printf ("%s → %s", from, to);

      if (!has_squeezed (text, values))
        g_error ("the PDF does not say “%s” for journey %u", values, j + 1);
    }
}

/* The chart's own words are whole (the PDF's text would not tell: a cut
 * label keeps its whole text behind the ellipsis), on paper and in a
 * window of the default size, for many journeys and for four; in the
 * language of the environment (test-review-de, -fr). */
static void
test_chart_words (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StapleReview) review = many_journeys (3);
  g_autoptr(StapleReview) few = four_journeys (review);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  StapleReviewChartStyle style, window;

  staple_review_chart_style_for_paper (&style);
  window = style;
  window.size = 11;
  g_assert_cmpuint (staple_review_chart_draw (cr, review, 500, &style), ==, 0);
  g_assert_cmpuint (staple_review_chart_draw (cr, few, 500, &style), ==, 0);
  g_assert_cmpuint (staple_review_chart_draw (cr, review, 712, &window), ==, 0);
  g_assert_cmpuint (staple_review_chart_draw (cr, few, 712, &window), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  test_init_language ();
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/review/walks", test_walks);
  ADD_TEST ("/review/principles", test_principles);
  ADD_TEST ("/review/kinds-and-waits", test_kinds_and_waits);
  ADD_TEST ("/review/promises", test_promises);
  ADD_TEST ("/review/loop", test_loop);
  ADD_TEST ("/review/days-to-done", test_days_to_done);
  ADD_TEST ("/review/pdf", test_pdf);
  ADD_TEST ("/review/ics", test_ics);
  ADD_TEST ("/review/many-journeys", test_many_journeys);
  ADD_TEST ("/review/chart-words", test_chart_words);

  return g_test_run ();
}
