/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "staple-enums.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_FRICTION (staple_friction_get_type ())

G_DECLARE_FINAL_TYPE (StapleFriction, staple_friction, STAPLE, FRICTION, GObject)

StapleFriction     *staple_friction_new           (void);
gint64              staple_friction_get_id        (StapleFriction     *self);
void                staple_friction_set_id        (StapleFriction     *self,
                                                   gint64              id);
gint64              staple_friction_get_stage_id  (StapleFriction     *self);
void                staple_friction_set_stage_id  (StapleFriction     *self,
                                                   gint64              stage_id);
int                 staple_friction_get_position  (StapleFriction     *self);
void                staple_friction_set_position  (StapleFriction     *self,
                                                   int                 position);
const char         *staple_friction_get_text      (StapleFriction     *self);
void                staple_friction_set_text      (StapleFriction     *self,
                                                   const char         *text);
StapleFrictionKind  staple_friction_get_kind      (StapleFriction     *self);
void                staple_friction_set_kind      (StapleFriction     *self,
                                                   StapleFrictionKind  kind);
int                 staple_friction_get_severity  (StapleFriction     *self);
void                staple_friction_set_severity  (StapleFriction     *self,
                                                   int                 severity);
StaplePrinciple     staple_friction_get_principle (StapleFriction     *self);
void                staple_friction_set_principle (StapleFriction     *self,
                                                   StaplePrinciple     principle);
const char         *staple_friction_get_notes     (StapleFriction     *self);
void                staple_friction_set_notes     (StapleFriction     *self,
                                                   const char         *notes);

G_END_DECLS
