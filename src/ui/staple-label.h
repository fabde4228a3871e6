/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      staple_label_set_wrap        (GtkLabel   *label);
void      staple_label_tree_quick_wrap (GtkWidget  *root);
AdwToast *staple_label_new_toast      (const char *message);

G_END_DECLS
