/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-journey.c: the journey whole, for the room (the Map phase).
 *
 * Up to ten stages on one screen, as tiles in reading order: one row for up
 * to five, two rows for up to ten, each tile with the stage's name, its
 * team, its wait drawn to scale with the journey's longest and the
 * customer's feeling on a gauge that shows its scale. The bars of a row line
 * up, so that the room compares the waits at a glance. A longer journey goes
 * on pages of ten. Also the marks of a stage that the walk shares.
 */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-journey-private.h"
#include "staple-catalogue.h"
#include "staple-summary.h"
#include "staple-text.h"

#include <math.h>
#include <string.h>

#define STAGES_PER_PAGE STAPLE_AUDIENCE_STAGES_PER_PAGE
#define ONE_ROW_MAX 5
#define TILE_GAP 24.0
#define ROW_GAP 12.0
#define TILE_PAD 10.0
#define TILE_MAX_WIDTH 400.0
#define GAUGE_WIDTH 30.0
#define MARK_WIDTH 22.0

typedef struct
{
  double name_size;
  int    name_lines;
  double text_size;
  double bar_height;
  int    gauge_lines;  /* the gauge's height, in lines of its labels */
} TileStyle;

/* Two rows of up to five; one row has room for more of each name. */
static const TileStyle compact = { AUDIENCE_TEXT_SMALL, 2, AUDIENCE_TEXT_SMALL, 14, 3 };
static const TileStyle roomy = { AUDIENCE_TEXT_BODY, 3, AUDIENCE_TEXT_BODY, 22, 4 };

/* The height of each part of the tiles of a page, the largest of any tile,
 * so that the parts of every tile line up. */
typedef struct
{
  double name;
  double team;
  double wait;
  double marks;
} TileParts;

/* Shared marks */

static GListModel *
stages_of (AudienceContext *ctx)
{
  return G_LIST_MODEL (staple_session_get_stages (ctx->options->session));
}

StapleStage *
_staple_audience_stage_at (AudienceContext *ctx,
                           guint            index)
{
  return g_list_model_get_item (stages_of (ctx), index);
}

guint
_staple_audience_n_stages (AudienceContext *ctx)
{
  return g_list_model_get_n_items (stages_of (ctx));
}

double
_staple_audience_line_height (AudienceContext *ctx,
                              double           size_px)
{
  return _staple_audience_text_height (ctx, "Ag", -1, size_px, PANGO_WEIGHT_NORMAL, 1);
}

char *
_staple_audience_flat (const char *text)
{
  return staple_text_bound (text != NULL ? text : "", STAPLE_TEXT_LONG,
                            STAPLE_TEXT_BOUND_ONE_LINE);
}

char *
_staple_audience_wait_text (AudienceContext *ctx,
                            guint            wait_minutes,
                            gboolean         capital,
                            double           width,
                            double           size_px)
{
  g_autofree char *duration = NULL;
  char *text;

  if (wait_minutes == 0)
    /* Translators: a stage's waiting time when there is none */
    return g_strdup (capital ? _("No wait") : _("no wait"));

  duration = staple_format_minutes (wait_minutes);
  /* Translators: a stage's waiting time, e.g. "waits 9 h" */
  text = g_strdup_printf (capital ? _("Waits %s") : _("waits %s"), duration);
  if (width > 0 && wait_minutes > 24 * 60 && wait_minutes % 60 != 0 &&
      _staple_audience_text_width (ctx, text, size_px, PANGO_WEIGHT_BOLD) > width)
    {
      /* The word says it is a wait, not work: the minutes of a wait of days
       * go rather than the word. */
      g_free (text);
      g_free (duration);
      duration = staple_format_minutes (wait_minutes - wait_minutes % 60);
      text = g_strdup_printf (capital ? _("Waits %s") : _("waits %s"), duration);
    }
  return text;
}

double
_staple_audience_wait_label (AudienceContext *ctx,
                             const char      *text,
                             guint            wait_minutes,
                             double           x,
                             double           y,
                             double           width,
                             double           size_px,
                             int              max_lines)
{
  gboolean stands_out = staple_map_marks_wait_stands_out (&ctx->waits, wait_minutes);
  double rgb[3];

  if (!stands_out)
    return _staple_audience_text (ctx, text, x, y, width, size_px, PANGO_WEIGHT_NORMAL,
                                  max_lines, ctx->palette->text);

  staple_map_marks_wait_rgb (TRUE, ctx->options->dark, FALSE, rgb);
  return _staple_audience_text (ctx, text, x, y, width, size_px, PANGO_WEIGHT_BOLD, max_lines,
                                rgb);
}

void
_staple_audience_wait_bar (AudienceContext         *ctx,
                           const cairo_rectangle_t *area,
                           guint                    wait_minutes)
{
  staple_map_marks_draw_wait (ctx->cr, area, wait_minutes, &ctx->waits, ctx->options->dark,
                              FALSE);
}

/* The gauge's steps, +2 at the top, and their labels. */
static const char *const feeling_labels[] = { "+2", "+1", "0", "−1", "−2" };

double
_staple_audience_feeling_width (AudienceContext *ctx,
                                double           gauge_width)
{
  double label_width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (feeling_labels); i++)
    label_width = MAX (label_width,
                       _staple_audience_text_width (ctx, feeling_labels[i], AUDIENCE_TEXT_SMALL,
                                                    PANGO_WEIGHT_BOLD));
  return gauge_width + 6 + label_width;
}

double
_staple_audience_feeling (AudienceContext *ctx,
                          double           x,
                          double           y,
                          double           gauge_width,
                          double           height,
                          int              feeling)
{
  /* The value first, then the ends of the scale, its middle and the steps
   * between, each where it does not run into one already placed. */
  static const guint order[] = { 0, 4, 2, 1, 3 };
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);
  cairo_rectangle_t gauge = { x, y, gauge_width, MAX (height, 4) };
  guint value = (guint) (2 - CLAMP (feeling, -2, 2));
  double placed[G_N_ELEMENTS (feeling_labels)];
  guint n_placed = 0;

  staple_map_marks_draw_feeling (ctx->cr, &gauge, feeling, ctx->options->dark, FALSE);
  for (guint k = 0; k <= G_N_ELEMENTS (order); k++)
    {
      guint i = k == 0 ? value : order[k - 1];
      /* Centred on its step, within the gauge's height. */
      double label_y = CLAMP (gauge.y + gauge.height * i / 4 - line / 2, y,
                              y + MAX (height - line, 0));
      gboolean clear = TRUE;

      if (k > 0 && i == value)
        continue;
      for (guint j = 0; j < n_placed; j++)
        clear = clear && fabs (placed[j] - label_y) >= line - 0.5;
      if (!clear)
        continue;
      placed[n_placed++] = label_y;
      _staple_audience_text (ctx, feeling_labels[i], x + gauge_width + 6, label_y, -1,
                             AUDIENCE_TEXT_SMALL, k == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                             1, k == 0 ? ctx->palette->text : ctx->palette->dim);
    }
  return _staple_audience_feeling_width (ctx, gauge_width);
}

void
_staple_audience_handoff_mark (AudienceContext *ctx,
                               double           x,
                               double           y,
                               double           size,
                               gboolean         handoff)
{
  cairo_t *cr = ctx->cr;
  double middle = y + size / 2;

  cairo_save (cr);
  if (handoff)
    {
      /* The work changes hands: a solid arrow in the text's colour. */
      _staple_audience_fill_rgb (cr, ctx->palette->text);
      cairo_rectangle (cr, x, middle - size * 0.12, size * 0.5, size * 0.24);
      cairo_fill (cr);
      cairo_move_to (cr, x + size * 0.45, y + size * 0.12);
      cairo_line_to (cr, x + size, middle);
      cairo_line_to (cr, x + size * 0.45, y + size * 0.88);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  else
    {
      /* Within one team: a thin chevron, only the order of the stages. */
      _staple_audience_fill_rgb (cr, ctx->palette->border);
      cairo_set_line_width (cr, 3);
      cairo_move_to (cr, x + size * 0.3, y + size * 0.2);
      cairo_line_to (cr, x + size * 0.7, middle);
      cairo_line_to (cr, x + size * 0.3, y + size * 0.8);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

char *
_staple_audience_frictions_text (guint n_frictions)
{
  if (n_frictions == 0)
    return g_strdup (_("no friction points"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u friction point",
                                       "%u friction points", n_frictions),
                          n_frictions);
}

/* A stage's tile */

static char *
tile_name (StapleStage *stage,
           guint        index)
{
  g_autofree char *name = _staple_audience_flat (staple_stage_get_name (stage));

  /* Translators: a stage's number in the journey and its name */
  return g_strdup_printf (_("%u. %s"), index + 1, *name != '\0' ? name : _("Unnamed stage"));
}

static double
marks_height (AudienceContext *ctx,
              StapleStage     *stage,
              double           text_width,
              const TileStyle *style)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage)));
  g_autofree char *frictions = _staple_audience_frictions_text (n);
  double height = _staple_audience_text_height (ctx, frictions, text_width, style->text_size,
                                                PANGO_WEIGHT_NORMAL, 2);

  if (staple_stage_get_dropped (stage))
    height += _staple_audience_text_height (ctx, _("dropped"), text_width, style->text_size,
                                            PANGO_WEIGHT_BOLD, 1);
  /* The gauge's three labels, one above the other, at least. */
  return MAX (height,
              style->gauge_lines * _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL));
}

static double
gauge_width (AudienceContext *ctx)
{
  return _staple_audience_feeling_width (ctx, GAUGE_WIDTH);
}

static void
measure_tile (AudienceContext *ctx,
              StapleStage     *stage,
              guint            index,
              double           width,
              const TileStyle *style,
              TileParts       *parts)
{
  g_autofree char *name = tile_name (stage, index);
  g_autofree char *team = _staple_audience_flat (staple_stage_get_team (stage));
  double inner = width - 2 * TILE_PAD;
  double line = _staple_audience_line_height (ctx, style->text_size);

  parts->name = MAX (parts->name,
                     _staple_audience_text_height (ctx, name, inner, style->name_size,
                                                   PANGO_WEIGHT_BOLD, style->name_lines));
  parts->team = MAX (parts->team,
                     MAX (line, _staple_audience_text_height (ctx, team, inner, style->text_size,
                                                              PANGO_WEIGHT_NORMAL, 1)));
  parts->wait = MAX (parts->wait, line);
  parts->marks = MAX (parts->marks,
                      marks_height (ctx, stage, inner - gauge_width (ctx) - 12, style));
}

static double
tile_height (const TileParts *parts,
             const TileStyle *style)
{
  return TILE_PAD + parts->name + parts->team + 4 + parts->wait + 4 + style->bar_height + 10 +
         parts->marks + TILE_PAD;
}

static void
draw_tile_frame (AudienceContext         *ctx,
                 const cairo_rectangle_t *rect,
                 gboolean                 current,
                 gboolean                 dropped)
{
  cairo_t *cr = ctx->cr;
  static const double dash[] = { 10, 6 };
  cairo_rectangle_t inset = { rect->x + 1.5, rect->y + 1.5, rect->width - 3, rect->height - 3 };

  staple_map_marks_rounded_rect (cr, &inset, 10);
  _staple_audience_fill_rgb (cr, current ? ctx->palette->surface_current : ctx->palette->surface);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  if (current)
    {
      _staple_audience_fill_rgb (cr, ctx->palette->accent);
      cairo_set_line_width (cr, 3);
    }
  else if (dropped)
    {
      _staple_audience_fill_rgb (cr, ctx->palette->alarm);
      cairo_set_line_width (cr, 3);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  else
    {
      _staple_audience_fill_rgb (cr, ctx->palette->border);
      cairo_set_line_width (cr, 2);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_tile (AudienceContext         *ctx,
           StapleStage             *stage,
           StapleStage             *previous,
           guint                    index,
           const cairo_rectangle_t *rect,
           const TileStyle         *style,
           const TileParts         *parts)
{
  g_autofree char *name = tile_name (stage, index);
  g_autofree char *team = _staple_audience_flat (staple_stage_get_team (stage));
  g_autofree char *wait = NULL;
  g_autofree char *frictions = NULL;
  guint wait_minutes = (guint) MAX (staple_stage_get_wait_minutes (stage), 0);
  gboolean dropped = staple_stage_get_dropped (stage);
  double x = rect->x + TILE_PAD, y = rect->y + TILE_PAD;
  double width = rect->width - 2 * TILE_PAD;
  double team_x = x;
  double marks_x, text_y;
  cairo_rectangle_t bar;

  draw_tile_frame (ctx, rect, ctx->options->current_stage == (int) index, dropped);
  _staple_audience_text (ctx, name, x, y, width, style->name_size, PANGO_WEIGHT_BOLD,
                         style->name_lines, NULL);
  y += parts->name;

  /* The work reaches this team from another: the arrow before the team. */
  if (staple_summary_is_handoff (previous, stage))
    {
      double line = _staple_audience_line_height (ctx, style->text_size);

      _staple_audience_handoff_mark (ctx, x, y + (line - MARK_WIDTH) / 2, MARK_WIDTH, TRUE);
      team_x += MARK_WIDTH + 6;
      if (*team == '\0')
        {
          g_free (team);
          team = g_strdup (_("handoff"));
        }
    }
  _staple_audience_text (ctx, team, team_x, y, x + width - team_x, style->text_size,
                         PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
  y += parts->team + 4;

  wait = _staple_audience_wait_text (ctx, wait_minutes, FALSE, width, style->text_size);
  _staple_audience_wait_label (ctx, wait, wait_minutes, x, y, width, style->text_size, 1);
  y += parts->wait + 4;
  bar = (cairo_rectangle_t) { x, y, width, style->bar_height };
  _staple_audience_wait_bar (ctx, &bar, wait_minutes);
  y += style->bar_height + 10;

  marks_x = x + _staple_audience_feeling (ctx, x, y, GAUGE_WIDTH, parts->marks,
                                          staple_stage_get_customer_feeling (stage)) + 12;
  frictions = _staple_audience_frictions_text (
    g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage))));
  text_y = y + _staple_audience_text (ctx, frictions, marks_x, y, x + width - marks_x,
                                      style->text_size, PANGO_WEIGHT_NORMAL, 2, NULL);
  if (dropped)
    /* Translators: on a stage's tile: the work is sometimes dropped or lost there */
    _staple_audience_text (ctx, _("dropped"), marks_x, text_y, x + width - marks_x,
                           style->text_size, PANGO_WEIGHT_BOLD, 1, ctx->palette->alarm);
}

/* The parts of the tiles of a page, and the height of each tile. */
static double
measure_page (AudienceContext *ctx,
              guint            first,
              guint            count,
              double           width,
              const TileStyle *style,
              TileParts       *parts)
{
  *parts = (TileParts) { 0 };
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(StapleStage) stage = _staple_audience_stage_at (ctx, first + i);

      measure_tile (ctx, stage, first + i, width, style, parts);
    }
  return tile_height (parts, style);
}

/* How the tiles of a page are set out. */
typedef struct
{
  guint     rows;
  guint     columns;
  TileStyle style;
  double    width;    /* of a tile */
} TileGrid;

static TileGrid
tile_grid (double           area_width,
           guint            count,
           guint            rows,
           const TileStyle *style)
{
  TileGrid grid = { rows, (count + rows - 1) / rows, *style, 0 };

  grid.width = MIN (TILE_MAX_WIDTH, (area_width - (grid.columns - 1) * TILE_GAP) / grid.columns);
  return grid;
}

/* Whether the words the tiles themselves say (how many friction points,
 * "dropped") are whole on tiles of @grid: a language with long words needs
 * wider tiles than English. The stages' own names may still be cut. */
static gboolean
tiles_fit (AudienceContext *ctx,
           guint            first,
           guint            count,
           const TileGrid  *grid)
{
  double inner = grid->width - 2 * TILE_PAD;
  double text_width = inner - gauge_width (ctx) - 12;
  gboolean any_dropped = FALSE;
  guint longest_wait = 0;
  gsize longest_length = 0;
  g_autofree char *wait = NULL;
  guint measured[8];
  guint n_measured = 0;

  /* Measured once for each count, and once for the wait that writes
   * longest: the presenter draws a long journey every second. */
  for (guint i = first; i < first + count; i++)
    {
      g_autoptr(StapleStage) stage = _staple_audience_stage_at (ctx, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage)));
      guint wait_minutes = (guint) MAX (staple_stage_get_wait_minutes (stage), 0);
      g_autofree char *duration = staple_format_minutes (wait_minutes);
      g_autofree char *frictions = NULL;
      gboolean seen = FALSE;

      if (strlen (duration) > longest_length)
        {
          longest_length = strlen (duration);
          longest_wait = wait_minutes;
        }
      any_dropped = any_dropped || staple_stage_get_dropped (stage);
      for (guint j = 0; j < n_measured; j++)
        seen = seen || measured[j] == n;
      if (seen)
        continue;
      if (n_measured < G_N_ELEMENTS (measured))
        measured[n_measured++] = n;
      frictions = _staple_audience_frictions_text (n);
      if (!_staple_audience_text_fits (ctx, frictions, text_width, grid->style.text_size,
                                       PANGO_WEIGHT_NORMAL, 2))
        return FALSE;
    }

  /* Bold, as the longest waits are. */
  wait = _staple_audience_wait_text (ctx, longest_wait, FALSE, inner, grid->style.text_size);
  if (!_staple_audience_text_fits (ctx, wait, inner, grid->style.text_size, PANGO_WEIGHT_BOLD, 1))
    return FALSE;
  return !any_dropped ||
         _staple_audience_text_fits (ctx, _("dropped"), text_width, grid->style.text_size,
                                     PANGO_WEIGHT_BOLD, 1);
}

/* The tiles of a page of @count: one row of large tiles up to five, else
 * two rows, whichever is the first whose words fit; @fits says if any did. */
static TileGrid
arrange_tiles (AudienceContext *ctx,
               double           area_width,
               guint            first,
               guint            count,
               gboolean        *fits)
{
  TileGrid grids[3];
  guint n_grids = 0;

  if (count <= ONE_ROW_MAX)
    {
      grids[n_grids++] = tile_grid (area_width, count, 1, &roomy);
      grids[n_grids++] = tile_grid (area_width, count, 1, &compact);
    }
  if (count > 1)
    grids[n_grids++] = tile_grid (area_width, count, 2, &compact);

  for (guint i = 0; i < n_grids; i++)
    if (tiles_fit (ctx, first, count, &grids[i]))
      {
        *fits = TRUE;
        return grids[i];
      }
  *fits = FALSE;
  return grids[0];
}

/* How many stages a page shows: the whole journey up to ten, but fewer
 * (and so wider tiles) when the tiles' words would not fit on ten. The
 * same for every page, so that the pages of a journey stay put. */
static guint
stages_per_page (AudienceContext *ctx,
                 double           area_width)
{
  static const guint choices[] = { STAGES_PER_PAGE, STAGES_PER_PAGE - 2, STAGES_PER_PAGE - 4 };
  guint n_stages = _staple_audience_n_stages (ctx);

  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      gboolean all_fit = TRUE;

      for (guint first = 0; first < n_stages && all_fit; first += choices[c])
        arrange_tiles (ctx, area_width, first, MIN (choices[c], n_stages - first), &all_fit);
      if (all_fit)
        return choices[c];
    }
  return STAGES_PER_PAGE;
}

/* The tiles of one page, @first to @first + @count, centred in @area. */
static void
draw_tiles (AudienceContext         *ctx,
            const cairo_rectangle_t *area,
            guint                    first,
            guint                    count)
{
  gboolean fits;
  TileGrid grid = arrange_tiles (ctx, area->width, first, count, &fits);
  guint rows = grid.rows;
  guint columns = grid.columns;
  TileStyle style = grid.style;
  TileParts parts = { 0 };
  double width = grid.width;
  double row_width = columns * width + (columns - 1) * TILE_GAP;
  double x0 = area->x + (area->width - row_width) / 2;
  double height, block, y0;

  height = measure_page (ctx, first, count, width, &style, &parts);
  /* A script whose lines are taller than most: names on fewer lines rather
   * than tiles off the screen. */
  while (rows * height + (rows - 1) * ROW_GAP > area->height && style.name_lines > 1)
    {
      style.name_lines--;
      height = measure_page (ctx, first, count, width, &style, &parts);
    }
  block = rows * height + (rows - 1) * ROW_GAP;
  y0 = area->y + MAX (0, (area->height - block) / 2);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(StapleStage) stage = _staple_audience_stage_at (ctx, first + i);
      g_autoptr(StapleStage) previous = first + i > 0 ?
                                        _staple_audience_stage_at (ctx, first + i - 1) : NULL;
      guint column = i % columns;
      cairo_rectangle_t rect = { x0 + column * (width + TILE_GAP),
                                 y0 + (i / columns) * (height + ROW_GAP), width, height };

      draw_tile (ctx, stage, previous, first + i, &rect, &style, &parts);
      /* The way from the tile before, level with the first line of the name. */
      if (column > 0)
        _staple_audience_handoff_mark (ctx, rect.x - TILE_GAP + 2, rect.y + TILE_PAD + 4,
                                       TILE_GAP - 4,
                                       staple_summary_is_handoff (previous, stage));
    }
}

/* What the marks mean, at the foot of the screen, from the left; and where
 * the page is in a long journey, on the right. */
static void
draw_footer (AudienceContext         *ctx,
             const cairo_rectangle_t *body,
             guint                    first,
             guint                    count,
             guint                    n_stages,
             guint                    n_pages)
{
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);
  double y = body->y + body->height - line;
  double x = body->x;
  double right = body->x + body->width;
  double rgb[3];
  cairo_rectangle_t swatch;
  const char *legend[3];
  const char *handoff;
  double handoff_width;
  double legend_width;

  /* Translators: the legend of the journey's marks */
  legend[0] = _("waiting, to scale");
  legend[1] = _("the longest waits");
  legend[2] = _("customer’s feeling");
  /* Translators: the legend of the arrow between two teams */
  handoff = _("handoff");
  handoff_width = _staple_audience_text_width (ctx, handoff, AUDIENCE_TEXT_SMALL,
                                               PANGO_WEIGHT_NORMAL);
  legend_width = MARK_WIDTH + 8 + handoff_width;
  for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
    legend_width += 48 + _staple_audience_text_width (ctx, legend[i], AUDIENCE_TEXT_SMALL,
                                                      PANGO_WEIGHT_NORMAL) + 32;

  if (n_pages > 1)
    {
      g_autofree char *where =
        count == 1 ?
        /* Translators: the one stage on the last page of a long journey */
        g_strdup_printf (_("Stage %u of %u"), first + 1, n_stages) :
        /* Translators: where the page is in a long journey, e.g. "Stages 11–20 of 24" */
        g_strdup_printf (_("Stages %u–%u of %u"), first + 1, first + count, n_stages);
      double width = _staple_audience_text_width (ctx, where, AUDIENCE_TEXT_SMALL,
                                                  PANGO_WEIGHT_BOLD);

      /* The legend whole rather than the words around the numbers. */
      if (width + 32 + legend_width > body->width)
        {
          g_free (where);
          where = count == 1 ?
                  /* Translators: "Stage 24 of 24" made short, for want of room */
                  g_strdup_printf (_("%u / %u"), first + 1, n_stages) :
                  /* Translators: "Stages 11–20 of 24" made short, for want of room */
                  g_strdup_printf (_("%u–%u / %u"), first + 1, first + count, n_stages);
          width = _staple_audience_text_width (ctx, where, AUDIENCE_TEXT_SMALL,
                                               PANGO_WEIGHT_BOLD);
        }
      width = MIN (width, body->width / 2);
      _staple_audience_text (ctx, where, right - width, y, width + 1, AUDIENCE_TEXT_SMALL,
                             PANGO_WEIGHT_BOLD, 1, NULL);
      right -= width + 32;
    }
  for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
    {
      double width = _staple_audience_text_width (ctx, legend[i], AUDIENCE_TEXT_SMALL,
                                                  PANGO_WEIGHT_NORMAL);

      if (x + 48 + width > right)
        break;
      swatch = (cairo_rectangle_t) { x, y + line / 2 - 7, 40, 14 };
      if (i < 2)
        {
          staple_map_marks_wait_rgb (i == 1, ctx->options->dark, FALSE, rgb);
          _staple_audience_fill_rgb (ctx->cr, rgb);
          cairo_rectangle (ctx->cr, swatch.x, swatch.y, swatch.width, swatch.height);
          cairo_fill (ctx->cr);
        }
      else
        {
          swatch = (cairo_rectangle_t) { x + (40 - GAUGE_WIDTH) / 2, y + 2, GAUGE_WIDTH,
                                         line - 4 };
          staple_map_marks_draw_feeling (ctx->cr, &swatch, -2, ctx->options->dark, FALSE);
        }
      _staple_audience_text (ctx, legend[i], x + 48, y, width + 1, AUDIENCE_TEXT_SMALL,
                             PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
      x += 48 + width + 32;
    }
  /* Whole or not at all, as the marks before it. */
  if (x + MARK_WIDTH + 8 + handoff_width <= right)
    {
      double width = handoff_width + 1;

      _staple_audience_handoff_mark (ctx, x, y + (line - MARK_WIDTH) / 2, MARK_WIDTH, TRUE);
      _staple_audience_text (ctx, handoff, x + MARK_WIDTH + 8, y, width, AUDIENCE_TEXT_SMALL,
                             PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
    }
}

static void
draw_no_stages (AudienceContext         *ctx,
                const cairo_rectangle_t *body)
{
  const char *title = _("No stages yet");
  const char *hint = _("The stages appear here as the coach adds them to the map.");
  double width = MIN (body->width, 900);
  double x = body->x + (body->width - width) / 2;
  double title_height = _staple_audience_text_height (ctx, title, width, AUDIENCE_TEXT_TITLE,
                                                      PANGO_WEIGHT_BOLD, 2);
  double hint_height = _staple_audience_text_height (ctx, hint, width, AUDIENCE_TEXT_BODY,
                                                     PANGO_WEIGHT_NORMAL, 3);
  double y = body->y + MAX (0, (body->height - title_height - 16 - hint_height) / 2);
  double title_width = MIN (width, _staple_audience_text_width (ctx, title, AUDIENCE_TEXT_TITLE,
                                                                PANGO_WEIGHT_BOLD));
  double hint_width = MIN (width, _staple_audience_text_width (ctx, hint, AUDIENCE_TEXT_BODY,
                                                               PANGO_WEIGHT_NORMAL));

  y += _staple_audience_text (ctx, title, x + (width - title_width) / 2, y, title_width + 1,
                              AUDIENCE_TEXT_TITLE, PANGO_WEIGHT_BOLD, 2, NULL) + 16;
  _staple_audience_text (ctx, hint, x + (width - hint_width) / 2, y, hint_width + 1,
                         AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 3, ctx->palette->dim);
}

void
_staple_audience_draw_journey (AudienceContext         *ctx,
                               const cairo_rectangle_t *body)
{
  guint n_stages = _staple_audience_n_stages (ctx);
  guint per_page, n_pages, page, first, count;
  double footer;
  cairo_rectangle_t area;

  if (n_stages == 0)
    {
      draw_no_stages (ctx, body);
      return;
    }

  per_page = stages_per_page (ctx, body->width);
  n_pages = (n_stages + per_page - 1) / per_page;
  if (ctx->options->page == STAPLE_AUDIENCE_PAGE_OF_CURRENT_STAGE)
    page = ctx->options->current_stage > 0 ? (guint) ctx->options->current_stage / per_page : 0;
  else
    page = ctx->options->page;
  page = MIN (page, n_pages - 1);
  first = page * per_page;
  count = MIN (per_page, n_stages - first);
  ctx->stats->n_pages = n_pages;
  ctx->stats->page = page;

  footer = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL) + 12;
  area = (cairo_rectangle_t) { body->x, body->y, body->width, body->height - footer };
  draw_tiles (ctx, &area, first, count);
  draw_footer (ctx, body, first, count, n_stages, n_pages);
}
