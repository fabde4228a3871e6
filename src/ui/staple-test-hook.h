/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void staple_test_hook_install (GtkApplication *app);

G_END_DECLS
