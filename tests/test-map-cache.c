/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-map-cache.c: the card images the map's renderer keeps between draws,
 * on the benchmark's 1,200-card map: only those near the view, under a
 * budget whatever the zoom and scrolling, drawn anew when a card changes
 * (and when the change is undone), and the same pixels after scrolling away
 * and back. No display. */
#include "config.h"

#include <string.h>

#include "../bench/staple-bench-util.h" /* the 1,200-card session */
#include "staple-editor.h"
#include "staple-map-layout.h"
#include "staple-map-renderer-private.h"
#include "staple-store.h"
#include "test-util.h"

#define VIEW_WIDTH  1600
#define VIEW_HEIGHT 1000

/* cairo 1.16 has no autoptr support of its own (GTK adds it). */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

typedef struct
{
  char            *dir;
  StapleStore     *store;
  StapleSession   *session;
  StapleEditor    *editor;
  StapleMapLayout *layout;
} Fixture;

/* The benchmark's session; with @data, saved and read back so that an
 * editor can edit it. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StapleSession) made = bench_make_session (40, 30, 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (data == NULL)
    f->session = g_steal_pointer (&made);
  else
    {
      f->dir = test_make_tmp_dir ();
      path = g_build_filename (f->dir, "sessions.db", NULL);
      f->store = staple_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (staple_store_add_session (f->store, made, &error));
      g_assert_no_error (error);
      f->session = staple_store_load_session (f->store, staple_session_get_id (made), &error);
      g_assert_no_error (error);
      f->editor = staple_editor_new (f->store, f->session);
    }

  f->layout = staple_map_layout_new ();
  staple_map_layout_set_session (f->layout, f->session);
  staple_map_layout_update (f->layout);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->layout);
  g_clear_object (&f->editor);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  if (f->dir != NULL)
    test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  /* Whatever a test set, the next one starts with the default. */
  _staple_map_render_set_card_images_budget (0);
}

/* Draws the view of @visible, at @zoom, as the map view does. */
static void
render_view (StapleMapLayout         *layout,
             cairo_surface_t         *surface,
             const cairo_rectangle_t *visible,
             double                   zoom)
{
  cairo_t *cr = cairo_create (surface);
  StapleMapRenderOptions options;

  staple_map_render_options_init (&options);
  options.zoom = zoom;
  options.clip_to_visible = TRUE;
  options.cache_cards = TRUE;
  options.pin_lane_labels = TRUE;
  options.visible = *visible;
  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -visible->x, -visible->y);
  staple_map_render (layout, cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

static cairo_surface_t *
new_view_surface (void)
{
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
}

static cairo_rectangle_t
view_at (double x,
         double y,
         double zoom)
{
  return (cairo_rectangle_t) { x, y, VIEW_WIDTH / zoom, VIEW_HEIGHT / zoom };
}

static gboolean
rects_intersect (const cairo_rectangle_t *a,
                 const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && a->x + a->width > b->x &&
         a->y < b->y + b->height && a->y + a->height > b->y;
}

static gboolean
rect_contains (const cairo_rectangle_t *outer,
               const cairo_rectangle_t *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/* A view's width or height around it, every way: what is near it. */
static cairo_rectangle_t
near (const cairo_rectangle_t *v)
{
  return (cairo_rectangle_t) { v->x - v->width, v->y - v->height, 3 * v->width, 3 * v->height };
}

/* How many cards reach into @a or @b. */
static guint
count_cards_in (StapleMapLayout         *layout,
                const cairo_rectangle_t *a,
                const cairo_rectangle_t *b)
{
  guint n = 0;

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);

          n += rects_intersect (&card->rect, a) || rects_intersect (&card->rect, b);
        }
    }

  return n;
}

/* How many cards in @visible (wholly, or only reaching into it) have an
 * image, and how many are there. */
static guint
count_cached (StapleMapLayout         *layout,
              const cairo_rectangle_t *visible,
              gboolean                 wholly,
              guint                   *n_cards)
{
  guint n = 0;

  *n_cards = 0;
  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);

          if (wholly ? !rect_contains (visible, &card->rect)
                     : !rects_intersect (visible, &card->rect))
            continue;
          *n_cards += 1;
          n += _staple_map_render_has_card_image (layout, card);
        }
    }

  return n;
}

/* Draws the view until every card in it has an image: the first draw at a
 * zoom makes none, and each draw only a few more than it pastes. Returns
 * how many draws that took. */
static guint
render_settled (StapleMapLayout         *layout,
                cairo_surface_t         *surface,
                const cairo_rectangle_t *visible)
{
  guint n_cards;

  for (guint n = 1; n <= 8; n++)
    {
      render_view (layout, surface, visible, 1);
      if (count_cached (layout, visible, FALSE, &n_cards) == n_cards)
        return n;
    }

  g_assert_not_reached ();
  return 0;
}

/* Whether two view surfaces have the same pixels in @area (map units of
 * the view of @visible at 100 %); the whole view when @area is NULL. */
static gboolean
same_pixels (cairo_surface_t         *a,
             cairo_surface_t         *b,
             const cairo_rectangle_t *visible,
             const cairo_rectangle_t *area)
{
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  int x0 = 0, y0 = 0, x1 = VIEW_WIDTH, y1 = VIEW_HEIGHT;

  if (area != NULL)
    {
      x0 = MAX (0, (int) (area->x - visible->x) - 1);
      y0 = MAX (0, (int) (area->y - visible->y) - 1);
      x1 = MIN (VIEW_WIDTH, (int) (area->x + area->width - visible->x) + 2);
      y1 = MIN (VIEW_HEIGHT, (int) (area->y + area->height - visible->y) + 2);
    }

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  for (int y = y0; y < y1; y++)
    if (memcmp (pa + y * stride + 4 * x0, pb + y * stride + 4 * x0, 4 * (x1 - x0)) != 0)
      return FALSE;

  return TRUE;
}

/* Whether two view surfaces differ by at most @tolerance in any channel of
 * any pixel. */
static gboolean
close_pixels (cairo_surface_t *a,
              cairo_surface_t *b,
              int              tolerance)
{
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);

  for (int i = 0; i < stride * VIEW_HEIGHT; i++)
    if (ABS ((int) pa[i] - (int) pb[i]) > tolerance)
      return FALSE;

  return TRUE;
}

/* What a renderer that never drew this session before draws: a new layout
 * of it, drawn until it too pastes an image of every card. */
static cairo_surface_t *
render_fresh (StapleSession           *session,
              const cairo_rectangle_t *visible)
{
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  cairo_surface_t *surface = new_view_surface ();

  staple_map_layout_set_session (layout, session);
  render_settled (layout, surface, visible);
  return surface;
}

/* The first card wholly in the view, in the column under its middle. */
static const StapleMapCard *
card_in_view (StapleMapLayout         *layout,
              const cairo_rectangle_t *visible)
{
  double middle = visible->x + visible->width / 2;

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      if (middle < column->column.x || middle >= column->column.x + column->column.width)
        continue;
      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);

          if (rect_contains (visible, &card->rect))
            return card;
        }
    }

  g_assert_not_reached ();
  return NULL;
}

/* Scrolling across the whole map at 100 %, there and back, the renderer
 * keeps only the cards within a view of the one drawn and the one before,
 * and has an image of every card on screen. */
static void
test_sweep_keeps_only_near (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(cairo_surface_t) surface = new_view_surface ();
  double width = staple_map_layout_get_width (f->layout);
  double height = staple_map_layout_get_height (f->layout);
  double last_y = MAX (0, height - VIEW_HEIGHT);
  cairo_rectangle_t before = near (&(cairo_rectangle_t) { 0, 0, VIEW_WIDTH, VIEW_HEIGHT });
  gsize most = 0, bytes = 0;
  guint n_cards, n_draws = 0, n_steps = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (double step = 0; step < width; step += VIEW_WIDTH / 2.0)
      {
        double x = pass == 0 ? step : width - VIEW_WIDTH - step;
        cairo_rectangle_t visible = view_at (MAX (0, x), pass == 0 ? 0 : last_y, 1);
        cairo_rectangle_t around = near (&visible);
        guint n, n_here = 0;

        /* Drawn until every card on screen has an image: at once when
         * scrolled by a little, in a few draws after a jump (and the first
         * draw at a zoom makes none). */
        do
          {
            render_view (f->layout, surface, &visible, 1);
            n_draws++;
            n = _staple_map_render_get_card_images (f->layout, &bytes);
            g_assert_cmpuint (n, <=, count_cards_in (f->layout, &around, &before));
            g_assert_cmpuint (bytes, ==, _staple_map_render_get_card_images_bytes ());
            most = MAX (most, bytes);
            g_assert_cmpuint (++n_here, <=, 4);
            before = around;
          }
        while (count_cached (f->layout, &visible, FALSE, &n_cards) < n_cards);
        n_steps++;
      }

  g_test_message ("%u views in %u draws; at most %.1f MB of card images, %.1f MB at the "
                  "end, %u images", n_steps, n_draws, most / 1048576.0, bytes / 1048576.0,
                  _staple_map_render_get_card_images (f->layout, NULL));
  /* A view shows some 50 of the 1,200 cards: nowhere near all of them. */
  g_assert_cmpuint (_staple_map_render_get_card_images (f->layout, NULL), <, 300);
}

/* Scrolled far away and back, the view is drawn the same; the cards far
 * away were let go of in between. */
static void
test_scroll_away_and_back (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(cairo_surface_t) first = new_view_surface ();
  g_autoptr(cairo_surface_t) again = new_view_surface ();
  g_autoptr(cairo_surface_t) away = new_view_surface ();
  double width = staple_map_layout_get_width (f->layout);
  cairo_rectangle_t here = view_at (width / 2 - VIEW_WIDTH / 2, 0, 1);
  cairo_rectangle_t there = view_at (width - VIEW_WIDTH, 0, 1);
  guint n_cards;

  render_settled (f->layout, first, &here);
  g_assert_cmpuint (count_cached (f->layout, &here, TRUE, &n_cards), ==, n_cards);
  g_assert_cmpuint (n_cards, >, 20);

  render_settled (f->layout, away, &there);
  render_view (f->layout, away, &there, 1);
  g_assert_cmpuint (count_cached (f->layout, &here, FALSE, &n_cards), ==, 0);
  g_assert_false (same_pixels (first, away, &here, NULL));

  /* The first draw back costs what a draw without images does: it makes
   * only a few; the cards drawn without look the same, but for rounding. */
  render_view (f->layout, again, &here, 1);
  g_assert_cmpuint (count_cached (f->layout, &here, FALSE, &n_cards), <, n_cards / 4);
  g_assert_true (close_pixels (first, again, 3));
  g_assert_cmpuint (render_settled (f->layout, again, &here), <=, 3);
  g_assert_true (same_pixels (first, again, &here, NULL));
}

/* An edited card shows what it says now, not the image kept of it, and
 * what it said again once the edit is undone: its text, its severity, the
 * card deleted and back. */
static void
test_edit_draws_anew (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(cairo_surface_t) original = new_view_surface ();
  g_autoptr(cairo_surface_t) edited = new_view_surface ();
  double width = staple_map_layout_get_width (f->layout);
  cairo_rectangle_t here = view_at (width / 2 - VIEW_WIDTH / 2, 0, 1);
  const StapleMapCard *card;
  StapleFriction *friction;
  cairo_rectangle_t rect;
  g_autoptr(GError) error = NULL;

  render_settled (f->layout, original, &here);
  card = card_in_view (f->layout, &here);
  friction = card->friction;
  rect = card->rect;
  g_assert_true (_staple_map_render_has_card_image (f->layout, card));

  for (guint edit = 0; edit < 3; edit++)
    {
      g_autoptr(cairo_surface_t) fresh = NULL;

      if (edit == 0)
        g_assert_true (staple_editor_set_string (f->editor, friction, "text",
                                                 "Nobody answers the callback line", &error));
      else if (edit == 1)
        g_assert_true (staple_editor_set_int (f->editor, friction, "severity",
                                              staple_friction_get_severity (friction) % 5 + 1,
                                              &error));
      else
        g_assert_true (staple_editor_delete_friction (f->editor, friction, &error));
      g_assert_no_error (error);

      render_view (f->layout, edited, &here, 1);
      fresh = render_fresh (f->session, &here);
      g_assert_false (same_pixels (original, edited, &here, &rect));
      g_assert_true (same_pixels (fresh, edited, &here, &rect));
      g_assert_true (same_pixels (fresh, edited, &here, NULL));

      g_assert_true (staple_editor_undo (f->editor, &error));
      g_assert_no_error (error);
      render_view (f->layout, edited, &here, 1);
      g_assert_true (same_pixels (original, edited, &here, &rect));
      g_assert_true (same_pixels (original, edited, &here, NULL));

      /* Undoing the deletion brought back another object. */
      card = card_in_view (f->layout, &here);
      friction = card->friction;
      g_assert_true (_staple_map_render_has_card_image (f->layout, card));
    }
}

/* Under a small budget, panning zoomed in and zooming in and out, two maps
 * at once: their images together never take more than the budget, and the
 * cards on screen still get images, the oldest making room. */
static void
test_budget_whatever_the_zoom (Fixture       *f,
                               gconstpointer  data)
{
  static const double zooms[] = { 2, 1, 3.5, 1.5, 4, 0.8 };
  const gsize budget = 3 * 1024 * 1024;
  g_autoptr(StapleMapLayout) other = staple_map_layout_new ();
  g_autoptr(cairo_surface_t) surface = new_view_surface ();
  double width = staple_map_layout_get_width (f->layout);
  double height = staple_map_layout_get_height (f->layout);
  guint n_cards, n_draws = 0;

  staple_map_layout_set_session (other, f->session);
  _staple_map_render_set_card_images_budget (budget);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (guint step = 0; step < 12; step++)
      {
        /* Panning by a quarter of a view, down and across the middle. */
        cairo_rectangle_t visible = view_at (width / 3 + step * VIEW_WIDTH / 4.0 / zooms[z],
                                             (step % 3) * height / 4, zooms[z]);

        render_view (step % 2 ? other : f->layout, surface, &visible, zooms[z]);
        render_view (step % 2 ? other : f->layout, surface, &visible, zooms[z]);
        n_draws += 2;
        g_assert_cmpuint (_staple_map_render_get_card_images_bytes (), <=, budget);
        g_assert_cmpuint (count_cached (step % 2 ? other : f->layout, &visible, FALSE, &n_cards),
                          >, 0);
      }

  g_test_message ("%u draws; at the end %.1f MB of card images", n_draws,
                  _staple_map_render_get_card_images_bytes () / 1048576.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/map-cache/sweep-keeps-only-near", Fixture, NULL, fixture_set_up,
              test_sweep_keeps_only_near, fixture_tear_down);
  g_test_add ("/map-cache/scroll-away-and-back", Fixture, NULL, fixture_set_up,
              test_scroll_away_and_back, fixture_tear_down);
  g_test_add ("/map-cache/edit-draws-anew", Fixture, "editor", fixture_set_up,
              test_edit_draws_anew, fixture_tear_down);
  g_test_add ("/map-cache/budget-whatever-the-zoom", Fixture, NULL, fixture_set_up,
              test_budget_whatever_the_zoom, fixture_tear_down);

  return g_test_run ();
}
