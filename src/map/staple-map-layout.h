/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "staple-map-marks.h"
#include "staple-model.h"

G_BEGIN_DECLS

/* The swimlanes of the journey map, top to bottom. */
typedef enum
{
  STAPLE_MAP_LANE_HEADER,
  STAPLE_MAP_LANE_CUSTOMER,
  STAPLE_MAP_LANE_CARDS,
  STAPLE_MAP_LANE_HANDOFFS,
  STAPLE_MAP_LANE_STAFF,
  STAPLE_MAP_LANE_CAUSES,
  STAPLE_MAP_N_LANES,
} StapleMapLane;

typedef enum
{
  STAPLE_MAP_HIT_NONE,
  STAPLE_MAP_HIT_STAGE,          /* a stage's header */
  STAPLE_MAP_HIT_CARD,           /* a friction card */
  STAPLE_MAP_HIT_CARD_LANE,      /* an empty spot in a stage's card lane */
  STAPLE_MAP_HIT_CUSTOMER_POINT, /* a point of the customer-feeling curve */
  STAPLE_MAP_HIT_STAFF_POINT,    /* a point of the staff-feeling curve */
  STAPLE_MAP_HIT_HANDOFF,        /* the arrow into a stage from the one before;
                                  * the hit's stage is the one it goes into */
  STAPLE_MAP_HIT_CAUSES,         /* a stage's root causes */
} StapleMapHitKind;

typedef struct
{
  StapleMapHitKind kind;
  guint            stage; /* index of the stage */
  guint            card;  /* CARD: index of the card; CARD_LANE: where a card dropped
                           * there would go */
} StapleMapHit;

/* The geometry of one friction card, in map units (pixels at 100 %). */
typedef struct
{
  StapleFriction  *friction;   /* borrowed */
  cairo_rectangle_t rect;
  PangoLayout     *text;       /* wrapped into the card, ellipsized after a few lines */
  PangoLayout     *label;      /* kind, severity and votes */
  guint            n_votes;
  gboolean         truncated;  /* the text did not fit and was ellipsized */
} StapleMapCard;

typedef struct
{
  StapleStage      *stage;     /* borrowed */
  cairo_rectangle_t column;    /* the whole column, every lane */
  cairo_rectangle_t header;
  PangoLayout      *title;     /* name */
  PangoLayout      *subtitle;  /* team · channel */
  PangoLayout      *times;     /* work and waiting time */
  PangoLayout      *causes;    /* the principles its friction points go against */
  double            customer_y; /* the curve points, in map units */
  double            staff_y;
  gboolean          handoff_after;   /* the work changes hands on the way to the next
                                      * stage: staple_summary_is_handoff() */
  PangoLayout      *handoff_label;   /* names the handoff into this stage, or is empty */
  GArray           *cards;     /* StapleMapCard */
  guint             row;       /* the row of stages it is in: 0 unless the map wraps */
  cairo_rectangle_t wait;      /* the track of its wait, drawn to scale: as long as a card
                                * is wide for the journey's longest wait */
} StapleMapColumn;

/* A line of card text at least this many device pixels high can be read. */
#define STAPLE_MAP_READABLE_LINE_PX 9.0

typedef struct
{
  guint  columns_per_row;  /* for staple_map_layout_set_columns_per_row(): 0 for one row */
  guint  n_rows;
  double zoom;             /* device pixels per map unit */
  double line_px;          /* a line of card text at that zoom, in device pixels */
  gboolean whole;          /* the whole map is in view; else its rows scroll */
} StapleMapFit;

#define STAPLE_TYPE_MAP_LAYOUT (staple_map_layout_get_type ())

G_DECLARE_FINAL_TYPE (StapleMapLayout, staple_map_layout, STAPLE, MAP_LAYOUT, GObject)

StapleMapLayout       *staple_map_layout_new          (void);
void                   staple_map_layout_set_session  (StapleMapLayout   *self,
                                                       StapleSession     *session);
StapleSession         *staple_map_layout_get_session  (StapleMapLayout   *self);
void                   staple_map_layout_set_text_scale (StapleMapLayout *self,
                                                       double             scale);
double                 staple_map_layout_get_text_scale (StapleMapLayout *self);
void                   staple_map_layout_set_whole_text (StapleMapLayout *self,
                                                       gboolean           whole_text);
void                   staple_map_layout_set_font     (StapleMapLayout   *self,
                                                       const char        *family);
void                   staple_map_layout_set_columns_per_row (StapleMapLayout *self,
                                                       guint              columns_per_row);
guint                  staple_map_layout_get_columns_per_row (StapleMapLayout *self);
void                   staple_map_layout_set_spread   (StapleMapLayout   *self,
                                                       const double      *gaps,
                                                       guint              n_gaps,
                                                       const double      *lanes);
void                   staple_map_layout_update       (StapleMapLayout   *self);
double                 staple_map_layout_get_width    (StapleMapLayout   *self);
double                 staple_map_layout_get_height   (StapleMapLayout   *self);
void                   staple_map_layout_get_lane     (StapleMapLayout   *self,
                                                       StapleMapLane      lane,
                                                       double            *y,
                                                       double            *height);
guint                  staple_map_layout_get_n_columns (StapleMapLayout  *self);
guint                  staple_map_layout_get_n_rows   (StapleMapLayout   *self);
double                 staple_map_layout_get_row_offset (StapleMapLayout *self,
                                                       guint              row);
guint                  staple_map_layout_get_row_at   (StapleMapLayout   *self,
                                                       double             y);
void                   staple_map_layout_get_row_lane (StapleMapLayout   *self,
                                                       guint              row,
                                                       StapleMapLane      lane,
                                                       double            *y,
                                                       double            *height);
double                 staple_map_layout_get_card_line_height (StapleMapLayout *self);
void                   staple_map_layout_get_wait_scale (StapleMapLayout *self,
                                                       StapleWaitScale   *scale);
void                   staple_map_layout_fit          (StapleMapLayout   *self,
                                                       double             width,
                                                       double             height,
                                                       double             max_zoom,
                                                       StapleMapFit      *fit);
const StapleMapColumn *staple_map_layout_get_column   (StapleMapLayout   *self,
                                                       guint              index);
const StapleMapCard   *staple_map_layout_get_card     (StapleMapLayout   *self,
                                                       guint              stage,
                                                       guint              card);
gboolean               staple_map_layout_hit_test     (StapleMapLayout   *self,
                                                       double             x,
                                                       double             y,
                                                       StapleMapHit      *hit);
PangoLayout           *staple_map_layout_get_lane_label (StapleMapLayout *self,
                                                       StapleMapLane      lane);
PangoLayout           *staple_map_layout_get_scale_label (StapleMapLayout *self,
                                                       int                feeling);
PangoLayout           *staple_map_layout_get_wait_label (StapleMapLayout *self);
PangoLayout           *staple_map_layout_get_small_text (StapleMapLayout *self,
                                                       const char        *text);
guint                  staple_map_layout_get_serial   (StapleMapLayout   *self);
double                 staple_map_layout_feeling_to_y (StapleMapLayout   *self,
                                                       StapleMapLane      lane,
                                                       int                feeling);
int                    staple_map_layout_y_to_feeling (StapleMapLayout   *self,
                                                       StapleMapLane      lane,
                                                       double             y);
double                 staple_map_layout_row_feeling_to_y (StapleMapLayout *self,
                                                       guint              row,
                                                       StapleMapLane      lane,
                                                       int                feeling);
int                    staple_map_layout_row_y_to_feeling (StapleMapLayout *self,
                                                       guint              row,
                                                       StapleMapLane      lane,
                                                       double             y);

G_END_DECLS
