/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-store.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_REVIEW_WINDOW (staple_review_window_get_type ())

G_DECLARE_FINAL_TYPE (StapleReviewWindow, staple_review_window, STAPLE, REVIEW_WINDOW,
                      AdwWindow)

StapleReviewWindow *staple_review_window_new (GtkWindow    *parent,
                                              StapleStore  *store,
                                              StapleReview *review);

G_END_DECLS
