/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "staple-model.h"

G_BEGIN_DECLS

/* How a stage's wait compares with the journey's others. */
typedef struct
{
  guint longest;    /* the journey's longest wait, in minutes; 0 when none is noted */
  guint threshold;  /* a wait of at least this many minutes stands out; 0 for none */
} StapleWaitScale;

void     staple_map_marks_rounded_rect    (cairo_t                *cr,
                                           const cairo_rectangle_t *rect,
                                           double                  radius);
void     staple_map_marks_wait_scale      (StapleSession          *session,
                                           StapleWaitScale        *scale);
gboolean staple_map_marks_wait_stands_out (const StapleWaitScale  *scale,
                                           guint                   wait_minutes);
void     staple_map_marks_draw_wait       (cairo_t                *cr,
                                           const cairo_rectangle_t *area,
                                           guint                   wait_minutes,
                                           const StapleWaitScale  *scale,
                                           gboolean                dark,
                                           gboolean                print);
void     staple_map_marks_wait_rgb        (gboolean                stands_out,
                                           gboolean                dark,
                                           gboolean                print,
                                           double                 *rgb);
void     staple_map_marks_feeling_rgb     (int                     feeling,
                                           gboolean                dark,
                                           gboolean                print,
                                           double                 *rgb);
void     staple_map_marks_draw_feeling    (cairo_t                *cr,
                                           const cairo_rectangle_t *area,
                                           int                     feeling,
                                           gboolean                dark,
                                           gboolean                print);

G_END_DECLS
