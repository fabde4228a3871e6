#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the room's screen. F5 opens the presenter on the example
workshop; with one monitor it is a 1280 × 720 window, not full screen over
the coach's. Each phase shows its own view (screenshots of the presenter
window differ from phase to phase below the title bar); in Walk the arrow
keys and Page Down move the walk on, as a clicker would; typing and clicking
on the room's screen edit nothing and draw no editor; "Hide Totals from the
Room" changes what the Prioritise view shows; Escape closes it, and the main
window is left as it was.

Set STAPLE_E2E_SHOTS to a folder to keep a screenshot of every phase.

Usage: e2e-presenter.py PATH/TO/staple
"""

import os
import subprocess
import sys
import time

import staple_e2e as e2e

PHASES = ["frame", "map", "walk", "diagnose", "prioritise", "commit", "close"]


def presenter_window():
    out = e2e.xdotool("search", "--onlyvisible", "--name", "Presenter", check=False)
    ids = out.split()
    return ids[0] if ids else None


def geometry(window):
    out = e2e.xdotool("getwindowgeometry", "--shell", window)
    values = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(values["WIDTH"]), int(values["HEIGHT"])


def shoot(window, path):
    subprocess.run(["import", "-window", window, path], check=True, timeout=30)


def differing_pixels(a, b):
    """Pixels that differ below the title bar (the clock may tick in it)."""
    region = "1280x600+0+110"
    result = subprocess.run(["compare", "-metric", "AE", f"{a}[{region}]", f"{b}[{region}]",
                             "null:"], capture_output=True, text=True, timeout=30)
    return int(float(result.stderr.split()[0]))


def current_stage(app):
    rows = app.db.query("SELECT s.name FROM sessions x JOIN stages s"
                        " ON s.id = x.current_stage_id ORDER BY x.id DESC LIMIT 1")
    return rows[0][0] if rows else None


def main():
    staple = sys.argv[1]
    e2e.require_display()
    shots = os.environ.get("STAPLE_E2E_SHOTS")

    with e2e.workdir() as workdir, \
            e2e.App(staple, os.path.join(workdir, "sessions.db"), "--example") as app:
        e2e.keys("F5", settle=1.5)
        window = presenter_window()
        if window is None:
            e2e.fail("F5 opened no presenter window")
        e2e.expect("the presenter on the only monitor is a window of", geometry(window),
                   (1280, 720))

        pictures = {}
        previous = None
        for phase in PHASES:
            e2e.activate("set-phase", f"<'{phase}'>")
            path = os.path.join(shots or workdir, f"presenter-{PHASES.index(phase) + 1}-{phase}.png")
            # The coach's window builds the phase's page first: give the
            # presenter a moment to follow.
            deadline = time.monotonic() + 5
            while True:
                time.sleep(0.5)
                shoot(window, path)
                if previous is None or differing_pixels(previous, path) >= 2000 \
                        or time.monotonic() > deadline:
                    break
            pictures[phase] = previous = path
        for i, a in enumerate(PHASES):
            for b in PHASES[i + 1:]:
                changed = differing_pixels(pictures[a], pictures[b])
                if changed < 2000:
                    e2e.fail(f"the presenter shows nearly the same in {a} and {b}: "
                             f"{changed} pixels differ")
        print("ok - every phase shows its own view on the presenter")

        # Walk: the clicker's keys move the walk on, on the room's screen.
        e2e.activate("set-phase", "<'walk'>")
        e2e.activate("set-current-stage", "<0>")
        time.sleep(0.5)
        first = current_stage(app)
        e2e.xdotool("windowfocus", "--sync", window, check=False)
        before = e2e.KEYS.count
        e2e.keys("Right", settle=0.6)
        e2e.keys("Page_Down", settle=0.6)
        e2e.expect("keystrokes to move the walk two stages on", e2e.KEYS.count - before, 2)
        names = e2e.Database.stages(app.db)
        e2e.expect_soon("the walk's stage after Right and Page Down",
                        lambda: current_stage(app), names[2])
        e2e.keys("Left", settle=0.6)
        e2e.expect_soon("the walk's stage after Left", lambda: current_stage(app), names[1])
        if first != names[0]:
            e2e.fail(f"the walk did not start at the first stage: {first!r}")

        # Typing and clicking on the room's screen edit nothing.
        e2e.activate("set-phase", "<'map'>")
        time.sleep(0.8)
        cards = app.db.query("SELECT count(*) FROM frictions")[0][0]
        stages = len(names)
        still = os.path.join(workdir, "still.png")
        shoot(window, pictures["map"])
        e2e.xdotool("mousemove", "--window", window, "300", "300", "click", "1")
        time.sleep(0.3)
        e2e.xdotool("mousemove", "--window", window, "300", "300", "click", "--repeat", "2", "1")
        e2e.type_text("Nobody picks up the phone")
        e2e.keys("Return", "Tab", "n", "Delete", settle=1.0)
        shoot(window, still)
        e2e.expect("friction points after typing on the presenter",
                   app.db.query("SELECT count(*) FROM frictions")[0][0], cards)
        e2e.expect("stages after typing on the presenter", len(app.db.stages()), stages)
        e2e.expect("pixels changed on the presenter by clicks and typing",
                   differing_pixels(pictures["map"], still), 0)

        # The coach hides the totals: the room's ranking changes.
        e2e.activate("set-phase", "<'prioritise'>")
        time.sleep(0.8)
        shown = os.path.join(workdir, "votes-shown.png")
        hidden = os.path.join(shots or workdir, "presenter-5-prioritise-hidden.png")
        shoot(window, shown)
        e2e.activate("hide-votes")
        time.sleep(0.8)
        shoot(window, hidden)
        if differing_pixels(shown, hidden) < 2000:
            e2e.fail("hiding the totals did not change the presenter's ranking")
        print("ok - hiding the totals changes what the room sees")

        e2e.xdotool("windowfocus", "--sync", window, check=False)
        e2e.keys("Escape", settle=1.0)
        e2e.expect("presenter windows after Escape", presenter_window(), None)
        if not app.alive():
            e2e.fail("the app died: " + app.stderr_text()[-2000:])
    print("ok - e2e-presenter")


if __name__ == "__main__":
    main()
