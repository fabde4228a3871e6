/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-layout-rows.c: reading the map's geometry: its size, its rows
 * of columns, where a feeling sits, what is at a point; and how many rows
 * fit a view best.
 *
 * A long journey wraps onto rows of stages, each with every lane, in
 * reading order; each row's lanes are as tall as its own stages need, so
 * a row of short stages is short. Every rectangle is in the map's own
 * units, wherever its row is.
 */
#define G_LOG_DOMAIN "staple-map-layout"

#include "config.h"

#include <math.h>

#include "staple-map-layout-private.h"

static const StapleMapRowLanes *
row_lanes (StapleMapLayout *self,
           guint            row)
{
  return &g_array_index (self->rows, StapleMapRowLanes, MIN (row, self->rows->len - 1));
}

/* Reading the geometry */

/**
 * staple_map_layout_get_width:
 *
 * Returns: the width of the whole map, in map units
 */
double
staple_map_layout_get_width (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);

  staple_map_layout_update (self);
  return self->width;
}

/**
 * staple_map_layout_get_height:
 *
 * Returns: the height of the whole map, in map units
 */
double
staple_map_layout_get_height (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);

  staple_map_layout_update (self);
  return self->height;
}

/**
 * staple_map_layout_get_lane:
 * @y: (out) (optional): top of the lane
 * @height: (out) (optional): its height
 *
 * The lane of the first row of stages; staple_map_layout_get_row_lane()
 * gives another row's.
 */
void
staple_map_layout_get_lane (StapleMapLayout *self,
                            StapleMapLane    lane,
                            double          *y,
                            double          *height)
{
  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));
  g_return_if_fail (lane < STAPLE_MAP_N_LANES);

  staple_map_layout_get_row_lane (self, 0, lane, y, height);
}

/**
 * staple_map_layout_get_n_columns:
 *
 * Returns: the number of stage columns
 */
guint
staple_map_layout_get_n_columns (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);

  staple_map_layout_update (self);
  return self->columns->len;
}

/**
 * staple_map_layout_get_column:
 * @index: a stage's index
 *
 * Returns: (transfer none): the column's geometry, valid until the next
 *   update
 */
const StapleMapColumn *
staple_map_layout_get_column (StapleMapLayout *self,
                              guint            index)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), NULL);

  staple_map_layout_update (self);
  g_return_val_if_fail (index < self->columns->len, NULL);

  return &g_array_index (self->columns, StapleMapColumn, index);
}

/**
 * staple_map_layout_get_card:
 * @stage: a stage's index
 * @card: a card's index in that stage
 *
 * Returns: (transfer none) (nullable): the card's geometry, valid until
 *   the next update
 */
const StapleMapCard *
staple_map_layout_get_card (StapleMapLayout *self,
                            guint            stage,
                            guint            card)
{
  const StapleMapColumn *column;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), NULL);

  staple_map_layout_update (self);
  if (stage >= self->columns->len)
    return NULL;

  column = &g_array_index (self->columns, StapleMapColumn, stage);
  if (card >= column->cards->len)
    return NULL;

  return &g_array_index (column->cards, StapleMapCard, card);
}

/**
 * staple_map_layout_get_serial:
 *
 * Returns: a number that changes whenever the geometry was redone
 */
guint
staple_map_layout_get_serial (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);

  staple_map_layout_update (self);
  return self->serial;
}

/**
 * staple_map_layout_feeling_to_y:
 * @lane: %STAPLE_MAP_LANE_CUSTOMER or %STAPLE_MAP_LANE_STAFF
 * @feeling: −2 … +2
 *
 * Returns: where a curve point of that feeling sits in the first row; +2
 *   at the top (staple_map_layout_row_feeling_to_y() for another row)
 */
double
staple_map_layout_feeling_to_y (StapleMapLayout *self,
                                StapleMapLane    lane,
                                int              feeling)
{
  return staple_map_layout_row_feeling_to_y (self, 0, lane, feeling);
}

/**
 * staple_map_layout_row_feeling_to_y:
 * @row: a row of stages, from 0
 * @lane: %STAPLE_MAP_LANE_CUSTOMER or %STAPLE_MAP_LANE_STAFF
 * @feeling: −2 … +2
 *
 * Returns: where a curve point of that feeling sits in that row; +2 at
 *   the top
 */
double
staple_map_layout_row_feeling_to_y (StapleMapLayout *self,
                                    guint            row,
                                    StapleMapLane    lane,
                                    int              feeling)
{
  const StapleMapRowLanes *lanes;
  double pad, usable;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);
  g_return_val_if_fail (lane < STAPLE_MAP_N_LANES, 0);

  staple_map_layout_update (self);
  lanes = row_lanes (self, row);
  pad = 2 * LANE_PAD * self->scale;
  usable = lanes->lane_height[lane] - 2 * pad;

  feeling = CLAMP (feeling, STAPLE_FEELING_MIN, STAPLE_FEELING_MAX);
  return lanes->lane_y[lane] + pad + usable * (STAPLE_FEELING_MAX - feeling) /
         (double) (STAPLE_FEELING_MAX - STAPLE_FEELING_MIN);
}

/**
 * staple_map_layout_y_to_feeling:
 * @lane: %STAPLE_MAP_LANE_CUSTOMER or %STAPLE_MAP_LANE_STAFF
 * @y: a height in map units in the first row, e.g. where a curve point is
 *   dragged to (staple_map_layout_row_y_to_feeling() in another row)
 *
 * Returns: the nearest feeling, −2 … +2
 */
int
staple_map_layout_y_to_feeling (StapleMapLayout *self,
                                StapleMapLane    lane,
                                double           y)
{
  return staple_map_layout_row_y_to_feeling (self, 0, lane, y);
}

/**
 * staple_map_layout_row_y_to_feeling:
 * @row: a row of stages, from 0
 * @lane: %STAPLE_MAP_LANE_CUSTOMER or %STAPLE_MAP_LANE_STAFF
 * @y: a height in map units, e.g. where a curve point of that row is
 *   dragged to
 *
 * Returns: the nearest feeling, −2 … +2
 */
int
staple_map_layout_row_y_to_feeling (StapleMapLayout *self,
                                    guint            row,
                                    StapleMapLane    lane,
                                    double           y)
{
  double steps = STAPLE_FEELING_MAX - STAPLE_FEELING_MIN;
  const StapleMapRowLanes *lanes;
  double pad, usable;
  int feeling;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);
  g_return_val_if_fail (lane < STAPLE_MAP_N_LANES, 0);

  staple_map_layout_update (self);
  lanes = row_lanes (self, row);
  pad = 2 * LANE_PAD * self->scale;
  usable = lanes->lane_height[lane] - 2 * pad;

  if (usable <= 0)
    return 0;

  feeling = STAPLE_FEELING_MAX -
            (int) lround ((y - lanes->lane_y[lane] - pad) / usable * steps);
  return CLAMP (feeling, STAPLE_FEELING_MIN, STAPLE_FEELING_MAX);
}

static gboolean
in_rect (const cairo_rectangle_t *rect,
         double                   x,
         double                   y)
{
  return x >= rect->x && x < rect->x + rect->width &&
         y >= rect->y && y < rect->y + rect->height;
}

/* Columns of a row are sorted by x: a binary search finds the one under
 * x among the columns first … last. */
static int
column_at (StapleMapLayout *self,
           guint            first,
           guint            last,
           double           x)
{
  int low = (int) first;
  int high = (int) last;

  while (low <= high)
    {
      int middle = (low + high) / 2;
      const StapleMapColumn *column = &g_array_index (self->columns, StapleMapColumn, middle);

      if (x < column->column.x)
        high = middle - 1;
      else if (x >= column->column.x + column->column.width)
        low = middle + 1;
      else
        return middle;
    }

  return -1;
}

static guint
insertion_index (const StapleMapColumn *column,
                 double                 gap,
                 double                 x,
                 double                 y)
{
  guint best = column->cards->len;

  /* Before the first card, in reading order, whose middle is below and
   * right of the point within its stack. */
  for (guint j = 0; j < column->cards->len; j++)
    {
      const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);

      if (x < card->rect.x + card->rect.width + gap && y < card->rect.y + card->rect.height / 2)
        return j;
      if (x < card->rect.x - gap)
        return j;
    }

  return best;
}

static gboolean
near_point (double px,
            double py,
            double x,
            double y,
            double radius)
{
  return (px - x) * (px - x) + (py - y) * (py - y) <= radius * radius;
}

/**
 * staple_map_layout_hit_test:
 * @x: a point in map units
 * @y: a point in map units
 * @hit: (out): what is there
 *
 * Returns: whether anything of the map is at that point
 */
gboolean
staple_map_layout_hit_test (StapleMapLayout *self,
                            double           x,
                            double           y,
                            StapleMapHit    *hit)
{
  const StapleMapColumn *column;
  const StapleMapRowLanes *lanes;
  const double *lane_y;
  double s, cx, gap;
  guint row, first, count, last;
  int index;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  staple_map_layout_update (self);
  *hit = (StapleMapHit) { STAPLE_MAP_HIT_NONE, 0, 0 };
  if (self->columns->len == 0)
    return FALSE;

  /* The row under the point: the last that starts above it. */
  s = self->scale;
  gap = COLUMN_GAP * s;
  row = staple_map_layout_get_row_at (self, y);
  lanes = row_lanes (self, row);
  lane_y = lanes->lane_y;
  _staple_map_layout_row_span (self->columns->len, self->columns_per_row, row, &first, &count);
  last = first + MAX (count, 1) - 1;

  index = column_at (self, first, last, x);

  /* The handoff arrow into the next column also covers the gap before it;
   * on a wrapped map, the arrow leaving a row and the one coming into the
   * next cover the margins. */
  if (index < 0)
    {
      double handoffs = lane_y[STAPLE_MAP_LANE_HANDOFFS];
      const StapleMapColumn *c = &g_array_index (self->columns, StapleMapColumn, first);

      if (y < handoffs || y >= handoffs + lanes->lane_height[STAPLE_MAP_LANE_HANDOFFS])
        return FALSE;

      if (first > 0 && x < c->column.x && x >= c->column.x - gap)
        {
          *hit = (StapleMapHit) { STAPLE_MAP_HIT_HANDOFF, first, 0 };
          return TRUE;
        }

      for (guint i = first; i <= last && i + 1 < self->columns->len; i++)
        {
          c = &g_array_index (self->columns, StapleMapColumn, i);
          if (x >= c->column.x + c->column.width && x < c->column.x + c->column.width + gap)
            {
              *hit = (StapleMapHit) { STAPLE_MAP_HIT_HANDOFF, i + 1, 0 };
              return TRUE;
            }
        }
      return FALSE;
    }

  column = &g_array_index (self->columns, StapleMapColumn, index);
  cx = column->column.x + column->column.width / 2;
  hit->stage = (guint) index;

  if (y < lane_y[STAPLE_MAP_LANE_HEADER] ||
      y >= lane_y[STAPLE_MAP_LANE_CAUSES] + lanes->lane_height[STAPLE_MAP_LANE_CAUSES])
    return FALSE;

  if (y < lane_y[STAPLE_MAP_LANE_CUSTOMER])
    hit->kind = STAPLE_MAP_HIT_STAGE;
  else if (y < lane_y[STAPLE_MAP_LANE_CARDS])
    hit->kind = near_point (x, y, cx, column->customer_y, POINT_HIT_RADIUS * s)
                ? STAPLE_MAP_HIT_CUSTOMER_POINT : STAPLE_MAP_HIT_STAGE;
  else if (y < lane_y[STAPLE_MAP_LANE_HANDOFFS])
    {
      hit->kind = STAPLE_MAP_HIT_CARD_LANE;
      for (guint j = 0; j < column->cards->len; j++)
        {
          if (in_rect (&g_array_index (column->cards, StapleMapCard, j).rect, x, y))
            {
              hit->kind = STAPLE_MAP_HIT_CARD;
              hit->card = j;
              return TRUE;
            }
        }
      hit->card = insertion_index (column, CARD_GAP * s, x, y);
    }
  else if (y < lane_y[STAPLE_MAP_LANE_STAFF])
    {
      /* The arrow into a stage ends at its middle, where the one out of it
       * starts: each half is the arrow's whose mark it shows. */
      guint into = x < cx ? (guint) index : (guint) index + 1;

      if (into > 0 && into < self->columns->len)
        {
          hit->kind = STAPLE_MAP_HIT_HANDOFF;
          hit->stage = into;
        }
      else
        hit->kind = STAPLE_MAP_HIT_STAGE;
    }
  else if (y < lane_y[STAPLE_MAP_LANE_CAUSES])
    hit->kind = near_point (x, y, cx, column->staff_y, POINT_HIT_RADIUS * s)
                ? STAPLE_MAP_HIT_STAFF_POINT : STAPLE_MAP_HIT_STAGE;
  else
    hit->kind = STAPLE_MAP_HIT_CAUSES;

  return TRUE;
}

/* Rows */

/* The columns of @row of @n columns wrapped at most @per_row a row (0: one
 * row): the rows as even as they can be, the longer first, so that a
 * journey of ten stages three a row reads 3, 3, 2, 2 and never ends on a
 * row of one. */
void
_staple_map_layout_row_span (guint  n,
                             guint  per_row,
                             guint  row,
                             guint *first,
                             guint *count)
{
  guint rows = per_row > 0 && n > 0 ? (n + per_row - 1) / per_row : 1;
  guint base = n / rows, extra = n % rows;

  row = MIN (row, rows - 1);
  *first = row * base + MIN (row, extra);
  *count = base + (row < extra ? 1 : 0);
}

guint
_staple_map_layout_row_of (StapleMapLayout *self,
                           guint            index)
{
  guint n = self->columns->len, rows, base, extra;

  if (self->columns_per_row == 0 || n == 0)
    return 0;

  rows = (n + self->columns_per_row - 1) / self->columns_per_row;
  base = n / rows;
  extra = n % rows;
  index = MIN (index, n - 1);
  if (index < extra * (base + 1))
    return index / (base + 1);
  return extra + (index - extra * (base + 1)) / base;
}

/* The heights of the lanes of a row holding the @n columns from @first:
 * the tallest of them decides each lane whose height the content decides.
 * An empty card lane still offers a card's room to click into. */
void
_staple_map_layout_row_heights (StapleMapLayout *self,
                                guint            first,
                                guint            n,
                                double          *heights)
{
  double s = self->scale;
  ColumnExtent most = { 0, 0, 0 };

  for (guint i = first; i < first + n && i < self->extents->len; i++)
    {
      const ColumnExtent *extent = &g_array_index (self->extents, ColumnExtent, i);

      most.header = MAX (most.header, extent->header);
      most.cards = MAX (most.cards, extent->cards);
      most.causes = MAX (most.causes, extent->causes);
    }

  heights[STAPLE_MAP_LANE_HEADER] = most.header + 2 * LANE_PAD * s;
  heights[STAPLE_MAP_LANE_CUSTOMER] = CURVE_LANE * s;
  heights[STAPLE_MAP_LANE_CARDS] = MAX (most.cards, 64 * s) + 2 * LANE_PAD * s;
  heights[STAPLE_MAP_LANE_HANDOFFS] = HANDOFF_LANE * s;
  heights[STAPLE_MAP_LANE_STAFF] = CURVE_LANE * s;
  heights[STAPLE_MAP_LANE_CAUSES] = MAX (most.causes, 16 * s) + 2 * LANE_PAD * s;
}

/* The size the map would have with that many columns a row, from the
 * columns as measured: no text is measured again. */
void
_staple_map_layout_measure_rows (StapleMapLayout *self,
                                 guint            columns_per_row,
                                 double          *width,
                                 double          *height)
{
  double s = self->scale;
  double start = (MARGIN + GUTTER) * s;
  double x = start;
  double right = start + 200 * s;
  double rows_height = 0;
  guint n = self->columns->len;
  guint per_row = columns_per_row > 0 ? columns_per_row : MAX (n, 1);
  guint rows = n > 0 ? (n + per_row - 1) / per_row : 1;
  guint row_first = 0, row_count = 0, next_row = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i == row_first + row_count)
        {
          _staple_map_layout_row_span (n, columns_per_row, next_row++, &row_first, &row_count);
          x = start;
        }
      x += g_array_index (self->columns, StapleMapColumn, i).column.width;
      right = MAX (right, x);
      x += COLUMN_GAP * s + _staple_map_layout_gap_spread (self, i);
    }

  for (guint row = 0; row < rows; row++)
    {
      double heights[STAPLE_MAP_N_LANES];
      guint first, count;

      _staple_map_layout_row_span (n, columns_per_row, row, &first, &count);
      _staple_map_layout_row_heights (self, first, count, heights);
      for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
        rows_height += heights[lane] + self->lane_spread[lane];
    }

  *width = right + MARGIN * s;
  *height = 2 * MARGIN * s + rows_height + (rows - 1) * ROW_GAP * s;
}

/**
 * staple_map_layout_get_n_rows:
 *
 * Returns: how many rows of stages the map has: 1 unless it wraps
 */
guint
staple_map_layout_get_n_rows (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 1);

  staple_map_layout_update (self);
  return self->n_rows;
}

/**
 * staple_map_layout_get_row_offset:
 * @row: a row of stages, from 0
 *
 * Returns: how far below the first row's top that row's top is, in map
 *   units. Its lanes below the first are not as far down, as each row is
 *   as tall as its own stages need: staple_map_layout_get_row_lane() says
 *   where they are.
 */
double
staple_map_layout_get_row_offset (StapleMapLayout *self,
                                  guint            row)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);

  staple_map_layout_update (self);
  return row_lanes (self, row)->lane_y[0] - row_lanes (self, 0)->lane_y[0];
}

/**
 * staple_map_layout_get_row_at:
 * @y: a height in map units
 *
 * Returns: the row of stages at that height, or the one above the gap
 *   it is in; the first above the map, the last below it
 */
guint
staple_map_layout_get_row_at (StapleMapLayout *self,
                              double           y)
{
  guint row = 0;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);

  staple_map_layout_update (self);
  while (row + 1 < self->n_rows && y >= row_lanes (self, row + 1)->lane_y[0])
    row++;

  return row;
}

/**
 * staple_map_layout_get_row_lane:
 * @row: a row of stages, from 0
 * @y: (out) (optional): top of the lane in that row
 * @height: (out) (optional): its height
 */
void
staple_map_layout_get_row_lane (StapleMapLayout *self,
                                guint            row,
                                StapleMapLane    lane,
                                double          *y,
                                double          *height)
{
  const StapleMapRowLanes *lanes;

  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));
  g_return_if_fail (lane < STAPLE_MAP_N_LANES);

  staple_map_layout_update (self);
  lanes = row_lanes (self, row);
  if (y != NULL)
    *y = lanes->lane_y[lane];
  if (height != NULL)
    *height = lanes->lane_height[lane];
}

/**
 * staple_map_layout_get_card_line_height:
 *
 * Returns: the height of a line of a card's text, in map units
 */
double
staple_map_layout_get_card_line_height (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);

  staple_map_layout_update (self);
  return self->line_height;
}

/**
 * staple_map_layout_get_wait_scale:
 * @scale: (out caller-allocates): the journey's longest wait, and from
 *   which wait a stage stands out
 */
void
staple_map_layout_get_wait_scale (StapleMapLayout *self,
                                  StapleWaitScale *scale)
{
  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));
  g_return_if_fail (scale != NULL);

  staple_map_layout_update (self);
  *scale = self->wait_scale;
}

static double
zoom_for (StapleMapLayout *self,
          guint            columns_per_row,
          double           width,
          double           height,
          double           max_zoom)
{
  double map_width, map_height;

  _staple_map_layout_measure_rows (self, columns_per_row, &map_width, &map_height);
  return MIN (max_zoom, MIN (width / map_width, height / map_height));
}

/* Fit's last resort: at the zoom @readable, the rows no wider than the
 * view that make the map shortest, so the fewest screens show it all.
 * Among as many rows, the evenest: 5 and 5, not 6 and 4. */
static void
choose_scrolling_rows (StapleMapLayout *self,
                       double           width,
                       double           height,
                       double           readable,
                       StapleMapFit    *fit)
{
  guint n = self->columns->len;
  double best = G_MAXDOUBLE;

  *fit = (StapleMapFit) { 1, n, readable, 0, FALSE };
  for (guint rows = 1; rows <= n; rows++)
    {
      guint per_row = (n + rows - 1) / rows;
      double map_width, map_height;

      if ((n + per_row - 1) / per_row != rows)
        continue;

      _staple_map_layout_measure_rows (self, per_row, &map_width, &map_height);
      if (map_width * readable > width && per_row > 1)
        continue;

      if (map_height < best - 1e-6)
        {
          best = map_height;
          *fit = (StapleMapFit) { rows > 1 ? per_row : 0, rows, readable, 0,
                                  map_height * readable <= height };
        }
    }
}

/**
 * staple_map_layout_fit:
 * @width: the view's width, in device pixels
 * @height: its height
 * @max_zoom: the largest zoom wanted, e.g. 1 for 100 %
 * @fit: (out caller-allocates): how many columns a row, and the zoom
 *
 * Chooses how to show a journey in a view, its cards' text never smaller
 * than can be read (a line at least %STAPLE_MAP_READABLE_LINE_PX high):
 *
 * - in one row, whole, while its cards can be read there;
 * - else wrapped onto the number of rows at which the whole map fits at the
 *   largest zoom (a row more only for a zoom a little larger), if its cards
 *   can be read there;
 * - else, as no number of rows shows it whole and readable, at the smallest
 *   zoom at which the cards can be read, in rows as long as the view is
 *   wide: the rows scroll, top to bottom.
 *
 * Nothing changes until the caller sets @fit->columns_per_row with
 * staple_map_layout_set_columns_per_row() and zooms to @fit->zoom.
 */
void
staple_map_layout_fit (StapleMapLayout *self,
                       double           width,
                       double           height,
                       double           max_zoom,
                       StapleMapFit    *fit)
{
  gboolean one_row;
  double readable;
  guint n;

  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));
  g_return_if_fail (fit != NULL);

  staple_map_layout_update (self);
  n = self->columns->len;
  width = MAX (width, 1);
  height = MAX (height, 1);
  readable = MIN (max_zoom, STAPLE_MAP_READABLE_LINE_PX / MAX (self->line_height, 1e-3));
  *fit = (StapleMapFit) { 0, 1, zoom_for (self, 0, width, height, max_zoom), 0, TRUE };

  one_row = fit->zoom >= readable;
  for (guint rows = 2; rows <= n && !one_row; rows++)
    {
      guint per_row = (n + rows - 1) / rows;
      double zoom;

      /* Another row count that makes rows this long: the same map. */
      if ((n + per_row - 1) / per_row != rows)
        continue;

      zoom = zoom_for (self, per_row, width, height, max_zoom);
      if (zoom > fit->zoom * 1.02)
        *fit = (StapleMapFit) { per_row, rows, zoom, 0, TRUE };
    }

  if (fit->zoom < readable && n > 1)
    choose_scrolling_rows (self, width, height, readable, fit);
  else if (fit->zoom < readable)
    fit->zoom = readable, fit->whole = FALSE;

  fit->line_px = self->line_height * fit->zoom;
}
