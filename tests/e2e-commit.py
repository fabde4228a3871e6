#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Diagnose and commit without hunting, in the real window, by keyboard.

- The principle picker of a friction row (Map phase, List view) takes a
  principle by part of its name and by its number; the database has it.
- On the Commit page the friction points are ranked with their votes: from
  the top-ranked one Enter goes to the action that addresses it, and from
  one without an action Enter starts one that addresses it.
- A due date is set with the calendar (arrows, Enter) and by typing the
  locale's form and YYYY-MM-DD; it is shown back in the locale's form; a
  date that is not one keeps its text and changes nothing in the database.

Usage: e2e-commit.py STAPLE
"""

import datetime
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import staple_e2e as e2e  # noqa: E402

LIST_BUTTON = (700, 27)        # with the window at 1280 × 900
FIRST_PRINCIPLE = (420, 544)   # the first friction row's principle button
FIRST_ACTION = (900, 268)      # the first action's text on the Commit page


def principle_of(db, stage, card):
    rows = db.query("SELECT f.principle FROM frictions f JOIN stages s ON f.stage_id = s.id"
                    " WHERE s.position = ? AND f.position = ?", stage, card)
    return rows[0][0]


def actions(db):
    return db.query("SELECT id, text, due FROM actions ORDER BY position")


def first_due(db):
    return actions(db)[0][2]


def copied_text():
    """What the focused entry shows: all of it selected and copied."""
    e2e.keys("ctrl+a", "ctrl+c", settle=0.4)
    e2e.KEYS.count -= 2
    return subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True,
                          text=True, timeout=10).stdout


def pick_principle(app):
    e2e.activate("set-phase", "<'map'>")
    time.sleep(0.8)
    app.click(*LIST_BUTTON)
    time.sleep(0.8)

    app.click(*FIRST_PRINCIPLE)
    time.sleep(0.5)
    e2e.KEYS.reset()
    e2e.type_text("cust back")
    e2e.keys("Return")
    e2e.expect_soon("part of a name picks its principle", lambda: principle_of(app.db, 0, 0),
                    "design-from-the-customer")
    print(f"# keystrokes for a principle by name, besides opening: {e2e.KEYS.count}")

    # The focus is back on the button: Space opens it again, then a number.
    e2e.KEYS.reset()
    e2e.keys("space", settle=0.6)
    e2e.type_text("7")
    e2e.keys("Return")
    e2e.expect_soon("its number picks a principle", lambda: principle_of(app.db, 0, 0),
                    "fix-the-product-first")
    print(f"# keystrokes for a principle by number, the picker opened by key: {e2e.KEYS.count}")

    # Nothing matches: Enter takes nothing, Escape leaves it as it was.
    e2e.keys("space", settle=0.6)
    e2e.type_text("zzz")
    e2e.keys("Return", "Escape", "Escape")
    e2e.expect("a search matching nothing changes nothing", principle_of(app.db, 0, 0),
               "fix-the-product-first")


def ranked(db):
    """The friction points as the room ranked them: most votes, then the
    most severe, then map order; with their ids and votes."""
    return db.query(
        "SELECT f.id, f.text, (SELECT count(*) FROM votes v WHERE v.friction_id = f.id) AS n"
        " FROM frictions f JOIN stages s ON f.stage_id = s.id"
        " ORDER BY n DESC, f.severity DESC, s.position, f.position")


def actions_for(db, friction_id):
    return [row[0] for row in db.query(
        "SELECT a.text FROM actions a JOIN action_frictions af ON af.action_id = a.id"
        " WHERE af.friction_id = ? ORDER BY a.position", friction_id)]


def commit_ranking(app):
    db = app.db
    e2e.activate("set-phase", "<'commit'>")
    time.sleep(1.2)
    top = ranked(db)
    e2e.expect("the example has votes to rank", top[0][2] > top[3][2], True)

    # From the first action's text, Shift+Tab goes back into the ranking
    # (its last row's button, then the row), Home to the top of it.
    app.click(*FIRST_ACTION)
    e2e.KEYS.reset()
    wanted = actions_for(db, top[0][0])[0] + " (from the ranking)"
    e2e.keys("shift+Tab", "shift+Tab", "Home", "Return", settle=0.5)
    e2e.type_text(" (from the ranking)")
    e2e.expect_soon("Enter on the top-ranked point goes to its action, which takes the typing",
                    lambda: actions_for(db, top[0][0])[0], wanted)
    print("# keystrokes from the ranking's end to typing in the top point's action: "
          f"{e2e.KEYS.count - len(' (from the ranking)')}")

    # The top point without an action: back to the ranking from the action's
    # text, Enter, type the action, Enter.
    without = next(i for i, row in enumerate(top) if not actions_for(db, row[0]))
    n_before = len(actions(db))
    e2e.keys("shift+Tab", "shift+Tab", "Home", *(["Down"] * without), "Return", settle=0.5)
    e2e.KEYS.reset()
    e2e.type_text("Lend a machine without asking")
    e2e.keys("Return")
    e2e.expect_soon("a ranked point without an action gets one that addresses it",
                    lambda: actions_for(db, top[without][0]), ["Lend a machine without asking"])
    e2e.expect("one action was added", len(actions(db)), n_before + 1)
    print(f"# keystrokes for a new action on a ranked point, besides its text: "
          f"{e2e.KEYS.count - len('Lend a machine without asking')}")


def due_dates(app):
    db = app.db
    stored = datetime.date.fromisoformat(first_due(db))

    # The first action, the page scrolled back to its top (the wheel):
    # text, delete, owner, due date, calendar.
    app.click(*FIRST_ACTION, button="4", repeat=20)
    app.click(*FIRST_ACTION)
    e2e.keys("Tab", "Tab", "Tab")
    e2e.expect("the due date is shown in the locale's form", copied_text(),
               stored.strftime("%m/%d/%Y"))

    e2e.KEYS.reset()
    e2e.keys("Tab", "space", settle=0.6)
    e2e.keys("Right", "Right", "Down", "Return")
    picked = stored + datetime.timedelta(days=9)
    e2e.expect_soon("the calendar sets the due date", lambda: first_due(db), picked.isoformat())
    print(f"# keystrokes for a due date from the calendar, 9 days on: {e2e.KEYS.count}")

    # Typed: the locale's form, then YYYY-MM-DD, shown back in the locale's.
    e2e.keys("shift+Tab")
    e2e.keys("ctrl+a")
    e2e.type_text("12/24/2026")
    e2e.keys("Return")
    e2e.expect_soon("a date typed in the locale's form is stored", lambda: first_due(db),
                    "2026-12-24")
    e2e.keys("ctrl+a")
    e2e.type_text("2027-01-31")
    e2e.keys("Return")
    e2e.expect_soon("a date typed YYYY-MM-DD is stored", lambda: first_due(db), "2027-01-31")
    e2e.expect("and shown in the locale's form", copied_text(), "01/31/2027")

    # Not a date: nothing is stored, and leaving the field keeps the text.
    before = actions(db)
    e2e.keys("ctrl+a")
    e2e.type_text("31/12/2026")
    e2e.keys("Return", "Tab")
    time.sleep(0.5)
    e2e.expect("a date that is not one changes nothing in the database", actions(db), before)
    e2e.keys("shift+Tab")
    e2e.expect("and its text stays for the coach to fix", copied_text(), "31/12/2026")


def main():
    staple = sys.argv[1]
    e2e.require_display()
    if subprocess.run(["which", "xclip"], capture_output=True).returncode != 0:
        print("SKIP: xclip is not installed")
        sys.exit(e2e.SKIP)

    started = time.monotonic()
    with e2e.workdir() as tmp:
        # The C locale writes dates MM/DD/YY: a short form that is not YYYY-MM-DD.
        with e2e.App(staple, os.path.join(tmp, "staple.db"), "--example",
                     env={"LC_ALL": "C.UTF-8"}) as app:
            e2e.xdotool("windowsize", app.window, "1280", "900")
            time.sleep(0.8)
            pick_principle(app)
            commit_ranking(app)
            due_dates(app)
            e2e.expect("the app is still running", app.alive(), True)
    print(f"# e2e-commit took {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
