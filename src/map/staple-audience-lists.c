/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-lists.c: Frame, Diagnose, Prioritise, Commit and Close, for
 * the room. (Being written.) */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-private.h"

void
_staple_audience_draw_frame (AudienceContext         *ctx,
                             const cairo_rectangle_t *body)
{
  _staple_audience_text (ctx, staple_session_get_question (ctx->options->session),
                         body->x, body->y, body->width, AUDIENCE_TEXT_LARGE,
                         PANGO_WEIGHT_BOLD, 3, NULL);
}

void
_staple_audience_draw_diagnose (AudienceContext         *ctx,
                                const cairo_rectangle_t *body)
{
  _staple_audience_draw_frame (ctx, body);
}

void
_staple_audience_draw_prioritise (AudienceContext         *ctx,
                                  const cairo_rectangle_t *body)
{
  _staple_audience_draw_frame (ctx, body);
}

void
_staple_audience_draw_commit (AudienceContext         *ctx,
                              const cairo_rectangle_t *body)
{
  _staple_audience_draw_frame (ctx, body);
}

void
_staple_audience_draw_close (AudienceContext         *ctx,
                             const cairo_rectangle_t *body)
{
  _staple_audience_draw_frame (ctx, body);
}
