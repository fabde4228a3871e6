/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "staple-editor.h"
#include "staple-room-address.h"
#include "staple-room-suggestion.h"

G_BEGIN_DECLS

#define STAPLE_ROOM_ERROR (staple_room_error_quark ())

typedef enum
{
  STAPLE_ROOM_ERROR_NO_NETWORK,  /* the laptop has no address on a local network */
  STAPLE_ROOM_ERROR_LISTEN,      /* no address could be listened on */
  STAPLE_ROOM_ERROR_GONE,        /* the suggestion, stage or friction point is gone */
} StapleRoomError;

#define STAPLE_TYPE_ROOM (staple_room_get_type ())

G_DECLARE_FINAL_TYPE (StapleRoom, staple_room, STAPLE, ROOM, GObject)

GQuark              staple_room_error_quark       (void);
StapleRoom         *staple_room_new               (StapleEditor         *editor);
StapleEditor       *staple_room_get_editor        (StapleRoom           *self);

/* Listening */
gboolean            staple_room_open              (StapleRoom           *self,
                                                   GError              **error);
void                staple_room_close             (StapleRoom           *self);
gboolean            staple_room_get_is_open       (StapleRoom           *self);
guint               staple_room_get_port          (StapleRoom           *self);
void                staple_room_set_port          (StapleRoom           *self,
                                                   guint                 port);
const char * const *staple_room_get_networks      (StapleRoom           *self);
void                staple_room_set_networks      (StapleRoom           *self,
                                                   const char * const   *networks);
const char         *staple_room_get_url           (StapleRoom           *self);
const char * const *staple_room_get_urls          (StapleRoom           *self);
guint               staple_room_get_n_devices     (StapleRoom           *self);

/* Voting */
gboolean            staple_room_get_anonymous     (StapleRoom           *self);
void                staple_room_set_anonymous     (StapleRoom           *self,
                                                   gboolean              anonymous);
gboolean            staple_room_get_show_totals   (StapleRoom           *self);
void                staple_room_set_show_totals   (StapleRoom           *self,
                                                   gboolean              show_totals);

/* Suggestions: friction points sent from phones in the Walk phase */
GListModel         *staple_room_get_suggestions   (StapleRoom           *self);
StapleFriction     *staple_room_accept_suggestion (StapleRoom           *self,
                                                   StapleRoomSuggestion *suggestion,
                                                   StapleFrictionKind    kind,
                                                   GError              **error);
gboolean            staple_room_merge_suggestion  (StapleRoom           *self,
                                                   StapleRoomSuggestion *suggestion,
                                                   StapleFriction       *friction,
                                                   GError              **error);
void                staple_room_discard_suggestion (StapleRoom          *self,
                                                   StapleRoomSuggestion *suggestion);
gboolean            staple_room_restore_suggestion (StapleRoom          *self,
                                                   guint                 id,
                                                   GError              **error);

G_END_DECLS
