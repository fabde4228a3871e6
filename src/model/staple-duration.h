/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define STAPLE_DURATION_ERROR (staple_duration_error_quark ())

/**
 * StapleDurationError:
 * @STAPLE_DURATION_ERROR_INVALID: the text is not a duration ("abc", "1:75")
 * @STAPLE_DURATION_ERROR_NEGATIVE: the text is a negative number ("-5")
 * @STAPLE_DURATION_ERROR_UNIT: a number has a word that is no unit of time
 *   ("9 x"), or no unit where one is needed ("2 d 4")
 * @STAPLE_DURATION_ERROR_TOO_LONG: more than %STAPLE_STAGE_MINUTES_MAX
 *
 * Why staple_duration_parse() refused a text.
 */
typedef enum
{
  STAPLE_DURATION_ERROR_INVALID,
  STAPLE_DURATION_ERROR_NEGATIVE,
  STAPLE_DURATION_ERROR_UNIT,
  STAPLE_DURATION_ERROR_TOO_LONG,
} StapleDurationError;

GQuark      staple_duration_error_quark (void);
gboolean    staple_duration_parse       (const char  *text,
                                         guint       *minutes,
                                         GError     **error);
char       *staple_duration_format      (guint        minutes);
const char *staple_duration_hint        (void);

G_END_DECLS
