/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-csv.c: the friction points, the actions and the stages'
 * times as spreadsheets.
 *
 * RFC 4180: fields separated by commas, records ended by CRLF, a field in
 * double quotes when it holds a comma, a quote, CR or LF, and quotes inside
 * it doubled. Line breaks inside a field are kept as they are, so notes
 * with several paragraphs come back whole.
 *
 * A spreadsheet reads a cell that starts with "=", "+", "-" or "@" as a
 * formula, and one that starts with a tab or a carriage return may be
 * trimmed to one. Text typed in a workshop, or in a .staple file someone
 * sent, must not run as a formula on the reader's machine
 * ("=HYPERLINK(…)", "=cmd|…"), so such a cell is written with a single
 * quote in front, which shows it as the text it is (the OWASP advice on CSV
 * injection). This applies to every column of every file. The figures the
 * stages' file computes itself (minutes, feelings from -2 to +2) are
 * written as plain numbers, so that a spreadsheet can add them up: a
 * number is never a formula.
 */
#define G_LOG_DOMAIN "staple-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "staple-catalogue.h"
#include "staple-export.h"
#include "staple-export-private.h"
#include "staple-map-marks.h"
#include "staple-summary.h"

/* A UTF-8 byte order mark. CSV has no way to name its encoding; without the
 * mark Excel reads the file in the system's legacy code page, and
 * LibreOffice Calc has to guess. With it both open it as UTF-8 at once. */
#define UTF8_BOM "\xEF\xBB\xBF"

/* Whether a spreadsheet could take a cell starting so for a formula. */
static gboolean
starts_formula (const char *value)
{
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

/* @number: a figure this file computed, e.g. "-2", not text someone typed:
 * written as it is. */
static void
append_field (GString    *csv,
              const char *value,
              gboolean    first,
              gboolean    number)
{
  const char *prefix;

  if (!first)
    g_string_append_c (csv, ',');

  if (value == NULL)
    return;

  prefix = !number && starts_formula (value) ? "'" : "";

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (csv, prefix);
      g_string_append (csv, value);
      return;
    }

  g_string_append_c (csv, '"');
  g_string_append (csv, prefix);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_record (GString           *csv,
               const char * const *fields,
               guint              n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    append_field (csv, fields[i], i == 0, FALSE);
  g_string_append (csv, "\r\n");
}

/* @numbers: which of the fields are figures, not text. */
static void
append_record_numbers (GString            *csv,
                       const char * const *fields,
                       const gboolean     *numbers,
                       guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    append_field (csv, fields[i], i == 0, numbers[i]);
  g_string_append (csv, "\r\n");
}

static void
append_friction (GString        *csv,
                 StapleSession  *session,
                 guint           stage_number,
                 StapleStage    *stage,
                 StapleFriction *friction)
{
  StaplePrinciple principle = staple_friction_get_principle (friction);
  g_autofree char *number = g_strdup_printf ("%u", stage_number);
  g_autofree char *severity = g_strdup_printf ("%d", staple_friction_get_severity (friction));
  g_autofree char *votes = g_strdup_printf ("%u", staple_summary_count_votes (session, friction));
  const char *fields[] = {
    number,
    staple_stage_get_name (stage),
    staple_stage_get_team (stage),
    staple_friction_get_text (friction),
    staple_friction_kind_get_label (staple_friction_get_kind (friction)),
    severity,
    /* "No principle yet" is a prompt on screen, not data: left empty. */
    principle == STAPLE_PRINCIPLE_NONE ? "" : staple_principle_get_label (principle),
    votes,
    staple_friction_get_notes (friction),
  };

  append_record (csv, fields, G_N_ELEMENTS (fields));
}

/* The friction points in map order: stage by stage, top to bottom, the
 * order a spreadsheet can always get back to by sorting on the first column. */
static GString *
frictions_csv (StapleSession *session)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  GString *csv = g_string_new (UTF8_BOM);
  const char *header[] = {
    _("Stage number"), _("Stage"), _("Team"), _("Friction point"), _("Kind"),
    _("Severity"), _("Principle"), _("Votes"), _("Notes"),
  };

  append_record (csv, header, G_N_ELEMENTS (header));

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);

          append_friction (csv, session, i + 1, stage, friction);
        }
    }

  return csv;
}

/* The texts of the friction points an action addresses, in the action's
 * order; ids no longer in the session are skipped. */
static char *
addressed_frictions (StapleSession *session,
                     StapleAction  *action)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  const gint64 *ids;
  guint n_ids;

  ids = staple_action_get_friction_ids (action, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      StapleFriction *friction = staple_session_find_friction (session, ids[i], NULL, NULL);

      if (friction != NULL)
        g_ptr_array_add (texts, (gpointer) staple_friction_get_text (friction));
    }
  g_ptr_array_add (texts, NULL);

  return g_strjoinv ("; ", (char **) texts->pdata);
}

static GString *
actions_csv (StapleSession *session)
{
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  GString *csv = g_string_new (UTF8_BOM);
  const char *header[] = {
    _("Action"), _("Owner"), _("Due"), _("Status"), _("Addresses"),
  };

  append_record (csv, header, G_N_ELEMENTS (header));

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      gint64 owner_id = staple_action_get_owner_id (action);
      StapleParticipant *owner = NULL;
      g_autofree char *addresses = addressed_frictions (session, action);
      const char *fields[5];

      if (owner_id != 0)
        owner = staple_session_find_participant (session, owner_id, NULL);

      fields[0] = staple_action_get_text (action);
      fields[1] = owner != NULL ? staple_participant_get_name (owner) : "";
      fields[2] = staple_action_get_due (action);
      fields[3] = staple_action_status_get_label (staple_action_get_status (action));
      fields[4] = addresses;
      append_record (csv, fields, G_N_ELEMENTS (fields));
    }

  return csv;
}

static const char *
yes_no (gboolean yes)
{
  return yes ? _("Yes") : _("No");
}

/* The journey's times, a row per stage in the journey's order, as the
 * report's time table has them but without its totals row: a spreadsheet
 * adds the columns up itself. */
static GString *
stages_csv (StapleSession *session)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  GString *csv = g_string_new (UTF8_BOM);
  StapleWaitScale scale;
  const char *header[] = {
    _("Stage number"), _("Stage"), _("Team"), _("Work minutes"), _("Work"),
    _("Waiting minutes"), _("Waiting"), _("Longest wait"), _("Handoff"), _("Handed over into"),
    _("Dropped"), _("Customer feeling"), _("Staff feeling"),
  };
  static const gboolean numbers[] = {
    TRUE, FALSE, FALSE, TRUE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (numbers) == G_N_ELEMENTS (header));

  append_record (csv, header, G_N_ELEMENTS (header));
  staple_map_marks_wait_scale (session, &scale);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      g_autoptr(StapleStage) previous = i > 0 ? g_list_model_get_item (stages, i - 1) : NULL;
      guint work = (guint) staple_stage_get_work_minutes (stage);
      guint wait = (guint) staple_stage_get_wait_minutes (stage);
      gboolean handoff = staple_summary_is_handoff (previous, stage);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *work_minutes = g_strdup_printf ("%u", work);
      g_autofree char *wait_minutes = g_strdup_printf ("%u", wait);
      g_autofree char *work_text = work > 0 ? staple_format_minutes (work) : g_strdup ("");
      g_autofree char *wait_text = wait > 0 ? staple_format_minutes (wait) : g_strdup ("");
      g_autofree char *customer = g_strdup_printf ("%d",
                                                   staple_stage_get_customer_feeling (stage));
      g_autofree char *staff = g_strdup_printf ("%d", staple_stage_get_staff_feeling (stage));
      const char *fields[] = {
        number,
        staple_stage_get_name (stage),
        staple_stage_get_team (stage),
        work_minutes,
        work_text,
        wait_minutes,
        wait_text,
        staple_map_marks_wait_stands_out (&scale, wait) ? _("Yes") : "",
        yes_no (handoff),
        handoff ? staple_stage_get_team (stage) : "",
        yes_no (staple_stage_get_dropped (stage)),
        customer,
        staff,
      };

      append_record_numbers (csv, fields, numbers, G_N_ELEMENTS (fields));
    }

  return csv;
}

static gboolean
write_csv (GString     *csv,
           const char  *path,
           GError     **error)
{
  gboolean ok = staple_export_write_bytes (path, csv->str, csv->len, error);

  g_string_free (csv, TRUE);
  return ok;
}

/**
 * staple_export_frictions_csv:
 * @session: the session whose friction points to write
 * @path: the CSV file; replaced only once it is complete
 *
 * Writes one row per friction point, in map order, after a header row:
 * stage number, stage, team, friction point, kind, severity, principle,
 * votes, notes. RFC 4180 quoting, UTF-8 with a byte order mark; a cell
 * that starts with "=", "+", "-", "@", a tab or a carriage return gets a
 * single quote in front, so that a spreadsheet shows it as text.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
staple_export_frictions_csv (StapleSession  *session,
                             const char     *path,
                             GError        **error)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_csv (frictions_csv (session), path, error);
}

/**
 * staple_export_actions_csv:
 * @session: the session whose actions to write
 * @path: the CSV file; replaced only once it is complete
 *
 * Writes one row per action after a header row: action, owner, due date,
 * status, and the friction points it addresses joined with "; ".
 * RFC 4180 quoting, UTF-8 with a byte order mark, and cells that would
 * start like a formula written as text, as staple_export_frictions_csv()
 * does.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
staple_export_actions_csv (StapleSession  *session,
                           const char     *path,
                           GError        **error)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_csv (actions_csv (session), path, error);
}

/**
 * staple_export_actions_csv_path:
 * @path: where the friction points go
 *
 * Where `--export-csv` puts the actions beside the friction points:
 * "-actions" before the extension ("map.csv" → "map-actions.csv"), or at
 * the end when the base name has none.
 *
 * Returns: (transfer full): the actions file's path
 */
static char *
path_with_suffix (const char *path,
                  const char *suffix)
{
  const char *base;
  const char *dot;

  base = strrchr (path, G_DIR_SEPARATOR);
  base = base != NULL ? base + 1 : path;
  dot = strrchr (base, '.');

  /* ".csv" alone is a hidden file's name, not an extension. */
  if (dot == NULL || dot == base)
    return g_strconcat (path, suffix, NULL);

  return g_strdup_printf ("%.*s%s%s", (int) (dot - path), path, suffix, dot);
}

char *
staple_export_actions_csv_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return path_with_suffix (path, "-actions");
}

/**
 * staple_export_stages_csv:
 * @session: the session whose journey to write
 * @path: the CSV file; replaced only once it is complete
 *
 * Writes one row per stage, in the journey's order, after a header row:
 * stage number, stage, team, work minutes, work (as the report writes it,
 * "1 h 15 min"), waiting minutes, waiting, "Yes" for one of the journey's
 * longest waits, handoff (whether the work changes hands into the stage),
 * the team it is handed over into, dropped, the customer's and the staff's
 * feeling from -2 to +2. Nothing else: no totals row. Quoting, encoding and
 * cells that would start like a formula as staple_export_frictions_csv()
 * does; the minutes and feelings are plain numbers.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
staple_export_stages_csv (StapleSession  *session,
                          const char     *path,
                          GError        **error)
{
  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_csv (stages_csv (session), path, error);
}

/**
 * staple_export_stages_csv_path:
 * @path: where the friction points go
 *
 * Where `--export-csv` puts the stages' times beside the friction points:
 * "-stages" before the extension ("map.csv" → "map-stages.csv"), or at the
 * end when the base name has none.
 *
 * Returns: (transfer full): the stages file's path
 */
char *
staple_export_stages_csv_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return path_with_suffix (path, "-stages");
}
