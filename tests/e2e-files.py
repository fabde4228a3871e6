#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, with real faults: nothing acknowledged is ever lost.

- A file dialog sniffing the database's folder, then `staple --list`,
  `staple --export-pdf` and the sqlite3 shell on the database while the app
  runs, then more edits and kill -9: every acknowledged edit is there.
- The log deleted, the database deleted and replaced under the app.
- A full disk (a small tmpfs): the edit is refused to a script as not
  saved, kept, and written once there is room again.
- A database Staple cannot use, named on the command line: a window says so
  and the file keeps every byte.
- A second Staple of another user account on the same database.
- kill -9 while a card is being typed: the next start opens where the
  coach was, with the text back in the map's editor.

Usage: e2e-files.py PATH/TO/staple
"""

import glob
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

APP_ID = "io.github.stapleapp.Staple"
APP_PATH = "/io/github/stapleapp/Staple"
WINDOW_PATH = APP_PATH + "/window/1"
SKIP = 77


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def gdbus(object_path, method, *args):
    return subprocess.run(
        ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", object_path,
         "--method", method, *args], capture_output=True, text=True, timeout=30)


def activate(name, parameter=None):
    """Through Staple's own Activate: returns only once the edit is in the
    database, or fails saying why."""
    return gdbus(WINDOW_PATH, "io.github.stapleapp.Staple.Window.Activate", name,
                 "[]" if parameter is None else f"[{parameter}]", "{}")


def must(name, parameter=None):
    result = activate(name, parameter)
    if result.returncode != 0:
        fail(f"{name} {parameter} failed: {result.stderr.strip()}")


def open_dialog(name):
    """A window action that opens a dialog, without waiting for it."""
    return subprocess.Popen(
        ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", WINDOW_PATH,
         "--method", "org.gtk.Actions.Activate", name, "[]", "{}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def xdotool(*args, check=True):
    return subprocess.run(["xdotool", *args], check=check, capture_output=True, text=True,
                          timeout=30).stdout


def wait_for_window(process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            fail(f"staple exited early with {process.returncode}: "
                 f"{process.stderr.read().decode(errors='replace')}")
        result = gdbus(WINDOW_PATH, "org.gtk.Actions.List")
        if result.returncode == 0 and "add-stage" in result.stdout:
            time.sleep(0.5)
            return
        time.sleep(0.2)
    fail("the window's actions never appeared on the bus")


def start(staple, database, cwd, *args):
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    process = subprocess.Popen([staple, f"--database={database}", *args], env=env, cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_window(process)
    return process


def kill_hard(process):
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def stages(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            fail(f"integrity_check of {path} did not pass")
        return [name for (name,) in db.execute("SELECT name FROM stages ORDER BY id")]
    finally:
        db.close()


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def deleted_files(pid):
    fd_dir = f"/proc/{pid}/fd"
    found = []
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        if target.endswith("(deleted)") and ".db" in target:
            found.append(target)
    return found


def wait_until(what, check, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    fail(f"timed out waiting until {what}")


def close_dialog(title):
    """Closes a file dialog by its title with Escape, as a user would."""
    windows = []
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not windows:
        windows = xdotool("search", "--onlyvisible", "--name", title, check=False).split()
        time.sleep(0.3)
    if not windows:
        fail(f"the dialog “{title}” never appeared")
    time.sleep(1.5)  # it lists and sniffs the folder
    xdotool("windowfocus", windows[0], check=False)
    time.sleep(0.3)
    xdotool("key", "Escape")
    wait_until(f"the dialog “{title}” closed",
               lambda: not xdotool("search", "--onlyvisible", "--name", title,
                                   check=False).split())


def other_programs_beside_a_dialog(staple, workdir):
    folder = os.path.join(workdir, "Documents")
    os.mkdir(folder)
    database = os.path.join(folder, "workshop.db")
    process = start(staple, "workshop.db", folder)
    acknowledged = []
    try:
        must("new-session")
        for i in range(3):
            must("add-stage", f'<"Before the dialog {i}">')
            acknowledged.append(f"Before the dialog {i}")

        # The in-process file dialogs open and close the database's files.
        for action, title in (("export-session", "Export the Session"),
                              ("export-csv", "Export for a Spreadsheet")):
            caller = open_dialog(action)
            close_dialog(title)
            caller.wait(timeout=30)

        # Other programs on the database while the app runs.
        for args in (["--list"], ["--session=1", f"--export-pdf={workdir}/x.pdf"]):
            result = subprocess.run([staple, f"--database={database}", *args], cwd=folder,
                                    capture_output=True, text=True, timeout=60)
            if result.returncode != 0:
                fail(f"staple {args} beside the app: {result.stderr}")
        result = subprocess.run(["sqlite3", database, "SELECT count(*) FROM stages;"],
                                capture_output=True, text=True, timeout=30)
        if result.returncode != 0 or result.stdout.strip() != "3":
            fail(f"the sqlite3 shell read {result.stdout!r} {result.stderr!r}")

        gone = deleted_files(process.pid)
        if gone:
            fail(f"the app writes to deleted files: {gone}")
        if not os.path.exists(database + "-wal"):
            fail("the app's log was deleted from the folder")

        for i in range(3):
            must("add-stage", f'<"After the others {i}">')
            acknowledged.append(f"After the others {i}")

        # A refused edit fails its call too, saying why.
        refused = activate("set-session-field", '<("title", <"">)>')
        if refused.returncode == 0 or "Refused" not in refused.stderr \
                or "title" not in refused.stderr:
            fail(f"an empty title was acknowledged: {refused.stdout} {refused.stderr}")
    finally:
        kill_hard(process)

    if stages(database) != acknowledged:
        fail(f"after kill -9: {stages(database)}, acknowledged {acknowledged}")
    print("ok - a file dialog, --list, --export-pdf and sqlite3 beside the app lose nothing "
          f"({len(acknowledged)} edits survive kill -9)")


def files_pulled_away(staple, workdir):
    folder = os.path.join(workdir, "pulled")
    os.mkdir(folder)
    database = os.path.join(folder, "workshop.db")
    process = start(staple, database, folder)
    try:
        must("new-session")
        must("add-stage", '<"One">')

        os.unlink(database + "-wal")
        os.unlink(database + "-shm")
        must("add-stage", '<"After the log was deleted">')
        if stages(database) != ["One", "After the log was deleted"]:
            fail(f"log deleted: {stages(database)}")

        os.unlink(database)
        must("add-stage", '<"After the file was deleted">')
        if stages(database)[-1] != "After the file was deleted":
            fail(f"file deleted: {stages(database)}")

        other = os.path.join(folder, "other.db")
        db = sqlite3.connect(other)
        db.execute("CREATE TABLE notes (x)")
        db.commit()
        db.close()
        theirs = digest(other)
        os.replace(other, database)
        must("add-stage", '<"After the file was replaced">')
        if digest(database) != theirs:
            fail("the file put in place of the library was written to")
        recovered = glob.glob(os.path.join(folder, "workshop-recovered-*.db"))
        if len(recovered) != 1:
            fail(f"no recovered copy beside the replaced file: {os.listdir(folder)}")
        must("add-stage", '<"Later still">')
    finally:
        kill_hard(process)

    wanted = ["One", "After the log was deleted", "After the file was deleted",
              "After the file was replaced", "Later still"]
    if stages(recovered[0]) != wanted:
        fail(f"recovered copy holds {stages(recovered[0])}")
    print("ok - the log deleted, the file deleted and replaced under the app: "
          "every edit kept, the replacing file untouched")


def mount_tmpfs(where, size):
    os.makedirs(where, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", where],
                          capture_output=True).returncode == 0


def fill(folder):
    filler = os.path.join(folder, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def full_disk(staple, workdir):
    mount = os.path.join(workdir, "small")
    if os.geteuid() != 0 or not mount_tmpfs(mount, "3m"):
        print("ok - # SKIP full disk: mounting a tmpfs needs root")
        return
    database = os.path.join(mount, "workshop.db")
    process = None
    try:
        process = start(staple, database, mount)
        must("new-session")
        must("add-stage", '<"Before the disk filled">')

        filler = fill(mount)
        refused = activate("add-stage", '<"Typed while the disk was full">')
        if refused.returncode == 0 or "full" not in refused.stderr:
            fail(f"an edit on a full disk was acknowledged: {refused.stdout} {refused.stderr}")
        if "Typed while the disk was full" in stages(database):
            fail("the database claims an edit written on a full disk")

        # Quitting now would lose it: Staple asks instead of quitting.
        gdbus(APP_PATH, "org.gtk.Actions.Activate", "quit", "[]", "{}")
        time.sleep(1.5)
        if process.poll() is not None:
            fail("Staple quit with a change not saved")

        os.unlink(filler)
        wait_until("the kept edit is written once there is room",
                   lambda: "Typed while the disk was full" in stages(database))
        must("add-stage", '<"After room was made">')

        # Linux refuses to remount a file system read-only while a file on
        # it is open for writing, so a read-only remount cannot happen under
        # the app; a second fill can, and is kept the same way.
        filler = fill(mount)
        refused = activate("add-stage", '<"Typed while full again">')
        if refused.returncode == 0:
            fail("an edit on a disk full again was acknowledged")
        os.unlink(filler)
        wait_until("the edit kept while full again is written",
                   lambda: "Typed while full again" in stages(database))
        kill_hard(process)
        wanted = ["Before the disk filled", "Typed while the disk was full",
                  "After room was made", "Typed while full again"]
        if stages(database) != wanted:
            fail(f"after the faults and kill -9: {stages(database)}")
    finally:
        if process is not None:
            kill_hard(process)
        subprocess.run(["umount", "-l", mount], capture_output=True)
    print("ok - a full disk, twice: the edit fails to the script, is kept, and written once "
          "there is room")


def bad_database_window(staple, workdir):
    path = os.path.join(workdir, "notes.db")
    with open(path, "w") as f:
        f.write("Shopping list: milk, bread\n")
    before = digest(path)
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    process = subprocess.Popen([staple, f"--database={path}"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        windows = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not windows:
            if process.poll() is not None:
                fail(f"staple exited ({process.returncode}) instead of showing the problem")
            windows = xdotool("search", "--onlyvisible", "--name", "Could Not Open the Library",
                              check=False).split()
            time.sleep(0.3)
        if not windows:
            fail("no window said the library could not be opened")
    finally:
        kill_hard(process)
    stderr = process.stderr.read().decode()
    if "not a Staple database" not in stderr or digest(path) != before:
        fail(f"the refused file changed, or stderr said {stderr!r}")
    print("ok - a database Staple cannot use is shown in a window and left byte for byte")


def second_user(staple, workdir):
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        print("ok - # SKIP another user account: needs root and setpriv")
        return
    folder = os.path.join(workdir, "shared")
    os.mkdir(folder)
    os.chmod(folder, 0o777)
    database = os.path.join(folder, "workshop.db")
    process = start(staple, database, folder)
    try:
        must("new-session")
        for name in ("workshop.db", "workshop.db-wal", "workshop.db-shm"):
            os.chmod(os.path.join(folder, name), 0o666)
        before = digest(database)
        home = os.path.join(workdir, "nobody")
        os.mkdir(home)
        os.chmod(home, 0o777)
        env = {"PATH": os.environ["PATH"], "HOME": home, "DISPLAY": os.environ["DISPLAY"],
               "GSETTINGS_BACKEND": "memory", "XDG_RUNTIME_DIR": home}
        if os.environ.get("XAUTHORITY"):
            cookie = os.path.join(home, "Xauthority")
            shutil.copy(os.environ["XAUTHORITY"], cookie)
            os.chmod(cookie, 0o644)
            env["XAUTHORITY"] = cookie
        if os.environ.get("GSETTINGS_SCHEMA_DIR"):
            env["GSETTINGS_SCHEMA_DIR"] = os.environ["GSETTINGS_SCHEMA_DIR"]
        # No session bus of its own: it is another login, which the app's
        # single-instance name cannot see.
        env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + os.path.join(home, "no-bus")
        other = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                  staple, f"--database={database}"],
                                 env=env, cwd=home, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
        # Until it has said so (or has exited, or 30 s have passed), rather
        # than a fixed six seconds: its stderr is read as it comes.
        told = threading.Event()
        said = []

        def read_stderr():
            for line in other.stderr:
                said.append(line)
                if b"open in another Staple" in b"".join(said):
                    told.set()
            told.set()

        reader = threading.Thread(target=read_stderr, daemon=True)
        reader.start()
        told.wait(timeout=30)
        other.send_signal(signal.SIGTERM)
        try:
            other.wait(timeout=10)
        except subprocess.TimeoutExpired:
            other.kill()
            other.wait()
        reader.join(timeout=10)
        stderr = b"".join(said).decode(errors="replace")
        if "open in another Staple" not in stderr:
            fail(f"the second Staple was not told the library is in use: {stderr!r}")
        must("add-stage", '<"Still mine">')
    finally:
        kill_hard(process)
    if stages(database) != ["Still mine"]:
        fail(f"the first Staple's library: {stages(database)}")
    print("ok - a second Staple of another user is told the library is open elsewhere")


def draft_after_crash(staple, workdir):
    folder = os.path.join(workdir, "draft")
    os.mkdir(folder)
    database = os.path.join(folder, "sessions.db")
    text = "Night team cannot see the engineering ticket sta"
    process = start(staple, database, folder)
    try:
        must("new-session")
        must("add-stage", '<"Overnight support">')
        must("set-phase", '<"map">')
        window = xdotool("search", "--sync", "--onlyvisible", "--class", "staple").split()[0]
        time.sleep(0.8)
        xdotool("mousemove", "--window", window, "40", "420", "click", "1")
        time.sleep(0.4)
        xdotool("key", "--delay", "40", "Right")
        time.sleep(0.3)
        xdotool("type", "--delay", "15", text)
        wait_until("the draft is kept as it is typed",
                   lambda: sqlite3.connect(f"file:{database}?mode=ro", uri=True).execute(
                       "SELECT count(*) FROM drafts WHERE text = ?", (text,)).fetchone()[0] == 1)
    finally:
        kill_hard(process)

    process = start(staple, database, folder)
    try:
        time.sleep(1.0)
        xdotool("type", "--delay", "15", "tus")
        xdotool("key", "Return")
        time.sleep(0.8)
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        cards = [t for (t,) in db.execute("SELECT text FROM frictions")]
        drafts = db.execute("SELECT count(*) FROM drafts").fetchone()[0]
        db.close()
    finally:
        kill_hard(process)
    if cards != [text + "tus"] or drafts != 0:
        fail(f"after the crash the card came back as {cards}, drafts left {drafts}")
    print("ok - a card half typed at kill -9 is back in its editor at the next start")


def main():
    if len(sys.argv) != 2:
        fail(__doc__)
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("SKIP: needs Xvfb and a D-Bus session")
        sys.exit(SKIP)
    for tool in ("xdotool", "sqlite3"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} is not installed")
            sys.exit(SKIP)
    staple = os.path.abspath(sys.argv[1])
    tests = {
        "dialog": other_programs_beside_a_dialog,
        "pulled": files_pulled_away,
        "full": full_disk,
        "bad": bad_database_window,
        "user": second_user,
        "draft": draft_after_crash,
    }
    chosen = os.environ.get("E2E_FILES_ONLY")
    workdir = tempfile.mkdtemp(prefix="staple-e2e-files-")
    os.chmod(workdir, 0o755)
    try:
        for name, test in tests.items():
            if chosen is None or name in chosen.split(","):
                test(staple, workdir)
    finally:
        subprocess.run(["umount", "-l", os.path.join(workdir, "small")], capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
