/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-empowerment-row.c: one item of the empowerment list, something
 * front-line staff may now decide without asking. Edits go through the
 * window's actions, addressed by the item's place in the session's list. */
#define G_LOG_DOMAIN "staple-empowerment-row"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-empowerment-row.h"
#include "staple-field.h"

struct _StapleEmpowermentRow
{
  GtkListBoxRow      parent_instance;

  GtkEntry          *text_entry;

  StapleSession     *session;
  StapleEmpowerment *item;
};

G_DEFINE_FINAL_TYPE (StapleEmpowermentRow, staple_empowerment_row, GTK_TYPE_LIST_BOX_ROW)

/**
 * staple_empowerment_row_focus:
 *
 * Puts the keyboard focus on the item's text.
 */
void
staple_empowerment_row_focus (StapleEmpowermentRow *self)
{
  g_return_if_fail (STAPLE_IS_EMPOWERMENT_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

/* −1 once the item has left the session (the row is about to go too). */
static int
item_index (StapleEmpowermentRow *self)
{
  guint position;

  if (!g_list_store_find (staple_session_get_empowerments (self->session), self->item,
                          &position))
    return -1;

  return (int) position;
}

static void
send_empowerment_field (GtkWidget  *widget,
                        const char *property,
                        GVariant   *value,
                        gpointer    user_data)
{
  StapleEmpowermentRow *self = user_data;
  int index = item_index (self);

  if (index < 0)
    {
      g_variant_unref (g_variant_ref_sink (value));
      return;
    }

  gtk_widget_activate_action (widget, "win.set-empowerment-field", "(isv)", index, property,
                              value);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(StapleEmpowermentRow) self = g_object_ref (STAPLE_EMPOWERMENT_ROW (widget));
  GtkWidget *list = gtk_widget_get_parent (widget);
  int index = item_index (self);
  GtkListBoxRow *next;

  if (index < 0)
    return;

  gtk_widget_activate_action (widget, "win.delete-empowerment", "i", index);

  /* The focus goes to the row that took this one's place, or the last. */
  if (!GTK_IS_LIST_BOX (list) || gtk_widget_get_parent (widget) == list)
    return;
  next = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index - 1);
  if (next != NULL)
    gtk_widget_child_focus (GTK_WIDGET (next), GTK_DIR_TAB_FORWARD);
}

static void
build (StapleEmpowermentRow *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_margin_top (line, 6);
  gtk_widget_set_margin_bottom (line, 6);
  gtk_widget_set_margin_start (line, 12);
  gtk_widget_set_margin_end (line, 6);

  self->text_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->text_entry), TRUE);
  gtk_entry_set_placeholder_text (self->text_entry,
                                  _("What staff may now decide without asking"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Empowerment"), -1);
  staple_field_bind_editable (GTK_EDITABLE (self->text_entry), G_OBJECT (self->item), "text",
                              TRUE, send_empowerment_field, self);
  staple_field_bind_tooltip (GTK_WIDGET (self->text_entry), G_OBJECT (self->item), "text");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "empowerment-row.delete");
  gtk_widget_set_tooltip_text (delete, _("Delete Item (Alt+Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete Item"), -1);
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");

  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->text_entry));
  gtk_box_append (GTK_BOX (line), delete);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), line);
}

/**
 * staple_empowerment_row_new:
 * @session: the session holding @item
 * @item: the item of the empowerment list to show
 *
 * Returns: (transfer floating): a row showing and editing @item
 */
StapleEmpowermentRow *
staple_empowerment_row_new (StapleSession     *session,
                            StapleEmpowerment *item)
{
  StapleEmpowermentRow *self;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (STAPLE_IS_EMPOWERMENT (item), NULL);

  self = g_object_new (STAPLE_TYPE_EMPOWERMENT_ROW, NULL);
  self->session = g_object_ref (session);
  self->item = g_object_ref (item);
  build (self);

  return self;
}

static void
staple_empowerment_row_dispose (GObject *object)
{
  StapleEmpowermentRow *self = STAPLE_EMPOWERMENT_ROW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (staple_empowerment_row_parent_class)->dispose (object);
}

static void
staple_empowerment_row_class_init (StapleEmpowermentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_empowerment_row_dispose;

  gtk_widget_class_install_action (widget_class, "empowerment-row.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_ALT_MASK,
                                       "empowerment-row.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, GDK_ALT_MASK,
                                       "empowerment-row.delete", NULL);
}

static void
staple_empowerment_row_init (StapleEmpowermentRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}
