/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "staple-enums.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_ACTION (staple_action_get_type ())
#define STAPLE_ACTION_ERROR (staple_action_error_quark ())

/**
 * StapleActionError:
 * @STAPLE_ACTION_ERROR_INVALID_DATE: a typed due date is not a date
 */
typedef enum
{
  STAPLE_ACTION_ERROR_INVALID_DATE,
} StapleActionError;

G_DECLARE_FINAL_TYPE (StapleAction, staple_action, STAPLE, ACTION, GObject)

StapleAction       *staple_action_new              (void);
gint64              staple_action_get_id           (StapleAction       *self);
void                staple_action_set_id           (StapleAction       *self,
                                                    gint64              id);
const char         *staple_action_get_text         (StapleAction       *self);
void                staple_action_set_text         (StapleAction       *self,
                                                    const char         *text);
gint64              staple_action_get_owner_id     (StapleAction       *self);
void                staple_action_set_owner_id     (StapleAction       *self,
                                                    gint64              owner_id);
const char         *staple_action_get_done_on      (StapleAction       *self);
void                staple_action_set_done_on      (StapleAction       *self,
                                                    const char         *done_on);
const char         *staple_action_get_due          (StapleAction       *self);
void                staple_action_set_due          (StapleAction       *self,
                                                    const char         *due);
StapleActionStatus  staple_action_get_status       (StapleAction       *self);
void                staple_action_set_status       (StapleAction       *self,
                                                    StapleActionStatus  status);
const gint64       *staple_action_get_friction_ids (StapleAction       *self,
                                                    guint              *n_ids);
void                staple_action_set_friction_ids (StapleAction       *self,
                                                    const gint64       *ids,
                                                    guint               n_ids);

GQuark              staple_action_error_quark      (void);
char               *staple_action_format_due       (const char         *due,
                                                    const char         *format);
gboolean            staple_action_parse_due        (const char         *text,
                                                    const char         *format,
                                                    char              **due,
                                                    GError            **error);

G_END_DECLS
