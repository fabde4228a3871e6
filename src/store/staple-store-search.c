/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-store-search.c: the library's full-text search and its index. */
#define G_LOG_DOMAIN "staple-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "staple-schema.h"
#include "staple-store-private.h"

/* Searching the library */

/* Turns what the user typed into an FTS5 query that can only mean "all of
 * these words, as word starts": each run of letters and digits (what the
 * unicode61 tokenizer calls a token) becomes a quoted prefix term, so no
 * user text is ever read as FTS5 syntax. NULL when there is no word. */
static char *
make_match_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  gboolean in_word = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      /* A combining accent belongs to the letter before it; alone, it is
       * no word (and an empty phrase would match nothing). */
      gboolean word_char = c != (gunichar) -1 && c != (gunichar) -2 &&
                           (g_unichar_isalnum (c) || (in_word && g_unichar_ismark (c)));

      if (word_char && !in_word)
        g_string_append (query, query->len > 0 ? " AND \"" : "\"");
      else if (!word_char && in_word)
        g_string_append (query, "\"*");

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (word_char)
        g_string_append_unichar (query, c);
      in_word = word_char;
    }

  if (in_word)
    g_string_append (query, "\"*");

  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

#define SUMMARY_COLUMNS \
  "SELECT s.id, s.title, s.organisation, s.date, s.updated," \
  " (SELECT count(*) FROM stages st WHERE st.session_id = s.id) AS n_stages," \
  " (SELECT count(*) FROM frictions f JOIN stages st ON f.stage_id = st.id" \
  "   WHERE st.session_id = s.id) AS n_frictions," \
  " (SELECT count(*) FROM actions a WHERE a.session_id = s.id" \
  "   AND a.status NOT IN ('done', 'dropped'))"

#define SEARCH_FILTERS \
  " AND s.trashed = 0" \
  " AND (?2 IS NULL OR s.organisation = ?2)" \
  " AND (?3 IS NULL OR s.date >= ?3)" \
  " AND (?4 IS NULL OR s.date <= ?4)"

/* U+E000 and U+E001, private-use characters the library turns into bold. */
#define MATCH_START "\xee\x80\x80"
#define MATCH_END "\xee\x80\x81"

static const char * const search_sql[2][3] = {
  {
    SUMMARY_COLUMNS " FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY s.date DESC, s.created DESC, s.id DESC",
    SUMMARY_COLUMNS " FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY s.title COLLATE NOCASE, s.title, s.id",
    SUMMARY_COLUMNS " FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY n_frictions DESC, s.date DESC, s.id DESC",
  },
  {
    SUMMARY_COLUMNS " FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search), s.date DESC, s.created DESC, s.id DESC",
    SUMMARY_COLUMNS " FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search), s.title COLLATE NOCASE, s.title, s.id",
    SUMMARY_COLUMNS " FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search), n_frictions DESC, s.date DESC, s.id DESC",
  },
};

/* The index joins a session's texts with spaces, so a snippet can hold
 * runs of them where a field was empty. */
static char *
tidy_snippet (const char *snippet)
{
  g_autoptr(GString) tidy = g_string_sized_new (strlen (snippet));

  for (const char *p = snippet; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (space && (tidy->len == 0 || tidy->str[tidy->len - 1] == ' '))
        continue;
      g_string_append_c (tidy, space ? ' ' : *p);
    }

  if (tidy->len > 0 && tidy->str[tidy->len - 1] == ' ')
    g_string_truncate (tidy, tidy->len - 1);

  return g_string_free (g_steal_pointer (&tidy), FALSE);
}

/* What the summaries of one search need to make their snippets later. */
typedef struct
{
  StapleStore *store;
  char        *match;
} SnippetSource;

static void
snippet_source_clear (gpointer data)
{
  SnippetSource *source = data;

  g_clear_object (&source->store);
  g_clear_pointer (&source->match, g_free);
}

static void
snippet_source_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, snippet_source_clear);
}

/* The best few words of the session for the search, or "" when it no
 * longer matches. */
static char *
make_snippet_cb (StapleSessionSummary *summary,
                 gpointer              data)
{
  SnippetSource *source = data;
  StapleStore *self = source->store;
  char *snippet = NULL;
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "SELECT snippet (session_search, -1, '" MATCH_START "', '" MATCH_END "',"
                  " '…', 12) FROM session_search WHERE session_search MATCH ?1 AND rowid = ?2",
                  NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, source->match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, staple_session_summary_get_id (summary));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    snippet = tidy_snippet (column_text (stmt, 0));
  finish (stmt);

  return snippet;
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/**
 * staple_store_search_sessions:
 * @query: (nullable): words as the user typed them; each must start a word
 *   somewhere in the session, accents and case aside
 * @organisation: (nullable): only sessions of this organisation
 * @date_from: (nullable): only sessions on or after this date, “YYYY-MM-DD”
 * @date_to: (nullable): only sessions on or before this date
 * @sort: the order when @query has no words, and between equal matches
 *
 * Searches everything typed in the sessions not in the trash: titles,
 * organisations, stages, friction points, notes, actions, empowerment items
 * and participants. With words to look for, the best match comes first, and
 * each summary's snippet shows where it matched, the words found between
 * U+E000 and U+E001. The snippet is made when it is first read, from the
 * session as it is then: only the sessions shown need one.
 *
 * Returns: (transfer full): #StapleSessionSummary items, or %NULL with @error set
 */
GListStore *
staple_store_search_sessions (StapleStore        *self,
                              const char         *query,
                              const char         *organisation,
                              const char         *date_from,
                              const char         *date_to,
                              StapleSessionSort   sort,
                              GError            **error)
{
  g_autoptr(GListStore) list = g_list_store_new (STAPLE_TYPE_SESSION_SUMMARY);
  g_autofree char *match = NULL;
  SnippetSource *source = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) sort <= STAPLE_SESSION_SORT_FRICTIONS, NULL);

  match = make_match_query (query);
  stmt = prepare (self, search_sql[match != NULL][sort], error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_optional (stmt, 2, organisation);
  bind_optional (stmt, 3, date_from);
  bind_optional (stmt, 4, date_to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(StapleSessionSummary) summary = staple_session_summary_new ();

      /* The setters, not g_object_set (): thousands of rows, by name, add up. */
      staple_session_summary_set_id (summary, sqlite3_column_int64 (stmt, 0));
      staple_session_summary_set_title (summary, column_text (stmt, 1));
      staple_session_summary_set_organisation (summary, column_text (stmt, 2));
      staple_session_summary_set_date (summary, column_text (stmt, 3));
      staple_session_summary_set_updated (summary, sqlite3_column_int64 (stmt, 4));
      staple_session_summary_set_n_stages (summary, (guint) sqlite3_column_int (stmt, 5));
      staple_session_summary_set_n_frictions (summary, (guint) sqlite3_column_int (stmt, 6));
      staple_session_summary_set_n_open_actions (summary, (guint) sqlite3_column_int (stmt, 7));

      if (match != NULL)
        {
          if (source == NULL)
            {
              source = g_atomic_rc_box_new0 (SnippetSource);
              source->store = g_object_ref (self);
              source->match = g_strdup (match);
            }
          staple_session_summary_set_snippet_func (summary, make_snippet_cb,
                                                   g_atomic_rc_box_acquire (source),
                                                   snippet_source_release);
        }
      g_list_store_append (list, summary);
    }

  finish (stmt);
  g_clear_pointer (&source, snippet_source_release);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * staple_store_list_organisations:
 *
 * Returns: (transfer full) (element-type utf8): the organisations of the
 *   sessions not in the trash, each once, in alphabetical order, without the
 *   empty one; or %NULL with @error set
 */
GPtrArray *
staple_store_list_organisations (StapleStore  *self,
                                 GError      **error)
{
  g_autoptr(GPtrArray) organisations = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT DISTINCT organisation FROM sessions"
                  " WHERE trashed = 0 AND organisation <> ''"
                  " ORDER BY organisation COLLATE NOCASE, organisation",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (organisations, g_strdup (column_text (stmt, 0)));

  finish (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&organisations);
}

/* Search index. The schema has no triggers (an imported file with triggers is
 * refused, and our own files must pass that check), so every write that can
 * change a session's text ends by gathering that text again, as migration 3
 * did for the sessions it found. */

#define GATHER_SESSION_TEXT \
  "SELECT s.id, s.title, s.organisation," \
  "  ifnull ((SELECT group_concat (name || ' ' || team || ' ' || notes, ' ')" \
  "    FROM stages WHERE session_id = s.id), '') || ' ' ||" \
  "  ifnull ((SELECT group_concat (f.text || ' ' || f.notes, ' ')" \
  "    FROM frictions f JOIN stages st ON f.stage_id = st.id" \
  "    WHERE st.session_id = s.id), '') || ' ' ||" \
  "  ifnull ((SELECT group_concat (text, ' ') FROM actions" \
  "    WHERE session_id = s.id), '') || ' ' ||" \
  "  ifnull ((SELECT group_concat (text, ' ') FROM empowerments" \
  "    WHERE session_id = s.id), '') || ' ' ||" \
  "  ifnull ((SELECT group_concat (name || ' ' || role, ' ') FROM participants" \
  "    WHERE session_id = s.id), '')" \
  " FROM sessions s WHERE s.trashed = 0"

gboolean
staple_store_unindex_session (StapleStore  *self,
                 gint64        session_id,
                 GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM session_search WHERE rowid = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  return run (self, stmt, error);
}

/* Whether the index holds these words for the session already, as it does
 * after most edits: moving a card, voting, a feeling, the time. */
static gboolean
is_indexed (StapleStore  *self,
            sqlite3_stmt *gathered,
            gint64        session_id)
{
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT title, organisation, body FROM session_search"
                                " WHERE rowid = ?1",
                                NULL);
  gboolean same = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      same = TRUE;
      for (int i = 0; i < 3; i++)
        same = same && g_str_equal (column_text (stmt, i), column_text (gathered, i + 1));
    }
  finish (stmt);

  return same;
}

/* Gathers the session's words again and puts them in the index if they
 * changed. A session in the trash is taken out of the index instead. */
gboolean
staple_store_index_session (StapleStore  *self,
               gint64        session_id,
               GError      **error)
{
  sqlite3_stmt *gathered;
  sqlite3_stmt *insert;
  gboolean ok = TRUE;
  int rc;

  gathered = prepare (self, GATHER_SESSION_TEXT " AND s.id = ?1", error);
  insert = prepare (self,
                    "INSERT INTO session_search (rowid, title, organisation, body)"
                    " VALUES (?1, ?2, ?3, ?4)",
                    error);
  if (gathered == NULL || insert == NULL)
    return FALSE;

  sqlite3_bind_int64 (gathered, 1, session_id);
  rc = sqlite3_step (gathered);

  if (rc == SQLITE_DONE)
    ok = staple_store_unindex_session (self, session_id, error);
  else if (rc != SQLITE_ROW)
    {
      set_error_from_code (self, error, rc);
      ok = FALSE;
    }
  else if (!is_indexed (self, gathered, session_id))
    {
      sqlite3_bind_int64 (insert, 1, session_id);
      for (int i = 1; i <= 3; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (gathered, i));
      ok = staple_store_unindex_session (self, session_id, error) && run (self, insert, error);
    }

  finish (insert);
  finish (gathered);
  return ok;
}

/**
 * staple_store_rebuild_search:
 *
 * Gathers the text of every session not in the trash into the search index
 * again, in one transaction. For a file whose index is damaged or was
 * written by hand, and for filling a generated library at once.
 */
gboolean
staple_store_rebuild_search (StapleStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);

  if (!staple_store_begin (self, error))
    return FALSE;

  if (!exec (self, "DELETE FROM session_search", error) ||
      !exec (self, "INSERT INTO session_search (rowid, title, organisation, body) "
                   GATHER_SESSION_TEXT, error) ||
      !staple_store_commit (self, error))
    {
      staple_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}
