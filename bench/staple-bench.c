/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-bench.c: how fast the journey map lays out and draws, and how
 * fast the library searches.
 *
 * Builds a synthetic 40-stage × 30-card session in memory (and, for
 * search-10000, a library of 10,000 generated sessions in a temporary
 * database) and prints one line per measure on stdout:
 *
 *   NAME ours_ms=X baseline_ms=Y ratio=X/Y
 *
 * each the median of repeated runs after warm-ups, ours and the baseline
 * taking turns so that a change of CPU clock hits both alike. The baseline
 * is bare cairo and Pango doing the same work naively: a fresh PangoLayout
 * for every text on every run, and no culling; for the search, the same
 * FTS5 query run bare through sqlite3. Diagnostics go to stderr.
 */
#define G_LOG_DOMAIN "staple-bench"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>

#include "staple-model.h"
#include "staple-map-layout.h"
#include "staple-map-renderer.h"
#include "staple-report.h"
#include "staple-store.h"

#define SEED            20240517
#define N_STAGES        40
#define N_CARDS         30
#define N_PARTICIPANTS  8
#define VIEW_WIDTH      1600
#define VIEW_HEIGHT     1000
#define WARMUPS         2
#define TEXT_MIN        10
#define TEXT_MAX        120

/* Making the session */

static const char * const openings[] = {
  "Customer", "The agent", "Nobody", "Billing", "The web form", "Our portal", "Support",
  "The courier", "Every request", "The supervisor", "The engineer", "Finance", "The app",
  "The night shift", "A new starter", "The call centre", "Legal",
};

static const char * const middles[] = {
  "has to repeat the order number", "waits three days for a callback",
  "cannot see the claim status", "is transferred to another queue",
  "asks for a signature twice", "replies in the wrong language",
  "needs approval for a €5 refund", "re-enters the address by hand",
  "loses the attachment", "closes the ticket without asking",
  "sends a letter instead of an e-mail", "gets a different answer each time",
  "is measured on call length, not on fixing it", "has no access to the order history",
  "must escalate anything over £50", "reads from a script that does not fit",
};

static const char * const tails[] = {
  "because the systems do not talk", "after the second escalation", "and gives up",
  "every single time", "on a Friday afternoon", "while the customer is on hold",
  "so the case bounces back", "which nobody owns", "until someone complains in public",
  "because the policy says so", "and the SLA clock keeps running",
};

static const char * const shorts[] = {
  "No callback", "Form lost", "Wrong queue again", "Hold music 40 min", "Refund stuck",
  "Password reset loop", "Nobody owns it", "Duplicate invoice",
};

static const char * const long_words[] = {
  "Kundenzufriedenheitsermittlungsverfahren",
  "Rechtsschutzversicherungsgesellschaften",
  "https://support.example.com/tickets/escalations/pending?queue=refunds&sort=oldest",
  "re-authentication-and-re-authorisation-workflow",
};

static const char * const emoji[] = { "😡", "⏳", "📞", "🙄", "🔁", "👍" };

static const char * const rtl[] = {
  "הלקוח חיכה שלושה ימים לתשובה מהמחלקה",
  "لم يتلقَّ العميل أي رد على طلب الاسترداد",
  "הטופס דורש חתימה נוספת",
  "الموظف يحتاج إلى موافقة المدير لكل استثناء",
};

static const char * const verbs[] = {
  "Receive", "Check", "Route", "Assess", "Approve", "Schedule", "Visit", "Repair", "Invoice",
  "Follow up", "Close", "Reopen", "Escalate", "Confirm",
};

static const char * const objects[] = {
  "the claim", "identity", "the fault report", "the part order", "the engineer's visit",
  "the refund", "the complaint", "the warranty and the small print of the contract",
  "payment", "the case",
};

static const char * const teams[] = {
  "Front desk", "Claims", "Billing", "IT service desk", "Field service",
  "Quality assurance & compliance", "",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static char *
clip_text (GString *text,
           int      length)
{
  char *clipped;

  if (g_utf8_strlen (text->str, -1) > length)
    {
      char *space;

      /* At a word's end where there is one far enough in. */
      clipped = g_utf8_substring (text->str, 0, length + 1);
      space = strrchr (clipped, ' ');
      if (space != NULL && g_utf8_strlen (clipped, space - clipped) >= TEXT_MIN)
        *space = '\0';
      else
        *g_utf8_offset_to_pointer (clipped, length) = '\0';
      g_string_assign (text, g_strchomp (clipped));
      g_free (clipped);
    }

  while (g_utf8_strlen (text->str, -1) < TEXT_MIN)
    g_string_append (text, " again");

  return g_string_free (text, FALSE);
}

/* A friction point's words, 10 to 120 characters: mostly plain English,
 * some with a very long word, a few with emoji or in Hebrew or Arabic. */
static char *
make_text (GRand *rand)
{
  GString *text = g_string_new (NULL);
  int length = g_rand_int_range (rand, TEXT_MIN, TEXT_MAX + 1);
  int style = g_rand_int_range (rand, 0, 100);

  if (style < 6)
    g_string_append (text, PICK (rand, rtl));
  else if (length < 24)
    g_string_append (text, PICK (rand, shorts));
  else
    g_string_append_printf (text, "%s %s", PICK (rand, openings), PICK (rand, middles));

  if (style >= 6 && style < 9)
    g_string_append_printf (text, ": %s", PICK (rand, rtl));
  if (style >= 9 && style < 17)
    g_string_append_printf (text, " %s", PICK (rand, long_words));

  while (g_utf8_strlen (text->str, -1) < length)
    g_string_append_printf (text, " %s", PICK (rand, tails));

  if (style >= 17 && style < 23)
    {
      g_string_prepend (text, " ");
      g_string_prepend (text, PICK (rand, emoji));
    }

  return clip_text (text, length);
}

static StapleFriction *
make_friction (GRand  *rand,
               gint64  id,
               gint64  stage_id,
               int     position)
{
  StapleFriction *friction = staple_friction_new ();
  g_autofree char *text = make_text (rand);

  staple_friction_set_id (friction, id);
  staple_friction_set_stage_id (friction, stage_id);
  staple_friction_set_position (friction, position);
  staple_friction_set_text (friction, text);
  staple_friction_set_kind (friction, g_rand_int_range (rand, STAPLE_FRICTION_KIND_POLICY,
                                                        STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS + 1));
  staple_friction_set_severity (friction, g_rand_int_range (rand, STAPLE_SEVERITY_MIN,
                                                            STAPLE_SEVERITY_MAX + 1));
  staple_friction_set_principle (friction, g_rand_int_range (rand, STAPLE_PRINCIPLE_NONE,
                                                             STAPLE_PRINCIPLE_DECIDE_WITHOUT_ESCALATING + 1));
  return friction;
}

static StapleStage *
make_stage (GRand      *rand,
            guint       index,
            const char *team)
{
  StapleStage *stage = staple_stage_new ();
  g_autofree char *name = g_strdup_printf ("%s %s", PICK (rand, verbs), PICK (rand, objects));

  staple_stage_set_id (stage, index + 1);
  staple_stage_set_session_id (stage, 1);
  staple_stage_set_position (stage, index);
  staple_stage_set_name (stage, name);
  staple_stage_set_team (stage, team);
  staple_stage_set_channel (stage, g_rand_int_range (rand, STAPLE_CHANNEL_PHONE,
                                                     STAPLE_CHANNEL_INTERNAL + 1));
  staple_stage_set_work_minutes (stage, g_rand_int_range (rand, 1, 600));
  staple_stage_set_wait_minutes (stage, g_rand_int_range (rand, 0, 20000));
  staple_stage_set_dropped (stage, g_rand_int_range (rand, 0, 10) == 0);
  staple_stage_set_customer_feeling (stage, g_rand_int_range (rand, STAPLE_FEELING_MIN,
                                                              STAPLE_FEELING_MAX + 1));
  staple_stage_set_staff_feeling (stage, g_rand_int_range (rand, STAPLE_FEELING_MIN,
                                                           STAPLE_FEELING_MAX + 1));

  for (guint j = 0; j < N_CARDS; j++)
    {
      g_autoptr(StapleFriction) friction = make_friction (rand, index * N_CARDS + j + 1,
                                                          index + 1, j);

      g_list_store_append (staple_stage_get_frictions (stage), friction);
    }

  return stage;
}

/* About a third of the cards get one to four votes. */
static void
add_votes (StapleSession *session,
           GRand         *rand)
{
  GListStore *votes = staple_session_get_votes (session);
  gint64 id = 1;

  for (guint p = 0; p < N_PARTICIPANTS; p++)
    {
      g_autoptr(StapleParticipant) participant = staple_participant_new ();
      g_autofree char *name = g_strdup_printf ("Participant %u", p + 1);

      staple_participant_set_id (participant, p + 1);
      staple_participant_set_name (participant, name);
      g_list_store_append (staple_session_get_participants (session), participant);
    }

  for (gint64 friction = 1; friction <= N_STAGES * N_CARDS; friction++)
    {
      int n = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 1, 5) : 0;

      for (int v = 0; v < n; v++)
        {
          g_autoptr(StapleVote) vote = staple_vote_new ();

          staple_vote_set_id (vote, id++);
          staple_vote_set_participant_id (vote, v + 1);
          staple_vote_set_friction_id (vote, friction);
          g_list_store_append (votes, vote);
        }
    }
}

static StapleSession *
make_session (void)
{
  StapleSession *session = staple_session_new ();
  GRand *rand = g_rand_new_with_seed (SEED);
  const char *team = teams[0];

  staple_session_set_id (session, 1);
  staple_session_set_title (session, "Synthetic benchmark session");

  for (guint i = 0; i < N_STAGES; i++)
    {
      g_autoptr(StapleStage) stage = NULL;

      /* Runs of stages in one team, so some steps are handoffs. */
      if (i > 0 && g_rand_int_range (rand, 0, 5) < 2)
        team = PICK (rand, teams);
      stage = make_stage (rand, i, team);
      g_list_store_append (staple_session_get_stages (session), stage);
    }

  add_votes (session, rand);
  g_rand_free (rand);
  return session;
}

/* What the naive baseline draws, copied once out of our layout: geometry
 * and text settings only, never a measured PangoLayout. */

typedef struct
{
  char                 *text;      /* NULL: read from the model when drawing */
  PangoFontDescription *font;
  int                   width;     /* Pango units, or -1 */
  int                   height;    /* Pango units, or −lines */
  PangoEllipsizeMode    ellipsize;
} NaiveText;

typedef struct
{
  StapleFriction    *friction;
  cairo_rectangle_t  rect;
  NaiveText          label;
  guint              n_votes;
} NaiveCard;

typedef struct
{
  StapleStage       *stage;
  cairo_rectangle_t  column;
  cairo_rectangle_t  header;
  NaiveText          title;
  NaiveText          subtitle;
  NaiveText          times;
  NaiveText          causes;
  NaiveText          handoff_label;
  double             customer_y;
  double             staff_y;
  gboolean           handoff_after;
  GArray            *cards;        /* NaiveCard */
} NaiveColumn;

typedef struct
{
  double     width;
  double     height;
  double     lane_y[STAPLE_MAP_N_LANES];
  double     lane_height[STAPLE_MAP_N_LANES];
  double     customer_zero;
  double     staff_zero;
  NaiveText  lane_labels[STAPLE_MAP_N_LANES];
  NaiveText  card_text;         /* text NULL: each card's own */
  NaiveText  small;             /* vote counts; text NULL */
  GArray    *columns;           /* NaiveColumn */
} NaiveMap;

static void
naive_text_init (NaiveText   *naive,
                 PangoLayout *layout,
                 gboolean     copy_text)
{
  naive->text = copy_text ? g_strdup (pango_layout_get_text (layout)) : NULL;
  naive->font = pango_font_description_copy (pango_layout_get_font_description (layout));
  naive->width = pango_layout_get_width (layout);
  naive->height = pango_layout_get_height (layout);
  naive->ellipsize = pango_layout_get_ellipsize (layout);
}

static void
naive_text_clear (NaiveText *naive)
{
  g_clear_pointer (&naive->text, g_free);
  g_clear_pointer (&naive->font, pango_font_description_free);
}

static void
naive_card_clear (gpointer data)
{
  naive_text_clear (&((NaiveCard *) data)->label);
}

static void
naive_column_clear (gpointer data)
{
  NaiveColumn *column = data;

  naive_text_clear (&column->title);
  naive_text_clear (&column->subtitle);
  naive_text_clear (&column->times);
  naive_text_clear (&column->causes);
  naive_text_clear (&column->handoff_label);
  g_clear_pointer (&column->cards, g_array_unref);
}

static void
naive_column_init (NaiveColumn           *naive,
                   const StapleMapColumn *column)
{
  naive->stage = column->stage;
  naive->column = column->column;
  naive->header = column->header;
  naive_text_init (&naive->title, column->title, TRUE);
  naive_text_init (&naive->subtitle, column->subtitle, TRUE);
  naive_text_init (&naive->times, column->times, TRUE);
  naive_text_init (&naive->causes, column->causes, TRUE);
  naive_text_init (&naive->handoff_label, column->handoff_label, TRUE);
  naive->customer_y = column->customer_y;
  naive->staff_y = column->staff_y;
  naive->handoff_after = column->handoff_after;
  naive->cards = g_array_sized_new (FALSE, TRUE, sizeof (NaiveCard), column->cards->len);
  g_array_set_clear_func (naive->cards, naive_card_clear);

  for (guint j = 0; j < column->cards->len; j++)
    {
      const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);
      NaiveCard copy = { card->friction, card->rect, { 0 }, card->n_votes };

      naive_text_init (&copy.label, card->label, TRUE);
      g_array_append_val (naive->cards, copy);
    }
}

static NaiveMap *
naive_map_new (StapleMapLayout *layout)
{
  NaiveMap *map = g_new0 (NaiveMap, 1);
  guint n_columns = staple_map_layout_get_n_columns (layout);

  map->width = staple_map_layout_get_width (layout);
  map->height = staple_map_layout_get_height (layout);
  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      staple_map_layout_get_lane (layout, lane, &map->lane_y[lane], &map->lane_height[lane]);
      naive_text_init (&map->lane_labels[lane],
                       staple_map_layout_get_lane_label (layout, lane), TRUE);
    }
  map->customer_zero = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_CUSTOMER, 0);
  map->staff_zero = staple_map_layout_feeling_to_y (layout, STAPLE_MAP_LANE_STAFF, 0);
  naive_text_init (&map->card_text, staple_map_layout_get_card (layout, 0, 0)->text, FALSE);
  naive_text_init (&map->small, staple_map_layout_get_small_text (layout, "1"), FALSE);

  map->columns = g_array_sized_new (FALSE, TRUE, sizeof (NaiveColumn), n_columns);
  g_array_set_clear_func (map->columns, naive_column_clear);
  g_array_set_size (map->columns, n_columns);
  for (guint i = 0; i < n_columns; i++)
    naive_column_init (&g_array_index (map->columns, NaiveColumn, i),
                       staple_map_layout_get_column (layout, i));

  return map;
}

static void
naive_map_free (NaiveMap *map)
{
  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    naive_text_clear (&map->lane_labels[lane]);
  naive_text_clear (&map->card_text);
  naive_text_clear (&map->small);
  g_array_unref (map->columns);
  g_free (map);
}

/* The naive baseline: what drawing the map straight with cairo and Pango
 * costs. The same shapes as our renderer, every text through a PangoLayout
 * made, measured and dropped on the spot, and everything drawn whether on
 * screen or not. */

static const double paper[3] = { 0.98, 0.98, 0.98 };
static const double white[3] = { 1, 1, 1 };
static const double border[3] = { 0.80, 0.79, 0.78 };
static const double ink[3] = { 0.14, 0.12, 0.19 };
static const double dim[3] = { 0.37, 0.36, 0.39 };
static const double customer_rgb[3] = { 0.0, 0.447, 0.698 };
static const double staff_rgb[3] = { 0.0, 0.52, 0.38 };
static const double handoff_rgb[3] = { 0.55, 0.55, 0.55 };
static const double silo_rgb[3] = { 0.835, 0.369, 0.0 };

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
  const NaiveMap *map;
} Naive;

static void
set_rgb (cairo_t      *cr,
         const double *rgb)
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

static void
rounded_rect (cairo_t                 *cr,
              const cairo_rectangle_t *rect,
              double                   radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The same settings as the layout's own Pango context: unhinted, 96 dpi. */
static void
setup_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
}

static PangoLayout *
naive_layout (PangoContext    *context,
              const NaiveText *spec,
              const char      *text)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, spec->font);
  pango_layout_set_width (layout, spec->width);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, spec->ellipsize);
  pango_layout_set_height (layout, spec->height);
  pango_layout_set_text (layout, text != NULL ? text : spec->text, -1);
  return layout;
}

/* Lays out, draws and drops a text; returns its height. */
static double
naive_show (Naive           *naive,
            const NaiveText *spec,
            const char      *text,
            double           x,
            double           y,
            const double    *rgb)
{
  PangoLayout *layout = naive_layout (naive->context, spec, text);
  PangoRectangle logical;

  set_rgb (naive->cr, rgb);
  cairo_move_to (naive->cr, x, y);
  pango_cairo_show_layout (naive->cr, layout);
  pango_layout_get_extents (layout, NULL, &logical);
  g_object_unref (layout);
  return (double) logical.height / PANGO_SCALE;
}

static void
naive_background (Naive *naive)
{
  const NaiveMap *map = naive->map;
  cairo_t *cr = naive->cr;

  set_rgb (cr, paper);
  cairo_paint (cr);

  for (guint lane = 0; lane < STAPLE_MAP_N_LANES; lane++)
    {
      if (lane % 2 == 1)
        {
          cairo_set_source_rgba (cr, 0, 0, 0, 0.035);
          cairo_rectangle (cr, 0, map->lane_y[lane], map->width, map->lane_height[lane]);
          cairo_fill (cr);
        }
      naive_show (naive, &map->lane_labels[lane], NULL, 24, map->lane_y[lane] + 10, dim);
    }
}

static void
naive_column_background (Naive             *naive,
                         const NaiveColumn *column)
{
  rounded_rect (naive->cr, &column->column, 10);
  set_rgb (naive->cr, white);
  cairo_fill_preserve (naive->cr);
  set_rgb (naive->cr, border);
  cairo_set_line_width (naive->cr, 1);
  cairo_stroke (naive->cr);
}

static void
naive_header (Naive             *naive,
              const NaiveColumn *column)
{
  double x = column->header.x + 12;
  double y = column->header.y + 10;

  y += naive_show (naive, &column->title, NULL, x, y, ink) + 4;
  y += naive_show (naive, &column->subtitle, NULL, x, y, dim);
  naive_show (naive, &column->times, NULL, x, y,
              staple_stage_get_dropped (column->stage) ? silo_rgb : dim);
}

static void
naive_curve (Naive             *naive,
             guint              index,
             gboolean           customer)
{
  const NaiveMap *map = naive->map;
  const NaiveColumn *column = &g_array_index (map->columns, NaiveColumn, index);
  cairo_t *cr = naive->cr;
  double cx = column->column.x + column->column.width / 2;
  double y = customer ? column->customer_y : column->staff_y;
  double zero = customer ? map->customer_zero : map->staff_zero;
  const double *rgb = customer ? customer_rgb : staff_rgb;

  cairo_set_source_rgba (cr, dim[0], dim[1], dim[2], 0.35);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
  cairo_move_to (cr, column->column.x, zero);
  cairo_line_to (cr, column->column.x + column->column.width, zero);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (index + 1 < map->columns->len)
    {
      const NaiveColumn *next = &g_array_index (map->columns, NaiveColumn, index + 1);

      set_rgb (cr, rgb);
      cairo_set_line_width (cr, 3);
      cairo_move_to (cr, cx, y);
      cairo_line_to (cr, next->column.x + next->column.width / 2,
                     customer ? next->customer_y : next->staff_y);
      cairo_stroke (cr);
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, y, 6, 0, 2 * G_PI);
  set_rgb (cr, rgb);
  cairo_fill_preserve (cr);
  set_rgb (cr, white);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
naive_handoff (Naive *naive,
               guint  index)
{
  const NaiveMap *map = naive->map;
  const NaiveColumn *column = &g_array_index (map->columns, NaiveColumn, index);
  const NaiveColumn *next;
  cairo_t *cr = naive->cr;
  gboolean silo = column->handoff_after;
  double lane_y = map->lane_y[STAPLE_MAP_LANE_HANDOFFS];
  double y = lane_y + map->lane_height[STAPLE_MAP_LANE_HANDOFFS] * (silo ? 0.62 : 0.5);
  double x0, x1;

  if (index + 1 >= map->columns->len)
    return;

  next = &g_array_index (map->columns, NaiveColumn, index + 1);
  x0 = column->column.x + column->column.width / 2;
  x1 = next->column.x + next->column.width / 2 - 10;

  set_rgb (cr, silo ? silo_rgb : handoff_rgb);
  cairo_set_line_width (cr, silo ? 4 : 1.5);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_move_to (cr, x1 + 10, y);
  cairo_line_to (cr, x1 - (silo ? 2 : 6), y - (silo ? 9 : 5));
  cairo_line_to (cr, x1 - (silo ? 2 : 6), y + (silo ? 9 : 5));
  cairo_close_path (cr);
  cairo_fill (cr);

  if (silo)
    naive_show (naive, &next->handoff_label, NULL, next->column.x + 12, lane_y + 2, silo_rgb);
}

static void
naive_pips_and_votes (Naive           *naive,
                      const NaiveCard *card,
                      double           y)
{
  cairo_t *cr = naive->cr;
  const cairo_rectangle_t *r = &card->rect;
  double right = r->x + r->width - (card->n_votes > 0 ? 30 : 10);
  int severity = staple_friction_get_severity (card->friction);
  char number[16];
  PangoLayout *layout;
  PangoRectangle logical;

  for (int i = 0; i < STAPLE_SEVERITY_MAX; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, right - (STAPLE_SEVERITY_MAX - i) * 7 + 2.6, y,
                 i < severity ? 2.6 : 2.0, 0, 2 * G_PI);
      set_rgb (cr, ink);
      if (i < severity)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
    }

  if (card->n_votes == 0)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - 14, y, 8, 0, 2 * G_PI);
  set_rgb (cr, ink);
  cairo_fill (cr);

  g_snprintf (number, sizeof number, "%u", card->n_votes);
  layout = naive_layout (naive->context, &naive->map->small, number);
  pango_layout_get_extents (layout, NULL, &logical);
  set_rgb (cr, white);
  cairo_move_to (cr, r->x + r->width - 14 - logical.width / (2.0 * PANGO_SCALE),
                 y - logical.height / (2.0 * PANGO_SCALE));
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
naive_card (Naive           *naive,
            const NaiveCard *card)
{
  cairo_t *cr = naive->cr;
  const cairo_rectangle_t *r = &card->rect;
  double kind_rgb[3];
  double tint[3];
  double label_y = r->y + 8;
  double label_h;

  staple_map_render_kind_color (staple_friction_get_kind (card->friction), FALSE, kind_rgb);
  for (guint i = 0; i < 3; i++)
    tint[i] = white[i] * 0.87 + kind_rgb[i] * 0.13;

  rounded_rect (cr, r, 6);
  set_rgb (cr, tint);
  cairo_fill_preserve (cr);
  set_rgb (cr, border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  cairo_save (cr);
  rounded_rect (cr, r, 6);
  cairo_clip (cr);
  set_rgb (cr, kind_rgb);
  cairo_rectangle (cr, r->x, r->y, 6, r->height);
  cairo_fill (cr);
  cairo_restore (cr);

  label_h = naive_show (naive, &card->label, NULL, r->x + 14, label_y, dim);
  naive_pips_and_votes (naive, card, label_y + label_h / 2);
  naive_show (naive, &naive->map->card_text, staple_friction_get_text (card->friction),
              r->x + 14, label_y + label_h + 4, ink);
}

static void
naive_column (Naive *naive,
              guint  index)
{
  const NaiveColumn *column = &g_array_index (naive->map->columns, NaiveColumn, index);

  naive_header (naive, column);
  naive_curve (naive, index, TRUE);
  naive_curve (naive, index, FALSE);
  naive_handoff (naive, index);

  for (guint j = 0; j < column->cards->len; j++)
    naive_card (naive, &g_array_index (column->cards, NaiveCard, j));

  naive_show (naive, &column->causes, NULL, column->column.x + 12,
              naive->map->lane_y[STAPLE_MAP_LANE_CAUSES] + 10, ink);
}

/* Draws columns first … last − 1 and everything around them, with a Pango
 * context made for this frame only. */
static void
naive_draw (const NaiveMap *map,
            cairo_t        *cr,
            guint           first,
            guint           last)
{
  Naive naive = { cr, pango_cairo_create_context (cr), map };

  setup_context (naive.context);
  naive_background (&naive);
  for (guint i = first; i < last; i++)
    naive_column_background (&naive, &g_array_index (map->columns, NaiveColumn, i));
  for (guint i = first; i < last; i++)
    naive_column (&naive, i);

  g_object_unref (naive.context);
}

/* Timing */

typedef struct
{
  StapleSession    *session;
  StapleMapLayout  *layout;
  NaiveMap         *map;
  cairo_surface_t  *surface;
  cairo_rectangle_t viewport;      /* at 100 %, in map units */
  double            fit_zoom;
  StapleFriction   *edited;
  guint             edited_column;
  guint             n_edits;
  char             *library_dir;   /* search-10000 */
  char             *library_path;
  StapleStore      *library;
  sqlite3          *library_db;
  sqlite3_stmt     *library_query;
} Bench;

typedef double (*BenchFunc) (Bench *bench);

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

/* Runs ours and the baseline in turns and prints the medians. */
static void
measure (Bench      *bench,
         const char *name,
         BenchFunc   ours,
         BenchFunc   baseline,
         guint       repetitions)
{
  g_autoptr(GArray) ours_ms = g_array_sized_new (FALSE, FALSE, sizeof (double), repetitions);
  g_autoptr(GArray) baseline_ms = g_array_sized_new (FALSE, FALSE, sizeof (double),
                                                     repetitions);
  double x, y;

  for (guint i = 0; i < WARMUPS + repetitions; i++)
    {
      double a = ours (bench);
      double b = baseline (bench);

      if (i < WARMUPS)
        continue;
      g_array_append_val (ours_ms, a);
      g_array_append_val (baseline_ms, b);
    }

  x = median (ours_ms);
  y = median (baseline_ms);
  g_printerr ("%s: ours %.3f to %.3f ms, baseline %.3f to %.3f ms (%u runs)\n", name,
              g_array_index (ours_ms, double, 0),
              g_array_index (ours_ms, double, repetitions - 1),
              g_array_index (baseline_ms, double, 0),
              g_array_index (baseline_ms, double, repetitions - 1), repetitions);
  printf ("%s ours_ms=%.3f baseline_ms=%.3f ratio=%.3f\n", name, x, y, y > 0 ? x / y : 0);
  fflush (stdout);
}

/* layout-1200 */

static double
layout_ours (Bench *bench)
{
  StapleMapLayout *layout;
  double start = now_ms ();
  double elapsed;

  layout = staple_map_layout_new ();
  staple_map_layout_set_session (layout, bench->session);
  staple_map_layout_update (layout);
  elapsed = now_ms () - start;

  /* Freeing it, and letting go of the model's signals, is not timed. */
  g_object_unref (layout);
  return elapsed;
}

/* Bare Pango measures each card's text once, as the layout must; the layout
 * also measures every card's label and every stage's header and causes. */
static double
layout_baseline (Bench *bench)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (bench->session));
  double start = now_ms ();
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoRectangle logical;

  setup_context (context);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));

      for (guint j = 0; j < g_list_model_get_n_items (frictions); j++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, j);
          PangoLayout *layout = naive_layout (context, &bench->map->card_text,
                                              staple_friction_get_text (friction));

          pango_layout_get_extents (layout, NULL, &logical);
          g_object_unref (layout);
        }
    }
  g_object_unref (context);

  return now_ms () - start;
}

/* redraw-1200-100pct and redraw-1200-fit */

static cairo_t *
create_view (Bench                   *bench,
             const cairo_rectangle_t *visible,
             double                   zoom)
{
  cairo_t *cr = cairo_create (bench->surface);

  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -visible->x, -visible->y);
  return cr;
}

static double
redraw_ours (Bench                   *bench,
             const cairo_rectangle_t *visible,
             double                   zoom)
{
  cairo_t *cr = create_view (bench, visible, zoom);
  StapleMapRenderOptions options;
  double start;
  double elapsed;

  staple_map_render_options_init (&options);
  options.zoom = zoom;
  options.clip_to_visible = TRUE;
  options.cache_cards = TRUE;
  options.visible = *visible;

  start = now_ms ();
  staple_map_render (bench->layout, cr, &options);
  cairo_surface_flush (bench->surface);
  elapsed = now_ms () - start;

  cairo_destroy (cr);
  return elapsed;
}

/* The whole map, whatever part of it the view shows. */
static double
redraw_baseline (Bench                   *bench,
                 const cairo_rectangle_t *visible,
                 double                   zoom)
{
  cairo_t *cr = create_view (bench, visible, zoom);
  double start = now_ms ();
  double elapsed;

  naive_draw (bench->map, cr, 0, bench->map->columns->len);
  cairo_surface_flush (bench->surface);
  elapsed = now_ms () - start;

  cairo_destroy (cr);
  return elapsed;
}

static double
full_ours (Bench *bench)
{
  return redraw_ours (bench, &bench->viewport, 1.0);
}

static double
full_baseline (Bench *bench)
{
  return redraw_baseline (bench, &bench->viewport, 1.0);
}

static double
fit_ours (Bench *bench)
{
  cairo_rectangle_t whole = { 0, 0, bench->map->width, bench->map->height };

  return redraw_ours (bench, &whole, bench->fit_zoom);
}

static double
fit_baseline (Bench *bench)
{
  cairo_rectangle_t whole = { 0, 0, bench->map->width, bench->map->height };

  return redraw_baseline (bench, &whole, bench->fit_zoom);
}

/* redraw-after-edit */

/* Two wordings of the same length, so the card keeps its height and only
 * its column needs drawing again. */
static void
edit_card (Bench *bench)
{
  static const char * const wordings[] = {
    "Refund form asks for the order number twice",
    "Refund form asks for the order amount twice",
  };

  staple_friction_set_text (bench->edited, wordings[bench->n_edits++ % 2]);
}

static gboolean
intersect (const cairo_rectangle_t *a,
           const cairo_rectangle_t *b,
           cairo_rectangle_t       *result)
{
  double x0 = MAX (a->x, b->x);
  double y0 = MAX (a->y, b->y);
  double x1 = MIN (a->x + a->width, b->x + b->width);
  double y1 = MIN (a->y + a->height, b->y + b->height);

  *result = (cairo_rectangle_t) { x0, y0, MAX (0, x1 - x0), MAX (0, y1 - y0) };
  return x1 > x0 && y1 > y0;
}

/* The edit, the update, and drawing the damage: the edited card's column
 * where it is on screen. */
static double
edit_ours (Bench *bench)
{
  cairo_t *cr = create_view (bench, &bench->viewport, 1.0);
  StapleMapRenderOptions options;
  const StapleMapColumn *column;
  double start;
  double elapsed;

  staple_map_render_options_init (&options);
  options.clip_to_visible = TRUE;
  options.cache_cards = TRUE;

  start = now_ms ();
  edit_card (bench);
  staple_map_layout_update (bench->layout);
  column = staple_map_layout_get_column (bench->layout, bench->edited_column);
  intersect (&column->column, &bench->viewport, &options.visible);
  cairo_rectangle (cr, options.visible.x, options.visible.y, options.visible.width,
                   options.visible.height);
  cairo_clip (cr);
  staple_map_render (bench->layout, cr, &options);
  cairo_surface_flush (bench->surface);
  elapsed = now_ms () - start;

  cairo_destroy (cr);
  return elapsed;
}

/* The baseline redraws the viewport naively: every column that reaches into
 * it, whole, with every text laid out afresh; the rest of the map is left
 * out (a naive view would at least do that much). */
static double
edit_baseline (Bench *bench)
{
  cairo_t *cr = create_view (bench, &bench->viewport, 1.0);
  const NaiveMap *map = bench->map;
  guint first = map->columns->len;
  guint last = 0;
  double start;
  double elapsed;

  for (guint i = 0; i < map->columns->len; i++)
    {
      cairo_rectangle_t common;

      if (intersect (&g_array_index (map->columns, NaiveColumn, i).column,
                     &bench->viewport, &common))
        {
          first = MIN (first, i);
          last = i + 1;
        }
    }

  start = now_ms ();
  edit_card (bench);
  naive_draw (map, cr, first, last);
  cairo_surface_flush (bench->surface);
  elapsed = now_ms () - start;

  cairo_destroy (cr);
  /* Our layout follows the model, untimed, before our next turn. */
  staple_map_layout_update (bench->layout);
  return elapsed;
}

/* Picks a card wholly in the viewport, in the column under its middle. */
static void
choose_edited_card (Bench *bench)
{
  double middle = bench->viewport.x + bench->viewport.width / 2;

  for (guint i = 0; i < staple_map_layout_get_n_columns (bench->layout); i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (bench->layout, i);

      if (middle < column->column.x || middle >= column->column.x + column->column.width)
        continue;

      for (guint j = 0; j < column->cards->len; j++)
        {
          const StapleMapCard *card = &g_array_index (column->cards, StapleMapCard, j);
          cairo_rectangle_t common;

          if (intersect (&card->rect, &bench->viewport, &common) &&
              common.width == card->rect.width && common.height == card->rect.height)
            {
              bench->edited = card->friction;
              bench->edited_column = i;
              g_printerr ("edited card: stage %u card %u, \"%s\"\n", i, j,
                          staple_friction_get_text (card->friction));
              return;
            }
        }
    }

  g_error ("No card lies wholly in the viewport");
}

/* Both wordings once, so the map's geometry is the one both sides draw. */
static void
prepare_edit (Bench *bench)
{
  const StapleMapColumn *column;
  double before, after;

  choose_edited_card (bench);
  edit_card (bench);
  staple_map_layout_update (bench->layout);
  column = staple_map_layout_get_column (bench->layout, bench->edited_column);
  before = staple_map_layout_get_height (bench->layout) + column->column.width;
  edit_card (bench);
  staple_map_layout_update (bench->layout);
  column = staple_map_layout_get_column (bench->layout, bench->edited_column);
  after = staple_map_layout_get_height (bench->layout) + column->column.width;
  if (before != after)
    g_printerr ("warning: the edit changes the map's geometry\n");
}

static void
describe (Bench *bench)
{
  guint n_visible = 0;

  for (guint i = 0; i < bench->map->columns->len; i++)
    {
      const NaiveColumn *column = &g_array_index (bench->map->columns, NaiveColumn, i);

      for (guint j = 0; j < column->cards->len; j++)
        {
          cairo_rectangle_t common;

          n_visible += intersect (&g_array_index (column->cards, NaiveCard, j).rect,
                                  &bench->viewport, &common);
        }
    }

  g_printerr ("map %.0f x %.0f map units, %u stages x %u cards; viewport at %.0f,%.0f "
              "%d x %d shows %u cards; fit zoom %.4f\n",
              bench->map->width, bench->map->height, N_STAGES, N_CARDS,
              bench->viewport.x, bench->viewport.y, VIEW_WIDTH, VIEW_HEIGHT, n_visible,
              bench->fit_zoom);
}

static void
bench_init (Bench *bench)
{
  double width, height;

  bench->session = make_session ();
  bench->layout = staple_map_layout_new ();
  staple_map_layout_set_session (bench->layout, bench->session);
  staple_map_layout_update (bench->layout);
  bench->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);

  width = staple_map_layout_get_width (bench->layout);
  height = staple_map_layout_get_height (bench->layout);
  bench->viewport = (cairo_rectangle_t) { floor (width / 2 - VIEW_WIDTH / 2),
                                          MAX (0, floor (height / 2 - VIEW_HEIGHT / 2)),
                                          VIEW_WIDTH, VIEW_HEIGHT };
  bench->fit_zoom = MIN (VIEW_WIDTH / width, VIEW_HEIGHT / height);

  prepare_edit (bench);
  bench->map = naive_map_new (bench->layout);
  describe (bench);
}

static void
bench_clear (Bench *bench)
{
  naive_map_free (bench->map);
  cairo_surface_destroy (bench->surface);
  g_clear_object (&bench->layout);
  g_clear_object (&bench->session);
}

/* pdf-export-1200 */

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* Ours: the map-only report on one A0 page (a plotter print), written to a
 * PDF file through the same code as "Export PDF". */
static double
pdf_ours (Bench *bench)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "staple-bench.pdf", NULL);
  g_autoptr(StapleReport) report = NULL;
  StapleReportOptions options;
  double start = now_ms ();
  double elapsed;

  staple_report_options_init (&options);
  options.kind = STAPLE_REPORT_MAP;
  options.paper = STAPLE_PAPER_A0;
  report = staple_report_new (bench->session, &options);
  if (!staple_report_write_pdf (report, path, NULL))
    g_error ("pdf-export-1200: could not write %s", path);
  elapsed = now_ms () - start;

  g_unlink (path);
  return elapsed;
}

/* The baseline: bare cairo and Pango drawing the same map, scaled to the
 * same A0 page, into a PDF surface that writes nowhere. */
static double
pdf_baseline (Bench *bench)
{
  double width, height, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  double start = now_ms ();

  staple_paper_get_size (STAPLE_PAPER_A0, STAPLE_ORIENTATION_LANDSCAPE, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL, width, height);
  cr = cairo_create (surface);
  scale = MIN (width / bench->map->width, height / bench->map->height);
  cairo_scale (cr, scale, scale);
  naive_draw (bench->map, cr, 0, bench->map->columns->len);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return now_ms () - start;
}

/* search-10000 */

#define LIBRARY_SIZE   10000
#define SEARCH_QUERY   "refund callback"
#define SEARCH_MATCH   "\"refund\"* AND \"callback\"*"

static const char * const organisations[] = {
  "Acme Parcels", "Northwind Insurance", "Bolt & Co", "City Council", "Harbour Health",
  "Meridian Bank", "Green Valley Water", "Orbit Telecom", "St Anne's Hospital", "Café Lumière",
  "Fjord Logistics", "Kingsway Housing", "Sunrise Energy", "Praxis Legal", "Møller Retail",
  "Zenith Freight", "Atlas Learning", "Blue Door Lettings", "Cobalt Software", "Riverside GP",
};

static const char * const topics[] = {
  "Parcel returns", "Home insurance claim", "Broken boiler repair", "New bank account",
  "Council tax change of address", "Hospital discharge", "Mobile contract cancellation",
  "Water leak report", "Tenancy renewal", "Password reset", "Energy meter reading",
  "Student enrolment", "Late delivery complaint", "Invoice dispute", "Warranty repair",
  "Prescription renewal", "Lost card", "Planning application", "Software licence renewal",
  "Appointment booking",
};

static const char * const first_names[] = {
  "Ana", "Ben", "Chloé", "Dmitri", "Esi", "Farah", "Gustav", "Hana", "Ivo", "Jonas",
  "Kemal", "Lena", "Mateo", "Nia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomás",
};

static const char * const roles[] = {
  "Team lead", "Agent", "Engineer", "Customer", "Manager", "Clerk", "Nurse", "Analyst",
  "Coordinator", "Director",
};

static const char * const empowerment_texts[] = {
  "Refund up to €50 without asking", "Send a courier the same day",
  "Waive the fee once a year", "Call the customer back directly",
  "Book the engineer without approval", "Close the case when the customer agrees",
};

static sqlite3_stmt *
bench_prepare (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("search-10000: %s", sqlite3_errmsg (db));
  return stmt;
}

static void
bench_step (sqlite3      *db,
            sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("search-10000: %s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

static void
bind_owned (sqlite3_stmt *stmt,
            int           index,
            char         *text)
{
  sqlite3_bind_text (stmt, index, text, -1, g_free);
}

typedef struct
{
  sqlite3_stmt *session;
  sqlite3_stmt *participant;
  sqlite3_stmt *stage;
  sqlite3_stmt *friction;
  sqlite3_stmt *action;
  sqlite3_stmt *empowerment;
} LibraryInserts;

static void
generate_session (sqlite3        *db,
                  LibraryInserts *ins,
                  GRand          *rand,
                  guint           index)
{
  gint64 session_id;
  int n_stages = g_rand_int_range (rand, 3, 7);

  bind_owned (ins->session, 1, g_strdup_printf ("%s %u", PICK (rand, topics), index % 97 + 1));
  sqlite3_bind_text (ins->session, 2, PICK (rand, organisations), -1, SQLITE_STATIC);
  bind_owned (ins->session, 3, g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2019, 2027),
                                                g_rand_int_range (rand, 1, 13),
                                                g_rand_int_range (rand, 1, 29)));
  bench_step (db, ins->session);
  session_id = sqlite3_last_insert_rowid (db);

  for (int p = g_rand_int_range (rand, 2, 6); p > 0; p--)
    {
      sqlite3_bind_int64 (ins->participant, 1, session_id);
      sqlite3_bind_int (ins->participant, 2, p);
      sqlite3_bind_text (ins->participant, 3, PICK (rand, first_names), -1, SQLITE_STATIC);
      sqlite3_bind_text (ins->participant, 4, PICK (rand, roles), -1, SQLITE_STATIC);
      bench_step (db, ins->participant);
    }

  for (int s = 0; s < n_stages; s++)
    {
      gint64 stage_id;

      sqlite3_bind_int64 (ins->stage, 1, session_id);
      sqlite3_bind_int (ins->stage, 2, s);
      bind_owned (ins->stage, 3, g_strdup_printf ("%s %s", PICK (rand, verbs),
                                                  PICK (rand, objects)));
      sqlite3_bind_text (ins->stage, 4, PICK (rand, teams), -1, SQLITE_STATIC);
      bind_owned (ins->stage, 5, g_rand_int_range (rand, 0, 4) == 0 ? make_text (rand)
                                                                    : g_strdup (""));
      bench_step (db, ins->stage);
      stage_id = sqlite3_last_insert_rowid (db);

      for (int c = g_rand_int_range (rand, 1, 5); c > 0; c--)
        {
          sqlite3_bind_int64 (ins->friction, 1, stage_id);
          sqlite3_bind_int (ins->friction, 2, c);
          bind_owned (ins->friction, 3, make_text (rand));
          sqlite3_bind_int (ins->friction, 4, g_rand_int_range (rand, 1, 6));
          bench_step (db, ins->friction);
        }
    }

  for (int a = g_rand_int_range (rand, 1, 4); a > 0; a--)
    {
      sqlite3_bind_int64 (ins->action, 1, session_id);
      sqlite3_bind_int (ins->action, 2, a);
      bind_owned (ins->action, 3, g_strdup_printf ("%s %s", PICK (rand, verbs),
                                                   PICK (rand, objects)));
      sqlite3_bind_text (ins->action, 4, g_rand_int_range (rand, 0, 3) == 0 ? "done" : "open",
                         -1, SQLITE_STATIC);
      bench_step (db, ins->action);
    }

  for (int e = g_rand_int_range (rand, 0, 3); e > 0; e--)
    {
      sqlite3_bind_int64 (ins->empowerment, 1, session_id);
      sqlite3_bind_int (ins->empowerment, 2, e);
      sqlite3_bind_text (ins->empowerment, 3, PICK (rand, empowerment_texts), -1,
                         SQLITE_STATIC);
      bench_step (db, ins->empowerment);
    }
}

/* Rows go in through bare SQL in one transaction, which takes seconds where
 * 10,000 separate additions would take minutes of syncing; the store then
 * indexes them all as its migration does. */
static void
generate_library (sqlite3 *db)
{
  GRand *rand = g_rand_new_with_seed (SEED);
  LibraryInserts ins = {
    bench_prepare (db, "INSERT INTO sessions (title, organisation, date, created, updated)"
                       " VALUES (?1, ?2, ?3, 1700000000, 1700000000)"),
    bench_prepare (db, "INSERT INTO participants (session_id, position, name, role)"
                       " VALUES (?1, ?2, ?3, ?4)"),
    bench_prepare (db, "INSERT INTO stages (session_id, position, name, team, notes)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)"),
    bench_prepare (db, "INSERT INTO frictions (stage_id, position, text, severity)"
                       " VALUES (?1, ?2, ?3, ?4)"),
    bench_prepare (db, "INSERT INTO actions (session_id, position, text, status)"
                       " VALUES (?1, ?2, ?3, ?4)"),
    bench_prepare (db, "INSERT INTO empowerments (session_id, position, text)"
                       " VALUES (?1, ?2, ?3)"),
  };

  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("search-10000: %s", sqlite3_errmsg (db));

  for (guint i = 0; i < LIBRARY_SIZE; i++)
    {
      generate_session (db, &ins, rand, i);
      if ((i + 1) % 2000 == 0)
        g_printerr ("search-10000: generated %u sessions\n", i + 1);
    }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("search-10000: %s", sqlite3_errmsg (db));

  sqlite3_finalize (ins.session);
  sqlite3_finalize (ins.participant);
  sqlite3_finalize (ins.stage);
  sqlite3_finalize (ins.friction);
  sqlite3_finalize (ins.action);
  sqlite3_finalize (ins.empowerment);
  g_rand_free (rand);
}

static void
library_init (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) found = NULL;
  double start = now_ms ();
  sqlite3_stmt *count;

  bench->library_dir = g_dir_make_tmp ("staple-bench-XXXXXX", &error);
  if (bench->library_dir == NULL)
    g_error ("search-10000: %s", error->message);
  bench->library_path = g_build_filename (bench->library_dir, "sessions.db", NULL);

  bench->library = staple_store_open (bench->library_path, &error);
  if (bench->library == NULL ||
      sqlite3_open_v2 (bench->library_path, &bench->library_db, SQLITE_OPEN_READWRITE, NULL))
    g_error ("search-10000: %s", error != NULL ? error->message : "cannot open");

  generate_library (bench->library_db);
  if (!staple_store_rebuild_search (bench->library, &error))
    g_error ("search-10000: %s", error->message);

  bench->library_query = bench_prepare (bench->library_db,
                                        "SELECT rowid FROM session_search"
                                        " WHERE session_search MATCH ?1"
                                        " ORDER BY bm25 (session_search)");

  found = staple_store_search_sessions (bench->library, SEARCH_QUERY, NULL, NULL, NULL,
                                        STAPLE_SESSION_SORT_DATE, &error);
  if (found == NULL)
    g_error ("search-10000: %s", error->message);
  count = bench_prepare (bench->library_db, "SELECT count(*) FROM frictions");
  sqlite3_step (count);
  g_printerr ("search-10000: %d sessions with %d friction points made and indexed in %.1f s; "
              "“%s” finds %u\n",
              LIBRARY_SIZE, sqlite3_column_int (count, 0), (now_ms () - start) / 1000,
              SEARCH_QUERY, g_list_model_get_n_items (G_LIST_MODEL (found)));
  sqlite3_finalize (count);
}

static void
library_clear (Bench *bench)
{
  g_clear_pointer (&bench->library_query, sqlite3_finalize);
  g_clear_pointer (&bench->library_db, sqlite3_close);
  g_clear_object (&bench->library);
  if (bench->library_dir != NULL)
    {
      g_autofree char *wal = g_strconcat (bench->library_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (bench->library_path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (bench->library_path);
      g_rmdir (bench->library_dir);
    }
  g_clear_pointer (&bench->library_path, g_free);
  g_clear_pointer (&bench->library_dir, g_free);
}

/* Ours: the library's search, summaries with counts and snippets. */
static double
search_ours (Bench *bench)
{
  g_autoptr(GListStore) found = NULL;
  double start = now_ms ();
  double elapsed;

  found = staple_store_search_sessions (bench->library, SEARCH_QUERY, NULL, NULL, NULL,
                                        STAPLE_SESSION_SORT_DATE, NULL);
  elapsed = now_ms () - start;

  if (found == NULL)
    g_error ("search-10000: the search failed");
  return elapsed;
}

/* The baseline: the same FTS5 query, ranked by bm25, bare through sqlite3. */
static double
search_baseline (Bench *bench)
{
  double start = now_ms ();
  int rc;

  sqlite3_bind_text (bench->library_query, 1, SEARCH_MATCH, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (bench->library_query)) == SQLITE_ROW)
    ;
  sqlite3_reset (bench->library_query);

  if (rc != SQLITE_DONE)
    g_error ("search-10000: %s", sqlite3_errmsg (bench->library_db));
  return now_ms () - start;
}

static const struct
{
  const char *name;
  BenchFunc   ours;
  BenchFunc   baseline;
  guint       repetitions;
} measures[] = {
  { "layout-1200", layout_ours, layout_baseline, 15 },
  { "redraw-1200-100pct", full_ours, full_baseline, 21 },
  { "redraw-1200-fit", fit_ours, fit_baseline, 21 },
  { "redraw-after-edit", edit_ours, edit_baseline, 31 },
  { "pdf-export-1200", pdf_ours, pdf_baseline, 7 },
  { "search-10000", search_ours, search_baseline, 21 },
};

static gboolean
wanted (const char  *name,
        char       **names)
{
  return names[0] == NULL || g_strv_contains ((const char * const *) names, name);
}

/* Usage: staple-bench [NAME…], every measure when none is named. */
int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };

  setlocale (LC_CTYPE, "");
  bench_init (&bench);
  if (wanted ("search-10000", argv + 1))
    library_init (&bench);

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (wanted (measures[i].name, argv + 1))
      measure (&bench, measures[i].name, measures[i].ours, measures[i].baseline,
               measures[i].repetitions);

  library_clear (&bench);
  bench_clear (&bench);
  return EXIT_SUCCESS;
}
