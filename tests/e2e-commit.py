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
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import staple_e2e as e2e  # noqa: E402

# What a screen reader (and so a person) is told: the accessible tree, read
# over the AT-SPI bus by the system's python3-dbus; for each node named
# argv[1], for each of its children, the names of the child and of every
# node under it, in order.
A11Y_PYTHON = "/usr/bin/python3"
A11Y_WALKER = r"""
import json, sys, dbus
bus = dbus.SessionBus()
address = bus.get_object("org.a11y.Bus", "/org/a11y/bus").GetAddress(dbus_interface="org.a11y.Bus")
a11y = dbus.bus.BusConnection(address)
ACC, PROPS = "org.a11y.atspi.Accessible", "org.freedesktop.DBus.Properties"

def node(name, path):
    return a11y.get_object(name, path, introspect=False)

def label(ref):
    return str(node(*ref).Get(ACC, "Name", dbus_interface=PROPS))

def children(ref):
    try:
        return [(str(a), str(b)) for a, b in node(*ref).GetChildren(dbus_interface=ACC)]
    except dbus.DBusException:
        return []

def names_under(ref):
    found = []
    for child in children(ref):
        found.append(label(child))
        found += names_under(child)
    return [n for n in found if n]

def find(ref, wanted, out):
    if label(ref) == wanted:
        out.append([[n for n in [label(child)] + names_under(child) if n]
                    for child in children(ref)])
    for child in children(ref):
        find(child, wanted, out)

out = []
find(("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root"), sys.argv[1], out)
print(json.dumps(out))
"""

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


def popups():
    """The app's windows on screen: the main window, and a popover while one
    is open (GTK shows it as a window of its own)."""
    return len(e2e.xdotool("search", "--onlyvisible", "--class", "staple", check=False).split())


def until_popup(before, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if popups() > before:
            time.sleep(0.2)
            return True
        time.sleep(0.1)
    return False


def pick_principle(app):
    e2e.activate("set-phase", "<'map'>")
    time.sleep(0.8)

    # The window laid out at its new size, the List page and its rows, and
    # the picker are all made when needed: on a busy machine a click may
    # land before what it aims at is there. Keys typed before the picker
    # shows would go elsewhere, so the coach's keys wait for it, as a
    # person's eyes would.
    for _ in range(4):
        app.click(*LIST_BUTTON)
        time.sleep(1.0)
        before = popups()
        app.click(*FIRST_PRINCIPLE)
        if until_popup(before, timeout=6.0):
            break
    else:
        e2e.fail("a click on the first card's principle opened no picker")
    e2e.KEYS.reset()
    e2e.type_text("cust back")
    e2e.keys("Return")
    e2e.expect_soon("part of a name picks its principle", lambda: principle_of(app.db, 0, 0),
                    "design-from-the-customer")
    print(f"# keystrokes for a principle by name, besides opening: {e2e.KEYS.count}")

    # The focus is back on the button: Space opens it again, then a number.
    e2e.KEYS.reset()
    before = popups()
    e2e.keys("space", settle=0.2)
    if not until_popup(before):
        e2e.fail("Space on the principle's button opened no picker")
    e2e.type_text("7")
    e2e.keys("Return")
    e2e.expect_soon("its number picks a principle", lambda: principle_of(app.db, 0, 0),
                    "fix-the-product-first")
    print(f"# keystrokes for a principle by number, the picker opened by key: {e2e.KEYS.count}")

    # Nothing matches: Enter takes nothing, Escape leaves it as it was.
    before = popups()
    e2e.keys("space", settle=0.2)
    if not until_popup(before):
        e2e.fail("Space on the principle's button opened no picker again")
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


def accessible(name):
    """The names under each child of the accessible nodes called name, or
    None without python3-dbus."""
    if subprocess.run([A11Y_PYTHON, "-c", "import dbus"], capture_output=True).returncode != 0:
        return None
    result = subprocess.run([A11Y_PYTHON, "-c", A11Y_WALKER, name], capture_output=True,
                            text=True, timeout=60)
    if result.returncode != 0:
        e2e.fail(f"reading the accessible tree failed: {result.stderr[-1000:]}")
    return json.loads(result.stdout)


def votes_text(n):
    return f"{n} vote" if n == 1 else f"{n} votes"


def check_ranking_shown(db, top):
    """The ranking as the window tells it: "1. text", "6 votes · stage · …"
    for each of the first ten, in the room's order."""
    lists = accessible("Friction points by votes")
    if lists is None:
        print("# skipped reading the ranking aloud: no python3-dbus for AT-SPI")
        return
    e2e.expect("the Commit page has one ranking", len(lists), 1)
    shown = [(next(n for n in names if n.startswith(f"{i + 1}. ")),
              next(n for n in names if "vote" in n)) for i, names in enumerate(lists[0])]
    wanted = [(f"{i + 1}. {text}", votes_text(n)) for i, (_, text, n) in enumerate(top[:10])]
    e2e.expect("the ranking shows the ten top points in order, each with its votes",
               [(title, votes.split(" · ")[0]) for title, votes in shown], wanted)

    # Each action says how many votes the points it addresses have.
    first = db.query("SELECT id FROM actions ORDER BY position LIMIT 1")[0][0]
    n_points, n_votes = db.query(
        "SELECT count(DISTINCT af.friction_id), count(v.id) FROM action_frictions af"
        " LEFT JOIN votes v ON v.friction_id = af.friction_id WHERE af.action_id = ?", first)[0]
    shown = [n for button in accessible("Friction points addressed") for child in button
             for n in child]
    wanted = f"Addresses {n_points} friction points · {votes_text(n_votes)}"
    e2e.expect(f"the first action's Addresses button counts its points' votes ({wanted})",
               wanted in shown, True)


def commit_ranking(app):
    db = app.db
    e2e.activate("set-phase", "<'commit'>")
    time.sleep(1.2)
    top = ranked(db)
    e2e.expect("the example has votes to rank", top[0][2] > top[3][2], True)
    check_ranking_shown(db, top)

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

    # Leaving the phase with it still there: said once more (the app's log
    # holds what its toast says), as the Walk's fields do. The page goes
    # once the phases' crossfade is over.
    e2e.keys("alt+7")
    e2e.expect_soon("Alt+7 goes to Close",
                    lambda: db.query("SELECT phase FROM sessions")[0][0], "close")
    time.sleep(1.5)


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
            app.kill()
            e2e.expect("leaving Commit says the date typed was not saved",
                       "“31/12/2026” was not saved: it is not a date." in app.stderr_text(),
                       True)
    print(f"# e2e-commit took {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
