/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-friction-row.c: one friction point: what happens, its kind, how bad
 * it is, the principle it goes against, and its votes. */
#define G_LOG_DOMAIN "staple-friction-row"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-field.h"
#include "staple-friction-row.h"
#include "staple-principle-picker.h"
#include "staple-stage-row.h"

struct _StapleFrictionRow
{
  GtkListBoxRow   parent_instance;

  GtkEntry       *text_entry;
  GtkLabel       *votes_label;
  GtkWidget      *place;     /* holds the row's place until it is made */

  StapleEditor   *editor;
  StapleStage    *stage;
  StapleFriction *friction;
};

G_DEFINE_FINAL_TYPE (StapleFrictionRow, staple_friction_row, GTK_TYPE_LIST_BOX_ROW)

/* A row's fields are made when the row comes near the part of the List
 * page shown (see staple_friction_row_make()) or the keyboard goes into
 * it; until then it holds their place, as tall as the rows made are. Far
 * from the part shown again, they go (staple_friction_row_unmake()), so
 * that scrolling through a journey of 1,200 cards does not keep them all. */
static int row_height = 92;

static void build (StapleFrictionRow *self);

/**
 * staple_friction_row_focus:
 *
 * Puts the keyboard focus on the friction point's text.
 */
void
staple_friction_row_focus (StapleFrictionRow *self)
{
  g_return_if_fail (STAPLE_IS_FRICTION_ROW (self));

  staple_friction_row_make (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

static void
send_friction_field (GtkWidget  *widget,
                     const char *property,
                     GVariant   *value,
                     gpointer    user_data)
{
  StapleFrictionRow *self = user_data;

  gtk_widget_activate_action (widget, "win.set-friction-field", "(iisv)",
                              staple_stage_get_position (self->stage),
                              staple_friction_get_position (self->friction),
                              property, value);
}

static void
update_votes (StapleFrictionRow *self)
{
  StapleSession *session = staple_editor_get_session (self->editor);
  guint n_votes = staple_session_count_votes_for (session, staple_friction_get_id (self->friction));
  g_autofree char *text = g_strdup_printf (ngettext ("%u vote", "%u votes", n_votes), n_votes);

  gtk_label_set_text (self->votes_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->votes_label), n_votes > 0);
}

/* Moves and deletes go through the window's actions; the row is replaced by
 * then, so the focus is put on the friction point's new row. */

static GtkListBox *
stages_list_of (StapleFrictionRow *self)
{
  GtkWidget *stage_row = gtk_widget_get_ancestor (GTK_WIDGET (self), STAPLE_TYPE_STAGE_ROW);

  return stage_row != NULL ? GTK_LIST_BOX (gtk_widget_get_parent (stage_row)) : NULL;
}

static void
refocus (GtkListBox  *stages_list,
         StapleStage *stage,
         guint        index)
{
  StapleStageRow *row = staple_stage_row_find (stages_list, stage);

  if (row != NULL)
    staple_stage_row_focus_friction (row, index);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autoptr(StapleFrictionRow) self = g_object_ref (STAPLE_FRICTION_ROW (widget));
  g_autoptr(StapleFriction) friction = g_object_ref (self->friction);
  GtkListBox *stages_list = stages_list_of (self);
  StapleSession *session = staple_editor_get_session (self->editor);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  int stage = staple_stage_get_position (self->stage);
  int index = staple_friction_get_position (friction);
  int to_stage = stage;
  int to_index = index;
  g_autoptr(StapleStage) target = NULL;

  if (g_str_equal (action_name, "friction.move-up"))
    to_index = index - 1;
  else if (g_str_equal (action_name, "friction.move-down"))
    to_index = index + 1;
  else if (g_str_equal (action_name, "friction.move-to-previous-stage"))
    to_stage = stage - 1, to_index = G_MAXINT;
  else
    to_stage = stage + 1, to_index = G_MAXINT;

  if (to_index < 0 || to_stage < 0 || (guint) to_stage >= g_list_model_get_n_items (stages) ||
      stages_list == NULL)
    return;

  target = g_list_model_get_item (stages, (guint) to_stage);
  gtk_widget_activate_action (widget, "win.move-friction", "(iiii)",
                              stage, index, to_stage, to_index);

  refocus (stages_list, target, (guint) staple_friction_get_position (friction));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(StapleFrictionRow) self = g_object_ref (STAPLE_FRICTION_ROW (widget));
  g_autoptr(StapleStage) stage = g_object_ref (self->stage);
  GtkListBox *stages_list = stages_list_of (self);
  int index = staple_friction_get_position (self->friction);

  gtk_widget_activate_action (widget, "win.delete-friction", "(ii)",
                              staple_stage_get_position (stage), index);

  if (stages_list != NULL)
    refocus (stages_list, stage, (guint) index);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *action_name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
build_details (StapleFrictionRow *self)
{
  GObject *friction = G_OBJECT (self->friction);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkDropDown *kind = staple_field_enum_dropdown_new (STAPLE_TYPE_FRICTION_KIND);
  GtkWidget *principle =
    staple_principle_picker_button_new (staple_editor_get_session (self->editor),
                                        self->friction);
  GtkWidget *severity = gtk_spin_button_new_with_range (STAPLE_SEVERITY_MIN,
                                                        STAPLE_SEVERITY_MAX, 1);
  GtkWidget *severity_label = gtk_label_new_with_mnemonic (_("Se_verity"));

  gtk_widget_set_tooltip_text (GTK_WIDGET (kind), _("Kind of friction"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kind of friction"), -1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (severity_label), severity);
  gtk_widget_set_tooltip_text (severity, _("Severity, from 1 (a nuisance) to 5 (loses customers)"));
  gtk_widget_set_hexpand (principle, TRUE);
  gtk_widget_set_halign (principle, GTK_ALIGN_START);

  staple_field_bind_dropdown (GTK_WIDGET (kind), friction, "kind", send_friction_field, self);
  staple_field_bind_spin (GTK_SPIN_BUTTON (severity), friction, "severity",
                          send_friction_field, self);

  self->votes_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->votes_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->votes_label), "numeric");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kind));
  gtk_box_append (GTK_BOX (box), severity_label);
  gtk_box_append (GTK_BOX (box), severity);
  gtk_box_append (GTK_BOX (box), principle);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->votes_label));
  return box;
}

static void
build (StapleFrictionRow *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GListStore *votes = staple_session_get_votes (staple_editor_get_session (self->editor));

  gtk_widget_add_css_class (outer, "friction-row");
  self->text_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->text_entry), TRUE);
  gtk_entry_set_placeholder_text (self->text_entry, _("What gets in the way"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Friction point"), -1);
  staple_field_bind_editable (GTK_EDITABLE (self->text_entry), G_OBJECT (self->friction),
                              "text", TRUE, send_friction_field, self);
  staple_field_bind_tooltip (GTK_WIDGET (self->text_entry), G_OBJECT (self->friction), "text");

  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->text_entry));
  gtk_box_append (GTK_BOX (line), icon_button ("go-up-symbolic", "friction.move-up",
                                               _("Move Up (Alt+↑)")));
  gtk_box_append (GTK_BOX (line), icon_button ("go-down-symbolic", "friction.move-down",
                                               _("Move Down (Alt+↓)")));
  gtk_box_append (GTK_BOX (line), icon_button ("user-trash-symbolic", "friction.delete",
                                               _("Delete Friction Point (Alt+Delete)")));

  gtk_box_append (GTK_BOX (outer), line);
  gtk_box_append (GTK_BOX (outer), build_details (self));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), outer);

  g_signal_connect_object (votes, "items-changed", G_CALLBACK (update_votes), self,
                           G_CONNECT_SWAPPED);
  update_votes (self);
}

/**
 * staple_friction_row_new:
 * @editor: the editor of the session
 * @stage: the stage holding @friction
 * @friction: the friction point to show
 *
 * Makes the row; its fields are made when they are needed (see
 * staple_friction_row_make()).
 *
 * Returns: (transfer floating): a row showing and editing @friction
 */
StapleFrictionRow *
staple_friction_row_new (StapleEditor   *editor,
                         StapleStage    *stage,
                         StapleFriction *friction)
{
  StapleFrictionRow *self;

  g_return_val_if_fail (STAPLE_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), NULL);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), NULL);

  self = g_object_new (STAPLE_TYPE_FRICTION_ROW, NULL);
  self->editor = g_object_ref (editor);
  self->stage = g_object_ref (stage);
  self->friction = g_object_ref (friction);

  self->place = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (self->place, -1, row_height);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->place);

  return self;
}

/**
 * staple_friction_row_make:
 *
 * Makes the row's fields, if they are not made yet.
 *
 * Returns: whether they were made now
 */
gboolean
staple_friction_row_make (StapleFrictionRow *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION_ROW (self), FALSE);

  if (self->place == NULL)
    return FALSE;

  self->place = NULL;
  build (self);
  return TRUE;
}

/**
 * staple_friction_row_unmake:
 *
 * Lets the row's fields go, keeping their place, unless the keyboard is
 * in them (or in a popover of theirs).
 *
 * Returns: whether they went
 */
gboolean
staple_friction_row_unmake (StapleFrictionRow *self)
{
  GListStore *votes;
  int height;

  g_return_val_if_fail (STAPLE_IS_FRICTION_ROW (self), FALSE);

  if (self->place != NULL ||
      (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0)
    return FALSE;

  /* What the fields were told of the model goes with them. */
  votes = staple_session_get_votes (staple_editor_get_session (self->editor));
  g_signal_handlers_disconnect_by_data (votes, self);
  g_signal_handlers_disconnect_by_data (self->friction, self);
  self->text_entry = NULL;
  self->votes_label = NULL;

  height = gtk_widget_get_height (GTK_WIDGET (self));
  self->place = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (self->place, -1, height > 0 ? height : row_height);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->place);
  return TRUE;
}

/**
 * staple_friction_row_is_made:
 *
 * Returns: whether the row's fields are made
 */
gboolean
staple_friction_row_is_made (StapleFrictionRow *self)
{
  g_return_val_if_fail (STAPLE_IS_FRICTION_ROW (self), FALSE);

  return self->place == NULL;
}

/**
 * staple_friction_row_estimate_height:
 *
 * Returns: the height a row not made yet is estimated to take
 */
int
staple_friction_row_estimate_height (void)
{
  return row_height;
}

/**
 * staple_friction_row_learn_height:
 *
 * Takes the row's height, once it is made and laid out, as the estimate
 * for the rows not yet made (see staple_friction_row_update_place()).
 *
 * Returns: whether the estimate changed
 */
gboolean
staple_friction_row_learn_height (StapleFrictionRow *self)
{
  int height;

  g_return_val_if_fail (STAPLE_IS_FRICTION_ROW (self), FALSE);

  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->place != NULL || height <= 0 || height == row_height)
    return FALSE;

  row_height = height;
  return TRUE;
}

/**
 * staple_friction_row_update_place:
 *
 * Sizes a row not yet made by the latest estimate.
 */
void
staple_friction_row_update_place (StapleFrictionRow *self)
{
  g_return_if_fail (STAPLE_IS_FRICTION_ROW (self));

  if (self->place != NULL)
    gtk_widget_set_size_request (self->place, -1, row_height);
}

/* The keyboard going into the row finds its fields there. */
static gboolean
staple_friction_row_focus_vfunc (GtkWidget        *widget,
                                 GtkDirectionType  direction)
{
  staple_friction_row_make (STAPLE_FRICTION_ROW (widget));

  return GTK_WIDGET_CLASS (staple_friction_row_parent_class)->focus (widget, direction);
}

static void
staple_friction_row_dispose (GObject *object)
{
  StapleFrictionRow *self = STAPLE_FRICTION_ROW (object);

  g_clear_object (&self->editor);
  g_clear_object (&self->stage);
  g_clear_object (&self->friction);

  G_OBJECT_CLASS (staple_friction_row_parent_class)->dispose (object);
}

static void
staple_friction_row_class_init (StapleFrictionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const moves[] = {
    "friction.move-up", "friction.move-down",
    "friction.move-to-previous-stage", "friction.move-to-next-stage",
  };

  object_class->dispose = staple_friction_row_dispose;
  widget_class->focus = staple_friction_row_focus_vfunc;

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_install_action (widget_class, moves[i], NULL, move_action);
  gtk_widget_class_install_action (widget_class, "friction.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "friction.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "friction.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "friction.move-to-previous-stage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "friction.move-to-next-stage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_ALT_MASK,
                                       "friction.delete", NULL);
}

static void
staple_friction_row_init (StapleFrictionRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}
