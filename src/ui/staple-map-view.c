/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-view.c: the journey map on screen.
 *
 * Draws through the same layout and renderer as paper, scrolls and zooms,
 * and turns clicks, drags and keys into the window's edit actions. The
 * selection is held by object (a stage or a friction point), so it follows
 * its element through moves, undo and redo.
 */
#define G_LOG_DOMAIN "staple-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "staple-map-renderer.h"
#include "staple-map-view.h"

#define MIN_ZOOM        0.05
#define MAX_ZOOM        4.0
#define ZOOM_STEP       1.2
#define DRAG_THRESHOLD  6.0
#define MARGIN_PX       16  /* kept around an element scrolled into view */
#define EDITOR_LINES     4  /* the in-place editor grows to this many lines, then scrolls */
#define EDITOR_MIN_PX  160  /* and is never narrower, however far out the map is zoomed */
#define LONG_WORD      200  /* characters: longer words wrap anywhere, as Pango takes
                             * seconds to find word breaks in them */

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

  /* Dragging with the first button */
  StapleMapHit     drag_hit;
  gboolean         dragging;
  double           drag_x;           /* in widget coordinates */
  double           drag_y;

  /* Panning with the middle button */
  double           pan_h;
  double           pan_v;

  guint            relocate_id;

  StapleMapMode    mode;
  int              voter;            /* the participant whose dots + and − place */
};

static void staple_map_view_scrollable_init (GtkScrollableInterface *iface);
static int  current_stage_index (StapleMapView *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (StapleMapView, staple_map_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      staple_map_view_scrollable_init))

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_VOTER,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
staple_map_view_scrollable_init (GtkScrollableInterface *iface)
{
}

/* Coordinates */

static double
scroll_x (StapleMapView *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (StapleMapView *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
to_map (StapleMapView *self,
        double         x,
        double         y,
        double        *map_x,
        double        *map_y)
{
  *map_x = (x + scroll_x (self)) / self->zoom;
  *map_y = (y + scroll_y (self)) / self->zoom;
}

static void
to_widget (StapleMapView           *self,
           const cairo_rectangle_t *rect,
           GtkAllocation           *out)
{
  out->x = (int) floor (rect->x * self->zoom - scroll_x (self));
  out->y = (int) floor (rect->y * self->zoom - scroll_y (self));
  out->width = (int) ceil (rect->width * self->zoom);
  out->height = (int) ceil (rect->height * self->zoom);
}

/* Selection */

/* Finds where an object now is on the map. */
static gboolean
locate (StapleMapView    *self,
        StapleMapHitKind  kind,
        GObject          *object,
        StapleMapHit     *hit)
{
  guint n_columns = staple_map_layout_get_n_columns (self->layout);

  *hit = (StapleMapHit) { STAPLE_MAP_HIT_NONE, 0, 0 };
  if (object == NULL)
    return FALSE;

  for (guint i = 0; i < n_columns; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (self->layout, i);

      if (kind != STAPLE_MAP_HIT_CARD && G_OBJECT (column->stage) == object)
        {
          *hit = (StapleMapHit) { kind, i, 0 };
          return TRUE;
        }

      for (guint j = 0; kind == STAPLE_MAP_HIT_CARD && j < column->cards->len; j++)
        {
          if (G_OBJECT (g_array_index (column->cards, StapleMapCard, j).friction) == object)
            {
              *hit = (StapleMapHit) { kind, i, j };
              return TRUE;
            }
        }
    }

  return FALSE;
}

static GObject *
object_at (StapleMapView      *self,
           const StapleMapHit *hit)
{
  const StapleMapCard *card;

  switch (hit->kind)
    {
    case STAPLE_MAP_HIT_CARD:
      card = staple_map_layout_get_card (self->layout, hit->stage, hit->card);
      return card != NULL ? G_OBJECT (card->friction) : NULL;

    case STAPLE_MAP_HIT_STAGE:
    case STAPLE_MAP_HIT_CUSTOMER_POINT:
    case STAPLE_MAP_HIT_STAFF_POINT:
    case STAPLE_MAP_HIT_CARD_LANE:
    case STAPLE_MAP_HIT_HANDOFF:
    case STAPLE_MAP_HIT_CAUSES:
      if (hit->stage < staple_map_layout_get_n_columns (self->layout))
        return G_OBJECT (staple_map_layout_get_column (self->layout, hit->stage)->stage);
      return NULL;

    case STAPLE_MAP_HIT_NONE:
    default:
      return NULL;
    }
}

static void
describe_selection (StapleMapView *self)
{
  g_autofree char *text = NULL;
  const StapleMapHit *hit = &self->selection;

  if (hit->kind == STAPLE_MAP_HIT_CARD)
    {
      StapleFriction *friction = STAPLE_FRICTION (self->selection_object);

      text = g_strdup_printf (_("Friction point %u of stage %u: %s. %s, severity %d."),
                              hit->card + 1, hit->stage + 1,
                              staple_friction_get_text (friction),
                              staple_friction_kind_get_label (staple_friction_get_kind (friction)),
                              staple_friction_get_severity (friction));
    }
  else if (hit->kind != STAPLE_MAP_HIT_NONE)
    {
      StapleStage *stage = STAPLE_STAGE (self->selection_object);

      if (hit->kind == STAPLE_MAP_HIT_CUSTOMER_POINT)
        text = g_strdup_printf (_("How the customer feels at stage %u: %+d"), hit->stage + 1,
                                staple_stage_get_customer_feeling (stage));
      else if (hit->kind == STAPLE_MAP_HIT_STAFF_POINT)
        text = g_strdup_printf (_("How the staff feel at stage %u: %+d"), hit->stage + 1,
                                staple_stage_get_staff_feeling (stage));
      else
        text = g_strdup_printf (_("Stage %u: %s"), hit->stage + 1,
                                staple_stage_get_name (stage));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : _("Nothing selected"), -1);
}

static void
scroll_to_selection (StapleMapView *self)
{
  const StapleMapColumn *column;
  const cairo_rectangle_t *rect;
  GtkAllocation area;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->selection.kind == STAPLE_MAP_HIT_NONE || self->hadjustment == NULL)
    return;

  column = staple_map_layout_get_column (self->layout, self->selection.stage);
  rect = self->selection.kind == STAPLE_MAP_HIT_CARD
         ? &staple_map_layout_get_card (self->layout, self->selection.stage,
                                        self->selection.card)->rect
         : &column->header;
  to_widget (self, rect, &area);

  /* Scroll only as far as needed, so the map does not jump about under
   * the arrow keys. */
  if (area.x < MARGIN_PX || area.width + 2 * MARGIN_PX > width)
    gtk_adjustment_set_value (self->hadjustment, scroll_x (self) + area.x - MARGIN_PX);
  else if (area.x + area.width > width - MARGIN_PX)
    gtk_adjustment_set_value (self->hadjustment,
                              scroll_x (self) + area.x + area.width - width + MARGIN_PX);

  if (area.y < MARGIN_PX || area.height + 2 * MARGIN_PX > height)
    gtk_adjustment_set_value (self->vadjustment, scroll_y (self) + area.y - MARGIN_PX);
  else if (area.y + area.height > height - MARGIN_PX)
    gtk_adjustment_set_value (self->vadjustment,
                              scroll_y (self) + area.y + area.height - height + MARGIN_PX);
}

static void
set_selection (StapleMapView    *self,
               StapleMapHitKind  kind,
               GObject          *object)
{
  if (kind == STAPLE_MAP_HIT_NONE)
    object = NULL;
  if (object == NULL)
    kind = STAPLE_MAP_HIT_NONE;

  if (kind == self->selection_kind && object == self->selection_object)
    return;

  self->selection_kind = kind;
  g_set_object (&self->selection_object, object);
  locate (self, kind, object, &self->selection);
  describe_selection (self);
  scroll_to_selection (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/**
 * staple_map_view_select:
 * @hit: (nullable): a stage header, card or curve point; %NULL for nothing
 */
void
staple_map_view_select (StapleMapView      *self,
                        const StapleMapHit *hit)
{
  StapleMapHitKind kind;

  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  if (hit == NULL)
    {
      set_selection (self, STAPLE_MAP_HIT_NONE, NULL);
      return;
    }

  /* Lanes without an element of their own select their stage. */
  kind = hit->kind;
  if (kind == STAPLE_MAP_HIT_CARD_LANE || kind == STAPLE_MAP_HIT_HANDOFF ||
      kind == STAPLE_MAP_HIT_CAUSES)
    kind = STAPLE_MAP_HIT_STAGE;

  set_selection (self, kind, object_at (self, hit));
}

/**
 * staple_map_view_get_selection:
 *
 * Returns: (transfer none): where the selected element is now
 */
const StapleMapHit *
staple_map_view_get_selection (StapleMapView *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_VIEW (self), NULL);

  return &self->selection;
}

/**
 * staple_map_view_get_selected_object:
 *
 * Returns: (transfer none) (nullable): the selected #StapleStage (its header
 *   or a curve point) or #StapleFriction
 */
gpointer
staple_map_view_get_selected_object (StapleMapView *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_VIEW (self), NULL);

  return self->selection.kind != STAPLE_MAP_HIT_NONE ? self->selection_object : NULL;
}

/* Scrolling and zooming */

static void
configure_adjustments (StapleMapView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double map_width = staple_map_layout_get_width (self->layout) * self->zoom;
  double map_height = staple_map_layout_get_height (self->layout) * self->zoom;

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (scroll_x (self), 0, MAX (0, map_width - width)),
                              0, MAX (map_width, width), width * 0.1, width * 0.9, width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (scroll_y (self), 0, MAX (0, map_height - height)),
                              0, MAX (map_height, height), height * 0.1, height * 0.9, height);
}

static void
adjustment_changed_cb (StapleMapView *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self)); /* moves the inline editor along */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (StapleMapView  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  g_object_ref_sink (adjustment);
  g_clear_object (slot);
  *slot = adjustment;
  g_signal_connect_object (*slot, "value-changed", G_CALLBACK (adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  configure_adjustments (self);
}

/* Zooms keeping the map point under (x, y) in the widget where it is. */
static void
zoom_at (StapleMapView *self,
         double         zoom,
         double         x,
         double         y)
{
  double map_x, map_y;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;

  to_map (self, x, y, &map_x, &map_y);
  self->zoom = zoom;
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, map_x * zoom - x);
  gtk_adjustment_set_value (self->vadjustment, map_y * zoom - y);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * staple_map_view_get_zoom:
 *
 * Returns: screen pixels per map unit
 */
double
staple_map_view_get_zoom (StapleMapView *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_VIEW (self), 1.0);

  return self->zoom;
}

/**
 * staple_map_view_set_zoom:
 * @zoom: screen pixels per map unit, 0.05 … 4
 *
 * Zooms around the middle of the view.
 */
void
staple_map_view_set_zoom (StapleMapView *self,
                          double         zoom)
{
  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  self->fit_on_allocate = FALSE;
  zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/**
 * staple_map_view_zoom_to_fit:
 *
 * Zooms so that the whole map shows, at most at 100 %.
 */
void
staple_map_view_zoom_to_fit (StapleMapView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double map_width = staple_map_layout_get_width (self->layout);
  double map_height = staple_map_layout_get_height (self->layout);

  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  if (width <= 0 || height <= 0)
    {
      self->fit_on_allocate = TRUE;
      return;
    }

  zoom_at (self, MIN (1.0, MIN (width / map_width, height / map_height)), 0, 0);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StapleMapView *self = STAPLE_MAP_VIEW (widget);

  if (g_str_equal (action_name, "map.zoom-in"))
    staple_map_view_set_zoom (self, self->zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "map.zoom-out"))
    staple_map_view_set_zoom (self, self->zoom / ZOOM_STEP);
  else
    staple_map_view_zoom_to_fit (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           StapleMapView            *self)
{
  GtkEventController *event_controller = GTK_EVENT_CONTROLLER (controller);
  GdkModifierType state = gtk_event_controller_get_current_event_state (event_controller);
  GdkEvent *event;
  double x = 0, y = 0;

  /* Plain scrolling pans, through the scrolled window around us. */
  if ((state & GDK_CONTROL_MASK) == 0)
    return FALSE;

  event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  if (event != NULL)
    gdk_event_get_position (event, &x, &y);
  if (event != NULL)
    {
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
      graphene_point_t point;
      double nx, ny;

      /* Event positions are in the surface's coordinates. */
      gtk_native_get_surface_transform (native, &nx, &ny);
      if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                    &GRAPHENE_POINT_INIT (x - nx, y - ny), &point))
        x = point.x, y = point.y;
    }

  self->fit_on_allocate = FALSE;
  zoom_at (self, self->zoom * pow (ZOOM_STEP, -dy), x, y);
  return TRUE;
}

/* The layout */

static gboolean
relocate_cb (gpointer data)
{
  StapleMapView *self = data;

  self->relocate_id = 0;

  /* The selected element may have moved, or gone. */
  if (self->selection_kind != STAPLE_MAP_HIT_NONE &&
      !locate (self, self->selection_kind, self->selection_object, &self->selection))
    set_selection (self, STAPLE_MAP_HIT_NONE, NULL);
  else if (self->selection_kind != STAPLE_MAP_HIT_NONE)
    describe_selection (self);

  return G_SOURCE_REMOVE;
}

static void
layout_changed_cb (StapleMapView *self)
{
  /* An edit changes the model in steps (a move is a removal, then an
   * insertion): look for the selection once the edit is over. */
  if (self->relocate_id == 0)
    self->relocate_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relocate_cb, self, NULL);

  /* Meanwhile the old indices must not point past the end of a list. */
  if (self->selection_kind != STAPLE_MAP_HIT_NONE)
    locate (self, self->selection_kind, self->selection_object, &self->selection);

  configure_adjustments (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * staple_map_view_show_current_stage:
 *
 * Selects the walk's current stage and scrolls it into view, if there is
 * one.
 */
void
staple_map_view_show_current_stage (StapleMapView *self)
{
  int index = current_stage_index (self);

  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  if (index >= 0)
    {
      StapleMapHit hit = { STAPLE_MAP_HIT_STAGE, (guint) index, 0 };

      staple_map_view_select (self, &hit);
    }
}

static void
current_stage_changed_cb (StapleMapView *self)
{
  int index = current_stage_index (self);

  /* The walk follows the cursor: select and show its stage. */
  if (index >= 0)
    {
      StapleMapHit hit = { STAPLE_MAP_HIT_STAGE, (guint) index, 0 };

      staple_map_view_select (self, &hit);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * staple_map_view_set_session:
 * @session: (nullable): the session to show
 */
void
staple_map_view_set_session (StapleMapView *self,
                             StapleSession *session)
{
  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  set_selection (self, STAPLE_MAP_HIT_NONE, NULL);
  gtk_widget_set_visible (self->editor, FALSE);
  if (staple_map_layout_get_session (self->layout) != NULL)
    g_signal_handlers_disconnect_by_data (staple_map_layout_get_session (self->layout), self);
  staple_map_layout_set_session (self->layout, session);
  if (session != NULL)
    g_signal_connect_object (session, "notify::current-stage-id",
                             G_CALLBACK (current_stage_changed_cb), self, G_CONNECT_SWAPPED);
  self->fit_on_allocate = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * staple_map_view_get_layout:
 *
 * Returns: (transfer none): the layout the view draws
 */
StapleMapLayout *
staple_map_view_get_layout (StapleMapView *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_VIEW (self), NULL);

  return self->layout;
}

/* Drawing */

/* The walk's current stage, highlighted on the map. */
static int
current_stage_index (StapleMapView *self)
{
  StapleSession *session = staple_map_layout_get_session (self->layout);
  guint index;

  if (session == NULL ||
      staple_session_find_stage (session, staple_session_get_current_stage_id (session),
                                 &index) == NULL)
    return -1;

  return (int) index;
}

static void
staple_map_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  StapleMapView *self = STAPLE_MAP_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  StapleMapRenderOptions options;
  cairo_t *cr;

  staple_map_render_options_init (&options);
  options.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  options.zoom = self->zoom;
  options.clip_to_visible = TRUE;
  to_map (self, 0, 0, &options.visible.x, &options.visible.y);
  options.visible.width = width / self->zoom;
  options.visible.height = height / self->zoom;
  options.selection = self->selection;
  options.current_stage = current_stage_index (self);
  options.cache_cards = TRUE;
  options.pixel_scale = gtk_widget_get_scale_factor (widget);
  options.show_focus = gtk_widget_has_focus (widget) && GTK_IS_WINDOW (root) &&
                       gtk_window_get_focus_visible (GTK_WINDOW (root));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, -scroll_x (self), -scroll_y (self));
  cairo_scale (cr, self->zoom, self->zoom);
  staple_map_render (self->layout, cr, &options);

  /* While dragging a card: where it would go, and the card under the pointer. */
  if (self->dragging && self->drag_hit.kind == STAPLE_MAP_HIT_CARD)
    {
      const StapleMapCard *card = staple_map_layout_get_card (self->layout, self->drag_hit.stage,
                                                              self->drag_hit.card);
      double map_x, map_y;

      to_map (self, self->drag_x, self->drag_y, &map_x, &map_y);
      if (card != NULL)
        {
          cairo_rectangle (cr, map_x - card->rect.width / 2, map_y - 12,
                           card->rect.width, card->rect.height);
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.35);
          cairo_fill (cr);
        }
    }

  cairo_destroy (cr);

  if (gtk_widget_get_visible (self->editor))
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

static void
staple_map_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  StapleMapView *self = STAPLE_MAP_VIEW (widget);
  int entry_min = 0, entry_nat = 0;

  if (gtk_widget_get_visible (self->editor))
    gtk_widget_measure (self->editor, orientation, -1, &entry_min, &entry_nat, NULL, NULL);

  *minimum = MAX (entry_min, 100);
  *natural = MAX (*minimum, (int) (orientation == GTK_ORIENTATION_HORIZONTAL
                                   ? staple_map_layout_get_width (self->layout)
                                   : staple_map_layout_get_height (self->layout)));
}

/* The inline editor */

/* Where the editor goes: over the card or header being edited, or where a
 * new card would appear. */
static gboolean
editor_rect (StapleMapView     *self,
             cairo_rectangle_t *rect)
{
  const StapleMapColumn *column;
  StapleMapHit where;
  double lane_y;

  if (self->editing.kind == STAPLE_MAP_HIT_CARD_LANE)
    {
      if (!locate (self, STAPLE_MAP_HIT_STAGE, self->editing_object, &where))
        return FALSE;
      column = staple_map_layout_get_column (self->layout, where.stage);
      staple_map_layout_get_lane (self->layout, STAPLE_MAP_LANE_CARDS, &lane_y, NULL);
      *rect = (cairo_rectangle_t) { column->column.x + 12, lane_y + 10, 208, 56 };

      if (self->editing.card < column->cards->len)
        rect->y = g_array_index (column->cards, StapleMapCard, self->editing.card).rect.y;
      else if (column->cards->len > 0)
        {
          const StapleMapCard *last = &g_array_index (column->cards, StapleMapCard,
                                                      column->cards->len - 1);

          rect->x = last->rect.x;
          rect->y = last->rect.y + last->rect.height + 10;
        }
      rect->width = 208 * staple_map_layout_get_text_scale (self->layout);
      return TRUE;
    }

  if (!locate (self, self->editing.kind, self->editing_object, &where))
    return FALSE;

  if (where.kind == STAPLE_MAP_HIT_CARD)
    *rect = staple_map_layout_get_card (self->layout, where.stage, where.card)->rect;
  else
    {
      column = staple_map_layout_get_column (self->layout, where.stage);
      *rect = column->header;
      rect->height = 48;
    }

  return TRUE;
}

/* Drafts: what is being typed is saved with every change, so that a crash
 * or a dead battery loses nothing; the window keeps it in the store. */

static const char *
draft_target (StapleMapHitKind kind)
{
  switch (kind)
    {
    case STAPLE_MAP_HIT_CARD_LANE:
      return "new-friction";
    case STAPLE_MAP_HIT_CARD:
      return "friction-text";
    case STAPLE_MAP_HIT_STAGE:
      return "stage-name";
    default:
      return NULL;
    }
}

static char *
editor_text (StapleMapView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_draft (StapleMapView *self)
{
  g_autofree char *text = editor_text (self);
  const char *target = draft_target (self->editing.kind);
  StapleMapHit where;
  int card;

  if (target == NULL || !locate (self, self->editing.kind == STAPLE_MAP_HIT_CARD
                                         ? STAPLE_MAP_HIT_CARD : STAPLE_MAP_HIT_STAGE,
                                 self->editing_object, &where))
    return;

  if (self->editing.kind == STAPLE_MAP_HIT_CARD_LANE)
    card = (int) self->editing.card;
  else if (self->editing.kind == STAPLE_MAP_HIT_CARD)
    card = (int) where.card;
  else
    card = -1;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.save-draft", "(siis)", target,
                              (int) where.stage, card, text);
}

static void
clear_draft (StapleMapView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-draft", NULL);
}

/* A word too long to break at word boundaries wraps anywhere: finding
 * word breaks in it would take Pango seconds. */
static gboolean
has_long_word (const char *text)
{
  guint run = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        run = 0;
      else if (++run > LONG_WORD)
        return TRUE;
    }

  return FALSE;
}

static void
editor_changed_cb (StapleMapView *self)
{
  g_autofree char *text = editor_text (self);

  gtk_text_view_set_wrap_mode (self->text_view, has_long_word (text) ? GTK_WRAP_CHAR
                                                                      : GTK_WRAP_WORD_CHAR);
  gtk_widget_queue_allocate (GTK_WIDGET (self)); /* grows with its lines */
  if (!self->filling)
    save_draft (self);
}

static void
stop_editing (StapleMapView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL &&
                       (focus == self->editor || gtk_widget_is_ancestor (focus, self->editor));

  self->editing.kind = STAPLE_MAP_HIT_NONE;
  g_clear_object (&self->editing_object);
  gtk_widget_set_visible (self->editor, FALSE);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
start_editing (StapleMapView      *self,
               const StapleMapHit *what,
               GObject            *object,
               const char         *text,
               gboolean            select_all)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  self->editing = *what;
  g_set_object (&self->editing_object, object);

  self->filling = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  self->filling = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  what->kind == STAPLE_MAP_HIT_STAGE
                                  ? _("Name of the stage") : _("Text of the friction point"),
                                  -1);
  gtk_widget_set_visible (self->editor, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  if (select_all)
    gtk_text_buffer_select_range (buffer, &end, &start);
  else
    gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer), 0,
                                FALSE, 0, 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * staple_map_view_start_new_card:
 * @stage: the stage's index
 * @index: where in the stage the card will go
 * @text: what to start the card with, e.g. the key just typed
 *
 * Opens the inline editor for a new friction card; Enter adds it, Escape
 * drops it. What is typed is kept as a draft (`win.save-draft`) until then.
 */
void
staple_map_view_start_new_card (StapleMapView *self,
                                guint          stage,
                                guint          index,
                                const char    *text)
{
  StapleMapHit where = { STAPLE_MAP_HIT_CARD_LANE, stage, index };
  GObject *object;

  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  object = object_at (self, &where);
  if (object == NULL)
    return;

  set_selection (self, STAPLE_MAP_HIT_STAGE, object);
  start_editing (self, &where, object, text != NULL ? text : "", FALSE);

  /* The key that opened the editor is typed text too. */
  if (text != NULL && *text != '\0')
    save_draft (self);
}

/**
 * staple_map_view_edit_selection:
 *
 * Opens the inline editor on the selected card's text or stage's name.
 */
void
staple_map_view_edit_selection (StapleMapView *self)
{
  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  if (self->selection.kind == STAPLE_MAP_HIT_CARD)
    start_editing (self, &self->selection, self->selection_object,
                   staple_friction_get_text (STAPLE_FRICTION (self->selection_object)), TRUE);
  else if (self->selection.kind == STAPLE_MAP_HIT_STAGE)
    start_editing (self, &self->selection, self->selection_object,
                   staple_stage_get_name (STAPLE_STAGE (self->selection_object)), TRUE);
}

/**
 * staple_map_view_restore_draft:
 * @target: what the draft was typed into: "new-friction", "friction-text"
 *   or "stage-name", as given to `win.save-draft`
 * @stage: the stage's index
 * @card: where the new card goes, or the index of the card edited; -1 for
 *   a stage's name
 * @text: the text of the draft
 *
 * Opens the in-place editor as the coach left it: on the same card, new
 * card or stage name, holding @text, the caret at its end and nothing
 * selected. Does nothing if that stage or card is no longer there.
 */
void
staple_map_view_restore_draft (StapleMapView *self,
                               const char    *target,
                               guint          stage,
                               int            card,
                               const char    *text)
{
  StapleMapHit where = { STAPLE_MAP_HIT_NONE, stage, MAX (card, 0) };
  GObject *object;

  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));
  g_return_if_fail (target != NULL);
  g_return_if_fail (text != NULL);

  if (g_str_equal (target, "new-friction"))
    where.kind = STAPLE_MAP_HIT_CARD_LANE;
  else if (g_str_equal (target, "friction-text"))
    where.kind = STAPLE_MAP_HIT_CARD;
  else if (g_str_equal (target, "stage-name"))
    where.kind = STAPLE_MAP_HIT_STAGE;
  else
    {
      g_warning ("A draft for “%s” cannot be restored on the map", target);
      return;
    }

  object = object_at (self, &where);
  if (object == NULL)
    return;

  if (where.kind == STAPLE_MAP_HIT_CARD_LANE)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (self->layout, stage);

      where.card = MIN (where.card, column->cards->len);
      set_selection (self, STAPLE_MAP_HIT_STAGE, object);
    }
  else
    set_selection (self, where.kind, object);

  start_editing (self, &where, object, text, FALSE);
}

static void
commit_editor (StapleMapView *self)
{
  g_autofree char *typed = editor_text (self);
  g_autofree char *text = g_strdup (g_strstrip (typed));
  g_autoptr(GObject) object = self->editing_object != NULL ? g_object_ref (self->editing_object)
                                                           : NULL;
  StapleMapHit where;
  StapleMapHit editing = self->editing;

  if (object == NULL || !locate (self, editing.kind == STAPLE_MAP_HIT_CARD
                                         ? STAPLE_MAP_HIT_CARD : STAPLE_MAP_HIT_STAGE,
                                 object, &where))
    {
      stop_editing (self);
      return;
    }

  /* An empty text is nothing to add, and no text for a card or stage. */
  if (*text == '\0')
    {
      if (editing.kind != STAPLE_MAP_HIT_CARD_LANE)
        gtk_widget_error_bell (GTK_WIDGET (self));
      if (editing.kind == STAPLE_MAP_HIT_CARD_LANE)
        {
          stop_editing (self);
          clear_draft (self);
        }
      return;
    }

  stop_editing (self);
  clear_draft (self);

  if (editing.kind == STAPLE_MAP_HIT_CARD_LANE)
    {
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (STAPLE_STAGE (object)));
      guint index = MIN (editing.card, g_list_model_get_n_items (frictions));
      guint n_before = g_list_model_get_n_items (frictions);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.insert-friction", "(iis)",
                                  (int) where.stage, (int) index, text);
      if (g_list_model_get_n_items (frictions) > n_before)
        {
          g_autoptr(GObject) added = g_list_model_get_item (frictions, index);

          set_selection (self, STAPLE_MAP_HIT_CARD, added);
        }
    }
  else if (editing.kind == STAPLE_MAP_HIT_CARD)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-friction-field", "(iisv)",
                                (int) where.stage, (int) where.card, "text",
                                g_variant_new_string (text));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-stage-field", "(isv)",
                                (int) where.stage, "name", g_variant_new_string (text));
}

/* Enter commits, Shift+Enter starts a new line, Escape drops what was typed.
 * In the capture phase, before the text view inserts a line break. */
static gboolean
editor_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       StapleMapView         *self)
{
  state &= gtk_accelerator_get_default_mod_mask ();

  if (keyval == GDK_KEY_Escape)
    {
      stop_editing (self);
      clear_draft (self);
      return TRUE;
    }

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK) == 0)
    {
      commit_editor (self);
      return TRUE;
    }

  return FALSE;
}

/* EDITOR_LINES lines of the editor's font, and its margins. */
static int
editor_max_height (StapleMapView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->text_view));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int line = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));

  pango_font_metrics_unref (metrics);
  return EDITOR_LINES * MAX (line, 1) + gtk_text_view_get_top_margin (self->text_view) +
         gtk_text_view_get_bottom_margin (self->text_view);
}

static void
staple_map_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  StapleMapView *self = STAPLE_MAP_VIEW (widget);
  cairo_rectangle_t rect;

  if (self->fit_on_allocate && width > 0 && height > 0 &&
      staple_map_layout_get_n_columns (self->layout) > 0)
    {
      /* A new session opens with its whole height in view, but never so
       * small that the cards cannot be read; the width scrolls. */
      self->fit_on_allocate = FALSE;
      self->zoom = CLAMP (height / staple_map_layout_get_height (self->layout), 0.6, 1.0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      configure_adjustments (self);

      /* Scrolled while the view had no size or another zoom: start again. */
      gtk_adjustment_set_value (self->hadjustment, 0);
      gtk_adjustment_set_value (self->vadjustment, 0);
      scroll_to_selection (self);
    }

  configure_adjustments (self);

  if (gtk_widget_get_visible (self->editor))
    {
      GtkAllocation allocation;
      int min_height, natural_height;

      if (!editor_rect (self, &rect))
        {
          stop_editing (self);
          return;
        }

      /* As wide as what it edits, never wider than a card: a line as long
       * as the text would be wider than a texture may be. Down from there
       * it grows with its lines, to a few, and then scrolls; it always
       * covers what it edits. */
      to_widget (self, &rect, &allocation);
      allocation.width = MAX (allocation.width, EDITOR_MIN_PX);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, allocation.width,
                          &min_height, &natural_height, NULL, NULL);
      allocation.height = MAX (allocation.height,
                               CLAMP (natural_height, min_height, editor_max_height (self)));
      gtk_widget_size_allocate (self->editor, &allocation, -1);
    }
}

/* Keyboard */

/* Every element in Tab order: each stage's header, customer point, cards,
 * then staff point. */
static gboolean
step_selection (StapleMapView *self,
                int            direction)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (StapleMapHit));
  guint n_columns = staple_map_layout_get_n_columns (self->layout);
  int current = -1;
  int next;

  for (guint i = 0; i < n_columns; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (self->layout, i);
      StapleMapHit hit = { STAPLE_MAP_HIT_STAGE, i, 0 };

      g_array_append_val (order, hit);
      hit.kind = STAPLE_MAP_HIT_CUSTOMER_POINT;
      g_array_append_val (order, hit);
      for (guint j = 0; j < column->cards->len; j++)
        {
          hit = (StapleMapHit) { STAPLE_MAP_HIT_CARD, i, j };
          g_array_append_val (order, hit);
        }
      hit = (StapleMapHit) { STAPLE_MAP_HIT_STAFF_POINT, i, 0 };
      g_array_append_val (order, hit);
    }

  for (guint k = 0; k < order->len; k++)
    {
      StapleMapHit *hit = &g_array_index (order, StapleMapHit, k);

      if (hit->kind == self->selection.kind && hit->stage == self->selection.stage &&
          hit->card == self->selection.card)
        current = (int) k;
    }

  next = current < 0 ? (direction > 0 ? 0 : (int) order->len - 1) : current + direction;
  if (next < 0 || next >= (int) order->len)
    return FALSE;

  staple_map_view_select (self, &g_array_index (order, StapleMapHit, next));
  return TRUE;
}

/* Arrow keys: up and down within a stage, left and right to the same place
 * in the neighbouring stage. */
static void
move_selection (StapleMapView *self,
                int            dx,
                int            dy)
{
  StapleMapHit hit = self->selection;
  guint n_columns = staple_map_layout_get_n_columns (self->layout);
  const StapleMapColumn *column;

  if (n_columns == 0)
    return;

  if (hit.kind == STAPLE_MAP_HIT_NONE)
    {
      hit = (StapleMapHit) { STAPLE_MAP_HIT_STAGE, 0, 0 };
      staple_map_view_select (self, &hit);
      return;
    }

  if (dx != 0)
    {
      int stage = CLAMP ((int) hit.stage + dx, 0, (int) n_columns - 1);

      hit.stage = (guint) stage;
      column = staple_map_layout_get_column (self->layout, hit.stage);
      if (hit.kind == STAPLE_MAP_HIT_CARD)
        {
          if (column->cards->len == 0)
            hit.kind = STAPLE_MAP_HIT_STAGE;
          else
            hit.card = MIN (hit.card, column->cards->len - 1);
        }
      staple_map_view_select (self, &hit);
      return;
    }

  column = staple_map_layout_get_column (self->layout, hit.stage);
  switch (hit.kind)
    {
    case STAPLE_MAP_HIT_STAGE:
      if (dy > 0)
        hit.kind = STAPLE_MAP_HIT_CUSTOMER_POINT;
      break;

    case STAPLE_MAP_HIT_CUSTOMER_POINT:
      hit.kind = dy < 0 ? STAPLE_MAP_HIT_STAGE
                        : column->cards->len > 0 ? STAPLE_MAP_HIT_CARD
                                                 : STAPLE_MAP_HIT_STAFF_POINT;
      hit.card = 0;
      break;

    case STAPLE_MAP_HIT_CARD:
      if (dy < 0 && hit.card == 0)
        hit.kind = STAPLE_MAP_HIT_CUSTOMER_POINT;
      else if (dy > 0 && hit.card + 1 >= column->cards->len)
        hit.kind = STAPLE_MAP_HIT_STAFF_POINT;
      else
        hit.card = (guint) ((int) hit.card + dy);
      break;

    case STAPLE_MAP_HIT_STAFF_POINT:
      if (dy < 0 && column->cards->len > 0)
        hit = (StapleMapHit) { STAPLE_MAP_HIT_CARD, hit.stage, column->cards->len - 1 };
      else if (dy < 0)
        hit.kind = STAPLE_MAP_HIT_CUSTOMER_POINT;
      break;

    case STAPLE_MAP_HIT_NONE:
    case STAPLE_MAP_HIT_CARD_LANE:
    case STAPLE_MAP_HIT_HANDOFF:
    case STAPLE_MAP_HIT_CAUSES:
    default:
      break;
    }

  staple_map_view_select (self, &hit);
}

static void
delete_selection (StapleMapView *self)
{
  const StapleMapHit *hit = &self->selection;

  if (hit->kind == STAPLE_MAP_HIT_CARD)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-friction", "(ii)",
                                (int) hit->stage, (int) hit->card);
  else if (hit->kind == STAPLE_MAP_HIT_STAGE)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-stage", "i", (int) hit->stage);
}

static void
nudge_feeling (StapleMapView *self,
               int            delta)
{
  const StapleMapHit *hit = &self->selection;
  StapleStage *stage = STAPLE_STAGE (self->selection_object);
  gboolean customer = hit->kind == STAPLE_MAP_HIT_CUSTOMER_POINT;
  int feeling = customer ? staple_stage_get_customer_feeling (stage)
                         : staple_stage_get_staff_feeling (stage);

  feeling = CLAMP (feeling + delta, STAPLE_FEELING_MIN, STAPLE_FEELING_MAX);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-stage-field", "(isv)",
                              (int) hit->stage, customer ? "customer-feeling" : "staff-feeling",
                              g_variant_new_int32 (feeling));
}

/* Alt+arrows move the selected card (up and down within its stage, left
 * and right to the neighbouring stage) or the selected stage. */
static gboolean
move_selected (StapleMapView *self,
               guint          keyval)
{
  const StapleMapHit *hit = &self->selection;
  guint n_columns = staple_map_layout_get_n_columns (self->layout);
  int dx = keyval == GDK_KEY_Left ? -1 : keyval == GDK_KEY_Right ? 1 : 0;
  int dy = keyval == GDK_KEY_Up ? -1 : keyval == GDK_KEY_Down ? 1 : 0;
  int stage = (int) hit->stage + dx;

  if (stage < 0 || stage >= (int) n_columns || (dx == 0 && dy == 0))
    return FALSE;

  if (hit->kind == STAPLE_MAP_HIT_STAGE && dx != 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.move-stage", "(ii)",
                                  (int) hit->stage, stage);
      return TRUE;
    }

  if (hit->kind == STAPLE_MAP_HIT_CARD)
    {
      const StapleMapColumn *target = staple_map_layout_get_column (self->layout, (guint) stage);
      int index = dx != 0 ? (int) MIN (hit->card, target->cards->len) : (int) hit->card + dy;

      if (index < 0)
        return TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.move-friction", "(iiii)",
                                  (int) hit->stage, (int) hit->card, stage, index);
      return TRUE;
    }

  return FALSE;
}

/* Steps an enumeration field of the selected card to its next or previous
 * value, round the end. */
static void
cycle_field (StapleMapView *self,
             const char    *field,
             GType          type,
             int            step)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  int value = 0;
  int n = (int) klass->n_values;

  g_object_get (self->selection_object, field, &value, NULL);
  value = ((value + step) % n + n) % n;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-friction-field", "(iisv)",
                              (int) self->selection.stage, (int) self->selection.card, field,
                              g_variant_new_string (staple_enum_to_nick (type, value)));
}

/* The keys of the Walk, Diagnose and Prioritise phases. */
static gboolean
mode_key (StapleMapView *self,
          guint          keyval)
{
  gboolean card = self->selection.kind == STAPLE_MAP_HIT_CARD;
  guint digit = keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9 ? keyval - GDK_KEY_1 + 1 : 0;

  switch (self->mode)
    {
    case STAPLE_MAP_MODE_WALK:
      if (keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_Page_Up)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), keyval == GDK_KEY_Page_Down
                                      ? "win.next-stage" : "win.previous-stage", NULL);
          return TRUE;
        }
      return FALSE;

    case STAPLE_MAP_MODE_DIAGNOSE:
      if (card && digit >= STAPLE_SEVERITY_MIN && digit <= STAPLE_SEVERITY_MAX)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.set-friction-field", "(iisv)",
                                    (int) self->selection.stage, (int) self->selection.card,
                                    "severity", g_variant_new_int32 ((int) digit));
      else if (card && (keyval == GDK_KEY_k || keyval == GDK_KEY_K))
        cycle_field (self, "kind", STAPLE_TYPE_FRICTION_KIND, keyval == GDK_KEY_k ? 1 : -1);
      else if (card && (keyval == GDK_KEY_p || keyval == GDK_KEY_P))
        cycle_field (self, "principle", STAPLE_TYPE_PRINCIPLE, keyval == GDK_KEY_p ? 1 : -1);
      else
        return FALSE;
      return TRUE;

    case STAPLE_MAP_MODE_VOTE:
      if (digit > 0)
        staple_map_view_set_voter (self, (int) digit - 1);
      else if (card && self->voter >= 0 &&
               (keyval == GDK_KEY_plus || keyval == GDK_KEY_equal || keyval == GDK_KEY_KP_Add ||
                keyval == GDK_KEY_space))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.add-vote", "(iii)", self->voter,
                                    (int) self->selection.stage, (int) self->selection.card);
      else if (card && self->voter >= 0 &&
               (keyval == GDK_KEY_minus || keyval == GDK_KEY_KP_Subtract))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.remove-vote", "(iii)", self->voter,
                                    (int) self->selection.stage, (int) self->selection.card);
      else
        return FALSE;
      return TRUE;

    case STAPLE_MAP_MODE_EDIT:
    default:
      return FALSE;
    }
}

/**
 * staple_map_view_set_mode:
 *
 * Chooses what keys do on the map, by phase of the workshop.
 */
void
staple_map_view_set_mode (StapleMapView *self,
                          StapleMapMode  mode)
{
  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  self->mode = mode;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * staple_map_view_get_mode:
 *
 * Returns: what keys do on the map
 */
StapleMapMode
staple_map_view_get_mode (StapleMapView *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_VIEW (self), STAPLE_MAP_MODE_EDIT);

  return self->mode;
}

/**
 * staple_map_view_set_voter:
 * @voter: the index of the participant whose dots + and − place, or −1
 */
void
staple_map_view_set_voter (StapleMapView *self,
                           int            voter)
{
  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  if (voter == self->voter)
    return;

  self->voter = voter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOTER]);
}

/**
 * staple_map_view_get_voter:
 *
 * Returns: the index of the participant voting, or −1
 */
int
staple_map_view_get_voter (StapleMapView *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_VIEW (self), -1);

  return self->voter;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                StapleMapView         *self)
{
  gboolean point = self->selection.kind == STAPLE_MAP_HIT_CUSTOMER_POINT ||
                   self->selection.kind == STAPLE_MAP_HIT_STAFF_POINT;
  gunichar c;

  if (gtk_widget_get_visible (self->editor))
    return FALSE;

  state &= gtk_accelerator_get_default_mod_mask ();

  /* Shift+Up and Shift+Down raise and lower a curve point. */
  if (point && state == GDK_SHIFT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    {
      nudge_feeling (self, keyval == GDK_KEY_Up ? 1 : -1);
      return TRUE;
    }

  if (state == GDK_ALT_MASK)
    return move_selected (self, keyval);

  if (state != 0 && state != GDK_SHIFT_MASK)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      move_selection (self, -1, 0);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      move_selection (self, 1, 0);
      return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      move_selection (self, 0, -1);
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      move_selection (self, 0, 1);
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_F2:
      staple_map_view_edit_selection (self);
      return TRUE;
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete:
      delete_selection (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selection.kind == STAPLE_MAP_HIT_NONE)
        return FALSE;
      set_selection (self, STAPLE_MAP_HIT_NONE, NULL);
      return TRUE;
    default:
      break;
    }

  if (mode_key (self, keyval))
    return TRUE;

  /* Keyboard-first capture: typing with a stage or card selected starts a
   * new card in that stage. */
  c = gdk_keyval_to_unicode (keyval);
  if (c != 0 && g_unichar_isprint (c) && !g_unichar_isspace (c) &&
      self->mode == STAPLE_MAP_MODE_EDIT && self->selection.kind != STAPLE_MAP_HIT_NONE)
    {
      char text[8] = { 0 };
      const StapleMapColumn *column = staple_map_layout_get_column (self->layout,
                                                                    self->selection.stage);
      guint index = self->selection.kind == STAPLE_MAP_HIT_CARD ? self->selection.card + 1
                                                                : column->cards->len;

      g_unichar_to_utf8 (c, text);
      staple_map_view_start_new_card (self, self->selection.stage, index, text);
      return TRUE;
    }

  return FALSE;
}

static gboolean
staple_map_view_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  StapleMapView *self = STAPLE_MAP_VIEW (widget);
  int step = direction == GTK_DIR_TAB_BACKWARD ? -1 : 1;

  if (gtk_widget_get_visible (self->editor) &&
      gtk_widget_child_focus (self->editor, direction))
    return TRUE;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    {
      if (gtk_widget_has_focus (widget))
        return FALSE;
      gtk_widget_grab_focus (widget);
      return TRUE;
    }

  /* Coming in from outside keeps the selection, or starts at one end. */
  if (!gtk_widget_has_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      if (self->selection.kind == STAPLE_MAP_HIT_NONE)
        step_selection (self, step);
      return TRUE;
    }

  return step_selection (self, step);
}

/* Pointer */

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  StapleMapView   *self)
{
  StapleMapHit hit;
  double map_x, map_y;

  if (gtk_widget_get_visible (self->editor))
    commit_editor (self);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  to_map (self, x, y, &map_x, &map_y);
  if (!staple_map_layout_hit_test (self->layout, map_x, map_y, &hit))
    {
      staple_map_view_select (self, NULL);
      return;
    }

  if (hit.kind != STAPLE_MAP_HIT_CARD_LANE)
    staple_map_view_select (self, &hit);

  if (n_press == 2 && (hit.kind == STAPLE_MAP_HIT_CARD || hit.kind == STAPLE_MAP_HIT_STAGE))
    staple_map_view_edit_selection (self);
}

/* An empty spot in a stage's card lane opens a new card there; on release,
 * so that a drag starting there does nothing. */
static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   StapleMapView   *self)
{
  StapleMapHit hit;
  double map_x, map_y;

  if (self->dragging || n_press != 1)
    return;

  to_map (self, x, y, &map_x, &map_y);
  if (staple_map_layout_hit_test (self->layout, map_x, map_y, &hit) &&
      hit.kind == STAPLE_MAP_HIT_CARD_LANE)
    staple_map_view_start_new_card (self, hit.stage, hit.card, "");
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               StapleMapView  *self)
{
  double map_x, map_y;

  self->dragging = FALSE;
  to_map (self, x, y, &map_x, &map_y);
  if (!staple_map_layout_hit_test (self->layout, map_x, map_y, &self->drag_hit))
    self->drag_hit.kind = STAPLE_MAP_HIT_NONE;
}

static void
drag_feeling (StapleMapView *self,
              double         map_y)
{
  StapleMapLane lane = self->drag_hit.kind == STAPLE_MAP_HIT_CUSTOMER_POINT
                       ? STAPLE_MAP_LANE_CUSTOMER : STAPLE_MAP_LANE_STAFF;
  const StapleMapColumn *column = staple_map_layout_get_column (self->layout,
                                                                self->drag_hit.stage);
  int feeling = staple_map_layout_y_to_feeling (self->layout, lane, map_y);
  int now = lane == STAPLE_MAP_LANE_CUSTOMER ? staple_stage_get_customer_feeling (column->stage)
                                             : staple_stage_get_staff_feeling (column->stage);

  /* Each step is an edit; the editor folds a quick series into one undo. */
  if (feeling != now)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-stage-field", "(isv)",
                                (int) self->drag_hit.stage,
                                lane == STAPLE_MAP_LANE_CUSTOMER ? "customer-feeling"
                                                                 : "staff-feeling",
                                g_variant_new_int32 (feeling));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                StapleMapView  *self)
{
  double start_x, start_y, map_x, map_y;

  if (self->drag_hit.kind == STAPLE_MAP_HIT_NONE ||
      self->drag_hit.kind == STAPLE_MAP_HIT_CARD_LANE)
    return;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  self->drag_x = start_x + dx;
  self->drag_y = start_y + dy;

  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;

  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  to_map (self, self->drag_x, self->drag_y, &map_x, &map_y);
  if (self->drag_hit.kind == STAPLE_MAP_HIT_CUSTOMER_POINT ||
      self->drag_hit.kind == STAPLE_MAP_HIT_STAFF_POINT)
    drag_feeling (self, map_y);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drop_card (StapleMapView *self,
           double         map_x,
           double         map_y)
{
  StapleMapHit target;
  const StapleMapColumn *column;
  GObject *dragged = object_at (self, &self->drag_hit);
  g_autoptr(GObject) friction = dragged != NULL ? g_object_ref (dragged) : NULL;
  guint index;

  if (friction == NULL || !staple_map_layout_hit_test (self->layout, map_x, map_y, &target))
    return;

  column = staple_map_layout_get_column (self->layout, target.stage);
  if (target.kind == STAPLE_MAP_HIT_CARD || target.kind == STAPLE_MAP_HIT_CARD_LANE)
    index = target.card;
  else
    index = column->cards->len;

  /* Dropped further down its own stage: the card's own place closes up. */
  if (target.stage == self->drag_hit.stage && index > self->drag_hit.card)
    index--;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.move-friction", "(iiii)",
                              (int) self->drag_hit.stage, (int) self->drag_hit.card,
                              (int) target.stage, (int) index);
  set_selection (self, STAPLE_MAP_HIT_CARD, friction);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             StapleMapView  *self)
{
  double start_x, start_y, map_x, map_y;
  StapleMapHit target;

  if (!self->dragging)
    return;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  to_map (self, start_x + dx, start_y + dy, &map_x, &map_y);

  if (self->drag_hit.kind == STAPLE_MAP_HIT_CARD)
    drop_card (self, map_x, map_y);
  else if (self->drag_hit.kind == STAPLE_MAP_HIT_STAGE &&
           staple_map_layout_hit_test (self->layout, map_x, map_y, &target) &&
           target.stage != self->drag_hit.stage)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.move-stage", "(ii)",
                                (int) self->drag_hit.stage, (int) target.stage);

  self->dragging = FALSE;
  self->drag_hit.kind = STAPLE_MAP_HIT_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pan_begin_cb (GtkGestureDrag *gesture,
              double          x,
              double          y,
              StapleMapView  *self)
{
  self->pan_h = scroll_x (self);
  self->pan_v = scroll_y (self);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
pan_update_cb (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               StapleMapView  *self)
{
  gtk_adjustment_set_value (self->hadjustment, self->pan_h - dx);
  gtk_adjustment_set_value (self->vadjustment, self->pan_v - dy);
}

static gboolean
query_tooltip_cb (StapleMapView *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip)
{
  g_autofree char *text = NULL;
  StapleMapHit hit;
  double map_x, map_y;

  if (keyboard)
    hit = self->selection;
  else
    {
      to_map (self, x, y, &map_x, &map_y);
      if (!staple_map_layout_hit_test (self->layout, map_x, map_y, &hit))
        return FALSE;
    }

  if (hit.kind == STAPLE_MAP_HIT_CARD)
    {
      StapleFriction *friction = STAPLE_FRICTION (object_at (self, &hit));
      StaplePrinciple principle = staple_friction_get_principle (friction);

      /* Translators: a friction card's tooltip: text, kind, severity, principle */
      text = g_strdup_printf (_("%s\n%s · severity %d of 5 · %s"),
                              staple_friction_get_text (friction),
                              staple_friction_kind_get_label (staple_friction_get_kind (friction)),
                              staple_friction_get_severity (friction),
                              staple_principle_get_label (principle));
    }
  else if (hit.kind == STAPLE_MAP_HIT_STAGE)
    {
      StapleStage *stage = STAPLE_STAGE (object_at (self, &hit));
      const char *notes = staple_stage_get_notes (stage);

      text = *notes != '\0' ? g_strdup_printf ("%s\n%s", staple_stage_get_name (stage), notes)
                            : g_strdup (staple_stage_get_name (stage));
    }
  else if (hit.kind == STAPLE_MAP_HIT_CUSTOMER_POINT || hit.kind == STAPLE_MAP_HIT_STAFF_POINT)
    text = g_strdup (_("Drag up or down, or select and press Shift+↑ or Shift+↓, "
                       "to set how people feel here"));
  else if (hit.kind == STAPLE_MAP_HIT_CARD_LANE)
    text = g_strdup (_("Click to add a friction point here"));

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GObject */

static void
staple_map_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StapleMapView *self = STAPLE_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_VOTER:
      g_value_set_int (value, self->voter);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_map_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StapleMapView *self = STAPLE_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      staple_map_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_VOTER:
      staple_map_view_set_voter (self, g_value_get_int (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_map_view_dispose (GObject *object)
{
  StapleMapView *self = STAPLE_MAP_VIEW (object);

  g_clear_handle_id (&self->relocate_id, g_source_remove);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);
  g_clear_object (&self->layout);
  g_clear_object (&self->selection_object);
  g_clear_object (&self->editing_object);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (staple_map_view_parent_class)->dispose (object);
}

static void
staple_map_view_class_init (StapleMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_map_view_dispose;
  object_class->get_property = staple_map_view_get_property;
  object_class->set_property = staple_map_view_set_property;

  widget_class->snapshot = staple_map_view_snapshot;
  widget_class->measure = staple_map_view_measure;
  widget_class->size_allocate = staple_map_view_size_allocate;
  widget_class->focus = staple_map_view_focus;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOTER] =
    g_param_spec_int ("voter", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * StapleMapView::selection-changed:
   *
   * Another element was selected, or none.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "map.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "staple-map");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
staple_map_view_init (StapleMapView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->voter = -1;
  self->selection.kind = STAPLE_MAP_HIT_NONE;
  self->layout = staple_map_layout_new ();
  g_signal_connect_swapped (self->layout, "changed", G_CALLBACK (layout_changed_cb), self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Journey map"), -1);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 6);
  gtk_text_view_set_bottom_margin (self->text_view, 6);
  gtk_text_view_set_left_margin (self->text_view, 6);
  gtk_text_view_set_right_margin (self->text_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text of the friction point"),
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE, -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (editor_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  self->editor = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->editor), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->editor), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->editor),
                                 GTK_WIDGET (self->text_view));
  gtk_widget_add_css_class (self->editor, "map-editor");
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pan_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  /* The map's palette follows the desktop's light or dark style. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

/**
 * staple_map_view_new:
 *
 * Returns: (transfer floating): a map view showing no session yet
 */
GtkWidget *
staple_map_view_new (void)
{
  return g_object_new (STAPLE_TYPE_MAP_VIEW, NULL);
}
