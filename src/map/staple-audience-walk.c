/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-walk.c: the stage the walk is at, for the room (the Walk
 * phase).
 *
 * The stage is brought forward large in the middle: its name, team and
 * channel, its work and waiting time with the wait drawn to scale, the
 * customer's and the staff's feelings on gauges that show their scale, the
 * handoff into it, and its friction points with their kinds. The points
 * take the room the card has: set out as roomily as still holds them all on
 * one page (their kinds in a column, or before their texts; one column or
 * two; 28 px or 24), and paged only when even the most compact does not,
 * with the page of the point just added drawn (options->focus_friction).
 * The stages before and after it stand smaller at the sides, for the way the
 * work comes and goes.
 */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-journey-private.h"
#include "staple-catalogue.h"
#include "staple-summary.h"

#define SIDE_WIDTH 190.0
#define SIDE_MAX_WIDTH 230.0
#define SIDE_GAP 28.0
#define SIDE_PAD 12.0
#define CARD_PAD 18.0
#define KIND_WIDTH 170.0
#define FRICTION_GAP 8.0
#define COLUMN_GAP 24.0
#define NAME_LINES 2
#define NAME_MAX_LINES 5
#define FEELING_GAP 20.0
#define GAUGE_WIDTH 40.0
#define WAIT_BAR_HEIGHT 28.0
#define MARK_SIZE 22.0

/* Where the work is: the walk's stage, or the first before the walk starts. */
static guint
current_index (AudienceContext *ctx,
               guint            n_stages)
{
  int current = ctx->options->current_stage;

  if (current < 0)
    return 0;
  return MIN ((guint) current, n_stages - 1);
}

static char *
numbered_name (StapleStage *stage,
               guint        index)
{
  g_autofree char *name = _staple_audience_flat (staple_stage_get_name (stage));

  /* Translators: a stage's number in the journey and its name */
  return g_strdup_printf (_("%u. %s"), index + 1, *name != '\0' ? name : _("Unnamed stage"));
}

static guint
n_frictions (StapleStage *stage)
{
  return g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage)));
}

/* The neighbours */

static double
side_height (AudienceContext *ctx,
             StapleStage     *stage,
             guint            index,
             const char      *caption,
             double           side_width)
{
  double inner = side_width - 2 * SIDE_PAD;
  g_autofree char *name = numbered_name (stage, index);
  g_autofree char *frictions = _staple_audience_frictions_text (n_frictions (stage));
  guint wait_minutes = (guint) MAX (staple_stage_get_wait_minutes (stage), 0);
  g_autofree char *wait = _staple_audience_wait_text (ctx, wait_minutes, FALSE, inner,
                                                      AUDIENCE_TEXT_SMALL);

  return SIDE_PAD +
         _staple_audience_text_height (ctx, caption, inner, AUDIENCE_TEXT_SMALL,
                                       PANGO_WEIGHT_NORMAL, 1) + 4 +
         _staple_audience_text_height (ctx, name, inner, AUDIENCE_TEXT_SMALL,
                                       PANGO_WEIGHT_BOLD, 3) + 8 +
         _staple_audience_text_height (ctx, wait, inner, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD,
                                       2) + 4 + 14 + 8 +
         _staple_audience_text_height (ctx, frictions, inner, AUDIENCE_TEXT_SMALL,
                                       PANGO_WEIGHT_NORMAL, 2) + SIDE_PAD;
}

/* A neighbour, smaller: its name, its wait and how much friction it holds,
 * centred on @middle_y. */
static void
draw_side (AudienceContext *ctx,
           StapleStage     *stage,
           guint            index,
           double           x,
           double           middle_y,
           const char      *caption,
           double           side_width)
{
  double inner = side_width - 2 * SIDE_PAD;
  double height = side_height (ctx, stage, index, caption, side_width);
  cairo_rectangle_t rect = { x + 1, middle_y - height / 2, side_width - 2, height };
  g_autofree char *name = numbered_name (stage, index);
  g_autofree char *frictions = _staple_audience_frictions_text (n_frictions (stage));
  guint wait_minutes = (guint) MAX (staple_stage_get_wait_minutes (stage), 0);
  g_autofree char *wait = _staple_audience_wait_text (ctx, wait_minutes, FALSE, inner,
                                                      AUDIENCE_TEXT_SMALL);
  double y = rect.y + SIDE_PAD;
  cairo_rectangle_t bar;

  staple_map_marks_rounded_rect (ctx->cr, &rect, 10);
  _staple_audience_fill_rgb (ctx->cr, ctx->palette->surface);
  cairo_fill_preserve (ctx->cr);
  _staple_audience_fill_rgb (ctx->cr, ctx->palette->border);
  cairo_set_line_width (ctx->cr, 2);
  cairo_stroke (ctx->cr);

  x += SIDE_PAD;
  y += _staple_audience_text (ctx, caption, x, y, inner, AUDIENCE_TEXT_SMALL,
                              PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim) + 4;
  y += _staple_audience_text (ctx, name, x, y, inner, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 3,
                              NULL) + 8;
  y += _staple_audience_wait_label (ctx, wait, wait_minutes, x, y, inner, AUDIENCE_TEXT_SMALL,
                                    2) + 4;
  bar = (cairo_rectangle_t) { x, y, inner, 14 };
  _staple_audience_wait_bar (ctx, &bar, wait_minutes);
  y += 14 + 8;
  _staple_audience_text (ctx, frictions, x, y, inner, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL,
                         2, NULL);
}

/* Where there is no stage before or after: the journey's ends, said. */
static void
draw_side_end (AudienceContext *ctx,
               double           x,
               double           middle_y,
               const char      *text,
               double           side_width)
{
  double height = _staple_audience_text_height (ctx, text, side_width, AUDIENCE_TEXT_SMALL,
                                                PANGO_WEIGHT_NORMAL, 3);

  _staple_audience_text (ctx, text, x, middle_y - height / 2, side_width, AUDIENCE_TEXT_SMALL,
                         PANGO_WEIGHT_NORMAL, 3, ctx->palette->dim);
}

/* The neighbours' width: wide enough for the words they say ("3 friction
 * points" is one long word in German, and so is a stage called
 * "Bonitätsprüfung", which would otherwise break inside), up to a limit. */
static double
side_width (AudienceContext *ctx,
            guint            index)
{
  guint n_stages = _staple_audience_n_stages (ctx);
  double width = SIDE_WIDTH;

  for (int step = -1; step <= 1; step += 2)
    {
      g_autoptr(StapleStage) other = NULL;
      g_autofree char *frictions = NULL;
      g_autofree char *name = NULL;

      if ((step < 0 && index == 0) || (step > 0 && index + 1 >= n_stages))
        continue;
      other = _staple_audience_stage_at (ctx, index + step);
      frictions = _staple_audience_frictions_text (n_frictions (other));
      name = numbered_name (other, index + step);
      while (width < SIDE_MAX_WIDTH &&
             (!_staple_audience_text_fits (ctx, frictions, width - 2 * SIDE_PAD,
                                           AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 2) ||
              !_staple_audience_words_fit (ctx, name, width - 2 * SIDE_PAD,
                                           AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD)))
        width = MIN (width + 10, SIDE_MAX_WIDTH);
    }
  return width;
}

static void
draw_neighbour (AudienceContext *ctx,
                guint            index,
                gboolean         before,
                double           x,
                double           gap_x,
                double           middle_y,
                double           side_width)
{
  guint n_stages = _staple_audience_n_stages (ctx);
  g_autoptr(StapleStage) current = _staple_audience_stage_at (ctx, index);
  g_autoptr(StapleStage) other = NULL;

  if (before ? index == 0 : index + 1 >= n_stages)
    {
      draw_side_end (ctx, x, middle_y,
                     before ? _("The journey starts here") : _("The journey ends here"),
                     side_width);
      return;
    }

  other = _staple_audience_stage_at (ctx, before ? index - 1 : index + 1);
  draw_side (ctx, other, before ? index - 1 : index + 1, x, middle_y,
             /* Translators: above the stages beside the one the walk is at */
             before ? _("Before") : _("After"), side_width);
  _staple_audience_handoff_mark (ctx, gap_x, middle_y - MARK_SIZE / 2, MARK_SIZE,
                                 before ? staple_summary_is_handoff (other, current)
                                        : staple_summary_is_handoff (current, other));
}

/* The stage brought forward */

/* "Stage 4 of 10", the handoff into it, whether work is dropped there, and
 * @also if set (the team and channel, on a crowded page): one after the
 * other, on as many lines as they take; measured only unless @draw. Returns
 * the height. */
static double
draw_header (AudienceContext *ctx,
             StapleStage     *stage,
             StapleStage     *previous,
             guint            index,
             double           x,
             double           y,
             double           width,
             const char      *also,
             gboolean         draw)
{
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);
  /* Translators: where the walk is, e.g. "Stage 4 of 10" */
  g_autofree char *where = g_strdup_printf (_("Stage %u of %u"), index + 1,
                                            _staple_audience_n_stages (ctx));
  g_autofree char *handoff = NULL;
  const char *texts[4] = { where, NULL, NULL, also };
  const double *colours[4] = { ctx->palette->dim, ctx->palette->text, ctx->palette->alarm,
                               ctx->palette->dim };
  double cursor = x, top = y;

  if (staple_summary_is_handoff (previous, stage))
    {
      g_autofree char *team = _staple_audience_flat (staple_stage_get_team (previous));

      /* Translators: after an arrow: the work comes to this stage from
       * another team, e.g. "from Sales" */
      handoff = *team != '\0' ? g_strdup_printf (_("from %s"), team)
                              : g_strdup (_("from another team"));
      texts[1] = handoff;
    }
  if (staple_stage_get_dropped (stage))
    /* Translators: the work is sometimes dropped or lost at this stage */
    texts[2] = _("Dropped or misrouted here");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      double mark = i == 1 ? MARK_SIZE + 8 : 0;
      double text_width, start;

      if (texts[i] == NULL)
        continue;
      text_width = MIN (width, mark + _staple_audience_text_width (ctx, texts[i],
                                                                   AUDIENCE_TEXT_SMALL,
                                                                   PANGO_WEIGHT_BOLD));
      if (cursor > x && cursor + text_width > x + width)
        {
          cursor = x;
          y += line;
        }
      start = cursor;
      cursor += text_width + 24;
      if (!draw)
        continue;
      if (mark > 0)
        _staple_audience_handoff_mark (ctx, start, y + (line - MARK_SIZE) / 2, MARK_SIZE, TRUE);
      _staple_audience_text (ctx, texts[i], start + mark, y,
                             MIN (text_width - mark + 1, x + width - start - mark),
                             AUDIENCE_TEXT_SMALL,
                             i == 0 || i == 3 ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD, 1,
                             colours[i]);
    }
  return y + line - top;
}

static double
feelings_width (AudienceContext *ctx,
                const char      *caption)
{
  return MAX (_staple_audience_text_width (ctx, caption, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL),
              _staple_audience_feeling_width (ctx, GAUGE_WIDTH));
}

/* The customer's feeling and the staff's, side by side from @x, @height
 * high with their captions. */
static void
draw_feelings (AudienceContext *ctx,
               StapleStage     *stage,
               double           x,
               double           y,
               double           height)
{
  /* Translators: above the gauges of how the customer and the staff feel */
  const char *captions[2] = { _("Customer"), _("Staff") };
  int feelings[2] = { staple_stage_get_customer_feeling (stage),
                      staple_stage_get_staff_feeling (stage) };
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);

  for (guint i = 0; i < 2; i++)
    {
      double width = feelings_width (ctx, captions[i]);

      _staple_audience_text (ctx, captions[i], x, y, width + 1, AUDIENCE_TEXT_SMALL,
                             PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
      _staple_audience_feeling (ctx, x, y + line + 4, GAUGE_WIDTH, height - line - 4,
                                feelings[i]);
      x += width + FEELING_GAP;
    }
}

/* "Waits 1 d 4 h" large and the work time beside it, in @width; under them
 * the bar, @bar_width wide, and at its end the journey's longest wait,
 * which a full bar shows. */
static void
draw_wait (AudienceContext *ctx,
           StapleStage     *stage,
           double           x,
           double           y,
           double           width,
           double           bar_width)
{
  guint wait_minutes = (guint) MAX (staple_stage_get_wait_minutes (stage), 0);
  g_autofree char *work_time = staple_format_minutes (
    (guint) MAX (staple_stage_get_work_minutes (stage), 0));
  /* Translators: a stage's working time, e.g. "work 10 min" */
  g_autofree char *work = g_strdup_printf (_("work %s"), work_time);
  g_autofree char *wait = _staple_audience_wait_text (ctx, wait_minutes, TRUE, width,
                                                      AUDIENCE_TEXT_LARGE);
  double large = _staple_audience_line_height (ctx, AUDIENCE_TEXT_LARGE);
  double small = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);
  double wait_width = MIN (width, _staple_audience_text_width (ctx, wait, AUDIENCE_TEXT_LARGE,
                                                               PANGO_WEIGHT_BOLD));
  cairo_rectangle_t bar = { x, y + large + 6, bar_width, WAIT_BAR_HEIGHT };

  _staple_audience_wait_label (ctx, wait, wait_minutes, x, y, wait_width + 1,
                               AUDIENCE_TEXT_LARGE, 1);
  if (width - wait_width - 24 >= _staple_audience_text_width (ctx, work, AUDIENCE_TEXT_BODY,
                                                              PANGO_WEIGHT_NORMAL))
    _staple_audience_text (ctx, work, x + wait_width + 24,
                           y + large - _staple_audience_line_height (ctx, AUDIENCE_TEXT_BODY),
                           width - wait_width - 24, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL,
                           1, ctx->palette->dim);

  if (ctx->waits.longest > 0)
    {
      g_autofree char *duration = staple_format_minutes (ctx->waits.longest);
      /* Translators: the journey's longest wait, at the end of the bar that
       * shows it full */
      g_autofree char *longest = g_strdup_printf (_("longest %s"), duration);
      double longest_width = _staple_audience_text_width (ctx, longest, AUDIENCE_TEXT_SMALL,
                                                          PANGO_WEIGHT_NORMAL);

      /* On a narrow bar the duration alone, or nothing: never cut. */
      if (longest_width > bar_width / 3)
        {
          g_free (longest);
          longest = g_steal_pointer (&duration);
          longest_width = _staple_audience_text_width (ctx, longest, AUDIENCE_TEXT_SMALL,
                                                       PANGO_WEIGHT_NORMAL);
        }
      if (longest_width <= bar_width / 3)
        {
          _staple_audience_text (ctx, longest, x + bar_width - longest_width,
                                 bar.y + (WAIT_BAR_HEIGHT - small) / 2, longest_width + 1,
                                 AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
          bar.width -= longest_width + 12;
        }
    }
  _staple_audience_wait_bar (ctx, &bar, wait_minutes);
}

/* The friction points */

/* How the friction points are set out: the kind in a column of its own
 * beside each point, or before the point's text to leave the text more
 * room, in one column or two; each point's text in at most @lines lines. */
typedef enum
{
  LIST_LABELLED,
  LIST_INLINE,
  LIST_TWO_COLUMNS,
} ListStyle;

typedef struct
{
  ListStyle style;
  int       lines;
  double    size;
} ListLayout;

/* From the roomiest to the most compact: the first that holds every point
 * on one page is used. */
static const ListLayout list_layouts[] = {
  { LIST_LABELLED, 12, AUDIENCE_TEXT_BODY },
  { LIST_LABELLED, 9, AUDIENCE_TEXT_BODY },
  { LIST_LABELLED, 7, AUDIENCE_TEXT_BODY },
  { LIST_INLINE, 7, AUDIENCE_TEXT_BODY },
  { LIST_LABELLED, 5, AUDIENCE_TEXT_BODY },
  { LIST_INLINE, 5, AUDIENCE_TEXT_BODY },
  { LIST_LABELLED, 4, AUDIENCE_TEXT_BODY },
  { LIST_INLINE, 4, AUDIENCE_TEXT_BODY },
  { LIST_LABELLED, 3, AUDIENCE_TEXT_BODY },
  { LIST_INLINE, 3, AUDIENCE_TEXT_BODY },
  { LIST_TWO_COLUMNS, 4, AUDIENCE_TEXT_BODY },
  { LIST_TWO_COLUMNS, 3, AUDIENCE_TEXT_BODY },
  { LIST_INLINE, 3, AUDIENCE_TEXT_SMALL },
  { LIST_TWO_COLUMNS, 4, AUDIENCE_TEXT_SMALL },
  { LIST_TWO_COLUMNS, 3, AUDIENCE_TEXT_SMALL },
  { LIST_INLINE, 2, AUDIENCE_TEXT_SMALL },
  { LIST_TWO_COLUMNS, 2, AUDIENCE_TEXT_SMALL },
};

/* A layout measured for one stage: the index each page starts at, and the
 * end; and how many points it cuts short. */
typedef struct
{
  ListLayout layout;
  GArray    *starts;
  double     used;       /* the height of the first page */
  guint      n_cut;
} ListPages;

static guint
list_columns (const ListLayout *layout)
{
  return layout->style == LIST_TWO_COLUMNS ? 2 : 1;
}

static double
column_width (const ListLayout *layout,
              double            width)
{
  return layout->style == LIST_TWO_COLUMNS ? (width - COLUMN_GAP) / 2 : width;
}

static double
text_x_offset (const ListLayout *layout)
{
  return layout->style == LIST_LABELLED ? KIND_WIDTH + 16 : 0;
}

/* The point's text as the layout shows it: after its kind, unless the kind
 * has a column of its own. */
static char *
friction_text (StapleFriction   *friction,
               const ListLayout *layout)
{
  g_autofree char *text = _staple_audience_flat (staple_friction_get_text (friction));
  const char *kind = staple_friction_kind_get_label (staple_friction_get_kind (friction));

  if (*text == '\0')
    {
      g_free (text);
      text = g_strdup (_("(no description)"));
    }
  if (layout->style == LIST_LABELLED || kind == NULL)
    return g_steal_pointer (&text);
  /* Translators: a friction point's kind before its text, e.g.
   * "Tools: the new CRM cannot show credit holds" */
  return g_strdup_printf (_("%s: %s"), kind, text);
}

static double
friction_height (AudienceContext  *ctx,
                 StapleFriction   *friction,
                 const ListLayout *layout,
                 double            width,
                 gboolean         *cut)
{
  g_autofree char *text = friction_text (friction, layout);
  const char *kind = staple_friction_kind_get_label (staple_friction_get_kind (friction));
  double text_width = column_width (layout, width) - text_x_offset (layout);
  double height = _staple_audience_text_height (ctx, text, text_width, layout->size,
                                                PANGO_WEIGHT_NORMAL, layout->lines);

  if (cut != NULL)
    *cut = height < _staple_audience_text_height (ctx, text, text_width, layout->size,
                                                  PANGO_WEIGHT_NORMAL, 40) - 0.5 ||
           /* A kind too long for its column ("Silos et passages de relais") */
           (layout->style == LIST_LABELLED &&
            !_staple_audience_text_fits (ctx, kind, KIND_WIDTH, AUDIENCE_TEXT_SMALL,
                                         PANGO_WEIGHT_BOLD, 2));
  if (layout->style == LIST_LABELLED)
    height = MAX (height, _staple_audience_text_height (ctx, kind, KIND_WIDTH,
                                                        AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD,
                                                        2));
  return height;
}

static double
draw_friction (AudienceContext  *ctx,
               StapleFriction   *friction,
               const ListLayout *layout,
               double            x,
               double            y,
               double            width)
{
  g_autofree char *text = friction_text (friction, layout);
  const char *kind = staple_friction_kind_get_label (staple_friction_get_kind (friction));
  double offset = text_x_offset (layout);
  double kind_height = 0;

  if (layout->style == LIST_LABELLED)
    {
      /* The kind's first line level with the text's. */
      double level = (_staple_audience_line_height (ctx, AUDIENCE_TEXT_BODY) -
                      _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL)) / 2;

      kind_height = level + _staple_audience_text (ctx, kind, x, y + level, KIND_WIDTH,
                                                   AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 2,
                                                   ctx->palette->dim);
    }
  return MAX (kind_height, _staple_audience_text (ctx, text, x + offset, y, width - offset,
                                                  layout->size, PANGO_WEIGHT_NORMAL,
                                                  layout->lines, NULL));
}

/* Splits the friction points into pages of @height, in rows of as many as
 * the layout has columns: all on one page if they fit; else pages that leave
 * @footer to say so. */
static ListPages
paginate_frictions (AudienceContext  *ctx,
                    GListModel       *frictions,
                    const ListLayout *layout,
                    double            width,
                    double            height,
                    double            footer)
{
  guint n = g_list_model_get_n_items (frictions);
  guint columns = list_columns (layout);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));
  ListPages pages = { *layout, g_array_new (FALSE, FALSE, sizeof (guint)), 0, 0 };
  double total = 0, used = 0;
  guint zero = 0;

  for (guint i = 0; i < n; i += columns)
    {
      double row = 0;

      for (guint j = i; j < MIN (i + columns, n); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);
          gboolean cut = FALSE;

          row = MAX (row, friction_height (ctx, friction, layout, width, &cut));
          pages.n_cut += cut ? 1 : 0;
        }
      row += FRICTION_GAP;
      g_array_append_val (rows, row);
      total += row;
    }

  g_array_append_val (pages.starts, zero);
  if (total - FRICTION_GAP <= height)
    {
      g_array_append_val (pages.starts, n);
      pages.used = total - FRICTION_GAP;
      return pages;
    }
  for (guint r = 0; r < rows->len; r++)
    {
      double h = g_array_index (rows, double, r);

      if (used > 0 && used + h - FRICTION_GAP > height - footer)
        {
          guint start = r * columns;

          g_array_append_val (pages.starts, start);
          if (pages.used == 0)
            pages.used = used - FRICTION_GAP;
          used = 0;
        }
      used += h;
    }
  if (pages.used == 0)
    pages.used = used - FRICTION_GAP;
  g_array_append_val (pages.starts, n);
  return pages;
}

/* The layout the room sees: the roomiest that holds every point on one
 * page whole; else, of those that cut no text short, the one with the
 * fewest pages (the most points on each): a point cut short cannot be read
 * at all, a second page costs the coach a key; else the fewest pages. */
static ListPages
choose_layout (AudienceContext *ctx,
               GListModel      *frictions,
               double           width,
               double           height,
               double           footer)
{
  ListPages best = { { LIST_LABELLED, 0, AUDIENCE_TEXT_BODY }, NULL, 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (list_layouts); i++)
    {
      ListPages pages = paginate_frictions (ctx, frictions, &list_layouts[i], width, height,
                                            footer);
      gboolean better;

      if (pages.starts->len == 2 && pages.n_cut == 0)
        {
          if (best.starts != NULL)
            g_array_unref (best.starts);
          return pages;
        }
      if (best.starts == NULL)
        better = TRUE;
      else if ((pages.n_cut == 0) != (best.n_cut == 0))
        better = pages.n_cut == 0;
      else
        better = pages.starts->len < best.starts->len;
      if (better)
        {
          if (best.starts != NULL)
            g_array_unref (best.starts);
          best = pages;
        }
      else
        g_array_unref (pages.starts);
    }
  return best;
}

/* The page of the friction point the room must see, if it is one of these. */
static gboolean
focus_page (AudienceContext *ctx,
            GListModel      *frictions,
            const GArray    *starts,
            guint           *page)
{
  gint64 focus = ctx->options->focus_friction;

  if (focus == 0)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (frictions); i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);

      if (staple_friction_get_id (friction) != focus)
        continue;
      for (guint p = 0; p + 1 < starts->len; p++)
        if (i < g_array_index (starts, guint, p + 1))
          {
            *page = p;
            return TRUE;
          }
    }
  return FALSE;
}

static void
draw_frictions (AudienceContext         *ctx,
                StapleStage             *stage,
                const ListPages         *pages,
                const cairo_rectangle_t *area)
{
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);
  const ListLayout *layout = &pages->layout;
  guint columns = list_columns (layout);
  double width = column_width (layout, area->width);
  guint n_pages, page, n_left, first, end;
  double y = area->y;

  if (g_list_model_get_n_items (frictions) == 0)
    {
      _staple_audience_text (ctx, _("No friction points noted here yet."), area->x, y,
                             area->width, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 2,
                             ctx->palette->dim);
      return;
    }

  n_pages = pages->starts->len - 1;
  page = MIN (ctx->options->page, n_pages - 1);
  focus_page (ctx, frictions, pages->starts, &page);
  ctx->stats->n_pages = n_pages;
  ctx->stats->page = page;
  first = g_array_index (pages->starts, guint, page);
  end = g_array_index (pages->starts, guint, page + 1);

  for (guint i = first; i < end; i += columns)
    {
      double row = 0;

      if (y > area->y)
        {
          _staple_audience_fill_rgb (ctx->cr, ctx->palette->border);
          cairo_rectangle (ctx->cr, area->x, y - FRICTION_GAP / 2 - 0.5, area->width, 1);
          cairo_fill (ctx->cr);
        }
      for (guint j = i; j < MIN (i + columns, end); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);
          double x = area->x + (j - i) * (width + COLUMN_GAP);
          double height = draw_friction (ctx, friction, layout, x, y, width);

          /* The point just added, marked in the margin for the room. */
          if (ctx->options->focus_friction != 0 &&
              staple_friction_get_id (friction) == ctx->options->focus_friction)
            {
              _staple_audience_fill_rgb (ctx->cr, ctx->palette->accent);
              cairo_rectangle (ctx->cr, x - CARD_PAD / 2 - 3, y, 6, height);
              cairo_fill (ctx->cr);
            }
          row = MAX (row, height);
        }
      if (columns > 1 && i + 1 < end)
        {
          _staple_audience_fill_rgb (ctx->cr, ctx->palette->border);
          cairo_rectangle (ctx->cr, area->x + width + COLUMN_GAP / 2 - 0.5, y, 1, row);
          cairo_fill (ctx->cr);
        }
      y += row + FRICTION_GAP;
    }

  if (n_pages > 1)
    {
      /* Translators: which page of a stage's friction points is shown */
      g_autofree char *where = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
      double where_width = MIN (area->width / 3,
                                _staple_audience_text_width (ctx, where, AUDIENCE_TEXT_SMALL,
                                                             PANGO_WEIGHT_BOLD));
      double foot_y = area->y + area->height - line;

      n_left = g_list_model_get_n_items (frictions) - end;
      if (n_left > 0)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "and %u more friction point",
                                                                "and %u more friction points",
                                                                n_left),
                                                   n_left);

          _staple_audience_text (ctx, more, area->x, foot_y, area->width - where_width - 24,
                                 AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
        }
      _staple_audience_text (ctx, where, area->x + area->width - where_width, foot_y,
                             where_width + 1, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1, NULL);
    }
}

/* The parts of the stage's top: its header on the left, over its wait's
 * label; its feelings on the right, as tall as both; the wait's bar across
 * under them. A crowded page has the team and
 * channel in the header and the name on one line, for more friction
 * points. */
typedef struct
{
  gboolean crowded;
  int      name_lines;
  double   header;
  double   name;
  double   where;
  double   wait;      /* the wait's label */
  double   feelings;  /* the part beside the feelings, down to the bar */
  double   height;
} CurrentTop;

static void
measure_top (AudienceContext *ctx,
             StapleStage     *stage,
             StapleStage     *previous,
             guint            index,
             const char      *name,
             const char      *where,
             double           left,
             CurrentTop      *top)
{
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);

  top->header = draw_header (ctx, stage, previous, index, 0, 0, left,
                             top->crowded ? where : NULL, FALSE) + 4;
  top->name = _staple_audience_text_height (ctx, name, left, AUDIENCE_TEXT_LARGE,
                                            PANGO_WEIGHT_BOLD, top->name_lines) + 4;
  top->where = top->crowded ? 0 : _staple_audience_text_height (ctx, where, left,
                                                                AUDIENCE_TEXT_BODY,
                                                                PANGO_WEIGHT_NORMAL, 1);
  top->wait = _staple_audience_line_height (ctx, AUDIENCE_TEXT_LARGE);
  top->feelings = MAX (top->header + top->name + top->where + 12 + top->wait,
                       line + 4 + 3 * line);
  top->height = top->feelings + 6 + WAIT_BAR_HEIGHT;
}

static void
draw_current (AudienceContext         *ctx,
              guint                    index,
              const cairo_rectangle_t *card)
{
  g_autoptr(StapleStage) stage = _staple_audience_stage_at (ctx, index);
  g_autoptr(StapleStage) previous = index > 0 ? _staple_audience_stage_at (ctx, index - 1) : NULL;
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  g_autofree char *name = numbered_name (stage, index);
  g_autofree char *team = _staple_audience_flat (staple_stage_get_team (stage));
  const char *channel = staple_channel_get_label (staple_stage_get_channel (stage));
  g_autofree char *where = *team != '\0' ? g_strdup_printf ("%s · %s", team, channel)
                                         : g_strdup (channel);
  double x = card->x + CARD_PAD, y = card->y + CARD_PAD;
  double width = card->width - 2 * CARD_PAD;
  double bottom = card->y + card->height - CARD_PAD;
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);
  double feelings = feelings_width (ctx, _("Customer")) + FEELING_GAP +
                    feelings_width (ctx, _("Staff"));
  double left = width - feelings - 24;
  double used;
  CurrentTop top = { FALSE, NAME_LINES, 0, 0, 0, 0, 0, 0 };
  g_autoptr(GArray) starts = NULL;
  ListPages pages;
  cairo_rectangle_t rest;

  measure_top (ctx, stage, previous, index, name, where, left, &top);
  pages = choose_layout (ctx, frictions, width, bottom - (y + top.height + 14), line + 8);
  if (pages.starts->len > 2)
    {
      /* More than a page: a smaller top, if that leaves fewer pages. */
      CurrentTop crowded = { TRUE, 1, 0, 0, 0, 0, 0, 0 };
      ListPages more;

      measure_top (ctx, stage, previous, index, name, where, left, &crowded);
      more = choose_layout (ctx, frictions, width, bottom - (y + crowded.height + 14), line + 8);
      if (more.starts->len < pages.starts->len)
        {
          g_array_unref (pages.starts);
          pages = more;
          top = crowded;
        }
      else
        g_array_unref (more.starts);
    }
  starts = pages.starts;
  used = g_list_model_get_n_items (frictions) > 0 ?
         pages.used : 2 * _staple_audience_line_height (ctx, AUDIENCE_TEXT_BODY);

  /* A long name gets the room the friction points leave. */
  while (starts->len == 2 && top.name_lines < NAME_MAX_LINES)
    {
      CurrentTop longer = top;

      longer.name_lines++;
      measure_top (ctx, stage, previous, index, name, where, left, &longer);
      if (longer.name <= top.name + 0.5 || bottom - (y + longer.height + 14) < used)
        break;
      top = longer;
    }

  staple_map_marks_rounded_rect (ctx->cr, card, 14);
  _staple_audience_fill_rgb (ctx->cr, ctx->palette->surface_current);
  cairo_fill_preserve (ctx->cr);
  _staple_audience_fill_rgb (ctx->cr, ctx->palette->accent);
  cairo_set_line_width (ctx->cr, 3);
  cairo_stroke (ctx->cr);

  draw_header (ctx, stage, previous, index, x, y, left, top.crowded ? where : NULL, TRUE);
  _staple_audience_text (ctx, name, x, y + top.header, left, AUDIENCE_TEXT_LARGE,
                         PANGO_WEIGHT_BOLD, top.name_lines, NULL);
  if (!top.crowded)
    _staple_audience_text (ctx, where, x, y + top.header + top.name, left, AUDIENCE_TEXT_BODY,
                           PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
  draw_wait (ctx, stage, x, y + top.feelings - top.wait, left, width);
  draw_feelings (ctx, stage, x + width - feelings, y, top.feelings - 6);

  rest = (cairo_rectangle_t) { x, y + top.height + 14, width, bottom - (y + top.height + 14) };
  draw_frictions (ctx, stage, &pages, &rest);
}

void
_staple_audience_draw_walk (AudienceContext         *ctx,
                            const cairo_rectangle_t *body)
{
  guint n_stages = _staple_audience_n_stages (ctx);
  double middle_y = body->y + body->height / 2;
  cairo_rectangle_t card;
  double side;
  guint index;

  if (n_stages == 0)
    {
      _staple_audience_draw_journey (ctx, body);
      return;
    }

  index = current_index (ctx, n_stages);
  side = side_width (ctx, index);
  card = (cairo_rectangle_t) { body->x + side + SIDE_GAP, body->y,
                               body->width - 2 * (side + SIDE_GAP), body->height };
  draw_current (ctx, index, &card);
  draw_neighbour (ctx, index, TRUE, body->x, body->x + side + 3, middle_y, side);
  draw_neighbour (ctx, index, FALSE, body->x + body->width - side, card.x + card.width + 3,
                  middle_y, side);
}
