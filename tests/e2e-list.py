#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The List page of a wall-sized journey, in the real window.

A session of 40 stages with 30 friction points each (1,200 cards, made
from the example workshop's shape) is opened on the Map phase, and the
coach clicks the header's List switch:

- the window keeps answering: it answers within a few seconds of the
  click (the page used to make every card's row first: 19 s of a frozen
  window);
- the page shows the first stage's cards: text typed into the first card
  is in the database;
- the keyboard reaches the last stage from the "Add a stage" row (Shift+Tab)
  and a card typed into its "Add a friction point" entry is in the
  database, in that stage;
- an edit made elsewhere (over D-Bus, as the map makes them) shows in the
  card's row, and Ctrl+Z from the list takes the list's edit back.

Usage: e2e-list.py STAPLE MAKE-DATABASE EXAMPLE.json
"""

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import staple_e2e as e2e  # noqa: E402

N_STAGES = 40
N_CARDS = 30
LIST_BUTTON = (700, 27)        # the header's List switch, with the window at 1280 × 900
MAP_BUTTON = (580, 27)         # and its Map switch
ZOOM_BUTTONS = (908, 28)       # the map's zoom buttons in the header, gone on the List page
FIRST_CARD = (200, 504)        # the first friction point's text in the List view


def wall_sized(example):
    """The example workshop with 40 stages of 30 cards, from its own."""
    with open(example, encoding="utf-8") as f:
        session = json.load(f)
    stages = session["stages"]
    cards = [card for stage in stages for card in stage["frictions"]]
    made = []
    for i in range(N_STAGES):
        stage = dict(stages[i % len(stages)])
        stage["name"] = f"Stage {i + 1}: {stage['name']}"
        stage["frictions"] = []
        for j in range(N_CARDS):
            card = dict(cards[(i * N_CARDS + j) % len(cards)])
            card["key"] = f"s{i}c{j}"
            card["text"] = f"{i + 1}.{j + 1} {card['text']}"
            stage["frictions"].append(card)
        made.append(stage)
    session["stages"] = made
    session["title"] = "A wall-sized journey"
    # Votes and actions name the example's cards by key: not these.
    session["votes"] = []
    session["actions"] = []
    return session


def answers_within(seconds):
    """How long the window took to answer a D-Bus call, or None if it did
    not within `seconds`."""
    started = time.monotonic()
    result = subprocess.run(["gdbus", "call", "--session", "--dest", e2e.APP_ID,
                             "--object-path", e2e.WINDOW_PATH, "--method",
                             "org.gtk.Actions.List", "--timeout", str(int(seconds))],
                            capture_output=True, text=True, timeout=seconds + 10)
    took = time.monotonic() - started
    return took if result.returncode == 0 and took <= seconds else None


def field_text():
    """What the focused entry shows: all of it selected and copied."""
    e2e.keys("ctrl+a", "ctrl+c", settle=0.4)
    result = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True,
                            text=True, timeout=10)
    return result.stdout


def pixel(x, y):
    """The colour on screen at (x, y)."""
    return subprocess.run(["import", "-window", "root", "-crop", f"1x1+{x}+{y}", "txt:-"],
                          capture_output=True, text=True, timeout=30).stdout.split()[-1]


def switch_to_list(app):
    """Clicks the List switch; returns how long until the window has drawn
    the List page (the header's zoom buttons, which are the map's, gone),
    or None if not within 15 s. A click lost while the window was still
    laying itself out for its new size is made again."""
    before = pixel(*ZOOM_BUTTONS)
    started = time.monotonic()
    app.click(*LIST_BUTTON)
    while time.monotonic() - started < 15:
        if pixel(*ZOOM_BUTTONS) != before:
            took = time.monotonic() - started
            time.sleep(0.5)
            if pixel(*ZOOM_BUTTONS) != before:
                return took
        if time.monotonic() - started > 4 and answers_within(1) is not None:
            app.click(*LIST_BUTTON)
        time.sleep(0.3)
    return None


def clicked_text(app):
    app.click(*FIRST_CARD)
    return field_text()


def resident_mb(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def main():
    if len(sys.argv) != 4:
        e2e.fail("usage: e2e-list.py STAPLE MAKE-DATABASE EXAMPLE.json")
    staple, make_database, example = sys.argv[1:]
    e2e.require_display()
    if subprocess.run(["which", "xclip"], capture_output=True).returncode != 0:
        print("SKIP: xclip is not installed")
        sys.exit(e2e.SKIP)

    with e2e.workdir() as tmp:
        source = os.path.join(tmp, "wall.json")
        database = os.path.join(tmp, "staple.db")
        with open(source, "w", encoding="utf-8") as f:
            json.dump(wall_sized(example), f)
        made = subprocess.run([make_database, database, source], check=True, timeout=120,
                              capture_output=True, text=True).stdout.split()
        session_id = int(made[0])

        with e2e.App(staple, database) as app:
            e2e.gdbus("/io/github/stapleapp/Staple", "org.gtk.Actions.Activate", "open-session",
                      f"[<int64 {session_id}>]", "{}")
            e2e.expect_soon("the session opens", lambda: answers_within(30) is not None, True,
                            timeout=30)
            e2e.xdotool("windowsize", app.window, "1280", "900")
            # The clicks below are aimed at the window laid out at that size:
            # on a busy machine the window takes a while to get there.
            deadline = time.monotonic() + 30
            while (time.monotonic() < deadline and "1280x900" not in
                   e2e.xdotool("getwindowgeometry", app.window)):
                time.sleep(0.3)
            e2e.activate("set-phase", "<'map'>")
            time.sleep(1.5)
            answers_within(30)
            e2e.expect("the session has 1,200 cards",
                       app.db.query("SELECT count(*) FROM frictions f JOIN stages s"
                                    " ON f.stage_id = s.id WHERE s.session_id = ?",
                                    session_id)[0][0], N_STAGES * N_CARDS)
            before = resident_mb(app.process.pid)

            shown = switch_to_list(app)
            e2e.expect("the List page shows within 15 s of the click", shown is not None, True)
            took = answers_within(15)
            e2e.expect("the window answers within 15 s", took is not None, True)
            print(f"# the List page was drawn {shown:.2f} s after the click, the window "
                  f"answered {took:.2f} s after that; resident {before} MB before, "
                  f"{resident_mb(app.process.pid)} MB after")
            time.sleep(1.0)

            # The first card, as a coach clicks into it and retypes it (on a
            # busy machine the page may take a moment to be drawn).
            first = app.db.cards(0)[0]
            shown = clicked_text(app)
            deadline = time.monotonic() + 15
            while shown != first and time.monotonic() < deadline:
                time.sleep(0.5)
                shown = clicked_text(app)
            if shown != first:
                shot = os.path.join(tempfile.gettempdir(), f"e2e-list-{os.getpid()}.png")
                e2e.screenshot(shot)
                print(f"# the window as it was: {shot}")
            e2e.expect("the first card's row shows its text", shown, first)
            e2e.type_text("Typed in the list")
            e2e.expect_soon("text typed into the first card's row is in the database",
                            lambda: app.db.cards(0)[0], "Typed in the list")

            # An edit made elsewhere, as the map makes them, shows in the row.
            e2e.activate("set-friction-field", "<(0, 0, 'text', <'Changed on the map'>)>")
            e2e.expect_soon("an edit from elsewhere shows in the card's row", field_text,
                            "Changed on the map")

            # Back from the map, the page puts the keyboard on "Add a stage";
            # Shift+Tab goes to the entry that adds a card to the last stage,
            # far down the page, and what is typed there is its last card.
            app.click(*MAP_BUTTON)
            time.sleep(1.0)
            e2e.expect("the List page shows again within 15 s of the click",
                       switch_to_list(app) is not None, True)
            time.sleep(1.0)
            e2e.keys("shift+Tab", settle=1.0)
            e2e.type_text("Added at the end of the journey")
            e2e.keys("Return")
            e2e.expect_soon("a card typed into the last stage's entry is its last card",
                            lambda: app.db.cards(N_STAGES - 1)[-1],
                            "Added at the end of the journey", timeout=10)
            e2e.expect("the last stage has one card more",
                       len(app.db.cards(N_STAGES - 1)), N_CARDS + 1)
            e2e.expect("the other stages keep their cards",
                       [len(app.db.cards(i)) for i in range(N_STAGES - 1)],
                       [N_CARDS] * (N_STAGES - 1))

            e2e.expect("the window still answers", answers_within(15) is not None, True)
            e2e.expect("the app is still running", app.alive(), True)


if __name__ == "__main__":
    main()
