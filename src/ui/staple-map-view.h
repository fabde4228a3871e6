/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "staple-map-layout.h"

G_BEGIN_DECLS

/* What keys on the map do, by phase of the workshop. */
typedef enum
{
  STAPLE_MAP_MODE_EDIT,     /* typing starts a card */
  STAPLE_MAP_MODE_WALK,     /* Page Up and Page Down move the current stage */
  STAPLE_MAP_MODE_DIAGNOSE, /* 1–5 severity, K kind, P principle */
  STAPLE_MAP_MODE_VOTE,     /* + and − put and take a dot for the voter; 1–9 choose the voter */
} StapleMapMode;

#define STAPLE_TYPE_MAP_VIEW (staple_map_view_get_type ())

G_DECLARE_FINAL_TYPE (StapleMapView, staple_map_view, STAPLE, MAP_VIEW, GtkWidget)

GtkWidget          *staple_map_view_new            (void);
void                staple_map_view_set_session    (StapleMapView      *self,
                                                    StapleSession      *session);
StapleMapLayout    *staple_map_view_get_layout     (StapleMapView      *self);
double              staple_map_view_get_zoom       (StapleMapView      *self);
void                staple_map_view_set_zoom       (StapleMapView      *self,
                                                    double              zoom);
void                staple_map_view_zoom_to_fit    (StapleMapView      *self);
const StapleMapHit *staple_map_view_get_selection  (StapleMapView      *self);
void                staple_map_view_select         (StapleMapView      *self,
                                                    const StapleMapHit *hit);
gpointer            staple_map_view_get_selected_object (StapleMapView *self);
void                staple_map_view_start_new_card (StapleMapView      *self,
                                                    guint               stage,
                                                    guint               index,
                                                    const char         *text);
void                staple_map_view_edit_selection (StapleMapView      *self);
void                staple_map_view_add_stage      (StapleMapView      *self);
void                staple_map_view_restore_draft  (StapleMapView      *self,
                                                    const char         *target,
                                                    guint               stage,
                                                    int                 card,
                                                    const char         *text);
void                staple_map_view_show_current_stage (StapleMapView  *self);
void                staple_map_view_set_for_audience (StapleMapView    *self,
                                                      gboolean          for_audience);
void                staple_map_view_set_mode       (StapleMapView      *self,
                                                    StapleMapMode       mode);
StapleMapMode       staple_map_view_get_mode       (StapleMapView      *self);
void                staple_map_view_set_voter      (StapleMapView      *self,
                                                    int                 voter);
int                 staple_map_view_get_voter      (StapleMapView      *self);

G_END_DECLS
