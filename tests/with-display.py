#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a command on an X server and a D-Bus session bus of its own, so that
end-to-end tests can run side by side: each test's window sits alone at the
corner of its own 1280 × 900 screen, and its app is alone on its bus.

Usage: with-display.py COMMAND [ARGUMENT…]

Without Xvfb or dbus-run-session the command runs as it is (and a display
test then skips itself, as it does without a display).
"""

import os
import shutil
import subprocess
import sys


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    command = sys.argv[1:]
    if shutil.which("Xvfb") is None or shutil.which("dbus-run-session") is None:
        return subprocess.call(command)

    # Xvfb picks a free display itself and writes its number to the pipe:
    # no race with another test starting at the same moment.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1280x900x24", "-nolisten", "tcp", "-noreset"],
                              pass_fds=[write_end], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.wait()
        print("with-display: Xvfb did not start", file=sys.stderr)
        return 1

    env = dict(os.environ, DISPLAY=":" + number)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("WAYLAND_DISPLAY", None)
    try:
        return subprocess.call(["dbus-run-session", "--", *command], env=env)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
