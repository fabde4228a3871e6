/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-application.h"
#include "staple-report.h"
#include "staple-editor.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_WINDOW (staple_window_get_type ())

G_DECLARE_FINAL_TYPE (StapleWindow, staple_window, STAPLE, WINDOW, AdwApplicationWindow)

StapleWindow *staple_window_new           (StapleApplication *application,
                                           StapleStore       *store);
gboolean      staple_window_open_session  (StapleWindow      *self,
                                           gint64             session_id);
gboolean      staple_window_open_friction (StapleWindow      *self,
                                           gint64             session_id,
                                           gint64             friction_id);
gboolean      staple_window_open_stage    (StapleWindow      *self,
                                           gint64             session_id,
                                           gint64             stage_id);
void          staple_window_show_library  (StapleWindow      *self);
void          staple_window_show_error    (StapleWindow      *self,
                                           const GError      *error);
void          staple_window_show_toast    (StapleWindow      *self,
                                           const char        *message);
void          staple_window_show_export_toast (StapleWindow  *self,
                                           const char        *message,
                                           GFile             *file);
void          staple_window_export_pdf    (StapleWindow              *self,
                                           StapleSession             *session,
                                           const StapleReportOptions *options,
                                           GFile                     *file);
StapleEditor *staple_window_get_editor    (StapleWindow      *self);

gboolean        staple_window_restore_after_crash (StapleWindow *self);

G_END_DECLS
