#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: start the real Staple under the test's display and D-Bus
session, drive it over D-Bus like a script would, kill -9 it, and check that
the database holds exactly what was acknowledged. The map exported as PNG
from the window's file dialog (driven with xdotool) gets a toast whose Open
button (win.open-export) opens only a file the window exported.

Usage: e2e-dbus.py PATH/TO/staple
"""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

APP_ID = "io.github.stapleapp.Staple"
APP_PATH = "/io/github/stapleapp/Staple"
WINDOW_PATH = APP_PATH + "/window/1"
SKIP = 77


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def gdbus(object_path, method, *args, check=True):
    result = subprocess.run(
        ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", object_path,
         "--method", method, *args],
        capture_output=True, text=True, timeout=30)
    if check and result.returncode != 0:
        fail(f"{method} {args} failed: {result.stderr.strip()}")
    return result


def activate(name, parameter=None, path=WINDOW_PATH):
    gdbus(path, "org.gtk.Actions.Activate", name,
          "[]" if parameter is None else f"[{parameter}]", "{}")


def wait_for_window(process):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            fail(f"staple exited early with {process.returncode}")
        result = gdbus(WINDOW_PATH, "org.gtk.Actions.List", check=False)
        if result.returncode == 0 and "add-stage" in result.stdout:
            return
        time.sleep(0.2)
    fail("the window's actions never appeared on the bus")


def start(staple, *args):
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    process = subprocess.Popen([staple, *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_window(process)
    return process


def kill_hard(process):
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def session_rows(database):
    # Read-only, so the check itself cannot change what it checks.
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            fail("integrity_check did not pass")
        stages = [name for (name,) in db.execute(
            "SELECT name FROM stages ORDER BY session_id, position")]
        frictions = [(stage, text, kind, severity) for stage, text, kind, severity in db.execute(
            "SELECT s.name, f.text, f.kind, f.severity FROM frictions f"
            " JOIN stages s ON f.stage_id = s.id ORDER BY s.position, f.position")]
        titles = [title for (title,) in db.execute("SELECT title FROM sessions")]
        return titles, stages, frictions
    finally:
        db.close()


def drive_and_kill(staple, workdir):
    database = os.path.join(workdir, "sessions.db")
    process = start(staple, f"--database={database}")

    activate("new-session")
    activate("set-session-field", '<("title", <"Walk of a returned kettle">)>')
    activate("add-stage", '<"Customer calls the help line">')
    activate("add-stage", '<"Returns desk 🚚">')
    activate("add-stage", '<"مكتب المرتجعات">')        # right-to-left
    activate("add-friction", '<(0, "Agent must ask a supervisor to accept the return")>')
    activate("add-friction", '<(1, "Label printer jams; \'); DROP TABLE stages; --")>')
    activate("set-friction-field", '<(1, 0, "kind", <"tools">)>')
    activate("set-friction-field", '<(1, 0, "severity", <int32 5>)>')
    activate("add-friction", '<(2, "退货单需要两次签字")>')  # CJK
    activate("undo")                                      # takes the CJK card back
    activate("undo")                                      # severity back to 3
    activate("redo")                                      # severity 5 again
    activate("add-stage", '<"Stage to be deleted">')
    activate("delete-stage", "<3>")
    activate("move-stage", "<(2, 0)>")

    titles, stages, frictions = session_rows(database)
    kill_hard(process)
    after = session_rows(database)
    if after != (titles, stages, frictions):
        fail(f"the database changed when the app was killed: {after}")

    expected_stages = ["مكتب المرتجعات", "Customer calls the help line", "Returns desk 🚚"]
    expected_frictions = [
        ("Customer calls the help line", "Agent must ask a supervisor to accept the return",
         "process", 3),
        ("Returns desk 🚚", "Label printer jams; '); DROP TABLE stages; --", "tools", 5),
    ]
    if titles != ["Walk of a returned kettle"]:
        fail(f"titles: {titles}")
    if stages != expected_stages:
        fail(f"stages: {stages}")
    if frictions != expected_frictions:
        fail(f"frictions: {frictions}")
    print("ok - every acknowledged edit survived kill -9, integrity_check passes")
    return database


def restart_and_undo_is_empty(staple, database):
    """A fresh start opens on the library; the killed session's rows are all
    there and a bad script call is refused without changing anything."""
    process = start(staple, f"--database={database}")
    try:
        listing = subprocess.run([staple, f"--database={database}", "--list"],
                                 capture_output=True, text=True, timeout=30)
        lines = listing.stdout.strip().split("\n")
        if listing.returncode != 0 or len(lines) != 1:
            fail(f"--list while running: {listing.returncode} {listing.stdout!r}")
        fields = lines[0].split("\t")
        if fields[1:] != ["Walk of a returned kettle", fields[2], "3", "2"]:
            fail(f"--list fields: {fields}")
        activate("open-session", f"<int64 {fields[0]}>", path=APP_PATH)
        activate("add-friction", '<(7, "no such stage")>')   # refused with a toast
        activate("set-session-field", '<("title", <"">)>')  # an empty title is refused
    finally:
        kill_hard(process)
    titles, stages, frictions = session_rows(database)
    if titles != ["Walk of a returned kettle"] or len(stages) != 3 or len(frictions) != 2:
        fail(f"refused edits changed the database: {titles} {stages} {frictions}")
    print("ok - refused edits leave the database unchanged; --list works beside the app")


def example(staple, workdir):
    database = os.path.join(workdir, "example.db")
    process = start(staple, f"--database={database}", "--example")
    kill_hard(process)
    listing = subprocess.run([staple, f"--database={database}", "--list"],
                             capture_output=True, text=True, timeout=30, check=True)
    rows = [line.split("\t") for line in listing.stdout.strip().split("\n")]
    if len(rows) != 1 or int(rows[0][3]) < 8 or int(rows[0][4]) < 20:
        fail(f"--example did not add the example workshop: {rows}")
    # A second --example opens the same session instead of adding another.
    process = start(staple, f"--database={database}", "--example")
    kill_hard(process)
    listing = subprocess.run([staple, f"--database={database}", "--list"],
                             capture_output=True, text=True, timeout=30, check=True)
    if len(listing.stdout.strip().split("\n")) != 1:
        fail("--example added the example twice")
    print("ok - --example adds the example workshop once")
    export_png(staple, database, workdir, rows[0][0])


def export_png(staple, database, workdir, session_id):
    """--export-png needs no display and leaves no partial file."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    png = os.path.join(workdir, "map.png")
    result = subprocess.run([staple, f"--database={database}", f"--export-png={png}",
                             f"--session={session_id}"], env=env, capture_output=True,
                            text=True, timeout=60)
    if result.returncode != 0:
        fail(f"--export-png failed: {result.stderr}")
    with open(png, "rb") as f:
        header = f.read(24)
    width = int.from_bytes(header[16:20], "big")
    height = int.from_bytes(header[20:24], "big")
    if header[:8] != b"\x89PNG\r\n\x1a\n" or width < 1000 or height < 500:
        fail(f"--export-png wrote no map-sized PNG: {header[:8]!r} {width}x{height}")

    for args, why in (([f"--export-png={workdir}/no/such/folder/map.png",
                        f"--session={session_id}"], "an unwritable path"),
                      ([f"--export-png={workdir}/x.png"], "no --session"),
                      ([f"--export-png={workdir}/y.png", "--session=99999"], "no such session")):
        result = subprocess.run([staple, f"--database={database}", *args], env=env,
                                capture_output=True, text=True, timeout=60)
        lines = result.stderr.strip().split("\n")
        if result.returncode == 0 or len(lines) != 1 or not lines[0].startswith("staple: "):
            fail(f"--export-png with {why}: exit {result.returncode}, {result.stderr!r}")
    leftovers = [name for name in os.listdir(workdir) if name.startswith(("x.png", "y.png"))]
    if leftovers:
        fail(f"failed exports left files behind: {leftovers}")
    print(f"ok - --export-png writes a {width}x{height} map without a display; bad calls fail")


def xdotool(*args, check=True):
    return subprocess.run(["xdotool", *args], check=check, capture_output=True, text=True,
                          timeout=30).stdout


def wait_until(what, check, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    fail(f"timed out waiting until {what}")


def open_export_enabled():
    described = gdbus(WINDOW_PATH, "org.gtk.Actions.Describe", "open-export").stdout
    if "signature 's'" not in described:
        fail(f"win.open-export is not an action taking a URI: {described!r}")
    return described.startswith("((true,")


def export_png_from_window(png):
    """Exports the map as PNG to png through the window's file dialog, as a
    coach would: the action, the dialog, the name typed, Return."""
    subprocess.Popen(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path",
                      WINDOW_PATH, "--method", "org.gtk.Actions.Activate", "export-png",
                      "[]", "{}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dialogs = []
    wait_until("the dialog “Export the Map” opened", lambda: dialogs.extend(
        xdotool("search", "--onlyvisible", "--name", "Export the Map",
                check=False).split()) or dialogs)
    time.sleep(1.5)  # it lists the folder
    xdotool("windowfocus", dialogs[0], check=False)
    time.sleep(0.3)
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", "20", png)
    xdotool("key", "Return")


def window_export_opens(staple, database, workdir):
    """The window's PNG export: its toast's Open button is win.open-export with
    the file's URI; the action refuses a file the window did not export, and
    one gone since, with a message, opening nothing (Xvfb has no viewer)."""
    png = os.path.join(workdir, "from the window.png")
    process = start(staple, f"--database={database}", "--example")
    try:
        if open_export_enabled():
            fail("win.open-export is enabled before anything was exported")
        export_png_from_window(png)
        wait_until("the PNG was written", lambda: os.path.exists(png))
        wait_until("win.open-export was enabled", open_export_enabled)

        other = os.path.join(workdir, "not exported.png")
        with open(other, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n")
        activate("open-export", '<"file:///etc/passwd">')
        activate("open-export", f'<"file://{other.replace(" ", "%20")}">')
        activate("open-export", '<"https://example.org/x.png">')
        os.unlink(png)
        activate("open-export", f'<"file://{png.replace(" ", "%20")}">')
        time.sleep(0.5)
        if process.poll() is not None:
            fail(f"staple exited with {process.returncode} on open-export")
    finally:
        kill_hard(process)
    log = process.stderr.read().decode(errors="replace")
    refused = [line for line in log.split("\n")
               if "Staple opens only the files it exported" in line]
    if len(refused) != 3:
        fail(f"open-export of files the window did not export was not refused three "
             f"times: {log!r}")
    if "is no longer there" not in log:
        fail(f"open-export of an exported file deleted since did not say so: {log!r}")
    os.unlink(other)
    print("ok - the window's PNG export enables win.open-export; a file it did not export "
          "(three kinds) and one deleted since are refused with a message")


def window_export_answers(staple, example_database, workdir):
    """A map of 600 more cards exported as PNG from the window: the window
    goes on answering while the file is written (it used to freeze for the
    seconds the drawing and the compression take), and the file is whole."""
    database = os.path.join(workdir, "big.db")
    png = os.path.join(workdir, "big map.png")
    with open(example_database, "rb") as source, open(database, "wb") as target:
        target.write(source.read())
    db = sqlite3.connect(database)
    stages = [row[0] for row in db.execute("SELECT id FROM stages")]
    for stage in stages:
        for i in range(60):
            db.execute("INSERT INTO frictions (stage_id, position, text) VALUES (?, ?, ?)",
                       (stage, 100 + i, f"Card {i} of a long wall: the form asks again for "
                                        f"what the last team already typed in"))
    db.commit()
    db.close()

    process = start(staple, f"--database={database}", "--example")
    try:
        export_png_from_window(png)

        answers, slowest = 0, 0.0
        deadline = time.monotonic() + 120
        while not os.path.exists(png) and time.monotonic() < deadline:
            # Every call made before the file is whole counts, the one that
            # waited for it too: a window busy writing answers only after.
            start_time = time.monotonic()
            gdbus(WINDOW_PATH, "org.gtk.Actions.Describe", "open-export")
            slowest = max(slowest, time.monotonic() - start_time)
            if not os.path.exists(png):
                answers += 1
            time.sleep(0.2)
        if not os.path.exists(png):
            fail("the big map's PNG was never written")
        if answers < 3 or slowest > 1.5:
            fail(f"the window did not answer while it exported: {answers} answers, the "
                 f"slowest in {slowest:.1f} s")
        wait_until("win.open-export was enabled", open_export_enabled, timeout=30)
        with open(png, "rb") as f:
            header = f.read(24)
        width = int.from_bytes(header[16:20], "big")
        if header[:8] != b"\x89PNG\r\n\x1a\n" or width < 1000:
            fail(f"the big map's PNG is not a whole map: {header[:8]!r}, {width} wide")
        if process.poll() is not None:
            fail(f"staple exited with {process.returncode} during the export")
    finally:
        kill_hard(process)
    print(f"ok - a 628-card map exported as PNG from the window: it answered {answers} times "
          f"meanwhile, the slowest in {slowest:.2f} s; the file is a {width}-pixel-wide PNG")


def print_to_file_opens(staple, database, workdir):
    """Printing with GTK's Print to File printer gives the same toast: after it,
    win.open-export is enabled. The dialog is clicked where GTK 4.8 puts its
    first printer and its Print button, from the dialog's own geometry."""
    home = os.path.join(workdir, "printing-home")
    os.mkdir(home)
    env = dict(os.environ, GSETTINGS_BACKEND="memory", HOME=home,
               XDG_CONFIG_HOME=os.path.join(home, "config"))
    process = subprocess.Popen([staple, f"--database={database}", "--example"], env=env,
                               cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for_window(process)
        if open_export_enabled():
            fail("win.open-export is enabled before anything was printed")
        subprocess.Popen(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path",
                          WINDOW_PATH, "--method", "org.gtk.Actions.Activate", "print",
                          "[]", "{}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dialogs = []
        wait_until("the print dialog opened", lambda: dialogs.extend(
            xdotool("search", "--onlyvisible", "--name", "^Print$", check=False).split())
            or dialogs)
        time.sleep(2)  # it lists the printers
        geometry = dict(line.strip().split("=") for line in xdotool(
            "getwindowgeometry", "--shell", dialogs[0]).split("\n") if "=" in line)
        x, y = int(geometry["X"]), int(geometry["Y"])
        width, height = int(geometry["WIDTH"]), int(geometry["HEIGHT"])
        xdotool("mousemove", str(x + 82), str(y + 97), "click", "1")   # Print to File
        time.sleep(1)
        xdotool("mousemove", str(x + width - 40), str(y + height - 25), "click", "1")
        printed = os.path.join(home, "output.pdf")
        wait_until("the report was printed to output.pdf", lambda: os.path.exists(printed))
        wait_until("win.open-export was enabled after printing to a file",
                   open_export_enabled)
    finally:
        kill_hard(process)
    with open(printed, "rb") as f:
        if not f.read(5) == b"%PDF-":
            fail("Print to File wrote no PDF")
    print("ok - printing to a file enables win.open-export for the PDF it wrote")


def main():
    if len(sys.argv) != 2:
        fail(__doc__)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("SKIP: no display (run under xvfb-run)")
        sys.exit(SKIP)
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("SKIP: no D-Bus session (run under dbus-run-session)")
        sys.exit(SKIP)
    staple = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as workdir:
        database = drive_and_kill(staple, workdir)
        restart_and_undo_is_empty(staple, database)
        example(staple, workdir)
        window_export_opens(staple, os.path.join(workdir, "example.db"), workdir)
        window_export_answers(staple, os.path.join(workdir, "example.db"), workdir)
        print_to_file_opens(staple, os.path.join(workdir, "example.db"), workdir)


if __name__ == "__main__":
    main()
