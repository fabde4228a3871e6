#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the window imports .staple files in a worker thread.

- A crafted file (a generated column) is refused with its message, and the
  library is left as it was.
- A good file is imported and opened; its source is not carried over.
- A large file (about a second to read) is imported while the window keeps
  answering on the bus, and opened.

Usage: e2e-import.py PATH/TO/staple PATH/TO/make-database EXAMPLE.json
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

APP_ID = "io.github.stapleapp.Staple"
WINDOW_PATH = "/io/github/stapleapp/Staple/window/1"
SKIP = 77


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def gdbus(method, *args, check=True):
    result = subprocess.run(
        ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", WINDOW_PATH,
         "--method", method, *args], capture_output=True, text=True, timeout=30)
    if check and result.returncode != 0:
        fail(f"{method} {args} failed: {result.stderr.strip()}")
    return result


def import_file(path):
    gdbus("org.gtk.Actions.Activate", "import-file", f"[<'{path}'>]", "{}")


def sessions(database):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return db.execute("SELECT id, title, source FROM sessions ORDER BY id").fetchall()
    finally:
        db.close()


def wait_for(what, condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    fail(f"timed out waiting for {what}")


def spoil(good, path, sql):
    shutil.copyfile(good, path)
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(sql)
    db.close()


def main():
    if len(sys.argv) != 4:
        fail("usage: e2e-import.py STAPLE MAKE-DATABASE EXAMPLE.json")
    staple, make_database, example = sys.argv[1:]
    if shutil.which("gdbus") is None or "DISPLAY" not in os.environ:
        print("SKIP: needs gdbus and a display")
        sys.exit(SKIP)

    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    with tempfile.TemporaryDirectory() as workdir:
        library = os.path.join(workdir, "library.db")
        good = os.path.join(workdir, "good.staple")
        subprocess.run([make_database, library, example], check=True, timeout=60,
                       stdout=subprocess.DEVNULL)
        subprocess.run([staple, f"--database={library}", "--session=1",
                        f"--export-session={good}"], check=True, env=env, timeout=60)

        hostile = os.path.join(workdir, "hostile.staple")
        spoil(good, hostile, "ALTER TABLE stages ADD COLUMN extra TEXT"
                             " GENERATED ALWAYS AS (printf ('%.*c', 100000, 'x')) VIRTUAL")
        example_source = os.path.join(workdir, "example-source.staple")
        spoil(good, example_source, "UPDATE sessions SET source = 'example:1'")
        large = os.path.join(workdir, "large.staple")
        spoil(good, large,
              "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 90000)"
              " INSERT INTO action_frictions (action_id, friction_id, position)"
              " SELECT a.id, f.id, 100 + f.id FROM actions a, frictions f"
              " WHERE a.id = (SELECT max(id) FROM actions)"
              " AND f.id NOT IN (SELECT friction_id FROM action_frictions WHERE action_id = a.id);"
              "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99000)"
              " INSERT INTO frictions (stage_id, position, text, notes)"
              " SELECT (SELECT min(id) FROM stages) + i % 10, 100 + i, 'friction ' || i,"
              " printf ('%.*c', 100, 'n') FROM n;"
              "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9000)"
              " INSERT INTO stages (session_id, position, name, notes)"
              " SELECT (SELECT id FROM sessions), 100 + i, 'stage ' || i,"
              " printf ('%.*c', 1000, 's') FROM n;")

        process = subprocess.Popen([staple, f"--database={library}"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for("the window's actions", lambda: "import-file" in gdbus(
                "org.gtk.Actions.List", check=False).stdout)
            before = sessions(library)

            import_file(hostile)
            time.sleep(2)
            if process.poll() is not None:
                fail(f"staple exited on a crafted file: {process.returncode}")
            if sessions(library) != before:
                fail("a crafted file changed the library")
            print("ok - a file with a generated column is refused, the library unchanged")

            import_file(example_source)
            wait_for("the imported session", lambda: len(sessions(library)) == 2)
            if sessions(library)[1][2] != "":
                fail(f"the file's source came along: {sessions(library)[1]}")
            print("ok - a good file is imported, without its source")

            started = time.monotonic()
            import_file(large)
            # The window answers on the bus while the file is still being read.
            gdbus("org.gtk.Actions.List")
            answered = time.monotonic() - started
            if len(sessions(library)) != 2:
                fail("the window did not answer until the large file had been imported")
            wait_for("the large session", lambda: len(sessions(library)) == 3, timeout=120)
            print(f"ok - a large file is imported (the window answered after {answered:.2f} s,"
                  f" all done after {time.monotonic() - started:.2f} s)")
        finally:
            process.terminate()
            try:
                _, stderr = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                _, stderr = process.communicate()

        if "generated column" not in stderr:
            fail(f"the refusal's message was not shown: {stderr[-2000:]!r}")
        print("ok - the refusal names the generated column")


if __name__ == "__main__":
    main()
