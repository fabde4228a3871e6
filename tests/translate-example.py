#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The example workshop as the app adds it in another language, without the app.

    translate-example.py EXAMPLE.json CATALOGUE.mo OUT.json

Looks up the fields build-aux/example-strings.py lists (the ones
src/ui/staple-example.c translates) in a compiled catalogue, context
"example workshop", so that tests of the lower layers (the audience's screens)
can draw the example in German or French."""

import gettext
import importlib.util
import json
import os
import sys

CONTEXT = "example workshop"


def load_fields():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build-aux",
                        "example-strings.py")
    spec = importlib.util.spec_from_file_location("example_strings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FIELDS


def translate(workshop, catalogue):
    def lookup(text):
        translated = catalogue.pgettext(CONTEXT, text)
        return translated if translated else text

    def objects(path):
        found = [workshop]
        for member in path.split(".") if path else []:
            found = [item for parent in found for item in parent.get(member, [])]
        return found

    for path, members in load_fields():
        for obj in objects(path):
            for member in members:
                if isinstance(obj.get(member), str) and obj[member]:
                    obj[member] = lookup(obj[member])
    workshop["empowerment"] = [lookup(text) if isinstance(text, str) and text else text
                               for text in workshop.get("empowerment", [])]
    return workshop


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        workshop = json.load(f)
    with open(sys.argv[2], "rb") as f:
        catalogue = gettext.GNUTranslations(f)
    translated = translate(workshop, catalogue)
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        json.dump(translated, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
