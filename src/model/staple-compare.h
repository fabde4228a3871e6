/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "staple-action.h"
#include "staple-friction.h"
#include "staple-session.h"
#include "staple-stage.h"

G_BEGIN_DECLS

typedef struct
{
  char     *stage_name;
  gboolean  in_earlier;
  gboolean  in_later;
  int       customer_earlier;
  int       customer_later;
  int       staff_earlier;
  int       staff_later;
} StapleCompareFeeling;

typedef struct
{
  GPtrArray *stages_added;       /* (element-type StapleStage): of the later walk */
  GPtrArray *stages_removed;     /* (element-type StapleStage): of the earlier walk */
  GPtrArray *frictions_resolved; /* (element-type StapleFriction): of the earlier walk */
  GPtrArray *frictions_new;      /* (element-type StapleFriction): of the later walk */
  GPtrArray *frictions_kept;     /* (element-type StapleFriction): of the later walk */
  GPtrArray *actions_done;       /* (element-type StapleAction): of the earlier walk */
  GPtrArray *actions_open;       /* (element-type StapleAction): of the earlier walk */
  GArray    *feelings;           /* (element-type StapleCompareFeeling) */
} StapleComparison;

StapleComparison *staple_compare_walks     (StapleSession    *earlier,
                                            StapleSession    *later);
void              staple_comparison_free   (StapleComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StapleComparison, staple_comparison_free)

G_END_DECLS
