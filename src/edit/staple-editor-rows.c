/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-editor-rows.c: edits that add, remove and move rows: stages,
 * friction points, participants, dots, actions and empowerment items, with
 * what goes along with them, each one undo step. */
#define G_LOG_DOMAIN "staple-editor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "staple-editor-private.h"

/* Adding and removing rows: stages, friction points, participants, dots,
 * actions and empowerment items */

typedef struct
{
  StapleAction *action;
  GArray       *ids; /* the friction ids it had before the removal */
} ActionLinks;

typedef struct
{
  Command      parent;
  gboolean     insert;      /* whether running it forward adds the item */
  GObject     *item;        /* a stage, friction point, participant, vote, action or
                             * empowerment item */
  StapleStage *stage;       /* the stage holding a friction point */
  guint        index;
  GPtrArray   *votes;       /* votes that go and come back with the item */
  GArray      *links;       /* ActionLinks */
  GPtrArray   *owned;       /* actions whose owner goes and comes back with the item */
  gboolean     was_current; /* whether the removed stage was the current one */
} RowCommand;

static GListStore *
row_command_list (RowCommand   *self,
                  StapleEditor *editor)
{
  if (self->stage != NULL)
    return staple_stage_get_frictions (self->stage);
  if (STAPLE_IS_STAGE (self->item))
    return staple_session_get_stages (editor->session);
  if (STAPLE_IS_PARTICIPANT (self->item))
    return staple_session_get_participants (editor->session);
  if (STAPLE_IS_VOTE (self->item))
    return staple_session_get_votes (editor->session);
  if (STAPLE_IS_ACTION (self->item))
    return staple_session_get_actions (editor->session);

  g_assert (STAPLE_IS_EMPOWERMENT (self->item));
  return staple_session_get_empowerments (editor->session);
}

/* Dots are a set: they have no position to keep. */
static gboolean
row_command_has_positions (RowCommand *self)
{
  return !STAPLE_IS_VOTE (self->item);
}

static void
row_command_remove_references (RowCommand   *self,
                               StapleEditor *editor)
{
  GListStore *votes = staple_session_get_votes (editor->session);

  for (guint i = 0; i < self->votes->len; i++)
    {
      guint position;

      if (g_list_store_find (votes, g_ptr_array_index (self->votes, i), &position))
        g_list_store_remove (votes, position);
    }

  /* Drop the removed friction points from the actions that addressed them. */
  for (guint i = 0; i < self->links->len; i++)
    {
      ActionLinks *links = &g_array_index (self->links, ActionLinks, i);
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint j = 0; j < links->ids->len; j++)
        {
          gint64 id = g_array_index (links->ids, gint64, j);
          StapleFriction *friction = staple_session_find_friction (editor->session, id,
                                                                   NULL, NULL);

          if (friction != NULL)
            g_array_append_val (kept, id);
        }

      staple_action_set_friction_ids (links->action, (const gint64 *) (gpointer) kept->data,
                                      kept->len);
    }

  /* As the database does: ON DELETE SET NULL. */
  for (guint i = 0; i < self->owned->len; i++)
    staple_action_set_owner_id (g_ptr_array_index (self->owned, i), 0);

  if (STAPLE_IS_STAGE (self->item))
    {
      gint64 id = staple_stage_get_id (STAPLE_STAGE (self->item));

      self->was_current = id > 0 && staple_session_get_current_stage_id (editor->session) == id;
      if (self->was_current)
        staple_session_set_current_stage_id (editor->session, 0);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  gint64 id_a = staple_vote_get_id ((StapleVote *) a);
  gint64 id_b = staple_vote_get_id ((StapleVote *) b);

  return (id_a > id_b) - (id_a < id_b);
}

static void
row_command_restore_references (RowCommand   *self,
                                StapleEditor *editor)
{
  GListStore *votes = staple_session_get_votes (editor->session);

  for (guint i = 0; i < self->votes->len; i++)
    g_list_store_append (votes, g_ptr_array_index (self->votes, i));

  /* Keep the order the database reads them in. */
  if (self->votes->len > 0)
    g_list_store_sort (votes, compare_ids, NULL);

  for (guint i = 0; i < self->links->len; i++)
    {
      ActionLinks *links = &g_array_index (self->links, ActionLinks, i);

      staple_action_set_friction_ids (links->action,
                                      (const gint64 *) (gpointer) links->ids->data,
                                      links->ids->len);
    }

  for (guint i = 0; i < self->owned->len; i++)
    staple_action_set_owner_id (g_ptr_array_index (self->owned, i),
                                staple_participant_get_id (STAPLE_PARTICIPANT (self->item)));

  /* Unless the walk-through moved on to another stage meanwhile. */
  if (self->was_current && staple_session_get_current_stage_id (editor->session) == 0)
    staple_session_set_current_stage_id (editor->session,
                                         staple_stage_get_id (STAPLE_STAGE (self->item)));
}

static void
row_command_apply (Command      *command,
                   StapleEditor *editor,
                   gboolean      forward)
{
  RowCommand *self = (RowCommand *) command;
  GListStore *list = row_command_list (self, editor);
  guint position;

  if (forward == self->insert)
    {
      g_list_store_insert (list, MIN (self->index, g_list_model_get_n_items (G_LIST_MODEL (list))),
                           self->item);
      row_command_restore_references (self, editor);
    }
  else
    {
      if (g_list_store_find (list, self->item, &position))
        g_list_store_remove (list, position);
      row_command_remove_references (self, editor);
    }

  /* Only stages and friction points hold their position; the rest have it
   * only in the database. */
  if (STAPLE_IS_STAGE (self->item) || STAPLE_IS_FRICTION (self->item))
    renumber (G_LIST_MODEL (list));
}

/* Inserts the item's row, under its id if it has one. */
static gboolean
row_command_insert_item (RowCommand    *self,
                         StapleEditor  *editor,
                         GListStore    *list,
                         GError       **error)
{
  gint64 session_id = staple_session_get_id (editor->session);
  guint position = 0;

  g_list_store_find (list, self->item, &position);

  if (STAPLE_IS_STAGE (self->item))
    {
      staple_stage_set_session_id (STAPLE_STAGE (self->item), session_id);
      return staple_store_insert_stage (editor->store, STAPLE_STAGE (self->item), error);
    }

  if (STAPLE_IS_FRICTION (self->item))
    {
      staple_friction_set_stage_id (STAPLE_FRICTION (self->item),
                                    staple_stage_get_id (self->stage));
      return staple_store_insert_friction (editor->store, STAPLE_FRICTION (self->item), error);
    }

  if (STAPLE_IS_PARTICIPANT (self->item))
    return staple_store_insert_participant (editor->store, session_id, (int) position,
                                            STAPLE_PARTICIPANT (self->item), error);

  if (STAPLE_IS_VOTE (self->item))
    return staple_store_insert_vote (editor->store, STAPLE_VOTE (self->item), error);

  if (STAPLE_IS_ACTION (self->item))
    return staple_store_insert_action (editor->store, session_id, (int) position,
                                       STAPLE_ACTION (self->item), error);

  return staple_store_insert_empowerment (editor->store, session_id, (int) position,
                                          STAPLE_EMPOWERMENT (self->item), error);
}

static gboolean
row_command_write_references (RowCommand    *self,
                              StapleEditor  *editor,
                              GError       **error)
{
  for (guint i = 0; i < self->votes->len; i++)
    {
      if (!staple_store_insert_vote (editor->store, g_ptr_array_index (self->votes, i), error))
        return FALSE;
    }

  for (guint i = 0; i < self->links->len; i++)
    {
      ActionLinks *links = &g_array_index (self->links, ActionLinks, i);

      if (!staple_store_set_action_frictions (editor->store, links->action, error))
        return FALSE;
    }

  for (guint i = 0; i < self->owned->len; i++)
    {
      if (!staple_store_update_field (editor->store, g_ptr_array_index (self->owned, i),
                                      "owner-id", error))
        return FALSE;
    }

  if (STAPLE_IS_STAGE (self->item) &&
      staple_session_get_current_stage_id (editor->session) ==
      staple_stage_get_id (STAPLE_STAGE (self->item)) &&
      !staple_store_update_field (editor->store, G_OBJECT (editor->session), "current-stage-id",
                                  error))
    return FALSE;

  return TRUE;
}

static gboolean
row_command_write (Command      *command,
                   StapleEditor *editor,
                   gboolean      forward,
                   GError      **error)
{
  RowCommand *self = (RowCommand *) command;
  GListStore *list = row_command_list (self, editor);

  /* The database takes away what belongs to the row by itself. */
  if (forward != self->insert)
    {
      if (!staple_store_delete_row (editor->store, self->item, error))
        return FALSE;
    }
  else if (!row_command_insert_item (self, editor, list, error) ||
           !row_command_write_references (self, editor, error))
    return FALSE;

  return !row_command_has_positions (self) ||
         staple_store_write_positions (editor->store, G_LIST_MODEL (list), error);
}

static void
action_links_clear (gpointer data)
{
  ActionLinks *links = data;

  g_clear_object (&links->action);
  g_clear_pointer (&links->ids, g_array_unref);
}

static void
row_command_free (Command *command)
{
  RowCommand *self = (RowCommand *) command;

  g_clear_object (&self->item);
  g_clear_object (&self->stage);
  g_clear_pointer (&self->votes, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->owned, g_ptr_array_unref);
  g_free (self);
}

/* Whether @participant has a dot left to place. */
static gboolean
check_dot_left (StapleEditor       *self,
                StapleParticipant  *participant,
                GError            **error)
{
  int dots = staple_session_get_dots_per_participant (self->session);

  if (staple_participant_get_abstains (participant))
    {
      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   _("%s abstains from voting, so they have no dots to place."),
                   staple_participant_get_name (participant));
      return FALSE;
    }

  if (staple_session_count_dots_of (self->session, staple_participant_get_id (participant)) >=
      (guint) MAX (dots, 0))
    {
      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has already placed their %d dot.",
                                "%s has already placed all %d dots.",
                                dots),
                   staple_participant_get_name (participant), dots);
      return FALSE;
    }

  return TRUE;
}

/* A phone may place a voter's dots meanwhile, outside the history: a dot
 * that goes (undoing its placing) must still be there, and one that comes
 * back (redoing its placing, undoing its removal) must still fit. */
static gboolean
row_command_check (Command      *command,
                   StapleEditor *editor,
                   gboolean      forward,
                   GError      **error)
{
  RowCommand *self = (RowCommand *) command;
  StapleVote *vote;
  StapleParticipant *participant;

  if (!STAPLE_IS_VOTE (self->item))
    return TRUE;

  vote = STAPLE_VOTE (self->item);
  participant = staple_session_find_participant (editor->session,
                                                 staple_vote_get_participant_id (vote), NULL);
  if (forward != self->insert)
    {
      if (g_list_store_find (staple_session_get_votes (editor->session), vote, NULL))
        return TRUE;

      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   _("That dot is no longer there: %s placed their dots again from a phone."),
                   participant != NULL ? staple_participant_get_name (participant) : "?");
      return FALSE;
    }

  if (participant == NULL ||
      staple_session_find_friction (editor->session,
                                    staple_vote_get_friction_id (vote), NULL, NULL) == NULL)
    {
      g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                           _("That dot's voter or friction point is no longer in the session."));
      return FALSE;
    }

  return check_dot_left (editor, participant, error);
}

static const CommandClass row_command_class = {
  row_command_apply, row_command_write, row_command_free, row_command_check,
};

static gboolean
id_in (GArray *ids,
       gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

/* Notes the votes and action links that go with the friction points in
 * @friction_ids, so that undoing the removal brings them back. */
static void
row_command_capture (RowCommand    *self,
                     StapleSession *session,
                     GArray        *friction_ids)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (session));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));

  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (id_in (friction_ids, staple_vote_get_friction_id (vote)))
        g_ptr_array_add (self->votes, g_object_ref (vote));
    }

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      guint n_ids = 0;
      const gint64 *ids = staple_action_get_friction_ids (action, &n_ids);
      gboolean touched = FALSE;

      for (guint j = 0; j < n_ids && !touched; j++)
        touched = id_in (friction_ids, ids[j]);

      if (touched)
        {
          ActionLinks links = { g_object_ref (action), g_array_sized_new (FALSE, FALSE,
                                                                          sizeof (gint64),
                                                                          n_ids) };

          g_array_append_vals (links.ids, ids, n_ids);
          g_array_append_val (self->links, links);
        }
    }
}

/* Notes the dots and the actions of a participant, which go with them. */
static void
row_command_capture_participant (RowCommand    *self,
                                 StapleSession *session,
                                 gint64         participant_id)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (session));
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (session));

  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_participant_id (vote) == participant_id)
        g_ptr_array_add (self->votes, g_object_ref (vote));
    }

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);

      if (staple_action_get_owner_id (action) == participant_id)
        g_ptr_array_add (self->owned, g_object_ref (action));
    }
}

static RowCommand *
row_command_new (gboolean     insert,
                 gpointer     item,
                 StapleStage *stage,
                 guint        index,
                 const char  *label)
{
  RowCommand *self = g_new0 (RowCommand, 1);

  self->parent.klass = &row_command_class;
  self->parent.label = label;
  self->insert = insert;
  self->item = g_object_ref (item);
  self->stage = stage != NULL ? g_object_ref (stage) : NULL;
  self->index = index;
  self->votes = g_ptr_array_new_with_free_func (g_object_unref);
  self->links = g_array_new (FALSE, FALSE, sizeof (ActionLinks));
  g_array_set_clear_func (self->links, action_links_clear);
  self->owned = g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

/* Adds a new row at @index (past the end appends) of the list it belongs in. */
static gboolean
push_insert (StapleEditor  *self,
             gpointer       item,
             StapleStage   *stage,
             guint          index,
             const char    *label,
             GError       **error)
{
  RowCommand *command = row_command_new (TRUE, item, stage, 0, label);

  index = MIN (index, g_list_model_get_n_items (G_LIST_MODEL (row_command_list (command,
                                                                                 self))));
  command->index = index;
  return push_command (self, &command->parent, error);
}

/* Removes a row of @list, with nothing that goes along with it. */
static gboolean
push_remove (StapleEditor  *self,
             GListStore    *list,
             gpointer       item,
             const char    *label,
             GError       **error)
{
  guint index;

  if (!g_list_store_find (list, item, &index))
    g_return_val_if_reached (FALSE);

  return push_command (self, &row_command_new (FALSE, item, NULL, index, label)->parent, error);
}

static gboolean
check_text (const char  *text,
            const char  *message,
            GError     **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL) || is_blank (text))
    {
      g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID, message);
      return FALSE;
    }

  return TRUE;
}

/**
 * staple_editor_add_stage:
 * @index: where the stage goes; past the end appends
 * @name: the stage's name, not empty
 *
 * Returns: (transfer none): the new stage, or %NULL with @error set
 */
StapleStage *
staple_editor_add_stage (StapleEditor  *self,
                         guint          index,
                         const char    *name,
                         GError       **error)
{
  g_autoptr(StapleStage) stage = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (name, _("A stage needs a name."), error))
    return NULL;

  stage = staple_stage_new ();
  staple_stage_set_name (stage, name);

  if (!push_insert (self, stage, NULL, index, _("Add Stage"), error))
    return NULL;

  return stage;
}

/**
 * staple_editor_add_friction:
 * @stage: the stage where the friction point was seen
 * @index: where it goes in the stage; past the end appends
 * @text: what happens, not empty
 *
 * Returns: (transfer none): the new friction point, or %NULL with @error set
 */
StapleFriction *
staple_editor_add_friction (StapleEditor  *self,
                            StapleStage   *stage,
                            guint          index,
                            const char    *text,
                            GError       **error)
{
  g_autoptr(StapleFriction) blank = staple_friction_new ();

  return staple_editor_add_friction_of_kind (self, stage, index, text,
                                             staple_friction_get_kind (blank), error);
}

/**
 * staple_editor_add_friction_of_kind:
 * @stage: a stage of the session
 * @index: where the friction point goes in the stage; past the end appends
 * @text: what gets in the way, not empty
 * @kind: what kind of friction it is
 *
 * Adds a friction point of @kind, as one undo step (a suggestion from the
 * room accepted as a wait, say).
 *
 * Returns: (transfer none): the new friction point, or %NULL with @error set
 */
StapleFriction *
staple_editor_add_friction_of_kind (StapleEditor       *self,
                                    StapleStage        *stage,
                                    guint               index,
                                    const char         *text,
                                    StapleFrictionKind  kind,
                                    GError            **error)
{
  g_autoptr(StapleFriction) friction = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), NULL);

  if (!check_text (text, _("A friction point needs some text."), error))
    return NULL;

  friction = staple_friction_new ();
  staple_friction_set_text (friction, text);
  staple_friction_set_kind (friction, kind);

  if (!push_insert (self, friction, stage, index, _("Add Friction Point"), error))
    return NULL;

  return friction;
}

/**
 * staple_editor_delete_stage:
 * @stage: a stage of the session
 *
 * Deletes a stage with its friction points and their votes; undo brings all
 * of it back.
 */
gboolean
staple_editor_delete_stage (StapleEditor  *self,
                            StapleStage   *stage,
                            GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *frictions;
  RowCommand *command;
  guint index;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);

  if (!g_list_store_find (staple_session_get_stages (self->session), stage, &index))
    g_return_val_if_reached (FALSE);

  frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  for (guint i = 0; i < g_list_model_get_n_items (frictions); i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);
      gint64 id = staple_friction_get_id (friction);

      g_array_append_val (ids, id);
    }

  command = row_command_new (FALSE, stage, NULL, index, _("Delete Stage"));
  row_command_capture (command, self->session, ids);
  return push_command (self, &command->parent, error);
}

/**
 * staple_editor_delete_friction:
 * @friction: a friction point of the session
 *
 * Deletes a friction point with its votes; undo brings them back.
 */
gboolean
staple_editor_delete_friction (StapleEditor    *self,
                               StapleFriction  *friction,
                               GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  StapleStage *stage = NULL;
  RowCommand *command;
  gint64 id;
  guint index = 0;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), FALSE);

  id = staple_friction_get_id (friction);
  if (staple_session_find_friction (self->session, id, &stage, &index) != friction)
    g_return_val_if_reached (FALSE);

  g_array_append_val (ids, id);
  command = row_command_new (FALSE, friction, stage, index, _("Delete Friction Point"));
  row_command_capture (command, self->session, ids);
  return push_command (self, &command->parent, error);
}

/* Participants */

/**
 * staple_editor_add_participant:
 * @index: where the participant goes in the list; past the last person
 *   (the room's anonymous voters come after the people) appends
 * @name: the participant's name, not empty
 * @role: (nullable): their role, such as “team lead”
 *
 * Returns: (transfer none): the new participant, or %NULL with @error set
 */
StapleParticipant *
staple_editor_add_participant (StapleEditor  *self,
                               guint          index,
                               const char    *name,
                               const char    *role,
                               GError       **error)
{
  g_autoptr(StapleParticipant) participant = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (name, _("A participant needs a name."), error))
    return NULL;

  if (role != NULL && !g_utf8_validate (role, -1, NULL))
    {
      g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                           _("The text is not valid UTF-8."));
      return NULL;
    }

  participant = staple_participant_new ();
  staple_participant_set_name (participant, name);
  staple_participant_set_role (participant, role);

  /* People before the room's anonymous voters, which are no people. */
  index = MIN (index, staple_session_count_people (self->session));
  if (!push_insert (self, participant, NULL, index, _("Add Participant"), error))
    return NULL;

  return participant;
}

/**
 * staple_editor_add_anonymous_voter:
 *
 * Adds a voter of the room's own, for a phone voting anonymously: no
 * person, so no list of the people in the room shows it
 * (#StapleParticipant:anonymous). It goes at the end of the list, after the
 * people, whose places it leaves as they were.
 *
 * Returns: (transfer none): the new voter, or %NULL with @error set
 */
StapleParticipant *
staple_editor_add_anonymous_voter (StapleEditor  *self,
                                   GError       **error)
{
  g_autoptr(StapleParticipant) participant = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  participant = staple_participant_new ();
  staple_participant_set_name (participant, _("Anonymous voter"));
  staple_participant_set_role (participant, _("Voted from a phone"));
  staple_participant_set_anonymous (participant, TRUE);

  if (!push_insert (self, participant, NULL, G_MAXUINT, _("Add Participant"), error))
    return NULL;

  return participant;
}

/**
 * staple_editor_delete_participant:
 * @participant: a participant of the session
 *
 * Deletes a participant with their dots; the actions they owned stay, with
 * no owner. Undo brings back the participant, their dots and their actions.
 */
gboolean
staple_editor_delete_participant (StapleEditor       *self,
                                  StapleParticipant  *participant,
                                  GError            **error)
{
  RowCommand *command;
  guint index;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), FALSE);

  if (!g_list_store_find (staple_session_get_participants (self->session), participant, &index))
    g_return_val_if_reached (FALSE);

  command = row_command_new (FALSE, participant, NULL, index, _("Delete Participant"));
  row_command_capture_participant (command, self->session,
                                   staple_participant_get_id (participant));
  return push_command (self, &command->parent, error);
}

/* Dots */

static gboolean
is_in_session (StapleEditor      *self,
               StapleParticipant *participant,
               StapleFriction    *friction)
{
  return staple_session_find_participant (self->session,
                                          staple_participant_get_id (participant),
                                          NULL) == participant &&
         staple_session_find_friction (self->session, staple_friction_get_id (friction),
                                       NULL, NULL) == friction;
}

/**
 * staple_editor_add_vote:
 * @participant: a participant of the session
 * @friction: a friction point of the session
 *
 * Puts one of @participant's dots on @friction. Someone who abstains has no
 * dots, and nobody has more than #StapleSession:dots-per-participant.
 *
 * Returns: (transfer none): the new dot, or %NULL with @error set
 */
StapleVote *
staple_editor_add_vote (StapleEditor       *self,
                        StapleParticipant  *participant,
                        StapleFriction     *friction,
                        GError            **error)
{
  g_autoptr(StapleVote) vote = NULL;
  gint64 participant_id;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), NULL);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), NULL);
  g_return_val_if_fail (is_in_session (self, participant, friction), NULL);

  participant_id = staple_participant_get_id (participant);
  if (!check_dot_left (self, participant, error))
    return NULL;

  vote = staple_vote_new ();
  staple_vote_set_participant_id (vote, participant_id);
  staple_vote_set_friction_id (vote, staple_friction_get_id (friction));

  if (!push_insert (self, vote, NULL, G_MAXUINT, _("Add Dot"), error))
    return NULL;

  return vote;
}

/**
 * staple_editor_remove_vote:
 * @participant: a participant of the session
 * @friction: a friction point of the session
 *
 * Takes back the dot @participant placed last on @friction.
 */
gboolean
staple_editor_remove_vote (StapleEditor       *self,
                           StapleParticipant  *participant,
                           StapleFriction     *friction,
                           GError            **error)
{
  GListModel *votes;
  g_autoptr(StapleVote) last = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), FALSE);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), FALSE);
  g_return_val_if_fail (is_in_session (self, participant, friction), FALSE);

  votes = G_LIST_MODEL (staple_session_get_votes (self->session));
  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_participant_id (vote) == staple_participant_get_id (participant) &&
          staple_vote_get_friction_id (vote) == staple_friction_get_id (friction) &&
          (last == NULL || staple_vote_get_id (vote) > staple_vote_get_id (last)))
        g_set_object (&last, vote);
    }

  if (last == NULL)
    {
      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   _("%s has no dot on this friction point."),
                   staple_participant_get_name (participant));
      return FALSE;
    }

  return push_remove (self, staple_session_get_votes (self->session), last, _("Remove Dot"),
                      error);
}

/* Actions and empowerment items */

/**
 * staple_editor_add_action:
 * @index: where the action goes in the list; past the end appends
 * @text: what is to be done, not empty
 *
 * Returns: (transfer none): the new action, open, with no owner, or %NULL
 *   with @error set
 */
StapleAction *
staple_editor_add_action (StapleEditor  *self,
                          guint          index,
                          const char    *text,
                          GError       **error)
{
  g_autoptr(StapleAction) action = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (text, _("An action needs some text."), error))
    return NULL;

  action = staple_action_new ();
  staple_action_set_text (action, text);

  if (!push_insert (self, action, NULL, index, _("Add Action"), error))
    return NULL;

  return action;
}

/**
 * staple_editor_delete_action:
 * @action: an action of the session
 *
 * Deletes an action with its links to friction points; undo brings both back.
 */
gboolean
staple_editor_delete_action (StapleEditor  *self,
                             StapleAction  *action,
                             GError       **error)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_ACTION (action), FALSE);

  return push_remove (self, staple_session_get_actions (self->session), action,
                      _("Delete Action"), error);
}

/**
 * staple_editor_add_empowerment:
 * @index: where the item goes in the list; past the end appends
 * @text: what front-line staff may now decide, not empty
 *
 * Returns: (transfer none): the new item, or %NULL with @error set
 */
StapleEmpowerment *
staple_editor_add_empowerment (StapleEditor  *self,
                               guint          index,
                               const char    *text,
                               GError       **error)
{
  g_autoptr(StapleEmpowerment) item = NULL;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), NULL);

  if (!check_text (text, _("An empowerment needs some text."), error))
    return NULL;

  item = staple_empowerment_new ();
  staple_empowerment_set_text (item, text);

  if (!push_insert (self, item, NULL, index, _("Add Empowerment"), error))
    return NULL;

  return item;
}

/**
 * staple_editor_delete_empowerment:
 * @item: an empowerment item of the session
 */
gboolean
staple_editor_delete_empowerment (StapleEditor       *self,
                                  StapleEmpowerment  *item,
                                  GError            **error)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_EMPOWERMENT (item), FALSE);

  return push_remove (self, staple_session_get_empowerments (self->session), item,
                      _("Delete Empowerment"), error);
}

/* The friction points an action addresses */

typedef struct
{
  Command       parent;
  StapleAction *action;
  GArray       *old_ids;
  GArray       *new_ids;
} LinksCommand;

static void
links_command_apply (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward)
{
  LinksCommand *self = (LinksCommand *) command;
  GArray *ids = forward ? self->new_ids : self->old_ids;

  staple_action_set_friction_ids (self->action, (const gint64 *) (gpointer) ids->data, ids->len);
}

static gboolean
links_command_write (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward,
                     GError      **error)
{
  LinksCommand *self = (LinksCommand *) command;

  return staple_store_set_action_frictions (editor->store, self->action, error);
}

static void
links_command_free (Command *command)
{
  LinksCommand *self = (LinksCommand *) command;

  g_clear_object (&self->action);
  g_clear_pointer (&self->old_ids, g_array_unref);
  g_clear_pointer (&self->new_ids, g_array_unref);
  g_free (self);
}

static const CommandClass links_command_class = {
  links_command_apply, links_command_write, links_command_free, NULL,
};

/**
 * staple_editor_set_action_frictions:
 * @action: an action of the session
 * @ids: (array length=n_ids) (nullable): ids of friction points of the session
 * @n_ids: the number of ids
 *
 * Sets the friction points @action addresses, in the order given; an id
 * given twice counts once.
 */
gboolean
staple_editor_set_action_frictions (StapleEditor  *self,
                                    StapleAction  *action,
                                    const gint64  *ids,
                                    guint          n_ids,
                                    GError       **error)
{
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gint64 *old_ids;
  guint n_old = 0;
  LinksCommand *command;
  guint index;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_ACTION (action), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!g_list_store_find (staple_session_get_actions (self->session), action, &index))
    g_return_val_if_reached (FALSE);

  for (guint i = 0; i < n_ids; i++)
    {
      if (staple_session_find_friction (self->session, ids[i], NULL, NULL) == NULL)
        {
          g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                               _("An action can only address friction points of its own "
                                 "session."));
          return FALSE;
        }

      if (!id_in (new_ids, ids[i]))
        g_array_append_val (new_ids, ids[i]);
    }

  old_ids = staple_action_get_friction_ids (action, &n_old);
  if (n_old == new_ids->len &&
      (n_old == 0 || memcmp (old_ids, new_ids->data, n_old * sizeof (gint64)) == 0))
    return TRUE;

  command = g_new0 (LinksCommand, 1);
  command->parent.klass = &links_command_class;
  command->parent.label = _("Change Friction Points Addressed");
  command->action = g_object_ref (action);
  command->old_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_old);
  g_array_append_vals (command->old_ids, old_ids, n_old);
  command->new_ids = g_steal_pointer (&new_ids);
  return push_command (self, &command->parent, error);
}

/* Several commands as one undo step */

typedef struct
{
  Command    parent;
  GPtrArray *commands;
} GroupCommand;

/* Forward in order, backward in reverse order, as a stack unwinds. */
static void
group_command_apply (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward)
{
  GroupCommand *self = (GroupCommand *) command;
  guint n = self->commands->len;

  for (guint i = 0; i < n; i++)
    {
      Command *child = g_ptr_array_index (self->commands, forward ? i : n - 1 - i);

      child->klass->apply (child, editor, forward);
    }
}

static gboolean
group_command_write (Command      *command,
                     StapleEditor *editor,
                     gboolean      forward,
                     GError      **error)
{
  GroupCommand *self = (GroupCommand *) command;
  guint n = self->commands->len;

  for (guint i = 0; i < n; i++)
    {
      Command *child = g_ptr_array_index (self->commands, forward ? i : n - 1 - i);

      if (!child->klass->write (child, editor, forward, error))
        return FALSE;
    }

  return TRUE;
}

static void
group_command_free (Command *command)
{
  GroupCommand *self = (GroupCommand *) command;

  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_free (self);
}

static const CommandClass group_command_class = {
  group_command_apply, group_command_write, group_command_free, NULL,
};

/* Two commands as one undo step, run in that order; takes both. */
Command *
staple_editor_group_new (const char *label,
                         Command    *first,
                         Command    *second)
{
  GroupCommand *command = g_new0 (GroupCommand, 1);

  command->parent.klass = &group_command_class;
  command->parent.label = label;
  command->commands = g_ptr_array_new_with_free_func (command_free);
  g_ptr_array_add (command->commands, first);
  g_ptr_array_add (command->commands, second);
  return &command->parent;
}

/* A ballot */

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x < y) - (x > y);  /* the last first */
}

/**
 * staple_editor_set_dots:
 * @participant: a participant of the session
 * @friction_ids: (array length=n_ids) (nullable): the friction points
 *   @participant's dots go on, one id for each dot (an id twice, two dots)
 * @n_ids: the number of dots
 *
 * Makes @participant's dots exactly those of @friction_ids, as one undo
 * step written in one transaction: a ballot from a phone in the room. The
 * dots already in place stay, the others go, the missing ones are added;
 * nothing changes when any of it is refused. Someone who abstains has no
 * dots, and nobody more than #StapleSession:dots-per-participant.
 */
gboolean
staple_editor_set_dots (StapleEditor       *self,
                        StapleParticipant  *participant,
                        const gint64       *friction_ids,
                        guint               n_ids,
                        GError            **error)
{
  GListModel *votes;
  g_autoptr(GArray) surplus = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gint64 *missing = NULL;
  guint n_missing = 0, n_votes;
  gint64 participant_id;
  GroupCommand *command;
  int dots;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_PARTICIPANT (participant), FALSE);
  g_return_val_if_fail (friction_ids != NULL || n_ids == 0, FALSE);

  participant_id = staple_participant_get_id (participant);
  g_return_val_if_fail (staple_session_find_participant (self->session, participant_id,
                                                         NULL) == participant, FALSE);
  dots = staple_session_get_dots_per_participant (self->session);

  if (n_ids > 0 && staple_participant_get_abstains (participant))
    {
      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   _("%s abstains from voting, so they have no dots to place."),
                   staple_participant_get_name (participant));
      return FALSE;
    }
  if (n_ids > (guint) MAX (dots, 0))
    {
      g_set_error (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %d dot to place.",
                                "%s has %d dots to place.",
                                dots),
                   staple_participant_get_name (participant), dots);
      return FALSE;
    }
  for (guint i = 0; i < n_ids; i++)
    {
      if (staple_session_find_friction (self->session, friction_ids[i], NULL, NULL) == NULL)
        {
          g_set_error_literal (error, STAPLE_EDITOR_ERROR, STAPLE_EDITOR_ERROR_INVALID,
                               _("A dot was for a friction point this session does not have."));
          return FALSE;
        }
    }

  /* What stays: the oldest of each friction point's dots, up to the number
   * wanted there; the rest is surplus. */
  missing = g_memdup2 (friction_ids, MAX (n_ids, 1) * sizeof (gint64));
  n_missing = n_ids;
  votes = G_LIST_MODEL (staple_session_get_votes (self->session));
  n_votes = g_list_model_get_n_items (votes);
  for (guint i = 0; i < n_votes; i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);
      gint64 id = staple_vote_get_friction_id (vote);
      gboolean kept = FALSE;

      if (staple_vote_get_participant_id (vote) != participant_id)
        continue;
      for (guint j = 0; j < n_missing && !kept; j++)
        {
          if (missing[j] == id)
            {
              missing[j] = missing[--n_missing];
              kept = TRUE;
            }
        }
      if (!kept)
        g_array_append_val (surplus, i);
    }

  if (surplus->len == 0 && n_missing == 0)
    return TRUE;

  command = g_new0 (GroupCommand, 1);
  command->parent.klass = &group_command_class;
  command->parent.label = _("Place Dots");
  command->commands = g_ptr_array_new_with_free_func (command_free);

  /* The surplus goes from the end of the list back, so that undo puts each
   * dot back where it was. */
  g_array_sort (surplus, compare_positions);
  for (guint i = 0; i < surplus->len; i++)
    {
      guint position = g_array_index (surplus, guint, i);
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, position);
      RowCommand *child = row_command_new (FALSE, vote, NULL, position, _("Remove Dot"));

      g_ptr_array_add (command->commands, &child->parent);
    }
  for (guint i = 0; i < n_missing; i++)
    {
      g_autoptr(StapleVote) vote = staple_vote_new ();
      RowCommand *child;

      staple_vote_set_participant_id (vote, participant_id);
      staple_vote_set_friction_id (vote, missing[i]);
      child = row_command_new (TRUE, vote, NULL, n_votes - surplus->len + i, _("Add Dot"));
      g_ptr_array_add (command->commands, &child->parent);
    }

  return push_command (self, &command->parent, error);
}

/**
 * staple_editor_add_stages:
 * @stages: (element-type StapleStage): new stages, with their fields set and
 *   no ids, such as those of a template
 *
 * Appends @stages to the session as one undo step.
 */
gboolean
staple_editor_add_stages (StapleEditor  *self,
                          GPtrArray     *stages,
                          GError       **error)
{
  GroupCommand *command;
  guint n_stages;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (stages != NULL, FALSE);

  for (guint i = 0; i < stages->len; i++)
    {
      StapleStage *stage = g_ptr_array_index (stages, i);

      g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);
      g_return_val_if_fail (staple_stage_get_id (stage) == 0, FALSE);

      if (!check_text (staple_stage_get_name (stage), _("A stage needs a name."), error))
        return FALSE;
    }

  if (stages->len == 0)
    return TRUE;

  n_stages = g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_stages (self->session)));
  command = g_new0 (GroupCommand, 1);
  command->parent.klass = &group_command_class;
  command->parent.label = _("Add Stages");
  command->commands = g_ptr_array_new_with_free_func (command_free);

  for (guint i = 0; i < stages->len; i++)
    {
      RowCommand *child = row_command_new (TRUE, g_ptr_array_index (stages, i), NULL,
                                           n_stages + i, _("Add Stage"));

      g_ptr_array_add (command->commands, &child->parent);
    }

  return push_command (self, &command->parent, error);
}

/* Moving stages and friction points */

typedef struct
{
  Command      parent;
  GObject     *item;
  StapleStage *from_stage; /* NULL when moving a stage */
  StapleStage *to_stage;
  guint        from_index;
  guint        to_index;
} MoveCommand;

static GListStore *
move_command_list (MoveCommand  *self,
                   StapleEditor *editor,
                   StapleStage  *stage)
{
  if (stage != NULL)
    return staple_stage_get_frictions (stage);

  return staple_session_get_stages (editor->session);
}

static void
move_command_apply (Command      *command,
                    StapleEditor *editor,
                    gboolean      forward)
{
  MoveCommand *self = (MoveCommand *) command;
  StapleStage *source = forward ? self->from_stage : self->to_stage;
  StapleStage *target = forward ? self->to_stage : self->from_stage;
  GListStore *from = move_command_list (self, editor, source);
  GListStore *to = move_command_list (self, editor, target);
  guint index = forward ? self->to_index : self->from_index;
  guint position;
  g_autoptr(GObject) item = g_object_ref (self->item);

  if (g_list_store_find (from, item, &position))
    g_list_store_remove (from, position);

  if (target != NULL)
    staple_friction_set_stage_id (STAPLE_FRICTION (item), staple_stage_get_id (target));

  g_list_store_insert (to, MIN (index, g_list_model_get_n_items (G_LIST_MODEL (to))), item);
  renumber (G_LIST_MODEL (from));
  if (to != from)
    renumber (G_LIST_MODEL (to));
}

static gboolean
move_command_write (Command      *command,
                    StapleEditor *editor,
                    gboolean      forward,
                    GError      **error)
{
  MoveCommand *self = (MoveCommand *) command;
  GListStore *from = move_command_list (self, editor, self->from_stage);
  GListStore *to = move_command_list (self, editor, self->to_stage);

  if (self->to_stage != NULL &&
      !staple_store_update_field (editor->store, self->item, "stage-id", error))
    return FALSE;

  return staple_store_write_positions (editor->store, G_LIST_MODEL (from), error) &&
         (from == to || staple_store_write_positions (editor->store, G_LIST_MODEL (to), error));
}

static void
move_command_free (Command *command)
{
  MoveCommand *self = (MoveCommand *) command;

  g_clear_object (&self->item);
  g_clear_object (&self->from_stage);
  g_clear_object (&self->to_stage);
  g_free (self);
}

static const CommandClass move_command_class = {
  move_command_apply, move_command_write, move_command_free, NULL,
};

/**
 * staple_editor_move_stage:
 * @stage: a stage of the session
 * @index: its new place; past the end moves it last
 */
gboolean
staple_editor_move_stage (StapleEditor  *self,
                          StapleStage   *stage,
                          guint          index,
                          GError       **error)
{
  GListStore *stages;
  MoveCommand *command;
  guint from;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);

  stages = staple_session_get_stages (self->session);
  if (!g_list_store_find (stages, stage, &from))
    g_return_val_if_reached (FALSE);

  index = MIN (index, g_list_model_get_n_items (G_LIST_MODEL (stages)) - 1);
  if (index == from)
    return TRUE;

  command = g_new0 (MoveCommand, 1);
  command->parent.klass = &move_command_class;
  command->parent.label = _("Move Stage");
  command->item = g_object_ref (G_OBJECT (stage));
  command->from_index = from;
  command->to_index = index;
  return push_command (self, &command->parent, error);
}

/**
 * staple_editor_move_friction:
 * @friction: a friction point of the session
 * @stage: the stage it moves to (may be its own)
 * @index: its new place in @stage; past the end moves it last
 */
gboolean
staple_editor_move_friction (StapleEditor    *self,
                             StapleFriction  *friction,
                             StapleStage     *stage,
                             guint            index,
                             GError         **error)
{
  StapleStage *from_stage = NULL;
  MoveCommand *command;
  guint from = 0;
  guint n_items;

  g_return_val_if_fail (STAPLE_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), FALSE);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);

  if (staple_session_find_friction (self->session, staple_friction_get_id (friction),
                                    &from_stage, &from) != friction)
    g_return_val_if_reached (FALSE);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (staple_stage_get_frictions (stage)));
  index = MIN (index, from_stage == stage ? n_items - 1 : n_items);
  if (from_stage == stage && index == from)
    return TRUE;

  command = g_new0 (MoveCommand, 1);
  command->parent.klass = &move_command_class;
  command->parent.label = _("Move Friction Point");
  command->item = g_object_ref (G_OBJECT (friction));
  command->from_stage = g_object_ref (from_stage);
  command->to_stage = g_object_ref (stage);
  command->from_index = from;
  command->to_index = index;
  return push_command (self, &command->parent, error);
}
