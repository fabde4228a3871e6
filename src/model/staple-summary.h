/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "staple-enums.h"
#include "staple-friction.h"
#include "staple-session.h"

G_BEGIN_DECLS

typedef struct
{
  StaplePrinciple principle;
  guint           n_frictions;
  guint           n_votes;
  guint           max_severity;
} StaplePrincipleCount;

typedef struct
{
  guint n_stages;
  guint n_frictions;
  guint n_handoffs;
  guint n_dropped;
  guint work_minutes;
  guint wait_minutes;
  guint lead_minutes;
} StapleJourneyTotals;

GPtrArray *staple_summary_rank_frictions    (StapleSession       *session);
GArray    *staple_summary_count_principles  (StapleSession       *session);
void       staple_summary_journey_totals    (StapleSession       *session,
                                             StapleJourneyTotals *totals);
guint      staple_summary_count_votes       (StapleSession       *session,
                                             StapleFriction      *friction);
gboolean   staple_summary_is_handoff        (StapleStage         *previous,
                                             StapleStage         *stage);
GPtrArray *staple_summary_list_handoffs     (StapleSession       *session);

G_END_DECLS
