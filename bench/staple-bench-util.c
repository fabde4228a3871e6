/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-bench-util.c: timing, the output lines, and the synthetic sessions
 * every part of the benchmark measures. */
#define G_LOG_DOMAIN "staple-bench"

#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <string.h>

#include "staple-bench-util.h"

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
            const char *team,
            guint       n_cards)
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

  for (guint j = 0; j < n_cards; j++)
    {
      g_autoptr(StapleFriction) friction = make_friction (rand, index * n_cards + j + 1,
                                                          index + 1, j);

      g_list_store_append (staple_stage_get_frictions (stage), friction);
    }

  return stage;
}

/* About a third of the cards get one to four votes. */
static void
add_votes (StapleSession *session,
           GRand         *rand,
           guint          n_participants,
           gint64         n_frictions)
{
  GListStore *votes = staple_session_get_votes (session);
  gint64 id = 1;

  for (guint p = 0; p < n_participants; p++)
    {
      g_autoptr(StapleParticipant) participant = staple_participant_new ();
      g_autofree char *name = g_strdup_printf ("Participant %u", p + 1);

      staple_participant_set_id (participant, p + 1);
      staple_participant_set_name (participant, name);
      g_list_store_append (staple_session_get_participants (session), participant);
    }

  for (gint64 friction = 1; friction <= n_frictions; friction++)
    {
      int n = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 1, 5) : 0;

      for (int v = 0; v < MIN (n, (int) n_participants); v++)
        {
          g_autoptr(StapleVote) vote = staple_vote_new ();

          staple_vote_set_id (vote, id++);
          staple_vote_set_participant_id (vote, v + 1);
          staple_vote_set_friction_id (vote, friction);
          g_list_store_append (votes, vote);
        }
    }
}

/**
 * bench_make_session:
 *
 * Returns: the synthetic session, the same for the same sizes on every run:
 *   40 × 30 with 8 participants is the 1,200-card session of every "-1200"
 *   line
 */
StapleSession *
bench_make_session (guint n_stages,
                    guint n_cards,
                    guint n_participants)
{
  StapleSession *session = staple_session_new ();
  GRand *rand = g_rand_new_with_seed (BENCH_SEED);
  const char *team = teams[0];

  staple_session_set_id (session, 1);
  staple_session_set_title (session, "Synthetic benchmark session");

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = NULL;

      /* Runs of stages in one team, so some steps are handoffs. */
      if (i > 0 && g_rand_int_range (rand, 0, 5) < 2)
        team = PICK (rand, teams);
      stage = make_stage (rand, i, team, n_cards);
      g_list_store_append (staple_session_get_stages (session), stage);
    }

  add_votes (session, rand, n_participants, (gint64) n_stages * n_cards);
  g_rand_free (rand);
  return session;
}

char *
bench_make_text (GRand *rand)
{
  return make_text (rand);
}

char *
bench_make_stage_name (GRand *rand)
{
  return g_strdup_printf ("%s %s", PICK (rand, verbs), PICK (rand, objects));
}

const char *
bench_pick_team (GRand *rand)
{
  return PICK (rand, teams);
}

/* Timing */

double
bench_now_ms (void)
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

double
bench_median (GArray *times)
{
  g_assert (times->len > 0);
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

gboolean
bench_wanted (const char  *name,
              char       **names)
{
  return names[0] == NULL || g_strv_contains ((const char * const *) names, name);
}

void
bench_print (const char *name,
             double      ours_ms,
             double      baseline_ms)
{
  printf ("%s ours_ms=%.3f baseline_ms=%.3f ratio=%.3f\n", name, ours_ms, baseline_ms,
          baseline_ms > 0 ? ours_ms / baseline_ms : 0);
  fflush (stdout);
}

void
bench_print_mb (const char *name,
                double      ours_mb,
                double      baseline_mb)
{
  printf ("%s ours_mb=%.1f baseline_mb=%.1f ratio=%.3f\n", name, ours_mb, baseline_mb,
          baseline_mb > 0 ? ours_mb / baseline_mb : 0);
  fflush (stdout);
}

/* Runs ours and the baseline in turns, so that a change of CPU clock hits
 * both alike, and prints the medians after BENCH_WARMUPS warm-ups. */
void
bench_measure (const char *name,
               BenchFunc   ours,
               BenchFunc   baseline,
               gpointer    data,
               guint       repetitions)
{
  g_autoptr(GArray) ours_ms = g_array_sized_new (FALSE, FALSE, sizeof (double), repetitions);
  g_autoptr(GArray) baseline_ms = g_array_sized_new (FALSE, FALSE, sizeof (double),
                                                     repetitions);
  double x, y;

  for (guint i = 0; i < BENCH_WARMUPS + repetitions; i++)
    {
      double a = ours (data);
      double b = baseline (data);

      if (i < BENCH_WARMUPS)
        continue;
      g_array_append_val (ours_ms, a);
      g_array_append_val (baseline_ms, b);
    }

  x = bench_median (ours_ms);
  y = bench_median (baseline_ms);
  g_printerr ("%s: ours %.3f to %.3f ms, baseline %.3f to %.3f ms (%u runs)\n", name,
              g_array_index (ours_ms, double, 0),
              g_array_index (ours_ms, double, repetitions - 1),
              g_array_index (baseline_ms, double, 0),
              g_array_index (baseline_ms, double, repetitions - 1), repetitions);
  bench_print (name, x, y);
}

/**
 * bench_cache_dir:
 *
 * Returns: where generated databases are kept between runs
 *   ($STAPLE_BENCH_CACHE, else /tmp/staple-bench-cache), made if needed
 */
const char *
bench_cache_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *env = g_getenv ("STAPLE_BENCH_CACHE");

      dir = g_strdup (env != NULL && *env != '\0' ? env : "/tmp/staple-bench-cache");
      if (g_mkdir_with_parents (dir, 0700) != 0)
        g_error ("cannot make %s", dir);
    }
  return dir;
}
