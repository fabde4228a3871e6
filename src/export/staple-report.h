/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "staple-map-renderer.h"

G_BEGIN_DECLS

/* What a printed or exported document holds, and on what paper. One
 * StapleReport paginates it once; the PDF writer and the GTK print
 * operation then draw its pages with the same code. */

typedef enum
{
  STAPLE_PAPER_A4,
  STAPLE_PAPER_A3,
  STAPLE_PAPER_LETTER,
  STAPLE_PAPER_TABLOID,
  STAPLE_PAPER_A1,
  STAPLE_PAPER_A0,
} StaplePaper;

typedef enum
{
  STAPLE_ORIENTATION_LANDSCAPE,
  STAPLE_ORIENTATION_PORTRAIT,
} StapleOrientation;

typedef enum
{
  STAPLE_REPORT_FULL,        /* the map, then the report pages */
  STAPLE_REPORT_MAP,         /* only the map (fitted or as a poster) */
  STAPLE_REPORT_SUMMARY,     /* the one-page leadership summary */
  STAPLE_REPORT_WALK_SHEETS, /* a blank sheet per stage, to fill in by hand */
} StapleReportKind;

typedef struct
{
  StapleReportKind  kind;
  StaplePaper       paper;
  StapleOrientation orientation;
  double            margin_mm;     /* default 12 */
  guint             poster_columns; /* 0 or 1×1: the map fitted to one page */
  guint             poster_rows;
  double            overlap_mm;    /* between poster tiles, default 10 */
  gboolean          cut_marks;     /* on poster tiles, default TRUE */
} StapleReportOptions;

#define STAPLE_TYPE_REPORT (staple_report_get_type ())

G_DECLARE_FINAL_TYPE (StapleReport, staple_report, STAPLE, REPORT, GObject)

void          staple_report_options_init  (StapleReportOptions       *options);
gboolean      staple_paper_from_string    (const char                *name,
                                           StaplePaper               *paper);
void          staple_paper_get_size       (StaplePaper                paper,
                                           StapleOrientation          orientation,
                                           double                    *width_pt,
                                           double                    *height_pt);
StapleReport *staple_report_new           (StapleSession             *session,
                                           const StapleReportOptions *options);
StapleReport *staple_report_new_review    (StapleReview              *review,
                                           const StapleReportOptions *options);
gboolean      staple_report_write_review_pdf (StapleReview              *review,
                                              const StapleReportOptions *options,
                                              const char                *path,
                                              GError                   **error);
guint         staple_report_get_n_pages   (StapleReport              *self);
void          staple_report_draw_page     (StapleReport              *self,
                                           cairo_t                   *cr,
                                           guint                      page,
                                           double                     width_pt,
                                           double                     height_pt);
gboolean      staple_report_write_pdf     (StapleReport              *self,
                                           const char                *path,
                                           GError                   **error);

G_END_DECLS
