/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STAPLE_TYPE_SESSION_SUMMARY (staple_session_summary_get_type ())

G_DECLARE_FINAL_TYPE (StapleSessionSummary, staple_session_summary,
                      STAPLE, SESSION_SUMMARY, GObject)

typedef char *(*StapleSessionSummarySnippetFunc) (StapleSessionSummary *summary,
                                                  gpointer              data);

StapleSessionSummary *staple_session_summary_new                (void);
gint64                staple_session_summary_get_id             (StapleSessionSummary *self);
void                  staple_session_summary_set_id             (StapleSessionSummary *self,
                                                                 gint64                id);
const char           *staple_session_summary_get_title          (StapleSessionSummary *self);
void                  staple_session_summary_set_title          (StapleSessionSummary *self,
                                                                 const char           *title);
const char           *staple_session_summary_get_organisation   (StapleSessionSummary *self);
void                  staple_session_summary_set_organisation   (StapleSessionSummary *self,
                                                                 const char           *organisation);
const char           *staple_session_summary_get_date           (StapleSessionSummary *self);
void                  staple_session_summary_set_date           (StapleSessionSummary *self,
                                                                 const char           *date);
guint                 staple_session_summary_get_n_stages       (StapleSessionSummary *self);
void                  staple_session_summary_set_n_stages       (StapleSessionSummary *self,
                                                                 guint                 n_stages);
guint                 staple_session_summary_get_n_frictions    (StapleSessionSummary *self);
void                  staple_session_summary_set_n_frictions    (StapleSessionSummary *self,
                                                                 guint                 n_frictions);
guint                 staple_session_summary_get_n_open_actions (StapleSessionSummary *self);
void                  staple_session_summary_set_n_open_actions (StapleSessionSummary *self,
                                                                 guint                 n_open_actions);
gint64                staple_session_summary_get_updated        (StapleSessionSummary *self);
void                  staple_session_summary_set_updated        (StapleSessionSummary *self,
                                                                 gint64                updated);
const char           *staple_session_summary_get_snippet        (StapleSessionSummary *self);
void                  staple_session_summary_set_snippet        (StapleSessionSummary *self,
                                                                 const char           *snippet);
void                  staple_session_summary_set_snippet_func   (StapleSessionSummary *self,
                                                                 StapleSessionSummarySnippetFunc func,
                                                                 gpointer              data,
                                                                 GDestroyNotify        destroy);

G_END_DECLS
