#!/usr/bin/env python3
"""Usage: check-cli-export.py STAPLE MAKE-DATABASE EXAMPLE.json

The export options of the real binary, run without a display: each one
writes its file; each bad argument prints one line starting "staple: ",
exits with 2 (a wrong command line) or 1 (a failure), and leaves no file.
The PDF's paper, orientation and poster are checked with pdfinfo. A map of
1,200 cards, too wide for one image, is wrapped (or drawn smaller) into a PNG
within 16,384 pixels a side and 64 million pixels, and stderr says so.
"""
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

SKIP = 77


def fail(message):
    print(f"not ok - {message}")
    sys.exit(1)


def env_without_display():
    return {k: v for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}


class Cli:
    def __init__(self, staple, database, workdir):
        self.staple = staple
        self.database = database
        self.workdir = workdir

    def path(self, name):
        return os.path.join(self.workdir, name)

    def run(self, *args):
        return subprocess.run([self.staple, f"--database={self.database}", *args],
                              env=env_without_display(), capture_output=True, text=True,
                              timeout=120)

    def files(self):
        return sorted(os.listdir(self.workdir))

    def clean(self):
        for name in self.files():
            if name != os.path.basename(self.database) and not name.startswith(
                    os.path.basename(self.database)):
                os.unlink(self.path(name))


def make_database(make_db, example, workdir):
    database = os.path.join(workdir, "example.db")
    result = subprocess.run([make_db, database, example], capture_output=True, text=True,
                            timeout=60)
    if result.returncode != 0:
        fail(f"make-database: {result.stderr}")
    return database, int(result.stdout.split()[0])


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


STAGES_HEADER = ["Stage number", "Stage", "Team", "Work minutes", "Work", "Waiting minutes",
                 "Waiting", "Longest wait", "Handoff", "Handed over into", "Dropped",
                 "Customer feeling", "Staff feeling"]


def check_stages_csv(path, stages):
    """The stages' times: the header, then a row per stage in the journey's
    order with its minutes as numbers, and nothing else (no totals row)."""
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"\xef\xbb\xbf") or not data.endswith(b"\r\n"):
        fail(f"{path} lacks the byte order mark or CRLF line ends")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    if rows[0] != STAGES_HEADER:
        fail(f"{path}'s header is {rows[0]}")
    if len(rows) != 1 + len(stages):
        fail(f"{path} has {len(rows) - 1} rows for {len(stages)} stages")
    longest = max(stage.get("wait_minutes", 0) for stage in stages)
    for number, (row, stage) in enumerate(zip(rows[1:], stages), start=1):
        wanted = [str(number), stage["name"], stage.get("team", ""),
                  str(stage.get("work_minutes", 0)), None,
                  str(stage.get("wait_minutes", 0)), None, None, None, None,
                  "Yes" if stage.get("dropped") else "No",
                  str(stage.get("customer_feeling", 0)), str(stage.get("staff_feeling", 0))]
        for column, value in enumerate(wanted):
            if value is not None and row[column] != value:
                fail(f"{path} row {number}, {STAGES_HEADER[column]}: {row[column]!r}, "
                     f"not {value!r}")
        if stage.get("wait_minutes", 0) == longest and row[7] != "Yes":
            fail(f"{path}: stage {number}'s wait, the journey's longest, is not marked")


def check_writes(cli, session, example_stages):
    result = cli.run(f"--session={session}", f"--export-csv={cli.path('map.csv')}",
                     f"--export-svg={cli.path('map.svg')}",
                     f"--export-png={cli.path('map.png')}",
                     f"--export-pdf={cli.path('map.pdf')}")
    if result.returncode != 0 or result.stderr:
        fail(f"exports: exit {result.returncode}, {result.stderr!r}")
    wanted = {"map.csv", "map-actions.csv", "map-stages.csv", "map.svg", "map.png", "map.pdf"}
    missing = wanted - set(cli.files())
    if missing:
        fail(f"exports did not write {missing}")

    with open(cli.path("map.pdf"), "rb") as f:
        if not f.read().startswith(b"%PDF-"):
            fail("map.pdf is not a PDF")
    with open(cli.path("map.csv"), "rb") as f:
        csv = f.read()
    if not csv.startswith(b"\xef\xbb\xbfStage number,Stage,Team,") or b"\r\n" not in csv:
        fail(f"map.csv does not start as expected: {csv[:60]!r}")
    with open(cli.path("map-actions.csv"), "rb") as f:
        if not f.read().startswith(b"\xef\xbb\xbfAction,Owner,Due,Status,Addresses\r\n"):
            fail("map-actions.csv does not start with its header")
    check_stages_csv(cli.path("map-stages.csv"), example_stages)
    root = ElementTree.parse(cli.path("map.svg")).getroot()
    if not root.tag.endswith("svg"):
        fail(f"map.svg's root is {root.tag}")

    width, height = png_size(cli.path("map.png"))
    cli.clean()
    result = cli.run(f"--session={session}", f"--export-png={cli.path('half.png')}",
                     "--png-scale=0.5")
    if result.returncode != 0:
        fail(f"--png-scale=0.5: {result.stderr!r}")
    half = png_size(cli.path("half.png"))
    if abs(half[0] - width / 2) > 1 or abs(half[1] - height / 2) > 1:
        fail(f"--png-scale=0.5 gave {half}, the map is {width}x{height}")
    cli.clean()
    print(f"ok - --export-csv, --export-svg, --export-png ({width}x{height}, "
          f"{half[0]}x{half[1]} at 0.5) and --export-pdf write their files without a display")


# The image's limits, as src/export/staple-export-png.c keeps them.
PNG_MAX_SIDE = 16384
PNG_MAX_PIXELS = 64 * 1024 * 1024


def big_session_json(path, n_stages=40, n_cards=30):
    """A session of n_stages × n_cards friction points of 2 to 18 words, as
    bench/staple-bench.c makes them: 40 × 30 is 46,504 pixels wide at 100 %."""
    rand = random.Random(1200)
    words = ("order approval stock queue form email manager signature credit check "
             "customer engineer part warehouse invoice call back weekend rule system "
             "screen copy paste spreadsheet handoff wait").split()
    stages = []
    for i in range(n_stages):
        frictions = [{"key": f"f{i}-{j}",
                      "text": " ".join(rand.choice(words)
                                       for _ in range(rand.randint(2, 18))).capitalize(),
                      "kind": rand.choice(["policy", "process", "unclear-expectations"]),
                      "severity": rand.randint(1, 5)}
                     for j in range(n_cards)]
        stages.append({"name": f"Stage {i + 1}: {rand.choice(words)} {rand.choice(words)}",
                       "team": f"Team {i // 4 + 1}", "channel": "phone",
                       "work_minutes": rand.randint(1, 600),
                       "wait_minutes": rand.randint(0, 20000),
                       "handoff": i % 4 == 0, "dropped": False,
                       "customer_feeling": rand.randint(-2, 2),
                       "staff_feeling": rand.randint(-2, 2), "frictions": frictions})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"title": "A walk of 1,200 friction points", "stages": stages}, f)


def check_big_png(cli, make_db):
    """--export-png of any session: a 1,200-card map at 100 % (46,504 px in one row)
    and at 400 % gives an image within the limits, says how on stderr in one line,
    and exits 0; an unwritable folder still fails with one clear line."""
    source = cli.path("big.json")
    big_session_json(source)
    big_db = cli.path("big.db")
    result = subprocess.run([make_db, big_db, source], capture_output=True, text=True,
                            timeout=60)
    if result.returncode != 0:
        fail(f"make-database of 1,200 cards: {result.stderr}")
    big = Cli(cli.staple, big_db, cli.workdir)
    session = f"--session={int(result.stdout.split()[0])}"
    sizes = []
    for scale, said in (("1", r"wrapped onto (\d+) rows of up to \d+ stages"),
                        ("4", r"drawn at \d+ %")):
        out = cli.path(f"big-{scale}.png")
        result = big.run(session, f"--export-png={out}", f"--png-scale={scale}")
        lines = result.stderr.split("\n")
        if result.returncode != 0 or not os.path.exists(out):
            fail(f"1,200 cards at --png-scale={scale}: exit {result.returncode}, "
                 f"{result.stderr!r}")
        if len(lines) != 2 or lines[1] != "" or not lines[0].startswith("staple: ") \
                or not re.search(said, lines[0]):
            fail(f"1,200 cards at --png-scale={scale}: stderr {result.stderr!r} does not "
                 f"say in one line how the map was laid out")
        width, height = png_size(out)
        if width > PNG_MAX_SIDE or height > PNG_MAX_SIDE or width * height > PNG_MAX_PIXELS:
            fail(f"1,200 cards at --png-scale={scale}: {width}x{height} is over the limits")
        if f"{width} × {height} pixels" not in lines[0]:
            fail(f"stderr {lines[0]!r} does not give the image's size {width}x{height}")
        sizes.append(f"{width}x{height}")
        os.unlink(out)
    rows = int(re.search(r"wrapped onto (\d+) rows", big.run(
        session, f"--export-png={cli.path('big.png')}").stderr).group(1))
    if rows < 3 or png_size(cli.path("big.png"))[0] < 12000:
        fail(f"1,200 cards at 100 %: {rows} rows, {png_size(cli.path('big.png'))}; "
             f"wanted at least 3 rows of the most the limit holds")
    os.unlink(cli.path("big.png"))
    result = big.run(session, f"--export-png={cli.path('no/such/folder/big.png')}")
    lines = result.stderr.split("\n")
    if result.returncode != 1 or len(lines) != 2 or not lines[0].startswith("staple: ") \
            or "big.png" not in lines[0]:
        fail(f"1,200 cards to an unwritable folder: exit {result.returncode}, "
             f"{result.stderr!r}")
    for name in ("big.json", "big.db", "big.db-wal", "big.db-shm"):
        if os.path.exists(cli.path(name)):
            os.unlink(cli.path(name))
    print(f"ok - --export-png of 1,200 cards: {sizes[0]} on {rows} rows at 100 %, "
          f"{sizes[1]} asked at 400 %, each said on stderr; an unwritable folder: "
          f"{lines[0]!r}")


def pdfinfo(path):
    result = subprocess.run(["pdfinfo", path], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        fail(f"pdfinfo {path}: {result.stderr}")
    info = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    size = info["Page size"].split()
    return int(info["Pages"]), (round(float(size[0])), round(float(size[2])))


def check_pdf(cli, session):
    if shutil.which("pdfinfo") is None:
        print("ok - # SKIP pdfinfo is not installed")
        return
    # Paper sizes in points, portrait; landscape swaps them.
    papers = {"a4": (595, 842), "a3": (842, 1191), "letter": (612, 792),
              "tabloid": (792, 1224), "a1": (1684, 2384), "a0": (2384, 3370)}
    pages = {}
    cases = [("default", [], (842, 595))]
    for paper, (short, long) in papers.items():
        cases.append((f"{paper}-portrait", [f"--paper={paper}", "--orientation=portrait"],
                      (short, long)))
    cases.append(("a3-landscape", ["--paper=A3", "--orientation=landscape"], (1191, 842)))
    cases += [("poster", ["--poster=3x2"], (842, 595)),
              ("map", ["--report=map"], (842, 595)),
              ("map-poster", ["--report=map", "--poster=3x2"], (842, 595)),
              ("summary", ["--report=summary"], (842, 595)),
              ("walk-sheets", ["--report=walk-sheets", "--orientation=portrait"], (595, 842))]
    for name, args, size in cases:
        path = cli.path(f"{name}.pdf")
        result = cli.run(f"--session={session}", f"--export-pdf={path}", *args)
        if result.returncode != 0 or result.stderr:
            fail(f"--export-pdf {args}: exit {result.returncode}, {result.stderr!r}")
        pages[name], got = pdfinfo(path)
        if got != size:
            fail(f"--export-pdf {args}: pages of {got} pt, wanted {size}")
    if pages["poster"] <= pages["default"] or pages["map-poster"] != 6:
        fail(f"--poster=3x2 does not tile the map: {pages}")
    if pages["summary"] != 1:
        fail(f"--report=summary has {pages['summary']} pages")
    cli.clean()
    print(f"ok - --export-pdf: {len(cases)} paper, orientation, poster and report options "
          f"give the right page size; {pages['default']} pages, {pages['poster']} with "
          f"--poster=3x2")


def bad_calls(cli, session):
    """(arguments, expected exit status, why); each names the files it would write."""
    s = f"--session={session}"
    out = cli.path
    return [
        ([f"--export-csv={out('a.csv')}"], 2, "export without --session"),
        ([s], 2, "--session without an export"),
        ([s, f"--export-csv={out('a.csv')}", "--session=x"], 2, "a session id that is no number"),
        ([s, f"--export-png={out('a.png')}", "--png-scale=9"], 2, "--png-scale=9"),
        ([s, f"--export-png={out('a.png')}", "--png-scale=0.1"], 2, "--png-scale=0.1"),
        ([s, f"--export-png={out('a.png')}", "--png-scale=two"], 2, "--png-scale=two"),
        ([s, f"--export-svg={out('a.svg')}", "--png-scale=2"], 2, "--png-scale without PNG"),
        ([s, "--export-svg="], 2, "an empty file name"),
        ([s, f"--export-svg={out('a.csv')}", f"--export-csv={out('a.csv')}"], 2,
         "two exports to one file"),
        ([s, f"--export-svg={out('a-actions.csv')}", f"--export-csv={out('a.csv')}"], 2,
         "an export over the actions CSV"),
        ([s, f"--export-svg={out('a-stages.csv')}", f"--export-csv={out('a.csv')}"], 2,
         "an export over the stages CSV"),
        (["--session=99999", f"--export-csv={out('a.csv')}"], 1, "no such session"),
        ([s, f"--export-csv={out('no/such/folder/a.csv')}"], 1, "an unwritable CSV path"),
        ([s, f"--export-svg={out('no/such/folder/a.svg')}"], 1, "an unwritable SVG path"),
        ([s, f"--export-png={out('no/such/folder/a.png')}"], 1, "an unwritable PNG path"),
        ([s, f"--export-svg={out('dir')}"], 1, "a folder in the way"),
        ([s, f"--export-pdf={out('a.pdf')}", "--paper=b5"], 2, "an unknown paper"),
        ([s, f"--export-pdf={out('a.pdf')}", "--paper="], 2, "an empty paper"),
        ([s, f"--export-pdf={out('a.pdf')}", "--orientation=sideways"], 2,
         "an unknown orientation"),
        ([s, f"--export-pdf={out('a.pdf')}", "--poster=3by2"], 2, "--poster=3by2"),
        ([s, f"--export-pdf={out('a.pdf')}", "--poster=0x0"], 2, "--poster=0x0"),
        ([s, f"--export-pdf={out('a.pdf')}", "--poster=21x20"], 2, "a poster over 20x20"),
        ([s, f"--export-pdf={out('a.pdf')}", "--poster=3x2x1"], 2, "--poster=3x2x1"),
        ([s, f"--export-pdf={out('a.pdf')}", "--poster=-3x2"], 2, "--poster=-3x2"),
        ([s, f"--export-pdf={out('a.pdf')}", "--report=everything"], 2, "an unknown report"),
        ([s, f"--export-svg={out('a.svg')}", "--paper=a3"], 2, "--paper without --export-pdf"),
        ([s, f"--export-png={out('a.png')}", "--poster=2x2"], 2,
         "--poster without --export-pdf"),
        ([f"--export-pdf={out('a.pdf')}", "--paper=a3"], 2, "a PDF without --session"),
        ([s, f"--export-pdf={out('no/such/folder/a.pdf')}"], 1, "an unwritable PDF path"),
        ([s, f"--export-pdf={out('dir')}"], 1, "a folder in the PDF's way"),
        ([f"--export-session={out('a.staple')}"], 2, "a .staple file without --session"),
        ([s, "--export-session="], 2, "an empty .staple file name"),
        ([s, f"--export-session={out('a.csv')}", f"--export-csv={out('a.csv')}"], 2,
         "a .staple file and a CSV to one file"),
        (["--session=99999", f"--export-session={out('a.staple')}"], 1,
         "a .staple file of no such session"),
        ([s, f"--export-session={out('no/such/folder/a.staple')}"], 1,
         "an unwritable .staple path"),
        ([s, f"--export-session={out('dir')}"], 1, "a folder in the .staple file's way"),
        (["--organisation=", f"--export-pdf={out('a.pdf')}"], 2, "an empty organisation"),
        (["--organisation=Kettlewell", f"--export-pdf={out('a.pdf')}"], 1,
         "an organisation nobody walked (matched exactly, not by a prefix)"),
        (["--organisation=X"], 2, "--organisation without an export"),
        ([s, "--organisation=X", f"--export-pdf={out('a.pdf')}"], 2,
         "--organisation with --session"),
        (["--organisation=X", f"--export-png={out('a.png')}"], 2,
         "--organisation with a session's export"),
        (["--organisation=X", f"--export-pdf={out('a.pdf')}", "--report=map"], 2,
         "--organisation with a session's report"),
        ([s, f"--export-pdf={out('a.pdf')}", "--report=review"], 2,
         "--report=review of a session"),
        ([s, "--export-ics="], 2, "an empty iCalendar file name"),
        ([s, f"--export-ics={out('no/such/folder/a.ics')}"], 1, "an unwritable iCalendar path"),
        (["--import="], 2, "an empty file to import"),
        ([f"--import={out('a.staple')}", "--list"], 2, "--import with --list"),
        ([f"--import={out('a.staple')}", s, f"--export-csv={out('a.csv')}"], 2,
         "--import with an export"),
        ([f"--import={out('a.staple')}", out("b.staple")], 2, "--import and a file to open"),
        ([out("notes.txt")], 2, "a file that is not a .staple file"),
        ([f"--import={out('no-such.staple')}"], 1, "importing a missing file"),
        ([f"--import={out('dir')}"], 1, "importing a folder"),
    ]


def check_bad_calls(cli, calls):
    for args, status, why in calls:
        os.mkdir(cli.path("dir"))
        result = cli.run(*args)
        lines = result.stderr.split("\n")
        if (result.returncode != status or len(lines) != 2 or lines[1] != ""
                or not lines[0].startswith("staple: ")):
            fail(f"{why}: exit {result.returncode} (wanted {status}), {result.stderr!r}")
        if result.stdout:
            fail(f"{why}: printed {result.stdout!r}")
        left = [name for name in cli.files() if not name.startswith("example.db")]
        if left != ["dir"] or os.listdir(cli.path("dir")):
            fail(f"{why}: left {left} behind")
        os.rmdir(cli.path("dir"))
    print(f"ok - {len(calls)} bad calls: one line on stderr, the right exit status, no file")


def check_share(cli, session):
    staple = cli.path("shared.staple")
    result = cli.run(f"--session={session}", f"--export-session={staple}")
    if result.returncode != 0 or result.stderr or result.stdout:
        fail(f"--export-session: exit {result.returncode}, {result.stderr!r}")
    with open(staple, "rb") as f:
        header = f.read(100)
    if not header.startswith(b"SQLite format 3\0") or header[18:20] != b"\x01\x01":
        fail(f"the .staple file is not a rollback-journal SQLite database: {header[:20]!r}")
    if [name for name in cli.files() if ".export-" in name or "journal" in name]:
        fail(f"--export-session left {cli.files()}")

    other = Cli(cli.staple, cli.path("other.db"), cli.workdir)
    ids = []
    for _ in range(2):
        result = other.run(f"--import={staple}")
        if result.returncode != 0 or result.stderr or not result.stdout.strip().isdigit():
            fail(f"--import: exit {result.returncode}, {result.stdout!r} {result.stderr!r}")
        ids.append(int(result.stdout))
    listing = other.run("--list").stdout.strip().split("\n")
    original = cli.run("--list").stdout.strip().split("\t")
    if ids[0] == ids[1] or len(listing) != 2 or listing[0].split("\t")[1:] != original[1:]:
        fail(f"--import twice gave ids {ids} and the list {listing!r}, not {original!r}")

    bad = cli.path("bad.staple")
    with open(bad, "wb") as f:
        f.write(b"not a database at all\n")
    result = other.run(f"--import={bad}")
    lines = result.stderr.split("\n")
    if (result.returncode != 1 or len(lines) != 2 or not lines[0].startswith("staple: ")
            or "bad.staple" not in lines[0] or result.stdout):
        fail(f"--import of a bad file: exit {result.returncode}, {result.stderr!r}")
    with open(bad, "rb") as f:
        if f.read() != b"not a database at all\n":
            fail("--import changed the file it refused")
    if len(other.run("--list").stdout.strip().split("\n")) != 2:
        fail("--import of a bad file changed the library")
    cli.clean()
    print(f"ok - --export-session writes a .staple file that --import adds as a new session "
          f"(ids {ids}); a bad file is refused with one line and left as it was")


def check_invalid_utf8(cli, session):
    """A byte that is not UTF-8 in a stored title (it passes integrity_check)
    is repaired as it is read: the PDF and a .staple file are written, and
    Staple's own import takes the .staple file."""
    import sqlite3
    db = sqlite3.connect(cli.database)
    db.execute("UPDATE sessions SET title = CAST(X'4F7264657220C3A9C0207374756479' AS TEXT)"
               " WHERE id = ?", (session,))
    db.commit()
    db.close()
    pdf = cli.path("repaired.pdf")
    staple = cli.path("repaired.staple")
    for args in ([f"--export-pdf={pdf}"], [f"--export-session={staple}"]):
        result = cli.run(f"--session={session}", *args)
        if result.returncode != 0:
            fail(f"{args} with a byte that is not UTF-8: {result.stderr!r}")
    other = Cli(cli.staple, cli.path("repaired-import.db"), cli.workdir)
    result = other.run(f"--import={staple}")
    if result.returncode != 0:
        fail(f"Staple refused its own export of a repaired title: {result.stderr!r}")
    listing = other.run("--list").stdout
    if "Order \u00e9\ufffd study" not in listing:
        fail(f"the repaired title came back as {listing!r}")
    cli.clean()
    print("ok - a stored byte that is not UTF-8 is repaired: PDF, .staple export and import")


def check_review(cli, session):
    """The review of the example's organisation, as a PDF and its open
    actions as iCalendar to-dos; the organisation is --list's last column."""
    row = cli.run("--list").stdout.strip().split("\n")[0].split("\t")
    organisation = "Kettlewell Coffee Systems Ltd"
    if len(row) != 6 or row[5] != organisation:
        fail(f"--list's row has no organisation column: {row!r}")
    pdf, ics = cli.path("review.pdf"), cli.path("open.ics")
    result = cli.run(f"--organisation={organisation}", f"--export-pdf={pdf}",
                     "--report=review", "--paper=a4", "--orientation=portrait")
    if result.returncode != 0 or result.stderr:
        fail(f"--report=review: {result.returncode} {result.stderr!r}")
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                              timeout=60).stdout
        for wanted in (f"Review of {organisation}", "1 walk", "The principles behind the friction",
                       "Promises kept", "Decisions handed to front-line staff"):
            if wanted not in text:
                fail(f"the review's PDF lacks {wanted!r}")
    result = cli.run(f"--organisation={organisation}", f"--export-ics={ics}")
    session_ics = cli.path("session.ics")
    result2 = cli.run(f"--session={session}", f"--export-ics={session_ics}")
    if result.returncode != 0 or result2.returncode != 0:
        fail(f"--export-ics: {result.stderr!r} {result2.stderr!r}")
    with open(ics, "rb") as f:
        data = f.read()
    with open(session_ics, "rb") as f:
        session_data = f.read()
    # The example's open actions, and all of its actions with the one done.
    if (not data.startswith(b"BEGIN:VCALENDAR\r\n") or data.count(b"BEGIN:VTODO") != 6
            or b"STATUS:COMPLETED" in data or session_data.count(b"BEGIN:VTODO") != 8
            or b"STATUS:COMPLETED" not in session_data):
        fail(f"the iCalendar files: {data[:200]!r} / {session_data.count(b'BEGIN:VTODO')}")
    cli.clean()
    print("ok - --organisation: the review as a PDF, open actions and a session's as to-dos")


def check_others(cli):
    result = cli.run("--list")
    if result.returncode != 0 or len(result.stdout.strip().split("\n")) != 1:
        fail(f"--list: {result.returncode} {result.stdout!r} {result.stderr!r}")
    result = subprocess.run([cli.staple, "--version"], env=env_without_display(),
                            capture_output=True, text=True, timeout=30)
    if result.returncode != 0 or not result.stdout.startswith("Staple "):
        fail(f"--version: {result.returncode} {result.stdout!r}")
    print("ok - --list and --version still work")


def main():
    if len(sys.argv) != 4:
        fail(__doc__)
    staple, make_db, example = (os.path.abspath(arg) for arg in sys.argv[1:])
    with tempfile.TemporaryDirectory() as workdir:
        database, session = make_database(make_db, example, workdir)
        cli = Cli(staple, database, workdir)
        with open(example, encoding="utf-8") as f:
            example_stages = json.load(f)["stages"]
        check_writes(cli, session, example_stages)
        check_big_png(cli, make_db)
        check_pdf(cli, session)
        check_share(cli, session)
        check_review(cli, session)
        check_bad_calls(cli, bad_calls(cli, session))
        check_others(cli)
        check_invalid_utf8(cli, session)


if __name__ == "__main__":
    main()
