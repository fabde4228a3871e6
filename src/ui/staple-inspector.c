/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-inspector.c: the side panel that edits the selected stage or
 * friction point, field by field, through the window's edit actions. */
#define G_LOG_DOMAIN "staple-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-field.h"
#include "staple-inspector.h"
#include "staple-principle-picker.h"

struct _StapleInspector
{
  AdwBin         parent_instance;

  StapleSession *session;
  GObject       *object;
};

G_DEFINE_FINAL_TYPE (StapleInspector, staple_inspector, ADW_TYPE_BIN)

static void
send_stage_field (GtkWidget  *widget,
                  const char *property,
                  GVariant   *value,
                  gpointer    user_data)
{
  StapleInspector *self = user_data;

  if (STAPLE_IS_STAGE (self->object))
    gtk_widget_activate_action (widget, "win.set-stage-field", "(isv)",
                                staple_stage_get_position (STAPLE_STAGE (self->object)),
                                property, value);
}

static void
send_friction_field (GtkWidget  *widget,
                     const char *property,
                     GVariant   *value,
                     gpointer    user_data)
{
  StapleInspector *self = user_data;
  StapleStage *stage = NULL;
  guint index = 0;

  if (STAPLE_IS_FRICTION (self->object) &&
      staple_session_find_friction (self->session,
                                    staple_friction_get_id (STAPLE_FRICTION (self->object)),
                                    &stage, &index) != NULL)
    gtk_widget_activate_action (widget, "win.set-friction-field", "(iisv)",
                                staple_stage_get_position (stage), (int) index, property,
                                value);
}

static GtkWidget *
row_with (AdwPreferencesGroup *group,
          const char          *title,
          GtkWidget           *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  gtk_accessible_update_property (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           GObject             *object,
           const char          *property,
           gboolean             required,
           StapleFieldSend      send,
           gpointer             user_data)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  staple_field_bind_editable (GTK_EDITABLE (row), object, property, required, send, user_data);
  adw_preferences_group_add (group, row);
  return row;
}

static void
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          GObject             *object,
          const char          *property,
          int                  min,
          int                  max,
          StapleFieldSend      send,
          gpointer             user_data)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  row_with (group, title, spin);
  staple_field_bind_spin (GTK_SPIN_BUTTON (spin), object, property, send, user_data);
}

/* A time typed as people say it; why a text is refused shows under the
 * row's title. */
static void
duration_row (AdwPreferencesGroup *group,
              const char          *title,
              GObject             *object,
              const char          *property,
              StapleFieldSend      send,
              gpointer             user_data)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *row;

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  row = row_with (group, title, entry);
  staple_field_bind_duration (GTK_EDITABLE (entry), row, object, property, send, user_data);
}

static void
dropdown_row (AdwPreferencesGroup *group,
              const char          *title,
              GObject             *object,
              const char          *property,
              GType                enum_type,
              StapleFieldSend      send,
              gpointer             user_data)
{
  g_autoptr(GListModel) labels = staple_field_enum_labels (enum_type);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), labels);
  adw_preferences_group_add (group, row);
  staple_field_bind_dropdown (row, object, property, send, user_data);
}

static GtkWidget *
check_row (AdwPreferencesGroup *group,
           const char          *title,
           GObject             *object,
           const char          *property,
           StapleFieldSend      send,
           gpointer             user_data)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row = row_with (group, title, check);

  staple_field_bind_check (GTK_CHECK_BUTTON (check), object, property, send, user_data);
  return row;
}

static GtkWidget *
stage_page (StapleInspector *self,
            StapleStage     *stage)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *feelings = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GObject *object = G_OBJECT (stage);
  g_autofree char *title = g_strdup_printf (_("Stage %d"), staple_stage_get_position (stage) + 1);
  GtkWidget *handoff;

  adw_preferences_group_set_title (group, title);
  entry_row (group, _("Name"), object, "name", TRUE, send_stage_field, self);
  entry_row (group, _("Team that owns it"), object, "team", FALSE, send_stage_field, self);
  dropdown_row (group, _("Channel"), object, "channel", STAPLE_TYPE_CHANNEL,
                send_stage_field, self);
  duration_row (group, _("Work time"), object, "work-minutes", send_stage_field, self);
  duration_row (group, _("Waiting time"), object, "wait-minutes", send_stage_field, self);
  handoff = check_row (group, _("Handed over from another team"), object, "handoff",
                       send_stage_field, self);
  /* What the mark does: see staple_summary_is_handoff(). */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (handoff),
                               staple_stage_get_position (stage) == 0
                               ? _("The journey starts here: no stage hands it the work")
                               : _("A handoff into this stage, drawn on the map and counted "
                                   "in the totals"));
  check_row (group, _("Dropped or sent to the wrong team"), object, "dropped",
             send_stage_field, self);
  entry_row (group, _("What happens here"), object, "notes", FALSE, send_stage_field, self);

  adw_preferences_group_set_title (feelings, _("Feelings"));
  adw_preferences_group_set_description (feelings, _("From −2 (angry, stuck) to +2 (delighted)"));
  spin_row (feelings, _("The customer"), object, "customer-feeling", STAPLE_FEELING_MIN,
            STAPLE_FEELING_MAX, send_stage_field, self);
  spin_row (feelings, _("The staff"), object, "staff-feeling", STAPLE_FEELING_MIN,
            STAPLE_FEELING_MAX, send_stage_field, self);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (feelings));
  return box;
}

static void
explain_principle (StapleFriction *friction,
                   GParamSpec     *pspec,
                   GtkLabel       *label)
{
  gtk_label_set_text (label,
                      staple_principle_get_explanation (staple_friction_get_principle (friction)));
}

static GtkWidget *
friction_page (StapleInspector *self,
               StapleFriction  *friction)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GObject *object = G_OBJECT (friction);
  guint n_votes = staple_session_count_votes_for (self->session,
                                                  staple_friction_get_id (friction));
  g_autofree char *votes = g_strdup_printf (ngettext ("%u vote", "%u votes", n_votes), n_votes);
  GtkWidget *explanation = gtk_label_new (NULL);

  adw_preferences_group_set_title (group, _("Friction Point"));
  adw_preferences_group_set_description (group, votes);
  entry_row (group, _("What gets in the way"), object, "text", TRUE, send_friction_field, self);
  dropdown_row (group, _("Kind"), object, "kind", STAPLE_TYPE_FRICTION_KIND,
                send_friction_field, self);
  spin_row (group, _("Severity (1–5)"), object, "severity", STAPLE_SEVERITY_MIN,
            STAPLE_SEVERITY_MAX, send_friction_field, self);
  /* The whole name, wrapped; the picker takes part of a name or a number. */
  adw_preferences_group_add (group,
                             staple_principle_picker_row_new (self->session, friction,
                                                              _("Principle it goes against")));
  entry_row (group, _("Notes"), object, "notes", FALSE, send_friction_field, self);

  /* Why the principle matters, in a sentence, for the room to read. */
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_add_css_class (explanation, "dim-label");
  g_signal_connect_object (friction, "notify::principle", G_CALLBACK (explain_principle),
                           explanation, 0);
  explain_principle (friction, NULL, GTK_LABEL (explanation));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
  gtk_box_append (GTK_BOX (box), explanation);
  return box;
}

static GtkWidget *
empty_page (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Nothing Selected"));
  GtkWidget *hint = gtk_label_new (_("Select a stage or a friction point on the map to edit it "
                                     "here. Click an empty spot in a stage to add a card."));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_margin_top (box, 24);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), hint);
  return box;
}

/**
 * staple_inspector_show:
 * @object: (nullable): a #StapleStage or #StapleFriction of the session
 *
 * Shows the fields of @object, or a hint when nothing is selected.
 */
void
staple_inspector_show (StapleInspector *self,
                       gpointer         object)
{
  GtkWidget *page;

  g_return_if_fail (STAPLE_IS_INSPECTOR (self));

  if (object == self->object && object != NULL)
    return;

  g_set_object (&self->object, object);

  if (STAPLE_IS_STAGE (object) && self->session != NULL)
    page = stage_page (self, object);
  else if (STAPLE_IS_FRICTION (object) && self->session != NULL)
    page = friction_page (self, object);
  else
    page = empty_page ();

  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 12);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_bin_set_child (ADW_BIN (self), page);
}

/**
 * staple_inspector_set_session:
 * @session: (nullable): the session whose elements are shown
 */
void
staple_inspector_set_session (StapleInspector *self,
                              StapleSession   *session)
{
  g_return_if_fail (STAPLE_IS_INSPECTOR (self));

  g_set_object (&self->session, session);
  g_clear_object (&self->object);
  staple_inspector_show (self, NULL);
}

static void
staple_inspector_dispose (GObject *object)
{
  StapleInspector *self = STAPLE_INSPECTOR (object);

  g_clear_object (&self->object);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (staple_inspector_parent_class)->dispose (object);
}

static void
staple_inspector_class_init (StapleInspectorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = staple_inspector_dispose;
}

static void
staple_inspector_init (StapleInspector *self)
{
  staple_inspector_show (self, NULL);
}

/**
 * staple_inspector_new:
 *
 * Returns: (transfer floating): an empty side panel
 */
GtkWidget *
staple_inspector_new (void)
{
  return g_object_new (STAPLE_TYPE_INSPECTOR, NULL);
}
