/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-view-editor.c: the map's in-place editor.
 *
 * A text view over the card or stage name it edits, or where a new card
 * will go; what is typed is kept as a draft until Enter or Escape. */
#define G_LOG_DOMAIN "staple-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "staple-map-view-private.h"

#define EDITOR_LINES      6   /* the in-place editor grows to this many lines, then scrolls */
#define EDITOR_MIN_FONT_PX 10.0 /* and its text is never smaller, however far out the map is */
#define NEW_CARD_HEIGHT   56.0  /* map units: the editor of a new card, before it grows */
#define MEASURED_CHARS  2000    /* more than EDITOR_LINES lines of text, however wide */
#define SCROLLBAR_PX       8    /* kept for the scrollbar of a longer text */

/* As the map's layout draws them (staple-map-layout.c): */
#define CARD_WIDTH       208.0  /* map units */
#define CARD_GAP          10.0
#define COLUMN_PAD        12.0
#define CARD_POINTS       10.0  /* a card's text */
#define STAGE_POINTS      12.0  /* a stage's name, in bold */
#define LONG_WORD      200  /* characters: longer words wrap anywhere, as Pango takes
                             * seconds to find word breaks in them */

/* The inline editor */

/* Where the card or stage being edited now is; a new card's, its stage. */
static gboolean
locate_edited (StapleMapView *self,
               StapleMapHit  *where)
{
  return _staple_map_view_locate (self, self->editing.kind == STAPLE_MAP_HIT_CARD
                                        ? STAPLE_MAP_HIT_CARD : STAPLE_MAP_HIT_STAGE,
                                  self->editing_object, where);
}

/* Where the editor goes, in map units: over the whole card or header it
 * edits, or where a new card will appear, as wide as a card. */
static gboolean
editor_rect (StapleMapView     *self,
             cairo_rectangle_t *rect)
{
  double card_width = CARD_WIDTH * staple_map_layout_get_text_scale (self->layout);
  const StapleMapColumn *column;
  StapleMapHit where;
  double lane_y;

  if (self->editing.kind == STAPLE_MAP_HIT_CARD_LANE)
    {
      if (!_staple_map_view_locate (self, STAPLE_MAP_HIT_STAGE, self->editing_object, &where))
        return FALSE;
      column = staple_map_layout_get_column (self->layout, where.stage);
      staple_map_layout_get_row_lane (self->layout, column->row, STAPLE_MAP_LANE_CARDS, &lane_y,
                                      NULL);
      *rect = (cairo_rectangle_t) { column->column.x + COLUMN_PAD, lane_y + CARD_GAP,
                                    card_width, NEW_CARD_HEIGHT };

      /* Over the card it goes before, or below the last one. */
      if (self->editing.card < column->cards->len)
        {
          const StapleMapCard *next = &g_array_index (column->cards, StapleMapCard,
                                                      self->editing.card);

          rect->x = next->rect.x;
          rect->y = next->rect.y;
          rect->width = next->rect.width;
        }
      else if (column->cards->len > 0)
        {
          const StapleMapCard *last = &g_array_index (column->cards, StapleMapCard,
                                                      column->cards->len - 1);

          rect->x = last->rect.x;
          rect->y = last->rect.y + last->rect.height + CARD_GAP;
          rect->width = last->rect.width;
        }
      return TRUE;
    }

  if (!_staple_map_view_locate (self, self->editing.kind, self->editing_object, &where))
    return FALSE;

  if (where.kind == STAPLE_MAP_HIT_CARD)
    *rect = staple_map_layout_get_card (self->layout, where.stage, where.card)->rect;
  else
    *rect = staple_map_layout_get_column (self->layout, where.stage)->header;

  return TRUE;
}

/**
 * _staple_map_view_editor_room:
 * @below: (out): the part of the card lane, under the editor's stack of
 *   cards, that moves down to make room for it, in map units
 * @shift: (out): how far it moves
 *
 * A new card's editor goes in between the cards, and an editor grows past
 * the card it edits: the cards below move down out of its way, so that it
 * never sits over them.
 *
 * Returns: whether anything moves
 */
gboolean
_staple_map_view_editor_room (StapleMapView     *self,
                              cairo_rectangle_t *below,
                              double            *shift)
{
  const StapleMapColumn *column;
  cairo_rectangle_t rect;
  StapleMapHit where;
  double height, top, lane_y, lane_height;

  if (!gtk_widget_get_visible (self->editor) || self->editing.kind == STAPLE_MAP_HIT_STAGE ||
      !locate_edited (self, &where) || !editor_rect (self, &rect))
    return FALSE;

  column = staple_map_layout_get_column (self->layout, where.stage);
  height = gtk_widget_get_height (self->editor) / self->zoom;
  if (self->editing.kind == STAPLE_MAP_HIT_CARD_LANE)
    {
      if (self->editing.card >= column->cards->len)
        return FALSE;
      top = rect.y - CARD_GAP / 2;
      *shift = height + CARD_GAP;
    }
  else
    {
      if (height <= rect.height)
        return FALSE;
      top = rect.y + rect.height;
      *shift = height - rect.height;
    }

  staple_map_layout_get_row_lane (self->layout, column->row, STAPLE_MAP_LANE_CARDS, &lane_y,
                                  &lane_height);
  *below = (cairo_rectangle_t) { rect.x - COLUMN_PAD / 2, top, rect.width + COLUMN_PAD,
                                 lane_y + lane_height - top };
  return below->height > 0;
}

/* The editor's text is the size of the text it edits on the map at this
 * zoom, never smaller than can be read. */
static void
update_font (StapleMapView *self)
{
  gboolean stage = self->editing.kind == STAPLE_MAP_HIT_STAGE;
  double points = stage ? STAGE_POINTS : CARD_POINTS;
  double px = points * 96.0 / 72.0 * staple_map_layout_get_text_scale (self->layout) * self->zoom;
  g_autofree char *css = NULL;
  char size[G_ASCII_DTOSTR_BUF_SIZE];

  px = MAX (px, EDITOR_MIN_FONT_PX);
  g_ascii_formatd (size, sizeof size, "%.1f", px);
  css = g_strdup_printf ("textview { font-size: %spx; font-weight: %s; }", size,
                         stage ? "bold" : "normal");
  if (g_strcmp0 (css, self->editor_css) == 0)
    return;

  g_free (self->editor_css);
  self->editor_css = g_steal_pointer (&css);
  gtk_css_provider_load_from_data (self->editor_style, self->editor_css, -1);
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

  if (target == NULL || !locate_edited (self, &where))
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

void
_staple_map_view_stop_editing (StapleMapView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL &&
                       (focus == self->editor || gtk_widget_is_ancestor (focus, self->editor));

  self->editing.kind = STAPLE_MAP_HIT_NONE;
  self->new_stage = FALSE;
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
  cairo_rectangle_t rect;

  self->editing = *what;
  g_set_object (&self->editing_object, object);
  update_font (self);

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

  /* A new card's editor, below a stage's last card, may be below the view,
   * as a wrapped map's rows are: it comes into view. */
  if (editor_rect (self, &rect))
    _staple_map_view_scroll_to (self, &rect);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  /* All of it selected, to type over, from its start, to read. */
  if (select_all)
    gtk_text_buffer_select_range (buffer, &start, &end);
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

  object = _staple_map_view_object_at (self, &where);
  if (object == NULL)
    return;

  _staple_map_view_set_selection (self, STAPLE_MAP_HIT_STAGE, object);
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

  /* A card's sentence opens with the cursor at its end, to be added to or
   * put right: one key must not replace what the room said. A stage's
   * name is selected, to be renamed. */
  if (self->selection.kind == STAPLE_MAP_HIT_CARD)
    start_editing (self, &self->selection, self->selection_object,
                   staple_friction_get_text (STAPLE_FRICTION (self->selection_object)), FALSE);
  else if (self->selection.kind == STAPLE_MAP_HIT_STAGE)
    start_editing (self, &self->selection, self->selection_object,
                   staple_stage_get_name (STAPLE_STAGE (self->selection_object)), TRUE);
}

/**
 * staple_map_view_add_stage:
 *
 * Adds a stage at the end of the map and opens its name, all selected, to
 * type over; Escape takes the stage away again.
 */
void
staple_map_view_add_stage (StapleMapView *self)
{
  StapleSession *session;
  GListModel *stages;
  guint n_before;
  StapleMapHit hit;

  g_return_if_fail (STAPLE_IS_MAP_VIEW (self));

  session = staple_map_layout_get_session (self->layout);
  if (session == NULL)
    return;

  if (gtk_widget_get_visible (self->editor))
    _staple_map_view_commit_editor (self);

  stages = G_LIST_MODEL (staple_session_get_stages (session));
  n_before = g_list_model_get_n_items (stages);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-stage", "s", _("New stage"));
  if (g_list_model_get_n_items (stages) <= n_before)
    return;

  hit = (StapleMapHit) { STAPLE_MAP_HIT_STAGE, n_before, 0 };
  staple_map_view_select (self, &hit);
  staple_map_view_edit_selection (self);
  self->new_stage = self->editing.kind == STAPLE_MAP_HIT_STAGE;
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

  object = _staple_map_view_object_at (self, &where);
  if (object == NULL)
    return;

  if (where.kind == STAPLE_MAP_HIT_CARD_LANE)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (self->layout, stage);

      where.card = MIN (where.card, column->cards->len);
      _staple_map_view_set_selection (self, STAPLE_MAP_HIT_STAGE, object);
    }
  else
    _staple_map_view_set_selection (self, where.kind, object);

  start_editing (self, &where, object, text, FALSE);
}

void
_staple_map_view_commit_editor (StapleMapView *self)
{
  g_autofree char *typed = editor_text (self);
  g_autofree char *text = g_strdup (g_strstrip (typed));
  g_autoptr(GObject) object = self->editing_object != NULL ? g_object_ref (self->editing_object)
                                                           : NULL;
  StapleMapHit where;
  StapleMapHit editing = self->editing;

  if (object == NULL || !locate_edited (self, &where))
    {
      _staple_map_view_stop_editing (self);
      return;
    }

  /* An empty text is nothing to add, and no text for a card or stage. */
  if (*text == '\0')
    {
      if (editing.kind != STAPLE_MAP_HIT_CARD_LANE)
        gtk_widget_error_bell (GTK_WIDGET (self));
      if (editing.kind == STAPLE_MAP_HIT_CARD_LANE)
        {
          _staple_map_view_stop_editing (self);
          clear_draft (self);
        }
      return;
    }

  _staple_map_view_stop_editing (self);
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

          _staple_map_view_set_selection (self, STAPLE_MAP_HIT_CARD, added);
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
      gboolean new_stage = self->new_stage && self->editing.kind == STAPLE_MAP_HIT_STAGE;
      StapleMapHit where;

      /* A stage just added for its name goes again without one. */
      if (new_stage && _staple_map_view_locate (self, STAPLE_MAP_HIT_STAGE,
                                                self->editing_object, &where))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-stage", "i",
                                    (int) where.stage);
      _staple_map_view_stop_editing (self);
      clear_draft (self);
      return TRUE;
    }

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK) == 0)
    {
      _staple_map_view_commit_editor (self);
      return TRUE;
    }

  return FALSE;
}

/* How tall the editor's text is at @width, in its font as it is now, up
 * to EDITOR_LINES lines, margins included. Measured here rather than asked
 * of the text view, which lays out a new text a little at a time. */
static int
editor_text_height (StapleMapView *self,
                    int            width)
{
  g_autofree char *text = editor_text (self);
  g_autoptr(PangoLayout) layout = NULL;
  int margins = gtk_text_view_get_top_margin (self->text_view) +
                gtk_text_view_get_bottom_margin (self->text_view);
  int line, height;

  /* More than a few lines' worth only scrolls: no need to lay out all. */
  if (g_utf8_strlen (text, -1) > MEASURED_CHARS)
    *g_utf8_offset_to_pointer (text, MEASURED_CHARS) = '\0';

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->text_view), "Xg");
  pango_layout_get_pixel_size (layout, NULL, &line);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, MAX (width - gtk_text_view_get_left_margin (self->text_view) -
                                       gtk_text_view_get_right_margin (self->text_view) -
                                       SCROLLBAR_PX, 1) * PANGO_SCALE);
  pango_layout_set_wrap (layout, has_long_word (text) ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &height);

  return MIN (MAX (height, line), EDITOR_LINES * MAX (line, 1)) + margins;
}

static gboolean
stop_editing_cb (gpointer data)
{
  StapleMapView *self = data;
  StapleMapHit where;

  self->editor_idle_id = 0;
  if (gtk_widget_get_visible (self->editor) && !locate_edited (self, &where))
    _staple_map_view_stop_editing (self);
  return G_SOURCE_REMOVE;
}

/* Lays the editor out over what it edits. */
void
_staple_map_view_allocate_editor (StapleMapView *self)
{
  cairo_rectangle_t rect;
  GtkAllocation allocation;
  int min_width, min_height;

  if (!gtk_widget_get_visible (self->editor))
    return;

  /* What it edits has gone (undone, deleted elsewhere): the editor goes
   * too, but not from here. A widget hidden while its parents are being
   * laid out leaves them without a size, and they are not drawn at all
   * ("Trying to snapshot GtkBox … without a current allocation"). */
  if (!editor_rect (self, &rect))
    {
      int width, height;

      if (self->editor_idle_id == 0)
        self->editor_idle_id = g_idle_add (stop_editing_cb, self);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL,
                          NULL);
      gtk_widget_size_allocate (self->editor, &(GtkAllocation) { -width - 1, -height - 1,
                                                                 width, height }, -1);
      return;
    }

  /* As wide as what it edits, so that it never reaches over the next
   * stage (and a line as long as the text would be wider than a texture
   * may be). Down from there it grows with its lines, to a few, and then
   * scrolls; it always covers the whole of what it edits. */
  _staple_map_view_to_widget (self, &rect, &allocation);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                      NULL, NULL);
  allocation.width = MAX (allocation.width, min_width);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, allocation.width,
                      &min_height, NULL, NULL, NULL);
  allocation.height = MAX (allocation.height,
                           MAX (min_height, editor_text_height (self, allocation.width)));
  gtk_widget_size_allocate (self->editor, &allocation, -1);
}

/* The zoom changes while the view is laid out, when a session fits itself
 * to the window: restyled from there, the editor would leave its parents
 * without a size. */
static gboolean
zoom_font_cb (gpointer data)
{
  StapleMapView *self = data;

  self->font_idle_id = 0;
  if (gtk_widget_get_visible (self->editor))
    update_font (self);
  return G_SOURCE_REMOVE;
}

static void
zoom_changed_cb (StapleMapView *self)
{
  if (gtk_widget_get_visible (self->editor) && self->font_idle_id == 0)
    self->font_idle_id = g_idle_add (zoom_font_cb, self);
}

void
_staple_map_view_init_editor (StapleMapView *self)
{
  GtkEventController *controller;

  self->editor_style = gtk_css_provider_new ();
  g_signal_connect (self, "notify::zoom", G_CALLBACK (zoom_changed_cb), NULL);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 4);
  gtk_text_view_set_bottom_margin (self->text_view, 4);
  gtk_text_view_set_left_margin (self->text_view, 6);
  gtk_text_view_set_right_margin (self->text_view, 4);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->editor_style),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
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
}
