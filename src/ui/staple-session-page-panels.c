/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-session-page-panels.c: the session page's side panels, which
 * follow the phase: the walk's current stage, the principles behind the
 * diagnosis, the voters and the ranking of the dot vote, the Commit page's
 * ranking with the actions for each, and the journey's totals below the map.
 */
#define G_LOG_DOMAIN "staple-session-page"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-action-row.h"
#include "staple-session-page-private.h"
#include "staple-summary.h"
#include "staple-text.h"


void
update_walk (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);
  GListModel *stages;
  StapleStage *stage;
  g_autofree char *text = NULL;
  guint index = 0;

  if (session == NULL)
    return;

  stages = G_LIST_MODEL (staple_session_get_stages (session));
  stage = staple_session_find_stage (session, staple_session_get_current_stage_id (session),
                                     &index);
  if (stage != NULL)
    /* Translators: "Stage 3 of 10" */
    text = g_strdup_printf (_("Stage %u of %u"), index + 1, g_list_model_get_n_items (stages));
  else
    text = g_strdup (_("Page Down starts the walk"));

  gtk_label_set_text (self->walk_label, text);
  staple_inspector_show (self->walk_inspector, stage);
}

void
update_principles (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);
  g_autoptr(GArray) counts = NULL;

  if (session == NULL)
    return;

  counts = staple_summary_count_principles (session);
  for (guint p = 1; p < self->principle_rows->len; p++)
    {
      GtkWidget *row = g_ptr_array_index (self->principle_rows, p);
      GtkLabel *count = g_object_get_data (G_OBJECT (row), "count");
      g_autofree char *text = NULL;
      guint n = 0;

      for (guint i = 0; i < counts->len; i++)
        {
          StaplePrincipleCount *entry = &g_array_index (counts, StaplePrincipleCount, i);

          if ((guint) entry->principle == p)
            n = entry->n_frictions;
        }

      text = g_strdup_printf ("%u", n);
      gtk_label_set_text (count, text);
      gtk_widget_set_opacity (row, n > 0 ? 1.0 : 0.6);
    }
}

void
build_principles (StapleSessionPage *self)
{
  g_ptr_array_add (self->principle_rows, NULL); /* STAPLE_PRINCIPLE_NONE has no row */

  for (int p = STAPLE_PRINCIPLE_NONE + 1; p <= STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING; p++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *count = gtk_label_new ("0");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), staple_principle_get_label (p));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), staple_principle_get_explanation (p));
      gtk_widget_add_css_class (count, "title-3");
      gtk_widget_add_css_class (count, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
      g_object_set_data (G_OBJECT (row), "count", count);
      adw_preferences_group_add (self->principles_group, row);
      g_ptr_array_add (self->principle_rows, row);
    }
}

static void
voter_toggled_cb (GtkCheckButton    *button,
                  StapleSessionPage *self)
{
  if (gtk_check_button_get_active (button))
    staple_map_view_set_voter (self->map_view,
                               GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index")));
}

static void
abstain_toggled_cb (GtkCheckButton    *button,
                    StapleSessionPage *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-participant-field", "(isv)", index,
                              "abstains",
                              g_variant_new_boolean (gtk_check_button_get_active (button)));
}

/* A voter's row: a check to vote as them, their name and dots left, and
 * whether they abstain. */
static GtkWidget *
voter_row_new (StapleSessionPage *self,
               guint              index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *abstain = gtk_check_button_new_with_label (_("Abstains"));
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->voters_list));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check),
                                g_object_get_data (G_OBJECT (first), "check"));
  g_object_set_data (G_OBJECT (check), "index", GINT_TO_POINTER (index));
  g_signal_connect (check, "toggled", G_CALLBACK (voter_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  g_object_set_data (G_OBJECT (abstain), "index", GINT_TO_POINTER (index));
  g_signal_connect (abstain, "toggled", G_CALLBACK (abstain_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), abstain);

  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "abstain", abstain);
  return row;
}

/* The rows are kept and only what changed is set: a vote arriving from a
 * phone every few hundred milliseconds changes one row's dots, and a row
 * built anew is measured anew, text by text. */
void
update_voters (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);
  GListModel *people = session != NULL ? G_LIST_MODEL (staple_session_get_participants (session))
                                       : NULL;
  guint n = session != NULL ? staple_session_count_people (session) : 0;  /* the people first */
  int voter = staple_map_view_get_voter (self->map_view);
  GtkListBoxRow *extra;
  guint n_rows = 0;

  while (gtk_list_box_get_row_at_index (self->voters_list, n_rows) != NULL)
    n_rows++;
  while (n_rows > n && (extra = gtk_list_box_get_row_at_index (self->voters_list, --n_rows)))
    gtk_list_box_remove (self->voters_list, GTK_WIDGET (extra));
  for (; n_rows < n; n_rows++)
    gtk_list_box_append (self->voters_list, voter_row_new (self, n_rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) person = g_list_model_get_item (people, i);
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->voters_list, i));
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      GtkCheckButton *abstain = g_object_get_data (G_OBJECT (row), "abstain");
      guint used = staple_session_count_dots_of (session, staple_participant_get_id (person));
      int dots = staple_session_get_dots_per_participant (session);
      gboolean abstains = staple_participant_get_abstains (person);
      int left = MAX (dots - (int) used, 0);
      g_autofree char *title = g_strdup_printf ("%u  %s", i + 1,
                                                staple_participant_get_name (person));
      g_autofree char *subtitle = abstains ? g_strdup (_("Abstains"))
                                           : g_strdup_printf (ngettext ("%d dot left",
                                                                        "%d dots left", left),
                                                              left);

      /* Set here, not by the coach: nothing to do on their toggles. */
      g_signal_handlers_block_by_func (check, voter_toggled_cb, self);
      g_signal_handlers_block_by_func (abstain, abstain_toggled_cb, self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_check_button_set_active (check, voter == (int) i);
      gtk_widget_set_sensitive (GTK_WIDGET (check), !abstains);
      gtk_check_button_set_active (abstain, abstains);
      g_signal_handlers_unblock_by_func (abstain, abstain_toggled_cb, self);
      g_signal_handlers_unblock_by_func (check, voter_toggled_cb, self);
    }
}

/* The ten friction points with most votes, their rows kept as they are. */
void
update_ranking (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);
  g_autoptr(GPtrArray) ranked = session != NULL ? staple_summary_rank_frictions (session) : NULL;
  guint n = ranked != NULL ? MIN (ranked->len, 10) : 0;

  while (self->ranking_rows->len > n)
    {
      adw_preferences_group_remove (self->ranking_group,
                                    g_ptr_array_index (self->ranking_rows,
                                                       self->ranking_rows->len - 1));
      g_ptr_array_set_size (self->ranking_rows, self->ranking_rows->len - 1);
    }
  while (self->ranking_rows->len < n)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_preferences_group_add (self->ranking_group, row);
      g_ptr_array_add (self->ranking_rows, row);
    }

  for (guint i = 0; i < n; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      guint votes = staple_summary_count_votes (session, friction);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1,
                                                staple_friction_get_text (friction));
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u vote · severity %d",
                                                             "%u votes · severity %d", votes),
                                                   votes, staple_friction_get_severity (friction));
      GtkWidget *row = g_ptr_array_index (self->ranking_rows, i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
}

/* The Commit page's ranking: the friction points as the room ranked them,
 * with their votes and whether an action addresses them yet. */

static guint
count_actions_for (StapleSession  *session,
                   StapleFriction *friction,
                   int            *first)
{
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  guint n_actions = 0;

  *first = -1;
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      guint n = 0;
      const gint64 *ids = staple_action_get_friction_ids (action, &n);

      for (guint k = 0; k < n; k++)
        if (ids[k] == staple_friction_get_id (friction))
          {
            if (*first < 0)
              *first = (int) i;
            n_actions++;
            break;
          }
    }

  return n_actions;
}

void
set_action_for (StapleSessionPage *self,
                StapleFriction    *friction)
{
  g_autofree char *title = NULL;

  g_set_object (&self->action_for, friction);
  if (friction != NULL)
    {
      g_autofree char *text = staple_text_bound (staple_friction_get_text (friction),
                                                 STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_ONE_LINE);

      /* Translators: the "add" row's title once a ranked friction point is chosen */
      title = g_strdup_printf (_("Add an action for “%s”"), text);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_action_row),
                                 title != NULL ? title : _("Add an action"));
}

/* Enter (or a click) on a ranked friction point: to its first action, or
 * to a new one for it. */
static void
go_to_action (StapleSessionPage *self,
              StapleFriction    *friction,
              gboolean           new_action)
{
  int first = -1;
  GtkListBoxRow *row;

  count_actions_for (session_of (self), friction, &first);
  row = first >= 0 && !new_action ? gtk_list_box_get_row_at_index (self->actions_list, first)
                                  : NULL;
  if (STAPLE_IS_ACTION_ROW (row))
    {
      GtkWidget *focus;

      set_action_for (self, NULL);
      staple_action_row_focus (STAPLE_ACTION_ROW (row));
      /* To add to the action, not to type over it. */
      focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
      if (GTK_IS_EDITABLE (focus))
        gtk_editable_set_position (GTK_EDITABLE (focus), -1);
      else if (focus != NULL && GTK_IS_EDITABLE (gtk_widget_get_parent (focus)))
        gtk_editable_set_position (GTK_EDITABLE (gtk_widget_get_parent (focus)), -1);
      return;
    }

  set_action_for (self, friction);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_action_row));
}

void
ranked_activated_cb (StapleSessionPage *self,
                     GtkListBoxRow     *row)
{
  StapleFriction *friction = g_object_get_data (G_OBJECT (row), "staple-friction");

  if (friction != NULL && session_of (self) != NULL)
    go_to_action (self, friction, FALSE);
}

static void
new_action_clicked_cb (GtkButton         *button,
                       StapleSessionPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  StapleFriction *friction = g_object_get_data (G_OBJECT (row), "staple-friction");

  if (friction != NULL && session_of (self) != NULL)
    go_to_action (self, friction, TRUE);
}

static GtkWidget *
commit_ranked_row (StapleSessionPage *self,
                   StapleFriction    *friction,
                   guint              rank,
                   guint              votes,
                   guint              n_actions)
{
  StapleSession *session = session_of (self);
  StapleStage *stage = NULL;
  g_autofree char *text = staple_text_bound (staple_friction_get_text (friction),
                                             STAPLE_TEXT_LONG, STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *title = g_strdup_printf ("%u. %s", rank, text);
  g_autofree char *count = g_strdup_printf ("%u", votes);
  g_autofree char *votes_text = g_strdup_printf (ngettext ("%u vote", "%u votes", votes), votes);
  g_autofree char *actions_text = n_actions == 0
    ? g_strdup (_("no action yet"))
    : g_strdup_printf (ngettext ("%u action", "%u actions", n_actions), n_actions);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = gtk_label_new (count);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  staple_session_find_friction (session, staple_friction_get_id (friction), &stage, NULL);
  /* Translators: under a ranked friction point: votes · stage · actions */
  subtitle = g_strdup_printf (_("%s · %s · %s"), votes_text,
                              stage != NULL ? staple_stage_get_name (stage) : "", actions_text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (n_actions == 0)
    gtk_widget_add_css_class (row, "without-action");

  gtk_widget_add_css_class (badge, "commit-votes");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (badge, votes_text);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);

  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("New Action for This Friction Point"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New action for this friction point"), -1);
  g_signal_connect_object (add, "clicked", G_CALLBACK (new_action_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);

  g_object_set_data_full (G_OBJECT (row), "staple-friction", g_object_ref (friction),
                          g_object_unref);
  return row;
}

/* The row holding the focus, if one in @list does. */
static GtkWidget *
focused_row (GtkListBox *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (list));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (list)))
    return NULL;

  return GTK_IS_LIST_BOX_ROW (focus) ? focus
                                     : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
}

void
update_commit_ranking (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  GtkWidget *focused;
  gint64 focused_id = 0;
  guint n_shown;
  GtkWidget *child;

  if (session == NULL)
    return;

  /* Rebuilt only when what it shows changes, so that the focus stays. */
  ranked = staple_summary_rank_frictions (session);
  n_shown = MIN (ranked->len, 10);
  for (guint i = 0; i < n_shown; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      int first = -1;

      g_string_append_printf (shown, "%" G_GINT64_FORMAT ":%u:%u:%s\n",
                              staple_friction_get_id (friction),
                              staple_summary_count_votes (session, friction),
                              count_actions_for (session, friction, &first),
                              staple_friction_get_text (friction));
    }
  if (g_strcmp0 (shown->str, self->commit_ranking_shown) == 0)
    return;

  g_free (self->commit_ranking_shown);
  self->commit_ranking_shown = g_strdup (shown->str);

  focused = focused_row (self->commit_ranking_list);
  if (focused != NULL && g_object_get_data (G_OBJECT (focused), "staple-friction") != NULL)
    focused_id = staple_friction_get_id (g_object_get_data (G_OBJECT (focused),
                                                            "staple-friction"));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->commit_ranking_list))) != NULL)
    gtk_list_box_remove (self->commit_ranking_list, child);

  for (guint i = 0; i < n_shown; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      int first = -1;
      GtkWidget *row = commit_ranked_row (self, friction, i + 1,
                                          staple_summary_count_votes (session, friction),
                                          count_actions_for (session, friction, &first));

      gtk_list_box_append (self->commit_ranking_list, row);
      if (focused_id != 0 && staple_friction_get_id (friction) == focused_id)
        gtk_widget_grab_focus (row);
    }

  if (n_shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The map has no friction points yet"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->commit_ranking_list, row);
    }
}

/* Below the map: how long the work takes from end to end against how long
 * anyone works on it, and how often it changes hands or gets lost. */
void
update_totals (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);
  StapleJourneyTotals totals;
  g_autofree char *lead = NULL;
  g_autofree char *work = NULL;
  g_autofree char *handoffs = NULL;
  g_autofree char *dropped = NULL;
  g_autofree char *text = NULL;

  if (session == NULL)
    return;

  staple_summary_journey_totals (session, &totals);
  lead = staple_format_minutes (totals.lead_minutes);
  work = staple_format_minutes (totals.work_minutes);
  handoffs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u handoff", "%u handoffs",
                                           totals.n_handoffs), totals.n_handoffs);
  dropped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dropped or misrouted",
                                          "%u dropped or misrouted", totals.n_dropped),
                             totals.n_dropped);
  /* Translators: lead time, work time, its share, "3 handoffs", "1 dropped or misrouted" */
  text = g_strdup_printf (_("Lead time %s · work %s (%.1f %%) · %s · %s"),
                          lead, work,
                          totals.lead_minutes > 0
                          ? 100.0 * totals.work_minutes / totals.lead_minutes : 0.0,
                          handoffs, dropped);
  gtk_label_set_text (self->totals_label, text);
}

