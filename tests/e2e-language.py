#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: Staple in German and in French, as a coach with that language
sees it. For each language the real app opens the example workshop under
LANGUAGE and a generated locale, goes through the library, every phase, the
presenter, Preferences and the shortcuts window with the keyboard (then F1
opens the manual in a stand-in help viewer), and a
hook (src/ui/staple-test-hook.c) reports every label cut short: none of the
app's own texts may be. Then, from the command line in the same language,
the example's full report (PDF), its map (SVG) and its CSV files are
written and no English text of the app or of the example may be left on
them; the date is in words of the language and the CSV header row
translated. Set STAPLE_E2E_SHOTS to a folder to keep a screenshot of every
page.

Usage: e2e-language.py PATH/TO/staple BUILD/po
"""

import gettext
import importlib.util
import json
import os
import re
import subprocess
import sys
import time

import staple_e2e as e2e

LANGUAGES = {
    "de": ("de_DE.UTF-8", "Oktober 2026"),
    "fr": ("fr_FR.UTF-8", "octobre 2026"),
}

DIRECTIVE = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z)?[diouxXeEfgGcsp%]")


def catalogue(locale_dir, language):
    path = os.path.join(locale_dir, language, "LC_MESSAGES", "staple.mo")
    if not os.path.exists(path):
        e2e.fail(f"no catalogue for {language}: {path}")
    with open(path, "rb") as f:
        return gettext.GNUTranslations(f)


def english_fragments(translations):
    """Pieces of the app's English texts that a translation replaced: each
    text cut at its printf directives, without mnemonics, kept where it is
    long enough (three words) not to be a name or a word both languages share."""
    fragments = set()
    for key, translated in translations._catalog.items():
        if isinstance(key, tuple):
            key = key[0]
        text = key.split("\x04")[-1]
        if text == translated:
            continue
        for piece in DIRECTIVE.split(text.replace("_", "")):
            piece = " ".join(piece.split()).strip(" .,:;·—–()“”\"'")
            if len(piece.split()) >= 3 and piece not in translated:
                fragments.add(piece)
    return fragments


def example_texts(root):
    """The example's texts the app translates, as build-aux/example-strings.py
    lists them for translators."""
    spec = importlib.util.spec_from_file_location(
        "example_strings", os.path.join(root, "build-aux", "example-strings.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(os.path.join(root, "data", "example-workshop.json"), encoding="utf-8") as f:
        return module.texts(json.load(f))


def flat(text):
    return " ".join(text.split())


def english_left(text, fragments, translations, example):
    left = sorted(fragment for fragment in fragments if fragment in text)
    for english in example:
        if translations.pgettext("example workshop", english) != english:
            # The first words are enough: a long text wraps on paper.
            start = " ".join(english.split()[:5])
            if len(start.split()) >= 3 and start in text:
                left.append(start)
    return left


def fake_help_viewer(tmp):
    """A desktop file that answers help: URIs in place of Yelp by writing
    the URI it was given to a file, and the environment that makes it the
    default (XDG_DATA_HOME, XDG_CONFIG_HOME)."""
    data, config = os.path.join(tmp, "data"), os.path.join(tmp, "config")
    os.makedirs(os.path.join(data, "applications"), exist_ok=True)
    os.makedirs(config, exist_ok=True)
    opened = os.path.join(tmp, "help-opened.txt")
    script = os.path.join(tmp, "fake-yelp")
    with open(script, "w") as f:
        f.write(f"#!/bin/sh\necho \"$1\" >> '{opened}'\n")
    os.chmod(script, 0o755)
    with open(os.path.join(data, "applications", "fake-yelp.desktop"), "w") as f:
        f.write("[Desktop Entry]\nType=Application\nName=Fake Yelp\n"
                f"Exec={script} %u\nMimeType=x-scheme-handler/help;\n")
    with open(os.path.join(config, "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\nx-scheme-handler/help=fake-yelp.desktop\n")
    return {"XDG_DATA_HOME": data, "XDG_CONFIG_HOME": config}, opened


def walk_the_window(staple, database, env, shots, language, help_opened):
    """Every page a coach sees, from the keyboard; then F1."""
    with e2e.App(staple, database, "--example", env=env) as app:
        def show(name, *keys, settle=1.5):
            for key in keys:
                e2e.keys(key, settle=settle)
            if shots:
                e2e.screenshot(os.path.join(shots, f"language-{language}-{name}.png"))

        show("close")
        for number, phase in enumerate(["frame", "map", "walk", "diagnose", "prioritise",
                                        "commit", "close"], start=1):
            app.click(40, 420)
            show(phase, f"alt+{number}", settle=1.2)
        show("presenter", "F5", settle=2.0)
        e2e.keys("F5", settle=1.0)
        show("preferences", "ctrl+comma")
        e2e.keys("Escape", settle=0.8)
        show("shortcuts", "ctrl+question")
        e2e.keys("Escape", settle=0.8)
        show("library", "alt+Home")
        time.sleep(0.5)
        e2e.keys("F1")
        e2e.expect_soon(f"{language}: F1 opens the manual in the help viewer",
                        lambda: os.path.exists(help_opened) and open(help_opened).read().split(),
                        ["help:io.github.stapleapp.Staple"])


def check_language(staple, locale_dir, root, tmp, language, shots):
    locale, month = LANGUAGES[language]
    translations = catalogue(locale_dir, language)
    fragments = english_fragments(translations)
    example = example_texts(root)
    # The interface's texts: not the example's, which are the coach's data
    # once in the library (a long title is ellipsized like any other).
    own_texts = {flat(text.replace("_", "")) for key, text in translations._catalog.items()
                 if text and not str(key[0] if isinstance(key, tuple) else key)
                 .startswith("example workshop\x04")}
    cut_file = os.path.join(tmp, f"cut-{language}.txt")
    viewer_env, help_opened = fake_help_viewer(os.path.join(tmp, language))
    env = {"LANG": locale, "LC_ALL": "", "LANGUAGE": language, "STAPLE_LOCALEDIR": locale_dir,
           "STAPLE_TEST_CUT_LABELS": cut_file, **viewer_env}
    database = os.path.join(tmp, f"{language}.db")

    walk_the_window(staple, database, env, shots, language, help_opened)

    cut = []
    if os.path.exists(cut_file):
        with open(cut_file, encoding="utf-8") as f:
            for line in f:
                reason, text, window = (line.rstrip("\n").split("\t") + ["", ""])[:3]
                if reason == "larger" or flat(text) in own_texts:
                    cut.append(f"{reason}: “{text}” ({window})")
    e2e.expect(f"{language}: no label of the app's is cut short", cut, [])

    run_env = dict(os.environ, **env)
    run_env.pop("STAPLE_TEST_CUT_LABELS")
    listing = subprocess.run([staple, f"--database={database}", "--list"], env=run_env,
                             capture_output=True, text=True, check=True).stdout
    session_id = listing.split("\t")[0]
    pdf = os.path.join(tmp, f"{language}.pdf")
    svg = os.path.join(tmp, f"{language}.svg")
    csv = os.path.join(tmp, f"{language}.csv")
    subprocess.run([staple, f"--database={database}", f"--session={session_id}",
                    f"--export-pdf={pdf}", f"--export-svg={svg}", f"--export-csv={csv}"],
                   env=run_env, check=True, capture_output=True)

    report = flat(subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                                 text=True, check=True).stdout)
    report_raw = flat(subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                                     text=True, check=True).stdout)
    e2e.expect(f"{language}: the report holds the example in the language",
               flat(translations.pgettext("example workshop", example[0])) in report_raw, True)
    e2e.expect(f"{language}: no English text on the report",
               english_left(report_raw, fragments, translations, example), [])
    e2e.expect(f"{language}: the date in words of the language", month in report_raw, True)
    del report

    with open(svg, encoding="utf-8") as f:
        drawing = flat(re.sub(r"<[^>]*>", " ", f.read()).replace("&amp;", "&"))
    e2e.expect(f"{language}: no English text on the map",
               english_left(drawing, fragments, translations, example), [])

    headers = []
    for name in (csv, csv.replace(".csv", "-actions.csv"), csv.replace(".csv", "-stages.csv")):
        with open(name, encoding="utf-8-sig") as f:
            headers.append(f.readline().strip())
    english_headers = [field for header in headers for field in header.split(",")
                       if translations.gettext(field.strip('"')) != field.strip('"')]
    e2e.expect(f"{language}: the CSV header rows are translated", english_headers, [])


def main():
    e2e.require_display()
    staple, locale_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    shots = os.environ.get("STAPLE_E2E_SHOTS")
    available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    with e2e.workdir() as tmp:
        for language, (locale, _) in LANGUAGES.items():
            if locale.replace("UTF-8", "utf8") not in available:
                e2e.fail(f"the locale {locale} is not generated: build-aux/dev test makes it")
            check_language(staple, locale_dir, root, tmp, language, shots)


if __name__ == "__main__":
    main()
