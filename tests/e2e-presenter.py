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
import re
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


def shown_phase():
    out = e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.Describe", "set-phase").stdout
    return re.search(r"<'(\w+)'>", out).group(1)


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
        # It opens on the phase the coach's window shows: the example is a
        # past session, reviewed on its Close summary.
        opened = os.path.join(workdir, "opened.png")
        time.sleep(0.5)
        shoot(window, opened)
        shown = shown_phase()

        pictures = {}
        # Each phase must differ from the one before; the first from the
        # view F5 opened on (the example's Close, not the first phase).
        previous = opened
        for phase in PHASES:
            e2e.activate("set-phase", f"<'{phase}'>")
            path = os.path.join(shots or workdir, f"presenter-{PHASES.index(phase) + 1}-{phase}.png")
            # The coach's window builds the phase's page first: give the
            # presenter a moment to follow.
            deadline = time.monotonic() + 5
            while True:
                time.sleep(0.5)
                shoot(window, path)
                if differing_pixels(previous, path) >= 2000 or time.monotonic() > deadline:
                    break
            pictures[phase] = previous = path
        for i, a in enumerate(PHASES):
            for b in PHASES[i + 1:]:
                changed = differing_pixels(pictures[a], pictures[b])
                if changed < 2000:
                    e2e.fail(f"the presenter shows nearly the same in {a} and {b}: "
                             f"{changed} pixels differ")
        print("ok - every phase shows its own view on the presenter")
        e2e.expect(f"pixels that differ between the presenter as F5 opened it and its {shown}"
                   " view", differing_pixels(opened, pictures[shown]), 0)

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

        # Friction points added to the walk's stage from the coach's window:
        # the room sees the one just added, though it is on a later page.
        e2e.activate("set-current-stage", "<0>")
        for i in range(8):
            e2e.activate("add-friction", f"<(0, 'Added in the room, number {i + 1}')>")
        time.sleep(0.8)
        newest = os.path.join(workdir, "newest.png")
        last = os.path.join(shots or workdir, "presenter-3-walk-last-page.png")
        first_page = os.path.join(workdir, "first-page.png")
        shoot(window, newest)
        e2e.xdotool("windowfocus", "--sync", window, check=False)
        e2e.keys("End", settle=0.6)
        shoot(window, last)
        e2e.keys("Home", settle=0.6)
        shoot(window, first_page)
        if differing_pixels(first_page, last) < 2000:
            e2e.fail("eleven friction points on one Walk page: the test needs more")
        # The same page, but for the accent that marks the point just added.
        marked = differing_pixels(newest, last)
        if marked > 1000:
            e2e.fail(f"the Walk after adding is not its last page: {marked} pixels differ")
        print(f"ok - the Walk after adding shows its last page ({marked} pixels of accent)")
        # A clicker aimed at the coach's window: Page Down shows the room the
        # rest of the stage before it moves the walk on.
        e2e.xdotool("windowfocus", "--sync", app.window, check=False)
        app.click(40, 420)
        e2e.keys("Page_Down", settle=0.8)
        e2e.expect("the walk's stage after one Page Down on the coach's window",
                   current_stage(app), names[0])
        clicked = os.path.join(workdir, "clicked.png")
        shoot(window, clicked)
        paged = differing_pixels(clicked, last)
        if paged > 1000:
            e2e.fail(f"Page Down on the coach's window did not page the room: {paged} pixels")
        e2e.keys("Page_Down", settle=0.8)
        e2e.expect_soon("the walk's stage after a second Page Down on the coach's window",
                        lambda: current_stage(app), names[1])
        e2e.keys("Page_Up", settle=0.8)
        e2e.expect_soon("the walk's stage after Page Up on the coach's window",
                        lambda: current_stage(app), names[0])
        e2e.xdotool("windowfocus", "--sync", window, check=False)
        e2e.keys("Home", settle=0.6)

        # Back from the next stage lands on this one's last page.
        e2e.keys("End", "Right", settle=0.6)
        e2e.expect_soon("the walk's stage after Right from the last page",
                        lambda: current_stage(app), names[1])
        e2e.keys("Left", settle=0.8)
        back = os.path.join(workdir, "back.png")
        shoot(window, back)
        e2e.expect("pixels that differ between Left into a stage and its last page",
                   differing_pixels(back, last), 0)

        # The window's shortcuts work from the room's screen, on the coach's
        # window.
        e2e.keys("alt+4", settle=0.8)
        e2e.expect_soon("the phase after Alt+4 on the presenter", shown_phase, "diagnose")

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
