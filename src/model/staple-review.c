/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-review.c: the leadership review's figures, and what follows from
 * them. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "staple-catalogue.h"
#include "staple-review.h"

static void
walk_clear (gpointer data)
{
  StapleReviewWalk *walk = data;

  g_free (walk->title);
  g_free (walk->date);
}

static void
principle_clear (gpointer data)
{
  StapleReviewPrinciple *principle = data;

  g_clear_pointer (&principle->counts, g_array_unref);
}

static void
wait_clear (gpointer data)
{
  g_free (((StapleReviewWait *) data)->name);
}

static void
action_clear (gpointer data)
{
  StapleReviewAction *action = data;

  g_free (action->text);
  g_free (action->owner);
  g_free (action->due);
  g_free (action->done_on);
}

static void
owner_clear (gpointer data)
{
  g_free (((StapleReviewOwner *) data)->owner);
}

static void
empowerment_clear (gpointer data)
{
  StapleReviewEmpowerment *item = data;

  g_free (item->text);
  g_free (item->date);
}

static GArray *
new_array (gsize          size,
           GDestroyNotify clear)
{
  GArray *array = g_array_new (FALSE, TRUE, size);

  g_array_set_clear_func (array, clear);
  return array;
}

/**
 * staple_review_new:
 * @organisation: the organisation, as its sessions' frames spell it
 * @today: YYYY-MM-DD, the day actions are overdue against
 *
 * Returns: (transfer full): an empty review, for the store to fill
 */
StapleReview *
staple_review_new (const char *organisation,
                   const char *today)
{
  StapleReview *self = g_new0 (StapleReview, 1);

  g_return_val_if_fail (organisation != NULL && today != NULL, NULL);

  self->organisation = g_strdup (organisation);
  self->today = g_strdup (today);
  self->walks = new_array (sizeof (StapleReviewWalk), walk_clear);
  self->principles = new_array (sizeof (StapleReviewPrinciple), principle_clear);
  self->kinds = new_array (sizeof (StapleReviewKind), NULL);
  self->waits = new_array (sizeof (StapleReviewWait), wait_clear);
  self->actions = new_array (sizeof (StapleReviewAction), action_clear);
  self->owners = new_array (sizeof (StapleReviewOwner), owner_clear);
  self->empowerments = new_array (sizeof (StapleReviewEmpowerment), empowerment_clear);
  return self;
}

void
staple_review_free (StapleReview *self)
{
  if (self == NULL)
    return;

  g_free (self->organisation);
  g_free (self->today);
  g_array_unref (self->walks);
  g_array_unref (self->principles);
  g_array_unref (self->kinds);
  g_array_unref (self->waits);
  g_array_unref (self->actions);
  g_array_unref (self->owners);
  g_array_unref (self->empowerments);
  g_free (self);
}

/**
 * staple_review_find_walk:
 *
 * Returns: the index of @session_id's walk, or G_MAXUINT
 */
guint
staple_review_find_walk (StapleReview *self,
                         gint64        session_id)
{
  for (guint i = 0; i < self->walks->len; i++)
    {
      if (g_array_index (self->walks, StapleReviewWalk, i).session_id == session_id)
        return i;
    }

  return G_MAXUINT;
}

/**
 * staple_review_count_principle:
 * @friction_id: one of the friction points it is behind in that walk
 *
 * Adds that @n_frictions friction points of @session_id's walk are traced to
 * @principle. The walks are all added first.
 */
void
staple_review_count_principle (StapleReview   *self,
                               gint64          session_id,
                               StaplePrinciple principle,
                               guint           n_frictions,
                               gint64          friction_id)
{
  guint walk = staple_review_find_walk (self, session_id);
  StapleReviewPrinciple *entry = NULL;

  g_return_if_fail (walk != G_MAXUINT);

  for (guint i = 0; i < self->principles->len && entry == NULL; i++)
    {
      if (g_array_index (self->principles, StapleReviewPrinciple, i).principle == principle)
        entry = &g_array_index (self->principles, StapleReviewPrinciple, i);
    }
  if (entry == NULL)
    {
      StapleReviewPrinciple added = { principle, NULL };

      added.counts = g_array_new (FALSE, TRUE, sizeof (guint));
      g_array_set_size (added.counts, self->walks->len);
      g_array_append_val (self->principles, added);
      entry = &g_array_index (self->principles, StapleReviewPrinciple,
                              self->principles->len - 1);
    }

  g_array_index (entry->counts, guint, walk) += n_frictions;
  /* The latest walk's, as the walks come by date. */
  if (n_frictions > 0 &&
      (entry->session_id == 0 ||
       walk >= staple_review_find_walk (self, entry->session_id)))
    {
      entry->session_id = session_id;
      entry->friction_id = friction_id;
    }
}

/**
 * staple_review_count_kind:
 * @friction_id: one of the friction points of that kind in that walk
 *
 * Adds that @session_id's walk has @n_frictions friction points of @kind;
 * the kind links to one in the latest walk that has it. The walks are all
 * added first.
 */
void
staple_review_count_kind (StapleReview       *self,
                          gint64              session_id,
                          StapleFrictionKind  kind,
                          guint               n_frictions,
                          gint64              friction_id)
{
  guint walk = staple_review_find_walk (self, session_id);
  StapleReviewKind *entry = NULL;

  g_return_if_fail (walk != G_MAXUINT);

  if (n_frictions == 0)
    return;
  for (guint i = 0; i < self->kinds->len && entry == NULL; i++)
    {
      if (g_array_index (self->kinds, StapleReviewKind, i).kind == kind)
        entry = &g_array_index (self->kinds, StapleReviewKind, i);
    }
  if (entry == NULL)
    {
      StapleReviewKind added = { kind };

      g_array_append_val (self->kinds, added);
      entry = &g_array_index (self->kinds, StapleReviewKind, self->kinds->len - 1);
    }

  /* Two nicks a damaged file made one kind count once a walk (a walk's
   * rows come together). */
  if (entry->counted_id != session_id)
    entry->n_walks++;
  entry->counted_id = session_id;
  entry->n_frictions += n_frictions;
  if (entry->session_id == 0 || walk >= staple_review_find_walk (self, entry->session_id))
    {
      entry->session_id = session_id;
      entry->friction_id = friction_id;
    }
}

static int
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      data)
{
  StapleReview *self = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int by_due = strcmp (g_array_index (self->actions, StapleReviewAction, i).due,
                       g_array_index (self->actions, StapleReviewAction, j).due);

  return by_due != 0 ? by_due : (int) i - (int) j;
}

/**
 * staple_review_list_overdue:
 *
 * Returns: (transfer full): the indices (guint) in @self's actions of those
 *   overdue, the longest overdue first
 */
GArray *
staple_review_list_overdue (StapleReview *self)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->actions->len; i++)
    if (g_array_index (self->actions, StapleReviewAction, i).overdue)
      g_array_append_val (indices, i);
  g_array_sort_with_data (indices, compare_due, self);
  return indices;
}

/**
 * staple_review_trend_get_label:
 *
 * Returns: the trend's name, as the review shows it
 */
const char *
staple_review_trend_get_label (StapleReviewTrend trend)
{
  switch (trend)
    {
    case STAPLE_REVIEW_TREND_RECURRING:
      return _("Recurring");
    case STAPLE_REVIEW_TREND_GONE:
      return _("Gone");
    case STAPLE_REVIEW_TREND_NEW:
      return _("New");
    case STAPLE_REVIEW_TREND_ONCE:
    default:
      return _("Once");
    }
}

/**
 * staple_review_name_walk:
 *
 * Returns: (transfer full): which walk @session_id is, as a line of the
 *   review names it: "Returns — follow-up (2026-03-10)", or "—"
 */
char *
staple_review_name_walk (StapleReview *self,
                         gint64        session_id)
{
  guint i = staple_review_find_walk (self, session_id);
  StapleReviewWalk *walk;

  if (i == G_MAXUINT)
    return g_strdup ("—");
  walk = &g_array_index (self->walks, StapleReviewWalk, i);
  if (*walk->date == '\0')
    return g_strdup (walk->title);
  return g_strdup_printf ("%s (%s)", walk->title, walk->date);
}

static char *
text_key (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *folded = g_utf8_casefold (stripped, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

/**
 * staple_review_add_empowerment:
 *
 * Adds a decision handed on, unless an earlier walk listed it already
 * (Walk Again carries the list into the next walk): the store adds them
 * by date, so each keeps the date it was first handed on.
 */
void
staple_review_add_empowerment (StapleReview *self,
                               gint64        session_id,
                               gint64        empowerment_id,
                               const char   *text,
                               const char   *date)
{
  g_autofree char *key = text_key (text);
  StapleReviewEmpowerment item = { 0 };

  if (*key == '\0')
    return;

  for (guint i = 0; i < self->empowerments->len; i++)
    {
      StapleReviewEmpowerment *other = &g_array_index (self->empowerments,
                                                       StapleReviewEmpowerment, i);
      g_autofree char *other_key = text_key (other->text);

      if (g_str_equal (key, other_key))
        return;
    }

  item.session_id = session_id;
  item.empowerment_id = empowerment_id;
  item.text = g_strdup (text);
  item.date = g_strdup (date);
  g_array_append_val (self->empowerments, item);
}

/* Each walk's journey: the first walk reached by following the Walk Again
 * links back, within this organisation's walks (a loop, which only a
 * hand-edited file could make, ends where it closes). */
static void
find_journeys (StapleReview *self)
{
  g_autoptr(GHashTable) journeys = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = self->walks->len;

  for (guint i = 0; i < n; i++)
    {
      StapleReviewWalk *walk = &g_array_index (self->walks, StapleReviewWalk, i);
      guint at = i;

      for (guint steps = 0; steps < n; steps++)
        {
          guint previous = staple_review_find_walk (self, g_array_index (self->walks,
                                                                          StapleReviewWalk,
                                                                          at).previous_id);

          if (previous == G_MAXUINT || previous == i)
            break;
          at = previous;
        }
      walk->journey_id = g_array_index (self->walks, StapleReviewWalk, at).session_id;
      g_hash_table_add (journeys, &walk->journey_id);

      walk->latest = TRUE;
      for (guint j = 0; j < n; j++)
        {
          if (j != i && g_array_index (self->walks, StapleReviewWalk, j).previous_id ==
                        walk->session_id)
            walk->latest = FALSE;
        }
    }

  self->n_journeys = g_hash_table_size (journeys);
}

static StapleReviewTrend
principle_trend (StapleReview          *self,
                 StapleReviewPrinciple *principle)
{
  gboolean in_latest = FALSE;
  gboolean after_earlier = FALSE;

  for (guint i = 0; i < self->walks->len; i++)
    {
      StapleReviewWalk *walk = &g_array_index (self->walks, StapleReviewWalk, i);

      if (g_array_index (principle->counts, guint, i) == 0 || !walk->latest)
        continue;
      in_latest = TRUE;
      if (walk->previous_id != 0 && staple_review_find_walk (self, walk->previous_id) != G_MAXUINT)
        after_earlier = TRUE;
    }

  if (!in_latest)
    return STAPLE_REVIEW_TREND_GONE;
  if (principle->n_walks >= 2)
    return STAPLE_REVIEW_TREND_RECURRING;
  return after_earlier ? STAPLE_REVIEW_TREND_NEW : STAPLE_REVIEW_TREND_ONCE;
}

static int
compare_principles (gconstpointer a,
                    gconstpointer b)
{
  const StapleReviewPrinciple *x = a, *y = b;

  if (x->n_walks != y->n_walks)
    return x->n_walks > y->n_walks ? -1 : 1;
  if (x->n_frictions != y->n_frictions)
    return x->n_frictions > y->n_frictions ? -1 : 1;
  return (int) x->principle - (int) y->principle;
}

static int
compare_kinds (gconstpointer a,
               gconstpointer b)
{
  const StapleReviewKind *x = a, *y = b;

  if (x->n_frictions != y->n_frictions)
    return x->n_frictions > y->n_frictions ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static StapleReviewOwner *
find_owner (StapleReview *self,
            const char   *name)
{
  StapleReviewOwner owner = { 0 };

  for (guint i = 0; i < self->owners->len; i++)
    {
      StapleReviewOwner *other = &g_array_index (self->owners, StapleReviewOwner, i);

      if (g_str_equal (other->owner, name))
        return other;
    }

  owner.owner = g_strdup (name);
  g_array_append_val (self->owners, owner);
  return &g_array_index (self->owners, StapleReviewOwner, self->owners->len - 1);
}

static int
compare_owners (gconstpointer a,
                gconstpointer b)
{
  const StapleReviewOwner *x = a, *y = b;

  if (x->n_overdue != y->n_overdue)
    return x->n_overdue > y->n_overdue ? -1 : 1;
  if (x->n_open != y->n_open)
    return x->n_open > y->n_open ? -1 : 1;
  /* Nobody's actions last among equals; the rest by name. */
  if ((*x->owner == '\0') != (*y->owner == '\0'))
    return *x->owner == '\0' ? 1 : -1;
  return g_utf8_collate (x->owner, y->owner);
}

static guint
julian_of (const char *date)
{
  GDate day;

  if (!staple_date_is_valid (date))
    return 0;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_ascii_strtoull (date + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (date + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (date, NULL, 10));
  return g_date_valid (&day) ? g_date_get_julian (&day) : 0;
}

/* The day the promise was made: the date of the first walk of its journey
 * that has an action of that text (Walk Again carries it on unchanged). */
static guint
agreed_on (StapleReview       *self,
           StapleReviewAction *action)
{
  guint walk = staple_review_find_walk (self, action->session_id);
  g_autofree char *key = text_key (action->text);
  gint64 journey;
  guint first;

  if (walk == G_MAXUINT)
    return 0;
  journey = g_array_index (self->walks, StapleReviewWalk, walk).journey_id;
  first = julian_of (g_array_index (self->walks, StapleReviewWalk, walk).date);

  for (guint i = 0; i < self->actions->len; i++)
    {
      StapleReviewAction *other = &g_array_index (self->actions, StapleReviewAction, i);
      guint other_walk = staple_review_find_walk (self, other->session_id);
      g_autofree char *other_key = NULL;
      guint day;

      if (other_walk == G_MAXUINT ||
          g_array_index (self->walks, StapleReviewWalk, other_walk).journey_id != journey)
        continue;
      day = julian_of (g_array_index (self->walks, StapleReviewWalk, other_walk).date);
      if (day == 0 || (first != 0 && day >= first))
        continue;
      other_key = text_key (other->text);
      if (g_str_equal (key, other_key))
        first = day;
    }

  return first;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

static guint
median (GArray *days)
{
  if (days->len == 0)
    return 0;

  g_array_sort (days, compare_days);
  return g_array_index (days, guint, days->len / 2);
}

/* Walk Again copies the actions still open into the next walk: there they
 * are counted, as done, open or overdue, and not again in the walk they
 * came from. What an earlier walk did or dropped stays its own. */
static void
count_actions (StapleReview *self)
{
  g_autoptr(GArray) all_days = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) owner_days = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  g_array_set_size (self->owners, 0);

  for (guint i = 0; i < self->actions->len; i++)
    {
      StapleReviewAction *action = &g_array_index (self->actions, StapleReviewAction, i);
      guint walk = staple_review_find_walk (self, action->session_id);
      gboolean finished = action->status == STAPLE_ACTION_STATUS_DONE ||
                          action->status == STAPLE_ACTION_STATUS_DROPPED;
      StapleReviewOwner *owner;

      action->counted = finished ||
                        (walk != G_MAXUINT &&
                         g_array_index (self->walks, StapleReviewWalk, walk).latest);
      action->overdue = action->counted && !finished && *action->due != '\0' &&
                        strcmp (action->due, self->today) < 0;
      if (!action->counted)
        continue;

      owner = find_owner (self, action->owner);
      action->days = -1;
      if (action->status == STAPLE_ACTION_STATUS_DONE)
        {
          guint done = julian_of (action->done_on);
          guint agreed = done != 0 ? agreed_on (self, action) : 0;

          if (agreed != 0)
            {
              guint days = done > agreed ? done - agreed : 0;
              guint index = (guint) (owner - (StapleReviewOwner *) (gpointer) self->owners->data);

              action->days = (int) MIN (days, (guint) G_MAXINT);
              while (owner_days->len <= index)
                g_ptr_array_add (owner_days, g_array_new (FALSE, FALSE, sizeof (guint)));
              g_array_append_val (g_ptr_array_index (owner_days, index), days);
              g_array_append_val (all_days, days);
            }
        }
      if (action->status == STAPLE_ACTION_STATUS_DONE)
        owner->n_done++;
      else if (action->status == STAPLE_ACTION_STATUS_DROPPED)
        owner->n_dropped++;
      else
        owner->n_open++;
      if (action->overdue)
        owner->n_overdue++;
    }

  /* Before sorting: the days are by the owners' places as found. */
  for (guint i = 0; i < owner_days->len; i++)
    {
      StapleReviewOwner *owner = &g_array_index (self->owners, StapleReviewOwner, i);
      GArray *days = g_ptr_array_index (owner_days, i);

      owner->n_timed = days->len;
      owner->median_days = median (days);
    }
  self->n_timed = all_days->len;
  self->median_days = median (all_days);

  g_array_sort (self->owners, compare_owners);
}

/**
 * staple_review_finish:
 *
 * Derives, from the walks and the figures the store added, each walk's
 * journey and whether it is the latest, each principle's trend, and which
 * actions count (and are overdue), by owner. Call it once all is added.
 */
void
staple_review_finish (StapleReview *self)
{
  g_return_if_fail (self != NULL);

  find_journeys (self);

  for (guint i = 0; i < self->principles->len; i++)
    {
      StapleReviewPrinciple *principle = &g_array_index (self->principles,
                                                         StapleReviewPrinciple, i);

      principle->n_walks = 0;
      principle->n_frictions = 0;
      for (guint j = 0; j < principle->counts->len; j++)
        {
          guint n = g_array_index (principle->counts, guint, j);

          principle->n_walks += n > 0;
          principle->n_frictions += n;
        }
      principle->trend = principle_trend (self, principle);
    }
  g_array_sort (self->principles, compare_principles);
  g_array_sort (self->kinds, compare_kinds);

  count_actions (self);
}
