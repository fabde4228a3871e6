/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-bench-map.c: how fast the journey map lays out and draws, on
 * screen and into a PDF: layout-1200, redraw-1200-100pct, redraw-1200-fit,
 * redraw-after-edit, pdf-export-1200, sweep-1200-mb.
 *
 * The baseline is bare cairo and Pango doing the same work naively: a
 * fresh PangoLayout for every text on every run, and no culling of what is
 * off screen. It leaves out the same text our renderer leaves out (text
 * drawn smaller than MIN_READABLE_PX is drawn as bars), so that a ratio
 * says what our caching and culling are worth, not what leaving text out
 * is worth. See bench/README.md for what each line draws.
 */
#define G_LOG_DOMAIN "staple-bench"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "staple-bench-map.h"
#include "staple-bench-util.h"
#include "staple-map-layout.h"
#include "staple-map-renderer.h"
#include "staple-map-renderer-private.h" /* how much the card images take */
#include "staple-report.h"

#define N_STAGES        40
#define N_CARDS         30
#define N_PARTICIPANTS  8
#define VIEW_WIDTH      1600
#define VIEW_HEIGHT     1000
/* The renderer's own threshold (staple-map-renderer.c): below it a text
 * would be drawn smaller than this many pixels, and is left out. */
#define MIN_READABLE_PX 5.0

/* What the naive baseline draws, copied once out of our layout: geometry
 * and text settings only, never a measured PangoLayout. */

typedef struct
{
  char                 *text;      /* NULL: read from the model when drawing */
  PangoFontDescription *font;
  int                   width;     /* Pango units, or -1 */
  int                   height;    /* Pango units, or −lines */
  PangoEllipsizeMode    ellipsize;
} NaiveText;

typedef struct
{
  StapleFriction    *friction;
  cairo_rectangle_t  rect;
  NaiveText          label;
  guint              n_votes;
} NaiveCard;

typedef struct
{
  StapleStage       *stage;
  cairo_rectangle_t  column;
  cairo_rectangle_t  header;
  NaiveText          title;
  NaiveText          subtitle;
  NaiveText          times;
  NaiveText          causes;
  NaiveText          handoff_label;
  double             customer_y;
  double             staff_y;
  gboolean           handoff_after;
  GArray            *cards;        /* NaiveCard */
} NaiveColumn;

typedef struct
{
  double     width;
  double     height;
  double     lane_y[STAPLE_MAP_N_LANES];
  double     lane_height[STAPLE_MAP_N_LANES];
  double     customer_zero;
  double     staff_zero;
  NaiveText  lane_labels[STAPLE_MAP_N_LANES];
  NaiveText  card_text;         /* text NULL: each card's own */
  NaiveText  small;             /* vote counts; text NULL */
  GArray    *columns;           /* NaiveColumn */
} NaiveMap;

static void
naive_text_init (NaiveText   *naive,
                 PangoLayout *layout,
                 gboolean     copy_text)
{
  naive->text = copy_text ? g_strdup (pango_layout_get_text (layout)) : NULL;
  naive->font = pango_font_description_copy (pango_layout_get_font_description (layout));
  naive->width = pango_layout_get_width (layout);
  naive->height = pango_layout_get_height (layout);
  naive->ellipsize = pango_layout_get_ellipsize (layout);
}

static void
naive_text_clear (NaiveText *naive)
{
  g_clear_pointer (&naive->text, g_free);
  g_clear_pointer (&naive->font, pango_font_description_free);
}

static void
naive_card_clear (gpointer data)
{
  naive_text_clear (&((NaiveCard *) data)->label);
}

static void
naive_column_clear (gpointer data)
{
  NaiveColumn *column = data;

  naive_text_clear (&column->title);
  naive_text_clear (&column->subtitle);
  naive_text_clear (&column->times);
  naive_text_clear (&column->causes);
  naive_text_clear (&column->handoff_label);
  g_clear_pointer (&column->cards, g_array_unref);
}

static void
naive_column_init (NaiveColumn           *naive,
                   const StapleMapColumn *column)
{
  naive->stage = column->stage;
  naive->column = column->column;
  naive->header = column->header;
  naive_text_init (&naive->title, column->title, TRUE);
  naive_text_init (&naive->subtitle, column->subtitle, TRUE);
  naive_text_init (&naive->times, column->times, TRUE);
  naive_text_init (&naive->causes, column->causes, TRUE);
  naive_text_init (&naive->handoff_label, column->handoff_label, TRUE);
  naive->customer_y = column->customer_y;
  naive->staff_y = column->staff_y;
  naive->handoff_after = column->handoff_after;
  naive->cards = g_array_sized_new (FALSE, TRUE, sizeof (NaiveCard), column->cards->len);
  g_array_set_clear_func (naive->cards, naive_card_clear);

  for (guint j = 0; j < column->cards->len; j++)
    {
      const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);
      NaiveCard copy = { card->friction, card->rect, { 0 }, card->n_votes };

      naive_text_init (&copy.label, card->label, TRUE);
      g_array_append_val (naive->cards, copy);
    }
}

static NaiveMap *
naive_map_new (StapleMapLayout *layout)
{
  NaiveMap *map = g_new0 (NaiveMap, 1);
  guint n_columns = staple_map_layout_get_n_columns (layout);

  map->width = staple_map_layout_get_width (layout);
  map->height = staple_map_layout_get_height (layout);
  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      staple_map_layout_get_lane (layout, lane, &map->lane_y[lane], &map->lane_height[lane]);
      naive_text_init (&map->lane_labels[lane],
                       staple_map_layout_get_lane_label (layout, lane), TRUE);
    }
  map->customer_zero = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_CUSTOMER, 0);
  map->staff_zero = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_STAFF, 0);
  naive_text_init (&map->card_text, staple_map_layout_get_card (layout, 0, 0)->text, FALSE);
  naive_text_init (&map->small, staple_map_layout_get_small_text (layout, "1"), FALSE);

  map->columns = g_array_sized_new (FALSE, TRUE, sizeof (NaiveColumn), n_columns);
  g_array_set_clear_func (map->columns, naive_column_clear);
  g_array_set_size (map->columns, n_columns);
  for (guint i = 0; i < n_columns; i++)
    naive_column_init (&g_array_index (map->columns, NaiveColumn, i),
                       staple_map_layout_get_column (layout, i));

  return map;
}

static void
naive_map_free (NaiveMap *map)
{
  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    naive_text_clear (&map->lane_labels[lane]);
  naive_text_clear (&map->card_text);
  naive_text_clear (&map->small);
  g_array_unref (map->columns);
  g_free (map);
}

/* The naive baseline: what drawing the map straight with cairo and Pango
 * costs. The same shapes as our renderer, every text through a PangoLayout
 * made, measured and dropped on the spot, and everything drawn whether on
 * screen or not. */

static const double paper[3] = { 0.98, 0.98, 0.98 };
static const double white[3] = { 1, 1, 1 };
static const double border[3] = { 0.80, 0.79, 0.78 };
static const double ink[3] = { 0.14, 0.12, 0.19 };
static const double dim[3] = { 0.37, 0.36, 0.39 };
static const double customer_rgb[3] = { 0.0, 0.447, 0.698 };
static const double staff_rgb[3] = { 0.0, 0.52, 0.38 };
static const double handoff_rgb[3] = { 0.55, 0.55, 0.55 };
static const double silo_rgb[3] = { 0.835, 0.369, 0.0 };

typedef struct
{
  cairo_t        *cr;
  PangoContext   *context;
  const NaiveMap *map;
  gboolean        cards_readable;  /* card text at least MIN_READABLE_PX */
  gboolean        texts_readable;  /* headers, lanes, causes (9 pt) likewise */
} Naive;

static void
set_rgb (cairo_t      *cr,
         const double *rgb)
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

static void
rounded_rect (cairo_t                 *cr,
              const cairo_rectangle_t *rect,
              double                   radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The same settings as the layout's own Pango context: unhinted, 96 dpi. */
static void
setup_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
}

static PangoLayout *
naive_layout (PangoContext    *context,
              const NaiveText *spec,
              const char      *text)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, spec->font);
  pango_layout_set_width (layout, spec->width);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, spec->ellipsize);
  pango_layout_set_height (layout, spec->height);
  pango_layout_set_text (layout, text != NULL ? text : spec->text, -1);
  return layout;
}

/* Lays out, draws and drops a text; returns its height. */
static double
naive_show (Naive           *naive,
            const NaiveText *spec,
            const char      *text,
            double           x,
            double           y,
            const double    *rgb)
{
  PangoLayout *layout = naive_layout (naive->context, spec, text);
  PangoRectangle logical;

  set_rgb (naive->cr, rgb);
  cairo_move_to (naive->cr, x, y);
  pango_cairo_show_layout (naive->cr, layout);
  pango_layout_get_extents (layout, NULL, &logical);
  g_object_unref (layout);
  return (double) logical.height / PANGO_SCALE;
}

static void
naive_background (Naive *naive)
{
  const NaiveMap *map = naive->map;
  cairo_t *cr = naive->cr;

  set_rgb (cr, paper);
  cairo_paint (cr);

  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      if (lane % 2 == 1)
        {
          cairo_set_source_rgba (cr, 0, 0, 0, 0.035);
          cairo_rectangle (cr, 0, map->lane_y[lane], map->width, map->lane_height[lane]);
          cairo_fill (cr);
        }
      if (naive->texts_readable)
        naive_show (naive, &map->lane_labels[lane], NULL, 24, map->lane_y[lane] + 10, dim);
    }
}

static void
naive_column_background (Naive             *naive,
                         const NaiveColumn *column)
{
  rounded_rect (naive->cr, &column->column, 10);
  set_rgb (naive->cr, white);
  cairo_fill_preserve (naive->cr);
  set_rgb (naive->cr, border);
  cairo_set_line_width (naive->cr, 1);
  cairo_stroke (naive->cr);
}

static void
naive_header (Naive             *naive,
              const NaiveColumn *column)
{
  double x = column->header.x + 12;
  double y = column->header.y + 10;

  if (!naive->texts_readable)
    {
      set_rgb (naive->cr, ink);
      cairo_rectangle (naive->cr, x, y, column->header.width * 0.6, 8);
      cairo_fill (naive->cr);
      return;
    }

  y += naive_show (naive, &column->title, NULL, x, y, ink) + 4;
  y += naive_show (naive, &column->subtitle, NULL, x, y, dim);
  naive_show (naive, &column->times, NULL, x, y,
              staple_stage_get_dropped (column->stage) ? silo_rgb : dim);
}

static void
naive_curve (Naive             *naive,
             guint              index,
             gboolean           customer)
{
  const NaiveMap *map = naive->map;
  const NaiveColumn *column = &g_array_index (map->columns, NaiveColumn, index);
  cairo_t *cr = naive->cr;
  double cx = column->column.x + column->column.width / 2;
  double y = customer ? column->customer_y : column->staff_y;
  double zero = customer ? map->customer_zero : map->staff_zero;
  const double *rgb = customer ? customer_rgb : staff_rgb;

  cairo_set_source_rgba (cr, dim[0], dim[1], dim[2], 0.35);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
  cairo_move_to (cr, column->column.x, zero);
  cairo_line_to (cr, column->column.x + column->column.width, zero);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (index + 1 < map->columns->len)
    {
      const NaiveColumn *next = &g_array_index (map->columns, NaiveColumn, index + 1);

      set_rgb (cr, rgb);
      cairo_set_line_width (cr, 3);
      cairo_move_to (cr, cx, y);
      cairo_line_to (cr, next->column.x + next->column.width / 2,
                     customer ? next->customer_y : next->staff_y);
      cairo_stroke (cr);
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, y, 6, 0, 2 * G_PI);
  set_rgb (cr, rgb);
  cairo_fill_preserve (cr);
  set_rgb (cr, white);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
naive_handoff (Naive *naive,
               guint  index)
{
  const NaiveMap *map = naive->map;
  const NaiveColumn *column = &g_array_index (map->columns, NaiveColumn, index);
  const NaiveColumn *next;
  cairo_t *cr = naive->cr;
  gboolean silo = column->handoff_after;
  double lane_y = map->lane_y[STAPLE_MAP_LANE_HANDOFFS];
  double y = lane_y + map->lane_height[STAPLE_MAP_LANE_HANDOFFS] * (silo ? 0.62 : 0.5);
  double x0, x1;

  if (index + 1 >= map->columns->len)
    return;

  next = &g_array_index (map->columns, NaiveColumn, index + 1);
  x0 = column->column.x + column->column.width / 2;
  x1 = next->column.x + next->column.width / 2 - 10;

  set_rgb (cr, silo ? silo_rgb : handoff_rgb);
  cairo_set_line_width (cr, silo ? 4 : 1.5);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_move_to (cr, x1 + 10, y);
  cairo_line_to (cr, x1 - (silo ? 2 : 6), y - (silo ? 9 : 5));
  cairo_line_to (cr, x1 - (silo ? 2 : 6), y + (silo ? 9 : 5));
  cairo_close_path (cr);
  cairo_fill (cr);

  if (silo && naive->texts_readable)
    naive_show (naive, &next->handoff_label, NULL, next->column.x + 12, lane_y + 2, silo_rgb);
}

static void
naive_pips_and_votes (Naive           *naive,
                      const NaiveCard *card,
                      double           y)
{
  cairo_t *cr = naive->cr;
  const cairo_rectangle_t *r = &card->rect;
  double right = r->x + r->width - (card->n_votes > 0 ? 30 : 10);
  int severity = staple_friction_get_severity (card->friction);
  char number[16];
  PangoLayout *layout;
  PangoRectangle logical;

  for (int i = 0; i < STAPLE_SEVERITY_MAX; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, right - (STAPLE_SEVERITY_MAX - i) * 7 + 2.6, y,
                 i < severity ? 2.6 : 2.0, 0, 2 * G_PI);
      set_rgb (cr, ink);
      if (i < severity)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
    }

  if (card->n_votes == 0)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - 14, y, 8, 0, 2 * G_PI);
  set_rgb (cr, ink);
  cairo_fill (cr);

  g_snprintf (number, sizeof number, "%u", card->n_votes);
  layout = naive_layout (naive->context, &naive->map->small, number);
  pango_layout_get_extents (layout, NULL, &logical);
  set_rgb (cr, white);
  cairo_move_to (cr, r->x + r->width - 14 - logical.width / (2.0 * PANGO_SCALE),
                 y - logical.height / (2.0 * PANGO_SCALE));
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
naive_card (Naive           *naive,
            const NaiveCard *card)
{
  cairo_t *cr = naive->cr;
  const cairo_rectangle_t *r = &card->rect;
  double kind_rgb[3];
  double tint[3];
  double label_y = r->y + 8;
  double label_h;

  staple_map_render_kind_color (staple_friction_get_kind (card->friction), FALSE, kind_rgb);
  for (guint i = 0; i < 3; i++)
    tint[i] = white[i] * 0.87 + kind_rgb[i] * 0.13;

  /* Too small to read: what our renderer draws instead, plain rectangles,
   * a bar for the text and the votes' dot. */
  if (!naive->cards_readable)
    {
      set_rgb (cr, tint);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_fill (cr);
      set_rgb (cr, kind_rgb);
      cairo_rectangle (cr, r->x, r->y, 6, r->height);
      cairo_fill (cr);
      set_rgb (cr, dim);
      cairo_rectangle (cr, r->x + 12, r->y + r->height / 2 - 2, (r->width - 24) * 0.7, 4);
      cairo_fill (cr);
      if (card->n_votes > 0)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, r->x + r->width - 14, r->y + 14, 8, 0, 2 * G_PI);
          set_rgb (cr, ink);
          cairo_fill (cr);
        }
      return;
    }

  rounded_rect (cr, r, 6);
  set_rgb (cr, tint);
  cairo_fill_preserve (cr);
  set_rgb (cr, border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  cairo_save (cr);
  rounded_rect (cr, r, 6);
  cairo_clip (cr);
  set_rgb (cr, kind_rgb);
  cairo_rectangle (cr, r->x, r->y, 6, r->height);
  cairo_fill (cr);
  cairo_restore (cr);

  label_h = naive_show (naive, &card->label, NULL, r->x + 14, label_y, dim);
  naive_pips_and_votes (naive, card, label_y + label_h / 2);
  naive_show (naive, &naive->map->card_text, staple_friction_get_text (card->friction),
              r->x + 14, label_y + label_h + 4, ink);
}

static void
naive_column (Naive *naive,
              guint  index)
{
  const NaiveColumn *column = &g_array_index (naive->map->columns, NaiveColumn, index);

  naive_header (naive, column);
  naive_curve (naive, index, TRUE);
  naive_curve (naive, index, FALSE);
  naive_handoff (naive, index);

  for (guint j = 0; j < column->cards->len; j++)
    naive_card (naive, &g_array_index (column->cards, NaiveCard, j));

  if (naive->texts_readable)
    naive_show (naive, &column->causes, NULL, column->column.x + 12,
                naive->map->lane_y[STAPLE_MAP_LANE_CAUSES] + 10, ink);
}

/* Draws columns first … last − 1 and everything around them, with a Pango
 * context made for this frame only; at @zoom, text too small to read is
 * left out as our renderer leaves it out. */
static void
naive_draw (const NaiveMap *map,
            cairo_t        *cr,
            double          zoom,
            guint           first,
            guint           last)
{
  Naive naive = { cr, pango_cairo_create_context (cr), map,
                  10 * zoom >= MIN_READABLE_PX, 9 * zoom >= MIN_READABLE_PX };

  setup_context (naive.context);
  naive_background (&naive);
  for (guint i = first; i < last; i++)
    naive_column_background (&naive, &g_array_index (map->columns, NaiveColumn, i));
  for (guint i = first; i < last; i++)
    naive_column (&naive, i);

  g_object_unref (naive.context);
}

typedef struct
{
  StapleSession    *session;
  StapleMapLayout  *layout;
  NaiveMap         *map;
  NaiveMap         *whole_map;     /* pdf-export-1200: every card's whole text */
  cairo_surface_t  *surface;
  cairo_rectangle_t viewport;      /* at 100 %, in map units */
  double            fit_zoom;
  StapleFriction   *edited;
  guint             edited_column;
  guint             n_edits;
} MapBench;

/* layout-1200 */

static double
layout_ours (gpointer data)
{
  MapBench *bench = data;
  StapleMapLayout *layout;
  double start = bench_now_ms ();
  double elapsed;

  layout = staple_map_layout_new ();
  staple_map_layout_set_session (layout, bench->session);
  staple_map_layout_update (layout);
  elapsed = bench_now_ms () - start;

  /* Freeing it, and letting go of the model's signals, is not timed. */
  g_object_unref (layout);
  return elapsed;
}

/* Bare Pango measures each card's text once, as the layout must; the layout
 * also measures every card's label and every stage's header and causes. */
static double
layout_baseline (gpointer data)
{
  MapBench *bench = data;
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (bench->session));
  double start = bench_now_ms ();
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoRectangle logical;

  setup_context (context);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);
          PangoLayout *layout = naive_layout (context, &bench->map->card_text,
                                              staple_friction_get_text (friction));

          pango_layout_get_extents (layout, NULL, &logical);
          g_object_unref (layout);
        }
    }
  g_object_unref (context);

  return bench_now_ms () - start;
}

/* redraw-1200-100pct and redraw-1200-fit */

static cairo_t *
create_view (MapBench                *bench,
             const cairo_rectangle_t *visible,
             double                   zoom)
{
  cairo_t *cr = cairo_create (bench->surface);

  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -visible->x, -visible->y);
  return cr;
}

static double
redraw_ours (MapBench                *bench,
             const cairo_rectangle_t *visible,
             double                   zoom)
{
  cairo_t *cr = create_view (bench, visible, zoom);
  StapleMapRenderOptions options;
  double start;
  double elapsed;

  staple_map_render_options_init (&options);
  options.zoom = zoom;
  options.clip_to_visible = TRUE;
  options.cache_cards = TRUE;
  options.visible = *visible;

  start = bench_now_ms ();
  staple_map_render (bench->layout, cr, &options);
  cairo_surface_flush (bench->surface);
  elapsed = bench_now_ms () - start;

  cairo_destroy (cr);
  return elapsed;
}

/* The whole map, whatever part of it the view shows. */
static double
redraw_baseline (MapBench                *bench,
                 const cairo_rectangle_t *visible,
                 double                   zoom)
{
  cairo_t *cr = create_view (bench, visible, zoom);
  double start = bench_now_ms ();
  double elapsed;

  naive_draw (bench->map, cr, zoom, 0, bench->map->columns->len);
  cairo_surface_flush (bench->surface);
  elapsed = bench_now_ms () - start;

  cairo_destroy (cr);
  return elapsed;
}

static double
full_ours (gpointer data)
{
  MapBench *bench = data;
  return redraw_ours (bench, &bench->viewport, 1.0);
}

static double
full_baseline (gpointer data)
{
  MapBench *bench = data;
  return redraw_baseline (bench, &bench->viewport, 1.0);
}

static double
fit_ours (gpointer data)
{
  MapBench *bench = data;
  cairo_rectangle_t whole = { 0, 0, bench->map->width, bench->map->height };

  return redraw_ours (bench, &whole, bench->fit_zoom);
}

static double
fit_baseline (gpointer data)
{
  MapBench *bench = data;
  cairo_rectangle_t whole = { 0, 0, bench->map->width, bench->map->height };

  return redraw_baseline (bench, &whole, bench->fit_zoom);
}

/* redraw-after-edit */

/* Two wordings of the same length, so the card keeps its height and only
 * its column needs drawing again. */
static void
edit_card (MapBench *bench)
{
  static const char * const wordings[] = {
    "Refund form asks for the order number twice",
    "Refund form asks for the order amount twice",
  };

  staple_friction_set_text (bench->edited, wordings[bench->n_edits++ % 2]);
}

static gboolean
intersect (const cairo_rectangle_t *a,
           const cairo_rectangle_t *b,
           cairo_rectangle_t       *result)
{
  double x0 = MAX (a->x, b->x);
  double y0 = MAX (a->y, b->y);
  double x1 = MIN (a->x + a->width, b->x + b->width);
  double y1 = MIN (a->y + a->height, b->y + b->height);

  *result = (cairo_rectangle_t) { x0, y0, MAX (0, x1 - x0), MAX (0, y1 - y0) };
  return x1 > x0 && y1 > y0;
}

/* The edit, the update, and drawing the damage: the edited card's column
 * where it is on screen. */
static double
edit_ours (gpointer data)
{
  MapBench *bench = data;
  cairo_t *cr = create_view (bench, &bench->viewport, 1.0);
  StapleMapRenderOptions options;
  const StapleMapColumn *column;
  double start;
  double elapsed;

  staple_map_render_options_init (&options);
  options.clip_to_visible = TRUE;
  options.cache_cards = TRUE;

  start = bench_now_ms ();
  edit_card (bench);
  staple_map_layout_update (bench->layout);
  column = staple_map_layout_get_column (bench->layout, bench->edited_column);
  intersect (&column->column, &bench->viewport, &options.visible);
  cairo_rectangle (cr, options.visible.x, options.visible.y, options.visible.width,
                   options.visible.height);
  cairo_clip (cr);
  staple_map_render (bench->layout, cr, &options);
  cairo_surface_flush (bench->surface);
  elapsed = bench_now_ms () - start;

  cairo_destroy (cr);
  return elapsed;
}

/* The baseline redraws the viewport naively: every column that reaches into
 * it, whole, with every text laid out afresh; the rest of the map is left
 * out (a naive view would at least do that much). */
static double
edit_baseline (gpointer data)
{
  MapBench *bench = data;
  cairo_t *cr = create_view (bench, &bench->viewport, 1.0);
  const NaiveMap *map = bench->map;
  guint first = map->columns->len;
  guint last = 0;
  double start;
  double elapsed;

  for (guint i = 0; i < map->columns->len; i++)
    {
      cairo_rectangle_t common;

      if (intersect (&g_array_index (map->columns, NaiveColumn, i).column,
                     &bench->viewport, &common))
        {
          first = MIN (first, i);
          last = i + 1;
        }
    }

  start = bench_now_ms ();
  edit_card (bench);
  naive_draw (map, cr, 1.0, first, last);
  cairo_surface_flush (bench->surface);
  elapsed = bench_now_ms () - start;

  cairo_destroy (cr);
  /* Our layout follows the model, untimed, before our next turn. */
  staple_map_layout_update (bench->layout);
  return elapsed;
}

/* Picks a card wholly in the viewport, in the column under its middle. */
static void
choose_edited_card (MapBench *bench)
{
  double middle = bench->viewport.x + bench->viewport.width / 2;

  for (guint i = 0; i < staple_map_layout_get_n_columns (bench->layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (bench->layout, i);

      if (middle < column->column.x || middle >= column->column.x + column->column.width)
        continue;

      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);
          cairo_rectangle_t common;

          if (intersect (&card->rect, &bench->viewport, &common) &&
              common.width == card->rect.width && common.height == card->rect.height)
            {
              bench->edited = card->friction;
              bench->edited_column = i;
              g_printerr ("edited card: stage %u card %u, \"%s\"\n", i, j,
                          staple_friction_get_text (card->friction));
              return;
            }
        }
    }

  g_error ("No card lies wholly in the viewport");
}

/* Both wordings once, so the map's geometry is the one both sides draw. */
static void
prepare_edit (MapBench *bench)
{
  const StapleMapColumn *column;
  double before, after;

  choose_edited_card (bench);
  edit_card (bench);
  staple_map_layout_update (bench->layout);
  column = staple_map_layout_get_column (bench->layout, bench->edited_column);
  before = staple_map_layout_get_height (bench->layout) + column->column.width;
  edit_card (bench);
  staple_map_layout_update (bench->layout);
  column = staple_map_layout_get_column (bench->layout, bench->edited_column);
  after = staple_map_layout_get_height (bench->layout) + column->column.width;
  if (before != after)
    g_printerr ("warning: the edit changes the map's geometry\n");
}

static void
describe (MapBench *bench)
{
  guint n_visible = 0;

  for (guint i = 0; i < bench->map->columns->len; i++)
    {
      const NaiveColumn *column = &g_array_index (bench->map->columns, NaiveColumn, i);

      for (guint j = 0; j < column->cards->len; j++)
        {
          cairo_rectangle_t common;

          n_visible += intersect (&g_array_index (column->cards, NaiveCard, j).rect,
                                  &bench->viewport, &common);
        }
    }

  g_printerr ("map %.0f x %.0f map units, %u stages x %u cards; viewport at %.0f,%.0f "
              "%d x %d shows %u cards; fit zoom %.4f\n",
              bench->map->width, bench->map->height, N_STAGES, N_CARDS,
              bench->viewport.x, bench->viewport.y, VIEW_WIDTH, VIEW_HEIGHT, n_visible,
              bench->fit_zoom);
}

static void
map_bench_init (MapBench *bench)
{
  g_autoptr(StapleMapLayout) whole = staple_map_layout_new ();
  double width, height;

  bench->session = bench_make_session (N_STAGES, N_CARDS, N_PARTICIPANTS);
  bench->layout = staple_map_layout_new ();
  staple_map_layout_set_session (bench->layout, bench->session);
  staple_map_layout_update (bench->layout);
  bench->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);

  width = staple_map_layout_get_width (bench->layout);
  height = staple_map_layout_get_height (bench->layout);
  bench->viewport = (cairo_rectangle_t) { floor (width / 2 - VIEW_WIDTH / 2),
                                          MAX (0, floor (height / 2 - VIEW_HEIGHT / 2)),
                                          VIEW_WIDTH, VIEW_HEIGHT };
  bench->fit_zoom = MIN (VIEW_WIDTH / width, VIEW_HEIGHT / height);

  prepare_edit (bench);
  bench->map = naive_map_new (bench->layout);

  staple_map_layout_set_whole_text (whole, TRUE);
  staple_map_layout_set_session (whole, bench->session);
  staple_map_layout_update (whole);
  bench->whole_map = naive_map_new (whole);
  describe (bench);
}

static void
map_bench_clear (MapBench *bench)
{
  naive_map_free (bench->map);
  naive_map_free (bench->whole_map);
  cairo_surface_destroy (bench->surface);
  g_clear_object (&bench->layout);
  g_clear_object (&bench->session);
}

/* pdf-export-1200 */

/* Ours: the map-only report on one A0 page (a plotter print), written to a
 * PDF file through the same code as "Export PDF". */
static double
pdf_ours (gpointer data)
{
  MapBench *bench = data;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "staple-bench.pdf", NULL);
  g_autoptr(StapleReport) report = NULL;
  StapleReportOptions options;
  double start = bench_now_ms ();
  double elapsed;

  staple_report_options_init (&options);
  options.kind = STAPLE_REPORT_MAP;
  options.paper = STAPLE_PAPER_A0;
  report = staple_report_new (bench->session, &options);
  if (!staple_report_write_pdf (report, path, NULL))
    g_error ("pdf-export-1200: could not write %s", path);
  elapsed = bench_now_ms () - start;

  g_unlink (path);
  return elapsed;
}

/* The baseline: bare cairo and Pango drawing the same map with every
 * card's whole text, as the report does (staple_map_layout_set_whole_text),
 * scaled to the same A0 page, into a PDF file as well. The report never
 * leaves text out on paper (it draws at 100 % or more), so neither does the
 * baseline. */
static double
pdf_baseline (gpointer data)
{
  MapBench *bench = data;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "staple-bench-naive.pdf", NULL);
  const NaiveMap *map = bench->whole_map;
  double width, height, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  double start = bench_now_ms ();
  double elapsed;

  staple_paper_get_size (STAPLE_PAPER_A0, STAPLE_ORIENTATION_LANDSCAPE, &width, &height);
  surface = cairo_pdf_surface_create (path, width, height);
  cr = cairo_create (surface);
  scale = MIN (width / map->width, height / map->height);
  cairo_scale (cr, scale, scale);
  naive_draw (map, cr, 1.0, 0, map->columns->len);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  elapsed = bench_now_ms () - start;

  g_unlink (path);
  return elapsed;
}
/* sweep-1200-mb */

static double
resident_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10) / 1024.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* What an image of @card takes at 100 %, as the renderer makes it. */
static double
card_image_mb (const StapleMapCard *card)
{
  return (ceil (card->rect.width) + 2) * (ceil (card->rect.height) + 2) * 4 / 1048576.0;
}

/* Ours: the card images the renderer holds at most while a 1,600 × 1,000
 * view at 100 % scrolls across the whole map, a quarter of a view per draw,
 * along its top and back along its bottom, in a layout of its own. The
 * baseline: what the images of every card that sweep showed take, as a
 * renderer that keeps every card it drew would hold. */
static void
sweep_run (MapBench *bench)
{
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  double width, height, before_mb, most_mb = 0, all_mb = 0;
  gsize bytes;

  staple_map_layout_set_session (layout, bench->session);
  staple_map_layout_update (layout);
  width = staple_map_layout_get_width (layout);
  height = staple_map_layout_get_height (layout);
  before_mb = resident_mb ();

  for (guint pass = 0; pass < 2; pass++)
    for (double step = 0; step <= width - VIEW_WIDTH; step += VIEW_WIDTH / 4.0)
      {
        cairo_rectangle_t visible = { pass == 0 ? step : width - VIEW_WIDTH - step,
                                      pass == 0 ? 0 : MAX (0, height - VIEW_HEIGHT),
                                      VIEW_WIDTH, VIEW_HEIGHT };
        cairo_t *cr = create_view (bench, &visible, 1.0);
        StapleMapRenderOptions options;
        double start, elapsed;

        staple_map_render_options_init (&options);
        options.clip_to_visible = TRUE;
        options.cache_cards = TRUE;
        options.pin_lane_labels = TRUE;
        options.visible = visible;
        start = bench_now_ms ();
        staple_map_render (layout, cr, &options);
        cairo_surface_flush (bench->surface);
        elapsed = bench_now_ms () - start;
        g_array_append_val (times, elapsed);
        cairo_destroy (cr);

        _staple_map_render_get_card_images (layout, &bytes);
        most_mb = MAX (most_mb, bytes / 1048576.0);

        for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
          {
            const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
            cairo_rectangle_t common;

            for (guint j = 0; j < column->cards->len; j++)
              {
                const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);

                if (intersect (&card->rect, &visible, &common) &&
                    g_hash_table_add (shown, card->friction))
                  all_mb += card_image_mb (card);
              }
          }
      }

  g_array_sort (times, compare_doubles);
  g_printerr ("sweep-1200-mb: %u draws (median %.3f ms wall), %u cards shown; at the end %u card "
              "images of %.1f MB; resident %.1f MB before the sweep, %.1f MB after\n",
              times->len, g_array_index (times, double, times->len / 2),
              g_hash_table_size (shown), _staple_map_render_get_card_images (layout, &bytes),
              bytes / 1048576.0, before_mb, resident_mb ());
  bench_print_mb ("sweep-1200-mb", most_mb, all_mb);
}

static const struct
{
  const char *name;
  BenchFunc   ours;
  BenchFunc   baseline;
  guint       repetitions;
} measures[] = {
  { "layout-1200", layout_ours, layout_baseline, 15 },
  { "redraw-1200-100pct", full_ours, full_baseline, 21 },
  { "redraw-1200-fit", fit_ours, fit_baseline, 21 },
  { "redraw-after-edit", edit_ours, edit_baseline, 31 },
  { "pdf-export-1200", pdf_ours, pdf_baseline, 7 },
};

/**
 * bench_map_run:
 * @names: the lines to measure, all when empty
 *
 * Measures and prints the map's lines.
 */
void
bench_map_run (char **names)
{
  MapBench bench = { 0 };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    any |= bench_wanted (measures[i].name, names);
  if (!any && !bench_wanted ("sweep-1200-mb", names))
    return;

  map_bench_init (&bench);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (bench_wanted (measures[i].name, names))
      bench_measure (measures[i].name, measures[i].ours, measures[i].baseline, &bench,
                     measures[i].repetitions);
  if (bench_wanted ("sweep-1200-mb", names))
    sweep_run (&bench);
  map_bench_clear (&bench);
}
