/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-state: what phones see, pushed live as server-sent events.
 * The room follows the session's signals; a burst of changes (a paste of
 * stages, a ballot of three dots) becomes one event within
 * ROOM_COALESCE_MSEC, and a stream is sent only what differs from its last
 * event. */
#define G_LOG_DOMAIN "staple-room"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "staple-room-private.h"

/* Voters and ballots */

/**
 * staple_room_list_voters:
 *
 * Returns: (transfer container): the participants a phone may vote as:
 *   those who do not abstain, not the room's anonymous voters
 */
GPtrArray *
staple_room_list_voters (StapleRoom *self)
{
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (self->session));
  GPtrArray *voters = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);
      if (!staple_participant_get_abstains (participant) &&
          !staple_participant_get_anonymous (participant))
        g_ptr_array_add (voters, g_steal_pointer (&participant));
    }
  return voters;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * staple_room_list_ballot:
 *
 * Returns: (transfer full) (element-type gint64): the friction ids of
 *   @participant_id's dots, smallest first, one per dot
 */
GArray *
staple_room_list_ballot (StapleRoom *self,
                         gint64      participant_id)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (self->session));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; participant_id != 0 && i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);

      if (staple_vote_get_participant_id (vote) == participant_id)
        {
          gint64 id = staple_vote_get_friction_id (vote);

          g_array_append_val (ids, id);
        }
    }
  g_array_sort (ids, compare_int64);
  return ids;
}

/* The state, common part */

typedef struct
{
  StapleFriction *friction;
  StapleStage    *stage;
  guint           order;  /* on the map, stage by stage */
  guint           votes;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const Ranked *x = a, *y = b;
  gboolean by_votes = GPOINTER_TO_INT (data);
  int sx = staple_friction_get_severity (x->friction);
  int sy = staple_friction_get_severity (y->friction);

  /* While totals are hidden, the order must not give them away. */
  if (by_votes && x->votes != y->votes)
    return x->votes > y->votes ? -1 : 1;
  if (sx != sy)
    return sx > sy ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

static GArray *
rank_frictions (StapleRoom *self,
                GHashTable *counts)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  guint order = 0;

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      StapleStage *stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          Ranked r = { g_list_model_get_item (frictions, j), stage, order++, 0 };
          gint64 id = staple_friction_get_id (r.friction);

          r.votes = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));
          g_array_append_val (ranked, r);
        }
      g_object_unref (stage);
    }
  g_array_sort_with_data (ranked, compare_ranked, GINT_TO_POINTER (self->show_totals));
  return ranked;
}

static GHashTable *
count_votes (StapleRoom *self)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (self->session));
  GHashTable *counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);
      gint64 id = staple_vote_get_friction_id (vote);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));

      g_hash_table_insert (counts, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n + 1));
    }
  return counts;
}

static void
add_voting (StapleRoom  *self,
            JsonBuilder *builder)
{
  g_autoptr(GHashTable) counts = count_votes (self);
  g_autoptr(GArray) ranked = rank_frictions (self, counts);
  g_autoptr(GPtrArray) voters = staple_room_list_voters (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "open");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "dots");
  json_builder_add_int_value (builder, staple_session_get_dots_per_participant (self->session));
  json_builder_set_member_name (builder, "anonymous");
  json_builder_add_boolean_value (builder, self->anonymous);

  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);
  for (guint i = 0; !self->anonymous && i < voters->len; i++)
    {
      StapleParticipant *participant = g_ptr_array_index (voters, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, staple_participant_get_id (participant));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, staple_participant_get_name (participant));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* Filled per device */
  json_builder_set_member_name (builder, "me");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "mine");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "frictions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, staple_friction_get_id (r->friction));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, staple_friction_get_text (r->friction));
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, staple_stage_get_name (r->stage));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder,
                                     staple_enum_to_nick (STAPLE_TYPE_FRICTION_KIND,
                                                          staple_friction_get_kind (r->friction)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "totals");
  if (!self->show_totals)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      for (guint i = 0; i < ranked->len; i++)
        {
          Ranked *r = &g_array_index (ranked, Ranked, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 staple_friction_get_id (r->friction));

          json_builder_set_member_name (builder, id);
          json_builder_add_int_value (builder, r->votes);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  for (guint i = 0; i < ranked->len; i++)
    g_object_unref (g_array_index (ranked, Ranked, i).friction);
}

static void
add_stage (JsonBuilder *builder,
           StapleStage *stage)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, staple_stage_get_id (stage));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, staple_stage_get_name (stage));
  json_builder_end_object (builder);
}

/* Everything but what belongs to one device ("sent", "me", "mine"). */
static JsonNode *
build_common (StapleRoom *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  StaplePhase phase = staple_session_get_phase (self->session);
  StapleStage *current;

  current = staple_session_find_stage (self->session,
                                       staple_session_get_current_stage_id (self->session),
                                       NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, staple_session_get_title (self->session));
  json_builder_set_member_name (builder, "phase");
  json_builder_add_string_value (builder, staple_enum_to_nick (STAPLE_TYPE_PHASE, phase));
  json_builder_set_member_name (builder, "phase_name");
  json_builder_add_string_value (builder, staple_phase_get_label (phase));
  json_builder_set_member_name (builder, "stage");
  if (current != NULL)
    add_stage (builder, current);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      add_stage (builder, stage);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "sent");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "voting");
  if (phase == STAPLE_PHASE_PRIORITISE)
    add_voting (self, builder);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The common state made this device's, as text. */
static char *
state_for (StapleRoom       *self,
           JsonNode         *common,
           StapleRoomDevice *device)
{
  JsonObject *root = json_node_get_object (common);
  JsonNode *voting = json_object_get_member (root, "voting");

  json_object_set_int_member (root, "sent", device->n_sent);
  if (JSON_NODE_HOLDS_OBJECT (voting))
    {
      JsonObject *object = json_node_get_object (voting);
      g_autoptr(GArray) ballot = staple_room_list_ballot (self, device->voter_id);
      JsonArray *mine = json_array_sized_new (ballot->len);
      gint64 *ids = (gint64 *) (gpointer) ballot->data;

      if (device->voter_id != 0 && !device->voter_anonymous && !self->anonymous)
        json_object_set_int_member (object, "me", device->voter_id);
      else
        json_object_set_null_member (object, "me");
      for (guint i = 0; i < ballot->len; i++)
        json_array_add_int_element (mine, ids[i]);
      json_object_set_array_member (object, "mine", mine);
    }

  return json_to_string (common, FALSE);
}

/* Streams */

static void
stream_write (StapleRoomClient *client,
              const char       *text)
{
  SoupMessageBody *body = soup_server_message_get_response_body (client->stream);

  soup_message_body_append (body, SOUP_MEMORY_COPY, text, strlen (text));
  soup_server_message_unpause (client->stream);
}

static void
stream_send_state (StapleRoomClient *client,
                   char             *state,
                   gboolean          now)
{
  g_autofree char *event = NULL;

  if (g_strcmp0 (state, client->last_state) == 0)
    {
      g_free (state);
      return;
    }

  event = g_strdup_printf ("event: state\ndata: %s\n\n", state);
  g_free (client->last_state);
  client->last_state = state;
  if (now)
    stream_write (client, event);
  else
    soup_message_body_append (soup_server_message_get_response_body (client->stream),
                              SOUP_MEMORY_COPY, event, strlen (event));
}

static gboolean
flush_cb (gpointer data)
{
  StapleRoom *self = data;
  g_autoptr(JsonNode) common = NULL;

  self->flush_id = 0;
  if (self->streams->len == 0)
    return G_SOURCE_REMOVE;

  common = build_common (self);
  for (guint i = 0; i < self->streams->len; i++)
    {
      StapleRoomClient *client = g_ptr_array_index (self->streams, i);

      stream_send_state (client, state_for (self, common, client->device), TRUE);
    }
  return G_SOURCE_REMOVE;
}

/**
 * staple_room_state_changed:
 *
 * Something phones see may have changed: they hear of it shortly, once.
 */
void
staple_room_state_changed (StapleRoom *self)
{
  if (self->server == NULL || self->flush_id != 0)
    return;

  self->flush_id = g_timeout_add (ROOM_COALESCE_MSEC, flush_cb, self);
}

static gboolean
keepalive_cb (gpointer data)
{
  StapleRoom *self = data;

  for (guint i = 0; i < self->streams->len; i++)
    stream_write (g_ptr_array_index (self->streams, i), ": keep\n\n");
  return G_SOURCE_CONTINUE;
}

static StapleRoomClient *
client_of (StapleRoom        *self,
           SoupServerMessage *msg)
{
  return g_hash_table_lookup (self->clients, soup_server_message_get_remote_address (msg));
}

/* Ends the oldest stream of @device: a phone that reconnects has left its
 * last one behind, perhaps without the network telling us. */
static void
end_oldest_stream (StapleRoom       *self,
                   StapleRoomDevice *device)
{
  for (guint i = 0; i < self->streams->len; i++)
    {
      StapleRoomClient *client = g_ptr_array_index (self->streams, i);

      if (client->device == device)
        {
          soup_message_body_complete (soup_server_message_get_response_body (client->stream));
          soup_server_message_unpause (client->stream);
          staple_room_stream_forget (self, client);
          return;
        }
    }
}

/**
 * staple_room_stream_start:
 *
 * Answers @msg with an event stream for @device, its first event the
 * state as it is now.
 */
void
staple_room_stream_start (StapleRoom        *self,
                          SoupServerMessage *msg,
                          StapleRoomDevice  *device)
{
  StapleRoomClient *client = client_of (self, msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(JsonNode) common = NULL;

  if (client == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;
    }

  if (device->n_streams >= ROOM_MAX_STREAMS_PER_DEVICE)
    end_oldest_stream (self, device);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  client->stream = msg;
  client->device = device;
  device->n_streams++;
  g_ptr_array_add (self->streams, client);

  /* Tells EventSource how soon to come back after a lost network. */
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            "retry: 2000\n\n", strlen ("retry: 2000\n\n"));
  common = build_common (self);
  stream_send_state (client, state_for (self, common, device), FALSE);
}

void
staple_room_stream_forget (StapleRoom       *self,
                           StapleRoomClient *client)
{
  if (client->stream == NULL)
    return;

  g_ptr_array_remove_fast (self->streams, client);
  client->device->n_streams--;
  client->stream = NULL;
  client->device = NULL;
}

/* Closes every stream cleanly (the last chunk written), before the
 * connections themselves go. */
void
staple_room_streams_end (StapleRoom *self)
{
  while (self->streams->len > 0)
    {
      StapleRoomClient *client = g_ptr_array_index (self->streams, 0);

      soup_message_body_complete (soup_server_message_get_response_body (client->stream));
      soup_server_message_unpause (client->stream);
      staple_room_stream_forget (self, client);
    }
}

/* Following the session */

static void
session_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    data)
{
  staple_room_state_changed (data);
}

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  staple_room_state_changed (data);
}

static void
editor_changed_cb (StapleEditor *editor,
                   gpointer      data)
{
  staple_room_state_changed (data);
}

void
staple_room_state_start (StapleRoom *self)
{
  g_signal_connect (self->session, "notify", G_CALLBACK (session_notify_cb), self);
  g_signal_connect (staple_session_get_stages (self->session), "items-changed",
                    G_CALLBACK (items_changed_cb), self);
  g_signal_connect (staple_session_get_participants (self->session), "items-changed",
                    G_CALLBACK (items_changed_cb), self);
  g_signal_connect (staple_session_get_votes (self->session), "items-changed",
                    G_CALLBACK (items_changed_cb), self);
  /* Friction points, texts and names change through the editor, which says
   * so after each edit, undo and redo. */
  g_signal_connect (self->editor, "changed", G_CALLBACK (editor_changed_cb), self);
  self->keepalive_id = g_timeout_add_seconds (ROOM_KEEPALIVE_SECONDS, keepalive_cb, self);
}

void
staple_room_state_stop (StapleRoom *self)
{
  g_signal_handlers_disconnect_by_data (self->session, self);
  g_signal_handlers_disconnect_by_data (staple_session_get_stages (self->session), self);
  g_signal_handlers_disconnect_by_data (staple_session_get_participants (self->session), self);
  g_signal_handlers_disconnect_by_data (staple_session_get_votes (self->session), self);
  g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->keepalive_id, g_source_remove);
}
