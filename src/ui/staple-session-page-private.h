/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-session-page-private.h: the session page, shared by its files
 * (staple-session-page.c, the page; staple-session-page-panels.c, the side
 * panels that follow the phase). */
#pragma once

#include <adwaita.h>

#include "staple-inspector.h"
#include "staple-map-view.h"
#include "staple-model.h"
#include "staple-phase-bar.h"
#include "staple-session-page.h"
#include "staple-summary-view.h"

G_BEGIN_DECLS

struct _StapleSessionPage
{
  AdwBin                parent_instance;

  AdwViewSwitcherTitle *window_title;
  StaplePhaseBar       *phase_bar;
  GtkStack             *phase_stack;
  AdwViewStack         *view_stack;
  GtkStack             *side_stack;
  GtkWidget            *zoom_box;
  StapleMapView        *map_view;
  StapleInspector      *inspector;
  StapleInspector      *walk_inspector;
  GtkLabel             *walk_label;
  GtkLabel             *totals_label;
  StapleInspector      *diagnose_inspector;
  AdwPreferencesGroup  *principles_group;
  GtkSpinButton        *dots_spin;
  GtkListBox           *voters_list;
  AdwPreferencesGroup  *ranking_group;
  GtkListBox           *commit_ranking_list;
  StapleSummaryView    *summary_view;
  GtkBox               *room_slot;      /* the room's suggestions, in the Walk's panel */
  GtkListBox           *stages_list;
  GtkViewport          *list_viewport;
  GtkListBox           *participants_list;
  GtkListBox           *actions_list;
  GtkListBox           *empowerment_list;
  AdwEntryRow          *add_stage_row;
  AdwEntryRow          *add_participant_row;
  AdwEntryRow          *add_action_row;
  AdwEntryRow          *add_empowerment_row;
  AdwEntryRow          *title_row;
  AdwEntryRow          *organisation_row;
  AdwEntryRow          *date_row;
  AdwEntryRow          *location_row;
  AdwEntryRow          *facilitator_row;
  AdwEntryRow          *customer_row;
  AdwEntryRow          *work_item_row;
  AdwEntryRow          *question_row;

  StapleEditor         *editor;
  StaplePhase           phase;
  GPtrArray            *principle_rows;   /* AdwActionRow per principle, 1…12 */
  GPtrArray            *ranking_rows;
  char                 *commit_ranking_shown; /* what the Commit ranking shows, in short */
  gboolean              summary_changed;  /* since the summary was last told */
  gboolean              stages_bound;   /* the List page's rows are made (see bind_stages) */
  gboolean              frame_bound;    /* the participants' rows are made */
  gboolean              commit_bound;   /* the actions' and decisions' rows are made */
  gboolean              binding_stages; /* the List page's rows are being made */
  guint                 cards_tick_id;  /* making the stages and cards in view */
  guint                 focus_to_show;  /* frames left to bring the focus into view */
  StapleFriction       *action_for;           /* what the next added action addresses */
  guint                 refresh_id;
};

StapleSession * _staple_session_page_session_of (StapleSessionPage *self);
void _staple_session_page_build_principles (StapleSessionPage *self);
void _staple_session_page_set_action_for (StapleSessionPage *self, StapleFriction *friction);
void _staple_session_page_update_commit_ranking (StapleSessionPage *self);
void _staple_session_page_update_principles (StapleSessionPage *self);
void _staple_session_page_update_ranking (StapleSessionPage *self);
void _staple_session_page_update_totals (StapleSessionPage *self);
void _staple_session_page_update_voters (StapleSessionPage *self);
void _staple_session_page_update_walk (StapleSessionPage *self);
void _staple_session_page_ranked_activated_cb (StapleSessionPage *self, GtkListBoxRow *row);

/* Short names for the page's own files. */
#define session_of _staple_session_page_session_of
#define build_principles _staple_session_page_build_principles
#define set_action_for _staple_session_page_set_action_for
#define update_commit_ranking _staple_session_page_update_commit_ranking
#define update_principles _staple_session_page_update_principles
#define update_ranking _staple_session_page_update_ranking
#define update_totals _staple_session_page_update_totals
#define update_voters _staple_session_page_update_voters
#define update_walk _staple_session_page_update_walk
#define ranked_activated_cb _staple_session_page_ranked_activated_cb

G_END_DECLS
