/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-marks.c: the marks that show a walk's findings at a glance.
 *
 * Waiting time as a bar to scale, the longest waits in a strong colour, and
 * a feeling as a gauge from −2 to +2. The map on screen, the audience's view
 * and paper all draw them with these functions, so that a 9-hour wait looks
 * the same on the projector as in the report.
 */
#define G_LOG_DOMAIN "staple-map-marks"

#include "config.h"

#include "staple-map-marks.h"

/* A wait stands out when it is at least this share of the longest... */
#define STANDS_OUT_SHARE 0.5
/* ...and one of this many longest waits. */
#define STANDS_OUT_COUNT 3

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/**
 * staple_map_marks_rounded_rect:
 * @rect: the box
 * @radius: its corners' radius, at most half its shorter side
 *
 * Adds a box with rounded corners to the current path: the cards and tiles
 * of the map and the audience's view.
 */
void
staple_map_marks_rounded_rect (cairo_t                 *cr,
                               const cairo_rectangle_t *rect,
                               double                   radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * staple_map_marks_wait_scale:
 * @scale: (out caller-allocates): the journey's longest wait, and the wait
 *   from which a stage stands out
 *
 * Measures the session's waits once, for drawing every stage's.
 */
void
staple_map_marks_wait_scale (StapleSession   *session,
                             StapleWaitScale *scale)
{
  GListModel *stages;
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n;

  g_return_if_fail (scale != NULL);
  *scale = (StapleWaitScale) { 0 };
  g_return_if_fail (session == NULL || STAPLE_IS_SESSION (session));
  if (session == NULL)
    return;

  stages = G_LIST_MODEL (staple_session_get_stages (session));
  n = g_list_model_get_n_items (stages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      int wait = staple_stage_get_wait_minutes (stage);

      if (wait > 0)
        g_array_append_val (waits, wait);
    }

  if (waits->len == 0)
    return;

  g_array_sort (waits, compare_desc);
  scale->longest = g_array_index (waits, guint, 0);
  scale->threshold = MAX ((guint) (scale->longest * STANDS_OUT_SHARE),
                          g_array_index (waits, guint, MIN (waits->len, STANDS_OUT_COUNT) - 1));
  scale->threshold = MAX (scale->threshold, 1);
}

/**
 * staple_map_marks_wait_stands_out:
 *
 * Returns: whether a wait of @wait_minutes is one of the journey's longest
 */
gboolean
staple_map_marks_wait_stands_out (const StapleWaitScale *scale,
                                  guint                  wait_minutes)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  return scale->threshold > 0 && wait_minutes >= scale->threshold;
}

/**
 * staple_map_marks_wait_rgb:
 * @rgb: (out caller-allocates) (array fixed-size=3): the colour
 *
 * The colour of a wait's bar, for a label or legend beside it.
 */
void
staple_map_marks_wait_rgb (gboolean  stands_out,
                           gboolean  dark,
                           gboolean  print,
                           double   *rgb)
{
  static const double strong[] = { 0.835, 0.369, 0.0 };      /* vermillion */
  static const double strong_dark[] = { 1.0, 0.55, 0.25 };
  static const double mild[] = { 0.90, 0.62, 0.0 };         /* orange */
  static const double mild_dark[] = { 0.85, 0.65, 0.25 };
  static const double ink[] = { 0.0, 0.0, 0.0 };
  static const double grey[] = { 0.55, 0.55, 0.55 };
  const double *from;

  g_return_if_fail (rgb != NULL);

  if (print)
    from = stands_out ? ink : grey;
  else if (dark)
    from = stands_out ? strong_dark : mild_dark;
  else
    from = stands_out ? strong : mild;

  for (guint i = 0; i < 3; i++)
    rgb[i] = from[i];
}

/**
 * staple_map_marks_draw_wait:
 * @area: the whole track: a wait as long as the journey's longest fills it
 * @scale: from staple_map_marks_wait_scale()
 *
 * Draws a wait as a bar on a faint track, its length to scale with the
 * journey's longest. A wait that stands out is drawn in a strong colour, and
 * on paper solid black against grey, so that it shows without colour.
 */
void
staple_map_marks_draw_wait (cairo_t                 *cr,
                            const cairo_rectangle_t *area,
                            guint                    wait_minutes,
                            const StapleWaitScale   *scale,
                            gboolean                 dark,
                            gboolean                 print)
{
  gboolean stands_out;
  double rgb[3];
  double width;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (area != NULL);
  g_return_if_fail (scale != NULL);

  cairo_save (cr);
  if (dark && !print)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.10);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.08);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_fill (cr);

  if (wait_minutes > 0 && scale->longest > 0)
    {
      stands_out = staple_map_marks_wait_stands_out (scale, wait_minutes);
      /* A short wait is still there: never thinner than the track is high. */
      width = area->width * MIN (1.0, (double) wait_minutes / scale->longest);
      width = MAX (width, MIN (area->height, area->width));
      staple_map_marks_wait_rgb (stands_out, dark, print, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, area->x, area->y, width, area->height);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/**
 * staple_map_marks_feeling_rgb:
 * @feeling: from −2 to +2
 * @rgb: (out caller-allocates) (array fixed-size=3): the colour
 *
 * Red for a real low, grey for neutral, green for a high; on paper, shades of
 * grey that darken towards the low.
 */
void
staple_map_marks_feeling_rgb (int       feeling,
                              gboolean  dark,
                              gboolean  print,
                              double   *rgb)
{
  /* Okabe–Ito vermillion, a light orange, grey, sky blue, bluish green. */
  static const double colours[5][3] = {
    { 0.835, 0.369, 0.0 },
    { 0.90, 0.62, 0.0 },
    { 0.60, 0.60, 0.60 },
    { 0.337, 0.706, 0.914 },
    { 0.0, 0.620, 0.451 },
  };
  guint index = (guint) (CLAMP (feeling, -2, 2) + 2);

  g_return_if_fail (rgb != NULL);

  for (guint i = 0; i < 3; i++)
    {
      if (print)
        rgb[i] = 0.15 + 0.15 * index;
      else if (dark)
        rgb[i] = 0.2 + 0.8 * colours[index][i];
      else
        rgb[i] = colours[index][i];
    }
}

/**
 * staple_map_marks_draw_feeling:
 * @area: the gauge: +2 at its top, −2 at its bottom
 * @feeling: from −2 to +2
 *
 * Draws a feeling as a bar from the neutral middle of a five-step gauge up or
 * down to the feeling, with a tick at each step: a −2 fills the whole lower
 * half, so that it reads as the low it is.
 */
void
staple_map_marks_draw_feeling (cairo_t                 *cr,
                               const cairo_rectangle_t *area,
                               int                      feeling,
                               gboolean                 dark,
                               gboolean                 print)
{
  double step = area->height / 4;
  double middle = area->y + area->height / 2;
  double rgb[3];

  g_return_if_fail (cr != NULL);
  g_return_if_fail (area != NULL);

  feeling = CLAMP (feeling, -2, 2);
  cairo_save (cr);
  if (dark && !print)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.10);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.08);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_fill (cr);

  if (feeling != 0)
    {
      staple_map_marks_feeling_rgb (feeling, dark, print, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      if (feeling > 0)
        cairo_rectangle (cr, area->x, middle - feeling * step, area->width, feeling * step);
      else
        cairo_rectangle (cr, area->x, middle, area->width, -feeling * step);
      cairo_fill (cr);
    }

  /* The neutral line, and the steps. */
  if (dark && !print)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, MAX (1.0, area->height / 60));
  cairo_move_to (cr, area->x, middle);
  cairo_line_to (cr, area->x + area->width, middle);
  cairo_stroke (cr);
  cairo_set_line_width (cr, MAX (0.5, area->height / 120));
  for (int i = 0; i <= 4; i++)
    {
      double y = area->y + i * step;

      cairo_move_to (cr, area->x, y);
      cairo_line_to (cr, area->x + area->width / 4, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}
