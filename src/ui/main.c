/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "staple-application.h"
#include "staple-bench-hook.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StapleApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = staple_application_new ();
  staple_bench_hook_install (GTK_APPLICATION (app));
  return g_application_run (G_APPLICATION (app), argc, argv);
}
