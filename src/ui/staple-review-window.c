/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-review-window.c: the leadership review of one organisation on
 * screen: every walk over time, the principles that keep coming back, where
 * the work waits, the promises kept. Each walk, principle, kind, stage,
 * overdue action and decision opens the session it came from, at the
 * friction point or stage when it has one; the chart is drawn by
 * the same cairo code as the review's PDF, which the header bar exports,
 * with the open actions as calendar to-dos. Coming back to the window
 * reads the review again. */

#include "config.h"

#include <glib/gi18n.h>

#include "staple-export.h"
#include "staple-report.h"
#include "staple-review-chart.h"
#include "staple-review-chart-view.h"
#include "staple-info-row.h"
#include "staple-label.h"
#include "staple-review-window.h"

struct _StapleReviewWindow
{
  AdwWindow        parent_instance;

  StapleStore     *store;
  StapleReview    *review;
  AdwToastOverlay *toasts;
  AdwWindowTitle  *title;
  GtkWidget       *scrolled;
  GtkWidget       *clamp;
  GtkWidget       *chart;
  gboolean         left;    /* another window was active since the review was read */
};

G_DEFINE_FINAL_TYPE (StapleReviewWindow, staple_review_window, ADW_TYPE_WINDOW)

/* A group of rows under a heading, in @box. */
static AdwPreferencesGroup *
add_group (GtkBox     *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A row; with a session, it opens that session (app.open-session), at the
 * friction point or stage when there is one (@action, app.open-friction or
 * app.open-stage, with @item_id). */
static GtkWidget *
add_row_to (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            const char          *suffix,
            gint64               session_id,
            const char          *action,
            gint64               item_id)
{
  /* A StapleInfoRow, as AdwActionRow draws it at the cost of its text
   * alone: a review's seventy rows took some 65 ms more to show as
   * AdwActionRows. */
  GtkWidget *row = staple_info_row_new (title, subtitle, 3);

  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      staple_info_row_add_suffix (STAPLE_INFO_ROW (row), label);
    }
  if (session_id > 0)
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
      staple_info_row_add_suffix (STAPLE_INFO_ROW (row), arrow);
      if (item_id > 0)
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xx)", session_id, item_id);
        }
      else
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-session");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", session_id);
        }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
add_row_at (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            const char          *suffix,
            gint64               session_id,
            gint64               friction_id)
{
  return add_row_to (group, title, subtitle, suffix, session_id, "app.open-friction",
                     friction_id);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *suffix,
         gint64               session_id)
{
  return add_row_to (group, title, subtitle, suffix, session_id, NULL, 0);
}

/* Long lists show their first rows, and a row that shows the rest: a
 * review of hundreds of walks opens at once, not after a second of rows. */
#define SHOWN_AT_FIRST 10
#define SHOWN_CHARTS   12

typedef GtkWidget * (*RowFunc) (StapleReviewWindow  *self,
                         AdwPreferencesGroup *group,
                         guint                index);

typedef struct
{
  StapleReviewWindow  *self;    /* the window holds the row that holds this */
  AdwPreferencesGroup *group;
  RowFunc              add;
  GArray              *indices; /* guint: the items not shown yet */
} More;

static void
more_free (gpointer data)
{
  More *more = data;

  g_array_unref (more->indices);
  g_free (more);
}

static void
show_more_cb (AdwActionRow *row,
              More         *more)
{
  g_autoptr(GArray) indices = g_array_ref (more->indices);
  StapleReviewWindow *self = more->self;
  AdwPreferencesGroup *group = more->group;
  RowFunc add = more->add;

  gboolean focused = gtk_widget_has_focus (GTK_WIDGET (row));
  GtkWidget *first = NULL;

  /* Frees @more. */
  adw_preferences_group_remove (group, GTK_WIDGET (row));
  for (guint i = 0; i < indices->len; i++)
    {
      GtkWidget *added = add (self, group, g_array_index (indices, guint, i));

      if (first == NULL)
        first = added;
    }

  /* The keyboard goes on from the first row it showed. */
  if (focused && first != NULL)
    gtk_widget_grab_focus (first);
}

/* Adds the rows of @indices (taken) to @group, the first SHOWN_AT_FIRST
 * of them at once, the rest behind a row titled @more_title. */
static void
add_rows (StapleReviewWindow  *self,
          AdwPreferencesGroup *group,
          GArray              *indices,
          RowFunc              add,
          const char          *more_title)
{
  More *more;
  GtkWidget *row;

  for (guint i = 0; i < MIN (indices->len, SHOWN_AT_FIRST); i++)
    add (self, group, g_array_index (indices, guint, i));

  if (indices->len <= SHOWN_AT_FIRST)
    {
      g_array_unref (indices);
      return;
    }

  more = g_new0 (More, 1);
  more->self = self;
  more->group = group;
  more->add = add;
  more->indices = g_array_remove_range (indices, 0, SHOWN_AT_FIRST);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more_title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("view-more-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "staple-more", more, more_free);
  g_signal_connect (row, "activated", G_CALLBACK (show_more_cb), more);
  adw_preferences_group_add (group, row);
}

static GArray *
new_indices (void)
{
  return g_array_new (FALSE, FALSE, sizeof (guint));
}

/* The small charts of many journeys show the first SHOWN_AT_FIRST (four
 * rows, three to a row in a window of the default size) and a row that
 * shows the rest, as the long lists do: forty journeys were some 1,500
 * pixels of charts above the walks. */
static void
show_more_charts_cb (GtkListBox         *list,
                     GtkListBoxRow      *row,
                     StapleReviewWindow *self)
{
  /* The keyboard goes on to what follows the row, the first walk. */
  if (gtk_widget_has_focus (GTK_WIDGET (row)))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
  staple_review_chart_view_set_max_cells (STAPLE_REVIEW_CHART_VIEW (self->chart), 0);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (list))), GTK_WIDGET (list));
}

static void
add_more_charts (StapleReviewWindow *self,
                 GtkBox             *column)
{
  guint n = staple_review_chart_count_journeys (self->review);
  g_autofree char *title = NULL;
  GtkWidget *list, *row;

  if (n <= SHOWN_CHARTS)
    return;

  staple_review_chart_view_set_max_cells (STAPLE_REVIEW_CHART_VIEW (self->chart), SHOWN_CHARTS);
  title = g_strdup_printf (ngettext ("Show the Other Journey’s Chart",
                                     "Show the Other %u Journeys’ Charts", n - SHOWN_CHARTS),
                           n - SHOWN_CHARTS);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("view-more-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_signal_connect (list, "row-activated", G_CALLBACK (show_more_charts_cb), self);
  gtk_box_append (column, list);
}

static GtkWidget *add_walk_row (StapleReviewWindow  *self,
                          AdwPreferencesGroup *group,
                          guint                index);

static void
add_walks (StapleReviewWindow *self,
           GtkBox             *box)
{
  AdwPreferencesGroup *group;

  group = add_group (box, _("Lead Time and Work Time"),
                     _("Each journey's walks over their dates: the lead time solid, the work "
                       "time dashed. Walks linked by Walk Again are one journey."));
  self->chart = staple_review_chart_view_new (self->review);
  gtk_widget_set_hexpand (self->chart, TRUE);
  gtk_widget_set_margin_top (self->chart, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart of lead time and work time per walk; "
                                    "the walks below list the same times"), -1);
  {
    /* The chart, and under it the row that shows all of it: a group puts
     * its rows above any other widget. */
    GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    gtk_box_append (GTK_BOX (column), self->chart);
    add_more_charts (self, GTK_BOX (column));
    adw_preferences_group_add (group, column);
  }

  group = add_group (box, _("Walks"), _("The latest first"));
  {
    GArray *indices = new_indices ();
    guint n = self->review->walks->len;
    g_autofree char *more = g_strdup_printf (ngettext ("Show the Other Walk",
                                                       "Show the Other %u Walks",
                                                       n - MIN (n, SHOWN_AT_FIRST)),
                                             n - MIN (n, SHOWN_AT_FIRST));

    for (guint i = n; i-- > 0;)
      g_array_append_val (indices, i);
    add_rows (self, group, indices, add_walk_row, more);
  }
}

static GtkWidget *
add_walk_row (StapleReviewWindow  *self,
              AdwPreferencesGroup *group,
              guint                index)
{
  StapleReviewWalk *walk = &g_array_index (self->review->walks, StapleReviewWalk, index);
  g_autofree char *lead = staple_format_minutes (walk->lead_minutes);
  g_autofree char *work = staple_format_minutes (walk->work_minutes);
  /* Translators: a walk's row in the review, e.g.
   * "2026-03-10 · journey 1 · lead time 2 h, of which 30 min work · 8 friction points" */
  g_autofree char *subtitle =
    g_strdup_printf (ngettext ("%s · journey %u · lead time %s, of which %s work · "
                               "%u friction point",
                               "%s · journey %u · lead time %s, of which %s work · "
                               "%u friction points", walk->n_frictions),
                     *walk->date != '\0' ? walk->date : _("no date"),
                     staple_review_journey_number (self->review, walk->journey_id), lead,
                     work, walk->n_frictions);

  return add_row (group, walk->title, subtitle, NULL, walk->session_id);
}

static void
add_principles (StapleReviewWindow *self,
                GtkBox             *box)
{
  GArray *principles = self->review->principles;
  AdwPreferencesGroup *group;

  group = add_group (box, _("The Principles Behind the Friction"),
                     _("A principle that recurs walk after walk is a habit of management; one "
                       "that went away is a change that held."));
  if (principles->len == 0)
    add_row (group, _("No friction point was traced to a principle yet"), NULL, NULL, 0);

  for (guint i = 0; i < principles->len; i++)
    {
      StapleReviewPrinciple *principle = &g_array_index (principles, StapleReviewPrinciple, i);
      g_autofree char *last = staple_review_name_walk (self->review, principle->session_id);
      g_autofree char *walks = g_strdup_printf (ngettext ("in %u walk", "in %u walks",
                                                          principle->n_walks),
                                                principle->n_walks);
      g_autofree char *frictions = g_strdup_printf (ngettext ("%u friction point",
                                                              "%u friction points",
                                                              principle->n_frictions),
                                                    principle->n_frictions);
      /* Translators: e.g. "in 2 walks, 3 friction points; last in Returns (2026-03-10)" */
      g_autofree char *subtitle = g_strdup_printf (_("%s, %s; last in %s"), walks, frictions,
                                                   last);

      add_row_at (group, staple_principle_get_label (principle->principle), subtitle,
                  staple_review_trend_get_label (principle->trend), principle->session_id,
                  principle->friction_id);
    }
}

static void
add_kinds_and_waits (StapleReviewWindow *self,
                     GtkBox             *box)
{
  AdwPreferencesGroup *group = add_group (box, _("Friction by Kind"), NULL);

  if (self->review->kinds->len == 0)
    add_row (group, _("No friction points yet"), NULL, NULL, 0);
  for (guint i = 0; i < self->review->kinds->len; i++)
    {
      StapleReviewKind *kind = &g_array_index (self->review->kinds, StapleReviewKind, i);
      g_autofree char *count = g_strdup_printf ("%u", kind->n_frictions);
      g_autofree char *walks = g_strdup_printf (ngettext ("in %u walk", "in %u walks",
                                                          kind->n_walks), kind->n_walks);
      g_autofree char *last = staple_review_name_walk (self->review, kind->session_id);
      /* Translators: a kind of friction in the review, e.g.
       * "in 3 walks; last in Returns (2026-03-10)" */
      g_autofree char *subtitle = g_strdup_printf (_("%s; last in %s"), walks, last);

      add_row_at (group, staple_friction_kind_get_label (kind->kind), subtitle, count,
                  kind->session_id, kind->friction_id);
    }

  group = add_group (box, _("Where the Work Waits Longest"), NULL);
  if (self->review->waits->len == 0)
    add_row (group, _("No stage has a waiting time yet"), NULL, NULL, 0);
  for (guint i = 0; i < self->review->waits->len; i++)
    {
      StapleReviewWait *wait = &g_array_index (self->review->waits, StapleReviewWait, i);
      g_autofree char *longest = staple_format_minutes (wait->wait_minutes_max);
      g_autofree char *walk = staple_review_name_walk (self->review, wait->session_id);
      /* Translators: e.g. "longest in Returns (2026-01-10); stage of 3 walks" */
      g_autofree char *subtitle = g_strdup_printf (ngettext ("longest in %s; a stage of %u walk",
                                                             "longest in %s; a stage of %u walks",
                                                             wait->n_walks),
                                                   walk, wait->n_walks);

      add_row_to (group, wait->name, subtitle, longest, wait->session_id, "app.open-stage",
                  wait->stage_id);
    }
}

static GtkWidget *
add_owner_row (StapleReviewWindow  *self,
               AdwPreferencesGroup *group,
               guint                index)
{
  StapleReviewOwner *owner = &g_array_index (self->review->owners, StapleReviewOwner, index);
  /* Translators: an owner's actions in the review */
  g_autofree char *counts = g_strdup_printf (_("%u done · %u open · %u overdue · %u dropped"),
                                             owner->n_done, owner->n_open, owner->n_overdue,
                                             owner->n_dropped);

  if (owner->n_timed > 0)
    {
      /* Translators: how long an owner's done actions took, after their counts */
      char *took = g_strdup_printf (ngettext ("%s · done a median %u day after the walk",
                                              "%s · done a median %u days after the walk",
                                              owner->median_days),
                                    counts, owner->median_days);

      g_free (counts);
      counts = took;
    }

  return add_row (group, *owner->owner != '\0' ? owner->owner : _("Nobody yet"), counts, NULL, 0);
}

static GtkWidget *
add_overdue_row (StapleReviewWindow  *self,
                 AdwPreferencesGroup *group,
                 guint                index)
{
  StapleReviewAction *action = &g_array_index (self->review->actions, StapleReviewAction, index);
  g_autofree char *walk = staple_review_name_walk (self->review, action->session_id);
  /* Translators: an overdue action: its owner, due day and walk */
  g_autofree char *subtitle = g_strdup_printf (_("%s · due %s · from %s"),
                                               *action->owner != '\0' ? action->owner
                                                                      : _("Nobody yet"),
                                               action->due, walk);

  return add_row_at (group, action->text, subtitle, NULL, action->session_id,
                     action->friction_id);
}

static void
add_promises (StapleReviewWindow *self,
              GtkBox             *box)
{
  StapleReview *review = self->review;
  AdwPreferencesGroup *group;
  AdwPreferencesGroup *overdue = NULL;

  group = add_group (box, _("Promises Kept"),
                     _("The actions the walks agreed, by owner. An action carried into the "
                       "next walk of its journey counts there, once."));
  if (review->owners->len == 0)
    add_row (group, _("No actions agreed yet"), NULL, NULL, 0);
  {
    GArray *indices = new_indices ();
    guint n = review->owners->len;
    g_autofree char *more = g_strdup_printf (ngettext ("Show the Other Owner",
                                                       "Show the Other %u Owners",
                                                       n - MIN (n, SHOWN_AT_FIRST)),
                                             n - MIN (n, SHOWN_AT_FIRST));

    for (guint i = 0; i < n; i++)
      g_array_append_val (indices, i);
    add_rows (self, group, indices, add_owner_row, more);
  }

  {
    GArray *indices = staple_review_list_overdue (review);
    g_autofree char *more = NULL;
    guint n;

    n = indices->len;
    if (n > 0)
      overdue = add_group (box, _("Overdue"), _("The longest overdue first"));
    more = g_strdup_printf (ngettext ("Show the Other Overdue Action",
                                      "Show the Other %u Overdue Actions",
                                      n - MIN (n, SHOWN_AT_FIRST)),
                            n - MIN (n, SHOWN_AT_FIRST));
    if (n > 0)
      add_rows (self, overdue, indices, add_overdue_row, more);
    else
      g_array_unref (indices);
  }

  group = add_group (box, _("Decisions Handed to Front-Line Staff"), NULL);
  if (review->empowerments->len == 0)
    add_row (group, _("Nothing handed on yet"), NULL, NULL, 0);
  for (guint i = 0; i < review->empowerments->len; i++)
    {
      StapleReviewEmpowerment *item = &g_array_index (review->empowerments,
                                                      StapleReviewEmpowerment, i);
      g_autofree char *walk = staple_review_name_walk (review, item->session_id);

      add_row (group, item->text, walk, NULL, item->session_id);
    }
}

/* Exporting: the PDF and the to-dos, written at once (a few hundred walks
 * take a fraction of a second). */

static char *
default_name (StapleReviewWindow *self,
              const char         *extension)
{
  /* Translators: the file name the review is exported under; %s is the organisation */
  g_autofree char *base = g_strdup_printf (_("Review of %s"), self->review->organisation);
  char *name = g_strdup_printf ("%s.%s", base, extension);

  g_strdelimit (name, "/\\:", '-');
  return name;
}

static void
export_response_cb (GtkNativeDialog    *chooser,
                    int                 response,
                    StapleReviewWindow *self)
{
  gboolean ics = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "ics"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      StapleReportOptions options;
      gboolean written;
      const char *said;

      staple_report_options_init (&options);
      options.orientation = STAPLE_ORIENTATION_PORTRAIT;
      written = path != NULL &&
                (ics ? staple_export_review_ics (self->review, path, &error)
                     : staple_report_write_review_pdf (self->review, &options, path, &error));
      if (path == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("That place has no local path; choose a folder on this "
                               "computer."));
      said = !written ? error->message : ics ? _("Open actions exported") : _("Review exported");
      adw_toast_overlay_add_toast (self->toasts, staple_label_new_toast (said));
    }

  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StapleReviewWindow *self = STAPLE_REVIEW_WINDOW (widget);
  gboolean ics = g_str_equal (action_name, "review.export-ics");
  g_autofree char *name = default_name (self, ics ? "ics" : "pdf");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (ics ? _("Export the Open Actions")
                                             : _("Export the Review"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "ics", GINT_TO_POINTER (ics));
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
staple_review_window_finalize (GObject *object)
{
  StapleReviewWindow *self = STAPLE_REVIEW_WINDOW (object);

  g_clear_pointer (&self->review, staple_review_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (staple_review_window_parent_class)->finalize (object);
}

static void
staple_review_window_class_init (StapleReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = staple_review_window_finalize;

  gtk_widget_class_install_action (widget_class, "review.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "review.export-ics", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "review.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
staple_review_window_init (StapleReviewWindow *self)
{
}

static char *
describe_walks (StapleReview *review)
{
  g_autofree char *walks = g_strdup_printf (ngettext ("%u walk", "%u walks", review->walks->len),
                                            review->walks->len);
  g_autofree char *journeys = g_strdup_printf (ngettext ("%u journey", "%u journeys",
                                                         review->n_journeys),
                                               review->n_journeys);

  /* Translators: the review window's subtitle, e.g. "3 walks of 1 journey" */
  return g_strdup_printf (_("%s of %s"), walks, journeys);
}

static GtkWidget *
make_header (StapleReviewWindow *self)
{
  GtkWidget *header = adw_header_bar_new ();
  g_autofree char *subtitle = describe_walks (self->review);
  g_autofree char *title = g_strdup_printf (_("Review of %s"), self->review->organisation);
  GtkWidget *pdf = gtk_button_new_with_mnemonic (_("Export _PDF…"));
  GtkWidget *ics = gtk_button_new_with_mnemonic (_("Export _To-Dos…"));

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (title, subtitle));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pdf), "review.export-pdf");
  gtk_widget_set_tooltip_text (pdf, _("The review as a PDF, to print or to send"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (ics), "review.export-ics");
  gtk_widget_set_tooltip_text (ics, _("The open actions as calendar to-dos"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), pdf);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), ics);
  return header;
}

/* The review's sections, in the clamp. */
static void
fill (StapleReviewWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  add_walks (self, GTK_BOX (box));
  add_principles (self, GTK_BOX (box));
  add_kinds_and_waits (self, GTK_BOX (box));
  add_promises (self, GTK_BOX (box));
  adw_clamp_set_child (ADW_CLAMP (self->clamp), box);
}

static gboolean
restore_scroll_cb (gpointer data)
{
  g_autoptr(GObject) adjustment = data;
  double *value = g_object_get_data (adjustment, "staple-value");

  gtk_adjustment_set_value (GTK_ADJUSTMENT (adjustment), *value);
  return G_SOURCE_REMOVE;
}

/* Read again on coming back to the window: the session a row opened may
 * have been changed meanwhile (an action done, a walk walked again). The
 * place scrolled to stays. */
static void
active_changed_cb (StapleReviewWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  StapleReview *review;
  g_autofree char *subtitle = NULL;
  double *value;

  if (!gtk_window_is_active (GTK_WINDOW (self)))
    {
      self->left = TRUE;
      return;
    }
  if (!self->left)
    return;
  self->left = FALSE;

  review = staple_store_review_organisation (self->store, self->review->organisation, NULL,
                                             &error);
  if (review == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, staple_label_new_toast (error->message));
      return;
    }
  if (review->walks->len == 0)
    {
      /* Every walk gone to the trash: what was read stays in view. */
      g_autofree char *message = g_strdup_printf (_("No session of “%s” is left in the "
                                                    "library"), review->organisation);

      staple_review_free (review);
      adw_toast_overlay_add_toast (self->toasts, staple_label_new_toast (message));
      return;
    }

  staple_review_free (self->review);
  self->review = review;
  subtitle = describe_walks (review);
  adw_window_title_set_subtitle (self->title, subtitle);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  value = g_new (double, 1);
  *value = gtk_adjustment_get_value (adjustment);
  g_object_set_data_full (G_OBJECT (adjustment), "staple-value", value, g_free);
  fill (self);
  g_idle_add (restore_scroll_cb, g_object_ref (adjustment));
}

/**
 * staple_review_window_new:
 * @parent: the window it is opened from, whose application it joins
 * @store: the database, read again when the window is come back to
 * @review: (transfer full): the review to show
 *
 * Returns: (transfer floating): the review's window, not yet shown
 */
StapleReviewWindow *
staple_review_window_new (GtkWindow    *parent,
                          StapleStore  *store,
                          StapleReview *review)
{
  /* A window of its own, not above the main one: a row opens its session
   * there, which comes to the front. */
  StapleReviewWindow *self = g_object_new (STAPLE_TYPE_REVIEW_WINDOW,
                                           "default-width", 760,
                                           "default-height", 820,
                                           NULL);
  g_autofree char *title = NULL;
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->store = g_object_ref (store);
  self->review = review;
  title = g_strdup_printf (_("Review of %s"), review->organisation);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));

  self->clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->clamp), 900);
  fill (self);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scrolled, TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, self->scrolled);
  gtk_box_append (GTK_BOX (content), make_header (self));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), content);
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (active_changed_cb), self);
  return self;
}
