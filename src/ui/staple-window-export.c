/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-window-export.c: the window's actions that put a session on paper
 * or in files: the PDF dialog, printing, the map as PNG, and the Open
 * button of an export's toast. */
#define G_LOG_DOMAIN "staple-window"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-export.h"
#include "staple-export-dialog.h"
#include "staple-report.h"
#include "staple-share.h"
#include "staple-window-private.h"

static StapleSession *
session_of (StapleWindow *self)
{
  return self->editor != NULL ? staple_editor_get_session (self->editor) : NULL;
}

static void
export_pdf_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(StapleSession) loaded = NULL;
  g_autoptr(GError) error = NULL;
  StapleSession *session = session_of (self);

  /* From the library: any session, by id. */
  if (parameter != NULL)
    {
      loaded = staple_store_load_session (self->store, g_variant_get_int64 (parameter), &error);
      if (loaded == NULL)
        {
          staple_window_show_error (self, error);
          return;
        }
      session = loaded;
    }

  if (session != NULL)
    gtk_window_present (GTK_WINDOW (staple_export_dialog_new (GTK_WINDOW (self), session)));
}

/* Printing: the report for the paper the page setup says. */

static char *
print_settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), APP_ID, "printing.ini", NULL);
}

static void
load_print_settings (GtkPrintOperation *operation)
{
  g_autofree char *path = print_settings_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return;

  settings = gtk_print_settings_new_from_key_file (file, NULL, NULL);
  setup = gtk_page_setup_new_from_key_file (file, NULL, NULL);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);
  if (setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, setup);
}

/* Remembers the printer, paper and orientation for the next print. */
static void
save_print_settings (GtkPrintOperation *operation)
{
  g_autofree char *path = print_settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  GtkPageSetup *setup = gtk_print_operation_get_default_page_setup (operation);

  if (settings != NULL)
    gtk_print_settings_to_key_file (settings, file, NULL);
  if (setup != NULL)
    gtk_page_setup_to_key_file (setup, file, NULL);

  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_key_file_save_to_file (file, path, NULL);
}

static StaplePaper
paper_for (GtkPageSetup      *setup,
           StapleOrientation *orientation)
{
  static const StaplePaper papers[] = {
    STAPLE_PAPER_A4, STAPLE_PAPER_A3, STAPLE_PAPER_LETTER, STAPLE_PAPER_TABLOID,
    STAPLE_PAPER_A1, STAPLE_PAPER_A0,
  };
  double width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
  double height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);
  GtkPageOrientation page = gtk_page_setup_get_orientation (setup);

  *orientation = page == GTK_PAGE_ORIENTATION_PORTRAIT ||
                 page == GTK_PAGE_ORIENTATION_REVERSE_PORTRAIT
                 ? STAPLE_ORIENTATION_PORTRAIT : STAPLE_ORIENTATION_LANDSCAPE;

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      double w, h;

      staple_paper_get_size (papers[i], STAPLE_ORIENTATION_PORTRAIT, &w, &h);
      if (ABS (w - MIN (width, height)) < 3 && ABS (h - MAX (width, height)) < 3)
        return papers[i];
    }

  return STAPLE_PAPER_A4;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                StapleWindow      *self)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  StapleReportOptions options;
  StapleReport *report;

  staple_report_options_init (&options);
  options.paper = paper_for (setup, &options.orientation);
  report = staple_report_new (session_of (self), &options);
  g_object_set_data_full (G_OBJECT (operation), "report", report, g_object_unref);
  gtk_print_operation_set_n_pages (operation, (int) staple_report_get_n_pages (report));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              StapleWindow      *self)
{
  StapleReport *report = g_object_get_data (G_OBJECT (operation), "report");
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);

  /* The context's units are points (set below); the page is the paper. */
  staple_report_draw_page (report, gtk_print_context_get_cairo_context (context), (guint) page,
                           gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                           gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS));
}

/* Printed to a file with GTK's Print to File printer: the toast opens it.
 * The file is written as the pages are, so by the time its Open button is
 * pressed; the button checks that it is there. */
static void
show_printed_file (StapleWindow      *self,
                   GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  const char *uri;

  if (settings == NULL ||
      g_strcmp0 (gtk_print_settings_get_printer (settings),
                 g_dgettext ("gtk40", "Print to File")) != 0)
    return;

  uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  if (uri == NULL || !g_str_has_prefix (uri, "file://"))
    return;

  file = g_file_new_for_uri (uri);
  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Printed to “%s”"), name);
  staple_window_show_export_toast (self, message, file);
}

static void
print_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (session_of (self) == NULL)
    return;

  operation = gtk_print_operation_new ();
  load_print_settings (operation);
  gtk_print_operation_set_job_name (operation, staple_session_get_title (session_of (self)));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    staple_window_show_error (self, error);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      save_print_settings (operation);
      show_printed_file (self, operation);
    }
}

/* The map as an image, and the friction points and actions for spreadsheets */

typedef enum { EXPORT_PNG, EXPORT_SVG, EXPORT_CSV } ExportKind;

static gboolean
write_export (StapleSession  *session,
              ExportKind      kind,
              const char     *path,
              char          **note,
              GError        **error)
{
  g_autofree char *actions = NULL;
  g_autofree char *stages = NULL;
  StapleExportPngInfo info;

  switch (kind)
    {
    case EXPORT_PNG:
      /* At 200 %: sharp on a slide; a long journey wraps or is drawn smaller. */
      if (!staple_export_map_png_full (session, path, 2.0, FALSE, &info, error))
        return FALSE;
      *note = staple_export_png_info_describe (&info);
      return TRUE;
    case EXPORT_SVG:
      return staple_export_map_svg (session, path, error);
    case EXPORT_CSV:
    default:
      /* Three tables, three files: "map.csv", "map-actions.csv", "map-stages.csv". */
      actions = staple_export_actions_csv_path (path);
      stages = staple_export_stages_csv_path (path);
      return staple_export_frictions_csv (session, path, error) &&
             staple_export_actions_csv (session, actions, error) &&
             staple_export_stages_csv (session, stages, error);
    }
}

/* Exports in the background: a big map takes seconds to draw and to
 * compress (1,200 cards: 7 s as PDF, 11 s as PNG), and the window goes on
 * answering meanwhile. The thread works on a copy of the session, so the
 * coach may go on editing; the application is held until the file is
 * whole, so quitting does not cut it off. */

typedef struct
{
  StapleSession      *session;  /* the copy */
  GFile              *file;
  GApplication       *application;
  AdwToast           *progress;
  gboolean            pdf;
  ExportKind          kind;     /* when not a PDF */
  StapleReportOptions options;  /* when a PDF */
  char               *note;     /* from the thread */
  guint               n_pages;  /* from the thread */
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->session);
  g_clear_object (&job->file);
  if (job->application != NULL)
    g_application_release (job->application);
  g_clear_object (&job->application);
  g_clear_object (&job->progress);
  g_free (job->note);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  gboolean written;

  if (job->pdf)
    {
      g_autoptr(StapleReport) report = staple_report_new (job->session, &job->options);

      job->n_pages = staple_report_get_n_pages (report);
      written = staple_report_write_pdf (report, path, &error);
    }
  else
    written = write_export (job->session, job->kind, path, &job->note, &error);

  if (written)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  StapleWindow *self = STAPLE_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  adw_toast_dismiss (job->progress);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      staple_window_show_error (self, error);
      return;
    }

  name = g_file_get_parse_name (job->file);
  if (job->pdf)
    message = g_strdup_printf (ngettext ("Exported “%s”, %u page", "Exported “%s”, %u pages",
                                         job->n_pages), name, job->n_pages);
  else
    {
      g_autofree char *base = g_file_get_basename (job->file);
      g_autofree char *shown = g_filename_display_name (base);

      /* Translators: the second %s says how a map too large for one image
       * was made to fit. */
      message = job->note != NULL ? g_strdup_printf (_("Exported “%s”. %s"), shown, job->note)
                                  : g_strdup_printf (_("Exported “%s”"), shown);
    }
  staple_window_show_export_toast (self, message, job->file);
}

static void
start_export (StapleWindow  *self,
              StapleSession *session,
              GFile         *file,
              ExportJob     *job)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *shown = g_filename_display_name (base);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  job->session = staple_session_copy (session);
  job->file = g_object_ref (file);
  job->application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (job->application != NULL)
    {
      g_object_ref (job->application);
      g_application_hold (job->application);
    }

  /* Translators: shown while an export is being written */
  title = g_strdup_printf (_("Exporting “%s”…"), shown);
  escaped = g_markup_escape_text (title, -1);
  job->progress = adw_toast_new (escaped);
  adw_toast_set_timeout (job->progress, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (job->progress));

  task = g_task_new (self, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * staple_window_export_pdf:
 * @session: the session to print: the open one, or one of the library
 * @options: what goes on the paper
 * @file: where
 *
 * Writes the PDF in the background and says so in a toast with an Open
 * button when it is whole, or why it could not be written.
 */
void
staple_window_export_pdf (StapleWindow              *self,
                          StapleSession             *session,
                          const StapleReportOptions *options,
                          GFile                     *file)
{
  ExportJob *job;

  g_return_if_fail (STAPLE_IS_WINDOW (self));
  g_return_if_fail (STAPLE_IS_SESSION (session));
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ExportJob, 1);
  job->pdf = TRUE;
  job->options = *options;
  start_export (self, session, file, job);
}

static void
file_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  StapleWindow    *self)
{
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kind"));

  if (response == GTK_RESPONSE_ACCEPT && session_of (self) != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ExportJob *job = g_new0 (ExportJob, 1);

      job->kind = kind;
      start_export (self, session_of (self), file, job);
    }

  g_object_unref (chooser);
}

static void
export_file_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  static const struct { const char *action; const char *extension; } kinds[] = {
    [EXPORT_PNG] = { "export-png", "png" },
    [EXPORT_SVG] = { "export-svg", "svg" },
    [EXPORT_CSV] = { "export-csv", "csv" },
  };
  StapleWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  GtkFileChooserNative *chooser;
  g_autofree char *file_name = NULL;
  ExportKind kind = EXPORT_PNG;

  if (session_of (self) == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (name, kinds[i].action))
      kind = i;

  chooser = gtk_file_chooser_native_new (kind == EXPORT_CSV ? _("Export for a Spreadsheet")
                                                            : _("Export the Map"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  file_name = g_strdup_printf ("%s.%s", staple_session_get_title (session_of (self)),
                               kinds[kind].extension);
  g_strdelimit (file_name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_object_set_data (G_OBJECT (chooser), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (chooser, "response", G_CALLBACK (file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The toast of an export opens the file it wrote. Only the files this
 * window exported are opened: the action is on the bus, where anything
 * could ask it to open anything. */

#define EXPORTED_URIS "staple-exported-uris"

static GHashTable *
exported_uris (StapleWindow *self)
{
  GHashTable *uris = g_object_get_data (G_OBJECT (self), EXPORTED_URIS);

  if (uris == NULL)
    {
      uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (self), EXPORTED_URIS, uris,
                              (GDestroyNotify) g_hash_table_unref);
    }

  return uris;
}

/**
 * staple_window_show_export_toast:
 * @message: what was exported, as plain text
 * @file: the file the export wrote
 *
 * Says that an export is done, with an Open button that opens @file in the
 * application the desktop has for it (through the portal in a sandbox).
 */
void
staple_window_show_export_toast (StapleWindow *self,
                                 const char   *message,
                                 GFile        *file)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  g_return_if_fail (STAPLE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  g_hash_table_add (exported_uris (self), g_strdup (uri));
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "open-export")), TRUE);

  /* Toast titles are markup in libadwaita 1.2; what we show is plain text. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_action_target (toast, "s", uri);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
open_export_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(StapleWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (self), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = g_strdup_printf (_("Could not open the export: %s. Open it from the Files app, "
                               "or install an application for this kind of file."),
                             error->message);
  g_message ("%s", message);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    staple_window_show_toast (self, message);
}

static void
open_export_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StapleWindow *self = user_data;
  const char *uri = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_str_has_prefix (uri, "file://") || !g_hash_table_contains (exported_uris (self), uri))
    {
      g_message ("Not opening “%s”: Staple opens only the files it exported", uri);
      staple_window_show_toast (self, _("Staple opens only the files it has exported"));
      return;
    }

  file = g_file_new_for_uri (uri);
  if (!g_file_query_exists (file, NULL))
    {
      name = g_file_get_parse_name (file);
      message = g_strdup_printf (_("“%s” is no longer there: it was moved or deleted after "
                                   "the export. Export it again to open it."), name);
      g_message ("%s", message);
      staple_window_show_toast (self, message);
      return;
    }

  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, open_export_done_cb,
                     g_object_ref (self));
}

/* Sharing a session as one .staple file */

/* An import under way: the file is read in a worker thread; a dialog with
 * its progress and a Cancel button shows if it takes more than a moment. */
typedef struct
{
  StapleWindow *window;
  GCancellable *cancellable;
  GtkWidget    *dialog;       /* a weak pointer: NULL until shown, and once closed */
  double        fraction;
  guint         show_id;
  char         *name;
} Import;

#define IMPORT_DIALOG_DELAY_MS 300

static void
import_free (Import *import)
{
  g_clear_handle_id (&import->show_id, g_source_remove);
  if (import->dialog != NULL)
    {
      GtkWidget *dialog = import->dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &import->dialog);
      import->dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_clear_object (&import->cancellable);
  g_clear_object (&import->window);
  g_free (import->name);
  g_free (import);
}

static void
import_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           Import           *import)
{
  /* The only response is Cancel (Escape too), after which the dialog
   * closes itself; the reading stops at SQLite's next progress check. */
  g_cancellable_cancel (import->cancellable);
}

static gboolean
show_import_dialog_cb (gpointer data)
{
  Import *import = data;
  g_autofree char *heading = g_strdup_printf (_("Importing “%s”"), import->name);
  GtkWidget *dialog;
  GtkWidget *bar;

  import->show_id = 0;
  dialog = adw_message_dialog_new (GTK_WINDOW (import->window), heading,
                                   _("Checking the file and reading the session…"));
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), import->fraction);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (import_dialog_response_cb), import);
  gtk_widget_set_name (dialog, "import-dialog");
  import->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &import->dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  return G_SOURCE_REMOVE;
}

static void
import_progress_cb (double   fraction,
                    gpointer data)
{
  Import *import = data;

  import->fraction = fraction;
  if (import->dialog != NULL)
    gtk_progress_bar_set_fraction (
      GTK_PROGRESS_BAR (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (import->dialog))),
      fraction);
}

static void
show_import_result (StapleWindow *self,
                    gint64        id,
                    GError       *error)
{
  if (id > 0)
    staple_window_open_session (self, id);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    staple_window_show_toast (self, _("Import cancelled; nothing was added"));
  else
    staple_window_show_error (self, error);
}

static void
import_done_cb (GObject      *store,
                GAsyncResult *result,
                gpointer      data)
{
  Import *import = data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = staple_store_import_session_finish (STAPLE_STORE (store), result, &error);

  /* A window closed meanwhile has nothing to show it in; the session, if
   * read, is in the library all the same. */
  if (gtk_widget_get_realized (GTK_WIDGET (import->window)))
    show_import_result (import->window, id, error);

  import_free (import);
}

static void
import_session (StapleWindow *self,
                GFile        *file)
{
  Import *import = g_new0 (Import, 1);

  import->window = g_object_ref (self);
  import->cancellable = g_cancellable_new ();
  import->name = g_filename_display_basename (g_file_peek_path (file));
  import->show_id = g_timeout_add (IMPORT_DIALOG_DELAY_MS, show_import_dialog_cb, import);
  staple_store_import_session_async (self->store, g_file_peek_path (file), import->cancellable,
                                     import_progress_cb, import, import_done_cb, import);
}

static void
share_response_cb (GtkNativeDialog *chooser,
                   int              response,
                   StapleWindow    *self)
{
  gboolean import = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "import"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (import)
    import_session (self, file);
  else if (!staple_store_export_session (self->store,
                                         staple_session_get_id (session_of (self)),
                                         g_file_peek_path (file), &error))
    staple_window_show_error (self, error);
  else
    {
      message = g_strdup_printf (_("Saved “%s”"), g_file_peek_path (file));
      staple_window_show_toast (self, message);
    }

  g_object_unref (chooser);
}

static void
share_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StapleWindow *self = user_data;
  gboolean import = g_str_equal (g_action_get_name (G_ACTION (action)), "import-session");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (!import && session_of (self) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (import ? _("Import a Session")
                                                : _("Export the Session"),
                                         GTK_WINDOW (self),
                                         import ? GTK_FILE_CHOOSER_ACTION_OPEN
                                                : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         import ? _("_Import") : _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Staple sessions"));
  gtk_file_filter_add_pattern (filter, "*.staple");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (!import)
    {
      g_autofree char *name = g_strdup_printf ("%s.staple",
                                               staple_session_get_title (session_of (self)));

      g_strdelimit (name, "/\\:", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  g_object_set_data (G_OBJECT (chooser), "import", GINT_TO_POINTER (import));
  g_signal_connect (chooser, "response", G_CALLBACK (share_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The same import of a file given by its path, as opening a .staple file
 * from the file manager or a script over D-Bus does. */
static void
import_file_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  import_session (user_data, file);
}

static const GActionEntry export_actions[] = {
  { "export-session", share_action },
  { "import-session", share_action },
  { "import-file", import_file_action, "s" },
  { "export-pdf", export_pdf_action },
  { "export-session-pdf", export_pdf_action, "x" },
  { "print", print_action },
  { "export-png", export_file_action },
  { "export-svg", export_file_action },
  { "export-csv", export_file_action },
  { "open-export", open_export_action, "s" },
};

/**
 * staple_window_export_update_actions:
 *
 * Enables the exports of the open session.
 */
void
staple_window_export_update_actions (StapleWindow *self)
{
  static const char * const session_actions[] = {
    "export-pdf", "print", "export-png", "export-svg", "export-csv", "export-session",
  };

  for (guint i = 0; i < G_N_ELEMENTS (session_actions); i++)
    g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), session_actions[i])),
      self->editor != NULL);
}

/**
 * staple_window_export_init:
 *
 * Adds the export and print actions to the window.
 */
void
staple_window_export_init (StapleWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), export_actions,
                                   G_N_ELEMENTS (export_actions), self);
  /* Until a toast has a file to open. */
  g_simple_action_set_enabled (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "open-export")), FALSE);
  staple_window_export_update_actions (self);
}
