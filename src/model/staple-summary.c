/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include "staple-enum-types.h"
#include "staple-summary.h"

/* What the Prioritise and Close phases show: friction points ranked by the
 * room's dots, root causes counted by principle, and the totals of the
 * journey. Pure functions of a session; nothing here changes it. */

typedef struct
{
  StapleFriction *friction;
  guint           votes;
  int             severity;
  guint           stage_index;
  guint           friction_index;
} RankEntry;

/* Votes per friction id, counted in one pass over the votes. Friction id 0
 * means "not stored yet", which no vote can point at, so it is skipped. */
static GHashTable *
count_votes_by_friction (StapleSession *session)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (session));
  GHashTable *counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (votes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);
      gint64 friction_id = staple_vote_get_friction_id (vote);
      gpointer count;

      if (friction_id == 0)
        continue;

      count = g_hash_table_lookup (counts, &friction_id);
      if (count == NULL)
        g_hash_table_insert (counts, g_memdup2 (&friction_id, sizeof friction_id),
                             GUINT_TO_POINTER (1));
      else
        g_hash_table_replace (counts, g_memdup2 (&friction_id, sizeof friction_id),
                              GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }

  return counts;
}

static guint
lookup_votes (GHashTable     *counts,
              StapleFriction *friction)
{
  gint64 id = staple_friction_get_id (friction);

  if (id == 0)
    return 0;

  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));
}

static int
compare_rank_entries (gconstpointer a,
                      gconstpointer b)
{
  const RankEntry *x = a;
  const RankEntry *y = b;

  if (x->votes != y->votes)
    return x->votes > y->votes ? -1 : 1;
  if (x->severity != y->severity)
    return x->severity > y->severity ? -1 : 1;
  if (x->stage_index != y->stage_index)
    return x->stage_index < y->stage_index ? -1 : 1;
  if (x->friction_index != y->friction_index)
    return x->friction_index < y->friction_index ? -1 : 1;
  return 0;
}

/**
 * staple_summary_rank_frictions:
 * @session: a #StapleSession
 *
 * Ranks the friction points of @session as the Prioritise phase shows them:
 * most votes first, then the most severe, then in map order (stage by stage,
 * left to right, and top to bottom within a stage). Map order makes every
 * place in the ranking unique, so the result never depends on the sort.
 *
 * Returns: (transfer container) (element-type StapleFriction): the friction
 *   points, each with a reference held by the array
 */
GPtrArray *
staple_summary_rank_frictions (StapleSession *session)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GArray) entries = NULL;
  GListModel *stages;
  GPtrArray *ranked;
  guint n_stages;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);

  counts = count_votes_by_friction (session);
  entries = g_array_new (FALSE, FALSE, sizeof (RankEntry));
  stages = G_LIST_MODEL (staple_session_get_stages (session));
  n_stages = g_list_model_get_n_items (stages);

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      guint n_frictions = g_list_model_get_n_items (frictions);

      for (guint f = 0; f < n_frictions; f++)
        {
          /* The stage keeps its friction points alive until the array holds them. */
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);
          RankEntry entry = {
            .friction = friction,
            .votes = lookup_votes (counts, friction),
            .severity = staple_friction_get_severity (friction),
            .stage_index = s,
            .friction_index = f,
          };

          g_array_append_val (entries, entry);
        }
    }

  g_array_sort (entries, compare_rank_entries);

  ranked = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (ranked, g_object_ref (g_array_index (entries, RankEntry, i).friction));

  return ranked;
}

static int
compare_principle_counts (gconstpointer a,
                          gconstpointer b)
{
  const StaplePrincipleCount *x = a;
  const StaplePrincipleCount *y = b;

  if (x->n_frictions != y->n_frictions)
    return x->n_frictions > y->n_frictions ? -1 : 1;
  if (x->n_votes != y->n_votes)
    return x->n_votes > y->n_votes ? -1 : 1;
  if (x->principle != y->principle)
    return x->principle < y->principle ? -1 : 1;
  return 0;
}

/**
 * staple_summary_count_principles:
 * @session: a #StapleSession
 *
 * Counts, for each principle of the catalogue, the friction points of
 * @session that go against it, the votes on them and their highest severity.
 * Principles no friction point goes against are left out, and so is
 * %STAPLE_PRINCIPLE_NONE. The most touched principle comes first: by number
 * of friction points, then by votes, then in catalogue order.
 *
 * Returns: (transfer full) (element-type StaplePrincipleCount): the counts
 */
GArray *
staple_summary_count_principles (StapleSession *session)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree StaplePrincipleCount *all = NULL;
  GListModel *stages;
  GArray *result;
  guint n_principles;
  guint n_stages;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);

  enum_class = g_type_class_ref (STAPLE_TYPE_PRINCIPLE);
  n_principles = (guint) enum_class->maximum + 1;
  all = g_new0 (StaplePrincipleCount, n_principles);
  counts = count_votes_by_friction (session);
  stages = G_LIST_MODEL (staple_session_get_stages (session));
  n_stages = g_list_model_get_n_items (stages);

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      guint n_frictions = g_list_model_get_n_items (frictions);

      for (guint f = 0; f < n_frictions; f++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);
          guint principle = staple_friction_get_principle (friction);
          guint severity = (guint) MAX (staple_friction_get_severity (friction), 0);
          StaplePrincipleCount *count;

          if (principle == STAPLE_PRINCIPLE_NONE || principle >= n_principles)
            continue;

          count = &all[principle];
          count->principle = principle;
          count->n_frictions++;
          count->n_votes += lookup_votes (counts, friction);
          count->max_severity = MAX (count->max_severity, severity);
        }
    }

  result = g_array_new (FALSE, FALSE, sizeof (StaplePrincipleCount));
  for (guint p = 0; p < n_principles; p++)
    {
      if (all[p].n_frictions > 0)
        g_array_append_val (result, all[p]);
    }
  g_array_sort (result, compare_principle_counts);

  return result;
}

/* Saturates rather than wraps: a silly total is better than a small one. */
static guint
add_minutes (guint   total,
             guint64 minutes)
{
  guint64 sum = (guint64) total + minutes;

  return (guint) MIN (sum, (guint64) G_MAXUINT);
}

/**
 * staple_summary_journey_totals:
 * @session: a #StapleSession
 * @totals: (out caller-allocates): where to put the totals
 *
 * Adds up the journey of @session for the map and the summary: stages,
 * friction points, dropped stages, work and waiting time, the lead time
 * (work plus waiting), and the handoffs: each place where the work changes
 * hands, as staple_summary_is_handoff() tells, counted once.
 */
void
staple_summary_journey_totals (StapleSession       *session,
                               StapleJourneyTotals *totals)
{
  GListModel *stages;

  g_return_if_fail (STAPLE_IS_SESSION (session));
  g_return_if_fail (totals != NULL);

  *totals = (StapleJourneyTotals) { 0, };
  stages = G_LIST_MODEL (staple_session_get_stages (session));
  totals->n_stages = g_list_model_get_n_items (stages);

  for (guint s = 0; s < totals->n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      g_autoptr(StapleStage) previous = s > 0 ? g_list_model_get_item (stages, s - 1) : NULL;
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      int work = staple_stage_get_work_minutes (stage);
      int wait = staple_stage_get_wait_minutes (stage);

      totals->n_frictions += g_list_model_get_n_items (frictions);
      if (staple_stage_get_dropped (stage))
        totals->n_dropped++;
      if (staple_summary_is_handoff (previous, stage))
        totals->n_handoffs++;
      totals->work_minutes = add_minutes (totals->work_minutes, (guint64) MAX (work, 0));
      totals->wait_minutes = add_minutes (totals->wait_minutes, (guint64) MAX (wait, 0));
    }

  totals->lead_minutes = add_minutes (totals->work_minutes, totals->wait_minutes);
}

/**
 * staple_summary_count_votes:
 * @session: a #StapleSession
 * @friction: a friction point of @session
 *
 * Counts the dots the room put on @friction. A friction point that is not
 * stored yet (id 0) has none.
 *
 * Returns: the number of votes
 */
guint
staple_summary_count_votes (StapleSession  *session,
                            StapleFriction *friction)
{
  gint64 id;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), 0);
  g_return_val_if_fail (STAPLE_IS_FRICTION (friction), 0);

  id = staple_friction_get_id (friction);
  if (id == 0)
    return 0;

  return staple_session_count_votes_for (session, id);
}

/**
 * staple_summary_is_handoff:
 * @previous: (nullable): the stage before @stage, or %NULL if @stage is the first
 * @stage: a stage of a journey
 *
 * Tells whether the work changes hands on its way from @previous to @stage:
 * the room said it does ("Handed over from another team" on @stage, its
 * #StapleStage:handoff), or @stage belongs to another team than @previous.
 * A stage with no team does not count as another team, as nobody can tell
 * whether the work changed hands there. Nothing hands the work to the first
 * stage: the journey starts there.
 *
 * Returns: %TRUE if the work changes hands before @stage
 */
gboolean
staple_summary_is_handoff (StapleStage *previous,
                           StapleStage *stage)
{
  const char *team, *previous_team;

  g_return_val_if_fail (previous == NULL || STAPLE_IS_STAGE (previous), FALSE);
  g_return_val_if_fail (STAPLE_IS_STAGE (stage), FALSE);

  if (previous == NULL)
    return FALSE;
  if (staple_stage_get_handoff (stage))
    return TRUE;

  previous_team = staple_stage_get_team (previous);
  team = staple_stage_get_team (stage);
  return *previous_team != '\0' && *team != '\0' && !g_str_equal (previous_team, team);
}

/**
 * staple_summary_list_handoffs:
 * @session: a #StapleSession
 *
 * Lists where the work of @session changes hands, as
 * staple_summary_journey_totals() counts it: each stage the work is handed
 * on to, in map order.
 *
 * Returns: (transfer container) (element-type StapleStage): the stages, each
 *   with a reference held by the array
 */
GPtrArray *
staple_summary_list_handoffs (StapleSession *session)
{
  GListModel *stages;
  GPtrArray *handoffs;
  guint n;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);

  stages = G_LIST_MODEL (staple_session_get_stages (session));
  n = g_list_model_get_n_items (stages);
  handoffs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(StapleStage) previous = g_list_model_get_item (stages, i - 1);
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      if (staple_summary_is_handoff (previous, stage))
        g_ptr_array_add (handoffs, g_steal_pointer (&stage));
    }

  return handoffs;
}
