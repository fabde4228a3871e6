/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-language: the phone page in each phone's own language.
 *
 * gettext translates into the process's one language; a room has phones in
 * several. So the room reads the app's catalogues itself: the language a
 * phone asks for first (its Accept-Language header) that Staple has a
 * catalogue for, loaded once from the folder gettext uses
 * (LOCALEDIR/LANG/LC_MESSAGES/staple.mo), and looked up without gettext's
 * process-wide state. The header is a stranger's input: only well-formed
 * language tags are looked at, and never as more than a folder's name.
 */
#define G_LOG_DOMAIN "staple-room"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "staple-room-language.h"

#define MO_MAGIC          0x950412deu
#define MO_MAGIC_SWAPPED  0xde120495u
#define MAX_HEADER        512  /* an Accept-Language longer than this is not read */
#define MAX_TAGS          16
#define MAX_MO_SIZE       (16 * 1024 * 1024)

struct _StapleRoomCatalogue
{
  GHashTable *texts; /* "msgctxt\004msgid" or "msgid" → first translation */
};

/* Catalogues */

static gboolean
read_u32 (const guint8 *data,
          gsize         size,
          gsize         offset,
          gboolean      swapped,
          guint32      *value)
{
  guint32 raw;

  if (offset > size || size - offset < 4)
    return FALSE;
  memcpy (&raw, data + offset, 4);
  *value = swapped ? GUINT32_SWAP_LE_BE (raw) : raw;
  return TRUE;
}

/* String I of the table at TABLE: its bytes, NUL-terminated in the file. */
static const char *
read_string (const guint8 *data,
             gsize         size,
             guint32       table,
             guint32       i,
             gboolean      swapped,
             guint32      *length)
{
  guint32 offset;

  if (!read_u32 (data, size, (gsize) table + 8 * (gsize) i, swapped, length) ||
      !read_u32 (data, size, (gsize) table + 8 * (gsize) i + 4, swapped, &offset))
    return NULL;
  if (offset > size || size - offset <= *length || data[offset + *length] != '\0')
    return NULL;
  return (const char *) data + offset;
}

/**
 * staple_room_catalogue_new_from_data:
 * @data: the bytes of a compiled gettext catalogue (a .mo file)
 * @size: their number
 *
 * Reads a catalogue. Plural forms are kept as their first form; the room's
 * texts have none.
 *
 * Returns: (transfer full) (nullable): the catalogue, or %NULL if @data is
 *   not a catalogue whose texts are UTF-8
 */
StapleRoomCatalogue *
staple_room_catalogue_new_from_data (const guint8 *data,
                                     gsize         size)
{
  StapleRoomCatalogue *catalogue;
  gboolean swapped;
  guint32 magic, revision, n, originals, translations;

  if (!read_u32 (data, size, 0, FALSE, &magic))
    return NULL;
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return NULL;
  swapped = magic == MO_MAGIC_SWAPPED;
  if (!read_u32 (data, size, 4, swapped, &revision) || (revision >> 16) != 0 ||
      !read_u32 (data, size, 8, swapped, &n) ||
      !read_u32 (data, size, 12, swapped, &originals) ||
      !read_u32 (data, size, 16, swapped, &translations))
    return NULL;

  catalogue = g_new0 (StapleRoomCatalogue, 1);
  catalogue->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 original_length, translation_length;
      const char *original = read_string (data, size, originals, i, swapped, &original_length);
      const char *translation = read_string (data, size, translations, i, swapped,
                                             &translation_length);

      if (original == NULL || translation == NULL)
        {
          staple_room_catalogue_free (catalogue);
          return NULL;
        }
      /* The header (an empty msgid), and texts that are not UTF-8. */
      if (*original == '\0' || *translation == '\0' ||
          !g_utf8_validate (original, -1, NULL) || !g_utf8_validate (translation, -1, NULL))
        continue;
      g_hash_table_replace (catalogue->texts, g_strdup (original), g_strdup (translation));
    }
  return catalogue;
}

/**
 * staple_room_catalogue_lookup:
 * @catalogue: (nullable): a catalogue
 * @context: (nullable): the text's msgctxt
 * @text: the English text
 *
 * Returns: (transfer none): @text in the catalogue's language, or @text
 *   itself if it has no translation there (or @catalogue is %NULL)
 */
const char *
staple_room_catalogue_lookup (const StapleRoomCatalogue *catalogue,
                              const char                *context,
                              const char                *text)
{
  g_autofree char *key = NULL;
  const char *translation;

  if (catalogue == NULL)
    return text;

  key = context != NULL ? g_strconcat (context, "\004", text, NULL) : NULL;
  translation = g_hash_table_lookup (catalogue->texts, key != NULL ? key : text);
  return translation != NULL ? translation : text;
}

void
staple_room_catalogue_free (StapleRoomCatalogue *catalogue)
{
  if (catalogue == NULL)
    return;
  g_hash_table_unref (catalogue->texts);
  g_free (catalogue);
}

/* Languages */

/* A language range as RFC 4647 has it, letters and digits in parts of at
 * most eight joined by "-" ("de", "fr-CH", "zh-Hant-TW"), or "*". */
static gboolean
is_language_tag (const char *tag)
{
  gsize part = 0;

  if (g_str_equal (tag, "*"))
    return TRUE;
  if (!g_ascii_isalpha (tag[0]))
    return FALSE;
  for (const char *c = tag; *c != '\0'; c++)
    {
      if (*c == '-')
        {
          if (part == 0 || c[1] == '\0')
            return FALSE;
          part = 0;
        }
      else if (g_ascii_isalnum (*c) && ++part <= 8)
        continue;
      else
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char   *tag;
  double  quality;
  guint   order;
} Wanted;

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  const Wanted *x = a;
  const Wanted *y = b;

  if (x->quality != y->quality)
    return x->quality > y->quality ? -1 : 1;
  return (int) x->order - (int) y->order;
}

/**
 * staple_room_languages_wanted:
 * @accept_language: (nullable): an Accept-Language header, such as
 *   “fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5”
 *
 * Reads what a phone asks for, best first, as gettext names them: “fr_CH”,
 * “fr”, “en”. Ranges it refuses (q=0), malformed ones and “*” are left out,
 * as is all of a header longer than a header needs to be.
 *
 * Returns: (transfer full): the languages, %NULL-terminated (maybe empty)
 */
char **
staple_room_languages_wanted (const char *accept_language)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, TRUE, sizeof (Wanted));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) ranges = NULL;

  if (accept_language == NULL || strlen (accept_language) > MAX_HEADER)
    return g_strv_builder_end (names);

  ranges = g_strsplit (accept_language, ",", MAX_TAGS + 1);
  for (guint i = 0; ranges[i] != NULL && i < MAX_TAGS; i++)
    {
      g_auto(GStrv) parts = g_strsplit (ranges[i], ";", 2);
      char *tag = g_strstrip (parts[0]);
      Wanted one = { NULL, 1.0, i };

      if (!is_language_tag (tag) || g_str_equal (tag, "*"))
        continue;
      if (parts[1] != NULL)
        {
          char *weight = g_strstrip (parts[1]);
          char *end = NULL;

          if (!g_str_has_prefix (weight, "q="))
            continue;
          one.quality = g_ascii_strtod (weight + 2, &end);
          if (end == weight + 2 || *end != '\0' || one.quality <= 0 || one.quality > 1)
            continue;
        }
      one.tag = g_strdup (tag);
      g_array_append_val (wanted, one);
    }
  g_array_sort (wanted, compare_wanted);

  for (guint i = 0; i < wanted->len; i++)
    {
      Wanted *one = &g_array_index (wanted, Wanted, i);
      g_auto(GStrv) parts = g_strsplit (one->tag, "-", 3);
      g_autofree char *language = g_ascii_strdown (parts[0], -1);

      /* "fr-CH" is fr_CH, then fr; "zh-Hant-TW" only zh. */
      if (parts[1] != NULL && strlen (parts[1]) == 2)
        {
          g_autofree char *region = g_ascii_strup (parts[1], -1);
          g_autofree char *name = g_strconcat (language, "_", region, NULL);

          g_strv_builder_add (names, name);
        }
      g_strv_builder_add (names, language);
      g_free (one->tag);
    }
  return g_strv_builder_end (names);
}

/* Choosing */

struct _StapleRoomLanguages
{
  char                *locale_dir;
  GHashTable          *loaded;  /* gettext name → StapleRoomCatalogue, only those found */
  StapleRoomCatalogue *english; /* no texts: every lookup gives the English back */
};

/**
 * staple_room_languages_new:
 * @locale_dir: the folder of the catalogues, LOCALEDIR as gettext was told
 *
 * Returns: (transfer full): the languages of a room's phones
 */
StapleRoomLanguages *
staple_room_languages_new (const char *locale_dir)
{
  StapleRoomLanguages *self = g_new0 (StapleRoomLanguages, 1);

  g_return_val_if_fail (locale_dir != NULL, NULL);

  self->locale_dir = g_strdup (locale_dir);
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) staple_room_catalogue_free);
  self->english = g_new0 (StapleRoomCatalogue, 1);
  self->english->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
staple_room_languages_free (StapleRoomLanguages *self)
{
  if (self == NULL)
    return;
  g_free (self->locale_dir);
  g_hash_table_unref (self->loaded);
  staple_room_catalogue_free (self->english);
  g_free (self);
}

static const StapleRoomCatalogue *
load (StapleRoomLanguages *self,
      const char          *name)
{
  StapleRoomCatalogue *catalogue = g_hash_table_lookup (self->loaded, name);
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) file = NULL;

  if (catalogue != NULL)
    return catalogue;

  /* name is letters, digits and one "_" (staple_room_languages_wanted()):
   * a folder's name, never a path. */
  path = g_build_filename (self->locale_dir, name, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  file = g_mapped_file_new (path, FALSE, NULL);
  if (file == NULL || g_mapped_file_get_length (file) > MAX_MO_SIZE)
    return NULL;

  catalogue = staple_room_catalogue_new_from_data ((const guint8 *) g_mapped_file_get_contents (file),
                                                   g_mapped_file_get_length (file));
  if (catalogue == NULL)
    {
      g_warning ("%s is not a catalogue Staple can read", path);
      return NULL;
    }
  g_hash_table_insert (self->loaded, g_strdup (name), catalogue);
  return catalogue;
}

/**
 * staple_room_languages_choose:
 * @self: the room's languages
 * @accept_language: (nullable): the phone's Accept-Language header
 *
 * Picks the phone's language: the first it asks for that Staple is
 * translated into, or English if it asks for that first.
 *
 * Returns: (transfer none) (nullable): the catalogue to translate the page
 *   with, or %NULL for none of the phone's languages, when the page is in
 *   the app's own language
 */
const StapleRoomCatalogue *
staple_room_languages_choose (StapleRoomLanguages *self,
                              const char          *accept_language)
{
  g_auto(GStrv) wanted = staple_room_languages_wanted (accept_language);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      const StapleRoomCatalogue *catalogue;

      if (g_str_equal (wanted[i], "en") || g_str_has_prefix (wanted[i], "en_"))
        return self->english;
      catalogue = load (self, wanted[i]);
      if (catalogue != NULL)
        return catalogue;
    }
  return NULL;
}
