#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The room under load (issue 14): 50 phones at once for 60 seconds against
the real app, inside a network namespace of its own (room-netns.sh) with the
app under the display wrapper:

    room-netns.sh python3 with-display.py python3 room-load.py \\
        STAPLE MAKE_DATABASE EXAMPLE.json [SECONDS [PHONES]]

Each phone joins, keeps the room's event stream open, and sends a friction
point for the current stage every second or two during the Walk; halfway,
the coach (over D-Bus) moves to Prioritise with anonymous voting, and every
phone votes, then votes again to correct itself. Meanwhile the coach's
window is asked over D-Bus every half second, and it reports every frame
(STAPLE_BENCH_FIRST_FRAME=frames).

Checked, as a coach would rely on it: every friction point a phone was told
was taken (202) waits in the window as a suggestion exactly once, and once
accepted is in the database exactly once; every phone's last ballot is in
the database, its first one gone; the window answered on the bus all along.
Printed: requests answered, their times, the window's frame times and its
answers on the bus, before and under the load. Timing is reported, not
judged: speed is for staple-bench."""

import datetime
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time

import staple_e2e as e2e

URL = re.compile(r"^http://(192\.168\.77\.[12]):(\d+)/([A-Za-z0-9_-]{22})/$")


def state(name):
    return e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.Describe", name).stdout


def room_url():
    return re.search(r"\[<'([^']*)'>\]", state("room")).group(1)


def suggestions():
    out = state("room-suggestions")
    return [(int(i), int(s), t) for i, s, t in
            re.findall(r"\((?:uint32 )?(\d+), (-?\d+), '((?:[^'\\]|\\.)*)'\)", out)]


class Frames:
    """The app's frames, read from its stderr as it writes them."""

    def __init__(self, stream):
        self.frames = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.read, args=(stream,), daemon=True)
        self.thread.start()

    def read(self, stream):
        for raw in stream:
            parts = raw.decode(errors="replace").split()
            if len(parts) == 3 and parts[0] == "frame":
                with self.lock:
                    self.frames.append((int(parts[1]) / 1e6, int(parts[2]) / 1e6))

    def durations_ms(self, start, end):
        """Frame times (paint start to end) of frames begun in [start, end),
        in the monotonic clock's seconds the app uses."""
        with self.lock:
            return [(b - a) * 1000 for a, b in self.frames if start <= a < end]


def monotonic_app():
    # GLib's g_get_monotonic_time is CLOCK_MONOTONIC, as Python's.
    return time.clock_gettime(time.CLOCK_MONOTONIC)


class Phone:
    def __init__(self, number, host, port, key, stats):
        self.number = number
        self.host, self.port, self.key = host, port, key
        self.stats = stats
        self.device = None
        self.accepted = []       # texts the room took (202)
        self.ballots = []        # ballots the room took
        self.errors = []

    def request(self, method, path, body=None):
        started = time.monotonic()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=15)
        try:
            data = json.dumps(body).encode() if body is not None else None
            headers = {"Content-Type": "application/json"} if data is not None else {}
            connection.request(method, f"/{self.key}/{path}", body=data, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            self.stats.record(time.monotonic() - started, response.status)
            return response.status, payload
        finally:
            connection.close()

    def join(self):
        status, payload = self.request("POST", "join", {})
        if status != 200:
            raise RuntimeError(f"phone {self.number}: join answered {status} {payload!r}")
        self.device = json.loads(payload)["device"]

    def listen(self, stop):
        """Keeps the event stream open, as a phone's browser does."""
        while not stop.is_set():
            try:
                connection = http.client.HTTPConnection(self.host, self.port, timeout=20)
                connection.request("GET", f"/{self.key}/events?device={self.device}")
                response = connection.getresponse()
                while not stop.is_set():
                    line = response.fp.readline()
                    if not line:
                        break
                connection.close()
            except (OSError, http.client.HTTPException):
                time.sleep(0.5)

    def send(self, stage_id, index):
        text = f"Phone {self.number} friction {index}: the form asks again for the serial"
        status, payload = self.request("POST", "friction",
                                       {"device": self.device, "stage": stage_id, "text": text})
        if status == 202:
            self.accepted.append(text)
        elif status != 429:
            self.errors.append(f"friction {status} {payload[:80]!r}")

    def vote(self, friction_ids):
        status, payload = self.request("POST", "vote", {"device": self.device,
                                                        "participant": None,
                                                        "frictions": friction_ids})
        if status == 200:
            self.ballots.append(list(friction_ids))
        elif status != 429:
            self.errors.append(f"vote {status} {payload[:80]!r}")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = []
        self.statuses = {}

    def record(self, seconds, status):
        with self.lock:
            self.times.append(seconds * 1000)
            self.statuses[status] = self.statuses.get(status, 0) + 1


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(values):
    if not values:
        return "none"
    return (f"{len(values)}, median {statistics.median(values):.1f} ms, "
            f"95th {percentile(values, 95):.1f} ms, max {max(values):.1f} ms")


def bus_probe(stop, times):
    while not stop.is_set():
        started = time.monotonic()
        e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.Describe", "room", check=True)
        times.append((time.monotonic() - started) * 1000)
        stop.wait(0.5)


def main():
    if len(sys.argv) < 4:
        e2e.fail(__doc__)
    e2e.require_display()
    staple, make_database, example = (os.path.abspath(a) for a in sys.argv[1:4])
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 60.0
    n_phones = int(sys.argv[5]) if len(sys.argv) > 5 else 50

    with e2e.workdir() as work:
        session = json.load(open(example, encoding="utf-8"))
        session["date"] = datetime.date.today().isoformat()
        session["votes"] = []
        source = os.path.join(work, "today.json")
        with open(source, "w", encoding="utf-8") as f:
            json.dump(session, f)
        database = os.path.join(work, "sessions.db")
        made = subprocess.run([make_database, database, source], check=True, timeout=60,
                              capture_output=True, text=True).stdout.split()
        session_id = int(made[0])

        with e2e.App(staple, database, env={"STAPLE_BENCH_FIRST_FRAME": "frames"}) as app:
            frames = Frames(app.process.stderr)
            run(app, frames, session_id, seconds, n_phones)


def run(app, frames, session_id, seconds, n_phones):
    db = app.db
    e2e.gdbus("/io/github/stapleapp/Staple", "org.gtk.Actions.Activate", "open-session",
              f"[<int64 {session_id}>]", "{}")
    time.sleep(1.0)
    e2e.activate("set-phase", "<'walk'>")
    e2e.activate("set-current-stage", "<2>")
    e2e.activate("room-open")
    url = room_url()
    match = URL.match(url)
    if match is None:
        e2e.fail(f"the room's state is no address of the room: {url!r}")
    host, port, key = match.group(1), int(match.group(2)), match.group(3)
    stage_id = db.query("SELECT id FROM stages WHERE session_id = ? ORDER BY position",
                        session_id)[2][0]
    before_frictions = db.query("SELECT count(*) FROM frictions")[0][0]

    # The window at rest, for comparison.
    stop_bus = threading.Event()
    bus_times = []
    rest_start = monotonic_app()
    probe = threading.Thread(target=bus_probe, args=(stop_bus, bus_times), daemon=True)
    probe.start()
    time.sleep(5)
    rest_end = monotonic_app()
    rest_bus = list(bus_times)

    stats = Stats()
    phones = [Phone(i + 1, host, port, key, stats) for i in range(n_phones)]
    for phone in phones:
        phone.join()
    stop = threading.Event()
    listeners = [threading.Thread(target=p.listen, args=(stop,), daemon=True) for p in phones]
    for listener in listeners:
        listener.start()

    load_start = monotonic_app()
    walk_end = time.monotonic() + seconds / 2

    def walk(phone):
        rng = random.Random(phone.number)
        index = 0
        while time.monotonic() < walk_end:
            phone.send(stage_id, index)
            index += 1
            time.sleep(rng.uniform(1.0, 2.0))

    workers = [threading.Thread(target=walk, args=(p,)) for p in phones]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    # Everything a phone was told was taken waits in the window, once.
    sent = sorted(text for p in phones for text in p.accepted)
    waiting = sorted(text for _, _, text in suggestions())
    e2e.expect("every friction point taken from a phone waits once as a suggestion",
               (len(waiting), waiting == sent), (len(sent), True))
    print(f"ok - {len(sent)} friction points from {n_phones} phones in {seconds / 2:.0f} s, "
          "each a suggestion once")

    # Half of them accepted by the coach, over D-Bus, while the phones vote.
    e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.SetState", "room-anonymous", "<true>", "{}")
    e2e.activate("set-phase", "<'prioritise'>")
    time.sleep(1.0)
    friction_ids = [row[0] for row in db.query(
        "SELECT f.id FROM frictions f JOIN stages s ON f.stage_id = s.id"
        " WHERE s.session_id = ?", session_id)]
    dots = db.query("SELECT dots_per_participant FROM sessions WHERE id = ?", session_id)[0][0]
    vote_end = time.monotonic() + seconds / 2

    def prioritise(phone):
        rng = random.Random(1000 + phone.number)
        while time.monotonic() < vote_end:
            phone.vote(rng.sample(friction_ids, dots))
            time.sleep(rng.uniform(1.0, 3.0))

    workers = [threading.Thread(target=prioritise, args=(p,)) for p in phones]
    for worker in workers:
        worker.start()
    to_accept = suggestions()[: len(sent) // 2]
    for suggestion_id, _, _ in to_accept:
        e2e.activate("room-accept", f"<(uint32 {suggestion_id}, 'process')>")
    for worker in workers:
        worker.join()
    load_end = monotonic_app()
    stop.set()
    stop_bus.set()
    probe.join(timeout=10)
    load_bus = bus_times[len(rest_bus):]

    errors = [e for p in phones for e in p.errors]
    if errors:
        e2e.fail(f"{len(errors)} requests refused unexpectedly, e.g. {errors[:3]}")

    # Accepted ones are friction points once; the rest still wait.
    accepted_texts = sorted(t for _, _, t in to_accept)
    stored = sorted(row[0] for row in db.query(
        "SELECT text FROM frictions WHERE text LIKE 'Phone % friction %'"))
    e2e.expect("every accepted suggestion is a friction point once",
               stored, accepted_texts)
    e2e.expect("the friction points in the database", db.query("SELECT count(*) FROM frictions")
               [0][0], before_frictions + len(accepted_texts))
    e2e.expect("the suggestions still waiting", len(suggestions()), len(sent) - len(to_accept))
    print(f"ok - {len(to_accept)} suggestions accepted, each stored once; "
          f"{len(sent) - len(to_accept)} still wait")

    # Every phone's last ballot is in the database, and only that.
    expected = {}
    for phone in phones:
        if phone.ballots:
            expected[phone.number] = sorted(phone.ballots[-1])
    rows = db.query("SELECT p.id, v.friction_id FROM votes v JOIN participants p"
                    " ON v.participant_id = p.id WHERE p.session_id = ?"
                    " AND p.name = 'Anonymous voter'", session_id)
    by_voter = {}
    for participant, friction in rows:
        by_voter.setdefault(participant, []).append(friction)
    got = sorted(sorted(v) for v in by_voter.values())
    e2e.expect("every phone's last ballot, and no other, is in the database",
               got, sorted(expected.values()))
    n_ballots = sum(len(p.ballots) for p in phones)
    print(f"ok - {n_ballots} ballots from {len(expected)} phones; the database has each "
          f"phone's last one ({len(rows)} dots)")

    if not app.alive():
        e2e.fail("staple exited under the load")
    e2e.activate("room-close")
    e2e.expect("the room's state after closing", room_url(), "")

    print(f"# requests: {summary(stats.times)}; answers {dict(sorted(stats.statuses.items()))}")
    print(f"# frames at rest: {summary(frames.durations_ms(rest_start, rest_end))}")
    print(f"# frames under load: {summary(frames.durations_ms(load_start, load_end))}")
    print(f"# the window on the bus at rest: {summary(rest_bus)}")
    print(f"# the window on the bus under load: {summary(load_bus)}")
    if load_bus and max(load_bus) > 5000:
        e2e.fail(f"the window took {max(load_bus):.0f} ms to answer on the bus under load")
    print("ok - the window answered on the bus all along")


if __name__ == "__main__":
    main()
