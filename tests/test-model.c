/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "staple-model.h"
#include "test-util.h"

/* Counts the notifications of one property of an object. */
typedef struct
{
  guint count;
} NotifyCounter;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  NotifyCounter *counter = user_data;

  counter->count++;
}

static void
watch (gpointer       object,
       const char    *property,
       NotifyCounter *counter)
{
  g_autofree char *signal = g_strdup_printf ("notify::%s", property);

  counter->count = 0;
  g_signal_connect (object, signal, G_CALLBACK (notify_cb), counter);
}

static void
test_participant_defaults (void)
{
  g_autoptr(StapleParticipant) participant = staple_participant_new ();
  NotifyCounter counter;

  g_assert_cmpint (staple_participant_get_id (participant), ==, 0);
  g_assert_cmpstr (staple_participant_get_name (participant), ==, "");
  g_assert_cmpstr (staple_participant_get_role (participant), ==, "");

  watch (participant, "name", &counter);
  staple_participant_set_name (participant, NULL);
  g_assert_cmpuint (counter.count, ==, 0);
  staple_participant_set_name (participant, "Ana");
  staple_participant_set_name (participant, "Ana");
  g_assert_cmpuint (counter.count, ==, 1);
  g_assert_cmpstr (staple_participant_get_name (participant), ==, "Ana");
  staple_participant_set_name (participant, NULL);
  g_assert_cmpuint (counter.count, ==, 2);
  g_assert_nonnull (staple_participant_get_name (participant));
  g_assert_cmpstr (staple_participant_get_name (participant), ==, "");

  staple_participant_set_id (participant, -4);
  g_assert_cmpint (staple_participant_get_id (participant), ==, 0);

  g_assert_false (staple_participant_get_abstains (participant));
  watch (participant, "abstains", &counter);
  staple_participant_set_abstains (participant, 2);
  staple_participant_set_abstains (participant, TRUE);
  g_assert_cmpuint (counter.count, ==, 1);
  g_assert_true (staple_participant_get_abstains (participant));
  g_object_set (participant, "abstains", FALSE, NULL);
  g_assert_cmpuint (counter.count, ==, 2);
  g_assert_false (staple_participant_get_abstains (participant));
}

static void
test_friction_defaults (void)
{
  g_autoptr(StapleFriction) friction = staple_friction_new ();

  g_assert_cmpint (staple_friction_get_id (friction), ==, 0);
  g_assert_cmpint (staple_friction_get_stage_id (friction), ==, 0);
  g_assert_cmpint (staple_friction_get_position (friction), ==, 0);
  g_assert_cmpstr (staple_friction_get_text (friction), ==, "");
  g_assert_cmpstr (staple_friction_get_notes (friction), ==, "");
  g_assert_cmpint (staple_friction_get_kind (friction), ==, STAPLE_FRICTION_KIND_PROCESS);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, STAPLE_SEVERITY_DEFAULT);
  g_assert_cmpint (staple_friction_get_principle (friction), ==, STAPLE_PRINCIPLE_NONE);
}

static void
test_friction_clamp (void)
{
  g_autoptr(StapleFriction) friction = staple_friction_new ();
  NotifyCounter counter;

  watch (friction, "severity", &counter);
  staple_friction_set_severity (friction, 0);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, STAPLE_SEVERITY_MIN);
  g_assert_cmpuint (counter.count, ==, 1);
  /* Clamped to the value it already has: no change, no notification. */
  staple_friction_set_severity (friction, -20);
  g_assert_cmpuint (counter.count, ==, 1);
  staple_friction_set_severity (friction, 99);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, STAPLE_SEVERITY_MAX);
  g_assert_cmpuint (counter.count, ==, 2);
  staple_friction_set_severity (friction, 4);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, 4);

  staple_friction_set_position (friction, -1);
  g_assert_cmpint (staple_friction_get_position (friction), ==, 0);
  staple_friction_set_position (friction, 7);
  g_assert_cmpint (staple_friction_get_position (friction), ==, 7);
}

static void
test_friction_enums (void)
{
  g_autoptr(StapleFriction) friction = staple_friction_new ();
  NotifyCounter counter;
  StapleFrictionKind kind;

  watch (friction, "kind", &counter);
  staple_friction_set_kind (friction, STAPLE_FRICTION_KIND_PROCESS);
  g_assert_cmpuint (counter.count, ==, 0);
  staple_friction_set_kind (friction, STAPLE_FRICTION_KIND_SILO);
  g_assert_cmpuint (counter.count, ==, 1);

  g_object_get (friction, "kind", &kind, NULL);
  g_assert_cmpint (kind, ==, STAPLE_FRICTION_KIND_SILO);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (G_OBJECT_GET_CLASS (friction),
                                                                        "kind"))
                 == STAPLE_TYPE_FRICTION_KIND);

  g_test_expect_message ("staple-model", G_LOG_LEVEL_CRITICAL, "*kind*");
  staple_friction_set_kind (friction, 42);
  g_test_assert_expected_messages ();
  g_assert_cmpint (staple_friction_get_kind (friction), ==, STAPLE_FRICTION_KIND_SILO);
  g_assert_cmpuint (counter.count, ==, 1);
}

static void
test_stage_defaults (void)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();
  GListStore *frictions = staple_stage_get_frictions (stage);

  g_assert_cmpint (staple_stage_get_channel (stage), ==, STAPLE_CHANNEL_INTERNAL);
  g_assert_cmpint (staple_stage_get_customer_feeling (stage), ==, 0);
  g_assert_cmpint (staple_stage_get_staff_feeling (stage), ==, 0);
  g_assert_cmpint (staple_stage_get_work_minutes (stage), ==, 0);
  g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, 0);
  g_assert_false (staple_stage_get_handoff (stage));
  g_assert_false (staple_stage_get_dropped (stage));
  g_assert_cmpstr (staple_stage_get_name (stage), ==, "");
  g_assert_cmpstr (staple_stage_get_team (stage), ==, "");
  g_assert_cmpstr (staple_stage_get_notes (stage), ==, "");

  g_assert_nonnull (frictions);
  g_assert_true (frictions == staple_stage_get_frictions (stage));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (frictions)) == STAPLE_TYPE_FRICTION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (frictions)), ==, 0);
}

static void
test_stage_clamp (void)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();

  staple_stage_set_customer_feeling (stage, 5);
  g_assert_cmpint (staple_stage_get_customer_feeling (stage), ==, STAPLE_FEELING_MAX);
  staple_stage_set_customer_feeling (stage, -5);
  g_assert_cmpint (staple_stage_get_customer_feeling (stage), ==, STAPLE_FEELING_MIN);
  staple_stage_set_customer_feeling (stage, 1);
  g_assert_cmpint (staple_stage_get_customer_feeling (stage), ==, 1);

  staple_stage_set_staff_feeling (stage, 3);
  g_assert_cmpint (staple_stage_get_staff_feeling (stage), ==, STAPLE_FEELING_MAX);
  staple_stage_set_staff_feeling (stage, -3);
  g_assert_cmpint (staple_stage_get_staff_feeling (stage), ==, STAPLE_FEELING_MIN);

  staple_stage_set_work_minutes (stage, -10);
  g_assert_cmpint (staple_stage_get_work_minutes (stage), ==, 0);
  staple_stage_set_work_minutes (stage, 45);
  g_assert_cmpint (staple_stage_get_work_minutes (stage), ==, 45);
  staple_stage_set_wait_minutes (stage, G_MAXINT);
  g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, STAPLE_STAGE_MINUTES_MAX);
  staple_stage_set_wait_minutes (stage, -1);
  g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, 0);

  staple_stage_set_position (stage, -2);
  g_assert_cmpint (staple_stage_get_position (stage), ==, 0);
  staple_stage_set_session_id (stage, -2);
  g_assert_cmpint (staple_stage_get_session_id (stage), ==, 0);
}

static void
test_stage_notify (void)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();
  NotifyCounter feeling;
  NotifyCounter name;
  NotifyCounter handoff;
  NotifyCounter channel;
  NotifyCounter other;

  watch (stage, "customer-feeling", &feeling);
  watch (stage, "name", &name);
  watch (stage, "handoff", &handoff);
  watch (stage, "channel", &channel);
  watch (stage, "staff-feeling", &other);

  staple_stage_set_customer_feeling (stage, 0);
  g_assert_cmpuint (feeling.count, ==, 0);
  staple_stage_set_customer_feeling (stage, 2);
  g_assert_cmpuint (feeling.count, ==, 1);
  staple_stage_set_customer_feeling (stage, 8);
  g_assert_cmpuint (feeling.count, ==, 1);
  staple_stage_set_customer_feeling (stage, 2);
  g_assert_cmpuint (feeling.count, ==, 1);

  staple_stage_set_name (stage, "");
  staple_stage_set_name (stage, NULL);
  g_assert_cmpuint (name.count, ==, 0);
  staple_stage_set_name (stage, "Check the claim");
  staple_stage_set_name (stage, "Check the claim");
  g_assert_cmpuint (name.count, ==, 1);

  staple_stage_set_handoff (stage, TRUE);
  staple_stage_set_handoff (stage, 2);
  g_assert_cmpuint (handoff.count, ==, 1);
  g_assert_true (staple_stage_get_handoff (stage) == TRUE);

  staple_stage_set_channel (stage, STAPLE_CHANNEL_INTERNAL);
  g_assert_cmpuint (channel.count, ==, 0);
  g_object_set (stage, "channel", STAPLE_CHANNEL_PHONE, NULL);
  g_assert_cmpuint (channel.count, ==, 1);
  g_assert_cmpint (staple_stage_get_channel (stage), ==, STAPLE_CHANNEL_PHONE);

  /* Setting one property never notifies another. */
  g_assert_cmpuint (other.count, ==, 0);
}

static void
test_stage_properties (void)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();
  g_autofree char *notes = NULL;
  int wait_minutes;
  gboolean dropped;
  gint64 session_id;

  g_object_set (stage,
                "session-id", (gint64) 12,
                "wait-minutes", 90,
                "dropped", TRUE,
                "notes", "Lost in the post",
                NULL);
  g_object_get (stage,
                "session-id", &session_id,
                "wait-minutes", &wait_minutes,
                "dropped", &dropped,
                "notes", &notes,
                NULL);

  g_assert_cmpint (session_id, ==, 12);
  g_assert_cmpint (wait_minutes, ==, 90);
  g_assert_true (dropped);
  g_assert_cmpstr (notes, ==, "Lost in the post");
}

static void
test_vote_properties (void)
{
  g_autoptr(StapleVote) vote = staple_vote_new ();
  NotifyCounter counter;

  watch (vote, "friction-id", &counter);
  staple_vote_set_participant_id (vote, 3);
  staple_vote_set_friction_id (vote, 7);
  staple_vote_set_friction_id (vote, 7);
  g_assert_cmpint (staple_vote_get_participant_id (vote), ==, 3);
  g_assert_cmpint (staple_vote_get_friction_id (vote), ==, 7);
  g_assert_cmpuint (counter.count, ==, 1);
}

static void
test_action_defaults (void)
{
  g_autoptr(StapleAction) action = staple_action_new ();
  guint n_ids = 99;
  guint n_property = 99;

  g_assert_cmpint (staple_action_get_status (action), ==, STAPLE_ACTION_STATUS_OPEN);
  g_assert_cmpint (staple_action_get_owner_id (action), ==, 0);
  g_assert_cmpstr (staple_action_get_due (action), ==, "");
  g_assert_cmpstr (staple_action_get_text (action), ==, "");
  g_assert_nonnull (staple_action_get_friction_ids (action, &n_ids));
  g_assert_cmpuint (n_ids, ==, 0);
  g_object_get (action, "n-friction-ids", &n_property, NULL);
  g_assert_cmpuint (n_property, ==, 0);
}

static void
test_action_friction_ids (void)
{
  g_autoptr(StapleAction) action = staple_action_new ();
  const gint64 first[] = { 5, 2, 5, 9 };
  const gint64 same[] = { 5, 2, 9 };
  const gint64 reordered[] = { 9, 2, 5 };
  const gint64 *ids;
  NotifyCounter counter;
  guint n_ids = 0;
  guint n_property = 0;

  watch (action, "n-friction-ids", &counter);

  staple_action_set_friction_ids (action, first, G_N_ELEMENTS (first));
  g_assert_cmpuint (counter.count, ==, 1);
  ids = staple_action_get_friction_ids (action, &n_ids);
  g_assert_cmpuint (n_ids, ==, 3);
  g_assert_cmpint (ids[0], ==, 5);
  g_assert_cmpint (ids[1], ==, 2);
  g_assert_cmpint (ids[2], ==, 9);
  g_object_get (action, "n-friction-ids", &n_property, NULL);
  g_assert_cmpuint (n_property, ==, 3);

  /* The same set again changes nothing. */
  staple_action_set_friction_ids (action, same, G_N_ELEMENTS (same));
  g_assert_cmpuint (counter.count, ==, 1);

  /* A new order is a change even though the number is the same. */
  staple_action_set_friction_ids (action, reordered, G_N_ELEMENTS (reordered));
  g_assert_cmpuint (counter.count, ==, 2);
  ids = staple_action_get_friction_ids (action, NULL);
  g_assert_cmpint (ids[0], ==, 9);
  g_assert_cmpint (ids[2], ==, 5);

  staple_action_set_friction_ids (action, NULL, 0);
  g_assert_cmpuint (counter.count, ==, 3);
  staple_action_get_friction_ids (action, &n_ids);
  g_assert_cmpuint (n_ids, ==, 0);
}

static void
test_empowerment_properties (void)
{
  g_autoptr(StapleEmpowerment) empowerment = staple_empowerment_new ();

  g_assert_cmpstr (staple_empowerment_get_text (empowerment), ==, "");
  staple_empowerment_set_text (empowerment, "Refunds up to 50 euros");
  g_assert_cmpstr (staple_empowerment_get_text (empowerment), ==, "Refunds up to 50 euros");
}

static void
test_summary_properties (void)
{
  g_autoptr(StapleSessionSummary) summary = staple_session_summary_new ();
  NotifyCounter counter;

  g_assert_cmpstr (staple_session_summary_get_title (summary), ==, "");
  g_assert_cmpuint (staple_session_summary_get_n_stages (summary), ==, 0);

  watch (summary, "n-open-actions", &counter);
  staple_session_summary_set_n_open_actions (summary, 4);
  staple_session_summary_set_n_open_actions (summary, 4);
  g_assert_cmpuint (counter.count, ==, 1);
  g_assert_cmpuint (staple_session_summary_get_n_open_actions (summary), ==, 4);

  staple_session_summary_set_updated (summary, 1700000000);
  g_assert_cmpint (staple_session_summary_get_updated (summary), ==, 1700000000);
  staple_session_summary_set_n_frictions (summary, 11);
  g_assert_cmpuint (staple_session_summary_get_n_frictions (summary), ==, 11);
}

static void
test_session_collections (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  struct {
    GListStore *store;
    GType       type;
  } stores[] = {
    { staple_session_get_participants (session), STAPLE_TYPE_PARTICIPANT },
    { staple_session_get_stages (session), STAPLE_TYPE_STAGE },
    { staple_session_get_votes (session), STAPLE_TYPE_VOTE },
    { staple_session_get_actions (session), STAPLE_TYPE_ACTION },
    { staple_session_get_empowerments (session), STAPLE_TYPE_EMPOWERMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_assert_nonnull (stores[i].store);
      g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (stores[i].store)) == stores[i].type);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stores[i].store)), ==, 0);
    }

  g_assert_cmpstr (staple_session_get_source (session), ==, "");
  g_assert_cmpstr (staple_session_get_work_item (session), ==, "");
}

static void
phase_seconds_changed_cb (StapleSession *session,
                          int            phase,
                          gpointer       user_data)
{
  GArray *phases = user_data;

  g_array_append_val (phases, phase);
}

static void
test_session_workshop (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (int));
  NotifyCounter phase_counter;
  NotifyCounter dots_counter;
  NotifyCounter stage_counter;

  g_assert_cmpint (staple_session_get_phase (session), ==, STAPLE_PHASE_FRAME);
  g_assert_cmpint (staple_session_get_dots_per_participant (session), ==, STAPLE_DOTS_DEFAULT);
  g_assert_cmpint (staple_session_get_current_stage_id (session), ==, 0);
  for (int phase = 0; phase < STAPLE_N_PHASES; phase++)
    g_assert_cmpuint (staple_session_get_phase_seconds (session, phase), ==, 0);

  watch (session, "phase", &phase_counter);
  watch (session, "dots-per-participant", &dots_counter);
  watch (session, "current-stage-id", &stage_counter);

  staple_session_set_phase (session, STAPLE_PHASE_WALK);
  staple_session_set_phase (session, STAPLE_PHASE_WALK);
  g_assert_cmpuint (phase_counter.count, ==, 1);
  g_object_set (session, "phase", STAPLE_PHASE_CLOSE, NULL);
  g_assert_cmpint (staple_session_get_phase (session), ==, STAPLE_PHASE_CLOSE);
  g_assert_cmpuint (phase_counter.count, ==, 2);

  /* Dots are clamped to the range a sheet of stickers allows. */
  staple_session_set_dots_per_participant (session, 0);
  g_assert_cmpint (staple_session_get_dots_per_participant (session), ==, STAPLE_DOTS_MIN);
  staple_session_set_dots_per_participant (session, 500);
  g_assert_cmpint (staple_session_get_dots_per_participant (session), ==, STAPLE_DOTS_MAX);
  staple_session_set_dots_per_participant (session, STAPLE_DOTS_MAX);
  g_assert_cmpuint (dots_counter.count, ==, 2);

  staple_session_set_current_stage_id (session, -3);
  g_assert_cmpuint (stage_counter.count, ==, 0);
  staple_session_set_current_stage_id (session, 42);
  g_assert_cmpint (staple_session_get_current_stage_id (session), ==, 42);
  g_assert_cmpuint (stage_counter.count, ==, 1);

  /* Time per phase: a signal per change, naming the phase. */
  g_signal_connect (session, "phase-seconds-changed", G_CALLBACK (phase_seconds_changed_cb),
                    changed);
  staple_session_set_phase_seconds (session, STAPLE_PHASE_MAP, 300);
  staple_session_set_phase_seconds (session, STAPLE_PHASE_MAP, 300);
  staple_session_set_phase_seconds (session, STAPLE_PHASE_COMMIT, 5);
  g_assert_cmpuint (staple_session_get_phase_seconds (session, STAPLE_PHASE_MAP), ==, 300);
  g_assert_cmpuint (staple_session_get_phase_seconds (session, STAPLE_PHASE_COMMIT), ==, 5);
  g_assert_cmpuint (staple_session_get_phase_seconds (session, STAPLE_PHASE_WALK), ==, 0);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpint (g_array_index (changed, int, 0), ==, STAPLE_PHASE_MAP);
  g_assert_cmpint (g_array_index (changed, int, 1), ==, STAPLE_PHASE_COMMIT);
}

static StapleStage *
add_stage (StapleSession *session,
           gint64         id,
           guint          n_frictions,
           gint64         first_friction_id)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();

  staple_stage_set_id (stage, id);
  for (guint i = 0; i < n_frictions; i++)
    {
      g_autoptr(StapleFriction) friction = staple_friction_new ();

      staple_friction_set_id (friction, first_friction_id + i);
      staple_friction_set_stage_id (friction, id);
      staple_friction_set_position (friction, i);
      g_list_store_append (staple_stage_get_frictions (stage), friction);
    }

  g_list_store_append (staple_session_get_stages (session), stage);

  return stage;
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

static void
test_session_find (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleParticipant) ana = staple_participant_new ();
  g_autoptr(StapleParticipant) ben = staple_participant_new ();
  StapleStage *first = add_stage (session, 10, 2, 100);
  StapleStage *second = add_stage (session, 20, 0, 0);
  StapleStage *third = add_stage (session, 30, 3, 200);
  StapleStage *found_stage = NULL;
  StapleFriction *friction;
  guint index = 99;

  staple_participant_set_id (ana, 1);
  staple_participant_set_id (ben, 2);
  g_list_store_append (staple_session_get_participants (session), ana);
  g_list_store_append (staple_session_get_participants (session), ben);

  g_assert_true (staple_session_find_stage (session, 20, &index) == second);
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (staple_session_find_stage (session, 10, NULL) == first);
  g_assert_null (staple_session_find_stage (session, 40, NULL));
  g_assert_null (staple_session_find_stage (session, 0, NULL));

  friction = staple_session_find_friction (session, 202, &found_stage, &index);
  g_assert_nonnull (friction);
  g_assert_cmpint (staple_friction_get_id (friction), ==, 202);
  g_assert_true (found_stage == third);
  g_assert_cmpuint (index, ==, 2);
  friction = staple_session_find_friction (session, 101, NULL, NULL);
  g_assert_nonnull (friction);
  g_assert_cmpint (staple_friction_get_stage_id (friction), ==, 10);
  found_stage = NULL;
  g_assert_null (staple_session_find_friction (session, 300, &found_stage, NULL));
  g_assert_null (found_stage);

  g_assert_true (staple_session_find_participant (session, 2, &index) == ben);
  g_assert_cmpuint (index, ==, 1);
  g_assert_null (staple_session_find_participant (session, 3, NULL));

  g_assert_cmpuint (staple_session_count_frictions (session), ==, 5);

  add_vote (session, 1, 101);
  add_vote (session, 2, 101);
  add_vote (session, 2, 200);
  g_assert_cmpuint (staple_session_count_votes_for (session, 101), ==, 2);
  g_assert_cmpuint (staple_session_count_votes_for (session, 200), ==, 1);
  g_assert_cmpuint (staple_session_count_votes_for (session, 201), ==, 0);

  g_assert_cmpuint (staple_session_count_dots_of (session, 2), ==, 2);
  g_assert_cmpuint (staple_session_count_dots_of (session, 1), ==, 1);
  g_assert_cmpuint (staple_session_count_dots_of (session, 3), ==, 0);
}

static void
test_catalogue_labels (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (staple_channel_get_label (STAPLE_CHANNEL_PHONE), ==, "Phone");
  g_assert_cmpstr (staple_channel_get_label (STAPLE_CHANNEL_IN_PERSON), ==, "In person");
  g_assert_cmpstr (staple_channel_get_label (STAPLE_CHANNEL_INTERNAL), ==, "Internal");
  g_assert_cmpstr (staple_friction_kind_get_label (STAPLE_FRICTION_KIND_TRUST), ==,
                   "Trust and approval");
  g_assert_cmpstr (staple_friction_kind_get_label (STAPLE_FRICTION_KIND_SILO), ==,
                   "Silo and handoff");
  g_assert_cmpstr (staple_friction_kind_get_label (STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS), ==,
                   "Unclear expectations");
  g_assert_cmpstr (staple_action_status_get_label (STAPLE_ACTION_STATUS_IN_PROGRESS), ==,
                   "In progress");
  g_assert_cmpstr (staple_principle_get_label (STAPLE_PRINCIPLE_NONE), ==, "No principle yet");
  g_assert_cmpstr (staple_principle_get_label (STAPLE_PRINCIPLE_POLICIES_FOR_EDGE_CASES), ==,
                   "Keep policies for edge cases");
  g_assert_cmpstr (staple_principle_get_label (STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING), ==,
                   "Let people decide without escalating");

  /* Every principle has its own label and explanation. */
  for (int p = STAPLE_PRINCIPLE_NONE; p <= STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING; p++)
    {
      const char *label = staple_principle_get_label (p);
      const char *explanation = staple_principle_get_explanation (p);

      g_assert_nonnull (label);
      g_assert_nonnull (explanation);
      g_assert_cmpuint (strlen (label), >, 0);
      g_assert_cmpuint (strlen (explanation), >, strlen (label));
      g_assert_false (g_hash_table_contains (seen, label));
      g_assert_false (g_hash_table_contains (seen, explanation));
      g_hash_table_add (seen, (char *) label);
      g_hash_table_add (seen, (char *) explanation);
    }

  for (int k = STAPLE_FRICTION_KIND_POLICY; k <= STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS; k++)
    g_assert_nonnull (staple_friction_kind_get_label (k));
}

static void
test_catalogue_phases (void)
{
  static const char * const labels[] = {
    "Frame", "Map", "Walk", "Diagnose", "Prioritise", "Commit", "Close",
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (G_N_ELEMENTS (labels), ==, STAPLE_N_PHASES);
  for (int phase = 0; phase < STAPLE_N_PHASES; phase++)
    {
      const char *purpose = staple_phase_get_purpose (phase);
      const char *capture = staple_phase_get_capture (phase);

      g_assert_cmpstr (staple_phase_get_label (phase), ==, labels[phase]);
      g_assert_nonnull (purpose);
      g_assert_nonnull (capture);
      /* One or two sentences, and one short one: room on a phase bar. */
      g_assert_cmpuint (strlen (purpose), >, strlen (labels[phase]));
      g_assert_cmpuint (g_utf8_strlen (purpose, -1), <=, 200);
      g_assert_cmpuint (strlen (capture), >, 0);
      g_assert_cmpuint (g_utf8_strlen (capture, -1), <=, 100);
      g_assert_true (g_str_has_suffix (purpose, "."));
      g_assert_true (g_str_has_suffix (capture, "."));
      g_assert_false (g_hash_table_contains (seen, purpose));
      g_assert_false (g_hash_table_contains (seen, capture));
      g_hash_table_add (seen, (char *) purpose);
      g_hash_table_add (seen, (char *) capture);
    }
}

static void
test_catalogue_dates (void)
{
  static const char * const valid[] = { "2024-02-29", "1999-12-31", "0001-01-01" };
  static const char * const invalid[] = {
    "", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01", "2024-1-01",
    "2024/01/01", "24-01-01", "2024-01-01 ", " 2024-01-01", "2024-01-0a", "tomorrow",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (staple_date_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_false (staple_date_is_valid (invalid[i]));
    }
}

/* A date in words: no padding before a one-digit day (GLib pads %e with a
 * figure space), and what is not a date comes back as it is. */
static void
test_catalogue_long_dates (void)
{
  g_autofree char *fourth = staple_date_format_long ("2026-12-04");
  g_autofree char *fourteenth = staple_date_format_long ("2026-10-14");
  g_autofree char *other = staple_date_format_long ("some Tuesday");

  g_assert_cmpstr (fourth, ==, "4 December 2026");
  g_assert_cmpstr (fourteenth, ==, "14 October 2026");
  g_assert_cmpstr (other, ==, "some Tuesday");
}

static void
check_format_due (const char *due,
                  const char *format,
                  const char *shown)
{
  g_autofree char *text = staple_action_format_due (due, format);

  g_assert_cmpstr (text, ==, shown);
}

/* Due dates typed as people write them, and shown back so. */
static void
test_action_due_dates (void)
{
  static const struct { const char *text; const char *format; const char *due; } valid[] = {
    { "2026-12-31", "%d/%m/%y", "2026-12-31" },
    { " 2026-3-5 ", "%d/%m/%y", "2026-03-05" },
    { "", "%d/%m/%y", "" },
    { "   ", "%m/%d/%y", "" },
    { "31/12/2026", "%d/%m/%y", "2026-12-31" },
    { "31/12/26", "%d/%m/%y", "2026-12-31" },
    { "5/3/2026", "%d/%m/%Y", "2026-03-05" },
    { "12/31/2026", "%m/%d/%y", "2026-12-31" },
    { "12/31/2026", "%D", "2026-12-31" },
    { "29.02.2028", "%d.%m.%Y", "2028-02-29" },
    { "2026年12月31日", "%Y年%m月%d日", "2026-12-31" },
    { "2026-12-31", "%F", "2026-12-31" },
  };
  static const struct { const char *text; const char *format; } invalid[] = {
    { "31/12/2026", "%m/%d/%y" }, { "29.02.2027", "%d.%m.%Y" }, { "2026-02-30", "%d/%m/%y" },
    { "26-12-31", "%d/%m/%y" }, { "31/12/202", "%d/%m/%y" }, { "31/12/20266", "%d/%m/%Y" },
    { "tomorrow", "%d/%m/%y" }, { "31/12", "%d/%m/%y" }, { "31/12/2026x", "%d/%m/%y" },
    { "31 12 2026", "%d/%m/%y" }, { "Dec 31 2026", "%b %d %Y" }, { "0/12/2026", "%d/%m/%Y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *due = NULL;

      g_test_message ("“%s” with %s", valid[i].text, valid[i].format);
      g_assert_true (staple_action_parse_due (valid[i].text, valid[i].format, &due, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (due, ==, valid[i].due);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      char *due = (char *) "untouched";

      g_test_message ("“%s” with %s", invalid[i].text, invalid[i].format);
      g_assert_false (staple_action_parse_due (invalid[i].text, invalid[i].format, &due, &error));
      g_assert_error (error, STAPLE_ACTION_ERROR, STAPLE_ACTION_ERROR_INVALID_DATE);
      g_assert_null (due);
      /* The message quotes what was typed and says how to write a date. */
      g_assert_nonnull (strstr (error->message, invalid[i].text));
      g_assert_nonnull (strstr (error->message, "2026-12-31"));
    }

  /* Shown in the locale's form with four digits for the year; what is not a
   * date, or a format with more than a day, a month and a year, as it is. */
  check_format_due ("2026-03-05", "%d/%m/%y", "05/03/2026");
  check_format_due ("2026-03-05", "%m/%d/%y", "03/05/2026");
  check_format_due ("2026-03-05", "%D", "03/05/2026");
  check_format_due ("2026-03-05", "%e.%m.%Y", "5.03.2026");
  check_format_due ("2026-03-05", "%a %d %b %Y", "2026-03-05");
  check_format_due ("", "%d/%m/%y", "");
  check_format_due ("soon", "%d/%m/%y", "soon");

  /* Whatever the locale, its own form is read back as what it shows. */
  for (guint i = 0; i < 3; i++)
    {
      const char *due = (const char *[]) { "2026-12-31", "2028-02-29", "2027-01-05" }[i];
      g_autofree char *shown = staple_action_format_due (due, NULL);
      g_autofree char *back = NULL;

      g_assert_true (staple_action_parse_due (shown, NULL, &back, NULL));
      g_assert_cmpstr (back, ==, due);
    }
}

static void
check_nicks (GType               type,
             const char * const *nicks,
             int                 n_nicks)
{
  int value = -1;

  for (int i = 0; i < n_nicks; i++)
    {
      g_assert_cmpstr (staple_enum_to_nick (type, i), ==, nicks[i]);
      g_assert_true (staple_enum_from_nick (type, nicks[i], &value));
      g_assert_cmpint (value, ==, i);
    }

  g_assert_null (staple_enum_to_nick (type, n_nicks));
  g_assert_null (staple_enum_to_nick (type, -1));
  value = 77;
  g_assert_false (staple_enum_from_nick (type, "no-such-nick", &value));
  g_assert_cmpint (value, ==, 77);
}

static void
test_catalogue_nicks (void)
{
  const char * const channels[] = { "phone", "web", "email", "in-person", "internal" };
  const char * const kinds[] = {
    "policy", "process", "product", "trust", "tools", "silo", "time-pressure",
    "unclear-expectations"
  };
  const char * const principles[] = {
    "none", "hire-for-the-person", "design-from-the-customer", "trust-judgement",
    "model-the-behaviour", "stop-blaming-customers", "no-tools-for-systemic-problems",
    "fix-the-product-first", "cooperate-across-silos", "give-people-time",
    "policies-for-edge-cases", "set-clear-expectations", "decide-without-escalating"
  };
  const char * const statuses[] = { "open", "in-progress", "done", "dropped" };
  const char * const phases[] = {
    "frame", "map", "walk", "diagnose", "prioritise", "commit", "close"
  };

  check_nicks (STAPLE_TYPE_CHANNEL, channels, G_N_ELEMENTS (channels));
  check_nicks (STAPLE_TYPE_FRICTION_KIND, kinds, G_N_ELEMENTS (kinds));
  check_nicks (STAPLE_TYPE_PRINCIPLE, principles, G_N_ELEMENTS (principles));
  check_nicks (STAPLE_TYPE_ACTION_STATUS, statuses, G_N_ELEMENTS (statuses));
  check_nicks (STAPLE_TYPE_PHASE, phases, G_N_ELEMENTS (phases));
}

static const char valid_json[] =
  "{\n"
  "  \"title\": \"Boiler claims\",\n"
  "  \"organisation\": \"Acme Insurance\",\n"
  "  \"date\": \"2024-02-29\",\n"
  "  \"location\": \"Room 4\",\n"
  "  \"facilitator\": \"Dee\",\n"
  "  \"customer\": \"Mrs Jones\",\n"
  "  \"work_item\": \"A claim for a broken boiler\",\n"
  "  \"question\": \"Why does it take six weeks?\",\n"
  "  \"phase\": \"diagnose\",\n"
  "  \"dots_per_participant\": 4,\n"
  "  \"participants\": [\n"
  "    { \"key\": \"p1\", \"name\": \"Ana\", \"role\": \"Call handler\" },\n"
  "    { \"key\": \"p2\", \"name\": \"Ben\", \"role\": \"Assessor\", \"abstains\": false },\n"
  "    { \"name\": \"Cy\", \"abstains\": true }\n"
  "  ],\n"
  "  \"stages\": [\n"
  "    { \"name\": \"Phone in\", \"team\": \"Contact centre\", \"channel\": \"phone\",\n"
  "      \"work_minutes\": 12, \"wait_minutes\": 30, \"handoff\": false, \"dropped\": false,\n"
  "      \"customer_feeling\": -1, \"staff_feeling\": 1, \"notes\": \"Long menu\",\n"
  "      \"frictions\": [\n"
  "        { \"key\": \"f1\", \"text\": \"Same questions twice\", \"kind\": \"process\",\n"
  "          \"severity\": 2, \"principle\": \"design-from-the-customer\", \"notes\": \"n1\" },\n"
  "        { \"key\": \"f2\", \"text\": \"Manager must approve\", \"kind\": \"trust\",\n"
  "          \"severity\": 5, \"principle\": \"decide-without-escalating\" }\n"
  "      ] },\n"
  "    { \"name\": \"Wait for assessor\", \"channel\": \"internal\", \"wait_minutes\": 525600,\n"
  "      \"handoff\": true },\n"
  "    { \"name\": \"Visit\", \"channel\": \"in-person\", \"dropped\": true,\n"
  "      \"customer_feeling\": -2, \"staff_feeling\": -2,\n"
  "      \"frictions\": [\n"
  "        { \"key\": \"f3\", \"text\": \"Form lost\", \"kind\": \"silo\" }\n"
  "      ] }\n"
  "  ],\n"
  "  \"votes\": [\n"
  "    { \"participant\": \"p1\", \"friction\": \"f2\" },\n"
  "    { \"participant\": \"p2\", \"friction\": \"f2\" },\n"
  "    { \"friction\": \"f3\" }\n"
  "  ],\n"
  "  \"actions\": [\n"
  "    { \"text\": \"Let handlers approve\", \"owner\": \"p2\", \"due\": \"2024-03-31\",\n"
  "      \"status\": \"in-progress\", \"frictions\": [\"f3\", \"f1\"] },\n"
  "    { \"text\": \"Think\", \"due\": \"\" }\n"
  "  ],\n"
  "  \"empowerment\": [ \"Approve repairs under 200 euros\", \"Call the customer back\" ]\n"
  "}\n";

static gpointer
get_item (GListStore *store,
          guint       position)
{
  gpointer item = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_assert_nonnull (item);
  /* The store keeps the item alive for the rest of the test. */
  g_object_unref (item);

  return item;
}

static void
check_valid_stages (StapleSession *session)
{
  GListStore *stages = staple_session_get_stages (session);
  StapleStage *stage;
  StapleFriction *friction;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stages)), ==, 3);

  stage = get_item (stages, 0);
  g_assert_cmpint (staple_stage_get_id (stage), ==, 1);
  g_assert_cmpint (staple_stage_get_position (stage), ==, 0);
  g_assert_cmpstr (staple_stage_get_name (stage), ==, "Phone in");
  g_assert_cmpstr (staple_stage_get_team (stage), ==, "Contact centre");
  g_assert_cmpint (staple_stage_get_channel (stage), ==, STAPLE_CHANNEL_PHONE);
  g_assert_cmpint (staple_stage_get_work_minutes (stage), ==, 12);
  g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, 30);
  g_assert_cmpint (staple_stage_get_customer_feeling (stage), ==, -1);
  g_assert_cmpint (staple_stage_get_staff_feeling (stage), ==, 1);
  g_assert_cmpstr (staple_stage_get_notes (stage), ==, "Long menu");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage))),
                    ==, 2);

  friction = get_item (staple_stage_get_frictions (stage), 1);
  g_assert_cmpint (staple_friction_get_id (friction), ==, 2);
  g_assert_cmpint (staple_friction_get_stage_id (friction), ==, 1);
  g_assert_cmpint (staple_friction_get_position (friction), ==, 1);
  g_assert_cmpstr (staple_friction_get_text (friction), ==, "Manager must approve");
  g_assert_cmpint (staple_friction_get_kind (friction), ==, STAPLE_FRICTION_KIND_TRUST);
  g_assert_cmpint (staple_friction_get_severity (friction), ==, 5);
  g_assert_cmpint (staple_friction_get_principle (friction), ==,
                   STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING);

  friction = get_item (staple_stage_get_frictions (stage), 0);
  g_assert_cmpstr (staple_friction_get_notes (friction), ==, "n1");
  g_assert_cmpint (staple_friction_get_severity (friction), ==, 2);

  stage = get_item (stages, 1);
  g_assert_cmpint (staple_stage_get_id (stage), ==, 2);
  g_assert_cmpint (staple_stage_get_position (stage), ==, 1);
  g_assert_cmpint (staple_stage_get_wait_minutes (stage), ==, 525600);
  g_assert_true (staple_stage_get_handoff (stage));
  g_assert_false (staple_stage_get_dropped (stage));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage))),
                    ==, 0);

  stage = get_item (stages, 2);
  g_assert_cmpint (staple_stage_get_channel (stage), ==, STAPLE_CHANNEL_IN_PERSON);
  g_assert_true (staple_stage_get_dropped (stage));
  g_assert_cmpint (staple_stage_get_customer_feeling (stage), ==, -2);
  friction = get_item (staple_stage_get_frictions (stage), 0);
  g_assert_cmpint (staple_friction_get_id (friction), ==, 3);
  g_assert_cmpint (staple_friction_get_stage_id (friction), ==, 3);
  g_assert_cmpint (staple_friction_get_position (friction), ==, 0);
  g_assert_cmpint (staple_friction_get_kind (friction), ==, STAPLE_FRICTION_KIND_SILO);
  /* Absent fields keep their defaults. */
  g_assert_cmpint (staple_friction_get_severity (friction), ==, STAPLE_SEVERITY_DEFAULT);
  g_assert_cmpint (staple_friction_get_principle (friction), ==, STAPLE_PRINCIPLE_NONE);
}

static void
check_valid_actions (StapleSession *session)
{
  GListStore *actions = staple_session_get_actions (session);
  StapleAction *action;
  const gint64 *ids;
  guint n_ids = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (actions)), ==, 2);

  action = get_item (actions, 0);
  g_assert_cmpint (staple_action_get_id (action), ==, 1);
  g_assert_cmpstr (staple_action_get_text (action), ==, "Let handlers approve");
  g_assert_cmpint (staple_action_get_owner_id (action), ==, 2);
  g_assert_cmpstr (staple_action_get_due (action), ==, "2024-03-31");
  g_assert_cmpint (staple_action_get_status (action), ==, STAPLE_ACTION_STATUS_IN_PROGRESS);
  ids = staple_action_get_friction_ids (action, &n_ids);
  g_assert_cmpuint (n_ids, ==, 2);
  g_assert_cmpint (ids[0], ==, 3);
  g_assert_cmpint (ids[1], ==, 1);

  action = get_item (actions, 1);
  g_assert_cmpint (staple_action_get_id (action), ==, 2);
  g_assert_cmpint (staple_action_get_owner_id (action), ==, 0);
  g_assert_cmpstr (staple_action_get_due (action), ==, "");
  g_assert_cmpint (staple_action_get_status (action), ==, STAPLE_ACTION_STATUS_OPEN);
  staple_action_get_friction_ids (action, &n_ids);
  g_assert_cmpuint (n_ids, ==, 0);
}

static void
test_json_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = staple_session_new_from_json (valid_json, -1, &error);
  GListStore *participants;
  GListStore *votes;
  GListStore *empowerments;
  StapleParticipant *participant;
  StapleVote *vote;

  g_assert_no_error (error);
  g_assert_nonnull (session);

  g_assert_cmpint (staple_session_get_id (session), ==, 0);
  g_assert_cmpstr (staple_session_get_title (session), ==, "Boiler claims");
  g_assert_cmpstr (staple_session_get_organisation (session), ==, "Acme Insurance");
  g_assert_cmpstr (staple_session_get_date (session), ==, "2024-02-29");
  g_assert_cmpstr (staple_session_get_location (session), ==, "Room 4");
  g_assert_cmpstr (staple_session_get_facilitator (session), ==, "Dee");
  g_assert_cmpstr (staple_session_get_customer (session), ==, "Mrs Jones");
  g_assert_cmpstr (staple_session_get_work_item (session), ==, "A claim for a broken boiler");
  g_assert_cmpstr (staple_session_get_question (session), ==, "Why does it take six weeks?");
  g_assert_cmpstr (staple_session_get_source (session), ==, "");
  g_assert_cmpint (staple_session_get_phase (session), ==, STAPLE_PHASE_DIAGNOSE);
  g_assert_cmpint (staple_session_get_dots_per_participant (session), ==, 4);
  g_assert_cmpint (staple_session_get_current_stage_id (session), ==, 0);

  participants = staple_session_get_participants (session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (participants)), ==, 3);
  participant = get_item (participants, 1);
  g_assert_cmpint (staple_participant_get_id (participant), ==, 2);
  g_assert_cmpstr (staple_participant_get_name (participant), ==, "Ben");
  g_assert_cmpstr (staple_participant_get_role (participant), ==, "Assessor");
  participant = get_item (participants, 2);
  g_assert_cmpint (staple_participant_get_id (participant), ==, 3);
  g_assert_cmpstr (staple_participant_get_role (participant), ==, "");
  g_assert_true (staple_participant_get_abstains (participant));
  g_assert_false (staple_participant_get_abstains (get_item (participants, 0)));
  g_assert_false (staple_participant_get_abstains (get_item (participants, 1)));

  check_valid_stages (session);
  g_assert_cmpuint (staple_session_count_frictions (session), ==, 3);
  g_assert_nonnull (staple_session_find_friction (session, 3, NULL, NULL));

  votes = staple_session_get_votes (session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (votes)), ==, 3);
  vote = get_item (votes, 1);
  g_assert_cmpint (staple_vote_get_id (vote), ==, 2);
  g_assert_cmpint (staple_vote_get_participant_id (vote), ==, 2);
  g_assert_cmpint (staple_vote_get_friction_id (vote), ==, 2);
  vote = get_item (votes, 2);
  g_assert_cmpint (staple_vote_get_participant_id (vote), ==, 0);
  g_assert_cmpint (staple_vote_get_friction_id (vote), ==, 3);
  g_assert_cmpuint (staple_session_count_votes_for (session, 2), ==, 2);
  g_assert_cmpuint (staple_session_count_votes_for (session, 1), ==, 0);

  check_valid_actions (session);

  empowerments = staple_session_get_empowerments (session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empowerments)), ==, 2);
  g_assert_cmpint (staple_empowerment_get_id (get_item (empowerments, 1)), ==, 2);
  g_assert_cmpstr (staple_empowerment_get_text (get_item (empowerments, 1)), ==,
                   "Call the customer back");
}

static void
test_json_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = staple_session_new_from_json ("{\"title\": \"Only a title\"}",
                                                                   -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (staple_session_get_title (session), ==, "Only a title");
  g_assert_cmpstr (staple_session_get_date (session), ==, "");
  g_assert_cmpstr (staple_session_get_organisation (session), ==, "");
  g_assert_cmpint (staple_session_get_phase (session), ==, STAPLE_PHASE_FRAME);
  g_assert_cmpint (staple_session_get_dots_per_participant (session), ==, STAPLE_DOTS_DEFAULT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (session))),
                    ==, 0);
  g_assert_cmpuint (staple_session_count_frictions (session), ==, 0);
}

static void
test_json_length (void)
{
  /* Only the first @length bytes count: the rest would be a syntax error. */
  const char data[] = "{\"title\": \"Cut\"}garbage";
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = staple_session_new_from_json (data, strlen ("{\"title\": \"Cut\"}"),
                                                                   &error);

  g_assert_no_error (error);
  g_assert_cmpstr (staple_session_get_title (session), ==, "Cut");
}

typedef struct
{
  const char *name;
  const char *json;
  const char *message;  /* a part of the error message */
} InvalidCase;

#define STAGE(x) "{\"title\": \"t\", \"stages\": [" x "]}"
#define FRICTION(x) STAGE ("{\"frictions\": [" x "]}")
#define WITH_REFS(x) \
  "{\"title\": \"t\", \"participants\": [{\"key\": \"p1\"}], " \
  "\"stages\": [{\"frictions\": [{\"key\": \"f1\"}, {\"key\": \"f2\"}]}], " x "}"

static const InvalidCase invalid_cases[] = {
  { "syntax", "{\"title\": ", "JSON" },
  { "empty", "", "" },
  { "not-object", "[1, 2]", "" },
  { "no-title", "{}", "title" },
  { "empty-title", "{\"title\": \"\"}", "title" },
  { "title-not-string", "{\"title\": 12}", "'title' must be a string" },
  { "title-null", "{\"title\": null}", "'title' must be a string" },
  { "unknown-field", "{\"title\": \"t\", \"titel\": \"t\"}", "unknown field 'titel'" },
  { "date-impossible", "{\"title\": \"t\", \"date\": \"2023-02-29\"}", "session: 'date'" },
  { "date-short", "{\"title\": \"t\", \"date\": \"2023-2-1\"}", "'date'" },
  { "date-words", "{\"title\": \"t\", \"date\": \"tomorrow\"}", "'date'" },
  { "date-month", "{\"title\": \"t\", \"date\": \"2023-13-01\"}", "'date'" },
  { "date-zero-year", "{\"title\": \"t\", \"date\": \"0000-01-01\"}", "'date'" },
  { "stages-not-list", "{\"title\": \"t\", \"stages\": {}}", "'stages' must be a list" },
  { "stage-not-object", STAGE ("{}, 3"), "stage 2: must be an object" },
  { "stage-unknown-field", STAGE ("{\"nmae\": \"x\"}"), "stage 1: unknown field 'nmae'" },
  { "channel", STAGE ("{}, {\"channel\": \"fax\"}"), "stage 2: unknown channel 'fax'" },
  { "channel-not-string", STAGE ("{\"channel\": 1}"), "stage 1: 'channel' must be a string" },
  { "work-minutes-negative", STAGE ("{\"work_minutes\": -1}"), "stage 1: 'work_minutes'" },
  { "wait-minutes-too-big", STAGE ("{\"wait_minutes\": 525601}"), "stage 1: 'wait_minutes'" },
  { "minutes-fraction", STAGE ("{\"work_minutes\": 1.5}"), "'work_minutes' must be a whole number" },
  { "minutes-string", STAGE ("{\"work_minutes\": \"5\"}"), "'work_minutes' must be a whole number" },
  { "minutes-huge", STAGE ("{\"work_minutes\": 99999999999}"), "'work_minutes'" },
  { "customer-feeling", STAGE ("{\"customer_feeling\": 3}"), "'customer_feeling'" },
  { "staff-feeling", STAGE ("{\"staff_feeling\": -3}"), "'staff_feeling'" },
  { "handoff-not-boolean", STAGE ("{\"handoff\": \"yes\"}"), "'handoff' must be true or false" },
  { "dropped-not-boolean", STAGE ("{\"dropped\": 1}"), "'dropped' must be true or false" },
  { "frictions-not-list", STAGE ("{\"frictions\": \"f\"}"), "stage 1: 'frictions' must be a list" },
  { "kind", STAGE ("{}, {}, {\"frictions\": [{}, {\"kind\": \"foo\"}]}"),
    "stage 3, friction 2: unknown kind 'foo'" },
  { "principle", FRICTION ("{\"principle\": \"be-nice\"}"),
    "stage 1, friction 1: unknown principle 'be-nice'" },
  { "severity-low", FRICTION ("{\"severity\": 0}"), "stage 1, friction 1: 'severity'" },
  { "severity-high", FRICTION ("{\"severity\": 6}"), "stage 1, friction 1: 'severity'" },
  { "friction-not-object", FRICTION ("\"f\""), "stage 1, friction 1: must be an object" },
  { "friction-unknown-field", FRICTION ("{\"txt\": \"\"}"), "unknown field 'txt'" },
  { "friction-key-empty", FRICTION ("{\"key\": \"\"}"), "'key'" },
  { "friction-key-twice",
    STAGE ("{\"frictions\": [{\"key\": \"a\"}]}, {\"frictions\": [{\"key\": \"a\"}]}"),
    "stage 2, friction 1: the key 'a' is used twice" },
  { "participant-key-twice",
    "{\"title\": \"t\", \"participants\": [{\"key\": \"p\"}, {\"key\": \"p\"}]}",
    "participant 2: the key 'p' is used twice" },
  { "participant-unknown-field", "{\"title\": \"t\", \"participants\": [{\"nom\": \"x\"}]}",
    "participant 1: unknown field 'nom'" },
  { "participant-not-object", "{\"title\": \"t\", \"participants\": [\"Ana\"]}",
    "participant 1: must be an object" },
  { "vote-unknown-participant", WITH_REFS ("\"votes\": [{\"participant\": \"p9\", \"friction\": \"f1\"}]"),
    "vote 1: no participant has the key 'p9'" },
  { "vote-unknown-friction", WITH_REFS ("\"votes\": [{\"participant\": \"p1\", \"friction\": \"f1\"}, "
                                        "{\"participant\": \"p1\", \"friction\": \"f9\"}]"),
    "vote 2: no friction point has the key 'f9'" },
  { "vote-without-friction", WITH_REFS ("\"votes\": [{\"participant\": \"p1\"}]"),
    "vote 1: 'friction' is required" },
  { "vote-unknown-field", WITH_REFS ("\"votes\": [{\"friction\": \"f1\", \"dots\": 2}]"),
    "vote 1: unknown field 'dots'" },
  { "action-unknown-owner", WITH_REFS ("\"actions\": [{\"owner\": \"f1\"}]"),
    "action 1: no participant has the key 'f1'" },
  { "action-unknown-friction", WITH_REFS ("\"actions\": [{\"frictions\": [\"f1\", \"p1\"]}]"),
    "action 1: no friction point has the key 'p1'" },
  { "action-friction-twice", WITH_REFS ("\"actions\": [{\"frictions\": [\"f2\", \"f2\"]}]"),
    "action 1: the friction point 'f2' is listed twice" },
  { "action-frictions-not-strings", WITH_REFS ("\"actions\": [{\"frictions\": [1]}]"),
    "action 1: 'frictions'" },
  { "action-due", WITH_REFS ("\"actions\": [{}, {\"due\": \"2024-04-31\"}]"), "action 2: 'due'" },
  { "action-status", WITH_REFS ("\"actions\": [{\"status\": \"closed\"}]"),
    "action 1: unknown status 'closed'" },
  { "phase", "{\"title\": \"t\", \"phase\": \"vote\"}", "session: unknown phase 'vote'" },
  { "phase-not-string", "{\"title\": \"t\", \"phase\": 2}", "'phase' must be a string" },
  { "dots-zero", "{\"title\": \"t\", \"dots_per_participant\": 0}",
    "session: 'dots_per_participant' must be between 1 and 20, not 0" },
  { "dots-too-many", "{\"title\": \"t\", \"dots_per_participant\": 21}",
    "'dots_per_participant' must be between 1 and 20, not 21" },
  { "dots-not-number", "{\"title\": \"t\", \"dots_per_participant\": \"3\"}",
    "'dots_per_participant' must be a whole number" },
  { "abstains-not-boolean",
    "{\"title\": \"t\", \"participants\": [{}, {\"abstains\": \"yes\"}]}",
    "participant 2: 'abstains' must be true or false" },
  { "empowerment-not-list", "{\"title\": \"t\", \"empowerment\": \"all\"}",
    "'empowerment' must be a list" },
  { "empowerment-not-string", "{\"title\": \"t\", \"empowerment\": [\"a\", {}]}",
    "empowerment 2: must be a string" },
};

static void
test_json_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = staple_session_new_from_json (c->json, -1, &error);

  g_assert_null (session);
  g_assert_error (error, STAPLE_JSON_ERROR, STAPLE_JSON_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, c->message));
}

static void
test_json_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (STAPLE_JSON_ERROR), ==, "staple-json-error-quark");
}

/* What the coach types into the principle picker: a number lists the
 * principles whose number starts with it, words find a name by part or by
 * the starts of its words, in any case, with either apostrophe. */
static void
test_catalogue_principle_matches (void)
{
  g_autofree char *huge = g_strnfill (100000, 'x');
  guint n;

  for (int p = STAPLE_PRINCIPLE_NONE; p <= STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING; p++)
    {
      g_assert_true (staple_principle_matches (p, ""));
      g_assert_true (staple_principle_matches (p, "   "));
    }

  /* "1" lists 1, 10, 11 and 12, the first of them first. */
  n = 0;
  for (int p = STAPLE_PRINCIPLE_NONE; p <= STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING; p++)
    n += staple_principle_matches (p, "1");
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (staple_principle_matches (STAPLE_PRINCIPLE_GIVE_PEOPLE_TIME, "9"));
  g_assert_false (staple_principle_matches (STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS, "9"));
  g_assert_true (staple_principle_matches (STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING, " 12 "));
  g_assert_false (staple_principle_matches (STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING, "13"));

  g_assert_true (staple_principle_matches (STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS, "silo"));
  g_assert_true (staple_principle_matches (STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS, "SILO"));
  g_assert_true (staple_principle_matches (STAPLE_PRINCIPLE_DESIGN_FROM_THE_CUSTOMER,
                                           "cust back"));
  g_assert_false (staple_principle_matches (STAPLE_PRINCIPLE_GIVE_PEOPLE_TIME, "silo"));

  /* Nonsense finds nothing, and costs nothing. */
  for (int p = STAPLE_PRINCIPLE_NONE; p <= STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING; p++)
    {
      g_assert_false (staple_principle_matches (p, "zzz"));
      g_assert_false (staple_principle_matches (p, huge));
      g_assert_false (staple_principle_matches (p, "\u05e9\u05dc\u05d5\u05dd \U0001F600"));
    }
}

/* Fails unless @a and @b are distinct objects of one type with the same
 * value in every readable property. */
static void
assert_same_properties (gpointer a,
                        gpointer b)
{
  guint n = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);

  g_assert_true (a != b);
  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  for (guint i = 0; i < n; i++)
    {
      GValue x = G_VALUE_INIT, y = G_VALUE_INIT;

      if ((specs[i]->flags & G_PARAM_READABLE) == 0)
        continue;
      g_value_init (&x, specs[i]->value_type);
      g_value_init (&y, specs[i]->value_type);
      g_object_get_property (a, specs[i]->name, &x);
      g_object_get_property (b, specs[i]->name, &y);
      if (g_param_values_cmp (specs[i], &x, &y) != 0)
        g_error ("%s.%s differs in the copy", G_OBJECT_TYPE_NAME (a), specs[i]->name);
      g_value_unset (&x);
      g_value_unset (&y);
    }
}

static void
assert_same_list (GListStore *a,
                  GListStore *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  g_assert_true (a != b);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(GObject) y = g_list_model_get_item (G_LIST_MODEL (b), i);

      assert_same_properties (x, y);
      if (STAPLE_IS_STAGE (x))
        assert_same_list (staple_stage_get_frictions (STAPLE_STAGE (x)),
                          staple_stage_get_frictions (STAPLE_STAGE (y)));
      if (STAPLE_IS_ACTION (x))
        {
          guint nx = 0, ny = 0;
          const gint64 *ix = staple_action_get_friction_ids (STAPLE_ACTION (x), &nx);
          const gint64 *iy = staple_action_get_friction_ids (STAPLE_ACTION (y), &ny);

          g_assert_cmpmem (ix, nx * sizeof (gint64), iy, ny * sizeof (gint64));
        }
    }
}

/* An export in another thread works on a copy: everything the session
 * holds, ids, votes, links and clocks, is the same in it, and nothing the
 * coach changes meanwhile reaches it. */
static void
test_session_copy (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleSession) copy = NULL;
  g_autoptr(StapleStage) first = NULL;
  g_autoptr(StapleFriction) card = NULL;
  g_autoptr(StapleStage) first_copy = NULL;
  g_autoptr(StapleFriction) card_copy = NULL;
  guint votes = 0;

  staple_session_set_id (session, 7);
  staple_session_set_phase_seconds (session, STAPLE_PHASE_WALK, 1234);
  copy = staple_session_copy (session);

  assert_same_properties (session, copy);
  g_assert_cmpuint (staple_session_get_phase_seconds (copy, STAPLE_PHASE_WALK), ==, 1234);
  assert_same_list (staple_session_get_participants (session),
                    staple_session_get_participants (copy));
  assert_same_list (staple_session_get_stages (session), staple_session_get_stages (copy));
  assert_same_list (staple_session_get_votes (session), staple_session_get_votes (copy));
  assert_same_list (staple_session_get_actions (session), staple_session_get_actions (copy));
  assert_same_list (staple_session_get_empowerments (session),
                    staple_session_get_empowerments (copy));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_votes (copy))),
                    >, 0);

  first = g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (session)), 0);
  card = g_list_model_get_item (G_LIST_MODEL (staple_stage_get_frictions (first)), 0);
  votes = staple_session_count_votes_for (copy, staple_friction_get_id (card));
  staple_friction_set_text (card, "changed after the copy");
  staple_stage_set_name (first, "renamed after the copy");
  g_list_store_remove_all (staple_session_get_votes (session));

  first_copy = g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (copy)), 0);
  card_copy = g_list_model_get_item (G_LIST_MODEL (staple_stage_get_frictions (first_copy)), 0);
  g_assert_cmpstr (staple_friction_get_text (card_copy), !=, "changed after the copy");
  g_assert_cmpstr (staple_stage_get_name (first_copy), !=, "renamed after the copy");
  g_assert_cmpuint (staple_session_count_votes_for (copy, staple_friction_get_id (card_copy)),
                    ==, votes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model/participant/defaults", test_participant_defaults);
  g_test_add_func ("/model/friction/defaults", test_friction_defaults);
  g_test_add_func ("/model/friction/clamp", test_friction_clamp);
  g_test_add_func ("/model/friction/enums", test_friction_enums);
  g_test_add_func ("/model/stage/defaults", test_stage_defaults);
  g_test_add_func ("/model/stage/clamp", test_stage_clamp);
  g_test_add_func ("/model/stage/notify", test_stage_notify);
  g_test_add_func ("/model/stage/properties", test_stage_properties);
  g_test_add_func ("/model/vote/properties", test_vote_properties);
  g_test_add_func ("/model/action/defaults", test_action_defaults);
  g_test_add_func ("/model/action/friction-ids", test_action_friction_ids);
  g_test_add_func ("/model/action/due-dates", test_action_due_dates);
  g_test_add_func ("/model/empowerment/properties", test_empowerment_properties);
  g_test_add_func ("/model/session-summary/properties", test_summary_properties);
  g_test_add_func ("/model/session/collections", test_session_collections);
  g_test_add_func ("/model/session/find", test_session_find);
  g_test_add_func ("/model/session/workshop", test_session_workshop);
  g_test_add_func ("/model/catalogue/labels", test_catalogue_labels);
  g_test_add_func ("/model/catalogue/nicks", test_catalogue_nicks);
  g_test_add_func ("/model/catalogue/phases", test_catalogue_phases);
  g_test_add_func ("/model/catalogue/dates", test_catalogue_dates);
  g_test_add_func ("/model/catalogue/long-dates", test_catalogue_long_dates);
  g_test_add_func ("/model/catalogue/principle-matches", test_catalogue_principle_matches);
  g_test_add_func ("/model/json/valid", test_json_valid);
  g_test_add_func ("/model/json/minimal", test_json_minimal);
  g_test_add_func ("/model/json/length", test_json_length);
  g_test_add_func ("/model/json/error-quark", test_json_error_quark);
  g_test_add_func ("/model/session/copy", test_session_copy);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/model/json/invalid/%s", invalid_cases[i].name);

      g_test_add_data_func (path, &invalid_cases[i], test_json_invalid);
    }

  return g_test_run ();
}
