/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-command-line.c: what Staple does without a window: --list, the
 * exports of a session or of an organisation's review, --import. Every
 * option is checked before the database or a file is touched; a wrong
 * command line gets one line on stderr. */

#include "config.h"

#include <glib/gi18n.h>

#include "staple-command-line.h"
#include "staple-export.h"
#include "staple-report.h"
#include "staple-share.h"

/* Tab-separated: id, title, date, stage count, friction point count,
 * organisation (last, so that scripts reading the first five go on). Tabs
 * and line breaks inside a title or an organisation would break the
 * columns, so they become spaces. */
static int
print_sessions (StapleStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) sessions = staple_store_list_sessions (store, &error);

  if (sessions == NULL)
    {
      g_printerr ("staple: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sessions)); i++)
    {
      g_autoptr(StapleSessionSummary) summary =
        g_list_model_get_item (G_LIST_MODEL (sessions), i);
      g_autofree char *title = g_strdup (staple_session_summary_get_title (summary));
      g_autofree char *organisation =
        g_strdup (staple_session_summary_get_organisation (summary));

      g_strdelimit (title, "\t\r\n", ' ');
      g_strdelimit (organisation, "\t\r\n", ' ');
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%u\t%u\t%s\n",
               staple_session_summary_get_id (summary), title,
               staple_session_summary_get_date (summary),
               staple_session_summary_get_n_stages (summary),
               staple_session_summary_get_n_frictions (summary), organisation);
    }

  return 0;
}

/* What the export options asked for, checked before anything is opened. */
typedef struct
{
  gint64  session_id;
  char   *csv;
  char   *csv_actions;
  char   *csv_stages;
  char   *svg;
  char   *png;
  double  png_scale;
  char   *pdf;
  char   *staple;
  char   *ics;
  char   *organisation;  /* the review of an organisation's walks, not a session */
  gboolean review;       /* --report=review */
  StapleReportOptions report;
} ExportRequest;

static void
export_request_clear (ExportRequest *request)
{
  g_clear_pointer (&request->csv, g_free);
  g_clear_pointer (&request->csv_actions, g_free);
  g_clear_pointer (&request->csv_stages, g_free);
  g_clear_pointer (&request->svg, g_free);
  g_clear_pointer (&request->png, g_free);
  g_clear_pointer (&request->pdf, g_free);
  g_clear_pointer (&request->staple, g_free);
  g_clear_pointer (&request->ics, g_free);
  g_clear_pointer (&request->organisation, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportRequest, export_request_clear)

static const char * const export_options[] = {
  "export-csv", "export-svg", "export-png", "export-pdf", "export-session", "export-ics",
};

static gboolean
has_export (GVariantDict *options)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_options); i++)
    {
      if (g_variant_dict_contains (options, export_options[i]))
        return TRUE;
    }

  return FALSE;
}

/* An option that only means something beside another one. */
static gboolean
check_companion (GVariantDict *options,
                 const char   *name,
                 const char   *needs)
{
  if (!g_variant_dict_contains (options, name) || g_variant_dict_contains (options, needs))
    return TRUE;

  g_printerr (_("staple: --%s is used with --%s\n"), name, needs);
  return FALSE;
}

/* Returns FALSE, having said why, for an empty file name. */
static gboolean
lookup_file (GVariantDict  *options,
             const char    *name,
             char         **path)
{
  if (!g_variant_dict_lookup (options, name, "^ay", path))
    return TRUE;

  if (**path != '\0')
    return TRUE;

  g_printerr (_("staple: --%s needs a file name\n"), name);
  return FALSE;
}

static gboolean
parse_png_scale (GVariantDict *options,
                 double       *scale)
{
  g_autofree char *text = NULL;
  char *end = NULL;

  *scale = 1.0;
  if (!g_variant_dict_lookup (options, "png-scale", "s", &text))
    return TRUE;

  *scale = g_ascii_strtod (text, &end);
  if (*text != '\0' && *end == '\0' && *scale >= 0.25 && *scale <= 4.0)
    return TRUE;

  g_printerr (_("staple: --png-scale takes a number from 0.25 to 4, not “%s”\n"), text);
  return FALSE;
}

/* A poster of more than 20 × 20 sheets is surely a typing mistake. */
#define POSTER_SIDE_MAX 20

/* "3x2": columns across, rows down, each from 1 to POSTER_SIDE_MAX. */
static gboolean
parse_poster (const char *text,
              guint      *columns,
              guint      *rows)
{
  g_auto(GStrv) sides = g_strsplit (text, "x", -1);
  guint64 across, down;

  if (g_strv_length (sides) != 2 ||
      !g_ascii_string_to_unsigned (sides[0], 10, 1, POSTER_SIDE_MAX, &across, NULL) ||
      !g_ascii_string_to_unsigned (sides[1], 10, 1, POSTER_SIDE_MAX, &down, NULL))
    return FALSE;

  *columns = (guint) across;
  *rows = (guint) down;
  return TRUE;
}

static gboolean
parse_choice (const char         *text,
              const char * const *names,
              guint               n_names,
              guint              *value)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (text, names[i]) == 0)
        {
          *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* --paper, --orientation, --poster and --report, into @report. */
static gboolean
parse_pdf_options (GVariantDict        *options,
                   StapleReportOptions *report)
{
  static const char * const orientations[] = {
    [STAPLE_ORIENTATION_LANDSCAPE] = "landscape",
    [STAPLE_ORIENTATION_PORTRAIT] = "portrait",
  };
  static const char * const kinds[] = {
    [STAPLE_REPORT_FULL] = "full",
    [STAPLE_REPORT_MAP] = "map",
    [STAPLE_REPORT_SUMMARY] = "summary",
    [STAPLE_REPORT_WALK_SHEETS] = "walk-sheets",
  };
  const char *text;
  guint value;

  staple_report_options_init (report);

  if (g_variant_dict_lookup (options, "paper", "&s", &text) &&
      !staple_paper_from_string (text, &report->paper))
    {
      g_printerr (_("staple: unknown paper “%s”; use a4, a3, letter, tabloid, a1 or a0\n"),
                  text);
      return FALSE;
    }

  if (g_variant_dict_lookup (options, "orientation", "&s", &text))
    {
      if (!parse_choice (text, orientations, G_N_ELEMENTS (orientations), &value))
        {
          g_printerr (_("staple: unknown orientation “%s”; use landscape or portrait\n"), text);
          return FALSE;
        }
      report->orientation = (StapleOrientation) value;
    }

  if (g_variant_dict_lookup (options, "poster", "&s", &text) &&
      !parse_poster (text, &report->poster_columns, &report->poster_rows))
    {
      g_printerr (_("staple: --poster takes COLUMNSxROWS, each from 1 to %d, such as 3x2; "
                    "not “%s”\n"), POSTER_SIDE_MAX, text);
      return FALSE;
    }

  /* A review reads down the page, as the review's window exports it:
   * portrait unless asked otherwise. */
  if (g_variant_dict_lookup (options, "report", "&s", &text) &&
      g_ascii_strcasecmp (text, "review") == 0 &&
      !g_variant_dict_contains (options, "orientation"))
    report->orientation = STAPLE_ORIENTATION_PORTRAIT;

  if (g_variant_dict_lookup (options, "report", "&s", &text) &&
      g_ascii_strcasecmp (text, "review") != 0)
    {
      if (!parse_choice (text, kinds, G_N_ELEMENTS (kinds), &value))
        {
          g_printerr (_("staple: unknown report “%s”; use full, map, summary or walk-sheets, "
                        "or review with --organisation\n"),
                      text);
          return FALSE;
        }
      report->kind = (StapleReportKind) value;
    }

  return TRUE;
}

/* Two exports to one file would leave only the last; surely a slip. */
static gboolean
check_distinct (ExportRequest *request)
{
  const char *paths[] = {
    request->csv, request->csv_actions, request->csv_stages, request->svg, request->png,
    request->pdf, request->staple, request->ics,
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (paths); j++)
      {
        if (paths[i] != NULL && g_strcmp0 (paths[i], paths[j]) == 0)
          {
            g_autofree char *name = g_filename_display_name (paths[i]);

            g_printerr (_("staple: two exports would write “%s”\n"), name);
            return FALSE;
          }
      }

  return TRUE;
}

/* Checks every export option without touching the database or a file.
 * Returns FALSE, having printed one line, when the command line is wrong. */
/* --organisation: the review of that organisation's walks, as a PDF
 * (--report=review) or its open actions as to-dos; no session's exports. */
static gboolean
parse_review_exports (GVariantDict  *options,
                      ExportRequest *request)
{
  static const char * const per_session[] = {
    "export-csv", "export-svg", "export-png", "export-session", "poster",
  };
  const char *report;

  if (g_variant_dict_contains (options, "session"))
    {
      g_printerr (_("staple: use either --session=ID or --organisation=NAME, not both\n"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (per_session); i++)
    {
      if (g_variant_dict_contains (options, per_session[i]))
        {
          g_printerr (_("staple: --%s is for one session: use it with --session=ID, "
                        "not --organisation\n"), per_session[i]);
          return FALSE;
        }
    }

  if (g_variant_dict_lookup (options, "report", "&s", &report) &&
      g_ascii_strcasecmp (report, "review") != 0)
    {
      g_printerr (_("staple: an organisation's PDF is its review: use --report=review "
                    "with --organisation\n"));
      return FALSE;
    }
  request->review = TRUE;

  if (!lookup_file (options, "export-pdf", &request->pdf) ||
      !lookup_file (options, "export-ics", &request->ics) ||
      !parse_pdf_options (options, &request->report))
    return FALSE;

  return check_distinct (request);
}

static gboolean
parse_exports (GVariantDict  *options,
               ExportRequest *request)
{
  const char *session;
  const char *report;

  if (!check_companion (options, "png-scale", "export-png") ||
      !check_companion (options, "paper", "export-pdf") ||
      !check_companion (options, "orientation", "export-pdf") ||
      !check_companion (options, "poster", "export-pdf") ||
      !check_companion (options, "report", "export-pdf"))
    return FALSE;

  if (g_variant_dict_contains (options, "session") && !has_export (options))
    {
      g_printerr (_("staple: --session is used with an export option such as --export-png\n"));
      return FALSE;
    }

  if (g_variant_dict_contains (options, "organisation") && !has_export (options))
    {
      g_printerr (_("staple: --organisation is used with --export-pdf or --export-ics\n"));
      return FALSE;
    }

  if (!has_export (options))
    return TRUE;

  if (g_variant_dict_lookup (options, "organisation", "s", &request->organisation))
    {
      /* Matched exactly: no organisation is "", which a slip gives too. */
      if (*request->organisation == '\0')
        {
          g_printerr (_("staple: --organisation needs a name, as the sessions spell it "
                        "(see “staple --list”)\n"));
          return FALSE;
        }
      return parse_review_exports (options, request);
    }

  if (g_variant_dict_lookup (options, "report", "&s", &report) &&
      g_ascii_strcasecmp (report, "review") == 0)
    {
      g_printerr (_("staple: --report=review covers an organisation's walks: "
                    "use it with --organisation=NAME\n"));
      return FALSE;
    }

  if (!g_variant_dict_lookup (options, "session", "&s", &session))
    {
      g_printerr (_("staple: exporting needs --session=ID (see “staple --list”)\n"));
      return FALSE;
    }

  /* Parsed here rather than by GOption, whose message would not say
   * "staple:" and whose exit status would not be 2. */
  if (!g_ascii_string_to_signed (session, 10, 1, G_MAXINT64, &request->session_id, NULL))
    {
      g_printerr (_("staple: --session takes a session id (see “staple --list”), "
                    "not “%s”\n"),
                  session);
      return FALSE;
    }

  if (!lookup_file (options, "export-csv", &request->csv) ||
      !lookup_file (options, "export-svg", &request->svg) ||
      !lookup_file (options, "export-png", &request->png) ||
      !lookup_file (options, "export-pdf", &request->pdf) ||
      !lookup_file (options, "export-session", &request->staple) ||
      !lookup_file (options, "export-ics", &request->ics) ||
      !parse_png_scale (options, &request->png_scale) ||
      !parse_pdf_options (options, &request->report))
    return FALSE;

  if (request->csv != NULL)
    {
      request->csv_actions = staple_export_actions_csv_path (request->csv);
      request->csv_stages = staple_export_stages_csv_path (request->csv);
    }

  return check_distinct (request);
}

/* A map too large for one image is wrapped or drawn smaller: said on
 * stderr in one line, as the image is not what a script may expect. */
static gboolean
export_png (StapleSession        *session,
            const ExportRequest  *request,
            GError              **error)
{
  g_autofree char *note = NULL;
  StapleExportPngInfo info;

  if (!staple_export_map_png_full (session, request->png, request->png_scale, FALSE, &info,
                                   error))
    return FALSE;

  note = staple_export_png_info_describe (&info);
  if (note != NULL)
    g_printerr ("staple: %s\n", note);
  return TRUE;
}

static gboolean
export_pdf (StapleSession        *session,
            const ExportRequest  *request,
            GError              **error)
{
  g_autoptr(StapleReport) report = staple_report_new (session, &request->report);

  return staple_report_write_pdf (report, request->pdf, error);
}

/* The export options run here, without a display. The files are written
 * one after another, each whole or not at all; the first failure stops. */
static int
export_session (StapleStore   *store,
                ExportRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleSession) session = NULL;

  session = staple_store_load_session (store, request->session_id, &error);
  if (session == NULL ||
      (request->csv != NULL &&
       (!staple_export_frictions_csv (session, request->csv, &error) ||
        !staple_export_actions_csv (session, request->csv_actions, &error) ||
        !staple_export_stages_csv (session, request->csv_stages, &error))) ||
      (request->svg != NULL && !staple_export_map_svg (session, request->svg, &error)) ||
      (request->png != NULL && !export_png (session, request, &error)) ||
      (request->pdf != NULL && !export_pdf (session, request, &error)) ||
      (request->ics != NULL && !staple_export_actions_ics (session, request->ics, &error)) ||
      (request->staple != NULL &&
       !staple_store_export_session (store, request->session_id, request->staple, &error)))
    {
      g_printerr ("staple: %s\n", error->message);
      return 1;
    }

  return 0;
}

/* The review of an organisation's walks: its PDF, its open actions. */
static int
export_review (StapleStore   *store,
               ExportRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleReview) review = NULL;

  review = staple_store_review_organisation (store, request->organisation, NULL, &error);
  if (review == NULL)
    {
      g_printerr ("staple: %s\n", error->message);
      return 1;
    }

  if (review->walks->len == 0)
    {
      g_printerr (_("staple: no session of the organisation “%s” (see “staple --list”; "
                    "the name is matched exactly)\n"), request->organisation);
      return 1;
    }

  if ((request->pdf != NULL &&
       !staple_report_write_review_pdf (review, &request->report, request->pdf, &error)) ||
      (request->ics != NULL && !staple_export_review_ics (review, request->ics, &error)))
    {
      g_printerr ("staple: %s\n", error->message);
      return 1;
    }

  return 0;
}

static gboolean
is_staple_file (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".staple");
}

/* Positional arguments are .staple files to import and open in the window;
 * --import is the same without a display. Returns FALSE, having printed one
 * line, when the command line is wrong. */
static gboolean
parse_imports (GVariantDict  *options,
               const char   **remaining,
               char         **import)
{
  gboolean has_files = remaining != NULL && remaining[0] != NULL;

  for (guint i = 0; has_files && remaining[i] != NULL; i++)
    {
      if (!is_staple_file (remaining[i]))
        {
          g_autofree char *name = g_filename_display_name (remaining[i]);

          g_printerr (_("staple: unexpected argument “%s”; Staple opens .staple files "
                        "(see “staple --help”)\n"), name);
          return FALSE;
        }
    }

  if (!lookup_file (options, "import", import))
    return FALSE;

  if ((*import != NULL || has_files) &&
      (has_export (options) || g_variant_dict_contains (options, "list")))
    {
      g_printerr (_("staple: importing cannot be combined with --list or an export option\n"));
      return FALSE;
    }

  if (*import != NULL && has_files)
    {
      g_printerr (_("staple: use either --import=FILE or a .staple file to open, not both\n"));
      return FALSE;
    }

  return TRUE;
}

static int
import_session (StapleStore *store,
                const char  *file)
{
  g_autoptr(GError) error = NULL;
  gint64 id = staple_store_import_session (store, file, &error);

  if (id <= 0)
    {
      g_printerr ("staple: %s\n", error->message);
      return 1;
    }

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

struct _StapleCommandLine
{
  gboolean      list;
  gboolean      exports;
  ExportRequest request;
  char         *import;
};

/**
 * staple_command_line_new:
 * @options: the parsed options
 * @remaining: (nullable): the arguments left, .staple files to open
 *
 * Checks the options that run without a window.
 *
 * Returns: (transfer full) (nullable): what to do, or %NULL when the
 *   command line is wrong (said on stderr; exit with status 2)
 */
StapleCommandLine *
staple_command_line_new (GVariantDict  *options,
                         const char   **remaining)
{
  g_autoptr(StapleCommandLine) self = g_new0 (StapleCommandLine, 1);

  if (!parse_exports (options, &self->request) ||
      !parse_imports (options, remaining, &self->import))
    return NULL;

  self->list = g_variant_dict_contains (options, "list");
  self->exports = has_export (options);
  return g_steal_pointer (&self);
}

void
staple_command_line_free (StapleCommandLine *self)
{
  if (self == NULL)
    return;

  export_request_clear (&self->request);
  g_free (self->import);
  g_free (self);
}

/**
 * staple_command_line_runs_alone:
 *
 * Returns: whether the command line is done without a window (--list, an
 *   export, --import)
 */
gboolean
staple_command_line_runs_alone (StapleCommandLine *self)
{
  return self->list || self->exports || self->import != NULL;
}

/**
 * staple_command_line_run:
 * @store: the database
 *
 * Returns: the exit status
 */
int
staple_command_line_run (StapleCommandLine *self,
                         StapleStore       *store)
{
  g_return_val_if_fail (staple_command_line_runs_alone (self), 2);

  if (self->list)
    return print_sessions (store);

  if (self->exports && self->request.organisation != NULL)
    return export_review (store, &self->request);

  if (self->exports)
    return export_session (store, &self->request);

  return import_session (store, self->import);
}
