/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include <langinfo.h>

#include <glib/gi18n-lib.h>

#include "staple-action.h"
#include "staple-enum-types.h"

/**
 * StapleAction:
 *
 * Something the team agrees to do about one or more friction points, with an owner, a due
 * date and a status.
 */
struct _StapleAction
{
  GObject parent_instance;

  gint64              id;
  char               *text;
  gint64              owner_id;
  char               *due;
  char               *done_on;
  StapleActionStatus  status;
  GArray             *friction_ids;
};

G_DEFINE_FINAL_TYPE (StapleAction, staple_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_OWNER_ID,
  PROP_DUE,
  PROP_STATUS,
  PROP_DONE_ON,
  PROP_N_FRICTION_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_action_finalize (GObject *object)
{
  StapleAction *self = (StapleAction *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->due, g_free);
  g_clear_pointer (&self->done_on, g_free);
  g_clear_pointer (&self->friction_ids, g_array_unref);

  G_OBJECT_CLASS (staple_action_parent_class)->finalize (object);
}

static void
staple_action_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StapleAction *self = STAPLE_ACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;
    case PROP_DUE:
      g_value_set_string (value, self->due);
      break;
    case PROP_DONE_ON:
      g_value_set_string (value, self->done_on);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_N_FRICTION_IDS:
      g_value_set_uint (value, self->friction_ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_action_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StapleAction *self = STAPLE_ACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      staple_action_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TEXT:
      staple_action_set_text (self, g_value_get_string (value));
      break;
    case PROP_OWNER_ID:
      staple_action_set_owner_id (self, g_value_get_int64 (value));
      break;
    case PROP_DUE:
      staple_action_set_due (self, g_value_get_string (value));
      break;
    case PROP_DONE_ON:
      staple_action_set_done_on (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      staple_action_set_status (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_action_class_init (StapleActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_action_finalize;
  object_class->get_property = staple_action_get_property;
  object_class->set_property = staple_action_set_property;

  /**
   * StapleAction:id:
   *
   * The database id of the action, or 0 if it is not stored yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:text:
   *
   * What is to be done.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:owner-id:
   *
   * The id of the participant who owns the action, or 0 for no owner.
   */
  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:due:
   *
   * The due date as “YYYY-MM-DD”, or an empty string for none.
   */
  properties[PROP_DUE] =
    g_param_spec_string ("due", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:status:
   *
   * The status of the action.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       STAPLE_TYPE_ACTION_STATUS, STAPLE_ACTION_STATUS_OPEN,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:done-on:
   *
   * The day the action was done, as “YYYY-MM-DD”, or an empty string while it
   * is not (or when it was done before Staple kept the day). The editor sets
   * it with the status.
   */
  properties[PROP_DONE_ON] =
    g_param_spec_string ("done-on", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StapleAction:n-friction-ids:
   *
   * The number of friction points the action addresses. It is notified whenever
   * the ids change, see staple_action_set_friction_ids().
   */
  properties[PROP_N_FRICTION_IDS] =
    g_param_spec_uint ("n-friction-ids", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_action_init (StapleAction *self)
{
  self->text = g_strdup ("");
  self->due = g_strdup ("");
  self->done_on = g_strdup ("");
  self->status = STAPLE_ACTION_STATUS_OPEN;
  self->friction_ids = g_array_new (TRUE, FALSE, sizeof (gint64));
}

/**
 * staple_action_new:
 *
 * Creates a new action with default values and an id of 0.
 *
 * Returns: (transfer full): a new #StapleAction
 */
StapleAction *
staple_action_new (void)
{
  return g_object_new (STAPLE_TYPE_ACTION, NULL);
}

/**
 * staple_action_get_id:
 * @self: a #StapleAction
 *
 * Gets the database id of the action, or 0 if it is not stored yet.
 *
 * Returns: the id, 0 for none
 */
gint64
staple_action_get_id (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), 0);

  return self->id;
}

/**
 * staple_action_set_id:
 * @self: a #StapleAction
 * @id: the id, 0 for none; negative values become 0
 *
 * Sets the database id of the action, or 0 if it is not stored yet.
 */
void
staple_action_set_id (StapleAction *self,
                      gint64        id)
{
  g_return_if_fail (STAPLE_IS_ACTION (self));

  id = MAX (id, 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * staple_action_get_text:
 * @self: a #StapleAction
 *
 * Gets what is to be done.
 *
 * Returns: (not nullable): the text, never %NULL
 */
const char *
staple_action_get_text (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), NULL);

  return self->text;
}

/**
 * staple_action_set_text:
 * @self: a #StapleAction
 * @text: (nullable): the text, or %NULL for ""
 *
 * Sets what is to be done.
 */
void
staple_action_set_text (StapleAction *self,
                        const char   *text)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_ACTION (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (self->text, text) == 0)
    return;

  copy = g_strdup (text);
  g_free (self->text);
  self->text = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * staple_action_get_owner_id:
 * @self: a #StapleAction
 *
 * Gets the id of the participant who owns the action, or 0 for no owner.
 *
 * Returns: the participant id, 0 for no owner
 */
gint64
staple_action_get_owner_id (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), 0);

  return self->owner_id;
}

/**
 * staple_action_set_owner_id:
 * @self: a #StapleAction
 * @owner_id: the participant id, 0 for no owner; negative values become 0
 *
 * Sets the id of the participant who owns the action, or 0 for no owner.
 */
void
staple_action_set_owner_id (StapleAction *self,
                            gint64        owner_id)
{
  g_return_if_fail (STAPLE_IS_ACTION (self));

  owner_id = MAX (owner_id, 0);

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
}

/**
 * staple_action_get_due:
 * @self: a #StapleAction
 *
 * Gets the due date as “YYYY-MM-DD”, or an empty string for none.
 *
 * Returns: (not nullable): the due date, never %NULL
 */
const char *
staple_action_get_due (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), NULL);

  return self->due;
}

/**
 * staple_action_set_due:
 * @self: a #StapleAction
 * @due: (nullable): the due date, or %NULL for ""
 *
 * Sets the due date as “YYYY-MM-DD”, or an empty string for none. The date is
 * stored as given; it is not checked.
 */
void
staple_action_set_due (StapleAction *self,
                       const char   *due)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_ACTION (self));

  if (due == NULL)
    due = "";

  if (g_strcmp0 (self->due, due) == 0)
    return;

  copy = g_strdup (due);
  g_free (self->due);
  self->due = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
}

/**
 * staple_action_get_done_on:
 *
 * Returns: (not nullable): the day the action was done, “YYYY-MM-DD”, or ""
 */
const char *
staple_action_get_done_on (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), NULL);

  return self->done_on;
}

/**
 * staple_action_set_done_on:
 * @done_on: (nullable): the day, or %NULL for ""
 *
 * Sets the day the action was done, stored as given.
 */
void
staple_action_set_done_on (StapleAction *self,
                           const char   *done_on)
{
  char *copy;

  g_return_if_fail (STAPLE_IS_ACTION (self));

  if (done_on == NULL)
    done_on = "";

  if (g_strcmp0 (self->done_on, done_on) == 0)
    return;

  copy = g_strdup (done_on);
  g_free (self->done_on);
  self->done_on = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE_ON]);
}

/**
 * staple_action_get_status:
 * @self: a #StapleAction
 *
 * Gets the status of the action.
 *
 * Returns: the status, a #StapleActionStatus
 */
StapleActionStatus
staple_action_get_status (StapleAction *self)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), STAPLE_ACTION_STATUS_OPEN);

  return self->status;
}

/**
 * staple_action_set_status:
 * @self: a #StapleAction
 * @status: a #StapleActionStatus
 *
 * Sets the status of the action.
 */
void
staple_action_set_status (StapleAction       *self,
                          StapleActionStatus  status)
{
  g_return_if_fail (STAPLE_IS_ACTION (self));
  g_return_if_fail ((guint) status <= STAPLE_ACTION_STATUS_DROPPED);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * staple_action_get_friction_ids:
 * @self: a #StapleAction
 * @n_ids: (out) (optional): return location for the number of ids
 *
 * Gets the ids of the friction points the action addresses, in the order
 * they were set.
 *
 * Returns: (array length=n_ids) (transfer none): the ids; the array is also
 *   terminated by a 0 and stays valid until the ids are set again
 */
const gint64 *
staple_action_get_friction_ids (StapleAction *self,
                                guint        *n_ids)
{
  g_return_val_if_fail (STAPLE_IS_ACTION (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->friction_ids->len;

  return (const gint64 *)(gpointer)self->friction_ids->data;
}

static gboolean
contains_id (GArray *array,
             gint64  id)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static gboolean
same_ids (GArray *a,
          GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, gint64, i) != g_array_index (b, gint64, i))
      return FALSE;

  return TRUE;
}

/**
 * staple_action_set_friction_ids:
 * @self: a #StapleAction
 * @ids: (array length=n_ids) (nullable): the friction point ids
 * @n_ids: the number of ids
 *
 * Sets the friction points the action addresses. They form a set: ids
 * that are not positive and repeated ids are left out, and the order of the
 * rest is kept.
 *
 * If the ids differ from the current ones, #StapleAction:n-friction-ids is
 * notified, even when their number stays the same, so that it can be used as
 * a change notification for the ids.
 */
void
staple_action_set_friction_ids (StapleAction *self,
                                const gint64 *ids,
                                guint         n_ids)
{
  g_autoptr(GArray) array = NULL;

  g_return_if_fail (STAPLE_IS_ACTION (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  array = g_array_sized_new (TRUE, FALSE, sizeof (gint64), n_ids);
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] > 0 && !contains_id (array, ids[i]))
      g_array_append_val (array, ids[i]);

  if (same_ids (array, self->friction_ids))
    return;

  g_array_unref (self->friction_ids);
  self->friction_ids = g_steal_pointer (&array);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRICTION_IDS]);
}

/* Due dates as people write them
 *
 * The model keeps “YYYY-MM-DD”, which the database, the exports and the bus
 * expect; people read and type the short form of their locale (such as
 * 31/12/2026 or 12/31/2026), and may type the stored form too. Only the
 * day, month and year conversions of a date format are understood: a locale
 * whose format has others is shown and read as “YYYY-MM-DD” alone. */

G_DEFINE_QUARK (staple-action-error-quark, staple_action_error)

/* The locale's short date format, from the C library. */
static const char *
locale_date_format (void)
{
  const char *format = nl_langinfo (D_FMT);

  return format != NULL && *format != '\0' ? format : "%Y-%m-%d";
}

/* Reads 1 to @max_digits digits at *@text into *@value. */
static gboolean
read_number (const char **text,
             guint        max_digits,
             guint       *value)
{
  guint n = 0;

  *value = 0;
  while (n < max_digits && g_ascii_isdigit ((*text)[n]))
    *value = *value * 10 + (guint) g_ascii_digit_value ((*text)[n++]);

  *text += n;
  return n > 0;
}

/* Reads @text as written with @format; unless @four_digit_year, a year may
 * have two digits or four whatever the format says (two are this century). */
static gboolean
parse_with_format (const char *text,
                   const char *format,
                   gboolean    four_digit_year,
                   GDate      *date)
{
  guint day = 0, month = 0, year = 0;
  gboolean has_day = FALSE, has_month = FALSE, has_year = FALSE;

  for (const char *f = format; *f != '\0'; f++)
    {
      const char *start = text;

      if (*f != '%')
        {
          /* A space in the format matches any run of spaces, or none. */
          if (*f == ' ')
            {
              while (*text == ' ')
                text++;
              continue;
            }
          if (*text != *f)
            return FALSE;
          text++;
          continue;
        }

      switch (*++f)
        {
        case 'd':
        case 'e':
          while (*f == 'e' && *text == ' ')
            text++;
          has_day = read_number (&text, 2, &day);
          if (!has_day)
            return FALSE;
          break;
        case 'm':
          has_month = read_number (&text, 2, &month);
          if (!has_month)
            return FALSE;
          break;
        case 'y':
        case 'Y':
          has_year = read_number (&text, 4, &year);
          if (!has_year || (text - start != 4 && (four_digit_year || text - start != 2)))
            return FALSE;
          if (text - start == 2)
            year += 2000;
          break;
        default:
          return FALSE;
        }
    }

  if (*text != '\0' || !has_day || !has_month || !has_year ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* Whether @format has only day, month and year conversions, each once. */
static gboolean
format_is_simple (const char *format)
{
  guint n_day = 0, n_month = 0, n_year = 0;

  for (const char *f = format; *f != '\0'; f++)
    {
      if (*f != '%')
        continue;
      switch (*++f)
        {
        case 'd': case 'e': n_day++; break;
        case 'm': n_month++; break;
        case 'y': case 'Y': n_year++; break;
        default: return FALSE;
        }
    }

  return n_day == 1 && n_month == 1 && n_year == 1;
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  GString *text = g_string_new (NULL);

  for (const char *f = format; *f != '\0'; f++)
    {
      if (*f != '%')
        {
          g_string_append_c (text, *f);
          continue;
        }

      switch (*++f)
        {
        case 'd':
          g_string_append_printf (text, "%02u", g_date_get_day (date));
          break;
        case 'e':
          g_string_append_printf (text, "%u", g_date_get_day (date));
          break;
        case 'm':
          g_string_append_printf (text, "%02u", g_date_get_month (date));
          break;
        default:
          /* Four digits even where the locale writes two: 31/12/26 could be
           * read several ways, 31/12/2026 only one. */
          g_string_append_printf (text, "%04u", g_date_get_year (date));
          break;
        }
    }

  return g_string_free (text, FALSE);
}

/* %D and %F are spelled out; NULL stands for the locale's format. */
static char *
expand_format (const char *format)
{
  g_autoptr(GString) expanded = g_string_new (format != NULL ? format : locale_date_format ());

  g_string_replace (expanded, "%D", "%m/%d/%y", 0);
  g_string_replace (expanded, "%F", "%Y-%m-%d", 0);
  return g_string_free (g_steal_pointer (&expanded), FALSE);
}

/**
 * staple_action_format_due:
 * @due: a due date as the model keeps it, “YYYY-MM-DD”, or ""
 * @format: (nullable): a date format with `%d`, `%m` and `%Y` (or `%e`,
 *   `%y`) such as “%d.%m.%Y”, or %NULL for the short form of the user's
 *   locale
 *
 * Writes @due for people to read, in @format with a four-digit year.
 *
 * Returns: (transfer full): the date as people write it; "" for no date,
 *   and @due itself if it is not a date or @format is not simple enough
 */
char *
staple_action_format_due (const char *due,
                          const char *format)
{
  g_autofree char *expanded = NULL;
  GDate date;

  g_return_val_if_fail (due != NULL, NULL);

  expanded = expand_format (format);
  g_date_clear (&date, 1);
  if (!format_is_simple (expanded) || !parse_with_format (due, "%Y-%m-%d", TRUE, &date))
    return g_strdup (due);

  return format_date (&date, expanded);
}

/**
 * staple_action_parse_due:
 * @text: a date as typed: “YYYY-MM-DD”, or written with @format; surrounding
 *   spaces are ignored, and an empty text means no due date
 * @format: (nullable): as for staple_action_format_due(), %NULL for the
 *   user's locale
 * @due: (out) (transfer full): the date as the model keeps it,
 *   “YYYY-MM-DD”, or "" for none
 * @error: the place for a #STAPLE_ACTION_ERROR_INVALID_DATE that says how to
 *   write a date
 *
 * Reads a due date typed by a person.
 *
 * Returns: %TRUE if @text is a date that exists (or empty)
 */
gboolean
staple_action_parse_due (const char  *text,
                         const char  *format,
                         char       **due,
                         GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *example = NULL;
  GDate date;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (due != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  expanded = expand_format (format);
  g_date_clear (&date, 1);

  if (*stripped == '\0')
    {
      *due = g_strdup ("");
      return TRUE;
    }

  if (parse_with_format (stripped, "%Y-%m-%d", TRUE, &date) ||
      (format_is_simple (expanded) && parse_with_format (stripped, expanded, FALSE, &date)))
    {
      *due = format_date (&date, "%Y-%m-%d");
      return TRUE;
    }

  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 2026);
  example = format_is_simple (expanded) ? format_date (&date, expanded) : NULL;
  if (example != NULL && g_strcmp0 (example, "2026-12-31") != 0)
    /* Translators: the second date is the first as the user's locale writes it */
    g_set_error (error, STAPLE_ACTION_ERROR, STAPLE_ACTION_ERROR_INVALID_DATE,
                 _("“%s” is not a date. Write it as 2026-12-31 or %s, or leave the "
                   "field empty."), stripped, example);
  else
    g_set_error (error, STAPLE_ACTION_ERROR, STAPLE_ACTION_ERROR_INVALID_DATE,
                 _("“%s” is not a date. Write it as 2026-12-31, or leave the field "
                   "empty."), stripped);
  *due = NULL;
  return FALSE;
}
