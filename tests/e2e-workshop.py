#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: a whole facilitated workshop (Frame, Map, Walk, Diagnose,
Prioritise, Commit, Close) run on the real Staple under the test's display and
D-Bus session through the window's actions, with the database checked after
every step, presenter mode, a restart that restores the phase, and kill -9.

Usage: e2e-workshop.py PATH/TO/staple
"""

import os
import re
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
PHASES = ["frame", "map", "walk", "diagnose", "prioritise", "commit", "close"]

ORDER_CYCLE = [
    "Order planning", "Order generation", "Cost estimation and pricing",
    "Order receipt and entry", "Order selection and prioritisation", "Scheduling",
    "Fulfilment", "Billing", "Returns and claims", "Post-sales service",
]


failures = []


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def fail_later(message):
    """A failure that leaves the database as expected: report it, carry on
    with the other checks, and exit 1 at the end."""
    print("FAIL: " + message, file=sys.stderr)
    sys.stderr.flush()
    failures.append(message)


def ok(message):
    print("ok - " + message)
    sys.stdout.flush()


# Talking to the app

class App:
    def __init__(self, staple, database, *args):
        env = dict(os.environ, GSETTINGS_BACKEND="memory")
        # The test reads the app's messages only when something goes wrong.
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen([staple, f"--database={database}", *args], env=env,
                                        stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                fail(f"staple exited early with {self.process.returncode}: {self.output()}")
            result = self.call(WINDOW_PATH, "org.gtk.Actions.List", check=False)
            if result.returncode == 0 and "set-phase" in result.stdout:
                return
            time.sleep(0.2)
        fail("the window's actions never appeared on the bus")

    def output(self):
        self.log.seek(0)
        return self.log.read()[-2000:]

    def alive(self, what):
        if self.process.poll() is not None:
            fail(f"staple died ({self.process.returncode}) after {what}: {self.output()}")

    def call(self, object_path, method, *args, check=True):
        result = subprocess.run(
            ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", object_path,
             "--method", method, *args],
            capture_output=True, text=True, timeout=30)
        if check and result.returncode != 0:
            self.alive(f"{method} {args}")
            fail(f"{method} {args} failed: {result.stderr.strip()}")
        return result

    def activate(self, name, parameter=None, path=WINDOW_PATH):
        self.call(path, "org.gtk.Actions.Activate", name,
                  "[]" if parameter is None else f"[{parameter}]", "{}")
        self.alive(f"{name} {parameter}")

    def describe(self, name, path=WINDOW_PATH):
        """(enabled, state as printed by gdbus) of an action."""
        out = self.call(path, "org.gtk.Actions.Describe", name).stdout.strip()
        match = re.match(r"^\(\((true|false), signature '[^']*', (?:@av )?\[(.*)\]\),\)$", out)
        if match is None:
            fail(f"cannot read Describe {name}: {out!r}")
        return match.group(1) == "true", match.group(2)

    def kill_hard(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


# Reading the database

def connect(database):
    # Read-only, so the check itself cannot change what it checks.
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True)


def integrity(database):
    db = connect(database)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def snapshot(database, session_id):
    """Everything the workshop wrote for one session, with rows named by their
    place (index) rather than their id, so that it compares with what the test
    expects whatever ids undo and redo hand out."""
    db = connect(database)
    try:
        (phase, dots, current_id, title) = db.execute(
            "SELECT phase, dots_per_participant, current_stage_id, title FROM sessions"
            " WHERE id = ?", (session_id,)).fetchone()
        people = db.execute("SELECT id, name, role, abstains FROM participants"
                            " WHERE session_id = ? ORDER BY position", (session_id,)).fetchall()
        person_index = {row[0]: i for i, row in enumerate(people)}
        stages = db.execute("SELECT id, name FROM stages WHERE session_id = ? ORDER BY position",
                            (session_id,)).fetchall()
        stage_index = {row[0]: i for i, row in enumerate(stages)}
        card_place = {}
        cards = []
        for s, (stage_id, _) in enumerate(stages):
            for c, (card_id, text, kind, severity, principle) in enumerate(db.execute(
                    "SELECT id, text, kind, severity, principle FROM frictions"
                    " WHERE stage_id = ? ORDER BY position", (stage_id,)).fetchall()):
                card_place[card_id] = (s, c)
                cards.append((s, text, kind, severity, principle))
        votes = sorted((person_index[p],) + card_place[f] for p, f in db.execute(
            "SELECT v.participant_id, v.friction_id FROM votes v"
            " JOIN participants p ON v.participant_id = p.id WHERE p.session_id = ?",
            (session_id,)).fetchall())
        actions = []
        for action_id, text, owner, due, status in db.execute(
                "SELECT id, text, owner_id, due, status FROM actions WHERE session_id = ?"
                " ORDER BY position", (session_id,)).fetchall():
            addressed = [card_place[f] for (f,) in db.execute(
                "SELECT friction_id FROM action_frictions WHERE action_id = ? ORDER BY position",
                (action_id,)).fetchall()]
            actions.append((text, None if owner is None else person_index[owner], due, status,
                            addressed))
        empowerments = [text for (text,) in db.execute(
            "SELECT text FROM empowerments WHERE session_id = ? ORDER BY position",
            (session_id,)).fetchall()]
        times = dict(db.execute("SELECT phase, seconds FROM phase_times WHERE session_id = ?",
                                (session_id,)).fetchall())
        return {
            "title": title,
            "phase": phase,
            "dots": dots,
            "current": None if current_id is None else stage_index.get(current_id, "dangling"),
            "people": [(name, role, abstains) for _, name, role, abstains in people],
            "stages": [name for _, name in stages],
            "cards": cards,
            "votes": votes,
            "actions": actions,
            "empowerments": empowerments,
        }, times
    finally:
        db.close()


class Workshop:
    """The app, its database and what the test expects to find in it."""

    def __init__(self, app, database, session_id, expected):
        self.app = app
        self.database = database
        self.session_id = session_id
        self.want = expected

    def state(self):
        return snapshot(self.database, self.session_id)[0]

    def times(self):
        return snapshot(self.database, self.session_id)[1]

    def check(self, what):
        """The database holds exactly what the test expects."""
        got = self.state()
        if got != self.want:
            diff = {key: (got[key], self.want[key]) for key in got if got[key] != self.want[key]}
            fail(f"{what}: the database differs from what was acknowledged"
                 f" (key: (database, expected)): {diff}")
        ok(what)

    def step(self, what, name, parameter=None, **changes):
        """Activates an action, records what it should change, and checks."""
        self.app.activate(name, parameter)
        for key, value in changes.items():
            self.want[key] = value
        self.check(what)

    def refused(self, what, name, parameter=None):
        """An action that must leave the database as it was."""
        self.app.activate(name, parameter)
        self.check(what + " is refused; the database is unchanged")


def gvariant_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The workshop, phase by phase

def frame(w):
    w.check("a new session starts in frame with 3 dots, no stage and no participant")
    w.step("set-phase frame is stored", "set-phase", "<'frame'>", phase="frame")

    people = [("Amélie Durand 👩‍🔧", "Returns desk lead"),
              ("مريم الحسيني", "مديرة خدمة العملاء"),   # right-to-left
              ("Tom O'Neill", "Warehouse")]
    for i, (name, role) in enumerate(people):
        w.step(f"add-participant {i + 1} stored", "add-participant",
               f"<({gvariant_string(name)}, {gvariant_string(role)})>",
               people=w.want["people"] + [(name, role, 0)])
    w.check("the emoji and right-to-left names are stored as typed, in order")

    renamed = list(w.want["people"])
    renamed[2] = ("Tom O’Neill-Baptiste", "Warehouse", 0)
    w.step("set-participant-field name renames one", "set-participant-field",
           f"<(2, \"name\", <{gvariant_string(renamed[2][0])}>)>", people=renamed)
    abstaining = list(w.want["people"])
    abstaining[2] = abstaining[2][:2] + (1,)
    w.step("set-participant-field abstains stores abstains = 1", "set-participant-field",
           "<(2, \"abstains\", <true>)>", people=abstaining)
    w.refused("an unknown participant field", "set-participant-field",
              "<(0, \"shoe-size\", <\"42\">)>")
    w.refused("set-participant-field on participant 9", "set-participant-field",
              "<(9, \"name\", <\"Nobody\">)>")

    # Delete and undo: the participant comes back in their place.
    w.step("delete-participant removes the second", "delete-participant", "<1>",
           people=[w.want["people"][0], w.want["people"][2]])
    w.step("undo brings the deleted participant back in place", "undo",
           people=abstaining)


def map_phase(w):
    w.step("set-phase map is stored", "set-phase", "<'map'>", phase="map")
    w.step("apply-template order-cycle adds its 10 stages in order", "apply-template",
           "<'order-cycle'>", stages=list(ORDER_CYCLE))
    w.step("one undo takes all 10 template stages away", "undo", stages=[])
    w.step("redo brings the 10 template stages back in order", "redo",
           stages=list(ORDER_CYCLE))
    w.refused("apply-template with an unknown template", "apply-template", "<'no-such-journey'>")

    w.step("add-friction on stage 4 stored", "add-friction",
           "<(3, \"Orders are keyed twice, from the fax and again into the ERP\")>",
           cards=[(3, "Orders are keyed twice, from the fax and again into the ERP",
                   "process", 3, "none")])
    w.step("add-friction on stage 9 stored", "add-friction",
           "<(8, \"Refunds over 50 € need a supervisor's signature\")>",
           cards=w.want["cards"] + [(8, "Refunds over 50 € need a supervisor's signature",
                                     "process", 3, "none")])


def walk(w):
    if w.want["current"] is not None:
        fail(f"a current stage was set before the walk: {w.want['current']}")
    w.step("set-phase walk puts the current stage on the first stage", "set-phase",
           "<'walk'>", phase="walk", current=0)
    w.step("previous-stage stops at the first stage", "previous-stage", current=0)
    w.step("next-stage moves to the second stage", "next-stage", current=1)
    for index in range(2, 10):
        w.app.activate("next-stage")
        w.want["current"] = index
    w.check("next-stage walks to the last stage")
    w.step("next-stage stops at the last stage", "next-stage", current=9)
    w.step("previous-stage moves back one", "previous-stage", current=8)
    w.step("set-current-stage 3 moves the cursor there", "set-current-stage", "<3>", current=3)
    w.refused("set-current-stage 42", "set-current-stage", "<42>")


def diagnose(w):
    w.step("set-phase diagnose is stored", "set-phase", "<'diagnose'>", phase="diagnose")
    entered = time.monotonic()
    card = list(w.want["cards"][1])
    card[2] = "trust"
    w.step("set-friction-field kind stored", "set-friction-field",
           "<(8, 0, \"kind\", <\"trust\">)>", cards=[w.want["cards"][0], tuple(card)])
    card[3] = 5
    w.step("set-friction-field severity stored", "set-friction-field",
           "<(8, 0, \"severity\", <int32 5>)>", cards=[w.want["cards"][0], tuple(card)])
    card[4] = "trust-judgement"
    w.step("set-friction-field principle stored", "set-friction-field",
           "<(8, 0, \"principle\", <\"trust-judgement\">)>",
           cards=[w.want["cards"][0], tuple(card)])
    first = list(w.want["cards"][0])
    first[2:] = ["tools", 4, "design-from-the-customer"]
    for field, value in (("kind", '<"tools">'), ("severity", "<int32 4>"),
                         ("principle", '<"design-from-the-customer">')):
        w.app.activate("set-friction-field", f"<(3, 0, \"{field}\", {value})>")
    w.want["cards"] = [tuple(first), tuple(card)]
    w.check("the second card's kind, severity and principle stored")
    # Out-of-range numbers are clamped, as in the foundation's editor.
    w.step("severity 6 is clamped to 5", "set-friction-field",
           "<(3, 0, \"severity\", <int32 6>)>",
           cards=[tuple(first[:3] + [5] + first[4:]), tuple(card)])
    w.step("undo puts severity 4 back", "undo", cards=[tuple(first), tuple(card)])
    w.refused("an unknown kind", "set-friction-field", "<(3, 0, \"kind\", <\"weather\">)>")

    # Stay a little while: the time is counted when the phase is left.
    time.sleep(max(0.0, 2.3 - (time.monotonic() - entered)))


def prioritise(w):
    w.step("set-phase prioritise is stored", "set-phase", "<'prioritise'>", phase="prioritise")
    times = w.times()
    if times.get("diagnose", 0) < 1:
        fail(f"about 2 s in diagnose, but after leaving it phase_times says {times}")
    ok(f"leaving diagnose after ~2 s stored {times['diagnose']} s for it in phase_times")

    w.step("set-dots 0 is clamped to 1", "set-dots", "<0>", dots=1)
    w.step("set-dots 21 is clamped to 20", "set-dots", "<21>", dots=20)
    w.step("set-dots 2 is stored", "set-dots", "<2>", dots=2)

    w.step("a first dot is stored", "add-vote", "<(0, 3, 0)>", votes=[(0, 3, 0)])
    w.step("a second dot on another card is stored", "add-vote", "<(0, 8, 0)>",
           votes=[(0, 3, 0), (0, 8, 0)])
    w.refused("a third dot for the same person with 2 dots each", "add-vote", "<(0, 3, 0)>")
    w.refused("a dot from the abstaining participant", "add-vote", "<(2, 8, 0)>")
    w.refused("a dot on a card that does not exist", "add-vote", "<(1, 0, 0)>")
    w.step("a dot from the second participant is stored", "add-vote", "<(1, 8, 0)>",
           votes=[(0, 3, 0), (0, 8, 0), (1, 8, 0)])
    w.step("a second dot from them on the same card is stored", "add-vote", "<(1, 8, 0)>", votes=[(0, 3, 0), (0, 8, 0), (1, 8, 0), (1, 8, 0)])
    w.step("remove-vote takes one dot away", "remove-vote", "<(1, 8, 0)>",
           votes=[(0, 3, 0), (0, 8, 0), (1, 8, 0)])
    w.refused("remove-vote where the person has no dot", "remove-vote", "<(1, 3, 0)>")
    w.step("undo of remove-vote puts the dot back", "undo",
           votes=[(0, 3, 0), (0, 8, 0), (1, 8, 0), (1, 8, 0)])
    w.step("redo of remove-vote takes it away again", "redo",
           votes=[(0, 3, 0), (0, 8, 0), (1, 8, 0)])
    w.step("their second dot, on another card, is stored", "add-vote", "<(1, 3, 0)>",
           votes=[(0, 3, 0), (0, 8, 0), (1, 3, 0), (1, 8, 0)])
    w.step("undo of add-vote removes the dot", "undo",
           votes=[(0, 3, 0), (0, 8, 0), (1, 8, 0)])
    w.step("redo of add-vote puts it back", "redo",
           votes=[(0, 3, 0), (0, 8, 0), (1, 3, 0), (1, 8, 0)])

    # Taking a participant away takes their dots; undo brings both back.
    people = w.want["people"]
    w.step("delete-participant takes their dots with them", "delete-participant", "<1>",
           people=[people[0], people[2]], votes=[(0, 3, 0), (0, 8, 0)])
    w.step("undo brings back the participant and their dots", "undo", people=people,
           votes=[(0, 3, 0), (0, 8, 0), (1, 3, 0), (1, 8, 0)])


def commit(w):
    w.step("set-phase commit is stored", "set-phase", "<'commit'>", phase="commit")
    first = ["Returns desk may refund up to 200 € without a signature", None, "", "open", []]
    second = ["Import web orders straight into the ERP", None, "", "open", []]
    w.step("add-action stored", "add-action", f"<{gvariant_string(first[0])}>",
           actions=[tuple(first)])
    w.step("a second add-action stored", "add-action", f"<{gvariant_string(second[0])}>",
           actions=[tuple(first), tuple(second)])

    def set_first(what, field, value, index, new):
        first[index] = new
        w.step(what, "set-action-field", f"<(0, \"{field}\", {value})>",
               actions=[tuple(first), tuple(second)])

    set_first("set-action-field owner (participant 2) stored", "owner", "<int32 1>", 1, 1)
    set_first("set-action-field due stored", "due", '<"2026-12-15">', 2, "2026-12-15")
    set_first("set-action-field status in-progress stored", "status", '<"in-progress">', 3,
              "in-progress")
    w.step("set-action-frictions stored in order", "set-action-frictions",
           "<(0, [(8, 0), (3, 0)])>",
           actions=[tuple(first[:4] + [[(8, 0), (3, 0)]]), tuple(second)])
    first[4] = [(8, 0), (3, 0)]
    second[1] = 0
    w.step("the second action's owner stored", "set-action-field", "<(1, \"owner\", <int32 0>)>",
           actions=[tuple(first), tuple(second)])
    second[1] = None
    w.step("owner -1 clears the owner", "set-action-field", "<(1, \"owner\", <int32 -1>)>",
           actions=[tuple(first), tuple(second)])
    w.refused("status by an unknown nick", "set-action-field", '<(0, "status", <"someday">)>')
    w.refused("owner participant 7", "set-action-field", '<(0, "owner", <int32 7>)>')
    w.refused("set-action-frictions with a card that does not exist", "set-action-frictions",
              "<(0, [(8, 0), (5, 0)])>")

    w.step("delete-action removes the first action", "delete-action", "<0>",
           actions=[tuple(second)])
    w.step("undo brings the deleted action back with its owner, due date, status and"
           " friction points", "undo", actions=[tuple(first), tuple(second)])

    item = "Agents may send a replacement part without asking"
    w.step("add-empowerment stored", "add-empowerment", f"<{gvariant_string(item)}>",
           empowerments=[item])
    item = "Agents may send a replacement part up to 80 € without asking"
    w.step("set-empowerment-field text stored", "set-empowerment-field",
           f"<(0, \"text\", <{gvariant_string(item)}>)>", empowerments=[item])
    w.step("a second add-empowerment", "add-empowerment", "<\"Drivers may take returns back\">",
           empowerments=[item, "Drivers may take returns back"])
    w.step("delete-empowerment removes it", "delete-empowerment", "<1>", empowerments=[item])


def close(w, started):
    w.step("set-phase close is stored", "set-phase", "<'close'>", phase="close")
    times = w.times()
    unknown = set(times) - set(PHASES)
    if unknown:
        fail(f"phase_times has rows for phases that do not exist: {times}")
    elapsed = time.monotonic() - started
    if sum(times.values()) > elapsed + 1:
        fail(f"phase_times adds up to more than the {elapsed:.1f} s the session was open: {times}")
    if times.get("diagnose", 0) < 1:
        fail(f"the ~2 s spent in diagnose are gone from phase_times: {times}")
    ok(f"phase_times {times} adds up to no more than the {elapsed:.0f} s the session was open")

    enabled, state = w.app.describe("set-phase")
    if state != "<'close'>":
        fail(f"the set-phase action's state is {state}, not 'close'")
    ok("the set-phase action's state is 'close'")
    w.refused("set-phase to a phase that does not exist", "set-phase", "<'brainstorm'>")
    enabled, state = w.app.describe("set-phase")
    if state != "<'close'>":
        fail(f"a refused set-phase changed the action's state to {state}")


def timer(w):
    for name in ("timer-start", "timer-add", "timer-pause", "timer-add", "timer-reset",
                 "timer-start", "timer-reset", "timer-pause"):
        w.app.activate(name)
        enabled, _ = w.app.describe(name)
        if not enabled:
            fail(f"{name} is disabled with a session open")
    time.sleep(1.2)  # let a running clock tick at least once
    w.app.alive("the timer actions")
    w.app.describe("set-phase")
    w.check("timer-start/-add/-pause/-reset run, the window stays alive and answers, and"
            " nothing in the database changes")


def presenter(w):
    xdotool = shutil.which("xdotool")

    def presenter_windows(visible):
        args = [xdotool, "search"] + (["--onlyvisible"] if visible else []) + [
            "--name", "Presenter"]
        result = subprocess.run(args, capture_output=True, text=True, timeout=30)
        return result.stdout.split()

    def wait_until(condition, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.2)
        return condition()

    def opened(what):
        _, state = w.app.describe("presenter")
        if state != "<true>":
            fail_later(f"{what}: presenter's state is {state}, not true")
        elif xdotool is None:
            ok(f"{what}: presenter's state is true (no xdotool: window not looked for)")
        elif not wait_until(lambda: len(presenter_windows(True)) == 1):
            fail_later(f"{what}: no visible 'Presenter' window: {presenter_windows(False)}")
        else:
            ok(f"{what}: one visible top-level window named Presenter; presenter's state is true")

    def closed(what):
        if xdotool is not None:
            if not wait_until(lambda: presenter_windows(False) == []):
                fail_later(f"{what}: the Presenter window is still there:"
                           f" {presenter_windows(False)}")
            else:
                ok(f"{what}: the Presenter window is gone")
        _, state = w.app.describe("presenter")
        if state != "<false>":
            fail_later(f"{what}: presenter's state is still {state}, not false")
        else:
            ok(f"{what}: presenter's state is false")

    w.app.activate("presenter")
    opened("activating presenter")

    w.app.activate("next-stage")  # the coach still captures while presenting
    w.want["current"] = 4
    w.check("next-stage while presenting is stored")

    w.app.activate("presenter")
    closed("activating presenter again")

    # A second time round: presenter mode must open and close again.
    w.app.activate("presenter")
    opened("activating presenter a third time (reopening it)")
    w.app.activate("presenter")
    closed("activating presenter a fourth time")
    w.app.alive("presenter mode")
    w.check("presenter mode leaves the database as it was")


def kill_and_compare(w, what):
    before = w.state()
    if before != w.want:
        fail(f"before kill -9 the database already differs: {before} != {w.want}")
    w.app.kill_hard()
    result = integrity(w.database)
    if result != "ok":
        fail(f"integrity_check after kill -9: {result}")
    w.check(f"after kill -9 ({what}) integrity_check passes and every acknowledged edit is there")


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
        database = os.path.join(workdir, "workshop.db")
        app = App(staple, database)
        app.activate("new-session")
        started = time.monotonic()
        db = connect(database)
        ids = [row[0] for row in db.execute("SELECT id FROM sessions")]
        db.close()
        if len(ids) != 1:
            fail(f"new-session made {len(ids)} sessions")
        session_id = ids[0]
        expected, _ = snapshot(database, session_id)
        expected.update(phase="frame", dots=3, current=None, people=[], stages=[], cards=[],
                        votes=[], actions=[], empowerments=[])
        w = Workshop(app, database, session_id, expected)

        frame(w)
        map_phase(w)
        walk(w)
        diagnose(w)
        prioritise(w)
        commit(w)
        close(w, started)
        timer(w)
        presenter(w)
        kill_and_compare(w, "the first run")
        kept_times = w.times()

        # The session opens again in the phase it was left in.
        w.app = App(staple, database)
        w.app.activate("open-session", f"<int64 {session_id}>", path=APP_PATH)
        enabled, state = w.app.describe("set-phase")
        if state != "<'close'>" or not enabled:
            fail(f"after a restart set-phase is {state} (enabled: {enabled}), not 'close'")
        w.check("after a restart and app.open-session the phase read back is close")
        ok("after a restart the set-phase action's state is 'close'")
        if any(w.times().get(p, 0) < s for p, s in kept_times.items()):
            fail(f"phase_times went down over a restart: {kept_times} -> {w.times()}")

        # Edits keep working after the restart, and survive kill -9 too.
        action = list(w.want["actions"][0])
        action[3] = "done"
        w.step("set-action-field status done after the restart", "set-action-field",
               "<(0, \"status\", <\"done\">)>",
               actions=[tuple(action)] + w.want["actions"][1:])
        w.step("next-stage after the restart continues from the stored cursor", "next-stage",
               current=5)
        kill_and_compare(w, "the second run")

    if failures:
        print(f"{len(failures)} check(s) failed:", file=sys.stderr)
        for message in failures:
            print("FAIL: " + message, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
