/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-text.c: what of a stored text is shown.
 *
 * The store keeps whatever was typed or imported, whole. What goes on screen
 * or paper is a bounded copy: at most so many characters, a few combining
 * marks on each character, so that laying it out takes the same short time
 * whatever was stored. Labels add an ellipsis and wrap long words
 * (PANGO_WRAP_WORD_CHAR) themselves.
 */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include <string.h>

#include "staple-text.h"

#define ELLIPSIS "\342\200\246" /* … */
#define ZWJ      0x200D

/* A character that belongs to the one before it: a combining mark
 * (accents, vowel signs, variation selectors), a zero-width joiner, or
 * whatever a joiner glues on. */
static gboolean
continues_grapheme (gunichar c,
                    gunichar previous)
{
  return g_unichar_ismark (c) || c == ZWJ || previous == ZWJ;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

/**
 * staple_text_bound:
 * @text: (nullable): a text as stored; %NULL is the empty text
 * @max_chars: how many characters to keep at most, the ellipsis included;
 *   e.g. %STAPLE_TEXT_SHORT or %STAPLE_TEXT_LONG
 * @flags: %STAPLE_TEXT_BOUND_ONE_LINE to lay the text out as one paragraph
 *
 * Makes the copy of @text that a label shows: at most @max_chars
 * characters, ending in "…" when cut, and at most %STAPLE_TEXT_MAX_MARKS
 * combining marks (or joined characters) on any character. Invalid UTF-8 is
 * repaired. Never use the result to save: it is for display only.
 *
 * Returns: (transfer full): the bounded copy
 */
char *
staple_text_bound (const char           *text,
                   gsize                 max_chars,
                   StapleTextBoundFlags  flags)
{
  g_autofree char *valid = NULL;
  GString *out;
  gunichar previous = 0;
  guint marks = 0;
  gsize kept = 0;

  g_return_val_if_fail (max_chars > 0, g_strdup (""));

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (MIN (strlen (text), max_chars * 4) + 4);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (kept > 0 && continues_grapheme (c, previous))
        {
          previous = c;
          if (++marks > STAPLE_TEXT_MAX_MARKS)
            continue;
        }
      else
        {
          previous = c;
          marks = 0;
          /* Room for this character and, if more follow, the ellipsis. */
          if (kept + 1 >= max_chars && *g_utf8_next_char (p) != '\0')
            {
              g_string_append (out, ELLIPSIS);
              break;
            }
        }

      if ((flags & STAPLE_TEXT_BOUND_ONE_LINE) && is_line_break (c))
        c = ' ';
      g_string_append_unichar (out, c);
      kept++;
    }

  return g_string_free (out, FALSE);
}

/**
 * staple_text_isolate:
 * @text: (nullable): a text someone typed, to be put in a sentence
 *
 * Sets @text apart from the sentence it goes in (U+2068 FIRST STRONG
 * ISOLATE … U+2069 POP DIRECTIONAL ISOLATE): a name in Arabic or Hebrew
 * reads right to left within its place, and neither moves the app's words
 * and punctuation around it nor the line's own direction.
 *
 * Returns: (transfer full): the isolated copy
 */
char *
staple_text_isolate (const char *text)
{
  return g_strconcat ("\u2068", text != NULL ? text : "", "\u2069", NULL);
}
