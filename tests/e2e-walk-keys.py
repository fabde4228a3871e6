#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: in the Walk, Page Down from the side panel moves on to the
next stage and gives the keyboard to the map, so that what the coach types
next is a friction point on that stage. (It used to leave the focus on the
next stage's name, selected: the friction point typed replaced the name and
no card was made.) The work time typed before is kept on its own stage.

Usage: e2e-walk-keys.py PATH/TO/staple
"""

import os
import sys

import staple_e2e as e2e


def main():
    e2e.require_display()
    staple = sys.argv[1]
    with e2e.workdir() as tmp:
        database = os.path.join(tmp, "library.db")
        with e2e.App(staple, database, "--example") as app:
            app.click(40, 420)
            e2e.keys("alt+3", settle=1.5)
            names = app.db.query("SELECT name FROM stages ORDER BY position")
            cards = app.db.cards(1)

            # The first stage's Work time in the panel, a new time, Enter.
            app.click(973, 480)
            e2e.keys("ctrl+a")
            e2e.type_text("2 h")
            e2e.keys("Return", settle=0.5)
            e2e.expect_soon("the time typed is the first stage's",
                            lambda: app.db.query("SELECT work_minutes FROM stages"
                                                 " WHERE position = 0")[0][0], 120)

            e2e.keys("Next", settle=1.0)
            e2e.type_text("Parts wait for a signature")
            e2e.keys("Return", settle=1.0)
            e2e.expect_soon("what is typed after Page Down is a friction point on the next stage",
                            lambda: app.db.cards(1), cards + ["Parts wait for a signature"])
            e2e.expect("no stage was renamed",
                       app.db.query("SELECT name FROM stages ORDER BY position"), names)


if __name__ == "__main__":
    main()
