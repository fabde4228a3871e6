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
#include "staple-templates.h"
#include "staple-map-view-private.h"

#define MIN_ZOOM        0.05
#define MAX_ZOOM        4.0
#define ZOOM_STEP       1.2
#define MARGIN_PX       16  /* kept around an element scrolled into view */

static void staple_map_view_scrollable_init (GtkScrollableInterface *iface);

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

void
_staple_map_view_to_map (StapleMapView *self,
                         double         x,
                         double         y,
                         double        *map_x,
                         double        *map_y)
{
  *map_x = (x + scroll_x (self)) / self->zoom;
  *map_y = (y + scroll_y (self)) / self->zoom;
}

void
_staple_map_view_to_widget (StapleMapView           *self,
                            const cairo_rectangle_t *rect,
                            GtkAllocation           *out)
{
  out->x = (int) floor (rect->x * self->zoom - scroll_x (self));
  out->y = (int) floor (rect->y * self->zoom - scroll_y (self));
  out->width = (int) ceil (rect->width * self->zoom);
  out->height = (int) ceil (rect->height * self->zoom);
}

/* The lanes' names pinned at the left of a map scrolled sideways cover
 * the columns there: a click on them is a click in the margin. */
gboolean
_staple_map_view_in_pinned (StapleMapView *self,
                            double         x)
{
  StapleMapRenderOptions options;

  staple_map_render_options_init (&options);
  options.zoom = self->zoom;
  options.clip_to_visible = TRUE;
  options.pin_lane_labels = TRUE;
  _staple_map_view_to_map (self, 0, 0, &options.visible.x, &options.visible.y);
  return x < staple_map_render_pinned_width (self->layout, &options) * self->zoom;
}

/* Selection */

/* Finds where an object now is on the map. */
gboolean
_staple_map_view_locate (StapleMapView    *self,
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

GObject *
_staple_map_view_object_at (StapleMapView      *self,
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

/* How much of the view's left the lanes' names cover once pinned there,
 * as they are whenever the map is scrolled sideways, in widget pixels. */
static int
pinned_px (StapleMapView *self)
{
  StapleMapRenderOptions options;

  staple_map_render_options_init (&options);
  options.zoom = self->zoom;
  options.clip_to_visible = TRUE;
  options.pin_lane_labels = TRUE;
  options.visible.x = staple_map_layout_get_width (self->layout);
  return (int) ceil (staple_map_render_pinned_width (self->layout, &options) * self->zoom);
}

/* Scrolls only as far as needed to show @rect (in map units), so that the
 * map does not jump about under the arrow keys; never under the lanes'
 * names pinned at the left of a map scrolled sideways. */
void
_staple_map_view_scroll_to (StapleMapView           *self,
                            const cairo_rectangle_t *rect)
{
  GtkAllocation area;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int left;

  if (self->hadjustment == NULL)
    return;

  _staple_map_view_to_widget (self, rect, &area);
  left = MARGIN_PX + pinned_px (self);

  if (area.x < left || area.width + left + MARGIN_PX > width)
    gtk_adjustment_set_value (self->hadjustment, scroll_x (self) + area.x - left);
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
scroll_to_selection (StapleMapView *self)
{
  const StapleMapColumn *column;

  if (self->selection.kind == STAPLE_MAP_HIT_NONE)
    return;

  column = staple_map_layout_get_column (self->layout, self->selection.stage);
  _staple_map_view_scroll_to (self, self->selection.kind == STAPLE_MAP_HIT_CARD
                                    ? &staple_map_layout_get_card (self->layout,
                                                                   self->selection.stage,
                                                                   self->selection.card)->rect
                                    : &column->header);
}

void
_staple_map_view_set_selection (StapleMapView    *self,
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
  _staple_map_view_locate (self, kind, object, &self->selection);
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
      _staple_map_view_set_selection (self, STAPLE_MAP_HIT_NONE, NULL);
      return;
    }

  /* Lanes without an element of their own select their stage. */
  kind = hit->kind;
  if (kind == STAPLE_MAP_HIT_CARD_LANE || kind == STAPLE_MAP_HIT_HANDOFF ||
      kind == STAPLE_MAP_HIT_CAUSES)
    kind = STAPLE_MAP_HIT_STAGE;

  _staple_map_view_set_selection (self, kind, _staple_map_view_object_at (self, hit));
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

/* The map's size at the zoom: what the view measures as its natural size,
 * so that the scrolled window around it decides on its scrollbars as the
 * adjustments will (the two disagreeing made it ask for a new size while it
 * was being laid out, and the page went undrawn for a few frames: "Trying to
 * snapshot AdwViewStack without a current allocation"). */
static int
natural_size (StapleMapView  *self,
              GtkOrientation  orientation)
{
  double size = orientation == GTK_ORIENTATION_HORIZONTAL
                ? staple_map_layout_get_width (self->layout)
                : staple_map_layout_get_height (self->layout);

  return (int) ceil (size * self->zoom);
}

/* Measured again when the map's size at the zoom is no longer what the
 * view said it was. Not from size_allocate (). */
static void
resize_if_grown (StapleMapView *self)
{
  if (natural_size (self, GTK_ORIENTATION_HORIZONTAL) != self->natural_width ||
      natural_size (self, GTK_ORIENTATION_VERTICAL) != self->natural_height)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

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

/* A map wrapped onto rows by Fit goes back to one row: the point
 * (map_x, map_y) moves along with the stage it is in, or the nearest. */
static void
unwrap (StapleMapView *self,
        double        *map_x,
        double        *map_y)
{
  guint n_columns = staple_map_layout_get_n_columns (self->layout);
  guint nearest = 0;
  double best = G_MAXDOUBLE;
  double dx = 0, dy = 0;
  const StapleMapColumn *column;

  for (guint i = 0; i < n_columns; i++)
    {
      const cairo_rectangle_t *r = &staple_map_layout_get_column (self->layout, i)->column;
      double ox = *map_x < r->x ? r->x - *map_x : MAX (0, *map_x - r->x - r->width);
      double oy = *map_y < r->y ? r->y - *map_y : MAX (0, *map_y - r->y - r->height);

      if (ox + oy < best)
        best = ox + oy, nearest = i;
    }

  if (n_columns > 0)
    {
      column = staple_map_layout_get_column (self->layout, nearest);
      dx = *map_x - column->column.x;
      dy = *map_y - column->column.y;
    }

  staple_map_layout_set_columns_per_row (self->layout, 0);
  g_debug ("One row again, stage %u staying put", nearest + 1);

  if (n_columns > 0)
    {
      column = staple_map_layout_get_column (self->layout, nearest);
      *map_x = column->column.x + dx;
      *map_y = column->column.y + dy;
    }
}

/* Zooms keeping the map point under (x, y) in the widget where it is. A
 * map that Fit wrapped onto rows goes back to one, keeping the stage under
 * (x, y) there: rows are for seeing a whole journey, not for reading it up
 * close. */
static void
zoom_at (StapleMapView *self,
         double         zoom,
         double         x,
         double         y)
{
  double map_x, map_y;
  gboolean wrapped = staple_map_layout_get_columns_per_row (self->layout) > 0;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom && !wrapped)
    return;

  /* The selected stage, if in view, is the one that stays put. */
  if (wrapped && self->selection.kind != STAPLE_MAP_HIT_NONE &&
      self->selection.stage < staple_map_layout_get_n_columns (self->layout))
    {
      const StapleMapColumn *column = staple_map_layout_get_column (self->layout,
                                                                    self->selection.stage);
      GtkAllocation area;

      _staple_map_view_to_widget (self, &column->header, &area);
      if (area.x + area.width > 0 && area.x < gtk_widget_get_width (GTK_WIDGET (self)) &&
          area.y + area.height > 0 && area.y < gtk_widget_get_height (GTK_WIDGET (self)))
        {
          x = CLAMP (area.x + area.width / 2.0, 0, gtk_widget_get_width (GTK_WIDGET (self)));
          y = CLAMP (area.y + area.height / 2.0, 0, gtk_widget_get_height (GTK_WIDGET (self)));
        }
    }

  _staple_map_view_to_map (self, x, y, &map_x, &map_y);
  if (wrapped)
    unwrap (self, &map_x, &map_y);
  self->zoom = zoom;
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, map_x * zoom - x);
  gtk_adjustment_set_value (self->vadjustment, map_y * zoom - y);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  resize_if_grown (self);
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
 * Shows the whole map, at most at 100 %, and its cards' text never smaller
 * than can be read: a long journey wraps onto rows of stages, and if even
 * that is too small, the rows fit the view's width and scroll down. See
 * staple_map_layout_fit().
 */
void
staple_map_view_zoom_to_fit (StapleMapView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  StapleMapFit fit;

  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  if (width <= 0 || height <= 0)
    {
      self->fit_on_allocate = TRUE;
      return;
    }

  self->fit_on_allocate = FALSE;
  staple_map_layout_fit (self->layout, width, height, 1.0, &fit);
  staple_map_layout_set_columns_per_row (self->layout, fit.columns_per_row);
  g_debug ("Fit %gx%g: %u rows of %u stages at %.1f %%, a card's line %.1f px, %s",
           width, height, fit.n_rows, fit.columns_per_row, fit.zoom * 100, fit.line_px,
           fit.whole ? "whole" : "scrolling");

  fit.zoom = CLAMP (fit.zoom, MIN_ZOOM, MAX_ZOOM);
  if (fit.zoom != self->zoom)
    {
      self->zoom = fit.zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  configure_adjustments (self);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);
  scroll_to_selection (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  else if (g_str_equal (action_name, "map.zoom-reset"))
    staple_map_view_set_zoom (self, 1.0);
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

/* The empty map: an invitation to add the first stage */

static const char *
empty_description (gboolean for_audience)
{
  return for_audience ? _("The stages the work passes through appear here as they are added.")
                      : _("Lay out the stages the work passes through, in order: press Enter, "
                          "or double-click here, to add one and type its name.");
}

static void
add_stage_clicked_cb (StapleMapView *self)
{
  staple_map_view_add_stage (self);
}

static GtkWidget *
build_empty (StapleMapView *self)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add a Stage"));
  GtkWidget *label = gtk_label_new (_("Or start from a template:"));
  GtkWidget *templates = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "view-grid-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Stages Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), empty_description (FALSE));

  gtk_widget_set_halign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "pill");
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_object (add, "clicked", G_CALLBACK (add_stage_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), add);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  /* The same templates as the session menu's. */
  gtk_widget_set_halign (templates, GTK_ALIGN_CENTER);
  for (guint i = 0; i < staple_templates_get_count (); i++)
    {
      const StapleTemplate *template_ = staple_templates_get (i);
      GtkWidget *button = gtk_button_new_with_label (_(template_->name));

      gtk_widget_set_tooltip_text (button, _(template_->description));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.apply-template");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", template_->id);
      gtk_box_append (GTK_BOX (templates), button);
    }
  gtk_box_append (GTK_BOX (box), templates);

  adw_status_page_set_child (ADW_STATUS_PAGE (page), box);
  self->empty_actions = box;
  gtk_widget_add_css_class (page, "map-empty");
  gtk_widget_set_visible (page, FALSE);
  return page;
}

/**
 * staple_map_view_set_for_audience:
 * @for_audience: %TRUE for the room's screen
 *
 * Makes the view the one the room watches: an empty map tells the room the
 * stages will come, without the buttons the coach adds them with.
 */
void
staple_map_view_set_for_audience (StapleMapView *self,
                                  gboolean       for_audience)
{
  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  self->for_audience = !!for_audience;
  gtk_widget_set_visible (self->empty_actions, !self->for_audience);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   empty_description (self->for_audience));
}

/* Shown while the session has no stage. */
static void
update_empty (StapleMapView *self)
{
  StapleSession *session = staple_map_layout_get_session (self->layout);
  /* A column a stage: counted without measuring the map, which may not
   * be on screen at all (a session opening at another phase). */
  gboolean empty = session != NULL &&
                   g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (session))) == 0;

  if (self->empty == NULL || empty == gtk_widget_get_visible (self->empty))
    return;

  /* A template's button goes with the empty map: the keyboard stays on
   * the map, for the first card. */
  if (!empty && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

      if (focus != NULL && gtk_widget_is_ancestor (focus, self->empty))
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }

  gtk_widget_set_visible (self->empty, empty);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The layout */

/* Where the selection is in the session itself, without bringing the
 * layout up to date: an edit changes the model in many steps (a move
 * renumbers two stages), and measuring the map after each one cost a whole
 * relayout per step on a big map. */
static void
locate_in_model (StapleMapView *self)
{
  StapleSession *session = staple_map_layout_get_session (self->layout);
  GListModel *stages = session != NULL ? G_LIST_MODEL (staple_session_get_stages (session))
                                       : NULL;
  guint n_stages = stages != NULL ? g_list_model_get_n_items (stages) : 0;
  StapleMapHitKind kind = self->selection_kind;

  self->selection = (StapleMapHit) { STAPLE_MAP_HIT_NONE, 0, 0 };
  if (kind == STAPLE_MAP_HIT_NONE || self->selection_object == NULL)
    return;

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      guint j;

      if (kind != STAPLE_MAP_HIT_CARD && G_OBJECT (stage) == self->selection_object)
        {
          self->selection = (StapleMapHit) { kind, i, 0 };
          return;
        }

      if (kind == STAPLE_MAP_HIT_CARD &&
          g_list_store_find (staple_stage_get_frictions (stage), self->selection_object, &j))
        {
          self->selection = (StapleMapHit) { kind, i, j };
          return;
        }
    }
}

static gboolean
relocate_cb (gpointer data)
{
  StapleMapView *self = data;

  self->relocate_id = 0;
  configure_adjustments (self);
  update_empty (self);
  resize_if_grown (self);

  /* The selected element may have moved, or gone. */
  if (self->selection_kind != STAPLE_MAP_HIT_NONE &&
      !_staple_map_view_locate (self, self->selection_kind, self->selection_object,
                                &self->selection))
    _staple_map_view_set_selection (self, STAPLE_MAP_HIT_NONE, NULL);
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

  /* Meanwhile the old indices must not point past the end of a list. The
   * scroll range and the empty map's page wait for the idle too. */
  if (self->selection_kind != STAPLE_MAP_HIT_NONE)
    locate_in_model (self);

  /* Measured again, not only allocated: an edit made from a key press is
   * laid out in the same frame, before the idle above (see natural_size ()).
   * The layout itself is computed once, when measured. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The walk's stage in view, all of it if it fits: on a wrapped map, a
 * row's header alone may be at the view's bottom edge. */
static void
show_whole_stage (StapleMapView *self,
                  guint          index)
{
  const StapleMapColumn *column = staple_map_layout_get_column (self->layout, index);
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (column != NULL && column->column.height * self->zoom + 2 * MARGIN_PX <= height)
    _staple_map_view_scroll_to (self, &column->column);
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
  int index = _staple_map_view_current_stage (self);

  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  if (index >= 0)
    {
      StapleMapHit hit = { STAPLE_MAP_HIT_STAGE, (guint) index, 0 };

      staple_map_view_select (self, &hit);
      show_whole_stage (self, (guint) index);
    }
}

static void
current_stage_changed_cb (StapleMapView *self)
{
  int index = _staple_map_view_current_stage (self);

  /* The walk follows the cursor: select and show its stage. */
  if (index >= 0)
    {
      StapleMapHit hit = { STAPLE_MAP_HIT_STAGE, (guint) index, 0 };

      staple_map_view_select (self, &hit);
      show_whole_stage (self, (guint) index);
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

  _staple_map_view_set_selection (self, STAPLE_MAP_HIT_NONE, NULL);
  gtk_widget_set_visible (self->editor, FALSE);
  if (staple_map_layout_get_session (self->layout) != NULL)
    g_signal_handlers_disconnect_by_data (staple_map_layout_get_session (self->layout), self);
  staple_map_layout_set_session (self->layout, session);
  staple_map_layout_set_columns_per_row (self->layout, 0);
  if (session != NULL)
    g_signal_connect_object (session, "notify::current-stage-id",
                             G_CALLBACK (current_stage_changed_cb), self, G_CONNECT_SWAPPED);
  self->fit_on_allocate = TRUE;
  update_empty (self);
  /* On screen, measured now as when it is shown (see map). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    staple_map_layout_update (self->layout);
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

/* Messages */

static void
toast_dismissed_cb (StapleMapView *self)
{
  g_clear_object (&self->toast);
}

/**
 * _staple_map_view_tell:
 * @message: why a key did nothing, e.g. that there is no stage to type a
 *   card into yet
 *
 * Says it in the toasts of the window the map is in (with the error bell
 * when there are none): nothing typed is dropped without a word. A key
 * held down or typed again tells once, not once a key.
 */
void
_staple_map_view_tell (StapleMapView *self,
                       const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;

  gtk_widget_error_bell (GTK_WIDGET (self));
  if (overlay == NULL)
    return;

  if (self->toast != NULL)
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (self->toast), "staple-message"), message) == 0)
        return;
      adw_toast_dismiss (self->toast);
    }

  /* Toast titles are markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  self->toast = adw_toast_new (escaped);
  g_object_set_data_full (G_OBJECT (self->toast), "staple-message", g_strdup (message), g_free);
  adw_toast_set_timeout (self->toast, 5);
  g_signal_connect_object (self->toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (self->toast));
}

/* Drawing */

/* The walk's current stage, highlighted on the map. */
int
_staple_map_view_current_stage (StapleMapView *self)
{
  StapleSession *session = staple_map_layout_get_session (self->layout);
  guint index;

  if (session == NULL ||
      staple_session_find_stage (session, staple_session_get_current_stage_id (session),
                                 &index) == NULL)
    return -1;

  return (int) index;
}

/* The map, with the cards under the in-place editor moved down out of its
 * way (the renderer draws the layout as it is: twice, clipped, here). */
static void
render_around_editor (StapleMapView          *self,
                      cairo_t                *cr,
                      StapleMapRenderOptions *options)
{
  StapleMapRenderOptions moved = *options;
  cairo_rectangle_t below;
  double shift;

  if (!_staple_map_view_editor_room (self, &below, &shift))
    {
      staple_map_render (self->layout, cr, options);
      return;
    }

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, options->visible.x, options->visible.y, options->visible.width,
                   options->visible.height);
  cairo_rectangle (cr, below.x, below.y, below.width, below.height);
  cairo_clip (cr);
  staple_map_render (self->layout, cr, options);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, below.x, below.y, below.width, below.height);
  cairo_clip (cr);
  cairo_translate (cr, 0, shift);
  moved.visible = (cairo_rectangle_t) { below.x, below.y - shift, below.width, below.height };
  moved.pin_lane_labels = FALSE; /* the band is drawn once, where it is */
  staple_map_render (self->layout, cr, &moved);
  cairo_restore (cr);
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
  _staple_map_view_to_map (self, 0, 0, &options.visible.x, &options.visible.y);
  options.visible.width = width / self->zoom;
  options.visible.height = height / self->zoom;
  options.selection = self->selection;
  options.current_stage = _staple_map_view_current_stage (self);
  options.cache_cards = TRUE;
  options.pin_lane_labels = TRUE;
  options.pixel_scale = gtk_widget_get_scale_factor (widget);
  options.show_focus = gtk_widget_has_focus (widget) && GTK_IS_WINDOW (root) &&
                       gtk_window_get_focus_visible (GTK_WINDOW (root));

  /* An empty map is its invitation to add a stage, not empty lanes. */
  if (gtk_widget_get_visible (self->empty))
    {
      gtk_widget_snapshot_child (widget, self->empty, snapshot);
      if (gtk_widget_get_visible (self->editor))
        gtk_widget_snapshot_child (widget, self->editor, snapshot);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, -scroll_x (self), -scroll_y (self));
  cairo_scale (cr, self->zoom, self->zoom);
  render_around_editor (self, cr, &options);

  /* While dragging a card: where it would go, and the card under the pointer. */
  if (self->dragging && self->drag_hit.kind == STAPLE_MAP_HIT_CARD)
    {
      const StapleMapCard *card = staple_map_layout_get_card (self->layout, self->drag_hit.stage,
                                                              self->drag_hit.card);
      double map_x, map_y;

      _staple_map_view_to_map (self, self->drag_x, self->drag_y, &map_x, &map_y);
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
  if (gtk_widget_get_visible (self->empty))
    {
      int empty_min = 0;

      gtk_widget_measure (self->empty, orientation, -1, &empty_min, NULL, NULL, NULL);
      entry_min = MAX (entry_min, empty_min);
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    self->natural_width = natural_size (self, orientation);
  else
    self->natural_height = natural_size (self, orientation);
  *minimum = MAX (entry_min, 100);
  *natural = MAX (*minimum, orientation == GTK_ORIENTATION_HORIZONTAL ? self->natural_width
                                                                      : self->natural_height);
}

static void
staple_map_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  StapleMapView *self = STAPLE_MAP_VIEW (widget);

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
      /* Its size at the new zoom is measured after this allocation. */
      if (self->relocate_id == 0)
        self->relocate_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relocate_cb, self, NULL);
    }

  configure_adjustments (self);

  if (gtk_widget_get_visible (self->empty))
    gtk_widget_size_allocate (self->empty, &(GtkAllocation) { 0, 0, width, height }, -1);

  _staple_map_view_allocate_editor (self);

  /* The principle picker follows its card as the map moves. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

/* Shown on its page: mapped, and the visible page of every stack around
 * it (a stack keeps the page it leaves mapped while it fades out). */
static gboolean
is_shown (StapleMapView *self)
{
  GtkWidget *child = GTK_WIDGET (self);

  if (!gtk_widget_get_mapped (child))
    return FALSE;

  for (GtkWidget *parent = gtk_widget_get_parent (child); parent != NULL;
       child = parent, parent = gtk_widget_get_parent (parent))
    {
      if (GTK_IS_STACK (parent) && gtk_stack_get_visible_child (GTK_STACK (parent)) != child)
        return FALSE;
      if (ADW_IS_VIEW_STACK (parent) &&
          adw_view_stack_get_visible_child (ADW_VIEW_STACK (parent)) != child)
        return FALSE;
    }

  return TRUE;
}

/* A phase that works on the map gives it the keyboard, so that what the
 * coach types next goes to the map, not to the button that was last
 * clicked or to a side panel that has just gone. */
static void
take_focus (StapleMapView *self)
{
  if (is_shown (self) && !gtk_widget_has_focus (GTK_WIDGET (self)) &&
      !gtk_widget_get_visible (self->editor))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
take_focus_cb (gpointer data)
{
  StapleMapView *self = data;

  self->focus_id = 0;
  take_focus (self);
  return G_SOURCE_REMOVE;
}

/* Shown another way (the Map of Map and List): once the stack around it
 * has moved the focus, as stacks do when they change pages. */
static void
staple_map_view_map (GtkWidget *widget)
{
  StapleMapView *self = STAPLE_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (staple_map_view_parent_class)->map (widget);
  /* Measured now, before the frame that shows it, not by that frame's
   * layout or drawing: a map that is not shown (a session opening on
   * another phase) is not measured at all. */
  staple_map_layout_update (self->layout);
  if (self->focus_id == 0)
    self->focus_id = g_idle_add (take_focus_cb, self);
}

/**
 * staple_map_view_set_mode:
 *
 * Chooses what keys do on the map, by phase of the workshop. Call it as
 * the phase is shown: a map in view takes the keyboard.
 */
void
staple_map_view_set_mode (StapleMapView *self,
                          StapleMapMode  mode)
{
  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  /* Set as a phase is shown, its pages already in place: the keys typed
   * next, already on their way, must find the map. */
  self->mode = mode;
  take_focus (self);
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
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_handle_id (&self->focus_id, g_source_remove);
  g_clear_handle_id (&self->editor_idle_id, g_source_remove);
  g_clear_handle_id (&self->font_idle_id, g_source_remove);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->empty, gtk_widget_unparent);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);
  g_clear_object (&self->layout);
  g_clear_object (&self->selection_object);
  g_clear_object (&self->editing_object);
  g_clear_object (&self->editor_style);
  g_clear_pointer (&self->editor_css, g_free);
  if (self->toast != NULL)
    g_signal_handlers_disconnect_by_data (self->toast, self);
  g_clear_object (&self->toast);
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
  widget_class->map = staple_map_view_map;
  widget_class->size_allocate = staple_map_view_size_allocate;
  widget_class->focus = _staple_map_view_focus;

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
  gtk_widget_class_install_action (widget_class, "map.zoom-reset", NULL, zoom_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "map.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1, GDK_CONTROL_MASK,
                                       "map.zoom-reset", NULL);

  gtk_widget_class_set_css_name (widget_class, "staple-map");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
staple_map_view_init (StapleMapView *self)
{
  GtkEventController *controller;

  self->zoom = 1.0;
  self->voter = -1;
  /* The scrolled window judges its scrollbars by the natural size. */
  self->hscroll_policy = GTK_SCROLL_NATURAL;
  self->vscroll_policy = GTK_SCROLL_NATURAL;
  self->selection.kind = STAPLE_MAP_HIT_NONE;
  self->layout = staple_map_layout_new ();
  g_signal_connect_swapped (self->layout, "changed", G_CALLBACK (layout_changed_cb), self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Journey map"), -1);

  self->empty = build_empty (self);
  gtk_widget_set_parent (self->empty, GTK_WIDGET (self));
  _staple_map_view_init_editor (self);
  _staple_map_view_init_input (self);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

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

