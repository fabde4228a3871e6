/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-editor.c: edits as a user makes them: each one saved at once, undo and
 * redo bringing back exactly what was there, in the window and in the file,
 * and an edit that cannot be saved leaving everything as it was. */

#include <string.h>

#include "staple-editor.h"
#include "staple-model.h"
#include "staple-store.h"
#include "test-util.h"

typedef struct
{
  char          *dir;
  char          *path;
  StapleStore   *store;
  StapleSession *session; /* the editor's, as loaded from the store */
  StapleEditor  *editor;
} Fixture;

static StapleSession *
make_session (void)
{
  StapleSession *session = staple_session_new ();
  static const char * const names[] = { "Order placed", "Parcel packed", "Delivered" };
  static const char * const texts[][4] = {
    { "Form asks twice", "No confirmation", "Wrong size chart", NULL },
    { "Packer waits for label", "Box too big", NULL },
    { "Courier leaves a card", NULL },
  };
  /* Local ids: friction points are numbered 1… in order, as from JSON. */
  static const gint64 votes[][2] = { { 1, 1 }, { 1, 1 }, { 2, 2 }, { 1, 4 } };
  const gint64 links_1[] = { 1, 4 };
  const gint64 links_2[] = { 2 };
  const gint64 links_3[] = { 5 };
  gint64 friction_id = 1;

  staple_session_set_title (session, "Checkout study");
  staple_session_set_organisation (session, "Shoe shop");

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(StapleParticipant) participant = staple_participant_new ();

      staple_participant_set_id (participant, i + 1);
      staple_participant_set_name (participant, i == 0 ? "Ana" : "Ben");
      g_list_store_append (staple_session_get_participants (session), participant);
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();

      staple_stage_set_id (stage, i + 1);
      staple_stage_set_position (stage, (int) i);
      staple_stage_set_name (stage, names[i]);
      staple_stage_set_work_minutes (stage, 10);
      for (guint j = 0; texts[i][j] != NULL; j++)
        {
          g_autoptr(StapleFriction) friction = staple_friction_new ();

          staple_friction_set_id (friction, friction_id++);
          staple_friction_set_stage_id (friction, i + 1);
          staple_friction_set_position (friction, (int) j);
          staple_friction_set_text (friction, texts[i][j]);
          g_list_store_append (staple_stage_get_frictions (stage), friction);
        }
      g_list_store_append (staple_session_get_stages (session), stage);
    }

  for (guint i = 0; i < G_N_ELEMENTS (votes); i++)
    {
      g_autoptr(StapleVote) vote = staple_vote_new ();

      staple_vote_set_participant_id (vote, votes[i][0]);
      staple_vote_set_friction_id (vote, votes[i][1]);
      g_list_store_append (staple_session_get_votes (session), vote);
    }

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(StapleAction) action = staple_action_new ();
      static const char * const actions[] = { "Merge the forms", "Send confirmations",
                                              "Smaller boxes" };

      staple_action_set_text (action, actions[i]);
      staple_action_set_owner_id (action, i < 2 ? i + 1 : 0);
      if (i == 0)
        staple_action_set_friction_ids (action, links_1, G_N_ELEMENTS (links_1));
      else if (i == 1)
        staple_action_set_friction_ids (action, links_2, G_N_ELEMENTS (links_2));
      else
        staple_action_set_friction_ids (action, links_3, G_N_ELEMENTS (links_3));
      g_list_store_append (staple_session_get_actions (session), action);
    }

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(StapleEmpowerment) item = staple_empowerment_new ();

      staple_empowerment_set_text (item, i == 0 ? "Swap a size without asking" : "Refund postage");
      g_list_store_append (staple_session_get_empowerments (session), item);
    }

  return session;
}

static StapleSession *
reload (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  StapleSession *session = staple_store_load_session (f->store,
                                                      staple_session_get_id (f->session),
                                                      &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StapleSession) session = make_session ();
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sessions.db", NULL);
  f->store = staple_store_open (f->path, &error);
  g_assert_no_error (error);

  g_assert_true (staple_store_add_session (f->store, session, &error));
  g_assert_no_error (error);

  /* The editor works on a session read back, as the app's would be. */
  f->session = session;
  f->session = reload (f);
  f->editor = staple_editor_new (f->store, f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->editor);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

static gpointer
nth (GListStore *list,
     guint       index)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), index);

  g_assert_nonnull (item);
  return item; /* borrowed: the list keeps it */
}

static StapleStage *
stage_at (Fixture *f,
          guint    index)
{
  return nth (staple_session_get_stages (f->session), index);
}

static StapleFriction *
friction_at (StapleStage *stage,
             guint        index)
{
  return nth (staple_stage_get_frictions (stage), index);
}

static guint
n_items (GListStore *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* What the window shows is what the file holds. */
static void
assert_saved (Fixture *f)
{
  g_autoptr(StapleSession) saved = reload (f);

  test_assert_sessions_equal (saved, f->session);
}

static void
assert_unchanged (Fixture       *f,
                  StapleSession *before)
{
  g_autoptr(StapleSession) saved = reload (f);

  test_assert_sessions_equal (before, f->session);
  test_assert_sessions_equal (before, saved);
}

static char *
db_text (Fixture    *f,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static char *
db_text (Fixture    *f,
         const char *format,
         ...)
{
  g_autofree char *sql = NULL;
  sqlite3 *db;
  char *text;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  db = test_raw_open (f->path);
  text = test_raw_text (db, sql);
  sqlite3_close (db);
  return text;
}

/* The stage names in the file, in their saved order; positions must be 0…n-1. */
static char *
db_stage_names (Fixture *f)
{
  gint64 session_id = staple_session_get_id (f->session);

  g_assert_cmpint (test_count (f->path,
                               "SELECT count(*) FROM stages WHERE session_id = %" G_GINT64_FORMAT
                               " AND position <> (SELECT count(*) FROM stages s2 WHERE"
                               " s2.session_id = stages.session_id"
                               " AND s2.position < stages.position)", session_id), ==, 0);
  return db_text (f, "SELECT ifnull (group_concat (name, '|'), '') FROM"
                  " (SELECT name FROM stages WHERE session_id = %" G_GINT64_FORMAT
                  " ORDER BY position)", session_id);
}

static char *
db_friction_texts (Fixture     *f,
                   StapleStage *stage)
{
  gint64 stage_id = staple_stage_get_id (stage);

  g_assert_cmpint (test_count (f->path,
                               "SELECT count(*) FROM frictions WHERE stage_id = %" G_GINT64_FORMAT
                               " AND position <> (SELECT count(*) FROM frictions f2 WHERE"
                               " f2.stage_id = frictions.stage_id"
                               " AND f2.position < frictions.position)", stage_id), ==, 0);
  return db_text (f, "SELECT ifnull (group_concat (text, '|'), '') FROM"
                  " (SELECT text FROM frictions WHERE stage_id = %" G_GINT64_FORMAT
                  " ORDER BY position)", stage_id);
}

#define assert_db_stages(f, expected) G_STMT_START { \
  g_autofree char *names__ = db_stage_names (f); \
  g_assert_cmpstr (names__, ==, expected); \
} G_STMT_END

#define assert_db_frictions(f, stage, expected) G_STMT_START { \
  g_autofree char *texts__ = db_friction_texts (f, stage); \
  g_assert_cmpstr (texts__, ==, expected); \
} G_STMT_END

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_editor_undo (f->editor, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_editor_redo (f->editor, &error));
  g_assert_no_error (error);
}

/* Adding */

static void
test_add_stage (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StapleStage *stage;
  StapleStage *last;
  gint64 id;

  stage = staple_editor_add_stage (f->editor, 1, "Payment taken", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stage);
  id = staple_stage_get_id (stage);
  g_assert_cmpint (id, >, 0);
  g_assert_true (stage_at (f, 1) == stage);
  g_assert_cmpint (staple_stage_get_position (stage), ==, 1);
  g_assert_cmpint (staple_stage_get_position (stage_at (f, 3)), ==, 3);
  assert_db_stages (f, "Order placed|Payment taken|Parcel packed|Delivered");
  assert_saved (f);
  g_assert_true (staple_editor_can_undo (f->editor));
  g_assert_nonnull (staple_editor_get_undo_label (f->editor));

  undo (f);
  g_assert_cmpuint (n_items (staple_session_get_stages (f->session)), ==, 3);
  assert_db_stages (f, "Order placed|Parcel packed|Delivered");
  assert_saved (f);

  redo (f);
  g_assert_true (stage_at (f, 1) == stage);
  g_assert_cmpint (staple_stage_get_id (stage), ==, id);
  assert_db_stages (f, "Order placed|Payment taken|Parcel packed|Delivered");
  assert_saved (f);

  /* Past the end appends. */
  last = staple_editor_add_stage (f->editor, G_MAXUINT, "Review left", &error);
  g_assert_no_error (error);
  g_assert_true (stage_at (f, 4) == last);
  assert_db_stages (f, "Order placed|Payment taken|Parcel packed|Delivered|Review left");
  assert_saved (f);
}

static void
test_add_friction (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StapleStage *packed = stage_at (f, 1);
  StapleFriction *friction;
  StapleFriction *last;

  friction = staple_editor_add_friction (f->editor, packed, 0, "Tape runs out", &error);
  g_assert_no_error (error);
  g_assert_nonnull (friction);
  g_assert_cmpint (staple_friction_get_id (friction), >, 0);
  g_assert_cmpint (staple_friction_get_stage_id (friction), ==, staple_stage_get_id (packed));
  g_assert_true (friction_at (packed, 0) == friction);
  assert_db_frictions (f, packed, "Tape runs out|Packer waits for label|Box too big");
  assert_saved (f);

  undo (f);
  g_assert_cmpuint (n_items (staple_stage_get_frictions (packed)), ==, 2);
  assert_db_frictions (f, packed, "Packer waits for label|Box too big");
  assert_saved (f);

  redo (f);
  g_assert_true (friction_at (packed, 0) == friction);
  assert_db_frictions (f, packed, "Tape runs out|Packer waits for label|Box too big");
  assert_saved (f);

  last = staple_editor_add_friction (f->editor, packed, 100, "Label smudged", &error);
  g_assert_no_error (error);
  g_assert_true (friction_at (packed, 3) == last);
  assert_db_frictions (f, packed, "Tape runs out|Packer waits for label|Box too big|Label smudged");
  assert_saved (f);
}

/* Setting fields */

static void
test_set_fields (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleStage *stage = stage_at (f, 0);
  StapleFriction *friction = friction_at (stage, 1);
  StapleAction *action = nth (staple_session_get_actions (f->session), 0);
  StapleParticipant *participant = nth (staple_session_get_participants (f->session), 1);
  g_autofree char *channel = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *principle = NULL;
  g_autofree char *status = NULL;
  guint n_steps = 0;

#define SET(call) G_STMT_START { \
  g_assert_true (call); \
  g_assert_no_error (error); \
  n_steps++; \
} G_STMT_END

  SET (staple_editor_set_string (f->editor, f->session, "title", "Checkout, again", &error));
  SET (staple_editor_set_string (f->editor, f->session, "question", "Why two forms?", &error));
  SET (staple_editor_set_string (f->editor, stage, "team", "Web shop", &error));
  SET (staple_editor_set_int (f->editor, stage, "wait-minutes", 90, &error));
  SET (staple_editor_set_boolean (f->editor, stage, "handoff", TRUE, &error));
  SET (staple_editor_set_enum (f->editor, stage, "channel", STAPLE_CHANNEL_IN_PERSON, &error));
  SET (staple_editor_set_int (f->editor, stage, "customer-feeling", -1, &error));
  SET (staple_editor_set_string (f->editor, friction, "notes", "Seen twice", &error));
  SET (staple_editor_set_enum (f->editor, friction, "kind", STAPLE_FRICTION_KIND_SILO, &error));
  SET (staple_editor_set_enum (f->editor, friction, "principle",
                               STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS, &error));
  SET (staple_editor_set_int (f->editor, friction, "severity", 5, &error));
  SET (staple_editor_set_enum (f->editor, action, "status", STAPLE_ACTION_STATUS_DONE, &error));
  SET (staple_editor_set_string (f->editor, action, "due", "2024-09-30", &error));
  SET (staple_editor_set_string (f->editor, participant, "role", "Packer", &error));
#undef SET

  g_assert_cmpstr (staple_session_get_title (f->session), ==, "Checkout, again");
  g_assert_cmpstr (staple_stage_get_team (stage), ==, "Web shop");
  g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, 90);
  g_assert_true (staple_stage_get_handoff (stage));
  g_assert_cmpint (staple_stage_get_channel (stage), ==, STAPLE_CHANNEL_IN_PERSON);
  g_assert_cmpint (staple_friction_get_kind (friction), ==, STAPLE_FRICTION_KIND_SILO);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, 5);
  g_assert_cmpint (staple_action_get_status (action), ==, STAPLE_ACTION_STATUS_DONE);
  assert_saved (f);

  /* Enumerations are saved by name, so the file reads the same in any version. */
  channel = db_text (f, "SELECT channel FROM stages WHERE id = %" G_GINT64_FORMAT,
                     staple_stage_get_id (stage));
  kind = db_text (f, "SELECT kind FROM frictions WHERE id = %" G_GINT64_FORMAT,
                  staple_friction_get_id (friction));
  principle = db_text (f, "SELECT principle FROM frictions WHERE id = %" G_GINT64_FORMAT,
                       staple_friction_get_id (friction));
  status = db_text (f, "SELECT status FROM actions WHERE id = %" G_GINT64_FORMAT,
                    staple_action_get_id (action));
  g_assert_cmpstr (channel, ==, "in-person");
  g_assert_cmpstr (kind, ==, "silo");
  g_assert_cmpstr (principle, ==, "cooperate-across-silos");
  g_assert_cmpstr (status, ==, "done");

  /* Setting a field to what it already holds is no edit. */
  g_assert_true (staple_editor_set_int (f->editor, friction, "severity", 5, &error));
  g_assert_no_error (error);

  /* Each change is its own step, and undoing them all gives back the start. */
  for (guint i = 0; i < n_steps; i++)
    undo (f);
  g_assert_false (staple_editor_can_undo (f->editor));
  assert_unchanged (f, before);

  for (guint i = 0; i < n_steps; i++)
    redo (f);
  g_assert_cmpstr (staple_participant_get_role (participant), ==, "Packer");
  g_assert_cmpint (staple_friction_get_principle (friction), ==,
                   STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS);
  assert_saved (f);
}

static gint64
db_int (Fixture    *f,
        const char *column,
        const char *table,
        gint64      id)
{
  return test_count (f->path, "SELECT %s FROM %s WHERE id = %" G_GINT64_FORMAT, column, table, id);
}

static void
test_set_clamp (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StapleStage *stage = stage_at (f, 0);
  StapleFriction *friction = friction_at (stage, 0);
  gint64 stage_id = staple_stage_get_id (stage);
  gint64 friction_id = staple_friction_get_id (friction);

  g_assert_true (staple_editor_set_int (f->editor, stage, "work-minutes", -5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_stage_get_work_minutes (stage), ==, 0);
  g_assert_cmpint (db_int (f, "work_minutes", "stages", stage_id), ==, 0);

  g_assert_true (staple_editor_set_int (f->editor, stage, "wait-minutes", G_MAXINT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, STAPLE_STAGE_MINUTES_MAX);
  g_assert_cmpint (db_int (f, "wait_minutes", "stages", stage_id), ==, STAPLE_STAGE_MINUTES_MAX);

  g_assert_true (staple_editor_set_int (f->editor, stage, "customer-feeling", 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_stage_get_customer_feeling (stage), ==, STAPLE_FEELING_MAX);
  g_assert_cmpint (db_int (f, "customer_feeling", "stages", stage_id), ==, STAPLE_FEELING_MAX);

  g_assert_true (staple_editor_set_int (f->editor, stage, "staff-feeling", -9, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_stage_get_staff_feeling (stage), ==, STAPLE_FEELING_MIN);
  g_assert_cmpint (db_int (f, "staff_feeling", "stages", stage_id), ==, STAPLE_FEELING_MIN);

  g_assert_true (staple_editor_set_int (f->editor, friction, "severity", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, STAPLE_SEVERITY_MIN);
  g_assert_cmpint (db_int (f, "severity", "frictions", friction_id), ==, STAPLE_SEVERITY_MIN);

  staple_editor_break_merge (f->editor);
  g_assert_true (staple_editor_set_int (f->editor, friction, "severity", 99, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, STAPLE_SEVERITY_MAX);
  g_assert_cmpint (db_int (f, "severity", "frictions", friction_id), ==, STAPLE_SEVERITY_MAX);

  assert_saved (f);
}

static void
test_set_invalid_enum (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nick = NULL;
  StapleFriction *friction = friction_at (stage_at (f, 0), 0);
  GEnumClass *kinds = g_type_class_ref (STAPLE_TYPE_FRICTION_KIND);

  g_assert_true (staple_editor_set_enum (f->editor, friction, "kind",
                                         STAPLE_FRICTION_KIND_TRUST, &error));
  g_assert_no_error (error);
  staple_editor_break_merge (f->editor);

  /* A value the enumeration does not have must not reach the file. */
  staple_editor_set_enum (f->editor, friction, "kind", 999, NULL);
  g_assert_nonnull (g_enum_get_value (kinds, staple_friction_get_kind (friction)));
  nick = db_text (f, "SELECT kind FROM frictions WHERE id = %" G_GINT64_FORMAT,
                  staple_friction_get_id (friction));
  g_assert_cmpstr (nick, ==, staple_enum_to_nick (STAPLE_TYPE_FRICTION_KIND,
                                                  staple_friction_get_kind (friction)));
  assert_saved (f);
  g_type_class_unref (kinds);
}

/* Deleting */

static void
test_delete_stage (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(StapleSession) deleted = NULL;
  g_autoptr(GError) error = NULL;
  StapleStage *stage = stage_at (f, 0);
  StapleAction *merge = nth (staple_session_get_actions (f->session), 0);
  StapleAction *confirm = nth (staple_session_get_actions (f->session), 1);
  gint64 stage_id = staple_stage_get_id (stage);
  gint64 packer_id = staple_friction_get_id (friction_at (stage_at (f, 1), 0));
  const gint64 *ids;
  guint n_ids = 0;

  g_object_ref (stage);
  g_assert_true (staple_editor_delete_stage (f->editor, stage, &error));
  g_assert_no_error (error);

  /* Its friction points go, with their dots and the actions' links to them. */
  g_assert_cmpuint (n_items (staple_session_get_stages (f->session)), ==, 2);
  g_assert_cmpuint (n_items (staple_session_get_votes (f->session)), ==, 1);
  ids = staple_action_get_friction_ids (merge, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (ids[0], ==, packer_id);
  staple_action_get_friction_ids (confirm, &n_ids);
  g_assert_cmpuint (n_ids, ==, 0);
  assert_db_stages (f, "Parcel packed|Delivered");
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions WHERE stage_id = %"
                               G_GINT64_FORMAT, stage_id), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 1);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM action_frictions"), ==, 2);
  assert_saved (f);
  deleted = reload (f);

  undo (f);
  g_assert_true (stage_at (f, 0) == stage);
  assert_db_stages (f, "Order placed|Parcel packed|Delivered");
  assert_unchanged (f, before);

  redo (f);
  assert_unchanged (f, deleted);

  undo (f);
  assert_unchanged (f, before);
  g_object_unref (stage);
}

static void
test_delete_friction (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(StapleSession) deleted = NULL;
  g_autoptr(GError) error = NULL;
  StapleStage *stage = stage_at (f, 0);
  StapleFriction *friction = friction_at (stage, 0);
  StapleAction *merge = nth (staple_session_get_actions (f->session), 0);
  guint n_ids = 0;

  g_assert_true (staple_editor_delete_friction (f->editor, friction, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (staple_stage_get_frictions (stage)), ==, 2);
  g_assert_cmpuint (n_items (staple_session_get_votes (f->session)), ==, 2);
  staple_action_get_friction_ids (merge, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  assert_db_frictions (f, stage, "No confirmation|Wrong size chart");
  assert_saved (f);
  deleted = reload (f);

  undo (f);
  g_assert_true (friction_at (stage, 0) == friction);
  assert_db_frictions (f, stage, "Form asks twice|No confirmation|Wrong size chart");
  assert_unchanged (f, before);

  redo (f);
  assert_unchanged (f, deleted);
}

/* Moving */

static void
test_move_stage (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleStage *ordered = stage_at (f, 0);

  g_assert_true (staple_editor_move_stage (f->editor, ordered, 2, &error));
  g_assert_no_error (error);
  g_assert_true (stage_at (f, 2) == ordered);
  assert_db_stages (f, "Parcel packed|Delivered|Order placed");
  assert_saved (f);

  undo (f);
  assert_db_stages (f, "Order placed|Parcel packed|Delivered");
  assert_unchanged (f, before);

  redo (f);
  assert_db_stages (f, "Parcel packed|Delivered|Order placed");
  assert_saved (f);

  /* Past the end moves it last. */
  g_assert_true (staple_editor_move_stage (f->editor, stage_at (f, 0), 99, &error));
  g_assert_no_error (error);
  assert_db_stages (f, "Delivered|Order placed|Parcel packed");
  assert_saved (f);
}

static void
test_move_friction_across (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleStage *ordered = stage_at (f, 0);
  StapleStage *delivered = stage_at (f, 2);
  StapleFriction *friction = friction_at (ordered, 0);
  gint64 id = staple_friction_get_id (friction);
  StapleStage *found = NULL;

  g_assert_true (staple_editor_move_friction (f->editor, friction, delivered, 0, &error));
  g_assert_no_error (error);
  g_assert_true (staple_session_find_friction (f->session, id, &found, NULL) == friction);
  g_assert_true (found == delivered);
  g_assert_cmpint (staple_friction_get_stage_id (friction), ==, staple_stage_get_id (delivered));
  assert_db_frictions (f, ordered, "No confirmation|Wrong size chart");
  assert_db_frictions (f, delivered, "Form asks twice|Courier leaves a card");
  /* Its dots and the action addressing it go along. */
  g_assert_cmpuint (staple_session_count_votes_for (f->session, id), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE friction_id = %"
                               G_GINT64_FORMAT, id), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM action_frictions"
                               " WHERE friction_id = %" G_GINT64_FORMAT, id), ==, 1);
  assert_saved (f);

  undo (f);
  assert_db_frictions (f, ordered, "Form asks twice|No confirmation|Wrong size chart");
  assert_db_frictions (f, delivered, "Courier leaves a card");
  assert_unchanged (f, before);

  redo (f);
  assert_db_frictions (f, ordered, "No confirmation|Wrong size chart");
  assert_db_frictions (f, delivered, "Form asks twice|Courier leaves a card");
  assert_saved (f);
}

static void
test_move_friction_within (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleStage *ordered = stage_at (f, 0);

  g_assert_true (staple_editor_move_friction (f->editor, friction_at (ordered, 0), ordered, 2,
                                              &error));
  g_assert_no_error (error);
  assert_db_frictions (f, ordered, "No confirmation|Wrong size chart|Form asks twice");
  assert_saved (f);

  undo (f);
  assert_db_frictions (f, ordered, "Form asks twice|No confirmation|Wrong size chart");
  assert_unchanged (f, before);
}

/* Undo steps for typing */

static void
set_title (Fixture    *f,
           const char *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_editor_set_string (f->editor, f->session, "title", title, &error));
  g_assert_no_error (error);
}

static void
assert_title (Fixture    *f,
              const char *title)
{
  g_autoptr(StapleSession) saved = reload (f);

  g_assert_cmpstr (staple_session_get_title (f->session), ==, title);
  g_assert_cmpstr (staple_session_get_title (saved), ==, title);
}

static void
test_merge_quick (Fixture       *f,
                  gconstpointer  data)
{
  set_title (f, "C");
  set_title (f, "Ch");
  set_title (f, "Che");
  assert_title (f, "Che");

  undo (f);
  assert_title (f, "Checkout study");
  g_assert_false (staple_editor_can_undo (f->editor));

  redo (f);
  assert_title (f, "Che");
}

static void
test_merge_break (Fixture       *f,
                  gconstpointer  data)
{
  set_title (f, "One");
  staple_editor_break_merge (f->editor);
  set_title (f, "Two");

  undo (f);
  assert_title (f, "One");
  undo (f);
  assert_title (f, "Checkout study");
}

static void
test_merge_other_field (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_title (f, "Title");
  g_assert_true (staple_editor_set_string (f->editor, f->session, "organisation", "Org",
                                           &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_set_string (f->editor, stage_at (f, 0), "name", "First",
                                           &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_set_string (f->editor, stage_at (f, 1), "name", "Second",
                                           &error));
  g_assert_no_error (error);

  undo (f);
  g_assert_cmpstr (staple_stage_get_name (stage_at (f, 1)), ==, "Parcel packed");
  g_assert_cmpstr (staple_stage_get_name (stage_at (f, 0)), ==, "First");
  undo (f);
  g_assert_cmpstr (staple_stage_get_name (stage_at (f, 0)), ==, "Order placed");
  undo (f);
  g_assert_cmpstr (staple_session_get_organisation (f->session), ==, "Shoe shop");
  assert_title (f, "Title");
  assert_saved (f);
}

static void
test_merge_after_pause (Fixture       *f,
                        gconstpointer  data)
{
  set_title (f, "Before the pause");
  g_usleep (2200 * 1000);
  set_title (f, "After the pause");

  undo (f);
  assert_title (f, "Before the pause");
}

/* Refused edits */

static void
assert_refused_set (Fixture    *f,
                    gpointer    object,
                    const char *property,
                    const char *value)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  gboolean could_undo = staple_editor_can_undo (f->editor);

  g_assert_false (staple_editor_set_string (f->editor, object, property, value, &error));
  g_assert_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  assert_unchanged (f, before);
  g_assert_cmpint (staple_editor_can_undo (f->editor), ==, could_undo);
}

static void
test_invalid_title (Fixture       *f,
                    gconstpointer  data)
{
  assert_refused_set (f, f->session, "title", "");
  assert_refused_set (f, f->session, "title", "  \t\n ");
  assert_refused_set (f, f->session, "title", NULL);
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_invalid_stage_name (Fixture       *f,
                         gconstpointer  data)
{
  assert_refused_set (f, stage_at (f, 1), "name", "");
  assert_refused_set (f, stage_at (f, 1), "name", "   ");
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_invalid_friction_text (Fixture       *f,
                            gconstpointer  data)
{
  assert_refused_set (f, friction_at (stage_at (f, 0), 0), "text", "");
  assert_refused_set (f, friction_at (stage_at (f, 0), 0), "text", "\n\n");
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_invalid_add (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;

  g_assert_null (staple_editor_add_stage (f->editor, 0, "", &error));
  g_assert_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (staple_editor_add_stage (f->editor, 0, " \t", &error));
  g_assert_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (staple_editor_add_friction (f->editor, stage_at (f, 0), 0, "  ", &error));
  g_assert_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID);
  g_clear_error (&error);

  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));
}

/* History */

static void
test_history_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;

  g_assert_false (staple_editor_can_undo (f->editor));
  g_assert_false (staple_editor_can_redo (f->editor));
  g_assert_null (staple_editor_get_undo_label (f->editor));

  g_assert_false (staple_editor_undo (f->editor, &error));
  g_assert_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  g_assert_false (staple_editor_redo (f->editor, &error));
  g_assert_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_NOTHING_TO_UNDO);
  assert_unchanged (f, before);
}

static void
test_history_new_edit_drops_redo (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_title (f, "First");
  undo (f);
  g_assert_true (staple_editor_can_redo (f->editor));
  g_assert_nonnull (staple_editor_get_redo_label (f->editor));

  g_assert_true (staple_editor_set_string (f->editor, stage_at (f, 0), "notes", "New", &error));
  g_assert_no_error (error);
  g_assert_false (staple_editor_can_redo (f->editor));
  g_assert_false (staple_editor_redo (f->editor, &error));
  g_assert_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_NOTHING_TO_UNDO);
  assert_title (f, "Checkout study");
}

/* Writes that fail */

/* Makes writes of one kind fail inside SQLite, as a full disk or a broken
 * file would, from another connection. */
static void
break_writes (Fixture    *f,
              const char *when)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TRIGGER test_broken %s"
                                          " BEGIN SELECT RAISE (ABORT, 'broken for a test'); END",
                                          when);
  sqlite3 *db = test_raw_open (f->path);

  test_raw_exec (db, sql);
  sqlite3_close (db);
}

static void
mend_writes (Fixture *f)
{
  sqlite3 *db = test_raw_open (f->path);

  test_raw_exec (db, "DROP TRIGGER test_broken");
  sqlite3_close (db);
}

static void
assert_write_failed (GError *error)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == STAPLE_STORE_ERROR);
}

static void
test_fail_set (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;

  break_writes (f, "BEFORE UPDATE ON stages");
  g_assert_false (staple_editor_set_string (f->editor, stage_at (f, 0), "name", "Lost", &error));
  assert_write_failed (error);
  g_clear_error (&error);
  g_assert_cmpstr (staple_stage_get_name (stage_at (f, 0)), ==, "Order placed");
  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));

  /* Nothing was left half done: once writing works, editing does. */
  mend_writes (f);
  g_assert_true (staple_editor_set_string (f->editor, stage_at (f, 0), "name", "Kept", &error));
  g_assert_no_error (error);
  assert_saved (f);
}

static void
test_fail_set_merged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_title (f, "Check");
  break_writes (f, "BEFORE UPDATE OF title ON sessions");

  /* Typing on within the same undo step, but the write fails. */
  g_assert_false (staple_editor_set_string (f->editor, f->session, "title", "Checko", &error));
  assert_write_failed (error);
  g_clear_error (&error);
  mend_writes (f);
  assert_title (f, "Check");

  /* The same without asking for the error: still a failure. */
  break_writes (f, "BEFORE UPDATE OF title ON sessions");
  g_assert_false (staple_editor_set_string (f->editor, f->session, "title", "Checkou", NULL));
  mend_writes (f);
  assert_title (f, "Check");

  undo (f);
  assert_title (f, "Checkout study");
}

static void
test_fail_delete_stage (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleStage *stage = stage_at (f, 0);

  break_writes (f, "BEFORE DELETE ON stages");
  g_assert_false (staple_editor_delete_stage (f->editor, stage, &error));
  assert_write_failed (error);
  g_assert_true (stage_at (f, 0) == stage);
  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_fail_add_stage (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;

  break_writes (f, "BEFORE INSERT ON stages");
  g_assert_null (staple_editor_add_stage (f->editor, 1, "Never added", &error));
  assert_write_failed (error);
  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_fail_add_friction (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;

  break_writes (f, "BEFORE INSERT ON frictions");
  g_assert_null (staple_editor_add_friction (f->editor, stage_at (f, 2), 0, "Never added",
                                             &error));
  assert_write_failed (error);
  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_fail_move_friction (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleFriction *friction = friction_at (stage_at (f, 0), 0);

  break_writes (f, "BEFORE UPDATE ON frictions");
  g_assert_false (staple_editor_move_friction (f->editor, friction, stage_at (f, 2), 0,
                                               &error));
  assert_write_failed (error);
  g_assert_true (friction_at (stage_at (f, 0), 0) == friction);
  assert_unchanged (f, before);
}

static void
test_fail_move_stage (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;

  break_writes (f, "BEFORE UPDATE ON stages");
  g_assert_false (staple_editor_move_stage (f->editor, stage_at (f, 0), 2, &error));
  assert_write_failed (error);
  assert_unchanged (f, before);
}

static void
test_fail_undo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(StapleSession) deleted = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_editor_delete_stage (f->editor, stage_at (f, 0), &error));
  g_assert_no_error (error);
  deleted = reload (f);

  break_writes (f, "BEFORE INSERT ON stages");
  g_assert_false (staple_editor_undo (f->editor, &error));
  assert_write_failed (error);
  g_clear_error (&error);
  assert_unchanged (f, deleted);
  g_assert_true (staple_editor_can_undo (f->editor));
  g_assert_false (staple_editor_can_redo (f->editor));

  mend_writes (f);
  undo (f);
  assert_unchanged (f, before);
}

static void
test_fail_locked (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (f->path);
  sqlite3 *holder = test_raw_open (f->path);

  StapleStage *added;

  /* Another program is writing; the store waits its busy timeout, then gives
   * up. The edits stay in the session, in order, shown as unsaved. */
  test_raw_exec (holder, "BEGIN IMMEDIATE; UPDATE sessions SET location = location;");
  g_assert_true (staple_editor_set_string (f->editor, stage_at (f, 0), "name", "Kept", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (staple_stage_get_name (stage_at (f, 0)), ==, "Kept");
  g_assert_cmpuint (staple_editor_get_n_unsaved (f->editor), ==, 1);
  g_assert_error (staple_editor_get_unsaved_error (f->editor), STAPLE_STORE_ERROR,
                  STAPLE_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (staple_editor_get_unsaved_error (f->editor)->message, base));

  added = staple_editor_add_stage (f->editor, G_MAXUINT, "Added while locked", &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  g_assert_true (staple_editor_delete_stage (f->editor, stage_at (f, 1), &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_undo (f->editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (staple_editor_get_n_unsaved (f->editor), ==, 4);

  /* Nothing of it is in the file yet, and saving still cannot. */
  {
    g_autoptr(StapleSession) saved = reload (f);

    test_assert_sessions_equal (before, saved);
  }
  g_assert_false (staple_editor_save_now (f->editor, &error));
  g_assert_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  /* Once the other program is done, everything goes in, as it was made. */
  test_raw_exec (holder, "ROLLBACK");
  sqlite3_close (holder);
  g_assert_true (staple_editor_save_now (f->editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (staple_editor_get_n_unsaved (f->editor), ==, 0);
  g_assert_null (staple_editor_get_unsaved_error (f->editor));
  assert_saved (f);

  /* And every step can be undone, written at once again. */
  while (staple_editor_can_undo (f->editor))
    undo (f);
  g_assert_cmpuint (staple_editor_get_n_unsaved (f->editor), ==, 0);
  assert_unchanged (f, before);
}

/* The facilitated workshop: participants, dots, actions, empowerment */

static gboolean
set_int64 (StapleEditor  *editor,
           gpointer       object,
           const char    *property,
           gint64         value,
           GError       **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_INT64);
  g_value_set_int64 (&gvalue, value);
  return staple_editor_set (editor, object, property, &gvalue, error);
}

static StapleParticipant *
participant_at (Fixture *f,
                guint    index)
{
  return nth (staple_session_get_participants (f->session), index);
}

static StapleAction *
action_at (Fixture *f,
           guint    index)
{
  return nth (staple_session_get_actions (f->session), index);
}

static StapleEmpowerment *
empowerment_at (Fixture *f,
                guint    index)
{
  return nth (staple_session_get_empowerments (f->session), index);
}

/* The texts of a session's rows in the file, in their saved order; positions
 * must be 0…n-1. */
static char *
db_column_list (Fixture    *f,
                const char *table,
                const char *column)
{
  gint64 session_id = staple_session_get_id (f->session);

  g_assert_cmpint (test_count (f->path,
                               "SELECT count(*) FROM %s WHERE session_id = %" G_GINT64_FORMAT
                               " AND position <> (SELECT count(*) FROM %s t2 WHERE"
                               " t2.session_id = %s.session_id AND t2.position < %s.position)",
                               table, session_id, table, table, table), ==, 0);
  return db_text (f, "SELECT ifnull (group_concat (%s, '|'), '') FROM"
                  " (SELECT %s FROM %s WHERE session_id = %" G_GINT64_FORMAT " ORDER BY position)",
                  column, column, table, session_id);
}

#define assert_db_list(f, table, column, expected) G_STMT_START { \
  g_autofree char *list__ = db_column_list (f, table, column); \
  g_assert_cmpstr (list__, ==, expected); \
} G_STMT_END

/* Undoing the edit just made gives back @before, in the window and in the
 * file; redoing it gives back what the edit made, under the same ids. */
static void
assert_undo_redo (Fixture       *f,
                  StapleSession *before)
{
  g_autoptr(StapleSession) after = reload (f);

  test_assert_sessions_equal (after, f->session);
  undo (f);
  assert_unchanged (f, before);
  redo (f);
  assert_unchanged (f, after);
}

static void
assert_invalid (GError     *error,
                const char *part)
{
  g_assert_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (part != NULL)
    g_assert_nonnull (strstr (error->message, part));
}

static void
test_add_participant (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleParticipant *participant;
  StapleParticipant *last;

  participant = staple_editor_add_participant (f->editor, 1, "Chloé", "Scribe", &error);
  g_assert_no_error (error);
  g_assert_nonnull (participant);
  g_assert_cmpint (staple_participant_get_id (participant), >, 0);
  g_assert_true (participant_at (f, 1) == participant);
  g_assert_cmpstr (staple_participant_get_role (participant), ==, "Scribe");
  g_assert_false (staple_participant_get_abstains (participant));
  assert_db_list (f, "participants", "name", "Ana|Chloé|Ben");
  assert_db_list (f, "participants", "role", "|Scribe|");
  assert_undo_redo (f, before);
  assert_db_list (f, "participants", "name", "Ana|Chloé|Ben");

  /* No role is an empty one; past the end appends. */
  last = staple_editor_add_participant (f->editor, G_MAXUINT, "Dev", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (participant_at (f, 3) == last);
  g_assert_cmpstr (staple_participant_get_role (last), ==, "");
  assert_db_list (f, "participants", "name", "Ana|Chloé|Ben|Dev");
  assert_saved (f);
}

static void
test_delete_participant (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleParticipant *ana = participant_at (f, 0);
  gint64 ana_id = staple_participant_get_id (ana);
  gint64 ben_id = staple_participant_get_id (participant_at (f, 1));

  g_assert_cmpuint (staple_session_count_dots_of (f->session, ana_id), ==, 3);
  g_assert_cmpint (staple_action_get_owner_id (action_at (f, 0)), ==, ana_id);

  g_object_ref (ana);
  g_assert_true (staple_editor_delete_participant (f->editor, ana, &error));
  g_assert_no_error (error);

  /* Her dots go; the action she owned stays, owned by nobody. */
  g_assert_cmpuint (n_items (staple_session_get_participants (f->session)), ==, 1);
  g_assert_cmpuint (n_items (staple_session_get_votes (f->session)), ==, 1);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ana_id), ==, 0);
  g_assert_cmpint (staple_action_get_owner_id (action_at (f, 0)), ==, 0);
  g_assert_cmpint (staple_action_get_owner_id (action_at (f, 1)), ==, ben_id);
  assert_db_list (f, "participants", "name", "Ben");
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 1);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM actions WHERE owner_id IS NULL"),
                   ==, 2);

  /* Undo brings back her, her dots under their ids, and her action. */
  assert_undo_redo (f, before);
  undo (f);
  g_assert_true (participant_at (f, 0) == ana);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ana_id), ==, 3);
  g_assert_cmpint (staple_action_get_owner_id (action_at (f, 0)), ==, ana_id);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = %"
                               G_GINT64_FORMAT, ana_id), ==, 3);
  g_assert_cmpint (test_count (f->path, "SELECT owner_id FROM actions WHERE text = '%s'",
                               "Merge the forms"), ==, ana_id);
  assert_unchanged (f, before);
  g_object_unref (ana);
}

static void
add_vote (Fixture           *f,
          StapleParticipant *participant,
          StapleFriction    *friction)
{
  g_autoptr(GError) error = NULL;
  StapleVote *vote = staple_editor_add_vote (f->editor, participant, friction, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vote);
  g_assert_cmpint (staple_vote_get_id (vote), >, 0);
  g_assert_cmpint (staple_vote_get_participant_id (vote), ==,
                   staple_participant_get_id (participant));
  g_assert_cmpint (staple_vote_get_friction_id (vote), ==, staple_friction_get_id (friction));
}

static gint64
db_votes (Fixture           *f,
          StapleParticipant *participant,
          StapleFriction    *friction)
{
  return test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = %"
                     G_GINT64_FORMAT " AND friction_id = %" G_GINT64_FORMAT,
                     staple_participant_get_id (participant), staple_friction_get_id (friction));
}

static void
test_vote_add (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  StapleParticipant *ben = participant_at (f, 1);
  StapleFriction *box = friction_at (stage_at (f, 1), 1);
  gint64 box_id = staple_friction_get_id (box);

  add_vote (f, ben, box);
  g_assert_cmpuint (staple_session_count_votes_for (f->session, box_id), ==, 1);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, staple_participant_get_id (ben)),
                    ==, 2);
  g_assert_cmpint (db_votes (f, ben, box), ==, 1);
  assert_undo_redo (f, before);

  /* A second dot on the same card is a second vote. */
  add_vote (f, ben, box);
  g_assert_cmpuint (staple_session_count_votes_for (f->session, box_id), ==, 2);
  g_assert_cmpint (db_votes (f, ben, box), ==, 2);
  assert_saved (f);
}

static void
test_vote_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleParticipant *ana = participant_at (f, 0);
  StapleFriction *card = friction_at (stage_at (f, 2), 0);

  /* Ana has placed her three dots. */
  g_assert_cmpint (staple_session_get_dots_per_participant (f->session), ==, 3);
  g_assert_null (staple_editor_add_vote (f->editor, ana, card, &error));
  assert_invalid (error, "Ana");
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));

  /* One more dot each, and she may place it, but no more. */
  g_assert_true (staple_editor_set_int (f->editor, f->session, "dots-per-participant", 4,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->path, "SELECT dots_per_participant FROM sessions"), ==, 4);
  add_vote (f, ana, card);
  g_assert_null (staple_editor_add_vote (f->editor, ana, card, &error));
  assert_invalid (error, "4");
  g_clear_error (&error);
  g_assert_cmpint (db_votes (f, ana, card), ==, 1);
  assert_saved (f);

  /* Undoing both takes the dot away, then the extra dot. */
  undo (f);
  undo (f);
  assert_unchanged (f, before);
  g_assert_null (staple_editor_add_vote (f->editor, ana, card, NULL));
  redo (f);
  g_assert_cmpint (staple_session_get_dots_per_participant (f->session), ==, 4);
  redo (f);
  g_assert_cmpint (db_votes (f, ana, card), ==, 1);
  assert_saved (f);
}

static void
test_vote_abstain (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) abstaining = NULL;
  StapleParticipant *ben = participant_at (f, 1);
  StapleFriction *card = friction_at (stage_at (f, 2), 0);

  g_assert_true (staple_editor_set_boolean (f->editor, ben, "abstains", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (staple_participant_get_abstains (ben));
  g_assert_cmpint (test_count (f->path, "SELECT abstains FROM participants WHERE name = 'Ben'"),
                   ==, 1);
  assert_saved (f);
  abstaining = reload (f);

  /* He keeps the dot he placed before, but gets no more. */
  g_assert_cmpuint (staple_session_count_dots_of (f->session, staple_participant_get_id (ben)),
                    ==, 1);
  g_assert_null (staple_editor_add_vote (f->editor, ben, card, &error));
  assert_invalid (error, "Ben");
  g_clear_error (&error);
  assert_unchanged (f, abstaining);
  g_assert_cmpstr (staple_editor_get_undo_label (f->editor), ==, "Edit");

  undo (f);
  g_assert_false (staple_participant_get_abstains (ben));
  g_assert_cmpint (test_count (f->path, "SELECT abstains FROM participants WHERE name = 'Ben'"),
                   ==, 0);
  add_vote (f, ben, card);
  assert_saved (f);
}

/* A ballot from a phone: the participant's dots made exactly those given,
 * as one undo step; refused whole, or taken whole. */
static void
test_vote_set_dots (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(StapleSession) voted = NULL;
  g_autoptr(GError) error = NULL;
  StapleParticipant *ana = participant_at (f, 0);
  StapleFriction *form = friction_at (stage_at (f, 0), 0);
  StapleFriction *box = friction_at (stage_at (f, 1), 1);
  gint64 ana_id = staple_participant_get_id (ana);
  gint64 ballot[] = { staple_friction_get_id (box), staple_friction_get_id (form) };
  gint64 too_many[] = { ballot[0], ballot[0], ballot[1], ballot[1] };
  gint64 unknown[] = { ballot[0], 987654 };
  gint64 first_form_id = 0;
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (f->session));

  /* Ana has three dots, two of them on the form. */
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ana_id), ==, 3);
  g_assert_cmpint (db_votes (f, ana, form), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (votes) && first_form_id == 0; i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_friction_id (vote) == staple_friction_get_id (form))
        first_form_id = staple_vote_get_id (vote);
    }

  /* More dots than she has, or a card that is not there: nothing changes. */
  g_assert_false (staple_editor_set_dots (f->editor, ana, too_many, G_N_ELEMENTS (too_many),
                                          &error));
  assert_invalid (error, "Ana");
  g_clear_error (&error);
  g_assert_false (staple_editor_set_dots (f->editor, ana, unknown, G_N_ELEMENTS (unknown),
                                          &error));
  assert_invalid (error, NULL);
  g_clear_error (&error);
  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));

  /* One on the box, one on the form: her first dot on the form stays, the
   * others go, in one step. */
  g_assert_true (staple_editor_set_dots (f->editor, ana, ballot, G_N_ELEMENTS (ballot), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ana_id), ==, 2);
  g_assert_cmpint (db_votes (f, ana, form), ==, 1);
  g_assert_cmpint (db_votes (f, ana, box), ==, 1);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE id = %" G_GINT64_FORMAT,
                               first_form_id), ==, 1);
  g_assert_cmpstr (staple_editor_get_undo_label (f->editor), ==, "Place Dots");
  assert_undo_redo (f, before);
  voted = reload (f);

  /* The same ballot again changes nothing, and is no step to undo. */
  g_assert_true (staple_editor_set_dots (f->editor, ana, ballot, G_N_ELEMENTS (ballot), &error));
  g_assert_no_error (error);
  assert_unchanged (f, voted);
  undo (f);
  assert_unchanged (f, before);
  redo (f);

  /* An empty ballot takes all her dots back. */
  g_assert_true (staple_editor_set_dots (f->editor, ana, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ana_id), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = %"
                               G_GINT64_FORMAT, ana_id), ==, 0);
  assert_undo_redo (f, voted);
  assert_saved (f);
}

/* Edits that are not the user's (a phone's ballot) are written, but the
 * user's undo and redo pass them by. */
static void
test_unrecorded (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StapleParticipant *ana = participant_at (f, 0);
  StapleFriction *form = friction_at (stage_at (f, 0), 0);
  StapleFriction *box = friction_at (stage_at (f, 1), 1);
  gint64 ballot[] = { staple_friction_get_id (box) };
  g_autofree char *text = g_strdup (staple_friction_get_text (form));

  g_assert_true (staple_editor_set_string (f->editor, form, "text", "The user's", &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_set_string (f->editor, box, "text", "And again", &error));
  g_assert_no_error (error);
  undo (f);
  g_assert_true (staple_editor_can_redo (f->editor));

  staple_editor_begin_unrecorded (f->editor);
  staple_editor_begin_unrecorded (f->editor);
  g_assert_true (staple_editor_set_dots (f->editor, ana, ballot, 1, &error));
  g_assert_no_error (error);
  staple_editor_end_unrecorded (f->editor);
  /* Typing while unrecorded never joins the user's last step either. */
  g_assert_true (staple_editor_set_string (f->editor, form, "text", "Not the user's", &error));
  g_assert_no_error (error);
  staple_editor_end_unrecorded (f->editor);

  g_assert_cmpint (db_votes (f, ana, box), ==, 1);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, staple_participant_get_id (ana)),
                    ==, 1);
  g_assert_true (staple_editor_can_redo (f->editor));
  g_assert_cmpstr (staple_editor_get_undo_label (f->editor), ==, "Edit");

  /* Undo takes the user's edit back to what it replaced, past the
   * unrecorded one; the ballot stays. */
  undo (f);
  g_assert_cmpstr (staple_friction_get_text (form), ==, text);
  g_assert_false (staple_editor_can_undo (f->editor));
  g_assert_cmpint (db_votes (f, ana, box), ==, 1);

  /* Recording again: the next edit is the user's. */
  g_assert_true (staple_editor_set_string (f->editor, box, "text", "Recorded", &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_can_undo (f->editor));
  assert_saved (f);
}

/* Done: the day it was done is kept with the status, in one undo step;
 * no longer done, no day. */
static void
test_action_done_on (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(StapleAction) action = g_list_model_get_item (
    G_LIST_MODEL (staple_session_get_actions (f->session)), 0);
  gint64 id = staple_action_get_id (action);
  g_autofree char *stored = NULL;

  g_assert_cmpstr (staple_action_get_done_on (action), ==, "");
  g_assert_true (staple_editor_set_enum (f->editor, action, "status", STAPLE_ACTION_STATUS_DONE,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpstr (staple_action_get_done_on (action), ==, today);
  stored = db_text (f, "SELECT done_on FROM actions WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (stored, ==, today);
  assert_saved (f);

  /* One step: undo takes back both. */
  undo (f);
  g_assert_cmpint (staple_action_get_status (action), ==, STAPLE_ACTION_STATUS_OPEN);
  g_assert_cmpstr (staple_action_get_done_on (action), ==, "");
  g_clear_pointer (&stored, g_free);
  stored = db_text (f, "SELECT done_on FROM actions WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (stored, ==, "");
  redo (f);
  g_assert_cmpstr (staple_action_get_done_on (action), ==, today);

  /* Back in progress: not done, no day. */
  g_assert_true (staple_editor_set_enum (f->editor, action, "status",
                                         STAPLE_ACTION_STATUS_IN_PROGRESS, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (staple_action_get_done_on (action), ==, "");
  assert_saved (f);
}

/* A dot the user's redo or undo would bring back, after a phone placed
 * the same voter's dots outside the history, must still fit: it is
 * refused, and the step let go so that the ones under it still run. */
static void
test_unrecorded_full (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StapleParticipant *ben = participant_at (f, 1);
  gint64 ben_id = staple_participant_get_id (ben);
  StapleFriction *form = friction_at (stage_at (f, 0), 0);
  StapleFriction *box = friction_at (stage_at (f, 1), 1);
  gint64 ballot[] = { staple_friction_get_id (box), staple_friction_get_id (box),
                      staple_friction_get_id (form) };

  g_assert_true (staple_editor_set_string (f->editor, form, "text", "Before the dots", &error));
  g_assert_no_error (error);
  add_vote (f, ben, box);
  undo (f);
  g_assert_true (staple_editor_can_redo (f->editor));

  /* Ben's phone places all three. */
  staple_editor_begin_unrecorded (f->editor);
  g_assert_true (staple_editor_set_dots (f->editor, ben, ballot, G_N_ELEMENTS (ballot), &error));
  g_assert_no_error (error);
  staple_editor_end_unrecorded (f->editor);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ben_id), ==, 3);

  g_assert_false (staple_editor_redo (f->editor, &error));
  assert_invalid (error, "Ben");
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ben_id), ==, 3);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = %"
                               G_GINT64_FORMAT, ben_id), ==, 3);
  g_assert_false (staple_editor_can_redo (f->editor));

  /* Undo the same way: the user takes one of Ben's dots back, his phone
   * places it again, and undoing the taking back would be a fourth. */
  g_assert_true (staple_editor_remove_vote (f->editor, ben, form, &error));
  g_assert_no_error (error);
  staple_editor_begin_unrecorded (f->editor);
  g_assert_true (staple_editor_set_dots (f->editor, ben, ballot, G_N_ELEMENTS (ballot), &error));
  g_assert_no_error (error);
  staple_editor_end_unrecorded (f->editor);
  g_assert_false (staple_editor_undo (f->editor, &error));
  assert_invalid (error, "Ben");
  g_clear_error (&error);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ben_id), ==, 3);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = %"
                               G_GINT64_FORMAT, ben_id), ==, 3);

  /* The step under it is the user's text, and still undoes. */
  g_assert_cmpstr (staple_editor_get_undo_label (f->editor), ==, "Edit");
  undo (f);
  g_assert_cmpstr (staple_friction_get_text (form), !=, "Before the dots");
  assert_saved (f);
}

/* Rows a phone adds never take the id of a row the user's undo or redo may
 * bring back, and the user's undo never deletes a phone's row. */
static void
test_unrecorded_ids (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  StapleParticipant *ben = participant_at (f, 1);
  gint64 ben_id = staple_participant_get_id (ben);
  StapleFriction *form = friction_at (stage_at (f, 0), 0);
  StapleFriction *box = friction_at (stage_at (f, 1), 1);
  gint64 ballot[] = { staple_friction_get_id (form) };
  StapleParticipant *voter;
  StapleVote *dot;
  gint64 dot_id;

  /* The user's dot for Ben is the newest row; his phone's ballot takes it
   * away and places one elsewhere. */
  dot = staple_editor_add_vote (f->editor, ben, box, &error);
  g_assert_no_error (error);
  dot_id = staple_vote_get_id (dot);
  staple_editor_begin_unrecorded (f->editor);
  g_assert_true (staple_editor_set_dots (f->editor, ben, ballot, 1, &error));
  g_assert_no_error (error);
  staple_editor_end_unrecorded (f->editor);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE id = %" G_GINT64_FORMAT,
                               dot_id), ==, 0);

  /* Undoing the user's dot cannot take the phone's. */
  g_assert_false (staple_editor_undo (f->editor, &error));
  assert_invalid (error, "Ben");
  g_clear_error (&error);
  g_assert_cmpint (db_votes (f, ben, form), ==, 1);
  g_assert_cmpuint (staple_session_count_dots_of (f->session, ben_id), ==, 1);
  assert_saved (f);

  /* The user deletes Ben, the last row of the list; a phone's anonymous
   * voter comes; undo brings Ben back under his id, with his dot. */
  g_assert_true (staple_editor_delete_participant (f->editor, ben, &error));
  g_assert_no_error (error);
  staple_editor_begin_unrecorded (f->editor);
  voter = staple_editor_add_anonymous_voter (f->editor, &error);
  g_assert_no_error (error);
  staple_editor_end_unrecorded (f->editor);
  g_assert_cmpint (staple_participant_get_id (voter), >, ben_id);
  undo (f);
  g_assert_true (staple_session_find_participant (f->session, ben_id, NULL) == ben);
  g_assert_cmpint (db_votes (f, ben, form), ==, 1);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM participants"), ==, 3);
  assert_saved (f);
}

static void
test_vote_remove (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleParticipant *ana = participant_at (f, 0);
  StapleParticipant *ben = participant_at (f, 1);
  StapleFriction *form = friction_at (stage_at (f, 0), 0);
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (f->session));
  gint64 first_id = 0;
  gint64 last_id = 0;

  /* Ana's two dots on the form; the later one has the higher id. */
  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_friction_id (vote) != staple_friction_get_id (form))
        continue;
      if (first_id == 0)
        first_id = staple_vote_get_id (vote);
      last_id = staple_vote_get_id (vote);
    }
  g_assert_cmpint (first_id, <, last_id);

  g_assert_true (staple_editor_remove_vote (f->editor, ana, form, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (staple_session_count_votes_for (f->session, staple_friction_get_id (form)),
                    ==, 1);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE id = %" G_GINT64_FORMAT,
                               last_id), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE id = %" G_GINT64_FORMAT,
                               first_id), ==, 1);
  assert_undo_redo (f, before);

  /* Ben has no dot there to take back. */
  g_assert_false (staple_editor_remove_vote (f->editor, ben, form, &error));
  assert_invalid (error, "Ben");
  g_clear_error (&error);

  g_assert_true (staple_editor_remove_vote (f->editor, ana, form, &error));
  g_assert_no_error (error);
  g_assert_false (staple_editor_remove_vote (f->editor, ana, form, &error));
  assert_invalid (error, "Ana");
  g_assert_cmpint (db_votes (f, ana, form), ==, 0);
  assert_saved (f);
}

static void
test_add_action (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleAction *action;

  action = staple_editor_add_action (f->editor, 0, "Print labels at the desk", &error);
  g_assert_no_error (error);
  g_assert_nonnull (action);
  g_assert_cmpint (staple_action_get_id (action), >, 0);
  g_assert_true (action_at (f, 0) == action);
  g_assert_cmpint (staple_action_get_owner_id (action), ==, 0);
  g_assert_cmpint (staple_action_get_status (action), ==, STAPLE_ACTION_STATUS_OPEN);
  assert_db_list (f, "actions", "text",
                  "Print labels at the desk|Merge the forms|Send confirmations|Smaller boxes");
  assert_undo_redo (f, before);

  g_assert_null (staple_editor_add_action (f->editor, 0, " \n", &error));
  assert_invalid (error, NULL);
  g_assert_cmpuint (n_items (staple_session_get_actions (f->session)), ==, 4);
}

static void
test_delete_action (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleAction *merge = action_at (f, 0);
  gint64 id = staple_action_get_id (merge);

  g_assert_true (staple_editor_delete_action (f->editor, merge, &error));
  g_assert_no_error (error);
  assert_db_list (f, "actions", "text", "Send confirmations|Smaller boxes");
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM action_frictions"
                               " WHERE action_id = %" G_GINT64_FORMAT, id), ==, 0);
  assert_undo_redo (f, before);

  /* Undone, it addresses the same friction points, in the same order. */
  undo (f);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM action_frictions"
                               " WHERE action_id = %" G_GINT64_FORMAT, id), ==, 2);
  assert_unchanged (f, before);
}

static void
test_set_action_frictions (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(StapleSession) other = make_session ();
  g_autoptr(GError) error = NULL;
  StapleAction *smaller = action_at (f, 2);
  gint64 box = staple_friction_get_id (friction_at (stage_at (f, 1), 1));
  gint64 card = staple_friction_get_id (friction_at (stage_at (f, 2), 0));
  gint64 chart = staple_friction_get_id (friction_at (stage_at (f, 0), 2));
  const gint64 wanted[] = { card, box, card, chart };
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  const gint64 *ids;
  guint n_ids = 0;
  gint64 foreign;

  g_assert_true (staple_editor_set_action_frictions (f->editor, smaller, wanted,
                                                     G_N_ELEMENTS (wanted), &error));
  g_assert_no_error (error);

  /* Order kept, the repeat dropped. */
  ids = staple_action_get_friction_ids (smaller, &n_ids);
  g_assert_cmpuint (n_ids, ==, 3);
  g_assert_cmpint (ids[0], ==, card);
  g_assert_cmpint (ids[1], ==, box);
  g_assert_cmpint (ids[2], ==, chart);
  saved = db_text (f, "SELECT group_concat (friction_id, ',') FROM (SELECT friction_id FROM"
                   " action_frictions WHERE action_id = %" G_GINT64_FORMAT " ORDER BY position)",
                   staple_action_get_id (smaller));
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                              card, box, chart);
  g_assert_cmpstr (saved, ==, expected);
  assert_undo_redo (f, before);

  /* The same set again is no edit; none at all is one. */
  ids = staple_action_get_friction_ids (smaller, &n_ids);
  g_assert_true (staple_editor_set_action_frictions (f->editor, smaller, ids, n_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (staple_editor_get_undo_label (f->editor), !=, "Edit");
  g_assert_true (staple_editor_set_action_frictions (f->editor, smaller, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM action_frictions"
                               " WHERE action_id = %" G_GINT64_FORMAT,
                               staple_action_get_id (smaller)), ==, 0);
  assert_saved (f);
  undo (f);

  /* Friction points of another session, or none at all, are refused. */
  g_assert_true (staple_store_add_session (f->store, other, &error));
  g_assert_no_error (error);
  foreign = staple_friction_get_id (friction_at (nth (staple_session_get_stages (other), 0), 0));
  g_assert_false (staple_editor_set_action_frictions (f->editor, smaller, &foreign, 1, &error));
  assert_invalid (error, NULL);
  g_clear_error (&error);
  foreign = 987654;
  g_assert_false (staple_editor_set_action_frictions (f->editor, smaller, &foreign, 1, &error));
  assert_invalid (error, NULL);
  ids = staple_action_get_friction_ids (smaller, &n_ids);
  g_assert_cmpuint (n_ids, ==, 3);
  assert_saved (f);
}

static void
test_add_empowerment (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleEmpowerment *item;

  item = staple_editor_add_empowerment (f->editor, 1, "Book a courier", &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpint (staple_empowerment_get_id (item), >, 0);
  g_assert_true (empowerment_at (f, 1) == item);
  assert_db_list (f, "empowerments", "text",
                  "Swap a size without asking|Book a courier|Refund postage");
  assert_undo_redo (f, before);

  g_assert_null (staple_editor_add_empowerment (f->editor, 0, "", &error));
  assert_invalid (error, NULL);
}

static void
test_delete_empowerment (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_editor_delete_empowerment (f->editor, empowerment_at (f, 0), &error));
  g_assert_no_error (error);
  assert_db_list (f, "empowerments", "text", "Refund postage");
  assert_undo_redo (f, before);
  undo (f);
  assert_db_list (f, "empowerments", "text", "Swap a size without asking|Refund postage");
}

static StapleStage *
template_stage (const char    *name,
                const char    *team,
                StapleChannel  channel,
                int            wait_minutes)
{
  StapleStage *stage = staple_stage_new ();

  g_object_set (stage, "name", name, "team", team, "channel", channel,
                "wait-minutes", wait_minutes, "handoff", TRUE, NULL);
  return stage;
}

static void
test_add_stages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (stages, template_stage ("Returns", "Warehouse", STAPLE_CHANNEL_IN_PERSON, 60));
  g_ptr_array_add (stages, template_stage ("Claims", "Finance", STAPLE_CHANNEL_EMAIL, 1440));
  g_ptr_array_add (stages, template_stage ("Service", "Support", STAPLE_CHANNEL_PHONE, 5));

  g_assert_true (staple_editor_add_stages (f->editor, stages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (staple_session_get_stages (f->session)), ==, 6);
  for (guint i = 0; i < stages->len; i++)
    {
      StapleStage *stage = g_ptr_array_index (stages, i);

      g_assert_true (stage_at (f, 3 + i) == stage);
      g_assert_cmpint (staple_stage_get_id (stage), >, 0);
      g_assert_cmpint (staple_stage_get_session_id (stage), ==, staple_session_get_id (f->session));
    }
  assert_db_stages (f, "Order placed|Parcel packed|Delivered|Returns|Claims|Service");
  g_assert_cmpint (test_count (f->path, "SELECT wait_minutes FROM stages WHERE name = 'Claims'"),
                   ==, 1440);

  /* One undo step takes all three away, one redo brings them back. */
  assert_undo_redo (f, before);
  undo (f);
  g_assert_false (staple_editor_can_undo (f->editor));
  assert_db_stages (f, "Order placed|Parcel packed|Delivered");
  redo (f);
  assert_db_stages (f, "Order placed|Parcel packed|Delivered|Returns|Claims|Service");
  g_assert_true (stage_at (f, 5) == g_ptr_array_index (stages, 2));
  assert_saved (f);

  /* Nothing to add is no edit. */
  g_assert_true (staple_editor_add_stages (f->editor, empty, &error));
  g_assert_no_error (error);
  undo (f);
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_add_stages_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (stages, template_stage ("Returns", "Warehouse", STAPLE_CHANNEL_WEB, 0));
  g_ptr_array_add (stages, template_stage (" ", "Finance", STAPLE_CHANNEL_EMAIL, 0));

  /* One stage without a name, and none is added. */
  g_assert_false (staple_editor_add_stages (f->editor, stages, &error));
  assert_invalid (error, NULL);
  g_clear_error (&error);
  assert_unchanged (f, before);

  /* A write that fails halfway leaves nothing behind either. */
  staple_stage_set_name (g_ptr_array_index (stages, 1), "Claims");
  break_writes (f, "BEFORE INSERT ON stages WHEN NEW.name = 'Claims'");
  g_assert_false (staple_editor_add_stages (f->editor, stages, &error));
  assert_write_failed (error);
  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_set_workshop_fields (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  StapleParticipant *ben = participant_at (f, 1);
  StapleAction *boxes = action_at (f, 2);
  StapleEmpowerment *item = empowerment_at (f, 0);
  gint64 ben_id = staple_participant_get_id (ben);
  g_autofree char *status = NULL;
  guint n_steps = 0;

#define SET(call) G_STMT_START { \
  g_assert_true (call); \
  g_assert_no_error (error); \
  n_steps++; \
} G_STMT_END

  SET (staple_editor_set_string (f->editor, ben, "name", "Benedict", &error));
  SET (staple_editor_set_string (f->editor, ben, "role", "Packer", &error));
  SET (staple_editor_set_boolean (f->editor, ben, "abstains", TRUE, &error));
  SET (staple_editor_set_string (f->editor, boxes, "text", "Order smaller boxes", &error));
  SET (set_int64 (f->editor, boxes, "owner-id", ben_id, &error));
  SET (staple_editor_set_string (f->editor, boxes, "due", "2024-02-29", &error));
  SET (staple_editor_set_enum (f->editor, boxes, "status", STAPLE_ACTION_STATUS_IN_PROGRESS,
                               &error));
  SET (staple_editor_set_string (f->editor, item, "text", "Swap any size", &error));
  SET (staple_editor_set_int (f->editor, f->session, "dots-per-participant", 5, &error));
  SET (set_int64 (f->editor, action_at (f, 0), "owner-id", 0, &error));
  SET (staple_editor_set_string (f->editor, boxes, "due", "", &error));
#undef SET

  g_assert_cmpstr (staple_participant_get_name (ben), ==, "Benedict");
  g_assert_true (staple_participant_get_abstains (ben));
  g_assert_cmpint (staple_action_get_owner_id (boxes), ==, ben_id);
  g_assert_cmpint (staple_session_get_dots_per_participant (f->session), ==, 5);
  g_assert_cmpint (test_count (f->path, "SELECT owner_id FROM actions WHERE text = '%s'",
                               "Order smaller boxes"), ==, ben_id);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM actions WHERE owner_id IS NULL"),
                   ==, 1);
  status = db_text (f, "SELECT status FROM actions WHERE id = %" G_GINT64_FORMAT,
                    staple_action_get_id (boxes));
  g_assert_cmpstr (status, ==, "in-progress");
  assert_saved (f);

  for (guint i = 0; i < n_steps; i++)
    undo (f);
  g_assert_false (staple_editor_can_undo (f->editor));
  assert_unchanged (f, before);

  for (guint i = 0; i < n_steps; i++)
    redo (f);
  g_assert_cmpstr (staple_empowerment_get_text (item), ==, "Swap any size");
  g_assert_cmpstr (staple_action_get_due (boxes), ==, "");
  assert_saved (f);
}

static void
assert_refused_id (Fixture    *f,
                   gpointer    object,
                   const char *property,
                   gint64      value)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;
  gboolean could_undo = staple_editor_can_undo (f->editor);

  g_assert_false (set_int64 (f->editor, object, property, value, &error));
  assert_invalid (error, NULL);
  assert_unchanged (f, before);
  g_assert_cmpint (staple_editor_can_undo (f->editor), ==, could_undo);
}

static void
test_invalid_workshop_fields (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(StapleSession) other = make_session ();
  g_autoptr(GError) error = NULL;
  StapleAction *action = action_at (f, 0);
  gint64 stranger;

  assert_refused_set (f, participant_at (f, 0), "name", "");
  assert_refused_set (f, participant_at (f, 0), "name", " \t");
  assert_refused_set (f, action, "text", "\n");
  assert_refused_set (f, empowerment_at (f, 1), "text", "   ");
  assert_refused_set (f, action, "due", "2023-02-29");
  assert_refused_set (f, action, "due", "next week");
  assert_refused_set (f, action, "due", "2024-3-1");

  /* An owner must be someone in the room, not someone from another session. */
  g_assert_true (staple_store_add_session (f->store, other, &error));
  g_assert_no_error (error);
  stranger = staple_participant_get_id (nth (staple_session_get_participants (other), 0));
  assert_refused_id (f, action, "owner-id", stranger);
  assert_refused_id (f, action, "owner-id", 424242);
  assert_refused_id (f, f->session, "current-stage-id",
                     staple_stage_get_id (nth (staple_session_get_stages (other), 0)));
  g_assert_false (staple_editor_can_undo (f->editor));
}

static void
test_workshop_no_history (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) saved = NULL;
  g_autofree char *phase = NULL;
  StapleStage *packed = stage_at (f, 1);
  gint64 session_id = staple_session_get_id (f->session);

  /* An edit undone: its redo must survive what follows. */
  set_title (f, "Changed");
  undo (f);
  g_assert_true (staple_editor_can_redo (f->editor));

  g_assert_true (staple_editor_set_phase (f->editor, STAPLE_PHASE_PRIORITISE, &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_set_current_stage (f->editor, packed, &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_add_phase_seconds (f->editor, STAPLE_PHASE_WALK, 90, &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_add_phase_seconds (f->editor, STAPLE_PHASE_WALK, 30, &error));
  g_assert_no_error (error);
  g_assert_true (staple_editor_add_phase_seconds (f->editor, STAPLE_PHASE_CLOSE, 0, &error));
  g_assert_no_error (error);

  g_assert_false (staple_editor_can_undo (f->editor));
  g_assert_true (staple_editor_can_redo (f->editor));
  g_assert_cmpint (staple_session_get_phase (f->session), ==, STAPLE_PHASE_PRIORITISE);
  g_assert_cmpint (staple_session_get_current_stage_id (f->session), ==,
                   staple_stage_get_id (packed));
  g_assert_cmpuint (staple_session_get_phase_seconds (f->session, STAPLE_PHASE_WALK), ==, 120);

  phase = db_text (f, "SELECT phase FROM sessions WHERE id = %" G_GINT64_FORMAT, session_id);
  g_assert_cmpstr (phase, ==, "prioritise");
  g_assert_cmpint (test_count (f->path, "SELECT current_stage_id FROM sessions WHERE id = %"
                               G_GINT64_FORMAT, session_id), ==, staple_stage_get_id (packed));
  g_assert_cmpint (test_count (f->path, "SELECT seconds FROM phase_times WHERE phase = 'walk'"),
                   ==, 120);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM phase_times"), ==, 1);
  assert_saved (f);

  /* Redo still makes the undone edit, and leaves where the workshop stands. */
  redo (f);
  saved = reload (f);
  g_assert_cmpstr (staple_session_get_title (saved), ==, "Changed");
  g_assert_cmpint (staple_session_get_phase (saved), ==, STAPLE_PHASE_PRIORITISE);
  undo (f);
  g_assert_cmpint (staple_session_get_phase (f->session), ==, STAPLE_PHASE_PRIORITISE);

  /* No current stage is NULL in the file. */
  g_assert_true (staple_editor_set_current_stage (f->editor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_session_get_current_stage_id (f->session), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM sessions"
                               " WHERE current_stage_id IS NULL"), ==, 1);

  /* Time adds up to the largest number it can hold, not round to zero. */
  g_assert_true (staple_editor_add_phase_seconds (f->editor, STAPLE_PHASE_WALK, G_MAXUINT,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (staple_session_get_phase_seconds (f->session, STAPLE_PHASE_WALK), ==,
                    G_MAXUINT);
  assert_saved (f);
}

static void
test_workshop_delete_current_stage (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(StapleSession) before = NULL;
  g_autoptr(GError) error = NULL;
  StapleStage *packed = stage_at (f, 1);
  gint64 packed_id = staple_stage_get_id (packed);

  g_assert_true (staple_editor_set_current_stage (f->editor, packed, &error));
  g_assert_no_error (error);
  before = reload (f);

  g_assert_true (staple_editor_delete_stage (f->editor, packed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (staple_session_get_current_stage_id (f->session), ==, 0);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM sessions"
                               " WHERE current_stage_id IS NULL"), ==, 1);
  assert_undo_redo (f, before);

  undo (f);
  g_assert_cmpint (staple_session_get_current_stage_id (f->session), ==, packed_id);
  g_assert_cmpint (test_count (f->path, "SELECT current_stage_id FROM sessions"), ==, packed_id);

  /* If the walk-through moved on meanwhile, undo does not move it back. */
  redo (f);
  g_assert_true (staple_editor_set_current_stage (f->editor, stage_at (f, 1), &error));
  g_assert_no_error (error);
  undo (f);
  g_assert_cmpint (staple_session_get_current_stage_id (f->session), ==,
                   staple_stage_get_id (stage_at (f, 2)));
  assert_saved (f);
}

static void
test_fail_workshop (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StapleSession) before = reload (f);
  g_autoptr(GError) error = NULL;

  break_writes (f, "BEFORE INSERT ON votes");
  g_assert_null (staple_editor_add_vote (f->editor, participant_at (f, 1),
                                         friction_at (stage_at (f, 2), 0), &error));
  assert_write_failed (error);
  g_clear_error (&error);
  mend_writes (f);

  break_writes (f, "BEFORE DELETE ON participants");
  g_assert_false (staple_editor_delete_participant (f->editor, participant_at (f, 0), &error));
  assert_write_failed (error);
  g_clear_error (&error);
  mend_writes (f);
  g_assert_cmpint (staple_action_get_owner_id (action_at (f, 0)), ==,
                   staple_participant_get_id (participant_at (f, 0)));

  break_writes (f, "BEFORE UPDATE ON sessions");
  g_assert_false (staple_editor_set_phase (f->editor, STAPLE_PHASE_MAP, &error));
  assert_write_failed (error);
  g_clear_error (&error);
  g_assert_false (staple_editor_set_current_stage (f->editor, stage_at (f, 0), &error));
  assert_write_failed (error);
  g_clear_error (&error);
  mend_writes (f);

  break_writes (f, "BEFORE INSERT ON phase_times");
  g_assert_false (staple_editor_add_phase_seconds (f->editor, STAPLE_PHASE_MAP, 10, &error));
  assert_write_failed (error);
  g_clear_error (&error);
  mend_writes (f);

  g_assert_cmpint (staple_session_get_phase (f->session), ==, STAPLE_PHASE_FRAME);
  g_assert_cmpint (staple_session_get_current_stage_id (f->session), ==, 0);
  g_assert_cmpuint (staple_session_get_phase_seconds (f->session, STAPLE_PHASE_MAP), ==, 0);
  assert_unchanged (f, before);
  g_assert_false (staple_editor_can_undo (f->editor));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/editor/add/stage", test_add_stage);
  ADD_TEST ("/editor/add/friction", test_add_friction);
  ADD_TEST ("/editor/set/fields", test_set_fields);
  ADD_TEST ("/editor/set/clamp", test_set_clamp);
  ADD_TEST ("/editor/set/invalid-enum", test_set_invalid_enum);
  ADD_TEST ("/editor/delete/stage", test_delete_stage);
  ADD_TEST ("/editor/delete/friction", test_delete_friction);
  ADD_TEST ("/editor/move/stage", test_move_stage);
  ADD_TEST ("/editor/move/friction-across-stages", test_move_friction_across);
  ADD_TEST ("/editor/move/friction-within-stage", test_move_friction_within);
  ADD_TEST ("/editor/merge/quick-sets", test_merge_quick);
  ADD_TEST ("/editor/merge/break", test_merge_break);
  ADD_TEST ("/editor/merge/other-field", test_merge_other_field);
  ADD_TEST ("/editor/merge/after-pause", test_merge_after_pause);
  ADD_TEST ("/editor/invalid/empty-title", test_invalid_title);
  ADD_TEST ("/editor/invalid/empty-stage-name", test_invalid_stage_name);
  ADD_TEST ("/editor/invalid/empty-friction-text", test_invalid_friction_text);
  ADD_TEST ("/editor/invalid/add-empty", test_invalid_add);
  ADD_TEST ("/editor/history/empty", test_history_empty);
  ADD_TEST ("/editor/history/new-edit-drops-redo", test_history_new_edit_drops_redo);
  ADD_TEST ("/editor/fail/set", test_fail_set);
  ADD_TEST ("/editor/fail/set-merged", test_fail_set_merged);
  ADD_TEST ("/editor/fail/delete-stage", test_fail_delete_stage);
  ADD_TEST ("/editor/fail/add-stage", test_fail_add_stage);
  ADD_TEST ("/editor/fail/add-friction", test_fail_add_friction);
  ADD_TEST ("/editor/fail/move-friction", test_fail_move_friction);
  ADD_TEST ("/editor/fail/move-stage", test_fail_move_stage);
  ADD_TEST ("/editor/fail/undo", test_fail_undo);
  ADD_TEST ("/editor/fail/locked", test_fail_locked);
  ADD_TEST ("/editor/fail/workshop", test_fail_workshop);
  ADD_TEST ("/editor/add/participant", test_add_participant);
  ADD_TEST ("/editor/delete/participant", test_delete_participant);
  ADD_TEST ("/editor/vote/add", test_vote_add);
  ADD_TEST ("/editor/vote/limit", test_vote_limit);
  ADD_TEST ("/editor/vote/abstain", test_vote_abstain);
  ADD_TEST ("/editor/vote/remove", test_vote_remove);
  ADD_TEST ("/editor/vote/set-dots", test_vote_set_dots);
  ADD_TEST ("/editor/unrecorded", test_unrecorded);
  ADD_TEST ("/editor/unrecorded-full", test_unrecorded_full);
  ADD_TEST ("/editor/action-done-on", test_action_done_on);
  ADD_TEST ("/editor/unrecorded-ids", test_unrecorded_ids);
  ADD_TEST ("/editor/add/action", test_add_action);
  ADD_TEST ("/editor/delete/action", test_delete_action);
  ADD_TEST ("/editor/set/action-frictions", test_set_action_frictions);
  ADD_TEST ("/editor/add/empowerment", test_add_empowerment);
  ADD_TEST ("/editor/delete/empowerment", test_delete_empowerment);
  ADD_TEST ("/editor/add/stages", test_add_stages);
  ADD_TEST ("/editor/add/stages-refused", test_add_stages_refused);
  ADD_TEST ("/editor/set/workshop-fields", test_set_workshop_fields);
  ADD_TEST ("/editor/invalid/workshop-fields", test_invalid_workshop_fields);
  ADD_TEST ("/editor/workshop/no-history", test_workshop_no_history);
  ADD_TEST ("/editor/workshop/delete-current-stage", test_workshop_delete_current_stage);

  return g_test_run ();
}
