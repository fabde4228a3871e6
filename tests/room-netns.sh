#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# room-netns.sh CMD…: runs CMD inside a network namespace of its own, so
# that no test of the room ever listens on or sends to the machine's real
# interfaces. Inside: lo up, and a veth pair as the "local network",
# 192.168.77.1/24 and 192.168.77.2/24, both ends up; and another pair left
# down, 10.77.0.1/24 on one end, an address the room must not offer.
# Exits 77 (meson's "skipped") when namespaces cannot be made here.
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: room-netns.sh CMD…" >&2
  exit 2
fi

if [ "${STAPLE_ROOM_NETNS:-}" != "inside" ]; then
  if ! command -v unshare >/dev/null 2>&1 || ! command -v ip >/dev/null 2>&1; then
    echo "SKIP: room tests need unshare (util-linux) and ip (iproute2)" >&2
    exit 77
  fi
  # As root, a plain network namespace; otherwise a user namespace too
  # (unprivileged user namespaces, where the kernel allows them).
  if unshare -n true 2>/dev/null; then
    STAPLE_ROOM_NETNS=inside exec unshare -n "$0" "$@"
  elif unshare -rn true 2>/dev/null; then
    STAPLE_ROOM_NETNS=inside exec unshare -rn "$0" "$@"
  fi
  echo "SKIP: cannot make a network namespace here (unshare -n is not permitted)" >&2
  exit 77
fi

# Inside the namespace: nothing but what we make is there. A namespace
# that has anything but lo is not ours (the variable set by hand?): never
# touch the machine's own interfaces.
if [ "$(ip -o link show | wc -l)" -ne 1 ]; then
  echo "room-netns.sh: not in a new network namespace; refusing to add interfaces" >&2
  exit 1
fi
ip link set lo up
if ! ip link add room0 type veth peer name room1; then
  echo "SKIP: cannot make a veth pair in the namespace (no veth support?)" >&2
  exit 77
fi
ip addr add 192.168.77.1/24 dev room0
ip addr add 192.168.77.2/24 dev room1
ip link set room0 up
ip link set room1 up
ip link add room2 type veth peer name room3
ip addr add 10.77.0.1/24 dev room2
unset STAPLE_ROOM_NETNS

exec "$@"
