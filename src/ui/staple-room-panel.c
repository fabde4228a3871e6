/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-panel: the friction points phones send in the Walk, waiting
 * for the coach: each with its text, its stage and when it came, to accept
 * as a friction point of a kind, merge into one already on the map, or
 * discard. What the coach does here are window actions (win.room-accept,
 * win.room-merge, win.room-discard), the same a script runs over D-Bus.
 *
 * The list never takes the keyboard by itself: a count in the panel's
 * heading says that some arrived, and Ctrl+R (the window's) brings the
 * coach to the first. On a suggestion: 1–8 accept it as that kind (the
 * numbers its Accept menu shows), Enter opens that menu, M the Merge menu,
 * Delete discards it (the toast it shows has Undo); the next one then has
 * the keyboard, and after the last, what the coach was typing in before.
 * Escape goes back there too. */
#define G_LOG_DOMAIN "staple-room-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "staple-catalogue.h"
#include "staple-room-panel.h"

/* A card's text in the Merge menu, in characters. */
#define MENU_TEXT_CHARS 60
/* The oldest few are shown, so that the stage's own fields stay in view
 * when a whole room sends at once; each next one moves up in turn. */
#define ROWS_SHOWN 4
/* The widest a label asks to be, in characters */
#define NARROW_CHARS 24

struct _StapleRoomPanel
{
  GtkWidget   parent_instance;

  GtkLabel   *count_label;
  GtkLabel   *status_label;
  GtkListBox *list;
  GtkLabel   *more_label;

  StapleRoom *room;
  GListModel *suggestions;   /* the room's */
  GtkWidget  *return_focus;  /* weak: where the coach was before Ctrl+R */
  guint       refocus;       /* the row to give the keyboard to next */
  guint       refocus_id;
};

G_DEFINE_FINAL_TYPE (StapleRoomPanel, staple_room_panel, GTK_TYPE_WIDGET)

static StapleSession *
session_of (StapleRoomPanel *self)
{
  return self->room != NULL ? staple_editor_get_session (staple_room_get_editor (self->room))
                            : NULL;
}

static StapleRoomSuggestion *
find_suggestion (StapleRoomPanel *self,
                 guint            id,
                 guint           *position)
{
  guint n = self->suggestions != NULL ? g_list_model_get_n_items (self->suggestions) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleRoomSuggestion) suggestion = g_list_model_get_item (self->suggestions, i);

      if (staple_room_suggestion_get_id (suggestion) == id)
        {
          *position = i;
          return suggestion; /* the list keeps it alive */
        }
    }
  return NULL;
}

/* Status */

static void
update (StapleRoomPanel *self)
{
  guint n = self->suggestions != NULL ? g_list_model_get_n_items (self->suggestions) : 0;
  gboolean open = self->room != NULL && staple_room_get_is_open (self->room);
  g_autofree char *count = NULL;
  g_autofree char *status = NULL;

  if (n > 0)
    count = g_strdup_printf (ngettext ("%u waiting", "%u waiting", n), n);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");

  if (!open)
    status = g_strdup (_("The room is closed; what phones sent before is still here."));
  else
    {
      guint phones = staple_room_get_n_devices (self->room);
      g_autofree char *joined =
        g_strdup_printf (ngettext ("%u phone has joined.", "%u phones have joined.", phones),
                         phones);

      /* Translators: "3 phones have joined." and what the coach can do */
      status = g_strdup_printf (_("%s %s"), joined,
                                n == 0 ? _("Friction points they send arrive here, for you to "
                                           "accept, merge or discard.")
                                       : _("Ctrl+R goes to the first: 1–8 accept it as that "
                                           "kind, M merges it into a card, Delete discards "
                                           "it."));
    }
  gtk_label_set_text (self->status_label, status);

  if (n > ROWS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more, next in turn",
                                                         "and %u more, next in turn",
                                                         n - ROWS_SHOWN),
                                               n - ROWS_SHOWN);

      gtk_label_set_text (self->more_label, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), n > ROWS_SHOWN);
  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);

  gtk_widget_set_visible (GTK_WIDGET (self), open || n > 0);
}


/* Rows */

static GMenuModel *
kinds_menu (guint id)
{
  GMenu *menu = g_menu_new ();

  for (int kind = STAPLE_FRICTION_KIND_POLICY; kind <= STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS;
       kind++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (staple_friction_kind_get_label (kind), NULL);
      g_autofree char *key = g_strdup_printf ("%d", kind + 1);

      g_menu_item_set_action_and_target_value (
        item, "room-panel.accept",
        g_variant_new ("(us)", id, staple_enum_to_nick (STAPLE_TYPE_FRICTION_KIND, kind)));
      g_menu_item_set_attribute (item, "accel", "s", key);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static char *
card_label (StapleFriction *friction)
{
  const char *text = staple_friction_get_text (friction);
  const char *end = strchr (text, '\n');
  g_autofree char *line = end != NULL ? g_strndup (text, end - text) : g_strdup (text);

  if (g_utf8_strlen (line, -1) <= MENU_TEXT_CHARS)
    return g_steal_pointer (&line);
  return g_strconcat (g_utf8_substring (line, 0, MENU_TEXT_CHARS - 1), "…", NULL);
}

static void
add_stage_section (GMenu       *menu,
                   StapleStage *stage,
                   guint        stage_index,
                   guint        id)
{
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  g_autoptr(GMenu) section = g_menu_new ();

  if (g_list_model_get_n_items (frictions) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (frictions); i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);
      g_autofree char *label = card_label (friction);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "room-panel.merge",
                                               g_variant_new ("(uii)", id, (gint32) stage_index,
                                                              (gint32) i));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, staple_stage_get_name (stage), G_MENU_MODEL (section));
}

/* The friction points to merge into, made as the menu opens: the
 * suggestion's stage first, then the others in their order. */
static void
merge_popup_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  StapleRoomPanel *self = user_data;
  StapleSession *session = session_of (self);
  guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "suggestion"));
  gint64 stage_id = (gint64) (gintptr) g_object_get_data (G_OBJECT (button), "stage");
  g_autoptr(GMenu) menu = g_menu_new ();
  GListModel *stages;
  guint own = G_MAXUINT;

  if (session == NULL)
    return;

  stages = G_LIST_MODEL (staple_session_get_stages (session));
  if (staple_session_find_stage (session, stage_id, &own) != NULL)
    add_stage_section (menu, staple_session_find_stage (session, stage_id, NULL), own, id);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      if (i != own)
        add_stage_section (menu, stage, i, id);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    g_menu_append (menu, _("No friction point to merge into yet"), NULL);

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  StapleRoomPanel *self = user_data;
  StapleRoomSuggestion *suggestion = item;
  StapleSession *session = session_of (self);
  guint id = staple_room_suggestion_get_id (suggestion);
  gint64 stage_id = staple_room_suggestion_get_stage_id (suggestion);
  StapleStage *stage = session != NULL ? staple_session_find_stage (session, stage_id, NULL)
                                       : NULL;
  g_autofree char *time = g_date_time_format (staple_room_suggestion_get_time (suggestion),
                                              "%R");
  /* Translators: a suggestion's stage and when it arrived, "Phone call · 10:42" */
  g_autofree char *meta = g_strdup_printf (_("%s · %s"),
                                           stage != NULL ? staple_stage_get_name (stage)
                                                         : _("a deleted stage"), time);
  g_autoptr(GMenuModel) kinds = kinds_menu (id);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;
  GtkWidget *accept, *merge, *discard;

  /* Labels that ask for little width: a suggestion arriving must not widen
   * the side panel, and so move the map under the coach's typing. */
  label = gtk_label_new (meta);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), NARROW_CHARS);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (staple_room_suggestion_get_text (suggestion));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 5);
  gtk_label_set_max_width_chars (GTK_LABEL (label), NARROW_CHARS);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, staple_room_suggestion_get_text (suggestion));
  gtk_box_append (GTK_BOX (box), label);

  accept = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (accept), _("_Accept"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (accept), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (accept), kinds);
  gtk_widget_set_tooltip_text (accept, _("Accept as a friction point of a kind (Enter, or 1–8)"));

  merge = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (merge), _("_Merge"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (merge), TRUE);
  gtk_widget_set_tooltip_text (merge, _("Add its text to a friction point already on the map (M)"));
  g_object_set_data (G_OBJECT (merge), "suggestion", GUINT_TO_POINTER (id));
  g_object_set_data (G_OBJECT (merge), "stage", (gpointer) (gintptr) stage_id);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (merge), merge_popup_cb, self, NULL);

  discard = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (discard, _("Discard (Delete)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), "room-panel.discard");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (discard), "u", id);
  gtk_widget_add_css_class (discard, "flat");

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), accept);
  gtk_box_append (GTK_BOX (buttons), merge);
  gtk_box_append (GTK_BOX (buttons), discard);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "suggestion", GUINT_TO_POINTER (id));
  g_object_set_data (G_OBJECT (row), "accept", accept);
  g_object_set_data (G_OBJECT (row), "merge", merge);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  staple_room_suggestion_get_text (suggestion),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meta,
                                  -1);
  return row;
}

/* The keyboard after a suggestion is dealt with: the one that took its
 * place, or the last; after the last, back where the coach was. */
static gboolean
refocus_cb (gpointer data)
{
  StapleRoomPanel *self = data;
  guint n = self->suggestions != NULL ? g_list_model_get_n_items (self->suggestions) : 0;
  GtkListBoxRow *row = n > 0 ? gtk_list_box_get_row_at_index (
                                 self->list, (int) MIN (self->refocus, MIN (n, ROWS_SHOWN) - 1))
                             : NULL;

  self->refocus_id = 0;
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else if (self->return_focus != NULL && gtk_widget_get_mapped (self->return_focus))
    gtk_widget_grab_focus (self->return_focus);
  return G_SOURCE_REMOVE;
}

static void
act (StapleRoomPanel *self,
     const char      *window_action,
     GVariant        *parameter,
     guint            id)
{
  g_autoptr(GVariant) held = g_variant_ref_sink (parameter);
  guint position = 0, after;

  if (find_suggestion (self, id, &position) == NULL)
    return;

  gtk_widget_activate_action_variant (GTK_WIDGET (self), window_action, held);

  /* Dealt with (not refused): the keyboard goes on, once any menu it was
   * chosen from has closed. */
  if (find_suggestion (self, id, &after) != NULL)
    return;
  self->refocus = position;
  if (self->refocus_id == 0)
    self->refocus_id = g_idle_add (refocus_cb, self);
}

static void
accept_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  guint id;

  g_variant_get (parameter, "(u&s)", &id, NULL);
  act (STAPLE_ROOM_PANEL (widget), "win.room-accept", parameter, id);
}

static void
merge_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  guint id;

  g_variant_get (parameter, "(uii)", &id, NULL, NULL);
  act (STAPLE_ROOM_PANEL (widget), "win.room-merge", parameter, id);
}

static void
discard_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  act (STAPLE_ROOM_PANEL (widget), "win.room-discard", parameter,
       g_variant_get_uint32 (parameter));
}

static void
row_activated_cb (StapleRoomPanel *self,
                  GtkListBoxRow   *row)
{
  gtk_menu_button_popup (g_object_get_data (G_OBJECT (row), "accept"));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                StapleRoomPanel       *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  guint id;

  if (row == NULL || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "suggestion"));
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_8)
    keyval = GDK_KEY_1 + (keyval - GDK_KEY_KP_1);

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_8)
    {
      int kind = (int) (keyval - GDK_KEY_1) + STAPLE_FRICTION_KIND_POLICY;

      act (self, "win.room-accept",
           g_variant_new ("(us)", id, staple_enum_to_nick (STAPLE_TYPE_FRICTION_KIND, kind)), id);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_m:
      gtk_menu_button_popup (g_object_get_data (G_OBJECT (row), "merge"));
      return TRUE;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      act (self, "win.room-discard", g_variant_new_uint32 (id), id);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->return_focus != NULL && gtk_widget_get_mapped (self->return_focus))
        gtk_widget_grab_focus (self->return_focus);
      else
        gtk_root_set_focus (root, NULL);
      return TRUE;

    default:
      return FALSE;
    }
}

/* The room */

static void
disconnect_room (StapleRoomPanel *self)
{
  if (self->room == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->room, self);
  g_signal_handlers_disconnect_by_data (self->suggestions, self);
  gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  self->suggestions = NULL;
  g_clear_object (&self->room);
}

/**
 * staple_room_panel_set_room:
 * @room: (nullable): the room of the open session
 *
 * Lists @room's suggestions as they come and go.
 */
void
staple_room_panel_set_room (StapleRoomPanel *self,
                            StapleRoom      *room)
{
  g_return_if_fail (STAPLE_IS_ROOM_PANEL (self));
  g_return_if_fail (room == NULL || STAPLE_IS_ROOM (room));

  if (self->room == room)
    return;

  disconnect_room (self);
  if (room != NULL)
    {
      g_autoptr(GtkSliceListModel) shown = NULL;

      self->room = g_object_ref (room);
      self->suggestions = staple_room_get_suggestions (room);
      shown = gtk_slice_list_model_new (g_object_ref (self->suggestions), 0, ROWS_SHOWN);
      gtk_list_box_bind_model (self->list, G_LIST_MODEL (shown), create_row, self, NULL);
      g_signal_connect_object (room, "notify::is-open", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (room, "notify::n-devices", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->suggestions, "items-changed", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
    }
  update (self);
}

StapleRoom *
staple_room_panel_get_room (StapleRoomPanel *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM_PANEL (self), NULL);

  return self->room;
}

/**
 * staple_room_panel_focus:
 *
 * Gives the keyboard to the first suggestion, remembering where it was to
 * give it back when the last one is dealt with.
 *
 * Returns: %FALSE if no suggestion is waiting, or the panel is not shown
 */
gboolean
staple_room_panel_focus (StapleRoomPanel *self)
{
  GtkRoot *root;
  GtkWidget *focus;
  GtkListBoxRow *first;

  g_return_val_if_fail (STAPLE_IS_ROOM_PANEL (self), FALSE);

  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first == NULL || !gtk_widget_get_mapped (GTK_WIDGET (first)))
    return FALSE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    g_set_weak_pointer (&self->return_focus, focus);

  return gtk_widget_grab_focus (GTK_WIDGET (first));
}

/* The object */

static void
staple_room_panel_dispose (GObject *object)
{
  StapleRoomPanel *self = STAPLE_ROOM_PANEL (object);
  GtkWidget *child;

  disconnect_room (self);
  g_clear_handle_id (&self->refocus_id, g_source_remove);
  g_clear_weak_pointer (&self->return_focus);
  gtk_widget_dispose_template (GTK_WIDGET (self), STAPLE_TYPE_ROOM_PANEL);
  /* GTK 4.8 unparents only the children bound by name; the header's box
   * has none. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (staple_room_panel_parent_class)->dispose (object);
}

static void
staple_room_panel_class_init (StapleRoomPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_room_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staple-room-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, StapleRoomPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, StapleRoomPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, StapleRoomPanel, list);
  gtk_widget_class_bind_template_child (widget_class, StapleRoomPanel, more_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "room-panel.accept", "(us)", accept_action);
  gtk_widget_class_install_action (widget_class, "room-panel.merge", "(uii)", merge_action);
  gtk_widget_class_install_action (widget_class, "room-panel.discard", "u", discard_action);

  gtk_widget_class_set_css_name (widget_class, "roompanel");
}

static void
staple_room_panel_init (StapleRoomPanel *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  update (self);
}

/**
 * staple_room_panel_new:
 *
 * Returns: (transfer floating): a panel of no room yet, hidden
 */
GtkWidget *
staple_room_panel_new (void)
{
  return g_object_new (STAPLE_TYPE_ROOM_PANEL, NULL);
}
