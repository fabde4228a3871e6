/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <sqlite3.h>

#include "staple-model.h"

G_BEGIN_DECLS

/* Temporary folders */
char          *test_make_tmp_dir            (void);
void           test_remove_tree             (const char    *path);

/* Raw SQLite, to check what is really in a file */
sqlite3       *test_raw_open                (const char    *path);
void           test_raw_exec                (sqlite3       *db,
                                             const char    *sql);
gint64         test_raw_int                 (sqlite3       *db,
                                             const char    *sql);
char          *test_raw_text                (sqlite3       *db,
                                             const char    *sql);
gint64         test_count                   (const char    *path,
                                             const char    *format,
                                             ...) G_GNUC_PRINTF (2, 3);

/* Comparing models */
void           test_assert_objects_equal    (gpointer       expected,
                                             gpointer       actual,
                                             gboolean       with_ids);
void           test_assert_sessions_equal   (StapleSession *expected,
                                             StapleSession *actual);
void           test_assert_sessions_match   (StapleSession *expected,
                                             StapleSession *actual);

gint64         test_file_size            (const char      *path);

/* Pixels of an image surface */
void           test_pixel_rgb               (cairo_surface_t *surface,
                                             double         x,
                                             double         y,
                                             double        *rgb);
double         test_luma                    (const double  *rgb);
guint          test_count_pixels            (cairo_surface_t *surface,
                                             double         x,
                                             double         y,
                                             double         width,
                                             double         height,
                                             gboolean       dark,
                                             double         threshold);
double         test_rgb_distance            (const double  *a,
                                             const double  *b);

/* The bundled example workshop, from $STAPLE_EXAMPLE_JSON or the source tree */
void           test_init_language           (void);
StapleSession *test_read_example            (void);

G_END_DECLS
