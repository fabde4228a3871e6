/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "staple-enums.h"
#include "staple-friction.h"

G_BEGIN_DECLS

/* A year: anything longer is surely a typing mistake. */
#define STAPLE_STAGE_MINUTES_MAX 525600

#define STAPLE_TYPE_STAGE (staple_stage_get_type ())

G_DECLARE_FINAL_TYPE (StapleStage, staple_stage, STAPLE, STAGE, GObject)

StapleStage   *staple_stage_new                  (void);
gint64         staple_stage_get_id               (StapleStage   *self);
void           staple_stage_set_id               (StapleStage   *self,
                                                  gint64         id);
gint64         staple_stage_get_session_id       (StapleStage   *self);
void           staple_stage_set_session_id       (StapleStage   *self,
                                                  gint64         session_id);
int            staple_stage_get_position         (StapleStage   *self);
void           staple_stage_set_position         (StapleStage   *self,
                                                  int            position);
const char    *staple_stage_get_name             (StapleStage   *self);
void           staple_stage_set_name             (StapleStage   *self,
                                                  const char    *name);
const char    *staple_stage_get_team             (StapleStage   *self);
void           staple_stage_set_team             (StapleStage   *self,
                                                  const char    *team);
StapleChannel  staple_stage_get_channel          (StapleStage   *self);
void           staple_stage_set_channel          (StapleStage   *self,
                                                  StapleChannel  channel);
int            staple_stage_get_work_minutes     (StapleStage   *self);
void           staple_stage_set_work_minutes     (StapleStage   *self,
                                                  int            work_minutes);
int            staple_stage_get_wait_minutes     (StapleStage   *self);
void           staple_stage_set_wait_minutes     (StapleStage   *self,
                                                  int            wait_minutes);
gboolean       staple_stage_get_handoff          (StapleStage   *self);
void           staple_stage_set_handoff          (StapleStage   *self,
                                                  gboolean       handoff);
gboolean       staple_stage_get_dropped          (StapleStage   *self);
void           staple_stage_set_dropped          (StapleStage   *self,
                                                  gboolean       dropped);
int            staple_stage_get_customer_feeling (StapleStage   *self);
void           staple_stage_set_customer_feeling (StapleStage   *self,
                                                  int            customer_feeling);
int            staple_stage_get_staff_feeling    (StapleStage   *self);
void           staple_stage_set_staff_feeling    (StapleStage   *self,
                                                  int            staff_feeling);
const char    *staple_stage_get_notes            (StapleStage   *self);
void           staple_stage_set_notes            (StapleStage   *self,
                                                  const char    *notes);
GListStore    *staple_stage_get_frictions        (StapleStage   *self);

G_END_DECLS
