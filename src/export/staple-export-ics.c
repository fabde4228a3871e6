/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-export-ics.c: actions as iCalendar to-dos (RFC 5545), for GNOME
 * Calendar or any calendar: one VTODO per action, with its owner, its due
 * day and its status. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "staple-export.h"
#include "staple-export-private.h"

/* Content lines are folded at 75 octets (RFC 5545 §3.1). */
#define ICS_LINE_OCTETS 75

typedef struct
{
  GString *out;
  char    *stamp;  /* DTSTAMP, the moment of the export, in UTC */
} Ics;

/* Appends "NAME:value" (value as it is), folded, with CRLF. */
static void
ics_line (Ics        *ics,
          const char *name,
          const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);
  const char *p = line;
  gsize room = ICS_LINE_OCTETS;

  while (strlen (p) > room)
    {
      const char *cut = p + room;

      /* Never inside a character. */
      while (cut > p && ((guchar) *cut & 0xC0) == 0x80)
        cut--;
      g_string_append_len (ics->out, p, cut - p);
      g_string_append (ics->out, "\r\n ");
      p = cut;
      room = ICS_LINE_OCTETS - 1;
    }
  g_string_append (ics->out, p);
  g_string_append (ics->out, "\r\n");
}

/* A TEXT value: backslash, semicolon, comma and line breaks escaped, other
 * control characters (which TEXT may not hold) made spaces. */
static char *
ics_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
        case ';':
        case ',':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, ((guchar) *p < 0x20 && *p != '\t') || *p == 0x7F ? ' ' : *p);
        }
    }

  return g_string_free (out, FALSE);
}

static void
ics_text_line (Ics        *ics,
               const char *name,
               const char *text)
{
  g_autofree char *value = ics_text (text);

  ics_line (ics, name, value);
}

static void
ics_begin (Ics *ics)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  ics->out = g_string_new (NULL);
  ics->stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  ics_line (ics, "BEGIN", "VCALENDAR");
  ics_line (ics, "VERSION", "2.0");
  ics_line (ics, "PRODID", "-//Staple//Staple " PACKAGE_VERSION "//EN");
  ics_line (ics, "CALSCALE", "GREGORIAN");
}

static gboolean
ics_end (Ics         *ics,
         const char  *path,
         GError     **error)
{
  gboolean written;

  ics_line (ics, "END", "VCALENDAR");
  written = staple_export_write_bytes (path, ics->out->str, ics->out->len, error);
  g_string_free (ics->out, TRUE);
  g_free (ics->stamp);
  return written;
}

static const char *
ics_status (StapleActionStatus status)
{
  switch (status)
    {
    case STAPLE_ACTION_STATUS_IN_PROGRESS:
      return "IN-PROCESS";
    case STAPLE_ACTION_STATUS_DONE:
      return "COMPLETED";
    case STAPLE_ACTION_STATUS_DROPPED:
      return "CANCELLED";
    case STAPLE_ACTION_STATUS_OPEN:
    default:
      return "NEEDS-ACTION";
    }
}

/* "YYYY-MM-DD" as an iCalendar DATE, or NULL for anything else. */
static char *
ics_date (const char *day)
{
  g_autofree char *date = NULL;

  if (day == NULL || !staple_date_is_valid (day))
    return NULL;

  date = g_strdup (day);
  memmove (date + 4, date + 5, 2);
  memmove (date + 6, date + 8, 3);
  return g_steal_pointer (&date);
}

typedef struct
{
  gint64              session_id;
  gint64              action_id;
  const char         *text;
  const char         *owner;
  const char         *due;
  StapleActionStatus  status;
  const char         *walk_title;
  const char         *walk_date;
  const char         *addresses;  /* the friction points it addresses, or NULL */
} Todo;

static void
ics_todo (Ics        *ics,
          const Todo *todo)
{
  g_autofree char *uid = g_strdup_printf ("staple-session-%" G_GINT64_FORMAT "-action-%"
                                          G_GINT64_FORMAT "@stapleapp.github.io",
                                          todo->session_id, todo->action_id);
  g_autofree char *due = ics_date (todo->due);
  g_autoptr(GString) description = g_string_new (NULL);

  /* Translators: in a calendar to-do's description; %s is a walk's title */
  g_string_append_printf (description, _("From the walk “%s”"), todo->walk_title);
  if (*todo->walk_date != '\0')
    g_string_append_printf (description, " (%s)", todo->walk_date);
  g_string_append_c (description, '.');
  if (*todo->owner != '\0')
    {
      g_string_append_c (description, '\n');
      /* Translators: in a calendar to-do's description: who owns the action */
      g_string_append_printf (description, _("Owner: %s"), todo->owner);
    }
  if (todo->addresses != NULL && *todo->addresses != '\0')
    {
      g_string_append_c (description, '\n');
      /* Translators: in a calendar to-do's description: the friction points an action addresses */
      g_string_append_printf (description, _("Addresses: %s"), todo->addresses);
    }

  ics_line (ics, "BEGIN", "VTODO");
  ics_line (ics, "UID", uid);
  ics_line (ics, "DTSTAMP", ics->stamp);
  ics_text_line (ics, "SUMMARY", *todo->text != '\0' ? todo->text : _("Action"));
  ics_text_line (ics, "DESCRIPTION", description->str);
  if (due != NULL)
    ics_line (ics, "DUE;VALUE=DATE", due);
  ics_line (ics, "STATUS", ics_status (todo->status));
  if (todo->status == STAPLE_ACTION_STATUS_DONE)
    ics_line (ics, "PERCENT-COMPLETE", "100");
  ics_line (ics, "CATEGORIES", "Staple");
  ics_line (ics, "END", "VTODO");
}

static char *
friction_texts (StapleSession *session,
                StapleAction  *action)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint n_ids = 0;
  const gint64 *ids = staple_action_get_friction_ids (action, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    {
      StapleFriction *friction = staple_session_find_friction (session, ids[i], NULL, NULL);

      if (friction != NULL)
        g_ptr_array_add (texts, (gpointer) staple_friction_get_text (friction));
    }
  g_ptr_array_add (texts, NULL);

  return g_strjoinv ("; ", (char **) texts->pdata);
}

/**
 * staple_export_actions_ics:
 *
 * Writes every action of @session, whatever its status, as an iCalendar
 * to-do, whole or not at all.
 */
gboolean
staple_export_actions_ics (StapleSession  *session,
                           const char     *path,
                           GError        **error)
{
  GListModel *actions;
  Ics ics;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  actions = G_LIST_MODEL (staple_session_get_actions (session));
  ics_begin (&ics);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      gint64 owner_id = staple_action_get_owner_id (action);
      StapleParticipant *owner = staple_session_find_participant (session, owner_id, NULL);
      g_autofree char *addresses = friction_texts (session, action);
      Todo todo = {
        staple_session_get_id (session), staple_action_get_id (action),
        staple_action_get_text (action),
        owner != NULL ? staple_participant_get_name (owner) : "",
        staple_action_get_due (action), staple_action_get_status (action),
        staple_session_get_title (session), staple_session_get_date (session), addresses,
      };

      ics_todo (&ics, &todo);
    }

  return ics_end (&ics, path, error);
}

/**
 * staple_export_review_ics:
 *
 * Writes the actions still open across @review's walks (each once, where
 * the last walk carried it) as iCalendar to-dos.
 */
gboolean
staple_export_review_ics (StapleReview  *review,
                          const char    *path,
                          GError       **error)
{
  Ics ics;

  g_return_val_if_fail (review != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ics_begin (&ics);
  for (guint i = 0; i < review->actions->len; i++)
    {
      StapleReviewAction *action = &g_array_index (review->actions, StapleReviewAction, i);
      guint walk = staple_review_find_walk (review, action->session_id);
      StapleReviewWalk *of;

      if (!action->counted || action->status == STAPLE_ACTION_STATUS_DONE ||
          action->status == STAPLE_ACTION_STATUS_DROPPED || walk == G_MAXUINT)
        continue;

      of = &g_array_index (review->walks, StapleReviewWalk, walk);
      ics_todo (&ics, &(Todo) {
                  action->session_id, action->action_id, action->text, action->owner,
                  action->due, action->status, of->title, of->date, NULL,
                });
    }

  return ics_end (&ics, path, error);
}
