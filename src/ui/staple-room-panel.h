/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-room.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_ROOM_PANEL (staple_room_panel_get_type ())

G_DECLARE_FINAL_TYPE (StapleRoomPanel, staple_room_panel, STAPLE, ROOM_PANEL, GtkWidget)

GtkWidget  *staple_room_panel_new      (void);
void        staple_room_panel_set_room (StapleRoomPanel *self,
                                        StapleRoom      *room);
StapleRoom *staple_room_panel_get_room (StapleRoomPanel *self);
gboolean    staple_room_panel_focus    (StapleRoomPanel *self);

G_END_DECLS
