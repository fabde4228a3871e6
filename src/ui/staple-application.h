/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "staple-store.h"

G_BEGIN_DECLS

#define STAPLE_TYPE_APPLICATION (staple_application_get_type ())

G_DECLARE_FINAL_TYPE (StapleApplication, staple_application, STAPLE, APPLICATION, AdwApplication)

StapleApplication *staple_application_new       (void);
StapleStore       *staple_application_get_store (StapleApplication *self);

G_END_DECLS
