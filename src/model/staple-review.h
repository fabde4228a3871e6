/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-review.h: the leadership review, every walk of one organisation
 * over time. The store fills it from SQL aggregates
 * (staple_store_review_organisation()); staple_review_finish() derives what
 * follows from them (journeys, recurring principles, the actions still
 * counted), so that the derivation is tested without a database. */
#pragma once

#include <glib.h>

#include "staple-enums.h"

G_BEGIN_DECLS

/* One walk: a session of the organisation, not in the trash. */
typedef struct
{
  gint64  session_id;
  gint64  previous_id;   /* the walk it walks again, or 0 */
  gint64  journey_id;    /* the first walk of its journey (by Walk Again links) */
  char   *title;
  char   *date;          /* YYYY-MM-DD, or "" when the frame has none */
  guint   lead_minutes;  /* of its stages' work and waiting */
  guint   work_minutes;
  guint   n_stages;
  guint   n_frictions;
  gboolean latest;       /* no later walk of its journey */
} StapleReviewWalk;

/* How a principle behind friction points fares from walk to walk. */
typedef enum
{
  STAPLE_REVIEW_TREND_ONCE,      /* in one walk only, of a journey walked once */
  STAPLE_REVIEW_TREND_RECURRING, /* in two walks or more, and in a latest walk */
  STAPLE_REVIEW_TREND_GONE,      /* in earlier walks, in no latest walk of those journeys */
  STAPLE_REVIEW_TREND_NEW,       /* only in the latest walk of a journey walked before */
} StapleReviewTrend;

typedef struct
{
  StaplePrinciple   principle;
  GArray           *counts;          /* guint per walk, in the walks' order */
  guint             n_walks;         /* walks with at least one */
  guint             n_frictions;
  StapleReviewTrend trend;
  gint64            session_id;      /* where it was last found */
  gint64            friction_id;     /* a friction point there it is behind */
} StapleReviewPrinciple;

typedef struct
{
  StapleFrictionKind kind;
  guint              n_frictions;
  guint              n_walks;
  gint64             session_id;  /* where it was last found */
  gint64             friction_id; /* a friction point of that kind there */
  gint64             counted_id;  /* private: the walk counted last */
} StapleReviewKind;

/* A stage, by its name across walks, and how long the work waits there. */
typedef struct
{
  char   *name;
  guint   n_walks;
  guint   wait_minutes_max;
  guint   wait_minutes_total;
  gint64  session_id;  /* the walk where it waited longest */
  gint64  stage_id;
} StapleReviewWait;

typedef struct
{
  gint64             session_id;
  gint64             action_id;
  char              *text;
  char              *owner;     /* "" for nobody */
  char              *due;       /* YYYY-MM-DD or "" */
  char              *done_on;   /* YYYY-MM-DD, or "" when not done or not known */
  StapleActionStatus status;
  gboolean           overdue;   /* due before today and not done */
  gboolean           counted;   /* not carried into a later walk (see staple_review_finish()) */
  int                days;      /* done: days from the walk that first agreed it; else -1 */
  gint64             friction_id; /* the first friction point it removes, or 0 */
} StapleReviewAction;

typedef struct
{
  char  *owner;       /* "" for actions nobody owns */
  guint  n_done;
  guint  n_open;      /* open or in progress, overdue included */
  guint  n_overdue;
  guint  n_dropped;
  guint  n_timed;     /* done on a known day */
  guint  median_days; /* of those, from the walk that agreed it to done */
} StapleReviewOwner;

/* A decision handed to front-line staff, the first time a walk listed it. */
typedef struct
{
  gint64  session_id;
  gint64  empowerment_id;
  char   *text;
  char   *date;
} StapleReviewEmpowerment;

typedef struct
{
  char    *organisation;
  char    *today;         /* YYYY-MM-DD: what "overdue" is measured against */
  GArray  *walks;         /* StapleReviewWalk, by date */
  GArray  *principles;    /* StapleReviewPrinciple, most walks first */
  GArray  *kinds;         /* StapleReviewKind, most friction points first */
  GArray  *waits;         /* StapleReviewWait, longest wait first */
  GArray  *actions;       /* StapleReviewAction, by walk then position */
  GArray  *owners;        /* StapleReviewOwner, most open first */
  GArray  *empowerments;  /* StapleReviewEmpowerment, by date */
  guint    n_journeys;
  guint    n_timed;      /* actions done on a known day */
  guint    median_days;  /* of those, from the walk that agreed it to done */
} StapleReview;

StapleReview *staple_review_new             (const char   *organisation,
                                             const char   *today);
void          staple_review_free            (StapleReview *self);
void          staple_review_finish          (StapleReview *self);
guint         staple_review_find_walk       (StapleReview *self,
                                             gint64        session_id);
char         *staple_review_name_walk       (StapleReview *self,
                                             gint64        session_id);
const char   *staple_review_trend_get_label (StapleReviewTrend trend);
GArray       *staple_review_list_overdue    (StapleReview   *self);
void          staple_review_count_principle (StapleReview   *self,
                                             gint64          session_id,
                                             StaplePrinciple principle,
                                             guint           n_frictions,
                                             gint64          friction_id);
void          staple_review_count_kind      (StapleReview      *self,
                                             gint64             session_id,
                                             StapleFrictionKind kind,
                                             guint              n_frictions,
                                             gint64             friction_id);
void          staple_review_add_empowerment (StapleReview *self,
                                             gint64        session_id,
                                             gint64        empowerment_id,
                                             const char   *text,
                                             const char   *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StapleReview, staple_review_free)

G_END_DECLS
