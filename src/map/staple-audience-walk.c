/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-walk.c: the stage the walk is at, for the room (the Walk
 * phase).
 *
 * The stage is brought forward large in the middle: its name, team and
 * channel, its work and waiting time with the wait drawn to scale, the
 * customer's and the staff's feelings on gauges that show their scale, the
 * handoff into it, and its friction points with their kinds, paged when
 * there are more than the screen holds. The stages before and after it stand
 * smaller at the sides, for the way the work comes and goes.
 */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-journey-private.h"
#include "staple-catalogue.h"
#include "staple-summary.h"

#define SIDE_WIDTH 190.0
#define SIDE_GAP 28.0
#define SIDE_PAD 12.0
#define CARD_PAD 18.0
#define KIND_WIDTH 170.0
#define FRICTION_GAP 8.0
#define FRICTION_LINES 3
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
             const char      *caption)
{
  double inner = SIDE_WIDTH - 2 * SIDE_PAD;
  g_autofree char *name = numbered_name (stage, index);
  g_autofree char *frictions = _staple_audience_frictions_text (n_frictions (stage));

  return SIDE_PAD +
         _staple_audience_text_height (ctx, caption, inner, AUDIENCE_TEXT_SMALL,
                                       PANGO_WEIGHT_NORMAL, 1) + 4 +
         _staple_audience_text_height (ctx, name, inner, AUDIENCE_TEXT_SMALL,
                                       PANGO_WEIGHT_BOLD, 3) + 8 +
         _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL) + 4 + 14 + 8 +
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
           const char      *caption)
{
  double inner = SIDE_WIDTH - 2 * SIDE_PAD;
  double height = side_height (ctx, stage, index, caption);
  cairo_rectangle_t rect = { x + 1, middle_y - height / 2, SIDE_WIDTH - 2, height };
  g_autofree char *name = numbered_name (stage, index);
  g_autofree char *frictions = _staple_audience_frictions_text (n_frictions (stage));
  guint wait_minutes = (guint) MAX (staple_stage_get_wait_minutes (stage), 0);
  g_autofree char *wait = _staple_audience_wait_text (ctx, wait_minutes, FALSE, inner,
                                                      AUDIENCE_TEXT_SMALL);
  double y = rect.y + SIDE_PAD;
  cairo_rectangle_t bar;

  _staple_audience_rounded_rect (ctx->cr, &rect, 10);
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
  _staple_audience_wait_label (ctx, wait, wait_minutes, x, y, inner, AUDIENCE_TEXT_SMALL);
  y += _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL) + 4;
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
               const char      *text)
{
  double height = _staple_audience_text_height (ctx, text, SIDE_WIDTH, AUDIENCE_TEXT_SMALL,
                                                PANGO_WEIGHT_NORMAL, 3);

  _staple_audience_text (ctx, text, x, middle_y - height / 2, SIDE_WIDTH, AUDIENCE_TEXT_SMALL,
                         PANGO_WEIGHT_NORMAL, 3, ctx->palette->dim);
}

static void
draw_neighbour (AudienceContext *ctx,
                guint            index,
                gboolean         before,
                double           x,
                double           gap_x,
                double           middle_y)
{
  guint n_stages = _staple_audience_n_stages (ctx);
  g_autoptr(StapleStage) current = _staple_audience_stage_at (ctx, index);
  g_autoptr(StapleStage) other = NULL;

  if (before ? index == 0 : index + 1 >= n_stages)
    {
      draw_side_end (ctx, x, middle_y,
                     before ? _("The journey starts here") : _("The journey ends here"));
      return;
    }

  other = _staple_audience_stage_at (ctx, before ? index - 1 : index + 1);
  draw_side (ctx, other, before ? index - 1 : index + 1, x, middle_y,
             /* Translators: above the stages beside the one the walk is at */
             before ? _("Before") : _("After"));
  _staple_audience_handoff_mark (ctx, gap_x, middle_y - MARK_SIZE / 2, MARK_SIZE,
                                 before ? staple_summary_is_handoff (other, current)
                                        : staple_summary_is_handoff (current, other));
}

/* The stage brought forward */

/* "Stage 4 of 10", the handoff into it, whether work is dropped there: one
 * after the other, on as many lines as they take. Returns the height. */
static double
draw_header (AudienceContext *ctx,
             StapleStage     *stage,
             StapleStage     *previous,
             guint            index,
             double           x,
             double           y,
             double           width)
{
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);
  /* Translators: where the walk is, e.g. "Stage 4 of 10" */
  g_autofree char *where = g_strdup_printf (_("Stage %u of %u"), index + 1,
                                            _staple_audience_n_stages (ctx));
  g_autofree char *handoff = NULL;
  const char *texts[3] = { where, NULL, NULL };
  const double *colours[3] = { ctx->palette->dim, ctx->palette->text, ctx->palette->alarm };
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
      double text_width;

      if (texts[i] == NULL)
        continue;
      text_width = mark + _staple_audience_text_width (ctx, texts[i], AUDIENCE_TEXT_SMALL,
                                                       PANGO_WEIGHT_BOLD);
      if (cursor > x && cursor + text_width > x + width)
        {
          cursor = x;
          y += line;
        }
      if (mark > 0)
        _staple_audience_handoff_mark (ctx, cursor, y + (line - MARK_SIZE) / 2, MARK_SIZE, TRUE);
      _staple_audience_text (ctx, texts[i], cursor + mark, y,
                             MIN (text_width - mark + 1, x + width - cursor - mark),
                             AUDIENCE_TEXT_SMALL, i == 0 ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD,
                             1, colours[i]);
      cursor += text_width + 24;
    }
  return y + line - top;
}

static double
feelings_width (AudienceContext *ctx,
                const char      *caption)
{
  return MAX (_staple_audience_text_width (ctx, caption, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL),
              22 + 6 + _staple_audience_text_width (ctx, "−2", AUDIENCE_TEXT_SMALL,
                                                    PANGO_WEIGHT_BOLD));
}

/* The customer's feeling and the staff's, side by side from @x. Returns the
 * height. */
static double
draw_feelings (AudienceContext *ctx,
               StapleStage     *stage,
               double           x,
               double           y)
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
      _staple_audience_feeling (ctx, x, y + line + 4, 3 * line, feelings[i]);
      x += width + 20;
    }
  return line + 4 + 3 * line;
}

/* "Waits 1 d 4 h" large, the work time beside it, the journey's longest wait
 * on the right for the scale, and the bar under them. Returns the height. */
static double
draw_wait (AudienceContext *ctx,
           StapleStage     *stage,
           double           x,
           double           y,
           double           width)
{
  guint wait_minutes = (guint) MAX (staple_stage_get_wait_minutes (stage), 0);
  g_autofree char *wait = _staple_audience_wait_text (ctx, wait_minutes, TRUE, width / 2,
                                                      AUDIENCE_TEXT_LARGE);
  g_autofree char *work_time = staple_format_minutes (
    (guint) MAX (staple_stage_get_work_minutes (stage), 0));
  /* Translators: a stage's working time, e.g. "work 10 min" */
  g_autofree char *work = g_strdup_printf (_("work %s"), work_time);
  g_autofree char *longest = NULL;
  double wait_width = MIN (width / 2, _staple_audience_text_width (ctx, wait, AUDIENCE_TEXT_LARGE,
                                                                   PANGO_WEIGHT_BOLD));
  double large = _staple_audience_line_height (ctx, AUDIENCE_TEXT_LARGE);
  double right = x + width;
  cairo_rectangle_t bar;

  if (ctx->waits.longest > 0)
    {
      g_autofree char *duration = staple_format_minutes (ctx->waits.longest);
      double longest_width;

      /* Translators: the journey's longest wait, which a full bar shows */
      longest = g_strdup_printf (_("longest %s"), duration);
      longest_width = MIN (width / 3, _staple_audience_text_width (ctx, longest,
                                                                   AUDIENCE_TEXT_SMALL,
                                                                   PANGO_WEIGHT_NORMAL));
      _staple_audience_text (ctx, longest, right - longest_width,
                             y + large - _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL),
                             longest_width + 1, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1,
                             ctx->palette->dim);
      right -= longest_width + 24;
    }

  _staple_audience_wait_label (ctx, wait, wait_minutes, x, y, wait_width + 1,
                               AUDIENCE_TEXT_LARGE);
  if (right - x - wait_width - 24 > 48)
    _staple_audience_text (ctx, work, x + wait_width + 24,
                           y + large - _staple_audience_line_height (ctx, AUDIENCE_TEXT_BODY),
                           right - x - wait_width - 24, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL,
                           1, ctx->palette->dim);

  bar = (cairo_rectangle_t) { x, y + large + 6, width, WAIT_BAR_HEIGHT };
  _staple_audience_wait_bar (ctx, &bar, wait_minutes);
  return large + 6 + WAIT_BAR_HEIGHT;
}

/* The friction points */

static double
friction_height (AudienceContext *ctx,
                 StapleFriction  *friction,
                 double           width)
{
  g_autofree char *text = _staple_audience_flat (staple_friction_get_text (friction));
  const char *kind = staple_friction_kind_get_label (staple_friction_get_kind (friction));

  return MAX (_staple_audience_text_height (ctx, kind, KIND_WIDTH, AUDIENCE_TEXT_SMALL,
                                            PANGO_WEIGHT_BOLD, 2),
              _staple_audience_text_height (ctx, text, width - KIND_WIDTH - 16,
                                            AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL,
                                            FRICTION_LINES));
}

static double
draw_friction (AudienceContext *ctx,
               StapleFriction  *friction,
               double           x,
               double           y,
               double           width)
{
  g_autofree char *text = _staple_audience_flat (staple_friction_get_text (friction));
  const char *kind = staple_friction_kind_get_label (staple_friction_get_kind (friction));
  /* The kind's first line level with the text's. */
  double offset = (_staple_audience_line_height (ctx, AUDIENCE_TEXT_BODY) -
                   _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL)) / 2;
  double kind_height, text_height;

  kind_height = _staple_audience_text (ctx, kind, x, y + offset, KIND_WIDTH, AUDIENCE_TEXT_SMALL,
                                       PANGO_WEIGHT_BOLD, 2, ctx->palette->dim);
  text_height = _staple_audience_text (ctx, *text != '\0' ? text : _("(no description)"),
                                       x + KIND_WIDTH + 16, y, width - KIND_WIDTH - 16,
                                       AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, FRICTION_LINES,
                                       NULL);
  return MAX (kind_height + offset, text_height);
}

/* Splits the friction points into pages of @height: the index each page
 * starts at, and the end. */
static GArray *
paginate_frictions (AudienceContext *ctx,
                    GListModel      *frictions,
                    double           width,
                    double           height,
                    double           footer)
{
  guint n = g_list_model_get_n_items (frictions);
  g_autoptr(GArray) heights = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double total = 0, used = 0;
  guint zero = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);
      double h = friction_height (ctx, friction, width) + FRICTION_GAP;

      g_array_append_val (heights, h);
      total += h;
    }

  g_array_append_val (starts, zero);
  /* All on one page if they fit; else pages that leave room to say so. */
  if (total - FRICTION_GAP <= height)
    {
      g_array_append_val (starts, n);
      return starts;
    }
  for (guint i = 0; i < n; i++)
    {
      double h = g_array_index (heights, double, i);

      if (used > 0 && used + h - FRICTION_GAP > height - footer)
        {
          g_array_append_val (starts, i);
          used = 0;
        }
      used += h;
    }
  g_array_append_val (starts, n);
  return starts;
}

static void
draw_frictions (AudienceContext         *ctx,
                StapleStage             *stage,
                const cairo_rectangle_t *area)
{
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  double line = _staple_audience_line_height (ctx, AUDIENCE_TEXT_SMALL);
  g_autoptr(GArray) starts = NULL;
  guint n_pages, page, n_left;
  double y = area->y;

  if (g_list_model_get_n_items (frictions) == 0)
    {
      _staple_audience_text (ctx, _("No friction points noted here yet."), area->x, y,
                             area->width, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 2,
                             ctx->palette->dim);
      return;
    }

  starts = paginate_frictions (ctx, frictions, area->width, area->height, line + 8);
  n_pages = starts->len - 1;
  page = MIN (ctx->options->page, n_pages - 1);
  ctx->stats->n_pages = n_pages;

  for (guint i = g_array_index (starts, guint, page);
       i < g_array_index (starts, guint, page + 1); i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);

      if (y > area->y)
        {
          _staple_audience_fill_rgb (ctx->cr, ctx->palette->border);
          cairo_rectangle (ctx->cr, area->x, y - FRICTION_GAP / 2 - 0.5, area->width, 1);
          cairo_fill (ctx->cr);
        }
      y += draw_friction (ctx, friction, area->x, y, area->width) + FRICTION_GAP;
    }

  if (n_pages > 1)
    {
      /* Translators: which page of a stage's friction points is shown */
      g_autofree char *where = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
      double where_width = MIN (area->width / 3,
                                _staple_audience_text_width (ctx, where, AUDIENCE_TEXT_SMALL,
                                                             PANGO_WEIGHT_BOLD));
      double foot_y = area->y + area->height - line;

      n_left = g_list_model_get_n_items (frictions) - g_array_index (starts, guint, page + 1);
      if (n_left > 0)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "and %u more friction point",
                                                                "and %u more friction points",
                                                                n_left),
                                                   n_left);

          _staple_audience_text (ctx, more, area->x + KIND_WIDTH + 16, foot_y,
                                 area->width - KIND_WIDTH - 16 - where_width - 24,
                                 AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
        }
      _staple_audience_text (ctx, where, area->x + area->width - where_width, foot_y,
                             where_width + 1, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1, NULL);
    }
}

static void
draw_current (AudienceContext         *ctx,
              guint                    index,
              const cairo_rectangle_t *card)
{
  g_autoptr(StapleStage) stage = _staple_audience_stage_at (ctx, index);
  g_autoptr(StapleStage) previous = index > 0 ? _staple_audience_stage_at (ctx, index - 1) : NULL;
  g_autofree char *name = numbered_name (stage, index);
  g_autofree char *team = _staple_audience_flat (staple_stage_get_team (stage));
  const char *channel = staple_channel_get_label (staple_stage_get_channel (stage));
  g_autofree char *where = *team != '\0' ? g_strdup_printf ("%s · %s", team, channel)
                                         : g_strdup (channel);
  double x = card->x + CARD_PAD, y = card->y + CARD_PAD;
  double width = card->width - 2 * CARD_PAD;
  double feelings = feelings_width (ctx, _("Customer")) + 20 + feelings_width (ctx, _("Staff"));
  double left = width - feelings - 24;
  double left_height, right_height;
  cairo_rectangle_t rest;

  _staple_audience_rounded_rect (ctx->cr, card, 14);
  _staple_audience_fill_rgb (ctx->cr, ctx->palette->surface_current);
  cairo_fill_preserve (ctx->cr);
  _staple_audience_fill_rgb (ctx->cr, ctx->palette->accent);
  cairo_set_line_width (ctx->cr, 3);
  cairo_stroke (ctx->cr);

  left_height = draw_header (ctx, stage, previous, index, x, y, left) + 4;
  left_height += _staple_audience_text (ctx, name, x, y + left_height, left, AUDIENCE_TEXT_LARGE,
                                        PANGO_WEIGHT_BOLD, 2, NULL) + 4;
  left_height += _staple_audience_text (ctx, where, x, y + left_height, left, AUDIENCE_TEXT_BODY,
                                        PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
  right_height = draw_feelings (ctx, stage, x + width - feelings, y);
  y += MAX (left_height, right_height) + 12;

  y += draw_wait (ctx, stage, x, y, width) + 14;
  rest = (cairo_rectangle_t) { x, y, width, card->y + card->height - CARD_PAD - y };
  draw_frictions (ctx, stage, &rest);
}

void
_staple_audience_draw_walk (AudienceContext         *ctx,
                            const cairo_rectangle_t *body)
{
  guint n_stages = _staple_audience_n_stages (ctx);
  double middle_y = body->y + body->height / 2;
  cairo_rectangle_t card;
  guint index;

  if (n_stages == 0)
    {
      _staple_audience_draw_journey (ctx, body);
      return;
    }

  index = current_index (ctx, n_stages);
  card = (cairo_rectangle_t) { body->x + SIDE_WIDTH + SIDE_GAP, body->y,
                               body->width - 2 * (SIDE_WIDTH + SIDE_GAP), body->height };
  draw_current (ctx, index, &card);
  draw_neighbour (ctx, index, TRUE, body->x, body->x + SIDE_WIDTH + 3, middle_y);
  draw_neighbour (ctx, index, FALSE, body->x + body->width - SIDE_WIDTH,
                  card.x + card.width + 3, middle_y);
}
