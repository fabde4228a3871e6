#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: Walk Again from the window, as the library's menu and the
session's menu do it (the window actions walk-again and walk-again-open).
The new walk is dated today, its title says which follow-up it is without
stacking, and it carries the empowerment list, the stages and the open
actions; Compare then opens on it. Set STAPLE_E2E_SHOTS to a folder to keep
a screenshot of the Compare window.

Usage: e2e-walk-again.py PATH/TO/staple
"""

import datetime
import os
import sys
import time

import staple_e2e as e2e


def session(app, session_id):
    return app.db.query("SELECT title, date, previous_id, phase FROM sessions WHERE id = ?",
                        session_id)[0]


def count(app, table, session_id):
    return app.db.query(f"SELECT count(*) FROM {table} WHERE session_id = ?", session_id)[0][0]


def texts(app, session_id):
    return [text for (text,) in app.db.query(
        "SELECT text FROM empowerments WHERE session_id = ? ORDER BY position", session_id)]


def newest(app):
    return app.db.query("SELECT max(id) FROM sessions")[0][0]


def main():
    e2e.require_display()
    staple = sys.argv[1]
    shots = os.environ.get("STAPLE_E2E_SHOTS")
    today = datetime.date.today().isoformat()

    with e2e.workdir() as tmp:
        database = os.path.join(tmp, "library.db")
        with e2e.App(staple, database, "--example") as app:
            first = newest(app)
            title, date, _, _ = session(app, first)
            e2e.expect("the example has an empowerment list", len(texts(app, first)) > 0, True)
            # The example may be any date; the test needs it to differ from today.
            e2e.expect("the example is not dated today", date != today, True)

            # From the library's menu: walk-again with the session's id.
            e2e.activate("walk-again", f"<int64 {first}>")
            e2e.expect_soon("Walk Again makes a new session", lambda: newest(app) != first, True)
            second = newest(app)
            e2e.expect("the follow-up is dated today and titled as a follow-up, linked, "
                       "at the review of the actions",
                       session(app, second), (f"{title} — follow-up", today, first, "commit"))
            e2e.expect("the empowerment list came along", texts(app, second), texts(app, first))
            e2e.expect("the stages came along", count(app, "stages", second),
                       count(app, "stages", first))

            # The second walk measures again; Compare shows the times and
            # feelings of both (kept as a screenshot if asked).
            for stage, wait, feeling in ((0, 30, 1), (1, 45, 1), (2, 60, 2)):
                e2e.activate("set-stage-field", f"<({stage}, 'wait-minutes', <{wait}>)>")
                e2e.activate("set-stage-field", f"<({stage}, 'customer-feeling', <{feeling}>)>")
            e2e.expect_soon("the new walk's times are stored", lambda: app.db.query(
                "SELECT sum(wait_minutes) FROM stages WHERE session_id = ?", second)[0][0], 135)
            e2e.activate("compare")
            time.sleep(1.5)
            if shots:
                e2e.screenshot(os.path.join(shots, "compare.png"))
                # The chart, further down: the wheel over the Compare window.
                e2e.xdotool("mousemove", "360", "400", "click", "--repeat", "7", "5")
                time.sleep(0.8)
                e2e.screenshot(os.path.join(shots, "compare-chart.png"))
            e2e.expect("the app is still running after Compare", app.alive(), True)
            e2e.keys("Escape")

            # From the session's own menu, on the follow-up now open.
            e2e.activate("walk-again-open")
            e2e.expect_soon("Walk Again on the follow-up", lambda: newest(app) != second, True)
            third = newest(app)
            e2e.expect("a follow-up of a follow-up is numbered, not stacked",
                       session(app, third), (f"{title} — follow-up 2", today, second, "commit"))
            e2e.expect("the empowerment list came along again", texts(app, third),
                       texts(app, first))

            e2e.expect("the app is still running", app.alive(), True)


if __name__ == "__main__":
    main()
