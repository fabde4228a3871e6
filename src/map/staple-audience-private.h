/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "staple-audience.h"
#include "staple-map-marks.h"

G_BEGIN_DECLS

/* Text sizes, in pixels of a 1280×720 screen. None is below
 * STAPLE_AUDIENCE_MIN_TEXT_PX. */
#define AUDIENCE_TEXT_SMALL 24.0   /* labels, neighbours, counts */
#define AUDIENCE_TEXT_BODY 28.0    /* friction points, actions, names */
#define AUDIENCE_TEXT_LARGE 36.0   /* a stage brought forward, a question */
#define AUDIENCE_TEXT_TITLE 44.0   /* the phase's title */
#define AUDIENCE_MARGIN 32.0

typedef struct
{
  double background[3];
  double surface[3];     /* a card or tile on the background */
  double surface_current[3];
  double border[3];
  double text[3];
  double dim[3];
  double accent[3];
  double alarm[3];       /* an expired clock */
} AudiencePalette;

typedef struct
{
  cairo_t                     *cr;
  const StapleAudienceOptions *options;
  StapleAudienceStats         *stats;     /* never NULL here */
  const AudiencePalette       *palette;
  StapleWaitScale              waits;
} AudienceContext;

/* A text drawn wrapped to @width at @size_px (pixels of a 1280×720 screen:
 * the context is scaled so that one unit is one such pixel), in at most
 * @max_lines lines (0 for any number), the last ellipsized. Records its size
 * in the stats. Returns the height it took. */
double _staple_audience_text         (AudienceContext *ctx,
                                      const char      *text,
                                      double           x,
                                      double           y,
                                      double           width,
                                      double           size_px,
                                      int              weight,
                                      int              max_lines,
                                      const double    *rgb);
/* The same text measured, not drawn. */
double _staple_audience_text_height  (AudienceContext *ctx,
                                      const char      *text,
                                      double           width,
                                      double           size_px,
                                      int              weight,
                                      int              max_lines);
/* Whether the text is whole at that width, in that many lines at most. */
gboolean _staple_audience_text_fits  (AudienceContext *ctx,
                                      const char      *text,
                                      double           width,
                                      double           size_px,
                                      int              weight,
                                      int              max_lines);
/* Whether every word of the text fits a line that wide (none would be
 * broken inside). */
gboolean _staple_audience_words_fit  (AudienceContext *ctx,
                                      const char      *text,
                                      double           width,
                                      double           size_px,
                                      int              weight);
/* The width a text takes on one line, not drawn. */
double _staple_audience_text_width   (AudienceContext *ctx,
                                      const char      *text,
                                      double           size_px,
                                      int              weight);
void   _staple_audience_fill_rgb     (cairo_t      *cr,
                                      const double *rgb);

/* Each phase's body, drawn into @body (units as above). Each sets
 * ctx->stats->n_pages and draws options->page, clamped. */
void _staple_audience_draw_frame      (AudienceContext *ctx, const cairo_rectangle_t *body);
void _staple_audience_draw_journey    (AudienceContext *ctx, const cairo_rectangle_t *body);
void _staple_audience_draw_walk       (AudienceContext *ctx, const cairo_rectangle_t *body);
void _staple_audience_draw_diagnose   (AudienceContext *ctx, const cairo_rectangle_t *body);
void _staple_audience_draw_prioritise (AudienceContext *ctx, const cairo_rectangle_t *body);
void _staple_audience_draw_commit     (AudienceContext *ctx, const cairo_rectangle_t *body);
void _staple_audience_draw_close      (AudienceContext *ctx, const cairo_rectangle_t *body);

G_END_DECLS
