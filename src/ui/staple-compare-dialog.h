/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-model.h"

G_BEGIN_DECLS

GtkWidget *staple_compare_dialog_new (GtkWindow     *parent,
                                      StapleSession *earlier,
                                      StapleSession *later);

G_END_DECLS
