/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-walk.c: the stage the walk is at, for the room. (Being written.) */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-journey-private.h"

void
_staple_audience_draw_walk (AudienceContext         *ctx,
                            const cairo_rectangle_t *body)
{
  _staple_audience_draw_journey (ctx, body);
}
