/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-ballot: what phones change in the session, always through
 * the editor, so that it is saved like the window's edits.
 *
 * A ballot is the participant's, not the coach's: it is written outside
 * the undo history (staple_editor_begin_unrecorded()), so the coach's
 * Ctrl+Z never takes back a vote cast from a phone, nor the anonymous
 * voter it was cast as; the phone corrects its ballot itself. What the
 * coach does with suggestions (accept, merge) is the coach's, and undoable.
 *
 * Ballots. A phone votes as a participant it claims (one phone each), or,
 * when the room votes anonymously, as a participant of its own that the
 * room adds the first time it votes ("Anonymous voter", one per phone).
 * Dots are rows of the votes table, which must name a participant; a
 * participant of its own per phone keeps the totals right (each dot is one
 * row), keeps the session's dots per participant as each phone's limit,
 * leaves the real participants' dots free for the coach to place for
 * those without a phone, and ties no ballot to a name: the room keeps
 * which phone is which anonymous voter in memory only, and phones are
 * told nothing of it. A ballot replaces the phone's last one: the room
 * takes back the dots that are not on it any more and adds the new ones,
 * one editor command per dot.
 *
 * Suggestions: friction points phones send in the Walk phase, waiting for
 * the coach. */
#define G_LOG_DOMAIN "staple-room"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-room-private.h"

/* Ballots */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static StapleParticipant *
voter_of (StapleRoom       *self,
          StapleRoomDevice *device)
{
  if (device->voter_id == 0)
    return NULL;
  return staple_session_find_participant (self->session, device->voter_id, NULL);
}

/* Makes @participant's dots those of @wanted, in one transaction: all of
 * the ballot, or none of it. */
static gboolean
set_ballot (StapleRoom        *self,
            StapleParticipant *participant,
            GArray            *wanted,
            GError           **error)
{
  return staple_editor_set_dots (self->editor, participant,
                                 wanted->len > 0 ? &g_array_index (wanted, gint64, 0) : NULL,
                                 wanted->len, error);
}

static void
release (StapleRoom       *self,
         StapleRoomDevice *device)
{
  if (device->voter_id != 0 && !device->voter_anonymous)
    g_hash_table_remove (self->claims, &device->voter_id);
  device->voter_id = 0;
  device->voter_anonymous = FALSE;
}

/* Whom @device votes as now, or NULL with the refusal set. */
static StapleParticipant *
choose_voter (StapleRoom        *self,
              StapleRoomDevice  *device,
              gint64             participant_id,
              guint             *status,
              const char       **code)
{
  StapleParticipant *voter = voter_of (self, device);
  StapleRoomDevice *holder;
  g_autoptr(GPtrArray) voters = NULL;
  StapleParticipant *participant;

  if (self->anonymous)
    {
      if (participant_id != 0)
        {
          *status = SOUP_STATUS_BAD_REQUEST;
          *code = "bad-field";
          return NULL;
        }
      return voter != NULL && device->voter_anonymous ? voter : NULL;
    }

  if (participant_id == 0)
    {
      *status = SOUP_STATUS_BAD_REQUEST;
      *code = "bad-field";
      return NULL;
    }

  participant = staple_session_find_participant (self->session, participant_id, NULL);
  voters = staple_room_list_voters (self);
  if (participant == NULL || !g_ptr_array_find (voters, participant, NULL))
    {
      *status = 422;
      *code = "unknown-id";
      return NULL;
    }

  holder = g_hash_table_lookup (self->claims, &participant_id);
  if (holder != NULL && holder != device)
    {
      *status = SOUP_STATUS_CONFLICT;
      *code = "taken";
      return NULL;
    }

  return participant;
}

/**
 * staple_room_vote:
 * @participant_id: whom the phone votes as, 0 for nobody (anonymous)
 * @frictions: (array length=n_frictions): a friction id per dot
 * @code: (out): the error code when refused
 *
 * Makes @frictions @device's whole ballot, or refuses and changes nothing.
 *
 * Returns: 0 when done, or the HTTP status of the refusal
 */
guint
staple_room_vote (StapleRoom        *self,
                  StapleRoomDevice  *device,
                  gint64             participant_id,
                  const gint64      *frictions,
                  guint              n_frictions,
                  const char       **code)
{
  g_autoptr(GArray) wanted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_frictions);
  g_autoptr(GError) error = NULL;
  StapleParticipant *old, *voter;
  guint status = 0;

  if (staple_session_get_phase (self->session) != STAPLE_PHASE_PRIORITISE)
    {
      *code = "wrong-phase";
      return SOUP_STATUS_CONFLICT;
    }
  if (n_frictions > (guint) staple_session_get_dots_per_participant (self->session))
    {
      *code = "too-many-dots";
      return 422;
    }
  for (guint i = 0; i < n_frictions; i++)
    {
      if (staple_session_find_friction (self->session, frictions[i], NULL, NULL) == NULL)
        {
          *code = "unknown-id";
          return 422;
        }
    }
  g_array_append_vals (wanted, frictions, n_frictions);
  g_array_sort (wanted, compare_ids);

  old = voter_of (self, device);
  voter = choose_voter (self, device, participant_id, &status, code);
  if (status != 0)
    return status;

  /* Everything is checked: from here on, only the editor may refuse. */
  staple_editor_begin_unrecorded (self->editor);
  if (old != NULL && old != voter)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!set_ballot (self, old, none, &error))
        goto failed;
      release (self, device);
    }
  else if (old == NULL)
    release (self, device);

  if (voter == NULL && self->anonymous)
    {
      if (n_frictions == 0)
        {
          staple_editor_end_unrecorded (self->editor);
          return 0;
        }
      voter = staple_editor_add_anonymous_voter (self->editor, &error);
      if (voter == NULL)
        goto failed;
      device->voter_anonymous = TRUE;
    }

  device->voter_id = staple_participant_get_id (voter);
  if (!device->voter_anonymous)
    g_hash_table_insert (self->claims, g_memdup2 (&device->voter_id, sizeof (gint64)), device);

  if (!set_ballot (self, voter, wanted, &error))
    goto failed;

  staple_editor_end_unrecorded (self->editor);
  staple_room_state_changed (self);
  return 0;

failed:
  staple_editor_end_unrecorded (self->editor);
  g_warning ("A ballot from a phone could not be applied: %s", error->message);
  staple_room_state_changed (self);
  *code = "failed";
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

/* Suggestions */

void
staple_room_add_suggestion (StapleRoom       *self,
                            StapleRoomDevice *device,
                            gint64            stage_id,
                            const char       *text)
{
  g_autoptr(StapleRoomSuggestion) suggestion = NULL;

  suggestion = staple_room_suggestion_new (self->next_suggestion_id++, stage_id, text,
                                           device->number);
  g_list_store_append (self->suggestions, suggestion);
  device->n_sent++;
  staple_room_state_changed (self);
}

static gboolean
find_suggestion (StapleRoom            *self,
                 StapleRoomSuggestion  *suggestion,
                 guint                 *position,
                 GError               **error)
{
  if (g_list_store_find (self->suggestions, suggestion, position))
    return TRUE;

  g_set_error_literal (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_GONE,
                       _("This suggestion has already been dealt with."));
  return FALSE;
}

/**
 * staple_room_accept_suggestion:
 * @kind: the kind of friction it is
 *
 * Adds @suggestion as a friction point at the end of its stage, through
 * the editor (one undo step, and one more if @kind is not the default),
 * and takes it off the list.
 *
 * Returns: (transfer none): the new friction point, or %NULL with @error set
 */
StapleFriction *
staple_room_accept_suggestion (StapleRoom            *self,
                               StapleRoomSuggestion  *suggestion,
                               StapleFrictionKind     kind,
                               GError               **error)
{
  StapleFriction *friction;
  StapleStage *stage;
  guint position;

  g_return_val_if_fail (STAPLE_IS_ROOM (self), NULL);
  g_return_val_if_fail (STAPLE_IS_ROOM_SUGGESTION (suggestion), NULL);

  if (!find_suggestion (self, suggestion, &position, error))
    return NULL;

  stage = staple_session_find_stage (self->session,
                                     staple_room_suggestion_get_stage_id (suggestion), NULL);
  if (stage == NULL)
    {
      g_set_error_literal (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_GONE,
                           _("The stage this suggestion was sent for has been deleted. "
                             "Merge it into another friction point, or discard it."));
      return NULL;
    }

  /* One undo step, which no later edit merges into. */
  staple_editor_break_merge (self->editor);
  friction = staple_editor_add_friction_of_kind (self->editor, stage, G_MAXUINT,
                                                 staple_room_suggestion_get_text (suggestion),
                                                 kind, error);
  if (friction == NULL)
    return NULL;
  staple_editor_break_merge (self->editor);

  g_list_store_remove (self->suggestions, position);
  return friction;
}

/**
 * staple_room_merge_suggestion:
 * @friction: a friction point of the session
 *
 * Appends the text of @suggestion to @friction's, on a line of its own,
 * through the editor (one undo step), and takes it off the list.
 */
gboolean
staple_room_merge_suggestion (StapleRoom            *self,
                              StapleRoomSuggestion  *suggestion,
                              StapleFriction        *friction,
                              GError               **error)
{
  g_autofree char *text = NULL;
  guint position;

  g_return_val_if_fail (STAPLE_IS_ROOM (self), FALSE);
  g_return_val_if_fail (STAPLE_IS_ROOM_SUGGESTION (suggestion), FALSE);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), FALSE);

  if (!find_suggestion (self, suggestion, &position, error))
    return FALSE;

  if (staple_session_find_friction (self->session, staple_friction_get_id (friction),
                                    NULL, NULL) != friction)
    {
      g_set_error_literal (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_GONE,
                           _("That friction point has been deleted."));
      return FALSE;
    }

  text = g_strconcat (staple_friction_get_text (friction), "\n",
                      staple_room_suggestion_get_text (suggestion), NULL);
  /* Its own undo step, not part of whatever the coach typed last. */
  staple_editor_break_merge (self->editor);
  if (!staple_editor_set_string (self->editor, friction, "text", text, error))
    return FALSE;
  staple_editor_break_merge (self->editor);

  g_list_store_remove (self->suggestions, position);
  return TRUE;
}

void
staple_room_discarded_free (gpointer data)
{
  StapleRoomDiscarded *discarded = data;

  g_object_unref (discarded->suggestion);
  g_free (discarded);
}

/**
 * staple_room_discard_suggestion:
 *
 * Takes @suggestion off the list; nothing is stored. The room keeps it
 * aside a while (its last hundred discards), for
 * staple_room_restore_suggestion().
 */
void
staple_room_discard_suggestion (StapleRoom           *self,
                                StapleRoomSuggestion *suggestion)
{
  StapleRoomDiscarded *discarded;
  guint position;

  g_return_if_fail (STAPLE_IS_ROOM (self));
  g_return_if_fail (STAPLE_IS_ROOM_SUGGESTION (suggestion));

  if (!g_list_store_find (self->suggestions, suggestion, &position))
    return;

  discarded = g_new0 (StapleRoomDiscarded, 1);
  discarded->suggestion = g_object_ref (suggestion);
  discarded->position = position;
  if (self->discarded->len == ROOM_MAX_DISCARDED)
    g_ptr_array_remove_index (self->discarded, 0);
  g_ptr_array_add (self->discarded, discarded);
  g_list_store_remove (self->suggestions, position);
}

/**
 * staple_room_restore_suggestion:
 * @id: the id of a suggestion discarded
 *
 * Puts a suggestion the coach discarded back where it was on the list: the
 * Undo of the toast that says it was discarded.
 *
 * Returns: whether it is back; %FALSE with @error set when the room has
 *   not kept it
 */
gboolean
staple_room_restore_suggestion (StapleRoom  *self,
                                guint        id,
                                GError     **error)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), FALSE);

  for (guint i = self->discarded->len; i > 0; i--)
    {
      StapleRoomDiscarded *discarded = g_ptr_array_index (self->discarded, i - 1);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions));

      if (staple_room_suggestion_get_id (discarded->suggestion) != id)
        continue;

      g_list_store_insert (self->suggestions, MIN (discarded->position, n),
                           discarded->suggestion);
      g_ptr_array_remove_index (self->discarded, i - 1);
      return TRUE;
    }

  g_set_error_literal (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_GONE,
                       _("That suggestion can no longer be brought back."));
  return FALSE;
}
