/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-map-layout.c: where everything on the journey map goes.
 *
 * Pure geometry and text measurement: stages are columns, swimlanes are
 * rows. Text is measured with Pango on a context of our own with hinting off,
 * so the screen, PDF, SVG and print get the same layout. Every card's and
 * header's Pango layouts are cached and rebuilt only when what they show
 * changed; an update after one edit re-measures one card and moves boxes.
 */
#define G_LOG_DOMAIN "staple-map-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "staple-map-layout-private.h"
#include "staple-summary.h"
#include "staple-text.h"


typedef struct
{
  /* What the layouts show; compared on every update. */
  char        *text;
  int          kind;
  int          severity;
  guint        n_votes;
  double       width;
  /* What was measured. */
  PangoLayout *text_layout;
  PangoLayout *label_layout;
  double       height;
  gboolean     truncated;
  guint        generation;
  /* Where the card was placed by the last full update. */
  guint        column;
  guint        index;
} CardCache;

typedef struct
{
  char        *key;  /* everything the header shows, joined */
  double       width;
  PangoLayout *title;
  PangoLayout *subtitle;
  PangoLayout *times;
  PangoLayout *causes;
  PangoLayout *handoff_label;
  double       header_height;
  double       causes_height;
  guint        generation;
} StageCache;


G_DEFINE_FINAL_TYPE (StapleMapLayout, staple_map_layout, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void forget_text (StapleMapLayout *self);

static void
card_cache_free (gpointer data)
{
  CardCache *cache = data;

  g_free (cache->text);
  g_clear_object (&cache->text_layout);
  g_clear_object (&cache->label_layout);
  g_free (cache);
}

static void
stage_cache_free (gpointer data)
{
  StageCache *cache = data;

  g_free (cache->key);
  g_clear_object (&cache->title);
  g_clear_object (&cache->subtitle);
  g_clear_object (&cache->times);
  g_clear_object (&cache->causes);
  g_clear_object (&cache->handoff_label);
  g_free (cache);
}

static void
column_clear (gpointer data)
{
  StapleMapColumn *column = data;

  g_clear_pointer (&column->cards, g_array_unref);
}

/* Watching the model */

static void
invalidate (StapleMapLayout *self)
{
  self->dirty = TRUE;
  self->full_dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A card's text, kind or severity changing touches only that card, unless
 * its height changes; notes are not on the map at all. */
static void
friction_notify_cb (StapleFriction  *friction,
                    GParamSpec      *pspec,
                    StapleMapLayout *self)
{
  const char *name = g_param_spec_get_name (pspec);

  /* Notes are not on the map; a position changes with the list's order,
   * which its items-changed tells (a move renumbers a whole stage). */
  if (g_str_equal (name, "notes") || g_str_equal (name, "position"))
    return;

  /* The id too: the votes are counted by it (a card just written gets one). */
  if (g_str_equal (name, "text") || g_str_equal (name, "kind") ||
      g_str_equal (name, "severity") || g_str_equal (name, "id"))
    {
      g_hash_table_add (self->dirty_cards, g_object_ref (friction));
      self->dirty = TRUE;
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  invalidate (self);
}

static void
stage_notify_cb (StapleStage     *stage,
                 GParamSpec      *pspec,
                 StapleMapLayout *self)
{
  const char *name = g_param_spec_get_name (pspec);

  /* Neither its notes, nor its id or place in the list, are drawn. */
  if (!g_str_equal (name, "notes") && !g_str_equal (name, "position") &&
      !g_str_equal (name, "id"))
    invalidate (self);
}

static void
structure_changed_cb (StapleMapLayout *self)
{
  self->watch_dirty = TRUE;
  self->votes_dirty = TRUE;
  invalidate (self);
}

static void
votes_changed_cb (StapleMapLayout *self)
{
  self->votes_dirty = TRUE;
  invalidate (self);
}

static void
unwatch_all (StapleMapLayout *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);

  g_ptr_array_set_size (self->watched, 0);
  g_hash_table_remove_all (self->watched_cards);
}

static void
watch (StapleMapLayout *self,
       gpointer         object,
       const char      *signal,
       GCallback        callback)
{
  g_signal_connect_swapped (object, signal, callback, self);
  g_ptr_array_add (self->watched, g_object_ref (object));
}

static void
watch_object (StapleMapLayout *self,
              gpointer         object,
              GCallback        callback)
{
  g_signal_connect (object, "notify", callback, self);
  g_ptr_array_add (self->watched, g_object_ref (object));
}

static void
watch_card (StapleMapLayout *self,
            StapleFriction  *friction)
{
  if (g_hash_table_add (self->watched_cards, friction))
    watch_object (self, friction, G_CALLBACK (friction_notify_cb));
}

/* Cards added to, taken from or moved in a stage: only the new ones need
 * listening to, rather than every card of the session again (those that
 * left are let go by update_columns(), or by listening anew). */
static void
cards_changed_cb (GListModel      *frictions,
                  guint            position,
                  guint            removed,
                  guint            added,
                  StapleMapLayout *self)
{
  StapleStage *stage = NULL;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);

      watch_card (self, friction);
    }

  /* Only that stage's column is measured again (the votes are counted by
   * friction point and change with the votes list, not with the cards). */
  for (guint i = 0; i < self->columns->len && !self->full_dirty && stage == NULL; i++)
    {
      StapleMapColumn *column = &g_array_index (self->columns, StapleMapColumn, i);

      if (G_LIST_MODEL (staple_stage_get_frictions (column->stage)) == frictions)
        stage = column->stage;
    }

  if (stage == NULL)
    {
      self->watch_dirty = self->watch_dirty || removed > 0;
      invalidate (self);
      return;
    }

  g_hash_table_add (self->dirty_stages, g_object_ref (stage));
  self->dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Listens to every stage and friction point; redone only when stages are
 * added, removed or moved. */
static void
watch_session (StapleMapLayout *self)
{
  GListModel *stages;

  unwatch_all (self);
  self->watch_dirty = FALSE;

  if (self->session == NULL)
    return;

  stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  watch (self, stages, "items-changed", G_CALLBACK (structure_changed_cb));
  watch (self, staple_session_get_votes (self->session), "items-changed",
         G_CALLBACK (votes_changed_cb));

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      watch_object (self, stage, G_CALLBACK (stage_notify_cb));
      g_signal_connect (frictions, "items-changed", G_CALLBACK (cards_changed_cb), self);
      g_ptr_array_add (self->watched, g_object_ref (frictions));

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);

          watch_card (self, friction);
        }
    }
}

static void
staple_map_layout_dispose (GObject *object)
{
  StapleMapLayout *self = STAPLE_MAP_LAYOUT (object);

  if (self->watched != NULL)
    unwatch_all (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (staple_map_layout_parent_class)->dispose (object);
}

static void
staple_map_layout_finalize (GObject *object)
{
  StapleMapLayout *self = STAPLE_MAP_LAYOUT (object);

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->extents, g_array_unref);
  g_clear_pointer (&self->gap_spread, g_array_unref);
  g_clear_pointer (&self->card_cache, g_hash_table_unref);
  g_clear_pointer (&self->stage_cache, g_hash_table_unref);
  g_clear_pointer (&self->votes, g_hash_table_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->watched_cards, g_hash_table_unref);
  for (guint i = 0; i < STAPLE_MAP_N_LANES; i++)
    g_clear_object (&self->lane_labels[i]);
  g_clear_pointer (&self->small_texts, g_hash_table_unref);
  g_clear_pointer (&self->dirty_cards, g_hash_table_unref);
  g_clear_pointer (&self->dirty_stages, g_hash_table_unref);
  g_clear_pointer (&self->fonts, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->kind_labels); i++)
    g_clear_object (&self->kind_labels[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->scale_labels); i++)
    g_clear_object (&self->scale_labels[i]);
  g_clear_object (&self->wait_label);
  g_clear_object (&self->context);
  g_free (self->family);

  G_OBJECT_CLASS (staple_map_layout_parent_class)->finalize (object);
}

static void
staple_map_layout_class_init (StapleMapLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = staple_map_layout_dispose;
  object_class->finalize = staple_map_layout_finalize;

  /**
   * StapleMapLayout::changed:
   *
   * Something the map shows changed; call staple_map_layout_update() before
   * reading the geometry again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
staple_map_layout_init (StapleMapLayout *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: the same line breaks at every zoom and on paper. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 96);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  cairo_font_options_destroy (options);

  self->family = g_strdup ("Cantarell, DejaVu Sans, sans-serif");
  self->scale = 1.0;
  self->columns = g_array_new (FALSE, TRUE, sizeof (StapleMapColumn));
  g_array_set_clear_func (self->columns, column_clear);
  self->rows = g_array_new (FALSE, TRUE, sizeof (StapleMapRowLanes));
  g_array_set_size (self->rows, 1);
  self->extents = g_array_new (FALSE, TRUE, sizeof (ColumnExtent));
  self->gap_spread = g_array_new (FALSE, TRUE, sizeof (double));
  self->card_cache = g_hash_table_new_full (NULL, NULL, g_object_unref, card_cache_free);
  self->stage_cache = g_hash_table_new_full (NULL, NULL, g_object_unref, stage_cache_free);
  self->votes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched_cards = g_hash_table_new (NULL, NULL);
  self->small_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->dirty_cards = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->dirty_stages = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) pango_font_description_free);
  self->dirty = TRUE;
  self->full_dirty = TRUE;
}

/**
 * staple_map_layout_new:
 *
 * Returns: (transfer full): a layout showing no session yet
 */
StapleMapLayout *
staple_map_layout_new (void)
{
  return g_object_new (STAPLE_TYPE_MAP_LAYOUT, NULL);
}

/**
 * staple_map_layout_set_session:
 * @session: (nullable): the session to lay out
 *
 * The layout follows the session's changes from now on.
 */
void
staple_map_layout_set_session (StapleMapLayout *self,
                               StapleSession   *session)
{
  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));
  g_return_if_fail (session == NULL || STAPLE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_hash_table_remove_all (self->card_cache);
  g_hash_table_remove_all (self->stage_cache);
  structure_changed_cb (self);
}

/**
 * staple_map_layout_get_session:
 *
 * Returns: (transfer none) (nullable): the session laid out
 */
StapleSession *
staple_map_layout_get_session (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), NULL);

  return self->session;
}

/**
 * staple_map_layout_set_text_scale:
 * @scale: 1 for a desk, larger for a projector (every size grows with it)
 */
void
staple_map_layout_set_text_scale (StapleMapLayout *self,
                                  double           scale)
{
  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));

  scale = CLAMP (scale, 0.5, 4.0);
  if (scale == self->scale)
    return;

  self->scale = scale;
  forget_text (self);
  invalidate (self);
}

/**
 * staple_map_layout_set_whole_text:
 * @whole_text: %TRUE to give each card as many lines as its text takes
 *
 * On screen a card shows a few lines of its text and an ellipsis, and the
 * rest is a click away; on paper nothing is a click away, so a card is as
 * tall as its text (up to %STAPLE_TEXT_LONG characters: the report's
 * register prints the rest).
 */
void
staple_map_layout_set_whole_text (StapleMapLayout *self,
                                  gboolean         whole_text)
{
  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));

  whole_text = !!whole_text;
  if (whole_text == self->whole_text)
    return;

  self->whole_text = whole_text;
  forget_text (self);
  invalidate (self);
}

/**
 * staple_map_layout_get_text_scale:
 *
 * Returns: the text scale
 */
double
staple_map_layout_get_text_scale (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 1.0);

  return self->scale;
}

/**
 * staple_map_layout_set_font:
 * @family: a Pango font family list, e.g. "Cantarell, sans-serif"
 */
void
staple_map_layout_set_font (StapleMapLayout *self,
                            const char      *family)
{
  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));
  g_return_if_fail (family != NULL);

  if (g_strcmp0 (family, self->family) == 0)
    return;

  g_free (self->family);
  self->family = g_strdup (family);
  forget_text (self);
  invalidate (self);
}

/**
 * staple_map_layout_set_columns_per_row:
 * @columns_per_row: how many stages a row holds before the next row
 *   starts under it; 0 for all in one row, as by default
 *
 * Wraps a long journey onto several rows of stages, in reading order, each
 * with every lane: see staple_map_layout_fit() for how many suit a view.
 */
void
staple_map_layout_set_columns_per_row (StapleMapLayout *self,
                                       guint            columns_per_row)
{
  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));

  if (columns_per_row == self->columns_per_row)
    return;

  self->columns_per_row = columns_per_row;
  invalidate (self);
}

/**
 * staple_map_layout_get_columns_per_row:
 *
 * Returns: how many stages a row holds; 0 for all in one row
 */
guint
staple_map_layout_get_columns_per_row (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), 0);

  return self->columns_per_row;
}

/**
 * staple_map_layout_set_spread:
 * @gaps: (array length=n_gaps) (nullable): extra room, in map units, after
 *   each column (before the next one in its row)
 * @n_gaps: the length of @gaps
 * @lanes: (array fixed-size=STAPLE_MAP_N_LANES) (nullable): extra height of
 *   each lane, in every row
 *
 * Spreads the map out over paper it would leave blank: a poster's tile
 * holding fewer stages than its neighbour spaces them out to its width, and
 * the lanes grow to the sheets' height. Nothing moves relative to its
 * column or lane; the screen never spreads. %NULL for none.
 */
void
staple_map_layout_set_spread (StapleMapLayout *self,
                              const double    *gaps,
                              guint            n_gaps,
                              const double    *lanes)
{
  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));
  g_return_if_fail (gaps != NULL || n_gaps == 0);

  g_array_set_size (self->gap_spread, 0);
  if (n_gaps > 0)
    g_array_append_vals (self->gap_spread, gaps, n_gaps);
  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    self->lane_spread[lane] = lanes != NULL ? MAX (lanes[lane], 0) : 0;
  invalidate (self);
}

/* The extra room after column @index, from staple_map_layout_set_spread(). */
double
_staple_map_layout_gap_spread (StapleMapLayout *self,
                               guint            index)
{
  return index < self->gap_spread->len ? MAX (g_array_index (self->gap_spread, double, index), 0)
                                       : 0;
}

/* Measuring text */

/* The few fonts of the map, parsed once: one per size and weight. */
static const PangoFontDescription *
font_for (StapleMapLayout *self,
          double           points,
          PangoWeight      weight)
{
  g_autofree char *key = g_strdup_printf ("%g/%d", points, weight);
  PangoFontDescription *font = g_hash_table_lookup (self->fonts, key);

  if (font == NULL)
    {
      font = pango_font_description_from_string (self->family);
      pango_font_description_set_size (font, (int) (points * self->scale * PANGO_SCALE));
      pango_font_description_set_weight (font, weight);
      g_hash_table_insert (self->fonts, g_steal_pointer (&key), font);
    }

  return font;
}

static PangoLayout *
make_layout (StapleMapLayout *self,
             const char      *text,
             double           points,
             PangoWeight      weight,
             double           width,
             int              max_lines)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font_for (self, points, weight));

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_lines > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }

  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static const char *
kind_glyph (StapleFrictionKind kind)
{
  /* A shape per kind, so cards tell kinds apart in greyscale too. */
  static const char * const glyphs[] = {
    "■", /* policy */
    "▲", /* process */
    "●", /* product */
    "◆", /* trust */
    "✚", /* tools */
    "▮", /* silo */
    "◷", /* time pressure */
    "?", /* unclear expectations */
  };

  return (guint) kind < G_N_ELEMENTS (glyphs) ? glyphs[kind] : "";
}

static guint
votes_for (StapleMapLayout *self,
           StapleFriction  *friction)
{
  gint64 id = staple_friction_get_id (friction);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->votes, &id));
}

static void
count_votes (StapleMapLayout *self)
{
  GListModel *votes = G_LIST_MODEL (staple_session_get_votes (self->session));

  g_hash_table_remove_all (self->votes);
  for (guint i = 0; i < g_list_model_get_n_items (votes); i++)
    {
      g_autoptr(StapleVote) vote = g_list_model_get_item (votes, i);
      gint64 id = staple_vote_get_friction_id (vote);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->votes, &id));

      g_hash_table_insert (self->votes, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n + 1));
    }

  self->votes_dirty = FALSE;
}

/* Every card of a kind shares its label. */
static PangoLayout *
kind_label_layout (StapleMapLayout *self,
                   int              kind,
                   double           text_width)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  kind = CLAMP (kind, 0, (int) G_N_ELEMENTS (self->kind_labels) - 1);
  if (self->kind_labels[kind] != NULL)
    return self->kind_labels[kind];

  name = g_utf8_strup (staple_friction_kind_get_label (kind), -1);
  label = g_strdup_printf ("%s %s", kind_glyph (kind), name);

  /* Leave room on the label's line for the severity pips and the votes; a
   * long kind ("UNCLEAR EXPECTATIONS", "VERTRAUEN UND FREIGABE") takes two
   * lines rather than being cut. */
  self->kind_labels[kind] = make_layout (self, label, 7.5, PANGO_WEIGHT_BOLD,
                                         text_width - LABEL_RESERVE * self->scale, 2);
  return self->kind_labels[kind];
}

static CardCache *
measure_card (StapleMapLayout *self,
              StapleFriction  *friction)
{
  CardCache *cache = g_hash_table_lookup (self->card_cache, friction);
  const char *text = staple_friction_get_text (friction);
  int kind = staple_friction_get_kind (friction);
  int severity = staple_friction_get_severity (friction);
  guint n_votes = votes_for (self, friction);
  double s = self->scale;
  double text_width = (CARD_WIDTH - CARD_STRIPE - 2 * CARD_PAD) * s;
  g_autofree char *flat = NULL;

  if (cache != NULL && cache->kind == kind && cache->severity == severity &&
      cache->n_votes == n_votes && g_strcmp0 (cache->text, text) == 0)
    {
      cache->generation = self->generation;
      return cache;
    }

  if (cache == NULL)
    {
      cache = g_new0 (CardCache, 1);
      g_hash_table_insert (self->card_cache, g_object_ref (friction), cache);
    }

  g_free (cache->text);
  cache->text = g_strdup (text);
  cache->kind = kind;
  cache->severity = severity;
  cache->n_votes = n_votes;
  cache->generation = self->generation;


  g_clear_object (&cache->text_layout);
  g_clear_object (&cache->label_layout);
  /* One paragraph, as Pango limits lines per paragraph; and no more text
   * than a card could ever show, as shaping what is cut off costs as much. */
  flat = staple_text_bound (text, STAPLE_TEXT_LONG, STAPLE_TEXT_BOUND_ONE_LINE);
  cache->text_layout = make_layout (self, flat, CARD_POINTS, PANGO_WEIGHT_NORMAL, text_width,
                                    self->whole_text ? 0 : CARD_TEXT_LINES);
  cache->label_layout = g_object_ref (kind_label_layout (self, kind, text_width));
  cache->truncated = pango_layout_is_ellipsized (cache->text_layout);
  cache->height = 2 * CARD_PAD * s + layout_height (cache->label_layout) + 4 * s +
                  layout_height (cache->text_layout);

  return cache;
}

/* The principles a stage's friction points go against, most touched first. */
static char *
describe_causes (StapleStage *stage)
{
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  guint counts[STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING + 1] = { 0 };
  GString *text = g_string_new (NULL);
  guint best;

  for (guint i = 0; i < g_list_model_get_n_items (frictions); i++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, i);
      guint principle = staple_friction_get_principle (friction);

      if (principle != STAPLE_PRINCIPLE_NONE && principle < G_N_ELEMENTS (counts))
        counts[principle]++;
    }

  do
    {
      best = 0;
      for (guint p = 1; p < G_N_ELEMENTS (counts); p++)
        if (counts[p] > counts[best])
          best = p;

      if (counts[best] > 0)
        {
          /* A line separator, not a new paragraph: the line limit holds. */
          if (text->len > 0)
            g_string_append (text, "\u2028");
          g_string_append (text, staple_principle_get_label (best));
          if (counts[best] > 1)
            g_string_append_printf (text, " ×%u", counts[best]);
          counts[best] = 0;
        }
    }
  while (best != 0);

  return g_string_free (text, FALSE);
}

static StageCache *
measure_stage (StapleMapLayout *self,
               StapleStage     *stage,
               StapleStage     *previous,
               double           width)
{
  StageCache *cache = g_hash_table_lookup (self->stage_cache, stage);
  g_autofree char *causes = describe_causes (stage);
  g_autofree char *work = staple_format_minutes (staple_stage_get_work_minutes (stage));
  g_autofree char *wait = staple_format_minutes (staple_stage_get_wait_minutes (stage));
  g_autofree char *times = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *handoff = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *team = staple_text_bound (staple_stage_get_team (stage), STAPLE_TEXT_SHORT,
                                             STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *isolated_team = staple_text_isolate (team);
  const char *channel = staple_channel_get_label (staple_stage_get_channel (stage));
  double s = self->scale;

  subtitle = *team != '\0' ? g_strdup_printf ("%s · %s", isolated_team, channel)
                           : g_strdup (channel);
  /* Translators: work time and waiting time of a stage */
  times = g_strdup_printf (_("Work %s · waits %s"), work, wait);
  if (staple_stage_get_dropped (stage))
    {
      g_autofree char *plain = g_steal_pointer (&times);

      times = g_strdup_printf (_("%s · dropped or misrouted"), plain);
    }

  /* The same rule as the totals: a change of team, or the room's word. A
   * handoff ticked between two stages of one team does not name that team. */
  if (staple_summary_is_handoff (previous, stage))
    /* Translators: shown where the work crosses from one team to another */
    handoff = g_strdup_printf (_("Handoff to %s"),
                               *team != '\0' &&
                               !g_str_equal (staple_stage_get_team (stage),
                                             staple_stage_get_team (previous))
                               ? isolated_team : _("another team"));
  else
    handoff = g_strdup ("");

  key = g_strjoin ("\x1f", staple_stage_get_name (stage), subtitle, times, causes, handoff,
                   NULL);

  if (cache != NULL && cache->width == width && g_str_equal (cache->key, key))
    {
      cache->generation = self->generation;
      return cache;
    }

  if (cache == NULL)
    {
      cache = g_new0 (StageCache, 1);
      g_hash_table_insert (self->stage_cache, g_object_ref (stage), cache);
    }

  g_free (cache->key);
  cache->key = g_steal_pointer (&key);
  cache->width = width;
  cache->generation = self->generation;
  g_clear_object (&cache->title);
  g_clear_object (&cache->subtitle);
  g_clear_object (&cache->times);
  g_clear_object (&cache->causes);
  g_clear_object (&cache->handoff_label);

  name = staple_text_bound (staple_stage_get_name (stage), STAPLE_TEXT_SHORT,
                            STAPLE_TEXT_BOUND_ONE_LINE);
  cache->title = make_layout (self, name, 12, PANGO_WEIGHT_BOLD, width, 2);
  cache->subtitle = make_layout (self, subtitle, 9, PANGO_WEIGHT_NORMAL, width, 1);
  cache->times = make_layout (self, times, 9, PANGO_WEIGHT_NORMAL, width, 2);
  cache->causes = make_layout (self, causes, 8.5, PANGO_WEIGHT_NORMAL, width, 6);
  cache->handoff_label = make_layout (self, handoff, 8.5, PANGO_WEIGHT_BOLD,
                                      width, 1);
  /* Under the text, the wait drawn to scale. */
  cache->header_height = layout_height (cache->title) + layout_height (cache->subtitle) +
                         layout_height (cache->times) + (8 + WAIT_BAR_GAP + WAIT_BAR) * s;
  cache->causes_height = *causes != '\0' ? layout_height (cache->causes) : 0;

  return cache;
}

/* Placing boxes */

static guint
n_stacks (guint n_cards)
{
  return MAX (1, (n_cards + CARDS_PER_STACK - 1) / CARDS_PER_STACK);
}

static gboolean
sweep_card_cb (gpointer key,
               gpointer value,
               gpointer user_data)
{
  CardCache *cache = value;

  return cache->generation != GPOINTER_TO_UINT (user_data);
}

static gboolean
sweep_stage_cb (gpointer key,
                gpointer value,
                gpointer user_data)
{
  StageCache *cache = value;

  return cache->generation != GPOINTER_TO_UINT (user_data);
}

/* First pass: measure every card and size every column, noting what each
 * needs of the lanes its content decides (a row's tallest column decides
 * them for its row). */
/* Column @i's cards and header; all but whether a handoff follows it. */
static void
measure_column (StapleMapLayout *self,
                GListModel      *stages,
                guint            i)
{
  double s = self->scale;
  StapleMapColumn *column = &g_array_index (self->columns, StapleMapColumn, i);
  ColumnExtent *extent = &g_array_index (self->extents, ColumnExtent, i);
  g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
  g_autoptr(StapleStage) previous = i > 0 ? g_list_model_get_item (stages, i - 1) : NULL;
  GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
  guint n_cards = g_list_model_get_n_items (frictions);
  guint stacks = n_stacks (n_cards);
  double inner = (stacks * CARD_WIDTH + (stacks - 1) * CARD_GAP) * s;
  double stack_height = 0;
  StageCache *header;

  g_clear_pointer (&column->cards, g_array_unref);
  column->stage = stage;
  column->cards = g_array_sized_new (FALSE, TRUE, sizeof (StapleMapCard), n_cards);
  column->column.width = inner + 2 * COLUMN_PAD * s;
  extent->cards = 0;

  for (guint j = 0; j < n_cards; j++)
    {
      g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);
      CardCache *cache = measure_card (self, friction);
      StapleMapCard card = { friction, { 0, 0, CARD_WIDTH * s, cache->height },
                             cache->text_layout, cache->label_layout, cache->n_votes,
                             cache->truncated };

      cache->column = i;
      cache->index = j;

      if (j % CARDS_PER_STACK == 0)
        stack_height = 0;
      else
        stack_height += CARD_GAP * s;
      stack_height += cache->height;
      extent->cards = MAX (extent->cards, stack_height);
      g_array_append_val (column->cards, card);
    }

  header = measure_stage (self, stage, previous, inner);
  column->title = header->title;
  column->subtitle = header->subtitle;
  column->times = header->times;
  column->causes = header->causes;
  column->handoff_label = header->handoff_label;

  extent->header = header->header_height;
  extent->causes = header->causes_height;
}

static void
measure_columns (StapleMapLayout *self,
                 GListModel      *stages)
{
  guint n_stages = g_list_model_get_n_items (stages);

  g_array_set_size (self->columns, 0);
  g_array_set_size (self->columns, n_stages);
  g_array_set_size (self->extents, n_stages);

  for (guint i = 0; i < n_stages; i++)
    {
      StapleMapColumn *column = &g_array_index (self->columns, StapleMapColumn, i);

      measure_column (self, stages, i);
      column->handoff_after = FALSE;
      if (i > 0 && pango_layout_get_character_count (column->handoff_label) > 0)
        g_array_index (self->columns, StapleMapColumn, i - 1).handoff_after = TRUE;
    }

  staple_map_marks_wait_scale (self->session, &self->wait_scale);
  if (self->line_height <= 0)
    {
      g_autoptr(PangoLayout) line = make_layout (self, "Ag", CARD_POINTS, PANGO_WEIGHT_NORMAL,
                                                 -1, 0);

      self->line_height = layout_height (line);
    }
}

/* Where a curve point of @feeling sits in a row's lane; no update. */
static double
feeling_y (StapleMapLayout         *self,
           const StapleMapRowLanes *lanes,
           StapleMapLane            lane,
           int                      feeling)
{
  double pad = 2 * LANE_PAD * self->scale;
  double usable = lanes->lane_height[lane] - 2 * pad;

  feeling = CLAMP (feeling, STAPLE_FEELING_MIN, STAPLE_FEELING_MAX);
  return lanes->lane_y[lane] + pad + usable * (STAPLE_FEELING_MAX - feeling) /
         (double) (STAPLE_FEELING_MAX - STAPLE_FEELING_MIN);
}

/* The rows' lanes, top to bottom, each row as tall as its own stages
 * need. Returns the bottom of the last row. */
static double
place_rows (StapleMapLayout *self)
{
  double s = self->scale;
  double y = MARGIN * s;
  guint n = self->columns->len;

  self->n_rows = n > 0 ? _staple_map_layout_row_of (self, n - 1) + 1 : 1;
  g_array_set_size (self->rows, self->n_rows);

  for (guint row = 0; row < self->n_rows; row++)
    {
      StapleMapRowLanes *lanes = &g_array_index (self->rows, StapleMapRowLanes, row);
      guint first, count;

      if (self->session != NULL)
        {
          _staple_map_layout_row_span (n, self->columns_per_row, row, &first, &count);
          _staple_map_layout_row_heights (self, first, count, lanes->lane_height);
        }
      else
        memset (lanes->lane_height, 0, sizeof lanes->lane_height);

      if (row > 0)
        y += ROW_GAP * s;
      for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
        {
          lanes->lane_height[lane] += self->lane_spread[lane];
          lanes->lane_y[lane] = y;
          y += lanes->lane_height[lane];
        }
    }

  return y;
}

/* Second pass: positions. A wrapped map starts a row of columns, with
 * lanes of its own, under the one before. */
static void
place_columns (StapleMapLayout *self)
{
  double s = self->scale;
  double x = (MARGIN + GUTTER) * s;
  double right = (MARGIN + GUTTER) * s + 200 * s;
  double bottom = place_rows (self);

  for (guint i = 0; i < self->columns->len; i++)
    {
      StapleMapColumn *column = &g_array_index (self->columns, StapleMapColumn, i);
      guint row = _staple_map_layout_row_of (self, i);
      const StapleMapRowLanes *lanes = &g_array_index (self->rows, StapleMapRowLanes, row);
      double top = lanes->lane_y[STAPLE_MAP_LANE_HEADER];
      double card_top = lanes->lane_y[STAPLE_MAP_LANE_CARDS] + LANE_PAD * s;
      double stack_y = card_top;

      if (i > 0 && row != column[-1].row)
        x = (MARGIN + GUTTER) * s;

      column->row = row;
      column->column.x = x;
      column->column.y = top;
      column->column.height = lanes->lane_y[STAPLE_MAP_LANE_CAUSES] +
                              lanes->lane_height[STAPLE_MAP_LANE_CAUSES] - top;
      column->header.x = x;
      column->header.y = top;
      column->header.width = column->column.width;
      column->header.height = lanes->lane_height[STAPLE_MAP_LANE_HEADER];
      column->wait = (cairo_rectangle_t) {
        x + COLUMN_PAD * s, column->header.y + column->header.height - (LANE_PAD + WAIT_BAR) * s,
        CARD_WIDTH * s, WAIT_BAR * s
      };
      column->customer_y = feeling_y (self, lanes, STAPLE_MAP_LANE_CUSTOMER,
                                      staple_stage_get_customer_feeling (column->stage));
      column->staff_y = feeling_y (self, lanes, STAPLE_MAP_LANE_STAFF,
                                   staple_stage_get_staff_feeling (column->stage));

      for (guint j = 0; j < column->cards->len; j++)
        {
          StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);
          guint stack = j / CARDS_PER_STACK;

          if (j % CARDS_PER_STACK == 0)
            stack_y = card_top;

          card->rect.x = x + COLUMN_PAD * s + stack * (CARD_WIDTH + CARD_GAP) * s;
          card->rect.y = stack_y;
          stack_y += card->rect.height + CARD_GAP * s;
        }

      right = MAX (right, x + column->column.width);
      x += column->column.width + COLUMN_GAP * s + _staple_map_layout_gap_spread (self, i);
    }

  self->width = right + MARGIN * s;
  self->height = bottom + MARGIN * s;
}

/* The quick update after a card's face changed: re-measure just those
 * cards. Returns FALSE if a card changed height (or cannot be found), and
 * the whole layout must be redone. */
static gboolean
update_cards (StapleMapLayout *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->dirty_cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      StapleFriction *friction = key;
      CardCache *cache = g_hash_table_lookup (self->card_cache, friction);
      StapleMapColumn *column;
      StapleMapCard *card;
      double height;

      if (cache == NULL || cache->column >= self->columns->len)
        return FALSE;

      column = &g_array_index (self->columns, StapleMapColumn, cache->column);
      if (cache->index >= column->cards->len)
        return FALSE;

      card = &g_array_index (column->cards, StapleMapCard, cache->index);
      if (card->friction != friction)
        return FALSE;

      height = cache->height;
      measure_card (self, friction);
      if (cache->height != height)
        return FALSE;

      card->text = cache->text_layout;
      card->label = cache->label_layout;
      card->n_votes = cache->n_votes;
      card->truncated = cache->truncated;
      g_hash_table_iter_remove (&iter);
    }

  return TRUE;
}

/* The quick update after cards came, went or moved within stages: measure
 * those stages' columns again and move the boxes; every other card keeps
 * its measure. Returns FALSE if the stages themselves changed. */
/* A card gone from the session: nothing of the layout keeps it. */
static void
forget_card (StapleMapLayout *self,
             StapleFriction  *friction)
{
  g_hash_table_remove (self->dirty_cards, friction);
  g_hash_table_remove (self->card_cache, friction);
  if (g_hash_table_remove (self->watched_cards, friction))
    {
      g_signal_handlers_disconnect_by_data (friction, self);
      g_ptr_array_remove_fast (self->watched, friction);
    }
}

static gboolean
update_columns (StapleMapLayout *self)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GHashTable) after = NULL;

  if (g_hash_table_size (self->dirty_stages) == 0)
    return TRUE;

  if (g_list_model_get_n_items (stages) != self->columns->len)
    return FALSE;

  for (guint i = 0; i < self->columns->len; i++)
    {
      StapleMapColumn *column = &g_array_index (self->columns, StapleMapColumn, i);
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      if (column->stage != stage)
        return FALSE;
    }

  /* The cards those columns held, to tell which left the session: a card
   * moved to another stage made that stage's column dirty too. */
  before = g_ptr_array_new_with_free_func (g_object_unref);
  after = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->columns->len; i++)
    {
      StapleMapColumn *column = &g_array_index (self->columns, StapleMapColumn, i);

      if (!g_hash_table_contains (self->dirty_stages, column->stage))
        continue;

      for (guint j = 0; j < column->cards->len; j++)
        g_ptr_array_add (before,
                         g_object_ref (g_array_index (column->cards, StapleMapCard, j).friction));
      measure_column (self, stages, i);
      for (guint j = 0; j < column->cards->len; j++)
        g_hash_table_add (after, g_array_index (column->cards, StapleMapCard, j).friction);
    }

  for (guint k = 0; k < before->len; k++)
    if (!g_hash_table_contains (after, g_ptr_array_index (before, k)))
      forget_card (self, g_ptr_array_index (before, k));

  g_hash_table_remove_all (self->dirty_stages);
  place_columns (self);
  return TRUE;
}

/**
 * staple_map_layout_update:
 *
 * Brings the geometry up to date with the session, re-measuring only the
 * text that changed. Cheap when nothing changed.
 */
void
staple_map_layout_update (StapleMapLayout *self)
{
  GListModel *stages;

  g_return_if_fail (STAPLE_IS_MAP_LAYOUT (self));

  if (!self->dirty)
    return;

  /* Cards that left a stage are let go of by the quick update; a whole
   * one listens anew. */
  if (self->watch_dirty ||
      ((self->full_dirty || self->votes_dirty) && g_hash_table_size (self->dirty_stages) > 0))
    watch_session (self);

  self->generation++;
  self->serial++;
  self->dirty = FALSE;

  if (!self->full_dirty && !self->votes_dirty && self->session != NULL &&
      update_columns (self) && update_cards (self))
    return;

  self->full_dirty = FALSE;
  g_hash_table_remove_all (self->dirty_cards);
  g_hash_table_remove_all (self->dirty_stages);

  if (self->session == NULL)
    {
      g_array_set_size (self->columns, 0);
      g_array_set_size (self->extents, 0);
      place_columns (self);
      return;
    }

  if (self->votes_dirty)
    count_votes (self);

  stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  measure_columns (self, stages);
  place_columns (self);

  g_hash_table_foreach_remove (self->card_cache, sweep_card_cb,
                               GUINT_TO_POINTER (self->generation));
  g_hash_table_foreach_remove (self->stage_cache, sweep_stage_cb,
                               GUINT_TO_POINTER (self->generation));
}

/* Text drawn outside cards and headers */

static void
forget_text (StapleMapLayout *self)
{
  g_hash_table_remove_all (self->card_cache);
  g_hash_table_remove_all (self->stage_cache);
  g_hash_table_remove_all (self->small_texts);
  g_hash_table_remove_all (self->fonts);
  for (guint i = 0; i < STAPLE_MAP_N_LANES; i++)
    g_clear_object (&self->lane_labels[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->kind_labels); i++)
    g_clear_object (&self->kind_labels[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->scale_labels); i++)
    g_clear_object (&self->scale_labels[i]);
  g_clear_object (&self->wait_label);
  self->line_height = 0;
}

/**
 * staple_map_layout_get_lane_label:
 *
 * Returns: (transfer none): the lane's name, laid out for the left margin
 */
PangoLayout *
staple_map_layout_get_lane_label (StapleMapLayout *self,
                                  StapleMapLane    lane)
{
  static const char * const names[] = {
    N_("Stage"), N_("Customer feels"), N_("Friction points"), N_("Handoffs"),
    N_("Staff feel"), N_("Root causes"),
  };

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), NULL);
  g_return_val_if_fail (lane < STAPLE_MAP_N_LANES, NULL);

  /* The feeling lanes keep the gutter's right for their scale. */
  if (self->lane_labels[lane] == NULL)
    self->lane_labels[lane] = make_layout (self, _(names[lane]), 9, PANGO_WEIGHT_BOLD,
                                           (GUTTER - 12 - (lane == STAPLE_MAP_LANE_CUSTOMER ||
                                                           lane == STAPLE_MAP_LANE_STAFF
                                                           ? SCALE_RESERVE : 0)) * self->scale,
                                           3);

  return self->lane_labels[lane];
}

/**
 * staple_map_layout_get_scale_label:
 * @feeling: +2, 0 or −2
 *
 * Returns: (transfer none): the mark of that feeling on the feeling lanes'
 *   scale, right-aligned, to draw left of the first column
 */
PangoLayout *
staple_map_layout_get_scale_label (StapleMapLayout *self,
                                   int              feeling)
{
  static const char * const marks[] = { "+2", "0", "−2" };
  guint index;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), NULL);

  index = feeling > 0 ? 0 : feeling == 0 ? 1 : 2;
  if (self->scale_labels[index] == NULL)
    {
      self->scale_labels[index] = make_layout (self, marks[index], 7.5, PANGO_WEIGHT_BOLD,
                                               (SCALE_RESERVE - 4) * self->scale, 1);
      pango_layout_set_alignment (self->scale_labels[index], PANGO_ALIGN_RIGHT);
    }

  return self->scale_labels[index];
}

/**
 * staple_map_layout_get_wait_label:
 *
 * Returns: (transfer none): the name of the stages' waits drawn to scale,
 *   for the left margin beside them
 */
PangoLayout *
staple_map_layout_get_wait_label (StapleMapLayout *self)
{
  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), NULL);

  if (self->wait_label == NULL)
    /* Translators: beside the bars that draw each stage's waiting time to scale */
    self->wait_label = make_layout (self, _("Waiting"), 7.5, PANGO_WEIGHT_BOLD,
                                    (GUTTER - 12) * self->scale, 1);

  return self->wait_label;
}

/**
 * staple_map_layout_get_small_text:
 * @text: a short text such as a vote count
 *
 * Returns: (transfer none): @text laid out in the map's small type, cached
 */
PangoLayout *
staple_map_layout_get_small_text (StapleMapLayout *self,
                                  const char      *text)
{
  PangoLayout *layout;

  g_return_val_if_fail (STAPLE_IS_MAP_LAYOUT (self), NULL);

  layout = g_hash_table_lookup (self->small_texts, text);
  if (layout == NULL)
    {
      layout = make_layout (self, text, 7.5, PANGO_WEIGHT_BOLD, -1, 0);
      pango_layout_set_width (layout, -1);
      g_hash_table_insert (self->small_texts, g_strdup (text), layout);
    }

  return layout;
}
