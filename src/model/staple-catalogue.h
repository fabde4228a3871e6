/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "staple-enums.h"

G_BEGIN_DECLS

const char *staple_channel_get_label         (StapleChannel       channel);
const char *staple_friction_kind_get_label   (StapleFrictionKind  kind);
const char *staple_friction_kind_get_english_label (StapleFrictionKind kind);
const char *staple_principle_get_label       (StaplePrinciple     principle);
const char *staple_principle_get_explanation (StaplePrinciple     principle);
gboolean    staple_principle_matches         (StaplePrinciple     principle,
                                              const char         *query);
const char *staple_action_status_get_label   (StapleActionStatus  status);
const char *staple_phase_get_label           (StaplePhase         phase);
const char *staple_phase_get_purpose         (StaplePhase         phase);
const char *staple_phase_get_english_label   (StaplePhase         phase);
const char *staple_phase_get_english_purpose (StaplePhase         phase);
const char *staple_phase_get_capture         (StaplePhase         phase);
gboolean    staple_date_is_valid             (const char         *text);
char       *staple_date_format_long          (const char         *text);
char       *staple_format_minutes            (guint               minutes);
char       *staple_format_seconds            (guint               seconds);
const char *staple_enum_to_nick              (GType               enum_type,
                                              int                 value);
gboolean    staple_enum_from_nick            (GType               enum_type,
                                              const char         *nick,
                                              int                *value);

G_END_DECLS
