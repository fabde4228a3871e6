/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_EMPOWERMENT_ROW (staple_empowerment_row_get_type ())

G_DECLARE_FINAL_TYPE (StapleEmpowermentRow, staple_empowerment_row,
                      STAPLE, EMPOWERMENT_ROW, GtkListBoxRow)

StapleEmpowermentRow *staple_empowerment_row_new   (StapleSession        *session,
                                                    StapleEmpowerment    *item);
void                  staple_empowerment_row_focus (StapleEmpowermentRow *self);

G_END_DECLS
