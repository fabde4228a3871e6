#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bundled example workshop's texts, for translators.

xgettext cannot read JSON, so data/example-workshop-strings.h lists every text of
data/example-workshop.json that the app translates (src/ui/staple-example.c, which
walks the same fields) as NC_("example workshop", …), for po/POTFILES.in.

    build-aux/example-strings.py SOURCE_ROOT          write the header again
    build-aux/example-strings.py --check SOURCE_ROOT  fail if it is out of date
"""

import json
import os
import sys

# The translated fields, as src/ui/staple-example.c's table names them. Names of
# people and of the company, keys, enums and dates stay as they are.
FIELDS = [
    ("", ["title", "location", "customer", "work_item", "question"]),
    ("participants", ["role"]),
    ("stages", ["name", "team", "notes"]),
    ("stages.frictions", ["text", "notes"]),
    ("actions", ["text"]),
]


def texts(workshop):
    seen = []

    def add(text):
        if isinstance(text, str) and text and text not in seen:
            seen.append(text)

    def objects(path):
        found = [workshop]
        for member in path.split(".") if path else []:
            found = [item for parent in found for item in parent.get(member, [])]
        return found

    for path, members in FIELDS:
        for obj in objects(path):
            for member in members:
                add(obj.get(member))
    for text in workshop.get("empowerment", []):
        add(text)
    return seen


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def header(workshop):
    lines = [
        "/* SPDX-License-Identifier: GPL-3.0-or-later */",
        "/* Made by build-aux/example-strings.py from data/example-workshop.json, for",
        " * translators only: nothing includes this file. Edit the JSON, then run the",
        " * script again (a test checks the two agree). */",
        "#pragma once",
        "",
        "/* Translators: your language's code (de, fr, …). The example workshop added to",
        " * the library in your language is told apart by it from the one in another. */",
        'NC_("example workshop", "en");',
        "",
        "/* Translators: the texts of the example workshop a new coach opens first: a",
        " * coffee-machine company's leadership follows one spare part from a café's call",
        " * to the repaired machine. Names of people and of the company stay as they are. */",
    ]
    lines += ['NC_("example workshop", %s);' % c_string(text) for text in texts(workshop)]
    return "\n".join(lines) + "\n"


def main(argv):
    check = "--check" in argv
    args = [arg for arg in argv if arg != "--check"]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "..")
    with open(os.path.join(root, "data", "example-workshop.json"), encoding="utf-8") as f:
        wanted = header(json.load(f))
    path = os.path.join(root, "data", "example-workshop-strings.h")
    if check:
        try:
            with open(path, encoding="utf-8") as f:
                have = f.read()
        except FileNotFoundError:
            have = ""
        if have != wanted:
            print("data/example-workshop-strings.h is out of date: run "
                  "build-aux/example-strings.py", file=sys.stderr)
            return 1
        return 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
