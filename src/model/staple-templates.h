/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "staple-enums.h"

G_BEGIN_DECLS

/* The strings are untranslated message ids: translate them with _(), or let
 * staple_template_create_stages() do it. */

typedef struct
{
  const char    *name;
  const char    *team;
  StapleChannel  channel;
  const char    *notes;
} StapleTemplateStage;

typedef struct
{
  const char                *id;
  const char                *name;
  const char                *description;
  const StapleTemplateStage *stages;
  guint                      n_stages;
} StapleTemplate;

guint                 staple_templates_get_count    (void);
const StapleTemplate *staple_templates_get          (guint                 index);
const StapleTemplate *staple_templates_lookup       (const char           *id);
GPtrArray            *staple_template_create_stages (const StapleTemplate *template_);

G_END_DECLS
