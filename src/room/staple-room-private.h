/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-private.h: the room's state, shared by its files
 * (staple-room.c: listening and connections; staple-room-http.c: the
 * requests; staple-room-state.c: the live state; staple-room-ballot.c:
 * votes and suggestions). */
#pragma once

#include <libsoup/soup.h>

#include "staple-room.h"
#include "staple-room-language.h"

G_BEGIN_DECLS

/* Limits, from the room's HTTP contract (src/room/README.md) */
#define ROOM_MAX_BODY          (8 * 1024)
#define ROOM_MAX_TEXT_CHARS    2000
#define ROOM_MAX_DEVICES       100
#define ROOM_RATE_WRITES       20
#define ROOM_RATE_USEC         (10 * G_USEC_PER_SEC)
/* More than every phone of a full room needs (an event stream and a
 * request or two each); the rest are turned away at once. */
#define ROOM_MAX_CONNECTIONS   512
#define ROOM_MAX_STREAMS_PER_DEVICE 3
/* Connections from one address still sending their request: one host
 * dribbling headers cannot take every connection from the others. */
#define ROOM_MAX_PENDING_PER_HOST 64
/* A request must arrive whole within this, or its connection is closed:
 * a client that dribbles its headers holds one socket for 10 s at most. */
#define ROOM_REQUEST_SECONDS   10
/* A connection that neither reads nor writes for this long is dropped. */
#define ROOM_IDLE_SECONDS      30
#define ROOM_KEEPALIVE_SECONDS 15
#define ROOM_COALESCE_MSEC     50
/* After a change of the laptop's network, before listening again. */
#define ROOM_FOLLOW_NETWORK_MS 500
/* 128 bits written as base64url without padding */
#define ROOM_TOKEN_CHARS       22

typedef struct
{
  guint    number;        /* 1, 2, … in the order devices joined */
  char     token[ROOM_TOKEN_CHARS + 1];
  gint64   writes[ROOM_RATE_WRITES]; /* monotonic µs of its last writes */
  guint    next_write;
  guint    n_sent;        /* suggestions sent */
  gint64   voter_id;      /* the participant its ballot is stored under, or 0 */
  gboolean voter_anonymous; /* …one the room made for an anonymous ballot */
  guint    n_streams;
} StapleRoomDevice;

/* One accepted TCP connection (the server keeps none alive: one request,
 * or one event stream, each). */
typedef struct
{
  StapleRoom        *room;
  GSocketConnection *connection;
  GSocketAddress    *remote;      /* the key soup gives back for its messages */
  char              *host;        /* the remote address, without the port */
  guint              deadline_id; /* while the request is on its way */
  SoupServerMessage *stream;      /* an event stream, or NULL */
  StapleRoomDevice  *device;      /* whose stream */
  char              *last_state;  /* the last state sent on the stream */
} StapleRoomClient;

struct _StapleRoom
{
  GObject          parent_instance;

  StapleEditor    *editor;
  StapleSession   *session;
  guint            port;
  GStrv            networks;     /* interfaces allowed; NULL: every local one */
  GStrv            open_networks; /* those allowed when the room opened */
  gboolean         anonymous;
  gboolean         show_totals;

  SoupServer      *server;
  GSocketService  *service;
  GHashTable      *bound;        /* host → the room's URL there: every address listened on */
  guint            follow_id;    /* the network changed: listen on it soon */
  char             key[ROOM_TOKEN_CHARS + 1];
  char            *url;
  GStrv            urls;

  GHashTable      *devices;      /* token → StapleRoomDevice */
  guint            n_devices;
  GHashTable      *clients;      /* GSocketAddress → StapleRoomClient */
  GHashTable      *pending;      /* host → connections still sending a request */
  GPtrArray       *streams;      /* of StapleRoomClient, unowned */
  GHashTable      *claims;       /* participant id → StapleRoomDevice */

  GListStore      *suggestions;
  GPtrArray       *discarded;    /* of StapleRoomDiscarded, the latest last */
  guint            next_suggestion_id;

  guint            flush_id;
  guint            keepalive_id;

  StapleRoomLanguages *languages; /* the phones', read when first asked for */
};

/* A suggestion the coach discarded, and where it was: its toast's Undo
 * puts it back. */
typedef struct
{
  StapleRoomSuggestion *suggestion;
  guint                 position;
} StapleRoomDiscarded;

#define ROOM_MAX_DISCARDED 100

void               staple_room_discarded_free   (gpointer           data);

/* staple-room.c */
gboolean           staple_room_fill_random      (guint8            *bytes,
                                                 gsize              n_bytes);
void               staple_room_make_token       (char               token[ROOM_TOKEN_CHARS + 1]);
gboolean           staple_room_token_equal      (const char        *a,
                                                 const char        *b);
void               staple_room_client_close     (StapleRoomClient  *client);
void               staple_room_notify_devices   (StapleRoom        *self);

/* staple-room-http.c */
void               staple_room_http_setup       (StapleRoom        *self);
StapleRoomDevice  *staple_room_find_device      (StapleRoom        *self,
                                                 const char        *token);

/* staple-room-state.c */
void               staple_room_state_start      (StapleRoom        *self);
void               staple_room_state_stop       (StapleRoom        *self);
void               staple_room_state_changed    (StapleRoom        *self);
void               staple_room_stream_start     (StapleRoom        *self,
                                                 SoupServerMessage *msg,
                                                 StapleRoomDevice  *device);
void               staple_room_stream_forget    (StapleRoom        *self,
                                                 StapleRoomClient  *client);
void               staple_room_streams_end      (StapleRoom        *self);
GPtrArray         *staple_room_list_voters      (StapleRoom        *self);
GArray            *staple_room_list_ballot      (StapleRoom        *self,
                                                 gint64             participant_id);

/* staple-room-ballot.c: HTTP status and error code, or 0 when applied */
guint              staple_room_vote             (StapleRoom        *self,
                                                 StapleRoomDevice  *device,
                                                 gint64             participant_id,
                                                 const gint64      *frictions,
                                                 guint              n_frictions,
                                                 const char       **code);
void               staple_room_add_suggestion   (StapleRoom        *self,
                                                 StapleRoomDevice  *device,
                                                 gint64             stage_id,
                                                 const char        *text);

G_END_DECLS
