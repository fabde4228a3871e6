/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-store.h"

G_BEGIN_DECLS

#define STAPLE_EXAMPLE_SOURCE "example:1"

gint64 staple_example_ensure (StapleStore  *store,
                              GError      **error);

G_END_DECLS
