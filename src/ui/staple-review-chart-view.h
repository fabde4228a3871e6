/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_REVIEW_CHART_VIEW (staple_review_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (StapleReviewChartView, staple_review_chart_view, STAPLE,
                      REVIEW_CHART_VIEW, GtkWidget)

GtkWidget *staple_review_chart_view_new           (StapleReview          *review);
void       staple_review_chart_view_set_max_cells (StapleReviewChartView *self,
                                                   guint                  max_cells);

G_END_DECLS
