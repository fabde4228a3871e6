/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-example"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "staple-example.h"
#include "staple-session-json.h"

#define EXAMPLE_CONTEXT "example workshop"

/* The members translated, by where they are; build-aux/example-strings.py lists
 * the same for translators. Names of people and of the company, keys, enums
 * and dates are left as they are. */
static const struct
{
  const char *path;    /* arrays of objects from the top, dot-separated */
  const char *members; /* space-separated */
} translated[] = {
  { "",                 "title location customer work_item question" },
  { "participants",     "role" },
  { "stages",           "name team notes" },
  { "stages.frictions", "text notes" },
  { "actions",          "text" },
};

static void
translate_member (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return;

  text = json_node_get_string (node);
  if (text != NULL && *text != '\0')
    {
      const char *translation = g_dpgettext2 (GETTEXT_PACKAGE, EXAMPLE_CONTEXT, text);

      /* Untranslated, gettext gives back the node's own string, which
       * setting the member would free before copying it. */
      if (translation != text)
        json_object_set_string_member (object, member, translation);
    }
}

static void
translate_objects (JsonObject  *object,
                   char       **path,
                   char       **members)
{
  JsonArray *array;

  if (*path == NULL)
    {
      for (char **member = members; *member != NULL; member++)
        translate_member (object, *member);
      return;
    }

  if (!json_object_has_member (object, *path) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, *path)))
    return;

  array = json_object_get_array_member (object, *path);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        translate_objects (json_node_get_object (element), path + 1, members);
    }
}

/* The example in the user's language: its JSON with every text of the table
 * above (and the empowerment list) looked up in the catalogue. The JSON is
 * the app's own, so a member of another type is only left alone. */
static char *
translate_example (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strndup (data, length);

  root = json_node_get_object (json_parser_get_root (parser));
  for (gsize i = 0; i < G_N_ELEMENTS (translated); i++)
    {
      g_auto(GStrv) path = *translated[i].path != '\0'
                           ? g_strsplit (translated[i].path, ".", -1)
                           : g_new0 (char *, 1);
      g_auto(GStrv) members = g_strsplit (translated[i].members, " ", -1);

      translate_objects (root, path, members);
    }

  if (json_object_has_member (root, "empowerment") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "empowerment")))
    {
      JsonArray *list = json_object_get_array_member (root, "empowerment");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          const char *text;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          text = json_node_get_string (element);
          if (g_dpgettext2 (GETTEXT_PACKAGE, EXAMPLE_CONTEXT, text) != text)
            json_node_set_string (element, g_dpgettext2 (GETTEXT_PACKAGE, EXAMPLE_CONTEXT, text));
        }
    }

  return json_to_string (json_parser_get_root (parser), FALSE);
}

/* "example:1" in English; "example:1:de" for the one added in German, so
 * that a French coach on the same library gets the example in French. */
static char *
example_source (void)
{
  /* The string's translation is the language's code (see
   * data/example-workshop-strings.h). */
  const char *language = g_dpgettext2 (GETTEXT_PACKAGE, EXAMPLE_CONTEXT, "en");

  if (g_str_equal (language, "en") || *language == '\0')
    return g_strdup (STAPLE_EXAMPLE_SOURCE);
  return g_strconcat (STAPLE_EXAMPLE_SOURCE ":", language, NULL);
}

/**
 * staple_example_ensure:
 * @store: the library
 *
 * Makes sure the bundled example workshop is in the library, in the user's
 * language: finds it (and brings it back from the trash), or adds it from the
 * application's resources, its texts translated.
 *
 * Returns: the example session's id, or 0 with @error set
 */
gint64
staple_example_ensure (StapleStore  *store,
                       GError      **error)
{
  g_autoptr(StapleSession) session = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *source = example_source ();
  g_autofree char *json = NULL;
  gint64 id;

  g_return_val_if_fail (STAPLE_IS_STORE (store), 0);

  id = staple_store_find_session_by_source (store, source, error);
  if (id < 0)
    return 0;

  if (id > 0)
    return staple_store_set_session_trashed (store, id, FALSE, error) ? id : 0;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/example/example-workshop.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return 0;

  json = translate_example (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (json == NULL)
    return 0;

  session = staple_session_new_from_json (json, -1, error);
  if (session == NULL)
    return 0;

  staple_session_set_source (session, source);
  if (!staple_store_add_session (store, session, error))
    return 0;

  return staple_session_get_id (session);
}
