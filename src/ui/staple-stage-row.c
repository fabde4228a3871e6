/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-stage-row.c: one stage of the journey with its friction points. */
#define G_LOG_DOMAIN "staple-stage-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "staple-field.h"
#include "staple-friction-row.h"
#include "staple-stage-row.h"

struct _StapleStageRow
{
  GtkListBoxRow   parent_instance;

  GtkLabel       *number_label;
  GtkEntry       *name_entry;
  GtkEntry       *team_entry;
  AdwBin         *channel_bin;
  GtkEntry       *work_entry;
  GtkEntry       *wait_entry;
  GtkLabel       *work_message;
  GtkLabel       *wait_message;
  GtkSpinButton  *customer_spin;
  GtkSpinButton  *staff_spin;
  GtkCheckButton *handoff_check;
  GtkCheckButton *dropped_check;
  GtkEntry       *notes_entry;
  GtkListBox     *frictions_list;
  GtkEntry       *add_friction_entry;

  StapleEditor   *editor;
  StapleStage    *stage;
};

G_DEFINE_FINAL_TYPE (StapleStageRow, staple_stage_row, GTK_TYPE_LIST_BOX_ROW)

/**
 * staple_stage_row_get_stage:
 *
 * Returns: (transfer none): the stage this row shows
 */
StapleStage *
staple_stage_row_get_stage (StapleStageRow *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE_ROW (self), NULL);

  return self->stage;
}

/**
 * staple_stage_row_find:
 * @stages_list: the list box showing a session's stages
 *
 * Returns: (transfer none) (nullable): the row showing @stage
 */
StapleStageRow *
staple_stage_row_find (GtkListBox  *stages_list,
                       StapleStage *stage)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (GTK_IS_LIST_BOX (stages_list), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (stages_list, i)) != NULL; i++)
    {
      if (STAPLE_IS_STAGE_ROW (row) && STAPLE_STAGE_ROW (row)->stage == stage)
        return STAPLE_STAGE_ROW (row);
    }

  return NULL;
}

/**
 * staple_stage_row_focus:
 *
 * Puts the keyboard focus on the stage's name.
 */
void
staple_stage_row_focus (StapleStageRow *self)
{
  g_return_if_fail (STAPLE_IS_STAGE_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

/**
 * staple_stage_row_focus_friction:
 * @index: a friction point's place in the stage; past the end focuses the
 *   entry that adds one
 */
void
staple_stage_row_focus_friction (StapleStageRow *self,
                                 guint           index)
{
  GtkListBoxRow *row;

  g_return_if_fail (STAPLE_IS_STAGE_ROW (self));

  row = gtk_list_box_get_row_at_index (self->frictions_list, (int) index);
  if (row != NULL)
    staple_friction_row_focus (STAPLE_FRICTION_ROW (row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_friction_entry));
}

static void
send_stage_field (GtkWidget  *widget,
                  const char *property,
                  GVariant   *value,
                  gpointer    user_data)
{
  StapleStageRow *self = user_data;

  gtk_widget_activate_action (widget, "win.set-stage-field", "(isv)",
                              staple_stage_get_position (self->stage), property, value);
}

static void
update_number (StapleStageRow *self)
{
  g_autofree char *number = g_strdup_printf ("%d", staple_stage_get_position (self->stage) + 1);
  g_autofree char *label = g_strdup_printf (_("Name of stage %d"),
                                            staple_stage_get_position (self->stage) + 1);

  gtk_label_set_text (self->number_label, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
create_friction_row (gpointer item,
                     gpointer user_data)
{
  StapleStageRow *self = user_data;

  return GTK_WIDGET (staple_friction_row_new (self->editor, self->stage, item));
}

static void
add_friction_cb (StapleStageRow *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->add_friction_entry);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (self->stage));
  guint n_before = g_list_model_get_n_items (frictions);

  if (*text == '\0')
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-friction", "(is)",
                              staple_stage_get_position (self->stage), text);

  /* Only clear what was typed once it is safely in; the focus stays here
   * so the next one can be typed straight away. */
  if (g_list_model_get_n_items (frictions) > n_before)
    gtk_editable_set_text (editable, "");
}

/* Row actions go through the window's actions, then put the focus back
 * where the user expects it, since the row may have been replaced. */

static GtkListBox *
stages_list_of (StapleStageRow *self)
{
  return GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self)));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autoptr(StapleStageRow) self = g_object_ref (STAPLE_STAGE_ROW (widget));
  g_autoptr(StapleStage) stage = g_object_ref (self->stage);
  GtkListBox *list = stages_list_of (self);
  int position = staple_stage_get_position (stage);
  int target = g_str_equal (action_name, "stage.move-up") ? position - 1 : position + 1;
  StapleStageRow *row;

  if (target < 0 || list == NULL)
    return;

  gtk_widget_activate_action (widget, "win.move-stage", "(ii)", position, target);

  row = staple_stage_row_find (list, stage);
  if (row != NULL)
    staple_stage_row_focus (row);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(StapleStageRow) self = g_object_ref (STAPLE_STAGE_ROW (widget));
  GtkListBox *list = stages_list_of (self);
  int position = staple_stage_get_position (self->stage);
  GtkListBoxRow *next;

  if (list == NULL)
    return;

  gtk_widget_activate_action (widget, "win.delete-stage", "i", position);

  next = gtk_list_box_get_row_at_index (list, position);
  if (next == NULL && position > 0)
    next = gtk_list_box_get_row_at_index (list, position - 1);
  if (next != NULL && STAPLE_IS_STAGE_ROW (next))
    staple_stage_row_focus (STAPLE_STAGE_ROW (next));
}

static void
bind_stage (StapleStageRow *self)
{
  GObject *stage = G_OBJECT (self->stage);
  GtkDropDown *channel = staple_field_enum_dropdown_new (STAPLE_TYPE_CHANNEL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (channel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Channel"), -1);
  adw_bin_set_child (self->channel_bin, GTK_WIDGET (channel));

  staple_field_bind_editable (GTK_EDITABLE (self->name_entry), stage, "name", TRUE,
                              send_stage_field, self);
  staple_field_bind_editable (GTK_EDITABLE (self->team_entry), stage, "team", FALSE,
                              send_stage_field, self);
  staple_field_bind_dropdown (GTK_WIDGET (channel), stage, "channel", send_stage_field, self);
  staple_field_bind_duration (GTK_EDITABLE (self->work_entry), GTK_WIDGET (self->work_message),
                              stage, "work-minutes", send_stage_field, self);
  staple_field_bind_duration (GTK_EDITABLE (self->wait_entry), GTK_WIDGET (self->wait_message),
                              stage, "wait-minutes", send_stage_field, self);
  staple_field_bind_spin (self->customer_spin, stage, "customer-feeling", send_stage_field,
                          self);
  staple_field_bind_spin (self->staff_spin, stage, "staff-feeling", send_stage_field, self);
  staple_field_bind_check (self->handoff_check, stage, "handoff", send_stage_field, self);
  staple_field_bind_check (self->dropped_check, stage, "dropped", send_stage_field, self);
  staple_field_bind_editable (GTK_EDITABLE (self->notes_entry), stage, "notes", FALSE,
                              send_stage_field, self);

  g_signal_connect_object (stage, "notify::position", G_CALLBACK (update_number), self,
                           G_CONNECT_SWAPPED);
  update_number (self);

  gtk_list_box_bind_model (self->frictions_list,
                           G_LIST_MODEL (staple_stage_get_frictions (self->stage)),
                           create_friction_row, self, NULL);
}

/**
 * staple_stage_row_new:
 * @editor: the editor of the stage's session
 * @stage: the stage to show
 *
 * Returns: (transfer floating): a row showing and editing @stage
 */
StapleStageRow *
staple_stage_row_new (StapleEditor *editor,
                      StapleStage  *stage)
{
  StapleStageRow *self;

  g_return_val_if_fail (STAPLE_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), NULL);

  self = g_object_new (STAPLE_TYPE_STAGE_ROW, NULL);
  self->editor = g_object_ref (editor);
  self->stage = g_object_ref (stage);
  bind_stage (self);

  return self;
}

static void
staple_stage_row_dispose (GObject *object)
{
  StapleStageRow *self = STAPLE_STAGE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STAPLE_TYPE_STAGE_ROW);
  g_clear_object (&self->editor);
  g_clear_object (&self->stage);

  G_OBJECT_CLASS (staple_stage_row_parent_class)->dispose (object);
}

static void
staple_stage_row_class_init (StapleStageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_stage_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staple-stage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, team_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, channel_bin);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, work_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, wait_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, work_message);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, wait_message);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, customer_spin);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, staff_spin);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, handoff_check);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, dropped_check);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, frictions_list);
  gtk_widget_class_bind_template_child (widget_class, StapleStageRow, add_friction_entry);
  gtk_widget_class_bind_template_callback (widget_class, add_friction_cb);

  gtk_widget_class_install_action (widget_class, "stage.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "stage.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "stage.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "stage.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "stage.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_ALT_MASK,
                                       "stage.delete", NULL);
}

static void
staple_stage_row_init (StapleStageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  staple_field_hold_any_length (GTK_EDITABLE (self->add_friction_entry));
}
