/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-compare-dialog.c: what changed between two walks of the same
 * journey: times, friction points, feelings, stages and actions. */
#define G_LOG_DOMAIN "staple-compare-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-compare-dialog.h"
#include "staple-export.h"
#include "staple-export-compare.h"
#include "staple-text.h"

static void
add_text_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *shown = staple_text_bound (title, STAPLE_TEXT_LONG, STAPLE_TEXT_BOUND_NONE);

  /* A few lines of each text, never laid out whole. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
}

static AdwPreferencesGroup *
add_group (GtkBox     *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    {
      g_autofree char *shown = staple_text_bound (description, STAPLE_TEXT_SHORT,
                                                  STAPLE_TEXT_BOUND_ONE_LINE);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), shown);
    }
  gtk_box_append (box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
add_list (GtkBox     *box,
          const char *title,
          GPtrArray  *items,
          const char *(*text_of) (gpointer item))
{
  AdwPreferencesGroup *group = add_group (box, title, NULL);

  if (items->len == 0)
    add_text_row (group, _("None"), NULL);

  for (guint i = 0; i < items->len; i++)
    add_text_row (group, text_of (g_ptr_array_index (items, i)), NULL);
}

static const char *
stage_text (gpointer item)
{
  return staple_stage_get_name (item);
}

static const char *
friction_text (gpointer item)
{
  return staple_friction_get_text (item);
}

static const char *
action_text (gpointer item)
{
  return staple_action_get_text (item);
}

/* A time on both walks, and by how much it changed, beside what it is. A
 * walk with no times noted at all gets a dash, as a stage it does not have. */
static void
add_time_row (AdwPreferencesGroup *group,
              const char          *title,
              gboolean             in_earlier,
              guint                earlier,
              gboolean             in_later,
              guint                later)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *shown = staple_text_bound (title, STAPLE_TEXT_SHORT,
                                              STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *times = staple_compare_format_times (in_earlier, earlier, in_later, later);
  GtkWidget *label = gtk_label_new (times);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (values, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (values), label);

  if (in_earlier && in_later)
    {
      g_autofree char *change = staple_compare_format_difference (earlier, later);

      label = gtk_label_new (change);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "caption");
      if (later < earlier)
        gtk_widget_add_css_class (label, "success");
      else if (later > earlier)
        gtk_widget_add_css_class (label, "warning");
      else
        gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (values), label);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), values);
  adw_preferences_group_add (group, row);
}

/* The core finding of a walk: how long the work takes end to end, and where
 * it waits. */
static void
add_times (GtkBox           *box,
           StapleComparison *comparison)
{
  const StapleJourneyTotals *before = &comparison->totals_earlier;
  const StapleJourneyTotals *after = &comparison->totals_later;
  gboolean timed_before = before->lead_minutes > 0;
  gboolean timed_after = after->lead_minutes > 0;
  g_autofree char *untimed = NULL;
  AdwPreferencesGroup *group;

  group = add_group (box, _("Time"), _("Lead time is work plus waiting, end to end"));
  if (!timed_before && !timed_after)
    {
      add_text_row (group, _("No work or waiting times noted on either walk"), NULL);
      return;
    }

  add_time_row (group, _("Lead time"), timed_before, before->lead_minutes, timed_after,
                after->lead_minutes);
  add_time_row (group, _("Work"), timed_before, before->work_minutes, timed_after,
                after->work_minutes);
  add_time_row (group, _("Waiting"), timed_before, before->wait_minutes, timed_after,
                after->wait_minutes);

  untimed = staple_compare_describe_untimed (comparison);
  if (untimed != NULL)
    {
      g_autofree char *description = g_strdup_printf ("%s. %s",
                                                      _("Lead time is work plus waiting, end to "
                                                        "end"),
                                                      untimed);

      adw_preferences_group_set_description (group, description);
    }

  group = add_group (box, _("Waiting at Each Stage"),
                     !timed_after ? _("No times noted on this walk yet: note them on the map")
                     : !timed_before ? _("The earlier walk noted no times")
                     : _("A dash: no time noted there"));
  for (guint i = 0; i < comparison->stages->len; i++)
    {
      const StapleCompareStage *entry = &g_array_index (comparison->stages, StapleCompareStage, i);

      add_time_row (group, entry->stage_name, entry->timed_earlier, (guint) entry->wait_earlier,
                    entry->timed_later, (guint) entry->wait_later);
    }
}

typedef struct
{
  StapleComparison *comparison;
  char             *earlier_label;
  char             *later_label;
} Chart;

static void
chart_free (gpointer data)
{
  Chart *chart = data;

  g_clear_pointer (&chart->comparison, staple_comparison_free);
  g_free (chart->earlier_label);
  g_free (chart->later_label);
  g_free (chart);
}

static void
draw_feelings (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  Chart *chart = data;
  GdkRGBA color;
  double ink[3];

  /* The text and grid follow the style's colour, for the dark style too. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  ink[0] = color.red;
  ink[1] = color.green;
  ink[2] = color.blue;
  cairo_translate (cr, 12, 12);
  staple_compare_chart_draw (cr, chart->comparison, chart->earlier_label, chart->later_label,
                             width - 24, height - 24, ink);
}

static GtkWidget *
feelings_chart (StapleSession *earlier,
                StapleSession *later)
{
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("How the Customer and the Staff Felt"));
  Chart *chart = g_new0 (Chart, 1);
  g_autofree char *earlier_date = staple_action_format_due (staple_session_get_date (earlier),
                                                            NULL);
  g_autofree char *later_date = staple_action_format_due (staple_session_get_date (later), NULL);

  chart->comparison = staple_compare_walks (earlier, later);
  /* Translators: the legend of the feelings chart, with the walk's date */
  chart->earlier_label = g_strdup_printf (_("Earlier walk, %s"), earlier_date);
  /* Translators: the legend of the feelings chart, with the walk's date */
  chart->later_label = g_strdup_printf (_("This walk, %s"), later_date);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 340);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_feelings, chart, chart_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Feelings at each stage on both walks"), -1);
  gtk_widget_add_css_class (area, "card");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), area);
  return box;
}

static void
pdf_response_cb (GtkNativeDialog *chooser,
                 int              response,
                 GtkWindow       *window)
{
  StapleSession *earlier = g_object_get_data (G_OBJECT (window), "earlier");
  StapleSession *later = g_object_get_data (G_OBJECT (window), "later");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!staple_export_comparison_pdf (earlier, later, g_file_peek_path (file), &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (window, _("Could Not Export"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }

  g_object_unref (chooser);
}

static void
export_clicked_cb (GtkWindow *window)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Comparison"), window,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Comparison.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (pdf_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * staple_compare_dialog_new:
 * @parent: the window it belongs to
 * @earlier: the first walk
 * @later: the walk after it
 *
 * Returns: (transfer floating): a window showing what changed
 */
GtkWidget *
staple_compare_dialog_new (GtkWindow     *parent,
                           StapleSession *earlier,
                           StapleSession *later)
{
  g_autoptr(StapleComparison) comparison = staple_compare_walks (earlier, later);
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  GtkWidget *header;
  GtkWidget *export;
  /* Dates as the reader's locale writes them. */
  g_autofree char *earlier_date = staple_action_format_due (staple_session_get_date (earlier),
                                                            NULL);
  g_autofree char *title = g_strdup_printf (_("Since %s"), earlier_date);

  gtk_window_set_title (GTK_WINDOW (window), _("Compare the Walks"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);

  add_group (box, title, staple_session_get_title (earlier));
  add_times (box, comparison);
  gtk_box_append (box, feelings_chart (earlier, later));
  /* Not "resolved": a follow-up just begun has met none of them yet. */
  add_list (box, _("Friction Points Not Met on This Walk"), comparison->frictions_resolved,
            friction_text);
  add_list (box, _("New Friction Points"), comparison->frictions_new, friction_text);
  add_list (box, _("Stages Added"), comparison->stages_added, stage_text);
  add_list (box, _("Stages Removed"), comparison->stages_removed, stage_text);
  add_list (box, _("Actions Done"), comparison->actions_done, action_text);
  add_list (box, _("Actions Still Open"), comparison->actions_open, action_text);

  gtk_widget_set_margin_top (GTK_WIDGET (box), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (box), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (box), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  header = adw_header_bar_new ();
  export = gtk_button_new_with_mnemonic (_("_Export PDF…"));
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (export_clicked_cb), window);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  g_object_set_data_full (G_OBJECT (window), "earlier", g_object_ref (earlier), g_object_unref);
  g_object_set_data_full (G_OBJECT (window), "later", g_object_ref (later), g_object_unref);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (window), content);
  return window;
}
