#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# whole-process.sh: exec → first frame of Staple, beside GTK's hello window
# (bench/bare-window) measured in the same run, as a person starting the
# app lives with it. Prints, medians of N runs each (ours and the bare
# window taking turns, after one warm-up of each):
#
#   whole-process-library ours_ms=… baseline_ms=… ratio=…   Staple's library
#   whole-process-example ours_ms=… baseline_ms=… ratio=…   --example's map
#   whole-process-adwaita ours_ms=… baseline_ms=… ratio=…   bench/bare-adw-window:
#       the hello window made with libadwaita, the least a libadwaita app costs
#   whole-process-adwaita-list ours_ms=… baseline_ms=… ratio=…
#       bench/bare-adw-list-window: that with a header bar and a boxed list of
#       one row, the least a libadwaita main window like the library costs
#
# Usage: bench/whole-process.sh [BUILD_DIR [N]]   (default _build, 7)
# Runs under the display and D-Bus session there are; without them, under
# xvfb-run and dbus-run-session. Each Staple run has a database of its own
# made by the warm-up: a library of the example session alone.
set -eu

build=${1:-_build}
runs=${2:-7}
bench="$build/bench/staple-bench"
bare="$build/bench/bare-window"
bare_adw="$build/bench/bare-adw-window"
bare_adw_list="$build/bench/bare-adw-list-window"
staple=${STAPLE_BENCH_APP:-$build/src/ui/staple}

for program in "$bench" "$bare" "$bare_adw" "$bare_adw_list" "$staple"; do
  if [ ! -x "$program" ]; then
    echo "whole-process.sh: no $program; build first (ninja -C $build)" >&2
    exit 77
  fi
done

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$0" "$build" "$runs"
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- "$0" "$build" "$runs"
fi

export GSETTINGS_BACKEND=memory
work=$(mktemp -d /tmp/staple-whole-process-XXXXXX)
trap 'rm -rf "$work"' EXIT

# One run: exec → first frame in ms on stdout.
first_frame () {
  "$bench" --first-frame "$@"
}

median () {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

measure () {
  name=$1; shift
  # The warm-ups: the page cache, and the database made.
  first_frame "$@" >/dev/null
  first_frame "$bare" >/dev/null
  : >"$work/ours"; : >"$work/bare"
  i=0
  while [ "$i" -lt "$runs" ]; do
    first_frame "$@" >>"$work/ours"
    first_frame "$bare" >>"$work/bare"
    i=$((i + 1))
  done
  ours=$(median <"$work/ours")
  base=$(median <"$work/bare")
  echo "$name: ours $(tr '\n' ' ' <"$work/ours")ms; bare window $(tr '\n' ' ' <"$work/bare")ms" >&2
  awk -v n="$name" -v a="$ours" -v b="$base" \
    'BEGIN { printf "%s ours_ms=%.1f baseline_ms=%.1f ratio=%.3f\n", n, a, b, a / b }'
}

# The library: a database holding the example, Staple started plainly.
"$bench" --first-frame "$staple" "--database=$work/library.db" --example >/dev/null
measure whole-process-library "$staple" "--database=$work/library.db"
measure whole-process-example "$staple" "--database=$work/example.db" --example
measure whole-process-adwaita "$bare_adw"
measure whole-process-adwaita-list "$bare_adw_list"
