#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: work and waiting times typed as people say them.

In the real window, driven with keys: "9h" typed into a stage's waiting
time in the inspector beside the map (the stage selected with the keyboard)
and in the List view's stage row is 540 minutes in the database, and the
field then shows "9 h". Nonsense ("9 x") changes nothing in the database,
stays in the field as typed, and the app says why. Over D-Bus,
set-stage-field takes "2d 4h" as text; a text that is no time changes
nothing and the caller is told why.

Usage: e2e-durations.py PATH/TO/staple
"""

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import staple_e2e as e2e  # noqa: E402
from staple_e2e import expect, expect_soon, fail, keys, type_text  # noqa: E402

# Where things are in the window (1100 × 720 at the screen's corner, no
# window manager), as e2e-paste.py finds them.
INSPECTOR_FIRST = (900, 263)   # the selected stage's name, in the side panel
LIST_BUTTON = (610, 27)
MAP_BUTTON = (487, 27)
LIST_FIRST = (330, 213)        # the first stage's name, in the List view
FRAME_FIRST = (500, 293)       # the session's title, on the Frame
# Beside the waiting-time fields, where the reason for a refusal is said
# (x, y, width, height): the side panel's titles, and the List view's
# column between the work time and the waiting time.
PANEL_TITLES = (745, 110, 150, 610)
LIST_MIDDLE = (385, 110, 140, 610)

# Tab stops from a stage's name to its waiting time.
INSPECTOR_TABS = 6             # team, channel, work time (its row, its entry), waiting time (the same)
LIST_TABS = 7                  # three row buttons, team, channel, work time, waiting time

ERROR_COLOUR = "#c01c28"       # Adwaita's error colour, for text marked wrong


def wait_minutes(db, position):
    return db.query("SELECT wait_minutes FROM stages WHERE position = ?", position)[0][0]


def work_minutes(db, position):
    return db.query("SELECT work_minutes FROM stages WHERE position = ?", position)[0][0]


def field_text():
    """What the focused field shows: selected and copied, read back with
    xclip."""
    keys("ctrl+a", "ctrl+c", settle=0.3)
    result = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True,
                            text=True, timeout=10)
    return result.stdout


def error_pixels(region):
    """How many pixels of the region are in the error colour."""
    shot = os.path.join(tempfile.gettempdir(), f"staple-e2e-durations-{os.getpid()}.png")
    e2e.screenshot(shot)
    x, y, width, height = region
    count = subprocess.run(["convert", shot, "-crop", f"{width}x{height}+{x}+{y}", "+repage",
                            "-fuzz", "12%", "-fill", "black", "+opaque", ERROR_COLOUR,
                            "-fill", "white", "-opaque", ERROR_COLOUR,
                            "-format", "%[fx:round(mean*w*h)]", "info:"],
                           check=True, capture_output=True, text=True, timeout=30).stdout
    os.unlink(shot)
    return int(count)


def type_and_commit(text):
    keys("ctrl+a")
    type_text(text)
    keys("Return")


def nonsense(app, db, position, region, where, shown):
    """Nonsense changes nothing, stays as typed, and is marked with a reason;
    Escape brings back the saved time (shown)."""
    before = wait_minutes(db, position)
    red_before = error_pixels(region)
    type_and_commit("9 x")
    expect(f"{where}: “9 x” leaves the database as it was", wait_minutes(db, position), before)
    expect(f"{where}: “9 x” stays in the field", field_text(), "9 x")
    red = error_pixels(region)
    if red < red_before + 100:
        fail(f"{where}: no reason is shown beside the field "
             f"({red_before} → {red} pixels in the error colour)")
    print(f"ok - {where}: the reason is shown beside the field ({red_before} → {red} pixels in "
          "the error colour)")

    # Leaving the field does not put the saved time back over it either.
    keys("Tab", "shift+Tab")
    expect(f"{where}: “9 x” is still there after leaving the field", field_text(), "9 x")
    expect(f"{where}: and still nothing saved", wait_minutes(db, position), before)

    keys("Escape")
    expect(f"{where}: Escape brings back the saved time", field_text(), shown)
    red = error_pixels(region)
    if red > red_before + 20:
        fail(f"{where}: the reason is still shown after Escape ({red} pixels)")

    # Put right, the mark goes.
    type_and_commit("9 x")
    type_and_commit("1:30")
    expect(f"{where}: “1:30” is 90 minutes", wait_minutes(db, position), 90)
    expect(f"{where}: shown as “1 h 30 min”", field_text(), "1 h 30 min")
    red = error_pixels(region)
    if red > red_before + 20:
        fail(f"{where}: the reason is still shown once put right ({red} pixels)")


def inspector(app, db):
    # Stage 2 selected with the keyboard; its fields are beside the map.
    app.focus_map()
    keys("Right", "Right")
    app.click(*INSPECTOR_FIRST)
    keys(*["Tab"] * INSPECTOR_TABS)
    expect("the inspector shows stage 2's waiting time as the map does", field_text(), "3 h")

    e2e.KEYS.reset()
    type_and_commit("9h")
    expect_soon("“9h” typed into the inspector's waiting time is 540 minutes",
                lambda: wait_minutes(db, 1), 540)
    print(f"ok - {e2e.KEYS.count} keystrokes (select all, 9, h, Enter)")
    expect("the inspector's field shows “9 h”", field_text(), "9 h")

    type_and_commit("2 days")
    expect("“2 days” is 2880 minutes", wait_minutes(db, 1), 2880)
    expect("shown as “2 d”", field_text(), "2 d")

    nonsense(app, db, 1, PANEL_TITLES, "inspector", "2 d")

    # Work time, the row before (a row and its entry are a stop each, as
    # with the spin buttons before): a bare "45" is minutes.
    keys("shift+Tab", "shift+Tab")
    type_and_commit("45")
    expect("a bare “45” is 45 minutes of work", work_minutes(db, 1), 45)
    expect("shown as “45 min”", field_text(), "45 min")


def refused_then_left(app, db):
    """A refused text in the inspector, then another stage selected: the
    page goes, and the window says the text was not saved."""
    app.focus_map()
    keys("Right", "Right")
    app.click(*INSPECTOR_FIRST)
    keys(*["Tab"] * INSPECTOR_TABS)
    type_and_commit("soon-ish")
    app.focus_map()


def list_view(app, db):
    app.click(*LIST_BUTTON)
    time.sleep(0.8)
    app.click(*LIST_FIRST)
    keys(*["Tab"] * LIST_TABS)
    expect("the List view shows stage 1's waiting time in full", field_text(),
           "1 d 23 h 30 min")

    type_and_commit("9h")
    expect_soon("“9h” typed into the List view's waiting time is 540 minutes",
                lambda: wait_minutes(db, 0), 540)
    expect("the List view's field shows “9 h”", field_text(), "9 h")

    # Leaving the field reads it too.
    keys("ctrl+a")
    type_text("1,5 h")
    keys("Tab", "shift+Tab")
    expect("“1,5 h” is read on leaving the field", wait_minutes(db, 0), 90)

    nonsense(app, db, 0, LIST_MIDDLE, "List view", "1 h 30 min")

    keys("ctrl+a", "BackSpace", "Return")
    expect("an emptied field is 0 minutes", wait_minutes(db, 0), 0)
    expect("shown as “0 min”", field_text(), "0 min")
    app.click(*MAP_BUTTON)


def script(parameter):
    """set-stage-field through the window's own Activate, which answers with
    the reason when an edit does not get in."""
    return e2e.gdbus(e2e.WINDOW_PATH, "io.github.stapleapp.Staple.Window.Activate",
                     "set-stage-field", f"[{parameter}]", "{}", check=False)


def dbus(app, db):
    result = script("<(2, 'wait-minutes', <'2d 4h'>)>")
    if result.returncode != 0:
        fail(f"set-stage-field with “2d 4h” was refused: {result.stderr.strip()}")
    expect("set-stage-field takes “2d 4h” as text: 3120 minutes", wait_minutes(db, 2), 3120)

    result = script("<(2, 'work-minutes', <30>)>")
    expect("an integer still works", (result.returncode, work_minutes(db, 2)), (0, 30))

    result = script("<(2, 'wait-minutes', <'9 x'>)>")
    if result.returncode == 0 or "not a unit of time" not in result.stderr:
        fail(f"set-stage-field with “9 x” was not refused with its reason: {result.stderr!r}")
    print("ok - set-stage-field refuses “9 x” and says why: "
          + result.stderr.strip().splitlines()[-1][-120:])
    expect("and changes nothing", wait_minutes(db, 2), 3120)


def session_date(db):
    return db.query("SELECT date FROM sessions ORDER BY id LIMIT 1")[0][0]


def frame_date(app, db):
    """The Frame's date is read as a date, as durations are read as times:
    a text its own export would refuse ("tomorrow", "2026-02-30") is kept
    where it was typed and saved nowhere; a date typed either way is kept as
    YYYY-MM-DD."""
    saved = session_date(db)
    e2e.keys("alt+1", settle=0.8)
    app.click(*FRAME_FIRST)
    keys("Tab", "Tab")                      # the title, the organisation, the date
    for text in ("tomorrow", "2026-02-30"):
        type_and_commit(text)
        expect(f"the Frame's date refuses “{text}”", session_date(db), saved)
        expect(f"and keeps “{text}” where it was typed", field_text(), text)
    type_and_commit("2026-03-04")
    expect("the Frame's date takes 2026-03-04", session_date(db), "2026-03-04")

    result = e2e.gdbus(e2e.WINDOW_PATH, "io.github.stapleapp.Staple.Window.Activate",
                       "set-session-field", "[<('date', <'2026-02-30'>)>]", "{}", check=False)
    expect("set-session-field refuses 2026-02-30 and says so",
           (result.returncode != 0, session_date(db)), (True, "2026-03-04"))


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    e2e.require_display()
    staple = sys.argv[1]
    started = time.monotonic()

    with e2e.workdir() as tmp:
        database = os.path.join(tmp, "staple.db")
        app = e2e.App(staple, database, "--example")
        with app:
            inspector(app, app.db)
            refused_then_left(app, app.db)
            list_view(app, app.db)
            dbus(app, app.db)
            frame_date(app, app.db)
            if not app.alive():
                fail("staple died")
        stderr = app.stderr_text()
        if stderr.count("is not a unit of time") < 3:
            fail(f"the refusals' reason was not said: {stderr[-2000:]!r}")
        print("ok - each refusal says “… is not a unit of time: use min, h or d”")
        if "“soon-ish” was not saved: it is not a time." not in stderr:
            fail(f"a refused time left behind was dropped without a word: {stderr[-2000:]!r}")
        print("ok - a refused time left behind is said not to be saved")

    print(f"ok - done in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
