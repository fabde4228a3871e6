/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-editor.h"
#include "staple-timer.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_SESSION_PAGE (staple_session_page_get_type ())

G_DECLARE_FINAL_TYPE (StapleSessionPage, staple_session_page, STAPLE, SESSION_PAGE, AdwBin)

void staple_session_page_set_editor   (StapleSessionPage *self,
                                       StapleEditor      *editor);
void staple_session_page_set_timer    (StapleSessionPage *self,
                                       StapleTimer       *timer);
void staple_session_page_set_phase    (StapleSessionPage *self,
                                       StaplePhase        phase);
void staple_session_page_focus_title  (StapleSessionPage *self);
void staple_session_page_set_room_panel (StapleSessionPage *self,
                                         GtkWidget         *panel);

void               staple_session_page_restore_draft (StapleSessionPage *self,
                                                      const char        *target,
                                                      guint              stage,
                                                      int                card,
                                                      const char        *text);
gboolean           staple_session_page_show_friction (StapleSessionPage *self,
                                                      gint64             friction_id);
gboolean           staple_session_page_show_stage    (StapleSessionPage *self,
                                                      gint64             stage_id);

G_END_DECLS
