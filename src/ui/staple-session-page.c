/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-session-page.c: one session, its frame and its journey. */
#define G_LOG_DOMAIN "staple-session-page"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-field.h"
#include "staple-inspector.h"
#include "staple-map-view.h"
#include "staple-session-page.h"
#include "staple-stage-row.h"

struct _StapleSessionPage
{
  AdwBin          parent_instance;

  AdwViewSwitcherTitle *window_title;
  AdwViewStack   *view_stack;
  GtkWidget      *zoom_box;
  StapleMapView  *map_view;
  StapleInspector *inspector;
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
  adw_view_switcher_title_set_title (self->window_title, staple_session_get_title (session));
  adw_view_switcher_title_set_subtitle (self->window_title,
                                        staple_session_get_organisation (session));
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
      staple_map_view_set_session (self->map_view, NULL);
      staple_inspector_set_session (self->inspector, NULL);
      return;
    }

  session = staple_editor_get_session (editor);
  staple_map_view_set_session (self->map_view, session);
  staple_inspector_set_session (self->inspector, session);
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
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

  adw_view_stack_set_visible_child_name (self->view_stack, "details");
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
selection_changed_cb (StapleSessionPage *self)
{
  staple_inspector_show (self->inspector,
                         staple_map_view_get_selected_object (self->map_view));
}

static void
page_changed_cb (StapleSessionPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  gtk_widget_set_visible (self->zoom_box, g_strcmp0 (name, "map") == 0);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StapleSessionPage *self = STAPLE_SESSION_PAGE (widget);
  double zoom = staple_map_view_get_zoom (self->map_view);

  if (g_str_equal (action_name, "page.zoom-in"))
    staple_map_view_set_zoom (self->map_view, zoom * 1.2);
  else if (g_str_equal (action_name, "page.zoom-out"))
    staple_map_view_set_zoom (self->map_view, zoom / 1.2);
  else
    staple_map_view_zoom_to_fit (self->map_view);
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
  g_type_ensure (STAPLE_TYPE_MAP_VIEW);
  g_type_ensure (STAPLE_TYPE_INSPECTOR);

  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, map_view);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, inspector);
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
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  gtk_widget_class_install_action (widget_class, "page.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-fit", NULL, zoom_action);
}

static void
staple_session_page_init (StapleSessionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
