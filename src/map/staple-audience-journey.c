/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-journey.c: the journey and the walk, for the room. (Being written.) */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-private.h"

void
_staple_audience_draw_journey (AudienceContext         *ctx,
                               const cairo_rectangle_t *body)
{
  _staple_audience_text (ctx, staple_session_get_title (ctx->options->session),
                         body->x, body->y, body->width, AUDIENCE_TEXT_LARGE,
                         PANGO_WEIGHT_BOLD, 2, NULL);
}

void
_staple_audience_draw_walk (AudienceContext         *ctx,
                            const cairo_rectangle_t *body)
{
  _staple_audience_draw_journey (ctx, body);
}
