/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_VOTE (staple_vote_get_type ())

G_DECLARE_FINAL_TYPE (StapleVote, staple_vote, STAPLE, VOTE, GObject)

StapleVote *staple_vote_new                (void);
gint64      staple_vote_get_id             (StapleVote *self);
void        staple_vote_set_id             (StapleVote *self,
                                            gint64      id);
gint64      staple_vote_get_participant_id (StapleVote *self);
void        staple_vote_set_participant_id (StapleVote *self,
                                            gint64      participant_id);
gint64      staple_vote_get_friction_id    (StapleVote *self);
void        staple_vote_set_friction_id    (StapleVote *self,
                                            gint64      friction_id);

G_END_DECLS
