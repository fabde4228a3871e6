/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The organisations of bench_store_review_library(). */
#define BENCH_REVIEW_ORGANISATION "Harbour Review Board"
#define BENCH_REVIEW_ONE_WALK     "Harbour Single Walk"

char *bench_store_library     (guint   size);
char *bench_store_review_library (void);
char *bench_store_big_session (gint64 *out_big,
                               gint64 *out_small);
void  bench_store_run         (char  **names);

G_END_DECLS
