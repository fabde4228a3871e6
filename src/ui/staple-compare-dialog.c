/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-compare-dialog.c: what changed between two walks of the same
 * journey: stages, friction points, feelings and actions. */
#define G_LOG_DOMAIN "staple-compare-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-compare-dialog.h"
#include "staple-export.h"
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

/* Both walks' feeling curves on one chart: the earlier dashed, the later
 * solid; customer in blue, staff in green. */
static void
draw_feelings (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  GArray *feelings = data;
  double pad = 24;
  double step = feelings->len > 1 ? (width - 2 * pad) / (feelings->len - 1) : 0;

  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, pad, height / 2.0);
  cairo_line_to (cr, width - pad, height / 2.0);
  cairo_stroke (cr);

  for (guint curve = 0; curve < 4; curve++)
    {
      gboolean later = curve % 2 == 1;
      gboolean staff = curve >= 2;
      gboolean started = FALSE;

      for (guint i = 0; i < feelings->len; i++)
        {
          StapleCompareFeeling *f = &g_array_index (feelings, StapleCompareFeeling, i);
          int value = staff ? (later ? f->staff_later : f->staff_earlier)
                            : (later ? f->customer_later : f->customer_earlier);
          double x = pad + i * step;
          double y = height / 2.0 - value * (height / 2.0 - pad) / 2.0;

          if (!(later ? f->in_later : f->in_earlier))
            continue;
          if (started)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          started = TRUE;
        }

      if (staff)
        cairo_set_source_rgb (cr, 0.0, 0.52, 0.38);
      else
        cairo_set_source_rgb (cr, 0.0, 0.45, 0.70);
      cairo_set_line_width (cr, later ? 3 : 2);
      cairo_set_dash (cr, (double[]) { 6, 4 }, later ? 0 : 2, 0);
      cairo_stroke (cr);
    }
}

static GtkWidget *
feelings_chart (GArray *feelings)
{
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *caption = gtk_label_new (_("Customer (blue) and staff (green): the earlier walk "
                                        "dashed, this walk solid; +2 at the top, −2 at the "
                                        "bottom"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 160);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_feelings,
                                  g_array_ref (feelings), (GDestroyNotify) g_array_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Feelings of both walks"), -1);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (area, "card");
  gtk_box_append (GTK_BOX (box), area);
  gtk_box_append (GTK_BOX (box), caption);
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
  g_autofree char *title = g_strdup_printf (_("Since %s"), staple_session_get_date (earlier));

  gtk_window_set_title (GTK_WINDOW (window), _("Compare the Walks"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);

  add_group (box, title, staple_session_get_title (earlier));
  add_list (box, _("Friction Points Resolved"), comparison->frictions_resolved, friction_text);
  add_list (box, _("New Friction Points"), comparison->frictions_new, friction_text);
  gtk_box_append (box, feelings_chart (comparison->feelings));
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
