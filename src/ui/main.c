/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "staple-application.h"
#include "staple-bench-hook.h"
#include "staple-test-hook.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StapleApplication) app = NULL;
  /* A build run where it was built (build-aux/dev run, the tests) names
   * its own translations, BUILD/po/LANG/LC_MESSAGES. */
  const char *localedir = g_getenv ("STAPLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = staple_application_new ();
  staple_bench_hook_install (GTK_APPLICATION (app));
  staple_test_hook_install (GTK_APPLICATION (app));
  return g_application_run (G_APPLICATION (app), argc, argv);
}
