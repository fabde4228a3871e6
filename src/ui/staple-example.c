/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-example"

#include "config.h"

#include "staple-example.h"

/**
 * staple_example_ensure:
 * @store: the library
 *
 * Makes sure the bundled example workshop is in the library: finds it (and
 * brings it back from the trash), or adds it from the application's
 * resources.
 *
 * Returns: the example session's id, or 0 with @error set
 */
gint64
staple_example_ensure (StapleStore  *store,
                       GError      **error)
{
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 id;

  g_return_val_if_fail (STAPLE_IS_STORE (store), 0);

  id = staple_store_find_session_by_source (store, STAPLE_EXAMPLE_SOURCE, error);
  if (id < 0)
    return 0;

  if (id > 0)
    return staple_store_set_session_trashed (store, id, FALSE, error) ? id : 0;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/example/example-workshop.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return 0;

  session = staple_session_new_from_json (g_bytes_get_data (bytes, NULL),
                                          (gssize) g_bytes_get_size (bytes), error);
  if (session == NULL)
    return 0;

  staple_session_set_source (session, STAPLE_EXAMPLE_SOURCE);
  if (!staple_store_add_session (store, session, error))
    return 0;

  return staple_session_get_id (session);
}
