/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_QR_VIEW (staple_qr_view_get_type ())

G_DECLARE_FINAL_TYPE (StapleQrView, staple_qr_view, STAPLE, QR_VIEW, GtkWidget)

GtkWidget  *staple_qr_view_new           (void);
const char *staple_qr_view_get_url       (StapleQrView *self);
void        staple_qr_view_set_url       (StapleQrView *self,
                                          const char   *url);
guint       staple_qr_view_get_n_devices (StapleQrView *self);
void        staple_qr_view_set_n_devices (StapleQrView *self,
                                          guint         n_devices);

G_END_DECLS
