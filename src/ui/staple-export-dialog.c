/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-dialog.c: what to put on paper, on what paper, and where
 * to save the PDF. The same report prints through the print dialog. */
#define G_LOG_DOMAIN "staple-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-export-dialog.h"
#include "staple-window.h"

struct _StapleExportDialog
{
  AdwWindow             parent_instance;

  StapleSession        *session;
  AdwComboRow          *kind_row;
  AdwComboRow          *paper_row;
  AdwComboRow          *orientation_row;
  GtkSpinButton        *margin_spin;
  GtkSwitch            *poster_switch;
  GtkSpinButton        *columns_spin;
  GtkSpinButton        *rows_spin;
  GtkSpinButton        *overlap_spin;
  GtkSwitch            *marks_switch;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (StapleExportDialog, staple_export_dialog, ADW_TYPE_WINDOW)

static void
read_options (StapleExportDialog  *self,
              StapleReportOptions *options)
{
  static const StapleReportKind kinds[] = {
    STAPLE_REPORT_FULL, STAPLE_REPORT_MAP, STAPLE_REPORT_SUMMARY, STAPLE_REPORT_WALK_SHEETS,
  };
  static const StaplePaper papers[] = {
    STAPLE_PAPER_A4, STAPLE_PAPER_A3, STAPLE_PAPER_LETTER, STAPLE_PAPER_TABLOID,
    STAPLE_PAPER_A1, STAPLE_PAPER_A0,
  };
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint paper = adw_combo_row_get_selected (self->paper_row);

  staple_report_options_init (options);
  options->kind = kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)];
  options->paper = papers[MIN (paper, G_N_ELEMENTS (papers) - 1)];
  options->orientation = adw_combo_row_get_selected (self->orientation_row) == 0
                         ? STAPLE_ORIENTATION_LANDSCAPE : STAPLE_ORIENTATION_PORTRAIT;
  options->margin_mm = gtk_spin_button_get_value (self->margin_spin);
  if (gtk_switch_get_active (self->poster_switch))
    {
      options->poster_columns = (guint) gtk_spin_button_get_value_as_int (self->columns_spin);
      options->poster_rows = (guint) gtk_spin_button_get_value_as_int (self->rows_spin);
      options->overlap_mm = gtk_spin_button_get_value (self->overlap_spin);
      options->cut_marks = gtk_switch_get_active (self->marks_switch);
    }
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     StapleExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  StapleReportOptions options;

  if (response != GTK_RESPONSE_ACCEPT || !STAPLE_IS_WINDOW (parent))
    return;

  /* The window writes it in the background and tells how it went. */
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  read_options (self, &options);
  staple_window_export_pdf (STAPLE_WINDOW (parent), self->session, &options, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
export_clicked_cb (StapleExportDialog *self)
{
  g_autofree char *name = NULL;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  name = g_strdup_printf ("%s.pdf", staple_session_get_title (self->session));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
combo_row (AdwPreferencesGroup *group,
           const char          *title,
           const char * const  *items)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) items);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (group, row);
  return row;
}

static GtkSpinButton *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          double               min,
          double               max,
          double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static GtkSwitch *
switch_row (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);
  return GTK_SWITCH (toggle);
}

static void
build (StapleExportDialog *self)
{
  const char * const kinds[] = {
    _("The map and the report"), _("The map only"), _("One-page leadership summary"),
    _("Blank walk sheets"), NULL,
  };
  const char * const papers[] = { "A4", "A3", "Letter", "Tabloid", _("A1 (plotter)"),
                                  _("A0 (plotter)"), NULL };
  const char * const orientations[] = { _("Landscape"), _("Portrait"), NULL };
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *what = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *poster = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Export…"));

  adw_preferences_group_set_title (what, _("What and on What Paper"));
  self->kind_row = ADW_COMBO_ROW (combo_row (what, _("Contents"), kinds));
  self->paper_row = ADW_COMBO_ROW (combo_row (what, _("Paper"), papers));
  self->orientation_row = ADW_COMBO_ROW (combo_row (what, _("Orientation"), orientations));
  self->margin_spin = spin_row (what, _("Margins (mm)"), 0, 50, 12);

  adw_preferences_group_set_title (poster, _("Wall Poster"));
  adw_preferences_group_set_description (poster, _("Tile the map over several pages to tape "
                                                   "together on the wall"));
  self->poster_switch = switch_row (poster, _("Print as a poster"), NULL, FALSE);
  self->columns_spin = spin_row (poster, _("Pages across"), 1, 20, 3);
  self->rows_spin = spin_row (poster, _("Pages down"), 1, 20, 2);
  self->overlap_spin = spin_row (poster, _("Overlap (mm)"), 0, 40, 10);
  self->marks_switch = switch_row (poster, _("Cut marks"), _("Where to trim each page"), TRUE);

  adw_preferences_page_add (page, what);
  adw_preferences_page_add (page, poster);

  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), button);
}

static void
staple_export_dialog_dispose (GObject *object)
{
  StapleExportDialog *self = STAPLE_EXPORT_DIALOG (object);

  g_clear_object (&self->chooser);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (staple_export_dialog_parent_class)->dispose (object);
}

static void
staple_export_dialog_class_init (StapleExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = staple_export_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
staple_export_dialog_init (StapleExportDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Export PDF"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  build (self);
}

/**
 * staple_export_dialog_new:
 * @parent: the window it belongs to
 * @session: the session to export
 *
 * Returns: (transfer floating): the dialog, not shown yet
 */
GtkWidget *
staple_export_dialog_new (GtkWindow     *parent,
                          StapleSession *session)
{
  StapleExportDialog *self;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);

  self = g_object_new (STAPLE_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}
