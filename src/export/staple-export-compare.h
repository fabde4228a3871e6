/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "staple-compare.h"

G_BEGIN_DECLS

void staple_compare_chart_draw (cairo_t          *cr,
                                StapleComparison *comparison,
                                const char       *earlier_label,
                                const char       *later_label,
                                double            width,
                                double            height,
                                const double      ink[3]);

G_END_DECLS
