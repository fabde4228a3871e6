/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define STAPLE_STORE_ERROR (staple_store_error_quark ())

/* "STPL" in ASCII: marks a file as ours in PRAGMA application_id. */
#define STAPLE_STORE_APPLICATION_ID 0x5354504c

typedef enum
{
  STAPLE_STORE_ERROR_NOT_STAPLE,
  STAPLE_STORE_ERROR_DAMAGED,
  STAPLE_STORE_ERROR_TOO_NEW,
  STAPLE_STORE_ERROR_READ_ONLY,
  STAPLE_STORE_ERROR_LOCKED,
  STAPLE_STORE_ERROR_FULL,
  STAPLE_STORE_ERROR_NOT_FOUND,
  STAPLE_STORE_ERROR_FAILED,
  STAPLE_STORE_ERROR_IN_USE,
  STAPLE_STORE_ERROR_IO,
} StapleStoreError;

typedef enum
{
  STAPLE_STORE_OPEN_DEFAULT = 0,
  /* The window's library: held against a second Staple, its files watched
   * and recovered if they are deleted or replaced while it runs. */
  STAPLE_STORE_OPEN_CLAIM = 1 << 0,
} StapleStoreOpenFlags;

/* The order of the library, searched or not; a search that finds few
 * sessions ranks them by how well each matches, and uses this order only
 * between equals (see staple_store_query_sessions()). */
typedef enum
{
  STAPLE_SESSION_SORT_DATE,
  STAPLE_SESSION_SORT_TITLE,
  STAPLE_SESSION_SORT_FRICTIONS,
} StapleSessionSort;

/* What was being typed into one of the map's in-place editors. */
typedef struct
{
  char   *target;      /* "new-friction", "friction-text" or "stage-name" */
  gint64  stage_id;
  gint64  friction_id; /* 0 unless editing a card's text */
  int     position;    /* where a new card goes */
  char   *text;
} StapleDraft;

void          staple_draft_free                  (StapleDraft     *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StapleDraft, staple_draft_free)

#define STAPLE_TYPE_STORE (staple_store_get_type ())

G_DECLARE_FINAL_TYPE (StapleStore, staple_store, STAPLE, STORE, GObject)

GQuark        staple_store_error_quark           (void);
int           staple_store_get_schema_version    (void);
char         *staple_store_get_default_path      (void);
StapleStore  *staple_store_open                  (const char      *path,
                                                  GError         **error);
StapleStore  *staple_store_open_at_version       (const char      *path,
                                                  int              version,
                                                  GError         **error);
StapleStore  *staple_store_open_full             (const char      *path,
                                                  int              version,
                                                  StapleStoreOpenFlags flags,
                                                  GError         **error);
const char   *staple_store_get_path              (StapleStore     *self);
gboolean      staple_store_get_checked_on_open   (StapleStore     *self);

/* Reading */
GListStore   *staple_store_list_sessions         (StapleStore     *self,
                                                  GError         **error);
StapleSession *staple_store_load_session         (StapleStore     *self,
                                                  gint64           session_id,
                                                  GError         **error);
gint64        staple_store_find_session_by_source (StapleStore    *self,
                                                  const char      *source,
                                                  GError         **error);
GListStore   *staple_store_search_sessions       (StapleStore     *self,
                                                  const char      *query,
                                                  const char      *organisation,
                                                  const char      *date_from,
                                                  const char      *date_to,
                                                  StapleSessionSort sort,
                                                  GError         **error);
GPtrArray    *staple_store_list_organisations    (StapleStore     *self,
                                                  GError         **error);
gboolean      staple_store_rebuild_search        (StapleStore     *self,
                                                  GError         **error);
gboolean      staple_store_flush_search          (StapleStore     *self,
                                                  GError         **error);
char         *staple_store_get_session_title     (StapleStore     *self,
                                                  gint64           session_id,
                                                  GError         **error);

/* The library as the window lists it: a #GListModel of
 * #StapleSessionSummary that knows how many sessions match and reads their
 * rows from the database a page at a time, as they are asked for. */
#define STAPLE_TYPE_SESSION_PAGES (staple_session_pages_get_type ())

G_DECLARE_FINAL_TYPE (StapleSessionPages, staple_session_pages, STAPLE, SESSION_PAGES, GObject)

StapleSessionPages *staple_store_query_sessions  (StapleStore     *self,
                                                  const char      *query,
                                                  const char      *organisation,
                                                  const char      *date_from,
                                                  const char      *date_to,
                                                  StapleSessionSort sort,
                                                  GError         **error);

/* Transactions: every write below must happen between begin and commit. */
gboolean      staple_store_begin                 (StapleStore     *self,
                                                  GError         **error);
gboolean      staple_store_commit                (StapleStore     *self,
                                                  GError         **error);
void          staple_store_rollback              (StapleStore     *self);

/* Whole sessions, and the time spent per phase (each in its own transaction) */
gboolean      staple_store_add_session           (StapleStore     *self,
                                                  StapleSession   *session,
                                                  GError         **error);
gboolean      staple_store_set_session_trashed   (StapleStore     *self,
                                                  gint64           session_id,
                                                  gboolean         trashed,
                                                  GError         **error);
gboolean      staple_store_purge_trashed         (StapleStore     *self,
                                                  GError         **error);
StapleReview *staple_store_review_organisation   (StapleStore     *self,
                                                  const char      *organisation,
                                                  const char      *today,
                                                  GError         **error);
gint64        staple_store_walk_again            (StapleStore     *self,
                                                  gint64           session_id,
                                                  const char      *date,
                                                  GError         **error);
gint64        staple_store_get_previous_walk     (StapleStore     *self,
                                                  gint64           session_id,
                                                  GError         **error);
gboolean      staple_store_set_phase_seconds     (StapleStore     *self,
                                                  gint64           session_id,
                                                  StaplePhase      phase,
                                                  guint            seconds,
                                                  GError         **error);

/* Rows (inside a transaction), written from the model objects as they are
 * now: the editor changes the model first and undoes that change if the
 * write fails. An object whose id is not 0 is inserted under that id, which
 * is how an undone delete comes back unchanged; one whose id is 0 gets a new
 * id, set on the object. */
gboolean      staple_store_touch_session         (StapleStore     *self,
                                                  gint64           session_id,
                                                  GError         **error);
gboolean      staple_store_update_field          (StapleStore     *self,
                                                  GObject         *object,
                                                  const char      *property,
                                                  GError         **error);
gboolean      staple_store_insert_stage          (StapleStore     *self,
                                                  StapleStage     *stage,
                                                  GError         **error);
gboolean      staple_store_insert_friction       (StapleStore     *self,
                                                  StapleFriction  *friction,
                                                  GError         **error);
gboolean      staple_store_insert_participant    (StapleStore     *self,
                                                  gint64           session_id,
                                                  int              position,
                                                  StapleParticipant *participant,
                                                  GError         **error);
gboolean      staple_store_insert_vote           (StapleStore     *self,
                                                  StapleVote      *vote,
                                                  GError         **error);
gboolean      staple_store_insert_action         (StapleStore     *self,
                                                  gint64           session_id,
                                                  int              position,
                                                  StapleAction    *action,
                                                  GError         **error);
gboolean      staple_store_insert_empowerment    (StapleStore     *self,
                                                  gint64           session_id,
                                                  int              position,
                                                  StapleEmpowerment *item,
                                                  GError         **error);
gboolean      staple_store_set_action_frictions  (StapleStore     *self,
                                                  StapleAction    *action,
                                                  GError         **error);
gboolean      staple_store_delete_row            (StapleStore     *self,
                                                  GObject         *object,
                                                  GError         **error);
gboolean      staple_store_write_positions       (StapleStore     *self,
                                                  GListModel      *items,
                                                  GError         **error);

/* What the coach was in the middle of, and the library's own state, each
 * written at once (outside a transaction) */
gboolean      staple_store_save_draft            (StapleStore     *self,
                                                  gint64           session_id,
                                                  const char      *target,
                                                  gint64           stage_id,
                                                  gint64           friction_id,
                                                  int              position,
                                                  const char      *text,
                                                  GError         **error);
gboolean      staple_store_clear_draft           (StapleStore     *self,
                                                  gint64           session_id,
                                                  GError         **error);
StapleDraft  *staple_store_load_draft            (StapleStore     *self,
                                                  gint64           session_id);
gboolean      staple_store_set_state             (StapleStore     *self,
                                                  const char      *key,
                                                  const char      *value,
                                                  GError         **error);
char         *staple_store_get_state             (StapleStore     *self,
                                                  const char      *key);

G_END_DECLS
