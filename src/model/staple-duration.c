/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-duration.c: work and waiting times as people say them ("9 h",
 * "2 d 4 h", "1:30", "45") and as the app shows them ("9 h").
 *
 * What the app shows can always be typed back: the unit words of the
 * shown form are understood by the parser, in the app's language and in
 * English. */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "staple-duration.h"
#include "staple-stage.h"
#include "staple-text.h"

G_DEFINE_QUARK (staple-duration-error-quark, staple_duration_error)

/* How much of what was typed a message quotes: enough to recognise it. */
#define QUOTE_CHARS 40

/* A number's whole part stops growing here; far past any allowed time, and
 * far from overflowing, however many digits are typed. */
#define NUMBER_CAP G_GUINT64_CONSTANT (1000000000000)

#define MINUTES_PER_HOUR 60
#define MINUTES_PER_DAY  (60 * 24)

static const struct
{
  guint       minutes;
  const char *words;
} units[] = {
  /* Translators: words for minutes that may be typed after a number in a
   * work or waiting time ("90 min"), separated by “|”. The English words
   * are always understood as well. */
  { 1, N_("m|min|mins|minute|minutes") },
  /* Translators: words for hours that may be typed after a number ("9 h"),
   * separated by “|”. The English words are always understood as well. */
  { 60, N_("h|hr|hrs|hour|hours") },
  /* Translators: words for days that may be typed after a number ("2 d"),
   * separated by “|”. The English words are always understood as well. */
  { 60 * 24, N_("d|day|days") },
  /* Translators: words for weeks that may be typed after a number ("1 w"),
   * separated by “|”. The English words are always understood as well. */
  { 60 * 24 * 7, N_("w|wk|wks|week|weeks") },
};

/**
 * staple_duration_hint:
 *
 * Returns: (transfer none): a sentence showing the forms a duration can
 *   be typed in, for a tooltip or the end of a message
 */
const char *
staple_duration_hint (void)
{
  /* Translators: the examples are typed into the field as they stand, so
   * write them with the unit words the app reads in your language. */
  return _("Type e.g. 45 (minutes), 1:30, 9 h or 2 d 4 h.");
}

/**
 * staple_duration_format:
 * @minutes: a work, waiting or lead time
 *
 * Formats a duration the short way the map, the reports and the fields
 * show it: "2 d 4 h", "3 h 28 min", "15 min", "0 min". Nothing is rounded
 * away, so staple_duration_parse() reads the result back to @minutes.
 *
 * Returns: (transfer full): the duration as text
 */
char *
staple_duration_format (guint minutes)
{
  guint days = minutes / MINUTES_PER_DAY;
  guint hours = (minutes / MINUTES_PER_HOUR) % 24;
  guint rest = minutes % MINUTES_PER_HOUR;
  GString *text = g_string_new (NULL);

  if (days > 0)
    /* Translators: the days of a duration, e.g. "2 d" in "2 d 4 h". Keep
     * the number first: what is shown can be typed back, and the word
     * (“d”) is understood there too. */
    g_string_append_printf (text, _("%u d"), days);
  if (hours > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: the hours of a duration, e.g. "9 h". Keep the number
       * first: what is shown can be typed back. */
      g_string_append_printf (text, _("%u h"), hours);
    }
  if (rest > 0 || text->len == 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: the minutes of a duration, e.g. "30 min". Keep the
       * number first: what is shown can be typed back. */
      g_string_append_printf (text, _("%u min"), rest);
    }

  return g_string_free (text, FALSE);
}

/* Reading */

static gboolean
is_blank (gunichar c)
{
  /* Format characters (direction marks, joiners) come with text copied from
   * right-to-left surroundings; they are read as spaces. */
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
}

static gboolean
is_minus (gunichar c)
{
  return c == '-' || c == 0x2212 || g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION;
}

static gboolean
is_separator (gunichar c)
{
  return c == ',' || c == ';' || c == '+' || c == '&';
}

/* What a unit word is made of: anything but spaces, digits, signs and
 * punctuation that has a meaning of its own here. */
static gboolean
is_word (gunichar c)
{
  return c != '\0' && !is_blank (c) && g_unichar_digit_value (c) < 0 && !is_minus (c) &&
         !is_separator (c) && c != '.' && c != ':';
}

static const char *
skip_blanks (const char *p)
{
  while (*p != '\0' && is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static const char *
skip_word (const char *p)
{
  while (is_word (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* The text between @start and @end, as a message quotes it. */
static char *
quote (const char *start,
       const char *end)
{
  g_autofree char *part = NULL;

  while (start < end && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && is_blank (g_utf8_get_char (g_utf8_find_prev_char (start, end))))
    end = g_utf8_find_prev_char (start, end);

  part = g_strndup (start, end - start);
  return staple_text_bound (part, QUOTE_CHARS, STAPLE_TEXT_BOUND_ONE_LINE);
}

/* Whether @folded (casefolded) is one of the "|"-separated @words. */
static gboolean
in_list (const char *folded,
         const char *words)
{
  g_auto(GStrv) list = g_strsplit (words, "|", -1);

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_casefold (g_strstrip (list[i]), -1);

      if (*word != '\0' && g_str_equal (word, folded))
        return TRUE;
    }
  return FALSE;
}

/* The unit word of a translated format such as "%u min". */
static gboolean
is_format_unit (const char *folded,
                const char *format)
{
  g_autoptr(GString) unit = g_string_new (format);
  g_autofree char *word = NULL;
  const char *start, *end;

  g_string_replace (unit, "%u", "", 0);
  start = skip_blanks (unit->str);
  end = skip_word (start);
  word = g_utf8_casefold (start, end - start);
  return *word != '\0' && g_str_equal (word, folded);
}

/* How many minutes the unit @word stands for, or 0 for no unit. The app's
 * language first, then the words it shows, then English. */
static guint
unit_minutes (const char *start,
              const char *end)
{
  g_autofree char *folded = g_utf8_casefold (start, end - start);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (in_list (folded, _(units[i].words)))
      return units[i].minutes;

  if (is_format_unit (folded, _("%u min")))
    return 1;
  if (is_format_unit (folded, _("%u h")))
    return MINUTES_PER_HOUR;
  if (is_format_unit (folded, _("%u d")))
    return MINUTES_PER_DAY;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (in_list (folded, units[i].words))
      return units[i].minutes;

  return 0;
}

/* Reads digits in any script, and a decimal part after "." or ",". */
static const char *
read_number (const char *p,
             double     *value,
             gboolean   *has_fraction)
{
  guint64 whole = 0;
  double fraction = 0, scale = 0.1;
  int digit;

  while ((digit = g_unichar_digit_value (g_utf8_get_char (p))) >= 0)
    {
      if (whole < NUMBER_CAP)
        whole = whole * 10 + (guint64) digit;
      p = g_utf8_next_char (p);
    }

  *has_fraction = (*p == '.' || *p == ',') && g_unichar_digit_value (g_utf8_get_char (p + 1)) >= 0;
  if (*has_fraction)
    for (p++; (digit = g_unichar_digit_value (g_utf8_get_char (p))) >= 0;
         p = g_utf8_next_char (p))
      {
        fraction += digit * scale;
        scale /= 10;
      }

  *value = (double) whole + fraction;
  return p;
}

/* "1:30": hours and two-digit minutes, the whole of the text. */
static gboolean
read_clock (const char  *text,
            const char  *colon,
            double       hours,
            double      *total,
            GError     **error)
{
  const char *p = colon + 1;
  guint minutes = 0, n_digits = 0;
  int digit;

  while ((digit = g_unichar_digit_value (g_utf8_get_char (p))) >= 0 && n_digits < 3)
    {
      minutes = minutes * 10 + (guint) digit;
      n_digits++;
      p = g_utf8_next_char (p);
    }

  if (n_digits != 2 || minutes > 59 || *skip_blanks (p) != '\0')
    {
      g_autofree char *quoted = quote (text, text + strlen (text));

      g_set_error (error, STAPLE_DURATION_ERROR, STAPLE_DURATION_ERROR_INVALID,
                   _("“%s” is not hours and minutes: write two digits for the minutes, from "
                     "00 to 59, e.g. 1:30."), quoted);
      return FALSE;
    }

  *total = hours * MINUTES_PER_HOUR + minutes;
  return TRUE;
}

static gboolean
not_a_time (const char  *text,
            GError     **error)
{
  g_autofree char *quoted = quote (text, text + strlen (text));

  g_set_error (error, STAPLE_DURATION_ERROR, STAPLE_DURATION_ERROR_INVALID,
               _("“%s” is not a time. %s"), quoted, staple_duration_hint ());
  return FALSE;
}

/* Skips what may stand between two parts: spaces, "," ";" "+" "&" and
 * the word "and". */
static const char *
skip_separators (const char *p)
{
  for (;;)
    {
      const char *end;

      p = skip_blanks (p);
      if (is_separator (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      end = skip_word (p);
      if (end > p)
        {
          g_autofree char *folded = g_utf8_casefold (p, end - p);

          /* Translators: words that may join the parts of a duration, as in
           * "2 days and 4 hours", separated by “|”. English "and" is always
           * understood as well. */
          if (in_list (folded, _("and")) || g_str_equal (folded, "and"))
            {
              p = end;
              continue;
            }
        }
      return p;
    }
}

/* Reads the parts of @text ("2 d 4 h", "1 h 30", "45") into @total. */
static gboolean
read_parts (const char  *text,
            double      *total,
            GError     **error)
{
  const char *p = skip_blanks (text);
  guint previous_unit = 0;
  guint n_parts = 0;

  *total = 0;
  while (*(p = n_parts > 0 ? skip_separators (p) : p) != '\0')
    {
      const char *number = p, *word, *word_end;
      gboolean has_fraction;
      double value;
      guint unit;

      if (g_unichar_digit_value (g_utf8_get_char (p)) < 0)
        return not_a_time (text, error);

      p = read_number (p, &value, &has_fraction);
      if (*p == ':' && n_parts == 0 && !has_fraction)
        return read_clock (text, p, value, total, error);

      word = skip_blanks (p);
      word_end = skip_word (word);
      if (word_end > word)
        {
          unit = unit_minutes (word, word_end);
          if (unit == 0)
            {
              g_autofree char *quoted = quote (word, word_end);

              g_set_error (error, STAPLE_DURATION_ERROR, STAPLE_DURATION_ERROR_UNIT,
                           _("“%s” is not a unit of time: use min, h or d. %s"), quoted,
                           staple_duration_hint ());
              return FALSE;
            }
          p = *word_end == '.' ? word_end + 1 : word_end;
        }
      else
        {
          /* A number alone is minutes: the whole text ("45") or what
           * follows the hours ("1 h 30"). */
          const char *next = skip_separators (p);

          unit = 1;
          if (n_parts > 0 ? previous_unit != MINUTES_PER_HOUR || *next != '\0'
                          : g_unichar_digit_value (g_utf8_get_char (next)) >= 0)
            {
              g_autofree char *quoted = quote (number, p);

              g_set_error (error, STAPLE_DURATION_ERROR, STAPLE_DURATION_ERROR_UNIT,
                           _("Which unit is “%s” in? Write it after the number, e.g. "
                             "2 d 4 h."), quoted);
              return FALSE;
            }
        }

      *total += value * unit;
      previous_unit = unit;
      n_parts++;
    }

  return TRUE;
}

/**
 * staple_duration_parse:
 * @text: a work or waiting time as typed: "45" (minutes), "90 min", "30m",
 *   "9h", "9 h", "1.5 h", "1,5 h", "2d 4h", "2 days", "1:30", in any case,
 *   with unit words in the app's language or in English
 * @minutes: (out) (optional): where to put the minutes, rounded to the
 *   nearest; untouched on failure
 * @error: return location for a #StapleDurationError
 *
 * Reads a duration the way people say it. An empty text (or only spaces)
 * is 0 minutes: clearing a field says there is no such time. A negative
 * number, a word that is no unit of time, or more than
 * %STAPLE_STAGE_MINUTES_MAX minutes is refused with a message that quotes
 * what was typed and shows how to type it.
 *
 * Returns: %TRUE if @text is a duration
 */
gboolean
staple_duration_parse (const char  *text,
                       guint       *minutes,
                       GError     **error)
{
  g_autofree char *normal = NULL;
  const char *start;
  double total = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, STAPLE_DURATION_ERROR, STAPLE_DURATION_ERROR_INVALID,
                   _("That is not a time: the text is damaged. %s"), staple_duration_hint ());
      return FALSE;
    }

  /* Full-width digits and letters ("９ｈ") become the usual ones. */
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  start = skip_blanks (normal);

  if (is_minus (g_utf8_get_char (start)) &&
      g_unichar_digit_value (g_utf8_get_char (skip_blanks (g_utf8_next_char (start)))) >= 0)
    {
      g_autofree char *quoted = quote (start, start + strlen (start));

      g_set_error (error, STAPLE_DURATION_ERROR, STAPLE_DURATION_ERROR_NEGATIVE,
                   _("“%s” is negative; a time is 0 or more. %s"), quoted,
                   staple_duration_hint ());
      return FALSE;
    }

  if (!read_parts (normal, &total, error))
    return FALSE;

  if (total >= STAPLE_STAGE_MINUTES_MAX + 0.5)
    {
      g_autofree char *quoted = quote (start, start + strlen (start));
      g_autofree char *most = staple_duration_format (STAPLE_STAGE_MINUTES_MAX);

      g_set_error (error, STAPLE_DURATION_ERROR, STAPLE_DURATION_ERROR_TOO_LONG,
                   _("“%s” is longer than a year; a time here is at most %s."), quoted, most);
      return FALSE;
    }

  if (minutes != NULL)
    *minutes = (guint) floor (total + 0.5);
  return TRUE;
}
