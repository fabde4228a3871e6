/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report-internal.h: what the files of the report share: its
 * constants, the page model, the instance struct and the helpers one
 * file lays pages out with and another calls. Not installed, not for
 * the tests (they have staple-report-private.h). */
#pragma once

#include <pango/pangocairo.h>

#include "staple-map-marks.h"
#include "staple-review-chart.h"
#include "staple-report.h"
#include "staple-text.h"

G_BEGIN_DECLS

#define PT_PER_MM        (72.0 / 25.4)
#define FONT_FAMILY      "Cantarell, DejaVu Sans, sans-serif"
#define PRINT_DPI        300.0 /* what the map's level of detail assumes */
#define MIN_MARGIN_MM    5.0   /* room for the footer, the tile index and cut marks */
#define MAX_POSTER_SIDE  100   /* tiles across or down: 10,000 pages at most */
#define MAX_TEXT_CHARS   (20 * STAPLE_TEXT_LONG) /* of one text block: a few pages */

/* Type sizes, in points. */
#define SIZE_TITLE       24.0
#define SIZE_HEADING     16.0
#define SIZE_SUBHEADING  11.5
#define SIZE_BODY         9.5
#define SIZE_TABLE        8.5
#define SIZE_SMALL        7.5

/* Greys: 0 is black. Everything must read on a black-and-white printer. */
#define INK               0.0
#define DIM               0.35
#define RULE              0.55
#define SHADE             0.93
#define HEADER_SHADE      0.84

#define CELL_PAD          4.0
#define FOOTER_GAP        8.0
#define SUMMARY_MIN_SCALE 0.7

typedef enum
{
  ITEM_TEXT,
  ITEM_LINE,
  ITEM_RECT,
  ITEM_CIRCLE,
  ITEM_MAP,
  ITEM_CHART,  /* the review's chart, in its box */
} ItemKind;

/* One thing drawn on a page, in points from the page's top left. */
typedef struct
{
  ItemKind          kind;
  /* TEXT: where the layout goes, and the clip when clipped;
   * LINE: from (x, y), by (width, height); RECT: the box;
   * CIRCLE: centre (x, y) and radius width; MAP: the clip. */
  cairo_rectangle_t box;
  double            ink;
  double            fill;       /* RECT: grey, or < 0 for none */
  double            line_width; /* LINE, RECT, CIRCLE: 0 for no stroke */
  gboolean          dashed;
  gboolean          clipped;    /* TEXT */
  PangoLayout      *layout;     /* TEXT */
  double            map_x;      /* MAP: where the map's origin goes */
  double            map_y;
  double            map_scale;
  guint             band;       /* CHART: which of its bands */
} Item;

typedef struct
{
  GArray     *items;   /* Item */
  GArray     *rows;    /* cairo_rectangle_t: table rows, for the tests */
  const char *outline; /* the section starting here, for the PDF's outline */
  gboolean    tile;    /* a poster tile: no footer */
  double      width;   /* the paper, in points: after a poster, the report's */
  double      height;
} Page;

typedef struct
{
  const char *title;
  double      share; /* of the body's width */
} TableColumn;

#define TABLE_MAX_COLUMNS 9

typedef struct
{
  const TableColumn *columns;
  guint              n_columns;
  const char        *continued; /* the caption over the header on later pages */
  double             size;      /* of the cells' text; 0 for SIZE_TABLE */
  double             x[TABLE_MAX_COLUMNS];
  double             width[TABLE_MAX_COLUMNS];
  double             header_height;
  double             first_row_y; /* where rows start on the current page */
  guint              n_rows;
} Table;

struct _StapleReport
{
  GObject              parent_instance;

  StapleSession       *session;  /* NULL for a review */
  StapleReview        *review;   /* borrowed; NULL for a session's report */
  char                *review_title;
  StapleReportOptions  options;
  double               width;   /* the paper, in points */
  double               height;
  double               margin;

  PangoContext        *context;
  StapleMapLayout     *map;
  GHashTable          *stage_of; /* StapleFriction → StapleStage, both borrowed */
  GPtrArray           *pages;    /* Page */

  /* While paginating: the page being filled and the body's box on it. */
  Page                *page;
  double               left;
  double               right;
  double               top;
  double               bottom;
  double               y;
  double               text_scale;
};

/* The height of a wait's bar: in the time table and the summary. */
#define WAIT_BAR_HEIGHT 5.0

/* Text, pages and items, flowing text, tables: staple-report-layout.c */
PangoLayout *_staple_report_make_text          (StapleReport *self,
                                                const char   *text,
                                                double        size,
                                                PangoWeight   weight,
                                                double        width,
                                                double        limit);
double       _staple_report_text_height        (PangoLayout *layout);
double       _staple_report_text_width         (PangoLayout *layout);
char        *_staple_report_one_line           (const char *text);
gboolean     _staple_report_is_empty           (const char *text);
const char  *_staple_report_session_title      (StapleReport *self);
char        *_staple_report_kind_text          (StapleFrictionKind kind);
char        *_staple_report_severity_text      (int severity);
const char  *_staple_report_stage_name_of      (StapleReport   *self,
                                                StapleFriction *friction);
const char  *_staple_report_owner_name         (StapleReport *self,
                                                StapleAction *action);
void         _staple_report_page_free          (gpointer data);
Page        *_staple_report_new_page           (StapleReport *self,
                                                const char   *outline,
                                                gboolean      tile);
Item        *_staple_report_add_item           (StapleReport *self,
                                                ItemKind      kind);
Item        *_staple_report_add_text           (StapleReport *self,
                                                PangoLayout  *layout,
                                                double        x,
                                                double        y,
                                                double        ink);
Item        *_staple_report_add_line           (StapleReport *self,
                                                double        x0,
                                                double        y0,
                                                double        x1,
                                                double        y1,
                                                double        line_width,
                                                double        ink);
Item        *_staple_report_add_rect           (StapleReport *self,
                                                double        x,
                                                double        y,
                                                double        width,
                                                double        height,
                                                double        fill,
                                                double        line_width);
void         _staple_report_add_circle         (StapleReport *self,
                                                double        x,
                                                double        y,
                                                double        radius);
double       _staple_report_body_width         (StapleReport *self);
double       _staple_report_body_height        (StapleReport *self);
void         _staple_report_flow_need          (StapleReport *self,
                                                double        needed);
double       _staple_report_flow_text          (StapleReport *self,
                                                const char   *text,
                                                double        size,
                                                PangoWeight   weight,
                                                double        indent,
                                                double        space_before,
                                                double        ink);
void         _staple_report_flow_section       (StapleReport *self,
                                                const char   *outline,
                                                const char   *title,
                                                const char   *introduction);
void         _staple_report_flow_heading       (StapleReport *self,
                                                const char   *text,
                                                double        keep);
void         _staple_report_flow_pair          (StapleReport *self,
                                                const char   *label,
                                                const char   *value,
                                                double        label_width);
void         _staple_report_table_init         (StapleReport      *self,
                                                Table             *table,
                                                const TableColumn *columns,
                                                guint              n_columns,
                                                const char        *continued);
PangoLayout *_staple_report_cell_text          (StapleReport *self,
                                                Table        *table,
                                                guint         column,
                                                const char   *text,
                                                PangoWeight   weight,
                                                double        limit);
void         _staple_report_table_begin        (StapleReport *self,
                                                Table        *table);
void         _staple_report_table_row_weighted (StapleReport      *self,
                                                Table             *table,
                                                const char *const *texts,
                                                const PangoWeight *weights);
void         _staple_report_table_row          (StapleReport      *self,
                                                Table             *table,
                                                const char *const *texts);

/* The map and the poster: staple-report-map.c */
gboolean _staple_report_is_poster (StapleReport *self);
void     _staple_report_add_map   (StapleReport *self);
void     _staple_report_draw_map  (StapleReport *self,
                                   cairo_t      *cr,
                                   const Item   *item);

/* The report's sections: staple-report-sections.c */
void       _staple_report_add_title_page     (StapleReport *self);
void       _staple_report_add_register       (StapleReport *self);
void       _staple_report_add_root_causes    (StapleReport *self);
void       _staple_report_add_actions        (StapleReport *self);
void       _staple_report_add_empowerment    (StapleReport *self);
void       _staple_report_add_wait_bar       (StapleReport          *self,
                                              double                 x,
                                              double                 y,
                                              double                 width,
                                              double                 height,
                                              guint                  wait_minutes,
                                              const StapleWaitScale *scale);
GPtrArray *_staple_report_list_longest_waits (StapleReport *self);
void       _staple_report_add_time_table     (StapleReport *self);
void       _staple_report_add_journey        (StapleReport *self);

/* The one-page summary: staple-report-summary.c */
void _staple_report_add_summary (StapleReport *self);

/* Walk sheets: staple-report-walk.c */
void _staple_report_add_walk_sheets (StapleReport *self);

/* The leadership review of an organisation's walks: staple-report-review.c */
void _staple_report_add_review (StapleReport *self);

G_END_DECLS
