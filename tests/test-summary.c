/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "staple-model.h"
#include "staple-summary.h"
#include "staple-templates.h"
#include "test-util.h"

/* ---- building sessions by hand ---------------------------------------- */

static StapleStage *
add_stage (StapleSession *session,
           gint64         id,
           const char    *team)
{
  GListStore *stages = staple_session_get_stages (session);
  g_autoptr(StapleStage) stage = staple_stage_new ();

  staple_stage_set_id (stage, id);
  staple_stage_set_position (stage, (int) g_list_model_get_n_items (G_LIST_MODEL (stages)));
  staple_stage_set_team (stage, team);
  g_list_store_append (stages, stage);
  return stage;
}

static StapleFriction *
add_friction (StapleStage     *stage,
              gint64           id,
              int              severity,
              StaplePrinciple  principle)
{
  GListStore *frictions = staple_stage_get_frictions (stage);
  g_autoptr(StapleFriction) friction = staple_friction_new ();

  staple_friction_set_id (friction, id);
  staple_friction_set_stage_id (friction, staple_stage_get_id (stage));
  staple_friction_set_position (friction,
                                (int) g_list_model_get_n_items (G_LIST_MODEL (frictions)));
  staple_friction_set_severity (friction, severity);
  staple_friction_set_principle (friction, principle);
  g_list_store_append (frictions, friction);
  return friction;
}

static void
add_votes (StapleSession *session,
           gint64         friction_id,
           guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleVote) vote = staple_vote_new ();

      staple_vote_set_participant_id (vote, 1 + i % 3);
      staple_vote_set_friction_id (vote, friction_id);
      g_list_store_append (staple_session_get_votes (session), vote);
    }
}

/* ---- templates ---------------------------------------------------------- */

static const char *
translated (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

static void
test_templates_list (void)
{
  static const char * const ids[] = { "order-cycle", "support-request", "return-claim" };

  g_assert_cmpuint (staple_templates_get_count (), ==, G_N_ELEMENTS (ids));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const StapleTemplate *template_ = staple_templates_get (i);
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_nonnull (template_);
      g_assert_cmpstr (template_->id, ==, ids[i]);
      g_assert_true (staple_templates_lookup (ids[i]) == template_);
      g_assert_nonnull (template_->name);
      g_assert_cmpstr (template_->name, !=, "");
      g_assert_nonnull (template_->description);
      g_assert_cmpstr (template_->description, !=, "");
      g_assert_nonnull (template_->stages);

      if (i == 0)
        g_assert_cmpuint (template_->n_stages, ==, 10);
      else
        g_assert_cmpuint (template_->n_stages, >=, 6);
      g_assert_cmpuint (template_->n_stages, <=, 10);

      for (guint s = 0; s < template_->n_stages; s++)
        {
          const StapleTemplateStage *stage = &template_->stages[s];

          g_assert_nonnull (stage->name);
          g_assert_cmpstr (stage->name, !=, "");
          g_assert_nonnull (stage->team);
          g_assert_cmpstr (stage->team, !=, "");
          g_assert_nonnull (stage->notes);
          g_assert_cmpstr (stage->notes, !=, "");
          g_assert_cmpint (stage->channel, >=, STAPLE_CHANNEL_PHONE);
          g_assert_cmpint (stage->channel, <=, STAPLE_CHANNEL_INTERNAL);
          /* Two stages of one template with the same name would confuse the room. */
          g_assert_true (g_hash_table_add (names, (gpointer) stage->name));
        }
    }

  g_assert_cmpuint (staple_templates_get (1)->n_stages, <=, 8);
  g_assert_cmpuint (staple_templates_get (2)->n_stages, <=, 8);
  g_assert_null (staple_templates_lookup ("no-such-template"));
  g_assert_null (staple_templates_lookup (""));
}

static void
test_templates_order_cycle (void)
{
  static const char * const names[] = {
    "Order planning", "Order generation", "Cost estimation and pricing",
    "Order receipt and entry", "Order selection and prioritisation", "Scheduling",
    "Fulfilment", "Billing", "Returns and claims", "Post-sales service",
  };
  const StapleTemplate *template_ = staple_templates_lookup ("order-cycle");

  g_assert_nonnull (template_);
  g_assert_cmpuint (template_->n_stages, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (template_->stages[i].name, ==, names[i]);
}

static void
test_templates_create_stages (void)
{
  for (guint i = 0; i < staple_templates_get_count (); i++)
    {
      const StapleTemplate *template_ = staple_templates_get (i);
      g_autoptr(GPtrArray) stages = staple_template_create_stages (template_);
      StapleStage *first;

      g_assert_nonnull (stages);
      g_assert_cmpuint (stages->len, ==, template_->n_stages);

      for (guint s = 0; s < stages->len; s++)
        {
          StapleStage *stage = g_ptr_array_index (stages, s);
          const StapleTemplateStage *data = &template_->stages[s];
          GListModel *frictions;

          g_assert_true (STAPLE_IS_STAGE (stage));
          g_assert_cmpint (staple_stage_get_id (stage), ==, 0);
          g_assert_cmpint (staple_stage_get_position (stage), ==, (int) s);
          frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
          g_assert_cmpstr (staple_stage_get_name (stage), ==, translated (data->name));
          g_assert_cmpstr (staple_stage_get_team (stage), ==, translated (data->team));
          g_assert_cmpstr (staple_stage_get_notes (stage), ==, translated (data->notes));
          g_assert_cmpint (staple_stage_get_channel (stage), ==, data->channel);
          g_assert_cmpuint (g_list_model_get_n_items (frictions), ==, 0);
        }

      /* The array holds the only reference: freeing it frees the stages. */
      first = g_ptr_array_index (stages, 0);
      g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
      g_clear_pointer (&stages, g_ptr_array_unref);
      g_assert_null (first);
    }
}

static void
test_templates_fresh_copies (void)
{
  const StapleTemplate *template_ = staple_templates_lookup ("support-request");
  g_autoptr(GPtrArray) a = staple_template_create_stages (template_);
  g_autoptr(GPtrArray) b = staple_template_create_stages (template_);

  g_assert_true (g_ptr_array_index (a, 0) != g_ptr_array_index (b, 0));
  staple_stage_set_name (g_ptr_array_index (a, 0), "Edited");
  g_assert_cmpstr (staple_stage_get_name (g_ptr_array_index (b, 0)), ==,
                   translated (template_->stages[0].name));
}

/* ---- ranking ------------------------------------------------------------ */

static void
assert_order (GPtrArray    *ranked,
              const gint64 *expected,
              guint         n_expected)
{
  g_assert_cmpuint (ranked->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (staple_friction_get_id (g_ptr_array_index (ranked, i)), ==, expected[i]);
}

static void
test_rank_ties (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GPtrArray) ranked = NULL;
  StapleStage *first = add_stage (session, 1, "Sales");
  StapleStage *second = add_stage (session, 2, "Finance");
  StapleStage *third = add_stage (session, 3, "Finance");
  /* 101 and 201 tie on votes and severity: map order decides, and 202 below
   * them on severity. 301 has fewer votes but the highest severity. */
  static const gint64 expected[] = { 302, 101, 201, 202, 301, 102, 203 };

  add_friction (first, 101, 3, STAPLE_PRINCIPLE_NONE);
  add_friction (first, 102, 5, STAPLE_PRINCIPLE_NONE);
  add_friction (second, 201, 3, STAPLE_PRINCIPLE_NONE);
  add_friction (second, 202, 2, STAPLE_PRINCIPLE_NONE);
  add_friction (second, 203, 1, STAPLE_PRINCIPLE_NONE);
  add_friction (third, 301, 5, STAPLE_PRINCIPLE_NONE);
  add_friction (third, 302, 1, STAPLE_PRINCIPLE_NONE);
  add_votes (session, 101, 2);
  add_votes (session, 201, 2);
  add_votes (session, 202, 2);
  add_votes (session, 301, 1);
  add_votes (session, 302, 4);
  /* A dot on a friction point that is gone counts for nothing. */
  add_votes (session, 999, 3);

  ranked = staple_summary_rank_frictions (session);
  assert_order (ranked, expected, G_N_ELEMENTS (expected));

  /* The same input gives the same answer, and the ranking holds references. */
  {
    g_autoptr(GPtrArray) again = staple_summary_rank_frictions (session);
    StapleFriction *kept = g_ptr_array_index (again, 0);

    assert_order (again, expected, G_N_ELEMENTS (expected));
    g_list_store_remove_all (staple_stage_get_frictions (third));
    g_assert_true (STAPLE_IS_FRICTION (kept));
    g_assert_cmpint (staple_friction_get_id (kept), ==, 302);
  }
}

static void
test_rank_map_order (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GPtrArray) ranked = NULL;
  StapleStage *first = add_stage (session, 1, "");
  StapleStage *second = add_stage (session, 2, "");
  /* Ids deliberately out of map order: the map decides, not the id. */
  static const gint64 expected[] = { 9, 8, 7, 6 };

  add_friction (first, 9, 3, STAPLE_PRINCIPLE_NONE);
  add_friction (first, 8, 3, STAPLE_PRINCIPLE_NONE);
  add_friction (second, 7, 3, STAPLE_PRINCIPLE_NONE);
  add_friction (second, 6, 3, STAPLE_PRINCIPLE_NONE);

  ranked = staple_summary_rank_frictions (session);
  assert_order (ranked, expected, G_N_ELEMENTS (expected));
}

static void
test_rank_empty (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);

  g_assert_nonnull (ranked);
  g_assert_cmpuint (ranked->len, ==, 0);

  add_stage (session, 1, "Sales");
  g_clear_pointer (&ranked, g_ptr_array_unref);
  ranked = staple_summary_rank_frictions (session);
  g_assert_cmpuint (ranked->len, ==, 0);
}

/* ---- principles --------------------------------------------------------- */

static void
assert_count (GArray          *counts,
              guint            index,
              StaplePrinciple  principle,
              guint            n_frictions,
              guint            n_votes,
              guint            max_severity)
{
  StaplePrincipleCount *count = &g_array_index (counts, StaplePrincipleCount, index);

  g_assert_cmpint (count->principle, ==, principle);
  g_assert_cmpuint (count->n_frictions, ==, n_frictions);
  g_assert_cmpuint (count->n_votes, ==, n_votes);
  g_assert_cmpuint (count->max_severity, ==, max_severity);
}

static void
test_principles_count (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GArray) counts = NULL;
  StapleStage *first = add_stage (session, 1, "Sales");
  StapleStage *second = add_stage (session, 2, "Finance");

  /* Silos: 3 friction points, 1 vote. Time and edge cases: 2 each, with
   * edge cases ahead on votes. Expectations and escalating: 1 each and 0
   * votes, so the catalogue order decides. NONE: many, never listed. */
  add_friction (first, 11, 2, STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS);
  add_friction (second, 21, 4, STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS);
  add_friction (second, 22, 1, STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS);
  add_friction (first, 12, 3, STAPLE_PRINCIPLE_GIVE_PEOPLE_TIME);
  add_friction (second, 23, 5, STAPLE_PRINCIPLE_GIVE_PEOPLE_TIME);
  add_friction (first, 13, 2, STAPLE_PRINCIPLE_POLICIES_FOR_EDGE_CASES);
  add_friction (second, 24, 2, STAPLE_PRINCIPLE_POLICIES_FOR_EDGE_CASES);
  add_friction (second, 25, 1, STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING);
  add_friction (first, 14, 4, STAPLE_PRINCIPLE_SET_CLEAR_EXPECTATIONS);
  for (gint64 id = 30; id < 36; id++)
    add_friction (first, id, 5, STAPLE_PRINCIPLE_NONE);

  add_votes (session, 21, 1);
  add_votes (session, 12, 1);
  add_votes (session, 13, 2);
  add_votes (session, 24, 1);
  add_votes (session, 30, 5);

  counts = staple_summary_count_principles (session);
  g_assert_cmpuint (counts->len, ==, 5);
  assert_count (counts, 0, STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS, 3, 1, 4);
  assert_count (counts, 1, STAPLE_PRINCIPLE_POLICIES_FOR_EDGE_CASES, 2, 3, 2);
  assert_count (counts, 2, STAPLE_PRINCIPLE_GIVE_PEOPLE_TIME, 2, 1, 5);
  assert_count (counts, 3, STAPLE_PRINCIPLE_SET_CLEAR_EXPECTATIONS, 1, 0, 4);
  assert_count (counts, 4, STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING, 1, 0, 1);
}

static void
test_principles_none_only (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GArray) counts = staple_summary_count_principles (session);
  StapleStage *stage;

  g_assert_cmpuint (counts->len, ==, 0);
  g_clear_pointer (&counts, g_array_unref);

  stage = add_stage (session, 1, "Sales");
  add_friction (stage, 1, 5, STAPLE_PRINCIPLE_NONE);
  add_votes (session, 1, 3);
  counts = staple_summary_count_principles (session);
  g_assert_cmpuint (counts->len, ==, 0);
}

/* ---- totals and votes --------------------------------------------------- */

static void
test_totals_hand_built (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  StapleJourneyTotals totals;
  StapleStage *stage;

  memset (&totals, 0xff, sizeof totals);
  staple_summary_journey_totals (session, &totals);
  g_assert_cmpuint (totals.n_stages, ==, 0);
  g_assert_cmpuint (totals.n_frictions, ==, 0);
  g_assert_cmpuint (totals.n_handoffs, ==, 0);
  g_assert_cmpuint (totals.n_dropped, ==, 0);
  g_assert_cmpuint (totals.work_minutes, ==, 0);
  g_assert_cmpuint (totals.wait_minutes, ==, 0);
  g_assert_cmpuint (totals.lead_minutes, ==, 0);

  /* Teams: Sales, Sales, Finance, "", Finance, Warehouse, Warehouse.
   * Handoffs: Sales→Finance and Finance→Warehouse; the stage with no team
   * counts neither way; and into the second Sales stage, marked as handed
   * on. The first stage's mark counts nothing: nothing came before it. */
  stage = add_stage (session, 1, "Sales");
  staple_stage_set_work_minutes (stage, 5);
  staple_stage_set_wait_minutes (stage, 60);
  staple_stage_set_handoff (stage, TRUE);
  add_friction (stage, 1, 3, STAPLE_PRINCIPLE_NONE);
  stage = add_stage (session, 2, "Sales");
  staple_stage_set_work_minutes (stage, 10);
  staple_stage_set_handoff (stage, TRUE);
  stage = add_stage (session, 3, "Finance");
  staple_stage_set_wait_minutes (stage, 1440);
  staple_stage_set_dropped (stage, TRUE);
  add_friction (stage, 2, 3, STAPLE_PRINCIPLE_NONE);
  add_friction (stage, 3, 3, STAPLE_PRINCIPLE_NONE);
  stage = add_stage (session, 4, "");
  staple_stage_set_work_minutes (stage, 15);
  staple_stage_set_wait_minutes (stage, 30);
  stage = add_stage (session, 5, "Finance");
  staple_stage_set_dropped (stage, TRUE);
  stage = add_stage (session, 6, "Warehouse");
  staple_stage_set_work_minutes (stage, 20);
  staple_stage_set_wait_minutes (stage, 240);
  add_friction (stage, 4, 3, STAPLE_PRINCIPLE_NONE);
  add_stage (session, 7, "Warehouse");

  staple_summary_journey_totals (session, &totals);
  g_assert_cmpuint (totals.n_stages, ==, 7);
  g_assert_cmpuint (totals.n_frictions, ==, 4);
  g_assert_cmpuint (totals.n_handoffs, ==, 3);
  g_assert_cmpuint (totals.n_dropped, ==, 2);
  g_assert_cmpuint (totals.work_minutes, ==, 50);
  g_assert_cmpuint (totals.wait_minutes, ==, 1770);
  g_assert_cmpuint (totals.lead_minutes, ==, 1820);
}

/* "Handed over from another team" on a stage is a handoff into it wherever it
 * is ticked, even from a stage of the same team or with no team named;
 * where it agrees with a change of team, the place counts once. Nothing
 * hands the work to the first stage. */
static void
test_totals_handoffs (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  const char *teams[] = { "Support", "Support", "Support", "Billing", "", "", "Billing" };
  StapleStage *stages[G_N_ELEMENTS (teams)];
  StapleJourneyTotals totals;

  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    stages[i] = add_stage (session, i + 1, teams[i]);

  /* Support→Billing only. */
  staple_summary_journey_totals (session, &totals);
  g_assert_cmpuint (totals.n_handoffs, ==, 1);
  g_assert_false (staple_summary_is_handoff (NULL, stages[0]));
  g_assert_false (staple_summary_is_handoff (stages[0], stages[1]));
  g_assert_true (staple_summary_is_handoff (stages[2], stages[3]));
  g_assert_false (staple_summary_is_handoff (stages[3], stages[4]));
  g_assert_false (staple_summary_is_handoff (stages[5], stages[6]));

  /* Ticked on the first stage (nothing), within Support, on the change to
   * Billing (still one), and on two stages around no team. */
  staple_stage_set_handoff (stages[0], TRUE);
  staple_stage_set_handoff (stages[1], TRUE);
  staple_stage_set_handoff (stages[3], TRUE);
  staple_stage_set_handoff (stages[5], TRUE);
  staple_stage_set_handoff (stages[6], TRUE);
  staple_summary_journey_totals (session, &totals);
  g_assert_cmpuint (totals.n_handoffs, ==, 4);
  g_assert_false (staple_summary_is_handoff (NULL, stages[0]));
  g_assert_true (staple_summary_is_handoff (stages[0], stages[1]));
  g_assert_true (staple_summary_is_handoff (stages[4], stages[5]));
  g_assert_true (staple_summary_is_handoff (stages[5], stages[6]));
  g_assert_false (staple_summary_is_handoff (stages[1], stages[2]));

  /* Where they are, as the close summary and the report name them. */
  {
    g_autoptr(GPtrArray) list = staple_summary_list_handoffs (session);

    g_assert_cmpuint (list->len, ==, totals.n_handoffs);
    g_assert_true (list->pdata[0] == stages[1]);
    g_assert_true (list->pdata[1] == stages[3]);
    g_assert_true (list->pdata[2] == stages[5]);
    g_assert_true (list->pdata[3] == stages[6]);
  }
}

static void
test_totals_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  StapleJourneyTotals totals;

  staple_summary_journey_totals (session, &totals);
  g_assert_cmpuint (totals.n_stages, ==, 10);
  g_assert_cmpuint (totals.n_frictions, ==, 28);
  g_assert_cmpuint (totals.n_frictions, ==, staple_session_count_frictions (session));
  g_assert_cmpuint (totals.n_handoffs, ==, 8);
  g_assert_cmpuint (totals.n_dropped, ==, 2);
  g_assert_cmpuint (totals.work_minutes, ==, 208);
  g_assert_cmpuint (totals.wait_minutes, ==, 16830);
  g_assert_cmpuint (totals.lead_minutes, ==, 208 + 16830);
}

static void
test_example_ranking (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);
  g_autoptr(GArray) counts = staple_summary_count_principles (session);
  guint n_votes = g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_votes (session)));
  guint vote_sum = 0;
  guint with_principle = 0;
  guint counted = 0;

  g_assert_cmpuint (ranked->len, ==, 28);
  for (guint i = 0; i < ranked->len; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      guint votes = staple_summary_count_votes (session, friction);

      vote_sum += votes;
      if (staple_friction_get_principle (friction) != STAPLE_PRINCIPLE_NONE)
        with_principle++;

      if (i > 0)
        {
          StapleFriction *above = g_ptr_array_index (ranked, i - 1);
          guint above_votes = staple_summary_count_votes (session, above);

          g_assert_cmpuint (above_votes, >=, votes);
          if (above_votes == votes)
            g_assert_cmpint (staple_friction_get_severity (above), >=,
                             staple_friction_get_severity (friction));
        }
    }
  /* Every dot in the example is on one of its friction points. */
  g_assert_cmpuint (vote_sum, ==, n_votes);

  for (guint i = 0; i < counts->len; i++)
    {
      StaplePrincipleCount *count = &g_array_index (counts, StaplePrincipleCount, i);

      g_assert_cmpint (count->principle, !=, STAPLE_PRINCIPLE_NONE);
      g_assert_cmpuint (count->n_frictions, >, 0);
      g_assert_cmpuint (count->max_severity, >=, STAPLE_SEVERITY_MIN);
      g_assert_cmpuint (count->max_severity, <=, STAPLE_SEVERITY_MAX);
      counted += count->n_frictions;
    }
  g_assert_cmpuint (counted, ==, with_principle);
}

static void
test_count_votes (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  StapleStage *stage = add_stage (session, 1, "Sales");
  StapleFriction *voted = add_friction (stage, 5, 3, STAPLE_PRINCIPLE_NONE);
  StapleFriction *ignored = add_friction (stage, 6, 3, STAPLE_PRINCIPLE_NONE);
  StapleFriction *unsaved = add_friction (stage, 0, 3, STAPLE_PRINCIPLE_NONE);

  g_assert_cmpuint (staple_summary_count_votes (session, voted), ==, 0);
  add_votes (session, 5, 3);
  add_votes (session, 7, 2);
  g_assert_cmpuint (staple_summary_count_votes (session, voted), ==, 3);
  g_assert_cmpuint (staple_summary_count_votes (session, ignored), ==, 0);

  /* A dot that lost its friction point must not land on a new, unsaved one. */
  add_votes (session, 0, 1);
  g_assert_cmpuint (staple_summary_count_votes (session, unsaved), ==, 0);
  {
    g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);

    g_assert_true (g_ptr_array_index (ranked, 0) == voted);
    g_assert_true (g_ptr_array_index (ranked, 1) == ignored);
    g_assert_true (g_ptr_array_index (ranked, 2) == unsaved);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/summary/templates/list", test_templates_list);
  g_test_add_func ("/summary/templates/order-cycle", test_templates_order_cycle);
  g_test_add_func ("/summary/templates/create-stages", test_templates_create_stages);
  g_test_add_func ("/summary/templates/fresh-copies", test_templates_fresh_copies);
  g_test_add_func ("/summary/rank/ties", test_rank_ties);
  g_test_add_func ("/summary/rank/map-order", test_rank_map_order);
  g_test_add_func ("/summary/rank/empty", test_rank_empty);
  g_test_add_func ("/summary/principles/count", test_principles_count);
  g_test_add_func ("/summary/principles/none-only", test_principles_none_only);
  g_test_add_func ("/summary/totals/hand-built", test_totals_hand_built);
  g_test_add_func ("/summary/totals/handoffs", test_totals_handoffs);
  g_test_add_func ("/summary/totals/example", test_totals_example);
  g_test_add_func ("/summary/example/ranking", test_example_ranking);
  g_test_add_func ("/summary/votes/count", test_count_votes);

  return g_test_run ();
}
