/* SPDX-License-Identifier: GPL-3.0-or-later */
/* room-serve: the room of one session of a Staple database, without the
 * window, for trying the phone page and for tests with curl.
 *
 *   room-serve [--port N] [--phase PHASE] [--anonymous] [--show-totals] DB SESSION_ID
 *
 * Prints the room's address on stdout (the other addresses, if any, on
 * stderr) and serves until SIGTERM or SIGINT. Lines on stdin drive it as
 * the coach would:
 *   phase NICK          frame, map, walk, diagnose, prioritise, commit, close
 *   stage ID            the current stage
 *   anonymous on|off    totals on|off
 *   list                the suggestions waiting, one a line: ID STAGE DEVICE TEXT
 *   accept ID [KIND]    merge ID FRICTION    discard ID
 *   undo | redo | close
 *   open                opens it again (a new key), printing its address
 * Each command answers "ok" or "error: …" on stdout. */
#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

#include "staple-room.h"

typedef struct
{
  GMainLoop    *loop;
  StapleEditor *editor;
  StapleRoom   *room;
} Serve;

static gboolean
quit_cb (gpointer data)
{
  Serve *serve = data;

  g_main_loop_quit (serve->loop);
  return G_SOURCE_REMOVE;
}

static StapleRoomSuggestion *
find_suggestion (StapleRoom *room,
                 const char *id_text)
{
  GListModel *list = staple_room_get_suggestions (room);
  guint64 id = g_ascii_strtoull (id_text, NULL, 10);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleRoomSuggestion) suggestion = g_list_model_get_item (list, i);

      if (staple_room_suggestion_get_id (suggestion) == id)
        return suggestion;
    }
  return NULL;
}

static void
list_suggestions (StapleRoom *room)
{
  GListModel *list = staple_room_get_suggestions (room);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(StapleRoomSuggestion) suggestion = g_list_model_get_item (list, i);

      g_print ("%u %" G_GINT64_FORMAT " %u %s\n", staple_room_suggestion_get_id (suggestion),
               staple_room_suggestion_get_stage_id (suggestion),
               staple_room_suggestion_get_device (suggestion),
               staple_room_suggestion_get_text (suggestion));
    }
}

static gboolean
run_suggestion_command (Serve        *serve,
                        char        **words,
                        GError      **error)
{
  StapleSession *session = staple_editor_get_session (serve->editor);
  StapleRoomSuggestion *suggestion = words[1] != NULL ? find_suggestion (serve->room, words[1])
                                                      : NULL;
  int kind = STAPLE_FRICTION_KIND_PROCESS;

  if (suggestion == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such suggestion");
      return FALSE;
    }

  if (g_str_equal (words[0], "accept"))
    {
      if (words[2] != NULL && !staple_enum_from_nick (STAPLE_TYPE_FRICTION_KIND, words[2], &kind))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no such kind");
          return FALSE;
        }
      return staple_room_accept_suggestion (serve->room, suggestion, kind, error) != NULL;
    }
  if (g_str_equal (words[0], "merge"))
    {
      StapleFriction *friction = words[2] != NULL
        ? staple_session_find_friction (session, g_ascii_strtoll (words[2], NULL, 10), NULL, NULL)
        : NULL;

      if (friction == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such friction point");
          return FALSE;
        }
      return staple_room_merge_suggestion (serve->room, suggestion, friction, error);
    }

  staple_room_discard_suggestion (serve->room, suggestion);
  return TRUE;
}

static gboolean
run_command (Serve       *serve,
             const char  *line,
             GError     **error)
{
  g_auto(GStrv) words = g_strsplit_set (line, " \t", 3);
  StapleSession *session = staple_editor_get_session (serve->editor);
  const char *verb = words[0] != NULL ? words[0] : "";
  const char *arg = words[0] != NULL ? words[1] : NULL;
  int phase;

  if (g_str_equal (verb, "phase") && arg != NULL &&
      staple_enum_from_nick (STAPLE_TYPE_PHASE, arg, &phase))
    return staple_editor_set_phase (serve->editor, phase, error);
  if (g_str_equal (verb, "stage") && arg != NULL)
    {
      StapleStage *stage = staple_session_find_stage (session, g_ascii_strtoll (arg, NULL, 10),
                                                      NULL);

      if (stage != NULL)
        return staple_editor_set_current_stage (serve->editor, stage, error);
    }
  if ((g_str_equal (verb, "anonymous") || g_str_equal (verb, "totals")) && arg != NULL)
    {
      gboolean on = g_str_equal (arg, "on");

      if (g_str_equal (verb, "anonymous"))
        staple_room_set_anonymous (serve->room, on);
      else
        staple_room_set_show_totals (serve->room, on);
      return TRUE;
    }
  if (g_str_equal (verb, "list"))
    {
      list_suggestions (serve->room);
      return TRUE;
    }
  if (g_str_equal (verb, "accept") || g_str_equal (verb, "merge") ||
      g_str_equal (verb, "discard"))
    return run_suggestion_command (serve, words, error);
  if (g_str_equal (verb, "undo"))
    return staple_editor_undo (serve->editor, error);
  if (g_str_equal (verb, "redo"))
    return staple_editor_redo (serve->editor, error);
  if (g_str_equal (verb, "close"))
    {
      staple_room_close (serve->room);
      return TRUE;
    }
  if (g_str_equal (verb, "open"))
    {
      if (!staple_room_open (serve->room, error))
        return FALSE;
      g_print ("%s\n", staple_room_get_url (serve->room));
      return TRUE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown command: %s", line);
  return FALSE;
}

static gboolean
stdin_cb (GIOChannel   *channel,
          GIOCondition  condition,
          gpointer      data)
{
  Serve *serve = data;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  GIOStatus status = g_io_channel_read_line (channel, &line, NULL, NULL, NULL);

  if (status == G_IO_STATUS_AGAIN)
    return G_SOURCE_CONTINUE;
  if (status != G_IO_STATUS_NORMAL)
    return G_SOURCE_REMOVE; /* stdin closed: serve on until a signal */

  g_strstrip (line);
  if (*line == '\0')
    return G_SOURCE_CONTINUE;
  if (run_command (serve, line, &error))
    g_print ("ok\n");
  else
    g_print ("error: %s\n", error->message);
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleStore) store = NULL;
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(StapleEditor) editor = NULL;
  g_autoptr(StapleRoom) room = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *phase_nick = NULL;
  gboolean anonymous = FALSE, show_totals = FALSE;
  int port = 0, phase;
  Serve serve = { 0 };
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any)", "N" },
    { "phase", 0, 0, G_OPTION_ARG_STRING, &phase_nick, "Set the session's phase first", "NICK" },
    { "anonymous", 0, 0, G_OPTION_ARG_NONE, &anonymous, "Anonymous voting", NULL },
    { "show-totals", 0, 0, G_OPTION_ARG_NONE, &show_totals, "Show totals to phones", NULL },
    { NULL }
  };

  context = g_option_context_new ("DB SESSION_ID");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 ||
      port < 0 || port > G_MAXUINT16)
    {
      g_printerr ("usage: room-serve [--port N] [--phase NICK] [--anonymous] [--show-totals] "
                  "DB SESSION_ID%s%s\n", error != NULL ? "\n" : "",
                  error != NULL ? error->message : "");
      return 2;
    }

  if ((store = staple_store_open (argv[1], &error)) == NULL ||
      (session = staple_store_load_session (store, g_ascii_strtoll (argv[2], NULL, 10),
                                            &error)) == NULL)
    {
      g_printerr ("room-serve: %s\n", error->message);
      return 1;
    }

  editor = staple_editor_new (store, session);
  if (phase_nick != NULL &&
      (!staple_enum_from_nick (STAPLE_TYPE_PHASE, phase_nick, &phase) ||
       !staple_editor_set_phase (editor, phase, &error)))
    {
      g_printerr ("room-serve: cannot set the phase to %s%s%s\n", phase_nick,
                  error != NULL ? ": " : "", error != NULL ? error->message : "");
      return 1;
    }

  room = staple_room_new (editor);
  staple_room_set_port (room, (guint) port);
  staple_room_set_anonymous (room, anonymous);
  staple_room_set_show_totals (room, show_totals);
  if (!staple_room_open (room, &error))
    {
      g_printerr ("room-serve: %s\n", error->message);
      return 1;
    }

  g_print ("%s\n", staple_room_get_url (room));
  for (const char * const *url = staple_room_get_urls (room) + 1; *url != NULL; url++)
    g_printerr ("room-serve: also %s\n", *url);
  fflush (stdout);

  serve.loop = g_main_loop_new (NULL, FALSE);
  serve.editor = editor;
  serve.room = room;
  g_unix_signal_add (SIGTERM, quit_cb, &serve);
  g_unix_signal_add (SIGINT, quit_cb, &serve);
  channel = g_io_channel_unix_new (0);
  g_io_add_watch (channel, G_IO_IN | G_IO_HUP, stdin_cb, &serve);

  g_main_loop_run (serve.loop);

  staple_room_close (room);
  g_main_loop_unref (serve.loop);
  if (!staple_editor_save_now (editor, &error))
    {
      g_printerr ("room-serve: not all edits were saved: %s\n", error->message);
      return 1;
    }
  return 0;
}
