/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the journey map: layout geometry, text fitting, incremental
 * updates, hit-testing and rendering into image surfaces; what of a text is
 * shown. No display. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "staple-model.h"
#include "staple-map-layout.h"
#include "staple-map-renderer.h"
#include "staple-text.h"
#include "test-util.h"

/* What the layout promises, in map units at text scale 1: a card's text
 * and label fit its width less this much (stripe and paddings). */
#define TEXT_INSET   20.0
#define CARD_WIDTH  208.0
#define CARD_PAD      8.0
#define EPSILON      1e-6

/* cairo 1.16 has no autoptr support of its own (GTK adds it). */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)

/* Building sessions in memory */

static StapleFriction *
add_card (StapleStage        *stage,
          gint64              id,
          const char         *text,
          StapleFrictionKind  kind)
{
  g_autoptr(StapleFriction) friction = staple_friction_new ();

  staple_friction_set_id (friction, id);
  staple_friction_set_stage_id (friction, staple_stage_get_id (stage));
  staple_friction_set_text (friction, text);
  staple_friction_set_kind (friction, kind);
  g_list_store_append (staple_stage_get_frictions (stage), friction);

  return friction; /* borrowed: the stage holds it */
}

static StapleStage *
add_stage (StapleSession *session,
           gint64         id,
           const char    *name,
           const char    *team,
           guint          n_cards)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();

  staple_stage_set_id (stage, id);
  staple_stage_set_name (stage, name);
  staple_stage_set_team (stage, team);
  staple_stage_set_customer_feeling (stage, (int) (id % 5) - 2);
  staple_stage_set_staff_feeling (stage, 2 - (int) (id % 5));
  g_list_store_append (staple_session_get_stages (session), stage);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *text = g_strdup_printf ("Friction %u of stage %" G_GINT64_FORMAT
                                               ": the form asks for it twice", i, id);

      add_card (stage, id * 1000 + i + 1, text, (StapleFrictionKind) (i % 8));
    }

  return stage; /* borrowed: the session holds it */
}

static void
add_vote (StapleSession *session,
          gint64         friction_id)
{
  g_autoptr(StapleVote) vote = staple_vote_new ();
  GListStore *votes = staple_session_get_votes (session);

  staple_vote_set_id (vote, g_list_model_get_n_items (G_LIST_MODEL (votes)) + 1);
  staple_vote_set_friction_id (vote, friction_id);
  g_list_store_append (votes, vote);
}

static StapleFriction *
get_friction (StapleStage *stage,
              guint        index)
{
  g_autoptr(StapleFriction) friction =
    g_list_model_get_item (G_LIST_MODEL (staple_stage_get_frictions (stage)), index);

  g_assert_nonnull (friction);
  return friction; /* borrowed: the stage holds it */
}

static StapleStage *
get_stage (StapleSession *session,
           guint          index)
{
  g_autoptr(StapleStage) stage =
    g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (session)), index);

  g_assert_nonnull (stage);
  return stage; /* borrowed: the session holds it */
}

/* Three stages of three teams: 3 cards, none, 8 cards (two stacks). */
static StapleSession *
make_small_session (void)
{
  StapleSession *session = staple_session_new ();

  staple_session_set_title (session, "Small");
  add_stage (session, 1, "Call the service line", "Customer service", 3);
  add_stage (session, 2, "Nobody picks it up", "Back office", 0);
  add_stage (session, 3, "Engineer visit", "Field service", 8);
  add_vote (session, 1001);
  add_vote (session, 1001);
  add_vote (session, 3002);

  return session;
}

static StapleMapLayout *
layout_for (StapleSession *session)
{
  StapleMapLayout *layout = staple_map_layout_new ();

  staple_map_layout_set_session (layout, session);
  staple_map_layout_update (layout);
  return layout;
}

/* Geometry checks */

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
assert_rect_inside (const cairo_rectangle_t *inner,
                    const cairo_rectangle_t *outer)
{
  g_assert_cmpfloat (inner->x, >=, outer->x - EPSILON);
  g_assert_cmpfloat (inner->y, >=, outer->y - EPSILON);
  g_assert_cmpfloat (inner->x + inner->width, <=, outer->x + outer->width + EPSILON);
  g_assert_cmpfloat (inner->y + inner->height, <=, outer->y + outer->height + EPSILON);
}

static void
assert_rect_sane (const cairo_rectangle_t *rect)
{
  g_assert_true (isfinite (rect->x) && isfinite (rect->y));
  g_assert_cmpfloat (rect->width, >, 0);
  g_assert_cmpfloat (rect->height, >, 0);
}

/* Everything the layout promises of any session. */
static void
assert_geometry (StapleMapLayout *layout)
{
  StapleSession *session = staple_map_layout_get_session (layout);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  guint n_columns = staple_map_layout_get_n_columns (layout);
  double width = staple_map_layout_get_width (layout);
  double height = staple_map_layout_get_height (layout);
  double lane_y[STAPLE_MAP_N_LANES], lane_h[STAPLE_MAP_N_LANES];
  cairo_rectangle_t cards_lane;
  g_autoptr(GPtrArray) all_cards = g_ptr_array_new ();

  g_assert_cmpuint (n_columns, ==, g_list_model_get_n_items (stages));
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (height, >, 0);

  /* Lanes: top to bottom, touching or apart, never overlapping, inside the map. */
  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      staple_map_layout_get_lane (layout, lane, &lane_y[lane], &lane_h[lane]);
      g_assert_cmpfloat (lane_h[lane], >, 0);
      if (lane == 0)
        g_assert_cmpfloat (lane_y[lane], >=, 0);
      else
        g_assert_cmpfloat (lane_y[lane], >=, lane_y[lane - 1] + lane_h[lane - 1] - EPSILON);
    }
  g_assert_cmpfloat (lane_y[STAPLE_MAP_N_LANES - 1] + lane_h[STAPLE_MAP_N_LANES - 1], <=,
                     height + EPSILON);

  for (guint i = 0; i < n_columns; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      cairo_rectangle_t map = { 0, 0, width, height };

      /* In stage order, each in its place, none overlapping the next. */
      g_assert_nonnull (column);
      g_assert_true (column->stage == stage);
      assert_rect_sane (&column->column);
      assert_rect_sane (&column->header);
      assert_rect_inside (&column->column, &map);
      assert_rect_inside (&column->header, &column->column);
      g_assert_cmpfloat (column->column.y, <=, lane_y[0] + EPSILON);
      g_assert_cmpfloat (column->column.y + column->column.height, >=,
                         lane_y[STAPLE_MAP_N_LANES - 1] + lane_h[STAPLE_MAP_N_LANES - 1] -
                         EPSILON);
      g_assert_cmpfloat (column->column.x, >=, 0);
      if (i + 1 < n_columns)
        {
          const StapleMapColumn *next = staple_map_layout_get_column (layout, i + 1);

          g_assert_cmpfloat (column->column.x + column->column.width, <=, next->column.x);
          g_assert_false (rects_overlap (&column->column, &next->column));
        }

      /* The curve points sit in their lanes. */
      g_assert_cmpfloat (column->customer_y, >, lane_y[STAPLE_MAP_LANE_CUSTOMER]);
      g_assert_cmpfloat (column->customer_y, <,
                         lane_y[STAPLE_MAP_LANE_CUSTOMER] + lane_h[STAPLE_MAP_LANE_CUSTOMER]);
      g_assert_cmpfloat (column->staff_y, >, lane_y[STAPLE_MAP_LANE_STAFF]);
      g_assert_cmpfloat (column->staff_y, <,
                         lane_y[STAPLE_MAP_LANE_STAFF] + lane_h[STAPLE_MAP_LANE_STAFF]);

      /* Every card, in the model's order, inside its column and the cards lane. */
      g_assert_cmpuint (column->cards->len, ==, g_list_model_get_n_items (frictions));
      cards_lane = (cairo_rectangle_t) { column->column.x, lane_y[STAPLE_MAP_LANE_CARDS],
                                         column->column.width, lane_h[STAPLE_MAP_LANE_CARDS] };
      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = staple_map_layout_get_card (layout, i, j);
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);

          g_assert_true (card == &g_array_index (column->cards, StapleMapCard, j));
          g_assert_true (card->friction == friction);
          g_assert_nonnull (card->text);
          g_assert_nonnull (card->label);
          g_assert_cmpuint (card->n_votes, ==,
                            staple_session_count_votes_for (session,
                                                            staple_friction_get_id (friction)));
          assert_rect_sane (&card->rect);
          assert_rect_inside (&card->rect, &column->column);
          assert_rect_inside (&card->rect, &cards_lane);
          g_ptr_array_add (all_cards, (gpointer) card);
        }
      g_assert_null (staple_map_layout_get_card (layout, i, column->cards->len));
    }
  g_assert_null (staple_map_layout_get_card (layout, n_columns, 0));

  /* No two cards overlap, within a column or across columns. */
  for (guint a = 0; a < all_cards->len; a++)
    for (guint b = a + 1; b < all_cards->len; b++)
      {
        const StapleMapCard *ca = g_ptr_array_index (all_cards, a);
        const StapleMapCard *cb = g_ptr_array_index (all_cards, b);

        if (rects_overlap (&ca->rect, &cb->rect))
          g_error ("cards “%s” (%g,%g %g×%g) and “%s” (%g,%g %g×%g) overlap",
                   staple_friction_get_text (ca->friction), ca->rect.x, ca->rect.y,
                   ca->rect.width, ca->rect.height, staple_friction_get_text (cb->friction),
                   cb->rect.x, cb->rect.y, cb->rect.width, cb->rect.height);
      }
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* The text and the label fit in the card, within its paddings. */
static void
assert_card_text_inside (const StapleMapCard *card)
{
  double scale = card->rect.width / CARD_WIDTH;
  PangoLayout *layouts[] = { card->text, card->label };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      PangoRectangle logical;

      pango_layout_get_extents (layouts[i], NULL, &logical);
      g_assert_cmpfloat ((double) logical.x / PANGO_SCALE, >=, -EPSILON);
      g_assert_cmpfloat ((double) (logical.x + logical.width) / PANGO_SCALE, <=,
                         card->rect.width - TEXT_INSET * scale + EPSILON);
    }

  /* Room for the label, the text, and a padding above and below. */
  g_assert_cmpfloat (card->rect.height, >=,
                     layout_height (card->text) + layout_height (card->label) +
                     2 * CARD_PAD * scale - EPSILON);
  g_assert_cmpint (pango_layout_get_line_count (card->text), <=, 4);
  /* The kind whole, on two lines if it is long ("UNCLEAR EXPECTATIONS"). */
  g_assert_cmpint (pango_layout_get_line_count (card->label), <=, 2);
  g_assert_false (pango_layout_is_ellipsized (card->label));
}

/* The test sessions */

static void
test_layout_no_session (void)
{
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  StapleMapHit hit = { STAPLE_MAP_HIT_CARD, 7, 7 };

  g_assert_null (staple_map_layout_get_session (layout));
  g_assert_cmpuint (staple_map_layout_get_n_columns (layout), ==, 0);
  g_assert_cmpfloat (staple_map_layout_get_width (layout), >, 0);
  g_assert_cmpfloat (staple_map_layout_get_height (layout), >, 0);
  g_assert_null (staple_map_layout_get_card (layout, 0, 0));
  g_assert_false (staple_map_layout_hit_test (layout, 200, 100, &hit));
  g_assert_cmpint (hit.kind, ==, STAPLE_MAP_HIT_NONE);
}

static void
test_layout_empty_session (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  StapleMapRenderOptions options;
  StapleMapHit hit;

  assert_geometry (layout);
  g_assert_cmpuint (staple_map_layout_get_n_columns (layout), ==, 0);

  for (double y = 0; y < staple_map_layout_get_height (layout); y += 7)
    {
      g_assert_false (staple_map_layout_hit_test (layout, 300, y, &hit));
      g_assert_cmpint (hit.kind, ==, STAPLE_MAP_HIT_NONE);
    }

  /* Rendering nothing paints the paper and does not crash. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (staple_map_layout_get_width (layout)),
                                        (int) ceil (staple_map_layout_get_height (layout)));
  cr = cairo_create (surface);
  staple_map_render_options_init (&options);
  staple_map_render (layout, cr, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
}

static void
test_layout_empty_stage (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  const StapleMapColumn *column;
  double cards_h;

  add_stage (session, 1, "Nothing goes wrong here", "Sales", 0);
  layout = layout_for (session);
  assert_geometry (layout);

  column = staple_map_layout_get_column (layout, 0);
  g_assert_cmpuint (column->cards->len, ==, 0);
  /* An empty stage still is one card wide and offers room to drop a card. */
  g_assert_cmpfloat (column->column.width, >=, CARD_WIDTH);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CARDS, NULL, &cards_h);
  g_assert_cmpfloat (cards_h, >=, 40);
}

static void
test_layout_small (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);

  assert_geometry (layout);
  g_assert_cmpuint (staple_map_layout_get_card (layout, 0, 0)->n_votes, ==, 2);
  g_assert_cmpuint (staple_map_layout_get_card (layout, 0, 1)->n_votes, ==, 0);
  g_assert_cmpuint (staple_map_layout_get_card (layout, 2, 1)->n_votes, ==, 1);
}

static void
test_layout_many_cards (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  const StapleMapColumn *one, *many;
  g_autoptr(GArray) stack_x = g_array_new (FALSE, FALSE, sizeof (double));

  add_stage (session, 1, "One card", "Sales", 1);
  add_stage (session, 2, "Thirty cards", "Sales", 30);
  add_stage (session, 3, "Seven cards", "Billing", 7);
  layout = layout_for (session);
  assert_geometry (layout);

  one = staple_map_layout_get_column (layout, 0);
  many = staple_map_layout_get_column (layout, 1);
  g_assert_cmpuint (many->cards->len, ==, 30);

  /* Thirty cards wrap into several stacks side by side: the column grows wider. */
  for (guint j = 0; j < many->cards->len; j++)
    {
      const StapleMapCard *card = staple_map_layout_get_card (layout, 1, j);
      gboolean seen = FALSE;

      for (guint k = 0; k < stack_x->len; k++)
        seen |= g_array_index (stack_x, double, k) == card->rect.x;
      if (!seen)
        g_array_append_val (stack_x, card->rect.x);

      if (j > 0)
        {
          const StapleMapCard *previous = staple_map_layout_get_card (layout, 1, j - 1);

          /* Reading order: down a stack, then on to the next stack on the right. */
          if (previous->rect.x == card->rect.x)
            g_assert_cmpfloat (card->rect.y, >=, previous->rect.y + previous->rect.height);
          else
            {
              g_assert_cmpfloat (card->rect.x, >=, previous->rect.x + previous->rect.width);
              g_assert_cmpfloat (card->rect.y, <, previous->rect.y);
            }
        }
    }
  g_assert_cmpuint (stack_x->len, >=, 3);
  g_assert_cmpfloat (many->column.width, >=, stack_x->len * CARD_WIDTH);
  g_assert_cmpfloat (many->column.width, >, 2 * one->column.width);
  /* The header spans the wider column. */
  g_assert_cmpfloat (many->header.width, ==, many->column.width);

  /* Seven cards take two stacks. */
  g_assert_cmpfloat (staple_map_layout_get_card (layout, 2, 6)->rect.x, >,
                     staple_map_layout_get_card (layout, 2, 0)->rect.x);
  g_assert_cmpfloat (staple_map_layout_get_column (layout, 2)->column.width, >,
                     one->column.width);
}

static void
test_layout_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  guint n_cards = 0;

  g_assert_cmpuint (staple_map_layout_get_n_columns (layout), >=, 3);
  assert_geometry (layout);

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      for (guint j = 0; j < column->cards->len; j++)
        assert_card_text_inside (staple_map_layout_get_card (layout, i, j));
      n_cards += column->cards->len;
    }
  g_assert_cmpuint (n_cards, ==, staple_session_count_frictions (session));
}

static void
test_layout_text_scale (void)
{
  static const double scales[] = { 0.5, 1.5, 2.0, 4.0 };
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = NULL;
  double width_1;

  add_stage (session, 99, "Thirty cards", "Sales", 30);
  layout = layout_for (session);
  width_1 = staple_map_layout_get_width (layout);

  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      staple_map_layout_set_text_scale (layout, scales[k]);
      g_assert_cmpfloat (staple_map_layout_get_text_scale (layout), ==, scales[k]);
      assert_geometry (layout);
      for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
        {
          const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

          for (guint j = 0; j < column->cards->len; j++)
            assert_card_text_inside (staple_map_layout_get_card (layout, i, j));
        }
      if (scales[k] > 1)
        g_assert_cmpfloat (staple_map_layout_get_width (layout), >, width_1);
      else
        g_assert_cmpfloat (staple_map_layout_get_width (layout), <, width_1);
    }
}

/* Text that does not fit */

static char *
repeat (const char *unit,
        gsize       min_chars)
{
  GString *text = g_string_new (NULL);

  while (g_utf8_strlen (text->str, -1) < (glong) min_chars)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

typedef struct
{
  const char *name;
  char       *text;
  gboolean    long_text; /* must be ellipsized */
} TextCase;

static void
test_layout_text_inside (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  StapleStage *stage = add_stage (session, 1, "Texts", "Sales", 0);
  TextCase cases[] = {
    { "one line", g_strdup ("Form lost"), FALSE },
    { "10 000 characters", repeat ("The form asks for the serial number again. ", 10000), TRUE },
    { "300-character word", repeat ("x", 300), TRUE },
    { "long Arabic", repeat ("يجب على العميل أن يتصل مرة أخرى لأن الطلب ضاع ", 600), TRUE },
    { "long Hebrew", repeat ("הלקוח צריך להתקשר שוב כי ההזמנה אבדה ", 600), TRUE },
    { "short Arabic", g_strdup ("ضاع الطلب"), FALSE },
    { "mixed directions", g_strdup ("Order #4711 — الطلب ضاع — ההזמנה אבדה — again"), FALSE },
    { "emoji", repeat ("😡📞⏳👨‍👩‍👧🇩🇪 ", 400), TRUE },
    { "CJK", repeat ("顾客必须再次打电话因为订单丢失了。お客様は再び電話する必要があります。", 800), TRUE },
  };
  double one_line_height;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    add_card (stage, i + 1, cases[i].text, STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS);

  layout = layout_for (session);
  assert_geometry (layout);
  one_line_height = staple_map_layout_get_card (layout, 0, 0)->rect.height;
  g_assert_cmpint (pango_layout_get_line_count (staple_map_layout_get_card (layout, 0, 0)->text),
                   ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const StapleMapCard *card = staple_map_layout_get_card (layout, 0, i);

      g_test_message ("%s: %g × %g, %d lines", cases[i].name, card->rect.width,
                      card->rect.height, pango_layout_get_line_count (card->text));
      assert_card_text_inside (card);
      g_assert_cmpfloat (card->rect.height, <=, 3 * one_line_height);
      if (cases[i].long_text)
        {
          g_assert_true (pango_layout_is_ellipsized (card->text));
          g_assert_true (card->truncated);
          g_assert_cmpfloat (card->rect.height, >, one_line_height);
        }
      else
        {
          g_assert_false (pango_layout_is_ellipsized (card->text));
          g_assert_false (card->truncated);
        }
      g_free (cases[i].text);
    }
}

/* Text pasted with many line breaks is still cut to a few lines. */
static void
test_layout_text_line_breaks (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  StapleStage *stage = add_stage (session, 1, "Texts", "Sales", 0);
  g_autofree char *lines = repeat ("Line\n", 200);
  g_autofree char *paragraphs = repeat ("A paragraph long enough to wrap onto a second line.\n\n", 400);
  const StapleMapCard *card;
  double one_line_height;

  add_card (stage, 1, "Form lost", STAPLE_FRICTION_KIND_POLICY);
  add_card (stage, 2, lines, STAPLE_FRICTION_KIND_POLICY);
  add_card (stage, 3, paragraphs, STAPLE_FRICTION_KIND_POLICY);
  layout = layout_for (session);
  assert_geometry (layout);
  one_line_height = staple_map_layout_get_card (layout, 0, 0)->rect.height;

  for (guint j = 1; j < 3; j++)
    {
      card = staple_map_layout_get_card (layout, 0, j);
      g_test_message ("card %u: %g high, %d lines", j, card->rect.height,
                      pango_layout_get_line_count (card->text));
      assert_card_text_inside (card);
      g_assert_cmpfloat (card->rect.height, <=, 3 * one_line_height);
      g_assert_true (card->truncated);
    }
}

static void
test_layout_long_titles (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  g_autofree char *title = repeat ("Customer chases the order ", 500);
  g_autofree char *word = repeat ("W", 500);
  g_autofree char *rtl = repeat ("הלקוח צריך להתקשר שוב ", 500);
  const char *titles[] = { title, word, rtl, "Short" };
  double header_y, header_h;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      StapleStage *stage = add_stage (session, i + 1, titles[i], titles[(i + 1) % 4], 1);

      staple_stage_set_work_minutes (stage, STAPLE_STAGE_MINUTES_MAX);
      staple_stage_set_wait_minutes (stage, STAPLE_STAGE_MINUTES_MAX - 1);
      staple_stage_set_dropped (stage, TRUE);
    }

  layout = layout_for (session);
  assert_geometry (layout);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_HEADER, &header_y, &header_h);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      PangoLayout *texts[] = { column->title, column->subtitle, column->times };
      double text_h = 0;

      g_assert_cmpfloat (column->header.y, ==, header_y);
      g_assert_cmpfloat (column->header.height, ==, header_h);
      for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
        {
          PangoRectangle logical;

          pango_layout_get_extents (texts[k], NULL, &logical);
          g_assert_cmpfloat ((double) logical.x / PANGO_SCALE, >=, -EPSILON);
          /* Column paddings left and right. */
          g_assert_cmpfloat ((double) (logical.x + logical.width) / PANGO_SCALE, <=,
                             column->header.width - 2 * 12 + EPSILON);
          text_h += layout_height (texts[k]);
        }
      g_assert_cmpfloat (text_h, <=, column->header.height);
      g_assert_cmpint (pango_layout_get_line_count (column->title), <=, 2);
      g_assert_cmpint (pango_layout_get_line_count (column->subtitle), ==, 1);
      g_assert_cmpint (pango_layout_get_line_count (column->times), <=, 2);
      if (i < 3)
        g_assert_true (pango_layout_is_ellipsized (column->title));
      else
        g_assert_false (pango_layout_is_ellipsized (column->title));
      /* A 500-character title does not stretch the column. */
      g_assert_cmpfloat (column->column.width, ==,
                         staple_map_layout_get_column (layout, 3)->column.width);
    }

  /* A few lines of text, however long the title. */
  g_assert_cmpfloat (header_h, <, 200);
}

/* The handoff's label is one line in the handoff lane, whatever the team's name. */
static void
test_layout_handoff_label (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  g_autofree char *long_team = repeat ("Logistics and returns ", 300);
  const char *teams[] = { "Sales", "Field\nservice\nnorth\nand\nsouth", long_team, "Billing" };
  double lane_y, lane_h;

  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    add_stage (session, i + 1, "Stage", teams[i], 1);
  layout = layout_for (session);
  assert_geometry (layout);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_HANDOFFS, &lane_y, &lane_h);

  for (guint i = 1; i < G_N_ELEMENTS (teams); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      PangoRectangle logical;

      g_assert_true (staple_map_layout_get_column (layout, i - 1)->handoff_after);
      g_assert_cmpint (pango_layout_get_line_count (column->handoff_label), ==, 1);
      pango_layout_get_extents (column->handoff_label, NULL, &logical);
      g_assert_cmpfloat ((double) logical.x / PANGO_SCALE, >=, -EPSILON);
      g_assert_cmpfloat ((double) (logical.x + logical.width) / PANGO_SCALE, <=,
                         column->column.width - 2 * 12 + EPSILON);
      /* Drawn a little below the lane's top, it ends above the lane's bottom. */
      g_assert_cmpfloat (layout_height (column->handoff_label), <=, lane_h / 2);
      g_assert_cmpint (pango_layout_get_line_count (column->subtitle), ==, 1);
    }
}

/* "Handed over from another team" shows on the map as the thick, named arrow a
 * change of team gets, even between stages of one team or with no team; a
 * stage with no team is no crossing by itself. */
static void
test_layout_handoff_mark (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  const char *teams[] = { "Support", "Support", "", "Billing", "Billing" };
  gboolean expected[][G_N_ELEMENTS (teams)] = {
    { FALSE, FALSE, FALSE, FALSE, FALSE },
    { FALSE, TRUE, FALSE, TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    add_stage (session, i + 1, "Stage", teams[i], 1);
  layout = layout_for (session);

  for (guint round = 0; round < G_N_ELEMENTS (expected); round++)
    {
      if (round == 1)
        {
          staple_stage_set_handoff (get_stage (session, 1), TRUE);
          staple_stage_set_handoff (get_stage (session, 3), TRUE);
        }
      staple_map_layout_update (layout);
      assert_geometry (layout);

      for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
        {
          const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
          const char *label = pango_layout_get_text (column->handoff_label);

          g_assert_cmpint (*label != '\0', ==, expected[round][i]);
          if (i > 0)
            g_assert_cmpint (staple_map_layout_get_column (layout, i - 1)->handoff_after, ==,
                             expected[round][i]);
        }
    }

  /* Within Support the label names no team; into Billing it does. */
  g_assert_null (strstr (pango_layout_get_text (staple_map_layout_get_column (layout, 1)
                                                ->handoff_label), "Support"));
  g_assert_nonnull (strstr (pango_layout_get_text (staple_map_layout_get_column (layout, 3)
                                                   ->handoff_label), "Billing"));
  /* Unticked again, Support to Billing past a stage with no team is no handoff. */
  staple_stage_set_handoff (get_stage (session, 3), FALSE);
  staple_map_layout_update (layout);
  g_assert_false (staple_map_layout_get_column (layout, 2)->handoff_after);
  g_assert_false (staple_map_layout_get_column (layout, 4)->handoff_after);
}

/* A stage's root causes take a few lines at most, however many principles its
 * friction points go against. */
static void
test_layout_causes_capped (void)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  StapleStage *many = add_stage (session, 1, "Every principle", "Sales", 0);
  StapleStage *one = add_stage (session, 2, "One principle", "Sales", 0);
  const StapleMapColumn *column;
  double lane_h, one_line;

  for (int p = STAPLE_PRINCIPLE_HIRE_FOR_THE_PERSON; p <= STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING;
       p++)
    staple_friction_set_principle (add_card (many, p, "Goes against a principle",
                                             STAPLE_FRICTION_KIND_POLICY), p);
  staple_friction_set_principle (add_card (one, 100, "Goes against one",
                                           STAPLE_FRICTION_KIND_POLICY),
                                 STAPLE_PRINCIPLE_FIX_THE_PRODUCT_FIRST);
  layout = layout_for (session);
  assert_geometry (layout);

  one_line = layout_height (staple_map_layout_get_column (layout, 1)->causes);
  g_assert_cmpint (pango_layout_get_line_count (staple_map_layout_get_column (layout, 1)->causes),
                   ==, 1);
  column = staple_map_layout_get_column (layout, 0);
  g_test_message ("causes: %d lines, %g high", pango_layout_get_line_count (column->causes),
                  layout_height (column->causes));
  g_assert_cmpint (pango_layout_get_line_count (column->causes), <=, 6);
  g_assert_true (pango_layout_is_ellipsized (column->causes));
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CAUSES, NULL, &lane_h);
  g_assert_cmpfloat (lane_h, <=, 6.5 * one_line + 2 * 10);
}

/* Determinism and incremental updates */

static void
assert_layouts_identical (StapleMapLayout *a,
                          StapleMapLayout *b)
{
  g_assert_cmpfloat (staple_map_layout_get_width (a), ==, staple_map_layout_get_width (b));
  g_assert_cmpfloat (staple_map_layout_get_height (a), ==, staple_map_layout_get_height (b));
  g_assert_cmpuint (staple_map_layout_get_n_columns (a), ==, staple_map_layout_get_n_columns (b));

  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      double ya, ha, yb, hb;

      staple_map_layout_get_lane (a, lane, &ya, &ha);
      staple_map_layout_get_lane (b, lane, &yb, &hb);
      g_assert_cmpfloat (ya, ==, yb);
      g_assert_cmpfloat (ha, ==, hb);
    }

  for (guint i = 0; i < staple_map_layout_get_n_columns (a); i++)
    {
      const StapleMapColumn *ca = staple_map_layout_get_column (a, i);
      const StapleMapColumn *cb = staple_map_layout_get_column (b, i);

      g_assert_cmpmem (&ca->column, sizeof ca->column, &cb->column, sizeof cb->column);
      g_assert_cmpmem (&ca->header, sizeof ca->header, &cb->header, sizeof cb->header);
      g_assert_cmpfloat (ca->customer_y, ==, cb->customer_y);
      g_assert_cmpfloat (ca->staff_y, ==, cb->staff_y);
      g_assert_cmpint (ca->handoff_after, ==, cb->handoff_after);
      g_assert_cmpuint (ca->cards->len, ==, cb->cards->len);
      for (guint j = 0; j < ca->cards->len; j++)
        {
          const StapleMapCard *ka = staple_map_layout_get_card (a, i, j);
          const StapleMapCard *kb = staple_map_layout_get_card (b, i, j);

          g_assert_cmpfloat (ka->rect.x, ==, kb->rect.x);
          g_assert_cmpfloat (ka->rect.y, ==, kb->rect.y);
          g_assert_cmpfloat (ka->rect.width, ==, kb->rect.width);
          g_assert_cmpfloat (ka->rect.height, ==, kb->rect.height);
          g_assert_cmpint (ka->truncated, ==, kb->truncated);
          g_assert_cmpint (pango_layout_get_line_count (ka->text), ==,
                           pango_layout_get_line_count (kb->text));
        }
    }
}

static void
test_layout_deterministic (void)
{
  g_autoptr(StapleSession) first = test_read_example ();
  g_autoptr(StapleSession) second = test_read_example ();
  g_autoptr(StapleMapLayout) a = layout_for (first);
  g_autoptr(StapleMapLayout) b = layout_for (first);
  g_autoptr(StapleMapLayout) c = layout_for (second);

  add_stage (first, 50, "Thirty cards", "Sales", 30);
  add_stage (second, 50, "Thirty cards", "Sales", 30);

  assert_layouts_identical (a, b);
  assert_layouts_identical (a, c);

  /* A layout that went through other scales comes back to the same numbers. */
  staple_map_layout_set_text_scale (b, 2.0);
  g_assert_cmpfloat (staple_map_layout_get_width (b), !=, staple_map_layout_get_width (a));
  staple_map_layout_set_text_scale (b, 1.0);
  assert_layouts_identical (a, b);
}

typedef struct
{
  cairo_rectangle_t rect;
  PangoLayout      *text;
} CardSnapshot;

static GArray *
snapshot_column (StapleMapLayout *layout,
                 guint            index)
{
  const StapleMapColumn *column = staple_map_layout_get_column (layout, index);
  GArray *snapshot = g_array_new (FALSE, FALSE, sizeof (CardSnapshot));

  for (guint j = 0; j < column->cards->len; j++)
    {
      const StapleMapCard *card = staple_map_layout_get_card (layout, index, j);
      CardSnapshot s = { card->rect, card->text };

      g_array_append_val (snapshot, s);
    }

  return snapshot;
}

static void
test_layout_incremental (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  GArray *before[3];
  GArray *after[3];
  cairo_rectangle_t columns[3];
  StapleStage *stage = get_stage (session, 2);
  guint serial = staple_map_layout_get_serial (layout);
  double delta;

  /* Nothing changed: nothing redone. */
  staple_map_layout_update (layout);
  g_assert_cmpuint (staple_map_layout_get_serial (layout), ==, serial);

  for (guint i = 0; i < 3; i++)
    {
      before[i] = snapshot_column (layout, i);
      columns[i] = staple_map_layout_get_column (layout, i)->column;
    }

  /* Card 2 of stage 3 (first stack: cards 0–5, second: 6–7) gets four lines. */
  staple_friction_set_text (get_friction (stage, 2),
                            "The engineer arrives without the part, because the order "
                            "never said which model the customer has, so a second visit "
                            "is booked for next week");
  staple_map_layout_update (layout);
  g_assert_cmpuint (staple_map_layout_get_serial (layout), !=, serial);
  for (guint i = 0; i < 3; i++)
    after[i] = snapshot_column (layout, i);

  /* Columns keep their places (the cards lane may grow); the other columns'
   * cards are untouched and their text not measured again. */
  for (guint i = 0; i < 3; i++)
    {
      const cairo_rectangle_t *now = &staple_map_layout_get_column (layout, i)->column;

      g_assert_cmpfloat (now->x, ==, columns[i].x);
      g_assert_cmpfloat (now->y, ==, columns[i].y);
      g_assert_cmpfloat (now->width, ==, columns[i].width);
    }
  for (guint i = 0; i < 2; i++)
    g_assert_cmpmem (before[i]->data, before[i]->len * sizeof (CardSnapshot),
                     after[i]->data, after[i]->len * sizeof (CardSnapshot));

  /* The card above: untouched. The card itself: taller, in the same place. */
  for (guint j = 0; j < 2; j++)
    g_assert_cmpmem (&g_array_index (before[2], CardSnapshot, j), sizeof (CardSnapshot),
                     &g_array_index (after[2], CardSnapshot, j), sizeof (CardSnapshot));

  delta = g_array_index (after[2], CardSnapshot, 2).rect.height -
          g_array_index (before[2], CardSnapshot, 2).rect.height;
  g_assert_cmpfloat (delta, >, 0);
  g_assert_cmpfloat (g_array_index (after[2], CardSnapshot, 2).rect.x, ==,
                     g_array_index (before[2], CardSnapshot, 2).rect.x);
  g_assert_cmpfloat (g_array_index (after[2], CardSnapshot, 2).rect.y, ==,
                     g_array_index (before[2], CardSnapshot, 2).rect.y);
  g_assert_cmpstr (pango_layout_get_text (g_array_index (after[2], CardSnapshot, 2).text),
                   ==, staple_friction_get_text (get_friction (stage, 2)));

  /* The cards below it in its stack move down by as much, and keep their text. */
  for (guint j = 3; j < 6; j++)
    {
      CardSnapshot *b = &g_array_index (before[2], CardSnapshot, j);
      CardSnapshot *a = &g_array_index (after[2], CardSnapshot, j);

      g_assert_cmpfloat (a->rect.x, ==, b->rect.x);
      g_assert_cmpfloat (a->rect.width, ==, b->rect.width);
      g_assert_cmpfloat (a->rect.height, ==, b->rect.height);
      g_assert_cmpfloat (fabs (a->rect.y - (b->rect.y + delta)), <, EPSILON);
      g_assert_true (a->text == b->text);
    }

  /* The next stack: untouched. */
  for (guint j = 6; j < 8; j++)
    g_assert_cmpmem (&g_array_index (before[2], CardSnapshot, j), sizeof (CardSnapshot),
                     &g_array_index (after[2], CardSnapshot, j), sizeof (CardSnapshot));

  assert_geometry (layout);

  for (guint i = 0; i < 3; i++)
    {
      g_array_unref (before[i]);
      g_array_unref (after[i]);
    }
}

static void
count_cb (StapleMapLayout *layout,
          guint           *count)
{
  (*count)++;
}

static void
test_layout_changed_signal (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  StapleStage *stage = get_stage (session, 0);
  StapleFriction *friction = get_friction (stage, 1);
  StapleFriction *added;
  guint count = 0;
  guint serial = staple_map_layout_get_serial (layout);
  g_autofree char *label = NULL;
  double customer_y;

  g_signal_connect (layout, "changed", G_CALLBACK (count_cb), &count);

#define ASSERT_CHANGED()                                                  \
  G_STMT_START {                                                          \
    guint serial_now;                                                     \
    g_assert_cmpuint (count, >=, 1);                                      \
    count = 0;                                                            \
    serial_now = staple_map_layout_get_serial (layout);                   \
    g_assert_cmpuint (serial_now, !=, serial);                            \
    serial = serial_now;                                                  \
    assert_geometry (layout);                                             \
  } G_STMT_END

  /* Text */
  staple_friction_set_text (friction, "Changed");
  ASSERT_CHANGED ();
  g_assert_cmpstr (pango_layout_get_text (staple_map_layout_get_card (layout, 0, 1)->text), ==,
                   "Changed");

  /* Setting the same again is no change. */
  staple_friction_set_text (friction, "Changed");
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpuint (staple_map_layout_get_serial (layout), ==, serial);

  /* Kind */
  label = g_strdup (pango_layout_get_text (staple_map_layout_get_card (layout, 0, 1)->label));
  staple_friction_set_kind (friction, STAPLE_FRICTION_KIND_TRUST);
  ASSERT_CHANGED ();
  g_assert_cmpstr (pango_layout_get_text (staple_map_layout_get_card (layout, 0, 1)->label),
                   !=, label);

  /* Severity */
  staple_friction_set_severity (friction, 5);
  ASSERT_CHANGED ();

  /* Votes added */
  add_vote (session, staple_friction_get_id (friction));
  ASSERT_CHANGED ();
  g_assert_cmpuint (staple_map_layout_get_card (layout, 0, 1)->n_votes, ==, 1);
  add_vote (session, staple_friction_get_id (friction));
  ASSERT_CHANGED ();
  g_assert_cmpuint (staple_map_layout_get_card (layout, 0, 1)->n_votes, ==, 2);

  /* Stage renamed */
  staple_stage_set_name (stage, "Renamed");
  ASSERT_CHANGED ();
  g_assert_cmpstr (pango_layout_get_text (staple_map_layout_get_column (layout, 0)->title), ==,
                   "Renamed");

  /* Feeling */
  customer_y = staple_map_layout_get_column (layout, 0)->customer_y;
  staple_stage_set_customer_feeling (stage, staple_stage_get_customer_feeling (stage) > 0
                                            ? -2 : 2);
  ASSERT_CHANGED ();
  g_assert_cmpfloat (staple_map_layout_get_column (layout, 0)->customer_y, !=, customer_y);

  /* A card appended, then edited: the new card is watched too. */
  added = add_card (stage, 777, "Appended", STAPLE_FRICTION_KIND_POLICY);
  ASSERT_CHANGED ();
  g_assert_cmpuint (staple_map_layout_get_column (layout, 0)->cards->len, ==, 4);
  g_assert_true (staple_map_layout_get_card (layout, 0, 3)->friction == added);
  staple_friction_set_text (added, "Appended and edited");
  ASSERT_CHANGED ();
  g_assert_cmpstr (pango_layout_get_text (staple_map_layout_get_card (layout, 0, 3)->text), ==,
                   "Appended and edited");

  /* A card removed */
  g_list_store_remove (staple_stage_get_frictions (stage), 0);
  ASSERT_CHANGED ();
  g_assert_cmpuint (staple_map_layout_get_column (layout, 0)->cards->len, ==, 3);

  /* A stage moved: first to last. */
  {
    GListStore *stages = staple_session_get_stages (session);
    g_autoptr(StapleStage) moved = g_object_ref (stage);

    g_list_store_remove (stages, 0);
    g_list_store_append (stages, moved);
    ASSERT_CHANGED ();
    g_assert_true (staple_map_layout_get_column (layout, 2)->stage == moved);
    g_assert_cmpstr (pango_layout_get_text (staple_map_layout_get_column (layout, 2)->title),
                     ==, "Renamed");
    /* The moved stage is still watched. */
    staple_stage_set_name (moved, "Moved");
    ASSERT_CHANGED ();
    g_assert_cmpstr (pango_layout_get_text (staple_map_layout_get_column (layout, 2)->title),
                     ==, "Moved");
  }

  /* A stage added */
  add_stage (session, 9, "Added", "Elsewhere", 2);
  ASSERT_CHANGED ();
  g_assert_cmpuint (staple_map_layout_get_n_columns (layout), ==, 4);

  /* The text scale */
  staple_map_layout_set_text_scale (layout, 1.25);
  ASSERT_CHANGED ();

#undef ASSERT_CHANGED
}

static void
test_layout_replace_session (void)
{
  g_autoptr(StapleSession) first = make_small_session ();
  g_autoptr(StapleSession) second = test_read_example ();
  g_autoptr(StapleMapLayout) layout = layout_for (first);
  g_autoptr(StapleMapLayout) fresh = layout_for (second);
  guint count = 0;

  g_signal_connect (layout, "changed", G_CALLBACK (count_cb), &count);
  staple_map_layout_set_session (layout, second);
  g_assert_cmpuint (count, >=, 1);
  g_assert_true (staple_map_layout_get_session (layout) == second);
  assert_geometry (layout);
  assert_layouts_identical (layout, fresh);

  /* The old session is no longer followed; the new one is. */
  count = 0;
  staple_friction_set_text (get_friction (get_stage (first, 0), 0), "Old session");
  staple_stage_set_name (get_stage (first, 0), "Old session");
  add_stage (first, 42, "Old session", "Sales", 1);
  g_assert_cmpuint (count, ==, 0);

  staple_friction_set_text (get_friction (get_stage (second, 0), 0), "New session");
  g_assert_cmpuint (count, >=, 1);
  g_assert_cmpstr (pango_layout_get_text (staple_map_layout_get_card (layout, 0, 0)->text), ==,
                   "New session");

  /* And no session at all. */
  staple_map_layout_set_session (layout, NULL);
  g_assert_null (staple_map_layout_get_session (layout));
  g_assert_cmpuint (staple_map_layout_get_n_columns (layout), ==, 0);
  count = 0;
  staple_friction_set_text (get_friction (get_stage (second, 0), 0), "Not followed");
  g_assert_cmpuint (count, ==, 0);
}

static void
test_layout_remove_card (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  StapleStage *stage = get_stage (session, 2);
  StapleFriction *removed = get_friction (stage, 4);
  gpointer weak = removed;

  g_object_add_weak_pointer (G_OBJECT (removed), &weak);
  g_list_store_remove (staple_stage_get_frictions (stage), 4);
  staple_map_layout_update (layout);

  g_assert_cmpuint (staple_map_layout_get_column (layout, 2)->cards->len, ==, 7);
  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    for (guint j = 0; j < staple_map_layout_get_column (layout, i)->cards->len; j++)
      g_assert_true (staple_map_layout_get_card (layout, i, j)->friction != weak);
  assert_geometry (layout);

  /* Nothing of the layout keeps the removed card alive. */
  g_assert_null (weak);

  /* A stage removed: its column goes. */
  g_list_store_remove (staple_session_get_stages (session), 0);
  g_assert_cmpuint (staple_map_layout_get_n_columns (layout), ==, 2);
  assert_geometry (layout);
}

/* Every box where a layout made from scratch puts it. */
static void
assert_same_as_fresh (StapleMapLayout *layout,
                      StapleSession   *session)
{
  g_autoptr(StapleMapLayout) fresh = layout_for (session);

  g_assert_cmpuint (staple_map_layout_get_n_columns (layout), ==,
                    staple_map_layout_get_n_columns (fresh));
  g_assert_cmpfloat_with_epsilon (staple_map_layout_get_width (layout),
                                  staple_map_layout_get_width (fresh), 1e-9);
  g_assert_cmpfloat_with_epsilon (staple_map_layout_get_height (layout),
                                  staple_map_layout_get_height (fresh), 1e-9);
  for (guint i = 0; i < staple_map_layout_get_n_columns (fresh); i++)
    {
      const StapleMapColumn *ours = staple_map_layout_get_column (layout, i);
      const StapleMapColumn *theirs = staple_map_layout_get_column (fresh, i);

      g_assert_true (ours->stage == theirs->stage);
      g_assert_cmpfloat_with_epsilon (ours->column.x, theirs->column.x, 1e-9);
      g_assert_cmpfloat_with_epsilon (ours->column.width, theirs->column.width, 1e-9);
      g_assert_cmpfloat_with_epsilon (ours->column.height, theirs->column.height, 1e-9);
      g_assert_cmpstr (pango_layout_get_text (ours->causes), ==,
                       pango_layout_get_text (theirs->causes));
      g_assert_cmpuint (ours->cards->len, ==, theirs->cards->len);
      for (guint j = 0; j < theirs->cards->len; j++)
        {
          const StapleMapCard *a = staple_map_layout_get_card (layout, i, j);
          const StapleMapCard *b = staple_map_layout_get_card (fresh, i, j);

          g_assert_true (a->friction == b->friction);
          g_assert_cmpfloat_with_epsilon (a->rect.x, b->rect.x, 1e-9);
          g_assert_cmpfloat_with_epsilon (a->rect.y, b->rect.y, 1e-9);
          g_assert_cmpfloat_with_epsilon (a->rect.height, b->rect.height, 1e-9);
          g_assert_cmpstr (pango_layout_get_text (a->text), ==, pango_layout_get_text (b->text));
          g_assert_cmpuint (a->n_votes, ==, b->n_votes);
        }
    }
}

/* Cards added, moved between stages and removed, as the editor does it
 * (the list changed, then every card of the stage renumbered): only those
 * stages' columns are measured again, and the map is the one a fresh
 * layout draws; renumbering alone changes nothing on it. */
static void
test_layout_card_edits_match_fresh (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  StapleStage *first = get_stage (session, 0);
  StapleStage *empty = get_stage (session, 1);
  StapleStage *last = get_stage (session, 2);
  g_autoptr(StapleFriction) moved = g_object_ref (get_friction (first, 0));
  g_autoptr(StapleFriction) added = staple_friction_new ();
  StapleFriction *removed;
  gpointer weak;
  guint count = 0;

  g_signal_connect (layout, "changed", G_CALLBACK (count_cb), &count);

  /* Into the empty stage: its column grows a card, every later one moves. */
  staple_friction_set_text (added, "A card long enough to wrap onto a second and a third line "
                            "of the card, which makes its stack taller than before");
  g_list_store_append (staple_stage_get_frictions (empty), added);
  staple_map_layout_update (layout);
  assert_same_as_fresh (layout, session);

  /* From the first stage to the last one's second place. */
  g_list_store_remove (staple_stage_get_frictions (first), 0);
  g_list_store_insert (staple_stage_get_frictions (last), 1, moved);
  count = 0;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (last)));
       i++)
    staple_friction_set_position (get_friction (last, i), (int) i);
  staple_friction_set_id (moved, 7777);
  g_assert_cmpuint (count, <=, 1);
  staple_map_layout_update (layout);
  assert_same_as_fresh (layout, session);
  g_assert_true (staple_map_layout_get_card (layout, 2, 1)->friction == moved);

  /* Removed: its column closes up, and nothing keeps the card alive. */
  removed = get_friction (last, 5);
  weak = removed;
  g_object_add_weak_pointer (G_OBJECT (removed), &weak);
  g_list_store_remove (staple_stage_get_frictions (last), 5);
  staple_map_layout_update (layout);
  assert_same_as_fresh (layout, session);
  g_assert_null (weak);

  /* And the text of a card moved edits it where it is now. */
  count = 0;
  staple_friction_set_text (moved, "Moved and changed");
  g_assert_cmpuint (count, ==, 1);
  staple_map_layout_update (layout);
  g_assert_cmpstr (pango_layout_get_text (staple_map_layout_get_card (layout, 2, 1)->text), ==,
                   "Moved and changed");
  assert_same_as_fresh (layout, session);
}

static void
test_layout_outlives_nothing (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  StapleMapLayout *layout = layout_for (session);
  gpointer weak = layout;

  g_object_add_weak_pointer (G_OBJECT (layout), &weak);
  g_object_unref (layout);
  g_assert_null (weak);

  /* Editing the model after the layout is gone reaches no handler of it. */
  staple_friction_set_text (get_friction (get_stage (session, 0), 0), "After");
  staple_stage_set_name (get_stage (session, 0), "After");
  add_vote (session, 1001);
  add_stage (session, 9, "After", "Sales", 1);
}

/* Hit-testing */

static void
assert_hit (StapleMapLayout  *layout,
            double            x,
            double            y,
            StapleMapHitKind  kind,
            guint             stage,
            guint             card)
{
  StapleMapHit hit = { 99, 99, 99 };
  gboolean found = staple_map_layout_hit_test (layout, x, y, &hit);

  if (hit.kind != kind || found != (kind != STAPLE_MAP_HIT_NONE) ||
      (kind != STAPLE_MAP_HIT_NONE && hit.stage != stage) ||
      ((kind == STAPLE_MAP_HIT_CARD || kind == STAPLE_MAP_HIT_CARD_LANE) && hit.card != card))
    g_error ("at (%g, %g): expected kind %d stage %u card %u, got %s kind %d stage %u card %u",
             x, y, kind, stage, card, found ? "TRUE" : "FALSE", hit.kind, hit.stage, hit.card);
}

static void
test_hit_stage (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      const cairo_rectangle_t *h = &column->header;

      assert_hit (layout, h->x + h->width / 2, h->y + h->height / 2, STAPLE_MAP_HIT_STAGE, i, 0);
      assert_hit (layout, h->x + 1, h->y + 1, STAPLE_MAP_HIT_STAGE, i, 0);
      assert_hit (layout, h->x + h->width - 1, h->y + h->height - 1, STAPLE_MAP_HIT_STAGE, i, 0);
    }
}

static void
test_hit_card (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);

  add_stage (session, 50, "Thirty cards", "Sales", 30);

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      for (guint j = 0; j < column->cards->len; j++)
        {
          const cairo_rectangle_t *r = &staple_map_layout_get_card (layout, i, j)->rect;

          assert_hit (layout, r->x + r->width / 2, r->y + r->height / 2,
                      STAPLE_MAP_HIT_CARD, i, j);
          assert_hit (layout, r->x + 0.5, r->y + 0.5, STAPLE_MAP_HIT_CARD, i, j);
          assert_hit (layout, r->x + r->width - 0.5, r->y + r->height - 0.5,
                      STAPLE_MAP_HIT_CARD, i, j);
        }
    }
}

static void
test_hit_card_lane (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = NULL;
  const StapleMapColumn *column;
  const StapleMapCard *first, *second, *last;
  double lane_y, lane_h, bottom;

  add_stage (session, 4, "Seven", "Sales", 7);
  layout = layout_for (session);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CARDS, &lane_y, &lane_h);
  bottom = lane_y + lane_h - 2;

  /* Stage 1: three cards, one stack; the tallest stack is stage 3's six. */
  column = staple_map_layout_get_column (layout, 0);
  first = staple_map_layout_get_card (layout, 0, 0);
  second = staple_map_layout_get_card (layout, 0, 1);
  last = staple_map_layout_get_card (layout, 0, 2);
  g_assert_cmpfloat (last->rect.y + last->rect.height, <, bottom);
  assert_hit (layout, first->rect.x + first->rect.width / 2, bottom,
              STAPLE_MAP_HIT_CARD_LANE, 0, 3);
  assert_hit (layout, first->rect.x + first->rect.width / 2,
              last->rect.y + last->rect.height + 2, STAPLE_MAP_HIT_CARD_LANE, 0, 3);
  /* Above the first card, and in the gap between the first two. */
  g_assert_cmpfloat (first->rect.y, >, lane_y + 1);
  assert_hit (layout, first->rect.x + first->rect.width / 2, lane_y + 1,
              STAPLE_MAP_HIT_CARD_LANE, 0, 0);
  assert_hit (layout, first->rect.x + first->rect.width / 2,
              (first->rect.y + first->rect.height + second->rect.y) / 2,
              STAPLE_MAP_HIT_CARD_LANE, 0, 1);
  /* Right of the cards, in the column's padding. */
  assert_hit (layout, column->column.x + column->column.width - 1, bottom,
              STAPLE_MAP_HIT_CARD_LANE, 0, 3);

  /* Stage 2: no cards at all. */
  column = staple_map_layout_get_column (layout, 1);
  assert_hit (layout, column->column.x + column->column.width / 2, lane_y + lane_h / 2,
              STAPLE_MAP_HIT_CARD_LANE, 1, 0);
  assert_hit (layout, column->column.x + column->column.width / 2, lane_y + 1,
              STAPLE_MAP_HIT_CARD_LANE, 1, 0);

  /* Stage 4: seven cards, two stacks; below the first stack goes to its end, below
   * the second after the last card. */
  first = staple_map_layout_get_card (layout, 3, 0);
  last = staple_map_layout_get_card (layout, 3, 6);
  assert_hit (layout, last->rect.x + last->rect.width / 2, bottom,
              STAPLE_MAP_HIT_CARD_LANE, 3, 7);
  assert_hit (layout, last->rect.x + last->rect.width / 2, last->rect.y + last->rect.height + 2,
              STAPLE_MAP_HIT_CARD_LANE, 3, 7);
  assert_hit (layout, first->rect.x + first->rect.width / 2, bottom,
              STAPLE_MAP_HIT_CARD_LANE, 3, 6);
}

static void
test_hit_points (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = NULL;
  double customer_y, customer_h, staff_y, staff_h;

  add_stage (session, 4, "Four", "Sales", 1);
  add_stage (session, 5, "Five", "Sales", 1);
  layout = layout_for (session);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CUSTOMER, &customer_y, &customer_h);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_STAFF, &staff_y, &staff_h);

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      double cx = column->column.x + column->column.width / 2;

      g_assert_cmpfloat (column->customer_y, ==,
                         staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_CUSTOMER,
                                                         staple_stage_get_customer_feeling (column->stage)));
      g_assert_cmpfloat (column->staff_y, ==,
                         staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_STAFF,
                                                         staple_stage_get_staff_feeling (column->stage)));

      assert_hit (layout, cx, column->customer_y, STAPLE_MAP_HIT_CUSTOMER_POINT, i, 0);
      assert_hit (layout, cx + 4, column->customer_y - 4, STAPLE_MAP_HIT_CUSTOMER_POINT, i, 0);
      assert_hit (layout, cx, column->staff_y, STAPLE_MAP_HIT_STAFF_POINT, i, 0);
      assert_hit (layout, cx - 4, column->staff_y + 4, STAPLE_MAP_HIT_STAFF_POINT, i, 0);

      /* Away from the point, the curve lanes belong to the stage. */
      assert_hit (layout, column->column.x + 2, column->customer_y, STAPLE_MAP_HIT_STAGE, i, 0);
      assert_hit (layout, column->column.x + 2, column->staff_y, STAPLE_MAP_HIT_STAGE, i, 0);
      assert_hit (layout, cx, column->customer_y < customer_y + customer_h / 2
                              ? customer_y + customer_h - 1 : customer_y + 1,
                  STAPLE_MAP_HIT_STAGE, i, 0);
    }

  /* Each stage's point is its own, even at the same height as another's. */
  g_assert_cmpfloat (staple_map_layout_get_column (layout, 0)->customer_y, !=,
                     staple_map_layout_get_column (layout, 1)->customer_y);
}

static void
test_hit_handoff (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  guint n = staple_map_layout_get_n_columns (layout);
  double lane_y, lane_h, y;

  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_HANDOFFS, &lane_y, &lane_h);
  y = lane_y + lane_h / 2;

  for (guint i = 0; i + 1 < n; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      const StapleMapColumn *next = staple_map_layout_get_column (layout, i + 1);
      double gap = (column->column.x + column->column.width + next->column.x) / 2;

      /* The arrow into the next stage starts at this one's middle, crosses
       * the gap and ends at the next one's middle: the next stage holds its
       * mark, so a click on it selects that stage. */
      assert_hit (layout, column->column.x + column->column.width / 2, y,
                  STAPLE_MAP_HIT_HANDOFF, i + 1, 0);
      assert_hit (layout, column->column.x + column->column.width - 1, lane_y + 1,
                  STAPLE_MAP_HIT_HANDOFF, i + 1, 0);
      assert_hit (layout, gap, y, STAPLE_MAP_HIT_HANDOFF, i + 1, 0);
      assert_hit (layout, next->column.x + 1, y, STAPLE_MAP_HIT_HANDOFF, i + 1, 0);
      /* Not the gap above or below the handoff lane. */
      assert_hit (layout, gap, lane_y - 5, STAPLE_MAP_HIT_NONE, 0, 0);
      assert_hit (layout, gap, lane_y + lane_h + 5, STAPLE_MAP_HIT_NONE, 0, 0);
    }

  /* No arrow comes into the first stage, none goes out of the last. */
  {
    const StapleMapColumn *first = staple_map_layout_get_column (layout, 0);

    assert_hit (layout, first->column.x + 1, y, STAPLE_MAP_HIT_STAGE, 0, 0);
  }
  /* The last stage hands off to nobody. */
  {
    const StapleMapColumn *last = staple_map_layout_get_column (layout, n - 1);

    assert_hit (layout, last->column.x + last->column.width / 2, y, STAPLE_MAP_HIT_STAGE,
                n - 1, 0);
    assert_hit (layout, last->column.x + last->column.width + 10, y, STAPLE_MAP_HIT_NONE, 0, 0);
  }

  /* Stage 1 → 2 and 2 → 3 cross teams. */
  g_assert_true (staple_map_layout_get_column (layout, 0)->handoff_after);
  g_assert_true (staple_map_layout_get_column (layout, 1)->handoff_after);
  g_assert_false (staple_map_layout_get_column (layout, 2)->handoff_after);
  staple_stage_set_team (get_stage (session, 1), "Customer service");
  g_assert_false (staple_map_layout_get_column (layout, 0)->handoff_after);
  g_assert_true (staple_map_layout_get_column (layout, 1)->handoff_after);
}

static void
test_hit_causes (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = NULL;
  double lane_y, lane_h;

  staple_friction_set_principle (get_friction (get_stage (session, 0), 0),
                                 STAPLE_PRINCIPLE_FIX_THE_PRODUCT_FIRST);
  layout = layout_for (session);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CAUSES, &lane_y, &lane_h);

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      assert_hit (layout, column->column.x + column->column.width / 2, lane_y + lane_h / 2,
                  STAPLE_MAP_HIT_CAUSES, i, 0);
      assert_hit (layout, column->column.x + 1, lane_y + 1, STAPLE_MAP_HIT_CAUSES, i, 0);
      assert_hit (layout, column->column.x + column->column.width - 1, lane_y + lane_h - 1,
                  STAPLE_MAP_HIT_CAUSES, i, 0);
    }
  g_assert_cmpint (pango_layout_get_character_count (staple_map_layout_get_column (layout,
                                                                                   0)->causes),
                   >, 0);
}

static void
test_hit_none (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  double width = staple_map_layout_get_width (layout);
  double height = staple_map_layout_get_height (layout);
  const StapleMapColumn *first = staple_map_layout_get_column (layout, 0);
  const StapleMapColumn *last = staple_map_layout_get_column (layout, 2);
  double cards_y, cards_h;

  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CARDS, &cards_y, &cards_h);

  /* The margins, the lane names on the left, and past either end. */
  assert_hit (layout, 1, 1, STAPLE_MAP_HIT_NONE, 0, 0);
  assert_hit (layout, width - 1, height - 1, STAPLE_MAP_HIT_NONE, 0, 0);
  assert_hit (layout, first->column.x + first->column.width / 2, first->column.y - 1,
              STAPLE_MAP_HIT_NONE, 0, 0);
  assert_hit (layout, first->column.x + first->column.width / 2,
              first->column.y + first->column.height + 1, STAPLE_MAP_HIT_NONE, 0, 0);
  assert_hit (layout, first->column.x - 1, cards_y + cards_h / 2, STAPLE_MAP_HIT_NONE, 0, 0);
  assert_hit (layout, 10, cards_y + cards_h / 2, STAPLE_MAP_HIT_NONE, 0, 0);
  assert_hit (layout, last->column.x + last->column.width + 1, cards_y + cards_h / 2,
              STAPLE_MAP_HIT_NONE, 0, 0);
  assert_hit (layout, width + 100, cards_y, STAPLE_MAP_HIT_NONE, 0, 0);
  assert_hit (layout, -100, -100, STAPLE_MAP_HIT_NONE, 0, 0);
  /* Between two columns, in the cards lane. */
  assert_hit (layout, first->column.x + first->column.width + 1, cards_y + cards_h / 2,
              STAPLE_MAP_HIT_NONE, 0, 0);
}

/* Feelings */

static void
test_feeling_round_trip (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  StapleMapLane lanes[] = { STAPLE_MAP_LANE_CUSTOMER, STAPLE_MAP_LANE_STAFF };

  for (guint k = 0; k < G_N_ELEMENTS (lanes); k++)
    {
      double lane_y, lane_h, step;

      staple_map_layout_get_lane (layout, lanes[k], &lane_y, &lane_h);
      step = staple_map_layout_feeling_to_y (layout, lanes[k], 1) -
             staple_map_layout_feeling_to_y (layout, lanes[k], 2);
      g_assert_cmpfloat (step, >, 4);

      for (int feeling = STAPLE_FEELING_MIN; feeling <= STAPLE_FEELING_MAX; feeling++)
        {
          double y = staple_map_layout_feeling_to_y (layout, lanes[k], feeling);

          g_assert_cmpfloat (y, >, lane_y);
          g_assert_cmpfloat (y, <, lane_y + lane_h);
          g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], y), ==, feeling);
          /* The nearest feeling wins. */
          g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], y + 0.4 * step), ==,
                           feeling);
          g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], y - 0.4 * step), ==,
                           feeling);
          if (feeling > STAPLE_FEELING_MIN)
            {
              /* Higher feelings sit higher, evenly spaced. */
              double below = staple_map_layout_feeling_to_y (layout, lanes[k], feeling - 1);

              g_assert_cmpfloat (fabs (below - y - step), <, EPSILON);
              g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k],
                                                               y + 0.6 * step), ==, feeling - 1);
            }
        }
    }
}

static void
test_feeling_clamp (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  StapleMapLane lanes[] = { STAPLE_MAP_LANE_CUSTOMER, STAPLE_MAP_LANE_STAFF };

  for (guint k = 0; k < G_N_ELEMENTS (lanes); k++)
    {
      double lane_y, lane_h;

      staple_map_layout_get_lane (layout, lanes[k], &lane_y, &lane_h);
      g_assert_cmpfloat (staple_map_layout_feeling_to_y (layout, lanes[k], 3), ==,
                         staple_map_layout_feeling_to_y (layout, lanes[k], 2));
      g_assert_cmpfloat (staple_map_layout_feeling_to_y (layout, lanes[k], 1000), ==,
                         staple_map_layout_feeling_to_y (layout, lanes[k], 2));
      g_assert_cmpfloat (staple_map_layout_feeling_to_y (layout, lanes[k], -3), ==,
                         staple_map_layout_feeling_to_y (layout, lanes[k], -2));
      g_assert_cmpfloat (staple_map_layout_feeling_to_y (layout, lanes[k], G_MININT), ==,
                         staple_map_layout_feeling_to_y (layout, lanes[k], -2));

      g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], lane_y), ==, 2);
      g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], lane_y - 500), ==, 2);
      g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], -1e9), ==, 2);
      g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], lane_y + lane_h), ==, -2);
      g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], lane_y + lane_h + 500),
                       ==, -2);
      g_assert_cmpint (staple_map_layout_y_to_feeling (layout, lanes[k], 1e9), ==, -2);
    }
}

/* Asked before anything else after a change, the feelings' heights are
 * those of the current geometry, as every other getter's are. */
static void
test_feeling_before_update (void)
{
  g_autoptr(StapleSession) session = make_small_session ();
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  g_autoptr(StapleMapLayout) reference = layout_for (session);
  double y, expected;
  int feeling;

  staple_map_layout_set_session (layout, session);
  y = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_CUSTOMER, 1);
  expected = staple_map_layout_feeling_to_y (reference, STAPLE_MAP_LANE_CUSTOMER, 1);
  g_assert_cmpfloat (y, ==, expected);

  g_clear_object (&layout);
  layout = staple_map_layout_new ();
  staple_map_layout_set_session (layout, session);
  feeling = staple_map_layout_y_to_feeling (layout, STAPLE_MAP_LANE_STAFF,
                                            staple_map_layout_feeling_to_y (reference,
                                                                            STAPLE_MAP_LANE_STAFF,
                                                                            -2));
  g_assert_cmpint (feeling, ==, -2);

  /* A taller header moves the curve lanes down. */
  staple_map_layout_update (layout);
  expected = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_CUSTOMER, 1);
  staple_stage_set_name (get_stage (session, 0),
                         "A stage whose name is long enough to take two lines of the header");
  staple_map_layout_update (reference);
  g_assert_cmpfloat (staple_map_layout_feeling_to_y (reference, STAPLE_MAP_LANE_CUSTOMER, 1),
                     >, expected);
  y = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_CUSTOMER, 1);
  g_assert_cmpfloat (y, ==, staple_map_layout_feeling_to_y (reference, STAPLE_MAP_LANE_CUSTOMER, 1));
}

/* Rendering */

static cairo_surface_t *
render (StapleMapLayout              *layout,
        const StapleMapRenderOptions *options,
        double                        scale)
{
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                (int) ceil (staple_map_layout_get_width (layout) * scale),
                                (int) ceil (staple_map_layout_get_height (layout) * scale));
  cairo_t *cr = cairo_create (surface);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_scale (cr, scale, scale);
  staple_map_render (layout, cr, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
test_render_cards (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  g_autoptr(cairo_surface_t) surface = NULL;
  StapleMapRenderOptions options;
  double paper[3], column_bg[3];
  double cards_y, cards_h;
  guint n_cards = 0;

  staple_map_render_options_init (&options);
  surface = render (layout, &options, 1.0);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CARDS, &cards_y, &cards_h);

  /* The paper in the margin, a column's own background below its cards. */
  test_pixel_rgb (surface, 2, 2, paper);
  g_assert_cmpfloat (test_luma (paper), >, 0.9);
  {
    const StapleMapColumn *column = staple_map_layout_get_column (layout, 0);

    test_pixel_rgb (surface, column->column.x + column->column.width - 4, cards_y + cards_h - 3,
                    column_bg);
    g_assert_cmpfloat (test_luma (column_bg), >, 0.9);
  }

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = staple_map_layout_get_card (layout, i, j);
          const cairo_rectangle_t *r = &card->rect;
          double stripe[3], centre[3], kind_rgb[3];
          double text_h = layout_height (card->text);
          guint dark;

          g_assert_cmpstr (staple_friction_get_text (card->friction), !=, "");

          /* The kind's stripe down the left edge. */
          test_pixel_rgb (surface, r->x + 2, r->y + r->height / 2, stripe);
          staple_map_render_kind_color (staple_friction_get_kind (card->friction), FALSE,
                                        kind_rgb);
          g_assert_cmpfloat (test_rgb_distance (stripe, kind_rgb), <, 0.02);
          g_assert_cmpfloat (test_rgb_distance (stripe, paper), >, 0.1);

          /* The card's tint or text at its centre, unlike the paper and the column. */
          test_pixel_rgb (surface, r->x + r->width / 2, r->y + r->height / 2, centre);
          g_assert_cmpfloat (test_rgb_distance (centre, paper), >, 0.03);
          g_assert_cmpfloat (test_rgb_distance (centre, column_bg), >, 0.03);

          /* Text in the text colour (luma 0.13; the dim grey of labels is 0.36) in the
           * text's area: below the label, inside the paddings. */
          dark = test_count_pixels (surface, r->x + 10, r->y + r->height - 8 - text_h,
                                    r->width - 18, text_h, TRUE, 0.25);
          g_assert_cmpuint (dark, >=, 20);
          n_cards++;
        }
    }
  g_assert_cmpuint (n_cards, >, 10);
}

static void
test_render_far (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  g_autoptr(cairo_surface_t) surface = NULL;
  StapleMapRenderOptions options;
  double paper[3];

  staple_map_render_options_init (&options);
  options.zoom = 0.1;
  surface = render (layout, &options, 0.1);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==,
                   (int) ceil (staple_map_layout_get_width (layout) * 0.1));
  test_pixel_rgb (surface, 0, 0, paper);

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      double white[3] = { 1, 1, 1 };

      for (guint j = 0; j < column->cards->len; j++)
        {
          const cairo_rectangle_t *r = &staple_map_layout_get_card (layout, i, j)->rect;
          double tint[3];

          /* A device pixel wholly inside the card, right of its middle. */
          test_pixel_rgb (surface, (r->x + r->width * 0.75) * 0.1,
                          (r->y + r->height * 0.3) * 0.1, tint);
          g_assert_cmpfloat (test_rgb_distance (tint, paper), >, 0.03);
          g_assert_cmpfloat (test_rgb_distance (tint, white), >, 0.03);
        }
    }
}

static void
test_render_clip (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  g_autoptr(cairo_surface_t) surface = NULL;
  StapleMapRenderOptions options;
  guint n = staple_map_layout_get_n_columns (layout);
  const StapleMapColumn *first = staple_map_layout_get_column (layout, 0);
  const StapleMapColumn *last = staple_map_layout_get_column (layout, n - 1);
  double paper[3];

  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (last->cards->len, >, 0);

  staple_map_render_options_init (&options);
  options.clip_to_visible = TRUE;
  options.visible = first->column;
  surface = render (layout, &options, 1.0);
  test_pixel_rgb (surface, 2, 2, paper);

  /* The first column's cards are drawn... */
  for (guint j = 0; j < first->cards->len; j++)
    {
      const cairo_rectangle_t *r = &staple_map_layout_get_card (layout, 0, j)->rect;
      double rgb[3];

      test_pixel_rgb (surface, r->x + 2, r->y + r->height / 2, rgb);
      g_assert_cmpfloat (test_rgb_distance (rgb, paper), >, 0.1);
    }

  /* ...the last column's are not: the paper shows there. */
  for (guint j = 0; j < last->cards->len; j++)
    {
      const cairo_rectangle_t *r = &staple_map_layout_get_card (layout, n - 1, j)->rect;
      double rgb[3];

      test_pixel_rgb (surface, r->x + 2, r->y + r->height / 2, rgb);
      g_assert_cmpfloat (test_rgb_distance (rgb, paper), <, 1.5 / 255);
      test_pixel_rgb (surface, r->x + r->width / 2, r->y + r->height / 2, rgb);
      g_assert_cmpfloat (test_rgb_distance (rgb, paper), <, 1.5 / 255);
      g_assert_cmpuint (test_count_pixels (surface, r->x, r->y, r->width, r->height, TRUE,
                                           test_luma (paper) - 0.01), ==, 0);
    }
}

static void
test_render_dark (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = layout_for (session);
  g_autoptr(cairo_surface_t) surface = NULL;
  StapleMapRenderOptions options;
  const StapleMapColumn *column = staple_map_layout_get_column (layout, 0);
  double rgb[3];
  double cards_y, cards_h;

  staple_map_render_options_init (&options);
  options.dark = TRUE;
  surface = render (layout, &options, 1.0);
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CARDS, &cards_y, &cards_h);

  /* The paper and a column's background are dark... */
  test_pixel_rgb (surface, 2, 2, rgb);
  g_assert_cmpfloat (test_luma (rgb), <, 0.3);
  test_pixel_rgb (surface, staple_map_layout_get_width (layout) - 2,
                  staple_map_layout_get_height (layout) - 2, rgb);
  g_assert_cmpfloat (test_luma (rgb), <, 0.3);
  test_pixel_rgb (surface, column->column.x + column->column.width - 4, cards_y + cards_h - 3, rgb);
  g_assert_cmpfloat (test_luma (rgb), <, 0.3);

  /* ...and each card's text is light. */
  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      column = staple_map_layout_get_column (layout, i);
      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = staple_map_layout_get_card (layout, i, j);
          const cairo_rectangle_t *r = &card->rect;
          double text_h = layout_height (card->text);

          g_assert_cmpuint (test_count_pixels (surface, r->x + 10, r->y + r->height - 8 - text_h,
                                               r->width - 18, text_h, FALSE, 0.7), >=, 20);
        }
    }
}

/* What of a text is shown: staple_text_bound(), and the map on texts a
 * validator accepts but Pango would take minutes over. */

static char *
repeat_n (const char *unit,
          guint       n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

#define ACCENT "\xcc\x81" /* U+0301 COMBINING ACUTE ACCENT */

static void
test_text_bound_short (void)
{
  const char *texts[] = {
    "", "Toner ran out", "Amélie Durand 👩‍🔧", "Žluťoučký kůň", "שלום עולם", "日本語のテキスト",
    "Tiếng Việt có dấu", "👨‍👩‍👧‍👦 family", "a" ACCENT ACCENT ACCENT,
  };
  g_autofree char *empty = staple_text_bound (NULL, 10, STAPLE_TEXT_BOUND_NONE);

  g_assert_cmpstr (empty, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *bounded = staple_text_bound (texts[i], STAPLE_TEXT_SHORT,
                                                    STAPLE_TEXT_BOUND_NONE);

      g_assert_cmpstr (bounded, ==, texts[i]);
    }
}

static void
test_text_bound_cut (void)
{
  g_autofree char *word = repeat_n ("é", 100000);
  g_autofree char *bounded = staple_text_bound (word, 50, STAPLE_TEXT_BOUND_NONE);
  g_autofree char *exact = repeat_n ("é", 50);
  g_autofree char *fits = staple_text_bound (exact, 50, STAPLE_TEXT_BOUND_NONE);

  /* 49 characters of the text and an ellipsis: 50 in all. */
  g_assert_true (g_utf8_validate (bounded, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (bounded, -1), ==, 50);
  g_assert_true (g_str_has_suffix (bounded, "…"));
  g_assert_true (strncmp (bounded, word, strlen (bounded) - strlen ("…")) == 0);

  /* A text of exactly the bound is whole. */
  g_assert_cmpstr (fits, ==, exact);

  /* The text given is left alone. */
  g_assert_cmpint (g_utf8_strlen (word, -1), ==, 100000);
}

static void
test_text_bound_marks (void)
{
  g_autofree char *accents = repeat_n (ACCENT, 99999);
  g_autofree char *title = g_strconcat ("a", accents, "b", NULL);
  g_autofree char *bounded = staple_text_bound (title, STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_NONE);
  g_autofree char *eight = repeat_n (ACCENT, STAPLE_TEXT_MAX_MARKS);
  g_autofree char *expected = g_strconcat ("a", eight, "b", NULL);
  g_autofree char *joined = repeat_n ("👩‍", 5000);
  g_autofree char *emoji = staple_text_bound (joined, STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_NONE);

  /* The base keeps its first marks, and what follows the pile survives. */
  g_assert_cmpstr (bounded, ==, expected);

  /* Characters glued on with joiners count as marks of the first. */
  g_assert_cmpint (g_utf8_strlen (emoji, -1), ==, 1 + STAPLE_TEXT_MAX_MARKS);
}

static void
test_text_bound_one_line (void)
{
  g_autofree char *flat = staple_text_bound ("Two\nlines\r\nand\ta tab\u2028", 100,
                                             STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *kept = staple_text_bound ("Two\nlines", 100, STAPLE_TEXT_BOUND_NONE);

  g_assert_cmpstr (flat, ==, "Two lines  and a tab ");
  g_assert_cmpstr (kept, ==, "Two\nlines");
}

static void
test_text_bound_invalid (void)
{
  g_autofree char *bounded = staple_text_bound ("ok\xff\xfe then", 100, STAPLE_TEXT_BOUND_NONE);

  g_assert_true (g_utf8_validate (bounded, -1, NULL));
  g_assert_true (g_str_has_prefix (bounded, "ok"));
  g_assert_true (g_str_has_suffix (bounded, " then"));
}

/* Seconds to lay out a one-stage session whose card and header hold the
 * texts given, as the window and the PDF would. */
static double
time_layout (const char *card,
             const char *name,
             const char *team)
{
  g_autoptr(StapleSession) session = staple_session_new ();
  g_autoptr(StapleMapLayout) layout = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  StapleMapRenderOptions options;
  StapleStage *stage;
  const StapleMapCard *drawn;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  stage = add_stage (session, 1, name, team, 0);
  add_card (stage, 1, card, STAPLE_FRICTION_KIND_POLICY);
  layout = layout_for (session);
  staple_map_render_options_init (&options);
  surface = render (layout, &options, 1.0);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  /* Shown cut short, stored whole. */
  drawn = staple_map_layout_get_card (layout, 0, 0);
  g_assert_cmpfloat (drawn->rect.height, <, 200);
  g_assert_cmpfloat (staple_map_layout_get_column (layout, 0)->header.height, <, 400);
  g_assert_cmpstr (staple_friction_get_text (drawn->friction), ==, card);

  return seconds;
}

static void
test_layout_hostile_text (void)
{
  g_autofree char *word = repeat_n ("a", 100000);
  g_autofree char *accents = repeat_n (ACCENT, 99999);
  g_autofree char *pile = g_strconcat ("a", accents, NULL);
  g_autofree char *lines = repeat_n ("line\n", 20000);
  struct { const char *what, *card, *name, *team; } cases[] = {
    { "a 100,000-letter word", word, word, word },
    { "a letter under 99,999 accents", pile, pile, pile },
    { "20,000 lines", lines, lines, lines },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double seconds = time_layout (cases[i].card, cases[i].name, cases[i].team);

      /* Before the texts were bounded: 38 s for the accents. */
      g_test_message ("%s on a card, a stage name and a team: %.3f s", cases[i].what, seconds);
      g_assert_cmpfloat (seconds, <, 2.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map/layout/no-session", test_layout_no_session);
  g_test_add_func ("/map/layout/empty-session", test_layout_empty_session);
  g_test_add_func ("/map/layout/empty-stage", test_layout_empty_stage);
  g_test_add_func ("/map/layout/no-overlap", test_layout_small);
  g_test_add_func ("/map/layout/many-cards", test_layout_many_cards);
  g_test_add_func ("/map/layout/example", test_layout_example);
  g_test_add_func ("/map/layout/text-scale", test_layout_text_scale);
  g_test_add_func ("/map/layout/text-inside", test_layout_text_inside);
  g_test_add_func ("/map/layout/text-line-breaks", test_layout_text_line_breaks);
  g_test_add_func ("/map/layout/long-titles", test_layout_long_titles);
  g_test_add_func ("/map/layout/handoff-label", test_layout_handoff_label);
  g_test_add_func ("/map/layout/handoff-mark", test_layout_handoff_mark);
  g_test_add_func ("/map/layout/causes-capped", test_layout_causes_capped);
  g_test_add_func ("/map/layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/map/layout/incremental", test_layout_incremental);
  g_test_add_func ("/map/layout/changed-signal", test_layout_changed_signal);
  g_test_add_func ("/map/layout/replace-session", test_layout_replace_session);
  g_test_add_func ("/map/layout/remove-card", test_layout_remove_card);
  g_test_add_func ("/map/layout/card-edits-match-fresh", test_layout_card_edits_match_fresh);
  g_test_add_func ("/map/layout/unref", test_layout_outlives_nothing);

  g_test_add_func ("/map/hit/stage", test_hit_stage);
  g_test_add_func ("/map/hit/card", test_hit_card);
  g_test_add_func ("/map/hit/card-lane", test_hit_card_lane);
  g_test_add_func ("/map/hit/points", test_hit_points);
  g_test_add_func ("/map/hit/handoff", test_hit_handoff);
  g_test_add_func ("/map/hit/causes", test_hit_causes);
  g_test_add_func ("/map/hit/none", test_hit_none);

  g_test_add_func ("/map/feeling/round-trip", test_feeling_round_trip);
  g_test_add_func ("/map/feeling/clamp", test_feeling_clamp);
  g_test_add_func ("/map/feeling/before-update", test_feeling_before_update);

  g_test_add_func ("/map/render/cards", test_render_cards);
  g_test_add_func ("/map/render/far-zoom", test_render_far);
  g_test_add_func ("/map/render/clip-to-visible", test_render_clip);
  g_test_add_func ("/map/render/dark", test_render_dark);

  g_test_add_func ("/text/bound/short", test_text_bound_short);
  g_test_add_func ("/text/bound/cut", test_text_bound_cut);
  g_test_add_func ("/text/bound/marks", test_text_bound_marks);
  g_test_add_func ("/text/bound/one-line", test_text_bound_one_line);
  g_test_add_func ("/text/bound/invalid", test_text_bound_invalid);
  g_test_add_func ("/map/layout/hostile-text", test_layout_hostile_text);

  return g_test_run ();
}
