/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-view-input.c: keys and the pointer on the map.
 *
 * Turns them into selection moves and the window's edit actions, by phase
 * of the workshop. */
#define G_LOG_DOMAIN "staple-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "staple-map-view-private.h"
#include "staple-principle-picker.h"

#define DRAG_THRESHOLD  6.0  /* pixels the pointer moves before a press is a drag */

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

/* On a map wrapped onto rows, the stage of the row above or below (@dy)
 * under the middle of stage @index, or the nearest; -1 if there is no
 * such row. */
static int
stage_across_rows (StapleMapView *self,
                   guint          index,
                   int            dy)
{
  const StapleMapColumn *column = staple_map_layout_get_column (self->layout, index);
  guint n_columns = staple_map_layout_get_n_columns (self->layout);
  double cx = column->column.x + column->column.width / 2;
  double best = G_MAXDOUBLE;
  int found = -1;

  if ((dy < 0 && column->row == 0) ||
      (dy > 0 && column->row + 1 >= staple_map_layout_get_n_rows (self->layout)))
    return -1;

  for (guint i = 0; i < n_columns; i++)
    {
      const StapleMapColumn *other = staple_map_layout_get_column (self->layout, i);
      double distance;

      if ((int) other->row != (int) column->row + dy)
        continue;

      distance = cx < other->column.x ? other->column.x - cx
                 : MAX (0, cx - other->column.x - other->column.width);
      if (distance < best)
        best = distance, found = (int) i;
    }

  return found;
}

/* Arrow keys: up and down within a stage, and on a wrapped map on from a
 * stage's top or bottom into the row above or below; left and right to
 * the same place in the neighbouring stage. */
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
      else if (stage_across_rows (self, hit.stage, -1) >= 0)
        hit = (StapleMapHit) { STAPLE_MAP_HIT_STAFF_POINT,
                               (guint) stage_across_rows (self, hit.stage, -1), 0 };
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
      else if (stage_across_rows (self, hit.stage, 1) >= 0)
        hit = (StapleMapHit) { STAPLE_MAP_HIT_STAGE,
                               (guint) stage_across_rows (self, hit.stage, 1), 0 };
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

/* Where a card typed now would go: after the selected card, or at the end
 * of the selected stage; in the Walk, with nothing selected, the current
 * stage's. FALSE, with the reason in @why, if nowhere. */
static gboolean
new_card_place (StapleMapView *self,
                guint         *stage,
                guint         *index,
                const char   **why)
{
  StapleMapHit at = self->selection;
  const StapleMapColumn *column;

  if (self->mode == STAPLE_MAP_MODE_VOTE)
    {
      *why = _("Friction points are added in the Map, Walk and Diagnose phases. Here 1–9 "
               "choose who votes, and + and − place and take their dot.");
      return FALSE;
    }

  if (staple_map_layout_get_n_columns (self->layout) == 0)
    {
      *why = _("There is no stage to put a friction point on yet: press Enter to add a "
               "stage, and type its name.");
      return FALSE;
    }

  if (at.kind == STAPLE_MAP_HIT_NONE && self->mode == STAPLE_MAP_MODE_WALK &&
      _staple_map_view_current_stage (self) >= 0)
    at = (StapleMapHit) { STAPLE_MAP_HIT_STAGE, (guint) _staple_map_view_current_stage (self), 0 };

  if (at.kind == STAPLE_MAP_HIT_NONE)
    {
      *why = _("Select a stage first, with the arrow keys or Tab, then type the friction "
               "point.");
      return FALSE;
    }

  column = staple_map_layout_get_column (self->layout, at.stage);
  *stage = at.stage;
  *index = at.kind == STAPLE_MAP_HIT_CARD ? at.card + 1 : column->cards->len;
  return TRUE;
}

/* Starts a card with what was typed, or says why it cannot. */
static void
start_typed_card (StapleMapView *self,
                  const char    *text)
{
  const char *why = NULL;
  guint stage, index;

  if (new_card_place (self, &stage, &index, &why))
    staple_map_view_start_new_card (self, stage, index, text);
  else
    _staple_map_view_tell (self, why);
}

static void
paste_text_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StapleMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result,
                                                          &error);

  if (text == NULL || *text == '\0')
    {
      if (error != NULL)
        g_debug ("Nothing to paste: %s", error->message);
      _staple_map_view_tell (self, _("There is no text to paste."));
      return;
    }

  /* Something else may have begun in the moment the clipboard took. */
  if (gtk_widget_get_visible (self->editor))
    return;

  start_typed_card (self, text);
}

/* Ctrl+V on the map: a new card holding the text, as if it had been typed,
 * where a typed letter would have started one. */
static void
paste_card (StapleMapView *self)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 paste_text_cb, g_object_ref (self));
}

/* P on a card: the principle picker over it, where the coach types part of
 * a name or its number and Enter sets it. */
static void
pick_principle (StapleMapView *self)
{
  StapleSession *session = staple_map_layout_get_session (self->layout);
  const StapleMapCard *card = staple_map_layout_get_card (self->layout, self->selection.stage,
                                                          self->selection.card);
  GtkAllocation where;

  if (session == NULL || card == NULL || !STAPLE_IS_FRICTION (self->selection_object))
    return;

  _staple_map_view_to_widget (self, &card->rect, &where);
  staple_principle_picker_popup_at (GTK_WIDGET (self), &where, session,
                                    STAPLE_FRICTION (self->selection_object));
}

/* Shift and the like, pressed on their own on the way to a letter. */
static gboolean
is_modifier (guint keyval)
{
  return (keyval >= GDK_KEY_Shift_L && keyval <= GDK_KEY_Hyper_R) ||
         keyval == GDK_KEY_ISO_Level3_Shift || keyval == GDK_KEY_ISO_Level5_Shift ||
         keyval == GDK_KEY_Mode_switch || keyval == GDK_KEY_Num_Lock;
}

/* Diagnose's keys on a card: 1–5 the severity, K the kind, P the principle. */
static gboolean
is_diagnose_key (guint keyval)
{
  return (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9) || keyval == GDK_KEY_k ||
         keyval == GDK_KEY_K || keyval == GDK_KEY_p || keyval == GDK_KEY_P;
}

static void
diagnose_key (StapleMapView *self,
              guint          keyval)
{
  guint digit = keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9 ? keyval - GDK_KEY_0 : 0;

  if (self->selection.kind != STAPLE_MAP_HIT_CARD)
    return;

  if (digit >= STAPLE_SEVERITY_MIN && digit <= STAPLE_SEVERITY_MAX)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-friction-field", "(iisv)",
                                (int) self->selection.stage, (int) self->selection.card,
                                "severity", g_variant_new_int32 ((int) digit));
  else if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    _staple_map_view_tell (self, _("The severity goes from 1 to 5."));
  else if (keyval == GDK_KEY_k || keyval == GDK_KEY_K)
    cycle_field (self, "kind", STAPLE_TYPE_FRICTION_KIND, keyval == GDK_KEY_k ? 1 : -1);
  else if (keyval == GDK_KEY_p || keyval == GDK_KEY_P)
    pick_principle (self);
}

/* A Diagnose key is told from the first letter of a sentence by what
 * follows it: another letter within a moment is typing ("Keys are kept by
 * one person", "3 teams touch it"), and starts a card with both; nothing,
 * or another key, and it does what it does. */
#define PENDING_MS 400

static gboolean
pending_timeout_cb (gpointer data)
{
  StapleMapView *self = data;
  guint keyval = self->pending_key;

  self->pending_id = 0;
  self->pending_key = 0;
  diagnose_key (self, keyval);
  return G_SOURCE_REMOVE;
}

static void
flush_pending (StapleMapView *self)
{
  if (self->pending_id == 0)
    return;

  g_clear_handle_id (&self->pending_id, g_source_remove);
  pending_timeout_cb (self);
}

static void
hold_key (StapleMapView *self,
          guint          keyval)
{
  flush_pending (self);
  self->pending_key = keyval;
  self->pending_id = g_timeout_add (PENDING_MS, pending_timeout_cb, self);
}

/* The keys of the Walk, Diagnose and Prioritise phases. */
static gboolean
mode_key (StapleMapView *self,
          guint          keyval)
{
  gboolean card = self->selection.kind == STAPLE_MAP_HIT_CARD;
  gboolean is_digit = keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9;
  guint digit = is_digit ? keyval - GDK_KEY_0 : 0;
  gboolean plus = keyval == GDK_KEY_plus || keyval == GDK_KEY_equal ||
                  keyval == GDK_KEY_KP_Add || keyval == GDK_KEY_space;
  gboolean minus = keyval == GDK_KEY_minus || keyval == GDK_KEY_KP_Subtract;

  switch (self->mode)
    {
    case STAPLE_MAP_MODE_WALK:
      if (keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_Page_Up)
        {
          gtk_widget_activate_action (GTK_WIDGET (self), keyval == GDK_KEY_Page_Down
                                      ? "win.walk-forward" : "win.walk-back", NULL);
          return TRUE;
        }
      return FALSE;

    case STAPLE_MAP_MODE_DIAGNOSE:
      /* With a stage selected every key types a new card. */
      if (!card || !is_diagnose_key (keyval))
        return FALSE;
      hold_key (self, keyval);
      return TRUE;

    case STAPLE_MAP_MODE_VOTE:
      if (digit > 0)
        staple_map_view_set_voter (self, (int) digit - 1);
      else if ((plus || minus) && !card)
        _staple_map_view_tell (self, _("Select a friction point first, then + places a dot on "
                                       "it and − takes one off."));
      else if ((plus || minus) && self->voter < 0)
        _staple_map_view_tell (self, _("Choose who votes first: press 1–9."));
      else if (plus || minus)
        gtk_widget_activate_action (GTK_WIDGET (self), plus ? "win.add-vote" : "win.remove-vote",
                                    "(iii)", self->voter, (int) self->selection.stage,
                                    (int) self->selection.card);
      else
        return FALSE;
      return TRUE;

    case STAPLE_MAP_MODE_EDIT:
    default:
      return FALSE;
    }
}

/* Enter: a name for the first stage on an empty map; in the Walk, the next
 * card on the stage, after the one just added (a card's text is edited
 * with F2, as everywhere). */
static void
enter_key (StapleMapView *self)
{
  if (staple_map_layout_get_n_columns (self->layout) == 0)
    staple_map_view_add_stage (self);
  else if (self->mode == STAPLE_MAP_MODE_WALK)
    start_typed_card (self, "");
  else if (self->selection.kind == STAPLE_MAP_HIT_NONE)
    _staple_map_view_tell (self, _("Select a stage or a friction point first, with the arrow "
                                   "keys or Tab."));
  else
    staple_map_view_edit_selection (self);
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

  /* A Diagnose key just pressed, then a letter, a space or a sign: the
   * coach is typing a sentence that starts with it. */
  c = gdk_keyval_to_unicode (keyval);
  if (self->pending_id != 0 && (state & ~GDK_SHIFT_MASK) == 0 && c != 0 &&
      g_unichar_isprint (c) && !is_diagnose_key (keyval))
    {
      char text[16] = { 0 };
      int n = g_unichar_to_utf8 (gdk_keyval_to_unicode (self->pending_key), text);

      g_unichar_to_utf8 (c, text + n);
      g_clear_handle_id (&self->pending_id, g_source_remove);
      self->pending_key = 0;
      start_typed_card (self, text);
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape && self->pending_id != 0)
    {
      g_clear_handle_id (&self->pending_id, g_source_remove);
      self->pending_key = 0;
    }
  else if (!is_diagnose_key (keyval) && !is_modifier (keyval))
    flush_pending (self);

  /* Shift+Up and Shift+Down raise and lower a curve point. */
  if (point && state == GDK_SHIFT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    {
      nudge_feeling (self, keyval == GDK_KEY_Up ? 1 : -1);
      return TRUE;
    }

  if (state == GDK_ALT_MASK)
    return move_selected (self, keyval);

  if (state == GDK_CONTROL_MASK && (keyval == GDK_KEY_v || keyval == GDK_KEY_V))
    {
      paste_card (self);
      return TRUE;
    }

  /* Ctrl+Enter: the journey goes on, a stage after the last, its name typed
   * at once; Enter on a stage renames it. */
  if (state == GDK_CONTROL_MASK &&
      (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter))
    {
      staple_map_view_add_stage (self);
      return TRUE;
    }

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
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      enter_key (self);
      return TRUE;
    case GDK_KEY_F2:
      staple_map_view_edit_selection (self);
      return TRUE;
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete:
      delete_selection (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selection.kind == STAPLE_MAP_HIT_NONE)
        return FALSE;
      _staple_map_view_set_selection (self, STAPLE_MAP_HIT_NONE, NULL);
      return TRUE;
    default:
      break;
    }

  if (mode_key (self, keyval))
    return TRUE;

  /* Keyboard-first capture: typing starts a new card in the selected
   * stage, in every phase that takes cards; nothing typed is lost without
   * a word. */
  c = gdk_keyval_to_unicode (keyval);
  if (c != 0 && g_unichar_isprint (c) && !g_unichar_isspace (c))
    {
      char text[8] = { 0 };

      g_unichar_to_utf8 (c, text);
      start_typed_card (self, text);
      return TRUE;
    }

  return FALSE;
}

gboolean
_staple_map_view_focus (GtkWidget        *widget,
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

/* The stage row past the last stage, where the next one will go, or
 * anywhere on an empty map. */
static gboolean
in_stage_row (StapleMapView *self,
              double         map_x,
              double         map_y)
{
  guint n_columns = staple_map_layout_get_n_columns (self->layout);
  const StapleMapColumn *last;
  double y, height;

  if (n_columns == 0)
    return TRUE;

  last = staple_map_layout_get_column (self->layout, n_columns - 1);
  staple_map_layout_get_row_lane (self->layout, last->row, STAPLE_MAP_LANE_HEADER, &y, &height);
  return map_x >= last->column.x + last->column.width && map_y >= y && map_y < y + height;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  StapleMapView   *self)
{
  StapleMapHit hit;
  double map_x, map_y;

  /* A Diagnose key just pressed acts on the card it was pressed on. */
  flush_pending (self);

  if (gtk_widget_get_visible (self->editor))
    _staple_map_view_commit_editor (self);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  _staple_map_view_to_map (self, x, y, &map_x, &map_y);
  if (_staple_map_view_in_pinned (self, x) ||
      !staple_map_layout_hit_test (self->layout, map_x, map_y, &hit))
    {
      staple_map_view_select (self, NULL);
      if (n_press == 2 && in_stage_row (self, map_x, map_y))
        staple_map_view_add_stage (self);
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

  _staple_map_view_to_map (self, x, y, &map_x, &map_y);
  if (!_staple_map_view_in_pinned (self, x) &&
      staple_map_layout_hit_test (self->layout, map_x, map_y, &hit) &&
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
  _staple_map_view_to_map (self, x, y, &map_x, &map_y);
  if (_staple_map_view_in_pinned (self, x) ||
      !staple_map_layout_hit_test (self->layout, map_x, map_y, &self->drag_hit))
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
  /* Read in the lanes of the point's own row. */
  int feeling = staple_map_layout_row_y_to_feeling (self->layout, column->row, lane, map_y);
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

  _staple_map_view_to_map (self, self->drag_x, self->drag_y, &map_x, &map_y);
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
  GObject *dragged = _staple_map_view_object_at (self, &self->drag_hit);
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
  _staple_map_view_set_selection (self, STAPLE_MAP_HIT_CARD, friction);
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
  _staple_map_view_to_map (self, start_x + dx, start_y + dy, &map_x, &map_y);

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
  self->pan_h = gtk_adjustment_get_value (self->hadjustment);
  self->pan_v = gtk_adjustment_get_value (self->vadjustment);
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
      _staple_map_view_to_map (self, x, y, &map_x, &map_y);
      if (_staple_map_view_in_pinned (self, x) ||
          !staple_map_layout_hit_test (self->layout, map_x, map_y, &hit))
        return FALSE;
    }

  if (hit.kind == STAPLE_MAP_HIT_CARD)
    {
      StapleFriction *friction = STAPLE_FRICTION (_staple_map_view_object_at (self, &hit));
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
      StapleStage *stage = STAPLE_STAGE (_staple_map_view_object_at (self, &hit));
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


void
_staple_map_view_init_input (StapleMapView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
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
}
