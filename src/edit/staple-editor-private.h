/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-editor-private.h: the commands, shared by the editor's files. */
#pragma once

#include "staple-editor.h"

G_BEGIN_DECLS

typedef struct _Command Command;

typedef struct
{
  /* Changes the model; @forward is FALSE to take the change back. */
  void     (*apply) (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward);
  /* Writes what apply() changed; runs inside a transaction. */
  gboolean (*write) (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward,
                     GError      **error);
  void     (*free)  (Command      *command);
  /* Optional: whether the command may still run @forward (redo) or back
   * (undo), now that edits outside the history (a phone's ballot) may
   * have changed the session since it was recorded. */
  gboolean (*check) (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward,
                     GError      **error);
} CommandClass;

struct _Command
{
  const CommandClass *klass;
  const char         *label;
  /* A command waiting to be written stays alive, even when the history
   * lets go of it, until it is written. */
  guint               n_pending;
  gboolean            released;
};

/* An edit made in the model but not yet in the database (a full disk, a
 * read-only remount, a lock held too long): written again, in order, until
 * it goes in. */
typedef struct
{
  Command  *command;
  gboolean  forward;
} Pending;

/* Try again every few seconds while something is not saved. */
#define RETRY_SECONDS 3

struct _StapleEditor
{
  GObject        parent_instance;
  StapleStore   *store;
  StapleSession *session;
  GPtrArray     *undo_stack;
  GPtrArray     *redo_stack;
  gint64         last_set_time;
  gboolean       may_merge;
  guint          unrecorded;    /* depth of staple_editor_begin_unrecorded() */
  GArray        *pending;       /* of Pending, oldest first */
  GError        *unsaved_error; /* why the pending edits are not written */
  guint          retry_id;
  gint64         applied_us;    /* the last edit's apply, listeners included */
  gint64         written_us;    /* and its transaction, up to the commit */
  gint64         touched_us;    /* of which staple_store_touch_session() */
};

void          staple_editor_command_free     (gpointer         data);
gboolean      staple_editor_push_command     (StapleEditor    *self,
                                              Command         *command,
                                              GError         **error);
void          staple_editor_renumber         (GListModel      *list);
Command      *staple_editor_group_new        (const char      *label,
                                              Command         *first,
                                              Command         *second);
gboolean      staple_editor_is_blank         (const char      *text);

/* Short names for the editor's own files. */
#define command_free staple_editor_command_free
#define push_command staple_editor_push_command
#define renumber staple_editor_renumber
#define group_new staple_editor_group_new
#define is_blank staple_editor_is_blank

G_END_DECLS
