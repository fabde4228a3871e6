/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-report.h"

G_BEGIN_DECLS

/* For the tests: where the pagination put things, in points. */

GArray *staple_report_get_row_rects  (StapleReport *self,
                                      guint         page);
GArray *staple_report_get_text_rects (StapleReport *self,
                                      guint         page);
void    staple_report_get_body       (StapleReport *self,
                                      double       *top,
                                      double       *bottom);
GPtrArray *staple_report_get_texts   (StapleReport  *self,
                                      guint          page,
                                      GArray       **sizes);

G_END_DECLS
