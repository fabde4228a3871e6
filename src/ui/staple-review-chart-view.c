/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-review-chart-view.c: the review's chart in its window, drawn by
 * the same cairo code as its PDF in the widget's own colours and font. Its
 * height follows from its width (a review of many journeys is rows of
 * small charts, as many to a row as fit), so it asks for its height for
 * the width it is given. */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "staple-review-chart.h"
#include "staple-review-chart-view.h"

#define LABEL_PX 11.0

struct _StapleReviewChartView
{
  GtkWidget     parent_instance;

  StapleReview *review; /* the window's, which holds this view */
  guint         max_cells;
};

G_DEFINE_FINAL_TYPE (StapleReviewChartView, staple_review_chart_view, GTK_TYPE_WIDGET)

/* Its text colour for the ink, the window's for the inside of the open
 * marks. */
static void
get_style (StapleReviewChartView  *self,
           StapleReviewChartStyle *style)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA fg;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double paper = dark ? 0.14 : 0.98;
  const PangoFontDescription *font =
    pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  staple_review_chart_style_for_paper (style);
  for (int i = 0; i < 3; i++)
    {
      double ink = i == 0 ? fg.red : i == 1 ? fg.green : fg.blue;

      style->ink[i] = ink;
      style->dim[i] = ink * 0.65 + paper * 0.35;
      style->rule[i] = ink * 0.3 + paper * 0.7;
      style->paper[i] = paper;
    }
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    style->family = pango_font_description_get_family (font);
  style->size = LABEL_PX;
  style->max_cells = self->max_cells;
}

static GtkSizeRequestMode
staple_review_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
staple_review_chart_view_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  StapleReviewChartView *self = STAPLE_REVIEW_CHART_VIEW (widget);
  StapleReviewChartStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* A small chart's width, or the durations beside a few journeys'. */
      *minimum = (int) (LABEL_PX * 20);
      *natural = (int) (LABEL_PX * 60);
      return;
    }

  staple_review_chart_style_for_paper (&style);
  style.size = LABEL_PX;
  style.max_cells = self->max_cells;
  *minimum = *natural =
    (int) ceil (staple_review_chart_get_height (self->review,
                                                for_size > 0 ? for_size : LABEL_PX * 60,
                                                &style));
}

/* Each band in a cairo node of its own: the renderer leaves out the bands
 * scrolled out of sight (a review of 40 journeys is some 1,500 pixels of
 * small charts) instead of drawing the whole chart at every frame. */
static void
staple_review_chart_view_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  StapleReviewChartView *self = STAPLE_REVIEW_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  StapleReviewChartStyle style;
  guint n_bands;
  double y = 0;

  if (width <= 0)
    return;

  get_style (self, &style);
  n_bands = staple_review_chart_get_n_bands (self->review, width, &style);
  for (guint band = 0; band < n_bands; band++)
    {
      double height = staple_review_chart_get_band_height (self->review, width, &style, band);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (0, y, width, ceil (height)));

      cairo_translate (cr, 0, y);
      staple_review_chart_draw_band (cr, self->review, width, &style, band);
      cairo_destroy (cr);
      y += height;
    }
}

static void
staple_review_chart_view_class_init (StapleReviewChartViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = staple_review_chart_view_get_request_mode;
  widget_class->measure = staple_review_chart_view_measure;
  widget_class->snapshot = staple_review_chart_view_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
staple_review_chart_view_init (StapleReviewChartView *self)
{
}

/**
 * staple_review_chart_view_new:
 * @review: the review to chart, which must outlive the view
 *
 * Returns: (transfer floating): the chart
 */
GtkWidget *
staple_review_chart_view_new (StapleReview *review)
{
  StapleReviewChartView *self = g_object_new (STAPLE_TYPE_REVIEW_CHART_VIEW, NULL);

  self->review = review;
  return GTK_WIDGET (self);
}

/**
 * staple_review_chart_view_set_max_cells:
 * @max_cells: how many of the journeys' small charts to show, the first
 *   ones; 0 for all
 */
void
staple_review_chart_view_set_max_cells (StapleReviewChartView *self,
                                        guint                  max_cells)
{
  g_return_if_fail (STAPLE_IS_REVIEW_CHART_VIEW (self));

  self->max_cells = max_cells;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
