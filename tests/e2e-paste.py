#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: texts of 10,000 and 100,000 characters pasted for real
(xclip puts them on the clipboard, xdotool presses Ctrl+V) into every text
editor of the app, under the GL renderer and the cairo renderer. After each
paste the app must answer and the text must be in the database whole, read
with sqlite3 read-only.

The editors: the map's in-place editors (a new card, a card's text, a
stage's name, with their drafts), the inspector's fields, the Frame's rows,
the participants', the List view's stage and friction rows, the actions' and
the empowerment list's rows, the library's search and the rename dialog.
Most are reached by Tab from the first of their page, so that an editor
added to a page is pasted into too.

Usage: e2e-paste.py PATH/TO/staple
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
APP_PATH = "/io/github/stapleapp/Staple"
WINDOW_PATH = APP_PATH + "/window/1"
SKIP = 77
SIZES = [10000, 100000]
RENDERERS = ["gl", "cairo"]
ANSWER_SECONDS = 30  # after a paste the window must answer within this

# Where the first editor of each page is, in the window (1100 × 720 at the
# screen's corner, no window manager), as e2e-map.py clicks into the map.
MAP_MARGIN = (40, 420)
INSPECTOR_FIRST = (900, 263)
FRAME_FIRST = (500, 293)
COMMIT_FIRST = (530, 268)
MAP_BUTTON = (487, 27)
LIST_BUTTON = (610, 27)
LIST_FIRST = (330, 213)

# Every text column an editor writes, and those each size must reach.
COLUMNS = {
    "sessions": ["title", "organisation", "date", "location", "facilitator", "customer",
                 "work_item", "question"],
    "participants": ["name", "role"],
    "stages": ["name", "team", "notes"],
    "frictions": ["text", "notes"],
    "actions": ["text", "due"],
    "empowerments": ["text"],
}
REQUIRED = {
    "sessions.title", "sessions.organisation", "sessions.location", "sessions.facilitator",
    "sessions.customer", "sessions.work_item", "sessions.question", "participants.name",
    "participants.role", "stages.name", "stages.team", "stages.notes", "frictions.text",
    "frictions.notes", "actions.text", "empowerments.text",
}


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def ok(message):
    print("ok - " + message)
    sys.stdout.flush()


def xdotool(*args):
    return subprocess.run(["xdotool", *args], check=True, capture_output=True, text=True,
                          timeout=60).stdout


def keys(*names, settle=0.2):
    xdotool("key", "--delay", "40", *names)
    time.sleep(settle)


def make_text(tag, size):
    """size characters that start with tag: words in several scripts, a
    decomposed accent, an emoji sequence and a word of 300 letters; no
    line break, no space at either end."""
    unit = ("Toner ran out again on Saturday; Amélie rang twice. Café crème e\u0301 "
            "日本語のテキスト שלום עולם مرحبا 👩‍🔧 " + "x" * 300 + " ")
    body = tag + " " + unit * (size // len(unit) + 1)
    return body[:size - 1] + "."


class App:
    def __init__(self, staple, database, renderer):
        env = dict(os.environ, GSETTINGS_BACKEND="memory", GSK_RENDERER=renderer)
        self.log = tempfile.TemporaryFile(mode="w+")
        self.renderer = renderer
        self.process = subprocess.Popen([staple, f"--database={database}", "--example"],
                                        env=env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            self.alive("starting")
            result = self.call(WINDOW_PATH, "org.gtk.Actions.List", check=False)
            if result.returncode == 0 and "set-phase" in result.stdout:
                time.sleep(1.0)
                self.window = xdotool("search", "--sync", "--onlyvisible", "--class",
                                      "staple").split()[0]
                return
            time.sleep(0.2)
        fail("the window never appeared on the bus")

    def output(self):
        self.log.seek(0)
        return self.log.read()[-3000:]

    def alive(self, what):
        if self.process.poll() is not None:
            fail(f"[{self.renderer}] staple died ({self.process.returncode}) after {what}:\n"
                 f"{self.output()}")

    def call(self, path, method, *args, check=True, timeout=ANSWER_SECONDS):
        try:
            result = subprocess.run(
                ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", path,
                 "--method", method, *args], capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            self.alive(method)
            fail(f"[{self.renderer}] no answer to {method} within {timeout} s: frozen")
        if check and result.returncode != 0:
            self.alive(f"{method} {args}")
            fail(f"{method} {args} failed: {result.stderr.strip()}")
        return result

    def activate(self, name, parameter=None, path=WINDOW_PATH):
        self.call(path, "org.gtk.Actions.Activate", name,
                  "[]" if parameter is None else f"[{parameter}]", "{}")
        time.sleep(0.8)  # the page's cross-fade
        self.alive(name)

    def answers(self):
        """Seconds until the window answers: it has handled what came before."""
        start = time.monotonic()
        self.call(WINDOW_PATH, "org.gtk.Actions.List")
        self.alive("a paste")
        return time.monotonic() - start

    def scroll_to_top(self, where):
        """A page keeps where it was scrolled to: back to its top."""
        xdotool("mousemove", "--window", self.window, str(where[0]), str(where[1]),
                "click", "--repeat", "40", "--delay", "10", "4")
        time.sleep(0.4)

    def click(self, where):
        xdotool("mousemove", "--window", self.window, str(where[0]), str(where[1]), "click", "1")
        time.sleep(0.4)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


class Database:
    def __init__(self, path):
        self.path = path

    def query(self, sql, *args):
        # Read-only, so the check itself cannot change what it checks.
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def where(self, tag):
        """Every column holding a text that starts with tag, and the texts."""
        found = []
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        try:
            for table, columns in COLUMNS.items():
                for column in columns:
                    for (value,) in db.execute(
                            f"SELECT {column} FROM {table} WHERE substr({column}, 1, ?) = ?",
                            (len(tag), tag)):
                        found.append((f"{table}.{column}", value))
        finally:
            db.close()
        return found

    def drafts(self):
        if not self.query("SELECT name FROM sqlite_master WHERE name = 'drafts'"):
            return None
        return [text for (text,) in self.query("SELECT text FROM drafts")]


class Paster:
    def __init__(self, app, db, size):
        self.app = app
        self.db = db
        self.size = size
        self.count = 0
        self.reached = set()
        self.slowest = 0.0
        self.pasted = []
        self.xclip = None
        self.unserved = 0  # pastes nothing asked for: Tab stops that are not editors

    def clipboard(self, text):
        """Puts text on the clipboard for one paste: xclip (-loops 1) serves
        it once, whole, and exits then, so that its exit says the paste has
        arrived (see served()). A new owner while a paste is under way would
        cut that paste short: the previous one is stopped only once its paste
        has arrived, or when nothing asked for it."""
        if self.xclip is not None:
            if self.xclip.poll() is None:
                self.xclip.kill()
            self.xclip.wait()
        self.xclip = subprocess.Popen(["xclip", "-selection", "clipboard", "-i", "-quiet",
                                       "-loops", "1"],
                                      stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
        self.xclip.stdin.write(text.encode())
        self.xclip.stdin.close()
        time.sleep(0.1)  # it owns the clipboard

    def served(self):
        """Waits until xclip has served the paste whole (it exits then; the
        TARGETS the window asks for first do not count) and says whether it
        did. A Tab stop that is not a text editor never asks: after as long
        as a paste used to be given to arrive, it is taken as not pasted."""
        try:
            self.xclip.wait(timeout=0.3 + self.size / 200000)
        except subprocess.TimeoutExpired:
            self.unserved += 1
            return False
        return True

    def next_text(self):
        self.count += 1
        tag = f"⟦{self.app.renderer}-{self.size}-{self.count:03d}⟧"
        return tag, make_text(tag, self.size)

    def paste(self, select_all=True):
        """Pastes a new text where the focus is; returns the text."""
        tag, text = self.next_text()
        self.clipboard(text)
        keys(*(["ctrl+a"] if select_all else []), "ctrl+v", settle=0.05)
        self.app.answers()
        self.served()  # the paste arrives
        self.pasted.append((tag, text))
        seconds = self.app.answers()
        self.slowest = max(self.slowest, seconds)
        return tag, text

    def wait_for_draft(self, text):
        """A paste arrives when the clipboard's owner has sent it all, after
        the key: the map's editor saves it as its draft then."""
        deadline = time.monotonic() + ANSWER_SECONDS
        while time.monotonic() < deadline:
            drafts = self.db.drafts()
            if drafts is None or drafts == [text]:
                return
            time.sleep(0.2)
        fail(f"[{self.app.renderer}] the paste never became the map editor's draft")

    def sweep(self):
        """Every text pasted so far, wherever it landed, late or not."""
        for tag, text in self.pasted:
            self.check_stored(tag, text)

    def check_stored(self, tag, text, where=None):
        """The text is in the database whole, in one column (where)."""
        found = self.db.where(tag)
        for column, value in found:
            if value != text:
                fail(f"[{self.app.renderer}] {self.size} characters pasted into {column} came"
                     f" back changed: {len(value)} characters, first difference at "
                     f"{next((i for i, (a, b) in enumerate(zip(value, text)) if a != b), -1)}")
            self.reached.add(column)
        if where is not None and where not in [column for column, _ in found]:
            fail(f"[{self.app.renderer}] {self.size} characters pasted for {where} are not "
                 f"there; found in {[column for column, _ in found]}")
        return [column for column, _ in found]

    def walk(self, what, stops):
        """Pastes into the focused widget and each of the next ones by Tab."""
        columns = []
        for _ in range(stops):
            tag, text = self.paste()
            columns += self.check_stored(tag, text)
            keys("Tab", settle=0.05)
        ok(f"[{self.app.renderer}] {self.size} characters pasted by Tab into {what}: "
           f"{', '.join(sorted(set(columns))) or 'nothing stored'}")


def map_editors(p):
    app, db, size = p.app, p.db, p.size
    app.activate("set-phase", "<'map'>")
    app.click(MAP_MARGIN)

    # A new card: typing with a stage selected opens the in-place editor;
    # the paste replaces that first letter, and is a draft until Enter.
    keys("Right", "Right")
    keys("T")
    tag, text = p.paste()
    p.wait_for_draft(text)
    keys("Return")
    app.answers()
    p.check_stored(tag, text, "frictions.text")
    if db.drafts() not in (None, []):
        fail(f"[{app.renderer}] Enter left the draft behind")
    ok(f"[{app.renderer}] {size} characters pasted into a new card on the map, its draft "
       f"saved and then cleared")

    # The card's text: Enter edits the selected (new) card, the cursor at
    # its end; Ctrl+A selects it all to paste over.
    keys("Return")
    tag, text = p.paste()
    p.wait_for_draft(text)
    keys("Return")
    app.answers()
    p.check_stored(tag, text, "frictions.text")
    ok(f"[{app.renderer}] {size} characters pasted over a card's text on the map")

    # A stage's name.
    keys("Escape", "Right", "Return")
    tag, text = p.paste(select_all=False)
    p.wait_for_draft(text)
    keys("Return")
    app.answers()
    p.check_stored(tag, text, "stages.name")
    ok(f"[{app.renderer}] {size} characters pasted into a stage's name on the map")

    # Escape drops what was pasted, and its draft.
    keys("Down", "Down", "x")
    tag, text = p.paste()
    p.wait_for_draft(text)
    keys("Escape")
    app.answers()
    if p.check_stored(tag, text):
        fail(f"[{app.renderer}] Escape kept a pasted card")
    if db.drafts() not in (None, []):
        fail(f"[{app.renderer}] Escape left the draft behind")
    ok(f"[{app.renderer}] Escape drops a pasted card and its draft")

    # The inspector beside the map, on the selected card, then on a stage.
    # After a long paste the window may take seconds to answer: the keys
    # that choose what the inspector shows must have been handled before
    # its first field is clicked.
    keys("Escape", "Right", "Down", "Down")
    app.answers()
    time.sleep(0.5)
    app.click(INSPECTOR_FIRST)
    p.walk("the inspector of a card", 8)
    app.click(MAP_MARGIN)
    app.answers()
    keys("Escape", "Right", "Right")
    app.answers()
    time.sleep(0.5)
    app.click(INSPECTOR_FIRST)
    p.walk("the inspector of a stage", 12)


def pages(p):
    app = p.app
    app.activate("set-phase", "<'frame'>")
    app.scroll_to_top(FRAME_FIRST)
    app.click(FRAME_FIRST)
    p.walk("the Frame and the participants", 34)

    app.activate("set-phase", "<'commit'>")
    app.scroll_to_top(COMMIT_FIRST)
    app.click(COMMIT_FIRST)
    p.walk("the actions and the empowerment list", 60)

    app.activate("set-phase", "<'map'>")
    app.click(LIST_BUTTON)
    time.sleep(0.5)
    app.scroll_to_top(LIST_FIRST)
    app.click(LIST_FIRST)
    p.walk("the List view's stage and friction rows", 24)
    app.click(MAP_BUTTON)


def row_menu_button():
    """Where the library's first row has its menu button (three dots, the
    only dark marks in that column of the window), from a screenshot: the
    row grows with its title."""
    shot = os.path.join(tempfile.gettempdir(), f"staple-paste-{os.getpid()}.png")
    subprocess.run(["import", "-window", "root", shot], check=True, timeout=30)
    box = subprocess.run(["convert", shot, "-crop", "14x400+896+55", "+repage", "-threshold",
                          "50%", "-negate", "-format", "%@", "info:"],
                         check=True, capture_output=True, text=True, timeout=30).stdout
    os.unlink(shot)
    size, _, y = box.split("+")
    height = int(size.split("x")[1])
    return (903, 55 + int(y) + height // 2)


def windows():
    """The app's windows on screen (a popover and a dialog are windows too)."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "staple"],
                           capture_output=True, text=True, timeout=60).stdout
    return len(found.split())


def until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def rename(p):
    # On a busy machine the row's menu and the dialog take a while to show:
    # the paste waits for the dialog, as the coach's eyes would.
    shown = windows()
    p.app.click(row_menu_button())
    until(lambda: windows() > shown, timeout=5.0)
    keys("Down", "Return", settle=0.3)
    until(lambda: windows() > shown, timeout=10.0)
    time.sleep(0.3)
    tag, text = p.paste()
    time.sleep(1)
    keys("alt+r")  # _Rename
    p.app.answers()
    until(lambda: p.db.where(tag), timeout=10.0)
    return tag, text


def library(p, session_id):
    app = p.app
    app.activate("show-library")

    # The rename dialog, from the row's menu: its second item.
    for attempt in range(3):
        tag, text = rename(p)
        if p.db.where(tag) or attempt == 2:
            break
        print(f"# [{app.renderer}] the rename did not take; once more")
        keys("Escape", "Escape")
        app.activate("show-library")
    p.check_stored(tag, text, "sessions.title")
    ok(f"[{app.renderer}] {p.size} characters pasted into the rename dialog")

    # The search: Ctrl+F, paste; nothing is stored, the window answers.
    keys("ctrl+f")
    p.paste()
    time.sleep(1)  # the paste arrives, the search runs
    keys("Escape")
    app.answers()
    ok(f"[{app.renderer}] {p.size} characters pasted into the library's search")

    app.activate("open-session", f"<int64 {session_id}>", path=APP_PATH)


def default_sizes():
    """The test suite pastes the largest text only; STAPLE_E2E_FULL=1 both."""
    return SIZES if os.environ.get("STAPLE_E2E_FULL") else SIZES[-1:]


def run(staple, renderer):
    with tempfile.TemporaryDirectory() as workdir:
        path = os.path.join(workdir, "sessions.db")
        db = Database(path)
        app = App(staple, path, renderer)
        try:
            session_id = db.query("SELECT id FROM sessions")[0][0]
            for size in [int(n) for n in os.environ.get("STAPLE_E2E_SIZES", "").split()] or default_sizes():
                paster = Paster(app, db, size)
                map_editors(paster)
                pages(paster)
                library(paster, session_id)
                paster.sweep()
                paster.clipboard("")
                missing = REQUIRED - paster.reached
                if missing:
                    fail(f"[{renderer}] {size} characters never reached {sorted(missing)}")
                ok(f"[{renderer}] {size} characters, {paster.count} pastes ({paster.unserved}"
                   f" into Tab stops that took none): every editor stored them whole; the"
                   f" slowest answer took {paster.slowest:.1f} s")
            integrity = db.query("PRAGMA integrity_check")[0][0]
            if integrity != "ok":
                fail(f"[{renderer}] integrity_check: {integrity}")
            app.alive("every paste")
            ok(f"[{renderer}] alive after every paste; the database passes integrity_check")
        finally:
            app.kill()


def main():
    if len(sys.argv) != 2:
        fail(__doc__)
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("SKIP: needs Xvfb and a D-Bus session")
        sys.exit(SKIP)
    for tool in ("xdotool", "xclip", "import", "convert"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} is not installed")
            sys.exit(SKIP)

    if os.environ.get("STAPLE_TEST_SANITIZED"):
        # Some 150 pastes of 100,000 characters take hours under ASan.
        print("SKIP: too slow under the sanitizers; run in the plain build")
        sys.exit(SKIP)

    staple = os.path.abspath(sys.argv[1])
    renderers = os.environ.get("STAPLE_E2E_RENDERERS",
                               " ".join(RENDERERS if os.environ.get("STAPLE_E2E_FULL")
                                        else RENDERERS[:1])).split()
    for renderer in renderers:
        run(staple, renderer)


if __name__ == "__main__":
    main()
