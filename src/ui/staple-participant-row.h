/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-model.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_PARTICIPANT_ROW (staple_participant_row_get_type ())

G_DECLARE_FINAL_TYPE (StapleParticipantRow, staple_participant_row, STAPLE, PARTICIPANT_ROW,
                      GtkListBoxRow)

StapleParticipantRow *staple_participant_row_new (StapleSession     *session,
                                                  StapleParticipant *participant);

G_END_DECLS
