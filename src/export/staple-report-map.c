/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report-map.c: the journey map on paper: fitted to pages of the
 * report, or cut into the tiles of a poster with cut marks and a tile
 * index; and drawing a map item, by the map renderer.
 */
#define G_LOG_DOMAIN "staple-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "staple-report-internal.h"
#include "staple-text.h"

/* The map */

static double
map_zoom (double scale)
{
  return scale * PRINT_DPI / 72.0;
}

static void
add_no_map_note (StapleReport *self)
{
  _staple_report_flow_text (self, _("This session has no stages yet, so there is no map to print."),
                            SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 12, DIM);
}

/* "Title · Organisation · Date", the title in bold, on one line. */
static PangoLayout *
map_title_line (StapleReport *self)
{
  /* Bounded here, so that the bold ends where the title does. */
  g_autofree char *title = staple_text_bound (_staple_report_session_title (self),
                                              STAPLE_TEXT_SHORT,
                                              STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *organisation = staple_text_bound (
    staple_session_get_organisation (self->session), STAPLE_TEXT_SHORT,
    STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *date = staple_date_format_long (staple_session_get_date (self->session));
  g_autoptr(GString) text = g_string_new (title);
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  PangoLayout *layout;

  if (!_staple_report_is_empty (organisation))
    g_string_append_printf (text, " · %s", organisation);
  if (!_staple_report_is_empty (date))
    g_string_append_printf (text, " · %s", date);

  /* On a plotter's A1 or A0 the title grows with the paper, to be read
   * from as far away as the map. */
  layout = _staple_report_make_text (self, text->str,
                                     SIZE_SUBHEADING * MAX (sqrt (self->width * self->height /
                                                                  (595.28 * 841.89)), 1),
                                     PANGO_WEIGHT_NORMAL, _staple_report_body_width (self), -1);
  bold->start_index = 0;
  bold->end_index = (guint) strlen (title);
  pango_attr_list_insert (attributes, bold);
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  return layout;
}

/* On paper the map's type is never smaller than this, in points: a card's
 * text and a stage's name, read at arm's length. */
#define MAP_MIN_CARD_PT  8.0
#define MAP_MIN_NAME_PT  10.0
/* The sizes the map layout gives them at its text scale 1, in map units:
 * 10 and 12 points on its Pango context of 96 dpi. */
#define MAP_CARD_UNITS   (10.0 * 96.0 / 72.0)
#define MAP_NAME_UNITS   (12.0 * 96.0 / 72.0)
/* A map of a few stages is not blown up past this, in points of card text,
 * on A4; it grows with the paper as the title does. */
#define MAP_MAX_CARD_PT  16.0
/* A page of the map ends between rows of stages, if that fills this much
 * of it; else between the lanes of a row too tall for a page. */
#define MAP_ROW_BREAK_FILL 0.7

/* The smallest scale, in points a map unit, at which the map can be read. */
static double
map_min_scale (StapleReport *self)
{
  double text_scale = staple_map_layout_get_text_scale (self->map);

  return MAX (MAP_MIN_CARD_PT / (MAP_CARD_UNITS * text_scale),
              MAP_MIN_NAME_PT / (MAP_NAME_UNITS * text_scale));
}

static double
map_max_scale (StapleReport *self)
{
  double text_scale = staple_map_layout_get_text_scale (self->map);

  return MAX (sqrt (self->width * self->height / (595.28 * 841.89)), 1) * MAP_MAX_CARD_PT /
         (MAP_CARD_UNITS * text_scale);
}

/* The blank margin at the map's right, and as much at its left, in map
 * units: a page may cut it off. */
static double
map_side_margin (StapleMapLayout *map)
{
  double right = 0;

  for (guint i = 0; i < staple_map_layout_get_n_columns (map); i++)
    {
      const cairo_rectangle_t *column = &staple_map_layout_get_column (map, i)->column;

      right = MAX (right, column->x + column->width);
    }

  return CLAMP (staple_map_layout_get_width (map) - right, 0,
                staple_map_layout_get_width (map) / 4);
}

/* Where a page of the map may end, in map units down from its top. */
typedef struct
{
  double   y;
  gboolean between_rows; /* else between two lanes of a row */
} MapBreak;

/* Every place a page of the map may end, top to bottom: between rows of
 * stages (in the middle of the gap) and between the lanes of a row; the
 * last is the map's bottom. */
static GArray *
map_breaks (StapleMapLayout *map)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (MapBreak));
  guint n_rows = staple_map_layout_get_n_rows (map);

  for (guint row = 0; row < n_rows; row++)
    {
      double y, height, next_y;
      MapBreak between;

      for (guint lane = STAPLE_MAP_LANE_HEADER + 1; lane < STAPLE_MAP_N_LANES; lane++)
        {
          MapBreak inside = { 0, FALSE };

          staple_map_layout_get_row_lane (map, row, lane, &inside.y, NULL);
          g_array_append_val (breaks, inside);
        }

      staple_map_layout_get_row_lane (map, row, STAPLE_MAP_LANE_CAUSES, &y, &height);
      if (row + 1 < n_rows)
        {
          staple_map_layout_get_row_lane (map, row + 1, STAPLE_MAP_LANE_HEADER, &next_y, NULL);
          between = (MapBreak) { (y + height + next_y) / 2, TRUE };
        }
      else
        between = (MapBreak) { staple_map_layout_get_height (map), TRUE };
      g_array_append_val (breaks, between);
    }

  return breaks;
}

/* Cuts the map into pages at @scale on a body @height high and says how
 * many: each page ends at the last row break on it if that fills most of
 * it, else at the last break of any kind, else where the page does. When
 * @tops is given, it gets each page's top, and the map's bottom after them,
 * in map units. */
static guint
map_paginate (GArray *breaks,
              double  scale,
              double  height,
              GArray *tops,
              double *last_fill)
{
  double reach = height / scale;
  double top = 0;
  double bottom = g_array_index (breaks, MapBreak, breaks->len - 1).y;
  guint n_pages = 0;

  if (tops != NULL)
    g_array_append_val (tops, top);

  while (bottom - top > 1e-6)
    {
      double last_row = -1, last_any = -1, end;

      for (guint i = 0; i < breaks->len; i++)
        {
          const MapBreak *at = &g_array_index (breaks, MapBreak, i);

          if (at->y <= top + 1e-6)
            continue;
          if (at->y - top > reach + 1e-6)
            break;
          last_any = at->y;
          if (at->between_rows)
            last_row = at->y;
        }

      if (last_row > 0 && (last_row - top) >= reach * MAP_ROW_BREAK_FILL)
        end = last_row;
      else if (last_any > 0)
        end = last_any;
      else
        end = MIN (top + reach, bottom);

      n_pages++;
      if (last_fill != NULL)
        *last_fill = (end - top) / reach;
      top = end;
      if (tops != NULL)
        g_array_append_val (tops, top);
    }

  return n_pages;
}

typedef struct
{
  guint    columns_per_row; /* 0 for one row */
  guint    n_pages;
  double   scale;           /* points a map unit */
  gboolean whole_rows;      /* no row cut between two pages */
  double   last_fill;       /* how much of its last page the map takes */
} MapChoice;

/* Whether @a is a better way to print the map than @b: one that can be
 * read, on the fewest pages, its rows whole, in the largest type. */
static gboolean
map_choice_better (const MapChoice *a,
                   const MapChoice *b,
                   double           min_scale)
{
  gboolean a_readable = a->scale >= min_scale * 0.999;
  gboolean b_readable = b->scale >= min_scale * 0.999;

  if (b->n_pages == 0 || a_readable != b_readable)
    return b->n_pages == 0 || a_readable;
  if (!a_readable)
    return a->scale > b->scale * 1.001;
  if (a->n_pages != b->n_pages)
    return a->n_pages < b->n_pages;
  if (a->whole_rows != b->whole_rows)
    return a->whole_rows;
  /* Not a last page with a sliver of the map. */
  if (fabs (a->last_fill - b->last_fill) > 0.2)
    return a->last_fill > b->last_fill;
  return a->scale > b->scale * 1.001;
}

/* Chooses how many stages a row, and the scale, for map pages whose body
 * is @width × @height (see map_choice_better()), and sets the rows. */
static MapChoice
map_choose_rows (StapleReport *self,
                 double        width,
                 double        height)
{
  guint n = staple_map_layout_get_n_columns (self->map);
  double min_scale = map_min_scale (self);
  double max_scale = map_max_scale (self);
  MapChoice best = { 0, 0, 0, TRUE, 1 };

  for (guint n_rows = 1; n_rows <= n; n_rows++)
    {
      guint per_row = (n + n_rows - 1) / n_rows;
      g_autoptr(GArray) breaks = NULL;
      double map_width, map_height, tallest = 0, row_top = 0, across;
      MapChoice whole = { n_rows > 1 ? per_row : 0, 1, 0, TRUE, 1 };
      MapChoice cut = whole;

      /* Another row count that makes rows this long: the same map. */
      if ((n + per_row - 1) / per_row != n_rows)
        continue;

      staple_map_layout_set_columns_per_row (self->map, whole.columns_per_row);
      map_width = staple_map_layout_get_width (self->map);
      map_height = staple_map_layout_get_height (self->map);
      if (map_width <= 0 || map_height <= 0)
        continue;

      breaks = map_breaks (self->map);
      for (guint i = 0; i < breaks->len; i++)
        {
          const MapBreak *at = &g_array_index (breaks, MapBreak, i);

          if (at->between_rows)
            {
              tallest = MAX (tallest, at->y - row_top);
              row_top = at->y;
            }
        }

      /* On one page; else as wide as the page, its rows whole; else at the
       * smallest type that can be read, rows cut between their lanes. */
      across = MIN (width / (map_width - 2 * map_side_margin (self->map)), max_scale);
      whole.scale = MIN (across, height / map_height);
      if (whole.scale < min_scale)
        {
          whole.scale = MIN (across, height / tallest);
          whole.n_pages = map_paginate (breaks, whole.scale, height, NULL, &whole.last_fill);
        }
      if (map_choice_better (&whole, &best, min_scale))
        best = whole;

      cut.scale = MIN (across, min_scale);
      cut.whole_rows = FALSE;
      cut.n_pages = map_paginate (breaks, cut.scale, height, NULL, &cut.last_fill);
      if (map_choice_better (&cut, &best, min_scale))
        best = cut;

      g_debug ("%u rows of %u: whole %.3f on %u, cut %.3f on %u (readable from %.3f)",
               n_rows, per_row, whole.scale, whole.n_pages, cut.scale, cut.n_pages, min_scale);
    }

  staple_map_layout_set_columns_per_row (self->map, best.columns_per_row);
  return best;
}

static void
add_map_page (StapleReport *self)
{
  double map_width = staple_map_layout_get_width (self->map);
  double map_height = staple_map_layout_get_height (self->map);
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) breaks = NULL;
  double area_top, area_width, area_height;
  MapChoice choice;
  PangoLayout *title;
  guint n_pages;

  if (staple_map_layout_get_n_columns (self->map) == 0 || map_width <= 0 || map_height <= 0)
    {
      _staple_report_new_page (self, _("Journey map"), FALSE);
      title = map_title_line (self);
      _staple_report_add_text (self, title, self->left, self->y, INK);
      self->y += _staple_report_text_height (title) + 10;
      add_no_map_note (self);
      return;
    }

  title = map_title_line (self);
  area_top = self->top + _staple_report_text_height (title) + 10;
  g_object_unref (title);
  area_width = _staple_report_body_width (self);
  area_height = self->bottom - area_top;

  choice = map_choose_rows (self, area_width, area_height);
  map_width = staple_map_layout_get_width (self->map);
  map_height = staple_map_layout_get_height (self->map);
  breaks = map_breaks (self->map);
  n_pages = map_paginate (breaks, choice.scale, area_height, tops, NULL);

  for (guint i = 0; i < n_pages; i++)
    {
      double top = g_array_index (tops, double, i);
      double bottom = g_array_index (tops, double, i + 1);
      Item *item;

      _staple_report_new_page (self, i == 0 ? _("Journey map") : NULL, FALSE);
      title = map_title_line (self);
      _staple_report_add_text (self, title, self->left, self->y, INK);
      if (n_pages > 1)
        {
          /* Translators: beside the title of each page of a map that
           * continues over several pages, e.g. "Map page 2 of 3" */
          g_autofree char *text = g_strdup_printf (_("Map page %u of %u"), i + 1, n_pages);
          PangoLayout *part = _staple_report_make_text (self, text, SIZE_SMALL,
                                                        PANGO_WEIGHT_NORMAL, 0, 0);

          _staple_report_add_text (self, part, self->right - _staple_report_text_width (part),
                                   self->y + _staple_report_text_height (title)
                                   - _staple_report_text_height (part), DIM);
          pango_layout_set_width (title, (int) ((area_width - _staple_report_text_width (part) - 12)
                                                * PANGO_SCALE));
          pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
        }

      item = _staple_report_add_item (self, ITEM_MAP);
      item->map_scale = choice.scale;
      item->map_x = self->left + (area_width - map_width * choice.scale) / 2;
      if (n_pages == 1)
        {
          item->box = (cairo_rectangle_t) { self->left, area_top, area_width, area_height };
          item->map_y = area_top + (area_height - map_height * choice.scale) / 2;
        }
      else
        {
          item->box = (cairo_rectangle_t) { self->left, area_top, area_width,
                                            MIN ((bottom - top) * choice.scale, area_height) };
          item->map_y = area_top - top * choice.scale;
        }
    }
}

/* Column names as on a spreadsheet: A … Z, AA, AB … */
static char *
column_letters (guint column)
{
  GString *letters = g_string_new (NULL);

  column++;
  while (column > 0)
    {
      column--;
      g_string_prepend_c (letters, (char) ('A' + column % 26));
      column /= 26;
    }

  return g_string_free (letters, FALSE);
}

static void
add_cut_marks (StapleReport            *self,
               const cairo_rectangle_t *trim)
{
  double gap = 2.5;
  double length = MIN (self->margin - gap - 1, 6 * PT_PER_MM);
  double xs[2] = { trim->x, trim->x + trim->width };
  double ys[2] = { trim->y, trim->y + trim->height };

  if (length <= 1)
    return;

  /* Hairlines in the margin, in line with the trim edges, never over the map. */
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        double sx = i == 0 ? -1 : 1;
        double sy = j == 0 ? -1 : 1;

        _staple_report_add_line (self, xs[i] + sx * gap, ys[j], xs[i] + sx * (gap + length),
                                 ys[j], 0.3, INK);
        _staple_report_add_line (self, xs[i], ys[j] + sy * gap, xs[i],
                                 ys[j] + sy * (gap + length), 0.3, INK);
      }
}

/* Short dashed ticks in the margin where the neighbouring tile's edge lies:
 * lay the next tile's trimmed edge there. */
static void
add_overlap_ticks (StapleReport            *self,
                   const cairo_rectangle_t *trim,
                   double                   overlap,
                   guint                    column,
                   guint                    row,
                   guint                    n_columns,
                   guint                    n_rows)
{
  double length = MIN (self->margin - 3, 4 * PT_PER_MM);
  double top = trim->y, bottom = trim->y + trim->height;
  double left = trim->x, right = trim->x + trim->width;
  double xs[2] = { left + overlap, right - overlap };
  double ys[2] = { top + overlap, bottom - overlap };
  gboolean has_x[2] = { column > 0, column + 1 < n_columns };
  gboolean has_y[2] = { row > 0, row + 1 < n_rows };

  if (overlap <= 0 || length <= 1)
    return;

  for (guint i = 0; i < 2; i++)
    {
      if (has_x[i])
        {
          _staple_report_add_line (self, xs[i], top - 2, xs[i], top - 2 - length, 0.3,
                                   DIM)->dashed = TRUE;
          _staple_report_add_line (self, xs[i], bottom + 2, xs[i], bottom + 2 + length, 0.3,
                                   DIM)->dashed = TRUE;
        }
      if (has_y[i])
        {
          _staple_report_add_line (self, left - 2, ys[i], left - 2 - length, ys[i], 0.3,
                                   DIM)->dashed = TRUE;
          _staple_report_add_line (self, right + 2, ys[i], right + 2 + length, ys[i], 0.3,
                                   DIM)->dashed = TRUE;
        }
    }
}

static void
add_tile_index (StapleReport            *self,
                const cairo_rectangle_t *trim,
                double                   overlap,
                guint                    column,
                guint                    row,
                guint                    n_columns,
                guint                    n_rows)
{
  g_autofree char *letters = column_letters (column);
  g_autofree char *title = staple_text_isolate (_staple_report_session_title (self));
  g_autofree char *text = NULL;
  PangoLayout *layout;
  double height;

  /* Translators: the index printed on each page of a wall poster, e.g.
   * "Tile B2 — column 2 of 3, row 2 of 2 · Session title" */
  text = g_strdup_printf (_("Tile %s%u — column %u of %u, row %u of %u · %s"), letters, row + 1,
                          column + 1, n_columns, row + 1, n_rows, title);
  layout = _staple_report_make_text (self, text, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                                     trim->width - 2 * (MAX (self->margin, overlap) + 6), -1);
  height = _staple_report_text_height (layout);
  _staple_report_add_text (self, layout, trim->x + MAX (self->margin, overlap) + 6,
                           trim->y + trim->height + MAX ((self->margin - height) / 2, 0), INK);
}

/* A poster: its tiles' trimmed areas side by side, each showing a part of
 * the map that ends between stages across, and down between rows, lanes
 * or cards, so that no card, name or header is cut by a tile's edge. All
 * at one scale, chosen with the rows so that the emptiest tile is as full
 * as it can be. */
#define POSTER_MAX_SCALE 50.0 /* points a map unit: far more than any sheet needs */

typedef struct
{
  guint    columns_per_row;
  double   scale;
  double   fill;  /* of the emptiest tile */
  double  *x;     /* n_columns + 1 edges of the tiles' parts, in map units */
  double **y;     /* per tile column, n_rows + 1 */
} PosterPlan;

static void
poster_plan_clear (PosterPlan *plan,
                   guint       n_columns)
{
  for (guint i = 0; plan->y != NULL && i < n_columns; i++)
    g_free (plan->y[i]);
  g_clear_pointer (&plan->y, g_free);
  g_clear_pointer (&plan->x, g_free);
}

static int
compare_cuts (gconstpointer a,
              gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Whether [@start, @end] can be cut at the places in @cuts (ascending)
 * into parts for tiles @tile… at @scale, each no longer than its @room:
 * as much on each as fits. */
static gboolean
poster_fits (GArray       *cuts,
             double        start,
             double        end,
             const double *room,
             guint         tile,
             guint         n_tiles,
             double        scale)
{
  guint next = 0;

  for (; tile < n_tiles; tile++)
    {
      double reach = start + room[tile] / scale;
      double last = -1;

      if (end <= reach + 1e-6)
        return TRUE;

      while (next < cuts->len && g_array_index (cuts, double, next) <= reach + 1e-6)
        {
          if (g_array_index (cuts, double, next) > start + 1e-6)
            last = g_array_index (cuts, double, next);
          next++;
        }
      if (last < 0)
        return FALSE;
      start = last;
    }

  return FALSE;
}

/* The largest scale at which poster_fits(), by bisection. */
static double
poster_best_scale (GArray       *cuts,
                   double        end,
                   const double *room,
                   guint         n_tiles)
{
  double low = 0, high = POSTER_MAX_SCALE;

  if (poster_fits (cuts, 0, end, room, 0, n_tiles, high))
    return high;

  for (guint i = 0; i < 40; i++)
    {
      double middle = (low + high) / 2;

      if (poster_fits (cuts, 0, end, room, 0, n_tiles, middle))
        low = middle;
      else
        high = middle;
    }

  return low;
}

/* Cuts [0, @end] into @n_tiles parts at @scale (at which poster_fits()),
 * each as near an even share of what is left as the cuts allow, into
 * @edges (@n_tiles + 1). */
static void
poster_cut_evenly (GArray       *cuts,
                   double        end,
                   const double *room,
                   guint         n_tiles,
                   double        scale,
                   double       *edges)
{
  double start = 0;

  edges[0] = 0;
  for (guint tile = 0; tile < n_tiles; tile++)
    {
      double reach = start + room[tile] / scale;
      double target = start + (end - start) / (n_tiles - tile);
      double chosen = -1, chosen_distance = G_MAXDOUBLE;

      if (tile + 1 == n_tiles || end <= start + 1e-6)
        {
          edges[tile + 1] = end;
          start = end;
          continue;
        }

      for (guint i = 0; i < cuts->len; i++)
        {
          double at = g_array_index (cuts, double, i);
          double distance = fabs (at - target);

          if (at <= start + 1e-6 || at > reach + 1e-6 || distance >= chosen_distance)
            continue;
          if (poster_fits (cuts, at, end, room, tile + 1, n_tiles, scale))
            {
              chosen = at;
              chosen_distance = distance;
            }
        }

      /* All that is left fits on this tile and no cut shares it out. */
      if (chosen < 0)
        chosen = end;
      edges[tile + 1] = start = chosen;
    }
}

/* Where a tile's part of the map may end across: between two stages in
 * every row, in the middle of the gap. */
static GArray *
poster_column_cuts (StapleMapLayout *map)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = staple_map_layout_get_n_columns (map);

  for (guint i = 0; i + 1 < n; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (map, i);
      const StapleMapColumn *next = staple_map_layout_get_column (map, i + 1);
      gboolean clear = TRUE;
      double x;

      if (next->row != column->row)
        continue;

      x = (column->column.x + column->column.width + next->column.x) / 2;
      for (guint j = 0; j < n && clear; j++)
        {
          const cairo_rectangle_t *other = &staple_map_layout_get_column (map, j)->column;

          clear = x <= other->x || x >= other->x + other->width;
        }
      if (clear)
        g_array_append_val (cuts, x);
    }

  g_array_sort (cuts, compare_cuts);
  return cuts;
}

/* Where the tiles' parts may end down, the same for every tile column so
 * that the lanes run on straight across a tile row's sheets: between rows
 * and lanes, and between cards where no card of the row is cut. */
static GArray *
poster_row_cuts (StapleMapLayout *map)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) breaks = map_breaks (map);
  guint n = staple_map_layout_get_n_columns (map);

  for (guint i = 0; i + 1 < breaks->len; i++)
    g_array_append_val (cuts, g_array_index (breaks, MapBreak, i).y);

  for (guint i = 0; i < n; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (map, i);

      for (guint j = 0; j + 1 < column->cards->len; j++)
        {
          const cairo_rectangle_t *card = &g_array_index (column->cards, StapleMapCard, j).rect;
          const cairo_rectangle_t *below =
            &g_array_index (column->cards, StapleMapCard, j + 1).rect;
          double y = (card->y + card->height + below->y) / 2;
          gboolean clear = below->y > card->y + card->height;

          for (guint k = 0; k < n && clear; k++)
            {
              const StapleMapColumn *other = staple_map_layout_get_column (map, k);

              if (other->row != column->row)
                continue;
              for (guint m = 0; m < other->cards->len && clear; m++)
                {
                  const cairo_rectangle_t *r = &g_array_index (other->cards, StapleMapCard,
                                                               m).rect;

                  clear = y <= r->y || y >= r->y + r->height;
                }
            }
          if (clear)
            g_array_append_val (cuts, y);
        }
    }

  g_array_sort (cuts, compare_cuts);
  return cuts;
}

static void
poster_plan (StapleReport *self,
             const double *widths,
             const double *heights,
             PosterPlan   *best)
{
  guint n_columns = self->options.poster_columns;
  guint n_rows = self->options.poster_rows;
  guint n = staple_map_layout_get_n_columns (self->map);
  g_autofree double *x = g_new (double, n_columns + 1);
  g_autoptr(GPtrArray) y = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (y, g_new (double, n_rows + 1));

  *best = (PosterPlan) { 0, 0, -1, g_new0 (double, n_columns + 1),
                         g_new0 (double *, n_columns) };
  for (guint i = 0; i < n_columns; i++)
    best->y[i] = g_new0 (double, n_rows + 1);

  for (guint map_rows = 1; map_rows <= n; map_rows++)
    {
      guint per_row = (n + map_rows - 1) / map_rows;
      guint columns_per_row = map_rows > 1 ? per_row : 0;
      g_autoptr(GArray) column_cuts = NULL;
      g_autoptr(GArray) row_cuts = NULL;
      double map_width, map_height, scale, fill = G_MAXDOUBLE;

      if ((n + per_row - 1) / per_row != map_rows)
        continue;

      staple_map_layout_set_columns_per_row (self->map, columns_per_row);
      map_width = staple_map_layout_get_width (self->map);
      map_height = staple_map_layout_get_height (self->map);
      column_cuts = poster_column_cuts (self->map);
      /* One cut down for every tile column: the lanes run on straight
       * across the sheets of a tile row. */
      row_cuts = poster_row_cuts (self->map);

      scale = MIN (poster_best_scale (column_cuts, map_width, widths, n_columns),
                   poster_best_scale (row_cuts, map_height, heights, n_rows));
      if (scale <= 0)
        continue;

      poster_cut_evenly (column_cuts, map_width, widths, n_columns, scale, x);
      for (guint c = 0; c < n_columns; c++)
        {
          double *ys = g_ptr_array_index (y, c);

          poster_cut_evenly (row_cuts, map_height, heights, n_rows, scale, ys);
          for (guint r = 0; r < n_rows; r++)
            fill = MIN (fill, (x[c + 1] - x[c]) * (ys[r + 1] - ys[r]) * scale * scale /
                              (widths[c] * heights[r]));
        }

      g_debug ("poster: %u rows of %u at %.3f, the emptiest tile %.0f %% full", map_rows, per_row,
               scale, fill * 100);
      if (fill > best->fill + 1e-3 || (fill > best->fill - 1e-3 && scale > best->scale))
        {
          best->columns_per_row = columns_per_row;
          best->scale = scale;
          best->fill = fill;
          memcpy (best->x, x, sizeof (double) * (n_columns + 1));
          for (guint c = 0; c < n_columns; c++)
            memcpy (best->y[c], g_ptr_array_index (y, c), sizeof (double) * (n_rows + 1));
        }
    }

  staple_map_layout_set_columns_per_row (self->map, best->columns_per_row);
}

/* The tile column whose part holds @column, by the parts' edges @x. */
static guint
poster_tile_of (const StapleMapColumn *column,
                const double          *x,
                guint                  n_columns)
{
  double middle = column->column.x + column->column.width / 2;
  guint tile = 0;

  while (tile + 1 < n_columns && middle > x[tile + 1])
    tile++;
  return tile;
}

/* Spreads each tile's stages over its width, row by row: the gaps inside
 * a tile's part grow by an even share of the width it leaves blank, the
 * gap between two tiles by half of each one's share, so that every part
 * is as wide as its tile and the poster reads as one map, its stages
 * evenly spaced on each sheet. Sets @x to the parts' new edges. */
static double *
poster_spread_across (StapleReport *self,
                      const double *widths,
                      guint         n_columns,
                      double        scale,
                      double       *x)
{
  StapleMapLayout *map = self->map;
  guint n = staple_map_layout_get_n_columns (map);
  const StapleMapColumn *first = staple_map_layout_get_column (map, 0);
  double start = first->column.x;
  double right_margin = staple_map_layout_get_width (map);
  double gap = -1;
  g_autofree double *gaps = g_new0 (double, n);
  g_autofree double *share = g_new0 (double, n_columns);
  g_autofree guint *tile = g_new0 (guint, n);

  for (guint i = 0; i < n; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (map, i);

      tile[i] = poster_tile_of (column, x, n_columns);
      if (i + 1 < n && staple_map_layout_get_column (map, i + 1)->row == column->row)
        gap = staple_map_layout_get_column (map, i + 1)->column.x - column->column.x -
              column->column.width;
    }
  for (guint i = 0; i < n; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (map, i);

      right_margin = MIN (right_margin, staple_map_layout_get_width (map) - column->column.x -
                                        column->column.width);
    }
  if (gap < 0)
    return g_steal_pointer (&gaps);

  for (guint i = 0; i < n;)
    {
      guint row = staple_map_layout_get_column (map, i)->row;
      guint end = i;

      while (end < n && staple_map_layout_get_column (map, end)->row == row)
        end++;

      /* Each tile's share in this row. */
      for (guint c = 0; c < n_columns; c++)
        {
          double used = (c == 0 ? start : gap / 2) + (c + 1 == n_columns ? right_margin : gap / 2);
          double shares = (c > 0 ? 0.5 : 0) + (c + 1 < n_columns ? 0.5 : 0);
          guint k = 0;

          for (guint j = i; j < end; j++)
            if (tile[j] == c)
              {
                used += staple_map_layout_get_column (map, j)->column.width + (k > 0 ? gap : 0);
                k++;
              }
          shares += k > 0 ? k - 1 : 0;
          share[c] = k > 0 && shares > 0 ? MAX (widths[c] / scale - used, 0) / shares : 0;
        }
      for (guint j = i; j + 1 < end; j++)
        gaps[j] = tile[j] == tile[j + 1] ? share[tile[j]]
                                         : (share[tile[j]] + share[tile[j + 1]]) / 2;
      i = end;
    }

  staple_map_layout_set_spread (map, gaps, n, NULL);
  staple_map_layout_update (map);

  x[0] = 0;
  for (guint c = 0; c < n_columns; c++)
    x[c + 1] = c + 1 == n_columns ? staple_map_layout_get_width (map) : x[c] + widths[c] / scale;

  return g_steal_pointer (&gaps);
}

/* How readily a lane grows without looking stretched: the cards and the
 * causes gain room below them, the feeling curves height, at half the
 * rate; the header and the handoff arrows keep theirs. */
static double
lane_growth (StapleMapLane lane)
{
  switch (lane)
    {
    case STAPLE_MAP_LANE_CARDS:
    case STAPLE_MAP_LANE_CAUSES:
      return 1; /* room to stick the room's own notes on */
    case STAPLE_MAP_LANE_CUSTOMER:
    case STAPLE_MAP_LANE_STAFF:
      return 0.5;
    case STAPLE_MAP_LANE_HEADER:
    case STAPLE_MAP_LANE_HANDOFFS:
    case STAPLE_MAP_N_LANES:
    default:
      return 0;
    }
}

/* The most ways of cutting a map down that poster_spread_down() tries. */
#define POSTER_MAX_CHOICES 50000

static double
binomial (guint n,
          guint k)
{
  double result = 1;

  for (guint i = 1; i <= k; i++)
    result = result * (n - k + i) / i;
  return result;
}

/* Grows the lanes of a one-row map so that each tile row fills its
 * sheets' height: of every way to cut the map down into @n_rows parts
 * (between lanes, or between cards), the one that fits at @scale and
 * needs the least growth. A lane grows at its bottom, so its growth goes
 * to the part its bottom is in. Sets @y (@n_rows + 1 edges, for every
 * tile column) and returns TRUE, or leaves the lanes alone and returns
 * FALSE when no such cut fits. */
static gboolean
poster_spread_down (StapleReport *self,
                    const double *gaps,
                    const double *heights,
                    guint         n_rows,
                    double        scale,
                    double       *y)
{
  StapleMapLayout *map = self->map;
  double bottom[STAPLE_MAP_N_LANES], lane_h[STAPLE_MAP_N_LANES];
  double lanes[STAPLE_MAP_N_LANES], best_lanes[STAPLE_MAP_N_LANES];
  double best = G_MAXDOUBLE, height = staple_map_layout_get_height (map);
  g_autoptr(GArray) all = poster_row_cuts (map);
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree guint *pick = g_new0 (guint, n_rows + 1);
  g_autofree double *edge = g_new0 (double, n_rows + 1);
  g_autofree double *best_edge = g_new0 (double, n_rows + 1);
  guint k = n_rows - 1;

  if (staple_map_layout_get_n_rows (map) != 1)
    return FALSE;

  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      double top;

      staple_map_layout_get_lane (map, lane, &top, &lane_h[lane]);
      bottom[lane] = top + lane_h[lane];
    }
  for (guint i = 0; i < all->len; i++)
    {
      double at = g_array_index (all, double, i);

      if (at > 1e-6 && at < height - 1e-6 &&
          (cuts->len == 0 || at > g_array_index (cuts, double, cuts->len - 1) + 1e-6))
        g_array_append_val (cuts, at);
    }
  if (cuts->len < k || binomial (cuts->len, k) > POSTER_MAX_CHOICES)
    return FALSE;

  /* Every choice of k cuts, as an odometer over pick[0] < … < pick[k − 1]. */
  for (guint i = 0; i < k; i++)
    pick[i] = i;
  for (;;)
    {
      double worst = 0;
      gboolean fits = TRUE;

      edge[0] = 0;
      for (guint i = 0; i < k; i++)
        edge[i + 1] = g_array_index (cuts, double, pick[i]);
      edge[n_rows] = height;

      memset (lanes, 0, sizeof lanes);
      for (guint r = 0; r < n_rows && fits; r++)
        {
          double part = edge[r + 1] - edge[r];
          double room = heights[r] / scale;
          double growable = 0;

          for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
            if (bottom[lane] > edge[r] + 1e-6 && bottom[lane] <= edge[r + 1] + 1e-6)
              growable += lane_growth (lane) * lane_h[lane];
          fits = part <= room + 1e-6 && (growable > 0 || part >= room - 1e-6);
          for (guint lane = 0; lane < STAPLE_MAP_N_LANES && fits && growable > 0; lane++)
            if (bottom[lane] > edge[r] + 1e-6 && bottom[lane] <= edge[r + 1] + 1e-6)
              lanes[lane] = MAX (room - part, 0) * lane_growth (lane) * lane_h[lane] / growable;
          if (fits && growable > 0)
            worst = MAX (worst, (room - part) / growable);
        }
      if (fits && worst < best)
        {
          best = worst;
          memcpy (best_lanes, lanes, sizeof lanes);
          memcpy (best_edge, edge, sizeof (double) * (n_rows + 1));
        }

      /* The next choice. */
      {
        int i = (int) k - 1;

        while (i >= 0 && pick[i] == cuts->len - k + i)
          i--;
        if (i < 0)
          break;
        pick[i]++;
        for (guint j = i + 1; j < k; j++)
          pick[j] = pick[j - 1] + 1;
      }
    }

  if (best == G_MAXDOUBLE)
    return FALSE;

  /* An edge moves down by the growth of every lane whose bottom is above it. */
  for (guint r = 0; r <= n_rows; r++)
    {
      y[r] = best_edge[r];
      for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
        if (r > 0 && bottom[lane] <= best_edge[r] + 1e-6)
          y[r] += best_lanes[lane];
    }
  staple_map_layout_set_spread (map, gaps, staple_map_layout_get_n_columns (map), best_lanes);
  staple_map_layout_update (map);
  y[n_rows] = staple_map_layout_get_height (map);
  return TRUE;
}

/* Spreads the planned map over its tiles, across and, for a map of one
 * row, down, at the plan's scale: the type stays the size the plan chose,
 * the paper is used. */
static void
poster_spread (StapleReport *self,
               const double *widths,
               const double *heights,
               PosterPlan   *plan)
{
  guint n_columns = self->options.poster_columns;
  guint n_rows = self->options.poster_rows;
  g_autofree double *y = g_new (double, n_rows + 1);
  g_autofree double *gaps = NULL;

  staple_map_layout_update (self->map);
  gaps = poster_spread_across (self, widths, n_columns, plan->scale, plan->x);
  if (poster_spread_down (self, gaps, heights, n_rows, plan->scale, y))
    for (guint c = 0; c < n_columns; c++)
      memcpy (plan->y[c], y, sizeof (double) * (n_rows + 1));
  g_debug ("poster: spread to %.0f × %.0f map units", staple_map_layout_get_width (self->map),
           staple_map_layout_get_height (self->map));
}

/* Where a tile's part goes in its room, across or down: against its
 * neighbours, so the pasted poster reads as one map, the spare paper at
 * its edges. */
static double
poster_align (guint index,
              guint n)
{
  if (n == 1 || (index > 0 && index + 1 < n))
    return 0.5;
  return index == 0 ? 1 : 0;
}

static void
add_poster (StapleReport *self)
{
  guint n_columns = self->options.poster_columns;
  guint n_rows = self->options.poster_rows;
  cairo_rectangle_t trim = { self->margin, self->margin, self->width - 2 * self->margin,
                             self->height - 2 * self->margin };
  double overlap = isnan (self->options.overlap_mm)
                   ? 0 : CLAMP (self->options.overlap_mm * PT_PER_MM, 0,
                                MIN (trim.width, trim.height) / 2);
  g_autofree double *widths = g_new (double, n_columns);
  g_autofree double *heights = g_new (double, n_rows);
  gboolean has_map = staple_map_layout_get_n_columns (self->map) > 0 &&
                     staple_map_layout_get_width (self->map) > 0 &&
                     staple_map_layout_get_height (self->map) > 0;
  PosterPlan plan = { 0, 0, 0, NULL, NULL };

  /* What each tile shows is clear of the overlaps: whichever tile lies on
   * top when they are pasted, nothing is shown twice or covered. */
  for (guint column = 0; column < n_columns; column++)
    widths[column] = trim.width - (column > 0 ? overlap : 0) -
                     (column + 1 < n_columns ? overlap : 0);
  for (guint row = 0; row < n_rows; row++)
    heights[row] = trim.height - (row > 0 ? overlap : 0) - (row + 1 < n_rows ? overlap : 0);

  if (has_map)
    poster_plan (self, widths, heights, &plan);
  if (has_map && plan.scale > 0)
    poster_spread (self, widths, heights, &plan);

  for (guint row = 0; row < n_rows; row++)
    for (guint column = 0; column < n_columns; column++)
      {
        _staple_report_new_page (self, row == 0 && column == 0 ? _("Journey map") : NULL, TRUE);

        if (has_map && plan.scale > 0)
          {
            double part_width = (plan.x[column + 1] - plan.x[column]) * plan.scale;
            double part_height = (plan.y[column][row + 1] - plan.y[column][row]) * plan.scale;
            double x = trim.x + (column > 0 ? overlap : 0) +
                       (widths[column] - part_width) * poster_align (column, n_columns);
            double y = trim.y + (row > 0 ? overlap : 0) +
                       (heights[row] - part_height) * poster_align (row, n_rows);

            if (part_width > 0 && part_height > 0)
              {
                Item *item = _staple_report_add_item (self, ITEM_MAP);

                item->box = (cairo_rectangle_t) { x, y, part_width, part_height };
                item->map_scale = plan.scale;
                item->map_x = x - plan.x[column] * plan.scale;
                item->map_y = y - plan.y[column][row] * plan.scale;
              }
          }
        else if (row == 0 && column == 0)
          add_no_map_note (self);

        if (self->options.cut_marks)
          {
            add_cut_marks (self, &trim);
            add_overlap_ticks (self, &trim, overlap, column, row, n_columns, n_rows);
          }
        add_tile_index (self, &trim, overlap, column, row, n_columns, n_rows);
      }

  poster_plan_clear (&plan, n_columns);
}

gboolean
_staple_report_is_poster (StapleReport *self)
{
  return self->options.poster_columns * self->options.poster_rows > 1;
}

void
_staple_report_add_map (StapleReport *self)
{
  if (_staple_report_is_poster (self))
    add_poster (self);
  else
    add_map_page (self);
}


void
_staple_report_draw_map (StapleReport *self,
                         cairo_t      *cr,
                         const Item   *item)
{
  StapleMapRenderOptions options;
  double scale = item->map_scale;

  staple_map_render_options_init (&options);
  options.print = TRUE;
  /* Never less than 100 %: the renderer leaves out text too small to read
   * at the zoom, which suits a screen, and paper never drops what was typed. */
  options.zoom = MAX (map_zoom (scale), 1.0);
  options.clip_to_visible = TRUE;
  options.visible = (cairo_rectangle_t) {
    (item->box.x - item->map_x) / scale, (item->box.y - item->map_y) / scale,
    item->box.width / scale, item->box.height / scale,
  };

  cairo_save (cr);
  cairo_rectangle (cr, item->box.x, item->box.y, item->box.width, item->box.height);
  cairo_clip (cr);
  cairo_translate (cr, item->map_x, item->map_y);
  cairo_scale (cr, scale, scale);
  staple_map_render (self->map, cr, &options);
  cairo_restore (cr);
}
