/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "staple-catalogue.h"
#include "staple-compare.h"

/* What changed between two walks of the same journey: stages added and
 * removed, friction points resolved, new and kept, the earlier walk's actions
 * done or still open, the lead, work and waiting times, and the times and
 * feelings of both walks stage by stage. Pure functions of the two
 * sessions; nothing here changes them.
 *
 * Walks are matched by what the room typed, not by ids: a walk again gets
 * fresh ids, and people retype a sticky note with other capitals or spaces.
 * Every match is one to one, taken in map order, so the result is the same
 * each time. */

typedef struct
{
  StapleFriction *friction;
  char           *stage_key;
  char           *text_key;
  gboolean        matched;
} FrictionEntry;

/* Casefolded, whitespace runs collapsed to one space, trimmed. */
static char *
normalise (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (folded));
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
stage_key (StapleStage *stage)
{
  return normalise (staple_stage_get_name (stage));
}

static void
free_queue (gpointer data)
{
  g_queue_free (data);
}

/* Appends @value to the queue under @key, taking @key. */
static void
push_keyed (GHashTable *table,
            char       *key,
            gpointer    value)
{
  GQueue *queue = g_hash_table_lookup (table, key);

  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (table, key, queue);
    }
  else
    g_free (key);

  g_queue_push_tail (queue, value);
}

static GPtrArray *
list_stages (StapleSession *session)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  guint n = g_list_model_get_n_items (stages);
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (stages, i));

  return array;
}

static void
clear_stage (gpointer data)
{
  StapleCompareStage *entry = data;

  g_clear_pointer (&entry->stage_name, g_free);
}

static void
append_stage (GArray      *stages,
              StapleStage *earlier,
              StapleStage *later)
{
  StapleStage *named = later != NULL ? later : earlier;
  StapleCompareStage entry = {
    .stage_name = g_strdup (staple_stage_get_name (named)),
    .in_earlier = earlier != NULL,
    .in_later = later != NULL,
    .customer_earlier = earlier != NULL ? staple_stage_get_customer_feeling (earlier) : 0,
    .customer_later = later != NULL ? staple_stage_get_customer_feeling (later) : 0,
    .staff_earlier = earlier != NULL ? staple_stage_get_staff_feeling (earlier) : 0,
    .staff_later = later != NULL ? staple_stage_get_staff_feeling (later) : 0,
    .work_earlier = earlier != NULL ? MAX (staple_stage_get_work_minutes (earlier), 0) : 0,
    .work_later = later != NULL ? MAX (staple_stage_get_work_minutes (later), 0) : 0,
    .wait_earlier = earlier != NULL ? MAX (staple_stage_get_wait_minutes (earlier), 0) : 0,
    .wait_later = later != NULL ? MAX (staple_stage_get_wait_minutes (later), 0) : 0,
  };

  /* A follow-up's stages start with no times: none noted is not none taken. */
  entry.timed_earlier = entry.in_earlier && entry.work_earlier + entry.wait_earlier > 0;
  entry.timed_later = entry.in_later && entry.work_later + entry.wait_later > 0;
  g_array_append_val (stages, entry);
}

/* Pairs the stages by name: the later walk's in its order, each with the
 * first unpaired earlier stage of that name; what is left over of the
 * earlier walk was removed. */
static void
compare_stages (StapleComparison *comparison,
                StapleSession    *earlier,
                StapleSession    *later)
{
  g_autoptr(GPtrArray) old_stages = list_stages (earlier);
  g_autoptr(GPtrArray) new_stages = list_stages (later);
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GHashTable) paired = g_hash_table_new (NULL, NULL);

  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_queue);
  for (guint i = 0; i < old_stages->len; i++)
    push_keyed (by_name, stage_key (old_stages->pdata[i]), old_stages->pdata[i]);

  for (guint i = 0; i < new_stages->len; i++)
    {
      StapleStage *stage = new_stages->pdata[i];
      g_autofree char *key = stage_key (stage);
      GQueue *queue = g_hash_table_lookup (by_name, key);
      StapleStage *match = queue != NULL ? g_queue_pop_head (queue) : NULL;

      if (match != NULL)
        g_hash_table_add (paired, match);
      else
        g_ptr_array_add (comparison->stages_added, g_object_ref (stage));
      append_stage (comparison->stages, match, stage);
    }

  for (guint i = 0; i < old_stages->len; i++)
    {
      StapleStage *stage = old_stages->pdata[i];

      if (g_hash_table_contains (paired, stage))
        continue;
      g_ptr_array_add (comparison->stages_removed, g_object_ref (stage));
      append_stage (comparison->stages, stage, NULL);
    }
}

static void
clear_friction_entry (gpointer data)
{
  FrictionEntry *entry = data;

  g_clear_object (&entry->friction);
  g_clear_pointer (&entry->stage_key, g_free);
  g_clear_pointer (&entry->text_key, g_free);
}

/* Every friction point of @session in map order, with its match keys. */
static GArray *
list_frictions (StapleSession *session)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  guint n_stages = g_list_model_get_n_items (stages);
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (FrictionEntry));

  g_array_set_clear_func (entries, clear_friction_entry);

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      guint n_frictions = g_list_model_get_n_items (frictions);

      for (guint f = 0; f < n_frictions; f++)
        {
          FrictionEntry entry = {
            .friction = g_list_model_get_item (frictions, f),
            .stage_key = stage_key (stage),
          };

          entry.text_key = normalise (staple_friction_get_text (entry.friction));
          g_array_append_val (entries, entry);
        }
    }

  return entries;
}

/* The first unmatched entry in @queue, marked matched, or %NULL. */
static FrictionEntry *
take_unmatched (GQueue *queue)
{
  if (queue == NULL)
    return NULL;

  for (GList *l = queue->head; l != NULL; l = l->next)
    {
      FrictionEntry *entry = l->data;

      if (!entry->matched)
        {
          entry->matched = TRUE;
          return entry;
        }
    }

  return NULL;
}

/* Two passes, so that a note kept on its own stage is never taken by a
 * same-text note of another stage first: by stage and text, then by text
 * alone for the notes that moved stage. */
static void
compare_frictions (StapleComparison *comparison,
                   StapleSession    *earlier,
                   StapleSession    *later)
{
  g_autoptr(GArray) old_entries = list_frictions (earlier);
  g_autoptr(GArray) new_entries = list_frictions (later);
  g_autoptr(GHashTable) by_place = NULL;
  g_autoptr(GHashTable) by_text = NULL;

  by_place = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_queue);
  by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_queue);
  for (guint i = 0; i < old_entries->len; i++)
    {
      FrictionEntry *entry = &g_array_index (old_entries, FrictionEntry, i);

      /* The unit separator cannot be typed into a stage name. */
      push_keyed (by_place, g_strconcat (entry->stage_key, "\x1f", entry->text_key, NULL),
                  entry);
      push_keyed (by_text, g_strdup (entry->text_key), entry);
    }

  for (guint i = 0; i < new_entries->len; i++)
    {
      FrictionEntry *entry = &g_array_index (new_entries, FrictionEntry, i);
      g_autofree char *place = g_strconcat (entry->stage_key, "\x1f", entry->text_key, NULL);

      entry->matched = take_unmatched (g_hash_table_lookup (by_place, place)) != NULL;
    }

  for (guint i = 0; i < new_entries->len; i++)
    {
      FrictionEntry *entry = &g_array_index (new_entries, FrictionEntry, i);

      if (!entry->matched)
        entry->matched = take_unmatched (g_hash_table_lookup (by_text, entry->text_key)) != NULL;
    }

  for (guint i = 0; i < new_entries->len; i++)
    {
      FrictionEntry *entry = &g_array_index (new_entries, FrictionEntry, i);
      GPtrArray *target = entry->matched ? comparison->frictions_kept : comparison->frictions_new;

      g_ptr_array_add (target, g_object_ref (entry->friction));
    }

  for (guint i = 0; i < old_entries->len; i++)
    {
      FrictionEntry *entry = &g_array_index (old_entries, FrictionEntry, i);

      if (!entry->matched)
        g_ptr_array_add (comparison->frictions_resolved, g_object_ref (entry->friction));
    }
}

/* The earlier walk's actions by what became of them. An action not done
 * was carried into the later walk as a copy with the same text, whose
 * status is the newer word on it; without a copy, the earlier status stands. */
static void
compare_actions (StapleComparison *comparison,
                 StapleSession    *earlier,
                 StapleSession    *later)
{
  GListModel *old_actions = G_LIST_MODEL (staple_session_get_actions (earlier));
  GListModel *new_actions = G_LIST_MODEL (staple_session_get_actions (later));
  guint n_old = g_list_model_get_n_items (old_actions);
  guint n_new = g_list_model_get_n_items (new_actions);
  g_autoptr(GHashTable) copies = NULL;

  copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_queue);
  for (guint i = 0; i < n_new; i++)
    {
      /* The later session keeps its actions alive as long as @copies. */
      g_autoptr(StapleAction) copy = g_list_model_get_item (new_actions, i);

      push_keyed (copies, normalise (staple_action_get_text (copy)), copy);
    }

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (old_actions, i);
      StapleActionStatus status = staple_action_get_status (action);

      if (status != STAPLE_ACTION_STATUS_DONE && status != STAPLE_ACTION_STATUS_DROPPED)
        {
          g_autofree char *key = normalise (staple_action_get_text (action));
          GQueue *queue = g_hash_table_lookup (copies, key);
          StapleAction *copy = queue != NULL ? g_queue_pop_head (queue) : NULL;

          if (copy != NULL)
            status = staple_action_get_status (copy);
        }

      if (status == STAPLE_ACTION_STATUS_DONE)
        g_ptr_array_add (comparison->actions_done, g_object_ref (action));
      else if (status != STAPLE_ACTION_STATUS_DROPPED)
        g_ptr_array_add (comparison->actions_open, g_object_ref (action));
    }
}

/**
 * staple_compare_walks:
 * @earlier: the first walk of a journey
 * @later: a walk of the same journey made after it
 *
 * Compares two walks of the same journey. Stages match by name, friction
 * points by text (first within a stage of the same name, then anywhere),
 * and actions by text, all ignoring case and extra whitespace. Each list
 * is in map order. The totals of both walks come along, for their lead,
 * work and waiting times.
 *
 * Returns: (transfer full): the comparison; free it with
 *   staple_comparison_free()
 */
StapleComparison *
staple_compare_walks (StapleSession *earlier,
                      StapleSession *later)
{
  StapleComparison *comparison;

  g_return_val_if_fail (STAPLE_IS_SESSION (earlier), NULL);
  g_return_val_if_fail (STAPLE_IS_SESSION (later), NULL);

  comparison = g_new0 (StapleComparison, 1);
  comparison->stages_added = g_ptr_array_new_with_free_func (g_object_unref);
  comparison->stages_removed = g_ptr_array_new_with_free_func (g_object_unref);
  comparison->frictions_resolved = g_ptr_array_new_with_free_func (g_object_unref);
  comparison->frictions_new = g_ptr_array_new_with_free_func (g_object_unref);
  comparison->frictions_kept = g_ptr_array_new_with_free_func (g_object_unref);
  comparison->actions_done = g_ptr_array_new_with_free_func (g_object_unref);
  comparison->actions_open = g_ptr_array_new_with_free_func (g_object_unref);
  comparison->stages = g_array_new (FALSE, TRUE, sizeof (StapleCompareStage));
  g_array_set_clear_func (comparison->stages, clear_stage);

  staple_summary_journey_totals (earlier, &comparison->totals_earlier);
  staple_summary_journey_totals (later, &comparison->totals_later);
  compare_stages (comparison, earlier, later);
  for (guint i = 0; i < comparison->stages->len; i++)
    {
      const StapleCompareStage *entry = &g_array_index (comparison->stages, StapleCompareStage, i);

      comparison->n_untimed_later += entry->timed_earlier && entry->in_later &&
                                     !entry->timed_later;
    }
  compare_frictions (comparison, earlier, later);
  compare_actions (comparison, earlier, later);

  return comparison;
}

/**
 * staple_comparison_free:
 * @comparison: (nullable): a comparison from staple_compare_walks()
 *
 * Frees @comparison and drops the references it holds.
 */
void
staple_comparison_free (StapleComparison *comparison)
{
  if (comparison == NULL)
    return;

  g_clear_pointer (&comparison->stages_added, g_ptr_array_unref);
  g_clear_pointer (&comparison->stages_removed, g_ptr_array_unref);
  g_clear_pointer (&comparison->frictions_resolved, g_ptr_array_unref);
  g_clear_pointer (&comparison->frictions_new, g_ptr_array_unref);
  g_clear_pointer (&comparison->frictions_kept, g_ptr_array_unref);
  g_clear_pointer (&comparison->actions_done, g_ptr_array_unref);
  g_clear_pointer (&comparison->actions_open, g_ptr_array_unref);
  g_clear_pointer (&comparison->stages, g_array_unref);
  g_free (comparison);
}

/**
 * staple_compare_format_times:
 * @in_earlier: whether the earlier walk has the time at all
 * @earlier: the time on the earlier walk, in minutes
 * @in_later: whether the later walk has it
 * @later: the time on the later walk, in minutes
 *
 * Shows a time before and after, as staple_format_minutes() writes each:
 * "9 h → 30 min"; a dash stands for the walk without it (a stage added or
 * removed).
 *
 * Returns: (transfer full): the two times as text
 */
char *
staple_compare_format_times (gboolean in_earlier,
                             guint    earlier,
                             gboolean in_later,
                             guint    later)
{
  g_autofree char *before = in_earlier ? staple_format_minutes (earlier) : g_strdup ("—");
  g_autofree char *after = in_later ? staple_format_minutes (later) : g_strdup ("—");

  /* Translators: a time on the earlier walk, then on the later, e.g.
   * "9 h → 30 min" */
  return g_strdup_printf (_("%s → %s"), before, after);
}

/**
 * staple_compare_format_difference:
 * @earlier: a time on the earlier walk, in minutes
 * @later: the same time on the later walk
 *
 * Says how much a time changed: "8 h 30 min shorter", "2 h longer" or
 * "unchanged", the amount as staple_format_minutes() writes it.
 *
 * Returns: (transfer full): the change as text
 */
char *
staple_compare_format_difference (guint earlier,
                                  guint later)
{
  g_autofree char *amount = NULL;

  if (earlier == later)
    return g_strdup (_("unchanged"));

  amount = staple_format_minutes (earlier > later ? earlier - later : later - earlier);
  if (later < earlier)
    /* Translators: how much less time something takes now, e.g. "8 h 30 min shorter" */
    return g_strdup_printf (_("%s shorter"), amount);

  /* Translators: how much more time something takes now, e.g. "2 h longer" */
  return g_strdup_printf (_("%s longer"), amount);
}

/**
 * staple_compare_describe_untimed:
 * @comparison: a comparison from staple_compare_walks()
 *
 * Says how many stages the earlier walk timed and the later has not timed
 * yet, which the later walk's totals count as taking no time.
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when there
 *   are none
 */
char *
staple_compare_describe_untimed (const StapleComparison *comparison)
{
  g_return_val_if_fail (comparison != NULL, NULL);

  if (comparison->n_untimed_later == 0)
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u stage has no time noted on this walk yet: the "
                                       "totals count it as none.",
                                       "%u stages have no time noted on this walk yet: the "
                                       "totals count them as none.",
                                       comparison->n_untimed_later),
                          comparison->n_untimed_later);
}
