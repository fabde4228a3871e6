/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-layout-private.h: what the layout's files share: the instance
 * and its geometry's constants. */
#pragma once

#include "staple-map-layout.h"

G_BEGIN_DECLS

/* Map units are pixels at 100 % zoom and text scale 1. */
#define MARGIN             24.0
#define GUTTER            112.0 /* lane names, left of the first column */
#define COLUMN_GAP         56.0 /* room for the handoff arrows */
#define COLUMN_PAD         12.0
#define CARD_WIDTH        208.0
#define CARD_GAP           10.0
#define CARD_PAD            8.0
#define CARD_STRIPE         6.0
#define CARD_TEXT_LINES     4
#define CARDS_PER_STACK     6   /* a stage with more cards grows wider */
#define CURVE_LANE        104.0
#define HANDOFF_LANE       44.0
#define LANE_PAD           10.0
#define POINT_HIT_RADIUS   12.0
#define LABEL_RESERVE      66.0 /* severity pips and vote badge, right of the kind */
#define ROW_GAP            40.0 /* between the rows of a wrapped map */
#define WAIT_BAR            7.0 /* the height of a stage's wait, drawn to scale */
#define WAIT_BAR_GAP        8.0 /* above it, under the header's text */
#define CARD_POINTS        10.0 /* a card's text */
#define SCALE_RESERVE      24.0 /* the feeling lanes' scale, right in the gutter */

/* The lanes of one row of stages, in map units. */
typedef struct
{
  double lane_y[STAPLE_MAP_N_LANES];
  double lane_height[STAPLE_MAP_N_LANES];
} StapleMapRowLanes;

/* What a column needs of the lanes whose height its content decides. */
typedef struct
{
  double header;
  double cards;
  double causes;
} ColumnExtent;

struct _StapleMapLayout
{
  GObject        parent_instance;

  StapleSession *session;
  PangoContext  *context;
  char          *family;
  double         scale;
  gboolean       whole_text;   /* paper: a card's every line, none ellipsized */

  GArray        *columns;      /* StapleMapColumn */
  GHashTable    *card_cache;   /* StapleFriction → CardCache */
  GHashTable    *stage_cache;  /* StapleStage → StageCache */
  GHashTable    *votes;        /* friction id → count */
  GPtrArray     *watched;      /* objects whose signals we listen to */
  GHashTable    *watched_cards; /* StapleFriction set: those of them that are cards */
  PangoLayout   *lane_labels[STAPLE_MAP_N_LANES];
  PangoLayout   *scale_labels[3]; /* "+2", "0", "−2" */
  PangoLayout   *wait_label;
  GHashTable    *small_texts;  /* text → PangoLayout, e.g. vote counts */
  GHashTable    *fonts;        /* "points/weight" → PangoFontDescription */

  /* Each row's lanes, as tall as the row's own stages need. */
  GArray        *rows;         /* StapleMapRowLanes, at least one */
  GArray        *extents;      /* ColumnExtent, a column's */
  double         width;
  double         height;
  guint          columns_per_row; /* 0: all in one row */
  GArray        *gap_spread;   /* double: extra room after each column, paper only */
  double         lane_spread[STAPLE_MAP_N_LANES]; /* extra height of each lane, every row */
  guint          n_rows;
  double         line_height;  /* of a card's text */
  StapleWaitScale wait_scale;

  guint          generation;
  guint          serial;
  gboolean       dirty;
  gboolean       full_dirty;   /* more than a few cards' faces changed */
  gboolean       votes_dirty;
  gboolean       watch_dirty;
  GHashTable    *dirty_cards;  /* StapleFriction set: only their faces changed */
  GHashTable    *dirty_stages; /* StapleStage set: only their cards came, went or moved */
  PangoLayout   *kind_labels[STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS + 1];
};

/* staple-map-layout.c */
double  _staple_map_layout_gap_spread   (StapleMapLayout *self,
                                         guint            index);

/* staple-map-layout-rows.c */
void    _staple_map_layout_row_span     (guint            n,
                                         guint            per_row,
                                         guint            row,
                                         guint           *first,
                                         guint           *count);
guint   _staple_map_layout_row_of       (StapleMapLayout *self,
                                         guint            index);
void    _staple_map_layout_row_heights  (StapleMapLayout *self,
                                         guint            first,
                                         guint            n,
                                         double          *heights);
void    _staple_map_layout_measure_rows (StapleMapLayout *self,
                                         guint            columns_per_row,
                                         double          *width,
                                         double          *height);

G_END_DECLS
