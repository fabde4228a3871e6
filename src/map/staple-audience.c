/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience.c: what the room sees on the projector, phase by phase.
 *
 * Drawn with cairo and Pango on any surface, like the map: the presenter
 * window paints it, and a test renders it to PNG. It is laid out on a
 * 1280×720 screen, scaled to the one it is drawn on, and never draws a text
 * smaller than STAPLE_AUDIENCE_MIN_TEXT_PX there: what does not fit goes on
 * a further page rather than down to a smaller size. Every text it draws is
 * measured with Pango's own metrics as it goes, so that the stats say what
 * the room actually saw.
 */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "staple-audience-private.h"
#include "staple-text.h"

#define AUDIENCE_FONT "Cantarell, DejaVu Sans, sans-serif"
#define AUDIENCE_TEXT_MAX_CHARS 600
#define BAR_HEIGHT 88.0

static const AudiencePalette light = {
  .background = { 0.98, 0.98, 0.98 },
  .surface = { 1, 1, 1 },
  .surface_current = { 0.90, 0.94, 0.99 },
  .border = { 0.80, 0.79, 0.78 },
  .text = { 0.10, 0.09, 0.13 },
  .dim = { 0.33, 0.32, 0.36 },
  .accent = { 0.10, 0.37, 0.71 },
  .alarm = { 0.75, 0.11, 0.16 },
};

static const AudiencePalette dark = {
  .background = { 0.12, 0.12, 0.12 },
  .surface = { 0.19, 0.19, 0.19 },
  .surface_current = { 0.16, 0.24, 0.35 },
  .border = { 0.33, 0.33, 0.33 },
  .text = { 1, 1, 1 },
  .dim = { 0.78, 0.78, 0.78 },
  .accent = { 0.47, 0.68, 0.93 },
  .alarm = { 1.0, 0.48, 0.39 },
};

/**
 * staple_audience_options_init:
 *
 * The Frame phase of no session, no walk, first page, votes shown, no clock.
 */
void
staple_audience_options_init (StapleAudienceOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (StapleAudienceOptions) { 0 };
  options->phase = STAPLE_PHASE_FRAME;
  options->current_stage = -1;
}

void
_staple_audience_fill_rgb (cairo_t      *cr,
                           const double *rgb)
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

static PangoLayout *
make_layout (AudienceContext *ctx,
             const char      *text,
             double           width,
             double           size_px,
             int              weight,
             int              max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (ctx->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (AUDIENCE_FONT);
  /* Pango counts a negative height's lines per paragraph: a text limited
   * to a few lines is drawn as one paragraph, or forty typed lines would run
   * out of their box. */
  g_autofree char *bounded = staple_text_bound (text != NULL ? text : "",
                                                AUDIENCE_TEXT_MAX_CHARS,
                                                max_lines > 0 ? STAPLE_TEXT_BOUND_ONE_LINE
                                                              : STAPLE_TEXT_BOUND_NONE);

  /* No floor here: the stats measure what is drawn, and the tests hold
   * every phase to STAPLE_AUDIENCE_MIN_TEXT_PX. */
  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, bounded, -1);
  /* The screen's reading direction, not the first letter's: a line that
   * begins with an Arabic name stays where the line's other parts are. The
   * name itself still reads right to left. */
  pango_layout_set_auto_dir (layout, FALSE);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, max_lines > 0 ? -max_lines : G_MAXINT);
    }
  return layout;
}

/* Pango's own measure of every run: the font's size and each line's
 * height, in device pixels. Runs that have no font to speak of (an empty
 * layout) are skipped. */
static void
record_layout (AudienceContext *ctx,
               PangoLayout     *layout)
{
  StapleAudienceStats *stats = ctx->stats;
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double dx = 0, dy = 1;

  cairo_user_to_device_distance (ctx->cr, &dx, &dy);
  dy = hypot (dx, dy);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle line;

      if (run != NULL)
        {
          PangoFontDescription *font =
            pango_font_describe_with_absolute_size (run->item->analysis.font);
          /* A font from a context with the surface's transformation: its
           * size is already in device pixels. */
          double px = (double) pango_font_description_get_size (font) / PANGO_SCALE;

          if (stats->smallest_px == 0 || px < stats->smallest_px)
            stats->smallest_px = px;
          pango_font_description_free (font);
        }

      pango_layout_iter_get_line_extents (iter, NULL, &line);
      if (line.height > 0)
        {
          double px = dy * line.height / PANGO_SCALE;

          if (stats->smallest_line_px == 0 || px < stats->smallest_line_px)
            stats->smallest_line_px = px;
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  stats->n_texts++;
  if (pango_layout_is_ellipsized (layout))
    {
      stats->n_ellipsized++;
      if (stats->ellipsized != NULL)
        g_ptr_array_add (stats->ellipsized, g_strdup (pango_layout_get_text (layout)));
    }
  if (stats->texts != NULL)
    g_ptr_array_add (stats->texts, g_strdup (pango_layout_get_text (layout)));
}

double
_staple_audience_text (AudienceContext *ctx,
                       const char      *text,
                       double           x,
                       double           y,
                       double           width,
                       double           size_px,
                       int              weight,
                       int              max_lines,
                       const double    *rgb)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    return 0;

  layout = make_layout (ctx, text, width, size_px, weight, max_lines);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  _staple_audience_fill_rgb (ctx->cr, rgb != NULL ? rgb : ctx->palette->text);
  cairo_move_to (ctx->cr, x, y);
  pango_cairo_show_layout (ctx->cr, layout);
  record_layout (ctx, layout);
  return logical.height;
}

double
_staple_audience_text_height (AudienceContext *ctx,
                              const char      *text,
                              double           width,
                              double           size_px,
                              int              weight,
                              int              max_lines)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    return 0;

  layout = make_layout (ctx, text, width, size_px, weight, max_lines);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.height;
}

gboolean
_staple_audience_text_fits (AudienceContext *ctx,
                            const char      *text,
                            double           width,
                            double           size_px,
                            int              weight,
                            int              max_lines)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  layout = make_layout (ctx, text, width, size_px, weight, max_lines);
  if (pango_layout_is_ellipsized (layout))
    return FALSE;
  /* Nor broken inside a word, which Pango does to a word too long for a line. */
  return _staple_audience_words_fit (ctx, text, width, size_px, weight);
}

gboolean
_staple_audience_words_fit (AudienceContext *ctx,
                            const char      *text,
                            double           width,
                            double           size_px,
                            int              weight)
{
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return TRUE;

  words = g_strsplit_set (text, " \n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && _staple_audience_text_width (ctx, words[i], size_px, weight) > width)
      return FALSE;
  return TRUE;
}

double
_staple_audience_text_width (AudienceContext *ctx,
                             const char      *text,
                             double           size_px,
                             int              weight)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    return 0;

  layout = make_layout (ctx, text, -1, size_px, weight, 1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width;
}

/* The phase on the left, and the clock on the right, in every phase. */
static void
draw_bar (AudienceContext *ctx,
          double           width)
{
  const StapleAudienceOptions *options = ctx->options;
  g_autofree char *title = g_strdup_printf (_("%d. %s"), options->phase + 1,
                                            staple_phase_get_label (options->phase));
  double clock_width = 0;
  double title_width;
  double x = AUDIENCE_MARGIN;
  double baseline_y = 20;

  if (options->timer != NULL && *options->timer != '\0')
    {
      clock_width = _staple_audience_text_width (ctx, options->timer, AUDIENCE_TEXT_TITLE,
                                                 PANGO_WEIGHT_BOLD);
      _staple_audience_text (ctx, options->timer, width - AUDIENCE_MARGIN - clock_width,
                             baseline_y, -1, AUDIENCE_TEXT_TITLE, PANGO_WEIGHT_BOLD, 1,
                             options->timer_expired ? ctx->palette->alarm : ctx->palette->text);
    }

  title_width = MIN (_staple_audience_text_width (ctx, title, AUDIENCE_TEXT_TITLE,
                                                  PANGO_WEIGHT_BOLD),
                     width - 2 * AUDIENCE_MARGIN - clock_width - 24);
  _staple_audience_text (ctx, title, x, baseline_y, title_width, AUDIENCE_TEXT_TITLE,
                         PANGO_WEIGHT_BOLD, 1, NULL);
  x += title_width + 24;

  /* What the phase is for, as long as there is room beside the title. */
  if (width - AUDIENCE_MARGIN - clock_width - 24 - x > 160)
    _staple_audience_text (ctx, staple_phase_get_purpose (options->phase), x, baseline_y + 14,
                           width - AUDIENCE_MARGIN - clock_width - 24 - x,
                           AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);

  _staple_audience_fill_rgb (ctx->cr, ctx->palette->border);
  cairo_rectangle (ctx->cr, 0, BAR_HEIGHT - 2, width, 2);
  cairo_fill (ctx->cr);
}

typedef void (*DrawBody) (AudienceContext *ctx, const cairo_rectangle_t *body);

/* What the room sees of each phase. */
static const DrawBody bodies[STAPLE_N_PHASES] = {
  [STAPLE_PHASE_FRAME] = _staple_audience_draw_frame,
  [STAPLE_PHASE_MAP] = _staple_audience_draw_journey,
  [STAPLE_PHASE_WALK] = _staple_audience_draw_walk,
  [STAPLE_PHASE_DIAGNOSE] = _staple_audience_draw_diagnose,
  [STAPLE_PHASE_PRIORITISE] = _staple_audience_draw_prioritise,
  [STAPLE_PHASE_COMMIT] = _staple_audience_draw_commit,
  [STAPLE_PHASE_CLOSE] = _staple_audience_draw_close,
};

/**
 * staple_audience_draw:
 * @cr: where to draw; the view takes @width × @height from the origin
 * @options: the session, the phase, the walk's stage, the page, the clock
 * @stats: (out caller-allocates) (optional): what was drawn; set its texts
 *   array before the call to collect every text
 *
 * Draws what the room sees in the options' phase: the phase and its clock
 * across the top, and the phase's own view under it. The view is laid out
 * for a 1280×720 screen and scaled to fit @width × @height, keeping its
 * proportions; a wider or taller screen gets more room, not smaller text.
 */
void
staple_audience_draw (cairo_t                     *cr,
                      double                       width,
                      double                       height,
                      const StapleAudienceOptions *options,
                      StapleAudienceStats         *stats)
{
  StapleAudienceStats local = { 0 };
  AudienceContext ctx = { 0 };
  cairo_rectangle_t body;
  double unit;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (options != NULL);

  if (stats == NULL)
    stats = &local;
  stats->smallest_px = 0;
  stats->smallest_line_px = 0;
  stats->n_texts = 0;
  stats->n_ellipsized = 0;
  stats->n_pages = 1;
  /* A phase that chooses its page itself (the Walk, to show the friction
   * point just added) says so here. */
  stats->page = G_MAXUINT;

  ctx.cr = cr;
  ctx.options = options;
  ctx.stats = stats;
  ctx.palette = options->dark ? &dark : &light;
  staple_map_marks_wait_scale (options->session, &ctx.waits);

  unit = MIN (width / STAPLE_AUDIENCE_WIDTH, height / STAPLE_AUDIENCE_HEIGHT);
  if (unit <= 0)
    {
      stats->page = 0;
      return;
    }

  cairo_save (cr);
  _staple_audience_fill_rgb (cr, ctx.palette->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  cairo_scale (cr, unit, unit);
  width /= unit;
  height /= unit;
  draw_bar (&ctx, width);

  body = (cairo_rectangle_t) { AUDIENCE_MARGIN, BAR_HEIGHT + 20,
                               width - 2 * AUDIENCE_MARGIN, height - BAR_HEIGHT - 20 - 24 };
  if (options->session != NULL)
    bodies[CLAMP (options->phase, STAPLE_PHASE_FRAME, STAPLE_PHASE_CLOSE)] (&ctx, &body);

  stats->n_pages = MAX (stats->n_pages, 1);
  stats->page = MIN (stats->page != G_MAXUINT ? stats->page : options->page,
                     stats->n_pages - 1);
  cairo_restore (cr);
}
