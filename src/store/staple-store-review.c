/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-store-review.c: the leadership review's figures, each an SQL
 * aggregate over one organisation's walks; no session is loaded. */

#include "config.h"

#include <sqlite3.h>

#include "staple-store.h"
#include "staple-store-private.h"

/* The walks of the organisation, as every query below picks them. */
#define IS_WALK " s.trashed = 0 AND s.organisation = ?1"
#define FRICTIONS " sessions s JOIN stages st ON st.session_id = s.id" \
                  " JOIN frictions f ON f.stage_id = st.id"
#define BY_DATE " s.date, s.created, s.id"

typedef void (*RowFunc) (StapleReview *review,
                             sqlite3_stmt *stmt);

/* Runs @sql with the organisation bound as ?1, calling @row on each row. */
static gboolean
each_row (StapleStore   *self,
          StapleReview  *review,
          const char    *sql,
          RowFunc        row,
          GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, review->organisation);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (review, stmt);
  finish (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

static guint
column_minutes (sqlite3_stmt *stmt,
                int           column)
{
  return (guint) CLAMP (sqlite3_column_int64 (stmt, column), 0, G_MAXUINT);
}

static void
add_walk (StapleReview *review,
          sqlite3_stmt *stmt)
{
  StapleReviewWalk walk = { 0 };
  guint wait_minutes;

  walk.session_id = sqlite3_column_int64 (stmt, 0);
  walk.previous_id = sqlite3_column_int64 (stmt, 1);
  walk.title = g_strdup (column_text (stmt, 2));
  walk.date = g_strdup (column_text (stmt, 3));
  walk.n_stages = column_minutes (stmt, 4);
  walk.n_frictions = column_minutes (stmt, 5);
  walk.work_minutes = column_minutes (stmt, 6);
  wait_minutes = column_minutes (stmt, 7);
  walk.lead_minutes = walk.work_minutes > G_MAXUINT - wait_minutes
                      ? G_MAXUINT : walk.work_minutes + wait_minutes;
  g_array_append_val (review->walks, walk);
}

static void
add_principle (StapleReview *review,
               sqlite3_stmt *stmt)
{
  staple_review_count_principle (review, sqlite3_column_int64 (stmt, 0),
                                 column_enum (stmt, 1, STAPLE_TYPE_PRINCIPLE,
                                              STAPLE_PRINCIPLE_NONE),
                                 column_minutes (stmt, 2), sqlite3_column_int64 (stmt, 3));
}

static void
add_kind (StapleReview *review,
          sqlite3_stmt *stmt)
{
  staple_review_count_kind (review, sqlite3_column_int64 (stmt, 0),
                            column_enum (stmt, 1, STAPLE_TYPE_FRICTION_KIND,
                                         STAPLE_FRICTION_KIND_PROCESS),
                            column_minutes (stmt, 2), sqlite3_column_int64 (stmt, 3));
}

static void
add_wait (StapleReview *review,
          sqlite3_stmt *stmt)
{
  StapleReviewWait wait = { 0 };

  wait.wait_minutes_max = column_minutes (stmt, 0);
  wait.name = g_strdup (column_text (stmt, 1));
  wait.session_id = sqlite3_column_int64 (stmt, 2);
  wait.stage_id = sqlite3_column_int64 (stmt, 3);
  wait.n_walks = column_minutes (stmt, 4);
  wait.wait_minutes_total = column_minutes (stmt, 5);
  g_array_append_val (review->waits, wait);
}

static void
add_action (StapleReview *review,
            sqlite3_stmt *stmt)
{
  StapleReviewAction action = { 0 };

  action.session_id = sqlite3_column_int64 (stmt, 0);
  action.action_id = sqlite3_column_int64 (stmt, 1);
  action.text = g_strdup (column_text (stmt, 2));
  action.owner = g_strdup (column_text (stmt, 3));
  action.due = g_strdup (column_text (stmt, 4));
  action.status = column_enum (stmt, 5, STAPLE_TYPE_ACTION_STATUS, STAPLE_ACTION_STATUS_OPEN);
  action.done_on = g_strdup (column_text (stmt, 6));
  action.friction_id = sqlite3_column_int64 (stmt, 7);
  g_array_append_val (review->actions, action);
}

static void
add_empowerment (StapleReview *review,
                 sqlite3_stmt *stmt)
{
  staple_review_add_empowerment (review, sqlite3_column_int64 (stmt, 0),
                                 sqlite3_column_int64 (stmt, 1), column_text (stmt, 2),
                                 column_text (stmt, 3));
}

/**
 * staple_store_review_organisation:
 * @organisation: the organisation, exactly as the sessions' frames spell it
 * @today: (nullable): YYYY-MM-DD, what overdue is measured against; %NULL
 *   for today
 *
 * Gathers the leadership review of every walk of @organisation that is not
 * in the trash, each figure one query over the database.
 *
 * Returns: (transfer full): the review (with no walks if the organisation
 *   has none), or %NULL with @error set
 */
StapleReview *
staple_store_review_organisation (StapleStore  *self,
                                  const char   *organisation,
                                  const char   *today,
                                  GError      **error)
{
  g_autoptr(StapleReview) review = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);
  g_return_val_if_fail (organisation != NULL, NULL);

  if (today == NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_now_local ();

      today = now = g_date_time_format (time, "%Y-%m-%d");
    }

  review = staple_review_new (organisation, today);

  if (!each_row (self, review,
                 "SELECT s.id, ifnull (s.previous_id, 0), s.title, s.date, s.n_stages,"
                 " s.n_frictions,"
                 " (SELECT ifnull (sum (work_minutes), 0) FROM stages WHERE session_id = s.id),"
                 " (SELECT ifnull (sum (wait_minutes), 0) FROM stages WHERE session_id = s.id)"
                 " FROM sessions s WHERE" IS_WALK " ORDER BY" BY_DATE,
                 add_walk, error) ||
      !each_row (self, review,
                 "SELECT st.session_id, f.principle, count (*), max (f.id)"
                 " FROM" FRICTIONS " WHERE" IS_WALK " AND f.principle != 'none'"
                 " GROUP BY st.session_id, f.principle",
                 add_principle, error) ||
      !each_row (self, review,
                 "SELECT st.session_id, f.kind, count (*), max (f.id)"
                 " FROM" FRICTIONS " WHERE" IS_WALK
                 " GROUP BY st.session_id, f.kind ORDER BY st.session_id",
                 add_kind, error) ||
      /* The stage's name, walk and id are those of the row where it waited
       * longest (SQLite's bare columns beside max()). */
      !each_row (self, review,
                 "SELECT max (st.wait_minutes), st.name, st.session_id, st.id,"
                 " count (DISTINCT st.session_id), sum (st.wait_minutes)"
                 " FROM sessions s JOIN stages st ON st.session_id = s.id WHERE" IS_WALK
                 " GROUP BY lower (trim (st.name)) HAVING max (st.wait_minutes) > 0"
                 " ORDER BY 1 DESC, 6 DESC LIMIT 10",
                 add_wait, error) ||
      !each_row (self, review,
                 "SELECT a.session_id, a.id, a.text, ifnull (p.name, ''), a.due, a.status,"
                 " a.done_on, ifnull ((SELECT af.friction_id FROM action_frictions af"
                 "   WHERE af.action_id = a.id ORDER BY af.position LIMIT 1), 0)"
                 " FROM sessions s JOIN actions a ON a.session_id = s.id"
                 " LEFT JOIN participants p ON p.id = a.owner_id WHERE" IS_WALK
                 " ORDER BY" BY_DATE ", a.position",
                 add_action, error) ||
      !each_row (self, review,
                 "SELECT e.session_id, e.id, e.text, s.date"
                 " FROM sessions s JOIN empowerments e ON e.session_id = s.id WHERE" IS_WALK
                 " ORDER BY" BY_DATE ", e.position",
                 add_empowerment, error))
    return NULL;

  staple_review_finish (review);
  return g_steal_pointer (&review);
}
