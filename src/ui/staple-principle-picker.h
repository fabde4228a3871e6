/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_PRINCIPLE_PICKER (staple_principle_picker_get_type ())

G_DECLARE_FINAL_TYPE (StaplePrinciplePicker, staple_principle_picker, STAPLE, PRINCIPLE_PICKER,
                      GtkWidget)

GtkWidget       *staple_principle_picker_new           (void);
StaplePrinciple  staple_principle_picker_get_principle (StaplePrinciplePicker *self);
void             staple_principle_picker_set_principle (StaplePrinciplePicker *self,
                                                        StaplePrinciple        principle);
void             staple_principle_picker_reset         (StaplePrinciplePicker *self);


GtkWidget       *staple_principle_picker_button_new    (StapleSession         *session,
                                                        StapleFriction        *friction);
GtkWidget       *staple_principle_picker_row_new       (StapleSession         *session,
                                                        StapleFriction        *friction,
                                                        const char            *title);
char            *staple_principle_picker_label         (StaplePrinciple        principle);
GtkPopover      *staple_principle_picker_popup_at      (GtkWidget             *parent,
                                                        const GdkRectangle    *where,
                                                        StapleSession         *session,
                                                        StapleFriction        *friction);

G_END_DECLS
