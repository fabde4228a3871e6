/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "staple-room-language.h"

G_BEGIN_DECLS

char *staple_room_strings_json (const StapleRoomCatalogue *catalogue);

G_END_DECLS
