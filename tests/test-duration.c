/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-duration.c: work and waiting times as people type them. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "staple-model.h"

typedef struct
{
  const char *text;
  guint       minutes;
} Said;

/* Every form the fields take, as a coach would type it. */
static const Said said[] = {
  { "45", 45 },
  { "0", 0 },
  { "9h", 540 },
  { "9 h", 540 },
  { "9H", 540 },
  { "  9   h  ", 540 },
  { "\t9 h\n", 540 },
  { "9 hours", 540 },
  { "9 Hours", 540 },
  { "1 hour", 60 },
  { "9 hrs", 540 },
  { "9 hr", 540 },
  { "2d 4h", 3120 },
  { "2d4h", 3120 },
  { "2 d 4 h", 3120 },
  { "2 D  4 H", 3120 },
  { "2 days 4 hours", 3120 },
  { "2 days, 4 hours", 3120 },
  { "2 days and 4 hours", 3120 },
  { "2 days + 4 hours", 3120 },
  { "2 days", 2880 },
  { "1 day", 1440 },
  { "1 week", 10080 },
  { "90 min", 90 },
  { "90min", 90 },
  { "90 MIN", 90 },
  { "90 mins", 90 },
  { "90 minutes", 90 },
  { "1 minute", 1 },
  { "30m", 30 },
  { "30 M", 30 },
  { "1:30", 90 },
  { "0:45", 45 },
  { "12:05", 725 },
  { " 1:30 ", 90 },
  { "1.5 h", 90 },
  { "1,5 h", 90 },
  { "1.5h", 90 },
  { "0.5 d", 720 },
  { "1.25 hours", 75 },
  { "1 h 30 min", 90 },
  { "1h30m", 90 },
  { "1h30", 90 },
  { "1 h 30", 90 },
  { "3 h 28 min", 208 },
  { "2 d 4 h 30 min", 3150 },
  { "9 h.", 540 },
  { "90 min.", 90 },
  { "365 d", STAPLE_STAGE_MINUTES_MAX },
  { "525600", STAPLE_STAGE_MINUTES_MAX },
  { "", 0 },
  { "   ", 0 },
  /* Full-width digits and letters, as a Japanese input method types them. */
  { "９ｈ", 540 },
  /* Arabic-Indic digits, and direction marks around the text. */
  { "\u0669 h", 540 },
  { "\u200f9 h\u200f", 540 },
  { "\u20669\u00a0h\u2069", 540 },
  /* A no-break and a narrow no-break space, as some languages write them. */
  { "9\u00a0h", 540 },
  { "2\u202fd 4\u202fh", 3120 },
};

static void
test_said (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (said); i++)
    {
      g_autoptr(GError) error = NULL;
      guint minutes = 12345;

      if (!staple_duration_parse (said[i].text, &minutes, &error))
        g_error ("“%s” was refused: %s", said[i].text, error->message);
      if (minutes != said[i].minutes)
        g_error ("“%s” read as %u minutes, not %u", said[i].text, minutes, said[i].minutes);
    }
}

typedef struct
{
  const char *text;
  int         code;
  const char *quoted; /* what the message must name */
} Nonsense;

static const Nonsense nonsense[] = {
  { "abc", STAPLE_DURATION_ERROR_INVALID, "abc" },
  { "h", STAPLE_DURATION_ERROR_INVALID, "h" },
  { "-5", STAPLE_DURATION_ERROR_NEGATIVE, "-5" },
  { " - 5 h", STAPLE_DURATION_ERROR_NEGATIVE, "- 5 h" },
  { "\u22125", STAPLE_DURATION_ERROR_NEGATIVE, "\u22125" },
  { "-", STAPLE_DURATION_ERROR_INVALID, "-" },
  { "9 x", STAPLE_DURATION_ERROR_UNIT, "x" },
  { "9x", STAPLE_DURATION_ERROR_UNIT, "x" },
  { "9 hoursx", STAPLE_DURATION_ERROR_UNIT, "hoursx" },
  { "9 and", STAPLE_DURATION_ERROR_UNIT, "and" },
  { "2d 4", STAPLE_DURATION_ERROR_UNIT, "4" },
  { "45 30", STAPLE_DURATION_ERROR_UNIT, "45" },
  { "30 min 20", STAPLE_DURATION_ERROR_UNIT, "20" },
  { "1 h 30 20", STAPLE_DURATION_ERROR_UNIT, "30" },
  { "9 h 5 -", STAPLE_DURATION_ERROR_UNIT, "5" },
  { "9 h -5", STAPLE_DURATION_ERROR_INVALID, "9 h -5" },
  { "9 h abc", STAPLE_DURATION_ERROR_INVALID, "9 h abc" },
  { "1:75", STAPLE_DURATION_ERROR_INVALID, "1:75" },
  { "1:5", STAPLE_DURATION_ERROR_INVALID, "1:5" },
  { "1:305", STAPLE_DURATION_ERROR_INVALID, "1:305" },
  { "1:30 h", STAPLE_DURATION_ERROR_INVALID, "1:30 h" },
  { "1:30:00", STAPLE_DURATION_ERROR_INVALID, "1:30:00" },
  { ":30", STAPLE_DURATION_ERROR_INVALID, ":30" },
  { "1.5.5 h", STAPLE_DURATION_ERROR_INVALID, "1.5.5 h" },
  { ".5 h", STAPLE_DURATION_ERROR_INVALID, ".5 h" },
  { "9 h 😀", STAPLE_DURATION_ERROR_INVALID, "9 h 😀" },
  { "9 😀", STAPLE_DURATION_ERROR_UNIT, "😀" },
  { "😀", STAPLE_DURATION_ERROR_INVALID, "😀" },
  { "9 ساعات", STAPLE_DURATION_ERROR_UNIT, "ساعات" },
  { "שעה 9", STAPLE_DURATION_ERROR_INVALID, "שעה 9" },
  { "525601", STAPLE_DURATION_ERROR_TOO_LONG, "525601" },
  { "366 d", STAPLE_DURATION_ERROR_TOO_LONG, "366 d" },
  { "53 weeks", STAPLE_DURATION_ERROR_TOO_LONG, "53 weeks" },
  { "99999999999999999999999 d", STAPLE_DURATION_ERROR_TOO_LONG, "99999999999999999999999 d" },
  { "364 d 24 h 1 min", STAPLE_DURATION_ERROR_TOO_LONG, "364 d 24 h 1 min" },
  { "9 h\n8 h x", STAPLE_DURATION_ERROR_INVALID, "9 h 8 h x" },
};

static void
test_nonsense (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (nonsense); i++)
    {
      g_autoptr(GError) error = NULL;
      guint minutes = 12345;

      if (staple_duration_parse (nonsense[i].text, &minutes, &error))
        g_error ("“%s” was read as %u minutes", nonsense[i].text, minutes);
      g_assert_error (error, STAPLE_DURATION_ERROR, nonsense[i].code);
      g_assert_cmpuint (minutes, ==, 12345);
      if (strstr (error->message, nonsense[i].quoted) == NULL)
        g_error ("the message for “%s” does not name “%s”: %s", nonsense[i].text,
                 nonsense[i].quoted, error->message);
      /* One line that says how to do it right. */
      g_assert_null (strchr (error->message, '\n'));
      g_assert_true (strstr (error->message, "e.g.") != NULL ||
                     strstr (error->message, "at most") != NULL);
    }
}

static void
test_damaged (void)
{
  g_autoptr(GError) error = NULL;
  guint minutes = 7;

  g_assert_false (staple_duration_parse ("9 \xff\xfe h", &minutes, &error));
  g_assert_error (error, STAPLE_DURATION_ERROR, STAPLE_DURATION_ERROR_INVALID);
  g_assert_cmpuint (minutes, ==, 7);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_format (void)
{
  static const Said shown[] = {
    { "0 min", 0 },
    { "1 min", 1 },
    { "45 min", 45 },
    { "1 h", 60 },
    { "1 h 30 min", 90 },
    { "9 h", 540 },
    { "3 h 28 min", 208 },
    { "1 d", 1440 },
    { "2 d", 2880 },
    { "2 d 4 h", 3120 },
    { "1 d 23 h 30 min", 2850 },
    { "1 d 5 min", 1445 },
    { "365 d", STAPLE_STAGE_MINUTES_MAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *text = staple_duration_format (shown[i].minutes);
      g_autofree char *same = staple_format_minutes (shown[i].minutes);

      g_assert_cmpstr (text, ==, shown[i].text);
      g_assert_cmpstr (same, ==, shown[i].text);
    }
}

/* Whatever is shown reads back as the same time: every minute up to two
 * days, then a sample of the rest up to the limit, every 7th minute. Under
 * the sanitizers (STAPLE_TEST_SANITIZED), where these 77,000 round trips
 * take over a minute, every 97th past two days: there the same code writes
 * and reads every text, days, hours and minutes, and 97 minutes steps
 * through every hour and every minute of the hour all the same. */
static void
test_round_trip (void)
{
  guint step = g_getenv ("STAPLE_TEST_SANITIZED") != NULL ? 97 : 7;

  for (guint minutes = 0; minutes <= STAPLE_STAGE_MINUTES_MAX;
       minutes += minutes < 2 * 24 * 60 ? 1 : step)
    {
      g_autofree char *text = staple_duration_format (minutes);
      g_autoptr(GError) error = NULL;
      guint back = 0;

      if (!staple_duration_parse (text, &back, &error))
        g_error ("“%s” (%u minutes) was refused: %s", text, minutes, error->message);
      if (back != minutes)
        g_error ("“%s” read back as %u minutes, not %u", text, back, minutes);
    }

  {
    g_autofree char *text = staple_duration_format (STAPLE_STAGE_MINUTES_MAX);
    guint back = 0;

    g_assert_true (staple_duration_parse (text, &back, NULL));
    g_assert_cmpuint (back, ==, STAPLE_STAGE_MINUTES_MAX);
  }
}

static void
check_long (const char *text,
            int         code)
{
  g_autoptr(GError) error = NULL;
  guint minutes = 3;

  g_assert_false (staple_duration_parse (text, &minutes, &error));
  g_assert_error (error, STAPLE_DURATION_ERROR, code);
  g_assert_cmpuint (minutes, ==, 3);
  /* The message quotes the start of it, not all of it. */
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 300);
}

/* 100,000 characters, as a paste gone wrong: refused at once, quoted short. */
static void
test_long (void)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new ("9 ");
  g_autoptr(GString) spaces = g_string_new (NULL);
  g_autoptr(GString) emoji = g_string_new (NULL);
  guint minutes = 0;

  while (digits->len < 100000)
    g_string_append_c (digits, '9');
  check_long (digits->str, STAPLE_DURATION_ERROR_TOO_LONG);

  /* 25,000 parts of an hour each: over the limit only once summed. */
  while (parts->len < 100000)
    g_string_append (parts, "1 h ");
  check_long (parts->str, STAPLE_DURATION_ERROR_TOO_LONG);

  while (word->len < 100000)
    g_string_append_c (word, 'x');
  check_long (word->str, STAPLE_DURATION_ERROR_UNIT);

  while (emoji->len < 100000 * 4)
    g_string_append (emoji, "👩‍🔧");
  check_long (emoji->str, STAPLE_DURATION_ERROR_INVALID);

  /* Spaces around a good time are still a good time. */
  while (spaces->len < 100000)
    g_string_append_c (spaces, ' ');
  g_string_insert (spaces, 50000, "2d 4h");
  g_assert_true (staple_duration_parse (spaces->str, &minutes, NULL));
  g_assert_cmpuint (minutes, ==, 3120);
}

/* What the parser must do without a minutes pointer or an error. */
static void
test_optional (void)
{
  g_assert_true (staple_duration_parse ("9 h", NULL, NULL));
  g_assert_false (staple_duration_parse ("abc", NULL, NULL));
  g_assert_nonnull (staple_duration_hint ());
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/duration/parse/said", test_said);
  g_test_add_func ("/duration/parse/nonsense", test_nonsense);
  g_test_add_func ("/duration/parse/damaged", test_damaged);
  g_test_add_func ("/duration/parse/long", test_long);
  g_test_add_func ("/duration/parse/optional", test_optional);
  g_test_add_func ("/duration/format", test_format);
  g_test_add_func ("/duration/round-trip", test_round_trip);

  return g_test_run ();
}
