/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-stage-row.c: one stage of the journey with its friction points. */
#define G_LOG_DOMAIN "staple-stage-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "staple-field.h"
#include "staple-friction-row.h"
#include "staple-stage-row.h"

/* The stage's card, from the template: made when it is needed (see
 * staple_stage_row_make()). */
#define STAPLE_TYPE_STAGE_BODY (staple_stage_body_get_type ())
G_DECLARE_FINAL_TYPE (StapleStageBody, staple_stage_body, STAPLE, STAGE_BODY, GtkBox)

struct _StapleStageBody
{
  GtkBox          parent_instance;

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

  StapleStageRow *row;   /* the row holding the body */
};

G_DEFINE_FINAL_TYPE (StapleStageBody, staple_stage_body, GTK_TYPE_BOX)

struct _StapleStageRow
{
  GtkListBoxRow    parent_instance;

  StapleStageBody *body;   /* NULL until the row is made */
  GtkWidget       *place;  /* holds the body's place until then */

  StapleEditor    *editor;
  StapleStage     *stage;
  gboolean         binding;  /* the card's friction points are being shown */
};

G_DEFINE_FINAL_TYPE (StapleStageRow, staple_stage_row, GTK_TYPE_LIST_BOX_ROW)

/* A stage's card is made when the stage comes near the part of the List
 * page shown (the page asks, see staple_stage_row_make_between()) or when
 * the keyboard goes into it, and so is each of its friction points' rows:
 * on a journey of 1,200 cards, making them all took 19 s and 840 MB. Until
 * then the row holds their place, as tall as they are estimated to be from
 * the rows already made. */
static int bare_height = 330;  /* a stage's card without friction points */

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

  staple_stage_row_make (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->body->name_entry));
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

  staple_stage_row_make (self);
  row = gtk_list_box_get_row_at_index (self->body->frictions_list, (int) index);
  if (row != NULL)
    staple_friction_row_focus (STAPLE_FRICTION_ROW (row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->body->add_friction_entry));
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
update_number (StapleStageBody *body)
{
  StapleStage *stage = body->row->stage;
  g_autofree char *number = g_strdup_printf ("%d", staple_stage_get_position (stage) + 1);
  g_autofree char *label = g_strdup_printf (_("Name of stage %d"),
                                            staple_stage_get_position (stage) + 1);

  gtk_label_set_text (body->number_label, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (body->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
create_friction_row (gpointer item,
                     gpointer user_data)
{
  StapleStageRow *self = user_data;
  StapleFrictionRow *row = staple_friction_row_new (self->editor, self->stage, item);

  /* One added, moved here or put back is made at once, in view or not. */
  if (!self->binding)
    staple_friction_row_make (row);
  return GTK_WIDGET (row);
}

static void
add_friction_cb (StapleStageBody *body)
{
  StapleStageRow *self = body->row;
  GtkEditable *editable = GTK_EDITABLE (body->add_friction_entry);
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
bind_body (StapleStageRow  *self,
           StapleStageBody *body)
{
  GObject *stage = G_OBJECT (self->stage);
  GtkDropDown *channel = staple_field_enum_dropdown_new (STAPLE_TYPE_CHANNEL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (channel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Channel"), -1);
  adw_bin_set_child (body->channel_bin, GTK_WIDGET (channel));

  staple_field_bind_editable (GTK_EDITABLE (body->name_entry), stage, "name", TRUE,
                              send_stage_field, self);
  staple_field_bind_editable (GTK_EDITABLE (body->team_entry), stage, "team", FALSE,
                              send_stage_field, self);
  staple_field_bind_dropdown (GTK_WIDGET (channel), stage, "channel", send_stage_field, self);
  staple_field_bind_duration (GTK_EDITABLE (body->work_entry), GTK_WIDGET (body->work_message),
                              stage, "work-minutes", send_stage_field, self);
  staple_field_bind_duration (GTK_EDITABLE (body->wait_entry), GTK_WIDGET (body->wait_message),
                              stage, "wait-minutes", send_stage_field, self);
  staple_field_bind_spin (body->customer_spin, stage, "customer-feeling", send_stage_field,
                          self);
  staple_field_bind_spin (body->staff_spin, stage, "staff-feeling", send_stage_field, self);
  staple_field_bind_check (body->handoff_check, stage, "handoff", send_stage_field, self);
  staple_field_bind_check (body->dropped_check, stage, "dropped", send_stage_field, self);
  staple_field_bind_editable (GTK_EDITABLE (body->notes_entry), stage, "notes", FALSE,
                              send_stage_field, self);

  g_signal_connect_object (stage, "notify::position", G_CALLBACK (update_number), body,
                           G_CONNECT_SWAPPED);
  update_number (body);

  self->binding = TRUE;
  gtk_list_box_bind_model (body->frictions_list,
                           G_LIST_MODEL (staple_stage_get_frictions (self->stage)),
                           create_friction_row, self, NULL);
  self->binding = FALSE;
}

static guint
n_frictions (StapleStageRow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (self->stage)));
}

/* The place of a row not made: as tall as its card is estimated to be. */
static int
estimate_height (StapleStageRow *self)
{
  return bare_height + (int) n_frictions (self) * staple_friction_row_estimate_height ();
}

static void
update_place (StapleStageRow *self)
{
  if (self->place != NULL)
    gtk_widget_set_size_request (self->place, -1, estimate_height (self));
}

/**
 * staple_stage_row_make:
 *
 * Makes the stage's card with its friction points, if it is not made yet.
 *
 * Returns: whether it was made now
 */
gboolean
staple_stage_row_make (StapleStageRow *self)
{
  StapleStageBody *body;

  g_return_val_if_fail (STAPLE_IS_STAGE_ROW (self), FALSE);

  if (self->body != NULL)
    return FALSE;

  body = g_object_new (STAPLE_TYPE_STAGE_BODY, NULL);
  body->row = self;
  bind_body (self, body);
  self->place = NULL;
  self->body = body;
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (body));
  return TRUE;
}

/**
 * staple_stage_row_is_made:
 *
 * Returns: whether the stage's card is made (see staple_stage_row_make())
 */
gboolean
staple_stage_row_is_made (StapleStageRow *self)
{
  g_return_val_if_fail (STAPLE_IS_STAGE_ROW (self), FALSE);

  return self->body != NULL;
}

/**
 * staple_stage_row_learn_size:
 *
 * Takes the heights of the stage's card and of a friction point's row,
 * once they are laid out, as the estimate for the rows not yet made.
 *
 * Returns: whether the estimate changed
 */
gboolean
staple_stage_row_learn_size (StapleStageRow *self)
{
  gboolean changed = FALSE;
  GtkWidget *row;
  int bare;

  g_return_val_if_fail (STAPLE_IS_STAGE_ROW (self), FALSE);

  if (self->body == NULL || gtk_widget_get_height (GTK_WIDGET (self->body)) <= 0)
    return FALSE;

  bare = gtk_widget_get_height (GTK_WIDGET (self->body)) -
         gtk_widget_get_height (GTK_WIDGET (self->body->frictions_list));
  if (bare > 0 && bare != bare_height)
    {
      bare_height = bare;
      changed = TRUE;
    }

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->body->frictions_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (STAPLE_IS_FRICTION_ROW (row) && staple_friction_row_is_made (STAPLE_FRICTION_ROW (row)))
        {
          changed = staple_friction_row_learn_height (STAPLE_FRICTION_ROW (row)) || changed;
          break;
        }
    }

  return changed;
}

/**
 * staple_stage_row_update_place:
 *
 * Sizes the places of what is not yet made by the latest estimate.
 */
void
staple_stage_row_update_place (StapleStageRow *self)
{
  GtkWidget *row;

  g_return_if_fail (STAPLE_IS_STAGE_ROW (self));

  update_place (self);
  if (self->body == NULL)
    return;

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->body->frictions_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (STAPLE_IS_FRICTION_ROW (row))
      staple_friction_row_update_place (STAPLE_FRICTION_ROW (row));
}

/* The height @widget is laid out with, or else @estimate. */
static double
height_of (GtkWidget *widget,
           int        estimate)
{
  return gtk_widget_get_height (widget) > 0 ? gtk_widget_get_height (widget) : estimate;
}

/**
 * staple_stage_row_make_between:
 * @y: where the row starts, in the page's coordinates
 * @top: the top of the part of the page to make
 * @bottom: its bottom
 * @keep_top: the top of the part to keep made, above @top
 * @keep_bottom: its bottom, below @bottom
 *
 * Makes the stage's card, if it lies between @top and @bottom, and the rows
 * of its friction points that do; lets the rows outside @keep_top to
 * @keep_bottom go. Where they are not laid out yet, they are placed by
 * estimate.
 *
 * Returns: the row's height, laid out or estimated
 */
double
staple_stage_row_make_between (StapleStageRow *self,
                               double          y,
                               double          top,
                               double          bottom,
                               double          keep_top,
                               double          keep_bottom)
{
  double height, card_y;
  graphene_rect_t bounds;
  GtkWidget *list;
  GtkWidget *row;

  g_return_val_if_fail (STAPLE_IS_STAGE_ROW (self), 0);

  height = height_of (GTK_WIDGET (self), estimate_height (self));
  if (self->body == NULL && (y + height < top || y > bottom))
    return height;

  if (y + height >= top && y <= bottom)
    staple_stage_row_make (self);
  list = GTK_WIDGET (self->body->frictions_list);

  /* The cards lie under the stage's fields, above the entry that adds one
   * (some 64 pixels with the card's padding). */
  card_y = y + bare_height - 64;
  if (gtk_widget_get_height (list) > 0 &&
      gtk_widget_compute_bounds (list, GTK_WIDGET (self), &bounds))
    card_y = y + bounds.origin.y;

  for (row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      double row_height = height_of (row, staple_friction_row_estimate_height ());

      if (!STAPLE_IS_FRICTION_ROW (row))
        continue;

      if (card_y + row_height >= top && card_y <= bottom)
        staple_friction_row_make (STAPLE_FRICTION_ROW (row));
      else if (card_y + row_height < keep_top || card_y > keep_bottom)
        staple_friction_row_unmake (STAPLE_FRICTION_ROW (row));
      card_y += row_height;
    }

  return height;
}

/**
 * staple_stage_row_new:
 * @editor: the editor of the stage's session
 * @stage: the stage to show
 *
 * Makes the row; its card is made when it is needed (see
 * staple_stage_row_make()).
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

  self->place = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->place, "card");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->place);
  g_signal_connect_object (staple_stage_get_frictions (stage), "items-changed",
                           G_CALLBACK (update_place), self, G_CONNECT_SWAPPED);
  update_place (self);

  return self;
}

/* The keyboard going into the row (Tab, Shift+Tab, the arrows) finds its
 * fields there. */
static gboolean
staple_stage_row_focus_vfunc (GtkWidget        *widget,
                              GtkDirectionType  direction)
{
  staple_stage_row_make (STAPLE_STAGE_ROW (widget));

  return GTK_WIDGET_CLASS (staple_stage_row_parent_class)->focus (widget, direction);
}

static void
staple_stage_row_dispose (GObject *object)
{
  StapleStageRow *self = STAPLE_STAGE_ROW (object);

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
  widget_class->focus = staple_stage_row_focus_vfunc;

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
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "stage-row");
}

static void
staple_stage_body_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STAPLE_TYPE_STAGE_BODY);

  G_OBJECT_CLASS (staple_stage_body_parent_class)->dispose (object);
}

static void
staple_stage_body_class_init (StapleStageBodyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_stage_body_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staple-stage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, number_label);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, name_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, team_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, channel_bin);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, work_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, wait_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, work_message);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, wait_message);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, customer_spin);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, staff_spin);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, handoff_check);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, dropped_check);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, frictions_list);
  gtk_widget_class_bind_template_child (widget_class, StapleStageBody, add_friction_entry);
  gtk_widget_class_bind_template_callback (widget_class, add_friction_cb);
}

static void
staple_stage_body_init (StapleStageBody *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  staple_field_hold_any_length (GTK_EDITABLE (self->add_friction_entry));
}
