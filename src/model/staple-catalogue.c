/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "staple-catalogue.h"
#include "staple-duration.h"

/* Designated initialisers keep each label next to its value, so that
 * reordering the enums cannot mix the labels up. */

static const char * const channel_labels[] = {
  [STAPLE_CHANNEL_PHONE]     = N_("Phone"),
  [STAPLE_CHANNEL_WEB]       = N_("Web"),
  [STAPLE_CHANNEL_EMAIL]     = N_("Email"),
  [STAPLE_CHANNEL_IN_PERSON] = N_("In person"),
  [STAPLE_CHANNEL_INTERNAL]  = N_("Internal"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (channel_labels) == STAPLE_CHANNEL_INTERNAL + 1);

static const char * const kind_labels[] = {
  [STAPLE_FRICTION_KIND_POLICY]               = N_("Policy"),
  [STAPLE_FRICTION_KIND_PROCESS]              = N_("Process"),
  [STAPLE_FRICTION_KIND_PRODUCT]              = N_("Product"),
  [STAPLE_FRICTION_KIND_TRUST]                = N_("Trust and approval"),
  [STAPLE_FRICTION_KIND_TOOLS]                = N_("Tools"),
  [STAPLE_FRICTION_KIND_SILO]                 = N_("Silo and handoff"),
  [STAPLE_FRICTION_KIND_TIME_PRESSURE]        = N_("Time pressure"),
  [STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS] = N_("Unclear expectations"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_labels) == STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS + 1);

static const char * const status_labels[] = {
  [STAPLE_ACTION_STATUS_OPEN]        = N_("Open"),
  [STAPLE_ACTION_STATUS_IN_PROGRESS] = N_("In progress"),
  [STAPLE_ACTION_STATUS_DONE]        = N_("Done"),
  [STAPLE_ACTION_STATUS_DROPPED]     = N_("Dropped"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (status_labels) == STAPLE_ACTION_STATUS_DROPPED + 1);

typedef struct
{
  const char *label;
  const char *explanation;
} Principle;

static const Principle principles[] = {
  [STAPLE_PRINCIPLE_NONE] = {
    N_("No principle yet"),
    N_("This friction point is not linked to a principle yet. Ask which way of managing "
       "the work lets it carry on."),
  },
  [STAPLE_PRINCIPLE_HIRE_FOR_THE_PERSON] = {
    N_("Hire for the person"),
    N_("Procedures can be taught in weeks, but patience and care for others are hard to "
       "train. People who like helping find a way to help when the script runs out."),
  },
  [STAPLE_PRINCIPLE_DESIGN_FROM_THE_CUSTOMER] = {
    N_("Design processes from the customer backwards"),
    N_("A process built around the organisation’s departments leaves the customer to join "
       "the pieces up. Starting from what the customer is trying to get done shows which "
       "steps matter to them."),
  },
  [STAPLE_PRINCIPLE_TRUST_JUDGEMENT] = {
    N_("Trust people’s judgement"),
    N_("Staff who are trusted to use their judgement solve the problem in front of them "
       "instead of making the customer wait for a sign-off. Checking every decision costs "
       "every customer time to catch the rare mistake."),
  },
  [STAPLE_PRINCIPLE_MODEL_THE_BEHAVIOUR] = {
    N_("Model the behaviour you want"),
    N_("Staff tend to treat customers the way their managers treat them. Leaders who "
       "listen, explain and lend a hand make that the normal way to work."),
  },
  [STAPLE_PRINCIPLE_STOP_BLAMING_CUSTOMERS] = {
    N_("Stop blaming customers"),
    N_("When a failure is put down to the customer getting it wrong, nobody fixes the form "
       "or letter that confused them. Treating the mistake as a design problem removes it "
       "for everyone who comes after."),
  },
  [STAPLE_PRINCIPLE_NO_TOOLS_FOR_SYSTEMIC_PROBLEMS] = {
    N_("Don’t throw tools at systemic problems"),
    N_("A new system laid over a broken process usually makes the broken process faster and "
       "harder to change. Fix how the work flows first, then pick tools that support it."),
  },
  [STAPLE_PRINCIPLE_FIX_THE_PRODUCT_FIRST] = {
    N_("Fix the product first"),
    N_("Much of what reaches customer service is caused by a product or service that failed "
       "in the first place. Removing the cause does more for customers than handling their "
       "complaints well."),
  },
  [STAPLE_PRINCIPLE_COOPERATE_ACROSS_SILOS] = {
    N_("Cooperate across silos"),
    N_("Customers see one organisation, not a chain of teams. Every handoff between "
       "departments is a place where work waits, gets lost or has to be explained again."),
  },
  [STAPLE_PRINCIPLE_GIVE_PEOPLE_TIME] = {
    N_("Give people time"),
    N_("Staff judged on speed close the case before the problem is solved, so the customer "
       "has to come back. Time to finish the job properly costs less than the repeat "
       "contact."),
  },
  [STAPLE_PRINCIPLE_POLICIES_FOR_EDGE_CASES] = {
    N_("Keep policies for edge cases"),
    N_("Rules written for the rare bad case end up slowing down every good customer. Deal "
       "with the exceptions when they happen and let the ordinary case through."),
  },
  [STAPLE_PRINCIPLE_SET_CLEAR_EXPECTATIONS] = {
    N_("Set clear expectations"),
    N_("Customers cope far better with a wait they were told about than with silence. "
       "Saying plainly what will happen and when saves them chasing, and saves staff "
       "answering the chase."),
  },
  [STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING] = {
    N_("Let people decide without escalating"),
    N_("Every escalation adds a wait, often a handoff, and another telling of the same "
       "story. When front-line staff can make the common decisions, the matter ends in "
       "one contact."),
  },
};
G_STATIC_ASSERT (G_N_ELEMENTS (principles) == STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING + 1);

typedef struct
{
  const char *label;
  const char *purpose;
  const char *capture;
} Phase;

static const Phase phases[] = {
  [STAPLE_PHASE_FRAME] = {
    N_("Frame"),
    N_("Agree what the session is about: whose piece of work is followed, from where to "
       "where, and the question the team wants answered."),
    N_("Record the session details, the customer, the piece of work and who is in the room."),
  },
  [STAPLE_PHASE_MAP] = {
    N_("Map"),
    N_("Lay out every stage the work passes through, in order, as it really happens today "
       "rather than as the procedure says."),
    N_("Add each stage with the team that owns it and the channel it arrives by."),
  },
  [STAPLE_PHASE_WALK] = {
    N_("Walk"),
    N_("Follow the work one stage at a time, as if stapled to it, and see what it meets: "
       "the time spent on it, the time it waits, and where it changes hands."),
    N_("For each stage note the work and waiting time, handoffs, drops, feelings and "
       "friction points."),
  },
  [STAPLE_PHASE_DIAGNOSE] = {
    N_("Diagnose"),
    N_("Look past each friction point to the way of managing that keeps it in place, so "
       "that the fix goes to the cause and not the symptom."),
    N_("Give every friction point a kind, a severity and the principle it goes against."),
  },
  [STAPLE_PHASE_PRIORITISE] = {
    N_("Prioritise"),
    N_("Let everyone in the room say which friction points matter most, so that the team "
       "spends its effort where it counts."),
    N_("Record each participant’s dots on the friction points they choose."),
  },
  [STAPLE_PHASE_COMMIT] = {
    N_("Commit"),
    N_("Turn the top friction points into actions someone owns, and decide what front-line "
       "staff may settle from now on without asking."),
    N_("Write the actions with an owner and a due date, and the empowerment list."),
  },
  [STAPLE_PHASE_CLOSE] = {
    N_("Close"),
    N_("Look back over what the session found and agreed, so everyone leaves with the same "
       "picture and knows what happens next."),
    N_("Check the summary and note anything still missing before it is shared."),
  },
};
G_STATIC_ASSERT (G_N_ELEMENTS (phases) == STAPLE_N_PHASES);
G_STATIC_ASSERT (STAPLE_PHASE_CLOSE + 1 == STAPLE_N_PHASES);

/**
 * staple_channel_get_label:
 * @channel: a #StapleChannel
 *
 * Gets the name of @channel to show to people, such as “In person”.
 *
 * Returns: (transfer none): the translated label, or %NULL if @channel is not
 *   a valid value
 */
const char *
staple_channel_get_label (StapleChannel channel)
{
  g_return_val_if_fail ((guint) channel < G_N_ELEMENTS (channel_labels), NULL);

  return _(channel_labels[channel]);
}

/**
 * staple_friction_kind_get_label:
 * @kind: a #StapleFrictionKind
 *
 * Gets the name of @kind to show to people, such as “Time pressure”.
 *
 * Returns: (transfer none): the translated label, or %NULL if @kind is not a
 *   valid value
 */
const char *
staple_friction_kind_get_label (StapleFrictionKind kind)
{
  return _(staple_friction_kind_get_english_label (kind));
}

/**
 * staple_friction_kind_get_english_label:
 * @kind: a #StapleFrictionKind
 *
 * Gets the name of @kind untranslated, the catalogues' msgid, for a
 * translation into another language than the app's own (the room's phones).
 *
 * Returns: (transfer none): the English name
 */
const char *
staple_friction_kind_get_english_label (StapleFrictionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_labels), NULL);

  return kind_labels[kind];
}

/**
 * staple_principle_get_label:
 * @principle: a #StaplePrinciple
 *
 * Gets the short name of @principle, such as “Give people time”.
 *
 * Returns: (transfer none): the translated label, or %NULL if @principle is
 *   not a valid value
 */
const char *
staple_principle_get_label (StaplePrinciple principle)
{
  g_return_val_if_fail ((guint) principle < G_N_ELEMENTS (principles), NULL);

  return _(principles[principle].label);
}

/**
 * staple_principle_get_explanation:
 * @principle: a #StaplePrinciple
 *
 * Gets one or two sentences saying why following @principle makes things
 * better for customers.
 *
 * Returns: (transfer none): the translated explanation, or %NULL if
 *   @principle is not a valid value
 */
const char *
staple_principle_get_explanation (StaplePrinciple principle)
{
  g_return_val_if_fail ((guint) principle < G_N_ELEMENTS (principles), NULL);

  return _(principles[principle].explanation);
}

/**
 * staple_action_status_get_label:
 * @status: a #StapleActionStatus
 *
 * Gets the name of @status to show to people, such as “In progress”.
 *
 * Returns: (transfer none): the translated label, or %NULL if @status is not
 *   a valid value
 */
const char *
staple_action_status_get_label (StapleActionStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_labels), NULL);

  return _(status_labels[status]);
}

/**
 * staple_phase_get_label:
 * @phase: a #StaplePhase
 *
 * Gets the name of @phase to show to people, such as “Prioritise”.
 *
 * Returns: (transfer none): the translated label, or %NULL if @phase is not a
 *   valid value
 */
const char *
staple_phase_get_label (StaplePhase phase)
{
  return _(staple_phase_get_english_label (phase));
}

/**
 * staple_phase_get_english_label:
 * @phase: a #StaplePhase
 *
 * Gets the name of @phase untranslated, the catalogues' msgid (see
 * staple_friction_kind_get_english_label()).
 *
 * Returns: (transfer none): the English name
 */
const char *
staple_phase_get_english_label (StaplePhase phase)
{
  g_return_val_if_fail ((guint) phase < G_N_ELEMENTS (phases), NULL);

  return phases[phase].label;
}

/**
 * staple_phase_get_purpose:
 * @phase: a #StaplePhase
 *
 * Gets one or two sentences saying what @phase is for, to show to the room.
 *
 * Returns: (transfer none): the translated purpose, or %NULL if @phase is not
 *   a valid value
 */
const char *
staple_phase_get_purpose (StaplePhase phase)
{
  return _(staple_phase_get_english_purpose (phase));
}

/**
 * staple_phase_get_english_purpose:
 * @phase: a #StaplePhase
 *
 * Gets what @phase is for, untranslated (see
 * staple_friction_kind_get_english_label()).
 *
 * Returns: (transfer none): the English sentences
 */
const char *
staple_phase_get_english_purpose (StaplePhase phase)
{
  g_return_val_if_fail ((guint) phase < G_N_ELEMENTS (phases), NULL);

  return phases[phase].purpose;
}

/**
 * staple_phase_get_capture:
 * @phase: a #StaplePhase
 *
 * Gets one short sentence saying what to record during @phase.
 *
 * Returns: (transfer none): the translated sentence, or %NULL if @phase is
 *   not a valid value
 */
const char *
staple_phase_get_capture (StaplePhase phase)
{
  g_return_val_if_fail ((guint) phase < G_N_ELEMENTS (phases), NULL);

  return _(phases[phase].capture);
}

/**
 * staple_date_is_valid:
 * @text: a string
 *
 * Checks that @text is a date written “YYYY-MM-DD” that exists in the
 * calendar, such as “2024-02-29” but not “2023-02-29”.
 *
 * Returns: %TRUE if @text is such a date
 */
gboolean
staple_date_is_valid (const char *text)
{
  guint year;
  guint month;
  guint day;

  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
         g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);

  return g_date_valid_dmy (day, month, year);
}

/**
 * staple_date_format_long:
 * @text: a date written “YYYY-MM-DD”, or any other text
 *
 * Writes a session's date as people read it in the user's language, such
 * as “14 October 2026” (“14. Oktober 2026”, “14 octobre 2026”).
 *
 * Returns: (transfer full): the date in words, or @text itself if it is
 *   not a date
 */
char *
staple_date_format_long (const char *text)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GString) format = NULL;
  g_autofree char *written = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!staple_date_is_valid (text))
    return g_strdup (text);

  date = g_date_time_new_utc (atoi (text), atoi (text + 5), atoi (text + 8), 0, 0, 0);
  /* Translators: a date in full, as in “14 October 2026” (see strftime:
   * %e the day, %B the month's name, %Y the year; German "%e. %B %Y") */
  format = g_string_new (_("%e %B %Y"));
  /* GLib pads a one-digit %e with U+2007 FIGURE SPACE (" 4 October"),
   * which no strip removes: "%-e" does not pad. */
  g_string_replace (format, "%e", "%-e", 0);
  written = g_date_time_format (date, format->str);
  if (written == NULL)
    return g_strdup (text);

  return g_strdup (g_strstrip (written));
}

/**
 * staple_enum_to_nick:
 * @enum_type: the #GType of an enumeration, such as %STAPLE_TYPE_CHANNEL
 * @value: a value of that enumeration
 *
 * Gets the nick of @value, such as “in-person”: the name used in the
 * database and in JSON files. Nicks never change, unlike the numbers.
 *
 * Returns: (transfer none) (nullable): the nick, or %NULL if @value is not a
 *   value of @enum_type
 */
const char *
staple_enum_to_nick (GType enum_type,
                     int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);

  /* The nicks are static strings, so they outlive the class reference. */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/**
 * staple_enum_from_nick:
 * @enum_type: the #GType of an enumeration, such as %STAPLE_TYPE_CHANNEL
 * @nick: a nick, such as “in-person”
 * @value: (out) (optional): return location for the value
 *
 * Looks up the value of @enum_type whose nick is @nick. @value is left
 * alone if there is none.
 *
 * Returns: %TRUE if @nick is a nick of @enum_type
 */
gboolean
staple_enum_from_nick (GType       enum_type,
                       const char *nick,
                       int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (nick != NULL, FALSE);

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value == NULL)
    return FALSE;

  if (value != NULL)
    *value = enum_value->value;

  return TRUE;
}

/**
 * staple_format_minutes:
 * @minutes: a duration
 *
 * Formats a work, waiting or lead time the short way the map and the
 * reports show it: "2 d 4 h", "3 h 28 min", "15 min". The same as
 * staple_duration_format(): nothing is rounded away, and what is shown can
 * be typed back into a field.
 *
 * Returns: (transfer full): the duration as text
 */
char *
staple_format_minutes (guint minutes)
{
  return staple_duration_format (minutes);
}

/**
 * staple_format_seconds:
 * @seconds: time spent, e.g. in a phase
 *
 * Returns: (transfer full): the time to the nearest minute, or "under a
 *   minute"
 */
char *
staple_format_seconds (guint seconds)
{
  if (seconds > 0 && seconds < 60)
    return g_strdup (_("under a minute"));

  return staple_format_minutes ((seconds + 30) / 60);
}

/* Finding a principle by what the coach types */

static gboolean
is_number (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;

  return TRUE;
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *casefolded = g_utf8_casefold (normal != NULL ? normal : "", -1);
  g_autoptr(GString) folded = g_string_new (casefolded);

  /* People type a straight apostrophe for the typographic one. */
  g_string_replace (folded, "’", "'", 0);
  return g_string_free (g_steal_pointer (&folded), FALSE);
}

/**
 * staple_principle_matches:
 * @principle: a #StaplePrinciple
 * @query: what the coach typed
 *
 * Checks whether a search for @query should list @principle: every
 * principle for an empty query; for digits, the principles whose number
 * starts with them (“1” lists 1, 10, 11 and 12; 0 is no principle); else
 * those whose name holds @query, or has words starting with each of its
 * words (“cust back” finds “Design processes from the customer backwards”).
 *
 * Returns: %TRUE if @principle matches @query
 */
gboolean
staple_principle_matches (StaplePrinciple  principle,
                          const char      *query)
{
  g_autofree char *stripped = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  const char *label;

  g_return_val_if_fail (query != NULL, FALSE);

  label = staple_principle_get_label (principle);
  g_return_val_if_fail (label != NULL, FALSE);

  stripped = g_strstrip (g_strdup (query));
  if (*stripped == '\0')
    return TRUE;

  if (is_number (stripped))
    {
      number = g_strdup_printf ("%d", (int) principle);
      return g_str_has_prefix (number, stripped);
    }

  name = fold (label);
  folded = fold (stripped);
  return strstr (name, folded) != NULL || g_str_match_string (stripped, label, TRUE);
}
