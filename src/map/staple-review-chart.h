/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-review-chart.h: the leadership review's chart of lead time and
 * work time over the walks' dates, one line per journey, drawn with cairo
 * on any surface: the review's window and its PDF. */
#pragma once

#include <cairo.h>

#include "staple-model.h"

G_BEGIN_DECLS

typedef struct
{
  double      ink[3];    /* lines, marks, the axis */
  double      dim[3];    /* labels */
  double      rule[3];   /* the grid */
  double      paper[3];  /* inside the open marks */
  const char *family;
  double      size;      /* of the labels, in user units */
  guint       max_cells; /* small charts drawn at most, the first ones; 0 for all */
} StapleReviewChartStyle;

void   staple_review_chart_style_for_paper (StapleReviewChartStyle       *style);
double staple_review_chart_get_height      (StapleReview                 *review,
                                            double                        width,
                                            const StapleReviewChartStyle *style);
guint  staple_review_chart_draw            (cairo_t                      *cr,
                                            StapleReview                 *review,
                                            double                        width,
                                            const StapleReviewChartStyle *style);
guint  staple_review_chart_get_n_bands     (StapleReview                 *review,
                                            double                        width,
                                            const StapleReviewChartStyle *style);
double staple_review_chart_get_band_height (StapleReview                 *review,
                                            double                        width,
                                            const StapleReviewChartStyle *style,
                                            guint                         band);
guint  staple_review_chart_draw_band       (cairo_t                      *cr,
                                            StapleReview                 *review,
                                            double                        width,
                                            const StapleReviewChartStyle *style,
                                            guint                         band);
guint  staple_review_chart_count_journeys  (StapleReview                 *review);
guint  staple_review_journey_number        (StapleReview                 *review,
                                            gint64                        journey_id);

G_END_DECLS
