/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-preferences.c: the timeboxes of the phases, and how the timer
 * behaves, kept in GSettings. */
#define G_LOG_DOMAIN "staple-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-model.h"
#include "staple-preferences.h"

static void
add_minutes_row (AdwPreferencesGroup *group,
                 GSettings           *settings,
                 StaplePhase          phase)
{
  g_autofree char *key = g_strdup_printf ("%s-minutes", staple_enum_to_nick (STAPLE_TYPE_PHASE,
                                                                             phase));
  g_autofree char *title = g_strdup_printf (_("%d. %s"), phase + 1, staple_phase_get_label (phase));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 480, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), staple_phase_get_purpose (phase));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("min")));
  g_settings_bind (settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (group, row);
}

static void
add_switch_row (AdwPreferencesGroup *group,
                GSettings           *settings,
                const char          *key,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (group, row);
}

/**
 * staple_preferences_new:
 * @parent: the window it belongs to
 * @settings: the application's settings
 *
 * Returns: (transfer floating): the preferences window
 */
GtkWidget *
staple_preferences_new (GtkWindow *parent,
                        GSettings *settings)
{
  GtkWidget *window = adw_preferences_window_new ();
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *timer = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *boxes = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_page_set_title (page, _("Workshop"));
  adw_preferences_page_set_icon_name (page, "alarm-symbolic");

  adw_preferences_group_set_title (timer, _("Timer"));
  add_switch_row (timer, settings, "timer-starts-with-phase", _("Start with each phase"),
                  _("Moving to a phase starts its countdown"));
  add_switch_row (timer, settings, "timer-sound", _("Sound at zero"),
                  _("A short sound when a timebox runs out, besides the change of colour"));

  adw_preferences_group_set_title (boxes, _("Timeboxes"));
  adw_preferences_group_set_description (boxes, _("How long each phase lasts, in minutes"));
  for (int phase = 0; phase < STAPLE_N_PHASES; phase++)
    add_minutes_row (boxes, settings, phase);

  adw_preferences_page_add (page, timer);
  adw_preferences_page_add (page, boxes);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), page);
  return window;
}
