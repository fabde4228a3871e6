/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-http: the room's requests (src/room/README.md). Everything a
 * phone sends is checked as strictly as the .staple importer checks a file:
 * exact JSON types, no unknown members, valid UTF-8, lengths in characters,
 * ids that must be the session's; a request refused stores nothing. */
#define G_LOG_DOMAIN "staple-room"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "staple-room-private.h"
#include "staple-room-strings.h"

#define RESOURCE_DIR "/io/github/stapleapp/Staple/room/"

#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " \
            "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

typedef enum
{
  ROUTE_NONE,
  ROUTE_STATIC,
  ROUTE_STRINGS,
  ROUTE_EVENTS,
  ROUTE_JOIN,
  ROUTE_FRICTION,
  ROUTE_VOTE,
} Route;

/* The page's texts in the phone's language (its Accept-Language) where
 * Staple is translated into it, else in the app's own. */
static char *
strings_json (StapleRoom        *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);

  if (self->languages == NULL)
    {
      /* Where main() told gettext the catalogues are. */
      const char *locale_dir = bindtextdomain (GETTEXT_PACKAGE, NULL);

      self->languages = staple_room_languages_new (locale_dir != NULL ? locale_dir : LOCALEDIR);
    }

  return staple_room_strings_json (staple_room_languages_choose (
    self->languages, soup_message_headers_get_one (request, "Accept-Language")));
}

/* Answers */

static void
answer_json (SoupServerMessage *msg,
             guint              status,
             const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static void
answer_error (SoupServerMessage *msg,
              guint              status,
              const char        *code)
{
  g_autofree char *json = g_strdup_printf ("{\"error\":\"%s\"}", code);

  answer_json (msg, status, json);
}

/* Nothing at all, not even the reason: a wrong key learns nothing. */
static void
answer_not_found (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Content-Security-Policy", CSP);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Connection", "close");
}

/* Routing */

/* The part of @path after "/KEY/", or NULL if it does not start so. The
 * key is compared in constant time; its length is no secret. */
static const char *
strip_key (StapleRoom *self,
           const char *path)
{
  char segment[ROOM_TOKEN_CHARS + 1];
  const char *rest;

  if (path == NULL || path[0] != '/' || strlen (path) < ROOM_TOKEN_CHARS + 1)
    return NULL;

  rest = path + 1 + ROOM_TOKEN_CHARS;
  if (*rest != '\0' && *rest != '/')
    return NULL;

  memcpy (segment, path + 1, ROOM_TOKEN_CHARS);
  segment[ROOM_TOKEN_CHARS] = '\0';
  if (!staple_room_token_equal (segment, self->key))
    return NULL;

  return rest;
}

static gboolean
is_static_name (const char *name)
{
  static const char * const suffixes[] = { ".html", ".js", ".css", ".svg", ".png" };
  gboolean known = FALSE;

  if (*name == '\0' || *name == '.')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    known |= g_str_has_suffix (name, suffixes[i]);
  return known;
}

static Route
route_of (const char *rest)
{
  if (g_str_equal (rest, "/") || (rest[0] == '/' && is_static_name (rest + 1)))
    return ROUTE_STATIC;
  if (g_str_equal (rest, "/strings"))
    return ROUTE_STRINGS;
  if (g_str_equal (rest, "/events"))
    return ROUTE_EVENTS;
  if (g_str_equal (rest, "/join"))
    return ROUTE_JOIN;
  if (g_str_equal (rest, "/friction"))
    return ROUTE_FRICTION;
  if (g_str_equal (rest, "/vote"))
    return ROUTE_VOTE;
  return ROUTE_NONE;
}

static gboolean
is_write (Route route)
{
  return route == ROUTE_JOIN || route == ROUTE_FRICTION || route == ROUTE_VOTE;
}

static gboolean
is_json_type (const char *content_type)
{
  g_autofree char *lower = NULL;

  if (content_type == NULL)
    return FALSE;
  lower = g_ascii_strdown (content_type, -1);
  return g_str_equal (lower, "application/json") ||
         g_str_equal (lower, "application/json; charset=utf-8") ||
         g_str_equal (lower, "application/json;charset=utf-8");
}

/* Before the body is read: the key, the method, and the body's size and
 * type, so that an oversize body is never kept. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  StapleRoom *self = data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *rest = strip_key (self, path);
  Route route;

  if (rest == NULL)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      answer_not_found (msg);
      return;
    }

  if (*rest == '\0')
    {
      g_autofree char *location = g_strdup_printf ("/%s/", self->key);

      soup_server_message_set_redirect (msg, SOUP_STATUS_PERMANENT_REDIRECT, location);
      return;
    }

  route = route_of (rest);
  if (route == ROUTE_NONE)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      answer_error (msg, SOUP_STATUS_NOT_FOUND, "not-found");
      return;
    }

  if (!g_str_equal (method, is_write (route) ? "POST" : "GET"))
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    is_write (route) ? "POST" : "GET");
      answer_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "wrong-method");
      return;
    }

  if (!is_write (route))
    {
      SoupEncoding encoding = soup_message_headers_get_encoding (request);

      if (encoding == SOUP_ENCODING_CHUNKED ||
          (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (request) != 0))
        {
          soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
          answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-field");
        }
      return;
    }

  if (soup_message_headers_get_encoding (request) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      answer_error (msg, SOUP_STATUS_LENGTH_REQUIRED, "too-large");
      return;
    }

  if (soup_message_headers_get_content_length (request) > ROOM_MAX_BODY)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      answer_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large");
      return;
    }

  if (!is_json_type (soup_message_headers_get_one (request, "Content-Type")))
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      answer_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "bad-type");
    }
}

/* Reading JSON strictly */

static gboolean
only_members (JsonObject         *object,
              const char * const *allowed)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_whole_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

/* An id: a whole number (not 12.0, not "12"), positive. */
static gboolean
read_id (JsonNode *node,
         gint64   *out)
{
  if (!is_whole_number (node) || json_node_get_int (node) <= 0)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
read_string (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_token (const char *text)
{
  if (text == NULL || strlen (text) != ROOM_TOKEN_CHARS)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }
  return TRUE;
}

/* Whether @data is JSON as RFC 8259 writes it, as far as json-glib is more
 * lenient: no comments, no single quotes, no hexadecimal numbers or other
 * words than true, false and null, and no \u0000 (which json-glib would
 * silently cut a string at). */
static gboolean
is_plain_json (const char *data,
               gsize       length)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\')
            {
              if (i + 1 < length && data[i + 1] == 'u' &&
                  (i + 5 >= length || strncmp (data + i + 2, "0000", 4) == 0))
                return FALSE;
              i++;
            }
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '\0' || !strchr (" \t\n\r{}[],:-+.0123456789eEtrufalsn", c))
        return FALSE;
    }

  return !in_string;
}

static void
count_member_cb (JsonParser *parser,
                 JsonObject *object,
                 const char *name,
                 gpointer    data)
{
  (*(guint *) data)++;
}

/* The body as a JSON object, or NULL with the answer given. */
static JsonObject *
read_body (SoupServerMessage *msg,
           JsonParser        *parser)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  guint n_members = 0;
  JsonNode *root;

  if (length > ROOM_MAX_BODY)
    {
      answer_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large");
      return NULL;
    }
  /* A NUL byte is not text either. */
  if (length == 0 || !g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, length == 0 ? "bad-json" : "bad-utf8");
      return NULL;
    }
  /* A member given twice would be read as its last value: refused, as is
   * any object inside the body, which none of the room's writes has. */
  g_signal_connect (parser, "object-member", G_CALLBACK (count_member_cb), &n_members);
  if (!is_plain_json (data, length) ||
      !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      n_members != json_object_get_size (json_node_get_object (root)))
    {
      g_signal_handlers_disconnect_by_data (parser, &n_members);
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-json");
      return NULL;
    }
  g_signal_handlers_disconnect_by_data (parser, &n_members);

  return json_node_get_object (root);
}

/* Devices */

StapleRoomDevice *
staple_room_find_device (StapleRoom *self,
                         const char *token)
{
  StapleRoomDevice *device;

  if (!is_token (token))
    return NULL;
  device = g_hash_table_lookup (self->devices, token);
  if (device == NULL || !staple_room_token_equal (token, device->token))
    return NULL;
  return device;
}

/* Counts a write; FALSE if the device has written too much lately. */
static gboolean
within_rate (StapleRoomDevice *device)
{
  gint64 now = g_get_monotonic_time ();
  gint64 oldest = device->writes[device->next_write];

  if (oldest != 0 && now - oldest < ROOM_RATE_USEC)
    return FALSE;
  device->writes[device->next_write] = now;
  device->next_write = (device->next_write + 1) % ROOM_RATE_WRITES;
  return TRUE;
}

/* The device a write names, or NULL with the answer given. */
static StapleRoomDevice *
writer_of (StapleRoom        *self,
           SoupServerMessage *msg,
           JsonObject        *body)
{
  const char *token = read_string (body, "device");
  StapleRoomDevice *device;

  if (!is_token (token))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-field");
      return NULL;
    }
  device = staple_room_find_device (self, token);
  if (device == NULL)
    {
      answer_error (msg, SOUP_STATUS_FORBIDDEN, "unknown-device");
      return NULL;
    }
  if (!within_rate (device))
    {
      answer_error (msg, 429, "slow-down");
      return NULL;
    }
  return device;
}

static void
handle_join (StapleRoom        *self,
             SoupServerMessage *msg,
             JsonObject        *body)
{
  static const char * const allowed[] = { "device", NULL };
  StapleRoomDevice *device = NULL;
  g_autofree char *json = NULL;

  if (!only_members (body, allowed) ||
      (json_object_has_member (body, "device") && !is_token (read_string (body, "device"))))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-field");
      return;
    }

  if (json_object_has_member (body, "device"))
    device = staple_room_find_device (self, read_string (body, "device"));

  if (device == NULL)
    {
      if (self->n_devices >= ROOM_MAX_DEVICES)
        {
          answer_error (msg, 429, "slow-down");
          return;
        }
      device = g_new0 (StapleRoomDevice, 1);
      device->number = ++self->n_devices;
      staple_room_make_token (device->token);
      g_hash_table_insert (self->devices, device->token, device);
      staple_room_notify_devices (self);
    }

  json = g_strdup_printf ("{\"device\":\"%s\"}", device->token);
  answer_json (msg, SOUP_STATUS_OK, json);
}

/* Trims white space (any Unicode space) from both ends. */
static char *
trim_text (const char *text)
{
  const char *start = text, *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *previous = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous;
    }
  return g_strndup (start, (gsize) (end - start));
}

/* Line breaks and tabs are text; other control characters are not. */
static gboolean
has_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && c != '\t' && (g_unichar_iscntrl (c) || c == 0xfffe || c == 0xffff))
        return TRUE;
    }
  return FALSE;
}

static void
handle_friction (StapleRoom        *self,
                 SoupServerMessage *msg,
                 JsonObject        *body)
{
  static const char * const allowed[] = { "device", "stage", "text", NULL };
  StapleRoomDevice *device;
  const char *text = read_string (body, "text");
  g_autofree char *trimmed = NULL;
  gint64 stage_id;
  glong n_chars;

  if (!only_members (body, allowed) || text == NULL ||
      !read_id (json_object_get_member (body, "stage"), &stage_id))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-field");
      return;
    }
  if ((device = writer_of (self, msg, body)) == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-utf8");
      return;
    }
  if (has_controls (text))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-field");
      return;
    }
  if (staple_session_get_phase (self->session) != STAPLE_PHASE_WALK)
    {
      answer_error (msg, SOUP_STATUS_CONFLICT, "wrong-phase");
      return;
    }

  trimmed = trim_text (text);
  n_chars = g_utf8_strlen (trimmed, -1);
  if (n_chars == 0)
    answer_error (msg, 422, "empty");
  else if (n_chars > ROOM_MAX_TEXT_CHARS)
    answer_error (msg, 422, "too-long");
  else if (staple_session_find_stage (self->session, stage_id, NULL) == NULL)
    answer_error (msg, 422, "unknown-id");
  else
    {
      staple_room_add_suggestion (self, device, stage_id, trimmed);
      answer_json (msg, SOUP_STATUS_ACCEPTED, "{\"ok\":true}");
    }
}

static void
handle_vote (StapleRoom        *self,
             SoupServerMessage *msg,
             JsonObject        *body)
{
  static const char * const allowed[] = { "device", "participant", "frictions", NULL };
  JsonNode *participant = json_object_get_member (body, "participant");
  JsonNode *frictions = json_object_get_member (body, "frictions");
  StapleRoomDevice *device;
  g_autofree gint64 *ids = NULL;
  gint64 participant_id = 0;
  const char *code = NULL;
  JsonArray *array;
  guint status, n;

  if (!only_members (body, allowed) || frictions == NULL || !JSON_NODE_HOLDS_ARRAY (frictions) ||
      (participant != NULL && !JSON_NODE_HOLDS_NULL (participant) &&
       !read_id (participant, &participant_id)))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-field");
      return;
    }

  array = json_node_get_array (frictions);
  n = json_array_get_length (array);
  ids = g_new0 (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (!read_id (json_array_get_element (array, i), &ids[i]))
        {
          answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-field");
          return;
        }
    }

  if ((device = writer_of (self, msg, body)) == NULL)
    return;

  status = staple_room_vote (self, device, participant_id, ids, n, &code);
  if (status == 0)
    answer_json (msg, SOUP_STATUS_OK, "{\"ok\":true}");
  else
    answer_error (msg, status, code);
}

static void
handle_static (SoupServerMessage *msg,
               const char        *rest)
{
  const char *name = g_str_equal (rest, "/") ? "index.html" : rest + 1;
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  const char *type;

  if (bytes == NULL)
    {
      answer_error (msg, SOUP_STATUS_NOT_FOUND, "not-found");
      return;
    }

  if (g_str_has_suffix (name, ".html"))
    type = "text/html; charset=utf-8";
  else if (g_str_has_suffix (name, ".js"))
    type = "application/javascript; charset=utf-8";
  else if (g_str_has_suffix (name, ".css"))
    type = "text/css; charset=utf-8";
  else if (g_str_has_suffix (name, ".svg"))
    type = "image/svg+xml";
  else
    type = "image/png";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
handle_events (StapleRoom        *self,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  const char *token = query != NULL ? g_hash_table_lookup (query, "device") : NULL;
  StapleRoomDevice *device;

  if (query == NULL || g_hash_table_size (query) != 1 || !is_token (token))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-field");
      return;
    }
  if ((device = staple_room_find_device (self, token)) == NULL)
    {
      answer_error (msg, SOUP_STATUS_FORBIDDEN, "unknown-device");
      return;
    }

  staple_room_stream_start (self, msg, device);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  StapleRoom *self = data;
  g_autoptr(JsonParser) parser = NULL;
  const char *rest = strip_key (self, path);
  JsonObject *body;
  Route route;

  /* The early handler has answered anything else. */
  g_assert (rest != NULL);
  route = route_of (rest);

  switch (route)
    {
    case ROUTE_STATIC:
      handle_static (msg, rest);
      return;
    case ROUTE_STRINGS:
      {
        g_autofree char *json = strings_json (self, msg);

        answer_json (msg, SOUP_STATUS_OK, json);
        soup_message_headers_append (soup_server_message_get_response_headers (msg), "Vary",
                                     "Accept-Language");
        return;
      }
    case ROUTE_EVENTS:
      handle_events (self, msg, query);
      return;
    case ROUTE_JOIN:
    case ROUTE_FRICTION:
    case ROUTE_VOTE:
      break;
    case ROUTE_NONE:
    default:
      g_assert_not_reached ();
    }

  parser = json_parser_new_immutable ();
  if ((body = read_body (msg, parser)) == NULL)
    return;

  if (route == ROUTE_JOIN)
    handle_join (self, msg, body);
  else if (route == ROUTE_FRICTION)
    handle_friction (self, msg, body);
  else
    handle_vote (self, msg, body);
}

void
staple_room_http_setup (StapleRoom *self)
{
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), self);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
}
