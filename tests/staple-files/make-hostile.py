#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the large crafted .staple files used to measure the importer.

usage: make-hostile.py GOOD.staple OUTDIR

From a good export (staple --export-session), writes:
  generated-huge.staple     about 4.7 MB: 100,000 friction points whose notes
                            are a generated column of 100,000 characters each,
                            which asks for about 20 GB of text when read
  generated-costly.staple   about 100 KB: 1,000 stages whose work time is a
                            generated column that takes tens of milliseconds
                            of CPU per row, yet evaluates to 0

They are too big (and too slow to refuse before the fix) for the unit tests,
which build small versions of the same files themselves (tests/test-share.c).
"""
import os
import shutil
import sqlite3
import sys


def frictions_with_generated_notes(db, expression, n_rows):
    db.executescript(f"""
        PRAGMA foreign_keys = OFF;
        BEGIN;
        CREATE TABLE frictions_new (
          id INTEGER PRIMARY KEY,
          stage_id INTEGER NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          text TEXT NOT NULL DEFAULT '',
          kind TEXT NOT NULL DEFAULT 'process',
          severity INTEGER NOT NULL DEFAULT 3 CHECK (severity BETWEEN 1 AND 5),
          principle TEXT NOT NULL DEFAULT 'none',
          notes TEXT NOT NULL GENERATED ALWAYS AS ({expression}) VIRTUAL
        );
        INSERT INTO frictions_new (id, stage_id, position, text, kind, severity, principle)
          SELECT id, stage_id, position, text, kind, severity, principle FROM frictions;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n_rows})
        INSERT INTO frictions_new (stage_id, position, text, kind, severity, principle)
          SELECT (SELECT min(id) FROM stages), 1000 + i, 'f', 'process', 3, 'none' FROM n
          LIMIT {n_rows} - (SELECT count(*) FROM frictions);
        DROP TABLE frictions;
        ALTER TABLE frictions_new RENAME TO frictions;
        CREATE INDEX frictions_stage ON frictions (stage_id, position);
        COMMIT;
    """)


def stages_with_generated_work(db, expression, n_rows):
    db.executescript(f"""
        PRAGMA foreign_keys = OFF;
        BEGIN;
        CREATE TABLE stages_new (
          id INTEGER PRIMARY KEY,
          session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          name TEXT NOT NULL DEFAULT '',
          team TEXT NOT NULL DEFAULT '',
          channel TEXT NOT NULL DEFAULT 'internal',
          work_minutes INTEGER GENERATED ALWAYS AS ({expression}) VIRTUAL,
          wait_minutes INTEGER NOT NULL DEFAULT 0 CHECK (wait_minutes >= 0),
          handoff INTEGER NOT NULL DEFAULT 0,
          dropped INTEGER NOT NULL DEFAULT 0,
          customer_feeling INTEGER NOT NULL DEFAULT 0 CHECK (customer_feeling BETWEEN -2 AND 2),
          staff_feeling INTEGER NOT NULL DEFAULT 0 CHECK (staff_feeling BETWEEN -2 AND 2),
          notes TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO stages_new (id, session_id, position, name, team, channel, wait_minutes,
                                handoff, dropped, customer_feeling, staff_feeling, notes)
          SELECT id, session_id, position, name, team, channel, wait_minutes,
                 handoff, dropped, customer_feeling, staff_feeling, notes FROM stages;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n_rows})
        INSERT INTO stages_new (session_id, position, name)
          SELECT (SELECT id FROM sessions), 1000 + i, 's' FROM n
          LIMIT {n_rows} - (SELECT count(*) FROM stages);
        DROP TABLE stages;
        ALTER TABLE stages_new RENAME TO stages;
        CREATE INDEX stages_session ON stages (session_id, position);
        COMMIT;
    """)


def finish(db):
    db.executescript("PRAGMA journal_mode = DELETE; VACUUM;")
    db.close()


def main():
    good, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)

    huge = os.path.join(outdir, "generated-huge.staple")
    shutil.copyfile(good, huge)
    db = sqlite3.connect(huge, isolation_level=None)
    frictions_with_generated_notes(db, "printf ('%.*c', 100000, 'x')", 100000)
    finish(db)

    costly = os.path.join(outdir, "generated-costly.staple")
    shutil.copyfile(good, costly)
    db = sqlite3.connect(costly, isolation_level=None)
    stages_with_generated_work(
        db, "length (replace (printf ('%.*c', 4000000 + (id & 1), 'x'), 'x', 'yy')) * 0", 1000)
    finish(db)

    for path in (huge, costly):
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
