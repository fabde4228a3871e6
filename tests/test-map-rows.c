/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the journey map wrapped onto rows of stages, of how Fit
 * chooses the rows, and of what the map draws to be read at a glance:
 * waits to scale, the feeling lanes' scale, the lanes' names pinned at the
 * left of a view scrolled sideways. No display. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "staple-model.h"
#include "staple-map-layout.h"
#include "staple-map-marks.h"
#include "staple-map-renderer.h"
#include "test-util.h"

#define EPSILON 1e-6

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

/* Sessions */

static StapleStage *
add_stage (StapleSession *session,
           gint64         id,
           guint          n_cards,
           int            wait_minutes)
{
  g_autoptr(StapleStage) stage = staple_stage_new ();
  g_autofree char *name = g_strdup_printf ("Stage %" G_GINT64_FORMAT, id);

  staple_stage_set_id (stage, id);
  staple_stage_set_name (stage, name);
  staple_stage_set_team (stage, id % 2 ? "Sales" : "Billing");
  staple_stage_set_wait_minutes (stage, wait_minutes);
  staple_stage_set_customer_feeling (stage, (int) (id % 5) - 2);
  staple_stage_set_staff_feeling (stage, 2 - (int) (id % 5));
  g_list_store_append (staple_session_get_stages (session), stage);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(StapleFriction) friction = staple_friction_new ();
      g_autofree char *text = g_strdup_printf ("Friction %u of stage %" G_GINT64_FORMAT
                                               ": the form asks for it twice", i, id);

      staple_friction_set_id (friction, id * 1000 + i + 1);
      staple_friction_set_stage_id (friction, id);
      staple_friction_set_text (friction, text);
      staple_friction_set_kind (friction, (StapleFrictionKind) (i % 8));
      g_list_store_append (staple_stage_get_frictions (stage), friction);
    }

  return stage; /* borrowed: the session holds it */
}

/* n stages of 1–3 cards, the waits growing by the hour */
static StapleSession *
make_session (guint n)
{
  StapleSession *session = staple_session_new ();

  for (guint i = 0; i < n; i++)
    add_stage (session, i + 1, 1 + i % 3, (int) (i * 60));
  return session;
}

static StapleMapLayout *
layout_for (StapleSession *session,
            guint          columns_per_row)
{
  StapleMapLayout *layout = staple_map_layout_new ();

  staple_map_layout_set_session (layout, session);
  staple_map_layout_set_columns_per_row (layout, columns_per_row);
  staple_map_layout_update (layout);
  return layout;
}

static gboolean
inside (const cairo_rectangle_t *inner,
        const cairo_rectangle_t *outer)
{
  return inner->x >= outer->x - EPSILON && inner->y >= outer->y - EPSILON &&
         inner->x + inner->width <= outer->x + outer->width + EPSILON &&
         inner->y + inner->height <= outer->y + outer->height + EPSILON;
}

static gboolean
overlap (const cairo_rectangle_t *a,
         const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Drawing */

static cairo_surface_t *
render (StapleMapLayout              *layout,
        const StapleMapRenderOptions *options)
{
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                (int) ceil (staple_map_layout_get_width (layout)),
                                (int) ceil (staple_map_layout_get_height (layout)));
  cairo_t *cr = cairo_create (surface);

  staple_map_render (layout, cr, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Rows */

/* Without a number of columns a row, the map is one row, as before. */
static void
test_rows_default (void)
{
  g_autoptr(StapleSession) session = make_session (7);
  g_autoptr(StapleMapLayout) one = layout_for (session, 0);
  g_autoptr(StapleMapLayout) long_rows = layout_for (session, 7);
  double y, height, y0, height0;

  g_assert_cmpuint (staple_map_layout_get_columns_per_row (one), ==, 0);
  g_assert_cmpuint (staple_map_layout_get_n_rows (one), ==, 1);
  g_assert_cmpfloat (staple_map_layout_get_row_offset (one, 0), ==, 0);

  /* As many columns a row as there are stages: the same map. */
  g_assert_cmpuint (staple_map_layout_get_n_rows (long_rows), ==, 1);
  g_assert_cmpfloat (staple_map_layout_get_width (long_rows), ==,
                     staple_map_layout_get_width (one));
  g_assert_cmpfloat (staple_map_layout_get_height (long_rows), ==,
                     staple_map_layout_get_height (one));
  for (guint i = 0; i < 7; i++)
    {
      const StapleMapColumn *a = staple_map_layout_get_column (one, i);
      const StapleMapColumn *b = staple_map_layout_get_column (long_rows, i);

      g_assert_cmpuint (a->row, ==, 0);
      g_assert_cmpmem (&a->column, sizeof a->column, &b->column, sizeof b->column);
    }

  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      staple_map_layout_get_lane (one, lane, &y0, &height0);
      staple_map_layout_get_row_lane (one, 0, lane, &y, &height);
      g_assert_cmpfloat (y, ==, y0);
      g_assert_cmpfloat (height, ==, height0);
    }
}

/* A poster's spread: the gap after a column and a lane grow by what was
 * asked, the map with them; every card keeps its place in its column and
 * lane; no spread is the map as before. */
static void
test_rows_spread (void)
{
  g_autoptr(StapleSession) session = make_session (4);
  g_autoptr(StapleMapLayout) plain = layout_for (session, 0);
  g_autoptr(StapleMapLayout) spread = layout_for (session, 0);
  const double gaps[] = { 0, 30, 0, 500 }; /* after the last column: nothing to move */
  double lanes[STAPLE_MAP_N_LANES] = { 0 };
  double y0, h0, y1, h1;

  lanes[STAPLE_MAP_LANE_CARDS] = 40;
  lanes[STAPLE_MAP_LANE_STAFF] = 20;
  staple_map_layout_set_spread (spread, gaps, G_N_ELEMENTS (gaps), lanes);
  staple_map_layout_update (spread);

  g_assert_cmpfloat_with_epsilon (staple_map_layout_get_width (spread),
                                  staple_map_layout_get_width (plain) + 30, EPSILON);
  g_assert_cmpfloat_with_epsilon (staple_map_layout_get_height (spread),
                                  staple_map_layout_get_height (plain) + 60, EPSILON);
  for (guint i = 0; i < 4; i++)
    {
      const StapleMapColumn *a = staple_map_layout_get_column (plain, i);
      const StapleMapColumn *b = staple_map_layout_get_column (spread, i);
      double dx = i >= 2 ? 30 : 0;

      g_assert_cmpfloat_with_epsilon (b->column.x, a->column.x + dx, EPSILON);
      g_assert_cmpfloat_with_epsilon (b->column.height, a->column.height + 60, EPSILON);
      for (guint j = 0; j < a->cards->len; j++)
        {
          const cairo_rectangle_t *ca = &g_array_index (a->cards, StapleMapCard, j).rect;
          const cairo_rectangle_t *cb = &g_array_index (b->cards, StapleMapCard, j).rect;

          g_assert_cmpfloat_with_epsilon (cb->x, ca->x + dx, EPSILON);
          g_assert_cmpfloat_with_epsilon (cb->y, ca->y, EPSILON);
        }
    }
  staple_map_layout_get_lane (plain, STAPLE_MAP_LANE_CAUSES, &y0, &h0);
  staple_map_layout_get_lane (spread, STAPLE_MAP_LANE_CAUSES, &y1, &h1);
  g_assert_cmpfloat_with_epsilon (y1, y0 + 60, EPSILON);
  g_assert_cmpfloat_with_epsilon (h1, h0, EPSILON);

  staple_map_layout_set_spread (spread, NULL, 0, NULL);
  staple_map_layout_update (spread);
  g_assert_cmpfloat (staple_map_layout_get_width (spread), ==,
                     staple_map_layout_get_width (plain));
  g_assert_cmpfloat (staple_map_layout_get_height (spread), ==,
                     staple_map_layout_get_height (plain));
}

/* Seven stages, at most three a row: rows of 3, 2 and 2 (not a last row of
 * one), each under the one before, starting at the left, each with every
 * lane, nothing overlapping. */
static void
test_rows_wrap (void)
{
  g_autoptr(StapleSession) session = make_session (7);
  g_autoptr(StapleMapLayout) one = layout_for (session, 0);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 3);
  static const guint row_of[] = { 0, 0, 0, 1, 1, 2, 2 };
  static const guint first_of[] = { 0, 3, 5 };
  cairo_rectangle_t map;
  double previous_bottom = 0;

  g_assert_cmpuint (staple_map_layout_get_n_rows (layout), ==, 3);
  g_assert_cmpfloat (staple_map_layout_get_width (layout), <,
                     staple_map_layout_get_width (one) / 2);
  g_assert_cmpfloat (staple_map_layout_get_height (layout), >,
                     2.5 * staple_map_layout_get_height (one));
  map = (cairo_rectangle_t) { 0, 0, staple_map_layout_get_width (layout),
                              staple_map_layout_get_height (layout) };

  for (guint i = 0; i < 7; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      const StapleMapColumn *flat = staple_map_layout_get_column (one, i);
      guint row = row_of[i];
      guint place = i - first_of[row];
      double top, bottom, lane_y, lane_h;

      g_assert_cmpuint (column->row, ==, row);
      g_assert_true (inside (&column->column, &map));
      g_assert_true (inside (&column->header, &column->column));
      g_assert_true (inside (&column->wait, &column->header));

      /* In reading order: the first of a row under the first of the one
       * before, at the same left; the others right of the one before. */
      g_assert_cmpfloat (column->column.x, ==, staple_map_layout_get_column (one, place)->column.x);
      g_assert_cmpfloat (column->column.y, ==,
                         flat->column.y + staple_map_layout_get_row_offset (layout, row));
      if (place == 0 && i > 0)
        g_assert_cmpfloat (column->column.y, >=, previous_bottom);
      previous_bottom = column->column.y + column->column.height;

      /* Its row's lanes hold it, and its curve points and cards. */
      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_HEADER, &top, NULL);
      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_CAUSES, &bottom, &lane_h);
      g_assert_cmpfloat (column->column.y, <=, top + EPSILON);
      g_assert_cmpfloat (column->column.y + column->column.height, >=, bottom + lane_h - EPSILON);
      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_CUSTOMER, &lane_y, &lane_h);
      g_assert_cmpfloat (column->customer_y, >, lane_y);
      g_assert_cmpfloat (column->customer_y, <, lane_y + lane_h);
      g_assert_cmpfloat (column->customer_y, ==,
                         flat->customer_y + staple_map_layout_get_row_offset (layout, row));
      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_STAFF, &lane_y, &lane_h);
      g_assert_cmpfloat (column->staff_y, >, lane_y);
      g_assert_cmpfloat (column->staff_y, <, lane_y + lane_h);

      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_CARDS, &lane_y, &lane_h);
      for (guint j = 0; j < column->cards->len; j++)
        {
          const cairo_rectangle_t *r = &staple_map_layout_get_card (layout, i, j)->rect;
          cairo_rectangle_t lane = { column->column.x, lane_y, column->column.width, lane_h };

          g_assert_true (inside (r, &lane));
        }

      for (guint k = 0; k < i; k++)
        g_assert_false (overlap (&column->column,
                                 &staple_map_layout_get_column (layout, k)->column));
    }

  /* Back to one row: the same map as one that never wrapped. */
  staple_map_layout_set_columns_per_row (layout, 0);
  g_assert_cmpuint (staple_map_layout_get_n_rows (layout), ==, 1);
  g_assert_cmpfloat (staple_map_layout_get_height (layout), ==,
                     staple_map_layout_get_height (one));
  g_assert_cmpfloat (staple_map_layout_get_column (layout, 6)->column.x, ==,
                     staple_map_layout_get_column (one, 6)->column.x);
}

static void
assert_hit (StapleMapLayout  *layout,
            double            x,
            double            y,
            StapleMapHitKind  kind,
            guint             stage,
            guint             card)
{
  StapleMapHit hit;
  gboolean found = staple_map_layout_hit_test (layout, x, y, &hit);

  if (found != (kind != STAPLE_MAP_HIT_NONE) || hit.kind != kind ||
      (kind != STAPLE_MAP_HIT_NONE && hit.stage != stage) ||
      (kind == STAPLE_MAP_HIT_CARD && hit.card != card))
    g_error ("at (%g, %g): expected kind %d stage %u card %u, got kind %d stage %u card %u",
             x, y, kind, stage, card, hit.kind, hit.stage, hit.card);
}

/* Everything in the second and third rows is found where it is drawn. */
static void
test_rows_hit (void)
{
  g_autoptr(StapleSession) session = make_session (7);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 3);
  double y, h;

  for (guint i = 0; i < 7; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      const cairo_rectangle_t *header = &column->header;
      double cx = column->column.x + column->column.width / 2;

      assert_hit (layout, header->x + 5, header->y + 5, STAPLE_MAP_HIT_STAGE, i, 0);
      assert_hit (layout, cx, column->customer_y, STAPLE_MAP_HIT_CUSTOMER_POINT, i, 0);
      assert_hit (layout, cx, column->staff_y, STAPLE_MAP_HIT_STAFF_POINT, i, 0);
      for (guint j = 0; j < column->cards->len; j++)
        {
          const cairo_rectangle_t *r = &staple_map_layout_get_card (layout, i, j)->rect;

          assert_hit (layout, r->x + r->width / 2, r->y + r->height / 2,
                      STAPLE_MAP_HIT_CARD, i, j);
        }

      /* Below the last card: a new card there goes at the end. */
      staple_map_layout_get_row_lane (layout, column->row, STAPLE_MAP_LANE_CARDS, &y, &h);
      assert_hit (layout, cx, y + h - 2, STAPLE_MAP_HIT_CARD_LANE, i, column->cards->len);
      staple_map_layout_get_row_lane (layout, column->row, STAPLE_MAP_LANE_CAUSES, &y, &h);
      assert_hit (layout, cx, y + h / 2, STAPLE_MAP_HIT_CAUSES, i, 0);

      /* The gap between two rows is nothing. */
      if (column->row > 0)
        assert_hit (layout, cx, column->column.y - 5, STAPLE_MAP_HIT_NONE, 0, 0);
    }

  /* The arrow out of a row's last stage, in the margin, and the one into
   * the next row's first, left of it, are the handoff into stage 4. */
  staple_map_layout_get_row_lane (layout, 0, STAPLE_MAP_LANE_HANDOFFS, &y, &h);
  {
    const StapleMapColumn *third = staple_map_layout_get_column (layout, 2);
    const StapleMapColumn *fourth = staple_map_layout_get_column (layout, 3);

    assert_hit (layout, third->column.x + third->column.width + 4, y + h / 2,
                STAPLE_MAP_HIT_HANDOFF, 3, 0);
    staple_map_layout_get_row_lane (layout, 1, STAPLE_MAP_LANE_HANDOFFS, &y, &h);
    assert_hit (layout, fourth->column.x - 4, y + h / 2, STAPLE_MAP_HIT_HANDOFF, 3, 0);
    assert_hit (layout, fourth->column.x + 4, y + h / 2, STAPLE_MAP_HIT_HANDOFF, 3, 0);
  }

  /* Right of the last row's last stage: nothing. */
  {
    const StapleMapColumn *last = staple_map_layout_get_column (layout, 6);

    assert_hit (layout, last->column.x + last->column.width + 100, last->header.y + 5,
                STAPLE_MAP_HIT_NONE, 0, 0);
  }
}

/* The example with twelve more friction points on its last stage, as a
 * room that keeps adding them does. */
static StapleSession *
read_example_heavy (void)
{
  StapleSession *session = test_read_example ();
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  g_autoptr(StapleStage) last = g_list_model_get_item (stages, g_list_model_get_n_items (stages)
                                                                 - 1);

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(StapleFriction) friction = staple_friction_new ();

      staple_friction_set_id (friction, 90000 + i);
      staple_friction_set_stage_id (friction, staple_stage_get_id (last));
      staple_friction_set_text (friction, "The invoice goes to the site, not to the office "
                                "that pays it, and nobody knows who should chase it");
      g_list_store_append (staple_stage_get_frictions (last), friction);
    }
  return session;
}

/* The tallest column in rows @first … @last, its card stacks and causes. */
static double
tallest_stack (StapleMapLayout *layout,
               guint            first,
               guint            last)
{
  double most = 0;

  for (guint i = first; i <= last; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      for (guint j = 0; j < column->cards->len; j++)
        {
          const cairo_rectangle_t *r = &staple_map_layout_get_card (layout, i, j)->rect;
          double y, h;

          staple_map_layout_get_row_lane (layout, column->row, STAPLE_MAP_LANE_CARDS, &y, &h);
          most = MAX (most, r->y + r->height - y);
        }
    }
  return most;
}

/* Each row is as tall as its own stages need: a row of three-card stages
 * is not as tall as the one with a stage of sixteen; everything of a short
 * row is still where it is drawn, and its feelings where they are read. */
static void
test_rows_own_height (void)
{
  g_autoptr(StapleSession) session = read_example_heavy ();
  g_autoptr(StapleMapLayout) layout = layout_for (session, 3);
  guint n = staple_map_layout_get_n_columns (layout);
  double cards_h[4], row_h[4];
  double previous_bottom = 0;

  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpuint (staple_map_layout_get_n_rows (layout), ==, 4);
  for (guint row = 0; row < 4; row++)
    {
      double top, bottom, h;
      /* At most three a row, as even as can be: 3, 3, 2 and 2. */
      static const guint firsts[] = { 0, 3, 6, 8, 10 };
      guint first = firsts[row], last = firsts[row + 1] - 1;

      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_CARDS, NULL, &cards_h[row]);
      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_HEADER, &top, NULL);
      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_CAUSES, &bottom, &h);
      row_h[row] = bottom + h - top;
      g_test_message ("row %u: cards lane %.0f, row %.0f", row + 1, cards_h[row], row_h[row]);

      /* Its cards fill its card lane, but for its padding. */
      g_assert_cmpfloat (tallest_stack (layout, first, last) + 20, >=, cards_h[row] - 1);
      g_assert_cmpfloat (top, >=, previous_bottom);
      previous_bottom = bottom + h;

      for (guint i = first; i <= last; i++)
        {
          const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
          double cx = column->column.x + column->column.width / 2;

          g_assert_cmpfloat (column->column.y, ==, top);
          g_assert_cmpfloat (column->column.height, ==, row_h[row]);
          assert_hit (layout, cx, column->customer_y, STAPLE_MAP_HIT_CUSTOMER_POINT, i, 0);
          assert_hit (layout, cx, column->staff_y, STAPLE_MAP_HIT_STAFF_POINT, i, 0);
          g_assert_cmpint (staple_map_layout_row_y_to_feeling (layout, row,
                                                               STAPLE_MAP_LANE_STAFF,
                                                               column->staff_y), ==,
                           staple_stage_get_staff_feeling (column->stage));
          g_assert_cmpfloat (staple_map_layout_row_feeling_to_y (
                               layout, row, STAPLE_MAP_LANE_CUSTOMER,
                               staple_stage_get_customer_feeling (column->stage)), ==,
                             column->customer_y);
          staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_CAUSES, &bottom, &h);
          assert_hit (layout, cx, bottom + h / 2, STAPLE_MAP_HIT_CAUSES, i, 0);
          for (guint j = 0; j < column->cards->len; j++)
            {
              const cairo_rectangle_t *r = &staple_map_layout_get_card (layout, i, j)->rect;

              assert_hit (layout, r->x + r->width / 2, r->y + r->height / 2,
                          STAPLE_MAP_HIT_CARD, i, j);
            }
          g_assert_cmpuint (staple_map_layout_get_row_at (layout, column->header.y + 1), ==, row);
        }
    }

  /* The last row holds the stage of sixteen: the others are much shorter. */
  for (guint row = 0; row < 3; row++)
    g_assert_cmpfloat (cards_h[row], <, 0.7 * cards_h[3]);
  g_assert_cmpfloat (staple_map_layout_get_height (layout), <,
                     4 * row_h[3] + 3 * 40 + 48 - 100);
}

/* Every row names its lanes at its left. */
static void
test_rows_lane_labels (void)
{
  g_autoptr(StapleSession) session = make_session (7);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 3);
  g_autoptr(cairo_surface_t) surface = NULL;
  StapleMapRenderOptions options;
  double first_x = staple_map_layout_get_column (layout, 0)->column.x;

  staple_map_render_options_init (&options);
  surface = render (layout, &options);

  for (guint row = 0; row < 3; row++)
    for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
      {
        double y;

        staple_map_layout_get_row_lane (layout, row, lane, &y, NULL);
        if (test_count_pixels (surface, 20, y + 8, first_x - 50, 14, TRUE, 0.6) < 15)
          g_error ("no name of lane %u left of row %u", lane, row);
      }
}

/* Fit */

/* Thirty stages in a 1100 × 650 view: in one row a card's line would be
 * about 4 px; Fit wraps, and the text can be read. */
static void
test_fit_long (void)
{
  g_autoptr(StapleSession) session = make_session (30);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 0);
  double line = staple_map_layout_get_card_line_height (layout);
  double one_row = MIN (1100 / staple_map_layout_get_width (layout),
                        650 / staple_map_layout_get_height (layout));
  StapleMapFit fit;

  g_test_message ("30 stages in one row: a card's line %.1f px", line * one_row);
  g_assert_cmpfloat (line * one_row, <, STAPLE_MAP_READABLE_LINE_PX);

  staple_map_layout_fit (layout, 1100, 650, 1.0, &fit);
  g_test_message ("Fit: %u rows of %u, zoom %.3f, a card's line %.1f px", fit.n_rows,
                  fit.columns_per_row, fit.zoom, fit.line_px);
  g_assert_cmpuint (fit.columns_per_row, >, 0);
  g_assert_cmpuint (fit.columns_per_row, <, 30);
  g_assert_cmpuint (fit.n_rows, >, 1);
  g_assert_cmpfloat (fit.line_px, >=, STAPLE_MAP_READABLE_LINE_PX - EPSILON);
  g_assert_cmpfloat (fit.line_px, ==, line * fit.zoom);

  /* So laid out, the rows fit the view's width at that zoom, and the rows
   * are even: no row is more than one stage shorter than the first. */
  staple_map_layout_set_columns_per_row (layout, fit.columns_per_row);
  g_assert_cmpuint (staple_map_layout_get_n_rows (layout), ==, fit.n_rows);
  g_assert_cmpfloat (staple_map_layout_get_width (layout) * fit.zoom, <=, 1100);
  g_assert_cmpuint (30 - (fit.n_rows - 1) * fit.columns_per_row, >=, fit.columns_per_row - 1);

  /* A line of text is as high as it says on screen. */
  g_assert_cmpfloat (fit.zoom, >=, 0.5);
}

/* A short journey fits whole in one row, at most at 100 %. */
static void
test_fit_short (void)
{
  g_autoptr(StapleSession) session = make_session (3);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 0);
  StapleMapFit fit;

  staple_map_layout_fit (layout, 1100, 650, 1.0, &fit);
  g_assert_cmpuint (fit.columns_per_row, ==, 0);
  g_assert_cmpuint (fit.n_rows, ==, 1);
  g_assert_true (fit.whole);
  g_assert_cmpfloat (fit.zoom, <=, 1.0);
  g_assert_cmpfloat (fit.zoom, ==, MIN (1.0, MIN (1100 / staple_map_layout_get_width (layout),
                                                  650 / staple_map_layout_get_height (layout))));

  /* In a view big enough, a long one too. */
  g_clear_object (&session);
  session = make_session (12);
  staple_map_layout_set_session (layout, session);
  staple_map_layout_fit (layout, 5000, 1000, 1.0, &fit);
  g_assert_cmpuint (fit.columns_per_row, ==, 0);
  g_assert_true (fit.whole);
}

/* Where wrapping shows the whole journey larger, Fit does that: 16 stages
 * in a tall view. */
static void
test_fit_whole (void)
{
  g_autoptr(StapleSession) session = make_session (16);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 0);
  StapleMapFit fit;

  staple_map_layout_fit (layout, 2000, 2000, 1.0, &fit);
  /* Readable in 2 rows of 8 already, larger in 3 rows of 6; smaller again
   * in 4 rows of 4. */
  g_test_message ("16 stages in 2000 × 2000: %u rows of %u at %.0f %%", fit.n_rows,
                  fit.columns_per_row, fit.zoom * 100);
  g_assert_cmpuint (fit.n_rows, ==, 3);
  for (guint per_row = 4; per_row <= 8; per_row += 2)
    {
      StapleMapFit other;

      staple_map_layout_set_columns_per_row (layout, per_row);
      other.zoom = MIN (2000 / staple_map_layout_get_width (layout),
                        2000 / staple_map_layout_get_height (layout));
      g_test_message ("%u a row: %.0f %%", per_row, other.zoom * 100);
      if (per_row != 6)
        g_assert_cmpfloat (other.zoom, <, fit.zoom);
    }
  staple_map_layout_set_columns_per_row (layout, 0);
  g_assert_true (fit.whole);
  g_assert_cmpfloat (fit.line_px, >=, STAPLE_MAP_READABLE_LINE_PX);
  staple_map_layout_set_columns_per_row (layout, fit.columns_per_row);
  g_assert_cmpfloat (staple_map_layout_get_width (layout) * fit.zoom, <=, 2000 + EPSILON);
  g_assert_cmpfloat (staple_map_layout_get_height (layout) * fit.zoom, <=, 2000 + EPSILON);
}

/* The example's ten stages in the window's map (about 730 × 525 beside the
 * side panel) and in a 1280 × 720 one. */
static void
test_fit_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = layout_for (session, 0);
  double sizes[][2] = { { 730, 525 }, { 1100, 650 }, { 1280, 720 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      StapleMapFit fit;

      staple_map_layout_fit (layout, sizes[i][0], sizes[i][1], 1.0, &fit);
      g_test_message ("the example in %g × %g: %u rows of %u, a card's line %.1f px (one row: "
                      "%.1f px)", sizes[i][0], sizes[i][1], fit.n_rows, fit.columns_per_row,
                      fit.line_px,
                      staple_map_layout_get_card_line_height (layout) *
                      MIN (sizes[i][0] / staple_map_layout_get_width (layout),
                           sizes[i][1] / staple_map_layout_get_height (layout)));
      g_assert_cmpuint (fit.n_rows, >, 1);
      g_assert_cmpfloat (fit.line_px, >=, STAPLE_MAP_READABLE_LINE_PX - EPSILON);
    }
}

/* How many rows of stages a view of @height shows whole from the top at
 * @zoom. */
static guint
rows_in_view (StapleMapLayout *layout,
              double           zoom,
              double           height)
{
  guint rows = 0;

  for (guint row = 0; row < staple_map_layout_get_n_rows (layout); row++)
    {
      double y, h;

      staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_CAUSES, &y, &h);
      if ((y + h) * zoom <= height)
        rows = row + 1;
    }
  return rows;
}

/* Fit in the window's map (1100 × 720 with the side panel: about
 * 730 × 525) keeps the text readable and, each row as tall as its own
 * stages, shows more of a journey with one heavy stage than rows all as
 * tall as the tallest would: the map is shorter, and the rows without the
 * heavy stage fit the view two at a time. */
static void
test_fit_heavy (void)
{
  g_autoptr(StapleSession) session = read_example_heavy ();
  g_autoptr(StapleSession) example = test_read_example ();
  g_autoptr(StapleSession) many = make_session (25);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 0);
  g_autoptr(StapleMapLayout) example_layout = layout_for (example, 0);
  g_autoptr(StapleMapLayout) long_layout = layout_for (many, 0);
  StapleMapLayout *layouts[] = { layout, example_layout, long_layout };

  for (guint k = 0; k < G_N_ELEMENTS (layouts); k++)
    {
      StapleMapFit fit;
      double tallest = 0, uniform, height;
      guint rows;

      staple_map_layout_fit (layouts[k], 730, 525, 1.0, &fit);
      staple_map_layout_set_columns_per_row (layouts[k], fit.columns_per_row);
      for (guint i = 0; i < staple_map_layout_get_n_columns (layouts[k]); i++)
        tallest = MAX (tallest, staple_map_layout_get_column (layouts[k], i)->column.height);
      uniform = 48 + fit.n_rows * tallest + (fit.n_rows - 1) * 40;
      height = staple_map_layout_get_height (layouts[k]);
      rows = rows_in_view (layouts[k], fit.zoom, 525);
      g_test_message ("%u stages in 730 x 525: %u rows of %u at %.1f %%, a card's line %.1f px; "
                      "%u rows whole in view from the top; the map %.1f views high (%.1f with "
                      "rows all as tall as the tallest)",
                      staple_map_layout_get_n_columns (layouts[k]), fit.n_rows,
                      fit.columns_per_row, fit.zoom * 100, fit.line_px, rows,
                      height * fit.zoom / 525, uniform * fit.zoom / 525);
      for (guint row = 0; row < fit.n_rows; row++)
        {
          const StapleMapColumn *column =
            staple_map_layout_get_column (layouts[k], row * fit.columns_per_row);

          g_test_message ("  row %u: %.0f px high (rows all as tall: %.0f px)", row + 1,
                          column->column.height * fit.zoom, tallest * fit.zoom);
        }
      g_assert_cmpfloat (fit.line_px, >=, STAPLE_MAP_READABLE_LINE_PX - EPSILON);
      g_assert_cmpfloat (staple_map_layout_get_width (layouts[k]) * fit.zoom, <=, 730 + EPSILON);
      g_assert_cmpuint (rows, >=, 1);
      if (k == 0)
        g_assert_cmpfloat (height, <, uniform - 200);
    }
}

/* What is read at a glance */

/* Each stage's wait is a bar in its header, to scale with the longest,
 * which stands out. */
static void
test_render_waits (void)
{
  g_autoptr(StapleSession) session = make_session (6);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 0);
  g_autoptr(cairo_surface_t) surface = NULL;
  StapleMapRenderOptions options;
  double strong[3], rgb[3], track_rgb[3];
  StapleWaitScale scale;

  staple_map_layout_get_wait_scale (layout, &scale);
  g_assert_cmpuint (scale.longest, ==, 5 * 60);
  staple_map_render_options_init (&options);
  surface = render (layout, &options);
  staple_map_marks_wait_rgb (TRUE, FALSE, FALSE, strong);

  /* Stage 1 waits not at all: its track is empty. */
  {
    const cairo_rectangle_t *track = &staple_map_layout_get_column (layout, 0)->wait;

    test_pixel_rgb (surface, track->x + track->width / 2, track->y + track->height / 2, track_rgb);
    g_assert_cmpfloat (test_luma (track_rgb), >, 0.8);
    test_pixel_rgb (surface, track->x + 1, track->y + track->height / 2, rgb);
    g_assert_cmpfloat (test_rgb_distance (rgb, track_rgb), <, 0.02);
  }

  for (guint i = 1; i < 6; i++)
    {
      const cairo_rectangle_t *track = &staple_map_layout_get_column (layout, i)->wait;
      double y = track->y + track->height / 2;
      double end = track->x + track->width * i / 5.0;

      /* Every track as long; filled to the wait's share of the longest. */
      g_assert_cmpfloat (track->width, ==, staple_map_layout_get_column (layout, 0)->wait.width);
      test_pixel_rgb (surface, end - 2, y, rgb);
      g_assert_cmpfloat (test_rgb_distance (rgb, track_rgb), >, 0.1);
      if (i < 5)
        {
          test_pixel_rgb (surface, end + 2, y, rgb);
          g_assert_cmpfloat (test_rgb_distance (rgb, track_rgb), <, 0.02);
        }

      /* The longest waits in the strong colour, the shorter not. */
      test_pixel_rgb (surface, track->x + 2, y, rgb);
      if (staple_map_marks_wait_stands_out (&scale, (guint) (i * 60)))
        g_assert_cmpfloat (test_rgb_distance (rgb, strong), <, 0.02);
      else
        g_assert_cmpfloat (test_rgb_distance (rgb, strong), >, 0.1);
    }
  g_assert_true (staple_map_marks_wait_stands_out (&scale, 5 * 60));
  g_assert_false (staple_map_marks_wait_stands_out (&scale, 1 * 60));
}

/* The feeling lanes show +2, 0 and −2 left of the first stage, and below
 * the neutral line the curve's area is the colour of a low. */
static void
test_render_feeling_scale (void)
{
  g_autoptr(StapleSession) session = make_session (5);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 0);
  g_autoptr(cairo_surface_t) surface = NULL;
  StapleMapRenderOptions options;
  const StapleMapLane lanes[] = { STAPLE_MAP_LANE_CUSTOMER, STAPLE_MAP_LANE_STAFF };
  const StapleMapColumn *first = staple_map_layout_get_column (layout, 0);
  double low[3], rgb[3];
  double neutral_y;

  staple_map_render_options_init (&options);
  surface = render (layout, &options);

  for (guint k = 0; k < G_N_ELEMENTS (lanes); k++)
    for (int feeling = -2; feeling <= 2; feeling += 2)
      {
        double y = staple_map_layout_feeling_to_y (layout, lanes[k], feeling);

        if (test_count_pixels (surface, first->column.x - 30, y - 5, 26, 10, TRUE, 0.6) < 6)
          g_error ("no %+d on the scale of lane %d", feeling, lanes[k]);
      }

  /* Stage 1 feels −1 (customers): between its point and the neutral line,
   * the low's colour shows through. */
  staple_map_marks_feeling_rgb (-2, FALSE, FALSE, low);
  g_assert_cmpint (staple_stage_get_customer_feeling (first->stage), ==, -1);
  neutral_y = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_CUSTOMER, 0);
  test_pixel_rgb (surface, first->column.x + 6, (first->customer_y + neutral_y) / 2, rgb);
  g_assert_cmpfloat (rgb[0] - rgb[2], >, 0.12); /* warm, as the low is */
  g_assert_cmpfloat (low[0] - low[2], >, 0.5);
}

/* Scrolled sideways on screen, the lanes' names are drawn at the visible
 * left edge; on paper, and unpinned, they are not. */
static void
test_render_pinned_labels (void)
{
  g_autoptr(StapleSession) session = make_session (8);
  g_autoptr(StapleMapLayout) layout = layout_for (session, 0);
  g_autoptr(cairo_surface_t) pinned = NULL;
  g_autoptr(cairo_surface_t) unpinned = NULL;
  StapleMapRenderOptions options;
  const StapleMapColumn *fourth = staple_map_layout_get_column (layout, 3);
  double x = fourth->column.x + 30;
  double y;

  staple_map_render_options_init (&options);
  options.clip_to_visible = TRUE;
  options.visible = (cairo_rectangle_t) { x, 0, 800, staple_map_layout_get_height (layout) };
  unpinned = render (layout, &options);
  options.pin_lane_labels = TRUE;
  pinned = render (layout, &options);

  /* The root causes' name, where the fourth stage's causes are blank. */
  staple_map_layout_get_lane (layout, STAPLE_MAP_LANE_CAUSES, &y, NULL);
  g_assert_cmpuint (test_count_pixels (unpinned, x + 8, y + 30, 80, 12, TRUE, 0.6), ==, 0);
  g_assert_cmpuint (test_count_pixels (unpinned, x + 8, y + 8, 80, 14, TRUE, 0.6), ==, 0);
  g_assert_cmpuint (test_count_pixels (pinned, x + 8, y + 8, 80, 14, TRUE, 0.6), >=, 15);

  /* What the band covers, for a click there to hit nothing under it. */
  g_assert_cmpfloat (staple_map_render_pinned_width (layout, &options), >=, 114);
  g_assert_cmpfloat (staple_map_render_pinned_width (layout, &options), <,
                     fourth->column.width);
  options.visible.x = 0;
  g_assert_cmpfloat (staple_map_render_pinned_width (layout, &options), ==, 0);
  options.visible.x = x;
  options.pin_lane_labels = FALSE;
  g_assert_cmpfloat (staple_map_render_pinned_width (layout, &options), ==, 0);

  /* And the customers' scale, pinned too. */
  y = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_CUSTOMER, -2);
  g_assert_cmpuint (test_count_pixels (pinned, x + 80, y - 5, 40, 10, TRUE, 0.6), >=, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map/rows/default", test_rows_default);
  g_test_add_func ("/map/rows/wrap", test_rows_wrap);
  g_test_add_func ("/map/rows/spread", test_rows_spread);
  g_test_add_func ("/map/rows/hit", test_rows_hit);
  g_test_add_func ("/map/rows/lane-labels", test_rows_lane_labels);
  g_test_add_func ("/map/rows/own-height", test_rows_own_height);
  g_test_add_func ("/map/fit/long", test_fit_long);
  g_test_add_func ("/map/fit/short", test_fit_short);
  g_test_add_func ("/map/fit/whole", test_fit_whole);
  g_test_add_func ("/map/fit/example", test_fit_example);
  g_test_add_func ("/map/fit/heavy", test_fit_heavy);
  g_test_add_func ("/map/render/waits", test_render_waits);
  g_test_add_func ("/map/render/feeling-scale", test_render_feeling_scale);
  g_test_add_func ("/map/render/pinned-labels", test_render_pinned_labels);

  return g_test_run ();
}
