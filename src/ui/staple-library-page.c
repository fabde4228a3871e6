/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-library-page.c: every saved session, newest first.
 *
 * The sessions are a #StapleSessionPages: the store reads only which
 * sessions a search finds, and their rows as the list view shows them, so
 * a library of years opens and searches as fast as a library of one. The
 * page reads nothing while it is not shown. */
#define G_LOG_DOMAIN "staple-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-field.h"
#include "staple-library-page.h"
#include "staple-model.h"
#include "staple-text.h"

#define MAX_QUERY_CHARS 256
#define FIRST_SCREEN_ROWS 30
#define GROWN_ROWS 200

struct _StapleLibraryPage
{
  AdwBin          parent_instance;

  GtkStack       *content_stack;
  GtkListView    *list_view;
  GtkWidget      *new_button;
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkDropDown    *organisation_dropdown;
  GtkWidget      *review_button;  /* shown while one organisation is chosen */
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkDropDown    *sort_dropdown;

  StapleStore    *store;
  GtkStringList  *organisations;
  GListModel     *sessions;
  gboolean        reloading;
  gboolean        stale;       /* to read again when next shown */
  gboolean        focus_pending;
  guint           reload_idle;
  guint           grow_tick;   /* the list grows to all its rows once laid out */
};

G_DEFINE_FINAL_TYPE (StapleLibraryPage, staple_library_page, ADW_TYPE_BIN)

enum {
  OPEN_SESSION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_date (const char *iso_date)
{
  g_autofree char *written = staple_date_format_long (iso_date);

  return staple_text_bound (written, STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_ONE_LINE);
}

static char *
describe (StapleSessionSummary *summary)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_stages = staple_session_summary_get_n_stages (summary);
  guint n_frictions = staple_session_summary_get_n_frictions (summary);
  guint n_open = staple_session_summary_get_n_open_actions (summary);
  const char *organisation = staple_session_summary_get_organisation (summary);
  const char *date = staple_session_summary_get_date (summary);

  /* Each between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL
   * ISOLATE: a Hebrew organisation or an Arabic month's name would otherwise
   * draw the numbers beside it into its right-to-left run ("14 10 · 2026
   * أكتوبر stages"). */
  if (*organisation != '\0')
    {
      g_autofree char *shown = staple_text_bound (organisation, STAPLE_TEXT_SHORT,
                                                  STAPLE_TEXT_BOUND_ONE_LINE);

      g_ptr_array_add (parts, g_strconcat ("\u2068", shown, "\u2069", NULL));
    }
  if (*date != '\0')
    {
      g_autofree char *shown = g_strstrip (format_date (date));

      g_ptr_array_add (parts, g_strconcat ("\u2068", shown, "\u2069", NULL));
    }

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u stage", "%u stages", n_stages),
                                           n_stages));
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u friction point",
                                                     "%u friction points", n_frictions),
                                           n_frictions));
  if (n_open > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u open action",
                                                       "%u open actions", n_open),
                                             n_open));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* The search's best match, its matched words (between U+E000 and U+E001)
 * in bold, everything else escaped; no longer than a few lines show. */
static char *
snippet_markup (const char *snippet)
{
  g_autofree char *shown = staple_text_bound (snippet, STAPLE_TEXT_LONG,
                                              STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *escaped = NULL;
  g_auto(GStrv) opened = NULL;
  g_autofree char *bold = NULL;
  g_auto(GStrv) closed = NULL;
  const char *last_open = g_strrstr (shown, "\xee\x80\x80");
  const char *last_close = g_strrstr (shown, "\xee\x80\x81");

  /* Cut inside a match: close it. */
  if (last_open != NULL && (last_close == NULL || last_close < last_open))
    {
      char *closed_match = g_strconcat (shown, "\xee\x80\x81", NULL);

      g_free (shown);
      shown = closed_match;
    }
  escaped = g_markup_escape_text (shown, -1);
  opened = g_strsplit (escaped, "\xee\x80\x80", -1);
  bold = g_strjoinv ("<b>", opened);
  closed = g_strsplit (bold, "\xee\x80\x81", -1);

  return g_strjoinv ("</b>", closed);
}

static GMenuModel *
row_menu (gint64 id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
  g_autoptr(GMenuItem) export = g_menu_item_new (_("_Export PDF…"), NULL);
  g_autoptr(GMenuItem) again = g_menu_item_new (_("_Walk Again"), NULL);

  g_menu_item_set_action_and_target_value (rename, "library.rename",
                                           g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (delete, "win.delete-session",
                                           g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (export, "win.export-session-pdf",
                                           g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (again, "win.walk-again", g_variant_new_int64 (id));
  g_menu_append_item (menu, again);
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, export);
  g_menu_append_item (menu, delete);

  return G_MENU_MODEL (menu);
}

/* The menu of a row is made when it is opened: rows are recycled as the
 * list scrolls, and a menu per row shown would be made and thrown away. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "session-id");
  g_autoptr(GMenuModel) menu = NULL;

  if (id == NULL)
    return;

  menu = row_menu (*id);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
setup_row_cb (StapleLibraryPage *self,
              GtkListItem       *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *box;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  /* The list item is what takes the focus and is activated. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_menu_cb, NULL, NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Session Menu"));
  gtk_widget_add_css_class (button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));

  /* In a box: a list box row outside a list box must not be given the
   * focus itself, and the list item gives its child the focus first. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), row);
  g_object_set_data (G_OBJECT (box), "row", row);
  g_object_set_data (G_OBJECT (box), "menu-button", button);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (StapleLibraryPage *self,
             GtkListItem       *item)
{
  StapleSessionSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *row = g_object_get_data (G_OBJECT (box), "row");
  GtkMenuButton *button = g_object_get_data (G_OBJECT (box), "menu-button");
  g_autofree char *subtitle = describe (summary);
  gint64 id = staple_session_summary_get_id (summary);
  g_autofree char *shown = staple_text_bound (staple_session_summary_get_title (summary),
                                              STAPLE_TEXT_SHORT, STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *title = g_markup_escape_text (shown, -1);
  g_autofree char *described = g_markup_escape_text (subtitle, -1);
  const char *snippet = staple_session_summary_get_snippet (summary);
  g_autofree char *markup = NULL;

  /* Markup, so that the search's matches can be bold; all of it escaped. */
  if (snippet != NULL && *snippet != '\0')
    {
      g_autofree char *found = snippet_markup (snippet);

      markup = g_strdup_printf ("%s\n%s", described, found);
    }
  else
    markup = g_steal_pointer (&described);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), markup);

  /* The menu of the session this row showed before goes. */
  gtk_menu_button_set_menu_model (button, NULL);
  g_object_set_data_full (G_OBJECT (button), "session-id", g_memdup2 (&id, sizeof id), g_free);
}

static gboolean
filtering (StapleLibraryPage *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
         gtk_drop_down_get_selected (self->organisation_dropdown) > 0 ||
         *gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->to_entry)) != '\0';
}

/* The focus asked for before the sessions were read, unless it went
 * elsewhere meanwhile (a session opened, a dialog). */
static void
take_focus (StapleLibraryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->focus_pending = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    staple_library_page_focus (self);
}

static void
stop_growing (StapleLibraryPage *self)
{
  if (self->grow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_tick);
  self->grow_tick = 0;
}

static gboolean
grow_list_cb (GtkWidget     *list_view,
              GdkFrameClock *clock,
              gpointer       data)
{
  StapleLibraryPage *self = data;
  GtkSelectionModel *selection = gtk_list_view_get_model (self->list_view);
  GListModel *shown = selection != NULL
                      ? gtk_no_selection_get_model (GTK_NO_SELECTION (selection)) : NULL;

  GtkSliceListModel *slice;
  guint size;

  if (gtk_widget_get_height (list_view) == 0)
    return G_SOURCE_CONTINUE;

  /* Laid out: the first row can take the focus now. */
  if (self->focus_pending)
    take_focus (self);

  if (!GTK_IS_SLICE_LIST_MODEL (shown))
    {
      self->grow_tick = 0;
      return G_SOURCE_REMOVE;
    }

  /* A screenful more a frame, up to the rows GTK keeps made, then all. */
  slice = GTK_SLICE_LIST_MODEL (shown);
  size = gtk_slice_list_model_get_size (slice);
  if (size < GROWN_ROWS)
    {
      gtk_slice_list_model_set_size (slice, size + FIRST_SCREEN_ROWS);
      return G_SOURCE_CONTINUE;
    }

  self->grow_tick = 0;
  gtk_slice_list_model_set_size (slice, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/**
 * staple_library_page_set_sessions:
 * @sessions: #StapleSessionSummary items
 *
 * Shows these sessions, or an invitation to start one if there are none.
 */
void
staple_library_page_set_sessions (StapleLibraryPage *self,
                                  GListModel        *sessions)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *shown = g_object_ref (sessions);

  g_return_if_fail (STAPLE_IS_LIBRARY_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (sessions));

  g_set_object (&self->sessions, sessions);

  /* A list view in GTK 4.8 keeps rows made for up to 200 items, however
   * few fit, and makes them again for a new model (each search): the
   * first frame gets a screenful, and the list grows by a screenful a
   * frame after it, so that no frame waits for 200 rows. */
  stop_growing (self);
  if (g_list_model_get_n_items (sessions) > FIRST_SCREEN_ROWS)
    {
      g_object_unref (shown);
      shown = G_LIST_MODEL (gtk_slice_list_model_new (g_object_ref (sessions), 0,
                                                      FIRST_SCREEN_ROWS));
      self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                      grow_list_cb, self, NULL);
    }
  selection = gtk_no_selection_new (shown);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->content_stack,
                                    g_list_model_get_n_items (sessions) > 0 ? "list"
                                    : filtering (self) ? "no-match" : "empty");
}

/**
 * staple_library_page_focus:
 *
 * Puts the keyboard focus on the first session, or on "New Session".
 */
void
staple_library_page_focus (StapleLibraryPage *self)
{
  g_return_if_fail (STAPLE_IS_LIBRARY_PAGE (self));

  /* Not read yet: the focus goes where it belongs once it is. */
  self->focus_pending = self->stale;

  if (self->sessions != NULL && g_list_model_get_n_items (self->sessions) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  else
    gtk_widget_grab_focus (self->new_button);
}

static void
row_activated_cb (StapleLibraryPage *self,
                  guint              position)
{
  g_autoptr(StapleSessionSummary) summary = NULL;

  if (self->sessions == NULL ||
      (summary = g_list_model_get_item (self->sessions, position)) == NULL)
    return;

  g_signal_emit (self, signals[OPEN_SESSION], 0, staple_session_summary_get_id (summary));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GtkWidget        *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "session-id");

  if (g_str_equal (response, "rename"))
    gtk_widget_activate_action (self, "win.rename-session", "(xs)", id,
                                gtk_editable_get_text (entry));
}

static void
rename_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", *text != '\0');
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StapleLibraryPage *self = STAPLE_LIBRARY_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autofree char *title = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->store == NULL ||
      (title = staple_store_get_session_title (self->store, id, NULL)) == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Rename Session"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  staple_field_hold_any_length (GTK_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Session title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog, 0);

  g_object_set_data_full (G_OBJECT (dialog), "session-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A date filter is used once it is a whole valid date, written YYYY-MM-DD
 * or as the user's locale writes dates (15.10.2026, 15/10/2026); half
 * typed, the entry shows it and the list waits. Returns the date as the
 * store compares them, YYYY-MM-DD, kept on the entry. */
static const char *
date_filter (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *date = NULL;

  if (*text == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return NULL;
    }

  if (!staple_action_parse_due (text, NULL, &date, NULL) || *date == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return NULL;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  g_object_set_data_full (G_OBJECT (entry), "staple-date", g_steal_pointer (&date), g_free);
  return g_object_get_data (G_OBJECT (entry), "staple-date");
}

static void filters_changed_cb (StapleLibraryPage *self);

static void
update_organisations (StapleLibraryPage *self)
{
  g_autoptr(GPtrArray) names = staple_store_list_organisations (self->store, NULL);
  const char *selected = NULL;
  guint position = 0;
  guint n;

  if (names == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->organisations));
  if (gtk_drop_down_get_selected (self->organisation_dropdown) > 0)
    {
      guint chosen = gtk_drop_down_get_selected (self->organisation_dropdown);

      selected = gtk_string_list_get_string (self->organisations, chosen);
    }

  /* The same organisations: the menu stays as it is. Replacing them
   * would change the selection, which reloads the library, which came
   * here: the library read itself again and again, forever. */
  if (names->len == n - 1)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < names->len && same; i++)
        same = g_str_equal (names->pdata[i],
                            gtk_string_list_get_string (self->organisations, i + 1));
      if (same)
        return;
    }

  g_ptr_array_add (names, NULL);
  for (guint i = 0; names->pdata[i] != NULL; i++)
    if (selected != NULL && g_str_equal (names->pdata[i], selected))
      position = i + 1;

  g_signal_handlers_block_by_func (self->organisation_dropdown, filters_changed_cb, self);
  gtk_string_list_splice (self->organisations, 1, n - 1, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->organisation_dropdown, position);
  g_signal_handlers_unblock_by_func (self->organisation_dropdown, filters_changed_cb, self);
}

/**
 * staple_library_page_reload:
 *
 * Reads the library afresh, with the search and filters in place.
 */
void
staple_library_page_reload (StapleLibraryPage *self)
{
  static const StapleSessionSort sorts[] = {
    STAPLE_SESSION_SORT_DATE, STAPLE_SESSION_SORT_TITLE, STAPLE_SESSION_SORT_FRICTIONS,
  };
  g_autoptr(StapleSessionPages) sessions = NULL;
  g_autoptr(GError) error = NULL;
  guint organisation;
  guint sort;
  g_autofree char *query = NULL;

  g_return_if_fail (STAPLE_IS_LIBRARY_PAGE (self));

  if (self->store == NULL || self->reloading)
    return;

  /* Not shown: read when it is (see staple_library_page_map ()). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  self->stale = FALSE;
  self->reloading = TRUE;
  /* The organisations are for the search bar's menu, read when it shows. */
  if (gtk_search_bar_get_search_mode (self->search_bar))
    update_organisations (self);
  organisation = gtk_drop_down_get_selected (self->organisation_dropdown);
  sort = MIN (gtk_drop_down_get_selected (self->sort_dropdown), G_N_ELEMENTS (sorts) - 1);
  /* No one types more to search; a long paste searched whole took the
   * store seconds on every reload. */
  query = g_utf8_substring (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), 0,
                            MIN (g_utf8_strlen (gtk_editable_get_text (
                                   GTK_EDITABLE (self->search_entry)), -1), MAX_QUERY_CHARS));

  sessions = staple_store_query_sessions (self->store, query,
                                          organisation > 0
                                          ? gtk_string_list_get_string (self->organisations,
                                                                        organisation)
                                          : NULL,
                                          date_filter (self->from_entry),
                                          date_filter (self->to_entry),
                                          sorts[sort], &error);
  self->reloading = FALSE;

  if (sessions == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  staple_library_page_set_sessions (self, G_LIST_MODEL (sessions));
  if (self->focus_pending && self->grow_tick == 0)
    take_focus (self);
}

static void
filters_changed_cb (StapleLibraryPage *self)
{
  gtk_widget_set_visible (self->review_button,
                          gtk_drop_down_get_selected (self->organisation_dropdown) > 0);
  staple_library_page_reload (self);
}

/* The organisation chosen in the filter, reviewed in a window of its own. */
static void
review_clicked_cb (StapleLibraryPage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->organisation_dropdown);

  if (chosen == 0 || chosen == GTK_INVALID_LIST_POSITION)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.review-organisation", "s",
                              gtk_string_list_get_string (self->organisations, chosen));
}

/* Enter in the search opens its first session, found for what is typed
 * now: the entry waits a moment after each key before it searches. */
static void
search_activated_cb (StapleLibraryPage *self)
{
  staple_library_page_reload (self);
  if (self->sessions != NULL && g_list_model_get_n_items (self->sessions) > 0)
    row_activated_cb (self, 0);
}

/**
 * staple_library_page_set_store:
 * @store: the library's database
 */
void
staple_library_page_set_store (StapleLibraryPage *self,
                               StapleStore       *store)
{
  g_return_if_fail (STAPLE_IS_LIBRARY_PAGE (self));

  g_set_object (&self->store, store);
  staple_library_page_reload (self);
}

static void
toggle_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StapleLibraryPage *self = STAPLE_LIBRARY_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar,
                                  !gtk_search_bar_get_search_mode (self->search_bar));
}

static gboolean
reload_idle_cb (gpointer data)
{
  StapleLibraryPage *self = data;

  self->reload_idle = 0;
  if (self->stale)
    staple_library_page_reload (self);

  return G_SOURCE_REMOVE;
}

/* Shown: read now if anything asked for it meanwhile. Not at once, but
 * before the first frame is drawn: a window that opens on a session (the
 * last one, or --example) shows the library for an instant while it
 * starts, and then the library is not read at all. */
static void
staple_library_page_map (GtkWidget *widget)
{
  StapleLibraryPage *self = STAPLE_LIBRARY_PAGE (widget);

  GTK_WIDGET_CLASS (staple_library_page_parent_class)->map (widget);

  if (self->stale && self->reload_idle == 0)
    self->reload_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_idle_cb, self, NULL);
}

static void
search_mode_cb (StapleLibraryPage *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    update_organisations (self);
}

static void
staple_library_page_dispose (GObject *object)
{
  StapleLibraryPage *self = STAPLE_LIBRARY_PAGE (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->list_view != NULL)
    stop_growing (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), STAPLE_TYPE_LIBRARY_PAGE);
  g_clear_object (&self->sessions);
  g_clear_object (&STAPLE_LIBRARY_PAGE (object)->store);
  g_clear_object (&STAPLE_LIBRARY_PAGE (object)->organisations);

  G_OBJECT_CLASS (staple_library_page_parent_class)->dispose (object);
}

static void
staple_library_page_class_init (StapleLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_library_page_dispose;
  widget_class->map = staple_library_page_map;

  signals[OPEN_SESSION] =
    g_signal_new ("open-session", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staple-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, organisation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, review_button);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, StapleLibraryPage, sort_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);

  gtk_widget_class_install_action (widget_class, "library.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "library.search", NULL, toggle_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "library.search", NULL);
}

static void
staple_library_page_init (StapleLibraryPage *self)
{
  const char * const all[] = { _("All organisations"), NULL };

  self->organisations = gtk_string_list_new (all);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->organisation_dropdown, G_LIST_MODEL (self->organisations));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Typing anywhere in the library starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
}
