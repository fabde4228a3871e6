/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-map: the journey map on paper, read back from the PDF as a
 * reader gets it (poppler's pdftotext -bbox and pdftoppm): type sizes on
 * the map pages, every card's words, and the poster's tiles. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "staple-report.h"
#include "staple-report-private.h"
#include "test-util.h"

/* pdftotext's word boxes run about this much taller than the type's size
 * (the report's own 11.5 pt title: 13.8 pt boxes). */
#define BOX_PER_POINT 1.2

typedef struct
{
  guint  page;  /* from 0 */
  double x0, y0, x1, y1;
  char  *text;  /* lower case, without the punctuation around it */
} Word;

typedef struct
{
  GArray *words;  /* Word */
  GArray *sizes;  /* double[2] per page: width, height */
} PdfWords;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->text);
}

static void
pdf_words_free (PdfWords *words)
{
  g_array_unref (words->words);
  g_array_unref (words->sizes);
  g_free (words);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfWords, pdf_words_free)

static gboolean
have_tool (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  if (path == NULL)
    g_test_message ("%s is not installed: its checks are skipped", program);
  return path != NULL;
}

static void
run (const char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &standard_error, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, standard_error);
}

/* A word as a token: lower case, the punctuation at its ends dropped. */
static char *
token_of (const char *word)
{
  g_autofree char *down = g_utf8_strdown (word, -1);
  char *start = down;
  char *end;

  while (*start != '\0' && !g_unichar_isalnum (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      char *last = g_utf8_find_prev_char (start, end);

      if (g_unichar_isalnum (g_utf8_get_char (last)))
        break;
      end = last;
    }

  return g_strndup (start, (gsize) (end - start));
}

static char *
unescape (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "&lt;", "<", 0);
  g_string_replace (out, "&gt;", ">", 0);
  g_string_replace (out, "&quot;", "\"", 0);
  g_string_replace (out, "&apos;", "'", 0);
  g_string_replace (out, "&amp;", "&", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static double
attribute (const char *tag,
           const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *at = strstr (tag, key);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

/* Every word of the PDF with its box, in points from the page's top left. */
static PdfWords *
read_words (const char *pdf)
{
  g_autofree char *html_path = g_strconcat (pdf, ".html", NULL);
  const char *argv[] = { "pdftotext", "-bbox", pdf, html_path, NULL };
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  PdfWords *words = g_new0 (PdfWords, 1);
  const char *at;
  int page = -1;

  run (argv);
  g_file_get_contents (html_path, &html, NULL, &error);
  g_assert_no_error (error);
  g_unlink (html_path);

  words->words = g_array_new (FALSE, TRUE, sizeof (Word));
  g_array_set_clear_func (words->words, word_clear);
  words->sizes = g_array_new (FALSE, TRUE, sizeof (double) * 2);

  at = html;
  while ((at = strchr (at, '<')) != NULL)
    {
      if (g_str_has_prefix (at, "<page "))
        {
          double size[2] = { attribute (at, "width"), attribute (at, "height") };

          g_array_append_vals (words->sizes, size, 1);
          page++;
        }
      else if (g_str_has_prefix (at, "<word "))
        {
          const char *text = strchr (at, '>') + 1;
          const char *end = strstr (text, "</word>");
          g_autofree char *raw = g_strndup (text, (gsize) (end - text));
          g_autofree char *plain = unescape (raw);
          Word word = { (guint) page, attribute (at, "xMin"), attribute (at, "yMin"),
                        attribute (at, "xMax"), attribute (at, "yMax"), token_of (plain) };

          g_assert_cmpint (page, >=, 0);
          g_array_append_val (words->words, word);
          at = end;
        }
      at++;
    }

  return words;
}

static StapleReport *
make_report (StapleSession *session,
             StaplePaper    paper,
             guint          columns,
             guint          rows)
{
  StapleReportOptions options;

  staple_report_options_init (&options);
  options.kind = STAPLE_REPORT_MAP;
  options.paper = paper;
  options.poster_columns = columns;
  options.poster_rows = rows;
  return staple_report_new (session, &options);
}

static char *
write_pdf (StapleReport *report,
           const char   *dir,
           const char   *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (staple_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The heights of the boxes of @text's words: a token of it may be found
 * anywhere on the map pages, in the card's type or another. */
static GArray *
heights_of (PdfWords   *words,
            const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \n\t-", -1);
  GArray *heights = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *token = token_of (parts[i]);

      if (g_utf8_strlen (token, -1) < 3)
        continue;

      for (guint w = 0; w < words->words->len; w++)
        {
          const Word *word = &g_array_index (words->words, Word, w);

          if (strcmp (word->text, token) == 0)
            {
              double height = word->y1 - word->y0;

              g_array_append_val (heights, height);
            }
        }
    }

  g_array_sort (heights, compare_doubles);
  return heights;
}

/* Fails unless every word of @text is somewhere in @words. */
static void
assert_has_words (PdfWords   *words,
                  const char *text)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) parts = g_strsplit_set (text, " \n\t-", -1);

  /* A line may break after a hyphen. */
  for (guint w = 0; w < words->words->len; w++)
    {
      g_auto(GStrv) pieces = g_strsplit (g_array_index (words->words, Word, w).text, "-", -1);

      g_hash_table_add (found, g_strdup (g_array_index (words->words, Word, w).text));
      for (guint i = 0; pieces[i] != NULL; i++)
        g_hash_table_add (found, token_of (pieces[i]));
    }

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *token = token_of (parts[i]);

      if (*token != '\0' && !g_hash_table_contains (found, token))
        g_error ("the map's PDF lacks “%s” of the card “%s”", token, text);
    }
}

/* The smallest card text and stage name on the map pages, in points: a
 * card's text is as large as most of its words' boxes, a name as large as
 * its largest. */
static void
measure_map (StapleSession *session,
             PdfWords      *words,
             double        *card_pt,
             double        *name_pt)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));

  *card_pt = G_MAXDOUBLE;
  *name_pt = G_MAXDOUBLE;
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      g_autoptr(GArray) name = heights_of (words, staple_stage_get_name (stage));

      g_assert_cmpuint (name->len, >, 0);
      *name_pt = MIN (*name_pt, g_array_index (name, double, name->len - 1) / BOX_PER_POINT);

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);
          const char *text = staple_friction_get_text (friction);
          g_autoptr(GArray) card = heights_of (words, text);

          assert_has_words (words, text);
          g_assert_cmpuint (card->len, >, 0);
          *card_pt = MIN (*card_pt, g_array_index (card, double, card->len / 2) / BOX_PER_POINT);
        }
    }
}

static void
test_map_pages_legible (void)
{
  static const struct
  {
    StaplePaper paper;
    const char *name;
  } papers[] = {
    { STAPLE_PAPER_A4, "a4" },
    { STAPLE_PAPER_LETTER, "letter" },
    { STAPLE_PAPER_A3, "a3" },
    { STAPLE_PAPER_TABLOID, "tabloid" },
  };
  g_autoptr(StapleSession) session = test_read_example ();
  g_autofree char *dir = test_make_tmp_dir ();

  if (!have_tool ("pdftotext"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autoptr(StapleReport) report = make_report (session, papers[i].paper, 1, 1);
      g_autofree char *name = g_strconcat (papers[i].name, ".pdf", NULL);
      g_autofree char *pdf = write_pdf (report, dir, name);
      g_autoptr(PdfWords) words = read_words (pdf);
      guint n_pages = staple_report_get_n_pages (report);
      double card_pt, name_pt, top, bottom;

      measure_map (session, words, &card_pt, &name_pt);
      g_test_message ("%s: the map on %u pages, card text %.1f pt, stage names %.1f pt",
                      papers[i].name, n_pages, card_pt, name_pt);
      g_assert_cmpfloat (card_pt, >=, 8.0 - 0.05);
      g_assert_cmpfloat (name_pt, >=, 10.0 - 0.05);

      /* The page is used, not a strip across its middle: on every page but
       * the last, the map's text reaches down past three quarters of the body. */
      staple_report_get_body (report, &top, &bottom);
      for (guint page = 0; page + 1 < n_pages; page++)
        {
          double lowest = 0;

          for (guint w = 0; w < words->words->len; w++)
            {
              const Word *word = &g_array_index (words->words, Word, w);

              if (word->page == page && word->y1 < bottom)
                lowest = MAX (lowest, word->y1);
            }
          g_assert_cmpfloat (lowest, >, top + (bottom - top) * 0.75);
        }
    }

  test_remove_tree (dir);
}

/* 40 stages of 30 cards, each card's words its own; under the sanitizers,
 * where drawing and reading back 1,200 cards takes minutes (their
 * allocations unwound one by one), 8 stages of 15 walk the same code. */
static StapleSession *
make_big_session (void)
{
  StapleSession *session = staple_session_new ();
  gboolean sanitized = g_getenv ("STAPLE_TEST_SANITIZED") != NULL;
  guint n_stages = sanitized ? 8 : 40;
  guint n_cards = sanitized ? 15 : 30;

  staple_session_set_title (session, "Twelve hundred cards");
  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();
      g_autofree char *name = g_strdup_printf ("Stage %u", i + 1);

      staple_stage_set_name (stage, name);
      for (guint j = 0; j < n_cards; j++)
        {
          g_autoptr(StapleFriction) friction = staple_friction_new ();
          g_autofree char *text = g_strdup_printf ("Form s%uc%u waits for sign-off q%u",
                                                   i, j, i * 30 + j);

          staple_friction_set_text (friction, text);
          staple_friction_set_kind (friction, (StapleFrictionKind) (j % 4));
          staple_friction_set_severity (friction, 1 + (int) (j % 5));
          g_list_store_append (staple_stage_get_frictions (stage), friction);
        }
      g_list_store_append (staple_session_get_stages (session), stage);
    }

  return session;
}

/* The case: a map of 1,200 cards on one A0 sheet kept 17 words of
 * their text, the rest judged too small to draw. */
static void
test_map_big_keeps_every_word (void)
{
  g_autoptr(StapleSession) session = make_big_session ();
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_PAPER_A0, 1, 1);
  g_autofree char *pdf = write_pdf (report, dir, "a0.pdf");
  g_autoptr(PdfWords) words = NULL;
  double card_pt, name_pt;

  if (!have_tool ("pdftotext"))
    return;

  words = read_words (pdf);
  measure_map (session, words, &card_pt, &name_pt);
  g_test_message ("1,200 cards on A0: %u pages, card text %.1f pt, stage names %.1f pt",
                  staple_report_get_n_pages (report), card_pt, name_pt);
  g_assert_cmpfloat (card_pt, >=, 8.0 - 0.05);
  g_assert_cmpfloat (name_pt, >=, 10.0 - 0.05);

  test_remove_tree (dir);
}

/* A card of a long paragraph: on screen it is cut after a few lines, on
 * paper every word of it is on the map page. */
static void
test_map_long_card_whole (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleStage) stage =
    g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (session)), 0);
  g_autoptr(StapleFriction) friction = staple_friction_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(StapleReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(PdfWords) words = NULL;
  guint n_words = 60;

  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (text, "%sloanword%u", i > 0 ? " " : "", i);
  staple_friction_set_text (friction, text->str);
  g_list_store_append (staple_stage_get_frictions (stage), friction);

  report = make_report (session, STAPLE_PAPER_A4, 1, 1);
  pdf = write_pdf (report, dir, "long-card.pdf");
  if (!have_tool ("pdftotext"))
    return;

  words = read_words (pdf);
  for (guint i = 0; i < n_words; i++)
    {
      g_autofree char *word = g_strdup_printf ("loanword%u", i);
      gboolean found = FALSE;

      for (guint j = 0; j < words->words->len && !found; j++)
        found = g_str_equal (g_array_index (words->words, Word, j).text, word);
      if (!found)
        g_error ("“%s” of the long card is not on the map pages", word);
    }

  test_remove_tree (dir);
}

/* Fails if a word of a poster's tile crosses one of its trimmed edges. */
static void
assert_no_word_on_edges (PdfWords *words,
                         double    margin)
{
  for (guint w = 0; w < words->words->len; w++)
    {
      const Word *word = &g_array_index (words->words, Word, w);
      const double *size = &g_array_index (words->sizes, double, word->page * 2);
      double xs[2] = { margin, size[0] - margin };
      double ys[2] = { margin, size[1] - margin };

      for (guint i = 0; i < 2; i++)
        if ((word->x0 < xs[i] - 0.5 && word->x1 > xs[i] + 0.5) ||
            (word->y0 < ys[i] - 0.5 && word->y1 > ys[i] + 0.5))
          g_error ("“%s” on tile %u crosses its edge: %.1f–%.1f × %.1f–%.1f", word->text,
                   word->page + 1, word->x0, word->x1, word->y0, word->y1);
    }
}

/* The share of @page's trimmed area that is blank paper, the map not
 * reaching it: at 20 dpi, in each line of pixels, the white from either
 * trimmed edge to the first mark on it (a line with no mark is all
 * blank). The white between the map's cards is the map's, not blank. */
static double
blank_share (const char *pdf,
             guint       page,
             double      margin)
{
  g_autofree char *first = g_strdup_printf ("%u", page + 1);
  g_autofree char *prefix = g_strconcat (pdf, "-tile", NULL);
  g_autofree char *pgm_path = NULL;
  g_autofree char *data = NULL;
  const char *argv[] = { "pdftoppm", "-r", "20", "-gray", "-singlefile", "-f", first, "-l", first,
                         pdf, prefix, NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  const guchar *pixels;
  gsize length;
  int width, height, m, blank = 0, total = 0;

  run (argv);
  pgm_path = g_strconcat (prefix, ".pgm", NULL);
  g_file_get_contents (pgm_path, &data, &length, &error);
  g_assert_no_error (error);
  g_unlink (pgm_path);

  /* "P5\nWIDTH HEIGHT\n255\n" and the pixels. */
  header = g_strsplit_set (data, " \n", 5);
  g_assert_cmpstr (header[0], ==, "P5");
  width = atoi (header[1]);
  height = atoi (header[2]);
  g_assert_cmpuint (length, >=, (gsize) (width * height));
  pixels = (const guchar *) data + length - (gsize) (width * height);
  /* Clear of the cut marks and the tile's index in the margin. */
  m = (int) ceil (margin / 72.0 * 20) + 1;

  for (int y = m; y < height - m; y++)
    {
      const guchar *line = pixels + (gsize) y * width;
      int left = m, right = width - m - 1;

      while (left <= right && line[left] >= 250)
        left++;
      while (right >= left && line[right] >= 250)
        right--;
      blank += left > right ? width - 2 * m : (left - m) + (width - m - 1 - right);
      total += width - 2 * m;
    }

  return (double) blank / total;
}

/* The example on A3, 3 × 2 tiles: no card, name or header cut by a tile's
 * edge (they were: 34 words across one), every card's words on a tile,
 * and the tiles used. */
static void
test_poster_tiles (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_PAPER_A3, 3, 2);
  g_autofree char *pdf = write_pdf (report, dir, "poster.pdf");
  g_autoptr(PdfWords) words = NULL;
  g_autoptr(GString) shares = g_string_new (NULL);
  double margin = 12 * 72 / 25.4;
  double card_pt, name_pt;

  g_assert_cmpuint (staple_report_get_n_pages (report), ==, 6);
  if (!have_tool ("pdftotext") || !have_tool ("pdftoppm"))
    return;

  words = read_words (pdf);
  assert_no_word_on_edges (words, margin);
  measure_map (session, words, &card_pt, &name_pt);
  g_test_message ("A3 3 × 2 poster: card text %.1f pt, stage names %.1f pt", card_pt, name_pt);
  g_assert_cmpfloat (card_pt, >=, 8.0);

  for (guint page = 0; page < 6; page++)
    {
      double share = blank_share (pdf, page, margin);

      g_string_append_printf (shares, " %.0f %%", share * 100);
      g_assert_cmpfloat (share, <, 0.25);
    }
  g_test_message ("blank paper on each tile:%s", shares->str);

  test_remove_tree (dir);
}

/* 1,200 cards on two A4 tiles: small type, as the coach chose the sheets, but
 * every word there. */
static void
test_poster_big_keeps_every_word (void)
{
  g_autoptr(StapleSession) session = make_big_session ();
  g_autofree char *dir = test_make_tmp_dir ();
  g_autoptr(StapleReport) report = make_report (session, STAPLE_PAPER_A4, 2, 1);
  g_autofree char *pdf = write_pdf (report, dir, "big-poster.pdf");
  g_autoptr(PdfWords) words = NULL;
  double card_pt, name_pt;

  if (!have_tool ("pdftotext"))
    return;

  words = read_words (pdf);
  assert_no_word_on_edges (words, 12 * 72 / 25.4);
  measure_map (session, words, &card_pt, &name_pt);
  g_test_message ("1,200 cards on a 2 × 1 A4 poster: card text %.1f pt", card_pt);

  test_remove_tree (dir);
}

/* The report after an A3 or Tabloid poster is on A4 or Letter (it was on
 * the poster's sheets, A4-sized text on A3, three quarters empty). */
static void
test_poster_report_paper (void)
{
  static const struct
  {
    StaplePaper poster;
    StaplePaper report;
  } cases[] = {
    { STAPLE_PAPER_A3, STAPLE_PAPER_A4 },
    { STAPLE_PAPER_TABLOID, STAPLE_PAPER_LETTER },
  };
  g_autoptr(StapleSession) session = test_read_example ();
  g_autofree char *dir = test_make_tmp_dir ();

  if (!have_tool ("pdftotext"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      StapleReportOptions options;
      g_autoptr(StapleReport) report = NULL;
      g_autofree char *pdf = NULL;
      g_autoptr(PdfWords) words = NULL;
      double poster[2], paper[2];

      staple_report_options_init (&options);
      options.paper = cases[i].poster;
      options.poster_columns = 3;
      options.poster_rows = 2;
      report = staple_report_new (session, &options);
      pdf = write_pdf (report, dir, "full.pdf");
      words = read_words (pdf);
      staple_paper_get_size (cases[i].poster, options.orientation, &poster[0], &poster[1]);
      staple_paper_get_size (cases[i].report, options.orientation, &paper[0], &paper[1]);

      g_assert_cmpuint (words->sizes->len, ==, staple_report_get_n_pages (report));
      g_assert_cmpuint (words->sizes->len, >, 7);
      for (guint page = 0; page < words->sizes->len; page++)
        {
          const double *size = &g_array_index (words->sizes, double, page * 2);
          const double *wanted = page < 6 ? poster : paper;

          g_assert_cmpfloat_with_epsilon (size[0], wanted[0], 1);
          g_assert_cmpfloat_with_epsilon (size[1], wanted[1], 1);
        }
    }

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report-map/pages/legible", test_map_pages_legible);
  g_test_add_func ("/report-map/pages/big-keeps-every-word", test_map_big_keeps_every_word);
  g_test_add_func ("/report-map/pages/long-card-whole", test_map_long_card_whole);
  g_test_add_func ("/report-map/poster/tiles", test_poster_tiles);
  g_test_add_func ("/report-map/poster/big-keeps-every-word", test_poster_big_keeps_every_word);
  g_test_add_func ("/report-map/poster/report-paper", test_poster_report_paper);

  return g_test_run ();
}
