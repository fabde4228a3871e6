#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The room's screens in another language: test-audience on the example
workshop as the app adds it in LANG (its texts looked up in the build's
catalogue), in a session of hard texts and on other screens, with the app's
words in LANG too. test-audience fails if any of the screens' own words is cut
short; German runs about 30 % longer than English.

    audience-language.py TEST-AUDIENCE LOCALEDIR EXAMPLE.json LANG
"""

import os
import subprocess
import sys
import tempfile

LOCALES = {"de": "de_DE.UTF-8", "fr": "fr_FR.UTF-8"}


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    test, localedir, example, lang = sys.argv[1:]
    catalogue = os.path.join(localedir, lang, "LC_MESSAGES", "staple.mo")
    if not os.path.exists(catalogue):
        sys.exit(f"no catalogue for {lang}: {catalogue}")
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        translated = os.path.join(tmp, f"example-{lang}.json")
        subprocess.run([sys.executable, os.path.join(here, "translate-example.py"), example,
                        catalogue, translated], check=True)
        env = dict(os.environ, LANGUAGE=lang, LANG=LOCALES[lang], LC_ALL=LOCALES[lang],
                   STAPLE_LOCALEDIR=localedir, STAPLE_EXAMPLE_JSON=translated)
        result = subprocess.run([test, "-p", "/audience/example", "-p",
                                 "/audience/other-screens", "-p", "/audience/hard-sessions"],
                                env=env, capture_output=True, text=True)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        # The screens must really be in that language: without its catalogue
        # they would pass in English.
        phase = {"de": "Karte", "fr": "Carte"}[lang]
        if result.returncode == 0 and f"example, {phase}," not in result.stdout:
            sys.exit(f"the screens were not drawn in {lang}: no “{phase}”")
        sys.exit(result.returncode)


if __name__ == "__main__":
    main()
