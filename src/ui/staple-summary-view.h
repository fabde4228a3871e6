/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_SUMMARY_VIEW (staple_summary_view_get_type ())

G_DECLARE_FINAL_TYPE (StapleSummaryView, staple_summary_view, STAPLE, SUMMARY_VIEW, AdwBin)

GtkWidget *staple_summary_view_new         (void);
void       staple_summary_view_set_session (StapleSummaryView *self,
                                            StapleSession     *session);
void       staple_summary_view_refresh     (StapleSummaryView *self);
void       staple_summary_view_update      (StapleSummaryView *self);

G_END_DECLS
