/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-store.h"

G_BEGIN_DECLS

typedef struct _StapleCommandLine StapleCommandLine;

StapleCommandLine *staple_command_line_new        (GVariantDict       *options,
                                                   const char        **remaining);
void               staple_command_line_free       (StapleCommandLine  *self);
gboolean           staple_command_line_runs_alone (StapleCommandLine  *self);
int                staple_command_line_run        (StapleCommandLine  *self,
                                                   StapleStore        *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StapleCommandLine, staple_command_line_free)

G_END_DECLS
