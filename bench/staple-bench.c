/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-bench.c: how fast Staple is, each measure beside a reference
 * measured in the same run. Prints one line per measure on stdout:
 *
 *   NAME ours_ms=X baseline_ms=Y ratio=X/Y
 *
 * (rss-1200-mb: ours_mb= and baseline_mb=), each the median of repeated
 * runs after warm-ups, ours and the baseline taking turns so that a change
 * of CPU clock hits both alike. Diagnostics, and lines that cannot be
 * measured here (no display), go to stderr. bench/README.md says what each
 * line's ours and baseline do.
 *
 *   staple-bench-map.c     layout-1200, redraw-1200-100pct, redraw-1200-fit,
 *                          redraw-after-edit, pdf-export-1200 (in process)
 *   staple-bench-store.c   search-10000, search-100000 (in process), and
 *                          the generated databases, cached between runs
 *   staple-bench-app.c     startup-library-10000, open-1200, edit-1200,
 *                          undo-1200, rss-1200-mb (the real app, whole)
 */
#define G_LOG_DOMAIN "staple-bench"

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <stdlib.h>

#include "staple-bench-app.h"
#include "staple-bench-map.h"
#include "staple-bench-store.h"

/* Usage: staple-bench [NAME…], every measure when none is named;
 *        staple-bench --first-frame PROGRAM [ARG…] prints exec → first
 *        frame of one run in ms (for whole-process.sh). */
int
main (int   argc,
      char *argv[])
{
  setlocale (LC_CTYPE, "");

  if (argc > 2 && g_str_equal (argv[1], "--first-frame"))
    return bench_app_first_frame (argv + 2);

  bench_map_run (argv + 1);
  bench_store_run (argv + 1);
  bench_app_run (argv + 1);
  return EXIT_SUCCESS;
}
