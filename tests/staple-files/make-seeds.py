#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes the seed corpus of tests/fuzz-import.c, the small files kept here.

usage: make-seeds.py GOOD.staple OUTDIR

GOOD.staple is an export of the example workshop (staple --export-session).
Each seed is made small (512-byte pages) so that the fuzzer's mutations land
on structure, not on padding:
  good-example.staple     the whole example, accepted
  good-minimal.staple     one of each row, accepted
  bad-generated.staple    a generated column, refused
  bad-extra-column.staple an extra column, refused
  bad-no-primary-key.staple  participants without their primary key, refused
  bad-trigger.staple      a trigger, refused
  bad-truncated.staple    the minimal file cut in half, refused

bad-page.staple is not made here: fuzz-import found it (a page that is not a
b-tree page, which quick_check reports over two lines); test-share reads it.
"""
import os
import shutil
import sqlite3
import sys

MINIMAL = """
    DELETE FROM action_frictions WHERE (action_id, friction_id) <>
      (SELECT action_id, friction_id FROM action_frictions ORDER BY 1, 2 LIMIT 1);
    DELETE FROM actions WHERE id NOT IN (SELECT action_id FROM action_frictions);
    DELETE FROM frictions WHERE id NOT IN (SELECT friction_id FROM action_frictions);
    DELETE FROM stages WHERE id NOT IN (SELECT stage_id FROM frictions);
    DELETE FROM votes WHERE friction_id NOT IN (SELECT id FROM frictions)
      OR id NOT IN (SELECT min(id) FROM votes WHERE friction_id IN (SELECT id FROM frictions));
    DELETE FROM participants WHERE id NOT IN (SELECT participant_id FROM votes);
    UPDATE actions SET owner_id = (SELECT min(id) FROM participants);
    DELETE FROM empowerments WHERE id <> (SELECT min(id) FROM empowerments);
    UPDATE sessions SET current_stage_id = (SELECT min(id) FROM stages), phase = 'prioritise';
    INSERT OR REPLACE INTO phase_times (session_id, phase, seconds)
      SELECT id, 'frame', 120 FROM sessions;
"""

SPOILS = {
    "bad-generated": "ALTER TABLE actions ADD COLUMN extra TEXT"
                     " GENERATED ALWAYS AS (printf ('%.*c', 100000, 'x')) VIRTUAL",
    "bad-extra-column": "ALTER TABLE stages ADD COLUMN extra TEXT",
    "bad-no-primary-key": "CREATE TABLE copy AS SELECT * FROM participants;"
                          " DROP TABLE participants; ALTER TABLE copy RENAME TO participants;"
                          " INSERT INTO participants SELECT * FROM participants",
    "bad-trigger": "CREATE TRIGGER t AFTER INSERT ON votes BEGIN DELETE FROM stages; END",
}


def small(path, sql=""):
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(sql + "; PRAGMA page_size = 512; PRAGMA journal_mode = DELETE; VACUUM;")
    db.close()


def main():
    good, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)

    def out(name):
        return os.path.join(outdir, name + ".staple")

    shutil.copyfile(good, out("good-example"))
    small(out("good-example"))
    shutil.copyfile(good, out("good-minimal"))
    small(out("good-minimal"), MINIMAL)

    for name, sql in SPOILS.items():
        shutil.copyfile(out("good-minimal"), out(name))
        small(out(name), sql)

    with open(out("good-minimal"), "rb") as f:
        data = f.read()
    with open(out("bad-truncated"), "wb") as f:
        f.write(data[: len(data) // 2])

    for name in sorted(os.listdir(outdir)):
        if name.endswith(".staple"):
            print(name, os.path.getsize(os.path.join(outdir, name)))


if __name__ == "__main__":
    main()
