/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

int staple_presenter_pick_monitor (const cairo_rectangle_int_t *monitors,
                                   guint                        n_monitors,
                                   int                          coach);

G_END_DECLS
