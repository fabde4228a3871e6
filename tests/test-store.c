/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: what a user would notice of the store: everything they type
 * comes back as typed, old files open in new versions, deleting takes what
 * belongs with it, private files stay private, and a file Staple cannot use
 * is refused by name and left exactly as it was. */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "staple-model.h"
#include "staple-store.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sessions.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

static StapleStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  StapleStore *store = staple_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
add_session (StapleStore   *store,
             StapleSession *session)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_store_add_session (store, session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_session_get_id (session), >, 0);
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

/* Building sessions by hand, with local ids as from JSON */

static StapleParticipant *
add_participant (StapleSession *session,
                 gint64         id,
                 const char    *name,
                 const char    *role)
{
  g_autoptr(StapleParticipant) participant = staple_participant_new ();

  staple_participant_set_id (participant, id);
  staple_participant_set_name (participant, name);
  staple_participant_set_role (participant, role);
  g_list_store_append (staple_session_get_participants (session), participant);
  return participant;
}

static StapleStage *
add_stage (StapleSession *session,
           gint64         id,
           const char    *name)
{
  GListStore *stages = staple_session_get_stages (session);
  g_autoptr(StapleStage) stage = staple_stage_new ();

  staple_stage_set_id (stage, id);
  staple_stage_set_position (stage, (int) g_list_model_get_n_items (G_LIST_MODEL (stages)));
  staple_stage_set_name (stage, name);
  g_list_store_append (stages, stage);
  return stage;
}

static StapleFriction *
add_friction (StapleStage *stage,
              gint64       id,
              const char  *text)
{
  GListStore *frictions = staple_stage_get_frictions (stage);
  g_autoptr(StapleFriction) friction = staple_friction_new ();

  staple_friction_set_id (friction, id);
  staple_friction_set_stage_id (friction, staple_stage_get_id (stage));
  staple_friction_set_position (friction,
                                (int) g_list_model_get_n_items (G_LIST_MODEL (frictions)));
  staple_friction_set_text (friction, text);
  g_list_store_append (frictions, friction);
  return friction;
}

static void
add_vote (StapleSession *session,
          gint64         participant_id,
          gint64         friction_id)
{
  g_autoptr(StapleVote) vote = staple_vote_new ();

  staple_vote_set_participant_id (vote, participant_id);
  staple_vote_set_friction_id (vote, friction_id);
  g_list_store_append (staple_session_get_votes (session), vote);
}

static StapleAction *
add_action (StapleSession      *session,
            const char         *text,
            gint64              owner_id,
            const char         *due,
            StapleActionStatus  status,
            const gint64       *friction_ids,
            guint               n_friction_ids)
{
  g_autoptr(StapleAction) action = staple_action_new ();

  staple_action_set_text (action, text);
  staple_action_set_owner_id (action, owner_id);
  staple_action_set_due (action, due);
  staple_action_set_status (action, status);
  staple_action_set_friction_ids (action, friction_ids, n_friction_ids);
  g_list_store_append (staple_session_get_actions (session), action);
  return action;
}

static void
add_empowerment (StapleSession *session,
                 const char    *text)
{
  g_autoptr(StapleEmpowerment) item = staple_empowerment_new ();

  staple_empowerment_set_text (item, text);
  g_list_store_append (staple_session_get_empowerments (session), item);
}

/* Local ids in the full session, unlike the ids the store will give, so
 * that a reference left unmapped cannot pass by luck. */
enum { P_ANA = 11, P_BEN, P_CHLOE };
enum { F_REPEAT = 21, F_TRUST, F_LABEL, F_WHEN };
enum { S_ASK = 31, S_LABEL, S_REFUND };

/* A session where every field of every object differs from its default. */
static StapleSession *
make_full_session (void)
{
  StapleSession *session = staple_session_new ();
  const gint64 a1_frictions[] = { F_LABEL, F_REPEAT }; /* not sorted: order is kept */
  const gint64 a3_frictions[] = { F_WHEN };
  StapleStage *stage;
  StapleFriction *friction;

  g_object_set (session,
                "title", "Parcel returns",
                "organisation", "Acme Parcels",
                "date", "2024-03-14",
                "location", "Room 2, Leeds",
                "facilitator", "Dana Facilitator",
                "customer", "Small shop owner",
                "work-item", "One damaged parcel sent back",
                "question", "Why does a refund take nine days?",
                "source", "test:full",
                "phase", STAPLE_PHASE_PRIORITISE,
                "dots-per-participant", 5,
                "current-stage-id", (gint64) S_LABEL,
                NULL);
  staple_session_set_phase_seconds (session, STAPLE_PHASE_FRAME, 600);
  staple_session_set_phase_seconds (session, STAPLE_PHASE_MAP, 1250);
  staple_session_set_phase_seconds (session, STAPLE_PHASE_PRIORITISE, 61);

  add_participant (session, P_ANA, "Ana", "Support lead");
  add_participant (session, P_BEN, "Ben", "Warehouse");
  staple_participant_set_abstains (add_participant (session, P_CHLOE, "Chloé", "Customer"), TRUE);

  stage = add_stage (session, S_ASK, "Customer asks for a return");
  g_object_set (stage, "team", "Support", "channel", STAPLE_CHANNEL_PHONE,
                "work-minutes", 5, "wait-minutes", 120, "handoff", TRUE, "dropped", FALSE,
                "customer-feeling", -2, "staff-feeling", -1, "notes", "Hold music, twice",
                NULL);
  friction = add_friction (stage, F_REPEAT, "Caller repeats the order number");
  g_object_set (friction, "kind", STAPLE_FRICTION_KIND_POLICY, "severity", 5,
                "principle", STAPLE_PRINCIPLE_POLICIES_FOR_EDGE_CASES,
                "notes", "Security script", NULL);
  friction = add_friction (stage, F_TRUST, "Agent may not decide on a refund");
  g_object_set (friction, "kind", STAPLE_FRICTION_KIND_TRUST, "severity", 1,
                "principle", STAPLE_PRINCIPLE_TRUST_JUDGEMENT, "notes", "Needs a manager",
                NULL);

  stage = add_stage (session, S_LABEL, "Label is emailed");
  g_object_set (stage, "team", "Warehouse", "channel", STAPLE_CHANNEL_EMAIL,
                "work-minutes", 0, "wait-minutes", 2880, "handoff", FALSE, "dropped", TRUE,
                "customer-feeling", 2, "staff-feeling", 1, "notes", "", NULL);
  friction = add_friction (stage, F_LABEL, "Label printer is shared");
  g_object_set (friction, "kind", STAPLE_FRICTION_KIND_TOOLS, "severity", 2,
                "principle", STAPLE_PRINCIPLE_NO_TOOLS_FOR_SYSTEMIC_PROBLEMS, NULL);
  friction = add_friction (stage, F_WHEN, "Nobody says when the refund lands");
  g_object_set (friction, "kind", STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS, "severity", 4,
                "principle", STAPLE_PRINCIPLE_SET_CLEAR_EXPECTATIONS, NULL);

  stage = add_stage (session, S_REFUND, "Refund issued");
  g_object_set (stage, "team", "Finance", "channel", STAPLE_CHANNEL_IN_PERSON,
                "work-minutes", STAPLE_STAGE_MINUTES_MAX, "staff-feeling", 2, NULL);

  /* Two dots from one person on one friction point are two votes. */
  add_vote (session, P_ANA, F_REPEAT);
  add_vote (session, P_ANA, F_REPEAT);
  add_vote (session, P_BEN, F_LABEL);
  add_vote (session, P_ANA, F_WHEN);

  add_action (session, "Find orders by phone number", P_BEN, "2024-04-01",
              STAPLE_ACTION_STATUS_IN_PROGRESS, a1_frictions, G_N_ELEMENTS (a1_frictions));
  add_action (session, "Write a policy for damaged goods", 0, "",
              STAPLE_ACTION_STATUS_DONE, NULL, 0);
  add_action (session, "Tell customers when refunds land", P_ANA, "2024-05-01",
              STAPLE_ACTION_STATUS_OPEN, a3_frictions, G_N_ELEMENTS (a3_frictions));

  add_empowerment (session, "Refund up to €50 without asking");
  add_empowerment (session, "Send a courier");

  return session;
}

static StapleFriction *
find_friction_by_text (StapleSession *session,
                       const char    *text)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);

          if (g_str_equal (staple_friction_get_text (friction), text))
            return friction;
        }
    }

  g_assert_not_reached ();
}

static gpointer
nth (GListStore *list,
     guint       index)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), index);

  g_assert_nonnull (item);
  return item; /* borrowed: the list keeps it */
}

static guint
n_items (GListStore *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* Round trips */

static void
test_roundtrip_every_field (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) added = make_full_session ();
  g_autoptr(StapleSession) expected = make_full_session ();
  g_autoptr(StapleSession) loaded = NULL;
  g_autoptr(StapleSession) reloaded = NULL;
  StapleFriction *repeat;

  add_session (store, added);
  loaded = load_session (store, staple_session_get_id (added));
  test_assert_sessions_match (expected, loaded);

  repeat = find_friction_by_text (loaded, "Caller repeats the order number");
  g_assert_cmpuint (staple_session_count_votes_for (loaded, staple_friction_get_id (repeat)),
                    ==, 2);

  /* The workshop's state, spelled out so that a default cannot pass for it. */
  g_assert_cmpint (staple_session_get_phase (loaded), ==, STAPLE_PHASE_PRIORITISE);
  g_assert_cmpint (staple_session_get_dots_per_participant (loaded), ==, 5);
  g_assert_cmpstr (staple_stage_get_name (staple_session_find_stage (loaded,
                                          staple_session_get_current_stage_id (loaded), NULL)),
                   ==, "Label is emailed");
  g_assert_cmpuint (staple_session_get_phase_seconds (loaded, STAPLE_PHASE_MAP), ==, 1250);
  g_assert_cmpuint (staple_session_get_phase_seconds (loaded, STAPLE_PHASE_WALK), ==, 0);
  g_assert_false (staple_participant_get_abstains (nth (staple_session_get_participants (loaded),
                                                        0)));
  g_assert_true (staple_participant_get_abstains (nth (staple_session_get_participants (loaded),
                                                       2)));
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM phase_times"), ==, 3);

  /* What was loaded is on disk, not in some cache of the connection. */
  g_clear_object (&store);
  store = open_store (f->path);
  reloaded = load_session (store, staple_session_get_id (added));
  test_assert_sessions_equal (loaded, reloaded);
}

/* staple_store_add_session() gives the objects it was handed their new ids,
 * and their votes and actions now point at those. */
static void
test_roundtrip_ids_written_back (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) first = make_full_session ();
  g_autoptr(StapleSession) added = make_full_session ();
  g_autoptr(StapleSession) expected = make_full_session ();
  g_autoptr(StapleSession) loaded = NULL;

  /* A first session takes the low ids, so new ids cannot match by luck. */
  add_session (store, first);
  add_session (store, added);
  loaded = load_session (store, staple_session_get_id (added));
  test_assert_sessions_equal (added, loaded);
  test_assert_sessions_match (expected, loaded);
}

static void
update_fields (StapleStore        *store,
               gpointer            object,
               const char * const *properties)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_store_begin (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; properties[i] != NULL; i++)
    {
      g_assert_true (staple_store_update_field (store, object, properties[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (staple_store_commit (store, &error));
  g_assert_no_error (error);
}

/* Each field of the workshop's state is written by itself, and 0 for the
 * current stage is no stage at all. */
static void
test_update_workshop_fields (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const session_props[] = {
    "phase", "dots-per-participant", "current-stage-id", NULL
  };
  static const char * const participant_props[] = { "abstains", NULL };
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  g_autoptr(StapleSession) loaded = NULL;
  g_autoptr(StapleSession) reloaded = NULL;
  StapleParticipant *ana;
  StapleParticipant *chloe;
  StapleStage *first;
  gint64 id;

  add_session (store, session);
  id = staple_session_get_id (session);
  loaded = load_session (store, id);
  ana = nth (staple_session_get_participants (loaded), 0);
  chloe = nth (staple_session_get_participants (loaded), 2);
  first = nth (staple_session_get_stages (loaded), 0);

  g_object_set (loaded,
                "phase", STAPLE_PHASE_CLOSE,
                "dots-per-participant", STAPLE_DOTS_MAX,
                "current-stage-id", staple_stage_get_id (first),
                NULL);
  staple_participant_set_abstains (ana, TRUE);
  staple_participant_set_abstains (chloe, FALSE);
  update_fields (store, loaded, session_props);
  update_fields (store, ana, participant_props);
  update_fields (store, chloe, participant_props);

  reloaded = load_session (store, id);
  test_assert_sessions_equal (loaded, reloaded);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM sessions WHERE phase = 'close'"
                               " AND dots_per_participant = 20 AND current_stage_id = %"
                               G_GINT64_FORMAT, staple_stage_get_id (first)), ==, 1);
  g_clear_object (&reloaded);

  staple_session_set_current_stage_id (loaded, 0);
  update_fields (store, loaded, session_props);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM sessions"
                               " WHERE current_stage_id IS NULL"), ==, 1);
  reloaded = load_session (store, id);
  test_assert_sessions_equal (loaded, reloaded);
}

static void
set_phase_seconds (StapleStore *store,
                   gint64       session_id,
                   StaplePhase  phase,
                   guint        seconds)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_store_set_phase_seconds (store, session_id, phase, seconds, &error));
  g_assert_no_error (error);
}

/* Setting the time of a phase again replaces it: one row per phase. */
static void
test_phase_seconds (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  g_autoptr(StapleSession) other = make_full_session ();
  g_autoptr(StapleSession) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_session (store, session);
  add_session (store, other);
  id = staple_session_get_id (session);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM phase_times"), ==, 6);

  set_phase_seconds (store, id, STAPLE_PHASE_WALK, 30);
  set_phase_seconds (store, id, STAPLE_PHASE_WALK, 90);
  set_phase_seconds (store, id, STAPLE_PHASE_MAP, 0);
  set_phase_seconds (store, id, STAPLE_PHASE_CLOSE, G_MAXUINT);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM phase_times WHERE session_id = %"
                               G_GINT64_FORMAT, id), ==, 5);
  g_assert_cmpint (test_count (f->path, "SELECT seconds FROM phase_times WHERE session_id = %"
                               G_GINT64_FORMAT " AND phase = 'walk'", id), ==, 90);

  loaded = load_session (store, id);
  g_assert_cmpuint (staple_session_get_phase_seconds (loaded, STAPLE_PHASE_WALK), ==, 90);
  g_assert_cmpuint (staple_session_get_phase_seconds (loaded, STAPLE_PHASE_MAP), ==, 0);
  g_assert_cmpuint (staple_session_get_phase_seconds (loaded, STAPLE_PHASE_FRAME), ==, 600);
  g_assert_cmpuint (staple_session_get_phase_seconds (loaded, STAPLE_PHASE_CLOSE), ==, G_MAXUINT);
  g_clear_object (&loaded);

  /* The other session kept its own times. */
  loaded = load_session (store, staple_session_get_id (other));
  g_assert_cmpuint (staple_session_get_phase_seconds (loaded, STAPLE_PHASE_WALK), ==, 0);
  g_assert_cmpuint (staple_session_get_phase_seconds (loaded, STAPLE_PHASE_MAP), ==, 1250);

  /* It is a transaction of its own, so it cannot be part of another. */
  g_assert_true (staple_store_begin (store, &error));
  g_assert_no_error (error);
  g_test_expect_message ("staple-store", G_LOG_LEVEL_CRITICAL, "*IN_TRANSACTION*");
  g_assert_false (staple_store_set_phase_seconds (store, id, STAPLE_PHASE_WALK, 5, NULL));
  g_test_assert_expected_messages ();
  staple_store_rollback (store);
}

typedef struct
{
  const char *name;
  const char *text;
} TextCase;

static const TextCase text_cases[] = {
  { "emoji", "🚚📦 parcel 🚚📦" },
  { "arabic", "لماذا يستغرق الاسترداد تسعة أيام؟" },
  { "hebrew", "למה ההחזר לוקח תשעה ימים?" },
  { "mixed-direction", "Order 42 — الطلب 42 — הזמנה 42" },
  { "cjk", "退货流程 返品手続き 반품 절차" },
  { "quotes", "It's the \"returns\" desk's job" },
  { "sql", "'); DROP TABLE sessions; --" },
  { "control", "tab\there\nnew line\r\nbell\a escape\x1b unit\x1f end" },
  { "long", NULL }, /* 10,000 characters, made in long_text () */
};

static char *
long_text (void)
{
  GString *text = g_string_new (NULL);

  /* One, two, three and four bytes a character. */
  for (int i = 0; i < 2500; i++)
    g_string_append (text, "aé€🚚");

  g_assert_cmpint (g_utf8_strlen (text->str, -1), ==, 10000);
  return g_string_free (text, FALSE);
}

static void
assert_text_property (gpointer    object,
                      const char *property,
                      const char *expected)
{
  g_autofree char *value = NULL;

  g_object_get (object, property, &value, NULL);
  g_assert_nonnull (value);
  if (strcmp (value, expected) != 0)
    g_test_message ("%s:%s came back different", G_OBJECT_TYPE_NAME (object), property);
  g_assert_cmpmem (value, strlen (value), expected, strlen (expected));
}

static void
test_roundtrip_text (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const session_props[] = {
    "title", "organisation", "date", "location", "facilitator", "customer", "work-item",
    "question", "source",
  };
  const TextCase *text_case = data;
  g_autofree char *made = text_case->text == NULL ? long_text () : NULL;
  const char *text = made != NULL ? made : text_case->text;
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleSession) loaded = NULL;
  g_autoptr(GListStore) summaries = NULL;
  g_autoptr(GError) error = NULL;
  StapleStage *stage;
  StapleFriction *friction;
  StapleAction *action;
  const gint64 ids[] = { 1 };

  for (guint i = 0; i < G_N_ELEMENTS (session_props); i++)
    g_object_set (session, session_props[i], text, NULL);
  add_participant (session, 1, text, text);
  stage = add_stage (session, 1, text);
  g_object_set (stage, "team", text, "notes", text, NULL);
  friction = add_friction (stage, 1, text);
  staple_friction_set_notes (friction, text);
  add_vote (session, 1, 1);
  add_action (session, text, 1, text, STAPLE_ACTION_STATUS_OPEN, ids, 1);
  add_empowerment (session, text);

  add_session (store, session);
  g_clear_object (&store);
  store = open_store (f->path);
  loaded = load_session (store, staple_session_get_id (session));

  for (guint i = 0; i < G_N_ELEMENTS (session_props); i++)
    assert_text_property (loaded, session_props[i], text);
  assert_text_property (nth (staple_session_get_participants (loaded), 0), "name", text);
  assert_text_property (nth (staple_session_get_participants (loaded), 0), "role", text);
  stage = nth (staple_session_get_stages (loaded), 0);
  assert_text_property (stage, "name", text);
  assert_text_property (stage, "team", text);
  assert_text_property (stage, "notes", text);
  friction = nth (staple_stage_get_frictions (stage), 0);
  assert_text_property (friction, "text", text);
  assert_text_property (friction, "notes", text);
  action = nth (staple_session_get_actions (loaded), 0);
  assert_text_property (action, "text", text);
  assert_text_property (action, "due", text);
  assert_text_property (nth (staple_session_get_empowerments (loaded), 0), "text", text);

  summaries = staple_store_list_sessions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (summaries)), ==, 1);
  assert_text_property (nth (summaries, 0), "title", text);

  /* SQLite itself sees the same number of characters: nothing was cut. */
  g_assert_cmpint (test_count (f->path, "SELECT length (title) FROM sessions"), ==,
                   g_utf8_strlen (text, -1));
}

static guint
count_listed (StapleStore *store)
{
  g_autoptr(GListStore) summaries = NULL;
  g_autoptr(GError) error = NULL;

  summaries = staple_store_list_sessions (store, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (G_LIST_MODEL (summaries));
}

static const char * const all_tables[] = {
  "sessions", "participants", "stages", "frictions", "votes", "actions", "action_frictions",
  "empowerments", "phase_times", "session_search",
};

static void
count_all_tables (const char *path,
                  gint64      counts[G_N_ELEMENTS (all_tables)])
{
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    counts[i] = test_count (path, "SELECT count(*) FROM %s", all_tables[i]);
}

/* A session that cannot be added whole is not added at all, and adding it
 * again once the problem is gone works. */
static void
test_roundtrip_add_fails_whole (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  g_autoptr(StapleSession) expected = make_full_session ();
  g_autoptr(StapleSession) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 counts[G_N_ELEMENTS (all_tables)];
  sqlite3 *db;

  /* The last rows written fail, as on a disk that fills up. */
  db = test_raw_open (f->path);
  test_raw_exec (db, "CREATE TRIGGER test_broken BEFORE INSERT ON empowerments"
                     " BEGIN SELECT RAISE (ABORT, 'broken for a test'); END");
  sqlite3_close (db);

  g_assert_false (staple_store_add_session (store, session, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == STAPLE_STORE_ERROR);
  g_clear_error (&error);
  g_assert_cmpint (staple_session_get_id (session), ==, 0);
  count_all_tables (f->path, counts);
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    g_assert_cmpint (counts[i], ==, 0);
  g_assert_cmpuint (count_listed (store), ==, 0);

  db = test_raw_open (f->path);
  test_raw_exec (db, "DROP TRIGGER test_broken");
  sqlite3_close (db);

  add_session (store, session);
  loaded = load_session (store, staple_session_get_id (session));
  test_assert_sessions_match (expected, loaded);
}

/* The library list */

static StapleSessionSummary *
find_summary (GListStore *summaries,
              gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (summaries)); i++)
    {
      StapleSessionSummary *summary = nth (summaries, i);

      if (staple_session_summary_get_id (summary) == id)
        return summary;
    }

  return NULL;
}

static void
test_list_counts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) full = make_full_session ();
  g_autoptr(StapleSession) bare = staple_session_new ();
  g_autoptr(GListStore) summaries = NULL;
  g_autoptr(GError) error = NULL;
  StapleSessionSummary *summary;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  staple_session_set_title (bare, "Nothing yet");
  add_session (store, full);
  add_session (store, bare);

  summaries = staple_store_list_sessions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (summaries)), ==, 2);

  summary = find_summary (summaries, staple_session_get_id (full));
  g_assert_nonnull (summary);
  g_assert_cmpstr (staple_session_summary_get_title (summary), ==, "Parcel returns");
  g_assert_cmpstr (staple_session_summary_get_organisation (summary), ==, "Acme Parcels");
  g_assert_cmpstr (staple_session_summary_get_date (summary), ==, "2024-03-14");
  g_assert_cmpuint (staple_session_summary_get_n_stages (summary), ==, 3);
  g_assert_cmpuint (staple_session_summary_get_n_frictions (summary), ==, 4);
  /* One open and one in progress; the done one is not counted. */
  g_assert_cmpuint (staple_session_summary_get_n_open_actions (summary), ==, 2);
  g_assert_cmpint (staple_session_summary_get_updated (summary), >=, before);
  g_assert_cmpint (staple_session_summary_get_updated (summary), <=, before + 60);

  summary = find_summary (summaries, staple_session_get_id (bare));
  g_assert_nonnull (summary);
  g_assert_cmpstr (staple_session_summary_get_title (summary), ==, "Nothing yet");
  g_assert_cmpuint (staple_session_summary_get_n_stages (summary), ==, 0);
  g_assert_cmpuint (staple_session_summary_get_n_frictions (summary), ==, 0);
  g_assert_cmpuint (staple_session_summary_get_n_open_actions (summary), ==, 0);
}

static gint64
add_dated_session (StapleStore *store,
                   const char  *title,
                   const char  *date)
{
  g_autoptr(StapleSession) session = staple_session_new ();

  staple_session_set_title (session, title);
  staple_session_set_date (session, date);
  add_session (store, session);
  return staple_session_get_id (session);
}

static void
test_list_newest_first (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const expected[] = {
    "Spring 2024, second", "Spring 2024, first", "Summer 2023", "Autumn 2022",
  };
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(GListStore) summaries = NULL;
  g_autoptr(GError) error = NULL;

  add_dated_session (store, "Summer 2023", "2023-07-01");
  add_dated_session (store, "Spring 2024, first", "2024-04-10");
  add_dated_session (store, "Autumn 2022", "2022-10-30");
  add_dated_session (store, "Spring 2024, second", "2024-04-10");

  summaries = staple_store_list_sessions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (summaries)), ==,
                    G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (staple_session_summary_get_title (nth (summaries, i)), ==, expected[i]);
}

static void
test_list_trash (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  gint64 kept = add_dated_session (store, "Kept", "2024-01-01");
  gint64 binned = add_dated_session (store, "Binned", "2024-01-02");

  g_assert_true (staple_store_set_session_trashed (store, binned, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_listed (store), ==, 1);

  /* Restoring a session that is not in the trash is harmless. */
  g_assert_true (staple_store_set_session_trashed (store, kept, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (staple_store_set_session_trashed (store, binned, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_listed (store), ==, 2);

  g_assert_false (staple_store_set_session_trashed (store, binned + 100, TRUE, &error));
  g_assert_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND);
}

static void
test_find_by_source (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) example = staple_session_new ();
  g_autoptr(GError) error = NULL;

  staple_session_set_title (example, "Example");
  staple_session_set_source (example, "example:1");
  add_dated_session (store, "By hand", "2024-01-01");
  add_session (store, example);

  g_assert_cmpint (staple_store_find_session_by_source (store, "example:1", &error), ==,
                   staple_session_get_id (example));
  g_assert_no_error (error);
  g_assert_cmpint (staple_store_find_session_by_source (store, "example:2", &error), ==, 0);
  g_assert_no_error (error);

  g_assert_true (staple_store_set_session_trashed (store, staple_session_get_id (example),
                                                   TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_store_find_session_by_source (store, "example:1", &error), ==,
                   staple_session_get_id (example));
  g_assert_no_error (error);
}

/* Migrations */

/* Rows written with the schema of each version, by its index: what a user of
 * that version had on disk. Each later version's rows must hold at least
 * what check_version_rows () looks for. Add an entry with every migration. */
static const char * const version_rows[] = {
  /* 0: no tables yet */
  NULL,
  /* 1 */
  "INSERT INTO sessions (id, title, organisation, date, created, updated)"
  "  VALUES (7, 'Kept across upgrades', 'Old Org', '2023-01-02', 1700000000, 1700000000);"
  "INSERT INTO participants (id, session_id, position, name, role)"
  "  VALUES (71, 7, 0, 'Old hand', 'Clerk');"
  "INSERT INTO stages (id, session_id, position, name, team, channel, wait_minutes)"
  "  VALUES (72, 7, 0, 'Kept stage', 'Post room', 'phone', 45);"
  "INSERT INTO frictions (id, stage_id, position, text, kind, severity, principle)"
  "  VALUES (73, 72, 0, 'Kept friction', 'silo', 4, 'cooperate-across-silos');"
  "INSERT INTO votes (id, participant_id, friction_id) VALUES (74, 71, 73);"
  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status)"
  "  VALUES (75, 7, 0, 'Kept action', 71, '2023-02-01', 'done');"
  "INSERT INTO action_frictions (action_id, friction_id, position) VALUES (75, 73, 0);"
  "INSERT INTO empowerments (id, session_id, position, text)"
  "  VALUES (76, 7, 0, 'Kept empowerment');",
  /* 2: the workshop's phase, dots, current stage, abstaining and time per phase */
  "INSERT INTO sessions (id, title, organisation, date, created, updated, phase,"
  "  dots_per_participant)"
  "  VALUES (7, 'Kept across upgrades', 'Old Org', '2023-01-02', 1700000000, 1700000000,"
  "  'commit', 7);"
  "INSERT INTO participants (id, session_id, position, name, role, abstains)"
  "  VALUES (71, 7, 0, 'Old hand', 'Clerk', 1);"
  "INSERT INTO stages (id, session_id, position, name, team, channel, wait_minutes)"
  "  VALUES (72, 7, 0, 'Kept stage', 'Post room', 'phone', 45);"
  "UPDATE sessions SET current_stage_id = 72 WHERE id = 7;"
  "INSERT INTO frictions (id, stage_id, position, text, kind, severity, principle)"
  "  VALUES (73, 72, 0, 'Kept friction', 'silo', 4, 'cooperate-across-silos');"
  "INSERT INTO votes (id, participant_id, friction_id) VALUES (74, 71, 73);"
  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status)"
  "  VALUES (75, 7, 0, 'Kept action', 71, '2023-02-01', 'done');"
  "INSERT INTO action_frictions (action_id, friction_id, position) VALUES (75, 73, 0);"
  "INSERT INTO empowerments (id, session_id, position, text)"
  "  VALUES (76, 7, 0, 'Kept empowerment');"
  "INSERT INTO phase_times (session_id, phase, seconds) VALUES (7, 'walk', 2400);",
  /* 3: the search index, kept by the store (so written here too), and the
   * link to an earlier walk */
  "INSERT INTO sessions (id, title, organisation, date, created, updated, phase,"
  "  dots_per_participant, previous_id)"
  "  VALUES (7, 'Kept across upgrades', 'Old Org', '2023-01-02', 1700000000, 1700000000,"
  "  'commit', 7, NULL);"
  "INSERT INTO participants (id, session_id, position, name, role, abstains)"
  "  VALUES (71, 7, 0, 'Old hand', 'Clerk', 1);"
  "INSERT INTO stages (id, session_id, position, name, team, channel, wait_minutes)"
  "  VALUES (72, 7, 0, 'Kept stage', 'Post room', 'phone', 45);"
  "UPDATE sessions SET current_stage_id = 72 WHERE id = 7;"
  "INSERT INTO frictions (id, stage_id, position, text, kind, severity, principle)"
  "  VALUES (73, 72, 0, 'Kept friction', 'silo', 4, 'cooperate-across-silos');"
  "INSERT INTO votes (id, participant_id, friction_id) VALUES (74, 71, 73);"
  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status)"
  "  VALUES (75, 7, 0, 'Kept action', 71, '2023-02-01', 'done');"
  "INSERT INTO action_frictions (action_id, friction_id, position) VALUES (75, 73, 0);"
  "INSERT INTO empowerments (id, session_id, position, text)"
  "  VALUES (76, 7, 0, 'Kept empowerment');"
  "INSERT INTO phase_times (session_id, phase, seconds) VALUES (7, 'walk', 2400);"
  "INSERT INTO session_search (rowid, title, organisation, body) VALUES (7,"
  "  'Kept across upgrades', 'Old Org', 'Kept stage Post room Kept friction Kept action"
  "  Kept empowerment Old hand Clerk');",
  /* 4: drafts of the map's in-place editors, and the library's own state */
  "INSERT INTO sessions (id, title, organisation, date, created, updated, phase,"
  "  dots_per_participant, previous_id)"
  "  VALUES (7, 'Kept across upgrades', 'Old Org', '2023-01-02', 1700000000, 1700000000,"
  "  'commit', 7, NULL);"
  "INSERT INTO participants (id, session_id, position, name, role, abstains)"
  "  VALUES (71, 7, 0, 'Old hand', 'Clerk', 1);"
  "INSERT INTO stages (id, session_id, position, name, team, channel, wait_minutes)"
  "  VALUES (72, 7, 0, 'Kept stage', 'Post room', 'phone', 45);"
  "UPDATE sessions SET current_stage_id = 72 WHERE id = 7;"
  "INSERT INTO frictions (id, stage_id, position, text, kind, severity, principle)"
  "  VALUES (73, 72, 0, 'Kept friction', 'silo', 4, 'cooperate-across-silos');"
  "INSERT INTO votes (id, participant_id, friction_id) VALUES (74, 71, 73);"
  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status)"
  "  VALUES (75, 7, 0, 'Kept action', 71, '2023-02-01', 'done');"
  "INSERT INTO action_frictions (action_id, friction_id, position) VALUES (75, 73, 0);"
  "INSERT INTO empowerments (id, session_id, position, text)"
  "  VALUES (76, 7, 0, 'Kept empowerment');"
  "INSERT INTO phase_times (session_id, phase, seconds) VALUES (7, 'walk', 2400);"
  "INSERT INTO drafts (session_id, target, stage_id, position, text, updated)"
  "  VALUES (7, 'new-friction', 72, 1, 'Half-typed', 1700000000);"
  "INSERT INTO app_state (key, value) VALUES ('open-session', '7');",
  /* 5: the counts the library shows, kept in the session's row, and the
   * search index with its word starts */
  "INSERT INTO sessions (id, title, organisation, date, created, updated, phase,"
  "  dots_per_participant, previous_id, n_stages, n_frictions, n_open_actions)"
  "  VALUES (7, 'Kept across upgrades', 'Old Org', '2023-01-02', 1700000000, 1700000000,"
  "  'commit', 7, NULL, 1, 1, 0);"
  "INSERT INTO participants (id, session_id, position, name, role, abstains)"
  "  VALUES (71, 7, 0, 'Old hand', 'Clerk', 1);"
  "INSERT INTO stages (id, session_id, position, name, team, channel, wait_minutes)"
  "  VALUES (72, 7, 0, 'Kept stage', 'Post room', 'phone', 45);"
  "UPDATE sessions SET current_stage_id = 72 WHERE id = 7;"
  "INSERT INTO frictions (id, stage_id, position, text, kind, severity, principle)"
  "  VALUES (73, 72, 0, 'Kept friction', 'silo', 4, 'cooperate-across-silos');"
  "INSERT INTO votes (id, participant_id, friction_id) VALUES (74, 71, 73);"
  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status)"
  "  VALUES (75, 7, 0, 'Kept action', 71, '2023-02-01', 'done');"
  "INSERT INTO action_frictions (action_id, friction_id, position) VALUES (75, 73, 0);"
  "INSERT INTO empowerments (id, session_id, position, text)"
  "  VALUES (76, 7, 0, 'Kept empowerment');"
  "INSERT INTO phase_times (session_id, phase, seconds) VALUES (7, 'walk', 2400);"
  "INSERT INTO drafts (session_id, target, stage_id, position, text, updated)"
  "  VALUES (7, 'new-friction', 72, 1, 'Half-typed', 1700000000);"
  "INSERT INTO app_state (key, value) VALUES ('open-session', '7');"
  "INSERT INTO session_search (rowid, title, organisation, body) VALUES (7,"
  "  'Kept across upgrades', 'Old Org', 'Kept stage Post room Kept friction Kept action"
  "  Kept empowerment Old hand Clerk');",
  /* 6: the room's anonymous voters, marked (none here: a person) */
  "INSERT INTO sessions (id, title, organisation, date, created, updated, phase,"
  "  dots_per_participant, previous_id, n_stages, n_frictions, n_open_actions)"
  "  VALUES (7, 'Kept across upgrades', 'Old Org', '2023-01-02', 1700000000, 1700000000,"
  "  'commit', 7, NULL, 1, 1, 0);"
  "INSERT INTO participants (id, session_id, position, name, role, abstains, anonymous)"
  "  VALUES (71, 7, 0, 'Old hand', 'Clerk', 1, 0);"
  "INSERT INTO stages (id, session_id, position, name, team, channel, wait_minutes)"
  "  VALUES (72, 7, 0, 'Kept stage', 'Post room', 'phone', 45);"
  "UPDATE sessions SET current_stage_id = 72 WHERE id = 7;"
  "INSERT INTO frictions (id, stage_id, position, text, kind, severity, principle)"
  "  VALUES (73, 72, 0, 'Kept friction', 'silo', 4, 'cooperate-across-silos');"
  "INSERT INTO votes (id, participant_id, friction_id) VALUES (74, 71, 73);"
  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status)"
  "  VALUES (75, 7, 0, 'Kept action', 71, '2023-02-01', 'done');"
  "INSERT INTO action_frictions (action_id, friction_id, position) VALUES (75, 73, 0);"
  "INSERT INTO empowerments (id, session_id, position, text)"
  "  VALUES (76, 7, 0, 'Kept empowerment');"
  "INSERT INTO phase_times (session_id, phase, seconds) VALUES (7, 'walk', 2400);"
  "INSERT INTO drafts (session_id, target, stage_id, position, text, updated)"
  "  VALUES (7, 'new-friction', 72, 1, 'Half-typed', 1700000000);"
  "INSERT INTO app_state (key, value) VALUES ('open-session', '7');"
  "INSERT INTO session_search (rowid, title, organisation, body) VALUES (7,"
  "  'Kept across upgrades', 'Old Org', 'Kept stage Post room Kept friction Kept action"
  "  Kept empowerment Old hand Clerk');",
  /* 7: the day an action was done */
  "INSERT INTO sessions (id, title, organisation, date, created, updated, phase,"
  "  dots_per_participant, previous_id, n_stages, n_frictions, n_open_actions)"
  "  VALUES (7, 'Kept across upgrades', 'Old Org', '2023-01-02', 1700000000, 1700000000,"
  "  'commit', 7, NULL, 1, 1, 0);"
  "INSERT INTO participants (id, session_id, position, name, role, abstains, anonymous)"
  "  VALUES (71, 7, 0, 'Old hand', 'Clerk', 1, 0);"
  "INSERT INTO stages (id, session_id, position, name, team, channel, wait_minutes)"
  "  VALUES (72, 7, 0, 'Kept stage', 'Post room', 'phone', 45);"
  "UPDATE sessions SET current_stage_id = 72 WHERE id = 7;"
  "INSERT INTO frictions (id, stage_id, position, text, kind, severity, principle)"
  "  VALUES (73, 72, 0, 'Kept friction', 'silo', 4, 'cooperate-across-silos');"
  "INSERT INTO votes (id, participant_id, friction_id) VALUES (74, 71, 73);"
  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status, done_on)"
  "  VALUES (75, 7, 0, 'Kept action', 71, '2023-02-01', 'done', '2023-01-30');"
  "INSERT INTO action_frictions (action_id, friction_id, position) VALUES (75, 73, 0);"
  "INSERT INTO empowerments (id, session_id, position, text)"
  "  VALUES (76, 7, 0, 'Kept empowerment');"
  "INSERT INTO phase_times (session_id, phase, seconds) VALUES (7, 'walk', 2400);"
  "INSERT INTO drafts (session_id, target, stage_id, position, text, updated)"
  "  VALUES (7, 'new-friction', 72, 1, 'Half-typed', 1700000000);"
  "INSERT INTO app_state (key, value) VALUES ('open-session', '7');"
  "INSERT INTO session_search (rowid, title, organisation, body) VALUES (7,"
  "  'Kept across upgrades', 'Old Org', 'Kept stage Post room Kept friction Kept action"
  "  Kept empowerment Old hand Clerk');",
  /* 8: the organisations indexed (rows as at 7) */
  "INSERT INTO sessions (id, title, organisation, date, created, updated, phase,"
  "  dots_per_participant, previous_id, n_stages, n_frictions, n_open_actions)"
  "  VALUES (7, 'Kept across upgrades', 'Old Org', '2023-01-02', 1700000000, 1700000000,"
  "  'commit', 7, NULL, 1, 1, 0);"
  "INSERT INTO participants (id, session_id, position, name, role, abstains, anonymous)"
  "  VALUES (71, 7, 0, 'Old hand', 'Clerk', 1, 0);"
  "INSERT INTO stages (id, session_id, position, name, team, channel, wait_minutes)"
  "  VALUES (72, 7, 0, 'Kept stage', 'Post room', 'phone', 45);"
  "UPDATE sessions SET current_stage_id = 72 WHERE id = 7;"
  "INSERT INTO frictions (id, stage_id, position, text, kind, severity, principle)"
  "  VALUES (73, 72, 0, 'Kept friction', 'silo', 4, 'cooperate-across-silos');"
  "INSERT INTO votes (id, participant_id, friction_id) VALUES (74, 71, 73);"
  "INSERT INTO actions (id, session_id, position, text, owner_id, due, status, done_on)"
  "  VALUES (75, 7, 0, 'Kept action', 71, '2023-02-01', 'done', '2023-01-30');"
  "INSERT INTO action_frictions (action_id, friction_id, position) VALUES (75, 73, 0);"
  "INSERT INTO empowerments (id, session_id, position, text)"
  "  VALUES (76, 7, 0, 'Kept empowerment');"
  "INSERT INTO phase_times (session_id, phase, seconds) VALUES (7, 'walk', 2400);"
  "INSERT INTO drafts (session_id, target, stage_id, position, text, updated)"
  "  VALUES (7, 'new-friction', 72, 1, 'Half-typed', 1700000000);"
  "INSERT INTO app_state (key, value) VALUES ('open-session', '7');"
  "INSERT INTO session_search (rowid, title, organisation, body) VALUES (7,"
  "  'Kept across upgrades', 'Old Org', 'Kept stage Post room Kept friction Kept action"
  "  Kept empowerment Old hand Clerk');",
};

/* What rows written at @version hold of the workshop's state: the defaults
 * the upgrade gave them, or what version 2 and later wrote. */
static void
check_version_workshop (StapleSession *session,
                        int            version)
{
  StapleParticipant *participant = nth (staple_session_get_participants (session), 0);

  if (version < 2)
    {
      g_assert_cmpint (staple_session_get_phase (session), ==, STAPLE_PHASE_FRAME);
      g_assert_cmpint (staple_session_get_dots_per_participant (session), ==,
                       STAPLE_DOTS_DEFAULT);
      g_assert_cmpint (staple_session_get_current_stage_id (session), ==, 0);
      g_assert_false (staple_participant_get_abstains (participant));
      for (int phase = 0; phase < STAPLE_N_PHASES; phase++)
        g_assert_cmpuint (staple_session_get_phase_seconds (session, phase), ==, 0);
      return;
    }

  g_assert_cmpint (staple_session_get_phase (session), ==, STAPLE_PHASE_COMMIT);
  g_assert_cmpint (staple_session_get_dots_per_participant (session), ==, 7);
  g_assert_cmpint (staple_session_get_current_stage_id (session), ==, 72);
  g_assert_true (staple_participant_get_abstains (participant));
  g_assert_cmpuint (staple_session_get_phase_seconds (session, STAPLE_PHASE_WALK), ==, 2400);
  g_assert_cmpuint (staple_session_get_phase_seconds (session, STAPLE_PHASE_FRAME), ==, 0);
}

/* The library shows the session's counts: the upgrade counted them. */
static void
check_version_counts (StapleStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) listed = staple_store_list_sessions (store, &error);
  StapleSessionSummary *summary;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listed)), ==, 1);
  summary = g_list_model_get_item (G_LIST_MODEL (listed), 0);
  g_assert_cmpint (staple_session_summary_get_id (summary), ==, 7);
  g_assert_cmpuint (staple_session_summary_get_n_stages (summary), ==, 1);
  g_assert_cmpuint (staple_session_summary_get_n_frictions (summary), ==, 1);
  g_assert_cmpuint (staple_session_summary_get_n_open_actions (summary), ==, 0);
  g_object_unref (summary);
}

static void
check_version_rows (StapleStore *store,
                    int          version)
{
  g_autoptr(StapleSession) session = load_session (store, 7);
  StapleParticipant *participant;
  StapleStage *stage;
  StapleFriction *friction;
  StapleAction *action;
  const gint64 *ids;
  guint n_ids = 0;

  g_assert_cmpstr (staple_session_get_title (session), ==, "Kept across upgrades");
  g_assert_cmpstr (staple_session_get_organisation (session), ==, "Old Org");
  g_assert_cmpstr (staple_session_get_date (session), ==, "2023-01-02");

  g_assert_cmpuint (n_items (staple_session_get_participants (session)), ==, 1);
  participant = nth (staple_session_get_participants (session), 0);
  g_assert_cmpint (staple_participant_get_id (participant), ==, 71);
  g_assert_cmpstr (staple_participant_get_name (participant), ==, "Old hand");
  g_assert_cmpstr (staple_participant_get_role (participant), ==, "Clerk");
  g_assert_false (staple_participant_get_anonymous (participant));

  g_assert_cmpuint (n_items (staple_session_get_stages (session)), ==, 1);
  stage = nth (staple_session_get_stages (session), 0);
  g_assert_cmpstr (staple_stage_get_name (stage), ==, "Kept stage");
  g_assert_cmpstr (staple_stage_get_team (stage), ==, "Post room");
  g_assert_cmpint (staple_stage_get_channel (stage), ==, STAPLE_CHANNEL_PHONE);
  g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, 45);

  friction = nth (staple_stage_get_frictions (stage), 0);
  g_assert_cmpint (staple_friction_get_id (friction), ==, 73);
  g_assert_cmpstr (staple_friction_get_text (friction), ==, "Kept friction");
  g_assert_cmpint (staple_friction_get_kind (friction), ==, STAPLE_FRICTION_KIND_SILO);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, 4);
  g_assert_cmpint (staple_friction_get_principle (friction), ==,
                   STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS);
  g_assert_cmpuint (staple_session_count_votes_for (session, 73), ==, 1);

  action = nth (staple_session_get_actions (session), 0);
  g_assert_cmpstr (staple_action_get_text (action), ==, "Kept action");
  g_assert_cmpint (staple_action_get_owner_id (action), ==, 71);
  g_assert_cmpstr (staple_action_get_due (action), ==, "2023-02-01");
  g_assert_cmpint (staple_action_get_status (action), ==, STAPLE_ACTION_STATUS_DONE);
  /* Done before Staple kept the day: none. */
  g_assert_cmpstr (staple_action_get_done_on (action), ==, version >= 7 ? "2023-01-30" : "");
  ids = staple_action_get_friction_ids (action, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (ids[0], ==, 73);

  g_assert_cmpstr (staple_empowerment_get_text (nth (staple_session_get_empowerments (session), 0)),
                   ==, "Kept empowerment");

  check_version_workshop (session, version);
  check_version_counts (store);
}

static gint64 search_one (StapleStore *store,
                          const char  *query);

/* The upgrade put every session's words in the search index. */
static void
check_upgraded_search (StapleStore *store)
{
  static const char * const words[] = {
    "upgrades", "old org", "kept stage", "post room", "kept friction", "kept action",
    "kept empowerment", "old hand", "clerk",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_assert_cmpint (search_one (store, words[i]), ==, 7);
}

/* What the upgrade added can be written at once. */
static void
check_upgraded_writable (StapleStore *store)
{
  static const char * const session_props[] = { "phase", "dots-per-participant", NULL };
  static const char * const participant_props[] = { "abstains", NULL };
  g_autoptr(StapleSession) session = load_session (store, 7);
  g_autoptr(StapleSession) reloaded = NULL;
  StapleParticipant *participant = nth (staple_session_get_participants (session), 0);
  g_autoptr(GError) error = NULL;

  staple_session_set_phase (session, STAPLE_PHASE_DIAGNOSE);
  staple_session_set_dots_per_participant (session, 2);
  staple_participant_set_abstains (participant, !staple_participant_get_abstains (participant));
  staple_session_set_phase_seconds (session, STAPLE_PHASE_DIAGNOSE, 77);
  update_fields (store, session, session_props);
  update_fields (store, participant, participant_props);
  g_assert_true (staple_store_set_phase_seconds (store, 7, STAPLE_PHASE_DIAGNOSE, 77, &error));
  g_assert_no_error (error);

  reloaded = load_session (store, 7);
  test_assert_sessions_equal (session, reloaded);
}

/* The tables, indexes and their SQL, to compare a migrated file with a new one. */
static char *
describe_schema (const char *path)
{
  sqlite3 *db = test_raw_open (path);
  char *schema = test_raw_text (db,
                                "SELECT group_concat (line, char (10)) FROM"
                                " (SELECT type || ' ' || name || ': ' || ifnull (sql, '') AS line"
                                "  FROM sqlite_schema ORDER BY type, name)");

  sqlite3_close (db);
  return schema;
}

static void
assert_current_header (const char *path)
{
  sqlite3 *db = test_raw_open (path);

  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==,
                   staple_store_get_schema_version ());
  g_assert_cmpint (test_raw_int (db, "PRAGMA application_id"), ==,
                   STAPLE_STORE_APPLICATION_ID);
  sqlite3_close (db);
}

static void
test_migrate_fixtures (Fixture       *f,
                       gconstpointer  data)
{
  /* Each version needs its rows above, or its upgrade goes untested. */
  g_assert_cmpint (G_N_ELEMENTS (version_rows), ==, staple_store_get_schema_version () + 1);
}

static void
test_migrate_from (Fixture       *f,
                   gconstpointer  data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.db", NULL);
  g_autofree char *fresh_schema = NULL;
  g_autofree char *migrated_schema = NULL;
  g_autoptr(StapleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  store = staple_store_open_at_version (f->path, version, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);

  db = test_raw_open (f->path);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, version);
  if (version >= 1)
    {
      g_assert_cmpint (version, <, G_N_ELEMENTS (version_rows));
      test_raw_exec (db, version_rows[version]);
    }
  sqlite3_close (db);

  store = open_store (f->path);
  assert_current_header (f->path);
  if (version >= 1)
    {
      check_version_rows (store, version);
      check_upgraded_search (store);
      check_upgraded_writable (store);
    }

  /* Upgraded, the file has exactly the tables a new one gets. */
  g_clear_object (&store);
  store = open_store (fresh_path);
  g_clear_object (&store);
  fresh_schema = describe_schema (fresh_path);
  migrated_schema = describe_schema (f->path);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);
}

static void
test_migrate_current_keeps_data (Fixture       *f,
                                 gconstpointer  data)
{
  int current = staple_store_get_schema_version ();
  g_autoptr(StapleStore) store = open_store (f->path);
  sqlite3 *db;

  g_assert_cmpint (current, <, G_N_ELEMENTS (version_rows));
  g_clear_object (&store);

  db = test_raw_open (f->path);
  test_raw_exec (db, version_rows[current]);
  sqlite3_close (db);

  store = open_store (f->path);
  assert_current_header (f->path);
  check_version_rows (store, current);
}

/* Deleting takes what belongs with it */

static void
delete_row (StapleStore *store,
            gpointer     object)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (staple_store_delete_row (store, object, &error));
  g_assert_no_error (error);
  g_assert_true (staple_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_cascade_delete_stage (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  g_autoptr(StapleSession) loaded = NULL;
  StapleStage *stage;
  gint64 stage_id, repeat_id, trust_id, label_id;
  StapleAction *action;
  const gint64 *ids;
  guint n_ids = 0;

  add_session (store, session);
  stage = nth (staple_session_get_stages (session), 0);
  stage_id = staple_stage_get_id (stage);
  repeat_id = staple_friction_get_id (nth (staple_stage_get_frictions (stage), 0));
  trust_id = staple_friction_get_id (nth (staple_stage_get_frictions (stage), 1));
  label_id = staple_friction_get_id (find_friction_by_text (session, "Label printer is shared"));

  /* What goes: two friction points, two dots, one link from an action. */
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions WHERE stage_id = %"
                               G_GINT64_FORMAT, stage_id), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE friction_id IN (%"
                               G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", repeat_id, trust_id),
                   ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM action_frictions"
                               " WHERE friction_id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                               repeat_id, trust_id), ==, 1);

  delete_row (store, stage);

  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM stages WHERE id = %"
                               G_GINT64_FORMAT, stage_id), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions WHERE stage_id = %"
                               G_GINT64_FORMAT, stage_id), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE friction_id IN (%"
                               G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", repeat_id, trust_id),
                   ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM action_frictions"
                               " WHERE friction_id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                               repeat_id, trust_id), ==, 0);

  /* What stays: the other stages' friction points, dots and links, and every action. */
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM stages"), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions"), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM action_frictions"), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM actions"), ==, 3);

  loaded = load_session (store, staple_session_get_id (session));
  action = nth (staple_session_get_actions (loaded), 0);
  ids = staple_action_get_friction_ids (action, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (ids[0], ==, label_id);
}

/* Deleting the stage the walk-through is at leaves the session at none. */
static void
test_cascade_delete_current_stage (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  g_autoptr(StapleSession) loaded = NULL;
  StapleStage *current;
  gint64 id;

  add_session (store, session);
  id = staple_session_get_id (session);
  current = staple_session_find_stage (session, staple_session_get_current_stage_id (session),
                                       NULL);
  g_assert_nonnull (current);
  g_assert_cmpstr (staple_stage_get_name (current), ==, "Label is emailed");

  /* Another stage goes: the current one stays. */
  delete_row (store, nth (staple_session_get_stages (session), 0));
  loaded = load_session (store, id);
  g_assert_cmpint (staple_session_get_current_stage_id (loaded), ==,
                   staple_stage_get_id (current));
  g_clear_object (&loaded);

  delete_row (store, current);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM sessions"
                               " WHERE current_stage_id IS NULL"), ==, 1);
  loaded = load_session (store, id);
  g_assert_cmpint (staple_session_get_current_stage_id (loaded), ==, 0);
  g_assert_cmpint (staple_session_get_phase (loaded), ==, STAPLE_PHASE_PRIORITISE);
}

static void
test_cascade_delete_participant (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  g_autoptr(StapleSession) loaded = NULL;
  StapleParticipant *ana;
  StapleParticipant *ben;
  StapleAction *action;
  gint64 ana_id;

  add_session (store, session);
  ana = nth (staple_session_get_participants (session), 0);
  ben = nth (staple_session_get_participants (session), 1);
  ana_id = staple_participant_get_id (ana);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = %"
                               G_GINT64_FORMAT, ana_id), ==, 3);

  delete_row (store, ana);

  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM participants"), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = %"
                               G_GINT64_FORMAT, ana_id), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 1);
  /* Her action stays, with nobody owning it. */
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM actions"), ==, 3);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM actions WHERE owner_id IS NULL"),
                   ==, 2);

  loaded = load_session (store, staple_session_get_id (session));
  action = nth (staple_session_get_actions (loaded), 2);
  g_assert_cmpstr (staple_action_get_text (action), ==, "Tell customers when refunds land");
  g_assert_cmpint (staple_action_get_owner_id (action), ==, 0);
  action = nth (staple_session_get_actions (loaded), 0);
  g_assert_cmpint (staple_action_get_owner_id (action), ==, staple_participant_get_id (ben));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_votes (loaded))),
                    ==, 1);
}

/* Walking again: the frame, people and stages come along, the friction
 * points do not, only the actions still to do do (owners kept), and the
 * new session is linked to the old one and starts with the review. */
static void
test_walk_again (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) old = make_full_session ();
  g_autoptr(StapleSession) again = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *actions;
  gint64 id;

  add_session (store, old);
  id = staple_store_walk_again (store, staple_session_get_id (old), "2027-02-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, staple_session_get_id (old));
  g_assert_cmpint (staple_store_get_previous_walk (store, id, NULL), ==,
                   staple_session_get_id (old));

  again = staple_store_load_session (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (staple_session_get_title (again), ==, "Parcel returns — follow-up");
  g_assert_cmpstr (staple_session_get_date (again), ==, "2027-02-01");
  g_assert_cmpint (staple_session_get_phase (again), ==, STAPLE_PHASE_COMMIT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (again))),
                    ==,
                    g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (old))));
  g_assert_cmpuint (staple_session_count_frictions (again), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_votes (again))),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_participants (again))),
                    ==,
                    g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_participants (old))));

  /* Of three actions one was done: two come along, each with its owner,
   * now a participant of the new session. */
  actions = G_LIST_MODEL (staple_session_get_actions (again));
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      StapleParticipant *owner = staple_session_find_participant (again,
                                                                  staple_action_get_owner_id (action),
                                                                  NULL);

      g_assert_cmpint (staple_action_get_status (action), !=, STAPLE_ACTION_STATUS_DONE);
      g_assert_nonnull (owner);
    }

  /* The old walk is as it was. */
  g_clear_object (&again);
  again = staple_store_load_session (store, staple_session_get_id (old), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staple_session_count_frictions (again), ==,
                    staple_session_count_frictions (old));
  g_assert_cmpint (staple_store_get_previous_walk (store, staple_session_get_id (old), NULL), ==,
                   0);
}

static StapleSession *
walk_again (StapleStore *store,
            gint64       id,
            const char  *date)
{
  g_autoptr(GError) error = NULL;
  StapleSession *again;

  id = staple_store_walk_again (store, id, date, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  again = staple_store_load_session (store, id, &error);
  g_assert_no_error (error);
  return again;
}

/* Two walks of one journey can be told apart in the library: the new one is
 * dated today and its title says it is a follow-up, numbered from the
 * second on, never stacked; a title the coach wrote is kept whole. */
static void
test_walk_again_title_and_date (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) old = make_full_session ();
  g_autoptr(StapleSession) second = NULL;
  g_autoptr(StapleSession) third = NULL;
  g_autoptr(StapleSession) fourth = NULL;
  g_autoptr(StapleSession) fifth = NULL;
  g_autoptr(StapleSession) other = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  add_session (store, old);
  second = walk_again (store, staple_session_get_id (old), NULL);
  g_assert_cmpstr (staple_session_get_date (second), ==, today);
  g_assert_cmpstr (staple_session_get_date (old), ==, "2024-03-14");
  g_assert_cmpstr (staple_session_get_title (second), ==, "Parcel returns — follow-up");

  third = walk_again (store, staple_session_get_id (second), NULL);
  g_assert_cmpstr (staple_session_get_title (third), ==, "Parcel returns — follow-up 2");
  fourth = walk_again (store, staple_session_get_id (third), NULL);
  g_assert_cmpstr (staple_session_get_title (fourth), ==, "Parcel returns — follow-up 3");
  g_assert_cmpstr (staple_session_get_date (fourth), ==, today);

  /* Walking the first walk again once more starts no chain of its own. */
  other = walk_again (store, staple_session_get_id (old), NULL);
  g_assert_cmpstr (staple_session_get_title (other), ==, "Parcel returns — follow-up");

  /* The coach renamed the fourth walk: that name stays, numbered. */
  staple_session_set_title (fourth, "March review");
  update_fields (store, fourth, (const char * const[]) { "title", NULL });
  fifth = walk_again (store, staple_session_get_id (fourth), NULL);
  g_assert_cmpstr (staple_session_get_title (fifth), ==, "March review — follow-up 4");
}

/* What the room said it may decide for itself comes along, in its order,
 * and the old walk keeps its own list. */
static void
test_walk_again_empowerments (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) old = make_full_session ();
  g_autoptr(StapleSession) again = NULL;
  g_autoptr(StapleSession) reloaded = NULL;
  GListModel *items;

  add_session (store, old);
  again = walk_again (store, staple_session_get_id (old), "2027-02-01");
  items = G_LIST_MODEL (staple_session_get_empowerments (again));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StapleEmpowerment) item = g_list_model_get_item (items, i);
      g_autoptr(StapleEmpowerment) was =
        g_list_model_get_item (G_LIST_MODEL (staple_session_get_empowerments (old)), i);

      g_assert_cmpstr (staple_empowerment_get_text (item), ==, staple_empowerment_get_text (was));
      g_assert_cmpint (staple_empowerment_get_id (item), !=, staple_empowerment_get_id (was));
    }
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM empowerments"), ==, 4);

  /* The stages keep what the journey is, not what was seen on it. */
  {
    g_autoptr(StapleStage) stage =
      g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (again)), 0);

    g_assert_cmpstr (staple_stage_get_team (stage), ==, "Support");
    g_assert_true (staple_stage_get_handoff (stage));
    g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, 0);
    g_assert_cmpint (staple_stage_get_customer_feeling (stage), ==, 0);
  }

  reloaded = load_session (store, staple_session_get_id (old));
  items = G_LIST_MODEL (staple_session_get_empowerments (reloaded));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
}

static void
test_cascade_purge (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) kept = make_full_session ();
  g_autoptr(StapleSession) doomed = make_full_session ();
  g_autoptr(StapleSession) gone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before[G_N_ELEMENTS (all_tables)];
  gint64 full[G_N_ELEMENTS (all_tables)];
  gint64 after[G_N_ELEMENTS (all_tables)];

  add_session (store, kept);
  count_all_tables (f->path, before);
  add_session (store, doomed);
  count_all_tables (f->path, full);
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    g_assert_cmpint (full[i], ==, 2 * before[i]);

  /* Purging without anything in the trash deletes nothing. */
  g_assert_true (staple_store_purge_trashed (store, &error));
  g_assert_no_error (error);
  count_all_tables (f->path, after);
  g_assert_cmpmem (after, sizeof after, full, sizeof full);

  g_assert_true (staple_store_set_session_trashed (store, staple_session_get_id (doomed), TRUE,
                                                   &error));
  g_assert_no_error (error);
  g_assert_true (staple_store_purge_trashed (store, &error));
  g_assert_no_error (error);

  count_all_tables (f->path, after);
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    {
      g_test_message ("%s: %" G_GINT64_FORMAT " rows", all_tables[i], after[i]);
      g_assert_cmpint (after[i], ==, before[i]);
    }

  gone = staple_store_load_session (store, staple_session_get_id (doomed), &error);
  g_assert_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);

  gone = load_session (store, staple_session_get_id (kept));
  test_assert_sessions_equal (kept, gone);
}

/* Private files */

static void
assert_mode (const char *path,
             guint       expected)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_test_message ("%s: %o", path, st.st_mode & 07777);
  g_assert_cmpuint (st.st_mode & 07777, ==, expected);
}

static void
test_file_modes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(StapleStore) store = NULL;
  g_autoptr(StapleSession) session = make_full_session ();
  mode_t old_mask;

  /* The usual umask lets others read new files; ours must not. The default
   * place is under the isolated XDG_DATA_HOME of this test. */
  old_mask = umask (022);
  path = staple_store_get_default_path ();
  folder = g_path_get_dirname (path);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  store = open_store (path);
  add_session (store, session);
  umask (old_mask);

  assert_mode (folder, 0700);
  assert_mode (path, 0600);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    assert_mode (wal, 0600);
}

/* A mistyped --database path is refused, not created with its folders. */
static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "no such folder", NULL);
  g_autofree char *path = g_build_filename (folder, "sessions.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleStore) store = staple_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "sessions.db"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* Files Staple cannot use */

typedef struct
{
  GBytes     *bytes;
  struct stat st;
  GPtrArray  *names; /* what the folder held */
} Snapshot;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_folder (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
snapshot_take (Snapshot   *snapshot,
               const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (stat (path, &snapshot->st), ==, 0);
  if (S_ISREG (snapshot->st.st_mode))
    {
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
    }
  snapshot->bytes = g_bytes_new_take (contents, length);
  snapshot->names = list_folder (dir);
}

static void
snapshot_assert_unchanged (Snapshot   *snapshot,
                           const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GPtrArray) names = list_folder (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, snapshot->st.st_size);
  g_assert_cmpint (st.st_mtim.tv_sec, ==, snapshot->st.st_mtim.tv_sec);
  g_assert_cmpint (st.st_mtim.tv_nsec, ==, snapshot->st.st_mtim.tv_nsec);
  g_assert_cmpuint (st.st_mode, ==, snapshot->st.st_mode);

  if (S_ISREG (st.st_mode))
    {
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (contents, length,
                       g_bytes_get_data (snapshot->bytes, NULL),
                       g_bytes_get_size (snapshot->bytes));
    }

  /* No journal or lock files were left beside it either. */
  g_assert_cmpuint (names->len, ==, snapshot->names->len);
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (names->pdata[i], ==, snapshot->names->pdata[i]);
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->bytes, g_bytes_unref);
  g_clear_pointer (&snapshot->names, g_ptr_array_unref);
}

/* Opens @path expecting @code, with the file's name in the message, and the
 * file exactly as it was. */
static void
assert_refused (const char       *path,
                StapleStoreError  code)
{
  g_autoptr(StapleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  Snapshot snapshot = { NULL, };

  snapshot_take (&snapshot, path);
  store = staple_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, STAPLE_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
  /* One line, as the command line prints it. */
  g_assert_null (strpbrk (error->message, "\r\n"));
  snapshot_assert_unchanged (&snapshot, path);
  snapshot_clear (&snapshot);
}

static void
write_file (const char *path,
            const char *contents,
            gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_open_text_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "greeting.txt", NULL);

  write_file (path, "hello", 5);
  assert_refused (path, STAPLE_STORE_ERROR_NOT_STAPLE);
}

static void
test_open_random_bytes (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "noise.bin", NULL);
  guint32 words[8192 / sizeof (guint32)];

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = g_test_rand_int ();
  write_file (path, (const char *) words, sizeof words);
  assert_refused (path, STAPLE_STORE_ERROR_NOT_STAPLE);
}

/* An empty file may be anything the user named by mistake (notes.txt):
 * it is refused and left empty, not turned into a database. A new database
 * is made beside the path and linked in, so Staple itself never leaves an
 * empty one behind. */
static void
test_open_zero_length (Fixture       *f,
                       gconstpointer  data)
{
  write_file (f->path, "", 0);
  assert_refused (f->path, STAPLE_STORE_ERROR_NOT_STAPLE);
}

/* A database big enough to span many pages: the size of a long workshop. */
static void
make_big_database (const char *path)
{
  g_autoptr(StapleStore) store = open_store (path);
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 id = 1;

  staple_session_set_title (session, "A long workshop");
  for (int s = 0; s < 30; s++)
    {
      g_autofree char *name = g_strdup_printf ("Stage %d", s);
      StapleStage *stage = add_stage (session, s + 1, name);

      for (int i = 0; i < 100; i++)
        {
          g_autofree char *text = g_strdup_printf ("Friction %05" G_GINT64_FORMAT " %0*d",
                                                   id, 200 - 15, 0);

          g_assert_cmpint (strlen (text), ==, 200);
          add_friction (stage, id++, text);
        }
    }

  add_session (store, session);
  g_assert_cmpint (test_count (path, "SELECT count(*) FROM frictions"), ==, 3000);
  g_clear_object (&store);

  /* Closed, everything is in the file itself: the log is empty (a store
   * that is not the window's keeps the file, never deleting it by name). */
  g_assert_true (!g_file_test (wal, G_FILE_TEST_EXISTS) || test_file_size (wal) == 0);
}

static void
test_open_truncated (Fixture       *f,
                     gconstpointer  data)
{
  struct stat st;

  make_big_database (f->path);
  g_assert_cmpint (stat (f->path, &st), ==, 0);
  g_test_message ("%s: %" G_GINT64_FORMAT " bytes", f->path, (gint64) st.st_size);
  g_assert_cmpint (st.st_size, >, 100 * 4096);

  g_assert_cmpint (truncate (f->path, st.st_size * 6 / 10), ==, 0);
  assert_refused (f->path, STAPLE_STORE_ERROR_DAMAGED);
}

static void
test_open_damaged_pages (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  make_big_database (f->path);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));

  /* Scribble over pages in the middle; the header stays intact. */
  memset (contents + length / 2, 0xa5, 3 * 4096);
  write_file (f->path, contents, length);
  assert_refused (f->path, STAPLE_STORE_ERROR_DAMAGED);
}

/* Damage written into the file in place, after a clean close (same file,
 * same size), is still found. */
static void
test_open_damaged_in_place (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *garbage = g_malloc (3 * 4096);
  struct stat st;
  int fd;

  make_big_database (f->path);
  g_assert_cmpint (stat (f->path, &st), ==, 0);
  /* The file's times are as fine as the kernel's clock tick. */
  g_usleep (50 * 1000);

  memset (garbage, 0xa5, 3 * 4096);
  fd = open (f->path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, 3 * 4096, (st.st_size / 2) & ~(off_t) 4095), ==,
                   3 * 4096);
  close (fd);
  assert_refused (f->path, STAPLE_STORE_ERROR_DAMAGED);
}

static void
test_open_other_application (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "recipes.sqlite", NULL);
  sqlite3 *db = test_raw_open (path);

  test_raw_exec (db, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT);"
                     "INSERT INTO recipes (name) VALUES ('Soup');");
  sqlite3_close (db);
  assert_refused (path, STAPLE_STORE_ERROR_NOT_STAPLE);
}

static void
test_open_other_application_id (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "mail.db", NULL);
  sqlite3 *db = test_raw_open (path);

  test_raw_exec (db, "PRAGMA application_id = 1296122945;"
                     "PRAGMA user_version = 1;"
                     "CREATE TABLE sessions (id INTEGER PRIMARY KEY, title TEXT);"
                     "INSERT INTO sessions (title) VALUES ('Looks like ours');");
  sqlite3_close (db);
  assert_refused (path, STAPLE_STORE_ERROR_NOT_STAPLE);
}

static void
test_open_too_new (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  g_autofree char *sql = NULL;
  sqlite3 *db;

  add_session (store, session);
  g_clear_object (&store);

  sql = g_strdup_printf ("PRAGMA user_version = %d", staple_store_get_schema_version () + 1);
  db = test_raw_open (f->path);
  test_raw_exec (db, sql);
  sqlite3_close (db);

  assert_refused (f->path, STAPLE_STORE_ERROR_TOO_NEW);
}

/* A database in WAL mode whose log was never folded back in: opening it
 * read-write would replay the log into the file on closing. Both files must
 * keep every byte when Staple refuses them. */
static void
make_pending_wal (const char *path,
                  const char *setup)
{
  g_autofree char *scratch = g_strconcat (path, ".scratch", NULL);
  g_autofree char *scratch_wal = g_strconcat (scratch, "-wal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db = test_raw_open (scratch);

  test_raw_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;");
  test_raw_exec (db, setup);

  /* Copy the pair while the log still holds the changes. */
  g_assert_true (g_file_get_contents (scratch, &contents, &length, NULL));
  write_file (path, contents, length);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (scratch_wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  write_file (wal, contents, length);
  sqlite3_close (db);
  g_unlink (scratch);
}

static void
test_open_foreign_with_wal (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  Snapshot wal_snapshot = { NULL, };

  make_pending_wal (path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                          "INSERT INTO notes (body) VALUES ('keep me');");
  snapshot_take (&wal_snapshot, wal);
  assert_refused (path, STAPLE_STORE_ERROR_NOT_STAPLE);
  snapshot_assert_unchanged (&wal_snapshot, wal);
  snapshot_clear (&wal_snapshot);
}

static void
test_open_too_new_with_wal (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *setup = NULL;
  Snapshot wal_snapshot = { NULL, };

  setup = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                           "CREATE TABLE sessions (id INTEGER PRIMARY KEY);"
                           "INSERT INTO sessions DEFAULT VALUES;",
                           STAPLE_STORE_APPLICATION_ID, staple_store_get_schema_version () + 1);
  make_pending_wal (f->path, setup);
  snapshot_take (&wal_snapshot, wal);
  assert_refused (f->path, STAPLE_STORE_ERROR_TOO_NEW);
  snapshot_assert_unchanged (&wal_snapshot, wal);
  snapshot_clear (&wal_snapshot);
}

static void
test_open_read_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();

  add_session (store, session);
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  assert_refused (f->path, STAPLE_STORE_ERROR_READ_ONLY);
}

static void
test_open_locked (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (f->path);
  struct stat before, after;
  sqlite3 *holder;

  add_session (store, session);
  g_clear_object (&store);
  g_assert_cmpint (stat (f->path, &before), ==, 0);

  /* Another program is in the middle of writing it. */
  holder = test_raw_open (f->path);
  test_raw_exec (holder, "PRAGMA locking_mode = EXCLUSIVE;"
                         "BEGIN EXCLUSIVE;"
                         "UPDATE sessions SET title = 'Held by another program';");

  store = staple_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, base));
  g_clear_error (&error);

  g_assert_cmpint (stat (f->path, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);

  test_raw_exec (holder, "ROLLBACK");
  sqlite3_close (holder);

  /* Once the other program lets go, the file opens as before. */
  store = open_store (f->path);
  g_assert_cmpuint (count_listed (store), ==, 1);
}

static void
test_open_directory (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "folder.db", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_refused (path, STAPLE_STORE_ERROR_NOT_STAPLE);
}

/* The example workshop */

static void
test_example_workshop (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) added = test_read_example ();
  g_autoptr(StapleSession) expected = test_read_example ();
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(GHashTable) teams = g_hash_table_new (g_str_hash, g_str_equal);
  GEnumClass *kinds = g_type_class_ref (STAPLE_TYPE_FRICTION_KIND);
  gboolean kind_seen[32] = { FALSE, };
  GListModel *stages;
  GListModel *votes;
  GListModel *actions;

  add_session (store, added);
  session = load_session (store, staple_session_get_id (added));
  test_assert_sessions_match (expected, session);

  stages = G_LIST_MODEL (staple_session_get_stages (session));
  g_assert_cmpuint (g_list_model_get_n_items (stages), >=, 8);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      StapleStage *stage = nth (staple_session_get_stages (session), i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      if (*staple_stage_get_team (stage) != '\0')
        g_hash_table_add (teams, (gpointer) staple_stage_get_team (stage));

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          StapleFriction *friction = nth (staple_stage_get_frictions (stage), j);

          g_assert_cmpuint (staple_friction_get_kind (friction), <, G_N_ELEMENTS (kind_seen));
          kind_seen[staple_friction_get_kind (friction)] = TRUE;
        }
    }
  g_assert_cmpuint (g_hash_table_size (teams), >=, 4);
  g_assert_cmpuint (staple_session_count_frictions (session), >=, 20);
  for (guint i = 0; i < kinds->n_values; i++)
    {
      g_test_message ("kind %s", kinds->values[i].value_nick);
      g_assert_true (kind_seen[kinds->values[i].value]);
    }
  g_type_class_unref (kinds);

  votes = G_LIST_MODEL (staple_session_get_votes (session));
  actions = G_LIST_MODEL (staple_session_get_actions (session));
  g_assert_cmpuint (g_list_model_get_n_items (votes), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (actions), >, 0);
  g_assert_cmpuint (n_items (staple_session_get_empowerments (session)), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      StapleVote *vote = nth (staple_session_get_votes (session), i);

      g_assert_nonnull (staple_session_find_friction (session, staple_vote_get_friction_id (vote),
                                                      NULL, NULL));
      g_assert_nonnull (staple_session_find_participant (session,
                                                         staple_vote_get_participant_id (vote),
                                                         NULL));
    }

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      StapleAction *action = nth (staple_session_get_actions (session), i);
      guint n_ids = 0;
      const gint64 *ids = staple_action_get_friction_ids (action, &n_ids);

      if (staple_action_get_owner_id (action) != 0)
        g_assert_nonnull (staple_session_find_participant (session,
                                                           staple_action_get_owner_id (action),
                                                           NULL));
      for (guint j = 0; j < n_ids; j++)
        g_assert_nonnull (staple_session_find_friction (session, ids[j], NULL, NULL));
    }
}

/* Searching the library */

#define MARK_START "\xee\x80\x80"
#define MARK_END "\xee\x80\x81"

static GListStore *
search (StapleStore       *store,
        const char        *query,
        const char        *organisation,
        const char        *date_from,
        const char        *date_to,
        StapleSessionSort  sort)
{
  g_autoptr(GError) error = NULL;
  GListStore *found = staple_store_search_sessions (store, query, organisation, date_from,
                                                    date_to, sort, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static guint
search_count (StapleStore *store,
              const char  *query)
{
  g_autoptr(GListStore) found = search (store, query, NULL, NULL, NULL,
                                        STAPLE_SESSION_SORT_DATE);

  return n_items (found);
}

/* The one session found, or 0 if none is. */
static gint64
search_one (StapleStore *store,
            const char  *query)
{
  g_autoptr(GListStore) found = search (store, query, NULL, NULL, NULL,
                                        STAPLE_SESSION_SORT_DATE);

  g_test_message ("searching for “%s”: %u found", query, n_items (found));
  g_assert_cmpuint (n_items (found), <=, 1);
  return n_items (found) == 1 ? staple_session_summary_get_id (nth (found, 0)) : 0;
}

static gint64
add_titled_session (StapleStore *store,
                    const char  *title,
                    const char  *organisation,
                    const char  *date,
                    const char  *friction_text)
{
  g_autoptr(StapleSession) session = staple_session_new ();

  staple_session_set_title (session, title);
  staple_session_set_organisation (session, organisation);
  staple_session_set_date (session, date);
  if (friction_text != NULL)
    add_friction (add_stage (session, 1, "Only stage"), 2, friction_text);
  add_session (store, session);
  return staple_session_get_id (session);
}

/* Every kind of text typed in a session is found, by the start of its words,
 * whatever the case and accents. */
static void
test_search_every_kind (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const queries[] = {
    "parcel",             /* title */
    "ACME",               /* organisation */
    "customer asks",      /* stage name */
    "finance",            /* team */
    "hold music",         /* stage notes */
    "printer",            /* friction point */
    "security script",    /* friction notes */
    "phone number",       /* action */
    "courier",            /* empowerment item */
    "chloe",              /* participant, without her accent */
    "support lead",       /* role */
    "parc retu",          /* word starts */
    "€50 without",        /* what is not a word is left out */
  };
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) full = make_full_session ();
  gint64 cafe;

  add_session (store, full);
  add_titled_session (store, "Nothing alike", "Other Org", "2024-01-01", "Slow tills");
  cafe = add_titled_session (store, "Café visit", "", "", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_assert_cmpint (search_one (store, queries[i]), ==, staple_session_get_id (full));

  g_assert_cmpint (search_one (store, "cafe"), ==, cafe);
  g_assert_cmpint (search_one (store, "CAFÉ"), ==, cafe);
  g_assert_cmpint (search_one (store, "cafè"), ==, cafe);
  g_assert_cmpint (search_one (store, "cafe\xcc\x81"), ==, cafe); /* é decomposed */

  /* Every word must be found, and only at a word's start. */
  g_assert_cmpint (search_one (store, "parcel zebra"), ==, 0);
  g_assert_cmpint (search_one (store, "arcel"), ==, 0);
  g_assert_cmpint (search_one (store, "slow parcel"), ==, 0);
  g_assert_cmpint (search_one (store, "slow tills"), !=, 0);
}

/* What the user types is never read as FTS5 syntax. */
static void
test_search_syntax_harmless (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const nothing_to_find[] = {
    "", "   ", "\"", "*", "-", "(((", "\"\"*", ":", "^", "+", "…", "😡", "(\")*:-^",
    "\xcc\x81",  /* a combining accent alone */
  };
  static const char * const words[] = {
    "AND", "OR", "NOT", "NEAR(", "NEAR(parcel", "parcel\"", "\"parcel", "parcel*", "-parcel",
    "parcel -printer", "title:parcel", "^parcel", "parcel OR", "{title}: parcel",
    "parcel + printer", "NEAR(parcel printer, 2)", "'; DROP TABLE sessions; --",
  };
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) full = make_full_session ();

  add_session (store, full);
  add_titled_session (store, "Nothing alike", "", "", NULL);

  /* No word at all: everything, as when nothing is typed. */
  for (guint i = 0; i < G_N_ELEMENTS (nothing_to_find); i++)
    g_assert_cmpuint (search_count (store, nothing_to_find[i]), ==, 2);
  g_assert_cmpuint (search_count (store, NULL), ==, 2);

  /* Operators are words like any other. */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_test_message ("searching for “%s”", words[i]);
      search_count (store, words[i]);
    }
  g_assert_cmpint (search_one (store, "parcel -printer"), ==, staple_session_get_id (full));
  g_assert_cmpint (search_one (store, "NEAR(parcel"), ==, 0);
  g_assert_cmpint (search_one (store, "title:parcel"), ==, 0);
  g_assert_cmpuint (search_count (store, "'; DROP TABLE sessions; --"), ==, 0);
  g_assert_cmpuint (count_listed (store), ==, 2);

  /* Text that is not valid UTF-8 is searched up to where it breaks. */
  g_assert_cmpint (search_one (store, "parcel \xff\xfe printer"), ==,
                   staple_session_get_id (full));
}

/* The session where the words matter most comes first, and the snippet
 * shows where they were found. */
static void
test_search_ranking_snippet (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(GListStore) found = NULL;
  gint64 passing, central;
  const char *snippet;

  passing = add_titled_session (store, "Warehouse walk", "", "2024-06-01",
                                "The forklift is booked out, the racking is full, the dock "
                                "doors stick, and once a month an invoice goes missing");
  central = add_titled_session (store, "Invoice disputes", "", "2023-01-01",
                                "Every invoice is checked twice");

  found = search (store, "invoice", NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  g_assert_cmpuint (n_items (found), ==, 2);
  g_assert_cmpint (staple_session_summary_get_id (nth (found, 0)), ==, central);
  g_assert_cmpint (staple_session_summary_get_id (nth (found, 1)), ==, passing);

  snippet = staple_session_summary_get_snippet (nth (found, 1));
  g_test_message ("snippet: %s", snippet);
  g_assert_nonnull (strstr (snippet, "an " MARK_START "invoice" MARK_END " goes"));
  g_assert_true (g_utf8_validate (snippet, -1, NULL));

  /* A word start marks the whole word. */
  g_clear_object (&found);
  found = search (store, "fork", NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  g_assert_cmpuint (n_items (found), ==, 1);
  snippet = staple_session_summary_get_snippet (nth (found, 0));
  g_assert_nonnull (strstr (snippet, MARK_START "forklift" MARK_END));

  /* Not searching, there is no snippet. */
  g_clear_object (&found);
  found = search (store, "", NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  g_assert_cmpuint (n_items (found), ==, 2);
  g_assert_cmpstr (staple_session_summary_get_snippet (nth (found, 0)), ==, "");
  g_assert_cmpstr (staple_session_summary_get_snippet (nth (found, 1)), ==, "");
}

static void
assert_found_titles (GListStore         *found,
                     const char * const *titles)
{
  guint n = g_strv_length ((char **) titles);

  for (guint i = 0; i < n_items (found); i++)
    g_test_message ("found “%s”", staple_session_summary_get_title (nth (found, i)));
  g_assert_cmpuint (n_items (found), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (staple_session_summary_get_title (nth (found, i)), ==, titles[i]);
}

static void
test_search_filters_sorts (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const by_date[] = { "gamma", "Alpha", "beta", NULL };
  static const char * const by_title[] = { "Alpha", "beta", "gamma", NULL };
  static const char * const by_frictions[] = { "beta", "Alpha", "gamma", "Undated", NULL };
  static const char * const spring[] = { "gamma", "Alpha", NULL };
  static const char * const until_march[] = { "Alpha", "beta", NULL };
  static const char * const march_only[] = { "Alpha", NULL };
  static const char * const acme[] = { "Alpha", "beta", NULL };
  static const char * const acme_tills[] = { "beta", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) beta = staple_session_new ();
  g_autoptr(GPtrArray) organisations = NULL;
  g_autoptr(GError) error = NULL;
  StapleStage *stage;
  GListStore *found;

  add_titled_session (store, "Alpha", "Acme", "2024-03-14", "Slow lift");
  add_titled_session (store, "gamma", "Bolt & Co", "2024-06-30", NULL);
  add_titled_session (store, "Undated", "Zeta", "", NULL);
  staple_session_set_title (beta, "beta");
  staple_session_set_organisation (beta, "Acme");
  staple_session_set_date (beta, "2023-01-01");
  stage = add_stage (beta, 1, "Tills");
  add_friction (stage, 2, "Slow tills");
  add_friction (stage, 3, "Tills crash");
  add_session (store, beta);
  g_assert_true (staple_store_set_session_trashed (store,
                                                   add_titled_session (store, "Binned", "Yak",
                                                                       "2024-01-01", NULL),
                                                   TRUE, &error));
  g_assert_no_error (error);

  /* Undated sessions are left out of any date range, so they go here. */
  found = search (store, NULL, NULL, "2000-01-01", NULL, STAPLE_SESSION_SORT_DATE);
  assert_found_titles (found, by_date);
  g_object_unref (found);
  found = search (store, NULL, NULL, "2000-01-01", NULL, STAPLE_SESSION_SORT_TITLE);
  assert_found_titles (found, by_title);
  g_object_unref (found);
  found = search (store, "", "", "", "", STAPLE_SESSION_SORT_FRICTIONS);
  assert_found_titles (found, by_frictions);
  g_object_unref (found);

  found = search (store, NULL, NULL, "2024-01-01", NULL, STAPLE_SESSION_SORT_DATE);
  assert_found_titles (found, spring);
  g_object_unref (found);
  found = search (store, NULL, NULL, "2000-01-01", "2024-03-14", STAPLE_SESSION_SORT_TITLE);
  assert_found_titles (found, until_march);
  g_object_unref (found);
  found = search (store, NULL, NULL, "2024-03-14", "2024-03-14", STAPLE_SESSION_SORT_TITLE);
  assert_found_titles (found, march_only);
  g_object_unref (found);
  found = search (store, "", "Acme", NULL, NULL, STAPLE_SESSION_SORT_DATE);
  assert_found_titles (found, acme);
  g_object_unref (found);
  found = search (store, "tills", "Acme", NULL, NULL, STAPLE_SESSION_SORT_DATE);
  assert_found_titles (found, acme_tills);
  g_object_unref (found);
  found = search (store, "slow", "Acme", "2024-01-01", NULL, STAPLE_SESSION_SORT_DATE);
  assert_found_titles (found, march_only);
  g_object_unref (found);
  found = search (store, "slow", "Bolt & Co", NULL, NULL, STAPLE_SESSION_SORT_DATE);
  assert_found_titles (found, none);
  g_object_unref (found);

  /* Counts as the list has them. */
  found = search (store, "tills", NULL, NULL, NULL, STAPLE_SESSION_SORT_DATE);
  g_assert_cmpuint (staple_session_summary_get_n_stages (nth (found, 0)), ==, 1);
  g_assert_cmpuint (staple_session_summary_get_n_frictions (nth (found, 0)), ==, 2);
  g_object_unref (found);

  organisations = staple_store_list_organisations (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (organisations->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (organisations, 0), ==, "Acme");
  g_assert_cmpstr (g_ptr_array_index (organisations, 1), ==, "Bolt & Co");
  g_assert_cmpstr (g_ptr_array_index (organisations, 2), ==, "Zeta");
}

/* Writes one property inside a transaction, as the editor does. */
static void
edit_field (StapleStore *store,
            gint64       session_id,
            gpointer     object,
            const char  *property)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_store_begin (store, &error));
  g_assert_true (staple_store_update_field (store, object, property, &error));
  g_assert_true (staple_store_touch_session (store, session_id, &error));
  g_assert_true (staple_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_search_follows_edits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) added = make_full_session ();
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(StapleAction) action = staple_action_new ();
  g_autoptr(GError) error = NULL;
  StapleStage *stage;
  StapleFriction *friction;
  gint64 id;

  add_session (store, added);
  id = staple_session_get_id (added);
  session = load_session (store, id);

  stage = nth (staple_session_get_stages (session), 0);
  staple_stage_set_name (stage, "Caller rings the hotline");
  edit_field (store, id, stage, "name");
  g_assert_cmpint (search_one (store, "hotline"), ==, id);
  g_assert_cmpint (search_one (store, "asks"), ==, 0);

  staple_session_set_organisation (session, "Zenith Freight");
  edit_field (store, id, session, "organisation");
  g_assert_cmpint (search_one (store, "zenith"), ==, id);
  g_assert_cmpint (search_one (store, "acme"), ==, 0);

  friction = find_friction_by_text (session, "Label printer is shared");
  g_assert_true (staple_store_begin (store, &error));
  g_assert_true (staple_store_delete_row (store, G_OBJECT (friction), &error));
  g_assert_true (staple_store_touch_session (store, id, &error));
  staple_action_set_text (action, "Buy a second scanner");
  g_assert_true (staple_store_insert_action (store, id, 9, action, &error));
  g_assert_true (staple_store_touch_session (store, id, &error));
  g_assert_true (staple_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (search_one (store, "printer"), ==, 0);
  g_assert_cmpint (search_one (store, "scanner"), ==, id);

  /* An edit that is rolled back leaves the index as it was. */
  staple_stage_set_name (stage, "Renamed in vain");
  g_assert_true (staple_store_begin (store, &error));
  g_assert_true (staple_store_update_field (store, G_OBJECT (stage), "name", &error));
  g_assert_true (staple_store_touch_session (store, id, &error));
  g_assert_no_error (error);
  staple_store_rollback (store);
  g_assert_cmpint (search_one (store, "vain"), ==, 0);
  g_assert_cmpint (search_one (store, "hotline"), ==, id);
}

static void
set_friction_text (StapleStore    *store,
                   StapleSession  *session,
                   StapleFriction *friction,
                   const char     *text)
{
  g_autoptr(GError) error = NULL;

  staple_friction_set_text (friction, text);
  g_assert_true (staple_store_begin (store, &error));
  g_assert_true (staple_store_update_field (store, G_OBJECT (friction), "text", &error));
  g_assert_true (staple_store_touch_session (store, staple_session_get_id (session), &error));
  g_assert_true (staple_store_commit (store, &error));
  g_assert_no_error (error);
}

/* An edit leaves the session's words for later, and the search still finds
 * them: gathered before it searches, when the store closes, and after a
 * crash that came first. */
static void
test_search_after_edit (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *crashed = g_build_filename (f->dir, "crashed.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(StapleStage) stage = NULL;
  g_autoptr(StapleFriction) friction = NULL;
  gint64 id = add_titled_session (store, "Edited", "", "2024-01-01", "Queue at the desk");
  gsize length = 0;

  session = load_session (store, id);
  stage = g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (session)), 0);
  friction = g_list_model_get_item (G_LIST_MODEL (staple_stage_get_frictions (stage)), 0);

  set_friction_text (store, session, friction, "Wobbly counter");
  g_assert_cmpint (search_one (store, "wobbly"), ==, id);
  g_assert_cmpint (search_one (store, "queue"), ==, 0);

  /* Closed: the index in the file has the words. */
  set_friction_text (store, session, friction, "Ringing phone");
  g_clear_object (&store);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM session_search"
                                        " WHERE session_search MATCH 'ringing'"), ==, 1);

  /* A crash before any search: the next start still finds the words. */
  store = open_store (f->path);
  set_friction_text (store, session, friction, "Broken kettle");
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  write_file (crashed, contents, length);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (wal, &contents, &length, NULL));
  write_file (crashed_wal, contents, length);
  g_clear_object (&store);

  store = open_store (crashed);
  g_assert_cmpint (search_one (store, "kettle"), ==, id);
  g_assert_cmpint (search_one (store, "ringing"), ==, 0);
}

/* The library's paged list finds what the search finds, in its order, with
 * the same counts and snippets, over more sessions than one page holds. */
static void
test_search_pages (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  const char * const queries[] = { NULL, "queue", "desk 7" };

  for (int i = 0; i < 130; i++)
    {
      g_autofree char *title = g_strdup_printf ("Workshop %d", (i * 37) % 130);
      g_autofree char *date = g_strdup_printf ("2024-%02d-%02d", 1 + i % 12, 1 + i % 28);
      g_autofree char *text = g_strdup_printf ("Queue at desk %d", i % 9);
      g_autoptr(StapleSession) session = staple_session_new ();
      StapleStage *stage;

      staple_session_set_title (session, title);
      staple_session_set_organisation (session, i % 2 ? "Odd" : "Even");
      staple_session_set_date (session, date);
      stage = add_stage (session, 1, "Counter");
      for (int j = 0; j <= i % 4; j++)
        add_friction (stage, 2 + j, i % 3 ? text : "Nothing to see");
      add_session (store, session);
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (StapleSessionSort sort = STAPLE_SESSION_SORT_DATE; sort <= STAPLE_SESSION_SORT_FRICTIONS;
         sort++)
      {
        g_autoptr(GListStore) expected = search (store, queries[q], NULL, NULL, NULL, sort);
        g_autoptr(StapleSessionPages) pages = staple_store_query_sessions (store, queries[q],
                                                                           NULL, NULL, NULL,
                                                                           sort, &error);
        guint n = n_items (expected);

        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, n);
        g_assert_cmpuint (n, >, q == 0 ? 129 : 10);
        g_assert_null (g_list_model_get_item (G_LIST_MODEL (pages), n));
        /* Backwards, so that pages are read and dropped out of order. */
        for (guint i = n; i-- > 0;)
          {
            StapleSessionSummary *want = nth (expected, i);
            g_autoptr(StapleSessionSummary) got = g_list_model_get_item (G_LIST_MODEL (pages), i);

            g_assert_cmpint (staple_session_summary_get_id (got), ==,
                             staple_session_summary_get_id (want));
            g_assert_cmpstr (staple_session_summary_get_title (got), ==,
                             staple_session_summary_get_title (want));
            g_assert_cmpuint (staple_session_summary_get_n_frictions (got), ==,
                              staple_session_summary_get_n_frictions (want));
            g_assert_cmpuint (staple_session_summary_get_n_stages (got), ==, 1);
            if (i % 17 == 0)
              g_assert_cmpstr (staple_session_summary_get_snippet (got), ==,
                               staple_session_summary_get_snippet (want));
          }
      }

  {
    g_autoptr(StapleSessionPages) odd = staple_store_query_sessions (store, "queue", "Odd",
                                                                     "2024-03-01", "2024-06-30",
                                                                     STAPLE_SESSION_SORT_TITLE,
                                                                     &error);
    g_autoptr(GListStore) expected = search (store, "queue", "Odd", "2024-03-01", "2024-06-30",
                                             STAPLE_SESSION_SORT_TITLE);
    g_autofree char *title = staple_store_get_session_title (store, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (odd)), ==, n_items (expected));
    g_assert_cmpuint (n_items (expected), >, 0);
    g_assert_cmpstr (title, ==, "Workshop 0");
  }
}

/* A file closed cleanly is not read whole again on opening; one left by a
 * crash, with frames in its log, is. */
static void
test_open_check_after_crash (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *crashed = g_build_filename (f->dir, "crashed.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = make_full_session ();
  gsize length = 0;

  add_session (store, session);
  g_clear_object (&store);

  store = open_store (f->path);
  g_assert_false (staple_store_get_checked_on_open (store));
  g_clear_object (&store);

  /* The files as a crash leaves them: the edits only in the log. */
  store = open_store (f->path);
  add_titled_session (store, "After the crash", "", "2024-05-01", "Lost zeppelin");
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  write_file (crashed, contents, length);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  write_file (crashed_wal, contents, length);
  g_clear_object (&store);

  store = open_store (crashed);
  g_assert_true (staple_store_get_checked_on_open (store));
  g_assert_cmpint (search_count (store, "zeppelin"), ==, 1);
  g_clear_object (&store);

  /* Closed cleanly since: no check again. */
  store = open_store (crashed);
  g_assert_false (staple_store_get_checked_on_open (store));
}

static void
test_search_trash (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(GPtrArray) organisations = NULL;
  g_autoptr(GError) error = NULL;
  gint64 kept = add_titled_session (store, "Kept", "Keeper", "2024-01-01", "Queue");
  gint64 binned = add_titled_session (store, "Binned", "Binner", "2024-01-02", "Queue");
  gint64 stale = add_titled_session (store, "Stale", "", "2024-01-03", "Queue");
  sqlite3 *db;

  g_assert_cmpuint (search_count (store, "queue"), ==, 3);
  g_assert_true (staple_store_set_session_trashed (store, binned, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (search_one (store, "binned"), ==, 0);
  g_assert_cmpuint (search_count (store, "queue"), ==, 2);
  g_assert_cmpuint (search_count (store, ""), ==, 2);
  organisations = staple_store_list_organisations (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (organisations->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (organisations, 0), ==, "Keeper");

  g_assert_true (staple_store_set_session_trashed (store, binned, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (search_one (store, "binned"), ==, binned);

  /* A session trashed behind the store's back keeps its index row, which
   * search passes over and purging deletes. */
  g_assert_true (staple_store_set_session_trashed (store, binned, TRUE, &error));
  g_assert_no_error (error);
  db = test_raw_open (f->path);
  test_raw_exec (db, "UPDATE sessions SET trashed = 1 WHERE title = 'Stale'");
  sqlite3_close (db);
  g_assert_cmpint (search_one (store, "stale"), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM session_search"), ==, 2);

  g_assert_true (staple_store_purge_trashed (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM session_search"), ==, 1);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM session_search"
                                        " WHERE rowid IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                               binned, stale), ==, 0);
  g_assert_cmpint (search_one (store, "queue"), ==, kept);
}


/* SQLite files with no tables: another program's (version 0, unmarked),
 * or a file marked with an old version but without its tables. Both are
 * refused before a single byte is written (the journal mode is a header
 * byte a read-write open would change). */
static void
test_open_empty_sqlite (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const setups[] = {
    "PRAGMA user_version = 0; CREATE TABLE t (x); DROP TABLE t;",
    "PRAGMA user_version = 1; CREATE TABLE t (x); DROP TABLE t;",
    ("PRAGMA user_version = 2; PRAGMA application_id = 1398034508; CREATE TABLE t (x);"
     " DROP TABLE t;"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (setups); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/empty-%u.db", f->dir, i);
      sqlite3 *db = test_raw_open (path);

      test_raw_exec (db, "PRAGMA journal_mode = DELETE");
      test_raw_exec (db, setups[i]);
      sqlite3_close (db);
      assert_refused (path, i == 2 ? STAPLE_STORE_ERROR_DAMAGED : STAPLE_STORE_ERROR_NOT_STAPLE);
    }
}

/* A byte that is not UTF-8 passes integrity_check; reading repairs it. */
static void
test_load_repairs_utf8 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleSession) loaded = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autoptr(StapleSessionSummary) summary = NULL;
  sqlite3 *db;

  staple_session_set_title (session, "Fine");
  add_friction (add_stage (session, 1, "Desk"), 2, "Also fine");
  add_session (store, session);

  db = test_raw_open (f->path);
  test_raw_exec (db, "UPDATE sessions SET title = CAST (X'4361666590C3A9' AS TEXT);"
                     "UPDATE frictions SET text = CAST (X'610062' AS TEXT)");
  sqlite3_close (db);

  loaded = load_session (store, staple_session_get_id (session));
  g_assert_cmpstr (staple_session_get_title (loaded), ==, "Cafe\xef\xbf\xbd\xc3\xa9");
  g_assert_cmpstr (staple_friction_get_text (nth (staple_stage_get_frictions (
                     nth (staple_session_get_stages (loaded), 0)), 0)), ==, "a\xef\xbf\xbd" "b");
  list = staple_store_list_sessions (store, NULL);
  summary = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (g_utf8_validate (staple_session_summary_get_title (summary), -1, NULL));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* A purged session's clocks go with it, as its id may be handed out again;
 * another session's stay. */
static void
test_purge_clocks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) kept = make_full_session ();
  g_autoptr(StapleSession) doomed = make_full_session ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_key = NULL;
  g_autofree char *doomed_key = NULL;
  g_autofree char *kept_clock = NULL;
  g_autofree char *doomed_clock = NULL;

  add_session (store, kept);
  add_session (store, doomed);
  kept_key = g_strdup_printf ("timer-%" G_GINT64_FORMAT, staple_session_get_id (kept));
  doomed_key = g_strdup_printf ("timer-%" G_GINT64_FORMAT, staple_session_get_id (doomed));
  g_assert_true (staple_store_set_state (store, kept_key, "{'walk': <1>}", &error));
  g_assert_true (staple_store_set_state (store, doomed_key, "{'walk': <2>}", &error));
  g_assert_no_error (error);

  g_assert_true (staple_store_set_session_trashed (store, staple_session_get_id (doomed), TRUE,
                                                   &error));
  g_assert_true (staple_store_purge_trashed (store, &error));
  g_assert_no_error (error);

  kept_clock = staple_store_get_state (store, kept_key);
  doomed_clock = staple_store_get_state (store, doomed_key);
  g_assert_cmpstr (kept_clock, ==, "{'walk': <1>}");
  g_assert_null (doomed_clock);
}

/* A purged session's words are gone from the file and its log. */
static void
test_purge_leaves_no_words (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  staple_session_set_title (session, "Zanzibarquux review");
  add_friction (add_stage (session, 1, "Xylophonequux desk"), 2, "Quagmirequux waits");
  add_session (store, session);
  g_assert_true (staple_store_set_session_trashed (store, staple_session_get_id (session), TRUE,
                                                   &error));
  g_assert_true (staple_store_purge_trashed (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_false (file_contains (f->path, "Zanzibarquux"));
  g_assert_false (file_contains (f->path, "xylophonequux"));
  g_assert_false (file_contains (f->path, "Quagmirequux"));
  g_assert_false (file_contains (wal, "Zanzibarquux"));
}

static void
test_draft_and_state (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StapleStore) store = open_store (f->path);
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  StapleStage *stage;
  gint64 id;

  staple_session_set_title (session, "Drafts");
  stage = add_stage (session, 0, "Desk");
  add_session (store, session);
  id = staple_session_get_id (session);

  g_assert_null (staple_store_load_draft (store, id));
  g_assert_true (staple_store_save_draft (store, id, "new-friction", staple_stage_get_id (stage),
                                          0, 2, "Night team cannot see the ticket sta", &error));
  g_assert_true (staple_store_save_draft (store, id, "new-friction", staple_stage_get_id (stage),
                                          0, 2, "Night team cannot see the ticket status 🌙",
                                          &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (f->path);
  draft = staple_store_load_draft (store, id);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->target, ==, "new-friction");
  g_assert_cmpint (draft->stage_id, ==, staple_stage_get_id (stage));
  g_assert_cmpint (draft->friction_id, ==, 0);
  g_assert_cmpint (draft->position, ==, 2);
  g_assert_cmpstr (draft->text, ==, "Night team cannot see the ticket status 🌙");
  g_assert_true (staple_store_clear_draft (store, id, &error));
  g_assert_null (staple_store_load_draft (store, id));

  g_assert_true (staple_store_set_state (store, "open-session", "7", &error));
  value = staple_store_get_state (store, "open-session");
  g_assert_cmpstr (value, ==, "7");
  g_assert_true (staple_store_set_state (store, "open-session", NULL, &error));
  g_assert_null (staple_store_get_state (store, "open-session"));
  g_assert_no_error (error);
}

static StapleStore *
open_claimed (const char *path)
{
  g_autoptr(GError) error = NULL;
  StapleStore *store = staple_store_open_full (path, staple_store_get_schema_version (),
                                               STAPLE_STORE_OPEN_CLAIM, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
recovered_cb (StapleStore *store,
              const char  *message,
              char       **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* Adds a stage through the store, as an edit does. */
static void
write_stage (StapleStore *store,
             gint64       session_id,
             const char  *name)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (stage, "session-id", session_id, "name", name, "position", 9, NULL);
  staple_store_begin (store, &error);
  g_assert_no_error (error);
  g_assert_true (staple_store_insert_stage (store, stage, &error));
  g_assert_true (staple_store_commit (store, &error));
  g_assert_no_error (error);
}

static guint
count_stages (const char *path)
{
  return (guint) test_count (path, "SELECT count(*) FROM stages");
}

/* The library's files are deleted, moved or replaced while it is open;
 * every write before and after ends up in a database at a known place. */
static void
test_files_recovered (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *moved = g_build_filename (f->dir, "moved.db", NULL);
  g_autofree char *message = NULL;
  g_autoptr(StapleStore) store = open_claimed (f->path);
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gint64 id;
  sqlite3 *db;

  g_signal_connect (store, "recovered", G_CALLBACK (recovered_cb), &message);
  staple_session_set_title (session, "Under threat");
  add_session (store, session);
  id = staple_session_get_id (session);

  /* The log is deleted (`rm`, or a program that took the locks for gone). */
  write_stage (store, id, "Before the log went");
  g_assert_cmpint (g_unlink (wal), ==, 0);
  g_assert_cmpint (g_unlink (shm), ==, 0);
  write_stage (store, id, "After the log went");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "log"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (count_stages (f->path), ==, 2);

  /* The database is deleted. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  write_stage (store, id, "After the file went");
  g_assert_nonnull (strstr (message, "deleted"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (count_stages (f->path), ==, 3);

  /* The database is moved: a full copy comes back to its place. */
  g_assert_cmpint (g_rename (f->path, moved), ==, 0);
  write_stage (store, id, "After the file moved");
  g_assert_nonnull (strstr (message, "moved.db"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (count_stages (f->path), ==, 4);
  g_assert_cmpuint (count_stages (moved), ==, 3);

  /* Another file takes its place: it is left alone, the work goes on beside. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  db = test_raw_open (f->path);
  test_raw_exec (db, "CREATE TABLE theirs (x); INSERT INTO theirs VALUES (1)");
  sqlite3_close (db);
  write_stage (store, id, "After the file was replaced");
  g_assert_nonnull (strstr (message, "replaced"));
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM theirs"), ==, 1);
  g_assert_true (g_str_has_prefix (staple_store_get_path (store), f->dir));
  g_assert_nonnull (strstr (staple_store_get_path (store), "-recovered-"));
  g_assert_cmpuint (count_stages (staple_store_get_path (store)), ==, 5);

  /* No temporary file is left. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, ".new-"));
}

/* A second Staple (another user, another login) is told the library is in use. */
static void
test_claim_refuses_second (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StapleStore) first = open_claimed (f->path);
  g_autoptr(StapleStore) second = NULL;
  g_autoptr(StapleStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  second = staple_store_open_full (f->path, staple_store_get_schema_version (),
                                   STAPLE_STORE_OPEN_CLAIM, &error);
  g_assert_null (second);
  g_assert_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_IN_USE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* The command line only reads, and may. */
  reader = open_store (f->path);
  g_clear_object (&reader);

  g_clear_object (&first);
  second = open_claimed (f->path);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/store/roundtrip/every-field", test_roundtrip_every_field);
  ADD_TEST ("/store/roundtrip/ids-written-back", test_roundtrip_ids_written_back);
  ADD_TEST ("/store/roundtrip/add-fails-whole", test_roundtrip_add_fails_whole);
  ADD_TEST ("/store/update/workshop-fields", test_update_workshop_fields);
  ADD_TEST ("/store/phase-seconds", test_phase_seconds);
  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/roundtrip/text/%s", text_cases[i].name);

      g_test_add (path, Fixture, &text_cases[i], fixture_set_up, test_roundtrip_text,
                  fixture_tear_down);
    }

  ADD_TEST ("/store/list/counts", test_list_counts);
  ADD_TEST ("/store/list/newest-first", test_list_newest_first);
  ADD_TEST ("/store/list/trash", test_list_trash);
  ADD_TEST ("/store/find-by-source", test_find_by_source);

  ADD_TEST ("/store/search/every-kind", test_search_every_kind);
  ADD_TEST ("/store/search/syntax-harmless", test_search_syntax_harmless);
  ADD_TEST ("/store/search/ranking-snippet", test_search_ranking_snippet);
  ADD_TEST ("/store/search/filters-sorts", test_search_filters_sorts);
  ADD_TEST ("/store/search/follows-edits", test_search_follows_edits);
  ADD_TEST ("/store/search/trash", test_search_trash);
  ADD_TEST ("/store/search/after-edit", test_search_after_edit);
  ADD_TEST ("/store/search/pages", test_search_pages);

  ADD_TEST ("/store/migrate/every-version-has-rows", test_migrate_fixtures);
  for (int version = 0; version < staple_store_get_schema_version (); version++)
    {
      g_autofree char *path = g_strdup_printf ("/store/migrate/from-v%d", version);

      g_test_add (path, Fixture, GINT_TO_POINTER (version), fixture_set_up, test_migrate_from,
                  fixture_tear_down);
    }
  ADD_TEST ("/store/migrate/current-keeps-data", test_migrate_current_keeps_data);

  ADD_TEST ("/store/cascade/delete-stage", test_cascade_delete_stage);
  ADD_TEST ("/store/cascade/delete-current-stage", test_cascade_delete_current_stage);
  ADD_TEST ("/store/cascade/delete-participant", test_cascade_delete_participant);
  ADD_TEST ("/store/cascade/purge-trashed", test_cascade_purge);
  ADD_TEST ("/store/purge/no-words-left", test_purge_leaves_no_words);
  ADD_TEST ("/store/purge/clocks", test_purge_clocks);
  ADD_TEST ("/store/open/empty-sqlite", test_open_empty_sqlite);
  ADD_TEST ("/store/load/repairs-utf8", test_load_repairs_utf8);
  ADD_TEST ("/store/draft/roundtrip", test_draft_and_state);
  ADD_TEST ("/store/files/recovered", test_files_recovered);
  ADD_TEST ("/store/files/claim", test_claim_refuses_second);
  ADD_TEST ("/store/walk-again", test_walk_again);
  ADD_TEST ("/store/walk-again/title-and-date", test_walk_again_title_and_date);
  ADD_TEST ("/store/walk-again/empowerments", test_walk_again_empowerments);

  ADD_TEST ("/store/file/new-modes", test_file_modes);
  ADD_TEST ("/store/file/missing-folder", test_missing_folder);

  ADD_TEST ("/store/open/zero-length", test_open_zero_length);
  ADD_TEST ("/store/open/text-file", test_open_text_file);
  ADD_TEST ("/store/open/random-bytes", test_open_random_bytes);
  ADD_TEST ("/store/open/truncated", test_open_truncated);
  ADD_TEST ("/store/open/damaged-pages", test_open_damaged_pages);
  ADD_TEST ("/store/open/damaged-in-place", test_open_damaged_in_place);
  ADD_TEST ("/store/open/check-after-crash", test_open_check_after_crash);
  ADD_TEST ("/store/open/other-application", test_open_other_application);
  ADD_TEST ("/store/open/other-application-id", test_open_other_application_id);
  ADD_TEST ("/store/open/too-new", test_open_too_new);
  ADD_TEST ("/store/open/foreign-with-wal", test_open_foreign_with_wal);
  ADD_TEST ("/store/open/too-new-with-wal", test_open_too_new_with_wal);
  ADD_TEST ("/store/open/read-only", test_open_read_only);
  ADD_TEST ("/store/open/locked", test_open_locked);
  ADD_TEST ("/store/open/directory", test_open_directory);

  ADD_TEST ("/store/example/workshop", test_example_workshop);

  return g_test_run ();
}
