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

#include "staple-audience.h"
#include "staple-model.h"

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
  return session;
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
  staple_audience_draw (cr, width, height, &options, &stats);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *file = g_strdup_printf ("%s/%s-%d-%s-p%u.png", dir, name, phase + 1,
                                               staple_phase_get_label (phase), page + 1);

      g_mkdir_with_parents (dir, 0755);
      g_assert_cmpint (cairo_surface_write_to_png (surface, file), ==, CAIRO_STATUS_SUCCESS);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_test_message ("%s, %s, page %u of %u: %u texts, smallest %.1f px, lowest line %.1f px",
                  name, staple_phase_get_label (phase), stats.page + 1, stats.n_pages,
                  stats.n_texts, stats.smallest_px, stats.smallest_line_px);
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

  for (StaplePhase phase = STAPLE_PHASE_FRAME; phase <= STAPLE_PHASE_CLOSE; phase++)
    {
      guint n_pages = 1;

      for (guint page = 0; page < n_pages && page < 50; page++)
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

  for (guint i = 0; i < n_stages && i < 40; i++)
    {
      StapleAudienceStats stats = render (session, STAPLE_PHASE_WALK, (int) i, 0, FALSE,
                                          name, width, height);
      g_ptr_array_unref (stats.texts);
    }
}

static void
test_example (void)
{
  g_autoptr(StapleSession) session = read_example ();

  render_all (session, "example", 1280, 720);
}

static void
test_other_screens (void)
{
  g_autoptr(StapleSession) session = read_example ();

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
    g_string_append (long_text, "Approval waits for the regional manager's signature 🙃 ");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audience/example", test_example);
  g_test_add_func ("/audience/other-screens", test_other_screens);
  g_test_add_func ("/audience/hard-sessions", test_hard_sessions);
  g_test_add_func ("/audience/journey-whole", test_journey_whole);

  return g_test_run ();
}
