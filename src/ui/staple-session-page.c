/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-session-page.c: one session, phase by phase.
 *
 * The phase bar on top; below it the frame and the people in the room, the
 * journey map with a side panel that changes with the phase (the selected
 * element, the walk's current stage, the diagnosis with the principles, the
 * dot voting), the actions and empowerment list, and the closing summary.
 */
#define G_LOG_DOMAIN "staple-session-page"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-action-row.h"
#include "staple-empowerment-row.h"
#include "staple-field.h"
#include "staple-inspector.h"
#include "staple-map-view.h"
#include "staple-participant-row.h"
#include "staple-phase-bar.h"
#include "staple-session-page-private.h"
#include "staple-stage-row.h"
#include "staple-summary-view.h"
#include "staple-text.h"


G_DEFINE_FINAL_TYPE (StapleSessionPage, staple_session_page, ADW_TYPE_BIN)

StapleSession *
session_of (StapleSessionPage *self)
{
  return self->editor != NULL ? staple_editor_get_session (self->editor) : NULL;
}

static void
send_session_field (GtkWidget  *widget,
                    const char *property,
                    GVariant   *value,
                    gpointer    user_data)
{
  gtk_widget_activate_action (widget, "win.set-session-field", "(sv)", property, value);
}

static void
send_dots (GtkWidget  *widget,
           const char *property,
           GVariant   *value,
           gpointer    user_data)
{
  gtk_widget_activate_action (widget, "win.set-dots", "i", g_variant_get_int32 (value));
  g_variant_unref (g_variant_ref_sink (value));
}

static void
update_title (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);

  if (session == NULL)
    return;

  adw_view_switcher_title_set_title (self->window_title, staple_session_get_title (session));
  adw_view_switcher_title_set_subtitle (self->window_title,
                                        staple_session_get_organisation (session));
}

/* Rows */

static GtkWidget *
create_stage_row (gpointer item,
                  gpointer user_data)
{
  StapleSessionPage *self = user_data;
  StapleStageRow *row = staple_stage_row_new (self->editor, STAPLE_STAGE (item));

  /* One added, moved or put back is made at once, with its cards, as the
   * row it replaces was (see make_cards_between). */
  if (!self->binding_stages)
    staple_stage_row_make_between (row, 0, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE,
                                   G_MAXDOUBLE);
  return GTK_WIDGET (row);
}

static GtkWidget *
create_participant_row (gpointer item,
                        gpointer user_data)
{
  StapleSessionPage *self = user_data;

  return GTK_WIDGET (staple_participant_row_new (session_of (self), item));
}

static void queue_refresh (StapleSessionPage *self);

static GtkWidget *
create_action_row (gpointer item,
                   gpointer user_data)
{
  StapleSessionPage *self = user_data;

  /* The Commit ranking says which friction points have an action. */
  g_signal_connect_object (item, "notify::n-friction-ids", G_CALLBACK (queue_refresh), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (staple_action_row_new (session_of (self), item));
}

static GtkWidget *
create_empowerment_row (gpointer item,
                        gpointer user_data)
{
  StapleSessionPage *self = user_data;

  return GTK_WIDGET (staple_empowerment_row_new (session_of (self), item));
}

/* Typed into an "Add …" row: handed on, and cleared once it is in. */
static void
add_from_row (StapleSessionPage *self,
              AdwEntryRow       *row,
              GListModel        *list,
              const char        *action)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  guint n_before;

  if (*text == '\0' || self->editor == NULL)
    return;

  n_before = g_list_model_get_n_items (list);
  gtk_widget_activate_action (GTK_WIDGET (self), action, "s", text);
  if (g_list_model_get_n_items (list) > n_before)
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
add_stage_cb (StapleSessionPage *self)
{
  if (self->editor != NULL)
    add_from_row (self, self->add_stage_row,
                  G_LIST_MODEL (staple_session_get_stages (session_of (self))),
                  "win.add-stage");
}

/* "Ana Reyes, head of sales": the name, a comma, the role. */
static void
add_participant_cb (StapleSessionPage *self)
{
  g_autofree char *text = NULL;
  GListModel *list;
  char *comma;
  guint n_before;

  if (self->editor == NULL)
    return;

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_participant_row)));
  comma = strchr (text, ',');
  if (comma != NULL)
    *comma++ = '\0';

  g_strstrip (text);
  if (*text == '\0')
    return;

  list = G_LIST_MODEL (staple_session_get_participants (session_of (self)));
  n_before = g_list_model_get_n_items (list);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-participant", "(ss)", text,
                              comma != NULL ? g_strstrip (comma) : "");
  if (g_list_model_get_n_items (list) > n_before)
    gtk_editable_set_text (GTK_EDITABLE (self->add_participant_row), "");
}


/* The friction point's place on the map, for win.set-action-frictions. */
static gboolean
place_of (StapleSession  *session,
          StapleFriction *friction,
          int            *stage_index,
          int            *card)
{
  StapleStage *stage = NULL;
  guint index = 0;
  guint position = 0;

  if (staple_session_find_friction (session, staple_friction_get_id (friction), &stage,
                                    &index) == NULL ||
      staple_session_find_stage (session, staple_stage_get_id (stage), &position) == NULL)
    return FALSE;

  *stage_index = (int) position;
  *card = (int) index;
  return TRUE;
}

/* An action added after Enter on a ranked friction point addresses it. */
static void
add_action_cb (StapleSessionPage *self)
{
  GListModel *actions;
  guint n_before;
  int stage = 0, card = 0;

  if (self->editor == NULL)
    return;

  actions = G_LIST_MODEL (staple_session_get_actions (session_of (self)));
  n_before = g_list_model_get_n_items (actions);
  add_from_row (self, self->add_action_row, actions, "win.add-action");
  if (g_list_model_get_n_items (actions) <= n_before || self->action_for == NULL)
    return;

  if (place_of (session_of (self), self->action_for, &stage, &card))
    {
      g_auto(GVariantBuilder) places = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ii)"));

      g_variant_builder_add (&places, "(ii)", stage, card);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.set-action-frictions", "(ia(ii))",
                                  (int) n_before, &places);
    }
  set_action_for (self, NULL);
}

static void
add_empowerment_cb (StapleSessionPage *self)
{
  if (self->editor != NULL)
    add_from_row (self, self->add_empowerment_row,
                  G_LIST_MODEL (staple_session_get_empowerments (session_of (self))),
                  "win.add-empowerment");
}

/* The side panels follow every edit, but once per main-loop turn, and
 * before the frame is drawn, so that the panel and the map change together
 * ("Stage 4 of 10" beside stage 4, not stage 3). */
static gboolean
refresh_cb (gpointer data)
{
  StapleSessionPage *self = data;

  self->refresh_id = 0;
  update_totals (self);

  /* Off screen, the summary only notes that it is out of date. */
  if (self->summary_changed)
    {
      self->summary_changed = FALSE;
      staple_summary_view_refresh (self->summary_view);
    }

  switch (self->phase)
    {
    case STAPLE_PHASE_WALK:
      update_walk (self);
      break;
    case STAPLE_PHASE_DIAGNOSE:
      update_principles (self);
      break;
    case STAPLE_PHASE_PRIORITISE:
      update_voters (self);
      update_ranking (self);
      break;
    case STAPLE_PHASE_COMMIT:
      update_commit_ranking (self);
      break;
    case STAPLE_PHASE_CLOSE:
    case STAPLE_PHASE_FRAME:
    case STAPLE_PHASE_MAP:
    default:
      break;
    }

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (StapleSessionPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

/* The session changed: the summary too, then (a phase shown, the map laid
 * out again, change nothing it says). */
static void
session_changed_cb (StapleSessionPage *self)
{
  self->summary_changed = TRUE;
  queue_refresh (self);
}

static void
selection_changed_cb (StapleSessionPage *self)
{
  gpointer object = staple_map_view_get_selected_object (self->map_view);

  staple_inspector_show (self->inspector, object);
  staple_inspector_show (self->diagnose_inspector, STAPLE_IS_FRICTION (object) ? object : NULL);
}

static void
voter_changed_cb (StapleSessionPage *self)
{
  queue_refresh (self);
}

/* Arriving on a page, the keyboard goes where typing adds something (an
 * "Add …" row, the map), never into a field whose text a key would replace. */
static void
focus_page (StapleSessionPage *self,
            GtkWidget         *widget)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (widget);
}

/* The List page's rows, a row with a dozen fields per stage and per card,
 * are made the first time the page is shown, not when the session opens:
 * on a map of 1,200 cards they took most of the start and of the memory.
 * Once made they stay, with their scroll position and focus, until another
 * session is shown. Even then a stage's card and its friction points' rows
 * are made only when they come within a screen of the part shown (or the
 * keyboard goes into them), and the rows go again four screens away: making
 * all 1,200 took 19 s and 840 MB. */
static gboolean
list_shown (StapleSessionPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->phase_stack), "journey") == 0 &&
         g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "list") == 0;
}

/* The stages and cards lying between @top and @bottom of the List page's
 * content get made, and the cards farther than @margin from them go;
 * where they are not laid out yet, they are placed by estimate. */
static void
make_cards_between (StapleSessionPage *self,
                    double             top,
                    double             bottom,
                    double             margin)
{
  GtkWidget *content = gtk_viewport_get_child (self->list_viewport);
  gboolean learnt = FALSE;
  double y = 0;
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->stages_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!STAPLE_IS_STAGE_ROW (child))
        continue;

      if (!learnt && staple_stage_row_learn_size (STAPLE_STAGE_ROW (child)))
        {
          /* The estimate changed: the places of what is not made follow it. */
          for (GtkWidget *other = gtk_widget_get_first_child (GTK_WIDGET (self->stages_list));
               other != NULL; other = gtk_widget_get_next_sibling (other))
            if (STAPLE_IS_STAGE_ROW (other))
              staple_stage_row_update_place (STAPLE_STAGE_ROW (other));
        }
      learnt = learnt || staple_stage_row_is_made (STAPLE_STAGE_ROW (child));

      if (gtk_widget_get_height (child) > 0 && content != NULL &&
          gtk_widget_compute_bounds (child, content, &bounds))
        y = bounds.origin.y;
      y += staple_stage_row_make_between (STAPLE_STAGE_ROW (child), y, top, bottom,
                                          top - margin, bottom + margin);
    }
}

/* The focus went into a row just made, or one whose place was estimated:
 * once it is laid out, the page scrolls to it (the viewport scrolled to
 * where it was before). Returns whether it is to be looked at again: it
 * was not laid out, or the page scrolled, and what is made then may move
 * it once more. */
static gboolean
show_focus (StapleSessionPage *self,
            GtkAdjustment     *adjustment)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *content = gtk_viewport_get_child (self->list_viewport);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;

  if (focus == NULL || content == NULL ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stages_list)))
    return FALSE;

  if (gtk_widget_get_height (focus) <= 0 || !gtk_widget_compute_bounds (focus, content, &bounds))
    return TRUE;

  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
  else
    return FALSE;

  return TRUE;
}

static void queue_make_cards (StapleSessionPage *self);

/* Before the frame is laid out: what lies in view, or within a screen of
 * it, is made, by where the last frame put it; cards four screens away
 * go. */
static gboolean
make_cards_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  StapleSessionPage *self = user_data;
  GtkAdjustment *adjustment =
    gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_viewport));
  double page = gtk_adjustment_get_page_size (adjustment);
  double value = gtk_adjustment_get_value (adjustment);

  self->cards_tick_id = 0;
  if (page > 0)
    make_cards_between (self, value - page, value + 2 * page, 3 * page);

  if (self->focus_to_show > 0)
    {
      self->focus_to_show = show_focus (self, adjustment) ? self->focus_to_show - 1 : 0;
      if (self->focus_to_show > 0)
        queue_make_cards (self);
    }

  return G_SOURCE_REMOVE;
}

/* The focus moving in the List page (Tab, Shift+Tab, a row's actions) may
 * land in a row not laid out yet. */
static void
focus_moved_cb (StapleSessionPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stages_list)))
    {
      self->focus_to_show = 10;
      queue_make_cards (self);
    }
}

static void
queue_make_cards (StapleSessionPage *self)
{
  if (self->cards_tick_id == 0 && self->stages_bound)
    self->cards_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->stages_list),
                                                        make_cards_tick, self, NULL);
}

static void
bind_stages (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);

  if (session == NULL)
    {
      gtk_list_box_bind_model (self->stages_list, NULL, NULL, NULL, NULL);
      self->stages_bound = FALSE;
      return;
    }

  if (self->stages_bound || !list_shown (self))
    return;

  self->stages_bound = TRUE;
  self->binding_stages = TRUE;
  gtk_list_box_bind_model (self->stages_list, G_LIST_MODEL (staple_session_get_stages (session)),
                           create_stage_row, self, NULL);
  self->binding_stages = FALSE;

  /* The page opens at its top: its first frame shows the first stages'
   * cards, not their places. */
  make_cards_between (self, 0, 2 * MAX (gtk_widget_get_height (GTK_WIDGET (self)), 600),
                      G_MAXINT);
  queue_make_cards (self);
}

static gboolean
is_person (gpointer item,
           gpointer user_data)
{
  return !staple_participant_get_anonymous (item);
}

/* The session's participants without the room's anonymous voters, which
 * are nobody to list, name or edit. */
static GListModel *
people_of (StapleSession *session)
{
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (session));

  return G_LIST_MODEL (gtk_filter_list_model_new (
    g_object_ref (participants), GTK_FILTER (gtk_custom_filter_new (is_person, NULL, NULL))));
}

/* The Frame's participants and the Commit page's actions and decisions
 * handed on are made when their page first shows: a session that opens on
 * its map makes none of their rows (with their menus and pickers). */
static void
bind_phase_lists (StapleSessionPage *self)
{
  StapleSession *session = session_of (self);
  const char *page = gtk_stack_get_visible_child_name (self->phase_stack);

  if (session == NULL)
    return;

  if (!self->frame_bound && g_strcmp0 (page, "frame") == 0)
    {
      g_autoptr(GListModel) people = people_of (session);

      self->frame_bound = TRUE;
      gtk_list_box_bind_model (self->participants_list, people, create_participant_row, self,
                               NULL);
    }

  if (!self->commit_bound && g_strcmp0 (page, "commit") == 0)
    {
      self->commit_bound = TRUE;
      gtk_list_box_bind_model (self->actions_list,
                               G_LIST_MODEL (staple_session_get_actions (session)),
                               create_action_row, self, NULL);
      gtk_list_box_bind_model (self->empowerment_list,
                               G_LIST_MODEL (staple_session_get_empowerments (session)),
                               create_empowerment_row, self, NULL);
    }
}

static void
unbind_phase_lists (StapleSessionPage *self)
{
  gtk_list_box_bind_model (self->participants_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->actions_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->empowerment_list, NULL, NULL, NULL, NULL);
  self->frame_bound = FALSE;
  self->commit_bound = FALSE;
}

static void
page_changed_cb (StapleSessionPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean journey = g_str_equal (gtk_stack_get_visible_child_name (self->phase_stack),
                                  "journey");

  bind_stages (self);
  bind_phase_lists (self);
  gtk_widget_set_visible (self->zoom_box, g_strcmp0 (name, "map") == 0 && journey);
  if (journey && g_strcmp0 (name, "list") == 0)
    focus_page (self, GTK_WIDGET (self->add_stage_row));
}

/* Phases */

/**
 * staple_session_page_set_phase:
 *
 * Shows what the phase works on: the frame, the map with the phase's side
 * panel, the actions, or the summary.
 */
void
staple_session_page_set_phase (StapleSessionPage *self,
                               StaplePhase        phase)
{
  static const struct {
    const char    *page;
    const char    *side;
    StapleMapMode  mode;
  } phases[STAPLE_N_PHASES] = {
    [STAPLE_PHASE_FRAME] = { "frame", "inspector", STAPLE_MAP_MODE_EDIT },
    [STAPLE_PHASE_MAP] = { "journey", "inspector", STAPLE_MAP_MODE_EDIT },
    [STAPLE_PHASE_WALK] = { "journey", "walk", STAPLE_MAP_MODE_WALK },
    [STAPLE_PHASE_DIAGNOSE] = { "journey", "diagnose", STAPLE_MAP_MODE_DIAGNOSE },
    [STAPLE_PHASE_PRIORITISE] = { "journey", "vote", STAPLE_MAP_MODE_VOTE },
    [STAPLE_PHASE_COMMIT] = { "commit", "inspector", STAPLE_MAP_MODE_EDIT },
    [STAPLE_PHASE_CLOSE] = { "close", "inspector", STAPLE_MAP_MODE_EDIT },
  };

  g_return_if_fail (STAPLE_IS_SESSION_PAGE (self));
  g_return_if_fail (phase < STAPLE_N_PHASES);

  self->phase = phase;
  staple_phase_bar_set_phase (self->phase_bar, phase);
  if (phase == STAPLE_PHASE_CLOSE)
    staple_summary_view_update (self->summary_view);
  gtk_stack_set_visible_child_name (self->phase_stack, phases[phase].page);
  gtk_stack_set_visible_child_name (self->side_stack, phases[phase].side);
  staple_map_view_set_mode (self->map_view, phases[phase].mode);
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title,
                                                     g_str_equal (phases[phase].page, "journey"));
  if (g_str_equal (phases[phase].page, "journey"))
    adw_view_stack_set_visible_child_name (self->view_stack, "map");
  page_changed_cb (self);
  if (phase == STAPLE_PHASE_FRAME)
    focus_page (self, GTK_WIDGET (self->add_participant_row));
  else if (phase == STAPLE_PHASE_COMMIT)
    focus_page (self, GTK_WIDGET (self->add_action_row));
  else if (phase == STAPLE_PHASE_CLOSE && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);

  /* The walk starts at the first stage, when there is one (an empty map
   * says how to add it). */
  if (phase == STAPLE_PHASE_WALK && session_of (self) != NULL &&
      staple_session_get_current_stage_id (session_of (self)) == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (session_of (self)))) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-current-stage", "i", 0);

  queue_refresh (self);
}

/**
 * staple_session_page_set_timer:
 * @timer: the phase's timebox
 */
void
staple_session_page_set_timer (StapleSessionPage *self,
                               StapleTimer       *timer)
{
  g_return_if_fail (STAPLE_IS_SESSION_PAGE (self));

  staple_phase_bar_set_timer (self->phase_bar, timer);
}

/* Page Up and Page Down walk the stages, wherever the focus is on the
 * page: before the scrolled windows take them for scrolling. The map takes
 * the keyboard first: a value being typed in the panel is handed on to the
 * stage it was typed for, and what the coach types next starts a friction
 * point on the new stage. (Left in the panel, the focus landed on the new
 * stage's name, selected, and the next friction point typed replaced it.) */
static gboolean
walk_key_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             StapleSessionPage     *self)
{
  GtkWidget *focus;

  if (self->phase != STAPLE_PHASE_WALK ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      (keyval != GDK_KEY_Page_Up && keyval != GDK_KEY_Page_Down))
    return FALSE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (gtk_widget_get_mapped (GTK_WIDGET (self->map_view)) &&
      focus != GTK_WIDGET (self->map_view) &&
      (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->map_view))))
    gtk_widget_grab_focus (GTK_WIDGET (self->map_view));

  gtk_widget_activate_action (GTK_WIDGET (self), keyval == GDK_KEY_Page_Down
                              ? "win.walk-forward" : "win.walk-back", NULL);
  return TRUE;
}

/* The session */

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
    {
      /* The date is read as a date: one its own export would refuse is
       * kept where it was typed, marked, and not saved. */
      if (rows[i].row == self->date_row)
        staple_field_bind_date (GTK_EDITABLE (rows[i].row), NULL, G_OBJECT (session),
                                rows[i].property, send_session_field, self);
      else
        staple_field_bind_editable (GTK_EDITABLE (rows[i].row), G_OBJECT (session),
                                    rows[i].property, rows[i].required, send_session_field,
                                    self);
    }

  staple_field_bind_spin (self->dots_spin, G_OBJECT (session), "dots-per-participant",
                          send_dots, self);

  g_signal_connect_object (session, "notify::title", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::organisation", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
}

static void
watch_session (StapleSessionPage *self,
               StapleSession     *session)
{
  gpointer sources[] = {
    staple_session_get_participants (session), staple_session_get_votes (session),
    staple_session_get_stages (session), staple_session_get_actions (session),
    staple_session_get_empowerments (session),
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_signal_connect_object (sources[i], "items-changed", G_CALLBACK (session_changed_cb), self,
                             G_CONNECT_SWAPPED);

  g_signal_connect_object (session, "notify", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "phase-seconds-changed", G_CALLBACK (session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (staple_map_view_get_layout (self->map_view), "changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
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
  AdwEntryRow *add_rows[] = {
    self->add_stage_row, self->add_participant_row, self->add_action_row,
    self->add_empowerment_row,
  };

  g_return_if_fail (STAPLE_IS_SESSION_PAGE (self));

  if (!g_set_object (&self->editor, editor))
    return;

  /* Half-typed text belongs to the session it was typed for, and so does
   * the friction point a new action was to address. */
  set_action_for (self, NULL);
  g_clear_pointer (&self->commit_ranking_shown, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (add_rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (add_rows[i]), "");

  session = editor != NULL ? staple_editor_get_session (editor) : NULL;
  staple_map_view_set_session (self->map_view, session);
  staple_map_view_set_voter (self->map_view, -1);
  staple_inspector_set_session (self->inspector, session);
  staple_inspector_set_session (self->walk_inspector, session);
  staple_inspector_set_session (self->diagnose_inspector, session);
  staple_summary_view_set_session (self->summary_view, session);

  /* Another session's rows go; this one's come when the List page shows. */
  gtk_list_box_bind_model (self->stages_list, NULL, NULL, NULL, NULL);
  self->stages_bound = FALSE;

  /* Another session's rows go; this one's come when their page shows. */
  unbind_phase_lists (self);
  if (session == NULL)
    return;

  bind_frame (self, session);
  watch_session (self, session);
  bind_stages (self);
  /* A page not yet on screen binds the lists of the phase it is given
   * next (the window sets it after the editor), not those of the page its
   * stack happens to show first. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    bind_phase_lists (self);
  update_title (self);
}

/**
 * staple_session_page_set_room_panel:
 * @panel: (nullable): what the room's phones sent, for the Walk's side panel
 *
 * Shows @panel above the Walk's inspector, in place of the one before.
 */
void
staple_session_page_set_room_panel (StapleSessionPage *self,
                                    GtkWidget         *panel)
{
  GtkWidget *child;

  g_return_if_fail (STAPLE_IS_SESSION_PAGE (self));
  g_return_if_fail (panel == NULL || GTK_IS_WIDGET (panel));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->room_slot))) != NULL)
    gtk_box_remove (self->room_slot, child);
  if (panel != NULL)
    gtk_box_append (self->room_slot, panel);
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

  gtk_stack_set_visible_child_name (self->phase_stack, "frame");
  bind_phase_lists (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  gtk_editable_select_region (GTK_EDITABLE (self->title_row), 0, -1);
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
staple_session_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (staple_session_page_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                           G_CALLBACK (focus_moved_cb), widget, G_CONNECT_SWAPPED);
}

static void
staple_session_page_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), focus_moved_cb, widget);

  GTK_WIDGET_CLASS (staple_session_page_parent_class)->unroot (widget);
}

static void
staple_session_page_dispose (GObject *object)
{
  StapleSessionPage *self = STAPLE_SESSION_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->cards_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->stages_list), self->cards_tick_id);
  self->cards_tick_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), STAPLE_TYPE_SESSION_PAGE);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->principle_rows, g_ptr_array_unref);
  g_clear_pointer (&self->ranking_rows, g_ptr_array_unref);
  g_clear_pointer (&self->commit_ranking_shown, g_free);
  g_clear_object (&self->action_for);

  G_OBJECT_CLASS (staple_session_page_parent_class)->dispose (object);
}

static void
staple_session_page_class_init (StapleSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const children[] = {
    "window_title", "phase_bar", "phase_stack", "view_stack", "side_stack", "zoom_box",
    "map_view", "inspector", "walk_inspector", "walk_label", "totals_label",
    "diagnose_inspector",
    "principles_group", "dots_spin", "voters_list", "ranking_group", "commit_ranking_list",
    "summary_view",
    "stages_list", "list_viewport", "participants_list", "actions_list", "empowerment_list",
    "add_stage_row", "add_participant_row", "add_action_row", "add_empowerment_row", "title_row",
    "organisation_row", "date_row", "location_row", "facilitator_row", "customer_row",
    "work_item_row", "question_row",
  };
  static const gssize offsets[] = {
    G_STRUCT_OFFSET (StapleSessionPage, window_title),
    G_STRUCT_OFFSET (StapleSessionPage, phase_bar),
    G_STRUCT_OFFSET (StapleSessionPage, phase_stack),
    G_STRUCT_OFFSET (StapleSessionPage, view_stack),
    G_STRUCT_OFFSET (StapleSessionPage, side_stack),
    G_STRUCT_OFFSET (StapleSessionPage, zoom_box),
    G_STRUCT_OFFSET (StapleSessionPage, map_view),
    G_STRUCT_OFFSET (StapleSessionPage, inspector),
    G_STRUCT_OFFSET (StapleSessionPage, walk_inspector),
    G_STRUCT_OFFSET (StapleSessionPage, walk_label),
    G_STRUCT_OFFSET (StapleSessionPage, totals_label),
    G_STRUCT_OFFSET (StapleSessionPage, diagnose_inspector),
    G_STRUCT_OFFSET (StapleSessionPage, principles_group),
    G_STRUCT_OFFSET (StapleSessionPage, dots_spin),
    G_STRUCT_OFFSET (StapleSessionPage, voters_list),
    G_STRUCT_OFFSET (StapleSessionPage, ranking_group),
    G_STRUCT_OFFSET (StapleSessionPage, commit_ranking_list),
    G_STRUCT_OFFSET (StapleSessionPage, summary_view),
    G_STRUCT_OFFSET (StapleSessionPage, stages_list),
    G_STRUCT_OFFSET (StapleSessionPage, list_viewport),
    G_STRUCT_OFFSET (StapleSessionPage, participants_list),
    G_STRUCT_OFFSET (StapleSessionPage, actions_list),
    G_STRUCT_OFFSET (StapleSessionPage, empowerment_list),
    G_STRUCT_OFFSET (StapleSessionPage, add_stage_row),
    G_STRUCT_OFFSET (StapleSessionPage, add_participant_row),
    G_STRUCT_OFFSET (StapleSessionPage, add_action_row),
    G_STRUCT_OFFSET (StapleSessionPage, add_empowerment_row),
    G_STRUCT_OFFSET (StapleSessionPage, title_row),
    G_STRUCT_OFFSET (StapleSessionPage, organisation_row),
    G_STRUCT_OFFSET (StapleSessionPage, date_row),
    G_STRUCT_OFFSET (StapleSessionPage, location_row),
    G_STRUCT_OFFSET (StapleSessionPage, facilitator_row),
    G_STRUCT_OFFSET (StapleSessionPage, customer_row),
    G_STRUCT_OFFSET (StapleSessionPage, work_item_row),
    G_STRUCT_OFFSET (StapleSessionPage, question_row),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (children) == G_N_ELEMENTS (offsets));

  object_class->dispose = staple_session_page_dispose;
  widget_class->root = staple_session_page_root;
  widget_class->unroot = staple_session_page_unroot;

  g_type_ensure (STAPLE_TYPE_MAP_VIEW);
  g_type_ensure (STAPLE_TYPE_INSPECTOR);
  g_type_ensure (STAPLE_TYPE_PHASE_BAR);
  g_type_ensure (STAPLE_TYPE_SUMMARY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/staple-session-page.ui");
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i], FALSE, offsets[i]);
  gtk_widget_class_bind_template_child (widget_class, StapleSessionPage, room_slot);

  gtk_widget_class_bind_template_callback (widget_class, add_stage_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_participant_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_action_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_empowerment_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, voter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ranked_activated_cb);

  gtk_widget_class_install_action (widget_class, "page.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-fit", NULL, zoom_action);
}

static void
staple_session_page_init (StapleSessionPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A pasted paragraph of any length arrives whole in the "add" rows too. */
  staple_field_hold_any_length (GTK_EDITABLE (self->add_stage_row));
  staple_field_hold_any_length (GTK_EDITABLE (self->add_participant_row));
  staple_field_hold_any_length (GTK_EDITABLE (self->add_action_row));
  staple_field_hold_any_length (GTK_EDITABLE (self->add_empowerment_row));

  /* Scrolling the List page, or its stages growing, brings other stages
   * into view (see make_cards_tick). */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_viewport));
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (queue_make_cards), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (queue_make_cards), self,
                           G_CONNECT_SWAPPED);

  self->principle_rows = g_ptr_array_new ();
  self->ranking_rows = g_ptr_array_new ();
  build_principles (self);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (walk_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  staple_session_page_set_phase (self, STAPLE_PHASE_FRAME);
}

/**
 * staple_session_page_restore_draft:
 *
 * Shows the map with its in-place editor open on a draft, as the coach
 * left it (see staple_map_view_restore_draft()).
 */
void
staple_session_page_restore_draft (StapleSessionPage *self,
                                   const char        *target,
                                   guint              stage,
                                   int                card,
                                   const char        *text)
{
  g_return_if_fail (STAPLE_IS_SESSION_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->phase_stack), "journey") != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-phase", "s", "map");
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  staple_map_view_restore_draft (self->map_view, target, stage, card, text);
}

/* The journey map with @hit selected, in @phase when the session is past
 * the map's phases. */
static void
show_on_map (StapleSessionPage  *self,
             const StapleMapHit *hit,
             const char         *phase)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->phase_stack), "journey") != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-phase", "s", phase);
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  staple_map_view_select (self->map_view, hit);
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
}

/**
 * staple_session_page_show_friction:
 * @friction_id: a friction point of the session
 *
 * Shows the journey map with that friction point selected, in Diagnose when
 * the session is past the map's phases, so that its principle is at hand.
 *
 * Returns: whether the session has it
 */
gboolean
staple_session_page_show_friction (StapleSessionPage *self,
                                   gint64             friction_id)
{
  StapleSession *session;
  StapleStage *stage = NULL;
  StapleMapHit hit = { STAPLE_MAP_HIT_CARD, 0, 0 };

  g_return_val_if_fail (STAPLE_IS_SESSION_PAGE (self), FALSE);

  if (self->editor == NULL)
    return FALSE;

  session = staple_editor_get_session (self->editor);
  if (staple_session_find_friction (session, friction_id, &stage, &hit.card) == NULL ||
      !g_list_store_find (staple_session_get_stages (session), stage, &hit.stage))
    return FALSE;

  show_on_map (self, &hit, "diagnose");
  return TRUE;
}

/**
 * staple_session_page_show_stage:
 * @stage_id: a stage of the session
 *
 * Shows the journey map with that stage's header selected, as
 * staple_session_page_show_friction() does a friction point, but in the
 * Map or the Walk, and in the Walk at that stage: there the inspector beside
 * the map has the stage's times.
 *
 * Returns: whether the session has it
 */
gboolean
staple_session_page_show_stage (StapleSessionPage *self,
                                gint64             stage_id)
{
  StapleSession *session;
  StaplePhase phase;
  StapleMapHit hit = { STAPLE_MAP_HIT_STAGE, 0, 0 };

  g_return_val_if_fail (STAPLE_IS_SESSION_PAGE (self), FALSE);

  if (self->editor == NULL)
    return FALSE;

  session = staple_editor_get_session (self->editor);
  if (staple_session_find_stage (session, stage_id, &hit.stage) == NULL)
    return FALSE;

  /* Diagnose's inspector has friction points only: the Walk has the
   * stage's fields, at that stage (the map follows the walk's stage). */
  phase = staple_session_get_phase (session);
  if (phase != STAPLE_PHASE_MAP && phase != STAPLE_PHASE_WALK)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-phase", "s", "walk");
  if (staple_session_get_phase (session) == STAPLE_PHASE_WALK)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-current-stage", "i", (int) hit.stage);
  show_on_map (self, &hit, "walk");
  return TRUE;
}
