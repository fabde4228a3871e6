/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audience's Frame, Diagnose, Prioritise, Commit and Close: what the
 * room reads on each, page by page, at 1280×720: the example workshop's
 * question, people, principles, ranking, actions and lead time; totals that
 * stay hidden when the coach hides them; long lists that page, every item on
 * exactly one page; nothing below 24 px, nothing outside the screen's margin.
 *
 * Set STAPLE_AUDIENCE_PNG_DIR to keep the pictures and look at them. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "staple-audience.h"
#include "staple-model.h"
#include "test-util.h"

#define WIDTH 1280
#define HEIGHT 720

/* Whether render() draws in the dark palette. */
static gboolean render_dark;

/* Nothing is drawn in the margin right of the body nor under it: every
 * pixel there is the background's, as the bottom left corner is. */
static void
assert_margins_clear (cairo_surface_t *surface,
                      const char      *what)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 background;

  cairo_surface_flush (surface);
  memcpy (&background, data + (HEIGHT - 1) * stride, sizeof background);
  for (int y = 92; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint32 pixel;

        if (y < HEIGHT - 22 && x < WIDTH - 30)
          continue;
        memcpy (&pixel, data + y * stride + x * 4, sizeof pixel);
        if ((pixel & 0xffffff) != (background & 0xffffff))
          g_error ("%s: drawn at %d, %d, in the margin", what, x, y);
      }
}

/* One page of one phase at 1280×720, its texts kept. The floor is checked
 * on every page drawn. */
static StapleAudienceStats
render (StapleSession *session,
        StaplePhase    phase,
        guint          page,
        gboolean       hide_votes,
        const char    *name)
{
  StapleAudienceOptions options;
  StapleAudienceStats stats = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  const char *dir = g_getenv ("STAPLE_AUDIENCE_PNG_DIR");
  g_autofree char *what = g_strdup_printf ("%s, %s, page %u%s", name,
                                           staple_phase_get_label (phase), page + 1,
                                           hide_votes ? ", votes hidden" : "");

  staple_audience_options_init (&options);
  options.session = session;
  options.phase = phase;
  options.page = page;
  options.hide_votes = hide_votes;
  options.timer = "04:00";
  options.dark = render_dark;
  stats.texts = g_ptr_array_new_with_free_func (g_free);
  staple_audience_draw (cr, WIDTH, HEIGHT, &options, &stats);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *file = g_strdup_printf ("%s/lists-%s%s-%d-%s%s-p%u.png", dir, name,
                                               render_dark ? "-dark" : "", phase + 1,
                                               staple_phase_get_label (phase),
                                               hide_votes ? "-hidden" : "", page + 1);

      g_mkdir_with_parents (dir, 0755);
      g_assert_cmpint (cairo_surface_write_to_png (surface, file), ==, CAIRO_STATUS_SUCCESS);
    }
  assert_margins_clear (surface, what);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (stats.n_texts, >, 0);
  g_assert_cmpfloat (stats.smallest_px, >=, STAPLE_AUDIENCE_MIN_TEXT_PX - 0.01);
  g_assert_cmpfloat (stats.smallest_line_px, >=, STAPLE_AUDIENCE_MIN_TEXT_PX - 0.01);
  g_assert_cmpuint (stats.page, <, stats.n_pages);
  for (guint i = 0; i < stats.texts->len; i++)
    g_assert_null (strstr (g_ptr_array_index (stats.texts, i), "(null)"));
  return stats;
}

typedef struct
{
  GPtrArray *pages;     /* (element-type GPtrArray): each page's texts */
  double     smallest;  /* the smallest text on any page */
  guint      most_ellipsized; /* the most texts cut short on one page */
} Phase;

/* Every page of a phase. */
static Phase
render_pages (StapleSession *session,
              StaplePhase    phase,
              gboolean       hide_votes,
              const char    *name)
{
  Phase result = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), 0, 0 };
  guint n_pages = 1;

  for (guint page = 0; page < n_pages; page++)
    {
      StapleAudienceStats stats = render (session, phase, page, hide_votes, name);

      n_pages = stats.n_pages;
      g_assert_cmpuint (n_pages, <, 100);
      g_assert_cmpuint (stats.page, ==, page);
      if (result.smallest == 0 || stats.smallest_px < result.smallest)
        result.smallest = stats.smallest_px;
      result.most_ellipsized = MAX (result.most_ellipsized, stats.n_ellipsized);
      g_ptr_array_add (result.pages, stats.texts);
    }

  g_test_message ("%s, %s%s: %u pages, smallest text %.1f px", name,
                  staple_phase_get_label (phase), hide_votes ? " (votes hidden)" : "",
                  result.pages->len, result.smallest);
  return result;
}

static void
phase_clear (Phase *phase)
{
  g_clear_pointer (&phase->pages, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Phase, phase_clear)

/* How many texts on @page contain @needle. */
static guint
count_on_page (GPtrArray  *page,
               const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < page->len; i++)
    if (strstr (g_ptr_array_index (page, i), needle) != NULL)
      n++;
  return n;
}

/* How many pages of @phase show @needle. */
static guint
pages_with (const Phase *phase,
            const char  *needle)
{
  guint n = 0;

  for (guint p = 0; p < phase->pages->len; p++)
    if (count_on_page (g_ptr_array_index (phase->pages, p), needle) > 0)
      n++;
  return n;
}

/* The page that shows @needle, which must be exactly one. */
static GPtrArray *
page_with (const Phase *phase,
           const char  *needle)
{
  GPtrArray *found = NULL;

  for (guint p = 0; p < phase->pages->len; p++)
    {
      GPtrArray *page = g_ptr_array_index (phase->pages, p);

      if (count_on_page (page, needle) == 0)
        continue;
      if (found != NULL)
        g_error ("“%s” is on more than one page", needle);
      g_assert_cmpuint (count_on_page (page, needle), ==, 1);
      found = page;
    }
  if (found == NULL)
    g_error ("“%s” is on no page", needle);
  return found;
}

static void
test_frame (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_auto(Phase) frame = render_pages (session, STAPLE_PHASE_FRAME, FALSE, "example");
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (session));
  g_autofree char *date = staple_action_format_due (staple_session_get_date (session), NULL);

  g_assert_cmpuint (frame.pages->len, ==, 1);
  page_with (&frame, staple_session_get_question (session));
  page_with (&frame, staple_session_get_customer (session));
  page_with (&frame, staple_session_get_work_item (session));
  g_assert_cmpuint (pages_with (&frame, date), ==, 1);
  g_assert_cmpuint (pages_with (&frame, staple_session_get_facilitator (session)), ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      page_with (&frame, staple_participant_get_name (participant));
      g_assert_cmpuint (pages_with (&frame, staple_participant_get_role (participant)), ==, 1);
    }
}

static void
add_participants (StapleSession *session,
                  guint          n,
                  const char    *suffix)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = staple_participant_new ();
      g_autofree char *name = g_strdup_printf ("Participant %02u%s", i + 1, suffix);

      staple_participant_set_id (participant, i + 1);
      staple_participant_set_name (participant, name);
      staple_participant_set_role (participant, "Regional operations manager, north");
      g_list_store_append (staple_session_get_participants (session), participant);
    }
}

/* Each of the @n participants add_participants() made with @suffix on
 * exactly one page, no "and 16 more" in place of anybody, and no name cut
 * short: no more texts ellipsized than on the example's Frame (where only
 * the phase's line in the bar is). */
static void
assert_everyone_once (const Phase *frame,
                      const char  *suffix,
                      guint        n)
{
  g_autoptr(StapleSession) example = test_read_example ();
  g_auto(Phase) example_frame = render_pages (example, STAPLE_PHASE_FRAME, FALSE, "example");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Participant %02u%s", i + 1, suffix);

      page_with (frame, name);
    }
  g_assert_cmpuint (pages_with (frame, "more"), ==, 0);
  g_assert_cmpuint (frame->most_ellipsized, <=, example_frame.most_ellipsized);
}

/* A full room: every name, in two columns, once names with roles no longer
 * fit; a crowd, or names too long for two columns: every name still, on as
 * many pages as they take, each page saying which it is. */
static void
test_frame_full_room (void)
{
  g_autoptr(StapleSession) room = test_read_example ();
  g_autoptr(StapleSession) crowd = test_read_example ();
  g_autoptr(StapleSession) long_names = test_read_example ();
  g_autoptr(StapleSession) tester = test_read_example ();
  const char *from = " of the regional office in the north";

  g_list_store_remove_all (staple_session_get_participants (room));
  add_participants (room, 14, "");
  g_list_store_remove_all (staple_session_get_participants (crowd));
  add_participants (crowd, 60, "");
  g_list_store_remove_all (staple_session_get_participants (long_names));
  add_participants (long_names, 31, from);
  g_list_store_remove_all (staple_session_get_participants (tester));
  add_participants (tester, 31, " in Leeds");

  {
    g_auto(Phase) frame = render_pages (room, STAPLE_PHASE_FRAME, FALSE, "room");

    g_assert_cmpuint (frame.pages->len, ==, 1);
    assert_everyone_once (&frame, "", 14);
  }
  {
    g_auto(Phase) frame = render_pages (crowd, STAPLE_PHASE_FRAME, FALSE, "crowd");

    g_assert_cmpuint (frame.pages->len, >, 1);
    assert_everyone_once (&frame, "", 60);
    for (guint p = 0; p < frame.pages->len; p++)
      {
        GPtrArray *page = g_ptr_array_index (frame.pages, p);
        g_autofree char *which = g_strdup_printf ("Page %u of %u", p + 1, frame.pages->len);

        g_assert_cmpuint (count_on_page (page, which), ==, 1);
        /* The frame first, then pages of the room alone, each saying whose. */
        g_assert_cmpuint (count_on_page (page, staple_session_get_question (crowd)), ==, p == 0);
        g_assert_cmpuint (count_on_page (page, "In the room (60)"), ==, 1);
      }
    /* Fewer pages than the column beside the frame alone would take. */
    g_assert_cmpuint (frame.pages->len, ==, 2);
  }
  {
    g_auto(Phase) frame = render_pages (long_names, STAPLE_PHASE_FRAME, FALSE, "long-names");

    g_assert_cmpuint (frame.pages->len, >, 1);
    assert_everyone_once (&frame, from, 31);
  }
  {
    /* Names too long for two columns beside the frame, a tester's room:
     * all of them, whole, on few pages. */
    g_auto(Phase) frame = render_pages (tester, STAPLE_PHASE_FRAME, FALSE, "tester");

    g_assert_cmpuint (frame.pages->len, ==, 2);
    assert_everyone_once (&frame, " in Leeds", 31);
  }
}

/* On every page that shows @heading (or its "(continued)"), at least two
 * of its @n items, or its one: a heading never sits at a page's foot with
 * a single item, nor does a section's last item go on alone. */
static void
assert_section_kept (const Phase *phase,
                     const char  *heading,
                     const char **items,
                     guint        n)
{
  for (guint p = 0; p < phase->pages->len; p++)
    {
      GPtrArray *page = g_ptr_array_index (phase->pages, p);
      guint shown = 0;

      if (count_on_page (page, heading) == 0)
        continue;
      for (guint i = 0; i < n; i++)
        shown += count_on_page (page, items[i]) > 0;
      if (shown < MIN (n, 2))
        g_error ("page %u shows “%s” with %u of its %u items", p + 1, heading, shown, n);
    }
}

/* The actions' and the empowerment list's sections, kept as above. */
static void
assert_outcome_kept (const Phase   *phase,
                     StapleSession *session,
                     const char    *actions_heading)
{
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  GListModel *empowerments = G_LIST_MODEL (staple_session_get_empowerments (session));
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

      g_ptr_array_add (texts, (gpointer) staple_action_get_text (action));
    }
  assert_section_kept (phase, actions_heading, (const char **) texts->pdata, texts->len);
  g_ptr_array_set_size (texts, 0);
  for (guint i = 0; i < g_list_model_get_n_items (empowerments); i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (empowerments, i);

      g_ptr_array_add (texts, (gpointer) staple_empowerment_get_text (empowerment));
    }
  assert_section_kept (phase, "The empowerment list", (const char **) texts->pdata, texts->len);
}

/* Each principle's section of Diagnose, kept as above. */
static void
assert_principles_kept (const Phase   *phase,
                        StapleSession *session)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));

  for (StaplePrinciple principle = STAPLE_PRINCIPLE_NONE;
       principle <= STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING; principle++)
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();

      for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
        {
          g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
          GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

          for (guint f = 0; f < g_list_model_get_n_items (frictions); f++)
            {
              g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);

              if (staple_friction_get_principle (friction) == principle)
                g_ptr_array_add (texts, (gpointer) staple_friction_get_text (friction));
            }
        }
      if (texts->len > 0)
        assert_section_kept (phase, staple_principle_get_label (principle),
                             (const char **) texts->pdata, texts->len);
    }
}

/* Each principle the example's friction points go against is shown with its
 * explanation, and each friction point once, on a page that names its
 * principle. */
static void
test_diagnose (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_auto(Phase) diagnose = render_pages (session, STAPLE_PHASE_DIAGNOSE, FALSE, "example");
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  g_autoptr(GArray) counts = staple_summary_count_principles (session);
  GPtrArray *first_page = g_ptr_array_index (diagnose.pages, 0);
  guint n_frictions = 0;

  g_assert_cmpuint (diagnose.pages->len, >, 1);
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint f = 0; f < g_list_model_get_n_items (frictions); f++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);
          StaplePrinciple principle = staple_friction_get_principle (friction);
          GPtrArray *page = page_with (&diagnose, staple_friction_get_text (friction));

          g_assert_cmpuint (count_on_page (page, staple_principle_get_label (principle)), >=, 1);
          g_assert_cmpuint (pages_with (&diagnose, staple_principle_get_explanation (principle)),
                            ==, 1);
          g_assert_cmpuint (count_on_page (page, staple_stage_get_name (stage)), >=, 1);
          n_frictions++;
        }
    }
  g_assert_cmpuint (n_frictions, ==, 28);
  assert_principles_kept (&diagnose, session);
  {
    g_auto(Phase) hidden = render_pages (session, STAPLE_PHASE_DIAGNOSE, TRUE, "example");

    assert_principles_kept (&hidden, session);
  }

  /* The principle most friction points go against comes first; the ones
   * not linked to a principle yet, last. */
  g_assert_cmpuint (counts->len, >, 0);
  g_assert_cmpuint (count_on_page (first_page, staple_principle_get_label (
                                     g_array_index (counts, StaplePrincipleCount, 0).principle)),
                    ==, 1);
  g_assert_cmpuint (count_on_page (g_ptr_array_index (diagnose.pages, diagnose.pages->len - 1),
                                   staple_principle_get_label (STAPLE_PRINCIPLE_NONE)),
                    ==, 1);
}

/* Where on @page a text with @needle is first drawn. */
static guint
index_on_page (GPtrArray  *page,
               const char *needle)
{
  for (guint i = 0; i < page->len; i++)
    if (strstr (g_ptr_array_index (page, i), needle) != NULL)
      return i;
  g_error ("“%s” is not on the page", needle);
}

/* While the totals are hidden, Diagnose's order says nothing of the votes
 * either: two principles with as many friction points, as severe, come in
 * catalogue order, not with the more voted first. */
static void
test_diagnose_hidden_votes (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleStage) stage = staple_stage_new ();
  const StaplePrinciple principles[] = { STAPLE_PRINCIPLE_HIRE_FOR_THE_PERSON,
                                         STAPLE_PRINCIPLE_TRUST_JUDGEMENT };
  const char *hire = staple_principle_get_label (principles[0]);
  const char *trust = staple_principle_get_label (principles[1]);

  staple_stage_set_id (stage, 1);
  staple_stage_set_name (stage, "Approval");
  g_list_store_append (staple_session_get_stages (session), stage);
  for (guint i = 0; i < G_N_ELEMENTS (principles); i++)
    {
      g_autoptr(StapleFriction) friction = staple_friction_new ();

      staple_friction_set_id (friction, i + 1);
      staple_friction_set_stage_id (friction, 1);
      staple_friction_set_position (friction, (int) i);
      staple_friction_set_text (friction, i == 0 ? "No one hires for patience"
                                                 : "Every refund needs a sign-off");
      staple_friction_set_principle (friction, principles[i]);
      g_list_store_append (staple_stage_get_frictions (stage), friction);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(StapleVote) vote = staple_vote_new ();

      staple_vote_set_id (vote, i + 1);
      staple_vote_set_participant_id (vote, i + 1);
      staple_vote_set_friction_id (vote, 2);
      g_list_store_append (staple_session_get_votes (session), vote);
    }

  {
    g_auto(Phase) shown = render_pages (session, STAPLE_PHASE_DIAGNOSE, FALSE, "votes");
    g_auto(Phase) hidden = render_pages (session, STAPLE_PHASE_DIAGNOSE, TRUE, "votes");
    GPtrArray *shown_page = g_ptr_array_index (shown.pages, 0);
    GPtrArray *hidden_page = g_ptr_array_index (hidden.pages, 0);

    g_assert_cmpuint (index_on_page (shown_page, trust), <, index_on_page (shown_page, hire));
    g_assert_cmpuint (index_on_page (hidden_page, hire), <, index_on_page (hidden_page, trust));
  }
}

static gboolean
is_vote_count (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("[0-9]+ votes?\\b", 0, 0, NULL);

  return g_regex_match (regex, text, 0, NULL);
}

static void
test_prioritise (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_auto(Phase) shown = render_pages (session, STAPLE_PHASE_PRIORITISE, FALSE, "example");
  g_auto(Phase) hidden = render_pages (session, STAPLE_PHASE_PRIORITISE, TRUE, "example");
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);
  StapleFriction *top = g_ptr_array_index (ranked, 0);
  guint votes = staple_summary_count_votes (session, top);
  g_autofree char *votes_text = g_strdup_printf ("%u votes", votes);
  GPtrArray *first_page = g_ptr_array_index (shown.pages, 0);
  GPtrArray *first_hidden = g_ptr_array_index (hidden.pages, 0);
  g_autoptr(StapleStage) first_stage = NULL;
  g_autoptr(StapleFriction) first_in_map = NULL;
  guint n_counts = 0;

  /* The top of the ranking on the first page, with its total. */
  g_assert_cmpuint (votes, ==, 6);
  g_assert_cmpuint (count_on_page (first_page, staple_friction_get_text (top)), ==, 1);
  g_assert_cmpuint (count_on_page (first_page, votes_text), ==, 1);
  g_assert_cmpuint (count_on_page (first_page, "24 of 24 dots placed"), ==, 1);
  for (guint i = 0; i < ranked->len; i++)
    page_with (&shown, staple_friction_get_text (g_ptr_array_index (ranked, i)));
  for (guint i = 0; i < first_page->len; i++)
    if (is_vote_count (g_ptr_array_index (first_page, i)))
      n_counts++;
  g_assert_cmpuint (n_counts, >, 3);

  /* Hidden: every friction point still there, no total anywhere, the
   * friction points in map order, not ranked, and the room told why. */
  for (guint i = 0; i < ranked->len; i++)
    page_with (&hidden, staple_friction_get_text (g_ptr_array_index (ranked, i)));
  for (guint p = 0; p < hidden.pages->len; p++)
    {
      GPtrArray *page = g_ptr_array_index (hidden.pages, p);

      for (guint i = 0; i < page->len; i++)
        g_assert_false (is_vote_count (g_ptr_array_index (page, i)));
      g_assert_cmpuint (count_on_page (page, "hidden until voting closes"), ==, 1);
    }
  g_assert_cmpuint (count_on_page (first_hidden, staple_friction_get_text (top)), ==, 0);
  first_stage = g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (session)), 0);
  first_in_map = g_list_model_get_item (G_LIST_MODEL (staple_stage_get_frictions (first_stage)),
                                        0);
  g_assert_cmpuint (count_on_page (first_hidden, staple_friction_get_text (first_in_map)), ==, 1);
}

/* Phones voting anonymously are people of the room, not more of them:
 * five of the eight, with three dots each, have placed 15 of 24. */
static void
test_prioritise_anonymous (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);
  gint64 friction_id = staple_friction_get_id (g_ptr_array_index (ranked, 0));
  g_auto(Phase) shown = { 0 };

  g_list_store_remove_all (staple_session_get_votes (session));
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(StapleParticipant) voter = staple_participant_new ();

      staple_participant_set_id (voter, 1000 + i);
      staple_participant_set_name (voter, "Anonymous voter");
      staple_participant_set_anonymous (voter, TRUE);
      g_list_store_append (staple_session_get_participants (session), voter);
      for (int j = 0; j < 3; j++)
        {
          g_autoptr(StapleVote) vote = staple_vote_new ();

          staple_vote_set_participant_id (vote, 1000 + i);
          staple_vote_set_friction_id (vote, friction_id);
          g_list_store_append (staple_session_get_votes (session), vote);
        }
    }

  shown = render_pages (session, STAPLE_PHASE_PRIORITISE, FALSE, "anonymous");
  g_assert_cmpuint (count_on_page (g_ptr_array_index (shown.pages, 0), "15 of 24 dots placed"),
                    ==, 1);
}

static void
test_commit (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_auto(Phase) commit = render_pages (session, STAPLE_PHASE_COMMIT, FALSE, "example");
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  GListModel *empowerments = G_LIST_MODEL (staple_session_get_empowerments (session));

  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      StapleParticipant *owner =
        staple_session_find_participant (session, staple_action_get_owner_id (action), NULL);
      g_autofree char *due = staple_action_format_due (staple_action_get_due (action), NULL);
      GPtrArray *page = page_with (&commit, staple_action_get_text (action));

      g_assert_nonnull (owner);
      g_assert_cmpstr (due, !=, "");
      g_assert_cmpuint (count_on_page (page, staple_participant_get_name (owner)), >=, 1);
      g_assert_cmpuint (count_on_page (page, due), >=, 1);
      g_assert_cmpuint (count_on_page (page, staple_action_status_get_label (
                                               staple_action_get_status (action))), >=, 1);
    }
  g_assert_cmpuint (g_list_model_get_n_items (empowerments), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (empowerments); i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (empowerments, i);

      page_with (&commit, staple_empowerment_get_text (empowerment));
    }
  g_assert_cmpuint (pages_with (&commit, "Decisions handed to front-line staff"), >=, 1);
  assert_outcome_kept (&commit, session, "Actions");
}

/* An owner named in Arabic: the line with their name and the due date is
 * the app's, in its reading direction, with the name set apart (Unicode
 * isolates) so that it neither moves the date nor turns the line around. */
static void
test_commit_rtl_owner (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  g_autoptr(StapleAction) action = g_list_model_get_item (actions, 0);
  StapleParticipant *owner =
    staple_session_find_participant (session, staple_action_get_owner_id (action), NULL);
  const char *name = "محمد عبد الرحمن";
  g_autofree char *isolated = g_strconcat ("\u2068", name, "\u2069", NULL);
  g_autofree char *due = staple_action_format_due (staple_action_get_due (action), NULL);
  g_auto(Phase) commit = { NULL };
  GPtrArray *page;
  guint found = 0;

  staple_participant_set_name (owner, name);
  commit = render_pages (session, STAPLE_PHASE_COMMIT, FALSE, "rtl");
  page = page_with (&commit, staple_action_get_text (action));
  for (guint i = 0; i < page->len; i++)
    {
      const char *text = g_ptr_array_index (page, i);

      if (strstr (text, due) != NULL && strstr (text, name) != NULL)
        {
          g_assert_nonnull (strstr (text, isolated));
          found++;
        }
    }
  g_assert_cmpuint (found, >=, 1);
}

static void
test_close (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_auto(Phase) close = render_pages (session, STAPLE_PHASE_CLOSE, FALSE, "example");
  GPtrArray *first_page = g_ptr_array_index (close.pages, 0);
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  GListModel *empowerments = G_LIST_MODEL (staple_session_get_empowerments (session));
  StapleJourneyTotals totals;
  g_autofree char *lead = NULL;
  g_autofree char *work = NULL;
  g_autofree char *wait = NULL;

  staple_summary_journey_totals (session, &totals);
  lead = staple_format_minutes (totals.lead_minutes);
  work = staple_format_minutes (totals.work_minutes);
  wait = staple_format_minutes (totals.wait_minutes);
  g_assert_cmpuint (totals.lead_minutes, >, 0);
  g_assert_cmpuint (count_on_page (first_page, lead), >=, 1);
  g_assert_cmpuint (count_on_page (first_page, work), >=, 1);
  g_assert_cmpuint (count_on_page (first_page, wait), >=, 1);
  g_assert_cmpuint (count_on_page (first_page, "10 stages"), ==, 1);
  g_assert_cmpuint (count_on_page (first_page, "28 friction points"), ==, 1);
  g_assert_cmpuint (count_on_page (first_page, staple_friction_get_text (
                                                 g_ptr_array_index (ranked, 0))), ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

      page_with (&close, staple_action_get_text (action));
    }
  for (guint i = 0; i < g_list_model_get_n_items (empowerments); i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (empowerments, i);

      page_with (&close, staple_empowerment_get_text (empowerment));
    }
  assert_outcome_kept (&close, session, "Actions committed");
}

/* A coach who goes on to Close while the totals are hidden shows the room
 * neither a total nor the top of the ranking, and says why, as Prioritise
 * does; the rest of the summary is all there. */
static void
test_close_hidden_votes (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_auto(Phase) close = render_pages (session, STAPLE_PHASE_CLOSE, TRUE, "example");
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));

  for (guint p = 0; p < close.pages->len; p++)
    {
      GPtrArray *page = g_ptr_array_index (close.pages, p);

      for (guint i = 0; i < page->len; i++)
        {
          const char *text = g_ptr_array_index (page, i);

          if (is_vote_count (text) || strstr (text, "By votes") != NULL)
            g_error ("Close, votes hidden, page %u: “%s”", p + 1, text);
        }
    }
  for (guint i = 0; i < MIN (ranked->len, 3); i++)
    g_assert_cmpuint (pages_with (&close, staple_friction_get_text (
                                            g_ptr_array_index (ranked, i))), ==, 0);
  g_assert_cmpuint (pages_with (&close, "hidden until voting closes"), ==, 1);
  g_assert_cmpuint (count_on_page (g_ptr_array_index (close.pages, 0), "28 friction points"),
                    ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

      page_with (&close, staple_action_get_text (action));
    }
  assert_outcome_kept (&close, session, "Actions committed");
}

/* Sixty friction points over six stages, a vote on some, and thirty
 * actions: every list pages, and each item is on exactly one page. */
static StapleSession *
make_long_session (void)
{
  StapleSession *session = staple_session_new ();
  g_autoptr(StapleParticipant) participant = staple_participant_new ();

  staple_participant_set_id (participant, 1);
  staple_participant_set_name (participant, "Voter");
  g_list_store_append (staple_session_get_participants (session), participant);

  for (guint s = 0; s < 6; s++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();
      g_autofree char *name = g_strdup_printf ("Stage %u", s + 1);

      staple_stage_set_id (stage, s + 1);
      staple_stage_set_position (stage, (int) s);
      staple_stage_set_name (stage, name);
      staple_stage_set_wait_minutes (stage, 60);
      g_list_store_append (staple_session_get_stages (session), stage);

      for (guint f = 0; f < 10; f++)
        {
          g_autoptr(StapleFriction) friction = staple_friction_new ();
          guint n = s * 10 + f;
          g_autofree char *text = g_strdup_printf ("Friction point number %02u, noted on the "
                                                   "walk", n + 1);

          staple_friction_set_id (friction, n + 1);
          staple_friction_set_stage_id (friction, s + 1);
          staple_friction_set_position (friction, (int) f);
          staple_friction_set_text (friction, text);
          staple_friction_set_principle (friction, (StaplePrinciple) (n % 4));
          g_list_store_append (staple_stage_get_frictions (stage), friction);
          if (n % 7 == 3)
            {
              g_autoptr(StapleVote) vote = staple_vote_new ();

              staple_vote_set_id (vote, n + 1);
              staple_vote_set_participant_id (vote, 1);
              staple_vote_set_friction_id (vote, n + 1);
              g_list_store_append (staple_session_get_votes (session), vote);
            }
        }
    }

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(StapleAction) action = staple_action_new ();
      g_autofree char *text = g_strdup_printf ("Action number %02u for the room", i + 1);

      staple_action_set_id (action, i + 1);
      staple_action_set_text (action, text);
      staple_action_set_owner_id (action, 1);
      staple_action_set_due (action, "2026-12-01");
      g_list_store_append (staple_session_get_actions (session), action);
    }
  return session;
}

/* "@prefix 01@suffix" to "@prefix @n@suffix", each on exactly one page. */
static void
assert_each_once (const Phase *phase,
                  const char  *prefix,
                  const char  *suffix,
                  guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s %02u%s", prefix, i + 1, suffix);

      page_with (phase, text);
    }
}

static void
test_long_lists (void)
{
  g_autoptr(StapleSession) session = make_long_session ();
  g_auto(Phase) diagnose = render_pages (session, STAPLE_PHASE_DIAGNOSE, FALSE, "long");
  g_auto(Phase) prioritise = render_pages (session, STAPLE_PHASE_PRIORITISE, FALSE, "long");
  g_auto(Phase) hidden = render_pages (session, STAPLE_PHASE_PRIORITISE, TRUE, "long");
  g_auto(Phase) commit = render_pages (session, STAPLE_PHASE_COMMIT, FALSE, "long");
  g_auto(Phase) close = render_pages (session, STAPLE_PHASE_CLOSE, FALSE, "long");
  StapleAudienceStats stats;

  g_assert_cmpuint (diagnose.pages->len, >, 1);
  g_assert_cmpuint (prioritise.pages->len, >, 1);
  g_assert_cmpuint (hidden.pages->len, >, 1);
  g_assert_cmpuint (commit.pages->len, >, 1);
  assert_each_once (&diagnose, "Friction point number", ",", 60);
  assert_each_once (&prioritise, "Friction point number", ",", 60);
  assert_each_once (&hidden, "Friction point number", ",", 60);
  assert_each_once (&commit, "Action number", " ", 30);
  assert_each_once (&close, "Action number", " ", 30);

  assert_principles_kept (&diagnose, session);
  assert_outcome_kept (&commit, session, "Actions");
  assert_outcome_kept (&close, session, "Actions committed");

  /* A page that starts inside a group says whose friction points go on. */
  g_assert_cmpuint (pages_with (&diagnose, "(continued)"), >, 0);

  /* Each page says which it is. */
  for (guint p = 0; p < diagnose.pages->len; p++)
    {
      g_autofree char *page = g_strdup_printf ("Page %u of %u", p + 1, diagnose.pages->len);

      g_assert_cmpuint (count_on_page (g_ptr_array_index (diagnose.pages, p), page), ==, 1);
    }

  /* A page past the last shows the last. */
  stats = render (session, STAPLE_PHASE_DIAGNOSE, 500, FALSE, "long");
  g_assert_cmpuint (stats.page, ==, diagnose.pages->len - 1);
  g_assert_cmpuint (count_on_page (stats.texts, "Friction point number 60,"), ==,
                    count_on_page (g_ptr_array_index (diagnose.pages, diagnose.pages->len - 1),
                                   "Friction point number 60,"));
  g_ptr_array_unref (stats.texts);
}

/* A session with nothing in it yet: a gentle sentence on each phase, never
 * "(null)" or an empty screen. */
static void
test_empty (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_auto(Phase) frame = render_pages (session, STAPLE_PHASE_FRAME, FALSE, "empty");
  g_auto(Phase) diagnose = render_pages (session, STAPLE_PHASE_DIAGNOSE, FALSE, "empty");
  g_auto(Phase) prioritise = render_pages (session, STAPLE_PHASE_PRIORITISE, TRUE, "empty");
  g_auto(Phase) commit = render_pages (session, STAPLE_PHASE_COMMIT, FALSE, "empty");
  g_auto(Phase) close = render_pages (session, STAPLE_PHASE_CLOSE, FALSE, "empty");

  g_assert_cmpuint (pages_with (&frame, "not written yet"), ==, 1);
  g_assert_cmpuint (pages_with (&frame, "Nobody is listed"), ==, 1);
  g_assert_cmpuint (pages_with (&diagnose, "No friction points"), ==, 1);
  g_assert_cmpuint (pages_with (&prioritise, "No friction points"), ==, 1);
  g_assert_cmpuint (pages_with (&commit, "No actions yet"), ==, 1);
  g_assert_cmpuint (pages_with (&close, "no work or waiting times"), ==, 1);
  g_assert_cmpuint (pages_with (&close, "No stages mapped yet"), ==, 1);
  g_assert_cmpuint (pages_with (&close, "0 "), ==, 0);
}

/* A 100,000-character text in every field, its first forty lines short:
 * cut short, in its box, on as many pages as its lists need. */
static void
test_long_texts (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(GString) text = g_string_new (NULL);
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (session));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));

  /* Typed over forty lines first, then on and on. */
  for (guint i = 0; i < 40; i++)
    g_string_append (text, "Wartezeit\n");
  while (text->len < 100000)
    g_string_append (text, "Wartezeit auf die Freigabe der Regionalleitung 🙃 ");
  staple_session_set_question (session, text->str);
  staple_session_set_customer (session, text->str);
  staple_session_set_work_item (session, text->str);
  staple_session_set_location (session, text->str);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      staple_participant_set_role (participant, text->str);
      if (i == 0)
        staple_participant_set_name (participant, text->str);
    }
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

      staple_action_set_text (action, text->str);
    }
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      staple_stage_set_name (stage, text->str);
      for (guint f = 0; f < g_list_model_get_n_items (frictions); f++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);

          staple_friction_set_text (friction, text->str);
        }
    }

  for (StaplePhase phase = STAPLE_PHASE_FRAME; phase <= STAPLE_PHASE_CLOSE; phase++)
    {
      g_auto(Phase) pages = { NULL };

      if (phase == STAPLE_PHASE_MAP || phase == STAPLE_PHASE_WALK)
        continue;
      pages = render_pages (session, phase, FALSE, "long-texts");
    }
}

/* The dark palette: the same texts, and the margins as clear. */
static void
test_dark (void)
{
  g_autoptr(StapleSession) session = test_read_example ();

  render_dark = TRUE;
  for (StaplePhase phase = STAPLE_PHASE_FRAME; phase <= STAPLE_PHASE_CLOSE; phase++)
    {
      g_auto(Phase) pages = { NULL };

      if (phase == STAPLE_PHASE_MAP || phase == STAPLE_PHASE_WALK)
        continue;
      pages = render_pages (session, phase, phase == STAPLE_PHASE_PRIORITISE, "example");
      g_assert_cmpuint (pages.pages->len, >=, 1);
    }
  render_dark = FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audience-lists/frame", test_frame);
  g_test_add_func ("/audience-lists/frame-full-room", test_frame_full_room);
  g_test_add_func ("/audience-lists/diagnose", test_diagnose);
  g_test_add_func ("/audience-lists/diagnose-hidden-votes", test_diagnose_hidden_votes);
  g_test_add_func ("/audience-lists/prioritise", test_prioritise);
  g_test_add_func ("/audience-lists/prioritise-anonymous", test_prioritise_anonymous);
  g_test_add_func ("/audience-lists/commit", test_commit);
  g_test_add_func ("/audience-lists/commit-rtl-owner", test_commit_rtl_owner);
  g_test_add_func ("/audience-lists/close", test_close);
  g_test_add_func ("/audience-lists/close-hidden-votes", test_close_hidden_votes);
  g_test_add_func ("/audience-lists/long-lists", test_long_lists);
  g_test_add_func ("/audience-lists/long-texts", test_long_texts);
  g_test_add_func ("/audience-lists/empty", test_empty);
  g_test_add_func ("/audience-lists/dark", test_dark);

  return g_test_run ();
}
