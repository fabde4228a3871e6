/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_EMPOWERMENT (staple_empowerment_get_type ())

G_DECLARE_FINAL_TYPE (StapleEmpowerment, staple_empowerment, STAPLE, EMPOWERMENT, GObject)

StapleEmpowerment *staple_empowerment_new      (void);
gint64             staple_empowerment_get_id   (StapleEmpowerment *self);
void               staple_empowerment_set_id   (StapleEmpowerment *self,
                                                gint64             id);
const char        *staple_empowerment_get_text (StapleEmpowerment *self);
void               staple_empowerment_set_text (StapleEmpowerment *self,
                                                const char        *text);

G_END_DECLS
