/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The marks of a stage that the Map and Walk phases of the audience's view
 * share, so that a stage looks the same in both. */
#pragma once

#include "staple-audience-private.h"

G_BEGIN_DECLS

/* The journey's stage at @index, or NULL past its end. */
StapleStage *_staple_audience_stage_at      (AudienceContext         *ctx,
                                             guint                    index);
guint        _staple_audience_n_stages      (AudienceContext         *ctx);
/* One line of text at @size_px, in pixels. */
double       _staple_audience_line_height   (AudienceContext         *ctx,
                                             double                   size_px);
/* A stage's text on one line, bounded: names, teams and friction points
 * may hold line breaks, which would each start a paragraph of their own. */
char        *_staple_audience_flat          (const char              *text);
/* "waits 9 h", or "no wait"; a wait of days without its minutes when
 * @width is too narrow, never without the word. */
char        *_staple_audience_wait_text     (AudienceContext         *ctx,
                                             guint                    wait_minutes,
                                             gboolean                 capital,
                                             double                   width,
                                             double                   size_px);
/* A wait's label, in at most @max_lines lines: bold, in the strong colour,
 * when it is one of the longest. Returns the height. */
double       _staple_audience_wait_label    (AudienceContext         *ctx,
                                             const char              *text,
                                             guint                    wait_minutes,
                                             double                   x,
                                             double                   y,
                                             double                   width,
                                             double                   size_px,
                                             int                      max_lines);
void         _staple_audience_wait_bar      (AudienceContext         *ctx,
                                             const cairo_rectangle_t *area,
                                             guint                    wait_minutes);
/* A feeling's gauge, @gauge_width wide and @height high from @y, with its
 * value named in bold beside it and as much of its scale (+2, −2, 0, ±1)
 * as has room. Returns the width it took. */
double       _staple_audience_feeling       (AudienceContext         *ctx,
                                             double                   x,
                                             double                   y,
                                             double                   gauge_width,
                                             double                   height,
                                             int                      feeling);
double       _staple_audience_feeling_width (AudienceContext         *ctx,
                                             double                   gauge_width);
/* The mark of a handoff: an arrow, @size wide, its tip at the right. */
void         _staple_audience_handoff_mark  (AudienceContext         *ctx,
                                             double                   x,
                                             double                   y,
                                             double                   size,
                                             gboolean                 handoff);
char        *_staple_audience_frictions_text (guint                   n_frictions);

G_END_DECLS
