/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "staple-session.h"

G_BEGIN_DECLS

#define STAPLE_JSON_ERROR (staple_json_error_quark ())

typedef enum
{
  STAPLE_JSON_ERROR_INVALID,
} StapleJsonError;

GQuark         staple_json_error_quark      (void);
StapleSession *staple_session_new_from_json (const char  *data,
                                             gssize       length,
                                             GError     **error);

G_END_DECLS
