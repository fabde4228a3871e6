/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-renderer-private.h: what the renderer keeps between draws, for
 * the tests to see. Not for the app. */
#pragma once

#include "staple-map-renderer.h"

G_BEGIN_DECLS

guint    _staple_map_render_get_card_images        (StapleMapLayout     *layout,
                                                    gsize               *bytes);
gboolean _staple_map_render_has_card_image         (StapleMapLayout     *layout,
                                                    const StapleMapCard *card);
gsize    _staple_map_render_get_card_images_bytes  (void);
gsize    _staple_map_render_set_card_images_budget (gsize                bytes);

G_END_DECLS
