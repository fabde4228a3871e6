/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_ROOM_SUGGESTION (staple_room_suggestion_get_type ())

G_DECLARE_FINAL_TYPE (StapleRoomSuggestion, staple_room_suggestion, STAPLE, ROOM_SUGGESTION,
                      GObject)

StapleRoomSuggestion *staple_room_suggestion_new          (guint                 id,
                                                           gint64                stage_id,
                                                           const char           *text,
                                                           guint                 device);
guint                 staple_room_suggestion_get_id       (StapleRoomSuggestion *self);
gint64                staple_room_suggestion_get_stage_id (StapleRoomSuggestion *self);
const char           *staple_room_suggestion_get_text     (StapleRoomSuggestion *self);
GDateTime            *staple_room_suggestion_get_time     (StapleRoomSuggestion *self);
guint                 staple_room_suggestion_get_device   (StapleRoomSuggestion *self);

G_END_DECLS
