/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean      staple_file_guard_install          (void);
int           staple_file_guard_claim            (const char      *path,
                                                  char           **holder,
                                                  GError         **error);
void          staple_file_guard_release          (int              fd);

G_END_DECLS
