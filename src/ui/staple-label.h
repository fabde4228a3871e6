/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void staple_label_set_wrap        (GtkLabel  *label);
void staple_label_tree_quick_wrap (GtkWidget *root);

G_END_DECLS
