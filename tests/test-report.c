/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the printed report: paper sizes, pagination of every kind
 * of report, and the PDF as poppler and qpdf read it, when they are
 * installed. No display. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "staple-model.h"
#include "staple-export.h"
#include "staple-report.h"
#include "staple-report-private.h"
#include "test-util.h"

/* Time limits are ten times as long under AddressSanitizer. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZER_SLOWDOWN 10
#endif
#endif
#if !defined(SANITIZER_SLOWDOWN) && defined(__SANITIZE_ADDRESS__)
#define SANITIZER_SLOWDOWN 10
#endif
#ifndef SANITIZER_SLOWDOWN
#define SANITIZER_SLOWDOWN 1
#endif

#define EPSILON 0.01

/* cairo 1.16 has no autoptr support of its own (GTK adds it). */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)

static const struct
{
  const char  *name;
  StaplePaper  paper;
  double       width;  /* portrait, points */
  double       height;
} papers[] = {
  { "A4", STAPLE_PAPER_A4, 595.28, 841.89 },
  { "A3", STAPLE_PAPER_A3, 841.89, 1190.55 },
  { "Letter", STAPLE_PAPER_LETTER, 612, 792 },
  { "tabloid", STAPLE_PAPER_TABLOID, 792, 1224 },
  { "a1", STAPLE_PAPER_A1, 1683.78, 2383.94 },
  { "a0", STAPLE_PAPER_A0, 2383.94, 3370.39 },
};

/* Whether a loop over every paper lays this one out. Under the sanitizers
 * (STAPLE_TEST_SANITIZED), where each layout of the example takes some
 * seconds, only the smallest and the largest paper: every paper runs the
 * same layout code, which is what the sanitizers watch, and what differs
 * from one paper to the next (page counts, where things fall) the plain run
 * checks on all six. */
static gboolean
paper_laid_out (guint i)
{
  return g_getenv ("STAPLE_TEST_SANITIZED") == NULL || i == 0 || i + 1 == G_N_ELEMENTS (papers);
}

/* Sessions */

static char *
repeat (const char *piece,
        gsize       length)
{
  GString *text = g_string_new (NULL);

  while (text->len < length)
    g_string_append (text, piece);
  return g_string_free (text, FALSE);
}

/* Four stages with texts of every length, Hebrew and Arabic among them, and
 * a friction point of 10,000 characters that no page can hold. */
static StapleSession *
make_long_session (void)
{
  static const char * const pieces[] = {
    "The form asks for the same number twice, and then once more on the phone. ",
    "הלקוח מחכה לתשובה שלא מגיעה, והטופס נשלח שוב ושוב. ",
    "ينتظر العميل ردًا لا يأتي أبدًا، ويُرسل النموذج مرة أخرى. ",
    "Mixed עברית and English والعربية in one line. ",
  };
  static const gsize lengths[] = { 20, 300, 10000, 1500, 80, 4000 };
  StapleSession *session = staple_session_new ();
  g_autofree char *long_title = repeat ("A very long session title that goes on. ", 400);
  gint64 friction_id = 0;

  staple_session_set_title (session, long_title);
  staple_session_set_organisation (session, "שירות לקוחות בע״מ");
  staple_session_set_date (session, "2026-01-02");
  staple_session_set_question (session, pieces[2]);

  for (guint s = 0; s < 4; s++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();
      g_autoptr(StapleParticipant) participant = staple_participant_new ();
      g_autoptr(StapleAction) action = staple_action_new ();
      g_autoptr(StapleEmpowerment) empowerment = staple_empowerment_new ();
      g_autofree char *name = repeat (pieces[(s + 1) % 4], s == 2 ? 400 : 30);
      g_autofree char *action_text = repeat (pieces[s], lengths[(s + 2) % 6]);
      gint64 ids[2];

      staple_stage_set_id (stage, s + 1);
      staple_stage_set_name (stage, name);
      staple_stage_set_team (stage, s % 2 == 0 ? "צוות" : "Back office");
      staple_stage_set_work_minutes (stage, 30);
      staple_stage_set_wait_minutes (stage, 600);
      g_list_store_append (staple_session_get_stages (session), stage);

      for (guint f = 0; f < G_N_ELEMENTS (lengths); f++)
        {
          g_autoptr(StapleFriction) friction = staple_friction_new ();
          g_autofree char *text = repeat (pieces[(s + f) % 4], lengths[f]);

          staple_friction_set_id (friction, ++friction_id);
          staple_friction_set_stage_id (friction, s + 1);
          staple_friction_set_text (friction, text);
          staple_friction_set_kind (friction, (StapleFrictionKind) (f % 8));
          staple_friction_set_severity (friction, 1 + (int) (f % 5));
          staple_friction_set_principle (friction, (StaplePrinciple) (f % 4));
          g_list_store_append (staple_stage_get_frictions (stage), friction);
        }

      staple_participant_set_id (participant, s + 1);
      staple_participant_set_name (participant, s % 2 == 0 ? "דנה כהן" : "Sam Smith");
      staple_participant_set_role (participant, pieces[(s + 2) % 4]);
      g_list_store_append (staple_session_get_participants (session), participant);

      staple_action_set_id (action, s + 1);
      staple_action_set_text (action, action_text);
      staple_action_set_owner_id (action, s + 1);
      ids[0] = friction_id;
      ids[1] = friction_id - 3;
      staple_action_set_friction_ids (action, ids, 2);
      g_list_store_append (staple_session_get_actions (session), action);

      staple_empowerment_set_id (empowerment, s + 1);
      staple_empowerment_set_text (empowerment, action_text);
      g_list_store_append (staple_session_get_empowerments (session), empowerment);
    }

  return session;
}

/* A session with far more than a page can hold, for the one-page summary. */
static StapleSession *
make_crowded_session (void)
{
  StapleSession *session = make_long_session ();

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(StapleAction) action = staple_action_new ();
      g_autoptr(StapleEmpowerment) empowerment = staple_empowerment_new ();
      g_autofree char *text = g_strdup_printf ("Crowded action number %u, which is long enough "
                                               "to wrap onto a second line of the summary", i);

      staple_action_set_id (action, 100 + i);
      staple_action_set_text (action, text);
      g_list_store_append (staple_session_get_actions (session), action);
      staple_empowerment_set_id (empowerment, 100 + i);
      staple_empowerment_set_text (empowerment, text);
      g_list_store_append (staple_session_get_empowerments (session), empowerment);
    }

  return session;
}

static StapleReport *
make_report (StapleSession     *session,
             StapleReportKind   kind,
             StaplePaper        paper,
             StapleOrientation  orientation,
             guint              columns,
             guint              rows)
{
  StapleReportOptions options;

  staple_report_options_init (&options);
  options.kind = kind;
  options.paper = paper;
  options.orientation = orientation;
  options.poster_columns = columns;
  options.poster_rows = rows;
  return staple_report_new (session, &options);
}

/* Command-line tools */

static char *
run_tool (const char *program,
          const char *first,
          const char *second,
          const char *third)
{
  g_autofree char *path = g_find_program_in_path (program);
  const char *argv[] = { path, first, second, third, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_error = NULL;
  char *standard_output = NULL;
  int status = 0;

  if (path == NULL)
    return NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &standard_output,
                &standard_error, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", program, error->message, standard_error);

  return standard_output;
}

static gboolean
have_tool (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  if (path == NULL)
    g_test_message ("%s is not installed: its checks are skipped", program);
  return path != NULL;
}

static char *
collapse_spaces (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *collapsed = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);

  return g_strdup (g_strstrip (collapsed));
}

/* The first @n characters of @text, spaces collapsed. */
static char *
prefix (const char *text,
        glong       n)
{
  g_autofree char *collapsed = collapse_spaces (text);
  const char *end = g_utf8_offset_to_pointer (collapsed, MIN (n, g_utf8_strlen (collapsed, -1)));

  return g_strndup (collapsed, (gsize) (end - collapsed));
}

static char *
write_report (StapleReport *report,
              const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-report-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (staple_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static void
remove_report (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
check_pdfinfo (const char *path,
               guint       n_pages,
               double      width,
               double      height)
{
  g_autofree char *info = run_tool ("pdfinfo", path, NULL, NULL);
  g_autoptr(GRegex) pages_re = g_regex_new ("^Pages:\\s+(\\d+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GRegex) size_re = g_regex_new ("^Page size:\\s+([0-9.]+) x ([0-9.]+) pts",
                                           G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *w = NULL;
  g_autofree char *h = NULL;
  g_autofree char *collapsed = NULL;

  if (info == NULL)
    return;

  g_assert_true (g_regex_match (pages_re, info, 0, &match));
  pages = g_match_info_fetch (match, 1);
  g_assert_cmpuint (g_ascii_strtoull (pages, NULL, 10), ==, n_pages);
  g_clear_pointer (&match, g_match_info_free);

  g_assert_true (g_regex_match (size_re, info, 0, &match));
  w = g_match_info_fetch (match, 1);
  h = g_match_info_fetch (match, 2);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (w, NULL), width, 0.015);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (h, NULL), height, 0.015);

  collapsed = collapse_spaces (info);
  g_assert_nonnull (strstr (collapsed, "Creator: Staple"));
}

static void
check_qpdf (const char *path)
{
  g_autofree char *output = NULL;

  if (!have_tool ("qpdf"))
    return;

  /* run_tool fails the test on a non-zero exit, i.e. on any damage. */
  output = run_tool ("qpdf", "--check", path, NULL);
  g_assert_nonnull (strstr (output, "No syntax or stream encoding errors"));
}

static char *
pdf_text_of (const char *path)
{
  g_autofree char *text_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  char *collapsed;

  if (!have_tool ("pdftotext"))
    return NULL;

  text_path = g_strconcat (path, ".txt", NULL);
  output = run_tool ("pdftotext", path, text_path, NULL);
  g_file_get_contents (text_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_unlink (text_path);

  collapsed = collapse_spaces (text);
  return collapsed;
}

static void
assert_text_has (const char *text,
                 const char *what,
                 glong       n)
{
  g_autofree char *start = prefix (what, n);

  if (strstr (text, start) == NULL)
    g_error ("the PDF's text lacks “%s”", start);
}

/* Paper */

static void
test_paper_from_string (void)
{
  StaplePaper paper = STAPLE_PAPER_A0;

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *upper = g_ascii_strup (papers[i].name, -1);
      g_autofree char *lower = g_ascii_strdown (papers[i].name, -1);

      g_assert_true (staple_paper_from_string (upper, &paper));
      g_assert_cmpint (paper, ==, papers[i].paper);
      g_assert_true (staple_paper_from_string (lower, &paper));
      g_assert_cmpint (paper, ==, papers[i].paper);
    }

  g_assert_true (staple_paper_from_string ("LeTtEr", NULL));
  g_assert_false (staple_paper_from_string ("a5", &paper));
  g_assert_false (staple_paper_from_string ("", &paper));
  g_assert_false (staple_paper_from_string ("a4 ", &paper));
  g_assert_cmpint (paper, ==, STAPLE_PAPER_A0); /* untouched when false */
}

static void
test_paper_size (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      double width, height;

      staple_paper_get_size (papers[i].paper, STAPLE_ORIENTATION_PORTRAIT, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, papers[i].width, EPSILON);
      g_assert_cmpfloat_with_epsilon (height, papers[i].height, EPSILON);
      staple_paper_get_size (papers[i].paper, STAPLE_ORIENTATION_LANDSCAPE, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, papers[i].height, EPSILON);
      g_assert_cmpfloat_with_epsilon (height, papers[i].width, EPSILON);
    }
}

static void
test_options_defaults (void)
{
  StapleReportOptions options;

  staple_report_options_init (&options);
  g_assert_cmpint (options.kind, ==, STAPLE_REPORT_FULL);
  g_assert_cmpint (options.paper, ==, STAPLE_PAPER_A4);
  g_assert_cmpint (options.orientation, ==, STAPLE_ORIENTATION_LANDSCAPE);
  g_assert_cmpfloat (options.margin_mm, ==, 12);
  g_assert_cmpfloat (options.overlap_mm, ==, 10);
  g_assert_true (options.cut_marks);
  g_assert_cmpuint (options.poster_columns * options.poster_rows, <=, 1);
}

static guint check_no_overlaps (StapleReport *report);

static void
test_options_odd_values (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  const double margins[] = { 0, -5, NAN, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (margins); i++)
    {
      StapleReportOptions options;
      g_autoptr(StapleReport) full = NULL;
      g_autoptr(StapleReport) poster = NULL;
      double top, bottom;

      staple_report_options_init (&options);
      options.margin_mm = margins[i];
      options.overlap_mm = margins[i] * 100;
      full = staple_report_new (session, &options);
      staple_report_get_body (full, &top, &bottom);
      g_assert_cmpfloat (top, >=, 5 * 72 / 25.4 - EPSILON);
      g_assert_cmpfloat (bottom, >, top + 100);
      check_no_overlaps (full);

      options.kind = STAPLE_REPORT_MAP;
      options.poster_columns = 0;
      options.poster_rows = 5;
      poster = staple_report_new (session, &options);
      g_assert_cmpuint (staple_report_get_n_pages (poster), ==, 5);
    }
}

/* Pagination */

static void
test_pages_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (session)));

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    for (guint o = 0; o < 2 && paper_laid_out (i); o++)
      {
        StapleOrientation orientation = o == 0 ? STAPLE_ORIENTATION_LANDSCAPE
                                               : STAPLE_ORIENTATION_PORTRAIT;
        g_autoptr(StapleReport) full = make_report (session, STAPLE_REPORT_FULL, papers[i].paper,
                                                    orientation, 1, 1);
        g_autoptr(StapleReport) again = make_report (session, STAPLE_REPORT_FULL,
                                                     papers[i].paper, orientation, 1, 1);
        g_autoptr(StapleReport) map = make_report (session, STAPLE_REPORT_MAP, papers[i].paper,
                                                   orientation, 0, 0);
        g_autoptr(StapleReport) poster = make_report (session, STAPLE_REPORT_MAP,
                                                      papers[i].paper, orientation, 3, 2);
        g_autoptr(StapleReport) full_poster = make_report (session, STAPLE_REPORT_FULL,
                                                           papers[i].paper, orientation, 2, 2);
        g_autoptr(StapleReport) summary = make_report (session, STAPLE_REPORT_SUMMARY,
                                                       papers[i].paper, orientation, 1, 1);
        g_autoptr(StapleReport) sheets = make_report (session, STAPLE_REPORT_WALK_SHEETS,
                                                      papers[i].paper, orientation, 1, 1);
        guint n_full = staple_report_get_n_pages (full);

        g_test_message ("%s %s: full %u pages", papers[i].name,
                        o == 0 ? "landscape" : "portrait", n_full);

        /* Map, title page, register, root causes, actions, journey at least;
         * 28 friction points and 8 actions never take 40 pages. */
        g_assert_cmpuint (n_full, >=, 6);
        g_assert_cmpuint (n_full, <=, 40);
        g_assert_cmpuint (staple_report_get_n_pages (again), ==, n_full);
        /* The map continues on more pages where it cannot be read on one. */
        g_assert_cmpuint (staple_report_get_n_pages (map), >=, 1);
        g_assert_cmpuint (staple_report_get_n_pages (map), <=, n_stages);
        g_assert_cmpuint (staple_report_get_n_pages (poster), ==, 6);
        /* After a poster, the report is on a desk printer's paper: A4 in the
         * C locale, Letter after Letter or Tabloid. */
        {
          StaplePaper desk = papers[i].paper == STAPLE_PAPER_LETTER ||
                             papers[i].paper == STAPLE_PAPER_TABLOID
                             ? STAPLE_PAPER_LETTER : STAPLE_PAPER_A4;
          g_autoptr(StapleReport) desk_full = make_report (session, STAPLE_REPORT_FULL, desk,
                                                           orientation, 1, 1);
          g_autoptr(StapleReport) desk_map = make_report (session, STAPLE_REPORT_MAP, desk,
                                                          orientation, 0, 0);

          g_assert_cmpuint (staple_report_get_n_pages (full_poster), ==,
                            staple_report_get_n_pages (desk_full) -
                            staple_report_get_n_pages (desk_map) + 4);
        }
        g_assert_cmpuint (staple_report_get_n_pages (summary), ==, 1);
        g_assert_cmpuint (staple_report_get_n_pages (sheets), ==, n_stages);
      }
}

static void
test_pages_bigger_paper_fewer_pages (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleReport) a4 = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                                            STAPLE_ORIENTATION_PORTRAIT, 1, 1);
  g_autoptr(StapleReport) a0 = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A0,
                                            STAPLE_ORIENTATION_PORTRAIT, 1, 1);

  g_assert_cmpuint (staple_report_get_n_pages (a0), <=, staple_report_get_n_pages (a4));
}

static void
test_pages_empty_session (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleReport) sheets = make_report (session, STAPLE_REPORT_WALK_SHEETS,
                                                STAPLE_PAPER_A4, STAPLE_ORIENTATION_PORTRAIT,
                                                1, 1);
  g_autoptr(StapleReport) full = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                                              STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
  g_autoptr(StapleReport) poster = make_report (session, STAPLE_REPORT_MAP, STAPLE_PAPER_A4,
                                                STAPLE_ORIENTATION_LANDSCAPE, 2, 2);
  g_autoptr(StapleReport) summary = make_report (session, STAPLE_REPORT_SUMMARY,
                                                 STAPLE_PAPER_LETTER,
                                                 STAPLE_ORIENTATION_PORTRAIT, 1, 1);
  g_autofree char *path = NULL;

  g_assert_cmpuint (staple_report_get_n_pages (sheets), ==, 8);
  g_assert_cmpuint (staple_report_get_n_pages (full), >=, 6);
  g_assert_cmpuint (staple_report_get_n_pages (poster), ==, 4);
  g_assert_cmpuint (staple_report_get_n_pages (summary), ==, 1);

  path = write_report (full, "empty.pdf");
  check_qpdf (path);
  remove_report (path);
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x + EPSILON < b->x + b->width && b->x + EPSILON < a->x + a->width &&
         a->y + EPSILON < b->y + b->height && b->y + EPSILON < a->y + a->height &&
         a->width > 0 && a->height > 0 && b->width > 0 && b->height > 0;
}

/* No two table rows and no two blocks of text overlap, and rows stay in
 * the body, above the footer. */
static guint
check_no_overlaps (StapleReport *report)
{
  guint n_rows = 0;
  double top, bottom;

  staple_report_get_body (report, &top, &bottom);

  for (guint page = 0; page < staple_report_get_n_pages (report); page++)
    {
      GArray *rows = staple_report_get_row_rects (report, page);
      g_autoptr(GArray) texts = staple_report_get_text_rects (report, page);

      for (guint i = 0; i < rows->len; i++)
        {
          const cairo_rectangle_t *row = &g_array_index (rows, cairo_rectangle_t, i);

          g_assert_cmpfloat (row->height, >, 0);
          g_assert_cmpfloat (row->y, >=, top - EPSILON);
          g_assert_cmpfloat (row->y + row->height, <=, bottom + EPSILON);
          for (guint j = 0; j < i; j++)
            g_assert_false (rects_overlap (row, &g_array_index (rows, cairo_rectangle_t, j)));
        }
      n_rows += rows->len;

      for (guint i = 0; i < texts->len; i++)
        for (guint j = 0; j < i; j++)
          {
            const cairo_rectangle_t *a = &g_array_index (texts, cairo_rectangle_t, i);
            const cairo_rectangle_t *b = &g_array_index (texts, cairo_rectangle_t, j);

            if (rects_overlap (a, b))
              g_error ("page %u: text at %.1f,%.1f %.1f×%.1f overlaps %.1f,%.1f %.1f×%.1f",
                       page + 1, a->x, a->y, a->width, a->height,
                       b->x, b->y, b->width, b->height);
          }
    }

  return n_rows;
}

static void
test_pages_no_overlaps_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (paper_laid_out (i))
      {
        g_autoptr(StapleReport) landscape = make_report (session, STAPLE_REPORT_FULL,
                                                         papers[i].paper,
                                                         STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
        g_autoptr(StapleReport) portrait = make_report (session, STAPLE_REPORT_FULL,
                                                        papers[i].paper,
                                                        STAPLE_ORIENTATION_PORTRAIT, 1, 1);

        /* 28 friction points, 8 actions, and 10 stages and their totals. */
        g_assert_cmpuint (check_no_overlaps (landscape), ==, 28 + 8 + 10 + 1);
        g_assert_cmpuint (check_no_overlaps (portrait), ==, 28 + 8 + 10 + 1);
      }
}

static void
test_pages_long_texts (void)
{
  g_autoptr(StapleSession) session = make_long_session ();
  guint n_frictions = staple_session_count_frictions (session);

  for (guint o = 0; o < 2; o++)
    {
      StapleOrientation orientation = o == 0 ? STAPLE_ORIENTATION_LANDSCAPE
                                             : STAPLE_ORIENTATION_PORTRAIT;
      g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                                                    orientation, 1, 1);
      g_autoptr(StapleReport) again = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                                                   orientation, 1, 1);
      g_autoptr(StapleReport) summary = make_report (session, STAPLE_REPORT_SUMMARY,
                                                     STAPLE_PAPER_A4, orientation, 1, 1);
      g_autoptr(StapleReport) sheets = make_report (session, STAPLE_REPORT_WALK_SHEETS,
                                                    STAPLE_PAPER_A4, orientation, 1, 1);
      g_autofree char *path = NULL;

      /* A row per friction point, action and stage, and the stages' totals. */
      g_assert_cmpuint (check_no_overlaps (report), ==, n_frictions + 4 + 4 + 1);
      g_assert_cmpuint (staple_report_get_n_pages (again), ==,
                        staple_report_get_n_pages (report));
      g_assert_cmpuint (staple_report_get_n_pages (summary), ==, 1);
      check_no_overlaps (summary);
      g_assert_cmpuint (staple_report_get_n_pages (sheets), ==, 4);
      check_no_overlaps (sheets);

      path = write_report (report, "long.pdf");
      check_qpdf (path);
      remove_report (path);
    }
}

/* Texts the validator accepts, on every field the report prints: a word of
 * 100,000 letters, then a letter under 99,999 accents. Laid out whole they
 * took minutes; on paper they are cut short, in the session they stay whole. */
static void
set_every_text (StapleSession *session,
                const char    *text)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  GListModel *empowerments = G_LIST_MODEL (staple_session_get_empowerments (session));
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (session));

  staple_session_set_title (session, text);
  staple_session_set_organisation (session, text);
  staple_session_set_customer (session, text);
  staple_session_set_question (session, text);
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      staple_stage_set_name (stage, text);
      staple_stage_set_team (stage, text);
      staple_stage_set_notes (stage, text);
      for (guint f = 0; f < g_list_model_get_n_items (frictions); f++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);

          staple_friction_set_text (friction, text);
          staple_friction_set_notes (friction, text);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

      staple_action_set_text (action, text);
    }
  for (guint i = 0; i < g_list_model_get_n_items (empowerments); i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (empowerments, i);

      staple_empowerment_set_text (empowerment, text);
    }
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      staple_participant_set_name (participant, text);
      staple_participant_set_role (participant, text);
    }
}

static void
test_pages_hostile_texts (void)
{
  g_autofree char *word = repeat ("a", 100000);
  g_autofree char *accents = repeat ("\xcc\x81", 2 * 99999);
  g_autofree char *pile = g_strconcat ("a", accents, NULL);
  const char *texts[] = { word, pile };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(StapleSession) session = test_read_example ();
      g_autoptr(StapleReport) report = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      gint64 start = g_get_monotonic_time ();
      double seconds;

      set_every_text (session, texts[t]);
      report = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                            STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
      path = write_report (report, "hostile.pdf");
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      /* Before the texts were bounded: 15 s for 10,000 letters, 85 s for
       * 10,000 accents, through the command line. */
      g_test_message ("%s everywhere: %u pages in %.2f s", t == 0 ? "a 100,000-letter word"
                                                                  : "a letter under 99,999 accents",
                      staple_report_get_n_pages (report), seconds);
      g_assert_cmpfloat (seconds, <, 10.0 * SANITIZER_SLOWDOWN);
      check_no_overlaps (report);

      text = pdf_text_of (path);
      if (text != NULL && t == 0)
        assert_text_has (text, word, 30);

      g_assert_cmpstr (staple_session_get_title (session), ==, texts[t]);
      remove_report (path);
    }
}

/* Whether @needle is among the texts on any page of @report. */
static gboolean
report_has_text (StapleReport *report,
                 const char   *needle)
{
  for (guint page = 0; page < staple_report_get_n_pages (report); page++)
    {
      g_autoptr(GPtrArray) texts = staple_report_get_texts (report, page, NULL);

      for (guint i = 0; i < texts->len; i++)
        if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
          return TRUE;
    }
  return FALSE;
}

/* A Hebrew team and an Arabic participant put in the report's sentences
 * are isolated (U+2068 … U+2069): each reads right to left in its place,
 * and the English words, the parentheses and the dashes around it stay
 * where the sentence puts them. Not so before: "Yes, into" followed by a
 * right-to-left name took the punctuation after it along. */
static void
test_pages_right_to_left_names (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  g_autoptr(StapleStage) second = g_list_model_get_item (stages, 1);
  g_autoptr(StapleParticipant) participant = staple_participant_new ();
  g_autoptr(StapleReport) report = NULL;

  staple_stage_set_team (second, "צוות שטח");
  staple_participant_set_name (participant, "ليلى حداد");
  staple_participant_set_role (participant, "مديرة العمليات");
  g_list_store_append (staple_session_get_participants (session), participant);

  report = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                        STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
  g_assert_true (report_has_text (report, "Yes, into \u2068צוות שטח\u2069"));
  g_assert_true (report_has_text (report, "\u2068ليلى حداد\u2069 — \u2068مديرة العمليات\u2069"));
  g_assert_false (report_has_text (report, "Yes, into צוות"));

  /* In the time table the Hebrew owner starts where "Owner" does, not at
   * the cell's right (it did, the layout taking its direction from its
   * first letter). */
  for (guint page = 0; page < staple_report_get_n_pages (report); page++)
    {
      g_autoptr(GPtrArray) texts = staple_report_get_texts (report, page, NULL);
      g_autoptr(GArray) rects = staple_report_get_text_rects (report, page);
      double header_x = -1, owner_x = -1;

      for (guint i = 0; i < texts->len; i++)
        {
          const char *text = g_ptr_array_index (texts, i);

          if (g_str_equal (text, "Owner"))
            header_x = g_array_index (rects, cairo_rectangle_t, i).x;
          else if (g_str_equal (text, "צוות שטח"))
            owner_x = g_array_index (rects, cairo_rectangle_t, i).x;
        }
      if (header_x < 0 || owner_x < 0)
        continue;
      g_assert_cmpfloat_with_epsilon (owner_x, header_x, 1.0);
      return;
    }
  g_error ("the time table's owner column was not found");
}

static void
test_summary_crowded (void)
{
  g_autoptr(StapleSession) session = make_crowded_session ();
  /* Under the sanitizers, where each summary of this session takes some
   * twenty seconds, the smallest paper in landscape and the largest in
   * portrait: with the A4 portrait one written below, both orientations and
   * both ends of the crowding. */
  gboolean sanitized = g_getenv ("STAPLE_TEST_SANITIZED") != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    for (guint o = 0; o < 2; o++)
      if (!sanitized || (i == 0 && o == 0) || (i + 1 == G_N_ELEMENTS (papers) && o == 1))
        {
          g_autoptr(StapleReport) summary = make_report (session, STAPLE_REPORT_SUMMARY,
                                                         papers[i].paper,
                                                         o == 0 ? STAPLE_ORIENTATION_LANDSCAPE
                                                                : STAPLE_ORIENTATION_PORTRAIT,
                                                         1, 1);
          g_autoptr(GArray) texts = staple_report_get_text_rects (summary, 0);
          double top, bottom, width, height;

          staple_paper_get_size (papers[i].paper, o == 0 ? STAPLE_ORIENTATION_LANDSCAPE
                                                         : STAPLE_ORIENTATION_PORTRAIT,
                                 &width, &height);
          staple_report_get_body (summary, &top, &bottom);
          g_assert_cmpuint (staple_report_get_n_pages (summary), ==, 1);
          check_no_overlaps (summary);

          /* Everything on the page, footer included. */
          for (guint t = 0; t < texts->len; t++)
            {
              const cairo_rectangle_t *rect = &g_array_index (texts, cairo_rectangle_t, t);

              g_assert_cmpfloat (rect->x, >=, 0);
              g_assert_cmpfloat (rect->y, >=, top - EPSILON);
              g_assert_cmpfloat (rect->x + rect->width, <=, width);
              g_assert_cmpfloat (rect->y + rect->height, <=, height);
            }
        }

  {
    g_autoptr(StapleReport) summary = make_report (session, STAPLE_REPORT_SUMMARY,
                                                   STAPLE_PAPER_A4,
                                                   STAPLE_ORIENTATION_PORTRAIT, 1, 1);
    g_autofree char *path = write_report (summary, "crowded.pdf");
    g_autofree char *text = pdf_text_of (path);

    if (text != NULL)
      g_assert_nonnull (g_strrstr (text, "more"));
    check_qpdf (path);
    remove_report (path);
  }
}

/* Drawing */

static void
test_draw_other_size (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                                                STAPLE_ORIENTATION_PORTRAIT, 1, 1);

  for (guint page = 0; page < staple_report_get_n_pages (report); page++)
    {
      /* Letter is wider and shorter than A4: the page shrinks to fit. */
      cairo_rectangle_t extents = { 0, 0, 612, 792 };
      g_autoptr(cairo_surface_t) surface =
        cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      g_autoptr(cairo_t) cr = cairo_create (surface);
      double x, y, width, height;

      staple_report_draw_page (report, cr, page, extents.width, extents.height);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_recording_surface_ink_extents (surface, &x, &y, &width, &height);
      g_assert_cmpfloat (width, >, 0);
      g_assert_cmpfloat (x, >=, -1);
      g_assert_cmpfloat (y, >=, -1);
      g_assert_cmpfloat (x + width, <=, extents.width + 1);
      g_assert_cmpfloat (y + height, <=, extents.height + 1);
    }
}

/* The PDF */

static void
test_pdf_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_FULL, STAPLE_PAPER_A4,
                                                STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
  g_autofree char *path = write_report (report, "example.pdf");
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (session));

  if (have_tool ("pdfinfo"))
    {
      g_autofree char *output = run_tool ("pdfinfo", path, NULL, NULL);

      check_pdfinfo (path, staple_report_get_n_pages (report), 841.89, 595.28);
      info = collapse_spaces (output);
      g_assert_nonnull (strstr (info, "Page size: 841.89 x 595.28 pts (A4)"));
      g_assert_nonnull (strstr (info, staple_session_get_title (session)));
      g_assert_nonnull (strstr (info, staple_session_get_facilitator (session)));
      g_assert_nonnull (strstr (info, "CreationDate:"));
    }

  text = pdf_text_of (path);
  if (text != NULL)
    {
      for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
        {
          g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
          GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

          for (guint f = 0; f < g_list_model_get_n_items (frictions); f++)
            {
              g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);

              assert_text_has (text, staple_friction_get_text (friction), 30);
            }
        }

      for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
        {
          g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

          assert_text_has (text, staple_action_get_text (action), 30);
          /* Due dates as the reader's locale writes them, not as stored. */
          if (*staple_action_get_due (action) != '\0')
            {
              g_autofree char *due = staple_action_format_due (staple_action_get_due (action),
                                                               NULL);

              assert_text_has (text, due, 30);
            }
        }

      for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
        {
          g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

          assert_text_has (text, staple_participant_get_name (participant), 100);
        }

      assert_text_has (text, staple_session_get_question (session), 60);
      assert_text_has (text, "Page 1 of", 100);
    }

  check_qpdf (path);
  remove_report (path);
}

static void
test_pdf_papers (void)
{
  g_autoptr(StapleSession) session = test_read_example ();

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    for (guint o = 0; o < 2 && paper_laid_out (i); o++)
      {
        StapleOrientation orientation = o == 0 ? STAPLE_ORIENTATION_LANDSCAPE
                                               : STAPLE_ORIENTATION_PORTRAIT;
        StapleReportKind kinds[] = { STAPLE_REPORT_MAP, STAPLE_REPORT_SUMMARY,
                                     STAPLE_REPORT_WALK_SHEETS };

        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          {
            g_autoptr(StapleReport) report = make_report (session, kinds[k], papers[i].paper,
                                                          orientation, 1, 1);
            g_autofree char *path = write_report (report, "paper.pdf");

            if (o == 0)
              check_pdfinfo (path, staple_report_get_n_pages (report), papers[i].height,
                             papers[i].width);
            else
              check_pdfinfo (path, staple_report_get_n_pages (report), papers[i].width,
                             papers[i].height);
            remove_report (path);
          }
      }
}

static void
test_pdf_poster (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_MAP, STAPLE_PAPER_A4,
                                                STAPLE_ORIENTATION_LANDSCAPE, 3, 2);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (staple_report_get_n_pages (report), ==, 6);
  path = write_report (report, "poster.pdf");
  check_pdfinfo (path, 6, 841.89, 595.28);

  text = pdf_text_of (path);
  if (text != NULL)
    {
      assert_text_has (text, "Tile A1 — column 1 of 3, row 1 of 2", 100);
      assert_text_has (text, "Tile B2 — column 2 of 3, row 2 of 2", 100);
      assert_text_has (text, "Tile C2 — column 3 of 3, row 2 of 2", 100);
    }

  check_qpdf (path);
  remove_report (path);
}

static void
test_pdf_walk_sheets (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_WALK_SHEETS,
                                                STAPLE_PAPER_A4, STAPLE_ORIENTATION_PORTRAIT,
                                                1, 1);
  g_autofree char *path = write_report (report, "sheets.pdf");
  g_autofree char *text = pdf_text_of (path);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));

  if (text != NULL)
    for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
      {
        g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);

        assert_text_has (text, staple_stage_get_name (stage), 30);
      }

  check_qpdf (path);
  remove_report (path);
}

static void
test_pdf_unwritable (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_SUMMARY, STAPLE_PAPER_A4,
                                                STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-report-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no such folder", "out.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "a folder.pdf", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_assert_no_error (error);

  /* A folder that does not exist: nothing can be created. */
  g_assert_false (staple_report_write_pdf (report, missing, &error));
  g_assert_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A folder in the way: the temporary file is written, the rename fails,
   * and the temporary file goes. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (staple_report_write_pdf (report, folder, &error));
  g_assert_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "a folder.pdf"));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_cmpstr (name, ==, "a folder.pdf");

  g_rmdir (folder);
  g_rmdir (dir);
}

/* The disk fills at the end of a report, of a comparison and in a PNG (a file-size limit
 * stands in for it, in a child process): each export says so and what to
 * do, leaves the earlier file of that name as it was and no temporary file.
 * A full disk used to end in a cut-off PDF under the name, reported as
 * written, as cairo finished the surface with success. */
static void
disk_full_child (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_SUMMARY, STAPLE_PAPER_A4,
                                                STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
  const char *folder = g_getenv ("STAPLE_TEST_FULL_DIR");
  g_autofree char *pdf = g_build_filename (folder, "report.pdf", NULL);
  g_autofree char *png = g_build_filename (folder, "map.png", NULL);
  rlim_t size = (rlim_t) g_ascii_strtoull (g_getenv ("STAPLE_TEST_FULL_SIZE"), NULL, 10);
  rlim_t compare_size = (rlim_t) g_ascii_strtoull (g_getenv ("STAPLE_TEST_FULL_COMPARE_SIZE"),
                                                   NULL, 10);
  g_autofree char *compare = g_build_filename (folder, "compare.pdf", NULL);
  struct rlimit limit = { compare_size, RLIM_INFINITY };
  g_autoptr(GError) error = NULL;

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (staple_export_comparison_pdf (session, session, compare, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "export to another disk"));
  g_clear_error (&error);

  limit.rlim_cur = size;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (staple_report_write_pdf (report, pdf, &error));
  g_assert_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "report.pdf"));
  g_assert_nonnull (strstr (error->message, "export to another disk"));
  g_clear_error (&error);

  g_assert_false (staple_export_map_png (session, png, 1.0, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "map.png"));
  g_assert_nonnull (strstr (error->message, "export to another disk"));
}

/* The disk fills at the end of a report, of a comparison and in a PNG (a file-size limit
 * stands in for it, in a child process): each export says so and what to
 * do, leaves the earlier file of that name as it was and no temporary file.
 * A full disk used to end in a cut-off PDF under the name, reported as
 * written, as cairo finished the surface with success. */
static void
test_pdf_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  if (g_test_subprocess ())
    {
      disk_full_child ();
      return;
    }

  dir = g_dir_make_tmp ("staple-report-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "report.pdf", NULL);
  png = g_build_filename (dir, "map.png", NULL);
  g_assert_true (g_file_set_contents (pdf, "earlier", -1, NULL));
  g_assert_true (g_file_set_contents (png, "earlier", -1, NULL));

  /* The disk fills as the last bytes of the PDF go out: as cairo finishes
   * the document, when it used not to tell. */
  {
    g_autoptr(StapleSession) session = test_read_example ();
    g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_SUMMARY, STAPLE_PAPER_A4,
                                                  STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
    g_autofree char *whole = g_build_filename (dir, "whole.pdf", NULL);
    g_autofree char *size = NULL;
    GStatBuf st;

    g_assert_true (staple_report_write_pdf (report, whole, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (whole, &st), ==, 0);
    size = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) st.st_size - 200);
    g_setenv ("STAPLE_TEST_FULL_SIZE", size, TRUE);
    g_clear_pointer (&size, g_free);

    g_assert_true (staple_export_comparison_pdf (session, session, whole, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (whole, &st), ==, 0);
    g_unlink (whole);
    size = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) st.st_size - 200);
    g_setenv ("STAPLE_TEST_FULL_COMPARE_SIZE", size, TRUE);
  }

  g_setenv ("STAPLE_TEST_FULL_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (png, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_str_equal (name, "report.pdf") || g_str_equal (name, "map.png"));
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_pdf_replaces (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_REPORT_SUMMARY, STAPLE_PAPER_A4,
                                                STAPLE_ORIENTATION_LANDSCAPE, 1, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_report (report, "twice.pdf");
  g_autofree char *contents = NULL;
  GStatBuf buf;
  mode_t mask;

  g_assert_true (staple_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  mask = umask (0);
  umask (mask);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0644 & ~mask);
  remove_report (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/paper/from-string", test_paper_from_string);
  g_test_add_func ("/report/paper/size", test_paper_size);
  g_test_add_func ("/report/options/defaults", test_options_defaults);
  g_test_add_func ("/report/options/odd-values", test_options_odd_values);
  g_test_add_func ("/report/pages/example", test_pages_example);
  g_test_add_func ("/report/pages/bigger-paper", test_pages_bigger_paper_fewer_pages);
  g_test_add_func ("/report/pages/empty-session", test_pages_empty_session);
  g_test_add_func ("/report/pages/no-overlaps", test_pages_no_overlaps_example);
  g_test_add_func ("/report/pages/long-texts", test_pages_long_texts);
  g_test_add_func ("/report/pages/hostile-texts", test_pages_hostile_texts);
  g_test_add_func ("/report/pages/right-to-left-names", test_pages_right_to_left_names);
  g_test_add_func ("/report/summary/crowded", test_summary_crowded);
  g_test_add_func ("/report/draw/other-size", test_draw_other_size);
  g_test_add_func ("/report/pdf/example", test_pdf_example);
  g_test_add_func ("/report/pdf/papers", test_pdf_papers);
  g_test_add_func ("/report/pdf/poster", test_pdf_poster);
  g_test_add_func ("/report/pdf/walk-sheets", test_pdf_walk_sheets);
  g_test_add_func ("/report/pdf/unwritable", test_pdf_unwritable);
  g_test_add_func ("/report/pdf/replaces", test_pdf_replaces);
  g_test_add_func ("/report/pdf/disk-full", test_pdf_disk_full);

  return g_test_run ();
}
