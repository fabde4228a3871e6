/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-session-page.c: one session, its frame and its journey. */
#define G_LOG_DOMAIN "staple-session-page"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-field.h"
#include "staple-session-page.h"
#include "staple-stage-row.h"

struct _StapleSessionPage
{
  AdwBin          parent_instance;

  AdwWindowTitle *window_title;
  GtkListBox     *stages_list;
  AdwEntryRow    *add_stage_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *organisation_row;
  AdwEntryRow    *date_row;
  AdwEntryRow    *location_row;
  AdwEntryRow    *facilitator_row;
  AdwEntryRow    *customer_row;
  AdwEntryRow    *work_item_row;
  AdwEntryRow    *question_row;

  StapleEditor   *editor;
};

G_DEFINE_FINAL_TYPE (StapleSessionPage, staple_session_page, ADW_TYPE_BIN)

static void
send_session_field (GtkWidget  *widget,
                    const char *property,
                    GVariant   *value,
                    gpointer    user_data)
{
  gtk_widget_activate_action (widget, "win.set-session-field", "(sv)", property, value);
}

static void
update_title (StapleSessionPage *self)
{
  StapleSession *session;

  if (self->editor == NULL)
    return;

  session = staple_editor_get_session (self->editor);
  adw_window_title_set_title (self->window_title, staple_session_get_title (session));
  adw_window_title_set_subtitle (self->window_title, staple_session_get_organisation (session));
}

static GtkWidget *
create_stage_row (gpointer item,
                  gpointer user_data)
{
  StapleSessionPage *self = user_data;

  return GTK_WIDGET (staple_stage_row_new (self->editor, STAPLE_STAGE (item)));
}

static void
bind_frame (StapleSessionPage *self,
            StapleSession     *session)
{
  struct { AdwEntryRow *row; const char *property; gboolean required; } rows[] = {
    { self->title_row, "title", TRUE },
    { self->organisation_row, "organisation", FALSE },
    { self->date_row, "date", FALSE },
    { self->location_row, "location", FALSE },
    { self->facilitator_row, "facilitator", FALSE },
    { self->customer_row, "customer", FALSE },
    { self->work_item_row, "work-item", FALSE },
    { self->question_row, "question", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    staple_field_bind_editable (GTK_EDITABLE (rows[i].row), G_OBJECT (session),
                                rows[i].property, rows[i].required,
                                send_session_field, self);

  g_signal_connect_object (session, "notify::title", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::organisation", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
}

/**
 * staple_session_page_set_editor:
 * @editor: (nullable): the editor of the session to show
 */
void
staple_session_page_set_editor (StapleSessionPage *self,
                                StapleEditor      *editor)
{
  StapleSession *session;

  g_return_if_fail (STAPLE_IS_SESSION_PAGE (self));

  if (!g_set_object (&self->editor, editor))
    return;

  /* Half-typed text belongs to the session it was typed for. */
  gtk_editable_set_text (GTK_EDITABLE (self->add_stage_row), "");

  if (editor == NULL)
    {
      gtk_list_box_bind_model (self->stages_list, NULL, NULL, NULL, NULL);
      return;
    }

  session = staple_editor_get_session (editor);
  bind_frame (self, session);
  gtk_list_box_bind_model (self->stages_list, G_LIST_MODEL (staple_session_get_stages (session)),
                           create_stage_row, self, NULL);
  update_title (self);
}

/**
 * staple_session_page_focus_title:
 *
 * Puts the keyboard focus on the session's title, its text selected, as
 * for a session just made.
 */
void
staple_session_page_focus_title (StapleSessionPage *self)
{
  g_return_if_fail (STAPLE_IS_SESSION_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  gtk_editable_select_region (GTK_EDITABLE (self->title_row), 0, -1);
}

static void
add_stage_cb (StapleSessionPage *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->add_stage_row);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  GListModel *stages;
  guint n_before;

  if (*name == '\0' || self->editor == NULL)
    return;

  stages = G_LIST_MODEL (staple_session_get_stages (staple_editor_get_session (self->editor)));
  n_before = g_list_model_get_n_items (stages);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-stage", "s", name);

  /* Only clear what was typed once it is safely in. */
  if (g_list_model_get_n_items (stages) > n_before)
    gtk_editable_set_text (editable, "");
}

static void
staple_session_page_dispose (GObject *object)
{
  StapleSessionPage *self = STAPLE_SESSION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STAPLE_TYPE_SESSION_PAGE);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (staple_session_page_parent_class)->dispose (object);
}

static void
staple_session_page_class_init (StapleSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_session_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staple-session-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, stages_list);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, add_stage_row);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, location_row);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, facilitator_row);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, customer_row);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, work_item_row);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, question_row);
  gtk_widget_class_bind_template_callback (widget_class, add_stage_cb);
}

static void
staple_session_page_init (StapleSessionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
