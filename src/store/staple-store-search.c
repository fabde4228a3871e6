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

/* The counts are the session's own columns, which the store keeps (see
 * staple_store_touch_session()): nothing is counted per row. */
#define SUMMARY_COLUMNS \
  "SELECT s.id, s.title, s.organisation, s.date, s.updated," \
  " s.n_stages, s.n_frictions, s.n_open_actions"

#define SEARCH_FILTERS \
  " AND s.trashed = 0" \
  " AND (?2 IS NULL OR s.organisation = ?2)" \
  " AND (?3 IS NULL OR s.date >= ?3)" \
  " AND (?4 IS NULL OR s.date <= ?4)"

/* U+E000 and U+E001, private-use characters the library turns into bold. */
#define MATCH_START "\xee\x80\x80"
#define MATCH_END "\xee\x80\x81"

/* The library's orders. Each is an index of `sessions` that holds the
 * columns the filters look at (migration 5), so that these lists are read
 * from the index alone, in order, without sorting: some 20 ms for 100,000
 * sessions. */
static const char * const library_sql[3] = {
  "SELECT s.id FROM sessions s WHERE 1" SEARCH_FILTERS
  " ORDER BY s.date DESC, s.created DESC, s.id DESC",
  "SELECT s.id FROM sessions s WHERE 1" SEARCH_FILTERS
  " ORDER BY s.title COLLATE NOCASE, s.title, s.id",
  "SELECT s.id FROM sessions s WHERE 1" SEARCH_FILTERS
  " ORDER BY s.n_frictions DESC, s.date DESC, s.id DESC",
};

/* The sessions that have the words, best match first, for a search that
 * finds few (bm25 costs some 4 µs a session). */
static const char * const ranked_sql[3] = {
  "SELECT s.id FROM session_search JOIN sessions s ON s.id = session_search.rowid"
  " WHERE session_search MATCH ?1" SEARCH_FILTERS
  " ORDER BY bm25 (session_search), s.date DESC, s.created DESC, s.id DESC",
  "SELECT s.id FROM session_search JOIN sessions s ON s.id = session_search.rowid"
  " WHERE session_search MATCH ?1" SEARCH_FILTERS
  " ORDER BY bm25 (session_search), s.title COLLATE NOCASE, s.title, s.id",
  "SELECT s.id FROM session_search JOIN sessions s ON s.id = session_search.rowid"
  " WHERE session_search MATCH ?1" SEARCH_FILTERS
  " ORDER BY bm25 (session_search), s.n_frictions DESC, s.date DESC, s.id DESC",
};

/* Which sessions have the words, in the index's own order. */
#define MATCHES_SQL \
  "SELECT rowid FROM session_search WHERE session_search MATCH ?1 ORDER BY rowid"

/* A search that finds at most this many sessions of the library ranks them. */
#define RANKED_MAX 200

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

/* Snippets. FTS5's snippet () finds the words again in the index: for a
 * prefix, it merges the postings of every word that starts so, as the
 * search did, which cost as much as the search again for each page shown
 * (16 ms for 100,000 sessions). A page's snippets are made here instead,
 * from the texts the index holds for its sessions, read by rowid: each
 * text's words are found as the index's tokenizer finds them (runs of
 * letters, digits and their accents), case and accents aside, and the
 * snippet is the SNIPPET_WORDS words of the text that hold the most of the
 * words searched for (then the most hits), centred on them, marked
 * between MATCH_START and MATCH_END, with "…" where the text goes on. */

#define SNIPPET_WORDS 12

/* The next word at or after *@p, as make_match_query() reads words: its
 * bytes between @start and @end. FALSE at the end, or at a byte that is
 * not UTF-8. */
static gboolean
next_word (const char **p,
           const char **start,
           const char **end)
{
  gboolean in_word = FALSE;

  for (const char *q = *p; ; q = g_utf8_next_char (q))
    {
      gboolean ascii = (guchar) *q < 0x80;
      gunichar c = ascii ? (gunichar) *q : g_utf8_get_char_validated (q, -1);
      gboolean valid = c != 0 && c != (gunichar) -1 && c != (gunichar) -2;
      gboolean word_char = ascii ? g_ascii_isalnum (*q)
                                 : valid && (g_unichar_isalnum (c) ||
                                             (in_word && g_unichar_ismark (c)));

      if (word_char && !in_word)
        *start = q;
      else if (!word_char && in_word)
        {
          *end = q;
          *p = q;
          return TRUE;
        }
      if (!valid)
        {
          *p = q;
          return FALSE;
        }
      in_word = word_char;
    }
}

/* A letter as the index compares it: lower case, accents taken off;
 * appended to @folded, or 0 returned for the first part of it. */
static gunichar
fold_char (gunichar  c,
           GString  *folded)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gunichar first = 0;
  gsize n;

  if (c < 0x80)
    {
      c = g_ascii_tolower (c);
      if (folded != NULL)
        g_string_append_c (folded, (char) c);
      return c;
    }

  n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
  for (gsize i = 0; i < n; i++)
    {
      if (g_unichar_ismark (parts[i]))
        continue;
      if (first == 0)
        first = g_unichar_tolower (parts[i]);
      if (folded != NULL)
        g_string_append_unichar (folded, g_unichar_tolower (parts[i]));
    }

  return first;
}

/* A word as the index compares it. */
static char *
fold_word (const char *start,
           const char *end)
{
  GString *folded = g_string_sized_new (end - start);

  for (const char *q = start; q < end; q = g_utf8_next_char (q))
    fold_char (g_utf8_get_char (q), folded);

  return g_string_free (folded, FALSE);
}

/* The words searched for, folded, as make_match_query() takes them. */
static GStrv
search_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = text != NULL ? text : "";
  const char *start, *end;

  while (next_word (&p, &start, &end))
    {
      g_autofree char *word = fold_word (start, end);

      g_strv_builder_add (builder, word);
    }

  return g_strv_builder_end (builder);
}

typedef struct
{
  const char *start;
  const char *end;
  int         found; /* which word searched for starts it, or -1 */
} Word;

/* The words of @text, each with which of @words it starts with. */
static GArray *
text_words (const char         *text,
            const char * const *words)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Word));
  gunichar firsts[64];
  guint n_words = 0;
  const char *p = text;
  Word word;

  for (; words[n_words] != NULL && n_words < G_N_ELEMENTS (firsts); n_words++)
    firsts[n_words] = g_utf8_get_char (words[n_words]);

  while (next_word (&p, &word.start, &word.end))
    {
      gunichar first = fold_char (g_utf8_get_char (word.start), NULL);
      g_autofree char *folded = NULL;

      word.found = -1;
      /* Most words start otherwise than any searched for: not folded. */
      for (guint i = 0; i < n_words && word.found < 0; i++)
        {
          if (firsts[i] != first)
            continue;
          if (folded == NULL)
            folded = fold_word (word.start, word.end);
          if (g_str_has_prefix (folded, words[i]))
            word.found = (int) i;
        }
      g_array_append_val (found, word);
    }

  return found;
}

/* How well the SNIPPET_WORDS words from @first show the search: 1,000 for
 * each word searched for that is among them, 1 for each hit. */
static int
score_window (GArray *words,
              guint   first,
              guint  *last_hit)
{
  guint64 seen = 0;
  int score = 0;

  for (guint i = first; i < MIN (words->len, first + SNIPPET_WORDS); i++)
    {
      int found = g_array_index (words, Word, i).found;

      if (found < 0)
        continue;
      if (!(seen & (G_GUINT64_CONSTANT (1) << MIN (found, 63))))
        score += 1000;
      seen |= G_GUINT64_CONSTANT (1) << MIN (found, 63);
      score += 1;
      *last_hit = i;
    }

  return score;
}

/* The snippet of one text from @first, its words marked. */
static char *
write_window (const char *text,
              GArray     *words,
              guint       first)
{
  g_autoptr(GString) snippet = g_string_new (first > 0 ? "…" : "");
  guint end = MIN (words->len, first + SNIPPET_WORDS);
  const char *from = first > 0 ? g_array_index (words, Word, first).start : text;

  for (guint i = first; i < end; i++)
    {
      Word *word = &g_array_index (words, Word, i);

      g_string_append_len (snippet, from, word->start - from);
      if (word->found >= 0)
        g_string_append (snippet, MATCH_START);
      g_string_append_len (snippet, word->start, word->end - word->start);
      if (word->found >= 0)
        g_string_append (snippet, MATCH_END);
      from = word->end;
    }

  if (end < words->len)
    g_string_append (snippet, "…");
  else
    g_string_append (snippet, from);

  return tidy_snippet (snippet->str);
}

/* The best few words of a session's texts (its title, organisation and
 * everything else, as the index holds them) for @words. */
static char *
make_snippet (const char * const *texts,
              guint               n_texts,
              const char * const *words)
{
  g_autoptr(GArray) best = NULL;
  const char *best_text = texts[n_texts - 1];
  guint best_first = 0;
  int best_score = 0;

  for (guint t = 0; t < n_texts; t++)
    {
      g_autoptr(GArray) found = text_words (texts[t], words);

      for (guint i = 0; i < found->len; i++)
        {
          guint last_hit = i;
          int score;

          if (g_array_index (found, Word, i).found < 0)
            continue;
          score = score_window (found, i, &last_hit);
          if (score > best_score)
            {
              /* The hits in the middle of the words shown. */
              guint spare = SNIPPET_WORDS - (last_hit - i + 1);
              guint first = i > spare / 2 ? i - spare / 2 : 0;

              if (found->len >= SNIPPET_WORDS)
                first = MIN (first, found->len - SNIPPET_WORDS);
              else
                first = 0;
              best_score = score;
              best_first = first;
              best_text = texts[t];
              g_clear_pointer (&best, g_array_unref);
              best = g_array_ref (found);
            }
        }
    }

  /* Found by the index but not here (a tokenizer's corner): the start of
   * the last text, unmarked. */
  if (best == NULL)
    best = text_words (best_text, words);

  return write_window (best_text, best, best_first);
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
 * @query: (nullable): words as the user typed them, as for
 *   staple_store_query_sessions()
 * @organisation: (nullable): only sessions of this organisation
 * @date_from: (nullable): only sessions on or after this date, “YYYY-MM-DD”
 * @date_to: (nullable): only sessions on or before this date
 * @sort: the library's order
 *
 * Finds what staple_store_query_sessions() finds, in its order, and reads
 * every summary at once, with its snippet: for a short list or a program
 * that wants them all, not for the window's library.
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
  g_autoptr(StapleSessionPages) pages = NULL;
  guint n;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) sort <= STAPLE_SESSION_SORT_FRICTIONS, NULL);

  pages = staple_store_query_sessions (self, query, organisation, date_from, date_to, sort,
                                       error);
  if (pages == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleSessionSummary) summary = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_list_store_append (list, summary);
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
  GStrv          words; /* folded, as searched for; NULL without words */
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
texts_sql (void)
{
  static gsize made;
  static char *sql;

  if (g_once_init_enter (&made))
    {
      GString *text = g_string_new ("SELECT rowid, title, organisation, body FROM session_search"
                                    " WHERE rowid IN (");

      for (int i = 1; i <= PAGE_SIZE; i++)
        g_string_append_printf (text, i == 1 ? "?%d" : ", ?%d", i);
      g_string_append_c (text, ')');
      sql = g_string_free (text, FALSE);
      g_once_init_leave (&made, 1);
    }

  return sql;
}

/* The snippets of a page (see make_snippet()), from its sessions' texts in
 * the index, read by rowid in one query. */
static void
read_snippets (StapleSessionPages *self,
               GPtrArray          *items)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = prepare (self->store, texts_sql (), &error);
  int rc;

  if (stmt == NULL)
    {
      g_warning ("Could not read the search's snippets: %s", error->message);
      return;
    }

  for (guint i = 0; i < PAGE_SIZE; i++)
    {
      if (i < items->len)
        sqlite3_bind_int64 (stmt, 1 + (int) i,
                            staple_session_summary_get_id (g_ptr_array_index (items, i)));
      else
        sqlite3_bind_null (stmt, 1 + (int) i);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *title = g_strdup (column_text (stmt, 1));
      g_autofree char *organisation = g_strdup (column_text (stmt, 2));
      const char *texts[] = { title, organisation, column_text (stmt, 3) };
      g_autofree char *snippet = make_snippet (texts, G_N_ELEMENTS (texts),
                                               (const char * const *) self->words);

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

  if (self->words != NULL && items->len > 0)
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
  g_clear_pointer (&self->words, g_strfreev);
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

static void
bind_filters (sqlite3_stmt *stmt,
              const char   *match,
              const char   *organisation,
              const char   *date_from,
              const char   *date_to)
{
  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_optional (stmt, 2, organisation);
  bind_optional (stmt, 3, date_from);
  bind_optional (stmt, 4, date_to);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Steps @stmt, whose first column is a session's id, into @ids. */
static gboolean
read_ids (StapleStore   *self,
          sqlite3_stmt  *stmt,
          GArray        *ids,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  finish (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_code (self, error, rc);
      return FALSE;
    }

  return TRUE;
}

/* Appends to @ids the ids of @listed that are in @matches (in increasing
 * order), in the order of @listed. A bit for each id between the lowest
 * and the highest match (12 kB for 100,000 sessions), as ids are handed
 * out one after the other; a search of the array for each id if a file's
 * ids are spread too far. */
static void
pick_matches (GArray *listed,
              GArray *matches,
              GArray *ids)
{
  gint64 lowest = g_array_index (matches, gint64, 0);
  guint64 span = (guint64) g_array_index (matches, gint64, matches->len - 1) - (guint64) lowest;
  g_autofree guint8 *bits = NULL;

  if (span >= G_GUINT64_CONSTANT (1) << 26)
    {
      for (guint i = 0; i < listed->len; i++)
        {
          gint64 id = g_array_index (listed, gint64, i);

          if (bsearch (&id, matches->data, matches->len, sizeof (gint64), compare_ids) != NULL)
            g_array_append_val (ids, id);
        }
      return;
    }

  bits = g_malloc0 (span / 8 + 1);
  for (guint i = 0; i < matches->len; i++)
    {
      guint64 bit = (guint64) g_array_index (matches, gint64, i) - (guint64) lowest;

      bits[bit / 8] |= 1 << (bit % 8);
    }

  for (guint i = 0; i < listed->len; i++)
    {
      gint64 id = g_array_index (listed, gint64, i);
      guint64 bit = (guint64) id - (guint64) lowest;

      if (id >= lowest && bit <= span && (bits[bit / 8] & (1 << (bit % 8))))
        g_array_append_val (ids, id);
    }
}

/* The library's list in one order, with its filters: the ids of every
 * session it shows without words, kept from one query to the next while
 * the database is as it was (no row changed through this connection, no
 * commit by another). Searching, every keystroke picks out of it the
 * sessions that have the words, in order, without reading the list from
 * the database again (some 20 ms for 100,000 sessions). */
typedef struct
{
  char   *key;
  gint64  changes;
  gint64  data_version;
  GArray *ids;
} Listed;

#define LISTED_DATA "staple-store-listed"

static void
listed_free (gpointer data)
{
  Listed *listed = data;

  g_free (listed->key);
  g_array_unref (listed->ids);
  g_free (listed);
}

static gint64
data_version (StapleStore *self)
{
  sqlite3_stmt *stmt = prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    finish (stmt);

  return version;
}

static GArray *
library_ids (StapleStore        *self,
             StapleSessionSort   sort,
             const char         *organisation,
             const char         *date_from,
             const char         *date_to,
             GError            **error)
{
  Listed *listed = g_object_get_data (G_OBJECT (self), LISTED_DATA);
  g_autofree char *key = g_strdup_printf ("%d\x1f%s\x1f%s\x1f%s", (int) sort,
                                          organisation != NULL ? organisation : "",
                                          date_from != NULL ? date_from : "",
                                          date_to != NULL ? date_to : "");
  gint64 changes = sqlite3_total_changes64 (self->db);
  gint64 version = data_version (self);
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  if (listed != NULL && g_str_equal (listed->key, key) && listed->changes == changes &&
      listed->data_version == version && version >= 0)
    return g_array_ref (listed->ids);

  stmt = prepare (self, library_sql[sort], error);
  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  bind_filters (stmt, NULL, organisation, date_from, date_to);
  if (!read_ids (self, stmt, ids, error))
    return NULL;

  listed = g_new0 (Listed, 1);
  listed->key = g_steal_pointer (&key);
  listed->changes = changes;
  listed->data_version = version;
  listed->ids = g_array_ref (ids);
  g_object_set_data_full (G_OBJECT (self), LISTED_DATA, listed, listed_free);

  return g_steal_pointer (&ids);
}

/**
 * staple_store_query_sessions:
 * @query: (nullable): words as the user typed them; each must start a word
 *   somewhere in the session, accents and case aside
 * @organisation: (nullable): only sessions of this organisation
 * @date_from: (nullable): only sessions on or after this date, “YYYY-MM-DD”
 * @date_to: (nullable): only sessions on or before this date
 * @sort: the library's order
 *
 * The library as the window lists it: the sessions not in the trash that
 * pass the filters and, with @query, have all its words anywhere in what
 * was typed in them (titles, organisations, stages, friction points,
 * notes, actions, empowerment items and participants).
 *
 * In the library's order (@sort), with one exception: when the words are
 * found in at most 200 sessions of the library (RANKED_MAX), the best
 * match comes first, @sort only ordering equal matches. Ranking is for a
 * search that has narrowed the library down to a few; for thousands of
 * matches it would cost more than the whole list (bm25 takes some 4 µs a
 * session: 160 ms for 40,000), and the order the coach chose is as good a
 * guide.
 *
 * How the list is found, so that a keystroke costs what SQLite's search
 * costs and no more:
 * - without words, the ids of the sessions in order, read from the index
 *   of @sort alone (the counts it sorts by are columns of `sessions`);
 * - with words, the ids that have them, from the search index; a few are
 *   ranked by it, many are picked out of the library's list without words
 *   (the same filters and order), which the store keeps from one query to
 *   the next while the database is unchanged, so that each keystroke of a
 *   search does not read it again.
 * Only ids are read (8 bytes a session). Each summary (its counts, which
 * the store keeps in the session's row, and, with words, a snippet of
 * where they were found, between U+E000 and U+E001) is read when the list
 * is first asked for it, with the page of sessions around it. The list
 * does not change when the library does; query again.
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
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) listed = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STAPLE_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) sort <= STAPLE_SESSION_SORT_FRICTIONS, NULL);

  flush_before_search (self);

  pages = g_object_new (STAPLE_TYPE_SESSION_PAGES, NULL);
  pages->store = g_object_ref (self);
  match = make_match_query (query);

  if (match != NULL)
    {
      pages->words = search_words (query);
      matches = g_array_new (FALSE, FALSE, sizeof (gint64));
      stmt = prepare (self, MATCHES_SQL, error);
      if (stmt == NULL)
        return NULL;
      bind_filters (stmt, match, NULL, NULL, NULL);
      if (!read_ids (self, stmt, matches, error))
        return NULL;

      if (matches->len == 0)
        return g_steal_pointer (&pages);

      if (matches->len <= RANKED_MAX)
        {
          stmt = prepare (self, ranked_sql[sort], error);
          if (stmt == NULL)
            return NULL;
          bind_filters (stmt, match, organisation, date_from, date_to);
          if (!read_ids (self, stmt, pages->ids, error))
            return NULL;
          return g_steal_pointer (&pages);
        }
    }

  listed = library_ids (self, sort, organisation, date_from, date_to, error);
  if (listed == NULL)
    return NULL;

  if (matches == NULL)
    {
      g_array_unref (pages->ids);
      pages->ids = g_steal_pointer (&listed);
      return g_steal_pointer (&pages);
    }

  pick_matches (listed, matches, pages->ids);

  return g_steal_pointer (&pages);
}
