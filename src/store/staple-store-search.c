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
flush_before_search (StapleStore *self)
{
  g_autoptr(GError) error = NULL;

  /* A library another program holds locked still searches, if with the
   * words of a session's last few edits missing. */
  if (!staple_store_flush_search (self, &error))
    g_warning ("The search index could not be brought up to date: %s", error->message);
}

static SnippetSource *
snippet_source_new (StapleStore *self,
                    const char  *match)
{
  SnippetSource *source = g_atomic_rc_box_new0 (SnippetSource);

  source->store = g_object_ref (self);
  source->match = g_strdup (match);
  return source;
}

/* A row of SUMMARY_COLUMNS. The setters, not g_object_set (): thousands of
 * rows, by name, add up. */
static StapleSessionSummary *
read_summary (sqlite3_stmt *stmt)
{
  StapleSessionSummary *summary = staple_session_summary_new ();

  staple_session_summary_set_id (summary, sqlite3_column_int64 (stmt, 0));
  staple_session_summary_set_title (summary, column_text (stmt, 1));
  staple_session_summary_set_organisation (summary, column_text (stmt, 2));
  staple_session_summary_set_date (summary, column_text (stmt, 3));
  staple_session_summary_set_updated (summary, sqlite3_column_int64 (stmt, 4));
  staple_session_summary_set_n_stages (summary, (guint) sqlite3_column_int (stmt, 5));
  staple_session_summary_set_n_frictions (summary, (guint) sqlite3_column_int (stmt, 6));
  staple_session_summary_set_n_open_actions (summary, (guint) sqlite3_column_int (stmt, 7));

  return summary;
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

  flush_before_search (self);

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
      g_autoptr(StapleSessionSummary) summary = read_summary (stmt);

      if (match != NULL)
        {
          if (source == NULL)
            source = snippet_source_new (self, match);
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

/* Edits leave the index for later. Gathering a session's words again is a
 * query over every row of it, which took most of each edit's time in a big
 * session; an edit only notes, in its own transaction, that the session's
 * entry is stale, so that a crash cannot lose the note, and the entries
 * are gathered once, before the next search and when the store closes. */

#define STALE_KEY_PREFIX "search-stale "
#define STALE_KEYS \
  " FROM app_state WHERE key >= '" STALE_KEY_PREFIX "' AND key < 'search-stale!'"

gboolean
staple_store_mark_search_stale (StapleStore  *self,
                                gint64        session_id,
                                GError      **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "INSERT OR IGNORE INTO app_state (key, value)"
                                " VALUES ('" STALE_KEY_PREFIX "' || ?1, '')",
                                NULL);

  /* A database at a version before app_state (the migration tests'):
   * indexed at once, as before. */
  if (stmt == NULL)
    return staple_store_index_session (self, session_id, error);

  sqlite3_bind_int64 (stmt, 1, session_id);
  return run (self, stmt, error);
}

static GArray *
stale_sessions (StapleStore *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = prepare (self, "SELECT substr (key, 14)" STALE_KEYS, NULL);

  if (stmt == NULL)
    return ids;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = g_ascii_strtoll (column_text (stmt, 0), NULL, 10);

      if (id > 0)
        g_array_append_val (ids, id);
    }
  finish (stmt);

  return ids;
}

/* @closing: from the store's finalize, which must not start recovering
 * files (and tell a window that is going away). */
gboolean
staple_store_flush_search_full (StapleStore  *self,
                                gboolean      closing,
                                GError      **error)
{
  g_autoptr(GArray) ids = stale_sessions (self);
  gboolean own = !IN_TRANSACTION (self);

  if (ids->len == 0)
    return TRUE;

  if (own && !(closing ? exec (self, "BEGIN IMMEDIATE", error)
                       : staple_store_begin (self, error)))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      if (!staple_store_index_session (self, g_array_index (ids, gint64, i), error))
        goto failed;
    }

  if (!exec (self, "DELETE" STALE_KEYS, error) || (own && !staple_store_commit (self, error)))
    goto failed;

  return TRUE;

failed:
  if (own)
    staple_store_rollback (self);
  return FALSE;
}

/**
 * staple_store_flush_search:
 *
 * Brings the search index's entries of the sessions edited since it was
 * last brought up to date (see staple_store_touch_session()) up to date.
 * Every search does this first, and so does closing the store.
 *
 * Returns: whether the index is up to date; if not, @error is set
 */
gboolean
staple_store_flush_search (StapleStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (STAPLE_IS_STORE (self), FALSE);

  return staple_store_flush_search_full (self, FALSE, error);
}

/**
 * staple_store_get_session_title:
 * @session_id: a session
 *
 * Returns: (transfer full): its title, or %NULL with @error set
 */
char *
staple_store_get_session_title (StapleStore  *self,
                                gint64        session_id,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  char *title = NULL;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT title FROM sessions WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    title = g_strdup (column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, STAPLE_STORE_ERROR, STAPLE_STORE_ERROR_NOT_FOUND,
                 _("The session is not in the library any more."));
  else
    set_error_from_code (self, error, rc);
  finish (stmt);

  return title;
}

/* The library, a page at a time.
 *
 * A query reads only the ids of the sessions it finds, in order: 8 bytes a
 * session, and no count, snippet or text. Their rows are read when the list
 * asks for an item, PAGE_SIZE at a time by id, and the few pages last used
 * are kept; a list view asks only for the rows it shows. */

#define PAGE_SIZE 48
#define N_CACHED_PAGES 4

static const char * const ids_sql[2][3] = {
  {
    "SELECT s.id FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY s.date DESC, s.created DESC, s.id DESC",
    "SELECT s.id FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY s.title COLLATE NOCASE, s.title, s.id",
    "SELECT s.id FROM sessions s WHERE 1" SEARCH_FILTERS
    " ORDER BY (SELECT count(*) FROM frictions f JOIN stages st ON f.stage_id = st.id"
    "   WHERE st.session_id = s.id) DESC, s.date DESC, s.id DESC",
  },
  {
    "SELECT s.id FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search), s.date DESC, s.created DESC, s.id DESC",
    "SELECT s.id FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search), s.title COLLATE NOCASE, s.title, s.id",
    "SELECT s.id FROM session_search JOIN sessions s ON s.id = session_search.rowid"
    " WHERE session_search MATCH ?1" SEARCH_FILTERS
    " ORDER BY bm25 (session_search),"
    " (SELECT count(*) FROM frictions f JOIN stages st ON f.stage_id = st.id"
    "   WHERE st.session_id = s.id) DESC, s.date DESC, s.id DESC",
  },
};

typedef struct
{
  guint      page;
  guint64    used;
  GPtrArray *items; /* NULL when the slot is free */
} CachedPage;

struct _StapleSessionPages
{
  GObject        parent_instance;

  StapleStore   *store;
  SnippetSource *source; /* NULL when the query has no words */
  GArray        *ids;
  CachedPage     cache[N_CACHED_PAGES];
  guint64        clock;
};

static void staple_session_pages_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StapleSessionPages, staple_session_pages, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      staple_session_pages_list_model_init))

static const char *
page_sql (void)
{
  static gsize made;
  static char *sql;

  if (g_once_init_enter (&made))
    {
      GString *text = g_string_new (SUMMARY_COLUMNS " FROM sessions s WHERE s.id IN (");

      for (int i = 1; i <= PAGE_SIZE; i++)
        g_string_append_printf (text, i == 1 ? "?%d" : ", ?%d", i);
      g_string_append_c (text, ')');
      sql = g_string_free (text, FALSE);
      g_once_init_leave (&made, 1);
    }

  return sql;
}

/* A session deleted since the query still has its row, without words. */
static StapleSessionSummary *
gone_summary (gint64 id)
{
  StapleSessionSummary *summary = staple_session_summary_new ();

  staple_session_summary_set_id (summary, id);
  return summary;
}

static const char *
snippets_sql (void)
{
  static gsize made;
  static char *sql;

  if (g_once_init_enter (&made))
    {
      GString *text = g_string_new ("SELECT rowid, snippet (session_search, -1, '" MATCH_START
                                    "', '" MATCH_END "', '…', 12) FROM session_search"
                                    " WHERE session_search MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
                                    " AND +rowid IN (");

      for (int i = 4; i < 4 + PAGE_SIZE; i++)
        g_string_append_printf (text, i == 4 ? "?%d" : ", ?%d", i);
      g_string_append_c (text, ')');
      sql = g_string_free (text, FALSE);
      g_once_init_leave (&made, 1);
    }

  return sql;
}

/* The snippets of a page in one pass over the index. One query a row
 * (`rowid = ?`) made FTS5 merge a prefix term's whole doclist again for
 * each row; here it is merged once, over the page's range of ids, and the
 * unary + keeps the IN list out of the index's hands, only a filter. */
static void
read_snippets (StapleSessionPages *self,
               GPtrArray          *items)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = prepare (self->store, snippets_sql (), &error);
  gint64 lowest = G_MAXINT64;
  gint64 highest = 0;
  int rc;

  if (stmt == NULL)
    {
      g_warning ("Could not read the search's snippets: %s", error->message);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      StapleSessionSummary *summary = g_ptr_array_index (items, i);
      gint64 id = staple_session_summary_get_id (summary);

      lowest = MIN (lowest, id);
      highest = MAX (highest, id);
      sqlite3_bind_int64 (stmt, 4 + (int) i, id);
    }

  sqlite3_bind_text (stmt, 1, self->source->match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, lowest);
  sqlite3_bind_int64 (stmt, 3, highest);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *snippet = tidy_snippet (column_text (stmt, 1));

      for (guint i = 0; i < items->len; i++)
        {
          StapleSessionSummary *summary = g_ptr_array_index (items, i);

          if (staple_session_summary_get_id (summary) == id)
            staple_session_summary_set_snippet (summary, snippet);
        }
    }
  if (rc != SQLITE_DONE)
    g_warning ("Could not read the search's snippets: %s",
               sqlite3_errmsg (self->store->db));
  finish (stmt);
}

static GPtrArray *
read_page (StapleSessionPages *self,
           guint               page)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       g_object_unref);
  gint64 keys[PAGE_SIZE];
  guint n_found = 0;
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - first);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = prepare (self->store, page_sql (), &error);

  if (stmt != NULL)
    {
      int rc;

      for (guint i = 0; i < n; i++)
        sqlite3_bind_int64 (stmt, (int) i + 1, g_array_index (self->ids, gint64, first + i));

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n_found < n)
        {
          StapleSessionSummary *summary = read_summary (stmt);

          keys[n_found] = staple_session_summary_get_id (summary);
          g_hash_table_insert (found, &keys[n_found++], summary);
        }
      if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
      if (rc != SQLITE_DONE)
        set_error_from_code (self->store, &error, rc);
      finish (stmt);
    }

  if (error != NULL)
    g_warning ("Could not read the library's sessions: %s", error->message);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, first + i);
      StapleSessionSummary *summary = g_hash_table_lookup (found, &id);

      summary = summary != NULL ? g_object_ref (summary) : gone_summary (id);
      g_ptr_array_add (items, summary);
    }

  if (self->source != NULL && items->len > 0)
    read_snippets (self, items);

  return items;
}

static CachedPage *
get_page (StapleSessionPages *self,
          guint               page)
{
  CachedPage *oldest = &self->cache[0];

  for (guint i = 0; i < N_CACHED_PAGES; i++)
    {
      CachedPage *cached = &self->cache[i];

      if (cached->items != NULL && cached->page == page)
        {
          cached->used = ++self->clock;
          return cached;
        }
      if (cached->items == NULL || (oldest->items != NULL && cached->used < oldest->used))
        oldest = cached;
    }

  g_clear_pointer (&oldest->items, g_ptr_array_unref);
  oldest->items = read_page (self, page);
  oldest->page = page;
  oldest->used = ++self->clock;
  return oldest;
}

static GType
staple_session_pages_get_item_type (GListModel *model)
{
  return STAPLE_TYPE_SESSION_SUMMARY;
}

static guint
staple_session_pages_get_n_items (GListModel *model)
{
  return STAPLE_SESSION_PAGES (model)->ids->len;
}

static gpointer
staple_session_pages_get_item (GListModel *model,
                               guint       position)
{
  StapleSessionPages *self = STAPLE_SESSION_PAGES (model);
  CachedPage *cached;

  if (position >= self->ids->len)
    return NULL;

  cached = get_page (self, position / PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (cached->items, position % PAGE_SIZE));
}

static void
staple_session_pages_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = staple_session_pages_get_item_type;
  iface->get_n_items = staple_session_pages_get_n_items;
  iface->get_item = staple_session_pages_get_item;
}

static void
staple_session_pages_finalize (GObject *object)
{
  StapleSessionPages *self = STAPLE_SESSION_PAGES (object);

  for (guint i = 0; i < N_CACHED_PAGES; i++)
    g_clear_pointer (&self->cache[i].items, g_ptr_array_unref);
  g_clear_pointer (&self->source, snippet_source_release);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (staple_session_pages_parent_class)->finalize (object);
}

static void
staple_session_pages_class_init (StapleSessionPagesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = staple_session_pages_finalize;
}

static void
staple_session_pages_init (StapleSessionPages *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * staple_store_query_sessions:
 * @query: (nullable): words as the user typed them, as for
 *   staple_store_search_sessions()
 * @organisation: (nullable): only sessions of this organisation
 * @date_from: (nullable): only sessions on or after this date, “YYYY-MM-DD”
 * @date_to: (nullable): only sessions on or before this date
 * @sort: the order when @query has no words, and between equal matches
 *
 * Finds the same sessions, in the same order, as
 * staple_store_search_sessions(), but reads only which they are: each
 * summary (its counts, and its snippet when it is shown) is read from the
 * database when the list is first asked for it, with those around it. The
 * list does not change when the library does; query again.
 *
 * Returns: (transfer full): a #GListModel of #StapleSessionSummary, or
 *   %NULL with @error set
 */
StapleSessionPages *
staple_store_query_sessions (StapleStore        *self,
                             const char         *query,
                             const char         *organisation,
                             const char         *date_from,
                             const char         *date_to,
                             StapleSessionSort   sort,
                             GError            **error)
{
  g_autoptr(StapleSessionPages) pages = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) sort <= STAPLE_SESSION_SORT_FRICTIONS, NULL);

  flush_before_search (self);

  match = make_match_query (query);
  stmt = prepare (self, ids_sql[match != NULL][sort], error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_optional (stmt, 2, organisation);
  bind_optional (stmt, 3, date_from);
  bind_optional (stmt, 4, date_to);

  pages = g_object_new (STAPLE_TYPE_SESSION_PAGES, NULL);
  pages->store = g_object_ref (self);
  if (match != NULL)
    pages->source = snippet_source_new (self, match);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (pages->ids, id);
    }
  finish (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&pages);
}
