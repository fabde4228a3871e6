/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-util.c: temporary folders, raw SQLite and model comparison for the
 * store and editor tests. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "test-util.h"

/* Temporary folders */

/**
 * test_make_tmp_dir:
 *
 * Returns: (transfer full): a new empty folder, for one test
 */
char *
test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("staple-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

/**
 * test_remove_tree:
 *
 * Deletes @path and, if it is a folder, everything in it. Permissions that a
 * test took away are given back first.
 */
void
test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }

      if (g_rmdir (path) != 0)
        g_test_message ("Could not remove %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0)
    {
      g_test_message ("Could not remove %s: %s", path, g_strerror (errno));
    }
}

/* Raw SQLite */

sqlite3 *
test_raw_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK)
    g_error ("sqlite3_open_v2 (%s): %s", path, sqlite3_errstr (rc));

  sqlite3_busy_timeout (db, 1000);
  return db;
}

void
test_raw_exec (sqlite3    *db,
               const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
step_one_row (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    g_error ("%s: no row (%s)", sql, sqlite3_errmsg (db));

  return stmt;
}

gint64
test_raw_int (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = step_one_row (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

char *
test_raw_text (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = step_one_row (db, sql);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return value;
}

/**
 * test_count:
 * @format: a query returning one integer, printf-style
 *
 * Opens @path on a connection of its own, runs the query and closes it.
 */
gint64
test_count (const char *path,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  sqlite3 *db;
  gint64 value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  db = test_raw_open (path);
  value = test_raw_int (db, sql);
  sqlite3_close (db);
  return value;
}

/* Comparing models */

static gboolean
is_id_property (const char *name)
{
  static const char * const names[] = {
    "id", "session-id", "stage-id", "participant-id", "friction-id", "owner-id",
    "current-stage-id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (name, names[i]))
        return TRUE;
    }

  return FALSE;
}

/**
 * test_assert_objects_equal:
 * @with_ids: whether ids and references by id must be equal too
 *
 * Asserts that two objects of one type have equal readable properties.
 */
void
test_assert_objects_equal (gpointer expected,
                           gpointer actual,
                           gboolean with_ids)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  g_assert_true (G_IS_OBJECT (expected));
  g_assert_true (G_IS_OBJECT (actual));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (expected), ==, G_OBJECT_TYPE_NAME (actual));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (expected), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      if (!(pspec->flags & G_PARAM_READABLE) || (!with_ids && is_id_property (pspec->name)))
        continue;

      g_value_init (&a, pspec->value_type);
      g_value_init (&b, pspec->value_type);
      g_object_get_property (expected, pspec->name, &a);
      g_object_get_property (actual, pspec->name, &b);

      if (g_param_values_cmp (pspec, &a, &b) != 0)
        {
          g_autofree char *contents_a = g_strdup_value_contents (&a);
          g_autofree char *contents_b = g_strdup_value_contents (&b);
          g_autofree char *line_a = g_strdup_printf ("%s:%s = %s", G_OBJECT_TYPE_NAME (expected),
                                                     pspec->name, contents_a);
          g_autofree char *line_b = g_strdup_printf ("%s:%s = %s", G_OBJECT_TYPE_NAME (actual),
                                                     pspec->name, contents_b);

          /* Equal contents can still differ in bytes that g_strescape hides. */
          g_assert_cmpstr (line_a, ==, line_b);
          g_assert_not_reached ();
        }
    }
}

static void
assert_lists_equal (GListModel *expected,
                    GListModel *actual,
                    gboolean    with_ids)
{
  guint n = g_list_model_get_n_items (expected);

  g_assert_cmpuint (g_list_model_get_n_items (actual), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (expected, i);
      g_autoptr(GObject) b = g_list_model_get_item (actual, i);

      test_assert_objects_equal (a, b, with_ids);
    }
}

static void
assert_stages_equal (StapleSession *expected,
                     StapleSession *actual,
                     gboolean       with_ids)
{
  GListModel *a = G_LIST_MODEL (staple_session_get_stages (expected));
  GListModel *b = G_LIST_MODEL (staple_session_get_stages (actual));

  assert_lists_equal (a, b, with_ids);
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(StapleStage) stage_a = g_list_model_get_item (a, i);
      g_autoptr(StapleStage) stage_b = g_list_model_get_item (b, i);

      assert_lists_equal (G_LIST_MODEL (staple_stage_get_frictions (stage_a)),
                          G_LIST_MODEL (staple_stage_get_frictions (stage_b)), with_ids);
    }
}

static int
compare_votes_by_id (gconstpointer a,
                     gconstpointer b)
{
  gint64 id_a = staple_vote_get_id (*(StapleVote **) a);
  gint64 id_b = staple_vote_get_id (*(StapleVote **) b);

  return id_a < id_b ? -1 : id_a > id_b;
}

static GPtrArray *
votes_sorted_by_id (StapleSession *session)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (session));
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (votes, i));

  g_ptr_array_sort (sorted, compare_votes_by_id);
  return sorted;
}

/* The time spent per phase is not a property, so the loops above miss it. */
static void
assert_phase_seconds_equal (StapleSession *expected,
                            StapleSession *actual)
{
  for (int phase = 0; phase < STAPLE_N_PHASES; phase++)
    {
      const char *nick = staple_enum_to_nick (STAPLE_TYPE_PHASE, phase);
      guint a = staple_session_get_phase_seconds (expected, phase);
      guint b = staple_session_get_phase_seconds (actual, phase);
      g_autofree char *line_a = g_strdup_printf ("%s: %u s", nick, a);
      g_autofree char *line_b = g_strdup_printf ("%s: %u s", nick, b);

      g_assert_cmpstr (line_a, ==, line_b);
    }
}

/**
 * test_assert_sessions_equal:
 *
 * Asserts that two sessions hold the same things under the same ids: every
 * field, every list in the same order, each action's friction points in the
 * same order. Votes are a set (the order of dots means nothing), so they are
 * compared by id.
 */
void
test_assert_sessions_equal (StapleSession *expected,
                            StapleSession *actual)
{
  g_autoptr(GPtrArray) votes_a = votes_sorted_by_id (expected);
  g_autoptr(GPtrArray) votes_b = votes_sorted_by_id (actual);
  GListModel *actions_a = G_LIST_MODEL (staple_session_get_actions (expected));
  GListModel *actions_b = G_LIST_MODEL (staple_session_get_actions (actual));

  test_assert_objects_equal (expected, actual, TRUE);
  assert_phase_seconds_equal (expected, actual);
  assert_lists_equal (G_LIST_MODEL (staple_session_get_participants (expected)),
                      G_LIST_MODEL (staple_session_get_participants (actual)), TRUE);
  assert_stages_equal (expected, actual, TRUE);

  g_assert_cmpuint (votes_a->len, ==, votes_b->len);
  for (guint i = 0; i < votes_a->len; i++)
    test_assert_objects_equal (votes_a->pdata[i], votes_b->pdata[i], TRUE);

  assert_lists_equal (actions_a, actions_b, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (actions_a); i++)
    {
      g_autoptr(StapleAction) a = g_list_model_get_item (actions_a, i);
      g_autoptr(StapleAction) b = g_list_model_get_item (actions_b, i);
      guint n_a = 0, n_b = 0;
      const gint64 *ids_a = staple_action_get_friction_ids (a, &n_a);
      const gint64 *ids_b = staple_action_get_friction_ids (b, &n_b);

      g_assert_cmpmem (ids_a, n_a * sizeof (gint64), ids_b, n_b * sizeof (gint64));
    }

  assert_lists_equal (G_LIST_MODEL (staple_session_get_empowerments (expected)),
                      G_LIST_MODEL (staple_session_get_empowerments (actual)), TRUE);
}

static const char *
participant_name (StapleSession *session,
                  gint64         id)
{
  StapleParticipant *participant = staple_session_find_participant (session, id, NULL);

  return participant != NULL ? staple_participant_get_name (participant) : NULL;
}

static const char *
stage_name (StapleSession *session,
            gint64         id)
{
  StapleStage *stage = staple_session_find_stage (session, id, NULL);

  return stage != NULL ? staple_stage_get_name (stage) : NULL;
}

static const char *
friction_text (StapleSession *session,
               gint64         id)
{
  StapleFriction *friction = staple_session_find_friction (session, id, NULL, NULL);

  return friction != NULL ? staple_friction_get_text (friction) : NULL;
}

/* Every stored object has an id, and the parts point at what holds them. */
static void
assert_ids_consistent (StapleSession *session)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));

  g_assert_cmpint (staple_session_get_id (session), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      g_assert_cmpint (staple_stage_get_id (stage), >, 0);
      g_assert_cmpint (staple_stage_get_session_id (stage), ==, staple_session_get_id (session));
      g_assert_cmpint (staple_stage_get_position (stage), ==, i);
      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);

          g_assert_cmpint (staple_friction_get_id (friction), >, 0);
          g_assert_cmpint (staple_friction_get_stage_id (friction), ==,
                           staple_stage_get_id (stage));
          g_assert_cmpint (staple_friction_get_position (friction), ==, j);
        }
    }
}

/**
 * test_assert_sessions_match:
 * @expected: a session whose objects may have other ids (local ones, as
 *   from JSON), with unique participant names and friction texts
 * @actual: a session read from a store
 *
 * Asserts that @actual holds what @expected holds, following votes and
 * actions to the participants and friction points they name.
 */
void
test_assert_sessions_match (StapleSession *expected,
                            StapleSession *actual)
{
  GListModel *votes_a = G_LIST_MODEL (staple_session_get_votes (expected));
  GListModel *votes_b = G_LIST_MODEL (staple_session_get_votes (actual));
  GListModel *actions_a = G_LIST_MODEL (staple_session_get_actions (expected));
  GListModel *actions_b = G_LIST_MODEL (staple_session_get_actions (actual));

  assert_ids_consistent (actual);
  test_assert_objects_equal (expected, actual, FALSE);
  assert_phase_seconds_equal (expected, actual);
  if (staple_session_get_current_stage_id (expected) == 0)
    g_assert_cmpint (staple_session_get_current_stage_id (actual), ==, 0);
  else
    {
      g_assert_nonnull (stage_name (actual, staple_session_get_current_stage_id (actual)));
      g_assert_cmpstr (stage_name (actual, staple_session_get_current_stage_id (actual)), ==,
                       stage_name (expected, staple_session_get_current_stage_id (expected)));
    }
  assert_lists_equal (G_LIST_MODEL (staple_session_get_participants (expected)),
                      G_LIST_MODEL (staple_session_get_participants (actual)), FALSE);
  assert_stages_equal (expected, actual, FALSE);
  assert_lists_equal (G_LIST_MODEL (staple_session_get_empowerments (expected)),
                      G_LIST_MODEL (staple_session_get_empowerments (actual)), FALSE);

  assert_lists_equal (votes_a, votes_b, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (votes_a); i++)
    {
      g_autoptr(StapleVote) a = g_list_model_get_item (votes_a, i);
      g_autoptr(StapleVote) b = g_list_model_get_item (votes_b, i);
      const char *who = participant_name (actual, staple_vote_get_participant_id (b));
      const char *what = friction_text (actual, staple_vote_get_friction_id (b));

      g_assert_nonnull (who);
      g_assert_nonnull (what);
      g_assert_cmpstr (who, ==, participant_name (expected, staple_vote_get_participant_id (a)));
      g_assert_cmpstr (what, ==, friction_text (expected, staple_vote_get_friction_id (a)));
    }

  assert_lists_equal (actions_a, actions_b, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (actions_a); i++)
    {
      g_autoptr(StapleAction) a = g_list_model_get_item (actions_a, i);
      g_autoptr(StapleAction) b = g_list_model_get_item (actions_b, i);
      guint n_a = 0, n_b = 0;
      const gint64 *ids_a = staple_action_get_friction_ids (a, &n_a);
      const gint64 *ids_b = staple_action_get_friction_ids (b, &n_b);

      if (staple_action_get_owner_id (a) == 0)
        g_assert_cmpint (staple_action_get_owner_id (b), ==, 0);
      else
        g_assert_cmpstr (participant_name (actual, staple_action_get_owner_id (b)), ==,
                         participant_name (expected, staple_action_get_owner_id (a)));

      g_assert_cmpuint (n_b, ==, n_a);
      for (guint j = 0; j < n_a; j++)
        {
          g_assert_nonnull (friction_text (actual, ids_b[j]));
          g_assert_cmpstr (friction_text (actual, ids_b[j]), ==,
                           friction_text (expected, ids_a[j]));
        }
    }
}

/* The size of a file in bytes, or -1 if it cannot be read. */
gint64
test_file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

/**
 * test_init_language:
 *
 * The app's texts in the language of the environment (LANGUAGE, LANG), from
 * $STAPLE_LOCALEDIR as the build made them, as main () does for the app.
 * Without it, a test sees the English texts whatever the environment.
 */
void
test_init_language (void)
{
  const char *localedir = g_getenv ("STAPLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (localedir != NULL && *localedir != '\0')
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GLib's _() translates only if the program's own domain is translated. */
  textdomain (GETTEXT_PACKAGE);
}

/**
 * test_read_example:
 *
 * Returns: (transfer full): the example workshop the app bundles, read from
 *   $STAPLE_EXAMPLE_JSON (as the test suite sets it) or from the source tree
 */
StapleSession *
test_read_example (void)
{
  const char *env = g_getenv ("STAPLE_EXAMPLE_JSON");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  StapleSession *session;

  if (env != NULL && *env != '\0')
    path = g_strdup (env);
  else
    path = g_test_build_filename (G_TEST_DIST, "..", "data", "example-workshop.json", NULL);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  session = staple_session_new_from_json (contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

/**
 * test_pixel_rgb:
 * @rgb: (out caller-allocates) (array fixed-size=3): the colour, 0–1
 *
 * The colour at a point of an opaque image surface, in device pixels,
 * un-premultiplied.
 */
void
test_pixel_rgb (cairo_surface_t *surface,
                double           x,
                double           y,
                double          *rgb)
{
  int px = (int) floor (x), py = (int) floor (y);
  const unsigned char *data;
  int stride;
  guint32 value;
  double alpha = 1.0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));

  memcpy (&value, data + (gsize) py * stride + (gsize) px * 4, sizeof value);
  if (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32)
    {
      alpha = (value >> 24) / 255.0;
      g_assert_cmpfloat (alpha, >, 0.99); /* the paper is opaque */
    }
  rgb[0] = ((value >> 16) & 0xff) / 255.0 / alpha;
  rgb[1] = ((value >> 8) & 0xff) / 255.0 / alpha;
  rgb[2] = (value & 0xff) / 255.0 / alpha;
}

/* How light a colour looks, 0–1 (Rec. 709). */
double
test_luma (const double *rgb)
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* Pixels of a box, in device pixels, whose luma is below @threshold (@dark)
 * or above it: text where there is some, or paper. */
guint
test_count_pixels (cairo_surface_t *surface,
                   double           x,
                   double           y,
                   double           width,
                   double           height,
                   gboolean         dark,
                   double           threshold)
{
  guint count = 0;

  for (double py = ceil (y); py < y + height; py++)
    for (double px = ceil (x); px < x + width; px++)
      {
        double rgb[3];

        test_pixel_rgb (surface, px, py, rgb);
        if (dark ? test_luma (rgb) < threshold : test_luma (rgb) > threshold)
          count++;
      }

  return count;
}

/* The largest difference of two colours in any channel, 0–1. */
double
test_rgb_distance (const double *a,
                   const double *b)
{
  return MAX (fabs (a[0] - b[0]), MAX (fabs (a[1] - b[1]), fabs (a[2] - b[2])));
}
