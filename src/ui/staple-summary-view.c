/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-summary-view.c: what the Close phase puts on the wall: the journey's
 * totals, the friction points the room ranked highest, the principles behind
 * them, the actions, the empowerment list and where the time went. It only
 * shows; it is built afresh whenever it is shown or the session's lists change
 * while it is on screen. */
#define G_LOG_DOMAIN "staple-summary-view"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-summary.h"
#include "staple-info-row.h"
#include "staple-label.h"
#include "staple-summary-view.h"
#include "staple-text.h"

#define TOP_FRICTIONS 5
#define TITLE_LINES   4  /* of a row's text; the rest is in the map and the report */

struct _StapleSummaryView
{
  AdwBin         parent_instance;

  GtkBox        *box;
  StapleSession *session;
  guint          refresh_id;
  guint          rest_id;  /* the sections below the first screen, to come */
  gboolean       stale;  /* changed while not on screen */
};

G_DEFINE_FINAL_TYPE (StapleSummaryView, staple_summary_view, ADW_TYPE_BIN)

/* Rows */

static AdwPreferencesGroup *
add_group (StapleSummaryView *self,
           const char        *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A read-only row: user text is shown as it is, never as markup, and no
 * more of it than a few lines hold. */
static StapleInfoRow *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  g_autofree char *shown = staple_text_bound (title, STAPLE_TEXT_LONG, STAPLE_TEXT_BOUND_NONE);
  g_autofree char *shown_subtitle = subtitle != NULL
    ? staple_text_bound (subtitle, STAPLE_TEXT_LONG, STAPLE_TEXT_BOUND_NONE)
    : NULL;
  GtkWidget *row = staple_info_row_new (shown, shown_subtitle, TITLE_LINES);

  adw_preferences_group_add (group, row);
  return STAPLE_INFO_ROW (row);
}

static GtkWidget *
add_value (StapleInfoRow *row,
           const char   *value)
{
  GtkWidget *label = gtk_label_new (value);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  staple_info_row_add_suffix (row, label);
  return label;
}

static void
add_count_row (AdwPreferencesGroup *group,
               const char          *title,
               guint                count)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  add_value (add_row (group, title, NULL), value);
}

static void
add_nothing_yet (AdwPreferencesGroup *group)
{
  StapleInfoRow *row = add_row (group, _("Nothing yet"), NULL);

  gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
}

/* Sections */

static void
add_heading (StapleSummaryView *self)
{
  g_autofree char *organisation = staple_text_bound (
    staple_session_get_organisation (self->session), STAPLE_TEXT_SHORT,
    STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *shown_title = staple_text_bound (staple_session_get_title (self->session),
                                                    STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_NONE);
  g_autofree char *date = staple_date_format_long (staple_session_get_date (self->session));
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (shown_title);
  g_autofree char *details = NULL;

  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (heading), title);
  gtk_box_append (self->box, heading);

  if (organisation != NULL && *organisation != '\0' && date != NULL && *date != '\0')
    /* Translators: the organisation and the date of a session */
    details = g_strdup_printf (_("%s · %s"), organisation, date);
  else if (organisation != NULL && *organisation != '\0')
    details = g_strdup (organisation);
  else if (date != NULL && *date != '\0')
    details = g_strdup (date);

  if (details != NULL)
    {
      GtkWidget *label = gtk_label_new (details);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (heading), label);
    }
}

/* The stages the work is handed on to, as the room will name them back. */
static char *
describe_handoffs (StapleSession *session)
{
  g_autoptr(GPtrArray) stages = staple_summary_list_handoffs (session);
  g_autoptr(GString) names = g_string_new (NULL);

  if (stages->len == 0)
    return g_strdup (_("Changes of team, and stages marked as handed on to another team"));

  for (guint i = 0; i < stages->len; i++)
    {
      if (i > 0)
        /* Translators: between the names of stages in a list */
        g_string_append (names, _(", "));
      g_string_append (names, staple_stage_get_name (g_ptr_array_index (stages, i)));
    }

  /* Translators: followed by the names of the stages the work is handed on to */
  return g_strdup_printf (_("Handed on to %s"), names->str);
}

static void
add_journey (StapleSummaryView *self)
{
  AdwPreferencesGroup *group = add_group (self, _("The Journey"));
  StapleJourneyTotals totals;
  g_autofree char *lead = NULL;
  g_autofree char *work = NULL;
  g_autofree char *title = NULL;
  g_autofree char *share = NULL;
  g_autofree char *handoffs = NULL;
  g_autofree char *count = NULL;
  double percent;

  staple_summary_journey_totals (self->session, &totals);
  if (totals.n_stages == 0)
    {
      add_nothing_yet (group);
      return;
    }

  add_count_row (group, _("Stages"), totals.n_stages);
  add_count_row (group, _("Friction points"), totals.n_frictions);
  handoffs = describe_handoffs (self->session);
  count = g_strdup_printf ("%u", totals.n_handoffs);
  add_value (add_row (group, _("Handoffs between teams"), handoffs), count);
  add_count_row (group, _("Stages where the work is dropped or misrouted"), totals.n_dropped);

  if (totals.lead_minutes == 0)
    {
      add_row (group, _("Lead time"), _("No work or wait times noted yet"));
      return;
    }

  lead = staple_format_minutes (totals.lead_minutes);
  work = staple_format_minutes (totals.work_minutes);
  /* Translators: e.g. "Lead time 11 d 16 h, of which 3 h 28 min is work" */
  title = g_strdup_printf (_("Lead time %s, of which %s is work"), lead, work);
  percent = 100.0 * totals.work_minutes / totals.lead_minutes;
  /* Translators: the share of the lead time spent working, e.g. "1.2 %" */
  share = g_strdup_printf (percent < 10 ? _("%.1f %%") : _("%.0f %%"), percent);
  add_value (add_row (group, title,
                      _("The rest of the time the work waits for someone to pick it up")),
             share);
}

static void
add_top_frictions (StapleSummaryView *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Top Friction Points"));
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (self->session);

  adw_preferences_group_set_description (group, _("By votes, then by severity"));
  if (ranked->len == 0)
    {
      add_nothing_yet (group);
      return;
    }

  for (guint i = 0; i < MIN (ranked->len, TOP_FRICTIONS); i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      StapleStage *stage = NULL;
      guint votes = staple_summary_count_votes (self->session, friction);
      g_autofree char *subtitle = NULL;
      g_autofree char *stage_name = NULL;
      g_autofree char *votes_text = g_strdup_printf (ngettext ("%u vote", "%u votes", votes),
                                                     votes);
      g_autofree char *rank = g_strdup_printf ("%u", i + 1);
      GtkWidget *rank_label = gtk_label_new (rank);
      StapleInfoRow *row;

      staple_session_find_friction (self->session, staple_friction_get_id (friction), &stage,
                                    NULL);
      /* Translators: where a friction point is, what kind it is and how bad,
       * e.g. "Billing · Policy · severity 4 of 5" */
      stage_name = staple_text_bound (stage != NULL ? staple_stage_get_name (stage) : "",
                                      STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_ONE_LINE);
      subtitle = g_strdup_printf (_("%s · %s · severity %d of %d"), stage_name,
                                  staple_friction_kind_get_label (
                                    staple_friction_get_kind (friction)),
                                  staple_friction_get_severity (friction), STAPLE_SEVERITY_MAX);

      row = add_row (group, staple_friction_get_text (friction), subtitle);
      gtk_widget_add_css_class (rank_label, "title-3");
      gtk_widget_add_css_class (rank_label, "numeric");
      gtk_widget_set_size_request (rank_label, 24, -1);
      staple_info_row_add_prefix (row, rank_label);
      add_value (row, votes_text);
    }
}

static void
add_principles (StapleSummaryView *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Friction by Principle"));
  g_autoptr(GArray) counts = staple_summary_count_principles (self->session);

  adw_preferences_group_set_description (group,
                                         _("The management principles the friction points go "
                                           "against"));
  if (counts->len == 0)
    {
      add_nothing_yet (group);
      return;
    }

  for (guint i = 0; i < counts->len; i++)
    {
      const StaplePrincipleCount *count = &g_array_index (counts, StaplePrincipleCount, i);
      g_autofree char *frictions = g_strdup_printf (ngettext ("%u friction point",
                                                              "%u friction points",
                                                              count->n_frictions),
                                                    count->n_frictions);
      g_autofree char *votes = g_strdup_printf (ngettext ("%u vote", "%u votes",
                                                          count->n_votes),
                                                count->n_votes);
      /* Translators: e.g. "3 friction points, 7 votes" */
      g_autofree char *value = g_strdup_printf (_("%s, %s"), frictions, votes);
      StapleInfoRow *row = add_row (group, staple_principle_get_label (count->principle),
                                   staple_principle_get_explanation (count->principle));

      add_value (row, value);
    }
}

static void
done_toggled_cb (GtkCheckButton *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  gboolean done = gtk_check_button_get_active (button);

  gtk_widget_activate_action (GTK_WIDGET (button), "win.set-action-field", "(isv)",
                              (int) index, "status",
                              g_variant_new_string (done ? "done" : "open"));
}

static void
add_actions (StapleSummaryView *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Actions"));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (self->session));
  guint n = g_list_model_get_n_items (actions);

  if (n == 0)
    {
      add_nothing_yet (group);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      gint64 owner_id = staple_action_get_owner_id (action);
      StapleParticipant *owner = staple_session_find_participant (self->session, owner_id, NULL);
      g_autofree char *who = staple_text_bound (owner != NULL ? staple_participant_get_name (owner)
                                                              : _("No owner yet"),
                                                STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_ONE_LINE);
      g_autofree char *due = staple_action_format_due (staple_action_get_due (action), NULL);
      g_autofree char *subtitle = NULL;
      GtkWidget *status;
      StapleInfoRow *row;
      GtkWidget *done;

      if (*due != '\0')
        /* Translators: an action's owner and due date, e.g. "Priya Raman · due 13/11/2026" */
        subtitle = g_strdup_printf (_("%s · due %s"), who, due);
      else
        /* Translators: an action's owner, when it has no due date */
        subtitle = g_strdup_printf (_("%s · no due date"), who);

      row = add_row (group, staple_action_get_text (action), subtitle);
      status = add_value (row,
                          staple_action_status_get_label (staple_action_get_status (action)));

      /* Reviewing later: an action is ticked off right here. */
      done = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (done), staple_action_get_status (action) ==
                                                            STAPLE_ACTION_STATUS_DONE);
      gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (done, _("Done"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Done"), -1);
      g_object_set_data (G_OBJECT (done), "index", GUINT_TO_POINTER (i));
      g_signal_connect (done, "toggled", G_CALLBACK (done_toggled_cb), NULL);
      staple_info_row_add_prefix (row, done);
      if (staple_action_get_status (action) == STAPLE_ACTION_STATUS_DONE)
        gtk_widget_add_css_class (status, "success");
      else if (staple_action_get_status (action) == STAPLE_ACTION_STATUS_OPEN)
        gtk_widget_add_css_class (status, "dim-label");
    }
}

static void
add_empowerments (StapleSummaryView *self)
{
  AdwPreferencesGroup *group = add_group (self, _("The Empowerment List"));
  GListModel *items = G_LIST_MODEL (staple_session_get_empowerments (self->session));
  guint n = g_list_model_get_n_items (items);

  adw_preferences_group_set_description (group,
                                         _("What front-line staff may now decide without "
                                           "asking"));
  if (n == 0)
    {
      add_nothing_yet (group);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleEmpowerment) item = g_list_model_get_item (items, i);
      StapleInfoRow *row = add_row (group, staple_empowerment_get_text (item), NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Allowed"), -1);
      staple_info_row_add_prefix (row, icon);
    }
}

static void
add_time_spent (StapleSummaryView *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Time Spent"));
  guint total = 0;
  g_autofree char *total_text = NULL;
  GtkWidget *total_label;

  for (guint phase = 0; phase < STAPLE_N_PHASES; phase++)
    total += staple_session_get_phase_seconds (self->session, phase);

  if (total == 0)
    {
      add_nothing_yet (group);
      return;
    }

  for (guint phase = 0; phase < STAPLE_N_PHASES; phase++)
    {
      guint seconds = staple_session_get_phase_seconds (self->session, phase);
      g_autofree char *spent = staple_format_seconds (seconds);

      add_value (add_row (group, staple_phase_get_label (phase), NULL), spent);
    }

  total_text = staple_format_seconds (total);
  total_label = add_value (add_row (group, _("In all"), NULL), total_text);
  gtk_widget_add_css_class (total_label, "title-4");
}

/* Building */

static void
clear (StapleSummaryView *self)
{
  GtkWidget *child;

  g_clear_handle_id (&self->rest_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
}

/* In the order they are shown. The first ones fill the first screen of
 * any window; the rest are made once that screen is on it, so the frame
 * that shows the Close page (the first one of a past session) does not
 * wait for rows below it: some 450 of its 610 text layouts. */
static void (* const sections[]) (StapleSummaryView *) = {
  add_heading, add_journey, add_top_frictions,
  add_principles, add_actions, add_empowerments, add_time_spent,
};
#define FIRST_SECTIONS 3

static void
add_sections (StapleSummaryView *self,
              guint              from,
              guint              to)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->box));

  for (guint i = from; i < to; i++)
    sections[i] (self);

  for (GtkWidget *child = last != NULL ? gtk_widget_get_next_sibling (last)
                                       : gtk_widget_get_first_child (GTK_WIDGET (self->box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    staple_label_tree_quick_wrap (child);
}

static gboolean
add_rest_cb (gpointer data)
{
  StapleSummaryView *self = data;

  self->rest_id = 0;
  add_sections (self, FIRST_SECTIONS, G_N_ELEMENTS (sections));
  return G_SOURCE_REMOVE;
}

/* @whole: for a view on screen (an edit, an undo), whose rows must not
 * shrink under the reader for a frame; otherwise the view is about to be
 * shown. */
static void
rebuild (StapleSummaryView *self,
         gboolean           whole)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale = FALSE;
  clear (self);

  if (self->session == NULL)
    return;

  if (whole)
    {
      add_sections (self, 0, G_N_ELEMENTS (sections));
      return;
    }

  add_sections (self, 0, FIRST_SECTIONS);
  /* After the frame that shows the view: the frame clock paints at
   * GDK_PRIORITY_REDRAW, before default idles. */
  self->rest_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, add_rest_cb, self, NULL);
}

static gboolean
refresh_cb (gpointer data)
{
  StapleSummaryView *self = data;

  self->refresh_id = 0;
  rebuild (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Lists often change several at a time (an undo, a deleted stage): the
 * view is built again once they are done; off screen, only when shown. */
static void
queue_rebuild (StapleSummaryView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
staple_summary_view_map (GtkWidget *widget)
{
  StapleSummaryView *self = STAPLE_SUMMARY_VIEW (widget);

  GTK_WIDGET_CLASS (staple_summary_view_parent_class)->map (widget);

  /* Built now, so that the frame that shows the view shows its top. */
  if (self->stale)
    rebuild (self, FALSE);
}

/**
 * staple_summary_view_refresh:
 *
 * Builds the summary again from the session as it is now, before the next
 * frame (or when the view is next shown).
 */
void
staple_summary_view_refresh (StapleSummaryView *self)
{
  g_return_if_fail (STAPLE_IS_SUMMARY_VIEW (self));

  queue_rebuild (self);
}

/**
 * staple_summary_view_update:
 *
 * Builds the summary now if it is out of date: for a view about to be
 * shown, so that the window is measured with it.
 */
void
staple_summary_view_update (StapleSummaryView *self)
{
  g_return_if_fail (STAPLE_IS_SUMMARY_VIEW (self));

  if (self->stale)
    rebuild (self, FALSE);
}

/* The lists whose changes the summary follows. */
static GListStore *(* const watched_lists[]) (StapleSession *) = {
  staple_session_get_stages,
  staple_session_get_votes,
  staple_session_get_actions,
  staple_session_get_empowerments,
  staple_session_get_participants,
};

/**
 * staple_summary_view_set_session:
 * @session: (nullable): the session to sum up
 *
 * Shows the summary of @session, kept up to date as its lists change.
 */
void
staple_summary_view_set_session (StapleSummaryView *self,
                                 StapleSession     *session)
{
  g_return_if_fail (STAPLE_IS_SUMMARY_VIEW (self));
  g_return_if_fail (session == NULL || STAPLE_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (watched_lists); i++)
      g_signal_handlers_disconnect_by_func (watched_lists[i] (self->session), queue_rebuild,
                                            self);

  g_set_object (&self->session, session);

  if (session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (watched_lists); i++)
      g_signal_connect_object (watched_lists[i] (session), "items-changed",
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);

  /* Nothing of the last session stays behind, even for a frame. */
  clear (self);
  queue_rebuild (self);
}

/**
 * staple_summary_view_new:
 *
 * Returns: (transfer floating): a summary view showing no session yet
 */
GtkWidget *
staple_summary_view_new (void)
{
  return g_object_new (STAPLE_TYPE_SUMMARY_VIEW, NULL);
}

static void
staple_summary_view_dispose (GObject *object)
{
  StapleSummaryView *self = STAPLE_SUMMARY_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->rest_id, g_source_remove);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (staple_summary_view_parent_class)->dispose (object);
}

static void
staple_summary_view_class_init (StapleSummaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_summary_view_dispose;
  widget_class->map = staple_summary_view_map;
}

static void
staple_summary_view_init (StapleSummaryView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 12);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->box));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}
