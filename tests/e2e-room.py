#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the room in the coach's window (issue 14), inside a network
namespace of its own (room-netns.sh) where the app runs under the display
wrapper:

    room-netns.sh python3 with-display.py python3 e2e-room.py \\
        STAPLE MAKE_DATABASE EXAMPLE.json PHONES.js [SHOT_DIR]

The example workshop, dated today, in the real app: a taken port and a
session under review are refused with a message; `room-open` over D-Bus; the
`room` action's state is the address, and the QR code on the presenter
(1280 × 720) reads back as it (zbarimg); three phones (headless chromium,
e2e-room-phones.js) join and send friction points in the Walk; the coach
accepts one with two keys (Ctrl+R, then the kind's number) and others over
D-Bus; each is a friction point in the database, and one undo takes it away;
one is merged into a card, one discarded; in Prioritise the phones vote,
named and then anonymously, and the database has their dots; closing the
room ends the phones' event streams at once and the state is "" again; a
room listens only on the networks switched on in Preferences › Room (the
`room-networks` state), and refuses to open when none of them is connected; a room closes when another session
opens. Screenshots of the window, the
room's dialog, the Walk's panel and the presenter in SHOT_DIR (or a
temporary folder)."""

import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import staple_e2e as e2e

APP_PATH = "/io/github/stapleapp/Staple"
URL = re.compile(r"^http://(192\.168\.77\.[12]):(\d+)/([A-Za-z0-9_-]{22})/$")


class Phones:
    """The node helper: one JSON command a line, one JSON answer a line."""

    def __init__(self, script):
        self.process = subprocess.Popen(["node", script], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, bufsize=1)

    def do(self, what, **args):
        self.process.stdin.write(json.dumps({"do": what, **args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait(timeout=10)
            if code == e2e.SKIP:
                print("SKIP: the phones need chromium and playwright-core (npm ci in tests/)")
                sys.exit(e2e.SKIP)
            e2e.fail(f"the phones' helper ended ({code}) on {what}")
        answer = json.loads(line)
        if not answer.get("ok"):
            e2e.fail(f"phones: {what} {args}: {answer.get('error')}")
        return answer

    def close(self):
        if self.process.poll() is None:
            try:
                self.do("quit")
            finally:
                self.process.wait(timeout=30)


def state(name):
    out = e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.Describe", name).stdout
    return out


def room_url():
    return re.search(r"\[<'([^']*)'>\]", state("room")).group(1)


def suggestions():
    """The suggestions waiting, as the `room-suggestions` state lists them:
    (id, stage index, text)."""
    out = state("room-suggestions")
    return [(int(i), int(s), t) for i, s, t in
            re.findall(r"\((?:uint32 )?(\d+), (-?\d+), '((?:[^'\\]|\\.)*)'\)", out)]


def activate_checked(name, parameter=None):
    """Activates a window action through the window's own interface, which
    answers with the error the window showed, if any."""
    return e2e.gdbus(e2e.WINDOW_PATH, "io.github.stapleapp.Staple.Window.Activate", name,
                     f"[{parameter}]" if parameter is not None else "[]", "{}", check=False)


def expect_refused(what, result, pattern):
    if result.returncode == 0:
        e2e.fail(f"{what}: the action was not refused")
    if not re.search(pattern, result.stderr):
        e2e.fail(f"{what}: the message does not say why: {result.stderr.strip()}")
    print(f"ok - {what}: {result.stderr.strip().splitlines()[-1][:160]}")


def window_of(name):
    ids = e2e.xdotool("search", "--onlyvisible", "--name", name, check=False).split()
    return ids[0] if ids else None


def shoot_window(window, path):
    subprocess.run(["import", "-window", window, path], check=True, timeout=30)
    print(f"# screenshot {path}")


def read_code(path):
    """The text of the QR code in a picture, with zbarimg, or None without it."""
    if shutil.which("zbarimg") is None:
        return None
    result = subprocess.run(["zbarimg", "--quiet", "--raw", path], capture_output=True,
                            text=True, timeout=30)
    return result.stdout.strip()


def open_stream(url):
    """A phone's event stream at the HTTP level: joins, then reads the first
    event; returns the socket, left open."""
    host, port, key = URL.match(url).groups()
    body = b"{}"
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(f"POST /{key}/join HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json"
                  f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
        answer = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    device = re.search(rb'"device"\s*:\s*"([A-Za-z0-9_-]+)"', answer).group(1).decode()
    stream = socket.create_connection((host, int(port)), timeout=10)
    stream.sendall(f"GET /{key}/events?device={device} HTTP/1.1\r\nHost: {host}\r\n"
                   "Accept: text/event-stream\r\n\r\n".encode())
    seen = b""
    while b"event: state" not in seen:
        chunk = stream.recv(65536)
        if not chunk:
            e2e.fail("the event stream ended before its first event")
        seen += chunk
    return stream


def stream_ends_within(stream, seconds):
    stream.settimeout(seconds)
    start = time.monotonic()
    try:
        while stream.recv(65536):
            pass
        return time.monotonic() - start
    except (socket.timeout, TimeoutError):
        return None
    except ConnectionResetError:
        return time.monotonic() - start
    finally:
        stream.close()


def refuses_connections(url):
    host, port, _ = URL.match(url).groups()
    try:
        socket.create_connection((host, int(port)), timeout=3).close()
        return False
    except OSError:
        return True


def frictions(app, text):
    return app.db.query("SELECT s.position, f.kind FROM frictions f JOIN stages s"
                        " ON s.id = f.stage_id WHERE f.text = ?", text)


def main():
    if len(sys.argv) < 5:
        e2e.fail("usage: e2e-room.py STAPLE MAKE_DATABASE EXAMPLE.json PHONES.js [SHOT_DIR]")
    staple, make_database, example, phones_js = sys.argv[1:5]
    shots = sys.argv[5] if len(sys.argv) > 5 else tempfile.mkdtemp(prefix="staple-room-shots-")
    os.makedirs(shots, exist_ok=True)
    e2e.require_display()
    if shutil.which("node") is None or not os.path.exists("/usr/bin/chromium"):
        print("SKIP: the phones need node and Debian's chromium")
        sys.exit(e2e.SKIP)
    try:
        if os.readlink("/proc/self/ns/net") == os.readlink("/proc/1/ns/net"):
            e2e.fail("not in a network namespace of its own: run it through tests/room-netns.sh")
    except OSError:
        pass  # /proc/1 not readable: the wrapper is trusted

    with e2e.workdir() as work:
        # The example, on its day (a past session opens for review), in the
        # Frame, without the votes it ships with: the dots are the phones'.
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
        stages = [s["name"] for s in session["stages"]]

        # A port another program holds: STAPLE_ROOM_PORT asks for it.
        holder = socket.socket()
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        holder.bind(("0.0.0.0", 0))
        holder.listen()
        port = holder.getsockname()[1]

        phones = Phones(phones_js)
        with e2e.App(staple, database, env={"STAPLE_ROOM_PORT": str(port)}) as app:
            try:
                run(app, phones, session_id, stages, port, holder, shots)
            finally:
                phones.close()
                app.kill()
                # Any warning fails, "Trying to snapshot AdwViewStack without
                # a current allocation" too: the map's page went undrawn for
                # frames after a card added from the room made the map taller.
                lines = app.stderr_text().splitlines()
                errors = [line for line in lines if "CRITICAL" in line or "WARNING" in line]
                if errors:
                    e2e.fail("the app warned: " + "\n".join(errors[:10]))


def run(app, phones, session_id, stages, port, holder, shots):
    e2e.gdbus(APP_PATH, "org.gtk.Actions.Activate", "open-session", f"[<int64 {session_id}>]",
              "{}")
    e2e.xdotool("windowsize", app.window, "1280", "800")
    time.sleep(1.5)
    e2e.expect("the room's state before it opens", room_url(), "")

    # What stops a room, said as the window says its other errors: no local
    # network (the namespace's addresses taken away a moment), a port taken.
    network = [("room0", "192.168.77.1/24"), ("room1", "192.168.77.2/24")]
    for device, _ in network:
        subprocess.run(["ip", "addr", "flush", "dev", device], check=True)
    try:
        expect_refused("no local network", activate_checked("room-open"), r"local network")
    finally:
        for device, address in network:
            subprocess.run(["ip", "addr", "add", address, "dev", device], check=True)
    e2e.expect("the room's state after the refusal", room_url(), "")
    expect_refused("a port another program holds", activate_checked("room-open"),
                   rf"{port}|in use|could not be opened")
    e2e.expect("the room's state after the refusal", room_url(), "")
    holder.close()
    e2e.activate("set-session-field", "<('date', <'2020-01-31'>)>")
    expect_refused("a session under review", activate_checked("room-open"),
                   r"review")
    e2e.activate("set-session-field",
                 f"<('date', <'{datetime.date.today().isoformat()}'>)>")

    # The session menu (F10) lets the room join; Close the Room is hidden.
    app.click(640, 400)
    e2e.keys("F10", settle=0.8)
    e2e.screenshot(os.path.join(shots, "window-session-menu.png"))
    e2e.keys("Escape", settle=0.5)

    # Open: the address, the dialog, the presenter's code.
    e2e.activate("room-open")
    url = room_url()
    if not URL.match(url) or URL.match(url).group(2) != str(port):
        e2e.fail(f"the room's state is no address of the room on port {port}: {url!r}")
    print(f"ok - the room listens at {url}")
    time.sleep(1.0)
    e2e.screenshot(os.path.join(shots, "window-room-dialog.png"))
    dialog = window_of("Let the Room Join")
    e2e.expect("the room's dialog is shown", dialog is not None, True)
    shoot_window(dialog, os.path.join(shots, "room-dialog.png"))
    e2e.expect("the dialog's code reads as the address",
               read_code(os.path.join(shots, "room-dialog.png")) in (url, None), True)
    e2e.expect("the presenter is asked to show the code", "true" in state("room-show-code"), True)

    e2e.activate("presenter")
    time.sleep(1.5)
    presenter = window_of("Presenter")
    e2e.expect("the presenter window opened", presenter is not None, True)
    shot = os.path.join(shots, "presenter-frame-code.png")
    shoot_window(presenter, shot)
    size = subprocess.run(["identify", "-format", "%wx%h", shot], capture_output=True,
                          text=True).stdout
    e2e.expect("the presenter's size", size, "1280x720")
    decoded = read_code(shot)
    if decoded is not None:
        e2e.expect("the presenter's code, scanned, is the room's address", decoded, url)

    # No window manager here: the presenter sits over the coach's window.
    e2e.activate("presenter")
    e2e.expect_soon("the presenter closes", lambda: window_of("Presenter"), None)

    # Three phones join.
    joined = phones.do("join", url=url, phones=3)
    e2e.expect("the phones show the session's title", set(joined["titles"]),
               {json.load(open(sys.argv[3], encoding="utf-8"))["title"]})
    e2e.expect_soon("phones joined, as the window counts them",
                    lambda: re.search(r"<uint32 (\d+)>", state("room-phones")).group(1), "3")
    time.sleep(0.5)
    shoot_window(dialog, os.path.join(shots, "room-dialog-3-phones.png"))

    # Walk: the dialog closed, the presenter shows the walk without the code.
    e2e.xdotool("windowfocus", "--sync", dialog, check=False)
    e2e.keys("Escape", settle=0.6)
    e2e.expect_soon("Escape closes the room's dialog", lambda: window_of("Let the Room Join"),
                    None)
    e2e.expect("the room stays open", room_url(), url)
    e2e.expect("the presenter no longer asked for the code",
               "false" in state("room-show-code"), True)
    e2e.activate("set-phase", "<'walk'>")
    e2e.activate("set-current-stage", "<1>")
    time.sleep(1.0)

    sent = [
        (0, stages[1], "Nobody tells the café the part is on back-order"),
        (1, stages[1], "The agent cannot see the warehouse stock"),
        (2, stages[2], "A second approval for anything over £200"),
        (0, stages[1], "Callers are asked for the serial number twice"),
        (1, stages[1], "A duplicate of something already on the map"),
    ]
    # They arrive while the coach types a card on the map: every key still
    # goes into the card.
    app.focus_map("alt+3")
    before = app.db.cards(1)
    e2e.type_text("The warehouse and the desk ")
    for phone, stage, text in sent:
        phones.do("send", phone=phone, stage=stage, text=text)
    e2e.type_text("use two part numbers")
    e2e.keys("Return")
    e2e.expect_soon("the card typed while suggestions arrived is whole",
                    lambda: app.db.cards(1),
                    before + ["The warehouse and the desk use two part numbers"])
    e2e.expect_soon("the window lists what the phones sent",
                    lambda: [(s, t) for _, s, t in suggestions()],
                    [(stages.index(stage), text) for _, stage, text in sent])
    waiting = suggestions()
    time.sleep(0.5)
    e2e.screenshot(os.path.join(shots, "window-walk-suggestions.png"))

    # The coach, on the map, takes the first by keyboard: Ctrl+R, then 5
    # (Tools, as the Accept menu numbers it).
    e2e.KEYS.reset()
    e2e.keys("ctrl+r", settle=0.5)
    e2e.screenshot(os.path.join(shots, "window-walk-focused.png"))
    e2e.keys("5", settle=0.8)
    e2e.expect("keystrokes to accept a suggestion as Tools", e2e.KEYS.count, 2)
    first = waiting[0][2]
    e2e.expect_soon("the first suggestion is a Tools friction point of its stage",
                    lambda: frictions(app, first), [(1, "tools")])
    e2e.expect("it is no longer waiting", [i for i, _, _ in suggestions()],
               [i for i, _, _ in waiting[1:]])
    # The keyboard is on the next one: Enter shows the kinds, M the cards to
    # merge into, Escape closes each; Delete discards it.
    e2e.keys("Return", settle=0.8)
    e2e.screenshot(os.path.join(shots, "window-accept-menu.png"))
    e2e.keys("Escape", settle=0.5)
    e2e.keys("m", settle=0.8)
    e2e.screenshot(os.path.join(shots, "window-merge-menu.png"))
    e2e.keys("Escape", settle=0.5)
    e2e.expect("the menus changed nothing", [i for i, _, _ in suggestions()],
               [i for i, _, _ in waiting[1:]])
    e2e.keys("Delete", settle=0.8)
    e2e.expect("Delete discards the next one", [i for i, _, _ in suggestions()],
               [i for i, _, _ in waiting[2:]])
    e2e.expect("a discarded suggestion is stored nowhere", frictions(app, waiting[1][2]), [])
    e2e.screenshot(os.path.join(shots, "window-discarded.png"))
    # A slip of the Delete key: the toast's Undo (a real click, where the
    # toast shows at 1280×800) brings it back where it was, once.
    app.click(772, 747)
    e2e.expect_soon("the toast's Undo brings the discarded one back where it was",
                    lambda: [i for i, _, _ in suggestions()], [i for i, _, _ in waiting[1:]])
    expect_refused("bringing it back twice",
                   activate_checked("room-restore", f"<uint32 {waiting[1][0]}>"),
                   r"no longer")
    e2e.activate("room-discard", f"<uint32 {waiting[1][0]}>")
    e2e.expect_soon("discarded again, over D-Bus", lambda: [i for i, _, _ in suggestions()],
                    [i for i, _, _ in waiting[2:]])
    e2e.keys("Escape")

    # Over D-Bus: accepted as Policy; an unknown id and kind are refused.
    third = waiting[2]
    e2e.activate("room-accept", f"<(uint32 {third[0]}, 'policy')>")
    e2e.expect_soon("an accepted suggestion is a friction point in the database",
                    lambda: frictions(app, third[2]), [(2, "policy")])
    expect_refused("a suggestion dealt with already",
                   activate_checked("room-accept", f"<(uint32 {third[0]}, 'policy')>"),
                   r"dealt with|no suggestion")
    expect_refused("a kind that does not exist",
                   activate_checked("room-accept", f"<(uint32 {waiting[3][0]}, 'luck')>"), r"luck")
    # One undo takes it away, kind and all; redo brings it back.
    e2e.activate("undo")
    e2e.expect_soon("one undo removes the accepted friction point",
                    lambda: frictions(app, third[2]), [])
    e2e.activate("redo")
    e2e.expect_soon("redo brings it back", lambda: frictions(app, third[2]), [(2, "policy")])

    # Merge the duplicate into the first card of stage 2.
    card = app.db.cards(1)[0]
    e2e.activate("room-merge", f"<(uint32 {waiting[4][0]}, 1, 0)>")
    e2e.expect_soon("a merged suggestion is added to the card's text",
                    lambda: app.db.cards(1)[0], card + "\n" + waiting[4][2])
    e2e.activate("room-accept", f"<(uint32 {waiting[3][0]}, 'process')>")
    e2e.expect_soon("accepted as Process", lambda: frictions(app, waiting[3][2]),
                    [(1, "process")])
    e2e.expect("nothing waits any more", suggestions(), [])

    # Prioritise: named votes, totals hidden then shown, then anonymous.
    e2e.expect("the phones see no totals by default", "false" in state("room-show-totals"),
               True)
    e2e.activate("set-phase", "<'prioritise'>")
    phones.do("phase", name="Prioritise")
    ballot_a = phones.do("vote", phone=0, name=0, rows=[0, 0, 1])["texts"]
    ballot_b = phones.do("vote", phone=1, name=1, rows=[0])["texts"]
    names = [p["name"] for p in json.load(open(sys.argv[3], encoding="utf-8"))["participants"]]

    def dots_of(name):
        return sorted(t for (t,) in app.db.query(
            "SELECT f.text FROM votes v JOIN participants p ON p.id = v.participant_id"
            " JOIN frictions f ON f.id = v.friction_id WHERE p.name = ?", name))

    e2e.expect_soon(f"{names[0]}'s dots in the database", lambda: dots_of(names[0]),
                    sorted(ballot_a))
    e2e.expect_soon(f"{names[1]}'s dots in the database", lambda: dots_of(names[1]),
                    sorted(ballot_b))
    e2e.expect("phones see no totals while hidden", phones.do("totals", phone=0)["totals"], [])
    e2e.activate("room-show-totals")
    e2e.expect("room-show-totals is on", "true" in state("room-show-totals"), True)
    time.sleep(1.0)
    totals = phones.do("totals", phone=0)["totals"]
    e2e.expect("the phones see the totals once shown", len(totals) > 0, True)
    e2e.expect("the most voted has the dots of both", bool(re.search(r"\b3\b", totals[0])),
               True)
    phones.do("shot", phone=0, path=os.path.join(shots, "phone-totals.png"))

    e2e.activate("room-anonymous")
    e2e.expect("room-anonymous is on", "true" in state("room-anonymous"), True)
    ballot_c = phones.do("vote", phone=2, name=None, rows=[1])["texts"]
    e2e.expect_soon("the anonymous phone's dot is in the database, under no one's name",
                    lambda: app.db.query(
                        "SELECT count(*) FROM votes v JOIN frictions f ON f.id = v.friction_id"
                        " JOIN participants p ON p.id = v.participant_id"
                        " WHERE f.text = ? AND p.name NOT IN (%s)" % ",".join("?" * len(names)),
                        ballot_c[0], *names)[0][0], 1)
    time.sleep(0.5)
    e2e.screenshot(os.path.join(shots, "window-prioritise.png"))

    # The coach's Ctrl+Z takes back the coach's last edit (accepting the
    # suggestion as Process, with any dot a phone put on it), never a
    # phone's ballot nor the anonymous voter; redo brings the card back
    # with its dots.
    def all_dots():
        return sorted(app.db.query(
            "SELECT p.name, f.text FROM votes v JOIN participants p ON p.id = v.participant_id"
            " JOIN frictions f ON f.id = v.friction_id"))

    cast = all_dots()
    n_participants = app.db.query("SELECT count(*) FROM participants")[0][0]
    e2e.xdotool("windowactivate", "--sync", app.window, check=False)
    e2e.keys("ctrl+z")
    e2e.expect_soon("Ctrl+Z takes back the coach's last edit",
                    lambda: frictions(app, waiting[3][2]), [])
    e2e.expect("Ctrl+Z leaves every other dot the phones placed",
               all_dots(), [d for d in cast if d[1] != waiting[3][2]])
    e2e.expect("Ctrl+Z leaves the anonymous voter",
               app.db.query("SELECT count(*) FROM participants")[0][0], n_participants)
    e2e.keys("ctrl+shift+z")
    e2e.expect_soon("redo brings the card back with its dots", all_dots, cast)

    # Closing: every stream ends at once; the state is "" again.
    stream = open_stream(url)
    e2e.activate("room-open")  # shows the code again, the room already open
    e2e.expect("opening an open room keeps its address", room_url(), url)
    e2e.activate("presenter")
    time.sleep(1.5)
    presenter = window_of("Presenter")
    shoot_window(presenter, os.path.join(shots, "presenter-prioritise-code.png"))
    decoded = read_code(os.path.join(shots, "presenter-prioritise-code.png"))
    if decoded is not None:
        e2e.expect("the code on the presenter while the dialog is open", decoded, url)
    e2e.activate("presenter")
    e2e.activate("room-close")
    took = stream_ends_within(stream, 3)
    e2e.expect("room-close ends an event stream within 3 s", took is not None, True)
    print(f"# the stream ended {took:.3f} s after room-close")
    e2e.expect("the room's state once closed", room_url(), "")
    e2e.expect("nothing listens at the address any more", refuses_connections(url), True)
    phones.do("closed")
    phones.do("shot", phone=1, path=os.path.join(shots, "phone-closed.png"))
    e2e.expect("the dialog went with the room", window_of("Let the Room Join"), None)

    # Only the networks the coach allows: in Preferences › Room, a click
    # turns room1's switch off (the rows come in the system's order, room1
    # first, in the preferences window at the screen's corner); room0's,
    # the last one on, cannot be turned off.
    e2e.gdbus(APP_PATH, "org.gtk.Actions.Activate", "preferences", "[]", "{}")
    time.sleep(1.5)
    e2e.xdotool("mousemove", "380", "27", "click", "1")
    time.sleep(1.0)
    e2e.screenshot(os.path.join(shots, "preferences-room.png"))
    e2e.xdotool("mousemove", "545", "178", "click", "1")
    e2e.expect_soon("a click on room1's switch leaves room0 alone allowed",
                    lambda: "['room0']" in state("room-networks"), True)
    e2e.xdotool("mousemove", "545", "233", "click", "1")
    time.sleep(0.5)
    e2e.expect("room0's switch, the last one on, stays on",
               "['room0']" in state("room-networks"), True)
    e2e.screenshot(os.path.join(shots, "preferences-room-one-off.png"))
    e2e.keys("Escape", settle=0.8)
    e2e.activate("room-open")
    only = room_url()
    e2e.expect("the room listens on room0's address", bool(re.match(
        r"^http://192\.168\.77\.1:\d+/", only)), True)
    e2e.expect("the room does not listen on room1's address",
               refuses_connections(only.replace("192.168.77.1", "192.168.77.2")), True)
    print(f"ok - with room1 switched off the room listens at {only} only")
    e2e.activate("room-close")
    e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.SetState", "room-networks",
              "<['wlan-elsewhere']>", "{}")
    expect_refused("only a network that is not connected", activate_checked("room-open"),
                   r"wlan-elsewhere")
    e2e.expect("the room's state after the refusal", room_url(), "")
    e2e.gdbus(e2e.WINDOW_PATH, "org.gtk.Actions.SetState", "room-networks", "<@as []>", "{}")

    # A room closes when another session opens.
    e2e.activate("room-open")
    again = room_url()
    e2e.expect("the room opens again, with a new key", bool(URL.match(again)) and again != url,
               True)
    e2e.activate("new-session")
    e2e.expect_soon("another session closes the room", room_url, "")
    e2e.expect("nothing listens at its address", refuses_connections(again), True)
    e2e.expect("the app is alive", app.alive(), True)


if __name__ == "__main__":
    main()
