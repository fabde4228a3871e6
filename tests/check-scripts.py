#!/usr/bin/env python3
"""Usage: check-scripts.py STAPLE MAKE-DATABASE SCRIPTS.json

Every script on paper: a session typed in Japanese, Chinese, Korean, Arabic
and Hebrew, with emoji and combining accents ("e" + U+0301), exported by the
real binary without a display as PDF, SVG and PNG.

- PDF: pdftotext gives every stage, friction point and action back, and
  pdffonts shows that each font is embedded and that no monospace font was
  needed (Pango draws a character no font covers as a box of hex digits in
  monospace; such a box is also text that is not the word).
- SVG: well-formed, the words in its <title> and <desc>; the only images in
  it are colour emoji (cairo 1.16 embeds those as bitmaps), at least 48
  pixels high so that they stay sharp when enlarged.
- PNG: an image of the map's size.

Needs the Noto fonts (Debian: fonts-noto-core, fonts-noto-cjk,
fonts-noto-color-emoji); without them it fails and says which to install.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ElementTree

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

# Bidi embedding marks that pdftotext puts around right-to-left runs.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))

# The texts to find, as typed in SCRIPTS.json: on the map (so also in the
# SVG's <title> and <desc>), and only in the report. Arabic words with a
# lam-alef ligature (لا) are left out: poppler gives the ligature back in
# visual order ("ال"), whatever the PDF says.
MAP_TEXTS = [
    ("Japanese stage", "電話で注文を受ける"),
    ("Japanese friction point", "在庫があるのに土曜日は発注できない"),
    ("Chinese friction point", "客服不能查看合同"),
    ("Korean friction point", "주말에는 부품을 주문할 수 없습니다"),
    ("Arabic stage", "مراجعة الطلب"),
    ("Arabic friction point", "الموافقة تنتظر المدير"),
    ("Hebrew friction point", "הלקוח מחכה לאישור של המנהל"),
    ("combining accents", "Re\u0301sume\u0301 and nai\u0308ve cafe\u0301 notes get lost"),
    ("Latin beside emoji", "Customer waits"),
]
REPORT_TEXTS = [
    ("Japanese team", "営業"),
    ("Arabic team", "العمليات"),
    ("Japanese participant", "山田 花子 — 営業部長"),
    ("Korean participant", "김민준 — 고객 지원"),
    # Name and role are each set apart in the report's own (left-to-right)
    # line, "name — role"; poppler reads an all-Hebrew line right to left,
    # so it gives them in the other order: each must be there whole.
    ("Hebrew participant", "דנה לוי"),
    ("Hebrew participant's role", "מנהלת שירות"),
    ("accented facilitator", "Zoe\u0308 A\u030angstro\u0308m"),
    ("Japanese action", "週末の担当者が部品を発注できるようにする"),
    ("Arabic action", "تفويض الموافقة إلى الفريق"),
]

# Emoji drawn on the map (the stage name and a card); the title's is not.
MAP_EMOJI = 3


def fail(message):
    print(f"not ok - {message}")
    sys.exit(1)


def normal(text):
    """NFC, without bidi marks or blanks.

    Blanks go because lines wrap anywhere in Chinese, Japanese and Korean,
    and because poppler reads the gaps between right-to-left glyphs placed
    one by one as spaces ("ד נה ל ו י"): the letters must come back, in
    order, and no others (a hex box is letters too).
    """
    text = unicodedata.normalize("NFC", text).translate(BIDI_CONTROLS)
    return re.sub(r"\s+", "", text)


def env_without_display():
    return {k: v for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}


def run(*args):
    result = subprocess.run(args, env=env_without_display(), capture_output=True, text=True,
                            timeout=120)
    if result.returncode != 0:
        fail(f"{' '.join(args)}: exit {result.returncode}, {result.stderr!r}")
    return result.stdout


def check_fonts_installed():
    needs = {"Noto Sans CJK JP": "fonts-noto-cjk", "Noto Sans Arabic": "fonts-noto-core",
             "Noto Sans Hebrew": "fonts-noto-core", "Noto Color Emoji": "fonts-noto-color-emoji"}
    if shutil.which("fc-list") is None:
        return
    families = run("fc-list", ":", "family")
    missing = sorted({package for family, package in needs.items() if family not in families})
    if missing:
        fail(f"fonts for every script are missing; install {' '.join(missing)}")


def export(staple, make_db, session_json, workdir):
    database = os.path.join(workdir, "scripts.db")
    session = run(make_db, database, session_json).split()[0]
    paths = {kind: os.path.join(workdir, f"scripts.{kind}") for kind in ("pdf", "svg", "png")}
    run(staple, f"--database={database}", f"--session={session}",
        f"--export-pdf={paths['pdf']}", f"--export-svg={paths['svg']}",
        f"--export-png={paths['png']}")
    for path in paths.values():
        if not os.path.getsize(path):
            fail(f"{path} is empty")
    return paths


def check_words(where, text, texts):
    text = normal(text)
    missing = [f"{what} ({word})" for what, word in texts if normal(word) not in text]
    if missing:
        fail(f"{where} lacks {', '.join(missing)}")


def check_pdf(path):
    if shutil.which("pdftotext") is None or shutil.which("pdffonts") is None:
        print("ok - # SKIP poppler-utils (pdftotext, pdffonts) is not installed")
        return
    check_words("the PDF's text", run("pdftotext", path, "-"), MAP_TEXTS + REPORT_TEXTS)

    lines = run("pdffonts", path).splitlines()[2:]
    fonts = sorted({line.split()[0].split("+")[-1] for line in lines})
    not_embedded = [line.split()[0] for line in lines if line.split()[-5] != "yes"]
    if not_embedded:
        fail(f"the PDF does not embed {not_embedded}")
    if any("Mono" in font for font in fonts):
        fail(f"the PDF has a monospace font, so a character was drawn as a hex box: {fonts}")
    if not any("NotoSansCJK" in font for font in fonts):
        fail(f"the PDF has no Noto Sans CJK for Chinese, Japanese and Korean: {fonts}")
    print(f"ok - the PDF gives back {len(MAP_TEXTS + REPORT_TEXTS)} texts in six scripts with combining accents; "
          f"fonts embedded: {', '.join(fonts)}")


def svg_size(root):
    return (float(root.get("width").removesuffix("px")),
            float(root.get("height").removesuffix("px")))


def check_svg(path):
    root = ElementTree.parse(path).getroot()
    check_words("the SVG's <title> and <desc>",
                "".join(root.findtext(f"{SVG}{tag}") or "" for tag in ("title", "desc")),
                MAP_TEXTS)
    images = root.iter(f"{SVG}image")
    heights = sorted(float(image.get("height")) for image in images)
    if len(heights) > MAP_EMOJI:
        fail(f"the SVG has {len(heights)} images; only the {MAP_EMOJI} emoji may be")
    if heights and heights[0] < 48:
        fail(f"the SVG's emoji are images {heights[0]:.0f} pixels high, blurred when enlarged")
    width, height = svg_size(root)
    view_box = [float(n) for n in root.get("viewBox").split()]
    print(f"ok - the SVG ({width:.0f}x{height:.0f} px, viewBox {view_box[2]:.0f}x"
          f"{view_box[3]:.0f}) is vector but for {len(heights)} colour emoji, images "
          f"{', '.join(f'{h:.0f}' for h in heights)} pixels high")
    return width, height


def check_png(path, size):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    got = (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big"))
    if got != (round(size[0]), round(size[1])):
        fail(f"the PNG is {got}, the map {size}")
    print(f"ok - the PNG is {got[0]}x{got[1]}, the map's size")


def main():
    if len(sys.argv) != 4:
        fail(__doc__)
    staple, make_db, session_json = (os.path.abspath(arg) for arg in sys.argv[1:])
    check_fonts_installed()
    with tempfile.TemporaryDirectory() as workdir:
        paths = export(staple, make_db, session_json, workdir)
        check_pdf(paths["pdf"])
        size = check_svg(paths["svg"])
        check_png(paths["png"], size)


if __name__ == "__main__":
    main()
