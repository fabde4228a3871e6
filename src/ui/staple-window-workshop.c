/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-window-workshop.c: the window's actions for running the exercise:
 * phases and their timebox, participants, dots, actions, the empowerment
 * list, templates, the walk's current stage, and presenter mode. */
#define G_LOG_DOMAIN "staple-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "staple-compare-dialog.h"
#include "staple-presenter.h"
#include "staple-window-private.h"

#define PHASE_CLOCK_PERIOD_S 60

static StapleSession *
session_of (StapleWindow *self)
{
  return self->editor != NULL ? staple_editor_get_session (self->editor) : NULL;
}

/* The item at @index of the first @n_items of @list. */
static gpointer
nth_of_first (StapleWindow *self,
              GListModel   *list,
              guint         n_items,
              int           index,
              const char   *what)
{
  gpointer item;

  if (index < 0 || (guint) index >= MIN (n_items, g_list_model_get_n_items (list)))
    {
      /* Translators: e.g. "There is no participant 9 in this session." */
      g_autofree char *message = g_strdup_printf (_("There is no %s %d in this session."), what,
                                                  index + 1);

      staple_window_show_toast (self, message);
      return NULL;
    }

  item = g_list_model_get_item (list, (guint) index);
  g_object_unref (item); /* the list keeps it alive */
  return item;
}

static gpointer
nth_item (StapleWindow *self,
          GListModel   *list,
          int           index,
          const char   *what)
{
  return nth_of_first (self, list, G_MAXUINT, index, what);
}

/* Phases and time */

static int
phase_minutes (StapleWindow *self,
               StaplePhase   phase)
{
  g_autofree char *key = g_strdup_printf ("%s-minutes", staple_enum_to_nick (STAPLE_TYPE_PHASE,
                                                                             phase));

  return self->settings != NULL ? g_settings_get_int (self->settings, key) : 15;
}

/* Adds the time since it was last counted to the phase the session is in:
 * on leaving a phase, on closing, and every minute in between. */
static void
count_phase_time (StapleWindow *self)
{
  StapleSession *session = session_of (self);
  gint64 now = g_get_monotonic_time ();
  guint seconds;

  if (session == NULL || self->phase_clock == 0)
    {
      self->phase_clock = now;
      return;
    }

  seconds = (guint) ((now - self->phase_clock) / G_USEC_PER_SEC);
  if (seconds == 0)
    return;

  self->phase_clock += (gint64) seconds * G_USEC_PER_SEC;
  staple_editor_add_phase_seconds (self->editor, staple_session_get_phase (session), seconds,
                                   NULL);
}

static gboolean
phase_clock_cb (gpointer data)
{
  count_phase_time (STAPLE_WINDOW (data));
  return G_SOURCE_CONTINUE;
}

/**
 * staple_window_session_is_past:
 *
 * Returns: whether @session is dated before today: open for review, its
 *   clock and its room closed
 */
gboolean
staple_window_session_is_past (StapleSession *session)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *date = staple_session_get_date (session);

  return staple_date_is_valid (date) && *date != '\0' && strcmp (date, today) < 0;
}

/* The phase the timer shows: the set-phase action's state. */
static StaplePhase
shown_phase (StapleWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-phase");
  g_autoptr(GVariant) state = g_action_get_state (action);
  int phase = STAPLE_PHASE_FRAME;

  staple_enum_from_nick (STAPLE_TYPE_PHASE, g_variant_get_string (state, NULL), &phase);
  return phase;
}

/* The clocks of a session's phases.
 *
 * Each phase keeps its own clock, stored with the library as GVariant text
 * under "timer-<session id>": {'walk': <(timebox, duration, remaining,
 * running, saved at)>, …}, written whenever a clock starts, pauses, is
 * reset, extended or left. Only Reset gives a phase its full timebox again.
 * A phase's clock stands still while the room is in another phase and goes
 * on as it was left. The clock of the phase the room is in, left running
 * when Staple closed or died, has gone on since, as the meeting did: it
 * opens with the time since deducted, still running (unless that was more
 * than eight hours ago: the meeting is over, and it waits where it was). A
 * past session opens for review, and its clocks stand where they were
 * saved. */

static char *
clocks_key (StapleSession *session)
{
  return g_strdup_printf ("timer-%" G_GINT64_FORMAT, staple_session_get_id (session));
}

static GVariant *
load_clocks (StapleWindow  *self,
             StapleSession *session)
{
  g_autofree char *key = clocks_key (session);
  g_autofree char *text = staple_store_get_state (self->store, key);
  g_autoptr(GError) error = NULL;
  GVariant *clocks;

  if (text == NULL)
    return NULL;

  clocks = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);
  if (clocks == NULL)
    g_warning ("The timers stored as %s cannot be read, so they start afresh: %s", key,
               error->message);
  return clocks;
}

/* Stores the clock of the phase shown with the session's other clocks. */
static void
save_clock (StapleWindow *self)
{
  StapleSession *session = session_of (self);
  g_autoptr(GVariant) clocks = NULL;
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(GVariant) all = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    return;

  clocks = load_clocks (self, session);
  dict = g_variant_dict_new (clocks);
  g_variant_dict_insert_value (dict, staple_enum_to_nick (STAPLE_TYPE_PHASE, shown_phase (self)),
                               staple_timer_save (self->timer));
  all = g_variant_ref_sink (g_variant_dict_end (dict));
  text = g_variant_print (all, FALSE);
  key = clocks_key (session);
  if (!staple_store_set_state (self->store, key, text, &error))
    g_warning ("The timer could not be stored as %s: %s", key, error->message);
}

static void timer_expired_cb (StapleWindow *self);

/* Shows @phase's clock as it was stored, or else a fresh timebox, started
 * if @start; either on the timebox the preferences now give the phase. */
static void
restore_clock (StapleWindow       *self,
               StaplePhase         phase,
               StapleTimerRestore  how,
               gboolean            start)
{
  g_autoptr(GVariant) clocks = load_clocks (self, session_of (self));
  g_autoptr(GVariant) clock = NULL;
  int timebox = phase_minutes (self, phase) * 60;

  if (clocks != NULL)
    clock = g_variant_lookup_value (clocks, staple_enum_to_nick (STAPLE_TYPE_PHASE, phase),
                                    G_VARIANT_TYPE ("(iiibx)"));

  /* A clock that ran out before it was shown again says so without a beep. */
  g_signal_handlers_block_by_func (self->timer, timer_expired_cb, self);
  if (clock == NULL || !staple_timer_restore (self->timer, clock, how))
    {
      staple_timer_reset (self->timer, timebox);
      if (start)
        staple_timer_start (self->timer);
    }
  staple_timer_set_timebox (self->timer, timebox);
  g_signal_handlers_unblock_by_func (self->timer, timer_expired_cb, self);
}

/* Shows @phase with its clock: as the room left it when it comes back to the
 * phase, or caught up with the time since when the session is opened. */
static void
enter_phase (StapleWindow *self,
             StaplePhase   phase,
             gboolean      opening)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-phase");
  gboolean review = staple_window_session_is_past (session_of (self));
  /* Nor does a look at it from the review start the room's clock. */
  gboolean start = !review && !opening && !self->looking && self->settings != NULL &&
                   g_settings_get_boolean (self->settings, "timer-starts-with-phase");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (staple_enum_to_nick (STAPLE_TYPE_PHASE, phase)));
  restore_clock (self, phase,
                 review ? STAPLE_TIMER_HOLD : opening ? STAPLE_TIMER_CATCH_UP : STAPLE_TIMER_RESUME,
                 start);
  /* Looking at a past session changes nothing in it. */
  if (!review)
    save_clock (self);

  /* The room's screen first: it need not wait for the coach's page to
   * make the rows it shows the first time. */
  if (self->presenter != NULL)
    staple_presenter_set_phase (STAPLE_PRESENTER (self->presenter), phase);
  if (self->session_page != NULL)
    staple_session_page_set_phase (self->session_page, phase);
}

static void
set_phase_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleSession *session = session_of (self);
  g_autoptr(GVariant) shown = NULL;
  GError *error = NULL;
  int phase;

  if (session == NULL)
    return;

  if (!staple_enum_from_nick (STAPLE_TYPE_PHASE, g_variant_get_string (parameter, NULL), &phase))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a phase."),
                                                  g_variant_get_string (parameter, NULL));

      staple_window_show_toast (self, message);
      return;
    }

  /* Choosing the phase the room is already in changes nothing; above all
   * it does not restart the timer. */
  shown = g_action_get_state (G_ACTION (action));
  if (g_variant_equal (shown, parameter))
    return;

  count_phase_time (self);
  if (phase != (int) staple_session_get_phase (session) &&
      !staple_window_report (self, staple_editor_set_phase (self->editor, phase, &error),
                             &error))
    return;

  /* The clock of the phase left stands still until the room is back. */
  save_clock (self);
  enter_phase (self, phase, FALSE);
}

static void
timer_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StapleWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  if (session_of (self) == NULL)
    return;

  if (g_str_equal (name, "timer-start"))
    staple_timer_start (self->timer);
  else if (g_str_equal (name, "timer-pause"))
    staple_timer_pause (self->timer);
  else if (g_str_equal (name, "timer-add"))
    staple_timer_add (self->timer, 5 * 60);
  else
    staple_timer_reset (self->timer, phase_minutes (self, shown_phase (self)) * 60);
  save_clock (self);
}

/* The "timer" action's state is what the clock shows, for scripts: the
 * seconds left (negative when over) and whether it runs. It cannot be set. */
static void
timer_shown_cb (StapleWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "timer");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new ("(ib)", staple_timer_get_remaining (self->timer),
                                            staple_timer_get_running (self->timer)));
}

static void
timer_state_refused (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
}

/* A new timebox in the preferences moves the clock shown by the change: the
 * time the room has spent in the phase is kept. */
static void
settings_changed_cb (StapleWindow *self,
                     const char   *key)
{
  g_autofree char *shown = NULL;

  if (session_of (self) == NULL)
    return;

  shown = g_strdup_printf ("%s-minutes", staple_enum_to_nick (STAPLE_TYPE_PHASE,
                                                              shown_phase (self)));
  if (!g_str_equal (key, shown))
    return;

  staple_timer_set_timebox (self->timer, g_settings_get_int (self->settings, key) * 60);
  if (!staple_window_session_is_past (session_of (self)))
    save_clock (self);
}

static void
timer_expired_cb (StapleWindow *self)
{
  if (staple_timer_get_expired (self->timer) && self->settings != NULL &&
      g_settings_get_boolean (self->settings, "timer-sound"))
    gdk_display_beep (gtk_widget_get_display (GTK_WIDGET (self)));
}

/* Participants and dots */

static void
add_participant_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;
  const char *name, *role;

  g_variant_get (parameter, "(&s&s)", &name, &role);
  staple_window_report (self, staple_editor_add_participant (self->editor, G_MAXUINT, name, role,
                                                             &error) != NULL, &error);
}

/* The people only, as the Frame and the Vote page number them: the room's
 * anonymous voters come after them and are nobody's to edit. */
static StapleParticipant *
nth_participant (StapleWindow *self,
                 int           index)
{
  return nth_of_first (self, G_LIST_MODEL (staple_session_get_participants (session_of (self))),
                       staple_session_count_people (session_of (self)), index,
                       _("participant"));
}

static void
delete_participant_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleParticipant *participant = nth_participant (self, g_variant_get_int32 (parameter));
  GError *error = NULL;

  if (participant != NULL)
    staple_window_report (self, staple_editor_delete_participant (self->editor, participant,
                                                                  &error), &error);
}

static void
set_participant_field_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  static const char * const fields[] = { "name", "role", "abstains", NULL };
  StapleWindow *self = user_data;
  g_autoptr(GVariant) value = NULL;
  StapleParticipant *participant;
  const char *field;
  int index;

  g_variant_get (parameter, "(i&sv)", &index, &field, &value);
  participant = nth_participant (self, index);
  if (participant != NULL)
    staple_window_set_field (self, participant, fields, field, value);
}

/* (participant, stage, card) */
static void
vote_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleParticipant *participant;
  StapleFriction *friction = NULL;
  GError *error = NULL;
  int voter, stage, card;

  g_variant_get (parameter, "(iii)", &voter, &stage, &card);
  participant = nth_participant (self, voter);
  if (participant != NULL)
    friction = staple_window_nth_friction (self, stage, card);
  if (friction == NULL)
    return;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "add-vote"))
    staple_window_report (self, staple_editor_add_vote (self->editor, participant, friction,
                                                        &error) != NULL, &error);
  else
    staple_window_report (self, staple_editor_remove_vote (self->editor, participant, friction,
                                                           &error), &error);
}

static void
set_dots_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;

  staple_window_report (self, staple_editor_set_int (self->editor, session_of (self),
                                                     "dots-per-participant",
                                                     g_variant_get_int32 (parameter), &error),
                        &error);
}

/* Actions and the empowerment list */

static StapleAction *
nth_action (StapleWindow *self,
            int           index)
{
  return nth_item (self, G_LIST_MODEL (staple_session_get_actions (session_of (self))), index,
                   _("action"));
}

static StapleEmpowerment *
nth_empowerment (StapleWindow *self,
                 int           index)
{
  return nth_item (self, G_LIST_MODEL (staple_session_get_empowerments (session_of (self))),
                   index, _("empowerment item"));
}

static void
add_action_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;

  staple_window_report (self, staple_editor_add_action (self->editor, G_MAXUINT,
                                                        g_variant_get_string (parameter, NULL),
                                                        &error) != NULL, &error);
}

static void
delete_action_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleAction *item = nth_action (self, g_variant_get_int32 (parameter));
  GError *error = NULL;

  if (item != NULL)
    staple_window_report (self, staple_editor_delete_action (self->editor, item, &error), &error);
}

/* (action, field, value): text, due, status by name, or owner as the
 * participant's index (−1 for nobody). */
static void
set_action_field_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  static const char * const fields[] = { "text", "due", "status", NULL };
  StapleWindow *self = user_data;
  g_autoptr(GVariant) value = NULL;
  StapleAction *item;
  const char *field;
  int index;

  g_variant_get (parameter, "(i&sv)", &index, &field, &value);
  item = nth_action (self, index);
  if (item == NULL)
    return;

  if (g_str_equal (field, "owner") && g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    {
      g_auto(GValue) owner = G_VALUE_INIT;
      int who = g_variant_get_int32 (value);
      StapleParticipant *participant = who >= 0 ? nth_participant (self, who) : NULL;
      GError *error = NULL;

      if (who >= 0 && participant == NULL)
        return;

      g_value_init (&owner, G_TYPE_INT64);
      g_value_set_int64 (&owner, participant != NULL ? staple_participant_get_id (participant) : 0);
      staple_window_report (self, staple_editor_set (self->editor, item, "owner-id", &owner,
                                                     &error), &error);
      return;
    }

  staple_window_set_field (self, item, fields, field, value);
}

/* (action, [(stage, card), …]): the friction points an action addresses */
static void
set_action_frictions_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  StapleAction *item;
  GError *error = NULL;
  int index, stage, card;

  g_variant_get (parameter, "(ia(ii))", &index, &iter);
  item = nth_action (self, index);
  if (item == NULL)
    return;

  while (g_variant_iter_next (iter, "(ii)", &stage, &card))
    {
      StapleFriction *friction = staple_window_nth_friction (self, stage, card);
      gint64 id;

      if (friction == NULL)
        return;
      id = staple_friction_get_id (friction);
      g_array_append_val (ids, id);
    }

  staple_window_report (self, staple_editor_set_action_frictions (self->editor, item,
                                                                  (gint64 *) (gpointer) ids->data,
                                                                  ids->len, &error), &error);
}

static void
add_empowerment_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StapleWindow *self = user_data;
  GError *error = NULL;

  staple_window_report (self, staple_editor_add_empowerment (self->editor, G_MAXUINT,
                                                             g_variant_get_string (parameter,
                                                                                   NULL),
                                                             &error) != NULL, &error);
}

static void
delete_empowerment_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleEmpowerment *item = nth_empowerment (self, g_variant_get_int32 (parameter));
  GError *error = NULL;

  if (item != NULL)
    staple_window_report (self, staple_editor_delete_empowerment (self->editor, item, &error),
                          &error);
}

static void
set_empowerment_field_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  static const char * const fields[] = { "text", NULL };
  StapleWindow *self = user_data;
  g_autoptr(GVariant) value = NULL;
  StapleEmpowerment *item;
  const char *field;
  int index;

  g_variant_get (parameter, "(i&sv)", &index, &field, &value);
  item = nth_empowerment (self, index);
  if (item != NULL)
    staple_window_set_field (self, item, fields, field, value);
}

/* Templates and the walk */

static void
apply_template_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  StapleWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  const StapleTemplate *template_ = staple_templates_lookup (id);
  g_autoptr(GPtrArray) stages = NULL;
  GError *error = NULL;

  if (template_ == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no template “%s”."),
                                                  g_variant_get_string (parameter, NULL));

      staple_window_show_toast (self, message);
      return;
    }

  stages = staple_template_create_stages (template_);
  staple_window_report (self, staple_editor_add_stages (self->editor, stages, &error), &error);
}

static void
set_current_stage (StapleWindow *self,
                   StapleStage  *stage)
{
  GError *error = NULL;

  staple_window_report (self, staple_editor_set_current_stage (self->editor, stage, &error),
                        &error);
}

static void
set_current_stage_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  StapleWindow *self = user_data;
  int index = g_variant_get_int32 (parameter);
  StapleStage *stage = index >= 0 ? staple_window_nth_stage (self, index) : NULL;

  if (index < 0 || stage != NULL)
    set_current_stage (self, stage);
}

/* Page Down and Page Up in the walk: the cursor moves one stage on or back,
 * starting at the first. */
static void
step_stage_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleSession *session = session_of (self);
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  guint n_stages = g_list_model_get_n_items (stages);
  int step = g_str_equal (g_action_get_name (G_ACTION (action)), "next-stage") ? 1 : -1;
  guint index = 0;
  int target;
  g_autoptr(StapleStage) stage = NULL;

  if (n_stages == 0)
    return;

  if (staple_session_find_stage (session, staple_session_get_current_stage_id (session),
                                 &index) == NULL)
    target = 0;
  else
    target = CLAMP ((int) index + step, 0, (int) n_stages - 1);

  stage = g_list_model_get_item (stages, (guint) target);
  set_current_stage (self, stage);
}

/* What a clicker's Page Down does in the Walk: the rest of the stage on the
 * room's screen first, when it has another page, then the next stage. */
static void
walk_step_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StapleWindow *self = user_data;
  int direction = g_str_equal (g_action_get_name (G_ACTION (action)), "walk-forward") ? 1 : -1;

  if (session_of (self) == NULL)
    return;

  if (self->presenter != NULL && shown_phase (self) == STAPLE_PHASE_WALK)
    {
      if (staple_presenter_step_page (STAPLE_PRESENTER (self->presenter), direction))
        return;
      if (direction < 0)
        staple_presenter_land_on_last_page (STAPLE_PRESENTER (self->presenter));
    }

  g_action_group_activate_action (G_ACTION_GROUP (self),
                                  direction > 0 ? "next-stage" : "previous-stage", NULL);
}

/* Presenter mode */

static void
presenter_closed_cb (StapleWindow *self)
{
  g_clear_weak_pointer (&self->presenter);
  g_simple_action_set_state (
    G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "presenter")),
    g_variant_new_boolean (FALSE));
}

static void
presenter_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleSession *session = session_of (self);

  if (self->presenter != NULL)
    {
      gtk_window_destroy (self->presenter);
      return;
    }

  if (session == NULL)
    return;

  /* GTK owns its top-level windows; a weak pointer lets the window go when
   * it is closed, whoever closes it. */
  g_set_weak_pointer (&self->presenter,
                      GTK_WINDOW (staple_presenter_new (self, self->editor, self->timer)));
  g_signal_connect_object (self->presenter, "destroy", G_CALLBACK (presenter_closed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The phase on the coach's screen: a past session is reviewed on its
   * Close summary, whatever phase it was left in. */
  staple_presenter_set_phase (STAPLE_PRESENTER (self->presenter), shown_phase (self));
  staple_presenter_show (STAPLE_PRESENTER (self->presenter));
  g_simple_action_set_state (action, g_variant_new_boolean (TRUE));
}

/* Walking the same journey again, weeks later */

static void
walk_again_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StapleWindow *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (parameter != NULL)
    id = g_variant_get_int64 (parameter);
  else if (session_of (self) != NULL)
    id = staple_session_get_id (session_of (self));
  else
    return;

  id = staple_store_walk_again (self->store, id, today, &error);
  if (id <= 0)
    {
      staple_window_show_error (self, error);
      return;
    }

  if (staple_window_open_session (self, id))
    staple_window_show_toast (self, _("A new walk of the same journey: first, review the "
                                      "actions still open"));
}

static void
compare_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  StapleWindow *self = user_data;
  StapleSession *session = session_of (self);
  g_autoptr(StapleSession) earlier = NULL;
  g_autoptr(GError) error = NULL;
  gint64 previous;

  if (session == NULL)
    return;

  previous = staple_store_get_previous_walk (self->store, staple_session_get_id (session),
                                             &error);
  if (previous == 0)
    {
      staple_window_show_toast (self, _("This walk follows no earlier one: use Walk Again on "
                                        "a session to compare the two later"));
      return;
    }

  if (previous > 0)
    earlier = staple_store_load_session (self->store, previous, &error);
  if (earlier == NULL)
    {
      staple_window_show_error (self, error);
      return;
    }

  gtk_window_present (GTK_WINDOW (staple_compare_dialog_new (GTK_WINDOW (self), earlier,
                                                             session)));
}

static const GActionEntry workshop_actions[] = {
  { "compare", compare_action },
  { "walk-again", walk_again_action, "x" },
  { "walk-again-open", walk_again_action },
  { "set-phase", set_phase_action, "s", "'frame'" },
  { "timer-start", timer_action },
  { "timer-pause", timer_action },
  { "timer-add", timer_action },
  { "timer-reset", timer_action },
  { "timer", NULL, NULL, "(0, false)", timer_state_refused },
  { "add-participant", add_participant_action, "(ss)" },
  { "delete-participant", delete_participant_action, "i" },
  { "set-participant-field", set_participant_field_action, "(isv)" },
  { "add-vote", vote_action, "(iii)" },
  { "remove-vote", vote_action, "(iii)" },
  { "set-dots", set_dots_action, "i" },
  { "add-action", add_action_action, "s" },
  { "delete-action", delete_action_action, "i" },
  { "set-action-field", set_action_field_action, "(isv)" },
  { "set-action-frictions", set_action_frictions_action, "(ia(ii))" },
  { "add-empowerment", add_empowerment_action, "s" },
  { "delete-empowerment", delete_empowerment_action, "i" },
  { "set-empowerment-field", set_empowerment_field_action, "(isv)" },
  { "apply-template", apply_template_action, "s" },
  { "set-current-stage", set_current_stage_action, "i" },
  { "next-stage", step_stage_action },
  { "previous-stage", step_stage_action },
  { "walk-forward", walk_step_action },
  { "walk-back", walk_step_action },
  { "presenter", presenter_action, NULL, "false" },
  /* The presenter shows the ranking without its totals: toggled by its
   * switch on the Vote page, let go with the session. */
  { "hide-votes", NULL, NULL, "false" },
};

/**
 * staple_window_workshop_update_actions:
 *
 * Enables the workshop's actions when a session is open.
 */
void
staple_window_workshop_update_actions (StapleWindow *self)
{
  gboolean has_session = self->editor != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (workshop_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self),
                                                    workshop_actions[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_session);
    }
}

/**
 * staple_window_workshop_session_changed:
 *
 * Counts the time of the session being left, and puts the timer and the
 * phase bar on the phase the new one was left in.
 */
void
staple_window_workshop_session_changed (StapleWindow *self)
{
  StapleSession *session = session_of (self);

  self->phase_clock = g_get_monotonic_time ();
  g_action_group_change_action_state (G_ACTION_GROUP (self), "hide-votes",
                                      g_variant_new_boolean (FALSE));
  if (self->presenter != NULL && session == NULL)
    gtk_window_destroy (self->presenter);
  else if (self->presenter != NULL)
    staple_presenter_set_editor (STAPLE_PRESENTER (self->presenter), self->editor);

  /* On the day, a session opens in the phase it was left in; a past one
   * opens for review, on its Close summary (the stored phase is kept). */
  if (session != NULL)
    enter_phase (self, staple_window_session_is_past (session) ? STAPLE_PHASE_CLOSE
                                         : staple_session_get_phase (session), TRUE);

  staple_window_workshop_update_actions (self);
}

/**
 * staple_window_workshop_init:
 *
 * Adds the workshop's actions and its timer to the window.
 */
void
staple_window_workshop_init (StapleWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), workshop_actions,
                                   G_N_ELEMENTS (workshop_actions), self);

  self->timer = staple_timer_new ();
  g_signal_connect_object (self->timer, "notify::expired", G_CALLBACK (timer_expired_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timer, "notify::remaining", G_CALLBACK (timer_shown_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timer, "notify::running", G_CALLBACK (timer_shown_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->phase_clock_id = g_timeout_add_seconds (PHASE_CLOCK_PERIOD_S, phase_clock_cb, self);
  staple_window_workshop_update_actions (self);
}

/**
 * staple_window_workshop_dispose:
 *
 * Counts the last minutes of the phase and lets go of the timer.
 */
void
staple_window_workshop_dispose (StapleWindow *self)
{
  count_phase_time (self);
  g_clear_handle_id (&self->phase_clock_id, g_source_remove);

  if (self->presenter != NULL)
    {
      GtkWindow *presenter = self->presenter;

      g_signal_handlers_disconnect_by_data (presenter, self);
      g_clear_weak_pointer (&self->presenter);
      gtk_window_destroy (presenter);
    }

  g_clear_object (&self->timer);
}
