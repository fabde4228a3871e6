/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-map-layout.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean          dark;          /* the dark palette */
  double            zoom;          /* device pixels per map unit, for level of detail */
  gboolean          clip_to_visible;
  cairo_rectangle_t visible;       /* what is on screen, in map units */
  int               current_stage; /* highlighted, or -1 */
  StapleMapHit      selection;     /* kind NONE for nothing */
  gboolean          show_focus;    /* draw the keyboard focus ring on the selection */
  gboolean          print;         /* no background fill, black and white safe */
  gboolean          cache_cards;   /* keep the cards near the view as images between
                                    * draws: for a view on screen, redrawn often */
  double            pixel_scale;   /* device pixels per cairo unit, e.g. 2 on HiDPI */
  gboolean          pin_lane_labels; /* scrolled sideways, the lanes' names stay at the
                                      * visible left edge (with clip_to_visible) */
} StapleMapRenderOptions;

void staple_map_render_options_init (StapleMapRenderOptions       *options);
void staple_map_render              (StapleMapLayout              *layout,
                                     cairo_t                      *cr,
                                     const StapleMapRenderOptions *options);
void staple_map_render_background   (StapleMapLayout              *layout,
                                     cairo_t                      *cr,
                                     const StapleMapRenderOptions *options);
void staple_map_render_column_background (StapleMapLayout        *layout,
                                          cairo_t                *cr,
                                          const StapleMapRenderOptions *options,
                                          guint                   index);
void staple_map_render_column       (StapleMapLayout              *layout,
                                     cairo_t                      *cr,
                                     const StapleMapRenderOptions *options,
                                     guint                         index);
double staple_map_render_pinned_width (StapleMapLayout            *layout,
                                       const StapleMapRenderOptions *options);
void staple_map_render_kind_color   (StapleFrictionKind            kind,
                                     gboolean                      dark,
                                     double                       *rgb);

G_END_DECLS
