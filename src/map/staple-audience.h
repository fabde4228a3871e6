/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "staple-model.h"

G_BEGIN_DECLS

/* The smallest text the audience's view draws, in pixels of a 1280×720
 * screen: legible from the back of a meeting room. */
#define STAPLE_AUDIENCE_MIN_TEXT_PX 24.0
#define STAPLE_AUDIENCE_WIDTH 1280.0
#define STAPLE_AUDIENCE_HEIGHT 720.0
/* The Map phase shows a journey whole up to this many stages, and pages of
 * this many beyond (fewer in a language whose words need wider tiles). */
#define STAPLE_AUDIENCE_STAGES_PER_PAGE 10
/* As options.page: the Map's page with options.current_stage on it. */
#define STAPLE_AUDIENCE_PAGE_OF_CURRENT_STAGE (G_MAXUINT - 1)

typedef struct
{
  StapleSession *session;       /* borrowed */
  StaplePhase    phase;
  int            current_stage; /* index of the stage the walk is at, or -1 */
  guint          page;          /* which page of a phase too long for one screen;
                                 * clamped to the last */
  gboolean       hide_votes;    /* Prioritise (and Close): the ranking without its
                                 * totals */
  gint64         focus_friction; /* Walk: a friction point of the current stage the
                                  * room must see (the one just added): its page is
                                  * drawn, whatever page says; 0 for none */
  const char    *timer;         /* the phase's clock, "12:30", or NULL for none */
  gboolean       timer_expired;
  gboolean       dark;
} StapleAudienceOptions;

typedef struct
{
  double     smallest_px;  /* the smallest font drawn, in device pixels (Pango's
                            * own metrics of every run of every text); 0 for none */
  double     smallest_line_px; /* the lowest line drawn, in device pixels */
  guint      n_texts;      /* texts drawn */
  guint      n_ellipsized; /* of which cut short with an ellipsis */
  guint      n_pages;      /* pages the phase has at this size, at least 1 */
  guint      page;         /* the page drawn */
  GPtrArray *texts;        /* (nullable) (element-type utf8): if set by the
                            * caller, every text drawn is added to it */
  GPtrArray *ellipsized;   /* (nullable) (element-type utf8): if set, every
                            * text cut short is added to it, whole */
} StapleAudienceStats;

void  staple_audience_options_init (StapleAudienceOptions       *options);
void  staple_audience_draw         (cairo_t                     *cr,
                                    double                       width,
                                    double                       height,
                                    const StapleAudienceOptions *options,
                                    StapleAudienceStats         *stats);

G_END_DECLS
