/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_INSPECTOR (staple_inspector_get_type ())

G_DECLARE_FINAL_TYPE (StapleInspector, staple_inspector, STAPLE, INSPECTOR, AdwBin)

GtkWidget *staple_inspector_new        (void);
void       staple_inspector_set_session (StapleInspector *self,
                                         StapleSession   *session);
void       staple_inspector_show       (StapleInspector *self,
                                        gpointer         object);

G_END_DECLS
