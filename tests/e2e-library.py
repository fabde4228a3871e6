#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The library as a coach searches it: a library of 260 walks, typed into
with the keyboard, the first match opened with Enter.

Usage: e2e-library.py STAPLE MAKE-DATABASE

A search that finds more than 200 sessions lists them in the library's
order, newest first; one that finds a few ranks the best match first. The
window answers on the bus while the coach types, and the window's title
says which session Enter opened.
"""

import copy
import json
import os
import subprocess
import sys
import time

from staple_e2e import (App, expect, expect_soon, fail, gdbus, keys, require_display,
                        type_text, workdir, WINDOW_PATH, xdotool)

EXAMPLE = os.environ.get("STAPLE_EXAMPLE_JSON") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "data", "example-workshop.json")
N_SESSIONS = 260
N_REFUND = 230


def make_library(make_database, folder):
    """260 walks on 260 days: 230 with a refund card, three with a word no
    other has (one with it in its title, which ranks it first)."""
    with open(EXAMPLE, encoding="utf-8") as f:
        example = json.load(f)
    files = []
    for i in range(N_SESSIONS):
        session = copy.deepcopy(example)
        session["title"] = f"Walk number {i}"
        session["date"] = time.strftime("%Y-%m-%d", time.gmtime(1700000000 + i * 86400))
        session["votes"] = []
        session["actions"] = []
        card = session["stages"][0]["frictions"][0]
        if i < N_REFUND:
            card["text"] = "Customer waits a week for a refund of the call-out fee"
        if i in (40, 41, 42):
            card["text"] += " after the zeppelin inspection"
        if i == 41:
            session["title"] = "Zeppelin hangar walk"
        path = os.path.join(folder, f"session-{i}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(session, f)
        files.append(path)
    database = os.path.join(folder, "library.db")
    subprocess.run([make_database, database, *files], check=True, stdout=subprocess.DEVNULL)
    return database


def window_title(app):
    return xdotool("getwindowname", app.window).strip()


def shortcuts_shown():
    found = xdotool("search", "--onlyvisible", "--name", "^Keyboard Shortcuts$", check=False)
    return found.strip() != ""


def search_and_open(app, words):
    """Types @words into the library (typing there starts a search), each
    key answered on the bus within a second, then Enter."""
    for ch in words:
        start = time.monotonic()
        type_text(ch, settle=0.05)
        gdbus(WINDOW_PATH, "org.gtk.Actions.Describe", "'undo'")
        took = time.monotonic() - start
        if took > 5:
            fail(f"typing “{ch}” into the search left the window busy for {took:.1f} s")
    # The entry searches a moment after the last key; Enter does not wait.
    keys("Return")


def main():
    if len(sys.argv) != 3:
        fail(__doc__)
    require_display()
    staple, make_database = (os.path.abspath(a) for a in sys.argv[1:])
    with workdir() as folder:
        database = make_library(make_database, folder)
        with App(staple, database) as app:
            expect("the library's title", window_title(app), "Staple")
            time.sleep(1.5)  # the library reads its first rows once it is shown

            search_and_open(app, "zeppelin")
            expect_soon("Enter opens the best of three matches, the one named for it",
                        lambda: window_title(app), "Zeppelin hangar walk", timeout=30)
            print("ok - a search that finds three sessions opens the best match with Enter")

            keys("alt+Home")
            expect_soon("Alt+Home goes back to the library", lambda: window_title(app), "Staple",
                        timeout=30)
            # Ctrl+F closes the search bar, which empties it; typing opens it again.
            keys("ctrl+f")
            search_and_open(app, "refund")
            # 230 match: more than are ranked, so the library's order, newest first.
            expect_soon("Enter opens the newest of 230 matches",
                        lambda: window_title(app), f"Walk number {N_REFUND - 1}", timeout=30)
            print("ok - a search that finds 230 sessions lists them newest first")

            # The shortcuts window is made when first asked for, not with the window.
            keys("ctrl+question")
            expect_soon("Ctrl+? shows the keyboard shortcuts", shortcuts_shown, True, timeout=15)
            keys("Escape")
            expect_soon("Escape closes the shortcuts", shortcuts_shown, False, timeout=15)
            keys("ctrl+question")
            expect_soon("Ctrl+? shows them again", shortcuts_shown, True, timeout=15)
            print("ok - Ctrl+? shows the keyboard shortcuts, Escape closes them, and again")
            if not app.alive():
                fail("staple exited during the searches")


if __name__ == "__main__":
    main()
