/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-store-private.h: what the store's files share, and nothing else sees. */
#pragma once

#include <sqlite3.h>
#include <string.h>
#include <sys/types.h>

#include "staple-store.h"

G_BEGIN_DECLS

/* The tables of a session's rows, which edits insert and delete by id and
 * undo brings back under the same id. */
typedef enum
{
  STAPLE_ID_STAGES,
  STAPLE_ID_FRICTIONS,
  STAPLE_ID_PARTICIPANTS,
  STAPLE_ID_VOTES,
  STAPLE_ID_ACTIONS,
  STAPLE_ID_EMPOWERMENTS,
  STAPLE_N_ID_TABLES
} StapleIdTable;

struct _StapleStore
{
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* owned SQL text → sqlite3_stmt */
  int         guard_fd;   /* holds the library for this Staple, or -1 */
  gboolean    claimed;    /* opened with STAPLE_STORE_OPEN_CLAIM */
  dev_t       db_dev;     /* the files opened, to notice them replaced */
  ino_t       db_ino;
  dev_t       wal_dev;
  ino_t       wal_ino;
  gboolean    checked_on_open; /* the whole file was read: not closed cleanly */
  /* The highest id each table has had since the store opened: new rows
   * get ids above it, never those of rows deleted meanwhile. */
  gint64      high_ids[STAPLE_N_ID_TABLES];
};

#define IN_TRANSACTION(self) (!sqlite3_get_autocommit ((self)->db))

void          staple_store_set_error             (StapleStore     *self,
                                                  GError         **error,
                                                  int              rc);
sqlite3_stmt *staple_store_prepare               (StapleStore     *self,
                                                  const char      *sql,
                                                  GError         **error);
gboolean      staple_store_run                   (StapleStore     *self,
                                                  sqlite3_stmt    *stmt,
                                                  GError         **error);
gboolean      staple_store_exec                  (StapleStore     *self,
                                                  const char      *sql,
                                                  GError         **error);
const char   *staple_store_repair_text           (const char      *text,
                                                  int              length);
gboolean      staple_store_index_session         (StapleStore     *self,
                                                  gint64           session_id,
                                                  GError         **error);
gboolean      staple_store_unindex_session       (StapleStore     *self,
                                                  gint64           session_id,
                                                  GError         **error);
gboolean      staple_store_verify_files          (StapleStore     *self,
                                                  GError         **error);
void          staple_store_mark_closed           (const char      *path);
gboolean      staple_store_mark_search_stale     (StapleStore     *self,
                                                  gint64           session_id,
                                                  GError         **error);
gboolean      staple_store_flush_search_full     (StapleStore     *self,
                                                  gboolean         closing,
                                                  GError         **error);
void          staple_store_emit_recovered        (StapleStore     *self,
                                                  const char      *message);

/* Short names for the store's own files. */
#define set_error_from_code staple_store_set_error
#define prepare staple_store_prepare
#define run staple_store_run
#define exec staple_store_exec

static inline void
finish (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static inline void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static inline void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static inline void
bind_enum (sqlite3_stmt *stmt,
           int           index,
           GType         type,
           int           value)
{
  bind_text (stmt, index, staple_enum_to_nick (type, value));
}

static inline const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  int length = sqlite3_column_bytes (stmt, column);

  if (text == NULL)
    return "";

  /* A byte that is not UTF-8 (a hand-edited or damaged file passes
   * integrity_check with one) would crash GLib later: repaired here, once. */
  if (G_UNLIKELY (!g_utf8_validate_len (text, length, NULL) || strlen (text) != (gsize) length))
    return staple_store_repair_text (text, length);

  return text;
}

static inline int
column_enum (sqlite3_stmt *stmt,
             int           column,
             GType         type,
             int           fallback)
{
  int value;

  if (staple_enum_from_nick (type, column_text (stmt, column), &value))
    return value;

  return fallback;
}

static inline gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

G_END_DECLS
