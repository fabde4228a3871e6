/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-library-page.h"
#include "staple-room.h"
#include "staple-session-page.h"
#include "staple-timer.h"
#include "staple-window.h"

G_BEGIN_DECLS

struct _StapleWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  StapleLibraryPage   *library_page;
  StapleSessionPage   *session_page;  /* made when a session first opens */

  StapleStore         *store;
  StapleEditor        *editor;
  GSettings           *settings;

  /* The workshop (staple-window-workshop.c) */
  StapleTimer         *timer;
  GtkWindow           *presenter;
  gint64               phase_clock;   /* monotonic µs since time was last counted */
  guint                phase_clock_id;

  /* Keeping every word (staple-window-safety.c) */
  GtkRevealer         *banner;
  GtkLabel            *banner_label;
  gboolean             discard_unsaved;
  gboolean             looking;   /* a review's row is showing where a thing came from */
  GError              *last_error;      /* of the action a script is running */
  gboolean             last_error_set;
  GDBusConnection     *dbus_connection;
  guint                dbus_id;

  /* The room (staple-window-room.c) */
  StapleRoom          *room;          /* of the open session, open or not */
  GtkWindow           *room_dialog;   /* weak: the code, while it is shown */
  GtkWidget           *room_panel;    /* its suggestions, in the Walk's side panel */
};


/* Shared by the window's action files. */
gboolean        staple_window_report       (StapleWindow        *self,
                                            gboolean             ok,
                                            GError             **error);
StapleStage    *staple_window_nth_stage    (StapleWindow        *self,
                                            int                  index);
StapleFriction *staple_window_nth_friction (StapleWindow        *self,
                                            int                  stage_index,
                                            int                  index);
StapleSessionPage *staple_window_get_session_page (StapleWindow   *self);
void            staple_window_set_field    (StapleWindow        *self,
                                            gpointer             object,
                                            const char * const  *fields,
                                            const char          *field,
                                            GVariant            *variant);

gboolean        staple_window_session_is_past   (StapleSession  *session);
void            staple_window_workshop_init     (StapleWindow   *self);
void            staple_window_workshop_dispose  (StapleWindow   *self);
void            staple_window_workshop_session_changed (StapleWindow *self);
void            staple_window_workshop_update_actions  (StapleWindow *self);
void            staple_window_export_init       (StapleWindow   *self);
void            staple_window_export_update_actions    (StapleWindow *self);

void            staple_window_room_init         (StapleWindow   *self);
void            staple_window_room_dispose      (StapleWindow   *self);
void            staple_window_room_session_changed (StapleWindow *self);

void            staple_window_safety_init       (StapleWindow   *self);
void            staple_window_safety_attach     (StapleWindow   *self);
void            staple_window_safety_dispose    (StapleWindow   *self);
void            staple_window_safety_editor_changed (StapleWindow *self);
gboolean        staple_window_safety_can_leave  (StapleWindow   *self,
                                                 gboolean        quitting);
void            staple_window_safety_session_opened (StapleWindow *self);
void            staple_window_safety_open_draft (StapleWindow   *self);
void            staple_window_safety_closed     (StapleWindow   *self);
void            staple_window_safety_note_error (StapleWindow   *self,
                                                 const GError   *error);

G_END_DECLS
