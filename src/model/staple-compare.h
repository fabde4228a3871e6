/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "staple-action.h"
#include "staple-friction.h"
#include "staple-session.h"
#include "staple-stage.h"
#include "staple-summary.h"

G_BEGIN_DECLS

/* One stage of either walk, paired by name: what the room noted on it each
 * time. The values of a walk the stage is not in are 0. */
typedef struct
{
  char     *stage_name;
  gboolean  in_earlier;
  gboolean  in_later;
  int       customer_earlier;
  int       customer_later;
  int       staff_earlier;
  int       staff_later;
  int       work_earlier;     /* minutes */
  int       work_later;
  int       wait_earlier;     /* minutes */
  int       wait_later;
  gboolean  timed_earlier;    /* the walk has the stage with a time noted */
  gboolean  timed_later;
} StapleCompareStage;

typedef struct
{
  GPtrArray *stages_added;       /* (element-type StapleStage): of the later walk */
  GPtrArray *stages_removed;     /* (element-type StapleStage): of the earlier walk */
  GPtrArray *frictions_resolved; /* (element-type StapleFriction): of the earlier walk */
  GPtrArray *frictions_new;      /* (element-type StapleFriction): of the later walk */
  GPtrArray *frictions_kept;     /* (element-type StapleFriction): of the later walk */
  GPtrArray *actions_done;       /* (element-type StapleAction): of the earlier walk */
  GPtrArray *actions_open;       /* (element-type StapleAction): of the earlier walk */
  GArray    *stages;             /* (element-type StapleCompareStage): the later walk's
                                  * stages in order, then those removed */
  StapleJourneyTotals totals_earlier;
  StapleJourneyTotals totals_later;
  guint      n_untimed_later;    /* stages timed on the earlier walk, not yet on this one */
} StapleComparison;

StapleComparison *staple_compare_walks     (StapleSession    *earlier,
                                            StapleSession    *later);
void              staple_comparison_free   (StapleComparison *comparison);
char             *staple_compare_format_times (gboolean       in_earlier,
                                               guint          earlier,
                                               gboolean       in_later,
                                               guint          later);
char             *staple_compare_format_difference (guint     earlier,
                                                    guint     later);
char             *staple_compare_describe_untimed (const StapleComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StapleComparison, staple_comparison_free)

G_END_DECLS
