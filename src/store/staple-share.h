/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-store.h"

G_BEGIN_DECLS

gboolean      staple_store_export_session        (StapleStore     *self,
                                                  gint64           session_id,
                                                  const char      *path,
                                                  GError         **error);
gint64        staple_store_import_session        (StapleStore     *self,
                                                  const char      *path,
                                                  GError         **error);

G_END_DECLS
