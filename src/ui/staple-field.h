/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Hands a widget's new value on as an edit (a `win.` action). */
typedef void (*StapleFieldSend) (GtkWidget  *widget,
                                 const char *property,
                                 GVariant   *value,
                                 gpointer    user_data);

void staple_field_bind_editable (GtkEditable     *editable,
                                 GObject         *object,
                                 const char      *property,
                                 gboolean         required,
                                 StapleFieldSend  send,
                                 gpointer         user_data);
void staple_field_bind_spin     (GtkSpinButton   *spin,
                                 GObject         *object,
                                 const char      *property,
                                 StapleFieldSend  send,
                                 gpointer         user_data);
void staple_field_bind_duration (GtkEditable     *editable,
                                 GtkWidget       *message,
                                 GObject         *object,
                                 const char      *property,
                                 StapleFieldSend  send,
                                 gpointer         user_data);
void staple_field_bind_date     (GtkEditable     *editable,
                                 GtkWidget       *message,
                                 GObject         *object,
                                 const char      *property,
                                 StapleFieldSend  send,
                                 gpointer         user_data);
void staple_field_bind_check    (GtkCheckButton  *check,
                                 GObject         *object,
                                 const char      *property,
                                 StapleFieldSend  send,
                                 gpointer         user_data);
void staple_field_bind_dropdown (GtkWidget       *dropdown,
                                 GObject         *object,
                                 const char      *property,
                                 StapleFieldSend  send,
                                 gpointer         user_data);
void staple_field_hold_any_length (GtkEditable   *editable);
void staple_field_bind_tooltip  (GtkWidget       *widget,
                                 GObject         *object,
                                 const char      *property);
GtkDropDown *staple_field_enum_dropdown_new (GType enum_type);
GListModel  *staple_field_enum_labels       (GType enum_type);

G_END_DECLS
