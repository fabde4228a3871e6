/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audience's view at 1280×720: every phase of the example workshop, and
 * of sessions made to be hard (long texts, many stages, emoji and
 * right-to-left text, nothing at all), rendered to PNG; Pango's own metrics of
 * every drawn text say none is below 24 px.
 *
 * Set STAPLE_AUDIENCE_PNG_DIR to keep the pictures and look at them. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "staple-audience.h"
#include "staple-map-marks.h"
#include "staple-model.h"
#include "staple-text.h"
#include "test-util.h"

/* Whether a text the screen cut short is the session's own (a stage's long
 * name, a friction point): those may be cut. The screen's own words, in any
 * language, must be whole; and so must the phase's purpose, but for its one
 * line at the top. */
static void
add_text (GPtrArray  *texts,
          const char *text)
{
  g_autofree char *flat = NULL;

  if (text == NULL || *text == '\0')
    return;
  flat = staple_text_bound (text, STAPLE_TEXT_LONG, STAPLE_TEXT_BOUND_ONE_LINE);
  /* The start of it is enough, and survives a text drawn bounded. */
  g_ptr_array_add (texts, g_utf8_substring (flat, 0, MIN (g_utf8_strlen (flat, -1), 12)));
}

static gboolean
is_session_text (StapleSession *session,
                 StaplePhase    phase,
                 const char    *cut)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  GListModel *people = G_LIST_MODEL (staple_session_get_participants (session));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  GListModel *empowerments = G_LIST_MODEL (staple_session_get_empowerments (session));

  if (g_strcmp0 (cut, staple_phase_get_purpose (phase)) == 0)
    return TRUE;

  add_text (texts, staple_session_get_title (session));
  add_text (texts, staple_session_get_location (session));
  add_text (texts, staple_session_get_customer (session));
  add_text (texts, staple_session_get_work_item (session));
  add_text (texts, staple_session_get_question (session));
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(StapleParticipant) person = g_list_model_get_item (people, i);

      add_text (texts, staple_participant_get_name (person));
      add_text (texts, staple_participant_get_role (person));
    }
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      add_text (texts, staple_stage_get_name (stage));
      add_text (texts, staple_stage_get_team (stage));
      add_text (texts, staple_stage_get_notes (stage));
      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);

          add_text (texts, staple_friction_get_text (friction));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

      add_text (texts, staple_action_get_text (action));
    }
  for (guint i = 0; i < g_list_model_get_n_items (empowerments); i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (empowerments, i);

      add_text (texts, staple_empowerment_get_text (empowerment));
    }

  for (guint i = 0; i < texts->len; i++)
    if (strstr (cut, g_ptr_array_index (texts, i)) != NULL)
      return TRUE;
  return FALSE;
}

/* Renders one page of one phase at @width × @height, keeps the PNG if asked,
 * and checks the sizes. Returns the stats, with every text drawn. */
static StapleAudienceStats
render (StapleSession *session,
        StaplePhase    phase,
        int            current_stage,
        guint          page,
        gboolean       hide_votes,
        const char    *name,
        int            width,
        int            height)
{
  StapleAudienceOptions options;
  StapleAudienceStats stats = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  const char *dir = g_getenv ("STAPLE_AUDIENCE_PNG_DIR");

  staple_audience_options_init (&options);
  options.session = session;
  options.phase = phase;
  options.current_stage = current_stage;
  options.page = page;
  options.hide_votes = hide_votes;
  options.timer = "12:30";
  stats.texts = g_ptr_array_new_with_free_func (g_free);
  stats.ellipsized = g_ptr_array_new_with_free_func (g_free);
  staple_audience_draw (cr, width, height, &options, &stats);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *file = g_strdup_printf ("%s/%s-%d-%s-p%u.png", dir, name, phase + 1,
                                               staple_phase_get_label (phase), page + 1);

      g_mkdir_with_parents (dir, 0755);
      g_assert_cmpint (cairo_surface_write_to_png (surface, file), ==, CAIRO_STATUS_SUCCESS);
    }

  /* Nothing runs into the screen's bottom margin or off its right edge
   * (below the title bar, whose rule spans the width). */
  cairo_surface_flush (surface);
  {
    const unsigned char *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    guint32 paper;
    int margin = MAX (4, (int) (8 * MIN (width / 1280.0, height / 720.0)));

    memcpy (&paper, data + (gsize) (height - 1) * stride, sizeof paper);
    for (int y = height / 6; y < height; y++)
      for (int x = y < height - margin ? width - margin : 0; x < width; x++)
        {
          guint32 pixel;

          memcpy (&pixel, data + (gsize) y * stride + (gsize) x * 4, sizeof pixel);
          if ((pixel & 0xffffff) != (paper & 0xffffff))
            g_error ("%s, %s, page %u: drawn in the screen's margin at %d, %d", name,
                     staple_phase_get_label (phase), page + 1, x, y);
        }
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_test_message ("%s, %s, page %u of %u: %u texts, %u cut, smallest %.1f px, "
                  "lowest line %.1f px",
                  name, staple_phase_get_label (phase), stats.page + 1, stats.n_pages,
                  stats.n_texts, stats.n_ellipsized, stats.smallest_px, stats.smallest_line_px);
  for (guint i = 0; i < stats.ellipsized->len; i++)
    {
      const char *cut = g_ptr_array_index (stats.ellipsized, i);

      g_test_message ("  cut: %s", cut);
      /* On a screen of the room's size or larger, in any language. */
      if (width >= 1280 && height >= 720 && !is_session_text (session, phase, cut))
        g_error ("%s, %s, page %u: the screen's own words are cut short: “%s”", name,
                 staple_phase_get_label (phase), stats.page + 1, cut);
    }
  g_clear_pointer (&stats.ellipsized, g_ptr_array_unref);
  g_assert_cmpuint (stats.n_texts, >, 0);
  /* 24 px at 1280×720, and in proportion on a larger screen. */
  g_assert_cmpfloat (stats.smallest_px, >=,
                     STAPLE_AUDIENCE_MIN_TEXT_PX * MIN (width / 1280.0, height / 720.0) - 0.01);
  g_assert_cmpfloat (stats.smallest_line_px, >=,
                     STAPLE_AUDIENCE_MIN_TEXT_PX * MIN (width / 1280.0, height / 720.0) - 0.01);
  g_assert_cmpuint (stats.n_pages, >=, 1);
  g_assert_cmpuint (stats.page, <, stats.n_pages);
  return stats;
}

static gboolean
drew (const StapleAudienceStats *stats,
      const char                *needle)
{
  for (guint i = 0; i < stats->texts->len; i++)
    if (strstr (g_ptr_array_index (stats->texts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Every page of every phase, and the stage the walk is at: the floor holds
 * on each. */
static void
render_all (StapleSession *session,
            const char    *name,
            int            width,
            int            height)
{
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (session)));
  /* Under the sanitizers a few pages and stages of each phase walk the same
   * code; every one of them is drawn in the plain run. */
  guint most = g_getenv ("STAPLE_TEST_SANITIZED") != NULL ? 6 : 50;

  for (StaplePhase phase = STAPLE_PHASE_FRAME; phase <= STAPLE_PHASE_CLOSE; phase++)
    {
      guint n_pages = 1;

      for (guint page = 0; page < n_pages && page < most; page++)
        {
          StapleAudienceStats stats = render (session, phase, n_stages > 0 ? 0 : -1, page,
                                              FALSE, name, width, height);

          n_pages = stats.n_pages;
          /* The phase and its clock are on every page. */
          g_assert_true (drew (&stats, staple_phase_get_label (phase)));
          g_assert_true (drew (&stats, "12:30"));
          g_ptr_array_unref (stats.texts);
        }
    }

  for (guint i = 0; i < n_stages && i < most; i++)
    {
      g_autofree char *stage_name = g_strdup_printf ("%s-stage%02u", name, i + 1);
      StapleAudienceStats stats = render (session, STAPLE_PHASE_WALK, (int) i, 0, FALSE,
                                          stage_name, width, height);
      g_ptr_array_unref (stats.texts);
    }
}

static void
test_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  guint last = g_list_model_get_n_items (stages) - 1;
  g_autoptr(StapleStage) stage = g_list_model_get_item (stages, last);
  g_autofree char *name = staple_text_bound (staple_stage_get_name (stage), STAPLE_TEXT_LONG,
                                             STAPLE_TEXT_BOUND_ONE_LINE);
  StapleAudienceStats stats;

  render_all (session, "example", 1280, 720);

  /* The Map opens on the page with the walk's stage, however many stages a
   * page holds in this language. */
  stats = render (session, STAPLE_PHASE_MAP, (int) last, STAPLE_AUDIENCE_PAGE_OF_CURRENT_STAGE,
                  FALSE, "example-last-stage", 1280, 720);
  g_assert_cmpuint (stats.page, ==, stats.n_pages - 1);
  g_assert_true (drew (&stats, name));
  g_ptr_array_unref (stats.texts);
}

static void
test_other_screens (void)
{
  g_autoptr(StapleSession) session = test_read_example ();

  /* A full-HD projector, a 4:3 one and a 16:10 laptop. */
  render_all (session, "fullhd", 1920, 1080);
  render_all (session, "xga", 1024, 768);
  render_all (session, "wxga", 1280, 800);
}

static StapleStage *
add_stage (StapleSession *session,
           const char    *name,
           int            wait_minutes)
{
  GListStore *stages = staple_session_get_stages (session);
  g_autoptr(StapleStage) stage = staple_stage_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (stages));

  staple_stage_set_id (stage, n + 1);
  staple_stage_set_position (stage, (int) n);
  staple_stage_set_name (stage, name);
  staple_stage_set_wait_minutes (stage, wait_minutes);
  g_list_store_append (stages, stage);
  return stage;
}

static void
add_friction (StapleStage *stage,
              const char  *text,
              gint64       id)
{
  GListStore *frictions = staple_stage_get_frictions (stage);
  g_autoptr(StapleFriction) friction = staple_friction_new ();

  staple_friction_set_id (friction, id);
  staple_friction_set_stage_id (friction, staple_stage_get_id (stage));
  staple_friction_set_position (friction,
                                (int) g_list_model_get_n_items (G_LIST_MODEL (frictions)));
  staple_friction_set_text (friction, text);
  staple_friction_set_principle (friction, (StaplePrinciple) (id % 5));
  g_list_store_append (frictions, friction);
}

static void
test_hard_sessions (void)
{
  g_autoptr(StapleSession) empty = staple_session_new ();
  g_autoptr(StapleSession) hard = staple_session_new ();
  g_autoptr(GString) long_text = g_string_new (NULL);

  staple_session_set_title (empty, "");
  render_all (empty, "empty", 1280, 720);

  while (long_text->len < 100000)
    g_string_append (long_text, "Approval waits for the regional manager's signature 🙃\n");
  staple_session_set_title (hard, long_text->str);
  staple_session_set_question (hard, long_text->str);
  staple_session_set_customer (hard, "شركة النور للتجارة");
  staple_session_set_work_item (hard, long_text->str);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf (i % 3 == 0 ? "مرحلة %u — الموافقة" :
                                               i % 3 == 1 ? "Stage %u: %s" : "Étape %u 👩‍🔧",
                                               i + 1, long_text->str);
      StapleStage *stage = add_stage (hard, name, (int) (i * 37) % 600);

      staple_stage_set_team (stage, long_text->str);
      staple_stage_set_customer_feeling (stage, (int) (i % 5) - 2);
      for (guint j = 0; j < (i % 4) * 3; j++)
        add_friction (stage, j % 2 ? long_text->str : "Nobody owns the handoff ✋", i * 100 + j);
    }
  render_all (hard, "hard", 1280, 720);
}

/* A journey of up to ten stages is shown whole on one page; a longer one
 * pages by stage. */
static void
test_journey_whole (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  StapleAudienceStats stats;

  staple_session_set_title (session, "Ten stages");
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stage number %u", i + 1);

      add_stage (session, name, (int) i * 60);
    }

  stats = render (session, STAPLE_PHASE_MAP, -1, 0, FALSE, "ten", 1280, 720);
  g_assert_cmpuint (stats.n_pages, ==, 1);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stage number %u", i + 1);

      g_assert_true (drew (&stats, name));
    }
  g_ptr_array_unref (stats.texts);

  add_stage (session, "Stage number 11", 30);
  stats = render (session, STAPLE_PHASE_MAP, -1, 0, FALSE, "eleven", 1280, 720);
  g_assert_cmpuint (stats.n_pages, >, 1);
  g_assert_false (drew (&stats, "Stage number 11"));
  g_ptr_array_unref (stats.texts);
  stats = render (session, STAPLE_PHASE_MAP, -1, 1, FALSE, "eleven", 1280, 720);
  g_assert_true (drew (&stats, "Stage number 11"));
  g_ptr_array_unref (stats.texts);
}

/* A journey longer than ten stages pages by ten, says where the page is,
 * and a page past the end shows the last. */
static void
test_journey_pages (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  StapleAudienceStats stats;

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stage number %u", i + 1);

      add_stage (session, name, (int) i * 15);
    }

  stats = render (session, STAPLE_PHASE_MAP, -1, 1, FALSE, "pages", 1280, 720);
  g_assert_cmpuint (stats.n_pages, ==, 3);
  g_assert_cmpuint (stats.page, ==, 1);
  g_assert_true (drew (&stats, "Stages 11–20 of 24"));
  g_assert_true (drew (&stats, "11. Stage number 11"));
  g_assert_true (drew (&stats, "20. Stage number 20"));
  g_assert_false (drew (&stats, "10. Stage number 10"));
  g_assert_false (drew (&stats, "21. Stage number 21"));
  g_ptr_array_unref (stats.texts);

  stats = render (session, STAPLE_PHASE_MAP, -1, 99, FALSE, "pages", 1280, 720);
  g_assert_cmpuint (stats.page, ==, 2);
  g_assert_true (drew (&stats, "Stages 21–24 of 24"));
  g_assert_true (drew (&stats, "24. Stage number 24"));
  g_ptr_array_unref (stats.texts);
}

/* From one stage to ten, one page, every stage's number and name, its team
 * and its wait. */
static void
test_journey_sizes (void)
{
  for (guint n = 1; n <= 10; n++)
    {
      g_autoptr(StapleSession) session = staple_session_new ();
      g_autofree char *name = g_strdup_printf ("stages%02u", n);
      StapleAudienceStats stats;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *stage_name = g_strdup_printf ("Stage number %u", i + 1);
          StapleStage *stage = add_stage (session, stage_name, (int) (i + 1) * 45);

          staple_stage_set_team (stage, i % 2 ? "Sales" : "Customer service");
          staple_stage_set_customer_feeling (stage, (int) (i % 5) - 2);
        }

      stats = render (session, STAPLE_PHASE_MAP, (int) n / 2, 0, FALSE, name, 1280, 720);
      g_assert_cmpuint (stats.n_pages, ==, 1);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *needle = g_strdup_printf ("%u. Stage number %u", i + 1, i + 1);

          g_assert_true (drew (&stats, needle));
        }
      g_assert_true (drew (&stats, "Customer service"));
      g_assert_true (drew (&stats, "45 min"));
      g_ptr_array_unref (stats.texts);
    }
}

/* The Walk brings the current stage forward with its friction points, and
 * its neighbours beside it; before the walk starts, the first stage. */
static void
test_walk_stage (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  g_autoptr(StapleStage) stage = g_list_model_get_item (stages, 4);
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  StapleAudienceStats stats;

  stats = render (session, STAPLE_PHASE_WALK, 4, 0, FALSE, "walk", 1280, 720);
  g_assert_cmpuint (stats.n_pages, ==, 1);
  g_assert_true (drew (&stats, "5. Customer chases the order"));
  g_assert_true (drew (&stats, "Stage 5 of 10"));
  g_assert_true (drew (&stats, "from Credit control"));
  g_assert_true (drew (&stats, "work 25 min"));
  for (guint i = 0; i < g_list_model_get_n_items (frictions); i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);

      g_assert_true (drew (&stats, staple_friction_get_text (friction)));
    }
  g_assert_true (drew (&stats, "4. Credit check"));
  g_assert_true (drew (&stats, "6. Pick and pack"));
  g_assert_false (drew (&stats, "3. Quote and order acceptance"));
  g_ptr_array_unref (stats.texts);

  stats = render (session, STAPLE_PHASE_WALK, -1, 0, FALSE, "walk-start", 1280, 720);
  g_assert_true (drew (&stats, "1. Saturday call to the service line"));
  g_assert_true (drew (&stats, "The journey starts here"));
  g_assert_true (drew (&stats, "2. Fault triage by the technical desk"));
  g_ptr_array_unref (stats.texts);

  stats = render (session, STAPLE_PHASE_WALK, 10, 0, FALSE, "walk-end", 1280, 720);
  g_assert_true (drew (&stats, "10. Invoice and payment"));
  g_assert_true (drew (&stats, "The journey ends here"));
  g_ptr_array_unref (stats.texts);
}

/* A stage with more friction points than the screen holds pages them: each
 * is shown once, on one page, and the room is told there are more. */
static void
test_walk_pages (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  StapleStage *stage = add_stage (session, "Approval", 120);
  guint n_pages;

  add_stage (session, "Before", 10);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *text = g_strdup_printf ("Friction point number %02u, which says at some "
                                               "length what gets in the way here", i + 1);

      add_friction (stage, text, i + 1);
    }

  for (guint page = 0, seen = 0; ; page++)
    {
      StapleAudienceStats stats = render (session, STAPLE_PHASE_WALK, 0, page, FALSE,
                                          "walk-pages", 1280, 720);

      n_pages = stats.n_pages;
      g_assert_cmpuint (n_pages, >, 1);
      for (guint i = 0; i < 12; i++)
        {
          g_autofree char *needle = g_strdup_printf ("number %02u,", i + 1);

          if (drew (&stats, needle))
            {
              /* In order, each once. */
              g_assert_cmpuint (i, ==, seen);
              seen++;
            }
        }
      g_assert_true (drew (&stats, "Approval"));
      if (page + 1 < n_pages)
        g_assert_true (drew (&stats, "more friction point"));
      g_ptr_array_unref (stats.texts);
      if (page + 1 == n_pages)
        {
          g_assert_cmpuint (seen, ==, 12);
          break;
        }
    }
}

/* A name, a team or a friction point typed over several lines is drawn as
 * one paragraph: each line would otherwise be a paragraph of its own, with
 * its own allowance of lines, and run out of its box. */
static void
test_journey_line_breaks (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(GString) lines = g_string_new (NULL);
  StapleStage *stage;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (lines, "Line %u\n", i + 1);
  add_stage (session, "Before", 30);
  stage = add_stage (session, lines->str, 60);
  staple_stage_set_team (stage, lines->str);
  add_friction (stage, lines->str, 1);
  add_stage (session, lines->str, 90);

  for (StaplePhase phase = STAPLE_PHASE_MAP; phase <= STAPLE_PHASE_WALK; phase++)
    {
      StapleAudienceStats stats = render (session, phase, 1, 0, FALSE, "breaks", 1280, 720);

      for (guint i = 0; i < stats.texts->len; i++)
        g_assert_null (strchr (g_ptr_array_index (stats.texts, i), '\n'));
      g_assert_true (drew (&stats, "2. Line 1 Line 2"));
      g_ptr_array_unref (stats.texts);
    }
}

/* How many of a stage's friction points a page of the Walk shows. */
static guint
count_shown (const StapleAudienceStats *stats,
             guint                      n)
{
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *needle = g_strdup_printf ("Point %02u ", i + 1);

      shown += drew (stats, needle) ? 1 : 0;
    }
  return shown;
}

static StapleAudienceStats
render_walk (StapleSession *session,
             guint          page,
             gint64         focus,
             const char    *name)
{
  StapleAudienceOptions options;
  StapleAudienceStats stats = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  const char *dir = g_getenv ("STAPLE_AUDIENCE_PNG_DIR");

  staple_audience_options_init (&options);
  options.session = session;
  options.phase = STAPLE_PHASE_WALK;
  options.current_stage = 0;
  options.page = page;
  options.focus_friction = focus;
  stats.texts = g_ptr_array_new_with_free_func (g_free);
  staple_audience_draw (cr, 1280, 720, &options, &stats);
  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.png", dir, name);

      g_mkdir_with_parents (dir, 0755);
      g_assert_cmpint (cairo_surface_write_to_png (surface, file), ==, CAIRO_STATUS_SUCCESS);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return stats;
}

/* A stage of @n friction points, each @text after its number. */
static StapleSession *
stage_of_points (guint       n,
                 const char *text)
{
  StapleSession *session = staple_session_new ();
  StapleStage *stage = add_stage (session, "Approval", 120);

  add_stage (session, "After", 10);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *point = g_strdup_printf ("Point %02u %s", i + 1, text);

      add_friction (stage, point, i + 1);
    }
  return session;
}

/* The Walk uses the room it has: the point just typed is not pushed off
 * the room's screen while there is room for it. A stage of five points as
 * long as the example's, and one of eight short ones, are on one page; a
 * stage of twelve shows more than a few on its first page. */
static void
test_walk_fills_page (void)
{
  static const struct
  {
    guint       n;
    const char *text;
    guint       at_least_first;
  } cases[] = {
    { 5, "the agent rang sales, the warehouse and finance before anyone took it", 5 },
    { 8, "nobody owns the handoff", 8 },
    { 12, "the agent rang sales, the warehouse and finance before anyone took it", 6 },
    { 12, "nobody owns the handoff", 7 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(StapleSession) session = stage_of_points (cases[c].n, cases[c].text);
      g_autofree char *name = g_strdup_printf ("walk-fill-%u-%u", cases[c].n, c);
      StapleAudienceStats stats = render_walk (session, 0, 0, name);
      guint shown = count_shown (&stats, cases[c].n);

      g_test_message ("%u points: %u on page 1 of %u", cases[c].n, shown, stats.n_pages);
      g_assert_cmpuint (shown, >=, cases[c].at_least_first);
      g_assert_cmpfloat (stats.smallest_px, >=, STAPLE_AUDIENCE_MIN_TEXT_PX - 0.01);
      if (shown == cases[c].n)
        g_assert_cmpuint (stats.n_pages, ==, 1);
      g_ptr_array_unref (stats.texts);
    }
}

/* A long friction point is not cut short while the card has room for it:
 * a stage of a short point and one of some 280 characters shows both
 * whole. */
static void
test_walk_long_point_whole (void)
{
  g_autoptr(StapleSession) session = stage_of_points (1, "nobody owns the handoff");
  g_autoptr(StapleStage) stage =
    g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (session)), 0);
  StapleAudienceStats stats = render_walk (session, 0, 0, "walk-long-before");
  guint cut_before = stats.n_ellipsized;

  g_ptr_array_unref (stats.texts);
  add_friction (stage, "Point 02 the agent rang sales, the warehouse and finance before "
                "anyone took ownership, then rang them all again when the customer called "
                "back, because nobody had written down who was chasing what, and the "
                "customer told the same story four times to four people who each promised "
                "a call back", 2);
  stats = render_walk (session, 0, 0, "walk-long");
  g_assert_true (drew (&stats, "Point 02 "));
  g_assert_cmpuint (stats.n_pages, ==, 1);
  g_assert_cmpuint (stats.n_ellipsized, ==, cut_before);
  g_ptr_array_unref (stats.texts);
}

/* The point just added is on the room's screen, whatever page was asked
 * for; a point of another stage changes nothing. */
static void
test_walk_focus (void)
{
  g_autoptr(StapleSession) session =
    stage_of_points (30, "the agent rang sales, the warehouse and finance before anyone took it");
  g_autofree char *last = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  StapleAudienceStats stats;
  guint n_pages;

  stats = render_walk (session, 0, 0, "walk-focus-none");
  n_pages = stats.n_pages;
  g_assert_cmpuint (n_pages, >, 2);
  g_assert_false (drew (&stats, "Point 30 "));
  g_ptr_array_unref (stats.texts);

  /* The page the room sees says which it is. */
  last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  stats = render_walk (session, 0, 30, "walk-focus-last");
  g_assert_true (drew (&stats, "Point 30 "));
  g_assert_true (drew (&stats, last));
  g_ptr_array_unref (stats.texts);

  first = g_strdup_printf ("Page 1 of %u", n_pages);
  stats = render_walk (session, n_pages - 1, 1, "walk-focus-first");
  g_assert_true (drew (&stats, "Point 01 "));
  g_assert_true (drew (&stats, first));
  g_ptr_array_unref (stats.texts);

  second = g_strdup_printf ("Page 2 of %u", n_pages);
  stats = render_walk (session, 1, 9999, "walk-focus-other");
  g_assert_true (drew (&stats, second));
  g_assert_false (drew (&stats, "Point 01 "));
  g_ptr_array_unref (stats.texts);
}

/* Going back from a stage's first page to the previous stage asks for its
 * last page with G_MAXUINT: the last page is drawn, with its last point. */
static void
test_walk_last_page (void)
{
  g_autoptr(StapleSession) session =
    stage_of_points (30, "the agent rang sales, the warehouse and finance before anyone took it");
  StapleAudienceStats stats = render (session, STAPLE_PHASE_WALK, 0, G_MAXUINT, FALSE,
                                      "walk-last", 1280, 720);

  g_assert_cmpuint (stats.n_pages, >, 1);
  g_assert_cmpuint (stats.page, ==, stats.n_pages - 1);
  g_assert_true (drew (&stats, "Point 30 "));
  g_assert_false (drew (&stats, "Point 01 "));
  g_ptr_array_unref (stats.texts);
}

/* A wait is said to be one on every tile, however little room it has, and
 * each feeling's value is named beside its gauge, a −1 as well as a −2. */
static void
test_waits_and_feelings_named (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  StapleAudienceStats stats = render (session, STAPLE_PHASE_MAP, -1, 0, FALSE, "named", 1280,
                                      720);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));

  for (guint i = 0; i < stats.texts->len; i++)
    {
      const char *text = g_ptr_array_index (stats.texts, i);

      /* A duration is never alone, as if it were the work's time. */
      g_assert_false (g_ascii_isdigit (text[0]) &&
                      (g_str_has_suffix (text, " min") || g_str_has_suffix (text, " h") ||
                       g_str_has_suffix (text, " d")));
    }
  g_assert_true (drew (&stats, "waits 1 d 23 h"));
  g_assert_true (drew (&stats, "−1"));
  g_assert_true (drew (&stats, "−2"));
  g_ptr_array_unref (stats.texts);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      g_autofree char *value = NULL;
      int feeling = staple_stage_get_customer_feeling (stage);

      value = feeling > 0 ? g_strdup_printf ("+%d", feeling) :
              feeling < 0 ? g_strdup_printf ("−%d", -feeling) : g_strdup ("0");
      stats = render (session, STAPLE_PHASE_WALK, (int) i, 0, FALSE, "named-walk", 1280, 720);
      g_assert_true (drew (&stats, value));
      g_assert_true (drew (&stats, "Waits ") || drew (&stats, "No wait"));
      g_ptr_array_unref (stats.texts);
    }
}

/* How much of a picture is in the colour of the waits that stand out. */
static guint
count_standing_out (StapleSession *session,
                    StaplePhase    phase,
                    int            current_stage)
{
  StapleAudienceOptions options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  double rgb[3];
  guint8 want[3];
  guint count = 0;
  const guint8 *data;
  int stride;

  staple_audience_options_init (&options);
  options.session = session;
  options.phase = phase;
  options.current_stage = current_stage;
  staple_audience_draw (cr, 1280, 720, &options, NULL);
  cairo_surface_flush (surface);

  staple_map_marks_wait_rgb (TRUE, FALSE, FALSE, rgb);
  for (guint i = 0; i < 3; i++)
    want[i] = (guint8) (rgb[i] * 255 + 0.5);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 720; y++)
    for (int x = 0; x < 1280; x++)
      {
        guint32 pixel;
        guint8 r, g, b;

        memcpy (&pixel, data + y * stride + x * 4, sizeof pixel);
        r = (pixel >> 16) & 0xff;
        g = (pixel >> 8) & 0xff;
        b = pixel & 0xff;
        if (ABS (r - want[0]) <= 2 && ABS (g - want[1]) <= 2 && ABS (b - want[2]) <= 2)
          count++;
      }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return count;
}

/* The example's longest wait, three days before the invoice is right, is
 * drawn to scale in the strong colour and labelled in bold; a short one is
 * not. */
static void
test_longest_wait (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  StapleAudienceStats stats;
  guint longest, short_wait;

  /* Invoice and payment: the whole bar across the stage brought forward. */
  longest = count_standing_out (session, STAPLE_PHASE_WALK, 9);
  /* Fault triage, three hours: only its neighbour's small bar stands out. */
  short_wait = count_standing_out (session, STAPLE_PHASE_WALK, 1);
  g_test_message ("standing-out pixels: longest wait %u, short wait %u", longest, short_wait);
  g_assert_cmpuint (longest, >, 15000);
  g_assert_cmpuint (short_wait, <, 5000);

  stats = render (session, STAPLE_PHASE_MAP, -1, 0, FALSE, "waits", 1280, 720);
  g_assert_true (drew (&stats, "waits 3 d"));
  g_assert_true (drew (&stats, "waits 3 h"));
  g_ptr_array_unref (stats.texts);
  g_assert_cmpuint (count_standing_out (session, STAPLE_PHASE_MAP, -1), >, 5000);
}

/* The box of the pixels of one colour in the Walk at 1280×720 (the
 * colour of a −2 feeling): its width, height and pixel count. */
static guint
feeling_box (StapleSession *session,
             int            current_stage,
             int            feeling,
             int           *box_width,
             int           *box_height)
{
  StapleAudienceOptions options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  int x0 = 1280, x1 = -1, y0 = 720, y1 = -1;
  const guint8 *data;
  double rgb[3];
  guint8 want[3];
  guint count = 0;
  int stride;

  staple_audience_options_init (&options);
  options.session = session;
  options.phase = STAPLE_PHASE_WALK;
  options.current_stage = current_stage;
  staple_audience_draw (cr, 1280, 720, &options, NULL);
  cairo_surface_flush (surface);

  staple_map_marks_feeling_rgb (feeling, FALSE, FALSE, rgb);
  for (guint i = 0; i < 3; i++)
    want[i] = (guint8) (rgb[i] * 255 + 0.5);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The stage brought forward, not its neighbours at the sides. */
  for (int y = 0; y < 720; y++)
    for (int x = 260; x < 1020; x++)
      {
        guint32 pixel;
        int r, g, b;

        memcpy (&pixel, data + y * stride + x * 4, sizeof pixel);
        r = (pixel >> 16) & 0xff;
        g = (pixel >> 8) & 0xff;
        b = pixel & 0xff;
        if (ABS (r - want[0]) > 2 || ABS (g - want[1]) > 2 || ABS (b - want[2]) > 2)
          continue;
        count++;
        x0 = MIN (x0, x);
        x1 = MAX (x1, x);
        y0 = MIN (y0, y);
        y1 = MAX (y1, y);
      }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  *box_width = x1 - x0 + 1;
  *box_height = y1 - y0 + 1;
  return count;
}

/* A −2 in the Walk looks like the low it is from the back row: the
 * customer's and the staff's gauges, both at −2 in the example's fifth
 * stage, fill a large block. */
static void
test_walk_gauges_large (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  int width = 0, height = 0;
  guint count = feeling_box (session, 4, -2, &width, &height);

  g_test_message ("two -2 gauges: %u px, in a box of %d x %d px", count, width, height);
  g_assert_cmpuint (count, >, 2 * 36 * 60);
  g_assert_cmpint (height, >=, 60);
}

int
main (int   argc,
      char *argv[])
{
  test_init_language ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audience/example", test_example);
  g_test_add_func ("/audience/other-screens", test_other_screens);
  g_test_add_func ("/audience/hard-sessions", test_hard_sessions);
  g_test_add_func ("/audience/journey-whole", test_journey_whole);
  g_test_add_func ("/audience/journey-pages", test_journey_pages);
  g_test_add_func ("/audience/journey-sizes", test_journey_sizes);
  g_test_add_func ("/audience/journey-line-breaks", test_journey_line_breaks);
  g_test_add_func ("/audience/walk-stage", test_walk_stage);
  g_test_add_func ("/audience/walk-pages", test_walk_pages);
  g_test_add_func ("/audience/longest-wait", test_longest_wait);
  g_test_add_func ("/audience/walk-fills-page", test_walk_fills_page);
  g_test_add_func ("/audience/walk-long-point-whole", test_walk_long_point_whole);
  g_test_add_func ("/audience/walk-focus", test_walk_focus);
  g_test_add_func ("/audience/walk-last-page", test_walk_last_page);
  g_test_add_func ("/audience/waits-and-feelings-named", test_waits_and_feelings_named);
  g_test_add_func ("/audience/walk-gauges-large", test_walk_gauges_large);

  return g_test_run ();
}
