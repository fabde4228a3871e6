/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "staple-action.h"
#include "staple-enums.h"
#include "staple-empowerment.h"
#include "staple-participant.h"
#include "staple-stage.h"
#include "staple-vote.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_SESSION (staple_session_get_type ())

G_DECLARE_FINAL_TYPE (StapleSession, staple_session, STAPLE, SESSION, GObject)

StapleSession     *staple_session_new              (void);
StapleSession     *staple_session_copy             (StapleSession  *self);
gint64             staple_session_get_id           (StapleSession  *self);
void               staple_session_set_id           (StapleSession  *self,
                                                    gint64          id);
const char        *staple_session_get_title        (StapleSession  *self);
void               staple_session_set_title        (StapleSession  *self,
                                                    const char     *title);
const char        *staple_session_get_organisation (StapleSession  *self);
void               staple_session_set_organisation (StapleSession  *self,
                                                    const char     *organisation);
const char        *staple_session_get_date         (StapleSession  *self);
void               staple_session_set_date         (StapleSession  *self,
                                                    const char     *date);
const char        *staple_session_get_location     (StapleSession  *self);
void               staple_session_set_location     (StapleSession  *self,
                                                    const char     *location);
const char        *staple_session_get_facilitator  (StapleSession  *self);
void               staple_session_set_facilitator  (StapleSession  *self,
                                                    const char     *facilitator);
const char        *staple_session_get_customer     (StapleSession  *self);
void               staple_session_set_customer     (StapleSession  *self,
                                                    const char     *customer);
const char        *staple_session_get_work_item    (StapleSession  *self);
void               staple_session_set_work_item    (StapleSession  *self,
                                                    const char     *work_item);
const char        *staple_session_get_question     (StapleSession  *self);
void               staple_session_set_question     (StapleSession  *self,
                                                    const char     *question);
const char        *staple_session_get_source       (StapleSession  *self);
void               staple_session_set_source       (StapleSession  *self,
                                                    const char     *source);
StaplePhase        staple_session_get_phase        (StapleSession  *self);
void               staple_session_set_phase        (StapleSession  *self,
                                                    StaplePhase     phase);
int                staple_session_get_dots_per_participant (StapleSession *self);
void               staple_session_set_dots_per_participant (StapleSession *self,
                                                            int            dots);
gint64             staple_session_get_current_stage_id (StapleSession *self);
void               staple_session_set_current_stage_id (StapleSession *self,
                                                        gint64         stage_id);
guint              staple_session_get_phase_seconds (StapleSession *self,
                                                     StaplePhase    phase);
void               staple_session_set_phase_seconds (StapleSession *self,
                                                     StaplePhase    phase,
                                                     guint          seconds);
GListStore        *staple_session_get_participants (StapleSession  *self);
GListStore        *staple_session_get_stages       (StapleSession  *self);
GListStore        *staple_session_get_votes        (StapleSession  *self);
GListStore        *staple_session_get_actions      (StapleSession  *self);
GListStore        *staple_session_get_empowerments (StapleSession  *self);
StapleStage       *staple_session_find_stage       (StapleSession  *self,
                                                    gint64          id,
                                                    guint          *out_index);
StapleFriction    *staple_session_find_friction    (StapleSession  *self,
                                                    gint64          id,
                                                    StapleStage   **out_stage,
                                                    guint          *out_index);
StapleParticipant *staple_session_find_participant (StapleSession  *self,
                                                    gint64          id,
                                                    guint          *out_index);
guint              staple_session_count_frictions  (StapleSession  *self);
guint              staple_session_count_votes_for  (StapleSession  *self,
                                                    gint64          friction_id);
guint              staple_session_count_people     (StapleSession  *self);
guint              staple_session_count_dots_of    (StapleSession  *self,
                                                    gint64          participant_id);

G_END_DECLS
