/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room: the room takes part. While it is open, an HTTP server inside
 * the app listens on the laptop's local-network addresses only, behind a
 * random key, for participants' phones; what they send goes through the
 * session's StapleEditor like the window's own edits.
 *
 * This file: the object, the key and tokens, listening, and the
 * connections (accepted here rather than by SoupServer so that each has a
 * deadline for its request, and closing the room ends every one of them). */
#define G_LOG_DOMAIN "staple-room"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sys/random.h>

#include "staple-room-address.h"
#include "staple-room-private.h"

G_DEFINE_FINAL_TYPE (StapleRoom, staple_room, G_TYPE_OBJECT)

G_DEFINE_QUARK (staple-room-error-quark, staple_room_error)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_PORT,
  PROP_NETWORKS,
  PROP_IS_OPEN,
  PROP_URL,
  PROP_URLS,
  PROP_N_DEVICES,
  PROP_ANONYMOUS,
  PROP_SHOW_TOTALS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Tokens */

/**
 * staple_room_fill_random:
 *
 * Fills @bytes from the kernel's CSPRNG (getrandom(2)), which blocks only
 * until it is seeded, early at boot.
 */
gboolean
staple_room_fill_random (guint8 *bytes,
                         gsize   n_bytes)
{
  gsize done = 0;

  while (done < n_bytes)
    {
      ssize_t n = getrandom (bytes + done, n_bytes - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }

  return TRUE;
}

/* 16 random bytes as 22 characters of base64url without padding. */
void
staple_room_make_token (char token[ROOM_TOKEN_CHARS + 1])
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  guint8 bytes[16];
  guint bits = 0, n_bits = 0, out = 0;

  if (!staple_room_fill_random (bytes, sizeof bytes))
    g_error ("The system’s random number generator failed: %s", g_strerror (errno));

  for (guint i = 0; i < sizeof bytes; i++)
    {
      bits = (bits << 8) | bytes[i];
      n_bits += 8;
      while (n_bits >= 6)
        {
          n_bits -= 6;
          token[out++] = alphabet[(bits >> n_bits) & 0x3f];
        }
    }
  token[out++] = alphabet[(bits << (6 - n_bits)) & 0x3f];
  token[out] = '\0';
  g_assert (out == ROOM_TOKEN_CHARS);
  explicit_bzero (bytes, sizeof bytes);
}

/* Compares two tokens in time that does not depend on where they differ;
 * @b is the secret, ROOM_TOKEN_CHARS long. */
gboolean
staple_room_token_equal (const char *a,
                         const char *b)
{
  volatile guint8 diff = 0;
  gsize i;

  for (i = 0; i < ROOM_TOKEN_CHARS; i++)
    {
      guint8 c = (guint8) a[i];

      diff |= c ^ (guint8) b[i];
      if (c == '\0')
        return FALSE;
    }

  return diff == 0 && a[i] == '\0';
}

/* Connections */

/* The request is in (or the connection gone): no more deadline, and one
 * connection fewer on its way from that host. */
static void
client_arrived (StapleRoomClient *client)
{
  GHashTable *pending = client->room->pending;
  guint n;

  if (client->deadline_id == 0)
    return;

  g_clear_handle_id (&client->deadline_id, g_source_remove);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (pending, client->host));
  if (n > 1)
    g_hash_table_insert (pending, g_strdup (client->host), GUINT_TO_POINTER (n - 1));
  else
    g_hash_table_remove (pending, client->host);
}

static void
client_free (gpointer data)
{
  StapleRoomClient *client = data;

  client_arrived (client);
  g_clear_pointer (&client->host, g_free);
  g_clear_object (&client->connection);
  g_clear_object (&client->remote);
  g_clear_pointer (&client->last_state, g_free);
  g_free (client);
}

/* Ends a connection from our side: soup sees its socket shut and lets go. */
void
staple_room_client_close (StapleRoomClient *client)
{
  GSocket *socket = g_socket_connection_get_socket (client->connection);

  g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

static gboolean
deadline_cb (gpointer data)
{
  StapleRoomClient *client = data;
  StapleRoom *self = client->room;

  g_debug ("A request did not arrive within %d s: closing its connection",
           ROOM_REQUEST_SECONDS);
  staple_room_client_close (client);
  staple_room_stream_forget (self, client);
  /* Frees @client, and removes this source, which GLib allows in its own
   * callback. */
  g_hash_table_remove (self->clients, client->remote);
  return G_SOURCE_REMOVE;
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           data)
{
  StapleRoom *self = data;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  StapleRoomClient *client;
  GSocket *socket = g_socket_connection_get_socket (connection);
  guint n_pending;

  if (self->server == NULL || g_hash_table_size (self->clients) >= ROOM_MAX_CONNECTIONS ||
      (local = g_socket_connection_get_local_address (connection, NULL)) == NULL ||
      (remote = g_socket_connection_get_remote_address (connection, NULL)) == NULL)
    {
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
      return TRUE;
    }

  host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  n_pending = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, host));
  if (n_pending >= ROOM_MAX_PENDING_PER_HOST)
    {
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
      return TRUE;
    }

  g_socket_set_timeout (socket, ROOM_IDLE_SECONDS);

  client = g_new0 (StapleRoomClient, 1);
  client->room = self;
  client->connection = g_object_ref (connection);
  client->remote = g_object_ref (remote);
  client->host = g_strdup (host);
  client->deadline_id = g_timeout_add_seconds (ROOM_REQUEST_SECONDS, deadline_cb, client);
  g_hash_table_insert (self->pending, g_steal_pointer (&host), GUINT_TO_POINTER (n_pending + 1));
  g_hash_table_insert (self->clients, client->remote, client);

  if (!soup_server_accept_iostream (self->server, G_IO_STREAM (connection), local, remote,
                                    &error))
    {
      g_debug ("Could not take a connection: %s", error->message);
      staple_room_client_close (client);
      g_hash_table_remove (self->clients, remote);
    }

  return TRUE;
}

/* The whole request has arrived: its deadline no longer applies. */
static void
request_read_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           data)
{
  StapleRoom *self = data;
  StapleRoomClient *client;

  client = g_hash_table_lookup (self->clients, soup_server_message_get_remote_address (msg));
  if (client != NULL)
    client_arrived (client);
}

static void
request_done_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           data)
{
  StapleRoom *self = data;
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  StapleRoomClient *client = g_hash_table_lookup (self->clients, remote);

  if (client == NULL)
    return;

  staple_room_stream_forget (self, client);
  g_hash_table_remove (self->clients, remote);
}

/* Listening */

static char *
make_url (GInetSocketAddress *address,
          const char         *key)
{
  g_autofree char *host = g_inet_address_to_string (g_inet_socket_address_get_address (address));

  return g_strdup_printf ("http://%s:%u/%s/", host, g_inet_socket_address_get_port (address),
                          key);
}

static gboolean
listen_on (StapleRoom      *self,
           GSocketListener *listener,
           GInetAddress    *address,
           guint          port,
           GStrvBuilder  *urls,
           guint         *out_port,
           GError       **error)
{
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new (address, (guint16) port);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autofree char *url = NULL;

  if (!g_socket_listener_add_address (listener, wanted,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, error))
    return FALSE;

  *out_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  url = make_url (G_INET_SOCKET_ADDRESS (effective), self->key);
  g_strv_builder_add (urls, url);
  return TRUE;
}

static void
set_urls (StapleRoom *self,
          GStrv       urls)
{
  g_strfreev (self->urls);
  self->urls = urls;
  g_free (self->url);
  self->url = g_strdup (urls[0] != NULL ? urls[0] : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URLS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/* The addresses the room may listen on now: the laptop's on a local
 * network, on the interfaces @networks allows (NULL: all of them). */
static GPtrArray *
allowed_addresses (GStrv    networks,
                   GError **error)
{
  g_autoptr(GPtrArray) addresses = staple_room_address_list_local ();

  if (addresses->len == 0)
    {
      g_set_error_literal (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_NO_NETWORK,
                           _("This computer is not on a local network. Connect it to the "
                             "room’s Wi-Fi or network, then open the room again."));
      return NULL;
    }
  if (networks != NULL)
    {
      for (guint i = addresses->len; i > 0; i--)
        {
          StapleRoomNetwork *network = g_ptr_array_index (addresses, i - 1);

          if (!g_strv_contains ((const char * const *) networks, network->interface))
            g_ptr_array_remove_index (addresses, i - 1);
        }
      if (addresses->len == 0)
        {
          g_autofree char *allowed = g_strjoinv (", ", networks);

          g_set_error (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_NO_NETWORK,
                       _("None of the networks the room may use (%s) is connected. Connect "
                         "one of them, or allow another in Preferences, then open the room "
                         "again."), allowed);
          return NULL;
        }
    }

  return g_steal_pointer (&addresses);
}

/* A service listening on each of @addresses behind the room's key, not
 * yet started, and the address of each in @out_urls. @port is the port
 * wanted first (0: any); another address may have its own port if that
 * one is taken there, unless #StapleRoom:port asks for one. */
static GSocketService *
listen_all (StapleRoom  *self,
            GPtrArray   *addresses,
            guint        port,
            GStrv       *out_urls,
            GError     **error)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  g_autoptr(GError) first_error = NULL;
  GSocketListener *listener = G_SOCKET_LISTENER (service);
  guint n_listening = 0;

  g_socket_listener_set_backlog (listener, 128);
  for (guint i = 0; i < addresses->len; i++)
    {
      GInetAddress *address = ((StapleRoomNetwork *) g_ptr_array_index (addresses, i))->address;
      g_autoptr(GError) local_error = NULL;
      guint wanted = self->port != 0 ? self->port : port;

      if (listen_on (self, listener, address, wanted, urls, &port, &local_error) ||
          (self->port == 0 && wanted != 0 &&
           listen_on (self, listener, address, 0, urls, &port, NULL)))
        {
          n_listening++;
          continue;
        }

      g_debug ("Not listening on an address: %s", local_error->message);
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (n_listening == 0)
    {
      g_set_error (error, STAPLE_ROOM_ERROR, STAPLE_ROOM_ERROR_LISTEN,
                   _("The room could not be opened: %s"), first_error->message);
      return NULL;
    }

  g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), self);
  *out_urls = g_strv_builder_end (urls);
  return g_steal_pointer (&service);
}

static void
stop_service (StapleRoom *self)
{
  if (self->service == NULL)
    return;

  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
}

/* The host each of @urls is on, its address: what the room listens on. */
static GHashTable *
bound_of (GStrv urls)
{
  GHashTable *bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (urls[i], G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        g_hash_table_insert (bound, g_strdup (g_uri_get_host (uri)), g_strdup (urls[i]));
    }
  return bound;
}

/* The laptop's addresses changed while the room is open (a new lease, a
 * Wi-Fi that came back), on the networks allowed when it opened: the room
 * listens on those it has now as well, behind the same key and on the same
 * port when it can, and shows only those. It goes on listening on an address
 * that went away (a socket there costs nothing, and the address may come
 * back), so the phones on the addresses that stay keep their connections.
 * With no local network left, it shows what it showed, for the network to
 * come back. */
static gboolean
follow_network_cb (gpointer data)
{
  StapleRoom *self = data;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shown = NULL;
  guint port = 0;

  self->follow_id = 0;
  if (self->server == NULL)
    return G_SOURCE_REMOVE;

  /* The networks allowed when it opened: a change applies at the next
   * opening, as the preference says. */
  addresses = allowed_addresses (self->open_networks, &error);
  if (addresses == NULL)
    {
      g_debug ("The room keeps the addresses it shows: %s", error->message);
      return G_SOURCE_REMOVE;
    }

  /* The port of the addresses already listened on, for the new ones. */
  if (self->urls[0] != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (self->urls[0], G_URI_FLAGS_NONE, NULL);

      port = uri != NULL && g_uri_get_port (uri) > 0 ? (guint) g_uri_get_port (uri) : 0;
    }

  for (guint i = 0; i < addresses->len; i++)
    {
      GInetAddress *address = ((StapleRoomNetwork *) g_ptr_array_index (addresses, i))->address;
      g_autofree char *host = g_inet_address_to_string (address);
      const char *url = g_hash_table_lookup (self->bound, host);
      g_autoptr(GStrvBuilder) one = NULL;
      g_auto(GStrv) added = NULL;
      g_autoptr(GError) local_error = NULL;
      guint wanted = self->port != 0 ? self->port : port;
      guint effective = 0;

      if (url != NULL)
        {
          g_strv_builder_add (urls, url);
          continue;
        }

      one = g_strv_builder_new ();
      if (!listen_on (self, G_SOCKET_LISTENER (self->service), address, wanted, one, &effective,
                      &local_error) &&
          !(self->port == 0 && wanted != 0 &&
            listen_on (self, G_SOCKET_LISTENER (self->service), address, 0, one, &effective,
                       NULL)))
        {
          g_debug ("Not listening on a new address: %s", local_error->message);
          continue;
        }
      added = g_strv_builder_end (one);
      g_hash_table_insert (self->bound, g_steal_pointer (&host), g_strdup (added[0]));
      g_strv_builder_add (urls, added[0]);
    }

  shown = g_strv_builder_end (urls);
  if (shown[0] == NULL)
    return G_SOURCE_REMOVE;
  if (!g_strv_equal ((const char * const *) shown, (const char * const *) self->urls))
    set_urls (self, g_steal_pointer (&shown));
  return G_SOURCE_REMOVE;
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    StapleRoom      *self)
{
  /* Changes come in bursts (an address, then its routes). */
  if (self->server != NULL && self->follow_id == 0)
    self->follow_id = g_timeout_add (ROOM_FOLLOW_NETWORK_MS, follow_network_cb, self);
}

/**
 * staple_room_open:
 *
 * Starts listening on every address of the laptop on a local network
 * (see staple_room_address_list_local()) and on an interface of
 * #StapleRoom:networks, never on loopback or a public
 * address, behind a new key. The port is #StapleRoom:port on each, or one
 * the system picks (the same on all when it can) if that is 0. Opening an
 * open room does nothing. While it is open, the room follows the laptop's
 * network: when its addresses change, it listens on the new ones too, and
 * #StapleRoom:urls lists those it has then.
 *
 * Returns: whether the room listens, with @error set if not
 */
gboolean
staple_room_open (StapleRoom  *self,
                  GError     **error)
{
  g_autoptr(GPtrArray) addresses = NULL;
  GStrv urls = NULL;

  g_return_val_if_fail (STAPLE_IS_ROOM (self), FALSE);

  if (self->server != NULL)
    return TRUE;

  addresses = allowed_addresses (self->networks, error);
  if (addresses == NULL)
    return FALSE;
  g_strfreev (self->open_networks);
  self->open_networks = g_strdupv (self->networks);

  staple_room_make_token (self->key);
  self->service = listen_all (self, addresses, 0, &urls, error);
  if (self->service == NULL)
    {
      explicit_bzero (self->key, sizeof self->key);
      return FALSE;
    }

  self->server = g_object_new (SOUP_TYPE_SERVER, "server-header", NULL, NULL);
  g_signal_connect (self->server, "request-read", G_CALLBACK (request_read_cb), self);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_done_cb), self);
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (request_done_cb), self);
  staple_room_http_setup (self);
  g_socket_service_start (self->service);
  staple_room_state_start (self);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (network_changed_cb), self, 0);

  self->bound = bound_of (urls);

  /* Open, with its addresses, before anyone hears of either. */
  g_object_freeze_notify (G_OBJECT (self));
  set_urls (self, urls);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OPEN]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * staple_room_close:
 *
 * Stops listening and ends every connection at once, event streams
 * included; the devices and their tokens are forgotten. Suggestions not
 * yet dealt with stay. Closing a closed room does nothing.
 */
void
staple_room_close (StapleRoom *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (STAPLE_IS_ROOM (self));

  if (self->server == NULL)
    return;

  staple_room_state_stop (self);
  staple_room_streams_end (self);

  g_signal_handlers_disconnect_by_func (g_network_monitor_get_default (), network_changed_cb,
                                        self);
  g_clear_handle_id (&self->follow_id, g_source_remove);
  stop_service (self);
  g_clear_pointer (&self->bound, g_hash_table_unref);

  g_signal_handlers_disconnect_by_data (self->server, self);
  soup_server_disconnect (self->server);
  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    staple_room_client_close (value);
  g_hash_table_remove_all (self->clients);
  g_ptr_array_set_size (self->streams, 0);
  g_clear_object (&self->server);

  g_hash_table_remove_all (self->claims);
  g_hash_table_remove_all (self->devices);
  self->n_devices = 0;
  explicit_bzero (self->key, sizeof self->key);

  g_object_freeze_notify (G_OBJECT (self));
  set_urls (self, g_new0 (char *, 1));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DEVICES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OPEN]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The object */

static void
staple_room_dispose (GObject *object)
{
  StapleRoom *self = STAPLE_ROOM (object);

  staple_room_close (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->session);
  g_clear_object (&self->editor);
  if (self->suggestions != NULL)
    g_list_store_remove_all (self->suggestions);
  if (self->discarded != NULL)
    g_ptr_array_set_size (self->discarded, 0);

  G_OBJECT_CLASS (staple_room_parent_class)->dispose (object);
}

static void
staple_room_finalize (GObject *object)
{
  StapleRoom *self = STAPLE_ROOM (object);

  g_clear_pointer (&self->devices, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->streams, g_ptr_array_unref);
  g_clear_pointer (&self->claims, g_hash_table_unref);
  g_clear_object (&self->suggestions);
  g_clear_pointer (&self->discarded, g_ptr_array_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->urls, g_strfreev);
  g_clear_pointer (&self->networks, g_strfreev);
  g_clear_pointer (&self->open_networks, g_strfreev);
  g_clear_pointer (&self->languages, staple_room_languages_free);

  G_OBJECT_CLASS (staple_room_parent_class)->finalize (object);
}

static void
staple_room_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StapleRoom *self = STAPLE_ROOM (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_NETWORKS:
      g_value_set_boxed (value, self->networks);
      break;
    case PROP_IS_OPEN:
      g_value_set_boolean (value, staple_room_get_is_open (self));
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_URLS:
      g_value_set_boxed (value, self->urls);
      break;
    case PROP_N_DEVICES:
      g_value_set_uint (value, self->n_devices);
      break;
    case PROP_ANONYMOUS:
      g_value_set_boolean (value, self->anonymous);
      break;
    case PROP_SHOW_TOTALS:
      g_value_set_boolean (value, self->show_totals);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_room_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StapleRoom *self = STAPLE_ROOM (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;
    case PROP_PORT:
      staple_room_set_port (self, g_value_get_uint (value));
      break;
    case PROP_NETWORKS:
      staple_room_set_networks (self, g_value_get_boxed (value));
      break;
    case PROP_ANONYMOUS:
      staple_room_set_anonymous (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_TOTALS:
      staple_room_set_show_totals (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_room_constructed (GObject *object)
{
  StapleRoom *self = STAPLE_ROOM (object);

  G_OBJECT_CLASS (staple_room_parent_class)->constructed (object);

  g_assert (STAPLE_IS_EDITOR (self->editor));
  self->session = g_object_ref (staple_editor_get_session (self->editor));
}

static void
staple_room_class_init (StapleRoomClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = staple_room_constructed;
  object_class->dispose = staple_room_dispose;
  object_class->finalize = staple_room_finalize;
  object_class->get_property = staple_room_get_property;
  object_class->set_property = staple_room_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, STAPLE_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StapleRoom:port:
   *
   * The port to listen on the next time the room opens; 0 lets the system
   * pick one.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StapleRoom:networks:
   *
   * The interfaces ("wlp2s0") the room may listen on the next time it
   * opens, of those on a local network; %NULL or empty for every one.
   * An interface not named here is never listened on, even if it joins
   * a local network later.
   */
  properties[PROP_NETWORKS] =
    g_param_spec_boxed ("networks", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_OPEN] =
    g_param_spec_boolean ("is-open", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StapleRoom:url:
   *
   * The address phones open, `http://ADDR:PORT/KEY/` on the first address
   * listened on; empty while the room is closed.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URLS] =
    g_param_spec_boxed ("urls", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DEVICES] =
    g_param_spec_uint ("n-devices", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StapleRoom:anonymous:
   *
   * Whether phones vote without saying who they are: each phone's ballot is
   * kept under a participant of its own that the room adds ("Anonymous
   * voter"), so totals count it while nothing ties it to a person.
   */
  properties[PROP_ANONYMOUS] =
    g_param_spec_boolean ("anonymous", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StapleRoom:show-totals:
   *
   * Whether phones see how many dots each friction point has.
   */
  properties[PROP_SHOW_TOTALS] =
    g_param_spec_boolean ("show-totals", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_room_init (StapleRoom *self)
{
  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->clients = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, client_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->streams = g_ptr_array_new ();
  self->claims = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->suggestions = g_list_store_new (STAPLE_TYPE_ROOM_SUGGESTION);
  self->discarded = g_ptr_array_new_with_free_func (staple_room_discarded_free);
  self->next_suggestion_id = 1;
  self->urls = g_new0 (char *, 1);
  self->url = g_strdup ("");
}

/**
 * staple_room_new:
 * @editor: the editor of the session the room takes part in
 *
 * Returns: (transfer full): a closed room
 */
StapleRoom *
staple_room_new (StapleEditor *editor)
{
  g_return_val_if_fail (STAPLE_IS_EDITOR (editor), NULL);

  return g_object_new (STAPLE_TYPE_ROOM, "editor", editor, NULL);
}

/**
 * staple_room_get_editor:
 *
 * Returns: (transfer none): the editor the room's writes go through
 */
StapleEditor *
staple_room_get_editor (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), NULL);

  return self->editor;
}

gboolean
staple_room_get_is_open (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), FALSE);

  return self->server != NULL;
}

guint
staple_room_get_port (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), 0);

  return self->port;
}

void
staple_room_set_port (StapleRoom *self,
                      guint       port)
{
  g_return_if_fail (STAPLE_IS_ROOM (self));
  g_return_if_fail (port <= G_MAXUINT16);

  if (self->port == port)
    return;

  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

/**
 * staple_room_get_networks:
 *
 * Returns: (nullable): the interfaces the room may listen on; %NULL for
 *   every one on a local network
 */
const char * const *
staple_room_get_networks (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), NULL);

  return (const char * const *) self->networks;
}

/**
 * staple_room_set_networks:
 * @networks: (nullable): interface names; %NULL or empty for every
 *   interface on a local network
 *
 * Takes effect the next time the room opens.
 */
void
staple_room_set_networks (StapleRoom         *self,
                          const char * const *networks)
{
  g_return_if_fail (STAPLE_IS_ROOM (self));

  if (networks != NULL && networks[0] == NULL)
    networks = NULL;
  if ((networks == NULL && self->networks == NULL) ||
      (networks != NULL && self->networks != NULL &&
       g_strv_equal (networks, (const char * const *) self->networks)))
    return;

  g_strfreev (self->networks);
  self->networks = g_strdupv ((char **) networks);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORKS]);
}

/**
 * staple_room_get_url:
 *
 * Returns: the address for phones, or "" while the room is closed
 */
const char *
staple_room_get_url (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), "");

  return self->url;
}

/**
 * staple_room_get_urls:
 *
 * Returns: (transfer none) (array zero-terminated=1): the address for
 *   phones on each local network the room listens on; empty when closed
 */
const char * const *
staple_room_get_urls (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), NULL);

  return (const char * const *) self->urls;
}

guint
staple_room_get_n_devices (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), 0);

  return self->n_devices;
}

/* For staple-room-http.c, when a device joins. */
void
staple_room_notify_devices (StapleRoom *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DEVICES]);
}

gboolean
staple_room_get_anonymous (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), FALSE);

  return self->anonymous;
}

/**
 * staple_room_set_anonymous:
 *
 * Ballots already cast stay where they are; each phone's next ballot
 * replaces its last one, wherever that was kept.
 */
void
staple_room_set_anonymous (StapleRoom *self,
                           gboolean    anonymous)
{
  g_return_if_fail (STAPLE_IS_ROOM (self));

  anonymous = !!anonymous;
  if (self->anonymous == anonymous)
    return;

  self->anonymous = anonymous;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANONYMOUS]);
  staple_room_state_changed (self);
}

gboolean
staple_room_get_show_totals (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), FALSE);

  return self->show_totals;
}

void
staple_room_set_show_totals (StapleRoom *self,
                             gboolean    show_totals)
{
  g_return_if_fail (STAPLE_IS_ROOM (self));

  show_totals = !!show_totals;
  if (self->show_totals == show_totals)
    return;

  self->show_totals = show_totals;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TOTALS]);
  staple_room_state_changed (self);
}

/**
 * staple_room_get_suggestions:
 *
 * Returns: (transfer none): a #GListModel of #StapleRoomSuggestion, oldest
 *   first
 */
GListModel *
staple_room_get_suggestions (StapleRoom *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM (self), NULL);

  return G_LIST_MODEL (self->suggestions);
}
