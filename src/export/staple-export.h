/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "staple-map-renderer.h"

G_BEGIN_DECLS

#define STAPLE_EXPORT_ERROR (staple_export_error_quark ())

typedef enum
{
  STAPLE_EXPORT_ERROR_FAILED,
  STAPLE_EXPORT_ERROR_TOO_LARGE,
} StapleExportError;

/* How staple_export_map_png_full() drew the map: its size and rows. */
typedef struct
{
  int    width;            /* the image, in pixels */
  int    height;
  guint  n_rows;           /* rows of stages: 1 unless the journey wraps */
  guint  columns_per_row;  /* stages a row: 0 in one row */
  double scale;            /* pixels per map unit drawn */
  double requested_scale;  /* and asked for */
  int    one_row_width;    /* the map in one row at the scale asked for, in pixels */
  int    one_row_height;
} StapleExportPngInfo;

GQuark   staple_export_error_quark      (void);
gboolean staple_export_map_png          (StapleSession  *session,
                                         const char     *path,
                                         double          scale,
                                         gboolean        dark,
                                         GError        **error);
gboolean staple_export_map_png_full     (StapleSession        *session,
                                         const char           *path,
                                         double                scale,
                                         gboolean              dark,
                                         StapleExportPngInfo  *info,
                                         GError              **error);
char    *staple_export_png_info_describe (const StapleExportPngInfo *info);
gboolean staple_export_map_svg          (StapleSession  *session,
                                         const char     *path,
                                         GError        **error);
gboolean staple_export_frictions_csv    (StapleSession  *session,
                                         const char     *path,
                                         GError        **error);
gboolean staple_export_actions_csv      (StapleSession  *session,
                                         const char     *path,
                                         GError        **error);
char    *staple_export_actions_csv_path (const char     *path);
gboolean staple_export_stages_csv       (StapleSession  *session,
                                         const char     *path,
                                         GError        **error);
char    *staple_export_stages_csv_path  (const char     *path);
gboolean staple_export_actions_ics      (StapleSession  *session,
                                         const char     *path,
                                         GError        **error);
gboolean staple_export_review_ics       (StapleReview   *review,
                                         const char     *path,
                                         GError        **error);

gboolean staple_export_comparison_pdf   (StapleSession  *earlier,
                                         StapleSession  *later,
                                         const char     *path,
                                         GError        **error);

G_END_DECLS
