#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: Fit (Ctrl+0) on the example's ten stages, in the window's map
beside the side panel (about 730 × 525): the journey wraps onto rows and
its cards' text is drawn, never grey bars; the keyboard, clicks, the inline
editor and drag and drop work on the wrapped map, Down and Up go on into
the row below and above; Ctrl+1 is one row at
100 % again, and the walk's stage scrolls into view clear of the lanes'
names pinned at the left. The map view says what Fit chose in its debug
log.

Usage: e2e-fit.py PATH/TO/staple
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import staple_e2e as e2e
from staple_e2e import expect, expect_soon, fail, keys, type_text, xdotool

ACCENT = "#3584e4"
MAP_AREA = (720, 520, 5, 162)  # width, height, x, y of the map in the window
READABLE_LINE_PX = 9.0  # STAPLE_MAP_READABLE_LINE_PX
PINNED_PX = 118  # the lanes' names pinned at the left, at 100 %: GUTTER + 6
FIT = re.compile(r"Fit (\d+)x(\d+): (\d+) rows of (\d+) stages at ([0-9.]+) %, "
                 r"a card's line ([0-9.]+) px")


def selection_box():
    """Where the map draws its selection, in the accent colour, from a
    screenshot: x, y, width, height in the window."""
    shot = os.path.join(tempfile.gettempdir(), f"staple-e2e-fit-{os.getpid()}.png")
    subprocess.run(["import", "-window", "root", shot], check=True, timeout=30)
    width, height, left, top = MAP_AREA
    answer = subprocess.run(["convert", shot, "-crop", f"{width}x{height}+{left}+{top}",
                             "+repage", "-fill", "black", "-fuzz", "4%", "+opaque", ACCENT,
                             "-fill", "white", "-opaque", ACCENT, "-format", "%@", "info:"],
                            check=True, capture_output=True, text=True, timeout=30).stdout
    os.unlink(shot)
    size, x, y = answer.strip().split("+")
    w, h = size.split("x")
    return int(x) + left, int(y) + top, int(w), int(h)


def drag(x0, y0, x1, y1):
    xdotool("mousemove", str(x0), str(y0), "mousedown", "1")
    for step in range(1, 11):
        xdotool("mousemove", str(x0 + (x1 - x0) * step // 10), str(y0 + (y1 - y0) * step // 10))
        time.sleep(0.03)
    xdotool("mouseup", "1")
    time.sleep(0.4)


class LoggedApp(e2e.App):
    """The app with its standard output, where GLib writes debug messages,
    kept in a file."""

    def __init__(self, staple, database, log_path, *args):
        super().__init__(staple, database, *args, env={"G_MESSAGES_DEBUG": "staple-map-view"})
        self.log_path = log_path

    def start(self):
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen([self.staple, *self.args], env=self.env,
                                            stdout=log, stderr=subprocess.PIPE)
        self.wait_for_window()
        self.window = xdotool("search", "--sync", "--onlyvisible", "--class",
                              "staple").split()[0]
        xdotool("windowfocus", "--sync", self.window, check=False)


def run(app):
    db = app.db
    stages = db.stages()
    app.focus_map()

    # Fit: the map wraps, the cards' text at a readable size. On a busy
    # machine (the sanitizers, two tests at a time) the view may take a
    # while to say so.
    keys("ctrl+0", settle=0.8)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with open(app.log_path) as log:
            if FIT.search(log.read()):
                break
        time.sleep(0.2)

    # Arrow keys go on from a row's last stage to the next row's first:
    # stage 5 opens at the start of the second row (4 a row), renamed inline.
    keys("Escape", "Right", "Right", "Right", "Right", "Right")
    deadline = time.monotonic() + 5
    x, y, w, h = selection_box()
    while x > MAP_AREA[2] + 120 and time.monotonic() < deadline:
        time.sleep(0.3)  # the scroll to the selection, drawn a frame later
        x, y, w, h = selection_box()
    if x > MAP_AREA[2] + 120:
        fail(f"stage 5 is not at the left of a row: its header is drawn at x = {x}")
    keys("F2", "ctrl+a")
    type_text("Chased in row two")
    keys("Return")
    expect("F2 renames the stage selected across a row's end", db.stages()[4],
           "Chased in row two")

    # A click on a card of the second row selects it (Delete takes it out),
    # where the map draws it.
    fifth = db.cards(4)
    header = selection_box()
    keys("Down", "Down")  # the customer point, then the first card
    # The selection moves down to the card a frame or two later; on a busy
    # machine later still.
    deadline = time.monotonic() + 5
    x, y, w, h = selection_box()
    while (y <= header[1] + header[3] or h < 20) and time.monotonic() < deadline:
        time.sleep(0.3)
        x, y, w, h = selection_box()
    keys("Escape")
    app.click(x + w // 2, y + h // 2)
    keys("Delete")
    expect("a click on a card in the second row selects that card", db.cards(4), fifth[1:])
    keys("ctrl+z")
    expect("undo brings it back", db.cards(4), fifth)

    # Drag a card of stage 6 onto stage 5's first card, both in the second
    # row: it goes in before it. Select the target first, as the map scrolls
    # a selection into view.
    sixth = db.cards(5)
    before = selection_box()
    keys("Escape", "Right", "Right", "Right", "Right", "Right", "Down", "Down")
    tx, ty, tw, th = e2e.moved_box(selection_box, before)
    keys("Right")
    sx, sy, sw, sh = e2e.moved_box(selection_box, (tx, ty, tw, th))
    drag(sx + sw // 2, sy + sh // 2, tx + tw // 2, ty + 12)
    expect_soon("a card dragged in the second row lands before the card it is dropped on",
                lambda: (db.cards(4), db.cards(5)), ([sixth[0]] + fifth, sixth[1:]))
    keys("ctrl+z")
    expect("undo puts it back", (db.cards(4), db.cards(5)), (fifth, sixth))

    # Down from a stage's last element, its staff point, goes on to the
    # stage below it in the next row; Up from there comes back to it.
    # Stage 2 (three cards) sits above stage 6.
    keys("Escape", "Right", "Right")
    keys(*["Down"] * 6)
    keys("F2", "ctrl+a")
    type_text("Below stage two")
    keys("Return")
    expect("Down from stage 2's staff point goes to stage 6, below it", db.stages()[5],
           "Below stage two")
    staff = db.query("SELECT staff_feeling FROM stages ORDER BY position")[1][0]
    keys("Escape", "Right", "Right", "Right", "Right", "Right", "Right", "Up", "shift+Down")
    expect_soon("Up from stage 6's header goes to stage 2's staff point (Shift+Down lowers it)",
                lambda: db.query("SELECT staff_feeling FROM stages ORDER BY position")[1][0],
                staff - 1)
    keys("ctrl+z", "ctrl+z")

    # Ctrl+1: one row at 100 % again.
    keys("ctrl+1", settle=0.6)
    expect("the stages are all still there", len(db.stages()), len(stages))

    # The walk going back a stage scrolls it into view right of the lanes'
    # names pinned at the left (118 px at 100 %), not under them.
    keys("Escape")
    e2e.activate("set-current-stage", "<7>")
    time.sleep(0.6)
    for _ in range(3):
        e2e.activate("previous-stage")
        time.sleep(0.6)
        x, y, w, h = selection_box()
        if x < MAP_AREA[2] + PINNED_PX:
            fail(f"the walk's stage is drawn at x = {x}, under the lanes' names pinned left of "
                 f"x = {MAP_AREA[2] + PINNED_PX}")


def main():
    if len(sys.argv) != 2:
        fail(__doc__)
    e2e.require_display()
    if shutil.which("import") is None or shutil.which("convert") is None:
        print("SKIP: needs ImageMagick's import and convert")
        sys.exit(e2e.SKIP)

    staple = os.path.abspath(sys.argv[1])
    with e2e.workdir() as workdir:
        log_path = os.path.join(workdir, "stdout.txt")
        with LoggedApp(staple, os.path.join(workdir, "sessions.db"), log_path,
                       "--example") as app:
            run(app)
        with open(log_path) as log_file:
            log = log_file.read()

    fits = [m for m in FIT.finditer(log)]
    if not fits:
        fail("the map view never said what Fit chose:\n" + log[-2000:])
    view_w, view_h, rows, per_row, zoom, line = fits[0].groups()
    print(f"# Fit in {view_w} x {view_h}: {rows} rows of {per_row}, {zoom} %, "
          f"a card's line {line} px")
    expect("Fit wraps the example's ten stages onto rows", int(rows) > 1, True)
    expect(f"a card's line at Fit is at least {READABLE_LINE_PX} px",
           float(line) >= READABLE_LINE_PX - 0.05, True)
    # The renderer draws card text from 5 device px a point (10 pt text).
    expect("so the cards' text is drawn, not grey bars", float(zoom) / 100 * 10 >= 5, True)
    expect("Ctrl+1 puts the map back in one row", "One row again" in log, True)


if __name__ == "__main__":
    main()
