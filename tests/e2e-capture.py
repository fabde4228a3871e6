#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Capture on the map at the speed of talk, in the real window, by keyboard.

- Walk: typing with the current stage starts a card on it (the 56 letters
  once went nowhere), Enter starts an empty one (it once renamed the stage);
  the Map and Diagnose phases take typed cards too, Diagnose keeps its keys.
- A key that cannot start a card says why (a toast), and adds nothing.
- The in-place editors cover the whole header they edit and keep to their
  stage's column; a card typed in between moves the next one down, whole.
- The empty map invites the first stage: Enter, or a double click, adds one
  and opens its name; a double click in the stage row past the last stage
  adds another.
- One vote in the Prioritise phase.

Each friction point's keystrokes besides its text are counted and printed.

Usage: e2e-capture.py STAPLE
"""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import staple_e2e as e2e  # noqa: E402

ACCENT = "#3584e4"
MAP_AREA = (720, 540, 0, 165)   # width, height, x, y: the map, not the side panel
TOAST_AREA = (600, 90, 250, 620)
MAP_TOGGLE = (487, 27)           # the header bar's Map and List buttons
LIST_TOGGLE = (610, 27)
MAX_EXTRA_KEYS = 2              # besides a friction point's text, its stage chosen


# The database, one session at a time (the library holds several)

def session_id(db):
    return db.query("SELECT MAX(id) FROM sessions")[0][0]


def stages(db, session):
    return [name for (name,) in db.query(
        "SELECT name FROM stages WHERE session_id = ? ORDER BY position", session)]


def cards(db, session, stage):
    return [text for (text,) in db.query(
        "SELECT f.text FROM frictions f JOIN stages s ON f.stage_id = s.id"
        " WHERE s.session_id = ? AND s.position = ? ORDER BY f.position", session, stage)]


def card_field(db, session, text, field):
    return db.query(f"SELECT f.{field} FROM frictions f JOIN stages s ON f.stage_id = s.id"
                    " WHERE s.session_id = ? AND f.text = ?", session, text)[0][0]


def votes_on(db, text):
    return db.query("SELECT COUNT(*) FROM votes v JOIN frictions f ON v.friction_id = f.id"
                    " WHERE f.text = ?", text)[0][0]


# What the screen shows

def shot(name):
    path = os.path.join(SHOTS, name + ".png")
    e2e.screenshot(path)
    return path


def magick(*args):
    # A uniform image has no bounding box: ImageMagick says so on stderr.
    return subprocess.run(["convert", *args], check=True, capture_output=True, text=True,
                          timeout=30).stdout


def crop(area):
    return "%dx%d+%d+%d" % area


def box(text, area):
    """x, y, width, height of a '%@' answer, in window coordinates."""
    size, x, y = text.strip().split("+")
    width, height = size.split("x")
    return int(x) + area[2], int(y) + area[3], int(width), int(height)


def accent_box(path, area=MAP_AREA):
    """Where the map draws its selection, in the accent colour."""
    return box(magick(path, "-crop", crop(area), "+repage", "-fill", "black", "-fuzz", "4%",
                      "+opaque", ACCENT, "-fill", "white", "-opaque", ACCENT,
                      "-format", "%@", "info:"), area)


def changed_box(before, after, area=MAP_AREA):
    """Where two screenshots differ, or None."""
    answer = magick(before, after, "-crop", crop(area), "+repage", "-compose", "difference",
                    "-composite", "-colorspace", "gray", "-threshold", "8%",
                    "-format", "%@", "info:")
    x, y, width, height = box(answer, area)
    return None if width == 0 or height == 0 else (x, y, width, height)


def moved_down(before, after, card):
    """How far the picture of @card (a box in @before) is further down in
    @after, and how well it matches there (0 is exactly)."""
    x, y, width, height = card[0] + 4, card[1] + 4, card[2] - 8, card[3] - 8
    picture = os.path.join(SHOTS, "card.png")
    strip = os.path.join(SHOTS, "strip.png")
    magick(before, "-crop", crop((width, height, x, y)), "+repage", picture)
    magick(after, "-crop", crop((width + 8, height + 200, x - 4, y)), "+repage", strip)
    answer = subprocess.run(["compare", "-metric", "RMSE", "-subimage-search", strip, picture,
                             "null:"], capture_output=True, text=True, timeout=60).stderr
    match = re.search(r"\(([0-9.e-]+)\) @ (\d+),(\d+)", answer)
    if match is None:
        e2e.fail("compare found no match: " + answer)
    return float(match.group(1)), int(match.group(3))


def accent_pixels(path, area=MAP_AREA):
    return int(magick(path, "-crop", crop(area), "+repage", "-fill", "black", "-fuzz", "6%",
                      "+opaque", ACCENT, "-colorspace", "gray", "-format",
                      "%[fx:int(mean*w*h+0.5)]", "info:"))


def header_bottom(path, top):
    """The first row, below @top, of the customer lane's grey stripe in the
    lane names' margin: where a stage's header ends."""
    column = magick(path, "-crop", "1x300+8+%d" % top, "+repage", "-colorspace", "gray",
                    "-depth", "8", "txt:-")
    rows = [line for line in column.splitlines() if not line.startswith("#")]
    for index, line in enumerate(rows):
        if int(line.split("gray(")[-1].rstrip(")")) < 246:
            return top + index
    e2e.fail("the lane names' margin shows no grey stripe below the header")


def extra_keys(what, text):
    extra = e2e.KEYS.count - len(text)
    print(f"# keystrokes for a friction point {what}, besides its {len(text)} characters: "
          f"{extra}")
    if extra > MAX_EXTRA_KEYS:
        e2e.fail(f"{what}: {extra} keystrokes besides the text, at most {MAX_EXTRA_KEYS}")
    return extra


def phase(key):
    """Goes to a phase by its Alt+number, not counted: the keys after it are."""
    e2e.keys(key, settle=0.7)  # the page's cross-fade


# The walk, by keyboard alone

def walk(app, session):
    db = app.db
    names = stages(db, session)
    first = cards(db, session, 0)

    # Straight from the session's page, no click: the map has the keyboard.
    phase("alt+3")
    text = "Parts for the brew unit are only ordered on a Monday, whoever rings"
    e2e.KEYS.reset()
    e2e.type_text(text)
    e2e.keys("Return")
    e2e.expect_soon("Walk: a card typed on the current stage lands whole",
                    lambda: cards(db, session, 0), first + [text])
    e2e.expect("Walk: typing renamed no stage", stages(db, session), names)
    extra_keys("in the Walk", text)

    # Enter on the next stage starts an empty card there, not its name.
    second = cards(db, session, 1)
    e2e.keys("Next", settle=0.5)
    text = "Engineer waits for the van"
    e2e.KEYS.reset()
    e2e.keys("Return")
    e2e.type_text(text)
    e2e.keys("Return")
    e2e.expect_soon("Walk: Enter on a stage starts a new card on it",
                    lambda: cards(db, session, 1), second + [text])
    e2e.expect("Walk: Enter renamed no stage", stages(db, session), names)
    extra_keys("in the Walk with Enter first", text)

    # Enter again, with the card just added selected, starts the next one
    # after it: it never opens that card to be typed over.
    after = "Van stock is counted on Fridays only"
    e2e.keys("Return")
    e2e.type_text(after)
    e2e.keys("Return")
    e2e.expect_soon("Walk: Enter after a card starts the next card, the last one kept",
                    lambda: cards(db, session, 1), second + [text, after])
    return after


def map_and_diagnose(app, session, after):
    db = app.db

    # Map: the card just added is selected; typing adds one after it.
    phase("alt+2")
    text = "Van stock list is a spreadsheet on one laptop"
    e2e.KEYS.reset()
    e2e.type_text(text)
    e2e.keys("Return")
    e2e.expect_soon("Map: a card typed after the selected one lands there",
                    lambda: cards(db, session, 1)[-2:], [after, text])
    extra_keys("in the Map", text)

    # Diagnose: on a card, digits and K keep their meaning...
    phase("alt+4")
    kind = card_field(db, session, text, "kind")
    e2e.keys("2", "k")
    e2e.expect_soon("Diagnose: 2 sets the selected card's severity",
                    lambda: card_field(db, session, text, "severity"), 2)
    e2e.expect_soon("Diagnose: K changes its kind (a moment later: no letter followed it)",
                    lambda: card_field(db, session, text, "kind") != kind, True)
    e2e.expect("Diagnose: neither started a card", cards(db, session, 1)[-1], text)

    # P opens the principle picker over the card: part of a name, or a
    # number, then Enter; the map has the keyboard again after.
    e2e.KEYS.reset()
    e2e.keys("p", settle=0.8)
    e2e.type_text("silo")
    e2e.keys("Return", settle=0.6)
    e2e.expect_soon("Diagnose: P, part of a name and Enter set the card's principle",
                    lambda: card_field(db, session, text, "principle"), "cooperate-across-silos")
    print(f"# keystrokes for a principle by name on the map: {e2e.KEYS.count}")
    e2e.KEYS.reset()
    e2e.keys("p", settle=0.8)
    e2e.type_text("9")
    e2e.keys("Return", settle=0.6)
    e2e.expect_soon("Diagnose: P, a number and Enter set the card's principle",
                    lambda: card_field(db, session, text, "principle"), "give-people-time")
    print(f"# keystrokes for a principle by number on the map: {e2e.KEYS.count}")
    e2e.expect("Diagnose: the picker started no card", cards(db, session, 1)[-1], text)

    # ...and any other key starts a card after it.
    diagnosed = "Returned parts sit in the boot for weeks"
    e2e.KEYS.reset()
    e2e.type_text(diagnosed)
    e2e.keys("Return")
    e2e.expect_soon("Diagnose: a card typed after the selected one lands there",
                    lambda: cards(db, session, 1)[-1], diagnosed)
    extra_keys("in Diagnose", diagnosed)

    # A sentence may start with a Diagnose key: what follows it at typing
    # speed tells it from the key, so the card is whole and the selected
    # card keeps its kind, severity and principle.
    for sentence in ("Keys are kept by one person", "3 teams touch the case",
                     "Parts arrive late"):
        previous = cards(db, session, 1)[-1]
        fields = [card_field(db, session, previous, f) for f in ("kind", "severity", "principle")]
        e2e.type_text(sentence)
        e2e.keys("Return")
        e2e.expect_soon(f"Diagnose: “{sentence}” typed on a card is a card, whole",
                        lambda: cards(db, session, 1)[-1], sentence)
        e2e.expect(f"Diagnose: “{sentence}” changed nothing on the card before it",
                   [card_field(db, session, previous, f)
                    for f in ("kind", "severity", "principle")], fields)
    return cards(db, session, 1)[-1]


def nothing_dropped(app, session):
    """Prioritise takes no cards: a letter says so, and adds nothing."""
    db = app.db
    count = db.query("SELECT COUNT(*) FROM frictions")[0][0]
    phase("alt+5")
    time.sleep(1.0)  # no toast yet: the page settled
    before = shot("prioritise-before")
    e2e.type_text("w", settle=1.0)
    after = shot("prioritise-after")
    e2e.expect("Prioritise: a letter that cannot start a card shows why (a toast)",
               changed_box(before, after, TOAST_AREA) is not None, True)
    e2e.expect("Prioritise: and adds no card", db.query("SELECT COUNT(*) FROM frictions")[0][0],
               count)


def inside(column):
    x, y, width, height = column
    return (width - 12, height - 12, x + 6, y + 6)


def right_of(column):
    """The gap after a stage's column, before the next stage's."""
    x, y, width, height = column
    return (24, height - 12, x + width + 2, y + 6)


def editors(app, session):
    """The stage's name editor covers the whole header; a new card's editor
    keeps to its stage's column. The current stage (the Walk's second),
    so that the accent colour shows this one column."""
    phase("alt+2")
    e2e.keys("Escape", "Escape", "Right", "Right", settle=0.6)
    before = shot("stage-selected")
    column = accent_box(before)
    bottom = header_bottom(before, column[1] + 4)

    e2e.keys("F2", settle=0.6)
    editing = shot("stage-editor")
    editor = changed_box(before, editing, inside(column))
    print(f"# column {column}, header down to {bottom}, name editor {editor}")
    e2e.expect("the stage's name editor opens", editor is not None, True)
    e2e.expect("the name editor covers the stage's whole header (no old text below it)",
               editor[1] + editor[3] >= bottom, True)
    e2e.expect("the name editor stays inside its column",
               changed_box(before, editing, right_of(column)), None)
    e2e.keys("Escape", settle=0.5)

    # A new card's editor: as wide as a card, never over the next stage.
    text = "Nobody knows which van has the part, so every engineer phones the depot first"
    e2e.type_text(text, settle=0.6)
    editing = shot("card-editor")
    editor = changed_box(before, editing, inside(column))
    print(f"# new card editor {editor}")
    e2e.expect("a new card's editor opens", editor is not None, True)
    e2e.expect("a new card's editor keeps to its stage's column",
               changed_box(before, editing, right_of(column)), None)
    e2e.expect("a new card's editor grows to show its lines", editor[3] > 60, True)
    e2e.keys("Escape", settle=0.4)
    e2e.expect("Escape drops the new card", cards(app.db, session, 1)[-1] != text, True)

    # Typed after a card, the new card's editor goes in between: the next
    # card moves down out of its way, whole, rather than being covered.
    e2e.keys("Right", "Down", "Down", "Down", settle=0.6)  # the next stage's second card
    # Right of the current stage, which the accent colour also shows.
    right = column[0] + column[2] + 4
    second = accent_box(shot("second-card"), (MAP_AREA[0] - right, MAP_AREA[1], right, MAP_AREA[3]))
    e2e.keys("Up", settle=0.5)
    before = shot("first-card")
    e2e.type_text("Q", settle=0.6)
    error, moved = moved_down(before, shot("card-between"), second)
    print(f"# the next card moved down {moved} px (picture error {error:.3f})")
    e2e.expect("the next card moves down out of the new card's editor, whole",
               error < 0.06 and moved > 20, True)
    e2e.keys("Escape", settle=0.4)


# The empty map

def new_session(app):
    old = session_id(app.db)
    e2e.activate("new-session")
    e2e.expect_soon("a new session", lambda: session_id(app.db) != old, True)
    time.sleep(1.0)
    return session_id(app.db)


def empty_map_by_keys(app):
    db = app.db
    session = new_session(app)
    phase("alt+2")
    empty = shot("empty-map")
    e2e.expect("the empty map shows its Add a Stage button", accent_pixels(empty) > 1500, True)

    name = "Customer rings the service line"
    e2e.KEYS.reset()
    e2e.keys("Return")
    e2e.type_text(name)
    e2e.keys("Return")
    e2e.expect_soon("Enter on the empty map adds a stage, named as typed",
                    lambda: stages(db, session), [name])
    print(f"# keystrokes for the first stage, besides its name: {e2e.KEYS.count - len(name)}")

    text = "Nobody answers after six"
    e2e.KEYS.reset()
    e2e.type_text(text)
    e2e.keys("Return")
    e2e.expect_soon("the stage just named takes a typed card", lambda: cards(db, session, 0),
                    [text])
    extra_keys("on a stage just added", text)
    vote(app, text)

    # A double click in the stage row, past the last stage, adds the next.
    phase("alt+2")
    e2e.keys("Up", "Up", settle=0.5)  # the card's stage
    column = accent_box(shot("first-stage"))
    app.click(column[0] + column[2] + 80, column[1] + 20, repeat=2)
    e2e.type_text("Engineer visits")
    e2e.keys("Return")
    e2e.expect_soon("a double click in the stage row past the last stage adds one",
                    lambda: stages(db, session), [name, "Engineer visits"])

    # Ctrl+Enter on a map with stages: the next one, by the keyboard alone.
    e2e.KEYS.reset()
    e2e.keys("ctrl+Return")
    e2e.type_text("Invoice sent")
    e2e.keys("Return")
    e2e.expect_soon("Ctrl+Enter adds a stage after the last, named as typed",
                    lambda: stages(db, session), [name, "Engineer visits", "Invoice sent"])
    e2e.expect("keystrokes for the third stage, besides its name",
               e2e.KEYS.count - len("Invoice sent"), 2)

    # Ctrl+V on the stage just named: a card holding a pasted paragraph,
    # its lines and emoji whole.
    pasted = ("The invoice goes to the head office, not the café 🧾\n"
              "Nobody tells the owner it was sent; she finds it a month later. ") * 12
    clip = subprocess.Popen(["xclip", "-selection", "clipboard", "-i", "-quiet"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    clip.stdin.write(pasted.encode())
    clip.stdin.close()
    time.sleep(0.5)
    e2e.KEYS.reset()
    e2e.keys("ctrl+v", settle=1.0)
    e2e.keys("Return")
    clip.kill()
    clip.wait()
    e2e.expect_soon("Ctrl+V on a stage adds a card holding the pasted text",
                    lambda: cards(db, session, 2), [pasted.strip()])
    e2e.expect("keystrokes to paste a card", e2e.KEYS.count, 2)


def empty_map_by_double_click(app):
    db = app.db
    session = new_session(app)
    phase("alt+2")
    app.click(120, 260, repeat=2)
    e2e.type_text("Claim logged")
    e2e.keys("Return")
    e2e.expect_soon("a double click on the empty map adds a stage, named as typed",
                    lambda: stages(db, session), ["Claim logged"])

    # Escape on a stage just added takes it away again.
    column = accent_box(shot("claim-stage"))
    app.click(column[0] + column[2] + 80, column[1] + 20, repeat=2)
    e2e.expect_soon("the double click added a stage to name",
                    lambda: len(stages(db, session)), 2)
    e2e.keys("Escape", settle=0.5)
    e2e.expect_soon("Escape on a new stage's name takes it away again",
                    lambda: stages(db, session), ["Claim logged"])


def vote(app, text):
    """One dot in the Prioritise phase, the card selected: voter and +."""
    e2e.activate("add-participant", "<('Ana Reyes', 'head of sales')>")
    time.sleep(0.5)
    phase("alt+5")
    e2e.KEYS.reset()
    e2e.keys("1", "plus")
    e2e.expect_soon("Prioritise: 1 then + puts the voter's dot on the selected card",
                    lambda: votes_on(app.db, text), 1)
    print(f"# keystrokes for one vote, the card selected: {e2e.KEYS.count}")


def arriving_types_over_nothing(app, session):
    """Arriving on a page, a key typed at once lands where it adds, never
    over a field's text: the Frame, the Commit page, the List view."""
    db = app.db

    def words():
        return (db.query("SELECT title FROM sessions WHERE id = ?", session),
                db.query("SELECT text FROM actions ORDER BY id"),
                stages(db, session))

    before = words()
    phase("alt+1")
    e2e.type_text("z")
    phase("alt+6")
    e2e.type_text("q")
    phase("alt+2")
    app.click(*LIST_TOGGLE)
    e2e.type_text("x")
    time.sleep(0.5)
    e2e.expect("arriving on the Frame, the Commit page and the List, a key replaces no text",
               words(), before)
    e2e.keys("Escape")
    app.click(*MAP_TOGGLE)


def main():
    if len(sys.argv) != 2:
        e2e.fail(__doc__)
    e2e.require_display()
    staple = os.path.abspath(sys.argv[1])
    started = time.monotonic()

    global SHOTS
    with e2e.workdir() as workdir:
        # STAPLE_E2E_SHOTS=DIR keeps the screenshots, to look at.
        SHOTS = os.environ.get("STAPLE_E2E_SHOTS", workdir)
        with e2e.App(staple, os.path.join(workdir, "sessions.db"), "--example") as app:
            session = session_id(app.db)
            after = walk(app, session)
            map_and_diagnose(app, session, after)
            editors(app, session)
            nothing_dropped(app, session)
            arriving_types_over_nothing(app, session)
            empty_map_by_keys(app)
            empty_map_by_double_click(app)
            if not app.alive():
                e2e.fail("staple died")
    print(f"# {time.monotonic() - started:.1f} s")


SHOTS = None

if __name__ == "__main__":
    main()
