/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define STAPLE_QR_ERROR (staple_qr_error_quark ())

typedef enum
{
  STAPLE_QR_ERROR_EMPTY,    /* nothing to encode */
  STAPLE_QR_ERROR_TOO_LONG, /* more than the largest code holds */
  STAPLE_QR_ERROR_FAILED,   /* libqrencode failed otherwise (out of memory) */
} StapleQrError;

/* The light border every reader needs around the code, in modules. */
#define STAPLE_QR_QUIET_ZONE 4

typedef struct _StapleQr StapleQr;

GQuark    staple_qr_error_quark (void);

StapleQr *staple_qr_new         (const char *text,
                                 GError    **error);
void      staple_qr_free        (StapleQr   *qr);
int       staple_qr_get_modules (StapleQr   *qr);
gboolean  staple_qr_is_dark     (StapleQr   *qr,
                                 int         column,
                                 int         row);
void      staple_qr_draw        (StapleQr   *qr,
                                 cairo_t    *cr,
                                 double      x,
                                 double      y,
                                 double      size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StapleQr, staple_qr_free)

G_END_DECLS
