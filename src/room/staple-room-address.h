/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One of the laptop's addresses on a local network, and the interface it
 * is on ("wlp2s0", "enp0s31f6") */
typedef struct
{
  char         *interface;
  GInetAddress *address;
} StapleRoomNetwork;

void       staple_room_network_free       (StapleRoomNetwork *network);
gboolean   staple_room_address_is_local   (GInetAddress      *address);
GPtrArray *staple_room_address_list_local (void);

G_END_DECLS
