#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: timers that keep the room's time. The Walk clock, started with
the phase, survives a visit to Map, a kill -9 and a restart (the minutes the
app was dead counted, as the meeting went on), and overtime; only Reset gives
the full timebox back; a clock away longer than a workshop day waits where it
was; a past session opened for review does not tick.

The clock is read from the window's "timer" action, whose state is the timer
the phase bar shows: (seconds left, running). Set STAPLE_E2E_SHOTS to a folder to
keep a screenshot of the window after the restart.

Usage: e2e-timer.py PATH/TO/staple
"""

import os
import re
import sqlite3
import sys
import time

import staple_e2e as e2e

WALK = 40 * 60  # the Walk phase's timebox by default
SLACK = 2  # seconds a reading may be off: start-up, the bus, whole seconds
# The Walk clock as stored: (timebox, duration, seconds left, running, saved at µs)
WALK_CLOCK = re.compile(r"'walk': <\((-?\d+), (-?\d+), (-?\d+), (true|false),"
                        r" (?:int64 )?(-?\d+)\)>")


def clock():
    out = e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.Describe", "timer").stdout.strip()
    match = re.search(r"<\((-?\d+), (true|false)\)>", out)
    if match is None:
        e2e.fail(f"cannot read the timer action's state: {out!r}")
    return int(match.group(1)), match.group(2) == "true"


def phase():
    out = e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.Describe", "set-phase").stdout
    return re.search(r"<'(\w+)'>", out).group(1)


def near(what, got, wanted, slack=SLACK):
    if abs(got - wanted) > slack:
        e2e.fail(f"{what}: {got} s left, wanted {wanted} s (± {slack})")
    print(f"ok - {what}: {got} s left (wanted {wanted} ± {slack})")


def restart(app, shot=None):
    app.kill()
    app.start()
    e2e.expect_soon("the session is open again after the restart", phase, "walk")
    if shot is not None and os.environ.get("STAPLE_E2E_SHOTS"):
        path = os.path.join(os.environ["STAPLE_E2E_SHOTS"], shot)
        e2e.screenshot(path)
        print(f"# screenshot: {path}")


def died_earlier(database, session_id, seconds):
    """Moves the time the Walk clock was last saved back by seconds, while the
    app is dead: as if it had died that much longer ago."""
    db = sqlite3.connect(database)
    try:
        key = f"timer-{session_id}"
        (text,) = db.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        match = WALK_CLOCK.search(text)
        if match is None:
            e2e.fail(f"the stored timers hold no Walk clock: {text!r}")
        saved = int(match.group(5)) - seconds * 1_000_000
        text = text[:match.start(5)] + str(saved) + text[match.end(5):]
        db.execute("UPDATE app_state SET value = ? WHERE key = ?", (text, key))
        db.commit()
    finally:
        db.close()


def main():
    e2e.require_display()
    staple = sys.argv[1]

    with e2e.workdir() as tmp:
        database = os.path.join(tmp, "library.db")
        with e2e.App(staple, database) as app:
            e2e.activate("new-session")
            (session_id,) = app.db.query("SELECT id FROM sessions")[0]

            # Walk, by its key: the clock starts with the phase.
            e2e.keys("alt+3")
            e2e.expect_soon("Alt+3 goes to Walk", phase, "walk")
            left, running = clock()
            e2e.expect("the Walk clock runs from its timebox", (running, left > WALK - SLACK),
                       (True, True))
            time.sleep(4)
            left, running = clock()
            e2e.expect("the Walk clock counts down", running and left <= WALK - 3, True)

            # To Map and back: the Walk clock stood still, it was not reset.
            e2e.keys("alt+2")
            e2e.expect_soon("Alt+2 goes to Map", phase, "map")
            time.sleep(2)
            e2e.keys("alt+3")
            e2e.expect_soon("Alt+3 comes back to Walk", phase, "walk")
            back, running = clock()
            near("back from Map, the Walk clock goes on where it was left", back, left)
            e2e.expect("back from Map, the Walk clock still runs", running, True)

            # kill -9 and a restart: the seconds the app was dead are counted.
            time.sleep(2)
            left, _ = clock()
            read_at = time.monotonic()
            restart(app, "e2e-timer-restarted.png")
            after, running = clock()
            near("after kill -9 and a restart, the Walk clock has run on",
                 after, left - round(time.monotonic() - read_at))
            e2e.expect("after the restart, the Walk clock runs", running, True)

            # Dead for the rest of the walk and a minute more: overtime, running.
            app.kill()
            left, saved_at = clock_from_store(app, session_id)
            died_earlier(database, session_id, left + 60)
            app.start()
            over, running = clock()
            near("back after the timebox ran out, the Walk clock is a minute over", over,
                 -60 - round(time.time() - saved_at))
            e2e.expect("the overtime clock runs", running, True)
            restart(app, "e2e-timer-overtime.png")
            over, running = clock()
            e2e.expect("overtime survives another restart", (over < -55, running), (True, True))

            # Back after a night: the meeting is over, the clock waits where it was.
            app.kill()
            left, _ = clock_from_store(app, session_id)
            died_earlier(database, session_id, 9 * 60 * 60)
            app.start()
            e2e.expect("back nine hours later, the Walk clock is paused where it was saved",
                       clock(), (left, False))

            # Only Reset gives the full timebox back, and it stays so.
            e2e.activate("timer-reset")
            e2e.expect_soon("Reset gives Walk its full timebox, paused", clock,
                            (WALK, False))
            restart(app)
            e2e.expect("after Reset and a restart, the Walk clock is full and paused",
                       clock(), (WALK, False))

            # A walk of the past opens for review: its clock does not tick.
            e2e.activate("timer-start")
            e2e.activate("set-session-field", '<("date", <"2020-01-01">)>')
            app.kill()
            app.start()
            e2e.expect_soon("a past session opens for review on Close", phase, "close")
            first = clock()
            time.sleep(2)
            e2e.expect("its clock stands still", clock(), first)
            e2e.expect("and is paused", first[1], False)
            e2e.expect("app alive", app.alive(), True)


def clock_from_store(app, session_id):
    """(seconds left, wall-clock time in s) of the Walk clock as it was saved."""
    (text,) = app.db.query("SELECT value FROM app_state WHERE key = ?",
                           f"timer-{session_id}")[0]
    match = WALK_CLOCK.search(text)
    if match is None:
        e2e.fail(f"the stored timers hold no Walk clock: {text!r}")
    return int(match.group(3)), int(match.group(5)) / 1_000_000


if __name__ == "__main__":
    main()
