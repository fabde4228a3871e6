/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bench_store_library     (guint   size);
char *bench_store_big_session (gint64 *out_big,
                               gint64 *out_small);
void  bench_store_run         (char  **names);

G_END_DECLS
