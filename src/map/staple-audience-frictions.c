/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-frictions.c: the friction points as the room reads them
 * in Diagnose (grouped by the principle each goes against) and Prioritise
 * (ranked by the room's dots, or in map order while the totals are hidden).
 */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-lists-private.h"
#include "staple-text.h"

#define BAR_COLUMN 360.0
#define RANK_COLUMN 64.0

typedef struct
{
  StapleFriction *friction;   /* borrowed from its stage */
  StapleStage    *stage;
  StaplePrinciple principle;
  guint           votes;
  int             severity;
  guint           order;      /* map order: stage by stage, top to bottom */
} FrictionEntry;

/* Every friction point of the session in map order, with what the lists
 * sort and show it by. The session keeps them alive for the draw. */
static GArray *
collect_frictions (StapleSession *session)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (session));
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (FrictionEntry));
  guint n_stages = g_list_model_get_n_items (stages);

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      guint n = g_list_model_get_n_items (frictions);

      for (guint f = 0; f < n; f++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);
          FrictionEntry entry = {
            .friction = friction,
            .stage = stage,
            .principle = staple_friction_get_principle (friction),
            .votes = staple_summary_count_votes (session, friction),
            .severity = staple_friction_get_severity (friction),
            .order = entries->len,
          };

          g_array_append_val (entries, entry);
        }
    }
  return entries;
}

/* A friction point's stage, on one line. */
static const char *
stage_name (AudienceList *list,
            StapleStage  *stage)
{
  if (stage == NULL || *staple_stage_get_name (stage) == '\0')
    return NULL;
  return _staple_audience_list_keep (list, staple_text_bound (staple_stage_get_name (stage),
                                                              STAPLE_TEXT_SHORT,
                                                              STAPLE_TEXT_BOUND_ONE_LINE));
}

/* Diagnose */

/* A friction point and its stage: the stage at the right of the text when
 * both fit on one line, under it when not. */
static double
diagnose_item (AudienceContext   *ctx,
               const AudienceRow *row,
               double             x,
               double             y,
               double             width,
               gboolean           draw)
{
  double text_width = width - 44;
  double one_line = _staple_audience_text_width (ctx, row->text, AUDIENCE_TEXT_BODY,
                                                 PANGO_WEIGHT_NORMAL);
  double stage_width = MIN (_staple_audience_text_width (ctx, row->detail, AUDIENCE_TEXT_SMALL,
                                                         PANGO_WEIGHT_NORMAL),
                            text_width);
  double height = _staple_audience_put_text (ctx, draw, row->text, x + 44, y, text_width,
                                             AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 3, NULL);

  if (draw)
    _staple_audience_bullet (ctx, x + 24, y, NULL);
  if (row->detail == NULL)
    return height;
  if (one_line + 40 + stage_width <= text_width)
    {
      _staple_audience_put_text (ctx, draw, row->detail, x + width - stage_width, y + 4,
                                 stage_width, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1,
                                 ctx->palette->dim);
      return height;
    }
  return height + _staple_audience_put_text (ctx, draw, row->detail, x + 44, y + height,
                                             text_width, AUDIENCE_TEXT_SMALL,
                                             PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
}

typedef struct
{
  StaplePrinciple principle;
  guint           n_frictions;
  guint           n_votes;
  int             max_severity;
} PrincipleGroup;

/* Most friction points first; then, unless the totals are hidden, most
 * votes; then the worst; then catalogue order. The friction points not
 * linked to a principle yet come last: they are still to be diagnosed. */
static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      hide_votes)
{
  const PrincipleGroup *x = a;
  const PrincipleGroup *y = b;

  if ((x->principle == STAPLE_PRINCIPLE_NONE) != (y->principle == STAPLE_PRINCIPLE_NONE))
    return x->principle == STAPLE_PRINCIPLE_NONE ? 1 : -1;
  if (x->n_frictions != y->n_frictions)
    return x->n_frictions > y->n_frictions ? -1 : 1;
  if (!GPOINTER_TO_INT (hide_votes) && x->n_votes != y->n_votes)
    return x->n_votes > y->n_votes ? -1 : 1;
  if (x->max_severity != y->max_severity)
    return x->max_severity > y->max_severity ? -1 : 1;
  return x->principle < y->principle ? -1 : (x->principle > y->principle);
}

/* Within a group: as above, the most voted (unless hidden) and the worst
 * first, then in map order. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      hide_votes)
{
  const FrictionEntry *x = a;
  const FrictionEntry *y = b;

  if (!GPOINTER_TO_INT (hide_votes) && x->votes != y->votes)
    return x->votes > y->votes ? -1 : 1;
  if (x->severity != y->severity)
    return x->severity > y->severity ? -1 : 1;
  return x->order < y->order ? -1 : (x->order > y->order);
}

/* The principles the friction points go against, a group each. */
static GArray *
group_by_principle (GArray   *entries,
                    gboolean  hide_votes)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (PrincipleGroup));

  for (guint i = 0; i < entries->len; i++)
    {
      FrictionEntry *entry = &g_array_index (entries, FrictionEntry, i);
      gpointer found;
      PrincipleGroup *group;

      /* A principle the catalogue does not know (a newer file) is not
       * one the room can be told about. */
      if ((guint) entry->principle > STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING)
        entry->principle = STAPLE_PRINCIPLE_NONE;

      found = g_hash_table_lookup (index, GINT_TO_POINTER (entry->principle + 1));
      if (found == NULL)
        {
          PrincipleGroup new_group = { .principle = entry->principle, .max_severity = G_MININT };

          g_array_append_val (groups, new_group);
          found = GUINT_TO_POINTER (groups->len);
          g_hash_table_insert (index, GINT_TO_POINTER (entry->principle + 1), found);
        }
      group = &g_array_index (groups, PrincipleGroup, GPOINTER_TO_UINT (found) - 1);
      group->n_frictions++;
      group->n_votes += entry->votes;
      group->max_severity = MAX (group->max_severity, entry->severity);
    }

  g_array_sort_with_data (groups, compare_groups, GINT_TO_POINTER (hide_votes));
  g_array_sort_with_data (entries, compare_entries, GINT_TO_POINTER (hide_votes));
  return groups;
}

void
_staple_audience_draw_diagnose (AudienceContext         *ctx,
                                const cairo_rectangle_t *body)
{
  g_autoptr(AudienceList) list = _staple_audience_list_new ();
  g_autoptr(GArray) entries = collect_frictions (ctx->options->session);
  g_autoptr(GArray) groups = group_by_principle (entries, ctx->options->hide_votes);

  for (guint g = 0; g < groups->len; g++)
    {
      const PrincipleGroup *group = &g_array_index (groups, PrincipleGroup, g);
      g_autofree char *count = _staple_audience_format_count (group->n_frictions);
      AudienceRow *heading = _staple_audience_list_add_heading (list,
                                                                _staple_audience_row_section,
                                                                28);

      heading->text = staple_principle_get_label (group->principle);
      heading->subtitle = staple_principle_get_explanation (group->principle);
      /* Translators: how many friction points go against a principle */
      heading->detail = _staple_audience_list_keep (list, g_strdup_printf (
                                                      ngettext ("%s friction point",
                                                                "%s friction points",
                                                                group->n_frictions),
                                                      count));

      for (guint i = 0; i < entries->len; i++)
        {
          const FrictionEntry *entry = &g_array_index (entries, FrictionEntry, i);
          AudienceRow *row;

          if (entry->principle != group->principle)
            continue;
          row = _staple_audience_list_add (list, diagnose_item, 12);
          row->text = staple_friction_get_text (entry->friction);
          row->detail = stage_name (list, entry->stage);
          row->item = entry->friction;
        }
    }

  if (groups->len == 0)
    {
      AudienceRow *row = _staple_audience_list_add (list, _staple_audience_row_note, 0);

      /* Translators: on the room's screen in Diagnose, when there is nothing to diagnose */
      row->text = _("No friction points noted yet. The walk is where the room finds them.");
    }

  _staple_audience_list_draw (ctx, list, body);
}

/* Prioritise */

/* The votes on a place in the ranking, as a bar to scale with the most
 * any friction point has, and their number after it. Returns where the bar
 * and its number end. */
static double
draw_votes (AudienceContext   *ctx,
            const AudienceRow *row,
            double             x,
            double             y)
{
  g_autofree char *number = _staple_audience_format_count (row->value);
  /* Translators: the dots on one friction point, e.g. "7 votes" */
  g_autofree char *votes = g_strdup_printf (ngettext ("%s vote", "%s votes", row->value),
                                            number);
  double label_width = MIN (_staple_audience_text_width (ctx, votes, AUDIENCE_TEXT_SMALL,
                                                         PANGO_WEIGHT_BOLD),
                            BAR_COLUMN);
  double bar_width = row->scale > 0 ? BAR_COLUMN * row->value / row->scale : 0;
  cairo_rectangle_t bar = { x, y + 4, MAX (bar_width, 8), 22 };

  staple_map_marks_rounded_rect (ctx->cr, &bar, 6);
  _staple_audience_fill_rgb (ctx->cr, row->value > 0 ? ctx->palette->accent
                                                     : ctx->palette->border);
  cairo_fill (ctx->cr);
  _staple_audience_text (ctx, votes, x + bar.width + 12, y, label_width, AUDIENCE_TEXT_SMALL,
                         PANGO_WEIGHT_BOLD, 1, row->value > 0 ? NULL : ctx->palette->dim);
  return x + bar.width + 12 + label_width;
}

/* One place in the ranking: its rank and the friction point, and under it
 * its votes as a bar to scale, and its stage. */
static double
prioritise_item (AudienceContext   *ctx,
                 const AudienceRow *row,
                 double             x,
                 double             y,
                 double             width,
                 gboolean           draw)
{
  double text_x = x + RANK_COLUMN;
  double text_width = width - RANK_COLUMN;
  double height;
  double stage_x = text_x;

  if (draw)
    {
      g_autofree char *rank = _staple_audience_format_count (row->number);
      double rank_width = MIN (_staple_audience_text_width (ctx, rank, AUDIENCE_TEXT_BODY,
                                                            PANGO_WEIGHT_BOLD),
                               RANK_COLUMN - 16);

      _staple_audience_text (ctx, rank, x + RANK_COLUMN - 16 - rank_width, y, rank_width,
                             AUDIENCE_TEXT_BODY, PANGO_WEIGHT_BOLD, 1,
                             row->number <= 3 ? ctx->palette->accent : ctx->palette->dim);
    }

  height = _staple_audience_put_text (ctx, draw, row->text, text_x, y, text_width,
                                      AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 2, NULL);
  if (draw)
    stage_x = draw_votes (ctx, row, text_x, y + height + 2) + 32;
  height += 2 + MAX (30, _staple_audience_put_text (ctx, draw, row->detail, stage_x,
                                                    y + height + 2,
                                                    text_x + text_width - stage_x,
                                                    AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL,
                                                    1, ctx->palette->dim));
  return height;
}

/* A stage's name above its friction points, while the totals are hidden. */
static double
stage_heading (AudienceContext   *ctx,
               const AudienceRow *row,
               double             x,
               double             y,
               double             width,
               gboolean           draw)
{
  /* Translators: a stage with no name yet, above its friction points */
  const char *name = row->text != NULL ? row->text : _("Unnamed stage");
  g_autofree char *continued = row->continued ? _staple_audience_continued (name) : NULL;

  return _staple_audience_put_text (ctx, draw, continued != NULL ? continued : name, x, y, width,
                                    AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1,
                                    ctx->palette->dim);
}

/* The friction points with dots, ranked as the summary ranks them (so that
 * the room and the report agree), then those with none, not ranked. */
static void
add_ranking (AudienceList  *list,
             StapleSession *session,
             GArray        *entries)
{
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (session);
  g_autoptr(GHashTable) stages = g_hash_table_new (NULL, NULL);
  guint most = 0;
  guint n_voted = 0;

  for (guint e = 0; e < entries->len; e++)
    g_hash_table_insert (stages, g_array_index (entries, FrictionEntry, e).friction,
                         g_array_index (entries, FrictionEntry, e).stage);

  for (guint i = 0; i < ranked->len; i++)
    most = MAX (most, staple_summary_count_votes (session, g_ptr_array_index (ranked, i)));
  for (guint i = 0; i < ranked->len; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      guint votes = staple_summary_count_votes (session, friction);
      StapleStage *stage = g_hash_table_lookup (stages, friction);
      AudienceRow *row;

      if (votes == 0 && n_voted == i)
        {
          g_autofree char *count = _staple_audience_format_count (ranked->len - i);
          AudienceRow *heading = _staple_audience_list_add_heading (list,
                                                                    _staple_audience_row_section,
                                                                    i > 0 ? 28 : 0);

          /* Translators: above the friction points nobody has voted for */
          heading->text = _("No dots yet");
          /* Translators: how many friction points have no dots */
          heading->detail = _staple_audience_list_keep (list, g_strdup_printf (
                                                          ngettext ("%s friction point",
                                                                    "%s friction points",
                                                                    ranked->len - i),
                                                          count));
        }

      row = _staple_audience_list_add (list, votes > 0 ? prioritise_item : diagnose_item,
                                       votes > 0 ? 14 : 12);
      row->text = staple_friction_get_text (friction);
      row->detail = stage_name (list, stage);
      row->number = i + 1;
      row->value = votes;
      row->scale = most;
      if (votes > 0)
        n_voted++;
    }
}

/* While the totals are hidden: stage by stage, in map order, an order that
 * says nothing of the votes. */
static void
add_in_map_order (AudienceList *list,
                  GArray       *entries)
{
  StapleStage *stage = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      const FrictionEntry *entry = &g_array_index (entries, FrictionEntry, i);
      AudienceRow *row;

      if (entry->stage != stage || i == 0)
        {
          row = _staple_audience_list_add_heading (list, stage_heading, i > 0 ? 20 : 0);
          row->text = stage_name (list, entry->stage);
          stage = entry->stage;
        }
      row = _staple_audience_list_add (list, diagnose_item, 6);
      row->text = staple_friction_get_text (entry->friction);
    }
}

/* Dots placed of the dots the room has: each person who votes has the
 * session's number of them. Phones voting anonymously are people of the
 * room too, perhaps some of those listed: the room is at least the people
 * listed, and at least those who voted by name and the anonymous voters. */
static char *
describe_dots (StapleSession *session)
{
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (session));
  guint n = g_list_model_get_n_items (participants);
  guint placed = g_list_model_get_n_items (G_LIST_MODEL (staple_session_get_votes (session)));
  guint people = 0, voted = 0;
  guint64 dots;
  g_autofree char *placed_text = NULL;
  g_autofree char *dots_text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      if (staple_participant_get_anonymous (participant))
        voted++;
      else if (!staple_participant_get_abstains (participant))
        {
          people++;
          if (staple_session_count_dots_of (session, staple_participant_get_id (participant)) > 0)
            voted++;
        }
    }
  dots = (guint64) MAX (people, voted) *
         (guint64) MAX (staple_session_get_dots_per_participant (session), 0);
  placed_text = _staple_audience_format_count (placed);
  if (dots == 0)
    /* Translators: the dots the room has placed, when nobody is listed to vote */
    return g_strdup_printf (ngettext ("%s dot placed", "%s dots placed", placed), placed_text);

  dots_text = _staple_audience_format_count ((guint) MIN (dots, G_MAXUINT));
  /* Translators: the dots placed of all the room has, e.g. "18 of 24 dots placed" */
  return g_strdup_printf (ngettext ("%s of %s dot placed", "%s of %s dots placed",
                                    (gulong) MIN (dots, G_MAXULONG)),
                          placed_text, dots_text);
}

/* Above the ranking on every page: how far the vote has got, and, while
 * the totals are hidden, that they are. */
static double
draw_vote_state (AudienceContext         *ctx,
                 const cairo_rectangle_t *body)
{
  g_autofree char *dots = describe_dots (ctx->options->session);
  double height;

  if (!ctx->options->hide_votes)
    return _staple_audience_text (ctx, dots, body->x, body->y, body->width,
                                  AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1,
                                  ctx->palette->dim);

  {
    /* Translators: %s is e.g. "18 of 24 dots placed" */
    g_autofree char *text = g_strdup_printf (_("Totals are hidden until voting closes · %s"),
                                             dots);
    cairo_rectangle_t box;

    height = _staple_audience_text_height (ctx, text, body->width - 40, AUDIENCE_TEXT_BODY,
                                           PANGO_WEIGHT_BOLD, 2);
    box = (cairo_rectangle_t) { body->x, body->y, body->width, height + 20 };
    staple_map_marks_rounded_rect (ctx->cr, &box, 12);
    _staple_audience_fill_rgb (ctx->cr, ctx->palette->surface_current);
    cairo_fill (ctx->cr);
    _staple_audience_text (ctx, text, body->x + 20, body->y + 10, body->width - 40,
                           AUDIENCE_TEXT_BODY, PANGO_WEIGHT_BOLD, 2, NULL);
    return box.height;
  }
}

void
_staple_audience_draw_prioritise (AudienceContext         *ctx,
                                  const cairo_rectangle_t *body)
{
  StapleSession *session = ctx->options->session;
  g_autoptr(AudienceList) list = _staple_audience_list_new ();
  g_autoptr(GArray) entries = collect_frictions (session);
  cairo_rectangle_t area = *body;
  double top = draw_vote_state (ctx, body) + 20;

  area.y += top;
  area.height -= top;

  if (ctx->options->hide_votes)
    add_in_map_order (list, entries);
  else
    add_ranking (list, session, entries);

  if (entries->len == 0)
    {
      AudienceRow *row = _staple_audience_list_add (list, _staple_audience_row_note, 0);

      /* Translators: on the room's screen in Prioritise, when there is nothing to vote on */
      row->text = _("No friction points to vote on yet.");
    }

  _staple_audience_list_draw (ctx, list, &area);
}
