# SPDX-License-Identifier: GPL-3.0-or-later
"""What every end-to-end test does: start the real app under Xvfb and a D-Bus
session, drive it with xdotool and its window actions, read its database.

    import staple_e2e as e2e
    e2e.require_display()
    with e2e.App(staple, database, "--example") as app:
        app.focus_map()
        e2e.keys("Right", "Return")
        e2e.expect("…", app.db.stages(), [...])

Keys go through a counter (KEYS), so a test can measure how many
keystrokes a task costs: e2e.KEYS.reset(), drive, e2e.KEYS.count.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

APP_ID = "io.github.stapleapp.Staple"
WINDOW_PATH = "/io/github/stapleapp/Staple/window/1"
SKIP = 77


def moved_box(measure, previous, timeout=5):
    """What measure() returns once it differs from previous and has stopped
    changing: where the map has drawn what keys moved, a frame or two later
    (on a busy machine later still), scrolled into view. A box measured too
    early is where it was."""
    deadline = time.monotonic() + timeout
    box = measure()
    while box == previous and time.monotonic() < deadline:
        time.sleep(0.2)
        box = measure()
    while time.monotonic() < deadline:
        time.sleep(0.3)
        again = measure()
        if again == box:
            break
        box = again
    return box


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def expect(what, got, wanted):
    if got != wanted:
        fail(f"{what}: got {got!r}, wanted {wanted!r}")
    print(f"ok - {what}")


def expect_soon(what, get, wanted, timeout=5.0):
    """Like expect(), for what lands a moment later (a slow build, a drop)."""
    deadline = time.monotonic() + timeout
    got = get()
    while got != wanted and time.monotonic() < deadline:
        time.sleep(0.2)
        got = get()
    expect(what, got, wanted)


def require_display():
    """Skips the test (exit 77) without Xvfb, a D-Bus session or xdotool."""
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("SKIP: needs Xvfb and a D-Bus session")
        sys.exit(SKIP)
    if shutil.which("xdotool") is None:
        print("SKIP: xdotool is not installed")
        sys.exit(SKIP)


class KeyCounter:
    """Counts the keystrokes sent: a chord such as ctrl+z is one, a typed
    text one per character."""

    def __init__(self):
        self.count = 0

    def reset(self):
        self.count = 0


KEYS = KeyCounter()


def xdotool(*args, check=True):
    return subprocess.run(["xdotool", *args], check=check, capture_output=True, text=True,
                          timeout=30).stdout


def keys(*names, settle=0.3):
    """Presses each key (or chord) once, counting each."""
    xdotool("key", "--delay", "40", *names)
    KEYS.count += len(names)
    time.sleep(settle)


def type_text(text, settle=0.3):
    """Types text as a person would, one keystroke per character."""
    xdotool("type", "--delay", "20", text)
    KEYS.count += len(text)
    time.sleep(settle)


def gdbus(object_path, method, *args, check=True):
    result = subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path",
                             object_path, "--method", method, *args],
                            capture_output=True, text=True, timeout=30)
    if check and result.returncode != 0:
        fail(f"{method} {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def activate(name, parameter=None, path=WINDOW_PATH, check=True):
    """Activates a window action over D-Bus; parameter is GVariant text such
    as "<(0, 'wait-minutes', <'9h'>)>" or None."""
    return gdbus(path, "org.gtk.Actions.Activate", name,
                 f"[{parameter}]" if parameter is not None else "[]", "{}", check=check)


def screenshot(path):
    subprocess.run(["import", "-window", "root", path], check=True, timeout=30)


class Database:
    """Reads the app's database the way another program may: read-only."""

    def __init__(self, path):
        self.path = path

    def query(self, sql, *args):
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def stages(self):
        return [name for (name,) in self.query("SELECT name FROM stages ORDER BY position")]

    def cards(self, stage):
        return [text for (text,) in self.query(
            "SELECT f.text FROM frictions f JOIN stages s ON f.stage_id = s.id"
            " WHERE s.position = ? ORDER BY f.position", stage)]


class App:
    """The real app on a database of its own, killed hard when done."""

    def __init__(self, staple, database, *args, env=None):
        self.staple = staple
        self.db = Database(database)
        self.args = [f"--database={database}", *args]
        self.env = dict(os.environ, GSETTINGS_BACKEND="memory", **(env or {}))
        self.process = None
        self.window = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.kill()
        return False

    def start(self):
        self.process = subprocess.Popen([self.staple, *self.args], env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.wait_for_window()
        self.window = xdotool("search", "--sync", "--onlyvisible", "--class",
                              "staple").split()[0]
        xdotool("windowfocus", "--sync", self.window, check=False)

    def wait_for_window(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                fail(f"staple exited early with {self.process.returncode}: "
                     + self.process.stderr.read().decode(errors="replace")[-2000:])
            result = gdbus(WINDOW_PATH, "org.gtk.Actions.List", check=False)
            if result.returncode == 0 and "add-stage" in result.stdout:
                time.sleep(1.0)  # let the first frame settle
                return
            time.sleep(0.2)
        fail("the window never appeared on the bus")

    def click(self, x, y, button="1", repeat=1):
        """Clicks at (x, y) in the window (it sits at the screen's corner:
        there is no window manager)."""
        xdotool("mousemove", "--window", self.window, str(x), str(y),
                "click", "--repeat", str(repeat), button)
        time.sleep(0.4)

    def focus_map(self, phase_key="alt+2"):
        """Goes to a phase (Alt+2 is Map) and gives the map the keyboard by
        clicking its left margin, where the lanes are named: that selects
        nothing. The click is not counted as a keystroke."""
        self.click(40, 420)
        keys(phase_key)
        KEYS.count -= 1
        time.sleep(0.8)  # the page's cross-fade
        self.click(40, 420)

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def alive(self):
        return self.process.poll() is None

    def stderr_text(self):
        """What the app wrote to stderr (after kill())."""
        return self.process.stderr.read().decode(errors="replace")


def workdir():
    return tempfile.TemporaryDirectory(prefix="staple-e2e-")
