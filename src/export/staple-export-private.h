/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file that appears under its name only once it is complete: written to a
 * temporary file beside it, flushed to disk, then renamed over it. */
typedef struct
{
  char *path;
  char *temp;
  int   fd;
  int   write_errno; /* of the first write that failed: commit refuses then */
} StapleExportFile;

gboolean staple_export_file_open   (StapleExportFile  *file,
                                    const char        *path,
                                    GError           **error);
gboolean staple_export_file_write  (StapleExportFile  *file,
                                    const void        *data,
                                    gsize              length,
                                    GError           **error);
gboolean staple_export_file_commit (StapleExportFile  *file,
                                    GError           **error);
void     staple_export_file_abort  (StapleExportFile  *file);
gboolean staple_export_write_bytes (const char        *path,
                                    const void        *data,
                                    gsize              length,
                                    GError           **error);
void     staple_export_set_io_error (GError          **error,
                                     const char       *path,
                                     int               saved_errno);
void     staple_export_set_write_error (GError       **error,
                                        const char    *path,
                                        int            saved_errno,
                                        const char    *reason);

G_END_DECLS
