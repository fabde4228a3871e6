#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, crash loop: trial after trial on the same database, start the
real Staple, open the session, send a burst of random edits over D-Bus and
kill -9 the app from another thread at a random moment. After each kill, a
read-only connection checks PRAGMA integrity_check and that the session holds
exactly what the acknowledged edits made (the one call cut short by the kill
may or may not have landed; nothing else is allowed).

The expected state is tracked precisely: every edit is replayed on a model,
undo and redo step through the model's own history, which starts empty at
every launch as the app's does.

Usage: e2e-crashloop.py PATH/TO/staple [TRIALS] [SEED]
"""

import os
import re
import collections
import difflib
import random
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
STATS = collections.Counter()
TRIALS = 50

KINDS = ["policy", "process", "product", "trust", "tools", "silo", "time-pressure",
         "unclear-expectations"]
CHANNELS = ["phone", "web", "email", "in-person", "internal"]
WORDS = [
    "Order entry", "Returns desk 🚚", "مكتب المرتجعات", "退货单需要两次签字", "Überweisung prüfen",
    "Ελέγχος παραγγελίας", "Проверка заказа", "ការត្រួតពិនិត្យ", "हस्ताक्षर चाहिए", "👩🏽‍💻 Helpdesk",
    "Label printer jams; '); DROP TABLE stages; --", "Quote \"this\" and back\\slash",
    "e\u0301 combining", "Tab\tinside", "Zero\u200bwidth", "אישור מנהל",
]


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def gvariant_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def gdbus(object_path, method, *args, dest=APP_ID):
    return subprocess.run(
        ["gdbus", "call", "--session", "--dest", dest, "--object-path", object_path,
         "--method", method, *args],
        capture_output=True, text=True, timeout=30)


def activate(name, parameter=None, path=WINDOW_PATH):
    """True when the app acknowledged the call."""
    result = gdbus(path, "org.gtk.Actions.Activate", name,
                   "[]" if parameter is None else f"[<{parameter}>]", "{}")
    return result.returncode == 0, result.stderr.strip()


# The model: a list of stages, each a dict with its frictions.

def new_stage(name):
    return {"name": name, "team": "", "channel": "internal", "work_minutes": 0,
            "customer_feeling": 0, "notes": "", "frictions": []}


def new_friction(text):
    return {"text": text, "kind": "process", "severity": 3, "notes": ""}


def copy_state(stages):
    return [dict(s, frictions=[dict(f) for f in s["frictions"]]) for s in stages]


STAGE_FIELDS = {  # D-Bus field: (model key, how a random value is made, GVariant format)
    "name": ("name", lambda r: r.choice(WORDS), gvariant_string),
    "team": ("team", lambda r: r.choice(WORDS), gvariant_string),
    "notes": ("notes", lambda r: r.choice(WORDS) + " " + r.choice(WORDS), gvariant_string),
    "channel": ("channel", lambda r: r.choice(CHANNELS), gvariant_string),
    "work-minutes": ("work_minutes", lambda r: r.randint(0, 600), lambda v: f"int32 {v}"),
    "customer-feeling": ("customer_feeling", lambda r: r.randint(-2, 2), lambda v: f"int32 {v}"),
}
FRICTION_FIELDS = {
    "text": ("text", lambda r: r.choice(WORDS), gvariant_string),
    "notes": ("notes", lambda r: r.choice(WORDS), gvariant_string),
    "kind": ("kind", lambda r: r.choice(KINDS), gvariant_string),
    "severity": ("severity", lambda r: r.randint(1, 5), lambda v: f"int32 {v}"),
}


class Model:
    def __init__(self, stages):
        self.stages = stages
        self.undo = []
        self.redo = []
        self.last_set = None   # the field of the previous edit, when it was a set

    def launch(self):
        """The app starts with an empty history."""
        self.undo, self.redo, self.last_set = [], [], None

    def propose(self, r):
        """A random valid edit: (action, GVariant parameter or None, function that
        applies it to a copy of the stages and returns the copy, or None for no change
        of history, and a label for messages)."""
        stages = self.stages
        n = len(stages)
        frictions = [(i, j) for i, s in enumerate(stages) for j in range(len(s["frictions"]))]
        choices = ["add-stage"] * (3 if n < 8 else 1) + ["undo", "redo"]
        if n:
            choices += ["add-friction"] * (4 if len(frictions) < 25 else 1)
            choices += ["insert-friction", "set-stage-field", "set-stage-field"]
            choices += ["delete-stage"] * (1 if n < 10 else 4)
        if n > 1:
            choices += ["move-stage"]
        if frictions:
            choices += ["set-friction-field"] * 3 + ["move-friction"]
            choices += ["delete-friction"] * (1 if len(frictions) < 25 else 4)
        action = r.choice(choices)

        if action == "add-stage":
            name = r.choice(WORDS)
            return action, gvariant_string(name), lambda s: s + [new_stage(name)]
        if action == "add-friction":
            i, text = r.randrange(n), r.choice(WORDS)

            def apply(s):
                s[i]["frictions"].append(new_friction(text))
                return s
            return action, f"({i}, {gvariant_string(text)})", apply
        if action == "insert-friction":
            i, text = r.randrange(n), r.choice(WORDS)
            j = r.randint(0, len(stages[i]["frictions"]))

            def apply(s):
                s[i]["frictions"].insert(j, new_friction(text))
                return s
            return action, f"({i}, {j}, {gvariant_string(text)})", apply
        if action == "delete-stage":
            i = r.randrange(n)
            return action, f"{i}", lambda s: s[:i] + s[i + 1:]
        if action == "move-stage":
            i, to = r.sample(range(n), 2)

            def apply(s):
                s.insert(to, s.pop(i))
                return s
            return action, f"({i}, {to})", apply
        if action == "delete-friction":
            i, j = r.choice(frictions)

            def apply(s):
                del s[i]["frictions"][j]
                return s
            return action, f"({i}, {j})", apply
        if action == "move-friction":
            i, j = r.choice(frictions)
            to_stage = r.randrange(n)
            if to_stage == i:
                if len(stages[i]["frictions"]) < 2:
                    return self.propose(r)
                to = r.choice([k for k in range(len(stages[i]["frictions"])) if k != j])
            else:
                to = r.randint(0, len(stages[to_stage]["frictions"]))

            def apply(s):
                s[to_stage]["frictions"].insert(to, s[i]["frictions"].pop(j))
                return s
            return action, f"({i}, {j}, {to_stage}, {to})", apply
        if action in ("set-stage-field", "set-friction-field"):
            fields = STAGE_FIELDS if action == "set-stage-field" else FRICTION_FIELDS
            # Two sets of one field in a row become one undo step in the app
            # (typing); keep them apart so that undo stays predictable.
            field = r.choice([f for f in fields if (action, f) != self.last_set])
            key, make, fmt = fields[field]
            value = make(r)
            if action == "set-stage-field":
                i = r.randrange(n)
                target = (lambda s: s[i])
                where = f"{i}"
            else:
                i, j = r.choice(frictions)
                target = (lambda s: s[i]["frictions"][j])
                where = f"{i}, {j}"

            def apply(s):
                target(s)[key] = value
                return s
            return action, f"({where}, {gvariant_string(field)}, <{fmt(value)}>)", apply, field
        return action, None, None

    def after(self, proposal):
        """The stages, undo and redo stacks once the edit is done."""
        action, apply = proposal[0], proposal[2]
        stages, undo, redo = self.stages, list(self.undo), list(self.redo)
        if action == "undo":
            if undo:
                redo.append(stages)
                stages = undo.pop()
        elif action == "redo":
            if redo:
                undo.append(stages)
                stages = redo.pop()
        else:
            changed = apply(copy_state(stages))
            if changed != stages:      # setting a field to its value is no step
                undo.append(stages)
                redo = []
                stages = changed
        return stages, undo, redo

    def commit(self, proposal):
        stages, self.undo, self.redo = self.after(proposal)
        # A set that changes nothing is no step, and the app's next set of the
        # step before it may still join that step: the field stays kept apart.
        if len(proposal) <= 3:
            self.last_set = None
        elif stages != self.stages:
            self.last_set = (proposal[0], proposal[3])
        self.stages = stages


def read_state(database, session_id):
    # Read-only, so the check itself cannot change what it checks.
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            fail(f"integrity_check: {integrity}")
        stages = []
        for stage_id, name, team, channel, work, feeling, notes in db.execute(
                "SELECT id, name, team, channel, work_minutes, customer_feeling, notes"
                " FROM stages WHERE session_id = ? ORDER BY position", (session_id,)):
            frictions = [{"text": t, "kind": k, "severity": sev, "notes": fn}
                         for t, k, sev, fn in db.execute(
                             "SELECT text, kind, severity, notes FROM frictions"
                             " WHERE stage_id = ? ORDER BY position", (stage_id,))]
            stages.append({"name": name, "team": team, "channel": channel,
                           "work_minutes": work, "customer_feeling": feeling, "notes": notes,
                           "frictions": frictions})
        return stages
    finally:
        db.close()


def lines(stages):
    """One line per stage and per friction point, for a readable difference."""
    out = []
    for i, stage in enumerate(stages):
        out.append(f"stage {i}: " + repr({k: v for k, v in stage.items() if k != "frictions"}))
        out += [f"  friction {i}.{j}: {friction!r}"
                for j, friction in enumerate(stage["frictions"])]
    return out


def difference(expected, found):
    diff = list(difflib.unified_diff(lines(expected), lines(found), "acknowledged",
                                     "database", n=1, lineterm=""))
    return "\n".join(diff[:40] + ([f"... {len(diff) - 40} more lines"] if len(diff) > 40 else []))


def start(staple, database):
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    # The app's messages go to a file: a pipe nobody reads could fill and stall it.
    log = open(database + ".log", "w+b")
    process = subprocess.Popen([staple, f"--database={database}"], env=env,
                               stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    process.log = log
    return process


def messages(process):
    process.log.seek(0)
    return process.log.read().decode(errors="replace").strip()


def wait_for_window(process, killed):
    """True once the window's actions are on the bus; False if the app was
    killed first (an early kill is one of the random moments)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if killed.is_set():
                return False
            fail(f"staple exited early with {process.returncode}: {messages(process)}")
        result = gdbus(WINDOW_PATH, "org.gtk.Actions.List")
        if result.returncode == 0 and "add-stage" in result.stdout:
            return True
        time.sleep(0.05)
    fail("the window's actions never appeared on the bus")


class Killer:
    """kill -9 from another thread after a random delay."""

    def __init__(self, process, delay):
        self.fired = threading.Event()
        self.process = process
        self.timer = threading.Timer(delay, self.kill)
        self.timer.start()

    def kill(self):
        self.fired.set()
        try:
            self.process.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass

    def finish(self):
        self.timer.cancel()
        self.kill()     # whatever happened, the trial ends with the app dead
        self.process.wait(timeout=10)
        self.process.log.close()


def first_session(staple, database):
    """Makes the session the loop works on; returns its id."""
    process = start(staple, database)
    killer = Killer(process, 3600)
    try:
        if not wait_for_window(process, killer.fired):
            fail("the first launch died")
        for action, parameter in (("new-session", None),
                                  ("set-session-field", '("title", <"Crash loop">)'),
                                  ("add-stage", '"First stage"')):
            ok, error = activate(action, parameter)
            if not ok:
                fail(f"{action}: {error}")
    finally:
        killer.finish()
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT id FROM sessions WHERE title = 'Crash loop'").fetchall()
        if len(rows) != 1:
            fail(f"after the first launch, sessions titled 'Crash loop': {rows}")
        (session_id,), = rows
    finally:
        db.close()
    return session_id


def trial(staple, database, session_id, model, r, number):
    """One launch, burst and kill. Returns the number of acknowledged edits."""
    process = start(staple, database)
    early = r.random() < 0.1
    # Most kills land in the burst; one in ten while the app starts and opens
    # the database (the delay starts with the launch).
    killer = Killer(process, r.uniform(0.0, 0.8) if early else 3600)
    model.launch()
    acknowledged = 0
    in_flight = None
    try:
        if wait_for_window(process, killer.fired):
            ok, error = activate("open-session", f"int64 {session_id}", path=APP_PATH)
            if not ok and not killer.fired.is_set():
                fail(f"open-session: {error}")
            if ok and not early:
                killer.timer.cancel()
                killer = Killer(process, r.uniform(0.02, 1.2))
            while ok:
                proposal = model.propose(r)
                ok, error = activate(proposal[0], proposal[1])
                if ok:
                    model.commit(proposal)
                    acknowledged += 1
                elif not killer.fired.is_set():
                    fail(f"trial {number}: {proposal[0]} {proposal[1]} failed before the kill: "
                         f"{error}")
                else:
                    in_flight = proposal
    finally:
        killer.finish()

    found = read_state(database, session_id)
    if found == model.stages:
        STATS["cut short, not there" if in_flight else
              "killed between calls" if acknowledged else "killed before the first edit"] += 1
        return acknowledged
    if in_flight is not None:
        stages, undo, redo = model.after(in_flight)
        if found == stages:
            model.commit(in_flight)
            STATS["cut short, there"] += 1
            return acknowledged
    fail(f"trial {number}: after {acknowledged} acknowledged edits"
         f"{' and ' + in_flight[0] + ' ' + str(in_flight[1]) + ' cut short' if in_flight else ''},"
         f" the database differs from what they make:\n{difference(model.stages, found)}")


def app_pid():
    result = gdbus("/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
                   APP_ID, dest="org.freedesktop.DBus")
    if result.returncode != 0:
        fail(f"no process id for {APP_ID}: {result.stderr.strip()}")
    return int(result.stdout.strip("()\n ,").split()[-1])


def durability(staple, database, session_id, model, r):
    """kill -9 cannot tell whether a commit reached the disk: the kernel keeps
    what the process wrote. So once, under strace, count that every
    acknowledged edit synced the write-ahead log (synchronous=FULL), as it
    must to survive a power cut."""
    strace = shutil.which("strace")
    if strace is None:
        print("# strace not found: the check that every edit is synced to disk did not run")
        return
    trace = database + ".strace"
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    log = open(database + ".log", "w+b")
    process = subprocess.Popen([strace, "-f", "--seccomp-bpf", "-qq", "-y", "-o", trace,
                                "-e", "trace=fsync,fdatasync", "-e", "signal=none",
                                staple, f"--database={database}"], env=env,
                               stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    process.log = log
    model.launch()
    edits = 12
    try:
        if not wait_for_window(process, threading.Event()):
            fail("the app under strace died")
        ok, error = activate("open-session", f"int64 {session_id}", path=APP_PATH)
        if not ok:
            fail(f"open-session under strace: {error}")
        with open(trace) as f:
            before = sum("-wal>" in line for line in f)
        for k in range(edits):
            text = r.choice(WORDS)
            if k % 2 or not model.stages:
                proposal = ("add-stage", gvariant_string(text),
                            lambda s, text=text: s + [new_stage(text)])
            else:
                i = r.randrange(len(model.stages))

                def apply(s, i=i, text=text):
                    s[i]["frictions"].append(new_friction(text))
                    return s
                proposal = ("add-friction", f"({i}, {gvariant_string(text)})", apply)
            ok, error = activate(proposal[0], proposal[1])
            if not ok:
                fail(f"{proposal[0]} under strace: {error}")
            model.commit(proposal)
        os.kill(app_pid(), signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        log.close()
    with open(trace) as f:
        syncs = sum("-wal>" in line for line in f) - before
    if syncs < edits:
        fail(f"{edits} acknowledged edits synced the write-ahead log only {syncs} times:"
             " an edit can be lost in a power cut (is synchronous FULL?)")
    if read_state(database, session_id) != model.stages:
        fail("the edits made under strace are not in the database")
    print(f"ok - {edits} acknowledged edits synced the write-ahead log {syncs} times")


def clean_quit(staple, database, session_id, model, r):
    """A last launch ends with app.quit rather than a kill: it must exit 0 with
    its edits in place (under the sanitizers this is where LeakSanitizer looks
    at the whole app)."""
    process = start(staple, database)
    model.launch()
    try:
        if not wait_for_window(process, threading.Event()):
            fail("the last launch died")
        ok, error = activate("open-session", f"int64 {session_id}", path=APP_PATH)
        if not ok:
            fail(f"open-session: {error}")
        for _ in range(10):
            proposal = model.propose(r)
            ok, error = activate(proposal[0], proposal[1])
            if not ok:
                fail(f"{proposal[0]} {proposal[1]}: {error}")
            model.commit(proposal)
        ok, error = activate("quit", path=APP_PATH)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            fail("app.quit did not end the app within a minute")
        if process.returncode != 0:
            hint = ("\n(GLib has no frame pointers: for whole stacks, run again with"
                    " ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0)"
                    if "LeakSanitizer" in messages(process) else "")
            fail(f"after app.quit the app exited with {process.returncode}:\n"
                 f"{messages(process)}{hint}")
        # What GTK or GLib says while the window is taken apart (a widget
        # finalized with children left, a critical) is a defect too.
        complaints = [line for line in messages(process).splitlines()
                      if re.search(r"-(WARNING|CRITICAL) \*\*", line)]
        if complaints:
            fail("app.quit exited 0 but the app complained:\n" + "\n".join(complaints[:10]))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.log.close()
    if read_state(database, session_id) != model.stages:
        fail("the edits before app.quit are not all in the database")
    print("ok - app.quit exits 0 and keeps every edit")


def main():
    if len(sys.argv) not in (2, 3, 4):
        fail(__doc__)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("SKIP: no display (run under xvfb-run)")
        sys.exit(SKIP)
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("SKIP: no D-Bus session (run under dbus-run-session)")
        sys.exit(SKIP)
    staple = os.path.abspath(sys.argv[1])
    # Fifty launches would take several minutes under the sanitizers: there a
    # few trials, then the clean quit that lets LeakSanitizer see the app.
    trials = int(sys.argv[2]) if len(sys.argv) > 2 else \
        5 if os.environ.get("STAPLE_TEST_SANITIZED") else TRIALS
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else random.randrange(1 << 32)
    print(f"# seed {seed} (rerun with: e2e-crashloop.py STAPLE {trials} {seed})")
    r = random.Random(seed)
    began = time.monotonic()

    with tempfile.TemporaryDirectory() as workdir:
        database = os.path.join(workdir, "sessions.db")
        session_id = first_session(staple, database)
        model = Model(read_state(database, session_id))
        if [s["name"] for s in model.stages] != ["First stage"]:
            fail(f"the first launch's edits: {lines(model.stages)}")
        total = 0
        for number in range(1, trials + 1):
            total += trial(staple, database, session_id, model, r, number)
        durability(staple, database, session_id, model, r)
        clean_quit(staple, database, session_id, model, r)
        print(f"ok - {trials} of {trials} trials survived kill -9: {total} acknowledged edits,"
              f" all in the database, integrity_check passes"
              f" ({len(model.stages)} stages,"
              f" {sum(len(s['frictions']) for s in model.stages)} friction points at the end,"
              f" {time.monotonic() - began:.0f} s)")
        print("# how the trials ended: " + ", ".join(f"{n} {k}" for k, n in sorted(STATS.items())))


if __name__ == "__main__":
    main()
