/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report-summary.c: the one-page summary of a session.
 */
#define G_LOG_DOMAIN "staple-report"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "staple-catalogue.h"
#include "staple-map-marks.h"
#include "staple-report-internal.h"
#include "staple-summary.h"
#include "staple-text.h"

/* The one-page summary: blocks of text in one or two columns, shrunk and
 * then cut short, with "and N more", until they fit. */

typedef struct
{
  char        *text;
  double       size;
  PangoWeight  weight;
  double       indent;
  double       space_before;
  int          max_lines;
  double       ink;
  gboolean     rule;  /* a line under the block */
  PangoLayout *layout;
  /* With a scale: a wait's bar to scale, in the indent, by the first line. */
  const StapleWaitScale *wait_scale;
  guint                  wait_minutes;
} Block;

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_clear_object (&block->layout);
}

static GArray *
blocks_new (void)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));

  g_array_set_clear_func (blocks, block_clear);
  return blocks;
}

static Block *
block_add (GArray      *blocks,
           char        *text,
           double       size,
           PangoWeight  weight,
           double       space_before,
           int          max_lines,
           double       ink)
{
  Block block = {
    .text = text, .size = size, .weight = weight, .space_before = space_before,
    .max_lines = max_lines, .ink = ink,
  };

  g_array_append_val (blocks, block);
  return &g_array_index (blocks, Block, blocks->len - 1);
}

static double
blocks_measure (StapleReport *self,
                GArray       *blocks,
                double        width)
{
  double height = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);

      g_clear_object (&block->layout);
      block->layout = _staple_report_make_text (self, block->text, block->size, block->weight,
                                                width - block->indent, -block->max_lines);
      height += (i > 0 ? block->space_before * self->text_scale : 0) +
                _staple_report_text_height (block->layout) + (block->rule ? 6 : 0);
    }

  return height;
}

static void
blocks_emit (StapleReport *self,
             GArray       *blocks,
             double        x,
             double        y,
             double        width)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);
      double height = _staple_report_text_height (block->layout);

      if (i > 0)
        y += block->space_before * self->text_scale;
      /* Only if everything failed to fit, even cut short: leave off the rest. */
      if (y + height > self->bottom + 0.5)
        break;
      if (block->wait_scale != NULL)
        {
          double bar_height = WAIT_BAR_HEIGHT * self->text_scale;
          double line = block->size * self->text_scale * 1.2;

          _staple_report_add_wait_bar (self, x, y + (line - bar_height) / 2,
                                       block->indent - 8 * self->text_scale,
                                       bar_height, block->wait_minutes, block->wait_scale);
        }
      _staple_report_add_text (self, g_steal_pointer (&block->layout), x + block->indent,
                               y, block->ink);
      y += height;
      if (block->rule)
        {
          _staple_report_add_line (self, x, y + 3, x + width, y + 3, 0.8, INK);
          y += 6;
        }
    }
}

enum
{
  LIST_FRICTIONS,
  LIST_PRINCIPLES,
  LIST_ACTIONS,
  LIST_EMPOWERMENTS,
  LIST_WAITS,
  N_LISTS
};

#define SUMMARY_WAITS 3
#define SUMMARY_WAITS_MIN_PT 8.0 /* however small the rest of the page gets */

typedef struct
{
  GPtrArray       *ranked;
  GArray          *principles;
  GPtrArray       *waits;  /* StapleStage, the longest wait first */
  StapleWaitScale  scale;
  guint            lead_minutes;
  guint            total[N_LISTS];
  guint            shown[N_LISTS];
} SummaryData;

static void
block_more (GArray *blocks,
            guint   total,
            guint   shown)
{
  if (shown < total)
    block_add (blocks, g_strdup_printf (ngettext ("… and %u more", "… and %u more",
                                                  total - shown), total - shown),
               SIZE_SMALL, PANGO_WEIGHT_NORMAL, 2, 1, DIM);
}

static void
block_subheading (GArray     *blocks,
                  const char *text)
{
  block_add (blocks, g_strdup (text), SIZE_SUBHEADING, PANGO_WEIGHT_BOLD,
             blocks->len > 0 ? 12 : 0, 1, INK);
}

static void
summary_header (StapleReport *self,
                GArray       *blocks)
{
  const char *organisation = staple_session_get_organisation (self->session);
  g_autofree char *date = staple_date_format_long (staple_session_get_date (self->session));
  const char *question = staple_session_get_question (self->session);
  Block *last;

  block_add (blocks, g_strdup (_("Summary for leadership")), SIZE_BODY, PANGO_WEIGHT_NORMAL,
             0, 1, DIM);
  last = block_add (blocks, _staple_report_one_line (_staple_report_session_title (self)),
                    SIZE_HEADING * 1.25,
                    PANGO_WEIGHT_BOLD, 2, 2, INK);
  if (!_staple_report_is_empty (organisation) && !_staple_report_is_empty (date))
    last = block_add (blocks, g_strdup_printf ("%s · %s", organisation, date), SIZE_SUBHEADING,
                      PANGO_WEIGHT_NORMAL, 3, 1, INK);
  else if (!_staple_report_is_empty (organisation) || !_staple_report_is_empty (date))
    last = block_add (blocks, g_strdup (_staple_report_is_empty (date) ? organisation : date),
                      SIZE_SUBHEADING,
                      PANGO_WEIGHT_NORMAL, 3, 1, INK);
  if (!_staple_report_is_empty (question))
    {
      g_autofree char *flat = _staple_report_one_line (question);

      /* Translators: the session's question, quoted on the summary */
      last = block_add (blocks, g_strdup_printf (_("“%s”"), flat), SIZE_BODY,
                        PANGO_WEIGHT_NORMAL, 4, 3, DIM);
    }
  last->rule = TRUE;
}

static void
summary_frictions (StapleReport *self,
                   SummaryData  *data,
                   GArray       *blocks)
{
  block_subheading (blocks, _("Top friction points"));
  if (data->total[LIST_FRICTIONS] == 0)
    block_add (blocks, g_strdup (_("No friction points recorded.")), SIZE_BODY,
               PANGO_WEIGHT_NORMAL, 4, 1, DIM);

  for (guint i = 0; i < data->shown[LIST_FRICTIONS]; i++)
    {
      StapleFriction *friction = g_ptr_array_index (data->ranked, i);
      guint votes = staple_summary_count_votes (self->session, friction);
      g_autofree char *text = _staple_report_one_line (staple_friction_get_text (friction));
      g_autofree char *kind = _staple_report_kind_text (staple_friction_get_kind (friction));
      g_autofree char *severity =
        _staple_report_severity_text (staple_friction_get_severity (friction));
      g_autofree char *votes_text = g_strdup_printf (ngettext ("%u vote", "%u votes", votes),
                                                     votes);
      g_autofree char *stage = staple_text_isolate (_staple_report_stage_name_of (self, friction));
      Block *detail;

      block_add (blocks, g_strdup_printf ("%u. %s", i + 1, text), SIZE_BODY, PANGO_WEIGHT_BOLD,
                 5, 3, INK);
      /* Translators: under a top friction point: stage · kind · severity · votes */
      detail = block_add (blocks, g_strdup_printf (_("%s · %s · severity %s · %s"), stage,
                                                   kind,
                                                   severity, votes_text),
                          SIZE_SMALL, PANGO_WEIGHT_NORMAL, 1, 2, DIM);
      detail->indent = 12;
    }
  block_more (blocks, data->total[LIST_FRICTIONS], data->shown[LIST_FRICTIONS]);
}

static void
summary_principles (SummaryData *data,
                    GArray      *blocks)
{
  block_subheading (blocks, _("Principles touched"));
  if (data->total[LIST_PRINCIPLES] == 0)
    block_add (blocks, g_strdup (_("No friction point is linked to a principle yet.")),
               SIZE_BODY, PANGO_WEIGHT_NORMAL, 4, 2, DIM);

  for (guint i = 0; i < data->shown[LIST_PRINCIPLES]; i++)
    {
      const StaplePrincipleCount *count = &g_array_index (data->principles,
                                                          StaplePrincipleCount, i);
      g_autofree char *frictions = g_strdup_printf (ngettext ("%u friction point",
                                                              "%u friction points",
                                                              count->n_frictions),
                                                    count->n_frictions);
      g_autofree char *votes = g_strdup_printf (ngettext ("%u vote", "%u votes", count->n_votes),
                                                count->n_votes);

      /* Translators: a principle on the summary: "label — 3 friction points, 5 votes" */
      block_add (blocks, g_strdup_printf (_("%s — %s, %s"),
                                          staple_principle_get_label (count->principle),
                                          frictions, votes),
                 SIZE_BODY, PANGO_WEIGHT_NORMAL, 4, 2, INK);
    }
  block_more (blocks, data->total[LIST_PRINCIPLES], data->shown[LIST_PRINCIPLES]);
}

/* The longest waits, each with its bar to scale and its share of the lead
 * time: where the days go, in a line each. */
static void
summary_waits (StapleReport *self,
               SummaryData  *data,
               GArray       *blocks)
{
  if (data->total[LIST_WAITS] == 0)
    return;

  block_subheading (blocks, _("Longest waits"));
  for (guint i = 0; i < data->shown[LIST_WAITS]; i++)
    {
      StapleStage *stage = g_ptr_array_index (data->waits, i);
      guint minutes = (guint) staple_stage_get_wait_minutes (stage);
      g_autofree char *name =
        _staple_report_one_line (_staple_report_is_empty (staple_stage_get_name (stage))
                                 ? _("Unnamed stage") : staple_stage_get_name (stage));
      g_autofree char *wait = staple_format_minutes (minutes);
      double percent = data->lead_minutes > 0 ? 100.0 * minutes / data->lead_minutes : 0;
      Block *block;

      /* Translators: a long wait on the summary: "Credit check: 2 d 16 h, 23 % of the lead
       * time" */
      block = block_add (blocks, g_strdup_printf (percent < 10
                                                  ? _("%s: %s, %.1f %% of the lead time")
                                                  : _("%s: %s, %.0f %% of the lead time"),
                                                  name, wait, percent),
                         MAX (SIZE_BODY, SUMMARY_WAITS_MIN_PT / self->text_scale),
                         PANGO_WEIGHT_NORMAL, 5, 2, INK);
      block->indent = 72;
      block->wait_scale = &data->scale;
      block->wait_minutes = minutes;
    }
}

static void
summary_actions (StapleReport *self,
                 SummaryData  *data,
                 GArray       *blocks)
{
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (self->session));

  block_subheading (blocks, _("Actions"));
  if (data->total[LIST_ACTIONS] == 0)
    block_add (blocks, g_strdup (_("No actions agreed.")), SIZE_BODY, PANGO_WEIGHT_NORMAL,
               4, 1, DIM);

  for (guint i = 0; i < data->shown[LIST_ACTIONS]; i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      g_autofree char *text = _staple_report_one_line (staple_action_get_text (action));
      g_autofree char *due = staple_action_format_due (staple_action_get_due (action), NULL);
      const char *status = staple_action_status_get_label (staple_action_get_status (action));
      g_autofree char *owner = staple_text_isolate (_staple_report_owner_name (self, action));
      Block *detail;

      block_add (blocks, g_strdup_printf ("• %s", text), SIZE_BODY, PANGO_WEIGHT_NORMAL, 5, 2,
                 INK);
      if (_staple_report_is_empty (due))
        /* Translators: under an action: owner · status */
        detail = block_add (blocks, g_strdup_printf (_("%s · %s"), owner, status),
                            SIZE_SMALL, PANGO_WEIGHT_NORMAL, 1, 1, DIM);
      else
        /* Translators: under an action: owner · status · due date */
        detail = block_add (blocks, g_strdup_printf (_("%s · %s · due %s"), owner, status, due),
                            SIZE_SMALL, PANGO_WEIGHT_NORMAL, 1, 1, DIM);
      detail->indent = 12;
    }
  block_more (blocks, data->total[LIST_ACTIONS], data->shown[LIST_ACTIONS]);
}

static void
summary_empowerments (StapleReport *self,
                      SummaryData  *data,
                      GArray       *blocks)
{
  GListModel *list = G_LIST_MODEL (staple_session_get_empowerments (self->session));

  block_subheading (blocks, _("Empowerment list"));
  if (data->total[LIST_EMPOWERMENTS] == 0)
    block_add (blocks, g_strdup (_("Nothing on the list yet.")), SIZE_BODY, PANGO_WEIGHT_NORMAL,
               4, 1, DIM);

  for (guint i = 0; i < data->shown[LIST_EMPOWERMENTS]; i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (list, i);
      g_autofree char *text = _staple_report_one_line (staple_empowerment_get_text (empowerment));

      block_add (blocks, g_strdup_printf ("• %s", text), SIZE_BODY, PANGO_WEIGHT_NORMAL, 4, 2,
                 INK);
    }
  block_more (blocks, data->total[LIST_EMPOWERMENTS], data->shown[LIST_EMPOWERMENTS]);
}

static void
summary_totals (StapleReport *self,
                GArray       *blocks)
{
  StapleJourneyTotals totals;
  g_autofree char *stages = NULL;
  g_autofree char *frictions = NULL;
  g_autofree char *handoffs = NULL;
  g_autofree char *dropped = NULL;

  staple_summary_journey_totals (self->session, &totals);
  stages = g_strdup_printf (ngettext ("%u stage", "%u stages", totals.n_stages), totals.n_stages);
  frictions = g_strdup_printf (ngettext ("%u friction point", "%u friction points",
                                         totals.n_frictions), totals.n_frictions);
  handoffs = g_strdup_printf (ngettext ("%u handoff between teams", "%u handoffs between teams",
                                        totals.n_handoffs), totals.n_handoffs);
  dropped = g_strdup_printf (ngettext ("%u stage drops or misroutes the work",
                                       "%u stages drop or misroute the work",
                                       totals.n_dropped), totals.n_dropped);

  block_subheading (blocks, _("The journey"));
  block_add (blocks, g_strdup_printf ("%s · %s · %s · %s", stages, frictions, handoffs, dropped),
             SIZE_BODY, PANGO_WEIGHT_NORMAL, 4, 3, INK);

  if (totals.lead_minutes == 0)
    block_add (blocks, g_strdup (_("No work or waiting times noted.")), SIZE_BODY,
               PANGO_WEIGHT_NORMAL, 3, 2, DIM);
  else
    {
      g_autofree char *work = staple_format_minutes (totals.work_minutes);
      g_autofree char *lead = staple_format_minutes (totals.lead_minutes);
      double percent = 100.0 * totals.work_minutes / totals.lead_minutes;

      /* Translators: "Lead time 9 d 2 h, of which 3 h 5 min (1.4 %) is work" */
      block_add (blocks, g_strdup_printf (percent < 10
                                          ? _("Lead time %s, of which %s (%.1f %%) is work")
                                          : _("Lead time %s, of which %s (%.0f %%) is work"),
                                          lead, work, percent),
                 SIZE_BODY, PANGO_WEIGHT_BOLD, 3, 2, INK);
    }
}

/* Builds the summary's blocks with @data's lists cut to their shown
 * lengths, and measures each column and how far it overflows the page
 * (<= 0: it fits). */
static void
summary_build (StapleReport *self,
               SummaryData  *data,
               gboolean      two_columns,
               GArray      **header,
               GArray      **first,
               GArray      **second,
               double        overflow[2],
               double        height[2])
{
  double gap = 24;
  double column_width = two_columns ? (_staple_report_body_width (self) - gap) / 2
                                    : _staple_report_body_width (self);
  double header_height, room;

  *header = blocks_new ();
  *first = blocks_new ();
  *second = two_columns ? blocks_new () : *first;

  summary_header (self, *header);
  summary_frictions (self, data, *first);
  summary_waits (self, data, *first);
  summary_principles (data, *first);
  summary_actions (self, data, *second);
  summary_empowerments (self, data, *second);
  summary_totals (self, *second);

  header_height = blocks_measure (self, *header, _staple_report_body_width (self));
  room = _staple_report_body_height (self) - header_height - 8;
  height[0] = blocks_measure (self, *first, column_width);
  height[1] = two_columns ? blocks_measure (self, *second, column_width) : height[0];
  overflow[0] = height[0] - room;
  overflow[1] = height[1] - room;
}

/* Cuts the lists of each overflowing column, the longest first, by about
 * as many items as the overflow would hold; the caller measures again. */
static gboolean
summary_cut (SummaryData *data,
             gboolean     two_columns,
             double       overflow[2],
             double       height[2])
{
  static const guint column_of[N_LISTS] = { 0, 0, 1, 1, 0 };
  gboolean cut = FALSE;

  for (guint column = 0; column < (two_columns ? 2 : 1); column++)
    {
      guint n_items = 0;
      guint n_cut;

      if (overflow[column] <= 0)
        continue;

      for (guint list = 0; list < N_LISTS; list++)
        if (!two_columns || column_of[list] == column)
          n_items += data->shown[list];

      /* Headings count as items too, so this errs on cutting too few. */
      n_cut = (guint) ceil (overflow[column] / (height[column] / (n_items + N_LISTS)));
      for (; n_cut > 0; n_cut--)
        {
          int longest = -1;

          for (guint list = 0; list < N_LISTS; list++)
            {
              if ((two_columns && column_of[list] != column) || data->shown[list] == 0)
                continue;
              if (longest < 0 || data->shown[list] > data->shown[longest])
                longest = (int) list;
            }
          if (longest < 0)
            break;

          data->shown[longest]--;
          cut = TRUE;
        }
    }

  return cut;
}

void
_staple_report_add_summary (StapleReport *self)
{
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (self->session);
  g_autoptr(GArray) principles = staple_summary_count_principles (self->session);
  g_autoptr(GPtrArray) waits = _staple_report_list_longest_waits (self);
  gboolean two_columns = self->width > self->height;
  SummaryData data = { .ranked = ranked, .principles = principles, .waits = waits };
  StapleJourneyTotals totals;
  double gap = 24;
  double column_width = two_columns ? (_staple_report_body_width (self) - gap) / 2
                                    : _staple_report_body_width (self);
  double columns_top;
  GArray *header = NULL, *first = NULL, *second = NULL;
  double overflow[2], height[2];

  data.total[LIST_FRICTIONS] = MIN (ranked->len, 5);
  data.total[LIST_PRINCIPLES] = principles->len;
  data.total[LIST_ACTIONS] = g_list_model_get_n_items (
    G_LIST_MODEL (staple_session_get_actions (self->session)));
  data.total[LIST_EMPOWERMENTS] = g_list_model_get_n_items (
    G_LIST_MODEL (staple_session_get_empowerments (self->session)));
  data.total[LIST_WAITS] = MIN (waits->len, SUMMARY_WAITS);
  staple_map_marks_wait_scale (self->session, &data.scale);
  staple_summary_journey_totals (self->session, &totals);
  data.lead_minutes = totals.lead_minutes;
  /* No list can show more items than lines of the smallest type fit. */
  for (guint list = 0; list < N_LISTS; list++)
    data.shown[list] = MIN (data.total[list],
                            (guint) (_staple_report_body_height (self) /
                                     (SIZE_BODY * SUMMARY_MIN_SCALE)));

  _staple_report_new_page (self, _("Summary"), FALSE);

  /* Smaller type first, down to a size that still reads; then shorter lists. */
  for (self->text_scale = 1.0; ; )
    {
      g_clear_pointer (&header, g_array_unref);
      if (second != first)
        g_clear_pointer (&second, g_array_unref);
      g_clear_pointer (&first, g_array_unref);
      second = NULL;

      summary_build (self, &data, two_columns, &header, &first, &second, overflow, height);
      if (overflow[0] <= 0 && overflow[1] <= 0)
        break;
      if (self->text_scale > SUMMARY_MIN_SCALE + 0.001)
        self->text_scale = MAX (self->text_scale - 0.05, SUMMARY_MIN_SCALE);
      else if (!summary_cut (&data, two_columns, overflow, height))
        break;
    }

  columns_top = self->top + blocks_measure (self, header, _staple_report_body_width (self)) + 8;
  blocks_emit (self, header, self->left, self->top, _staple_report_body_width (self));
  blocks_emit (self, first, self->left, columns_top, column_width);
  if (two_columns)
    {
      double x = self->left + column_width + gap;

      _staple_report_add_line (self, x - gap / 2, columns_top + 4, x - gap / 2, self->bottom,
                               0.4, RULE);
      blocks_emit (self, second, x, columns_top, column_width);
    }

  g_array_unref (header);
  if (second != first)
    g_array_unref (second);
  g_array_unref (first);
  self->text_scale = 1.0;
}
