/* SPDX-License-Identifier: GPL-3.0-or-later */
/* make-database: adds sessions from JSON files to a Staple database and
 * prints their ids, one a line, so that command-line tests have something
 * to export without starting the application (which needs a display). */
#include "config.h"

#include "staple-model.h"
#include "staple-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StapleStore) store = NULL;

  if (argc < 3)
    {
      g_printerr ("usage: make-database DATABASE SESSION.json…\n");
      return 2;
    }

  store = staple_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("make-database: %s\n", error->message);
      return 1;
    }

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(StapleSession) session = NULL;
      g_autofree char *json = NULL;
      gsize length;

      if (!g_file_get_contents (argv[i], &json, &length, &error) ||
          (session = staple_session_new_from_json (json, (gssize) length, &error)) == NULL ||
          !staple_store_add_session (store, session, &error))
        {
          g_printerr ("make-database: %s: %s\n", argv[i], error->message);
          return 1;
        }

      g_print ("%" G_GINT64_FORMAT "\n", staple_session_get_id (session));
    }

  return 0;
}
