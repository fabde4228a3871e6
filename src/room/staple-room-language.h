/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StapleRoomCatalogue StapleRoomCatalogue;
typedef struct _StapleRoomLanguages StapleRoomLanguages;

StapleRoomCatalogue       *staple_room_catalogue_new_from_data (const guint8              *data,
                                                                gsize                      size);
const char                *staple_room_catalogue_lookup        (const StapleRoomCatalogue *catalogue,
                                                                const char                *context,
                                                                const char                *text);
void                       staple_room_catalogue_free          (StapleRoomCatalogue       *catalogue);

char                     **staple_room_languages_wanted        (const char                *accept_language);

StapleRoomLanguages       *staple_room_languages_new           (const char                *locale_dir);
const StapleRoomCatalogue *staple_room_languages_choose        (StapleRoomLanguages       *self,
                                                                const char                *accept_language);
void                       staple_room_languages_free          (StapleRoomLanguages       *self);

G_END_DECLS
