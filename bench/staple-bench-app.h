/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void bench_app_run         (char **names);
int  bench_app_first_frame (char **argv);

G_END_DECLS
