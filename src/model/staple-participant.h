/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_PARTICIPANT (staple_participant_get_type ())

G_DECLARE_FINAL_TYPE (StapleParticipant, staple_participant, STAPLE, PARTICIPANT, GObject)

StapleParticipant *staple_participant_new          (void);
gint64             staple_participant_get_id       (StapleParticipant *self);
void               staple_participant_set_id       (StapleParticipant *self,
                                                    gint64             id);
const char        *staple_participant_get_name     (StapleParticipant *self);
void               staple_participant_set_name     (StapleParticipant *self,
                                                    const char        *name);
const char        *staple_participant_get_role     (StapleParticipant *self);
void               staple_participant_set_role     (StapleParticipant *self,
                                                    const char        *role);
gboolean           staple_participant_get_abstains (StapleParticipant *self);
void               staple_participant_set_abstains (StapleParticipant *self,
                                                    gboolean           abstains);
gboolean           staple_participant_get_anonymous (StapleParticipant *self);
void               staple_participant_set_anonymous (StapleParticipant *self,
                                                     gboolean           anonymous);

G_END_DECLS
