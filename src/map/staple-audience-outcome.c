/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-outcome.c: what the session ends with, for the room: the
 * actions and the empowerment list in Commit, and the summary in Close.
 */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-lists-private.h"
#include "staple-text.h"

#define TOP_FRICTIONS 3
#define VOTES_COLUMN 180.0

/* An action's owner and due date, on one line. */
static char *
describe_action (StapleSession *session,
                 StapleAction  *action)
{
  StapleParticipant *owner =
    staple_session_find_participant (session, staple_action_get_owner_id (action), NULL);
  const char *name = owner != NULL ? staple_participant_get_name (owner) : "";
  /* Translators: in place of the owner of an action that has none */
  g_autofree char *who = staple_text_bound (*name != '\0' ? name : _("No owner yet"),
                                            STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *due = staple_action_format_due (staple_action_get_due (action), NULL);
  g_autofree char *isolated = staple_text_isolate (who);

  /* A name in another script keeps its place in the line, and the line its
   * reading direction. */
  g_free (g_steal_pointer (&who));
  who = g_steal_pointer (&isolated);
  if (*due != '\0')
    /* Translators: an action's owner and due date, e.g. "Priya Raman · due 13/11/2026" */
    return g_strdup_printf (_("%s · due %s"), who, due);
  /* Translators: an action's owner, when it has no due date */
  return g_strdup_printf (_("%s · no due date"), who);
}

/* The status as a pill at @x, @y; returns its width. */
static double
draw_status (AudienceContext    *ctx,
             StapleActionStatus  status,
             double              x,
             double              y,
             gboolean            draw)
{
  const char *label = staple_action_status_get_label (status);
  double width = MIN (_staple_audience_text_width (ctx, label, AUDIENCE_TEXT_SMALL,
                                                   PANGO_WEIGHT_BOLD),
                      240);
  cairo_rectangle_t pill = { x, y + 1, width + 28, 34 };

  if (draw)
    {
      gboolean done = status == STAPLE_ACTION_STATUS_DONE;

      staple_map_marks_rounded_rect (ctx->cr, &pill, 17);
      _staple_audience_fill_rgb (ctx->cr, done ? ctx->palette->accent
                                               : ctx->palette->surface_current);
      cairo_fill (ctx->cr);
      _staple_audience_text (ctx, label, pill.x + 14, y + 3, width, AUDIENCE_TEXT_SMALL,
                             PANGO_WEIGHT_BOLD, 1,
                             done ? ctx->palette->background : ctx->palette->text);
    }
  return pill.width;
}

/* An action: what will be done, and under it how far it is, who does it
 * and by when. The row's number is how many lines its text may take. */
static double
action_item (AudienceContext   *ctx,
             const AudienceRow *row,
             double             x,
             double             y,
             double             width,
             gboolean           draw)
{
  StapleAction *action = row->item;
  double text_width = width - 44;
  double height = _staple_audience_put_text (ctx, draw, row->text, x + 44, y, text_width,
                                             AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL,
                                             (int) row->number, NULL);
  double status_width = draw_status (ctx, staple_action_get_status (action), x + 44,
                                     y + height + 4, draw) + 16;

  height += 4 + MAX (36, _staple_audience_put_text (ctx, draw, row->detail,
                                                    x + 44 + status_width, y + height + 8,
                                                    text_width - status_width,
                                                    AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL,
                                                    1, NULL) + 4);
  if (draw)
    _staple_audience_bullet (ctx, x + 24, y, NULL);
  return height;
}

/* A decision handed to the front line, with a tick. */
static double
empowerment_item (AudienceContext   *ctx,
                  const AudienceRow *row,
                  double             x,
                  double             y,
                  double             width,
                  gboolean           draw)
{
  if (draw)
    {
      cairo_move_to (ctx->cr, x + 18, y + 18);
      cairo_line_to (ctx->cr, x + 25, y + 25);
      cairo_line_to (ctx->cr, x + 38, y + 10);
      cairo_set_line_width (ctx->cr, 4);
      cairo_set_line_cap (ctx->cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (ctx->cr, CAIRO_LINE_JOIN_ROUND);
      _staple_audience_fill_rgb (ctx->cr, ctx->palette->accent);
      cairo_stroke (ctx->cr);
    }
  return _staple_audience_put_text (ctx, draw, row->text, x + 56, y, width - 56,
                                    AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL,
                                    (int) row->number, NULL);
}

static AudienceRow *
add_heading (AudienceList *list,
             const char   *title,
             const char   *subtitle,
             char         *detail,
             double        space_before)
{
  AudienceRow *row = _staple_audience_list_add_heading (list, _staple_audience_row_section,
                                                        space_before);

  row->text = title;
  row->subtitle = subtitle;
  row->detail = detail != NULL ? _staple_audience_list_keep (list, detail) : NULL;
  return row;
}

static void
add_note (AudienceList *list,
          const char   *text)
{
  AudienceRow *row = _staple_audience_list_add (list, _staple_audience_row_note, 12);

  row->text = text;
}

/* The actions under a heading; with @page_break, from the top of a page. */
static void
add_actions (AudienceList  *list,
             StapleSession *session,
             int            max_lines,
             const char    *title,
             double         space_before,
             gboolean       page_break)
{
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  guint n = g_list_model_get_n_items (actions);
  g_autofree char *number = _staple_audience_format_count (n);
  /* Translators: how many actions the room committed to */
  char *count = n > 0 ? g_strdup_printf (ngettext ("%s action", "%s actions", n), number) : NULL;

  /* Set before the next row is added, which may move the rows. */
  add_heading (list, title, NULL, count, space_before)->page_break = page_break;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      AudienceRow *row = _staple_audience_list_add (list, action_item, 14);

      /* The session holds the action for the draw. */
      row->item = action;
      row->text = staple_action_get_text (action);
      row->detail = _staple_audience_list_keep (list, describe_action (session, action));
      row->number = (guint) max_lines;
    }
  if (n == 0)
    /* Translators: on the room's screen, when no action is written yet */
    add_note (list, _("No actions yet: each top friction point wants one, with an owner and "
                      "a date."));
}

static void
add_empowerments (AudienceList  *list,
                  StapleSession *session,
                  int            max_lines,
                  double         space_before)
{
  GListModel *empowerments = G_LIST_MODEL (staple_session_get_empowerments (session));
  guint n = g_list_model_get_n_items (empowerments);
  g_autofree char *number = _staple_audience_format_count (n);

  /* Translators: a heading on the room's screen, and what it lists under it */
  add_heading (list, _("The empowerment list"),
               /* Translators: under "The empowerment list" on the room's screen */
               _("Decisions handed to front-line staff, to make without asking first"),
               /* Translators: how many decisions are handed to front-line staff */
               n > 0 ? g_strdup_printf (ngettext ("%s decision", "%s decisions", n), number) : NULL,
               space_before);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (empowerments, i);
      AudienceRow *row = _staple_audience_list_add (list, empowerment_item, 12);

      row->text = staple_empowerment_get_text (empowerment);
      row->number = (guint) max_lines;
    }
  if (n == 0)
    /* Translators: on the room's screen, when the empowerment list is empty */
    add_note (list, _("No decisions handed to the front line yet."));
}

void
_staple_audience_draw_commit (AudienceContext         *ctx,
                              const cairo_rectangle_t *body)
{
  g_autoptr(AudienceList) list = _staple_audience_list_new ();

  /* Translators: a heading on the room's screen in Commit */
  add_actions (list, ctx->options->session, 3, _("Actions"), 0, FALSE);
  add_empowerments (list, ctx->options->session, 3, 36);
  _staple_audience_list_draw (ctx, list, body);
}

/* Close */

/* A figure in a tile: what it is, and its value large. */
static double
draw_tile (AudienceContext *ctx,
           const char      *label,
           const char      *value,
           const double    *rgb,
           double           x,
           double           y,
           double           width,
           gboolean         draw)
{
  double height = 16;
  cairo_rectangle_t tile;

  height += _staple_audience_put_text (ctx, draw, label, x + 20, y + height, width - 40,
                                       AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1,
                                       ctx->palette->dim);
  height += _staple_audience_put_text (ctx, draw, value, x + 20, y + height, width - 40,
                                       AUDIENCE_TEXT_TITLE, PANGO_WEIGHT_BOLD, 1, rgb);
  height += 14;
  tile = (cairo_rectangle_t) { x, y, width, height };
  if (draw)
    {
      staple_map_marks_rounded_rect (ctx->cr, &tile, 14);
      cairo_set_line_width (ctx->cr, 2);
      _staple_audience_fill_rgb (ctx->cr, ctx->palette->border);
      cairo_stroke (ctx->cr);
    }
  return height;
}

/* Work against waiting along one bar: how little of the lead time the work
 * itself takes is seen, not read. */
static double
draw_share (AudienceContext           *ctx,
            const StapleJourneyTotals *totals,
            double                     x,
            double                     y,
            double                     width,
            gboolean                   draw)
{
  double percent = 100.0 * totals->work_minutes / totals->lead_minutes;
  /* A sliver for a little work, none for none. */
  double work_width = totals->work_minutes > 0
                      ? MAX (width * totals->work_minutes / totals->lead_minutes, 4) : 0;
  g_autofree char *share = NULL;
  g_autofree char *caption = NULL;
  double height;

  if (draw)
    {
      double wait_rgb[3];

      staple_map_marks_wait_rgb (TRUE, ctx->options->dark, FALSE, wait_rgb);
      cairo_rectangle (ctx->cr, x, y, width, 24);
      _staple_audience_fill_rgb (ctx->cr, wait_rgb);
      cairo_fill (ctx->cr);
      cairo_rectangle (ctx->cr, x, y, MIN (work_width, width), 24);
      _staple_audience_fill_rgb (ctx->cr, ctx->palette->accent);
      cairo_fill (ctx->cr);
    }
  if (totals->work_minutes == 0)
    /* Translators: under a bar of work against waiting, when no stage has a work time */
    caption = g_strdup (_("No work time is noted: all of the lead time is waiting."));
  else if (totals->wait_minutes == 0)
    /* Translators: under a bar of work against waiting, when no stage has a wait */
    caption = g_strdup (_("No waiting is noted: all of the lead time is work."));
  else
    {
      /* Translators: the share of the lead time spent working, e.g. "1.2 %" */
      share = g_strdup_printf (percent < 10 ? _("%.1f %%") : _("%.0f %%"), percent);
      /* Translators: under a bar of work against waiting; %s is e.g. "1.2 %" */
      caption = g_strdup_printf (_("Work is %s of the lead time; the rest is waiting."), share);
    }

  height = 24 + 6;
  height += _staple_audience_put_text (ctx, draw, caption, x, y + height, width,
                                       AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1,
                                       ctx->palette->dim);
  return height;
}

/* The journey's times in tiles, work against waiting, and its counts. */
static double
journey_item (AudienceContext   *ctx,
              const AudienceRow *row,
              double             x,
              double             y,
              double             width,
              gboolean           draw)
{
  StapleJourneyTotals totals;
  g_autofree char *lead = NULL;
  g_autofree char *work = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *stages = NULL;
  g_autofree char *handoffs = NULL;
  g_autofree char *frictions = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *n_stages = NULL;
  g_autofree char *n_handoffs = NULL;
  g_autofree char *n_frictions = NULL;
  double tile_width = (width - 2 * 24) / 3;
  double height = 0;
  double wait_rgb[3];

  staple_summary_journey_totals (ctx->options->session, &totals);
  if (totals.lead_minutes > 0)
    {
      lead = staple_format_minutes (totals.lead_minutes);
      work = staple_format_minutes (totals.work_minutes);
      wait = staple_format_minutes (totals.wait_minutes);
      staple_map_marks_wait_rgb (TRUE, ctx->options->dark, FALSE, wait_rgb);
      /* Translators: the figures of the journey on the room's screen in Close */
      height = draw_tile (ctx, _("Lead time"), lead, NULL, x, y, tile_width, draw);
      /* Translators: the time spent working on the work, in all stages */
      draw_tile (ctx, _("Work"), work, ctx->palette->accent, x + tile_width + 24, y,
                 tile_width, draw);
      /* Translators: the time the work spent waiting, in all stages */
      draw_tile (ctx, _("Waiting"), wait, wait_rgb, x + 2 * (tile_width + 24), y, tile_width,
                 draw);
      height += 20;
      height += draw_share (ctx, &totals, x, y + height, width, draw);
    }
  else
    /* Translators: on the room's screen in Close, in place of the journey's times */
    height = _staple_audience_put_text (ctx, draw, _("Lead time: no work or waiting times "
                                                     "noted yet."),
                                        x, y, width, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL,
                                        2, ctx->palette->dim);

  n_stages = _staple_audience_format_count (totals.n_stages);
  n_handoffs = _staple_audience_format_count (totals.n_handoffs);
  n_frictions = _staple_audience_format_count (totals.n_frictions);
  /* Translators: part of "10 stages · 4 handoffs · 28 friction points" */
  stages = g_strdup_printf (ngettext ("%s stage", "%s stages", totals.n_stages), n_stages);
  /* Translators: part of "10 stages · 4 handoffs · 28 friction points" */
  handoffs = g_strdup_printf (ngettext ("%s handoff", "%s handoffs", totals.n_handoffs),
                              n_handoffs);
  /* Translators: part of "10 stages · 4 handoffs · 28 friction points" */
  frictions = g_strdup_printf (ngettext ("%s friction point", "%s friction points",
                                         totals.n_frictions),
                               n_frictions);
  if (totals.n_stages > 0)
    /* Translators: the journey's counts, e.g. "10 stages · 4 handoffs · 28 friction points" */
    counts = g_strdup_printf (_("%s · %s · %s"), stages, handoffs, frictions);
  else
    /* Translators: on the room's screen in Close, for a journey not mapped at all */
    counts = g_strdup (_("No stages mapped yet."));
  height += 12;
  height += _staple_audience_put_text (ctx, draw, counts, x, y + height, width,
                                       AUDIENCE_TEXT_BODY, PANGO_WEIGHT_BOLD, 2, NULL);
  return height;
}

/* A place at the top of the ranking: rank, text and stage, votes. */
static double
top_item (AudienceContext   *ctx,
          const AudienceRow *row,
          double             x,
          double             y,
          double             width,
          gboolean           draw)
{
  double text_width = width - 56 - VOTES_COLUMN - 24;
  double height;

  if (draw)
    {
      g_autofree char *rank = _staple_audience_format_count (row->number);
      g_autofree char *number = _staple_audience_format_count (row->value);
      /* Translators: the dots on one friction point, e.g. "7 votes" */
      g_autofree char *votes = g_strdup_printf (ngettext ("%s vote", "%s votes", row->value),
                                                number);
      double votes_width = MIN (_staple_audience_text_width (ctx, votes, AUDIENCE_TEXT_SMALL,
                                                             PANGO_WEIGHT_BOLD),
                                VOTES_COLUMN);

      _staple_audience_text (ctx, rank, x + 8, y, 40, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_BOLD, 1,
                             ctx->palette->accent);
      /* Before any vote, the order is by severity alone: no "0 votes". */
      if (row->value > 0)
        _staple_audience_text (ctx, votes, x + width - votes_width, y + 3, votes_width,
                               AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1, NULL);
    }
  height = _staple_audience_put_text (ctx, draw, row->text, x + 56, y, text_width,
                                      AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 2, NULL);
  return height + _staple_audience_put_text (ctx, draw, row->detail, x + 56, y + height,
                                             text_width, AUDIENCE_TEXT_SMALL,
                                             PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
}

/* The top of the ranking; while the totals are hidden, not even that, as
 * which friction points lead would tell the room how the vote goes. */
static void
add_top_frictions (AudienceList  *list,
                   StapleSession *session,
                   gboolean       hide_votes)
{
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);
  gboolean voted = g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_votes (session)))
                   > 0;

  /* Translators: a heading on the room's screen in Close, and how its list is ordered */
  add_heading (list, _("Top friction points"), NULL,
               ranked->len == 0 || hide_votes ? NULL
               : g_strdup (voted ? _("By votes, then by severity")
                                 /* Translators: beside "Top friction points", before any vote */
                                 : _("Not voted on: the most severe first")),
               32);
  if (hide_votes && ranked->len > 0)
    {
      /* Translators: on the room's screen in Close, in place of the top friction points,
       * while the coach hides the totals; says it as Prioritise does */
      add_note (list, _("Totals are hidden until voting closes, and so is the top of the "
                        "ranking."));
      return;
    }
  for (guint i = 0; i < MIN (ranked->len, TOP_FRICTIONS); i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      StapleStage *stage = NULL;
      AudienceRow *row = _staple_audience_list_add (list, top_item, 12);

      staple_session_find_friction (session, staple_friction_get_id (friction), &stage, NULL);
      /* The session holds the friction point for the draw. */
      row->text = staple_friction_get_text (friction);
      row->detail = stage != NULL && staple_friction_get_id (friction) != 0
                    ? _staple_audience_list_keep (list,
                                                  staple_text_bound (staple_stage_get_name (stage),
                                                                     STAPLE_TEXT_SHORT,
                                                                     STAPLE_TEXT_BOUND_ONE_LINE))
                    : NULL;
      row->number = i + 1;
      row->value = staple_summary_count_votes (session, friction);
    }
  if (ranked->len == 0)
    /* Translators: on the room's screen in Close, when the walk found nothing */
    add_note (list, _("No friction points were noted."));
}

void
_staple_audience_draw_close (AudienceContext         *ctx,
                             const cairo_rectangle_t *body)
{
  g_autoptr(AudienceList) list = _staple_audience_list_new ();
  StapleSession *session = ctx->options->session;

  _staple_audience_list_add (list, journey_item, 0);
  add_top_frictions (list, session, ctx->options->hide_votes);
  /* What the session found on the first page, what it agreed after. */
  /* Translators: a heading on the room's screen in Close */
  add_actions (list, session, 2, _("Actions committed"), 32, TRUE);
  add_empowerments (list, session, 2, 32);
  _staple_audience_list_draw (ctx, list, body);
}
