#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the journey map under Xvfb, driven with real key and mouse
events (xdotool), every change checked in the database.

Usage: e2e-map.py PATH/TO/staple
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

import staple_e2e as e2e
from staple_e2e import expect, expect_soon, fail, keys, type_text, xdotool


def main():
    if len(sys.argv) != 2:
        fail(__doc__)
    e2e.require_display()

    staple = os.path.abspath(sys.argv[1])
    with e2e.workdir() as workdir:
        with e2e.App(staple, os.path.join(workdir, "sessions.db"), "--example") as app:
            run(app.db)


ACCENT = "#3584e4"


def selection_box():
    """Where the selection is on screen: the bounding box of the accent
    colour the map draws it in, from a screenshot."""
    shot = os.path.join(tempfile.gettempdir(), f"staple-e2e-{os.getpid()}.png")
    subprocess.run(["import", "-window", "root", shot], check=True, timeout=30)
    # Only the map: the side panel has accent-coloured check boxes. The
    # window (1100 px wide, no window manager) keeps 360 px for the panel.
    box = subprocess.run(["convert", shot, "-crop", "720x900+0+0", "+repage",
                          "-fill", "black", "-fuzz", "4%", "+opaque", ACCENT,
                          "-fill", "white", "-opaque", ACCENT, "-format", "%@", "info:"],
                         check=True, capture_output=True, text=True, timeout=30).stdout
    os.unlink(shot)
    size, x, y = box.split("+")
    width, height = size.split("x")
    return int(x), int(y), int(width), int(height)


def drag(x0, y0, x1, y1):
    xdotool("mousemove", str(x0), str(y0), "mousedown", "1")
    for step in range(1, 11):
        xdotool("mousemove", str(x0 + (x1 - x0) * step // 10), str(y0 + (y1 - y0) * step // 10))
        time.sleep(0.03)
    xdotool("mouseup", "1")
    time.sleep(0.4)


def drag_and_drop(db):
    stages = db.stages()
    first = db.cards(0)
    third = db.cards(2)

    # Select the first card of stage 3, then the first card of stage 1
    # (the target first, as the map scrolls a selection into view).
    before = selection_box()
    keys("Escape", "Right", "Right", "Right", "Down", "Down")
    bx, by, bw, bh = e2e.moved_box(selection_box, before)
    keys("Left", "Left")
    ax, ay, aw, ah = e2e.moved_box(selection_box, (bx, by, bw, bh))

    # Drop the card onto stage 3's first card: it goes in before it.
    drag(ax + aw // 2, ay + ah // 2, bx + bw // 2, by + 12)
    expect_soon("a card dragged onto another stage's card lands before it",
                lambda: (db.cards(0), db.cards(2)), (first[1:], [first[0]] + third))
    keys("ctrl+z")
    expect("undo puts the dragged card back", (db.cards(0), db.cards(2)), (first, third))

    # Drag stage 2 by its header onto stage 3. Select the target first: the
    # map scrolls a selection into view, which would move boxes measured
    # before it.
    before = selection_box()
    keys("Escape", "Right", "Right", "Right")
    tx, ty, tw, th = e2e.moved_box(selection_box, before)
    keys("Left")
    sx, sy, sw, sh = e2e.moved_box(selection_box, (tx, ty, tw, th))
    drag(sx + sw // 2, sy + 30, tx + tw // 2, ty + 30)
    expect_soon("a stage dragged by its header onto the next one swaps places",
                lambda: db.stages()[:3], [stages[0], stages[2], stages[1]])
    keys("ctrl+z")
    expect("undo restores the stage order", db.stages(), stages)


def run(db):
    stages = db.stages()
    first_cards = db.cards(1)

    # Focus the map by clicking its left margin, where the lanes are named:
    # that selects nothing. The window sits at the screen's corner (no
    # window manager), and its map begins below the header bar.
    window = xdotool("search", "--sync", "--onlyvisible", "--class", "staple").split()[0]
    xdotool("mousemove", "--window", window, "40", "420", "click", "1")
    time.sleep(0.3)
    keys("alt+2")  # the Map phase
    time.sleep(0.8)  # let the page's cross-fade finish before clicking into it
    xdotool("mousemove", "--window", window, "40", "420", "click", "1")
    time.sleep(0.5)

    # Keyboard-first capture: select stage 2, type a card, Enter.
    keys("Right", "Right")
    type_text("Toner ran out again")
    keys("Return")
    expect("a card typed with the stage selected lands at its end",
           db.cards(1), first_cards + ["Toner ran out again"])

    # Enter edits the selected (new) card, the cursor at the end of its
    # text: typing adds to it, never replaces it by accident.
    keys("Return")
    type_text(" on Saturdays")
    keys("Return")
    expect("Enter edits the selected card, the cursor at its end", db.cards(1)[-1],
           "Toner ran out again on Saturdays")
    keys("Return", "ctrl+a")
    type_text("Printer out of toner on Saturdays")
    keys("Return")
    expect("Ctrl+A in the editor selects the text to type over", db.cards(1)[-1],
           "Printer out of toner on Saturdays")

    # Alt+Right moves the card to the next stage; Ctrl+Z takes that back.
    keys("alt+Right")
    expect("Alt+Right moves the card to the next stage",
           "Printer out of toner on Saturdays" in db.cards(2), True)
    keys("ctrl+z")
    expect("Ctrl+Z puts it back", db.cards(1)[-1], "Printer out of toner on Saturdays")

    # Delete removes the selected card; undo brings it back.
    keys("Delete")
    expect("Delete removes the selected card", db.cards(1), first_cards)
    keys("ctrl+z")
    expect("undo brings it back", db.cards(1)[-1], "Printer out of toner on Saturdays")

    # Escape clears the selection; an arrow selects the first stage again;
    # Alt+Right moves that stage one place on.
    keys("Escape", "Right", "alt+Right")
    expect("Alt+Right moves a selected stage", db.stages()[:2], [stages[1], stages[0]])
    keys("ctrl+z")
    expect("and undo restores the order", db.stages(), stages)

    # Enter on a stage renames it inline.
    keys("Return")
    type_text("Saturday phone call")
    keys("Return")
    expect("Enter on a stage renames it", db.stages()[0], "Saturday phone call")

    # Escape in the inline editor drops what was typed.
    keys("Down", "Down")  # the customer point, then the first card
    type_text("never saved")
    keys("Escape")
    expect("Escape drops a card being typed",
           [c for c in db.cards(0) if c.startswith("never")], [])

    # A click on the handoff arrow between stages 1 and 2 selects stage 2,
    # which holds its mark ("Handed over from another team"): F2 renames
    # it. The arrow crosses the gap between the columns in the handoffs
    # lane (the window at the screen's corner, 1100 × 720, the map fitted).
    window = xdotool("search", "--sync", "--onlyvisible", "--class", "staple").split()[0]
    xdotool("mousemove", "--window", window, "248", "541", "click", "1")
    time.sleep(0.4)
    keys("F2", "ctrl+a")
    type_text("Triage by the desk")
    keys("Return")
    expect("a click on a handoff arrow selects the stage it goes into",
           db.stages()[:2], ["Saturday phone call", "Triage by the desk"])

    if shutil.which("import") and shutil.which("convert"):
        drag_and_drop(db)
    else:
        print("SKIP: drag and drop needs ImageMagick's import and convert")

    integrity = db.query("PRAGMA integrity_check")[0][0]
    expect("the database passes integrity_check", integrity, "ok")


if __name__ == "__main__":
    main()
