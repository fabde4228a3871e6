/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report-review.c: the leadership review on paper: every walk of one
 * organisation, its lead time over the dates, the principles that keep
 * coming back, where the work waits, and the promises kept. Every figure
 * is written as text beside its mark, so nothing needs colour to read. */

#include "config.h"

#include <glib/gi18n.h>

#include "staple-report-internal.h"

/* What the chart's heading is kept with. */
#define CHART_KEEP     200.0
/* What a table's heading is kept with: the table's head and a row of two
 * lines (with 40 points a heading was left alone at a page's foot). */
#define TABLE_KEEP     72.0

static const StapleReviewWalk *
walk_of (StapleReport *self,
         gint64        session_id)
{
  guint i = staple_review_find_walk (self->review, session_id);

  return i == G_MAXUINT ? NULL : &g_array_index (self->review->walks, StapleReviewWalk, i);
}

/* "Returns — follow-up (2026-03-10)": which walk a line came from. */
static void
table_columns (const TableColumn *columns,
               TableColumn       *translated,
               guint              n)
{
  for (guint i = 0; i < n; i++)
    translated[i] = (TableColumn) { _(columns[i].title), columns[i].share };
}

static void
add_title (StapleReport *self)
{
  StapleReview *review = self->review;
  guint n_done = 0, n_open = 0, n_overdue = 0;
  g_autofree char *walks = NULL;
  g_autofree char *journeys = NULL;
  g_autofree char *promises = NULL;
  g_autofree char *decisions = NULL;
  const char *first = "", *last = "";

  for (guint i = 0; i < review->owners->len; i++)
    {
      StapleReviewOwner *owner = &g_array_index (review->owners, StapleReviewOwner, i);

      n_done += owner->n_done;
      n_open += owner->n_open;
      n_overdue += owner->n_overdue;
    }
  for (guint i = 0; i < review->walks->len; i++)
    {
      const char *date = g_array_index (review->walks, StapleReviewWalk, i).date;

      if (!staple_date_is_valid (date))
        continue;
      if (*first == '\0')
        first = date;
      last = date;
    }

  _staple_report_new_page (self, _("Review"), FALSE);
  _staple_report_flow_text (self, self->review_title, SIZE_TITLE, PANGO_WEIGHT_BOLD, 0, 0, INK);
  _staple_report_flow_text (self,
                            _("Every walk of the organisation on one page: what keeps coming "
                              "back, whether the work gets faster, and whether the promises "
                              "made are kept."),
                            SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 4, DIM);
  self->y += 8;

  walks = *first != '\0' && g_strcmp0 (first, last) != 0
          /* Translators: e.g. "12 walks, from 2026-01-10 to 2026-11-02" */
          ? g_strdup_printf (ngettext ("%u walk, from %s to %s", "%u walks, from %s to %s",
                                       review->walks->len),
                             review->walks->len, first, last)
          : g_strdup_printf (ngettext ("%u walk", "%u walks", review->walks->len),
                             review->walks->len);
  journeys = g_strdup_printf (ngettext ("%u journey (walks linked by Walk Again are one)",
                                        "%u journeys (walks linked by Walk Again are one)",
                                        review->n_journeys),
                              review->n_journeys);
  /* Translators: the actions of all walks, e.g. "4 done, 3 open, of which 1 overdue" */
  promises = g_strdup_printf (_("%u done, %u open, of which %u overdue on %s"),
                              n_done, n_open, n_overdue, review->today);
  if (review->n_timed > 0)
    {
      g_autofree char *took = g_strdup_printf (ngettext ("done a median %u day after the walk "
                                                         "that agreed it",
                                                         "done a median %u days after the walk "
                                                         "that agreed it", review->median_days),
                                               review->median_days);
      char *both = g_strdup_printf ("%s; %s", promises, took);

      g_free (promises);
      promises = both;
    }
  decisions = g_strdup_printf (ngettext ("%u decision handed to front-line staff",
                                         "%u decisions handed to front-line staff",
                                         review->empowerments->len),
                               review->empowerments->len);

  _staple_report_flow_pair (self, _("Walks"), walks, 110);
  _staple_report_flow_pair (self, _("Journeys"), journeys, 110);
  _staple_report_flow_pair (self, _("Actions"), promises, 110);
  _staple_report_flow_pair (self, _("Empowerment"), decisions, 110);
}

static void
add_small_text (StapleReport *self,
                const char   *text,
                double        x,
                double        y,
                double        width)
{
  _staple_report_add_text (self, _staple_report_make_text (self, text, SIZE_SMALL,
                                                           PANGO_WEIGHT_NORMAL, width, -1),
                           x, y, DIM);
}

/* The chart, drawn by the same code as in the review's window. */
static void
add_lead_chart (StapleReport *self)
{
  StapleReviewChartStyle style;
  double width = _staple_report_body_width (self);
  guint n_bands;

  staple_review_chart_style_for_paper (&style);
  n_bands = staple_review_chart_get_n_bands (self->review, width, &style);
  if (n_bands == 0)
    {
      _staple_report_flow_text (self, _("No walk has a date, so there is no line over time; "
                                        "the table below has each walk's times."),
                                SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 4, DIM);
      return;
    }

  /* Band by band, each whole on a page: a chart of many journeys goes on
   * over the page's foot row by row. */
  for (guint band = 0; band < n_bands; band++)
    {
      double height = staple_review_chart_get_band_height (self->review, width, &style, band);
      Item *item;

      _staple_report_flow_need (self, height);
      item = _staple_report_add_item (self, ITEM_CHART);
      item->box = (cairo_rectangle_t) { self->left, self->y, width, height };
      item->band = band;
      self->y += height;
    }
  self->y += 4;
}

static void
add_walks_table (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Walk"), 0.36 }, { N_("Date"), 0.12 }, { N_("Journey"), 0.08 },
    { N_("Lead time"), 0.14 }, { N_("Work time"), 0.14 }, { N_("Friction points"), 0.16 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  Table table;

  _staple_report_flow_heading (self, _("Each walk"), TABLE_KEEP);
  table_columns (columns, translated, G_N_ELEMENTS (columns));
  _staple_report_table_init (self, &table, translated, G_N_ELEMENTS (columns),
                             _("Each walk, continued"));
  _staple_report_table_begin (self, &table);

  for (guint i = 0; i < self->review->walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (self->review->walks, StapleReviewWalk, i);
      g_autofree char *journey =
        g_strdup_printf ("%u", staple_review_journey_number (self->review, walk->journey_id));
      g_autofree char *lead = staple_format_minutes (walk->lead_minutes);
      g_autofree char *work = staple_format_minutes (walk->work_minutes);
      g_autofree char *frictions = g_strdup_printf ("%u", walk->n_frictions);
      const char *cells[] = {
        walk->title, _staple_report_is_empty (walk->date) ? "—" : walk->date, journey,
        lead, work, frictions,
      };

      _staple_report_table_row (self, &table, cells);
    }
}

static void
add_principles (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Principle"), 0.34 }, { N_("Trend"), 0.11 }, { N_("Walks"), 0.08 },
    { N_("Friction points"), 0.13 }, { N_("Last found in"), 0.34 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  GArray *principles = self->review->principles;
  Table table;

  _staple_report_flow_section (self, _("Principles"), _("The principles behind the friction"),
                               _("What the room traced its friction points to, walk after walk. "
                                 "A principle that recurs is a habit of management; one that "
                                 "went away is a change that held."));

  if (principles->len == 0)
    {
      _staple_report_flow_text (self, _("No friction point was traced to a principle yet."),
                                SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);
      return;
    }

  table_columns (columns, translated, G_N_ELEMENTS (columns));
  _staple_report_table_init (self, &table, translated, G_N_ELEMENTS (columns),
                             _("Principles, continued"));
  _staple_report_table_begin (self, &table);

  for (guint i = 0; i < principles->len; i++)
    {
      StapleReviewPrinciple *principle = &g_array_index (principles, StapleReviewPrinciple, i);
      g_autofree char *n_walks = g_strdup_printf ("%u", principle->n_walks);
      g_autofree char *n_frictions = g_strdup_printf ("%u", principle->n_frictions);
      g_autofree char *last = staple_review_name_walk (self->review, principle->session_id);
      const char *cells[] = {
        staple_principle_get_label (principle->principle),
        staple_review_trend_get_label (principle->trend),
        n_walks, n_frictions, last,
      };
      const PangoWeight weights[] = {
        PANGO_WEIGHT_NORMAL,
        principle->trend == STAPLE_REVIEW_TREND_RECURRING ? PANGO_WEIGHT_BOLD
                                                         : PANGO_WEIGHT_NORMAL,
        PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_NORMAL,
      };

      _staple_report_table_row_weighted (self, &table, cells, weights);
    }
}

/* A bar per kind, its count written after it. */
static void
add_kinds (StapleReport *self)
{
  GArray *kinds = self->review->kinds;
  double label_width = 150, bar_left = self->left + label_width;
  double bar_room = _staple_report_body_width (self) - label_width - 120;
  guint max = 1;

  _staple_report_flow_heading (self, _("Friction by kind"), 16);
  if (kinds->len == 0)
    {
      _staple_report_flow_text (self, _("No friction points yet."), SIZE_BODY,
                                PANGO_WEIGHT_NORMAL, 0, 0, DIM);
      return;
    }

  for (guint i = 0; i < kinds->len; i++)
    max = MAX (max, g_array_index (kinds, StapleReviewKind, i).n_frictions);

  for (guint i = 0; i < kinds->len; i++)
    {
      StapleReviewKind *kind = &g_array_index (kinds, StapleReviewKind, i);
      g_autofree char *glyph = _staple_report_kind_text (kind->kind);
      g_autofree char *count = g_strdup_printf (ngettext ("%u in %u walk", "%u in %u walks",
                                                          kind->n_walks),
                                                kind->n_frictions, kind->n_walks);
      PangoLayout *label = _staple_report_make_text (self, glyph, SIZE_TABLE,
                                                     PANGO_WEIGHT_NORMAL, label_width - 8, -1);
      double width = MAX (1.0, bar_room * kind->n_frictions / max);

      _staple_report_flow_need (self, 14);
      _staple_report_add_text (self, label, self->left, self->y, INK);
      _staple_report_add_rect (self, bar_left, self->y + 1.5, width, 8, SHADE, 0.6);
      add_small_text (self, count, bar_left + width + 6, self->y + 1, 110);
      self->y += 14;
    }
}

static void
add_waits (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Stage"), 0.28 }, { N_("Longest wait"), 0.16 }, { N_("In the walk"), 0.34 },
    { N_("Walks"), 0.08 }, { N_("All its waiting"), 0.14 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  GArray *waits = self->review->waits;
  Table table;

  _staple_report_flow_heading (self, _("Where the work waits longest"), TABLE_KEEP);
  if (waits->len == 0)
    {
      _staple_report_flow_text (self, _("No stage has a waiting time yet."), SIZE_BODY,
                                PANGO_WEIGHT_NORMAL, 0, 0, DIM);
      return;
    }

  table_columns (columns, translated, G_N_ELEMENTS (columns));
  _staple_report_table_init (self, &table, translated, G_N_ELEMENTS (columns),
                             _("Where the work waits, continued"));
  _staple_report_table_begin (self, &table);
  for (guint i = 0; i < waits->len; i++)
    {
      StapleReviewWait *wait = &g_array_index (waits, StapleReviewWait, i);
      g_autofree char *longest = staple_format_minutes (wait->wait_minutes_max);
      g_autofree char *walk = staple_review_name_walk (self->review, wait->session_id);
      g_autofree char *n_walks = g_strdup_printf ("%u", wait->n_walks);
      g_autofree char *total = staple_format_minutes (wait->wait_minutes_total);
      const char *cells[] = { wait->name, longest, walk, n_walks, total };

      _staple_report_table_row (self, &table, cells);
    }
}

static void
add_promises (StapleReport *self)
{
  static const TableColumn owner_columns[] = {
    { N_("Owner"), 0.32 }, { N_("Done"), 0.11 }, { N_("Open"), 0.11 },
    { N_("Overdue"), 0.11 }, { N_("Dropped"), 0.11 }, { N_("Days to done (median)"), 0.24 },
  };
  static const TableColumn overdue_columns[] = {
    { N_("Overdue action"), 0.40 }, { N_("Owner"), 0.16 }, { N_("Due"), 0.12 },
    { N_("From the walk"), 0.32 },
  };
  TableColumn translated[G_N_ELEMENTS (owner_columns)];
  TableColumn translated_overdue[G_N_ELEMENTS (overdue_columns)];
  StapleReview *review = self->review;
  guint n_overdue = 0;
  g_autoptr(GArray) late = NULL;
  Table table;

  _staple_report_flow_section (self, _("Promises"), _("Promises kept"),
                               _("The actions the walks agreed, by owner. An action carried into "
                                 "the next walk of its journey counts there, once."));

  if (review->owners->len == 0)
    {
      _staple_report_flow_text (self, _("No actions agreed yet."), SIZE_BODY,
                                PANGO_WEIGHT_NORMAL, 0, 0, DIM);
      return;
    }

  table_columns (owner_columns, translated, G_N_ELEMENTS (owner_columns));
  _staple_report_table_init (self, &table, translated, G_N_ELEMENTS (owner_columns),
                             _("Promises kept, continued"));
  _staple_report_table_begin (self, &table);
  for (guint i = 0; i < review->owners->len; i++)
    {
      StapleReviewOwner *owner = &g_array_index (review->owners, StapleReviewOwner, i);
      g_autofree char *done = g_strdup_printf ("%u", owner->n_done);
      g_autofree char *open = g_strdup_printf ("%u", owner->n_open);
      g_autofree char *overdue = g_strdup_printf ("%u", owner->n_overdue);
      g_autofree char *dropped = g_strdup_printf ("%u", owner->n_dropped);
      g_autofree char *days = owner->n_timed > 0 ? g_strdup_printf ("%u", owner->median_days)
                                                 : g_strdup ("—");
      const char *cells[] = {
        *owner->owner != '\0' ? owner->owner : _("Nobody yet"), done, open, overdue, dropped,
        days,
      };

      n_overdue += owner->n_overdue;
      _staple_report_table_row (self, &table, cells);
    }

  if (n_overdue == 0)
    return;

  _staple_report_flow_heading (self, _("Overdue"), TABLE_KEEP);
  table_columns (overdue_columns, translated_overdue, G_N_ELEMENTS (overdue_columns));
  _staple_report_table_init (self, &table, translated_overdue, G_N_ELEMENTS (overdue_columns),
                             _("Overdue, continued"));
  _staple_report_table_begin (self, &table);
  /* The longest overdue first, as in the review's window. */
  late = staple_review_list_overdue (review);
  for (guint i = 0; i < late->len; i++)
    {
      StapleReviewAction *action = &g_array_index (review->actions, StapleReviewAction,
                                                   g_array_index (late, guint, i));
      g_autofree char *walk = NULL;

      walk = staple_review_name_walk (self->review, action->session_id);
      {
        /* The day as the rest of the review writes days (YYYY-MM-DD), not
         * in the locale's way beside the walk's "(2019-04-11)". */
        const char *cells[] = {
          action->text, *action->owner != '\0' ? action->owner : "—", action->due, walk,
        };

        _staple_report_table_row (self, &table, cells);
      }
    }
}

static void
add_empowerments (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Handed on"), 0.14 }, { N_("Decision"), 0.52 }, { N_("First listed in"), 0.34 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  GArray *list = self->review->empowerments;
  Table table;

  _staple_report_flow_heading (self, _("Decisions handed to front-line staff"), TABLE_KEEP);
  if (list->len == 0)
    {
      _staple_report_flow_text (self, _("Nothing handed on yet."), SIZE_BODY,
                                PANGO_WEIGHT_NORMAL, 0, 0, DIM);
      return;
    }

  table_columns (columns, translated, G_N_ELEMENTS (columns));
  _staple_report_table_init (self, &table, translated, G_N_ELEMENTS (columns),
                             _("Decisions handed on, continued"));
  _staple_report_table_begin (self, &table);
  for (guint i = 0; i < list->len; i++)
    {
      StapleReviewEmpowerment *item = &g_array_index (list, StapleReviewEmpowerment, i);
      const StapleReviewWalk *walk = walk_of (self, item->session_id);
      const char *cells[] = {
        _staple_report_is_empty (item->date) ? "—" : item->date, item->text,
        walk != NULL ? walk->title : "—",
      };

      _staple_report_table_row (self, &table, cells);
    }
}

void
_staple_report_add_review (StapleReport *self)
{
  g_assert (self->review != NULL);

  add_title (self);
  _staple_report_flow_heading (self, _("Lead time and work time, walk by walk"),
                               CHART_KEEP);
  add_lead_chart (self);
  add_walks_table (self);
  add_principles (self);
  add_kinds (self);
  add_waits (self);
  add_promises (self);
  add_empowerments (self);
}
