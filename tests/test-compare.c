/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "staple-export.h"
#include "staple-model.h"
#include "test-util.h"

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

static const StapleCompareStage *
stage_at (StapleComparison *comparison,
            guint             index)
{
  g_assert_cmpuint (index, <, comparison->stages->len);
  return &g_array_index (comparison->stages, StapleCompareStage, index);
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
  const StapleCompareStage *feeling;

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
  g_assert_cmpuint (comparison->stages->len, ==, 6);

  feeling = stage_at (comparison, 0);
  g_assert_cmpstr (feeling->stage_name, ==, "  order ");
  g_assert_true (feeling->in_earlier && feeling->in_later);
  g_assert_cmpint (feeling->customer_earlier, ==, -2);
  g_assert_cmpint (feeling->customer_later, ==, 1);
  g_assert_cmpint (feeling->staff_earlier, ==, 1);
  g_assert_cmpint (feeling->staff_later, ==, 2);

  feeling = stage_at (comparison, 1);
  g_assert_cmpstr (feeling->stage_name, ==, "CREDIT   check");
  g_assert_true (feeling->in_earlier && feeling->in_later);
  g_assert_cmpint (feeling->customer_earlier, ==, -1);
  g_assert_cmpint (feeling->customer_later, ==, 0);
  g_assert_cmpint (feeling->staff_earlier, ==, -2);
  g_assert_cmpint (feeling->staff_later, ==, -1);

  feeling = stage_at (comparison, 2);
  g_assert_cmpstr (feeling->stage_name, ==, "Track delivery");
  g_assert_false (feeling->in_earlier);
  g_assert_true (feeling->in_later);
  g_assert_cmpint (feeling->customer_later, ==, 2);
  g_assert_cmpint (feeling->staff_later, ==, 1);

  feeling = stage_at (comparison, 3);
  g_assert_cmpstr (feeling->stage_name, ==, "Bill");
  g_assert_false (feeling->in_earlier);
  g_assert_true (feeling->in_later);

  feeling = stage_at (comparison, 4);
  g_assert_cmpstr (feeling->stage_name, ==, "Invoice");
  g_assert_true (feeling->in_earlier);
  g_assert_false (feeling->in_later);
  g_assert_cmpint (feeling->customer_earlier, ==, 0);

  feeling = stage_at (comparison, 5);
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
  g_autoptr(StapleSession) session = test_read_example ();
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

  g_assert_cmpuint (comparison->stages->len, ==, n_stages);
  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      const StapleCompareStage *feeling = stage_at (comparison, i);

      g_assert_cmpstr (feeling->stage_name, ==, staple_stage_get_name (stage));
      g_assert_true (feeling->in_earlier && feeling->in_later);
      g_assert_cmpint (feeling->customer_earlier, ==, feeling->customer_later);
      g_assert_cmpint (feeling->staff_earlier, ==, feeling->staff_later);
    }
}

static StapleStage *
add_timed_stage (StapleSession *session,
                 const char    *name,
                 int            work,
                 int            wait)
{
  StapleStage *stage = add_stage (session, name, 0, 0);

  staple_stage_set_work_minutes (stage, work);
  staple_stage_set_wait_minutes (stage, wait);
  return stage;
}

/* "9 h → 30 min", as the two times are formatted wherever times are shown. */
static char *
expected_times (const char *before,
                guint       earlier,
                guint       later,
                const char *after)
{
  g_autofree char *a = before != NULL ? g_strdup (before) : staple_format_minutes (earlier);
  g_autofree char *b = after != NULL ? g_strdup (after) : staple_format_minutes (later);

  return g_strdup_printf ("%s → %s", a, b);
}

static void
assert_times (const char *text,
              const char *before,
              guint       earlier,
              guint       later,
              const char *after)
{
  g_autofree char *expected = expected_times (before, earlier, later, after);

  g_assert_cmpstr (text, ==, expected);
}

/* The core finding of a second walk: how long the work takes now, in all
 * and stage by stage, beside how long it took. */
static void
test_compare_times (void)
{
  g_autoptr(StapleSession) earlier = staple_session_new ();
  g_autoptr(StapleSession) later = staple_session_new ();
  g_autoptr(StapleComparison) comparison = NULL;
  g_autofree char *text = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *expected = NULL;
  const StapleCompareStage *entry;

  add_timed_stage (earlier, "Order", 10, 60);
  add_timed_stage (earlier, "Approval", 15, 540);
  add_timed_stage (earlier, "Fax back", 5, 120);         /* removed */
  add_timed_stage (later, "order", 10, 60);
  add_timed_stage (later, "Approval", 15, 30);
  add_timed_stage (later, "Portal", 2, 0);               /* added */

  comparison = staple_compare_walks (earlier, later);
  g_assert_cmpuint (comparison->totals_earlier.lead_minutes, ==, 750);
  g_assert_cmpuint (comparison->totals_earlier.work_minutes, ==, 30);
  g_assert_cmpuint (comparison->totals_earlier.wait_minutes, ==, 720);
  g_assert_cmpuint (comparison->totals_later.lead_minutes, ==, 117);
  g_assert_cmpuint (comparison->totals_later.work_minutes, ==, 27);
  g_assert_cmpuint (comparison->totals_later.wait_minutes, ==, 90);

  g_assert_cmpuint (comparison->stages->len, ==, 4);
  entry = stage_at (comparison, 0);
  g_assert_cmpint (entry->wait_earlier, ==, 60);
  g_assert_cmpint (entry->wait_later, ==, 60);
  g_assert_cmpint (entry->work_earlier, ==, 10);
  g_assert_cmpint (entry->work_later, ==, 10);
  text = staple_compare_format_difference (entry->wait_earlier, entry->wait_later);
  g_assert_cmpstr (text, ==, "unchanged");
  g_clear_pointer (&text, g_free);

  /* Approval 9 h → 30 min, 8 h 30 min shorter. */
  entry = stage_at (comparison, 1);
  g_assert_cmpstr (entry->stage_name, ==, "Approval");
  g_assert_cmpint (entry->wait_earlier, ==, 540);
  g_assert_cmpint (entry->wait_later, ==, 30);
  text = staple_compare_format_times (entry->in_earlier, entry->wait_earlier, entry->in_later,
                                      entry->wait_later);
  assert_times (text, NULL, 540, 30, NULL);
  g_clear_pointer (&text, g_free);
  text = staple_compare_format_difference (entry->wait_earlier, entry->wait_later);
  amount = staple_format_minutes (510);
  expected = g_strdup_printf ("%s shorter", amount);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);

  /* A stage only one walk has shows a dash for the other. */
  entry = stage_at (comparison, 2);
  g_assert_cmpstr (entry->stage_name, ==, "Portal");
  g_assert_false (entry->in_earlier);
  g_assert_cmpint (entry->work_later, ==, 2);
  text = staple_compare_format_times (entry->in_earlier, entry->work_earlier, entry->in_later,
                                      entry->work_later);
  assert_times (text, "—", 0, 2, NULL);
  g_clear_pointer (&text, g_free);

  entry = stage_at (comparison, 3);
  g_assert_cmpstr (entry->stage_name, ==, "Fax back");
  g_assert_false (entry->in_later);
  g_assert_cmpint (entry->wait_earlier, ==, 120);
  g_assert_cmpint (entry->wait_later, ==, 0);
  text = staple_compare_format_times (entry->in_earlier, entry->wait_earlier, entry->in_later,
                                      entry->wait_later);
  assert_times (text, NULL, 120, 0, "—");
  g_clear_pointer (&text, g_free);

  /* Longer is said as longer. */
  g_clear_pointer (&amount, g_free);
  g_clear_pointer (&expected, g_free);
  text = staple_compare_format_difference (30, 150);
  amount = staple_format_minutes (120);
  expected = g_strdup_printf ("%s longer", amount);
  g_assert_cmpstr (text, ==, expected);
}

/* The comparison's page says the times too: the lead time and each
 * stage's waiting time, before and after. */
/* The text of the comparison of @earlier and @later as a PDF, read back
 * with pdftotext; %NULL (the test skipped) without pdftotext. */
static char *
comparison_pdf_text (StapleSession *earlier,
                     StapleSession *later)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-compare-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  char *text = NULL;
  int status = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "compare.pdf", NULL);
  g_assert_true (staple_export_comparison_pdf (earlier, later, path, &error));
  g_assert_no_error (error);

  if (pdftotext == NULL)
    g_test_skip ("pdftotext is not installed");
  else
    {
      command = g_strdup_printf ("pdftotext '%s' -", path);
      g_assert_true (g_spawn_command_line_sync (command, &text, NULL, &status, &error));
      g_assert_no_error (error);
    }

  g_unlink (path);
  g_rmdir (dir);
  return text;
}

static void
test_compare_pdf_times (void)
{
  g_autoptr(StapleSession) earlier = staple_session_new ();
  g_autoptr(StapleSession) later = staple_session_new ();
  g_autofree char *text = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *lead_change = NULL;
  g_autofree char *approval = NULL;
  g_autofree char *approval_change = NULL;
  g_autofree char *expected = NULL;

  add_timed_stage (earlier, "Order", 10, 60);
  add_timed_stage (earlier, "Approval", 15, 540);
  add_timed_stage (later, "Order", 10, 60);
  add_timed_stage (later, "Approval", 15, 30);
  text = comparison_pdf_text (earlier, later);
  if (text == NULL)
    return;

  lead = staple_compare_format_times (TRUE, 625, TRUE, 115);
  lead_change = staple_compare_format_difference (625, 115);
  expected = g_strdup_printf ("Lead time: %s (%s)", lead, lead_change);
  g_assert_nonnull (strstr (text, expected));
  g_clear_pointer (&expected, g_free);

  approval = staple_compare_format_times (TRUE, 540, TRUE, 30);
  approval_change = staple_compare_format_difference (540, 30);
  expected = g_strdup_printf ("Approval: %s (%s)", approval, approval_change);
  g_assert_nonnull (strstr (text, expected));
  /* The chart names its stages and both walks. */
  g_assert_nonnull (strstr (text, "Earlier walk"));
  g_assert_nonnull (strstr (text, "This walk"));
}

/* A follow-up starts with no times: a stage not timed yet on it shows a
 * dash, not a wait that fell to nothing, and the page says how many such
 * stages the totals count as none. */
static void
test_compare_untimed_stage (void)
{
  g_autoptr(StapleSession) earlier = staple_session_new ();
  g_autoptr(StapleSession) later = staple_session_new ();
  g_autoptr(StapleComparison) comparison = NULL;
  g_autofree char *untimed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  const StapleCompareStage *entry;

  add_timed_stage (earlier, "Order", 10, 60);
  add_timed_stage (earlier, "Approval", 15, 540);
  add_timed_stage (later, "Order", 0, 0);                /* not timed yet */
  add_timed_stage (later, "Approval", 15, 30);
  staple_session_set_date (earlier, "2026-10-14");
  staple_session_set_date (later, "2026-12-01");

  comparison = staple_compare_walks (earlier, later);
  g_assert_cmpuint (comparison->n_untimed_later, ==, 1);
  untimed = staple_compare_describe_untimed (comparison);
  g_assert_cmpstr (untimed, ==, "1 stage has no time noted on this walk yet: the totals count "
                                "it as none.");
  entry = stage_at (comparison, 0);
  g_assert_true (entry->in_later);
  g_assert_true (entry->timed_earlier);
  g_assert_false (entry->timed_later);
  entry = stage_at (comparison, 1);
  g_assert_true (entry->timed_earlier);
  g_assert_true (entry->timed_later);

  text = comparison_pdf_text (earlier, later);
  if (text == NULL)
    return;
  order = staple_compare_format_times (TRUE, 60, FALSE, 0);
  expected = g_strdup_printf ("Order: %s\n", order);
  g_assert_nonnull (strstr (text, expected));
  g_assert_null (strstr (text, "Order: 1 h → 0 min"));
  g_assert_nonnull (strstr (text, untimed));

  /* The walks' dates as the reader's locale writes them, not as stored. */
  g_clear_pointer (&expected, g_free);
  expected = staple_action_format_due ("2026-10-14", NULL);
  g_assert_nonnull (strstr (text, expected));
  g_assert_null (strstr (text, "2026-10-14"));
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
  g_assert_cmpuint (comparison->stages->len, ==, 0);
  staple_comparison_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* The page's words are compared in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/compare/crafted-pair", test_compare_crafted_pair);
  g_test_add_func ("/compare/same-text-twice", test_compare_same_text_twice);
  g_test_add_func ("/compare/with-itself", test_compare_with_itself);
  g_test_add_func ("/compare/times", test_compare_times);
  g_test_add_func ("/compare/pdf-times", test_compare_pdf_times);
  g_test_add_func ("/compare/untimed-stage", test_compare_untimed_stage);
  g_test_add_func ("/compare/empty", test_compare_empty);

  return g_test_run ();
}
