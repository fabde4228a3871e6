/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-room.c: the room driven as phones drive it, over HTTP with a
 * SoupSession client: joining and resuming, the live state, suggestions
 * accepted and undone, ballots corrected, anonymous voting, hidden totals,
 * and closing, which ends every stream. Runs inside a network namespace of
 * its own (tests/room-netns.sh), where 192.168.77.1 and .2 are the local
 * network. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "staple-room.h"
#include "staple-room-language.h"
#include "test-util.h"

typedef struct
{
  char          *dir;
  char          *path;
  StapleStore   *store;
  StapleSession *session;
  StapleEditor  *editor;
  StapleRoom    *room;
  SoupSession   *client;
  const char    *url;
} Fixture;

/* Two stages, four friction points, Ana, Ben and Cai (who abstains), no
 * dots yet, three dots each. */
static StapleSession *
make_session (void)
{
  StapleSession *session = staple_session_new ();
  static const char * const names[] = { "Order placed", "Parcel packed" };
  static const char * const texts[][3] = {
    { "Form asks twice", "No confirmation", NULL },
    { "Packer waits for label", "Box too big", NULL },
  };
  static const char * const people[] = { "Ana", "Ben", "Cai" };
  gint64 friction_id = 1;

  staple_session_set_title (session, "Checkout <study>");
  staple_session_set_dots_per_participant (session, 3);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(StapleParticipant) participant = staple_participant_new ();

      staple_participant_set_id (participant, i + 1);
      staple_participant_set_name (participant, people[i]);
      staple_participant_set_abstains (participant, i == 2);
      g_list_store_append (staple_session_get_participants (session), participant);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(StapleStage) stage = staple_stage_new ();

      staple_stage_set_id (stage, i + 1);
      staple_stage_set_position (stage, (int) i);
      staple_stage_set_name (stage, names[i]);
      for (guint j = 0; texts[i][j] != NULL; j++)
        {
          g_autoptr(StapleFriction) friction = staple_friction_new ();

          staple_friction_set_id (friction, friction_id++);
          staple_friction_set_stage_id (friction, i + 1);
          staple_friction_set_position (friction, (int) j);
          staple_friction_set_text (friction, texts[i][j]);
          g_list_store_append (staple_stage_get_frictions (stage), friction);
        }
      g_list_store_append (staple_session_get_stages (session), stage);
    }
  return session;
}

/* The session @id read from the file, its editor, and its room open; the
 * ones before let go. */
static void
open_session_room (Fixture *f,
                   gint64   id)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->room);
  g_clear_object (&f->editor);
  g_clear_object (&f->session);
  f->session = staple_store_load_session (f->store, id, &error);
  g_assert_no_error (error);
  f->editor = staple_editor_new (f->store, f->session);
  f->room = staple_room_new (f->editor);
  g_assert_true (staple_room_open (f->room, &error));
  g_assert_no_error (error);
  f->url = staple_room_get_url (f->room);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StapleSession) session = make_session ();
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sessions.db", NULL);
  f->store = staple_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (staple_store_add_session (f->store, session, &error));
  open_session_room (f, staple_session_get_id (session));
  f->client = soup_session_new_with_options ("max-conns-per-host", 64, "max-conns", 64, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->room);
  g_clear_object (&f->editor);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

/* HTTP, with the server in the same main loop */

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
} Reply;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Reply *reply = data;

  reply->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                    &reply->error);
  reply->done = TRUE;
}

static char *
request_raw (Fixture    *f,
             const char *method,
             const char *uri,
             const char *body,
             gssize      length,
             guint      *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  Reply reply = { 0 };
  char *text;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (f->client, msg, G_PRIORITY_DEFAULT, NULL, read_cb, &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reply.error);
  *status = soup_message_get_status (msg);
  text = g_bytes_get_size (reply.bytes) > 0
    ? g_strndup (g_bytes_get_data (reply.bytes, NULL), g_bytes_get_size (reply.bytes))
    : g_strdup ("");
  g_bytes_unref (reply.bytes);
  return text;
}

static char *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *body,
         guint      *status)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);

  return request_raw (f, method, uri, body, -1, status);
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
join (Fixture    *f,
      const char *token)
{
  g_autofree char *body = token != NULL ? g_strdup_printf ("{\"device\":\"%s\"}", token)
                                        : g_strdup ("{}");
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status;

  answer = request (f, "POST", "join", body, &status);
  g_assert_cmpuint (status, ==, 200);
  node = parse (answer);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "device"));
}

static guint
post (Fixture    *f,
      const char *path,
      char       *body)
{
  g_autofree char *owned = body;
  g_autofree char *answer = NULL;
  guint status;

  answer = request (f, "POST", path, owned, &status);
  if (status >= 400)
    g_assert_true (g_str_has_prefix (answer, "{\"error\":\""));
  return status;
}

static guint
vote (Fixture    *f,
      const char *token,
      const char *participant,
      const char *frictions)
{
  return post (f, "vote", g_strdup_printf ("{\"device\":\"%s\",\"participant\":%s,"
                                           "\"frictions\":%s}", token, participant, frictions));
}

/* The live state */

typedef struct
{
  SoupMessage  *msg;
  GInputStream *stream;
  GString      *buffer;
  gboolean      ended;
} Events;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Reply *reply = data;

  reply->bytes = (gpointer) soup_session_send_finish (SOUP_SESSION (source), result,
                                                      &reply->error);
  reply->done = TRUE;
}

static Events *
events_open (Fixture    *f,
             const char *token)
{
  g_autofree char *uri = g_strdup_printf ("%sevents?device=%s", f->url, token);
  Events *events = g_new0 (Events, 1);
  Reply reply = { 0 };

  events->msg = soup_message_new ("GET", uri);
  soup_session_send_async (f->client, events->msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reply.error);
  g_assert_cmpuint (soup_message_get_status (events->msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (
                     soup_message_get_response_headers (events->msg), NULL),
                   ==, "text/event-stream");
  events->stream = (GInputStream *) reply.bytes;
  events->buffer = g_string_new (NULL);
  return events;
}

static void
events_free (Events *events)
{
  g_input_stream_close (events->stream, NULL, NULL);
  g_object_unref (events->stream);
  g_object_unref (events->msg);
  g_string_free (events->buffer, TRUE);
  g_free (events);
}

static void
bytes_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Reply *reply = data;

  reply->bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                   &reply->error);
  reply->done = TRUE;
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Reads until a whole event is in, the stream ends, or @timeout_ms pass. */
static gboolean
events_fill (Events *events,
             guint   timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, flag_cb, &timed_out);
  GCancellable *cancellable = g_cancellable_new ();
  Reply reply = { 0 };

  g_input_stream_read_bytes_async (events->stream, 4096, G_PRIORITY_DEFAULT, cancellable,
                                   bytes_cb, &reply);
  while (!reply.done)
    {
      if (timed_out)
        g_cancellable_cancel (cancellable);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (timeout_id);
  g_object_unref (cancellable);

  if (reply.error != NULL)
    {
      gboolean cancelled = g_error_matches (reply.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      g_error_free (reply.error);
      events->ended |= !cancelled;
      return FALSE;
    }
  if (g_bytes_get_size (reply.bytes) == 0)
    events->ended = TRUE;
  else
    g_string_append_len (events->buffer, g_bytes_get_data (reply.bytes, NULL),
                         (gssize) g_bytes_get_size (reply.bytes));
  g_bytes_unref (reply.bytes);
  return !events->ended;
}

/* The next state event's data, or NULL if none comes in @timeout_ms. */
static JsonNode *
events_next (Events *events,
             guint   timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  for (;;)
    {
      char *blank = strstr (events->buffer->str, "\n\n");

      if (blank != NULL)
        {
          g_autofree char *block = g_strndup (events->buffer->str,
                                              (gsize) (blank - events->buffer->str));

          g_string_erase (events->buffer, 0, blank + 2 - events->buffer->str);
          if (g_str_has_prefix (block, "event: state\ndata: "))
            return parse (block + strlen ("event: state\ndata: "));
          continue;
        }

      if (g_get_monotonic_time () >= end ||
          !events_fill (events, (guint) MAX ((end - g_get_monotonic_time ()) / 1000, 1)))
        return NULL;
    }
}

/* The last of the states that come, counting them: the first within a few
 * seconds (a loaded machine), the others each within @quiet_ms of the last. */
static JsonNode *
events_last (Events *events,
             guint   quiet_ms,
             guint  *n_events)
{
  JsonNode *last = NULL, *node;

  *n_events = 0;
  for (guint timeout_ms = 5000; (node = events_next (events, timeout_ms)) != NULL;
       timeout_ms = quiet_ms)
    {
      g_clear_pointer (&last, json_node_unref);
      last = node;
      (*n_events)++;
    }
  return last;
}

static JsonObject *
voting_of (JsonNode *state)
{
  JsonObject *root = json_node_get_object (state);

  g_assert_true (json_object_has_member (root, "voting"));
  if (json_object_get_null_member (root, "voting"))
    return NULL;
  return json_object_get_object_member (root, "voting");
}

static char *
ids_of (JsonArray *array)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            json_array_get_int_element (array, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
set_phase (Fixture     *f,
           StaplePhase  phase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (staple_editor_set_phase (f->editor, phase, &error));
  g_assert_no_error (error);
}

/* Tests */

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  const char * const *urls = staple_room_get_urls (f->room);
  g_autoptr(GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *wrong = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *local = NULL;
  guint status;

  /* Both ends of the veth pair are the local network; loopback is not. */
  g_assert_cmpuint (g_strv_length ((char **) urls), ==, 2);
  for (guint i = 0; urls[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (urls[i], "http://192.168.77."));
  g_assert_cmpstr (f->url, ==, urls[0]);
  g_assert_nonnull (uri);
  /* "/" + 22 characters of key + "/" */
  g_assert_cmpuint (strlen (g_uri_get_path (uri)), ==, 24);

  answer = request (f, "GET", "", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, g_free);

  /* A wrong key, or none, finds nothing at all. */
  wrong = g_strdup (f->url);
  wrong[strlen (wrong) - 2] = wrong[strlen (wrong) - 2] == 'A' ? 'B' : 'A';
  answer = request_raw (f, "GET", wrong, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (answer, ==, "");
  g_clear_pointer (&answer, g_free);
  wrong[strlen (wrong) - 24] = '\0';
  answer = request_raw (f, "GET", wrong, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (answer, ==, "");

  /* Nothing listens on loopback. */
  local = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uri));
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", local);
    Reply reply = { 0 };

    soup_session_send_and_read_async (f->client, msg, G_PRIORITY_DEFAULT, NULL, read_cb, &reply);
    while (!reply.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (reply.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
    g_clear_error (&reply.error);
  }
}

static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *token = join (f, NULL);
  g_autofree char *again = join (f, token);
  g_autofree char *other = join (f, "AAAAAAAAAAAAAAAAAAAAAA");
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) state = NULL;
  Events *events;
  guint status;

  g_assert_cmpuint (strlen (token), ==, 22);
  g_assert_cmpstr (again, ==, token);
  g_assert_cmpstr (other, !=, token);
  g_assert_cmpuint (staple_room_get_n_devices (f->room), ==, 2);

  events = events_open (f, token);
  state = events_next (events, 2000);
  g_assert_nonnull (state);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (state), "title"), ==,
                   "Checkout <study>");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (state), "stages")), ==, 2);
  g_assert_null (voting_of (state));
  events_free (events);

  /* A token the room never gave is refused for a stream. */
  answer = request (f, "GET", "events?device=BBBBBBBBBBBBBBBBBBBBBB", NULL, &status);
  g_assert_cmpuint (status, ==, 403);
}

static void
test_suggestion (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *token = join (f, NULL);
  GListModel *suggestions = staple_room_get_suggestions (f->room);
  StapleStage *stage = staple_session_find_stage (f->session, 2, NULL);
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  g_autoptr(StapleRoomSuggestion) suggestion = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = NULL;
  StapleFriction *friction;
  Events *events;
  guint n_events;

  /* Outside the Walk there is nothing to send. */
  g_assert_cmpuint (post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":2,"
                                                          "\"text\":\"Label printer jams\"}",
                                                          token)), ==, 409);
  set_phase (f, STAPLE_PHASE_WALK);
  events = events_open (f, token);
  g_assert_cmpuint (post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":2,"
                                                          "\"text\":\"  Label printer jams\\n\"}",
                                                          token)), ==, 202);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions), ==, 1);
  suggestion = g_list_model_get_item (suggestions, 0);
  g_assert_cmpstr (staple_room_suggestion_get_text (suggestion), ==, "Label printer jams");
  g_assert_cmpint (staple_room_suggestion_get_stage_id (suggestion), ==, 2);
  g_assert_cmpuint (staple_room_suggestion_get_device (suggestion), ==, 1);
  /* A suggestion is not a friction point until the coach says so. */
  g_assert_cmpuint (g_list_model_get_n_items (frictions), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions"), ==, 4);

  state = events_last (events, 300, &n_events);
  g_assert_nonnull (state);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (state), "sent"), ==, 1);
  g_clear_pointer (&state, json_node_unref);

  /* Accepted as a tools problem, not the default kind: still one step. */
  friction = staple_room_accept_suggestion (f->room, suggestion, STAPLE_FRICTION_KIND_TOOLS,
                                            &error);
  g_assert_no_error (error);
  g_assert_nonnull (friction);
  g_assert_cmpint (staple_friction_get_kind (friction), ==, STAPLE_FRICTION_KIND_TOOLS);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (frictions), ==, 3);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions WHERE stage_id = 2 AND "
                               "text = 'Label printer jams' AND kind = 'tools'"), ==, 1);

  /* One undo takes it back, from the map and from the file. */
  g_assert_true (staple_editor_undo (f->editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (frictions), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions WHERE "
                               "text = 'Label printer jams'"), ==, 0);

  /* Accepting it twice is refused. */
  g_assert_null (staple_room_accept_suggestion (f->room, suggestion,
                                                STAPLE_FRICTION_KIND_PROCESS, &error));
  g_assert_error (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_GONE);
  g_clear_error (&error);

  /* Merged into another, its text goes at the end of that one's. */
  g_assert_cmpuint (post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":1,"
                                                          "\"text\":\"Asks for the email again\"}",
                                                          token)), ==, 202);
  g_clear_object (&suggestion);
  suggestion = g_list_model_get_item (suggestions, 0);
  friction = staple_session_find_friction (f->session, 1, NULL, NULL);
  g_assert_true (staple_room_merge_suggestion (f->room, suggestion, friction, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (staple_friction_get_text (friction), ==,
                   "Form asks twice\nAsks for the email again");
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions WHERE id = 1 AND "
                               "text = 'Form asks twice' || char(10) || "
                               "'Asks for the email again'"), ==, 1);
  g_assert_true (staple_editor_undo (f->editor, &error));
  g_assert_cmpstr (staple_friction_get_text (friction), ==, "Form asks twice");

  /* Discarded, it is stored nowhere, and comes back where it was. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (post (f, "friction",
                            g_strdup_printf ("{\"device\":\"%s\",\"stage\":1,"
                                             "\"text\":\"Sent %u\"}", token, i)), ==, 202);
  g_clear_object (&suggestion);
  suggestion = g_list_model_get_item (suggestions, 1);
  g_assert_cmpstr (staple_room_suggestion_get_text (suggestion), ==, "Sent 1");
  staple_room_discard_suggestion (f->room, suggestion);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions), ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM frictions WHERE text LIKE 'Sent%%'"),
                   ==, 0);
  g_assert_true (staple_room_restore_suggestion (f->room,
                                                 staple_room_suggestion_get_id (suggestion),
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions), ==, 3);
  {
    g_autoptr(StapleRoomSuggestion) back = g_list_model_get_item (suggestions, 1);

    g_assert_true (back == suggestion);
  }
  /* Once only; an id never discarded is refused as well. */
  g_assert_false (staple_room_restore_suggestion (f->room,
                                                  staple_room_suggestion_get_id (suggestion),
                                                  &error));
  g_assert_error (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_GONE);
  g_clear_error (&error);
  g_assert_false (staple_room_restore_suggestion (f->room, 4242, &error));
  g_assert_error (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_GONE);
  g_clear_error (&error);
  events_free (events);
}

static void
test_vote (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *ana = join (f, NULL);
  g_autofree char *other = join (f, NULL);
  g_autoptr(JsonNode) state = NULL;
  g_autofree char *mine = NULL;
  JsonObject *voting;
  Events *events;
  guint n_events;

  g_assert_cmpuint (vote (f, ana, "1", "[1,1,3]"), ==, 409);
  set_phase (f, STAPLE_PHASE_PRIORITISE);
  events = events_open (f, ana);

  /* The coach's last edit before the room votes. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (staple_editor_set_string (f->editor,
                                             staple_session_find_friction (f->session, 2, NULL,
                                                                           NULL),
                                             "text", "Edited by the coach", &error));
    g_assert_no_error (error);
    staple_editor_break_merge (f->editor);
  }

  g_assert_cmpuint (vote (f, ana, "1", "[1,1,3]"), ==, 200);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = 1"),
                   ==, 3);
  g_assert_cmpuint (staple_session_count_votes_for (f->session, 1), ==, 2);

  /* Voting again corrects the ballot, never adds to it. */
  g_assert_cmpuint (vote (f, ana, "1", "[3,4]"), ==, 200);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = 1"),
                   ==, 2);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = 1 "
                               "AND friction_id IN (3, 4)"), ==, 2);

  /* More dots than a participant has, unknown ids, an abstainer, a name
   * another phone has: refused, and the ballot stays as it was. */
  g_assert_cmpuint (vote (f, ana, "1", "[1,2,3,4]"), ==, 422);
  g_assert_cmpuint (vote (f, ana, "1", "[99]"), ==, 422);
  g_assert_cmpuint (vote (f, ana, "3", "[1]"), ==, 422);
  g_assert_cmpuint (vote (f, ana, "1", "[1.0]"), ==, 400);
  g_assert_cmpuint (vote (f, ana, "null", "[1]"), ==, 400);
  g_assert_cmpuint (vote (f, other, "1", "[1]"), ==, 409);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 2);

  state = events_last (events, 300, &n_events);
  g_assert_nonnull (state);
  voting = voting_of (state);
  g_assert_nonnull (voting);
  g_assert_cmpint (json_object_get_int_member (voting, "me"), ==, 1);
  mine = ids_of (json_object_get_array_member (voting, "mine"));
  g_assert_cmpstr (mine, ==, "[3,4]");
  g_assert_cmpint (json_object_get_int_member (voting, "dots"), ==, 3);
  /* Cai abstains: not someone to vote as. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (voting,
                                                                         "participants")), ==, 2);

  /* The coach still votes for someone without a phone, and undoes it. */
  {
    g_autoptr(GError) error = NULL;
    StapleParticipant *ben = staple_session_find_participant (f->session, 2, NULL);
    StapleFriction *friction = staple_session_find_friction (f->session, 1, NULL, NULL);
    StapleFriction *edited = staple_session_find_friction (f->session, 2, NULL, NULL);

    g_assert_nonnull (staple_editor_add_vote (f->editor, ben, friction, &error));
    g_assert_no_error (error);
    g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 3);
    g_assert_true (staple_editor_undo (f->editor, &error));
    g_assert_no_error (error);
    g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 2);

    /* The ballots from the phone are not the coach's to undo: the next
     * undo is the coach's edit before them, and Ana's dots stay. */
    g_assert_cmpstr (staple_friction_get_text (edited), ==, "Edited by the coach");
    g_assert_true (staple_editor_undo (f->editor, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (staple_friction_get_text (edited), !=, "Edited by the coach");
    g_assert_false (staple_editor_can_undo (f->editor));
    g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id = 1 "
                                 "AND friction_id IN (3, 4)"), ==, 2);
    g_assert_cmpuint (staple_session_count_dots_of (f->session, 1), ==, 2);
  }
  events_free (events);
}

static void
test_anonymous (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *one = join (f, NULL);
  g_autofree char *two = join (f, NULL);
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (f->session));
  JsonObject *voting;
  Events *events;
  guint n_events;

  staple_room_set_anonymous (f->room, TRUE);
  set_phase (f, STAPLE_PHASE_PRIORITISE);
  events = events_open (f, one);

  /* No name is asked for, nor may one be given. */
  g_assert_cmpuint (vote (f, one, "1", "[1]"), ==, 400);
  g_assert_cmpuint (vote (f, one, "null", "[1,1,2]"), ==, 200);
  g_assert_cmpuint (post (f, "vote", g_strdup_printf ("{\"device\":\"%s\",\"frictions\":[1]}",
                                                      two)), ==, 200);
  g_assert_cmpuint (vote (f, one, "null", "[2,2,4]"), ==, 200);

  /* Totals right: every phone's dots once, its last ballot only… */
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 4);
  g_assert_cmpuint (staple_session_count_votes_for (f->session, 1), ==, 1);
  g_assert_cmpuint (staple_session_count_votes_for (f->session, 2), ==, 2);
  /* …none of them on a real participant's name. */
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes WHERE participant_id <= 3"),
                   ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 5);
  g_assert_cmpint (test_count (f->path, "SELECT count(DISTINCT participant_id) FROM votes"), ==,
                   2);

  state = events_last (events, 300, &n_events);
  g_assert_nonnull (state);
  voting = voting_of (state);
  g_assert_true (json_object_get_boolean_member (voting, "anonymous"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (voting,
                                                                         "participants")), ==, 0);
  g_assert_true (json_object_get_null_member (voting, "me"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (voting, "mine")), ==, 3);

  /* Neither the anonymous voters nor their dots are the coach's to undo. */
  g_assert_false (staple_editor_can_undo (f->editor));

  /* The coach's own voting for the real participants still works. */
  g_assert_nonnull (staple_editor_add_vote (f->editor,
                                            staple_session_find_participant (f->session, 1, NULL),
                                            staple_session_find_friction (f->session, 3, NULL,
                                                                          NULL),
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 5);
  g_assert_true (staple_editor_undo (f->editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 5);
  g_assert_false (staple_editor_can_undo (f->editor));
  events_free (events);

  /* The anonymous voters are marked in the file, after the people: the
   * people are counted without them. */
  g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM participants WHERE anonymous = 1 "
                               "AND position >= 3"), ==, 2);
  g_assert_cmpuint (staple_session_count_people (f->session), ==, 3);

  /* Opened again (another day, a restart), with names asked for: the
   * phones are offered the two people who vote, not the anonymous voters,
   * and may not vote as one. */
  {
    g_autofree char *three = NULL;
    g_autoptr(JsonNode) again = NULL;
    gint64 anonymous_id = 0;
    gint64 session_id = staple_session_get_id (f->session);

    for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
      {
        g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

        if (staple_participant_get_anonymous (participant))
          anonymous_id = staple_participant_get_id (participant);
      }
    g_assert_cmpint (anonymous_id, >, 3);
    open_session_room (f, session_id);

    three = join (f, NULL);
    events = events_open (f, three);
    again = events_last (events, 300, &n_events);
    g_assert_nonnull (again);
    voting = voting_of (again);
    g_assert_false (json_object_get_boolean_member (voting, "anonymous"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (voting,
                                                                           "participants")),
                      ==, 2);
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, anonymous_id);

      g_assert_cmpuint (vote (f, three, id, "[1]"), ==, 422);
    }
    g_assert_cmpint (test_count (f->path, "SELECT count(*) FROM votes"), ==, 4);
    events_free (events);
  }
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *token = join (f, NULL);
  g_autoptr(JsonNode) state = NULL;
  JsonObject *voting, *totals;
  Events *events;
  guint n_events;

  set_phase (f, STAPLE_PHASE_PRIORITISE);
  g_assert_cmpuint (vote (f, token, "2", "[4,4,1]"), ==, 200);
  events = events_open (f, token);
  state = events_next (events, 2000);
  voting = voting_of (state);
  g_assert_true (json_object_get_null_member (voting, "totals"));
  /* Hidden totals are not given away by the order either: severity, then
   * the map's order. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (voting, "frictions"), 0), "id"), ==, 1);
  g_clear_pointer (&state, json_node_unref);

  staple_room_set_show_totals (f->room, TRUE);
  state = events_last (events, 300, &n_events);
  g_assert_cmpuint (n_events, ==, 1);
  voting = voting_of (state);
  totals = json_object_get_object_member (voting, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "4"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "1"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "2"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (voting, "frictions"), 0), "id"), ==, 4);
  events_free (events);
}

/* A burst of edits reaches a phone as one event. */
static void
test_coalesce (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token = join (f, NULL);
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(GError) error = NULL;
  StapleStage *stage = staple_session_find_stage (f->session, 1, NULL);
  Events *events = events_open (f, token);
  guint n_events;

  g_clear_pointer (&state, json_node_unref);
  state = events_next (events, 2000);
  g_assert_nonnull (state);
  g_clear_pointer (&state, json_node_unref);

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Order placed %d", i);

      staple_editor_break_merge (f->editor);
      g_assert_true (staple_editor_set_string (f->editor, stage, "name", name, &error));
    }
  set_phase (f, STAPLE_PHASE_WALK);
  g_assert_true (staple_editor_set_current_stage (f->editor, stage, &error));

  state = events_last (events, 300, &n_events);
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (state), "phase"), ==,
                   "walk");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_node_get_object (state), "stage"), "name"), ==, "Order placed 19");
  events_free (events);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *token = join (f, NULL);
  g_autofree char *big = g_strnfill (8 * 1024 + 1, 'x');
  g_autofree char *answer = NULL;
  g_autofree char *uri = g_strconcat (f->url, "friction", NULL);
  g_autofree char *text = NULL;
  guint status, n_refused = 0;

  set_phase (f, STAPLE_PHASE_WALK);
  answer = request (f, "POST", "friction", big, &status);
  g_assert_cmpuint (status, ==, 413);
  g_clear_pointer (&answer, g_free);
  answer = request_raw (f, "POST", uri, "{\"device\":\"x\",\"text\":\"\xff\"}", -1, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (answer, ==, "{\"error\":\"bad-utf8\"}");

  /* 2,000 characters (not bytes) go in; 2,001 do not. */
  text = g_strnfill (2000, 'x');
  g_assert_cmpuint (post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":1,"
                                                          "\"text\":\"%s\"}", token, text)),
                    ==, 202);
  g_clear_pointer (&text, g_free);
  text = g_strnfill (2001, 'x');
  g_assert_cmpuint (post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":1,"
                                                          "\"text\":\"%s\"}", token, text)),
                    ==, 422);
  g_assert_cmpuint (post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":1,"
                                                          "\"text\":\" \\t \"}", token)),
                    ==, 422);
  g_assert_cmpuint (post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":1,"
                                                          "\"text\":\"a\",\"x\":1}", token)),
                    ==, 400);

  /* 20 writes in 10 s, then no more. */
  for (int i = 0; i < 30; i++)
    n_refused += post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":1,"
                                                       "\"text\":\"Note %d\"}", token, i))
                 == 429;
  /* Three of the writes above counted (those that named the device). */
  g_assert_cmpuint (n_refused, ==, 30 - (20 - 3));
  g_assert_cmpuint (g_list_model_get_n_items (staple_room_get_suggestions (f->room)), ==,
                    1 + 20 - 3);
}

static void
test_close (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *token = join (f, NULL);
  g_autofree char *url = g_strdup (f->url);
  g_autoptr(JsonNode) state = NULL;
  Events *events = events_open (f, token);
  Events *second = events_open (f, token);
  gint64 start;

  state = events_next (events, 2000);
  g_assert_nonnull (state);

  start = g_get_monotonic_time ();
  staple_room_close (f->room);
  g_assert_cmpstr (staple_room_get_url (f->room), ==, "");
  g_assert_false (staple_room_get_is_open (f->room));

  /* Both streams end at once, not at the next keep-alive. */
  while (events_next (events, 2000) != NULL)
    ;
  g_assert_true (events->ended);
  while (events_next (second, 2000) != NULL)
    ;
  g_assert_true (second->ended);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  events_free (events);
  events_free (second);

  /* Nothing answers at the old address. */
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    Reply reply = { 0 };

    soup_session_send_and_read_async (f->client, msg, G_PRIORITY_DEFAULT, NULL, read_cb, &reply);
    while (!reply.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (reply.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
    g_clear_error (&reply.error);
  }

  /* Opened again: a new key, and the old tokens are strangers. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *answer = NULL;
    g_autofree char *stale = NULL;
    guint status;

    g_assert_true (staple_room_open (f->room, &error));
    g_assert_cmpstr (staple_room_get_url (f->room), !=, url);
    f->url = staple_room_get_url (f->room);
    set_phase (f, STAPLE_PHASE_WALK);
    g_assert_cmpuint (post (f, "friction", g_strdup_printf ("{\"device\":\"%s\",\"stage\":1,"
                                                            "\"text\":\"Late\"}", token)),
                      ==, 403);
    /* The old key at the new address */
    stale = g_strdup_printf ("%.*s%s", (int) strlen (f->url) - 23, f->url,
                             url + strlen (url) - 23);
    answer = request_raw (f, "GET", stale, NULL, 0, &status);
    g_assert_cmpuint (status, ==, 404);
  }
}

static void
url_notify_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    data)
{
  StapleRoom *room = STAPLE_ROOM (object);

  /* Whoever hears of the address finds the room in the same state. */
  g_assert_cmpint (staple_room_get_is_open (room), ==, *staple_room_get_url (room) != '\0');
  (*(guint *) data)++;
}

/* A port the coach chose, on every address. */
static void
test_port (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  guint port = (guint) g_uri_get_port (uri) == 47001 ? 47002 : 47001;
  g_autofree char *wanted = g_strdup_printf (":%u/", port);
  g_autofree char *answer = NULL;
  guint n_notified = 0, status;

  g_signal_connect (f->room, "notify::url", G_CALLBACK (url_notify_cb), &n_notified);
  staple_room_close (f->room);
  g_assert_cmpuint (n_notified, ==, 1);
  staple_room_set_port (f->room, port);
  g_assert_true (staple_room_open (f->room, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_notified, ==, 2);
  f->url = staple_room_get_url (f->room);
  for (const char * const *url = staple_room_get_urls (f->room); *url != NULL; url++)
    g_assert_nonnull (strstr (*url, wanted));
  answer = request (f, "GET", "room.js", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_signal_handlers_disconnect_by_data (f->room, &n_notified);
}

/* The networks the coach allows: an interface not named is never listened
 * on, and naming only absent ones opens nothing, with the reason. */
static void
test_networks (Fixture       *f,
               gconstpointer  data)
{
  const char * const only_room1[] = { "room1", NULL };
  const char * const absent[] = { "wlan-elsewhere", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) refused = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *answer = NULL;
  const char * const *urls;
  guint status;

  staple_room_close (f->room);
  staple_room_set_networks (f->room, only_room1);
  g_assert_true (g_strv_equal (staple_room_get_networks (f->room), only_room1));
  g_assert_true (staple_room_open (f->room, &error));
  g_assert_no_error (error);
  urls = staple_room_get_urls (f->room);
  g_assert_cmpuint (g_strv_length ((char **) urls), ==, 1);
  g_assert_true (g_str_has_prefix (urls[0], "http://192.168.77.2:"));
  f->url = staple_room_get_url (f->room);
  answer = request (f, "GET", "room.js", NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  /* The same port on room0's address: nothing listens there. */
  uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  refused = g_socket_client_connect_to_host (client, "192.168.77.1",
                                             (guint16) g_uri_get_port (uri), NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  staple_room_close (f->room);
  staple_room_set_networks (f->room, absent);
  g_assert_false (staple_room_open (f->room, &error));
  g_assert_error (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_NO_NETWORK);
  g_assert_nonnull (strstr (error->message, "wlan-elsewhere"));
  g_assert_false (staple_room_get_is_open (f->room));
  g_assert_cmpstr (staple_room_get_url (f->room), ==, "");
  g_clear_error (&error);

  /* None named (or an empty list): every local network again. */
  staple_room_set_networks (f->room, (const char * const[]) { NULL });
  g_assert_null (staple_room_get_networks (f->room));
  g_assert_true (staple_room_open (f->room, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) staple_room_get_urls (f->room)), ==, 2);
  f->url = staple_room_get_url (f->room);
}

static void
run_ip (const char *command)
{
  g_autofree char *line = g_strconcat ("ip ", command, NULL);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_command_line_sync (line, NULL, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Whether the room comes to list an address starting with @prefix (or,
 * with @present FALSE, to list none) within five seconds. */
static gboolean
urls_come_to (Fixture    *f,
              const char *prefix,
              gboolean    present)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);
  gboolean found = !present;

  while (g_get_monotonic_time () < deadline)
    {
      const char * const *urls = staple_room_get_urls (f->room);

      found = FALSE;
      for (guint i = 0; urls[i] != NULL; i++)
        found = found || g_str_has_prefix (urls[i], prefix);
      if (found == present)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  return found == present;
}

/* The laptop's address changes while the room is open (a new lease, a
 * Wi-Fi that came back): the room listens on the new one, behind the same
 * key and port, and no longer lists the one gone; a phone connected on an
 * address that stays goes on. */
static void
test_follow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  /* The phone joins on the first address; the other one goes away. */
  gboolean first_is_1 = g_str_equal (g_uri_get_host (uri), "192.168.77.1");
  const char *gone = first_is_1 ? "192.168.77.2/24 dev room1" : "192.168.77.1/24 dev room0";
  /* On the first address's interface: removing an interface's first
   * address of a subnet removes the others of it there too. */
  const char *device = first_is_1 ? "room0" : "room1";
  g_autofree char *on_first = g_strdup (f->url);
  const char *key_path = g_uri_get_path (uri);
  g_autofree char *token = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *add_third = g_strdup_printf ("addr add 192.168.77.3/24 dev %s", device);
  g_autofree char *del_third = g_strdup_printf ("addr del 192.168.77.3/24 dev %s", device);
  g_autofree char *add_gone = g_strconcat ("addr add ", gone, NULL);
  g_autofree char *del_gone = g_strconcat ("addr del ", gone, NULL);
  g_autofree char *third = g_strdup_printf ("http://192.168.77.3:%d/", g_uri_get_port (uri));
  g_autofree char *gone_url = g_strdup_printf ("http://192.168.77.%c:%d/",
                                               first_is_1 ? '2' : '1', g_uri_get_port (uri));
  g_autoptr(JsonNode) state = NULL;
  Events *events;
  guint status, n_events;

  g_assert_cmpuint (g_strv_length ((char **) staple_room_get_urls (f->room)), ==, 2);
  token = join (f, NULL);
  events = events_open (f, token);

  /* A new address: listened on, behind the same key and port. */
  run_ip (add_third);
  g_assert_true (urls_come_to (f, third, TRUE));
  moved = g_strconcat (third, key_path + 1, NULL);
  g_assert_true (g_strv_contains (staple_room_get_urls (f->room), moved));
  f->url = moved;
  answer = request (f, "GET", "room.js", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, g_free);

  /* An address gone: no longer shown. */
  run_ip (del_gone);
  g_assert_true (urls_come_to (f, gone_url, FALSE));
  g_assert_cmpuint (g_strv_length ((char **) staple_room_get_urls (f->room)), ==, 2);

  /* The phone on the first address still hears the session change. */
  f->url = on_first;
  set_phase (f, STAPLE_PHASE_WALK);
  state = events_last (events, 300, &n_events);
  g_assert_nonnull (state);
  g_assert_cmpuint (n_events, >, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (state), "phase"), ==,
                   "walk");
  events_free (events);

  /* Back as it was, for the tests after this one: the address that came
   * back is listened on as before. */
  run_ip (add_gone);
  run_ip (del_third);
  g_assert_true (urls_come_to (f, third, FALSE));
  g_assert_true (urls_come_to (f, gone_url, TRUE));
  f->url = staple_room_get_url (f->room);
  answer = request (f, "GET", "room.js", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

/* The page's texts for a phone asking for LANGUAGES (an Accept-Language
 * header; NULL for none). */
static JsonObject *
strings_for (Fixture    *f,
             const char *languages)
{
  g_autofree char *uri = g_strconcat (f->url, "strings", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(JsonNode) node = NULL;
  Reply reply = { 0 };

  if (languages != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language",
                                  languages);
  soup_session_send_and_read_async (f->client, msg, G_PRIORITY_DEFAULT, NULL, read_cb, &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reply.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Vary"),
                   ==, "Accept-Language");
  node = json_from_string (g_bytes_get_data (reply.bytes, NULL), NULL);
  g_bytes_unref (reply.bytes);
  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
expect_language (Fixture    *f,
                 const char *languages,
                 const char *lang,
                 const char *send,
                 const char *walk)
{
  g_autoptr(JsonObject) strings = strings_for (f, languages);

  g_test_message ("Accept-Language: %s", languages != NULL ? languages : "(none)");
  g_assert_cmpstr (json_object_get_string_member (strings, "lang"), ==, lang);
  g_assert_cmpstr (json_object_get_string_member (strings, "walk.send"), ==, send);
  g_assert_cmpstr (json_object_get_string_member (strings, "phase.walk"), ==, walk);
}

/* Each phone gets the page in its own language where Staple has it, the
 * app's (English here) where it has none; a hostile header changes
 * nothing and opens no other file. */
static void
test_languages (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *long_header = NULL;
  g_autoptr(GString) many = g_string_new ("");

  expect_language (f, NULL, "en", "Send", "Walk");
  expect_language (f, "de-DE,de;q=0.9,en;q=0.8", "de", "Senden", "Begehung");
  expect_language (f, "fr;q=0.4, de;q=0.9", "de", "Senden", "Begehung");
  expect_language (f, "fr-CH", "fr", "Envoyer", "Visite");
  expect_language (f, "FR", "fr", "Envoyer", "Visite");
  expect_language (f, "en-GB, de;q=0.5", "en", "Send", "Walk");
  expect_language (f, "pt-BR, it", "en", "Send", "Walk");
  expect_language (f, "de;q=0, fr;q=0.1", "fr", "Envoyer", "Visite");
  expect_language (f, "de;q=2, de;q=abc, de;x=1", "en", "Send", "Walk");
  expect_language (f, "../../../etc, de/../fr, fr%00, ..", "en", "Send", "Walk");
  expect_language (f, "*, de", "de", "Senden", "Begehung");
  expect_language (f, "\xff\xfe, fr", "fr", "Envoyer", "Visite");

  /* More than a header needs: not read at all. */
  long_header = g_strnfill (600, 'a');
  expect_language (f, long_header, "en", "Send", "Walk");
  for (guint i = 0; i < 40; i++)
    g_string_append (many, "xx, ");
  g_string_append (many, "de");
  expect_language (f, many->str, "en", "Send", "Walk");
}

/* The catalogue reader takes what is not a catalogue, or a cut one,
 * for none, and reads the real one whole. */
static void
test_catalogue_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "po", "de", "LC_MESSAGES",
                                                 "staple.mo", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  StapleRoomCatalogue *catalogue;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  catalogue = staple_room_catalogue_new_from_data ((const guint8 *) contents, length);
  g_assert_nonnull (catalogue);
  g_assert_cmpstr (staple_room_catalogue_lookup (catalogue, NULL, "Send"), ==, "Senden");
  g_assert_cmpstr (staple_room_catalogue_lookup (catalogue, "room page language", "en"), ==, "de");
  g_assert_cmpstr (staple_room_catalogue_lookup (catalogue, NULL, "Not a text of ours"), ==,
                   "Not a text of ours");
  staple_room_catalogue_free (catalogue);

  /* Cut anywhere before its last string, it is refused. */
  for (gsize cut = 0; cut < length; cut += 1 + cut / 16)
    {
      catalogue = staple_room_catalogue_new_from_data ((const guint8 *) contents, cut);
      if (catalogue != NULL)
        g_assert_cmpuint (cut, >, length - 64);
      staple_room_catalogue_free (catalogue);
    }
  /* Bytes changed at random in its tables: refused or read, never more. */
  for (guint trial = 0; trial < 500; trial++)
    {
      g_autofree guint8 *damaged = g_memdup2 (contents, length);

      for (guint i = 0; i < 4; i++)
        damaged[g_rand_int_range (rand, 0, MIN ((gint32) length, 4096))] = (guint8) g_rand_int (rand);
      staple_room_catalogue_free (staple_room_catalogue_new_from_data (damaged, length));
    }
  g_assert_null (staple_room_catalogue_new_from_data ((const guint8 *) "\xde\x12\x04\x95", 4));
}

int
main (int   argc,
      char *argv[])
{
  /* No proxy on a room's network: nor any settings to look one up in. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  {
    /* The catalogues this build made, as main() would bind them. */
    g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

    bindtextdomain (GETTEXT_PACKAGE, po);
  }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/room/open", test_open);
  ADD ("/room/port", test_port);
  ADD ("/room/follow", test_follow);
  ADD ("/room/networks", test_networks);
  ADD ("/room/join", test_join);
  ADD ("/room/suggestion", test_suggestion);
  ADD ("/room/vote", test_vote);
  ADD ("/room/anonymous", test_anonymous);
  ADD ("/room/totals", test_totals);
  ADD ("/room/coalesce", test_coalesce);
  ADD ("/room/limits", test_limits);
  ADD ("/room/close", test_close);
  ADD ("/room/languages", test_languages);
#undef ADD
  g_test_add_func ("/room/catalogue-file", test_catalogue_file);

  return g_test_run ();
}
