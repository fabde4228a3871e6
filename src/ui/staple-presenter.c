/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-presenter.c: the audience's view for the projector.
 *
 * One drawing, staple_audience_draw(), of what the room should see in the
 * session's phase, with the phase's clock: no editors, no selection, no
 * chrome. The coach works in the main window; this window follows it. With a
 * second monitor it goes full screen there; with one it opens as a window the
 * coach can move and put full screen with F11. The arrow keys, Page Up and
 * Page Down (what a clicker sends) page through a phase too long for one
 * screen, and in Walk go on to the next stage after the last page.
 */
#define G_LOG_DOMAIN "staple-presenter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "staple-audience.h"
#include "staple-presenter-screen.h"
#include "staple-presenter.h"
#include "staple-qr.h"

struct _StaplePresenter
{
  GtkWindow       parent_instance;

  GtkWindow      *owner;
  StapleEditor   *editor;
  StapleTimer    *timer;
  GtkDrawingArea *area;

  StaplePhase     phase;
  gint64          stage_id;   /* the walk's stage when the page was chosen */
  guint           page;
  guint           n_pages;    /* as last drawn */
  gboolean        land_on_last; /* stepping back into the stage before: its last page */

  /* The friction points of the walk's stage, to show the room the one just
   * added even when it is on a later page. */
  gint64          known_stage_id;
  GArray         *known_frictions;  /* gint64 */
  gint64          focus_friction;

  /* The room's code, while phones may join (see room_code()) */
  char           *room_url;
  StapleQr       *room_qr;
};

G_DEFINE_FINAL_TYPE (StaplePresenter, staple_presenter, GTK_TYPE_WINDOW)

static StapleSession *
session_of (StaplePresenter *self)
{
  return self->editor != NULL ? staple_editor_get_session (self->editor) : NULL;
}

static int
current_stage_index (StapleSession *session)
{
  guint index = 0;

  if (session == NULL ||
      staple_session_find_stage (session, staple_session_get_current_stage_id (session),
                                 &index) == NULL)
    return -1;
  return (int) index;
}

static gboolean
votes_hidden (StaplePresenter *self)
{
  g_autoptr(GVariant) state = NULL;

  if (self->owner == NULL)
    return FALSE;

  state = g_action_group_get_action_state (G_ACTION_GROUP (self->owner), "hide-votes");
  return state != NULL && g_variant_is_of_type (state, G_VARIANT_TYPE_BOOLEAN) &&
         g_variant_get_boolean (state);
}

/* The address of the room's code when the room should see it: while the
 * room is open (the owner's `room` state), in the Frame, and whenever the
 * coach shows it (`room-show-code`: the coach's room dialog is open). */
static StapleQr *
room_code (StaplePresenter *self)
{
  g_autoptr(GVariant) url = NULL;
  g_autoptr(GVariant) shown = NULL;
  const char *text;

  if (self->owner == NULL)
    return NULL;

  url = g_action_group_get_action_state (G_ACTION_GROUP (self->owner), "room");
  shown = g_action_group_get_action_state (G_ACTION_GROUP (self->owner), "room-show-code");
  text = url != NULL && g_variant_is_of_type (url, G_VARIANT_TYPE_STRING)
         ? g_variant_get_string (url, NULL) : "";
  if (*text == '\0' ||
      (self->phase != STAPLE_PHASE_FRAME &&
       !(shown != NULL && g_variant_is_of_type (shown, G_VARIANT_TYPE_BOOLEAN) &&
         g_variant_get_boolean (shown))))
    return NULL;

  if (g_strcmp0 (self->room_url, text) != 0)
    {
      g_free (self->room_url);
      self->room_url = g_strdup (text);
      g_clear_pointer (&self->room_qr, staple_qr_free);
      self->room_qr = staple_qr_new (text, NULL);
    }
  return self->room_qr;
}

/* The address on two lines: the host and its port, then the key. */
static char *
split_address (const char *url)
{
  const char *slash = strchr (url, '/');

  /* "http://", then the host's "/" */
  if (slash != NULL && slash[1] == '/' && (slash = strchr (slash + 2, '/')) != NULL)
    return g_strdup_printf ("%.*s\n%s", (int) (slash + 1 - url), url, slash + 1);
  return g_strdup (url);
}

static PangoLayout *
code_layout (cairo_t    *cr,
             const char *family,
             double      size_px,
             PangoWeight weight,
             double      width,
             const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (family);

  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The code at the right of the screen, as large as it may be beside what
 * the room sees, the address under it for those who type it; returns the
 * width it takes. */
static int
draw_room_code (StaplePresenter *self,
                StapleQr        *qr,
                cairo_t         *cr,
                int              width,
                int              height,
                gboolean         dark)
{
  int panel = (int) MIN (height * 0.72, width * 0.45);
  double margin = panel * 0.06;
  double x = width - panel;
  double size, top;
  g_autofree char *address = split_address (self->room_url);
  g_autoptr(PangoLayout) heading = code_layout (cr, "Cantarell, sans", MAX (height / 22.0, 12),
                                                PANGO_WEIGHT_BOLD, panel - 2 * margin,
                                                _("Join from your phone"));
  g_autoptr(PangoLayout) text = code_layout (cr, "monospace", MAX (height / 36.0, 10),
                                             PANGO_WEIGHT_NORMAL, panel - margin, address);
  g_autoptr(GVariant) phones = self->owner != NULL
    ? g_action_group_get_action_state (G_ACTION_GROUP (self->owner), "room-phones") : NULL;
  guint n_phones = phones != NULL && g_variant_is_of_type (phones, G_VARIANT_TYPE_UINT32)
                   ? g_variant_get_uint32 (phones) : 0;
  g_autofree char *joined = g_strdup_printf (ngettext ("%u phone has joined",
                                                       "%u phones have joined", n_phones),
                                             n_phones);
  g_autoptr(PangoLayout) count = code_layout (cr, "Cantarell, sans", MAX (height / 36.0, 10),
                                              PANGO_WEIGHT_NORMAL, panel - margin, joined);
  int heading_height, text_height, count_height;

  pango_layout_get_pixel_size (heading, NULL, &heading_height);
  pango_layout_get_pixel_size (text, NULL, &text_height);
  pango_layout_get_pixel_size (count, NULL, &count_height);
  text_height += count_height + margin / 2;
  size = MIN (panel - 2 * margin, height - 2 * margin - heading_height - text_height);
  top = MAX ((height - heading_height - size - text_height) / 2, 0);

  cairo_save (cr);
  if (dark)
    cairo_set_source_rgb (cr, 0.19, 0.19, 0.19);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, 0, panel, height);
  cairo_fill (cr);

  if (dark)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgb (cr, 0.10, 0.09, 0.13);
  cairo_move_to (cr, x + margin, top);
  pango_cairo_show_layout (cr, heading);
  /* The code's own quiet zone keeps it clear of the heading and address. */
  staple_qr_draw (qr, cr, x + (panel - size) / 2, top + heading_height, size);
  cairo_move_to (cr, x + margin / 2, top + heading_height + size);
  pango_cairo_show_layout (cr, text);
  if (n_phones > 0)
    {
      if (dark)
        cairo_set_source_rgb (cr, 0.78, 0.78, 0.78);
      else
        cairo_set_source_rgb (cr, 0.33, 0.32, 0.36);
      cairo_move_to (cr, x + margin / 2, top + heading_height + size + text_height - count_height);
      pango_cairo_show_layout (cr, count);
    }
  cairo_restore (cr);

  return panel;
}

/* Where a phase opens: the Map on the page with the walk's stage, the
 * others at their start. */
static guint
first_page (StaplePresenter *self)
{
  int current = current_stage_index (session_of (self));

  /* The renderer knows how many stages a page holds. */
  if (self->phase == STAPLE_PHASE_MAP && current > 0)
    return STAPLE_AUDIENCE_PAGE_OF_CURRENT_STAGE;
  return 0;
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  StaplePresenter *self = user_data;
  StapleSession *session = session_of (self);
  g_autofree char *clock = self->timer != NULL ? staple_timer_format (self->timer) : NULL;
  StapleAudienceOptions options;
  StapleAudienceStats stats = { 0 };
  StapleQr *qr = room_code (self);

  /* A new stage of the walk starts on its first page (on its last when the
   * coach stepped back into it); on the Map, the page it is on. */
  if (session != NULL && staple_session_get_current_stage_id (session) != self->stage_id)
    {
      self->stage_id = staple_session_get_current_stage_id (session);
      self->page = self->land_on_last ? G_MAXUINT : first_page (self);
      self->focus_friction = 0;
    }
  self->land_on_last = FALSE;

  staple_audience_options_init (&options);
  options.session = session;
  options.phase = self->phase;
  options.current_stage = current_stage_index (session);
  options.page = self->page;
  options.hide_votes = votes_hidden (self);
  options.focus_friction = self->phase == STAPLE_PHASE_WALK ? self->focus_friction : 0;
  options.timer = clock;
  options.timer_expired = self->timer != NULL && staple_timer_get_expired (self->timer);
  options.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  if (qr != NULL)
    width -= draw_room_code (self, qr, cr, width, height, options.dark);
  staple_audience_draw (cr, width, height, &options, &stats);

  self->n_pages = stats.n_pages;
  self->page = stats.page;
}

static void
redraw (StaplePresenter *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

/* After every edit: a friction point that has just appeared on the walk's
 * stage is the one the room must see, on whichever page it falls. */
static void
edited_cb (StaplePresenter *self)
{
  StapleSession *session = session_of (self);
  gint64 stage_id = session != NULL ? staple_session_get_current_stage_id (session) : 0;
  StapleStage *stage = session != NULL ? staple_session_find_stage (session, stage_id, NULL)
                                       : NULL;
  GListModel *frictions = stage != NULL ? G_LIST_MODEL (staple_stage_get_frictions (stage))
                                        : NULL;
  guint n = frictions != NULL ? g_list_model_get_n_items (frictions) : 0;
  gboolean same_stage = stage_id == self->known_stage_id;
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);
      gint64 id = staple_friction_get_id (friction);
      gboolean known = FALSE;

      for (guint j = 0; j < self->known_frictions->len && !known; j++)
        known = g_array_index (self->known_frictions, gint64, j) == id;
      if (same_stage && !known)
        self->focus_friction = id;
      g_array_append_val (ids, id);
    }

  g_array_set_size (self->known_frictions, 0);
  g_array_append_vals (self->known_frictions, ids->data, ids->len);
  self->known_stage_id = stage_id;
  redraw (self);
}

/**
 * staple_presenter_set_phase:
 *
 * Shows the phase the room is in, from its first page.
 */
void
staple_presenter_set_phase (StaplePresenter *self,
                            StaplePhase      phase)
{
  g_return_if_fail (STAPLE_IS_PRESENTER (self));

  self->phase = phase;
  self->page = first_page (self);
  redraw (self);
}

/**
 * staple_presenter_set_editor:
 * @editor: the editor of the session the coach has open now
 *
 * Follows the coach to another session, in the phase it is in.
 */
void
staple_presenter_set_editor (StaplePresenter *self,
                             StapleEditor    *editor)
{
  StapleSession *session;

  g_return_if_fail (STAPLE_IS_PRESENTER (self));
  g_return_if_fail (STAPLE_IS_EDITOR (editor));

  if (self->editor == editor)
    return;

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_set_object (&self->editor, editor);
  g_signal_connect_object (editor, "changed", G_CALLBACK (edited_cb), self, G_CONNECT_SWAPPED);
  self->known_stage_id = -1;
  self->focus_friction = 0;

  session = staple_editor_get_session (editor);
  self->phase = session != NULL ? staple_session_get_phase (session) : STAPLE_PHASE_FRAME;
  self->stage_id = session != NULL ? staple_session_get_current_stage_id (session) : 0;
  self->page = first_page (self);
  edited_cb (self);
}

/* The projector: see staple_presenter_pick_monitor(). */
static GdkMonitor *
audience_monitor (StaplePresenter *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->owner));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->owner));
  GdkMonitor *coach = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface)
                                      : NULL;
  guint n = g_list_model_get_n_items (monitors);
  g_autofree cairo_rectangle_int_t *geometries = g_new0 (cairo_rectangle_int_t, MAX (n, 1));
  int coach_index = -1;
  int picked;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      geometries[i] = geometry;
      if (monitor == coach)
        coach_index = (int) i;
    }

  picked = staple_presenter_pick_monitor (geometries, n, coach_index);
  g_debug ("%u monitors, the coach on %d, the room on %d", n, coach_index, picked);
  return picked >= 0 ? g_list_model_get_item (monitors, (guint) picked) : NULL;
}

/**
 * staple_presenter_show:
 *
 * Goes full screen on the projector when there is one; opens as a window
 * otherwise, which the coach can move, resize or put full screen (F11).
 */
void
staple_presenter_show (StaplePresenter *self)
{
  g_autoptr(GdkMonitor) monitor = NULL;

  g_return_if_fail (STAPLE_IS_PRESENTER (self));

  monitor = audience_monitor (self);
  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->area));

  /* On its own screen the room's view needs no keyboard: the coach goes on
   * typing in the window they were in. */
  if (monitor != NULL && self->owner != NULL)
    gtk_window_present (self->owner);
}

static void
activate_owner (StaplePresenter *self,
                const char      *name)
{
  if (self->owner != NULL &&
      g_action_group_get_action_enabled (G_ACTION_GROUP (self->owner), name))
    g_action_group_activate_action (G_ACTION_GROUP (self->owner), name, NULL);
}

/**
 * staple_presenter_step_page:
 * @direction: 1 for the next page, -1 for the page before
 *
 * Shows the room the next or the previous page of what it sees, when there
 * is one.
 *
 * Returns: %TRUE if the page changed; %FALSE at the first or last page
 */
gboolean
staple_presenter_step_page (StaplePresenter *self,
                            int              direction)
{
  g_return_val_if_fail (STAPLE_IS_PRESENTER (self), FALSE);

  /* The coach moves on from the page that was shown. */
  self->focus_friction = 0;

  if (direction > 0 && self->page + 1 < self->n_pages)
    self->page++;
  else if (direction < 0 && self->page > 0)
    self->page--;
  else
    return FALSE;

  redraw (self);
  return TRUE;
}

/**
 * staple_presenter_land_on_last_page:
 *
 * The walk is about to step back into the stage before: show its last page,
 * where the room left it.
 */
void
staple_presenter_land_on_last_page (StaplePresenter *self)
{
  g_return_if_fail (STAPLE_IS_PRESENTER (self));

  self->land_on_last = TRUE;
}

/* Forward: the next page; in Walk, after the stage's last page, the next
 * stage. Back: the same the other way. */
static void
step (StaplePresenter *self,
      int              direction)
{
  if (staple_presenter_step_page (self, direction) || self->phase != STAPLE_PHASE_WALK)
    return;

  activate_owner (self, direction > 0 ? "walk-forward" : "walk-back");
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                StaplePresenter       *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
    case GDK_KEY_F5:
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;

    case GDK_KEY_F11:
      if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
        gtk_window_unfullscreen (GTK_WINDOW (self));
      else
        gtk_window_fullscreen (GTK_WINDOW (self));
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
      step (self, 1);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_BackSpace:
      step (self, -1);
      return TRUE;

    case GDK_KEY_Home:
      self->focus_friction = 0;
      self->page = 0;
      redraw (self);
      return TRUE;

    case GDK_KEY_End:
      self->focus_friction = 0;
      self->page = self->n_pages > 0 ? self->n_pages - 1 : 0;
      redraw (self);
      return TRUE;

    default:
      /* Nothing typed here edits anything: the room's screen only shows. */
      return FALSE;
    }
}

static void
staple_presenter_dispose (GObject *object)
{
  StaplePresenter *self = STAPLE_PRESENTER (object);

  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  if (self->owner != NULL)
    g_signal_handlers_disconnect_by_data (self->owner, self);
  g_clear_object (&self->timer);
  g_clear_object (&self->editor);
  g_clear_weak_pointer (&self->owner);
  g_clear_pointer (&self->known_frictions, g_array_unref);
  g_clear_pointer (&self->room_qr, staple_qr_free);
  g_clear_pointer (&self->room_url, g_free);

  G_OBJECT_CLASS (staple_presenter_parent_class)->dispose (object);
}

static void
staple_presenter_class_init (StaplePresenterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = staple_presenter_dispose;
}

static void
staple_presenter_init (StaplePresenter *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->known_frictions = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_title (GTK_WINDOW (self), _("Staple — Presenter"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  gtk_widget_add_css_class (GTK_WIDGET (self), "presenter");

  self->area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self->area), TRUE);
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->area));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (redraw), self, G_CONNECT_SWAPPED);
}

/**
 * staple_presenter_new:
 * @owner: the coach's #StapleWindow, whose walk and choices it follows
 * @editor: the open session's editor
 * @timer: the phase's timebox
 *
 * Returns: (transfer floating): the audience window, not shown yet
 */
GtkWidget *
staple_presenter_new (gpointer      owner,
                      StapleEditor *editor,
                      StapleTimer  *timer)
{
  StaplePresenter *self;

  g_return_val_if_fail (GTK_IS_APPLICATION_WINDOW (owner), NULL);
  g_return_val_if_fail (STAPLE_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (STAPLE_IS_TIMER (timer), NULL);

  self = g_object_new (STAPLE_TYPE_PRESENTER,
                       "application", gtk_window_get_application (GTK_WINDOW (owner)),
                       NULL);
  g_set_weak_pointer (&self->owner, GTK_WINDOW (owner));
  self->timer = g_object_ref (timer);
  /* The window's shortcuts (Alt+3 for the Walk, Ctrl+Z…) work from here
   * too, on the coach's window: the room's screen only shows. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "win", G_ACTION_GROUP (owner));
  staple_presenter_set_editor (self, editor);

  /* Every edit (above), the clock's every second, and the coach's choice to
   * hide the votes. */
  g_signal_connect_object (timer, "notify", G_CALLBACK (redraw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (owner, "action-state-changed::hide-votes", G_CALLBACK (redraw),
                           self, G_CONNECT_SWAPPED);
  /* The room's code: its address, the coach showing it, the phones in. */
  g_signal_connect_object (owner, "action-state-changed::room", G_CALLBACK (redraw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (owner, "action-state-changed::room-show-code", G_CALLBACK (redraw),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (owner, "action-state-changed::room-phones", G_CALLBACK (redraw),
                           self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
