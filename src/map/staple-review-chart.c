/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-review-chart.c: lead time (solid) and work time (dashed) of each
 * journey's walks over their dates. Up to four journeys walked again share
 * one chart, told apart by their marks (filled or open, circle or square)
 * and numbered; each point's lead time is written above it, so the chart
 * reads in black and white and without the table beside it. More journeys
 * than the marks tell apart would tangle: each journey walked again then
 * gets a small chart of its own, all on the same scales, with its first and
 * latest lead time written under it, and the journeys walked once share a
 * last one. The chart is made of bands (the key, then each row of small
 * charts) that a page keeps whole. */

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
#define OVERVIEW_MAX 4     /* journeys walked again drawn on one chart: as many as the marks tell */

/* The small charts, one a journey, in label sizes too. */
#define CELL_MIN    15.0   /* a small chart's least width */
#define CELL_GAP     1.6   /* between two side by side */
#define CELL_TITLE   1.6
#define CELL_PLOT    5.0
#define CELL_VALUES  1.5
#define CELL_BELOW   1.4   /* under each row */
#define LINE_KEY     2.4   /* legend lines of the solid and the dashed line's key */
#define KEY_TEXT_LINES 3   /* the small charts' scales, in words */
#define KEY_HEIGHT  (LEGEND_LINE * (LINE_KEY + KEY_TEXT_LINES))

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
    "Cantarell, DejaVu Sans, sans-serif", 7.5, 0,
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

/* @day (julian) as YYYY-MM-DD into @text. */
static void
format_day (guint day,
            char  text[16])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_date_strftime (text, 16, "%Y-%m-%d", &date);
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

/* The journeys as the chart draws them: the numbered ones with two dated
 * walks or more, in their numbers' order, and how many have one. */
typedef struct
{
  gint64 journey_id;
  guint  number;
  guint  n_dated;
} Journey;

typedef struct
{
  GArray *lines;     /* Journey: walked again, each a line */
  guint   n_once;    /* journeys with one dated walk */
  guint   first_day; /* of the dated walks, julian */
  guint   last_day;
  guint   top;       /* minutes: the time axis's top, a round step above the longest */
  guint   step;
  guint   n_dated;
} Shape;

static void
shape_init (Shape        *shape,
            StapleReview *review)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (Journey));
  guint max = 1, number = 0;

  *shape = (Shape) { g_array_new (FALSE, TRUE, sizeof (Journey)), 0, G_MAXUINT, 0 };

  /* Numbered by their first walks (staple_review_journey_number()). */
  for (guint i = 0; i < review->walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (review->walks, StapleReviewWalk, i);
      Journey journey = { walk->journey_id, ++number, 0 };

      if (walk->journey_id != walk->session_id)
        {
          number--;
          continue;
        }
      g_array_append_val (all, journey);
    }
  for (guint i = 0; i < all->len; i++)
    g_hash_table_insert (index, &g_array_index (all, Journey, i).journey_id,
                         GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < review->walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (review->walks, StapleReviewWalk, i);
      guint day = julian (walk->date);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, &walk->journey_id));

      if (day == 0)
        continue;
      shape->n_dated++;
      shape->first_day = MIN (shape->first_day, day);
      shape->last_day = MAX (shape->last_day, day);
      max = MAX (max, walk->lead_minutes);
      if (at > 0)
        g_array_index (all, Journey, at - 1).n_dated++;
    }

  for (guint i = 0; i < all->len; i++)
    {
      Journey *journey = &g_array_index (all, Journey, i);

      if (journey->n_dated >= 2)
        g_array_append_val (shape->lines, *journey);
      else if (journey->n_dated == 1)
        shape->n_once++;
    }

  shape->step = time_step (max);
  shape->top = shape->step * ((max + shape->step - 1) / shape->step);
}

static void
shape_clear (Shape *shape)
{
  g_clear_pointer (&shape->lines, g_array_unref);
}

/* Whether the journeys are small charts of their own, not lines on one. */
static gboolean
is_multiples (const Shape *shape)
{
  return shape->lines->len > OVERVIEW_MAX;
}

static guint
count_cells (const Shape                  *shape,
             const StapleReviewChartStyle *style)
{
  guint n = shape->lines->len + (shape->n_once > 0);

  return style->max_cells > 0 ? MIN (n, style->max_cells) : n;
}

/**
 * staple_review_chart_count_journeys:
 *
 * Returns: how many small charts the whole chart has (whatever the
 *   style's max_cells), 0 when its journeys share one chart
 */
guint
staple_review_chart_count_journeys (StapleReview *review)
{
  Shape shape;
  guint n;

  shape_init (&shape, review);
  n = shape.n_dated > 0 && is_multiples (&shape) ? shape.lines->len + (shape.n_once > 0) : 0;
  shape_clear (&shape);
  return n;
}

static guint
count_columns (double width,
               double size)
{
  return (guint) CLAMP ((width + CELL_GAP * size) / ((CELL_MIN + CELL_GAP) * size), 1, 8);
}

static double
overview_height (StapleReview *review,
                 double        size)
{
  return size * (TOP + PLOT + UNDER +
                 LEGEND_LINE * (LINE_KEY + MIN (review->n_journeys, LEGEND_MAX + 1)));
}

static double
row_height (double size)
{
  return size * (CELL_TITLE + CELL_PLOT + CELL_VALUES + CELL_BELOW);
}

/**
 * staple_review_chart_get_n_bands:
 * @width: the chart's width
 *
 * Returns: how many bands the chart is made of at @width, each to be kept
 *   whole on a page: one for a chart of a few journeys, else its key and
 *   each row of small charts; 0 when no walk has a date, and there is no
 *   chart to draw
 */
guint
staple_review_chart_get_n_bands (StapleReview                 *review,
                                 double                        width,
                                 const StapleReviewChartStyle *style)
{
  Shape shape;
  guint n;

  shape_init (&shape, review);
  if (shape.n_dated == 0)
    n = 0;
  else if (!is_multiples (&shape))
    n = 1;
  else
    {
      guint columns = count_columns (width, style->size);

      n = 1 + (count_cells (&shape, style) + columns - 1) / columns;
    }
  shape_clear (&shape);
  return n;
}

/**
 * staple_review_chart_get_band_height:
 * @band: one of staple_review_chart_get_n_bands()
 *
 * Returns: the band's height at @width
 */
double
staple_review_chart_get_band_height (StapleReview                 *review,
                                     double                        width,
                                     const StapleReviewChartStyle *style,
                                     guint                         band)
{
  Shape shape;
  double height;

  shape_init (&shape, review);
  if (shape.n_dated == 0)
    height = 0;
  else if (!is_multiples (&shape))
    height = overview_height (review, style->size);
  else
    height = band == 0 ? style->size * KEY_HEIGHT : row_height (style->size);
  shape_clear (&shape);
  return height;
}

/**
 * staple_review_chart_get_height:
 *
 * Returns: the chart's height at @width, all its bands; 0 when no walk
 *   has a date, and there is no chart to draw
 */
double
staple_review_chart_get_height (StapleReview                 *review,
                                double                        width,
                                const StapleReviewChartStyle *style)
{
  guint n = staple_review_chart_get_n_bands (review, width, style);

  if (n <= 1)
    return n == 0 ? 0 : staple_review_chart_get_band_height (review, width, style, 0);
  return style->size * KEY_HEIGHT + (n - 1) * row_height (style->size);
}

typedef struct
{
  cairo_t                      *cr;
  const StapleReviewChartStyle *style;
  PangoLayout                  *layout;
  guint                         n_cut;  /* the chart's own labels cut short */
} Chart;

static void
set_colour (Chart        *chart,
            const double *rgb)
{
  cairo_set_source_rgb (chart->cr, rgb[0], rgb[1], rgb[2]);
}

/* @text at (x, y) (its top), its left there (align 0), its centre (0.5)
 * or its right (1), at most @width wide; cut short, counted when @counted
 * (the chart's own words; a walk's title is the session's). */
static void
label_full (Chart      *chart,
            const char *text,
            double      x,
            double      y,
            double      align,
            double      width,
            gboolean    counted)
{
  int text_width, text_height;

  pango_layout_set_text (chart->layout, text, -1);
  pango_layout_set_width (chart->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_get_size (chart->layout, &text_width, &text_height);
  if (counted && pango_layout_is_ellipsized (chart->layout))
    chart->n_cut++;
  set_colour (chart, chart->style->dim);
  cairo_move_to (chart->cr, x - align * text_width / PANGO_SCALE, y);
  pango_cairo_show_layout (chart->cr, chart->layout);
  cairo_new_path (chart->cr);
}

static void
label (Chart      *chart,
       const char *text,
       double      x,
       double      y,
       double      align,
       double      width)
{
  label_full (chart, text, x, y, align, width, TRUE);
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

/* What the solid and the dashed line are, one under the other (side by
 * side, a German line key did not fit half the page). */
static void
draw_line_key (Chart  *chart,
               double  x,
               double  y,
               double  width)
{
  double s = chart->style->size;

  line (chart, x, y + s * 0.6, x + 2.4 * s, y + s * 0.6, s * 0.19, FALSE);
  label (chart, _("lead time: the work's whole way, waiting included"), x + 3 * s, y, 0,
         width - 3 * s);
  y += LEGEND_LINE * s;
  line (chart, x, y + s * 0.6, x + 2.4 * s, y + s * 0.6, s * 0.12, TRUE);
  label (chart, _("work time: someone working on it"), x + 3 * s, y, 0, width - 3 * s);
}

static void
draw_legend (Chart        *chart,
             StapleReview *review,
             double        x,
             double        y,
             double        width)
{
  double s = chart->style->size;

  draw_line_key (chart, x, y, width);
  y += LEGEND_LINE * LINE_KEY * s;

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
      label_full (chart, text, x + 3 * s, y, 0, width - 3 * s, FALSE);
      y += LEGEND_LINE * s;
    }
}

static Chart
chart_begin (cairo_t                      *cr,
             const StapleReviewChartStyle *style)
{
  Chart chart = { cr, style, pango_cairo_create_layout (cr) };
  PangoFontDescription *font = pango_font_description_from_string (style->family);

  pango_font_description_set_absolute_size (font, style->size * PANGO_SCALE);
  pango_layout_set_font_description (chart.layout, font);
  pango_layout_set_ellipsize (chart.layout, PANGO_ELLIPSIZE_END);
  pango_font_description_free (font);
  return chart;
}

/* The chart of a few journeys, its legend under it.
 *
 * Returns: how many of its own labels it cut short */
static guint
draw_overview (cairo_t                      *cr,
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
  Chart chart = chart_begin (cr, style);

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
      return 0;
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
    char text[16];

    format_day (first_day, text);
    label (&chart, text, X_OF (first_day), y1 + 0.4 * s, 0.5, 0);
    if (last_day > first_day)
      {
        format_day (last_day, text);
        label (&chart, text, X_OF (last_day), y1 + 0.4 * s, 0.5, 0);
      }
  }
#undef X_OF
#undef Y_OF

  draw_legend (&chart, review, x0, y1 + UNDER * s, width - x0);
  cairo_restore (cr);
  g_object_unref (chart.layout);
  return chart.n_cut;
}

/* What the lines mean, and the scales every small chart shares. */
static void
draw_key (Chart       *chart,
          const Shape *shape,
          double       width)
{
  double s = chart->style->size;
  double y = LEGEND_LINE * LINE_KEY * s;
  char first[16], last[16];
  g_autofree char *top = staple_format_minutes (shape->top);
  g_autofree char *text = NULL;

  draw_line_key (chart, 0, 0, width);

  format_day (shape->first_day, first);
  format_day (shape->last_day, last);
  /* Translators: over the review's small charts, one a journey; e.g.
   * "Each journey walked again on its own, all on the same scales: from
   * 2026-01-10 to 2026-11-30, and from 0 to 3 d. Under each, its lead
   * time on its first walk → on its latest." */
  text = g_strdup_printf (_("Each journey walked again on its own, all on the same scales: "
                            "from %s to %s, and from 0 to %s. Under each, its lead time on "
                            "its first walk → on its latest."), first, last, top);
  pango_layout_set_wrap (chart->layout, PANGO_WRAP_WORD);
  pango_layout_set_height (chart->layout, -KEY_TEXT_LINES);
  label (chart, text, 0, y, 0, width);
  pango_layout_set_height (chart->layout, -1);
}

/* One small chart at (x, y), @width wide: the walks of @journey (0 for
 * those walked once, as dots), its title above, its lead times under. */
static void
draw_cell (Chart        *chart,
           StapleReview *review,
           const Shape  *shape,
           const Journey *journey,
           double        x,
           double        y,
           double        width)
{
  const StapleReviewChartStyle *style = chart->style;
  cairo_t *cr = chart->cr;
  double s = style->size;
  double inset = MARKER * s + 0.2 * s;
  double top = y + CELL_TITLE * s + 0.3 * s, bottom = y + (CELL_TITLE + CELL_PLOT) * s;
  double px = 0, py_lead = 0, py_work = 0;
  gboolean any = FALSE;
  const StapleReviewWalk *first = NULL, *latest = NULL;
  g_autofree char *title = NULL;
  g_autofree char *values = NULL;

#define CELL_X(d) (shape->last_day > shape->first_day \
                   ? x + inset + (width - 2 * inset) * ((double) (d) - shape->first_day) \
                     / (shape->last_day - shape->first_day) \
                   : x + width / 2)
#define CELL_Y(minutes) (bottom - (bottom - top) * (double) (minutes) / shape->top)

  /* The axis, and the top of the shared scale. */
  line (chart, x, bottom, x + width, bottom, s * 0.1, FALSE);
  set_colour (chart, style->rule);
  cairo_set_line_width (cr, s * 0.04);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x + width, top);
  cairo_stroke (cr);

  for (guint i = 0; i < review->walks->len; i++)
    {
      const StapleReviewWalk *walk = &g_array_index (review->walks, StapleReviewWalk, i);
      guint day = julian (walk->date);
      double wx, wy_lead, wy_work;

      if (day == 0)
        continue;
      if (journey != NULL && walk->journey_id != journey->journey_id)
        continue;
      if (journey == NULL)
        {
          /* Walked once: its journey has no other dated walk. */
          gboolean alone = TRUE;

          for (guint j = 0; j < shape->lines->len && alone; j++)
            alone = g_array_index (shape->lines, Journey, j).journey_id != walk->journey_id;
          if (!alone)
            continue;
        }

      wx = CELL_X (day);
      wy_lead = CELL_Y (walk->lead_minutes);
      wy_work = CELL_Y (walk->work_minutes);
      if (any && journey != NULL)
        {
          line (chart, px, py_lead, wx, wy_lead, s * 0.19, FALSE);
          line (chart, px, py_work, wx, wy_work, s * 0.12, TRUE);
        }
      if (journey != NULL)
        {
          marker (chart, 1, wx, wy_lead, MARKER * s);
          marker (chart, 1, wx, wy_work, MARKER * s * 0.6);
        }
      else
        {
          marker (chart, 2, wx, wy_lead, MARKER * s * 0.8);
          marker (chart, 2, wx, wy_work, MARKER * s * 0.5);
        }
      px = wx;
      py_lead = wy_lead;
      py_work = wy_work;
      any = TRUE;
      if (first == NULL)
        first = walk;
      latest = walk;
    }
#undef CELL_X
#undef CELL_Y

  if (journey != NULL)
    {
      g_autofree char *from = staple_format_minutes (first != NULL ? first->lead_minutes : 0);
      g_autofree char *to = staple_format_minutes (latest != NULL ? latest->lead_minutes : 0);

      /* Translators: a journey's small chart in the review: its number and
       * its first walk's title */
      title = g_strdup_printf (_("%u  %s"), journey->number, first != NULL ? first->title : "");
      /* Translators: under a journey's small chart: its first walk's lead
       * time, then its latest walk's */
      values = g_strdup_printf (_("%s → %s"), from, to);
    }
  else
    {
      title = g_strdup (_("Walked once"));
      values = g_strdup_printf (ngettext ("%u journey, one walk", "%u journeys, one walk each",
                                          shape->n_once), shape->n_once);
    }

  label_full (chart, title, x, y, 0, width, journey == NULL);
  label (chart, values, x, bottom + 0.2 * s, 0, width);
}

/**
 * staple_review_chart_draw_band:
 * @cr: where to draw, the band's top left at the origin
 * @width: the chart's width
 * @band: one of staple_review_chart_get_n_bands() at @width
 *
 * Draws one band of the chart.
 *
 * Returns: how many of the chart's own labels (times, dates, the key; not
 *   the walks' titles) were cut short to fit
 */
guint
staple_review_chart_draw_band (cairo_t                      *cr,
                               StapleReview                 *review,
                               double                        width,
                               const StapleReviewChartStyle *style,
                               guint                         band)
{
  Shape shape;
  Chart chart;
  double s = style->size;

  shape_init (&shape, review);
  if (shape.n_dated == 0 || !is_multiples (&shape))
    {
      shape_clear (&shape);
      return band == 0 ? draw_overview (cr, review, width, style) : 0;
    }

  chart = chart_begin (cr, style);
  cairo_save (cr);
  if (band == 0)
    draw_key (&chart, &shape, width);
  else
    {
      guint columns = count_columns (width, s);
      double cell = (width - (columns - 1) * CELL_GAP * s) / columns;
      guint n_cells = count_cells (&shape, style);

      for (guint column = 0; column < columns; column++)
        {
          guint i = (band - 1) * columns + column;

          if (i >= n_cells)
            break;
          draw_cell (&chart, review, &shape,
                     i < shape.lines->len ? &g_array_index (shape.lines, Journey, i) : NULL,
                     column * (cell + CELL_GAP * s), 0, cell);
        }
    }
  cairo_restore (cr);
  g_object_unref (chart.layout);
  shape_clear (&shape);
  return chart.n_cut;
}

/**
 * staple_review_chart_draw:
 * @cr: where to draw, the chart's top left at the origin
 * @width: the chart's width; its height is staple_review_chart_get_height()
 *
 * Draws the whole chart, its bands one under the other.
 *
 * Returns: how many of its own labels were cut short, as
 *   staple_review_chart_draw_band()
 */
guint
staple_review_chart_draw (cairo_t                      *cr,
                          StapleReview                 *review,
                          double                        width,
                          const StapleReviewChartStyle *style)
{
  guint n = staple_review_chart_get_n_bands (review, width, style);
  guint n_cut = 0;

  cairo_save (cr);
  for (guint band = 0; band < n; band++)
    {
      n_cut += staple_review_chart_draw_band (cr, review, width, style, band);
      cairo_translate (cr, 0, staple_review_chart_get_band_height (review, width, style, band));
    }
  cairo_restore (cr);
  return n_cut;
}
