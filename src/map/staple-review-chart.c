/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-review-chart.c: lead time (solid) and work time (dashed) of each
 * journey's walks over their dates. Journeys are told apart by their marks
 * (filled or open, circle or square) and numbered; each point's lead time
 * is written above it, so the chart reads in black and white and without
 * the table beside it. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "staple-review-chart.h"

/* In label sizes (the style's size), so that the chart scales with it. */
#define TOP          1.8   /* room for the highest point's value */
#define PLOT        22.0
#define LABELS       7.0   /* the duration labels left of the plot */
#define END          2.4   /* right of the last point, for its journey's number */
#define UNDER        2.2   /* the dates under the axis */
#define LEGEND_LINE  1.6
#define MARKER       0.35
#define MAX_POINT_LABELS 16 /* dated walks, beyond which only each journey's last is labelled */
#define LEGEND_MAX  12     /* journeys named in the legend; the rest counted */

/**
 * staple_review_chart_style_for_paper:
 *
 * Black on white, the labels at 7.5 points: the review's PDF.
 */
void
staple_review_chart_style_for_paper (StapleReviewChartStyle *style)
{
  *style = (StapleReviewChartStyle) {
    { 0, 0, 0 }, { 0.35, 0.35, 0.35 }, { 0.55, 0.55, 0.55 }, { 1, 1, 1 },
    "Cantarell, DejaVu Sans, sans-serif", 7.5,
  };
}

/**
 * staple_review_journey_number:
 *
 * Returns: the journey's number, 1… in the order their first walks came,
 *   or 0 for no journey of @review
 */
guint
staple_review_journey_number (StapleReview *review,
                              gint64        journey_id)
{
  guint number = 0;

  for (guint i = 0; i < review->walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (review->walks, StapleReviewWalk, i);

      /* A journey's first walk is the one it is named by. */
      if (walk->journey_id == walk->session_id)
        {
          number++;
          if (walk->journey_id == journey_id)
            return number;
        }
    }

  return 0;
}

static guint
julian (const char *date)
{
  GDate day;

  if (!staple_date_is_valid (date))
    return 0;

  g_date_clear (&day, 1);
  g_date_set_parse (&day, date);
  return g_date_valid (&day) ? g_date_get_julian (&day) : 0;
}

static guint
count_dated (StapleReview *review)
{
  guint n = 0;

  for (guint i = 0; i < review->walks->len; i++)
    n += julian (g_array_index (review->walks, StapleReviewWalk, i).date) != 0;

  return n;
}

/**
 * staple_review_chart_get_height:
 *
 * Returns: the chart's height at @width, legend included; 0 when no walk
 *   has a date, and there is no chart to draw
 */
double
staple_review_chart_get_height (StapleReview                 *review,
                                double                        width,
                                const StapleReviewChartStyle *style)
{
  if (count_dated (review) == 0)
    return 0;

  return style->size * (TOP + PLOT + UNDER +
                        LEGEND_LINE * (1.4 + MIN (review->n_journeys, LEGEND_MAX + 1)));
}

/* A round step for the time axis: about four lines over @max minutes. */
static guint
time_step (guint max)
{
  static const guint steps[] = {
    5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2 * 1440, 3 * 1440, 7 * 1440,
    14 * 1440, 30 * 1440, 60 * 1440, 90 * 1440, 180 * 1440, 365 * 1440,
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (max / steps[i] < 4)
        return steps[i];
    }

  return MAX (max / 4, 1);
}

typedef struct
{
  cairo_t                      *cr;
  const StapleReviewChartStyle *style;
  PangoLayout                  *layout;
} Chart;

static void
set_colour (Chart        *chart,
            const double *rgb)
{
  cairo_set_source_rgb (chart->cr, rgb[0], rgb[1], rgb[2]);
}

/* @text at (x, y) (its top), its left there (align 0), its centre (0.5)
 * or its right (1), at most @width wide. */
static void
label (Chart      *chart,
       const char *text,
       double      x,
       double      y,
       double      align,
       double      width)
{
  int text_width, text_height;

  pango_layout_set_text (chart->layout, text, -1);
  pango_layout_set_width (chart->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_get_size (chart->layout, &text_width, &text_height);
  set_colour (chart, chart->style->dim);
  cairo_move_to (chart->cr, x - align * text_width / PANGO_SCALE, y);
  pango_cairo_show_layout (chart->cr, chart->layout);
  cairo_new_path (chart->cr);
}

static void
line (Chart  *chart,
      double  x0,
      double  y0,
      double  x1,
      double  y1,
      double  width,
      gboolean dashed)
{
  cairo_t *cr = chart->cr;
  double dash[] = { 2 * width + 0.6, 1.6 * width + 0.4 };

  set_colour (chart, chart->style->ink);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dash, dashed ? 2 : 0, 0);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Filled circle, open circle, filled square, open square, then again. */
static void
marker (Chart  *chart,
        guint   journey,
        double  x,
        double  y,
        double  radius)
{
  cairo_t *cr = chart->cr;
  gboolean filled = journey > 0 && (journey - 1) % 2 == 0;

  cairo_new_path (cr);
  if (journey == 0 || ((journey - 1) / 2) % 2 == 0)
    cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  else
    cairo_rectangle (cr, x - radius, y - radius, 2 * radius, 2 * radius);

  set_colour (chart, filled ? chart->style->ink : chart->style->paper);
  cairo_fill_preserve (cr);
  set_colour (chart, chart->style->ink);
  cairo_set_line_width (cr, MAX (0.8, radius / 3));
  cairo_stroke (cr);
}

static void
draw_legend (Chart        *chart,
             StapleReview *review,
             double        x,
             double        y,
             double        width)
{
  double s = chart->style->size;

  line (chart, x, y + s * 0.6, x + 2.4 * s, y + s * 0.6, s * 0.19, FALSE);
  label (chart, _("lead time: the work's whole way, waiting included"), x + 3 * s, y, 0,
         width / 2 - 4 * s);
  line (chart, x + width / 2, y + s * 0.6, x + width / 2 + 2.4 * s, y + s * 0.6, s * 0.12,
        TRUE);
  label (chart, _("work time: someone working on it"), x + width / 2 + 3 * s, y, 0,
         width / 2 - 4 * s);
  y += LEGEND_LINE * 1.4 * s;

  for (guint i = 0; i < review->walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (review->walks, StapleReviewWalk, i);
      guint journey;
      g_autofree char *text = NULL;

      if (walk->journey_id != walk->session_id)
        continue;
      journey = staple_review_journey_number (review, walk->journey_id);
      if (journey > LEGEND_MAX && review->n_journeys > LEGEND_MAX + 1)
        {
          guint more = review->n_journeys - LEGEND_MAX;

          text = g_strdup_printf (ngettext ("and %u more journey, numbered in the table",
                                            "and %u more journeys, numbered in the table", more),
                                  more);
          label (chart, text, x + 3 * s, y, 0, width - 3 * s);
          break;
        }
      marker (chart, journey, x + 1.2 * s, y + 0.6 * s, MARKER * s);
      /* Translators: a journey in the chart's legend: its number and its first walk's title */
      text = g_strdup_printf (_("%u  %s"), journey, walk->title);
      label (chart, text, x + 3 * s, y, 0, width - 3 * s);
      y += LEGEND_LINE * s;
    }
}

/**
 * staple_review_chart_draw:
 * @cr: where to draw, the chart's top left at the origin
 * @width: the chart's width; its height is staple_review_chart_get_height()
 *
 * Draws the chart, its legend under it.
 */
void
staple_review_chart_draw (cairo_t                      *cr,
                          StapleReview                 *review,
                          double                        width,
                          const StapleReviewChartStyle *style)
{
  GArray *walks = review->walks;
  double s = style->size;
  double last_label_x = -G_MAXDOUBLE;
  gboolean last_label_beside = TRUE;
  guint first_day = G_MAXUINT, last_day = 0, max = 1, n_dated = 0, step, n_steps;
  double x0 = LABELS * s, x1 = width - END * s;
  double y0 = TOP * s, y1 = y0 + PLOT * s;
  PangoFontDescription *font;
  Chart chart = { cr, style, pango_cairo_create_layout (cr) };

  font = pango_font_description_from_string (style->family);
  pango_font_description_set_absolute_size (font, s * PANGO_SCALE);
  pango_layout_set_font_description (chart.layout, font);
  pango_layout_set_ellipsize (chart.layout, PANGO_ELLIPSIZE_END);
  pango_font_description_free (font);

  for (guint i = 0; i < walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (walks, StapleReviewWalk, i);
      guint day = julian (walk->date);

      if (day == 0)
        continue;
      n_dated++;
      first_day = MIN (first_day, day);
      last_day = MAX (last_day, day);
      max = MAX (max, walk->lead_minutes);
    }

  if (n_dated == 0)
    {
      g_object_unref (chart.layout);
      return;
    }

  cairo_save (cr);
  step = time_step (max);
  n_steps = (max + step - 1) / step;

  /* The grid, and its durations. */
  for (guint i = 0; i <= n_steps; i++)
    {
      double y = y1 - (y1 - y0) * i / n_steps;
      g_autofree char *text = staple_format_minutes (i * step);

      if (i == 0)
        line (&chart, x0, y, x1, y, s * 0.1, FALSE);
      else
        {
          set_colour (&chart, style->rule);
          cairo_set_line_width (cr, s * 0.04);
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, x1, y);
          cairo_stroke (cr);
        }
      label (&chart, text, x0 - 0.6 * s, y - 0.6 * s, 1, LABELS * s - 0.8 * s);
    }

#define X_OF(day) (last_day > first_day \
                   ? x0 + s + (x1 - x0 - 2 * s) * ((double) (day) - first_day) \
                     / (last_day - first_day) \
                   : (x0 + x1) / 2)
#define Y_OF(minutes) (y1 - (y1 - y0) * (double) (minutes) / ((double) n_steps * step))

  for (guint i = 0; i < walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (walks, StapleReviewWalk, i);
      guint day = julian (walk->date);
      guint journey = staple_review_journey_number (review, walk->journey_id);
      gboolean last_of_journey = TRUE;
      double x, y;

      if (day == 0)
        continue;
      x = X_OF (day);
      y = Y_OF (walk->lead_minutes);

      /* The lines from the journey's dated walk before. */
      for (guint j = i; j-- > 0;)
        {
          StapleReviewWalk *before = &g_array_index (walks, StapleReviewWalk, j);
          guint before_day = julian (before->date);

          if (before->journey_id != walk->journey_id || before_day == 0)
            continue;
          line (&chart, X_OF (before_day), Y_OF (before->lead_minutes), x, y, s * 0.19, FALSE);
          line (&chart, X_OF (before_day), Y_OF (before->work_minutes), x,
                Y_OF (walk->work_minutes), s * 0.12, TRUE);
          break;
        }
      for (guint j = i + 1; j < walks->len && last_of_journey; j++)
        {
          StapleReviewWalk *after = &g_array_index (walks, StapleReviewWalk, j);

          if (after->journey_id == walk->journey_id && julian (after->date) != 0)
            last_of_journey = FALSE;
        }

      marker (&chart, journey, x, y, MARKER * s);
      marker (&chart, journey, x, Y_OF (walk->work_minutes), MARKER * s * 0.6);
      /* Each point's value while there are few; with many, each journey's
       * last, while the journeys are few enough to tell apart. */
      if (n_dated <= MAX_POINT_LABELS || (last_of_journey && review->n_journeys <= LEGEND_MAX))
        {
          g_autofree char *value = staple_format_minutes (walk->lead_minutes);
          /* Two walks on (nearly) the same day: one value above, the
           * next left of its mark. */
          gboolean beside = fabs (x - last_label_x) < 4 * s && !last_label_beside;

          if (beside)
            label (&chart, value, x - MARKER * s - 0.5 * s, y - 0.6 * s, 1, 0);
          else
            label (&chart, value, x, y - MARKER * s - 1.4 * s, 0.5, 0);
          last_label_x = x;
          last_label_beside = beside;
        }
      if (last_of_journey && review->n_journeys <= LEGEND_MAX)
        {
          g_autofree char *number = g_strdup_printf ("%u", journey);

          label (&chart, number, x + MARKER * s + 0.4 * s, y - 0.6 * s, 0, 0);
        }
    }

  /* The first and last dates under the axis. */
  {
    GDate day;
    char text[16];

    g_date_clear (&day, 1);
    g_date_set_julian (&day, first_day);
    g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
    label (&chart, text, X_OF (first_day), y1 + 0.4 * s, 0.5, 0);
    if (last_day > first_day)
      {
        g_date_set_julian (&day, last_day);
        g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
        label (&chart, text, X_OF (last_day), y1 + 0.4 * s, 0.5, 0);
      }
  }
#undef X_OF
#undef Y_OF

  draw_legend (&chart, review, x0, y1 + UNDER * s, width - x0);
  cairo_restore (cr);
  g_object_unref (chart.layout);
}
