/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-application.c: the command line, the database and the windows.
 *
 * Options that need no window (--version, --list) run in the process that was
 * started, before any display is touched; the rest go to the primary instance.
 */
#define G_LOG_DOMAIN "staple-application"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-application.h"
#include "staple-command-line.h"
#include "staple-example.h"
#include "staple-export.h"
#include "staple-file-guard.h"
#include "staple-preferences.h"
#include "staple-report.h"
#include "staple-share.h"
#include "staple-window.h"

struct _StapleApplication
{
  AdwApplication parent_instance;
  StapleStore   *store;
  /* When the window's library could not be opened: which and why. */
  char          *failed_path;
  GError        *open_error;
  GtkWindow     *error_window;
  gboolean       restore_tried;
};

G_DEFINE_FINAL_TYPE (StapleApplication, staple_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this database file instead of the default one"), N_("FILE") },
  { "example", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the bundled example workshop, adding it to the library first if needed"), NULL },
  { "list", 'l', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print every saved session, one per line (id, title, date, stages, friction points, "
       "organisation)"),
    NULL },
  { "session", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("The session to export, by its id (see --list)"), N_("ID") },
  { "export-png", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the session's journey map as a PNG image and exit"), N_("FILE") },
  { "png-scale", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Size of the PNG image, from 0.25 to 4 (default 1)"), N_("SCALE") },
  { "export-svg", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the session's journey map as an SVG drawing and exit"), N_("FILE") },
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the session's friction points to FILE, its actions to FILE-actions and its "
       "stages' times to FILE-stages (before the extension) as CSV, and exit"), N_("FILE") },
  { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the session's journey map and workshop report as a PDF and exit"), N_("FILE") },
  { "paper", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("PDF paper: a4 (default), a3, letter, tabloid, a1 or a0"), N_("PAPER") },
  { "orientation", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("PDF orientation: landscape (default) or portrait (the review’s default)"), N_("ORIENTATION") },
  { "poster", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Tile the PDF's map over COLUMNS × ROWS pages, e.g. 3x2 (at most 20x20)"),
    N_("COLUMNSxROWS") },
  { "report", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("What the PDF holds: full (default), map, summary or walk-sheets; review with "
       "--organisation"), N_("KIND") },
  { "export-ics", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the session's actions (or, with --organisation, every open action of its walks) "
       "as iCalendar to-dos and exit"), N_("FILE") },
  { "organisation", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export the review of every walk of this organisation, named exactly as in the "
       "sessions, instead of one session: with --export-pdf and --report=review, or "
       "--export-ics"), N_("NAME") },
  { "export-session", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the session as a .staple file to share with another Staple, and exit"),
    N_("FILE") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Add the session in a .staple file to the library, print its id and exit"),
    N_("FILE") },
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

/**
 * staple_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open database
 */
StapleStore *
staple_application_get_store (StapleApplication *self)
{
  g_return_val_if_fail (STAPLE_IS_APPLICATION (self), NULL);

  return self->store;
}

/* Returns NULL for an empty --database=, which is surely a mistake. */
static char *
resolve_database (GVariantDict *options,
                  const char   *cwd)
{
  g_autofree char *path = NULL;

  if (!g_variant_dict_lookup (options, "database", "^ay", &path))
    return staple_store_get_default_path ();

  if (*path == '\0')
    return NULL;

  return g_canonicalize_filename (path, cwd);
}


static int
staple_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  StapleApplication *self = STAPLE_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree const char **remaining = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = NULL;
  g_autoptr(StapleCommandLine) command_line = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &remaining);

  path = resolve_database (options, cwd);
  if (path == NULL)
    {
      g_printerr (_("staple: --database needs a file name\n"));
      return 2;
    }

  command_line = staple_command_line_new (options, remaining);
  if (command_line == NULL)
    return 2;

  /* Whatever else in this process opens the database (a file dialog
   * sniffing its folder), its locks hold. */
  staple_file_guard_install ();

  /* A running Staple gets the rest of the command line; this process
   * leaves the database alone. */
  if (!staple_command_line_runs_alone (command_line))
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("staple: %s\n", error->message);
          return 1;
        }

      if (g_application_get_is_remote (app))
        return -1;

      /* The window's library, held against a second Staple. A library that
       * cannot be opened is said on this terminal and in a window, where a
       * desktop user sees it. */
      self->store = staple_store_open_full (path, staple_store_get_schema_version (),
                                            STAPLE_STORE_OPEN_CLAIM, &error);
      if (self->store == NULL)
        {
          g_printerr ("staple: %s\n", error->message);
          self->failed_path = g_steal_pointer (&path);
          self->open_error = g_steal_pointer (&error);
        }
      return -1;
    }

  /* Opened here, so that a bad database is reported on this terminal with
   * a non-zero exit, before any window. */
  self->store = staple_store_open (path, &error);
  if (self->store == NULL)
    {
      g_printerr ("staple: %s\n", error->message);
      return 1;
    }

  return staple_command_line_run (command_line, self->store);
}

/* The main window; the active window may be a dialog. */
static StapleWindow *
get_window (StapleApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (STAPLE_IS_WINDOW (l->data))
        return STAPLE_WINDOW (l->data);
    }

  return staple_window_new (self, self->store);
}

/* Each .staple file named on the command line (or by the file manager) is
 * imported as a new session and opened, read in the window's worker thread
 * with its progress and Cancel; a refused file is said in the window. */
static int
open_staple_files (StapleApplication       *self,
                   StapleWindow            *window,
                   GApplicationCommandLine *command_line,
                   GVariantDict            *options)
{
  g_autofree const char **files = NULL;
  int status = 0;

  if (!g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files))
    return 0;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                             files[i]);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gint64 id;

      if (path != NULL && g_utf8_validate (path, -1, NULL))
        {
          g_action_group_activate_action (G_ACTION_GROUP (window), "import-file",
                                          g_variant_new_string (path));
          continue;
        }

      /* A name the action cannot carry is read here, at once. */
      id = path != NULL ? staple_store_import_session (self->store, path, &error) : 0;
      if (id > 0)
        staple_window_open_session (window, id);
      else
        {
          if (error == NULL)
            g_set_error (&error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND,
                         _("Could not import “%s”: it is not a local file."), files[i]);
          g_application_command_line_printerr (command_line, "staple: %s\n", error->message);
          staple_window_show_error (window, error);
          status = 1;
        }
    }

  return status;
}

/* A library that cannot be opened */

static void show_open_error (StapleApplication *self);

static gboolean
try_open (StapleApplication *self,
          const char        *path)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->store);
  self->store = staple_store_open_full (path, staple_store_get_schema_version (),
                                        STAPLE_STORE_OPEN_CLAIM, &error);
  if (self->store == NULL)
    {
      g_printerr ("staple: %s\n", error->message);
      g_free (self->failed_path);
      self->failed_path = g_strdup (path);
      g_clear_error (&self->open_error);
      self->open_error = g_steal_pointer (&error);
      show_open_error (self);
      return FALSE;
    }

  g_clear_pointer (&self->failed_path, g_free);
  g_clear_error (&self->open_error);
  staple_store_purge_trashed (self->store, NULL);
  if (self->error_window != NULL)
    gtk_window_destroy (self->error_window);
  gtk_window_present (GTK_WINDOW (get_window (self)));
  return TRUE;
}

static void
retry_clicked_cb (StapleApplication *self)
{
  g_autofree char *path = g_strdup (self->failed_path);

  try_open (self, path);
}

static void
choose_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    StapleApplication *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && g_file_peek_path (file) != NULL)
    try_open (self, g_file_peek_path (file));
  g_object_unref (chooser);
}

static void
choose_clicked_cb (StapleApplication *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Open a Library"), self->error_window,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (choose_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
error_button (StapleApplication *self,
              const char        *label,
              GCallback          callback,
              gboolean           suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

/* A window that says why the library could not be opened, that the file
 * was left as it was, and what can be done: try again (after closing the
 * other Staple, freeing space…), open another library, or quit. */
static void
show_open_error (StapleApplication *self)
{
  g_autofree char *description = NULL;
  AdwStatusPage *page;
  GtkWidget *buttons;
  GtkWidget *content;
  GtkWidget *header;

  if (self->error_window == NULL)
    {
      self->error_window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (self)));
      g_object_add_weak_pointer (G_OBJECT (self->error_window),
                                 (gpointer *) &self->error_window);
      gtk_window_set_title (self->error_window, _("Could Not Open the Library — Staple"));
      gtk_window_set_default_size (self->error_window, 640, 600);
    }

  description = g_markup_printf_escaped ("%s\n\n%s", self->open_error->message,
                                         _("Staple changed nothing in the file."));
  page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (page, "dialog-warning-symbolic");
  adw_status_page_set_title (page, _("Could Not Open the Library"));
  adw_status_page_set_description (page, description);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);

  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons),
                  error_button (self, _("_Try Again"), G_CALLBACK (retry_clicked_cb), TRUE));
  gtk_box_append (GTK_BOX (buttons),
                  error_button (self, _("_Open Another Library…"),
                                G_CALLBACK (choose_clicked_cb), FALSE));
  adw_status_page_set_child (page, buttons);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (page));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self->error_window), content);
  gtk_window_present (self->error_window);
}

static int
staple_application_command_line (GApplication            *app,
                                 GApplicationCommandLine *command_line)
{
  StapleApplication *self = STAPLE_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path =
    resolve_database (options, g_application_command_line_get_cwd (command_line));
  g_autoptr(GError) error = NULL;
  StapleWindow *window;

  if (self->store == NULL)
    {
      g_application_command_line_printerr (command_line, "staple: %s\n",
                                           self->open_error->message);
      show_open_error (self);
      return 1;
    }

  /* The store was opened by handle-local-options in this process; another
   * process asking for another file is told so rather than switched. */
  if (g_strcmp0 (path, staple_store_get_path (self->store)) != 0)
    {
      g_application_command_line_printerr (command_line,
                                           _("staple: Staple is already running with “%s”; "
                                             "close it to use another database\n"),
                                           staple_store_get_path (self->store));
      return 1;
    }

  /* Shown once it holds what it opens with: shown first, its library
   * would be measured and laid out for nothing. */
  window = get_window (self);

  /* Started plainly after a crash: back where the coach was. */
  if (!self->restore_tried)
    {
      self->restore_tried = TRUE;
      /* Shown first: the draft it brings back takes the keyboard focus. */
      if (!g_variant_dict_contains (options, "example") &&
          !g_variant_dict_contains (options, G_OPTION_REMAINING))
        {
          gtk_window_present (GTK_WINDOW (window));
          staple_window_restore_after_crash (window);
        }
    }

  if (g_variant_dict_contains (options, "example"))
    {
      gint64 id = staple_example_ensure (self->store, &error);

      if (id <= 0)
        {
          g_application_command_line_printerr (command_line, "staple: %s\n", error->message);
          gtk_window_present (GTK_WINDOW (window));
          staple_window_show_error (window, error);
          return 1;
        }

      staple_window_open_session (window, id);
    }

  gtk_window_present (GTK_WINDOW (window));
  return open_staple_files (self, window, command_line, options);
}

static void
open_session_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  StapleApplication *self = user_data;
  StapleWindow *window;

  if (self->store == NULL)
    {
      show_open_error (self);
      return;
    }

  window = get_window (self);
  staple_window_open_session (window, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (window));
}

/* (session id, friction point id): that session, at that friction point;
 * app.open-stage, (session id, stage id): at that stage. */
static void
open_friction_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  StapleApplication *self = user_data;
  StapleWindow *window;
  gint64 session_id, item_id;

  if (self->store == NULL)
    {
      show_open_error (self);
      return;
    }

  g_variant_get (parameter, "(xx)", &session_id, &item_id);
  window = get_window (self);
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "open-stage"))
    staple_window_open_stage (window, session_id, item_id);
  else
    staple_window_open_friction (window, session_id, item_id);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows;

  /* Leaving the focused field hands on a value still being typed in it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l; l = l->next)
    gtk_window_set_focus (GTK_WINDOW (l->data), NULL);

  /* Closing each window lets it ask about edits not saved yet, and say
   * the library was left as it should be. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (user_data)),
                              (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l; l = l->next)
    {
      if (STAPLE_IS_WINDOW (l->data))
        gtk_window_close (GTK_WINDOW (l->data));
    }
  g_list_free_full (g_steal_pointer (&windows), g_object_unref);

  /* A window that asked stays open; otherwise quit, whatever is left. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l; l = l->next)
    {
      if (STAPLE_IS_WINDOW (l->data))
        return;
    }
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StapleApplication *self = user_data;
  const char *developers[] = { _("The Staple developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Staple"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Staple developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Follow one piece of customer work through your "
                                       "company, find where it gets stuck, and trace each "
                                       "snag back to the decision behind it."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your name and address, one translator a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_shown (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (window, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("Could not open the help: %s", error->message);
      if (STAPLE_IS_WINDOW (window))
        staple_window_show_toast (STAPLE_WINDOW (window),
                                  _("The help could not be opened: it needs the Yelp help "
                                    "viewer, which is not installed"));
    }
}

/* The manual (help/C) in Yelp, in the user's language where it is
 * translated; "help:" is the scheme GNOME's help viewer answers. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window == NULL)
    return;
  gtk_show_uri_full (window, "help:" APP_ID, GDK_CURRENT_TIME, NULL, help_shown,
                     g_object_ref (window));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StapleApplication *self = user_data;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  StapleWindow *window;

  if (self->store == NULL)
    {
      show_open_error (self);
      return;
    }

  window = get_window (self);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      staple_window_show_toast (window, _("Preferences need Staple's settings schema, "
                                          "which is not installed"));
      return;
    }

  settings = g_settings_new (APP_ID);
  gtk_window_present (GTK_WINDOW (staple_preferences_new (GTK_WINDOW (window), settings)));
}

static const GActionEntry app_actions[] = {
  { "open-session", open_session_action, "x" },
  { "open-friction", open_friction_action, "(xx)" },
  { "open-stage", open_friction_action, "(xx)" },
  { "preferences", preferences_action },
  { "help", help_action },
  { "quit", quit_action },
  { "about", about_action },
};

static void
staple_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-session", { "<Control>n", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.show-library", { "<Alt>Home", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.presenter", { "F5", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.export-pdf", { "<Control>e", NULL } },
    { "win.set-phase('frame')", { "<Alt>1", NULL } },
    { "win.set-phase('map')", { "<Alt>2", NULL } },
    { "win.set-phase('walk')", { "<Alt>3", NULL } },
    { "win.set-phase('diagnose')", { "<Alt>4", NULL } },
    { "win.set-phase('prioritise')", { "<Alt>5", NULL } },
    { "win.set-phase('commit')", { "<Alt>6", NULL } },
    { "win.set-phase('close')", { "<Alt>7", NULL } },
  };

  StapleApplication *self = STAPLE_APPLICATION (app);

  G_APPLICATION_CLASS (staple_application_parent_class)->startup (app);

  /* GTK mirrors its widgets for a language written right to left by its own
   * translation of "default:LTR"; but g_dgettext() leaves a library
   * untranslated where the application is not translated (so that a window
   * does not mix two languages), and GTK's direction with it. A coach whose
   * language is Arabic or Hebrew gets the mirrored window all the same. */
  {
    /* GTK's message, not Staple's: kept from xgettext's dgettext keyword. */
    const char *direction = "default:LTR";

    if (g_str_equal (dgettext ("gtk40", direction), "default:RTL"))
      gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  }

  /* Sessions deleted by a run that ended without quitting (a crash, a kill)
   * can no longer be brought back by its toast. */
  if (self->store != NULL)
    staple_store_purge_trashed (self->store, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
staple_application_shutdown (GApplication *app)
{
  StapleApplication *self = STAPLE_APPLICATION (app);

  /* Sessions deleted in this run can no longer be brought back by a toast. */
  if (self->store != NULL)
    staple_store_purge_trashed (self->store, NULL);

  G_APPLICATION_CLASS (staple_application_parent_class)->shutdown (app);
}

static void
staple_application_finalize (GObject *object)
{
  StapleApplication *self = STAPLE_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->failed_path, g_free);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (staple_application_parent_class)->finalize (object);
}

static void
staple_application_class_init (StapleApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = staple_application_finalize;
  app_class->handle_local_options = staple_application_handle_local_options;
  app_class->command_line = staple_application_command_line;
  app_class->startup = staple_application_startup;
  app_class->shutdown = staple_application_shutdown;
}

static void
staple_application_init (StapleApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Run a “staple yourself to the work” "
                                              "workshop with a leadership team."));
}

/**
 * staple_application_new:
 *
 * Returns: (transfer full): the application
 */
StapleApplication *
staple_application_new (void)
{
  return g_object_new (STAPLE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
