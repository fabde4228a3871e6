/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report-sections.c: the report's sections after the map: the
 * title page, the friction register, root causes, actions, the
 * empowerment list, the journey in numbers and its time table.
 */
#define G_LOG_DOMAIN "staple-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "staple-catalogue.h"
#include "staple-map-marks.h"
#include "staple-report-internal.h"
#include "staple-summary.h"
#include "staple-text.h"

/* The report's sections */

void
_staple_report_add_title_page (StapleReport *self)
{
  StapleSession *session = self->session;
  g_autofree char *date = staple_date_format_long (staple_session_get_date (session));
  const struct
  {
    const char *label;
    const char *value;
  } frame[] = {
    { _("Date"), date },
    { _("Location"), staple_session_get_location (session) },
    { _("Facilitator"), staple_session_get_facilitator (session) },
    { _("Customer"), staple_session_get_customer (session) },
    { _("Piece of work followed"), staple_session_get_work_item (session) },
    { _("Question"), staple_session_get_question (session) },
  };
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (session));
  /* The people, who come first: not the room's anonymous voters. */
  guint n_participants = staple_session_count_people (session);
  const char *organisation = staple_session_get_organisation (session);
  double label_width = MIN (150, _staple_report_body_width (self) * 0.3);

  _staple_report_new_page (self, _("The session"), FALSE);
  _staple_report_flow_text (self, _("Customer journey workshop"), SIZE_BODY, PANGO_WEIGHT_NORMAL,
                            0, 0, DIM);
  _staple_report_flow_text (self, _staple_report_session_title (self), SIZE_TITLE,
                            PANGO_WEIGHT_BOLD, 0, 4, INK);
  if (!_staple_report_is_empty (organisation))
    _staple_report_flow_text (self, organisation, SIZE_SUBHEADING, PANGO_WEIGHT_NORMAL, 0, 6, INK);
  self->y += 12;
  _staple_report_add_line (self, self->left, self->y, self->right, self->y, 1.0, INK);
  self->y += 8;

  for (guint i = 0; i < G_N_ELEMENTS (frame); i++)
    if (!_staple_report_is_empty (frame[i].value))
      _staple_report_flow_pair (self, frame[i].label, frame[i].value, label_width);

  _staple_report_flow_heading (self, _("Participants"), 30);
  if (n_participants == 0)
    _staple_report_flow_text (self, _("No participants recorded."), SIZE_BODY, PANGO_WEIGHT_NORMAL,
                              0, 0, DIM);

  for (guint i = 0; i < n_participants; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);
      const char *role = staple_participant_get_role (participant);
      g_autofree char *line = NULL;
      g_autofree char *name = staple_text_isolate (staple_participant_get_name (participant));
      g_autofree char *isolated_role = staple_text_isolate (role);

      if (_staple_report_is_empty (role))
        line = g_strdup (staple_participant_get_name (participant));
      else
        /* Translators: a participant on the report's title page, "name — role" */
        line = g_strdup_printf (_("%s — %s"), name, isolated_role);
      _staple_report_flow_text (self, line, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 3, INK);
    }
}

void
_staple_report_add_register (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Stage"), 0.15 },
    { N_("Friction point"), 0.38 },
    { N_("Kind"), 0.13 },
    { N_("Severity"), 0.09 },
    { N_("Principle"), 0.18 },
    { N_("Votes"), 0.07 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (self->session);
  Table table;

  _staple_report_flow_section (self, _("Friction register"), _("Friction register"),
                               _("Every friction point, the most votes first, "
                                 "then the most severe."));

  if (ranked->len == 0)
    {
      _staple_report_flow_text (self, _("No friction points recorded."), SIZE_BODY,
                                PANGO_WEIGHT_NORMAL,
                                0, 0, DIM);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    translated[i] = (TableColumn) { _(columns[i].title), columns[i].share };
  _staple_report_table_init (self, &table, translated, G_N_ELEMENTS (columns),
                             _("Friction register, continued"));
  _staple_report_table_begin (self, &table);

  for (guint i = 0; i < ranked->len; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      g_autofree char *kind = _staple_report_kind_text (staple_friction_get_kind (friction));
      g_autofree char *severity =
        _staple_report_severity_text (staple_friction_get_severity (friction));
      g_autofree char *votes = g_strdup_printf ("%u", staple_summary_count_votes (self->session,
                                                                                   friction));
      const char *cells[] = {
        _staple_report_stage_name_of (self, friction),
        staple_friction_get_text (friction),
        kind,
        severity,
        staple_principle_get_label (staple_friction_get_principle (friction)),
        votes,
      };

      _staple_report_table_row (self, &table, cells);
    }
}

static void
flow_friction_bullet (StapleReport   *self,
                      StapleFriction *friction)
{
  guint votes = staple_summary_count_votes (self->session, friction);
  g_autofree char *votes_text = g_strdup_printf (ngettext ("%u vote", "%u votes", votes), votes);
  g_autofree char *text = staple_text_isolate (staple_friction_get_text (friction));
  g_autofree char *stage = staple_text_isolate (_staple_report_stage_name_of (self, friction));
  g_autofree char *line = NULL;

  /* Translators: a friction point under its principle: "• text (stage; 3 votes)" */
  line = g_strdup_printf (_("• %s (%s; %s)"), text, stage, votes_text);
  _staple_report_flow_text (self, line, SIZE_BODY, PANGO_WEIGHT_NORMAL, 12, 3, INK);
}

static void
flow_principle (StapleReport    *self,
                StaplePrinciple  principle,
                const char      *counts,
                GPtrArray       *ranked)
{
  PangoLayout *explanation = _staple_report_make_text (self,
                                                       staple_principle_get_explanation (principle),
                                                       SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                                       _staple_report_body_width (self), 0);
  double keep = _staple_report_text_height (explanation) + 30;

  g_object_unref (explanation);
  _staple_report_flow_heading (self, staple_principle_get_label (principle), MIN (keep, 120));
  if (counts != NULL)
    _staple_report_flow_text (self, counts, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 0, 0, DIM);
  _staple_report_flow_text (self, staple_principle_get_explanation (principle), SIZE_BODY,
                            PANGO_WEIGHT_NORMAL,
                            0, 4, DIM);
  self->y += 2;

  for (guint i = 0; i < ranked->len; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);

      if (staple_friction_get_principle (friction) == principle)
        flow_friction_bullet (self, friction);
    }
}

void
_staple_report_add_root_causes (StapleReport *self)
{
  g_autoptr(GArray) counts = staple_summary_count_principles (self->session);
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (self->session);
  guint n_unlinked = 0;

  _staple_report_flow_section (self, _("Root causes"), _("Root causes by principle"),
                               _("The ways of running the work that let the friction points "
                                 "carry on, the most touched first."));

  if (counts->len == 0)
    _staple_report_flow_text (self, _("No friction point is linked to a principle yet."), SIZE_BODY,
                              PANGO_WEIGHT_NORMAL, 0, 0, DIM);

  for (guint i = 0; i < counts->len; i++)
    {
      const StaplePrincipleCount *count = &g_array_index (counts, StaplePrincipleCount, i);
      g_autofree char *frictions = g_strdup_printf (ngettext ("%u friction point",
                                                              "%u friction points",
                                                              count->n_frictions),
                                                    count->n_frictions);
      g_autofree char *votes = g_strdup_printf (ngettext ("%u vote", "%u votes", count->n_votes),
                                                count->n_votes);
      g_autofree char *line = NULL;

      /* Translators: under a principle: "3 friction points · 5 votes · highest severity 4 of 5" */
      line = g_strdup_printf (_("%s · %s · highest severity %u of %d"), frictions, votes,
                              count->max_severity, STAPLE_SEVERITY_MAX);
      flow_principle (self, count->principle, line, ranked);
    }

  for (guint i = 0; i < ranked->len; i++)
    if (staple_friction_get_principle (g_ptr_array_index (ranked, i)) == STAPLE_PRINCIPLE_NONE)
      n_unlinked++;

  if (n_unlinked > 0)
    flow_principle (self, STAPLE_PRINCIPLE_NONE, NULL, ranked);
}

static char *
action_frictions_text (StapleReport *self,
                       StapleAction *action)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_ids = 0;
  const gint64 *ids = staple_action_get_friction_ids (action, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    {
      StapleFriction *friction = staple_session_find_friction (self->session, ids[i], NULL, NULL);

      if (friction == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "• %s", staple_friction_get_text (friction));
    }

  return g_strdup (text->len > 0 ? text->str : "—");
}

void
_staple_report_add_actions (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Action"), 0.32 },
    { N_("Owner"), 0.14 },
    { N_("Due"), 0.10 },
    { N_("Status"), 0.10 },
    { N_("Friction points it addresses"), 0.34 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (self->session));
  guint n_actions = g_list_model_get_n_items (actions);
  Table table;

  _staple_report_flow_section (self, _("Actions"), _("Actions"),
                               _("What the room committed to change, who owns it and by when."));

  if (n_actions == 0)
    {
      _staple_report_flow_text (self, _("No actions agreed."), SIZE_BODY, PANGO_WEIGHT_NORMAL, 0,
                                0, DIM);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    translated[i] = (TableColumn) { _(columns[i].title), columns[i].share };
  _staple_report_table_init (self, &table, translated, G_N_ELEMENTS (columns),
                             _("Actions, continued"));
  _staple_report_table_begin (self, &table);

  for (guint i = 0; i < n_actions; i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      g_autofree char *frictions = action_frictions_text (self, action);
      g_autofree char *due = staple_action_format_due (staple_action_get_due (action), NULL);
      const char *cells[] = {
        staple_action_get_text (action),
        _staple_report_owner_name (self, action),
        _staple_report_is_empty (due) ? "—" : due,
        staple_action_status_get_label (staple_action_get_status (action)),
        frictions,
      };

      _staple_report_table_row (self, &table, cells);
    }
}

void
_staple_report_add_empowerment (StapleReport *self)
{
  GListModel *list = G_LIST_MODEL (staple_session_get_empowerments (self->session));
  guint n = g_list_model_get_n_items (list);

  self->y += 10;
  _staple_report_flow_need (self, 80);
  if (self->y <= self->top + 0.5)
    self->page->outline = _("Empowerment list");
  _staple_report_flow_text (self, _("Empowerment list"), SIZE_HEADING, PANGO_WEIGHT_BOLD, 0, 0,
                            INK);
  _staple_report_flow_text (self,
                            _("What front-line staff may now decide for themselves, "
                              "without asking."),
                            SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 3, DIM);
  self->y += 6;

  if (n == 0)
    _staple_report_flow_text (self, _("Nothing on the list yet."), SIZE_BODY, PANGO_WEIGHT_NORMAL,
                              0, 0, DIM);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (list, i);
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1,
                                               staple_empowerment_get_text (empowerment));

      _staple_report_flow_text (self, line, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 4, INK);
    }
}

static void
flow_value (StapleReport *self,
            const char   *label,
            const char   *value)
{
  _staple_report_flow_pair (self, label, value, MIN (220, _staple_report_body_width (self) * 0.45));
}

static void
flow_count (StapleReport *self,
            const char   *label,
            guint         count)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  flow_value (self, label, value);
}

/* Where the handoffs counted above are, for a reader without the map. */
static void
add_handoff_names (StapleReport *self)
{
  g_autoptr(GPtrArray) stages = staple_summary_list_handoffs (self->session);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *line = NULL;

  if (stages->len == 0)
    return;

  for (guint i = 0; i < stages->len; i++)
    {
      StapleStage *stage = g_ptr_array_index (stages, i);
      g_autofree char *name = staple_text_bound (staple_stage_get_name (stage), STAPLE_TEXT_SHORT,
                                                 STAPLE_TEXT_BOUND_ONE_LINE);

      g_autofree char *isolated = staple_text_isolate (name);

      if (i > 0)
        /* Translators: between the names of stages in a list */
        g_string_append (names, _(", "));
      g_string_append (names, isolated);
    }

  /* Translators: followed by the names of the stages the work is handed on to */
  line = g_strdup_printf (_("Handed on to %s"), names->str);
  _staple_report_flow_text (self, line, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 12, 0, DIM);
}

/* The journey's times, stage by stage */

#define COLUMN_WAIT     3 /* of the time table */
#define WAIT_TRACK_INK  0.55 /* the outline of a bar's track */

/* A wait's bar to scale with the journey's longest, as the map draws it on
 * paper: black for a wait that stands out, grey for the others, on an
 * outlined track, so that it reads printed without colour. */
void
_staple_report_add_wait_bar (StapleReport          *self,
                             double                 x,
                             double                 y,
                             double                 width,
                             double                 height,
                             guint                  wait_minutes,
                             const StapleWaitScale *scale)
{
  double rgb[3];
  Item *track = _staple_report_add_rect (self, x, y, width, height, 1.0, 0.4);

  track->ink = WAIT_TRACK_INK;
  if (wait_minutes == 0 || scale->longest == 0)
    return;

  staple_map_marks_wait_rgb (staple_map_marks_wait_stands_out (scale, wait_minutes), FALSE,
                             TRUE, rgb);
  _staple_report_add_rect (self, x, y,
                           MAX (width * MIN (1.0, (double) wait_minutes / scale->longest), height),
                           height, rgb[0], 0);
}

static int
compare_waits (gconstpointer a,
               gconstpointer b)
{
  StapleStage *first = *(StapleStage **) a;
  StapleStage *second = *(StapleStage **) b;

  return staple_stage_get_wait_minutes (second) - staple_stage_get_wait_minutes (first);
}

/* The stages that wait at all, the longest wait first; stages waiting as
 * long keep the journey's order. */
GPtrArray *
_staple_report_list_longest_waits (StapleReport *self)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  GPtrArray *waits = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      StapleStage *stage = g_list_model_get_item (stages, i);

      if (staple_stage_get_wait_minutes (stage) > 0)
        g_ptr_array_add (waits, stage);
      else
        g_object_unref (stage);
    }

  /* g_ptr_array_sort is g_qsort_with_data, a merge sort in GLib 2.74: stable. */
  g_ptr_array_sort (waits, compare_waits);
  return waits;
}

static char *
minutes_text (guint minutes)
{
  /* Translators: a work or waiting time the room did not note */
  return minutes > 0 ? staple_format_minutes (minutes) : g_strdup (_("—"));
}

static char *
feeling_text (int feeling)
{
  /* A real minus sign, and a plus, so the figure reads without the colour. */
  if (feeling > 0)
    return g_strdup_printf ("+%d", feeling);
  if (feeling < 0)
    return g_strdup_printf ("−%d", -feeling);
  return g_strdup ("0");
}

/* Where the work changes hands into @stage, and into which team. */
static char *
handoff_text (StapleStage *previous,
              StapleStage *stage)
{
  const char *team = staple_stage_get_team (stage);
  g_autofree char *isolated = staple_text_isolate (team);

  if (!staple_summary_is_handoff (previous, stage))
    return g_strdup (_("No"));
  if (_staple_report_is_empty (team))
    return g_strdup (_("Yes"));
  /* Translators: in the time table: the work is handed over into a team */
  return g_strdup_printf (_("Yes, into %s"), isolated);
}

static void
time_table_totals (StapleReport *self,
                   Table        *table)
{
  StapleJourneyTotals totals;
  g_autofree char *lead_time = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *work = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *handoffs = NULL;
  g_autofree char *dropped = NULL;
  const cairo_rectangle_t *row;
  PangoWeight weights[TABLE_MAX_COLUMNS];

  staple_summary_journey_totals (self->session, &totals);
  lead_time = staple_format_minutes (totals.lead_minutes);
  /* Translators: the time table's totals row, in the stage's column */
  lead = g_strdup_printf (_("In all: lead time %s"), lead_time);
  work = minutes_text (totals.work_minutes);
  wait = minutes_text (totals.wait_minutes);
  handoffs = g_strdup_printf (ngettext ("%u handoff", "%u handoffs", totals.n_handoffs),
                              totals.n_handoffs);
  dropped = g_strdup_printf (ngettext ("%u stage", "%u stages", totals.n_dropped),
                             totals.n_dropped);

  {
    const char *cells[] = { lead, "", work, wait, handoffs, dropped, "", "" };

    for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
      weights[i] = PANGO_WEIGHT_BOLD;
    _staple_report_table_row_weighted (self, table, cells, weights);
  }

  row = &g_array_index (self->page->rows, cairo_rectangle_t, self->page->rows->len - 1);
  _staple_report_add_line (self, row->x, row->y, row->x + row->width, row->y, 1.0, INK);
}

/* Per stage, in the journey's order: who owns it, its work and waiting
 * time (the wait's bar to scale), whether the work is handed over into it
 * or dropped there, and how it feels; the longest waits in bold and marked
 * "▲ longest", which survives a black-and-white printer; then the totals. */
void
_staple_report_add_time_table (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Stage"), 0.21 },
    { N_("Owner"), 0.13 },
    { N_("Work"), 0.09 },
    { N_("Waiting"), 0.15 },
    { N_("Handoff"), 0.14 },
    { N_("Dropped"), 0.10 },
    /* Translators: the customer's feeling, in the time table */
    { N_("Customer"), 0.10 },
    /* Translators: the staff's feeling, in the time table */
    { N_("Staff"), 0.08 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  guint n_stages = g_list_model_get_n_items (stages);
  StapleWaitScale scale;
  Table table;

  _staple_report_flow_section (self, _("Times along the journey"), _("Times along the journey"),
                               _("Each stage in the journey’s order, its wait drawn to scale "
                                 "under it. The longest waits are in bold and marked ▲. How the "
                                 "customer and the staff feel, from −2 (angry, stuck) to +2 "
                                 "(delighted)."));

  if (n_stages == 0)
    {
      _staple_report_flow_text (self, _("No stages recorded."), SIZE_BODY, PANGO_WEIGHT_NORMAL, 0,
                                0, DIM);
      return;
    }

  staple_map_marks_wait_scale (self->session, &scale);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    translated[i] = (TableColumn) { _(columns[i].title), columns[i].share };
  _staple_report_table_init (self, &table, translated, G_N_ELEMENTS (columns),
                             _("Times along the journey, continued"));
  table.size = SIZE_BODY;
  _staple_report_table_begin (self, &table);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      g_autoptr(StapleStage) previous = i > 0 ? g_list_model_get_item (stages, i - 1) : NULL;
      guint wait_minutes = (guint) staple_stage_get_wait_minutes (stage);
      gboolean longest = staple_map_marks_wait_stands_out (&scale, wait_minutes);
      const char *name = staple_stage_get_name (stage);
      const char *team = staple_stage_get_team (stage);
      g_autofree char *number_name = g_strdup_printf ("%u. %s", i + 1,
                                                      _staple_report_is_empty (name)
                                                      ? _("Unnamed stage") : name);
      g_autofree char *work = minutes_text ((guint) staple_stage_get_work_minutes (stage));
      g_autofree char *wait_time = minutes_text (wait_minutes);
      /* Translators: a wait in the time table that is one of the journey's longest */
      g_autofree char *wait = longest ? g_strdup_printf (_("%s ▲ longest"), wait_time)
                                      : g_strdup (wait_time);
      /* The line after the wait is left for its bar. */
      g_autofree char *wait_cell = g_strconcat (wait, "\n", NULL);
      g_autofree char *handoff = handoff_text (previous, stage);
      g_autofree char *customer = feeling_text (staple_stage_get_customer_feeling (stage));
      g_autofree char *staff = feeling_text (staple_stage_get_staff_feeling (stage));
      const char *cells[] = {
        number_name,
        _staple_report_is_empty (team) ? _("No team noted") : team,
        work,
        wait_cell,
        handoff,
        staple_stage_get_dropped (stage) ? _("Yes") : _("No"),
        customer,
        staff,
      };
      PangoWeight weights[G_N_ELEMENTS (cells)];
      PangoWeight wait_weight = longest ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      g_autoptr(PangoLayout) wait_text = _staple_report_cell_text (self, &table, COLUMN_WAIT, wait,
                                                                   wait_weight,
                                                                   0);
      double wait_height = _staple_report_text_height (wait_text);
      const cairo_rectangle_t *row;
      double line = table.size * 1.2;

      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        weights[c] = longest && c <= COLUMN_WAIT ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      _staple_report_table_row_weighted (self, &table, cells, weights);

      /* The bar on the line left for it under the wait, as wide as the column. */
      row = &g_array_index (self->page->rows, cairo_rectangle_t, self->page->rows->len - 1);
      if (CELL_PAD + wait_height + line <= row->height)
        _staple_report_add_wait_bar (self, table.x[COLUMN_WAIT] + CELL_PAD,
                                     row->y + CELL_PAD + wait_height + (line - WAIT_BAR_HEIGHT) / 2,
                                     table.width[COLUMN_WAIT] - 2 * CELL_PAD, WAIT_BAR_HEIGHT,
                                     wait_minutes,
                                     &scale);
    }

  time_table_totals (self, &table);
}

void
_staple_report_add_journey (StapleReport *self)
{
  StapleJourneyTotals totals;
  guint total_seconds = 0;

  staple_summary_journey_totals (self->session, &totals);
  _staple_report_flow_section (self, _("The journey"), _("The journey in numbers"), NULL);

  flow_count (self, _("Stages"), totals.n_stages);
  flow_count (self, _("Friction points"), totals.n_frictions);
  flow_count (self, _("Handoffs between teams"), totals.n_handoffs);
  add_handoff_names (self);
  flow_count (self, _("Stages where the work is dropped or misrouted"), totals.n_dropped);

  if (totals.lead_minutes == 0)
    flow_value (self, _("Lead time"), _("No work or waiting times noted"));
  else
    {
      g_autofree char *work = staple_format_minutes (totals.work_minutes);
      g_autofree char *wait = staple_format_minutes (totals.wait_minutes);
      g_autofree char *lead = staple_format_minutes (totals.lead_minutes);
      double percent = 100.0 * totals.work_minutes / totals.lead_minutes;
      g_autofree char *share = g_strdup_printf (percent < 10 ? _("%.1f %%") : _("%.0f %%"),
                                                percent);

      flow_value (self, _("Work time"), work);
      flow_value (self, _("Waiting time"), wait);
      flow_value (self, _("Lead time"), lead);
      flow_value (self, _("Share of the lead time spent working"), share);
    }

  _staple_report_flow_heading (self, _("Time spent per phase of the workshop"), 40);
  for (guint phase = 0; phase < STAPLE_N_PHASES; phase++)
    total_seconds += staple_session_get_phase_seconds (self->session, phase);

  if (total_seconds == 0)
    {
      _staple_report_flow_text (self, _("No times were recorded."), SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                0, 0, DIM);
      return;
    }

  for (guint phase = 0; phase < STAPLE_N_PHASES; phase++)
    {
      g_autofree char *spent = staple_format_seconds (staple_session_get_phase_seconds (self->session,
                                                                                 phase));

      flow_value (self, staple_phase_get_label (phase), spent);
    }
  {
    g_autofree char *spent = staple_format_seconds (total_seconds);

    flow_value (self, _("In all"), spent);
  }
}
