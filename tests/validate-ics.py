#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# validate-ics.py FILE: parses an iCalendar file with Python's icalendar
# (Debian's python3-icalendar) and checks what RFC 5545 asks of its lines
# that the parser forgives: CRLF endings, at most 75 octets a line, the
# properties every VTODO must have. Prints one JSON array per line and
# to-do, [SUMMARY, STATUS, DUE, DESCRIPTION] (DUE as YYYYMMDD or ""), and
# exits 1 with the reason on stderr when the file is wrong.
import json
import sys

import icalendar

data = open(sys.argv[1], "rb").read()
if not data.endswith(b"\r\n"):
    sys.exit("the file does not end with CRLF")
for number, line in enumerate(data.split(b"\r\n")[:-1], 1):
    if b"\n" in line or b"\r" in line:
        sys.exit(f"line {number}: a bare line break")
    if len(line) > 75:
        sys.exit(f"line {number}: {len(line)} octets, more than 75")
    line.decode("utf-8")

calendar = icalendar.Calendar.from_ical(data)
for name in ("VERSION", "PRODID"):
    if name not in calendar:
        sys.exit(f"the calendar has no {name}")
uids = set()
for todo in calendar.walk("VTODO"):
    for name in ("UID", "DTSTAMP", "SUMMARY", "STATUS"):
        if name not in todo:
            sys.exit(f"a to-do has no {name}")
    if todo["UID"] in uids:
        sys.exit(f"two to-dos have the UID {todo['UID']}")
    uids.add(todo["UID"])
    due = todo.get("DUE")
    due = due.dt.strftime("%Y%m%d") if due is not None else ""
    print(json.dumps([str(todo["SUMMARY"]), str(todo["STATUS"]), due,
                      str(todo.get("DESCRIPTION", ""))]))
