/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "staple-model.h"

/* ---- building walks by hand --------------------------------------------- */

static StapleStage *
add_stage (StapleSession *session,
           const char    *name,
           int            customer_feeling,
           int            staff_feeling)
{
  GListStore *stages = staple_session_get_stages (session);
  g_autoptr(StapleStage) stage = staple_stage_new ();

  staple_stage_set_position (stage, (int) g_list_model_get_n_items (G_LIST_MODEL (stages)));
  staple_stage_set_name (stage, name);
  staple_stage_set_customer_feeling (stage, customer_feeling);
  staple_stage_set_staff_feeling (stage, staff_feeling);
  g_list_store_append (stages, stage);
  return stage;
}

static StapleFriction *
add_friction (StapleStage *stage,
              const char  *text)
{
  GListStore *frictions = staple_stage_get_frictions (stage);
  g_autoptr(StapleFriction) friction = staple_friction_new ();

  staple_friction_set_position (friction,
                                (int) g_list_model_get_n_items (G_LIST_MODEL (frictions)));
  staple_friction_set_text (friction, text);
  g_list_store_append (frictions, friction);
  return friction;
}

static StapleAction *
add_action (StapleSession      *session,
            const char         *text,
            StapleActionStatus  status)
{
  g_autoptr(StapleAction) action = staple_action_new ();

  staple_action_set_text (action, text);
  staple_action_set_status (action, status);
  g_list_store_append (staple_session_get_actions (session), action);
  return action;
}

static const StapleCompareFeeling *
feeling_at (StapleComparison *comparison,
            guint             index)
{
  g_assert_cmpuint (index, <, comparison->feelings->len);
  return &g_array_index (comparison->feelings, StapleCompareFeeling, index);
}

static StapleSession *
read_example (void)
{
  const char *env = g_getenv ("STAPLE_EXAMPLE_JSON");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  StapleSession *session;

  if (env != NULL && *env != '\0')
    path = g_strdup (env);
  else
    path = g_test_build_filename (G_TEST_DIST, "..", "data", "example-workshop.json", NULL);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  session = staple_session_new_from_json (contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_compare_crafted_pair (void)
{
  g_autoptr(StapleSession) earlier = staple_session_new ();
  g_autoptr(StapleSession) later = staple_session_new ();
  g_autoptr(StapleComparison) comparison = NULL;
  StapleStage *e_order, *e_check, *e_invoice, *e_legacy;
  StapleStage *l_order, *l_check, *l_bill, *l_track;
  StapleFriction *e_retype, *e_fax, *e_wait, *e_moved, *e_lost;
  StapleFriction *l_retype, *l_wait, *l_moved, *l_portal;
  StapleAction *a_done, *a_done_later, *a_open, *a_progress, *a_dropped, *a_dropped_later;
  const StapleCompareFeeling *feeling;

  e_order = add_stage (earlier, "Order", -2, 1);
  e_check = add_stage (earlier, "Credit check", -1, -2);
  e_invoice = add_stage (earlier, "Invoice", 0, 0);   /* renamed "Bill" later */
  e_legacy = add_stage (earlier, "Fax back", -2, -1); /* removed */

  /* Only case and whitespace differ, so both still match. */
  l_order = add_stage (later, "  order ", 1, 2);
  l_check = add_stage (later, "CREDIT   check", 0, -1);
  l_track = add_stage (later, "Track delivery", 2, 1); /* added */
  l_bill = add_stage (later, "Bill", 1, 0);           /* the renamed stage */

  e_retype = add_friction (e_order, "Order retyped into the ERP");
  e_fax = add_friction (e_order, "Order arrives by fax");
  e_wait = add_friction (e_check, "Waits for the credit manager");
  e_moved = add_friction (e_invoice, "Wrong address on the invoice");
  e_lost = add_friction (e_legacy, "Fax gets lost");

  l_retype = add_friction (l_order, "  order RETYPED\tinto the  erp ");
  l_wait = add_friction (l_check, "Waits for the credit manager");
  l_portal = add_friction (l_track, "Customer cannot see the delivery date");
  /* A new stage name, but the same note: kept by text alone. */
  l_moved = add_friction (l_bill, "wrong address on the invoice");

  a_done = add_action (earlier, "Put orders online", STAPLE_ACTION_STATUS_DONE);
  a_done_later = add_action (earlier, "Automate the credit check", STAPLE_ACTION_STATUS_OPEN);
  a_open = add_action (earlier, "Train the sales team", STAPLE_ACTION_STATUS_OPEN);
  a_progress = add_action (earlier, "Fix the invoice address", STAPLE_ACTION_STATUS_IN_PROGRESS);
  a_dropped = add_action (earlier, "Buy a new fax", STAPLE_ACTION_STATUS_DROPPED);
  a_dropped_later = add_action (earlier, "Hire a temp", STAPLE_ACTION_STATUS_OPEN);

  /* The carried copies, as Walk again makes them, then updated in the later walk. */
  add_action (later, "automate the credit  check", STAPLE_ACTION_STATUS_DONE);
  add_action (later, "Train the sales team", STAPLE_ACTION_STATUS_OPEN);
  add_action (later, "Fix the invoice address", STAPLE_ACTION_STATUS_IN_PROGRESS);
  add_action (later, "Hire a temp", STAPLE_ACTION_STATUS_DROPPED);
  add_action (later, "Publish delivery dates", STAPLE_ACTION_STATUS_OPEN);

  comparison = staple_compare_walks (earlier, later);
  g_assert_nonnull (comparison);

  g_assert_cmpuint (comparison->stages_added->len, ==, 2);
  g_assert_true (comparison->stages_added->pdata[0] == l_track);
  g_assert_true (comparison->stages_added->pdata[1] == l_bill);
  g_assert_cmpuint (comparison->stages_removed->len, ==, 2);
  g_assert_true (comparison->stages_removed->pdata[0] == e_invoice);
  g_assert_true (comparison->stages_removed->pdata[1] == e_legacy);

  g_assert_cmpuint (comparison->frictions_resolved->len, ==, 2);
  g_assert_true (comparison->frictions_resolved->pdata[0] == e_fax);
  g_assert_true (comparison->frictions_resolved->pdata[1] == e_lost);
  g_assert_cmpuint (comparison->frictions_new->len, ==, 1);
  g_assert_true (comparison->frictions_new->pdata[0] == l_portal);
  g_assert_cmpuint (comparison->frictions_kept->len, ==, 3);
  g_assert_true (comparison->frictions_kept->pdata[0] == l_retype);
  g_assert_true (comparison->frictions_kept->pdata[1] == l_wait);
  g_assert_true (comparison->frictions_kept->pdata[2] == l_moved);
  (void) e_retype;
  (void) e_wait;
  (void) e_moved;

  g_assert_cmpuint (comparison->actions_done->len, ==, 2);
  g_assert_true (comparison->actions_done->pdata[0] == a_done);
  g_assert_true (comparison->actions_done->pdata[1] == a_done_later);
  g_assert_cmpuint (comparison->actions_open->len, ==, 2);
  g_assert_true (comparison->actions_open->pdata[0] == a_open);
  g_assert_true (comparison->actions_open->pdata[1] == a_progress);
  (void) a_dropped;
  (void) a_dropped_later;

  /* The later walk's order, then the removed stages. */
  g_assert_cmpuint (comparison->feelings->len, ==, 6);

  feeling = feeling_at (comparison, 0);
  g_assert_cmpstr (feeling->stage_name, ==, "  order ");
  g_assert_true (feeling->in_earlier && feeling->in_later);
  g_assert_cmpint (feeling->customer_earlier, ==, -2);
  g_assert_cmpint (feeling->customer_later, ==, 1);
  g_assert_cmpint (feeling->staff_earlier, ==, 1);
  g_assert_cmpint (feeling->staff_later, ==, 2);

  feeling = feeling_at (comparison, 1);
  g_assert_cmpstr (feeling->stage_name, ==, "CREDIT   check");
  g_assert_true (feeling->in_earlier && feeling->in_later);
  g_assert_cmpint (feeling->customer_earlier, ==, -1);
  g_assert_cmpint (feeling->customer_later, ==, 0);
  g_assert_cmpint (feeling->staff_earlier, ==, -2);
  g_assert_cmpint (feeling->staff_later, ==, -1);

  feeling = feeling_at (comparison, 2);
  g_assert_cmpstr (feeling->stage_name, ==, "Track delivery");
  g_assert_false (feeling->in_earlier);
  g_assert_true (feeling->in_later);
  g_assert_cmpint (feeling->customer_later, ==, 2);
  g_assert_cmpint (feeling->staff_later, ==, 1);

  feeling = feeling_at (comparison, 3);
  g_assert_cmpstr (feeling->stage_name, ==, "Bill");
  g_assert_false (feeling->in_earlier);
  g_assert_true (feeling->in_later);

  feeling = feeling_at (comparison, 4);
  g_assert_cmpstr (feeling->stage_name, ==, "Invoice");
  g_assert_true (feeling->in_earlier);
  g_assert_false (feeling->in_later);
  g_assert_cmpint (feeling->customer_earlier, ==, 0);

  feeling = feeling_at (comparison, 5);
  g_assert_cmpstr (feeling->stage_name, ==, "Fax back");
  g_assert_true (feeling->in_earlier);
  g_assert_false (feeling->in_later);
  g_assert_cmpint (feeling->customer_earlier, ==, -2);
  g_assert_cmpint (feeling->staff_earlier, ==, -1);
}

/* A note on its own stage wins over a same-text note elsewhere, and each
 * earlier note matches one later note only. */
static void
test_compare_same_text_twice (void)
{
  g_autoptr(StapleSession) earlier = staple_session_new ();
  g_autoptr(StapleSession) later = staple_session_new ();
  g_autoptr(StapleComparison) comparison = NULL;
  StapleStage *e_a, *e_b, *l_a, *l_b;
  StapleFriction *e_in_b, *l_in_a, *l_in_b, *l_extra;

  e_a = add_stage (earlier, "A", 0, 0);
  e_b = add_stage (earlier, "B", 0, 0);
  l_a = add_stage (later, "A", 0, 0);
  l_b = add_stage (later, "B", 0, 0);
  add_friction (e_a, "Slow");
  e_in_b = add_friction (e_b, "Slow");
  l_in_a = add_friction (l_a, "Slow");
  l_extra = add_friction (l_a, "slow");
  l_in_b = add_friction (l_b, "SLOW");

  comparison = staple_compare_walks (earlier, later);

  g_assert_cmpuint (comparison->frictions_resolved->len, ==, 0);
  g_assert_cmpuint (comparison->frictions_kept->len, ==, 2);
  g_assert_true (comparison->frictions_kept->pdata[0] == l_in_a);
  g_assert_true (comparison->frictions_kept->pdata[1] == l_in_b);
  g_assert_cmpuint (comparison->frictions_new->len, ==, 1);
  g_assert_true (comparison->frictions_new->pdata[0] == l_extra);
  (void) e_in_b;
}

static void
test_compare_with_itself (void)
{
  g_autoptr(StapleSession) session = read_example ();
  g_autoptr(StapleComparison) comparison = staple_compare_walks (session, session);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  guint n_stages = g_list_model_get_n_items (stages);
  guint n_actions = g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_actions (session)));

  g_assert_cmpuint (n_stages, >, 0);
  g_assert_cmpuint (staple_session_count_frictions (session), >, 0);

  g_assert_cmpuint (comparison->stages_added->len, ==, 0);
  g_assert_cmpuint (comparison->stages_removed->len, ==, 0);
  g_assert_cmpuint (comparison->frictions_resolved->len, ==, 0);
  g_assert_cmpuint (comparison->frictions_new->len, ==, 0);
  g_assert_cmpuint (comparison->frictions_kept->len, ==, staple_session_count_frictions (session));
  g_assert_cmpuint (comparison->actions_done->len + comparison->actions_open->len, <=, n_actions);

  g_assert_cmpuint (comparison->feelings->len, ==, n_stages);
  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      const StapleCompareFeeling *feeling = feeling_at (comparison, i);

      g_assert_cmpstr (feeling->stage_name, ==, staple_stage_get_name (stage));
      g_assert_true (feeling->in_earlier && feeling->in_later);
      g_assert_cmpint (feeling->customer_earlier, ==, feeling->customer_later);
      g_assert_cmpint (feeling->staff_earlier, ==, feeling->staff_later);
    }
}

static void
test_compare_empty (void)
{
  g_autoptr(StapleSession) earlier = staple_session_new ();
  g_autoptr(StapleSession) later = staple_session_new ();
  g_autoptr(StapleComparison) comparison = staple_compare_walks (earlier, later);

  g_assert_cmpuint (comparison->stages_added->len, ==, 0);
  g_assert_cmpuint (comparison->frictions_kept->len, ==, 0);
  g_assert_cmpuint (comparison->actions_open->len, ==, 0);
  g_assert_cmpuint (comparison->feelings->len, ==, 0);
  staple_comparison_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/compare/crafted-pair", test_compare_crafted_pair);
  g_test_add_func ("/compare/same-text-twice", test_compare_same_text_twice);
  g_test_add_func ("/compare/with-itself", test_compare_with_itself);
  g_test_add_func ("/compare/empty", test_compare_empty);

  return g_test_run ();
}
