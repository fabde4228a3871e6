/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-bench-util.h: what every part of staple-bench shares: timing and
 * printing a line, and the synthetic sessions and libraries it measures. */
#pragma once

#include <glib.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define BENCH_SEED      20240517
#define BENCH_WARMUPS   2

typedef double (*BenchFunc) (gpointer data);

double          bench_now_ms         (void);
double          bench_median         (GArray      *times);
gboolean        bench_wanted         (const char  *name,
                                      char       **names);
void            bench_print          (const char  *name,
                                      double       ours_ms,
                                      double       baseline_ms);
void            bench_print_mb       (const char  *name,
                                      double       ours_mb,
                                      double       baseline_mb);
void            bench_measure        (const char  *name,
                                      BenchFunc    ours,
                                      BenchFunc    baseline,
                                      gpointer     data,
                                      guint        repetitions);

char           *bench_make_text      (GRand       *rand);
char           *bench_make_stage_name (GRand      *rand);
const char     *bench_pick_team      (GRand       *rand);
StapleSession  *bench_make_session   (guint        n_stages,
                                      guint        n_cards,
                                      guint        n_participants);

const char     *bench_cache_dir      (void);

G_END_DECLS
