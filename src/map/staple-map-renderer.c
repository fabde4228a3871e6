/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-renderer.c: draws a journey map layout on any cairo surface.
 *
 * The same code paints the screen, PDF, SVG, PNG and print. It knows nothing
 * of widgets: it takes a layout, a cairo_t and a few options, draws only what
 * is visible, and below a readable size draws cards without their text.
 */
#define G_LOG_DOMAIN "staple-map-renderer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "staple-map-layout-private.h" /* the gutter's size, for the lanes' names */
#include "staple-map-marks.h"
#include "staple-map-renderer.h"

/* Below this many device pixels for a line of card text, text is left out. */
#define MIN_READABLE_PX 5.0
#define COLUMN_PAD_FOR_TEXT 12.0

typedef struct
{
  double paper[3];
  double band[4];
  double column[3];
  double column_current[3];
  double border[3];
  double text[3];
  double dim[3];
  double card_mix;     /* how much of the kind colour tints a card */
  double customer[3];
  double staff[3];
  double handoff[3];
  double silo[3];
  double accent[3];
} Palette;

static const Palette light = {
  .paper = { 0.98, 0.98, 0.98 },
  .band = { 0, 0, 0, 0.035 },
  .column = { 1, 1, 1 },
  .column_current = { 0.90, 0.94, 0.99 },
  .border = { 0.80, 0.79, 0.78 },
  .text = { 0.14, 0.12, 0.19 },
  .dim = { 0.37, 0.36, 0.39 },
  .card_mix = 0.13,
  .customer = { 0.0, 0.447, 0.698 },
  .staff = { 0.0, 0.52, 0.38 },
  .handoff = { 0.55, 0.55, 0.55 },
  .silo = { 0.835, 0.369, 0.0 },
  .accent = { 0.21, 0.52, 0.89 },
};

static const Palette dark = {
  .paper = { 0.14, 0.14, 0.14 },
  .band = { 1, 1, 1, 0.04 },
  .column = { 0.19, 0.19, 0.19 },
  .column_current = { 0.16, 0.24, 0.35 },
  .border = { 0.33, 0.33, 0.33 },
  .text = { 1, 1, 1 },
  .dim = { 0.75, 0.75, 0.75 },
  .card_mix = 0.24,
  .customer = { 0.34, 0.71, 0.91 },
  .staff = { 0.35, 0.80, 0.62 },
  .handoff = { 0.6, 0.6, 0.6 },
  .silo = { 1.0, 0.55, 0.25 },
  .accent = { 0.47, 0.68, 0.93 },
};

/* The Okabe–Ito colours, which colour-blind viewers tell apart; the kind's
 * glyph and name are on the card as well. */
static const double kind_colors[][3] = {
  { 0.835, 0.369, 0.000 }, /* policy: vermillion */
  { 0.000, 0.447, 0.698 }, /* process: blue */
  { 0.000, 0.620, 0.451 }, /* product: bluish green */
  { 0.800, 0.475, 0.655 }, /* trust: reddish purple */
  { 0.337, 0.706, 0.914 }, /* tools: sky blue */
  { 0.902, 0.624, 0.000 }, /* silo: orange */
  { 0.800, 0.730, 0.100 }, /* time pressure: yellow, darkened to show on white */
  { 0.400, 0.400, 0.420 }, /* unclear expectations: grey */
};

/**
 * staple_map_render_kind_color:
 * @rgb: (out caller-allocates) (array fixed-size=3): the colour
 *
 * The colour that marks a friction kind on the map and in reports.
 */
void
staple_map_render_kind_color (StapleFrictionKind  kind,
                              gboolean            is_dark,
                              double             *rgb)
{
  guint index = (guint) kind < G_N_ELEMENTS (kind_colors) ? (guint) kind : 0;

  for (guint i = 0; i < 3; i++)
    rgb[i] = is_dark ? 0.25 + 0.75 * kind_colors[index][i] : kind_colors[index][i];
}

/**
 * staple_map_render_options_init:
 *
 * Light palette, 100 %, nothing selected, the whole map.
 */
void
staple_map_render_options_init (StapleMapRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (StapleMapRenderOptions) { 0 };
  options->zoom = 1.0;
  options->pixel_scale = 1.0;
  options->current_stage = -1;
  options->selection.kind = STAPLE_MAP_HIT_NONE;
}

static const Palette *
palette_for (const StapleMapRenderOptions *options)
{
  return options->dark && !options->print ? &dark : &light;
}

static void
set_rgb (cairo_t      *cr,
         const double *rgb)
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

static gboolean
intersects (const StapleMapRenderOptions *options,
            double                        x,
            double                        y,
            double                        width,
            double                        height)
{
  const cairo_rectangle_t *v = &options->visible;

  if (!options->clip_to_visible)
    return TRUE;

  return x < v->x + v->width && x + width > v->x && y < v->y + v->height && y + height > v->y;
}

static void
draw_text (cairo_t      *cr,
           PangoLayout  *layout,
           double        x,
           double        y,
           const double *rgb)
{
  set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/**
 * staple_map_render_background:
 *
 * The paper, and a band behind every other lane of every row.
 */
void
staple_map_render_background (StapleMapLayout              *layout,
                              cairo_t                      *cr,
                              const StapleMapRenderOptions *options)
{
  const Palette *palette = palette_for (options);
  double width = staple_map_layout_get_width (layout);

  if (!options->print)
    {
      set_rgb (cr, palette->paper);
      cairo_paint (cr);
    }

  for (guint row = 0; row < staple_map_layout_get_n_rows (layout); row++)
    for (guint lane = 1; lane < STAPLE_MAP_N_LANES; lane += 2)
      {
        double y, height;

        staple_map_layout_get_row_lane (layout, row, lane, &y, &height);
        if (!intersects (options, 0, y, width, height))
          continue;

        cairo_set_source_rgba (cr, palette->band[0], palette->band[1], palette->band[2],
                               palette->band[3]);
        cairo_rectangle (cr, 0, y, width, height);
        cairo_fill (cr);
      }
}

/* The left of one row: the lanes' names, the feeling lanes' scale and the
 * waits' name, from @x on. On screen, scrolled sideways, they stay at the
 * view's left edge over a band of paper that the columns show through. */
static void
draw_gutter (StapleMapLayout              *layout,
             cairo_t                      *cr,
             const StapleMapRenderOptions *options,
             guint                         row,
             double                        x)
{
  const Palette *palette = palette_for (options);
  double scale = staple_map_layout_get_text_scale (layout);
  double right = x + (MARGIN + GUTTER - 6) * scale;
  double top, bottom, height;
  PangoLayout *text;

  staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_HEADER, &top, NULL);
  staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_CAUSES, &bottom, &height);
  bottom += height;
  if (!intersects (options, x, top, right - x, bottom - top))
    return;

  if (x > 0)
    {
      cairo_set_source_rgba (cr, palette->paper[0], palette->paper[1], palette->paper[2], 0.88);
      cairo_rectangle (cr, options->visible.x, top, right + 4 * scale - options->visible.x,
                       bottom - top);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, palette->border[0], palette->border[1], palette->border[2], 0.9);
      cairo_set_line_width (cr, 1 * scale);
      cairo_move_to (cr, right + 4 * scale, top);
      cairo_line_to (cr, right + 4 * scale, bottom);
      cairo_stroke (cr);
    }

  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      double y;

      staple_map_layout_get_row_lane (layout, row, lane, &y, NULL);
      draw_text (cr, staple_map_layout_get_lane_label (layout, lane), x + MARGIN * scale,
                 y + 10 * scale, palette->dim);

      if (lane != STAPLE_MAP_LANE_CUSTOMER && lane != STAPLE_MAP_LANE_STAFF)
        continue;

      /* The scale the curve is drawn to. */
      for (int feeling = STAPLE_FEELING_MAX; feeling >= STAPLE_FEELING_MIN; feeling -= 2)
        {
          double mark = staple_map_layout_row_feeling_to_y (layout, row, lane, feeling);

          text = staple_map_layout_get_scale_label (layout, feeling);
          draw_text (cr, text, right - (SCALE_RESERVE - 4) * scale, mark - text_height (text) / 2,
                     palette->dim);
        }
    }

  /* The name of the waits drawn to scale, beside them. */
  staple_map_layout_get_row_lane (layout, row, STAPLE_MAP_LANE_HEADER, &top, &height);
  text = staple_map_layout_get_wait_label (layout);
  draw_text (cr, text, x + MARGIN * scale,
             top + height - (LANE_PAD + WAIT_BAR / 2) * scale - text_height (text) / 2,
             palette->dim);
}

/* Where the lanes' names start: the map's left, or pinned near the
 * visible left edge. */
static double
gutter_x (StapleMapLayout              *layout,
          const StapleMapRenderOptions *options)
{
  double scale = staple_map_layout_get_text_scale (layout);

  if (!options->pin_lane_labels || !options->clip_to_visible ||
      9 * scale * options->zoom < MIN_READABLE_PX)
    return 0;

  return MAX (0, options->visible.x - (MARGIN - 8) * scale);
}

/**
 * staple_map_render_pinned_width:
 * @options: as the map is drawn
 *
 * Returns: how much of the visible map, from its left edge, the lanes'
 *   names pinned there cover, in map units; 0 when they are not pinned
 */
double
staple_map_render_pinned_width (StapleMapLayout              *layout,
                                const StapleMapRenderOptions *options)
{
  double x;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (layout), 0);
  g_return_val_if_fail (options != NULL, 0);

  x = gutter_x (layout, options);
  if (x <= 0)
    return 0;

  return x + (MARGIN + GUTTER - 2) * staple_map_layout_get_text_scale (layout) -
         options->visible.x;
}

/* Every row's left, after the columns: over them when pinned. */
static void
draw_gutters (StapleMapLayout              *layout,
              cairo_t                      *cr,
              const StapleMapRenderOptions *options)
{
  double scale = staple_map_layout_get_text_scale (layout);
  double x = gutter_x (layout, options);

  if (9 * scale * options->zoom < MIN_READABLE_PX)
    return;

  for (guint row = 0; row < staple_map_layout_get_n_rows (layout); row++)
    draw_gutter (layout, cr, options, row, x);
}

static void
draw_pips (cairo_t      *cr,
           double        right,
           double        y,
           int           severity,
           double        scale,
           const double *rgb)
{
  double radius = 2.6 * scale;

  /* Five pips, filled up to the severity: "3 of 5" reads without colour.
   * One fill and one stroke for all of them. */
  set_rgb (cr, rgb);
  for (int i = 0; i < severity && i < STAPLE_SEVERITY_MAX; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, right - (STAPLE_SEVERITY_MAX - i) * 7 * scale + radius, y, radius, 0,
                 2 * G_PI);
    }
  cairo_fill (cr);

  for (int i = MAX (severity, 0); i < STAPLE_SEVERITY_MAX; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, right - (STAPLE_SEVERITY_MAX - i) * 7 * scale + radius, y,
                 radius - 0.6 * scale, 0, 2 * G_PI);
    }
  cairo_set_line_width (cr, 1.0 * scale);
  cairo_stroke (cr);
}

static void
draw_votes (StapleMapLayout *layout,
            cairo_t         *cr,
            double           right,
            double           y,
            guint            n_votes,
            double           scale,
            const Palette   *palette,
            gboolean         readable)
{
  char number[16];
  PangoLayout *text;
  double radius = 8 * scale;
  double w, h;

  if (n_votes == 0)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, right - radius, y, radius, 0, 2 * G_PI);
  set_rgb (cr, palette->text);
  cairo_fill (cr);

  if (!readable)
    return;

  g_snprintf (number, sizeof number, "%u", n_votes);
  text = staple_map_layout_get_small_text (layout, number);
  w = text_width (text);
  h = text_height (text);
  draw_text (cr, text, right - radius - w / 2, y - h / 2, palette->column);
}

/* Everything of a card but the selection. */
static void
draw_card_face (StapleMapLayout              *layout,
                cairo_t                      *cr,
                const StapleMapRenderOptions *options,
                const StapleMapCard          *card,
                gboolean                      readable)
{
  const Palette *palette = palette_for (options);
  double scale = staple_map_layout_get_text_scale (layout);
  StapleFrictionKind kind = staple_friction_get_kind (card->friction);
  const cairo_rectangle_t *r = &card->rect;
  double radius = 6 * scale;
  double kind_rgb[3];
  double tint[3];
  double label_y = r->y + 8 * scale;
  double label_h;

  staple_map_render_kind_color (kind, options->dark && !options->print, kind_rgb);
  for (guint i = 0; i < 3; i++)
    tint[i] = palette->column[i] * (1 - palette->card_mix) + kind_rgb[i] * palette->card_mix;

  /* Far away, corners are smaller than a pixel: plain rectangles draw the
   * same and cost a fraction, on screen and in a PDF alike. */
  if (!readable)
    {
      set_rgb (cr, tint);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_fill (cr);
      set_rgb (cr, kind_rgb);
      cairo_rectangle (cr, r->x, r->y, radius, r->height);
      cairo_fill (cr);
      set_rgb (cr, palette->dim);
      cairo_rectangle (cr, r->x + 12 * scale, r->y + r->height / 2 - 2 * scale,
                       (r->width - 24 * scale) * 0.7, 4 * scale);
      cairo_fill (cr);
      draw_votes (layout, cr, r->x + r->width - 6 * scale, r->y + 14 * scale, card->n_votes,
                  scale, palette, FALSE);
      return;
    }

  staple_map_marks_rounded_rect (cr, r, radius);
  set_rgb (cr, tint);
  cairo_fill_preserve (cr);
  set_rgb (cr, palette->border);
  cairo_set_line_width (cr, 1.0 * scale);
  cairo_stroke (cr);

  /* The kind's stripe down the left edge, following the card's corners. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_line_to (cr, r->x + radius, r->y + r->height);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_close_path (cr);
  set_rgb (cr, kind_rgb);
  cairo_fill (cr);

  label_h = text_height (card->label);
  draw_text (cr, card->label, r->x + 14 * scale, label_y, palette->dim);
  draw_pips (cr, r->x + r->width - (card->n_votes > 0 ? 30 : 10) * scale,
             label_y + label_h / 2, staple_friction_get_severity (card->friction), scale,
             palette->text);
  draw_votes (layout, cr, r->x + r->width - 6 * scale, label_y + label_h / 2,
              card->n_votes, scale, palette, TRUE);
  draw_text (cr, card->text, r->x + 14 * scale, label_y + label_h + 4 * scale, palette->text);
}

/* Card images: a card drawn once into pixels at the current zoom, kept with
 * its text layout (which the layout replaces whenever anything the card
 * shows changes), and pasted on later redraws. Bounded in memory. */

#define CARD_IMAGES_BUDGET (64 * 1024 * 1024)

typedef struct
{
  cairo_surface_t *surface;
  double           scale;
  gboolean         dark;
  gsize            bytes;
} CardImage;

static gsize card_images_bytes;

static void
card_image_free (gpointer data)
{
  CardImage *image = data;

  card_images_bytes -= image->bytes;
  cairo_surface_destroy (image->surface);
  g_free (image);
}

static GQuark
card_image_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("staple-map-card-image");
  return quark;
}

static gboolean
paste_card_image (StapleMapLayout              *layout,
                  cairo_t                      *cr,
                  const StapleMapRenderOptions *options,
                  const StapleMapCard          *card)
{
  const cairo_rectangle_t *r = &card->rect;
  double pixel_scale = options->pixel_scale > 0 ? options->pixel_scale : 1;
  double scale_x = 1, scale_y = 0;
  double device_scale, x = r->x, y = r->y;
  CardImage *image;

  /* Device pixels per map unit; only for plain scaling, no rotation. */
  cairo_user_to_device_distance (cr, &scale_x, &scale_y);
  device_scale = scale_x * pixel_scale;
  if (scale_y != 0 || device_scale <= 0 || device_scale > 8)
    return FALSE;

  image = g_object_get_qdata (G_OBJECT (card->text), card_image_quark ());
  if (image == NULL || image->scale != device_scale || image->dark != options->dark)
    {
      int width = (int) ceil (r->width * device_scale) + 2;
      int height = (int) ceil (r->height * device_scale) + 2;
      gsize bytes = (gsize) width * height * 4;
      cairo_t *image_cr;

      if (card_images_bytes - (image != NULL ? image->bytes : 0) + bytes > CARD_IMAGES_BUDGET)
        return FALSE;

      image = g_new0 (CardImage, 1);
      image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      image->scale = device_scale;
      image->dark = options->dark;
      image->bytes = bytes;
      card_images_bytes += bytes;

      image_cr = cairo_create (image->surface);
      cairo_translate (image_cr, 1, 1);
      cairo_scale (image_cr, device_scale, device_scale);
      cairo_translate (image_cr, -r->x, -r->y);
      draw_card_face (layout, image_cr, options, card, TRUE);
      cairo_destroy (image_cr);

      g_object_set_qdata_full (G_OBJECT (card->text), card_image_quark (), image,
                               card_image_free);
    }

  /* Pasted on whole device pixels, so the image stays sharp. */
  cairo_user_to_device (cr, &x, &y);
  x = round (x * pixel_scale) / pixel_scale;
  y = round (y * pixel_scale) / pixel_scale;

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, 1 / pixel_scale, 1 / pixel_scale);
  cairo_set_source_surface (cr, image->surface, -1, -1);
  cairo_paint (cr);
  cairo_restore (cr);
  return TRUE;
}

static void
draw_card (StapleMapLayout              *layout,
           cairo_t                      *cr,
           const StapleMapRenderOptions *options,
           const StapleMapCard          *card,
           gboolean                      selected)
{
  const Palette *palette = palette_for (options);
  double scale = staple_map_layout_get_text_scale (layout);
  gboolean readable = 10 * scale * options->zoom >= MIN_READABLE_PX;
  const cairo_rectangle_t *r = &card->rect;

  if (!(options->cache_cards && readable && !options->print &&
        paste_card_image (layout, cr, options, card)))
    draw_card_face (layout, cr, options, card, readable);

  if (!selected)
    return;

  staple_map_marks_rounded_rect (cr, r, 6 * scale);
  set_rgb (cr, palette->accent);
  cairo_set_line_width (cr, 2.5 * scale);
  cairo_stroke (cr);

  if (options->show_focus)
    {
      cairo_rectangle_t ring = { r->x - 4 * scale, r->y - 4 * scale,
                                 r->width + 8 * scale, r->height + 8 * scale };

      staple_map_marks_rounded_rect (cr, &ring, 9 * scale);
      cairo_set_line_width (cr, 1.5 * scale);
      cairo_set_dash (cr, (double[]) { 4 * scale, 3 * scale }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* Where the curve of a lane is at a column. */
static double
curve_y (const StapleMapColumn *column,
         StapleMapLane          lane)
{
  return lane == STAPLE_MAP_LANE_CUSTOMER ? column->customer_y : column->staff_y;
}

/* Fills between a segment of the curve and the neutral line: below it in
 * the colour of a real low, so that a −2 reads as one; above it, faintly,
 * in the curve's own. */
static void
shade_segment (cairo_t       *cr,
               double         x0,
               double         y0,
               double         x1,
               double         y1,
               double         zero,
               double         floor_y,
               const double  *rgb,
               const Palette *palette,
               gboolean       print)
{
  double low[3];

  staple_map_marks_feeling_rgb (STAPLE_FEELING_MIN, palette == &dark, print, low);

  for (guint below = 0; below < 2; below++)
    {
      cairo_save (cr);
      cairo_rectangle (cr, x0, below ? zero : 2 * zero - floor_y, x1 - x0, floor_y - zero);
      cairo_clip (cr);
      cairo_move_to (cr, x0, zero);
      cairo_line_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_line_to (cr, x1, zero);
      cairo_close_path (cr);
      if (below)
        cairo_set_source_rgba (cr, low[0], low[1], low[2], print ? 0.22 : 0.28);
      else
        cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.10);
      cairo_fill (cr);
      cairo_restore (cr);
    }
}

static void
draw_curve (StapleMapLayout              *layout,
            cairo_t                      *cr,
            const StapleMapRenderOptions *options,
            guint                         index,
            StapleMapLane                 lane,
            const double                 *rgb,
            gboolean                      selected)
{
  const StapleMapColumn *column = staple_map_layout_get_column (layout, index);
  const StapleMapColumn *next = NULL;
  double scale = staple_map_layout_get_text_scale (layout);
  double cx = column->column.x + column->column.width / 2;
  double y = curve_y (column, lane);
  double zero = staple_map_layout_row_feeling_to_y (layout, column->row, lane, 0);
  double floor_y = staple_map_layout_row_feeling_to_y (layout, column->row, lane,
                                                       STAPLE_FEELING_MIN);
  double ceiling = staple_map_layout_row_feeling_to_y (layout, column->row, lane,
                                                       STAPLE_FEELING_MAX);
  double left = column->column.x, right = column->column.x + column->column.width;
  const Palette *palette = palette_for (options);

  if (index + 1 < staple_map_layout_get_n_columns (layout))
    next = staple_map_layout_get_column (layout, index + 1);

  /* The area down to a low, then the neutral line and the scale's ends. */
  if (next != NULL && next->row == column->row)
    shade_segment (cr, cx, y, next->column.x + next->column.width / 2, curve_y (next, lane),
                   zero, floor_y, rgb, palette, options->print);
  if (index == 0 || staple_map_layout_get_column (layout, index - 1)->row != column->row)
    shade_segment (cr, left, y, cx, y, zero, floor_y, rgb, palette, options->print);
  if (next == NULL || next->row != column->row)
    shade_segment (cr, cx, y, right, y, zero, floor_y, rgb, palette, options->print);

  cairo_set_source_rgba (cr, palette->dim[0], palette->dim[1], palette->dim[2], 0.35);
  cairo_set_line_width (cr, 1 * scale);
  cairo_set_dash (cr, (double[]) { 3 * scale, 3 * scale }, 2, 0);
  cairo_move_to (cr, left, zero);
  cairo_line_to (cr, right, zero);
  cairo_stroke (cr);
  cairo_set_dash (cr, (double[]) { 1 * scale, 4 * scale }, 2, 0);
  cairo_move_to (cr, left, ceiling);
  cairo_line_to (cr, right, ceiling);
  cairo_move_to (cr, left, floor_y);
  cairo_line_to (cr, right, floor_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  set_rgb (cr, rgb);
  cairo_set_line_width (cr, 3 * scale);
  if (next != NULL && next->row == column->row)
    {
      cairo_move_to (cr, cx, y);
      cairo_line_to (cr, next->column.x + next->column.width / 2, curve_y (next, lane));
      cairo_stroke (cr);
    }
  else if (next != NULL)
    {
      /* The curve goes on in the next row: a dashed stub out of this one,
       * and one into the next row's first stage. */
      double next_cx = next->column.x + next->column.width / 2;

      cairo_set_dash (cr, (double[]) { 4 * scale, 3 * scale }, 2, 0);
      cairo_move_to (cr, cx, y);
      cairo_line_to (cr, right + 16 * scale, y);
      cairo_move_to (cr, next->column.x, curve_y (next, lane));
      cairo_line_to (cr, next_cx, curve_y (next, lane));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, y, (selected ? 8 : 6) * scale, 0, 2 * G_PI);
  set_rgb (cr, rgb);
  cairo_fill_preserve (cr);
  set_rgb (cr, selected ? palette->accent : palette->column);
  cairo_set_line_width (cr, 2 * scale);
  cairo_stroke (cr);
}

static void
draw_arrow (cairo_t *cr,
            double   x0,
            double   x1,
            double   y,
            gboolean silo,
            double   scale)
{
  cairo_set_line_width (cr, (silo ? 4 : 1.5) * scale);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_move_to (cr, x1 + 10 * scale, y);
  cairo_line_to (cr, x1 - (silo ? 2 : 6) * scale, y - (silo ? 9 : 5) * scale);
  cairo_line_to (cr, x1 - (silo ? 2 : 6) * scale, y + (silo ? 9 : 5) * scale);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The arrow out of a stage into the next; on a wrapped map, out of a row's
 * last stage to the map's edge, and in again at the next row's start, the
 * handoff named there. */
static void
draw_handoff (StapleMapLayout              *layout,
              cairo_t                      *cr,
              const StapleMapRenderOptions *options,
              guint                         index,
              gboolean                      readable)
{
  const StapleMapColumn *column = staple_map_layout_get_column (layout, index);
  const StapleMapColumn *next;
  const Palette *palette = palette_for (options);
  double scale = staple_map_layout_get_text_scale (layout);
  double lane_y, lane_h, y, x0, x1, next_y;
  gboolean silo = column->handoff_after;

  if (index + 1 >= staple_map_layout_get_n_columns (layout))
    return;

  next = staple_map_layout_get_column (layout, index + 1);
  staple_map_layout_get_row_lane (layout, column->row, STAPLE_MAP_LANE_HANDOFFS, &lane_y, &lane_h);
  y = lane_y + lane_h * (silo ? 0.62 : 0.5);
  x0 = column->column.x + column->column.width / 2;
  x1 = next->column.x + next->column.width / 2 - 10 * scale;

  /* A silo crossing is thick, coloured and named; staying within a team is
   * a thin grey line. */
  set_rgb (cr, silo ? palette->silo : palette->handoff);
  if (next->row == column->row)
    draw_arrow (cr, x0, x1, y, silo, scale);
  else
    {
      draw_arrow (cr, x0, column->column.x + column->column.width + 8 * scale, y, silo, scale);
      staple_map_layout_get_row_lane (layout, next->row, STAPLE_MAP_LANE_HANDOFFS, &lane_y,
                                      &lane_h);
      next_y = lane_y + lane_h * (silo ? 0.62 : 0.5);
      draw_arrow (cr, next->column.x - 16 * scale, x1, next_y, silo, scale);
    }

  if (silo && readable)
    draw_text (cr, next->handoff_label, next->column.x + COLUMN_PAD_FOR_TEXT * scale,
               lane_y + 2 * scale, palette->silo);
}

static gboolean
is_selected (const StapleMapRenderOptions *options,
             StapleMapHitKind              kind,
             guint                         stage,
             guint                         card)
{
  return options->selection.kind == kind && options->selection.stage == stage &&
         (kind != STAPLE_MAP_HIT_CARD || options->selection.card == card);
}

static void
draw_header (StapleMapLayout              *layout,
             cairo_t                      *cr,
             const StapleMapRenderOptions *options,
             const StapleMapColumn        *column,
             gboolean                      readable)
{
  const Palette *palette = palette_for (options);
  double scale = staple_map_layout_get_text_scale (layout);
  double x = column->header.x + COLUMN_PAD_FOR_TEXT * scale;
  double y = column->header.y + 10 * scale;

  if (!readable)
    {
      set_rgb (cr, palette->text);
      cairo_rectangle (cr, x, y, column->header.width * 0.6, 8 * scale);
      cairo_fill (cr);
      return;
    }

  draw_text (cr, column->title, x, y, palette->text);
  y += text_height (column->title) + 4 * scale;
  draw_text (cr, column->subtitle, x, y, palette->dim);
  y += text_height (column->subtitle);
  draw_text (cr, column->times, x, y,
             staple_stage_get_dropped (column->stage) ? palette->silo : palette->dim);
}

/**
 * staple_map_render_column_background:
 * @index: the stage's index
 *
 * Draws one stage's column behind everything: draw every visible column's
 * background before any column's content, since curves and arrows reach
 * into the next column.
 */
void
staple_map_render_column_background (StapleMapLayout              *layout,
                                     cairo_t                      *cr,
                                     const StapleMapRenderOptions *options,
                                     guint                         index)
{
  const StapleMapColumn *column = staple_map_layout_get_column (layout, index);
  const Palette *palette = palette_for (options);
  double scale = staple_map_layout_get_text_scale (layout);
  gboolean current = options->current_stage == (int) index;
  gboolean stage_selected = is_selected (options, STAPLE_MAP_HIT_STAGE, index, 0);

  g_return_if_fail (column != NULL);

  staple_map_marks_rounded_rect (cr, &column->column, 10 * scale);
  set_rgb (cr, current ? palette->column_current : palette->column);
  cairo_fill_preserve (cr);
  set_rgb (cr, stage_selected || current ? palette->accent : palette->border);
  cairo_set_line_width (cr, (stage_selected ? 3 : current ? 2 : 1) * scale);
  cairo_stroke (cr);

  if (stage_selected && options->show_focus)
    {
      cairo_rectangle_t ring = column->column;

      ring.x -= 5 * scale, ring.y -= 5 * scale;
      ring.width += 10 * scale, ring.height += 10 * scale;
      staple_map_marks_rounded_rect (cr, &ring, 14 * scale);
      set_rgb (cr, palette->accent);
      cairo_set_line_width (cr, 1.5 * scale);
      cairo_set_dash (cr, (double[]) { 4 * scale, 3 * scale }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/**
 * staple_map_render_column:
 * @index: the stage's index
 *
 * Draws one stage's content: its header, its points of both curves with the
 * segments to the next stage, its cards, its handoff arrow and root causes.
 */
void
staple_map_render_column (StapleMapLayout              *layout,
                          cairo_t                      *cr,
                          const StapleMapRenderOptions *options,
                          guint                         index)
{
  const StapleMapColumn *column = staple_map_layout_get_column (layout, index);
  const Palette *palette = palette_for (options);
  double scale = staple_map_layout_get_text_scale (layout);
  gboolean readable = 9 * scale * options->zoom >= MIN_READABLE_PX;
  StapleWaitScale waits;
  double causes_y;

  g_return_if_fail (column != NULL);

  draw_header (layout, cr, options, column, readable);
  staple_map_layout_get_wait_scale (layout, &waits);
  staple_map_marks_draw_wait (cr, &column->wait,
                              (guint) MAX (0, staple_stage_get_wait_minutes (column->stage)),
                              &waits, options->dark, options->print);

  draw_curve (layout, cr, options, index, STAPLE_MAP_LANE_CUSTOMER, palette->customer,
              is_selected (options, STAPLE_MAP_HIT_CUSTOMER_POINT, index, 0));
  draw_curve (layout, cr, options, index, STAPLE_MAP_LANE_STAFF, palette->staff,
              is_selected (options, STAPLE_MAP_HIT_STAFF_POINT, index, 0));
  draw_handoff (layout, cr, options, index, readable);

  for (guint j = 0; j < column->cards->len; j++)
    {
      const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);

      if (intersects (options, card->rect.x, card->rect.y, card->rect.width,
                      card->rect.height))
        draw_card (layout, cr, options, card,
                   is_selected (options, STAPLE_MAP_HIT_CARD, index, j));
    }

  staple_map_layout_get_row_lane (layout, column->row, STAPLE_MAP_LANE_CAUSES, &causes_y, NULL);
  if (readable)
    draw_text (cr, column->causes, column->column.x + COLUMN_PAD_FOR_TEXT * scale,
               causes_y + 10 * scale, palette->text);
}

/**
 * staple_map_render:
 * @layout: the map's layout
 * @cr: where to draw, in map units (scale the context for zoom)
 * @options: palette, zoom, what is visible, selection
 *
 * Draws the journey map: only the columns that reach into the visible
 * rectangle when one is given.
 */
void
staple_map_render (StapleMapLayout              *layout,
                   cairo_t                      *cr,
                   const StapleMapRenderOptions *options)
{
  guint n_columns;

  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (layout));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (options != NULL);

  staple_map_layout_update (layout);
  staple_map_render_background (layout, cr, options);

  n_columns = staple_map_layout_get_n_columns (layout);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n_columns; i++)
        {
          const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
          const StapleMapColumn *next = i + 1 < n_columns
                                        ? staple_map_layout_get_column (layout, i + 1) : NULL;
          /* A column's curve segments and arrow reach to the next column,
           * or out to the margin at a row's end (and into the next row's
           * first column, which is drawn when that is). */
          double right = next != NULL && next->row == column->row
                         ? next->column.x + next->column.width / 2
                         : column->column.x + column->column.width + 24;

          if (!intersects (options, column->column.x - 10, column->column.y - 10,
                           right - column->column.x + 20, column->column.height + 20) &&
              !(next != NULL && next->row != column->row &&
                intersects (options, next->column.x - 30, next->column.y,
                            30 + next->column.width / 2, next->column.height)))
            continue;

          if (pass == 0)
            staple_map_render_column_background (layout, cr, options, i);
          else
            staple_map_render_column (layout, cr, options, i);
        }
    }

  draw_gutters (layout, cr, options);
}
