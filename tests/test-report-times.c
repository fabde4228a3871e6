/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the journey's times on paper: the report's time table, a
 * row per stage read back from the report's own text blocks, its totals
 * against staple_summary_journey_totals(), and the one-page summary's
 * longest waits. No display. */
#include "config.h"

#include <string.h>

#include "staple-catalogue.h"
#include "staple-map-marks.h"
#include "staple-model.h"
#include "staple-report.h"
#include "staple-report-private.h"
#include "staple-summary.h"
#include "test-util.h"

#define N_COLUMNS      8
#define COLUMN_STAGE   0
#define COLUMN_WORK    2
#define COLUMN_WAIT    3 /* the wait, then a line for its bar */
#define COLUMN_HANDOFF 4
#define COLUMN_DROPPED 5
#define MIN_TABLE_PT 9.0  /* the table's type on A4, and on any paper */
#define MIN_WAITS_PT 8.0  /* the summary's longest waits */

static const char *const header[N_COLUMNS] = {
  "Stage", "Owner", "Work", "Waiting", "Handoff", "Dropped", "Customer", "Staff",
};

static const struct
{
  StaplePaper       paper;
  StapleOrientation orientation;
  const char       *name;
} papers[] = {
  { STAPLE_PAPER_A4, STAPLE_ORIENTATION_LANDSCAPE, "A4 landscape" },
  { STAPLE_PAPER_A4, STAPLE_ORIENTATION_PORTRAIT, "A4 portrait" },
  { STAPLE_PAPER_LETTER, STAPLE_ORIENTATION_LANDSCAPE, "Letter landscape" },
  { STAPLE_PAPER_LETTER, STAPLE_ORIENTATION_PORTRAIT, "Letter portrait" },
  { STAPLE_PAPER_A3, STAPLE_ORIENTATION_LANDSCAPE, "A3 landscape" },
};

static StapleReport *
make_report (StapleSession     *session,
             StapleReportKind   kind,
             StaplePaper        paper,
             StapleOrientation  orientation)
{
  StapleReportOptions options;

  staple_report_options_init (&options);
  options.kind = kind;
  options.paper = paper;
  options.orientation = orientation;
  return staple_report_new (session, &options);
}

/* 45 stages, too many for a page: the table goes on over several, with
 * waits from none to five days, teams that change and feelings of every
 * sign. */
static StapleSession *
make_long_journey (void)
{
  static const char *const teams[] = { "Sales", "Sales", "Credit control", "", "Warehouse" };
  StapleSession *session = staple_session_new ();

  staple_session_set_title (session, "A long journey");
  for (guint s = 0; s < 45; s++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();
      g_autofree char *name = g_strdup_printf ("Stage number %u of the long journey", s + 1);

      staple_stage_set_id (stage, s + 1);
      staple_stage_set_name (stage, name);
      staple_stage_set_team (stage, teams[s % G_N_ELEMENTS (teams)]);
      staple_stage_set_work_minutes (stage, (int) (5 * (s % 7)));
      staple_stage_set_wait_minutes (stage, (int) ((s * 997) % 7200));
      staple_stage_set_handoff (stage, s % 11 == 5);
      staple_stage_set_dropped (stage, s % 9 == 4);
      staple_stage_set_customer_feeling (stage, (int) (s % 5) - 2);
      staple_stage_set_staff_feeling (stage, 2 - (int) (s % 5));
      g_list_store_append (staple_session_get_stages (session), stage);
    }

  return session;
}

static gboolean
is_header_at (GPtrArray *texts,
              guint      i)
{
  if (i + N_COLUMNS > texts->len)
    return FALSE;
  for (guint c = 0; c < N_COLUMNS; c++)
    if (g_strcmp0 (g_ptr_array_index (texts, i + c), header[c]) != 0)
      return FALSE;
  return TRUE;
}

/* The time table's rows, each N_COLUMNS texts, from every page it is on;
 * checks that each page of it has its header and type of at least
 * MIN_TABLE_PT points. */
static GPtrArray *
read_time_table (StapleReport *report,
                 guint        *n_pages)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  *n_pages = 0;
  for (guint page = 0; page < staple_report_get_n_pages (report); page++)
    {
      g_autoptr(GArray) sizes = NULL;
      g_autoptr(GPtrArray) texts = staple_report_get_texts (report, page, &sizes);
      GArray *row_rects = staple_report_get_row_rects (report, page);
      guint start = texts->len;

      for (guint i = 0; i < texts->len && start == texts->len; i++)
        if (is_header_at (texts, i))
          start = i;
      if (start == texts->len)
        continue;

      (*n_pages)++;
      /* The section's heading and introduction, or the "continued" caption. */
      for (guint i = 0; i < start; i++)
        g_assert_cmpfloat (g_array_index (sizes, double, i), >=, MIN_TABLE_PT);

      /* This page's rows of the table; the footer comes after them. */
      g_assert_cmpuint (start + N_COLUMNS * (1 + row_rects->len), <=, texts->len);
      for (guint r = 0; r < row_rects->len; r++)
        {
          GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

          for (guint c = 0; c < N_COLUMNS; c++)
            {
              guint i = start + N_COLUMNS * (1 + r) + c;

              g_assert_cmpfloat (g_array_index (sizes, double, i), >=, MIN_TABLE_PT);
              g_ptr_array_add (row, g_strdup (g_ptr_array_index (texts, i)));
            }
          g_ptr_array_add (rows, row);
        }
    }

  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      row,
      guint      column)
{
  return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, row), column);
}

/* The rows match the stages in the journey's order, each wait as the model
 * has it, the longest marked; the totals row says what the summary adds up. */
static void
check_time_table (StapleSession     *session,
                  StaplePaper        paper,
                  StapleOrientation  orientation,
                  const char        *name,
                  guint              min_pages)
{
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_FULL, paper, orientation);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  guint n_stages = g_list_model_get_n_items (stages);
  guint n_pages, n_marked = 0, longest = 0;
  g_autoptr(GPtrArray) rows = read_time_table (report, &n_pages);
  StapleJourneyTotals totals;
  StapleWaitScale scale;
  g_autofree char *lead = NULL;
  g_autofree char *work = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *handoffs = NULL;
  g_autofree char *dropped = NULL;

  g_test_message ("%s: %u rows on %u pages", name, rows->len, n_pages);
  g_assert_cmpuint (n_pages, >=, min_pages);
  g_assert_cmpuint (rows->len, ==, n_stages + 1);

  staple_map_marks_wait_scale (session, &scale);
  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);

      longest = MAX (longest, (guint) staple_stage_get_wait_minutes (stage));
    }

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      guint minutes = (guint) staple_stage_get_wait_minutes (stage);
      g_autofree char *number_name = g_strdup_printf ("%u. %s", s + 1,
                                                      staple_stage_get_name (stage));
      g_autofree char *wait_text = minutes > 0 ? staple_format_minutes (minutes)
                                               : g_strdup ("—");
      gboolean marked = strstr (cell (rows, s, COLUMN_WAIT), "▲ longest") != NULL;

      g_assert_cmpstr (cell (rows, s, COLUMN_STAGE), ==, number_name);
      g_assert_true (g_str_has_prefix (cell (rows, s, COLUMN_WAIT), wait_text));
      g_assert_cmpint (marked, ==, staple_map_marks_wait_stands_out (&scale, minutes));
      if (minutes == longest && longest > 0)
        g_assert_true (marked);
      g_assert_cmpstr (cell (rows, s, COLUMN_DROPPED), ==,
                       staple_stage_get_dropped (stage) ? "Yes" : "No");
      n_marked += marked;
    }
  g_assert_cmpuint (n_marked, >, 0);
  g_assert_cmpuint (n_marked, <, n_stages);

  staple_summary_journey_totals (session, &totals);
  lead = staple_format_minutes (totals.lead_minutes);
  work = staple_format_minutes (totals.work_minutes);
  wait = staple_format_minutes (totals.wait_minutes);
  handoffs = g_strdup_printf ("%u handoffs", totals.n_handoffs);
  dropped = g_strdup_printf ("%u stages", totals.n_dropped);
  g_assert_true (g_str_has_suffix (cell (rows, n_stages, COLUMN_STAGE), lead));
  g_assert_cmpstr (cell (rows, n_stages, COLUMN_WORK), ==, work);
  g_assert_cmpstr (cell (rows, n_stages, COLUMN_WAIT), ==, wait);
  g_assert_cmpstr (cell (rows, n_stages, COLUMN_HANDOFF), ==, handoffs);
  g_assert_cmpstr (cell (rows, n_stages, COLUMN_DROPPED), ==, dropped);
}

static void
test_table_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    check_time_table (session, papers[i].paper, papers[i].orientation, papers[i].name, 1);
}

/* Over several pages, each with its header, every row once. */
static void
test_table_long_journey (void)
{
  g_autoptr(StapleSession) session = make_long_journey ();

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    check_time_table (session, papers[i].paper, papers[i].orientation, papers[i].name, 2);
}

/* A journey with no times noted: no wait is marked, the totals say none. */
static void
test_table_no_times (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_pages;

  for (guint s = 0; s < 3; s++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();

      staple_stage_set_id (stage, s + 1);
      staple_stage_set_name (stage, "A stage");
      g_list_store_append (staple_session_get_stages (session), stage);
    }

  report = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                        STAPLE_ORIENTATION_LANDSCAPE);
  rows = read_time_table (report, &n_pages);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint r = 0; r < 3; r++)
    {
      g_assert_cmpstr (cell (rows, r, COLUMN_WAIT), ==, "—\n");
      g_assert_cmpstr (cell (rows, r, COLUMN_HANDOFF), ==, "No");
    }
  g_assert_cmpstr (cell (rows, 3, COLUMN_WAIT), ==, "—");
}

/* The summary's longest waits: the three longest in order, each with its
 * share of the lead time, on the one page, in type of at least 8 pt. */
static void
check_summary_waits (StapleSession     *session,
                     StaplePaper        paper,
                     StapleOrientation  orientation,
                     const char        *name)
{
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_SUMMARY, paper,
                                                orientation);
  g_autoptr(GArray) sizes = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  guint n_stages = g_list_model_get_n_items (stages);
  g_autoptr(GPtrArray) by_wait = g_ptr_array_new_with_free_func (g_object_unref);
  StapleJourneyTotals totals;
  guint heading = G_MAXUINT;

  g_assert_cmpuint (staple_report_get_n_pages (report), ==, 1);
  texts = staple_report_get_texts (report, 0, &sizes);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), "Longest waits") == 0)
      heading = i;
  g_assert_cmpuint (heading, <, texts->len);
  g_test_message ("%s: the longest waits at %.1f pt", name,
                  g_array_index (sizes, double, heading + 1));

  /* The stages by wait, the longest first, ties in the journey's order. */
  for (guint s = 0; s < n_stages; s++)
    g_ptr_array_add (by_wait, g_list_model_get_item (stages, s));
  for (guint a = 0; a < by_wait->len; a++)
    for (guint b = by_wait->len - 1; b > a; b--)
      if (staple_stage_get_wait_minutes (g_ptr_array_index (by_wait, b)) >
          staple_stage_get_wait_minutes (g_ptr_array_index (by_wait, b - 1)))
        {
          gpointer swap = by_wait->pdata[b];

          by_wait->pdata[b] = by_wait->pdata[b - 1];
          by_wait->pdata[b - 1] = swap;
        }

  staple_summary_journey_totals (session, &totals);
  g_assert_cmpuint (heading + 3, <, texts->len);
  for (guint w = 0; w < 3; w++)
    {
      StapleStage *stage = g_ptr_array_index (by_wait, w);
      guint minutes = (guint) staple_stage_get_wait_minutes (stage);
      double percent = 100.0 * minutes / totals.lead_minutes;
      g_autofree char *wait = staple_format_minutes (minutes);
      g_autofree char *line = g_strdup_printf (percent < 10
                                               ? "%s: %s, %.1f %% of the lead time"
                                               : "%s: %s, %.0f %% of the lead time",
                                               staple_stage_get_name (stage), wait, percent);

      g_assert_cmpstr (g_ptr_array_index (texts, heading + 1 + w), ==, line);
      g_assert_cmpfloat (g_array_index (sizes, double, heading + 1 + w), >=, MIN_WAITS_PT);
    }
}

static void
test_summary_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    check_summary_waits (session, papers[i].paper, papers[i].orientation, papers[i].name);
}

static void
test_summary_long_journey (void)
{
  g_autoptr(StapleSession) session = make_long_journey ();

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    check_summary_waits (session, papers[i].paper, papers[i].orientation, papers[i].name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report-times/table/example", test_table_example);
  g_test_add_func ("/report-times/table/long-journey", test_table_long_journey);
  g_test_add_func ("/report-times/table/no-times", test_table_no_times);
  g_test_add_func ("/report-times/summary/example", test_summary_example);
  g_test_add_func ("/report-times/summary/long-journey", test_summary_long_journey);

  return g_test_run ();
}
