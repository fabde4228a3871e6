/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-store.h"

G_BEGIN_DECLS

/**
 * StapleShareProgressFunc:
 * @fraction: how much of the file has been read, from 0 to 1
 * @user_data: the data given with the function
 *
 * Reports the progress of reading a .staple file.
 */
typedef void (*StapleShareProgressFunc) (double   fraction,
                                         gpointer user_data);

gboolean       staple_store_export_session        (StapleStore              *self,
                                                   gint64                    session_id,
                                                   const char               *path,
                                                   GError                  **error);

StapleSession *staple_share_read_session          (const char               *path,
                                                   GCancellable             *cancellable,
                                                   StapleShareProgressFunc   progress,
                                                   gpointer                  progress_data,
                                                   GError                  **error);
gint64         staple_store_import_session        (StapleStore              *self,
                                                   const char               *path,
                                                   GError                  **error);
void           staple_store_import_session_async  (StapleStore              *self,
                                                   const char               *path,
                                                   GCancellable             *cancellable,
                                                   StapleShareProgressFunc   progress,
                                                   gpointer                  progress_data,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
gint64         staple_store_import_session_finish (StapleStore              *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);

G_END_DECLS
