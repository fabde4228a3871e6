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
#include "staple-map-renderer-private.h"

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
  double label_h, first_line_h;

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
  /* The pips and votes level with the kind's first line. */
  first_line_h = label_h / MAX (pango_layout_get_line_count (card->label), 1);
  draw_text (cr, card->label, r->x + 14 * scale, label_y, palette->dim);
  draw_pips (cr, r->x + r->width - (card->n_votes > 0 ? 30 : 10) * scale,
             label_y + first_line_h / 2, staple_friction_get_severity (card->friction), scale,
             palette->text);
  draw_votes (layout, cr, r->x + r->width - 6 * scale, label_y + first_line_h / 2,
              card->n_votes, scale, palette, TRUE);
  draw_text (cr, card->text, r->x + 14 * scale, label_y + label_h + 4 * scale, palette->text);
}

/* Card images: a card drawn once into pixels at the view's zoom and pasted
 * on later redraws, as cards are most of a frame.
 *
 * Only what is near the view is kept: after each draw the images of cards
 * more than a view's width or height away from what it showed, and from
 * what the draw before showed, are dropped (the view draws twice around its
 * in-place editor, the second time a small part of itself). Every
 * layout's images together stay under a budget: the image pasted longest
 * ago goes first, and when all are in the current draw, a card is drawn
 * without one. While the zoom changes from one draw to the next, cards are
 * drawn without images, which would be thrown away at the next step.
 *
 * Making an image costs a little more than drawing the card; pasting one
 * saves more (a 1,600 × 1,000 view of 48 cards at 100 %: 5 ms pasting every
 * card, 11 ms drawing every card, 12.8 ms making every card's image, so
 * some 130 µs saved a card and 37 µs lost). A draw makes at most a few
 * images more than twice as many as it finds: scrolled back to where the
 * images were dropped, the first draw costs what a draw without images
 * does, and the next few make the rest. A card without its image is drawn
 * where its image would be pasted, so it looks the same.
 *
 * An image keeps the card's text layout it was drawn with: the layout makes
 * a new one whenever anything the card shows changes (its text, kind,
 * severity, votes, the font), so an edited card misses and is drawn anew. */

#define CARD_IMAGES_BUDGET (48 * 1024 * 1024)
#define CARD_IMAGES_MAX_SCALE 8.0
#define CARD_IMAGES_NEW_PER_DRAW 4 /* and two for each image found */

typedef struct _CardImages CardImages;

typedef struct
{
  CardImages       *owner;
  gconstpointer     key;      /* the card's friction: only compared, as it may be gone */
  PangoLayout      *text;     /* the text it shows */
  cairo_surface_t  *surface;
  double            scale;    /* device pixels per map unit */
  gboolean          dark;
  double            width;    /* the card's size, in map units */
  double            height;
  cairo_rectangle_t rect;     /* where the card was when last pasted */
  guint64           pasted;   /* the owner's draw that last pasted it */
  gsize             bytes;
  GList             link;     /* in recent_images */
} CardImage;

struct _CardImages
{
  GHashTable *images;   /* StapleFriction → CardImage */
  guint64     draw;     /* how many draws with images so far */
  double      scale;    /* device pixels per map unit of the last */
  gboolean    settled;  /* the same as in the one before */
  guint       n_new;    /* images the last draw may make */
  cairo_rectangle_t near; /* around what the draw before showed */
};

/* Every layout's images, the most recently pasted first. */
static GQueue recent_images = G_QUEUE_INIT;
static gsize recent_bytes;
static gsize images_budget = CARD_IMAGES_BUDGET;

static void
card_image_free (gpointer data)
{
  CardImage *image = data;

  g_queue_unlink (&recent_images, &image->link);
  recent_bytes -= image->bytes;
  cairo_surface_destroy (image->surface);
  g_object_unref (image->text);
  g_free (image);
}

static void
card_images_free (gpointer data)
{
  CardImages *images = data;

  g_hash_table_destroy (images->images);
  g_free (images);
}

static GQuark
card_images_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("staple-map-card-images");
  return quark;
}

static CardImages *
card_images_get (StapleMapLayout *layout,
                 gboolean         create)
{
  CardImages *images = g_object_get_qdata (G_OBJECT (layout), card_images_quark ());

  if (images == NULL && create)
    {
      images = g_new0 (CardImages, 1);
      images->images = g_hash_table_new_full (NULL, NULL, NULL, card_image_free);
      g_object_set_qdata_full (G_OBJECT (layout), card_images_quark (), images,
                               card_images_free);
    }

  return images;
}

/* Device pixels per map unit; 0 unless plainly scaled (no rotation) to a
 * size worth an image. */
static double
device_scale (cairo_t                      *cr,
              const StapleMapRenderOptions *options)
{
  double pixel_scale = options->pixel_scale > 0 ? options->pixel_scale : 1;
  double scale_x = 1, scale_y = 0;
  double scale;

  cairo_user_to_device_distance (cr, &scale_x, &scale_y);
  scale = scale_x * pixel_scale;
  if (scale_y != 0 || scale <= 0 || scale > CARD_IMAGES_MAX_SCALE)
    return 0;
  return scale;
}

/* Called before a draw: the layout's images, or NULL when it uses none. */
static CardImages *
card_images_begin (StapleMapLayout              *layout,
                   cairo_t                      *cr,
                   const StapleMapRenderOptions *options)
{
  CardImages *images;
  double scale;

  if (!options->cache_cards || options->print)
    return NULL;

  images = card_images_get (layout, TRUE);
  scale = device_scale (cr, options);
  images->draw++;
  images->settled = scale > 0 && scale == images->scale;
  images->scale = scale;
  images->n_new = CARD_IMAGES_NEW_PER_DRAW;
  return images;
}

static gboolean
rects_intersect (const cairo_rectangle_t *a,
                 const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && a->x + a->width > b->x &&
         a->y < b->y + b->height && a->y + a->height > b->y;
}

/* What is within a view's width or height of @visible. */
static cairo_rectangle_t
near_rect (const cairo_rectangle_t *v)
{
  return (cairo_rectangle_t) { v->x - v->width, v->y - v->height, 3 * v->width, 3 * v->height };
}

/* Called after a draw: drops the images far from what it and the draw
 * before showed, and those of another zoom. */
static void
card_images_end (CardImages                   *images,
                 const StapleMapRenderOptions *options)
{
  cairo_rectangle_t near;
  GHashTableIter iter;
  gpointer value;

  if (images == NULL)
    return;

  near = near_rect (&options->visible);
  g_hash_table_iter_init (&iter, images->images);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CardImage *image = value;

      if (image->scale != images->scale)
        g_hash_table_iter_remove (&iter);
      else if (options->clip_to_visible && !rects_intersect (&image->rect, &near) &&
               !rects_intersect (&image->rect, &images->near))
        g_hash_table_iter_remove (&iter);
    }

  if (options->clip_to_visible)
    images->near = near;
}

/* Makes room for @bytes more under the budget, dropping the images pasted
 * longest ago but none pasted in this draw. */
static gboolean
card_images_make_room (CardImages *images,
                       gsize       bytes)
{
  if (bytes > images_budget)
    return FALSE;

  while (recent_bytes + bytes > images_budget)
    {
      CardImage *oldest = g_queue_peek_tail (&recent_images);

      if (oldest == NULL || (oldest->owner == images && oldest->pasted == images->draw))
        return FALSE;
      g_hash_table_remove (oldest->owner->images, oldest->key);
    }

  return TRUE;
}

static CardImage *
card_image_new (StapleMapLayout              *layout,
                CardImages                   *images,
                const StapleMapRenderOptions *options,
                const StapleMapCard          *card)
{
  const cairo_rectangle_t *r = &card->rect;
  int width = (int) ceil (r->width * images->scale) + 2;
  int height = (int) ceil (r->height * images->scale) + 2;
  gsize bytes = (gsize) width * height * 4;
  CardImage *image;
  cairo_t *cr;

  if (!card_images_make_room (images, bytes))
    return NULL;

  image = g_new0 (CardImage, 1);
  image->owner = images;
  image->key = card->friction;
  image->text = g_object_ref (card->text);
  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  image->scale = images->scale;
  image->dark = options->dark;
  image->width = r->width;
  image->height = r->height;
  image->bytes = bytes;
  image->link.data = image;
  g_queue_push_head_link (&recent_images, &image->link);
  recent_bytes += bytes;
  g_hash_table_insert (images->images, (gpointer) image->key, image);

  cr = cairo_create (image->surface);
  cairo_translate (cr, 1, 1);
  cairo_scale (cr, images->scale, images->scale);
  cairo_translate (cr, -r->x, -r->y);
  draw_card_face (layout, cr, options, card, TRUE);
  cairo_destroy (cr);

  return image;
}

/* Whether @image is of @card as it is now. */
static gboolean
card_image_shows (const CardImage              *image,
                  const StapleMapRenderOptions *options,
                  const StapleMapCard          *card)
{
  return image->text == card->text && image->scale == image->owner->scale &&
         image->dark == options->dark && image->width == card->rect.width &&
         image->height == card->rect.height;
}

/* Before a draw: how many images it may make, from how many of the cards
 * it shows have one, whichever it comes to first. */
static void
card_images_count_found (StapleMapLayout              *layout,
                         CardImages                   *images,
                         const StapleMapRenderOptions *options)
{
  guint n_found = 0;

  /* Too small to read, cards are drawn without images. */
  if (images == NULL || !images->settled ||
      10 * staple_map_layout_get_text_scale (layout) * options->zoom < MIN_READABLE_PX)
    return;

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);

      if (!intersects (options, column->column.x, column->column.y, column->column.width,
                       column->column.height))
        continue;

      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);
          CardImage *image;

          if (!intersects (options, card->rect.x, card->rect.y, card->rect.width,
                           card->rect.height))
            continue;
          image = g_hash_table_lookup (images->images, card->friction);
          n_found += image != NULL && card_image_shows (image, options, card);
        }
    }

  images->n_new = CARD_IMAGES_NEW_PER_DRAW + 2 * n_found;
}

/* The card's image, drawn if need be; NULL to draw the card without one. */
static CardImage *
card_image_lookup (StapleMapLayout              *layout,
                   const StapleMapRenderOptions *options,
                   const StapleMapCard          *card,
                   double                        scale)
{
  CardImages *images = card_images_get (layout, FALSE);
  CardImage *image;

  if (images == NULL || !images->settled || scale != images->scale)
    return NULL;

  image = g_hash_table_lookup (images->images, card->friction);
  if (image != NULL && !card_image_shows (image, options, card))
    {
      g_hash_table_remove (images->images, card->friction);
      image = NULL;
    }

  if (image == NULL)
    {
      if (images->n_new == 0)
        return NULL;
      image = card_image_new (layout, images, options, card);
      if (image == NULL)
        return NULL;
      images->n_new--;
    }

  image->pasted = images->draw;
  image->rect = card->rect;
  g_queue_unlink (&recent_images, &image->link);
  g_queue_push_head_link (&recent_images, &image->link);
  return image;
}

static gboolean
paste_card_image (StapleMapLayout              *layout,
                  cairo_t                      *cr,
                  const StapleMapRenderOptions *options,
                  const StapleMapCard          *card)
{
  double pixel_scale = options->pixel_scale > 0 ? options->pixel_scale : 1;
  double x = card->rect.x, y = card->rect.y;
  CardImage *image = card_image_lookup (layout, options, card, device_scale (cr, options));

  if (image == NULL)
    return FALSE;

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

/* Without its image, a card is drawn where the image would be pasted, so it
 * looks the same once it has one. */
static void
draw_card_face_snapped (StapleMapLayout              *layout,
                        cairo_t                      *cr,
                        const StapleMapRenderOptions *options,
                        const StapleMapCard          *card)
{
  double pixel_scale = options->pixel_scale > 0 ? options->pixel_scale : 1;
  double x = card->rect.x, y = card->rect.y;
  double dx, dy;

  cairo_user_to_device (cr, &x, &y);
  dx = round (x * pixel_scale) / pixel_scale - x;
  dy = round (y * pixel_scale) / pixel_scale - y;
  cairo_device_to_user_distance (cr, &dx, &dy);

  cairo_save (cr);
  cairo_translate (cr, dx, dy);
  draw_card_face (layout, cr, options, card, TRUE);
  cairo_restore (cr);
}

/**
 * _staple_map_render_get_card_images:
 * @bytes: (out) (optional): how much their pixels take
 *
 * Returns: how many card images the renderer keeps for @layout
 */
guint
_staple_map_render_get_card_images (StapleMapLayout *layout,
                                    gsize           *bytes)
{
  CardImages *images;
  GHashTableIter iter;
  gpointer value;
  gsize total = 0;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (layout), 0);

  images = card_images_get (layout, FALSE);
  if (images != NULL)
    {
      g_hash_table_iter_init (&iter, images->images);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        total += ((CardImage *) value)->bytes;
    }

  if (bytes != NULL)
    *bytes = total;
  return images != NULL ? g_hash_table_size (images->images) : 0;
}

/**
 * _staple_map_render_has_card_image:
 *
 * Returns: whether the renderer keeps an image of @card as it is now, at
 *   the scale of @layout's last draw
 */
gboolean
_staple_map_render_has_card_image (StapleMapLayout     *layout,
                                   const StapleMapCard *card)
{
  CardImages *images;
  CardImage *image;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (layout), FALSE);
  g_return_val_if_fail (card != NULL, FALSE);

  images = card_images_get (layout, FALSE);
  image = images != NULL ? g_hash_table_lookup (images->images, card->friction) : NULL;
  return image != NULL && image->text == card->text && image->scale == images->scale;
}

/**
 * _staple_map_render_get_card_images_bytes:
 *
 * Returns: how much every layout's card images take together
 */
gsize
_staple_map_render_get_card_images_bytes (void)
{
  return recent_bytes;
}

/**
 * _staple_map_render_set_card_images_budget:
 * @bytes: at most this much for every layout's card images; 0 for the default
 *
 * Returns: the budget before
 */
gsize
_staple_map_render_set_card_images_budget (gsize bytes)
{
  gsize before = images_budget;

  images_budget = bytes > 0 ? bytes : CARD_IMAGES_BUDGET;
  while (recent_bytes > images_budget)
    {
      CardImage *oldest = g_queue_peek_tail (&recent_images);

      g_hash_table_remove (oldest->owner->images, oldest->key);
    }
  return before;
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

  if (!(options->cache_cards && readable && !options->print))
    draw_card_face (layout, cr, options, card, readable);
  else if (!paste_card_image (layout, cr, options, card))
    draw_card_face_snapped (layout, cr, options, card);

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
  CardImages *images;
  guint n_columns;

  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (layout));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (options != NULL);

  staple_map_layout_update (layout);
  images = card_images_begin (layout, cr, options);
  card_images_count_found (layout, images, options);
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
  card_images_end (images, options);
}
