/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-model.h"
#include "staple-report.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_EXPORT_DIALOG (staple_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StapleExportDialog, staple_export_dialog, STAPLE, EXPORT_DIALOG, AdwWindow)

GtkWidget *staple_export_dialog_new (GtkWindow     *parent,
                                     StapleSession *session);

G_END_DECLS
