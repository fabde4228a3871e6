/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-view-private.h: what the map view's files share: the instance
 * and the helpers each of them needs from the others. */
#pragma once

#include <adwaita.h>

#include "staple-map-view.h"

G_BEGIN_DECLS


struct _StapleMapView
{
  GtkWidget        parent_instance;

  StapleMapLayout *layout;
  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;
  double           zoom;
  gboolean         fit_on_allocate;

  /* The selection, by object so it survives moves; kind is a StapleMapHitKind. */
  StapleMapHitKind selection_kind;
  GObject         *selection_object;
  StapleMapHit     selection;        /* recomputed from the object */

  /* The in-place editor: a text view, as wide as what it covers, in a
   * scrolled window that grows a few lines and then scrolls. */
  GtkWidget       *editor;
  GtkTextView     *text_view;
  StapleMapHit     editing;          /* CARD, CARD_LANE (a new card) or STAGE */
  GObject         *editing_object;
  gboolean         filling;          /* the editor's text is being set, not typed */
  GtkCssProvider  *editor_style;     /* its font, the size of the map's text */
  char            *editor_css;
  guint            editor_idle_id;   /* closes an editor whose element has gone */
  guint            font_idle_id;     /* restyles it for another zoom */

  /* Dragging with the first button */
  StapleMapHit     drag_hit;
  gboolean         dragging;
  double           drag_x;           /* in widget coordinates */
  double           drag_y;

  /* Panning with the middle button */
  double           pan_h;
  double           pan_v;

  guint            relocate_id;
  int              natural_width;  /* the size last measured: the map's, at */
  int              natural_height; /* the zoom; 0 before any measuring */
  guint            focus_id;

  /* The empty map's invitation to add the first stage */
  GtkWidget       *empty;
  GtkWidget       *empty_actions;  /* its buttons, not on the audience's screen */
  gboolean         for_audience;
  gboolean         new_stage;        /* the stage being named was just added */
  guint            pending_key;      /* a Diagnose key waiting to be told from typing */
  guint            pending_id;

  AdwToast        *toast;            /* the last thing told, while it shows */

  StapleMapMode    mode;
  int              voter;            /* the participant whose dots + and − place */
};

/* staple-map-view.c: coordinates, the selection, the walk's stage */
void     _staple_map_view_to_map          (StapleMapView           *self,
                                           double                   x,
                                           double                   y,
                                           double                  *map_x,
                                           double                  *map_y);
void     _staple_map_view_to_widget       (StapleMapView           *self,
                                           const cairo_rectangle_t *rect,
                                           GtkAllocation           *out);
gboolean _staple_map_view_in_pinned       (StapleMapView           *self,
                                           double                   x);
void     _staple_map_view_scroll_to       (StapleMapView           *self,
                                           const cairo_rectangle_t *rect);
gboolean _staple_map_view_locate          (StapleMapView           *self,
                                           StapleMapHitKind         kind,
                                           GObject                 *object,
                                           StapleMapHit            *hit);
GObject *_staple_map_view_object_at       (StapleMapView           *self,
                                           const StapleMapHit      *hit);
void     _staple_map_view_set_selection   (StapleMapView           *self,
                                           StapleMapHitKind         kind,
                                           GObject                 *object);
int      _staple_map_view_current_stage   (StapleMapView           *self);
void     _staple_map_view_tell            (StapleMapView           *self,
                                           const char              *message);

/* staple-map-view-editor.c: the in-place editor */
void     _staple_map_view_init_editor     (StapleMapView           *self);
void     _staple_map_view_allocate_editor (StapleMapView           *self);
void     _staple_map_view_stop_editing    (StapleMapView           *self);
void     _staple_map_view_commit_editor   (StapleMapView           *self);
gboolean _staple_map_view_editor_room     (StapleMapView           *self,
                                           cairo_rectangle_t       *below,
                                           double                  *shift);

/* staple-map-view-input.c: keys and the pointer */
void     _staple_map_view_init_input      (StapleMapView           *self);
gboolean _staple_map_view_focus           (GtkWidget               *widget,
                                           GtkDirectionType         direction);

G_END_DECLS
