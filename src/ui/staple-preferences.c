/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-preferences.c: the timeboxes of the phases, how the timer
 * behaves, and the networks phones may join the room on, kept in
 * GSettings. */
#define G_LOG_DOMAIN "staple-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-model.h"
#include "staple-preferences.h"
#include "staple-room-address.h"

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

/* The room's networks: a switch per interface on a local network now, and
 * one per interface allowed before that is not connected now. All on is
 * kept as [] (every local network, the default); at least one stays on. */

#define NETWORK_KEY "room-networks"

/* The last switch on cannot be turned off. Returns how many are on. */
static guint
networks_update_sensitive (GPtrArray *switches)
{
  guint n_on = 0;

  for (guint i = 0; i < switches->len; i++)
    n_on += gtk_switch_get_active (g_ptr_array_index (switches, i));
  for (guint i = 0; i < switches->len; i++)
    {
      GtkWidget *toggle = g_ptr_array_index (switches, i);
      gboolean last = n_on == 1 && gtk_switch_get_active (GTK_SWITCH (toggle));

      gtk_widget_set_sensitive (toggle, !last);
      gtk_widget_set_tooltip_text (toggle, last ? _("The room needs at least one network") : NULL);
    }
  return n_on;
}

static void
networks_store (AdwPreferencesGroup *group)
{
  GSettings *settings = g_object_get_data (G_OBJECT (group), "settings");
  GPtrArray *switches = g_object_get_data (G_OBJECT (group), "switches");
  g_autoptr(GStrvBuilder) allowed = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  gboolean all_on = TRUE, any_absent = FALSE;

  if (networks_update_sensitive (switches) == 0)
    return;

  for (guint i = 0; i < switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (switches, i);

      any_absent |= !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), "present"));
      if (gtk_switch_get_active (toggle))
        g_strv_builder_add (allowed, g_object_get_data (G_OBJECT (toggle), "interface"));
      else
        all_on = FALSE;
    }
  names = all_on && !any_absent ? g_new0 (char *, 1) : g_strv_builder_end (allowed);
  g_settings_set_strv (settings, NETWORK_KEY, (const char * const *) names);
}

static void
network_toggled_cb (GtkSwitch           *toggle,
                    GParamSpec          *pspec,
                    AdwPreferencesGroup *group)
{
  networks_store (group);
}

static void
add_network_row (AdwPreferencesGroup *group,
                 const char          *interface,
                 const char          *subtitle,
                 gboolean             present,
                 gboolean             active)
{
  GPtrArray *switches = g_object_get_data (G_OBJECT (group), "switches");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), interface);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  g_object_set_data_full (G_OBJECT (toggle), "interface", g_strdup (interface), g_free);
  g_object_set_data (G_OBJECT (toggle), "present", GINT_TO_POINTER (present));
  g_signal_connect (toggle, "notify::active", G_CALLBACK (network_toggled_cb), group);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (switches, toggle);
}

static AdwPreferencesGroup *
networks_group_new (GSettings *settings)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GPtrArray) networks = staple_room_address_list_local ();
  g_auto(GStrv) allowed = g_settings_get_strv (settings, NETWORK_KEY);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *switches = g_ptr_array_new ();

  adw_preferences_group_set_title (group, _("Networks for Phones"));
  adw_preferences_group_set_description (
    group, _("Phones join the room only on the networks switched on here, never from the "
             "internet. A change applies the next time the room opens."));
  g_object_set_data_full (G_OBJECT (group), "settings", g_object_ref (settings), g_object_unref);
  g_object_set_data_full (G_OBJECT (group), "switches", switches,
                          (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < networks->len; i++)
    {
      StapleRoomNetwork *network = g_ptr_array_index (networks, i);
      g_autofree char *address = g_inet_address_to_string (network->address);
      GString *subtitle;
      gboolean active;

      /* One row per interface, with each of its addresses */
      subtitle = g_hash_table_lookup (shown, network->interface);
      if (subtitle != NULL)
        continue;
      subtitle = g_string_new (address);
      for (guint j = i + 1; j < networks->len; j++)
        {
          StapleRoomNetwork *other = g_ptr_array_index (networks, j);

          if (g_str_equal (other->interface, network->interface))
            {
              g_autofree char *more = g_inet_address_to_string (other->address);

              g_string_append_printf (subtitle, ", %s", more);
            }
        }
      active = allowed[0] == NULL || g_strv_contains ((const char * const *) allowed,
                                                       network->interface);
      add_network_row (group, network->interface, subtitle->str, TRUE, active);
      g_hash_table_add (shown, g_strdup (network->interface));
      g_string_free (subtitle, TRUE);
    }
  for (guint i = 0; allowed[i] != NULL; i++)
    if (!g_hash_table_contains (shown, allowed[i]))
      {
        add_network_row (group, allowed[i], _("Not connected now"), FALSE, TRUE);
        g_hash_table_add (shown, g_strdup (allowed[i]));
      }

  if (switches->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("This computer is not on a local network now"));
      adw_preferences_group_add (group, row);
    }
  networks_update_sensitive (switches);
  return group;
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

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Room"));
  adw_preferences_page_set_icon_name (page, "network-wireless-symbolic");
  adw_preferences_page_add (page, networks_group_new (settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), page);
  return window;
}
