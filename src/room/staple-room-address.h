/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean   staple_room_address_is_local  (GInetAddress *address);
GPtrArray *staple_room_address_list_local (void);

G_END_DECLS
