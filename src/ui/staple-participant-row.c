/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-participant-row.c: one person in the room: name and role. */
#define G_LOG_DOMAIN "staple-participant-row"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-field.h"
#include "staple-participant-row.h"

struct _StapleParticipantRow
{
  GtkListBoxRow      parent_instance;

  StapleSession     *session;
  StapleParticipant *participant;
};

G_DEFINE_FINAL_TYPE (StapleParticipantRow, staple_participant_row, GTK_TYPE_LIST_BOX_ROW)

static int
index_of (StapleParticipantRow *self)
{
  guint index;

  if (!g_list_store_find (staple_session_get_participants (self->session), self->participant,
                          &index))
    return -1;

  return (int) index;
}

static void
send_field (GtkWidget  *widget,
            const char *property,
            GVariant   *value,
            gpointer    user_data)
{
  StapleParticipantRow *self = user_data;
  int index = index_of (self);

  if (index >= 0)
    gtk_widget_activate_action (widget, "win.set-participant-field", "(isv)", index, property,
                                value);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StapleParticipantRow *self = STAPLE_PARTICIPANT_ROW (widget);
  int index = index_of (self);

  if (index >= 0)
    gtk_widget_activate_action (widget, "win.delete-participant", "i", index);
}

static GtkWidget *
entry (const char *placeholder)
{
  GtkWidget *widget = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (widget), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  return widget;
}

/**
 * staple_participant_row_new:
 * @session: the participant's session
 * @participant: who to show
 *
 * Returns: (transfer floating): a row editing the participant's name and role
 */
StapleParticipantRow *
staple_participant_row_new (StapleSession     *session,
                            StapleParticipant *participant)
{
  StapleParticipantRow *self;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = entry (_("Name"));
  GtkWidget *role = entry (_("Role"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), NULL);

  self = g_object_new (STAPLE_TYPE_PARTICIPANT_ROW, "activatable", FALSE, "selectable", FALSE,
                       NULL);
  self->session = g_object_ref (session);
  self->participant = g_object_ref (participant);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_hexpand (role, TRUE);
  staple_field_bind_editable (GTK_EDITABLE (name), G_OBJECT (participant), "name", TRUE,
                              send_field, self);
  staple_field_bind_editable (GTK_EDITABLE (role), G_OBJECT (participant), "role", FALSE,
                              send_field, self);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "participant.delete");
  gtk_widget_set_tooltip_text (remove, _("Remove from the Session (Alt+Delete)"));
  gtk_widget_add_css_class (remove, "flat");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), role);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  return self;
}

static void
staple_participant_row_dispose (GObject *object)
{
  StapleParticipantRow *self = STAPLE_PARTICIPANT_ROW (object);

  g_clear_object (&self->participant);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (staple_participant_row_parent_class)->dispose (object);
}

static void
staple_participant_row_class_init (StapleParticipantRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = staple_participant_row_dispose;

  gtk_widget_class_install_action (widget_class, "participant.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_ALT_MASK,
                                       "participant.delete", NULL);
}

static void
staple_participant_row_init (StapleParticipantRow *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}
