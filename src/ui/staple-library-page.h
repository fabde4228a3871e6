/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-store.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_LIBRARY_PAGE (staple_library_page_get_type ())

G_DECLARE_FINAL_TYPE (StapleLibraryPage, staple_library_page, STAPLE, LIBRARY_PAGE, AdwBin)

void staple_library_page_set_sessions (StapleLibraryPage *self,
                                       GListModel        *sessions);
void staple_library_page_focus        (StapleLibraryPage *self);
void staple_library_page_set_store    (StapleLibraryPage *self,
                                       StapleStore       *store);
void staple_library_page_reload       (StapleLibraryPage *self);

G_END_DECLS
