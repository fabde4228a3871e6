#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# room-hostile.sh ROOM_SERVE MAKE_DATABASE SESSION.json: hostile clients
# against the room, with curl, inside a network namespace of its own (run it
# through room-netns.sh). Each attack must be refused, store nothing (the
# database is read with sqlite3 after), and leave the server answering a
# good client at once:
#   a wrong key, an unknown and a replayed device token, an oversize body,
#   invalid UTF-8 and JSON that json-glib alone would let through, 1,000
#   votes from one device, 200 devices, 100 slowloris connections.
set -eu

if [ "$#" -ne 3 ]; then
  echo "usage: room-hostile.sh ROOM_SERVE MAKE_DATABASE SESSION.json" >&2
  exit 2
fi
serve=$1
make_database=$2
json=$3
for tool in curl sqlite3 python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: room-hostile.sh needs $tool" >&2
    exit 77
  fi
done

tmp=$(mktemp -d)
pid=""
cleanup () {
  exec 3>&- 2>/dev/null || true
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

failures=0
fail () {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}
pass () {
  printf 'ok: %s\n' "$*"
}

db=$tmp/sessions.db
"$make_database" "$db" "$json" >/dev/null
count () { sqlite3 "$db" "$1"; }
frictions_before=$(count "SELECT count(*) FROM frictions")
participants_before=$(count "SELECT count(*) FROM participants")
votes_before=$(count "SELECT count(*) FROM votes")
dots=$(count "SELECT dots_per_participant FROM sessions WHERE id = 1")

mkfifo "$tmp/in"
"$serve" --phase walk "$db" 1 <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/in"

# Waits for room-serve's next line of answer and prints it. The count of
# lines read is kept in a file: this runs in $(…) subshells.
echo 0 >"$tmp/seen"
wait_line () {
  seen=$(cat "$tmp/seen")
  n=0
  while [ "$(wc -l <"$tmp/out")" -le "$seen" ]; do
    n=$((n + 1))
    if [ "$n" -gt 200 ]; then
      echo "room-serve did not answer" >&2
      cat "$tmp/err" >&2
      kill "$pid"
      exit 1
    fi
    sleep 0.05
  done
  seen=$((seen + 1))
  echo "$seen" >"$tmp/seen"
  sed -n "${seen}p" "$tmp/out"
}
# coach COMMAND: tells room-serve, prints the first line of its answer
coach () {
  echo "$1" >&3
  first=""
  while :; do
    line=$(wait_line) || exit 1
    [ -n "$first" ] || first=$line
    case "$line" in ok|error:*) break ;; esac
  done
  echo "$first"
}

url=$(wait_line) || exit 1
case "$url" in
  http://192.168.77.*/*/) ;;
  *) echo "not a room address: $url" >&2; exit 1 ;;
esac
base=${url%/*/}
key=${url#"$base/"}; key=${key%/}

J="Content-Type: application/json"
# status METHOD URL [curl args…]: prints the HTTP status
status () {
  method=$1; shift
  target=$1; shift
  curl -s -o "$tmp/body" -w '%{http_code}' --max-time 10 -X "$method" "$@" "$target" || true
}
post () {
  status POST "$url$1" -H "$J" --data-binary "$2"
}
expect () {
  what=$1; wanted=$2; got=$3
  if [ "$got" = "$wanted" ]; then pass "$what ($got)"; else fail "$what: $got, not $wanted ($(cat "$tmp/body" 2>/dev/null))"; fi
}
join () {
  curl -s --max-time 10 -H "$J" --data-binary "${1:-{\}}" "${url}join" | sed -n 's/^{"device":"\([A-Za-z0-9_-]*\)"}$/\1/p'
}
# good_client WHAT [curl args…]: joins, and gets the state within 2 s
good_client () {
  what=$1; shift
  start=$(date +%s%N)
  token=$(curl -s --max-time 10 "$@" -H "$J" --data-binary '{}' "${url}join" |
          sed -n 's/^{"device":"\([A-Za-z0-9_-]*\)"}$/\1/p')
  [ -n "$token" ] || { fail "$what: a good client could not join"; return; }
  curl -s -N --max-time 2 "$@" "${url}events?device=$token" >"$tmp/events" 2>/dev/null || true
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  # curl gives up after 2 s: a state in the file came within them.
  if grep -q '^event: state' "$tmp/events" && [ "$elapsed" -lt 8000 ]; then
    pass "$what: a good client joined and got the state"
  else
    fail "$what: a good client got no state"
  fi
}

# A wrong key, or none: 404 and nothing else, whatever the path
wrong=$(printf '%s' "$key" | tr 'A-Za-z' 'B-ZAb-za')
for path in "/" "/$wrong/" "/$wrong/join" "/$wrong/events?device=x" "/$wrong/room.js" \
            "/$(printf '%s' "$key" | cut -c1-21)/" "/${key}x/" "/$key$key/"; do
  got=$(status GET "$base$path")
  if [ "$got" = 404 ] && [ ! -s "$tmp/body" ]; then pass "wrong key $path (404, empty)"; else fail "wrong key $path: $got"; fi
done
got=$(status POST "$base/$wrong/join" -H "$J" --data-binary '{}')
expect "join with a wrong key" 404 "$got"

# Device tokens: unknown, malformed, and replayed after the room was opened again
token=$(join)
expect "a device token of 22 characters" 22 "${#token}"
expect "an unknown token" 403 "$(post friction '{"device":"AAAAAAAAAAAAAAAAAAAAAA","stage":1,"text":"x"}')"
expect "a malformed token" 400 "$(post friction '{"device":"../../etc","stage":1,"text":"x"}')"
expect "events for an unknown token" 403 "$(status GET "${url}events?device=AAAAAAAAAAAAAAAAAAAAAA")"
coach close >/dev/null
url=$(coach open)
base=${url%/*/}
expect "a token replayed after the room opened again" 403 \
  "$(post friction "{\"device\":\"$token\",\"stage\":1,\"text\":\"replayed\"}")"
expect "its stream refused too" 403 "$(status GET "${url}events?device=$token")"
token=$(join)

# Oversize bodies, declared or not
head -c 9000 /dev/zero | tr '\0' 'x' >"$tmp/big"
expect "a body of 9,000 bytes" 413 "$(status POST "${url}friction" -H "$J" --data-binary @"$tmp/big")"
head -c 3000000 /dev/zero | tr '\0' ' ' >"$tmp/huge"
expect "a body of 3 MB" 413 "$(status POST "${url}friction" -H "$J" --data-binary @"$tmp/huge")"
expect "a chunked body" 411 "$(status POST "${url}friction" -H "$J" -H 'Transfer-Encoding: chunked' --data-binary @"$tmp/big")"
long=$(head -c 2001 /dev/zero | tr '\0' 'y')
expect "2,001 characters" 422 "$(post friction "{\"device\":\"$token\",\"stage\":1,\"text\":\"$long\"}")"

# Invalid UTF-8, and JSON a lenient parser would take
for bytes in '\377' '\300\257' '\355\240\200' '\364\220\200\200' 'a\200'; do
  printf "{\"device\":\"$token\",\"stage\":1,\"text\":\"$bytes\"}" >"$tmp/bad"
  expect "invalid UTF-8 $bytes" 400 "$(status POST "${url}friction" -H "$J" --data-binary @"$tmp/bad")"
done
for body in "{\"device\":\"$token\",\"stage\":1,\"text\":\"a\\u0000b\"}" \
            "{\"device\":\"$token\",\"stage\":1,\"text\":\"\\ud800\"}" \
            "{\"device\":\"$token\",\"stage\":1,\"stage\":2,\"text\":\"twice\"}" \
            "{\"device\":\"$token\",\"stage\":1,\"text\":\"c\" /* comment */}" \
            "{\"device\":\"$token\",\"stage\":0x1,\"text\":\"hex\"}" \
            "{\"device\":\"$token\",\"stage\":1.0,\"text\":\"float\"}" \
            "{\"device\":\"$token\",\"stage\":\"1\",\"text\":\"string\"}" \
            "{\"device\":\"$token\",\"stage\":1,\"text\":\"bell \\u0007\"}" \
            "{\"device\":\"$token\",\"stage\":1,\"text\":[\"x\"]}" \
            "{\"device\":\"$token\",\"stage\":1,\"text\":\"x\",\"admin\":true}" \
            "[\"$token\"]" "" "{"; do
  got=$(post friction "$body")
  if [ "$got" = 400 ]; then pass "refused: $(printf '%.50s' "$body") (400)"; else fail "taken: $body ($got)"; fi
done
expect "a stage of another session" 422 "$(post friction "{\"device\":\"$token\",\"stage\":99999,\"text\":\"elsewhere\"}")"
expect "a text/plain body" 415 "$(status POST "${url}friction" -H 'Content-Type: text/plain' --data-binary "{\"device\":\"$token\",\"stage\":1,\"text\":\"form\"}")"
expect "PUT" 405 "$(status PUT "${url}friction" -H "$J" --data-binary '{}')"
suggestions=$(coach list)
expect "no suggestion from any of it" "ok" "$suggestions"
good_client "after the bad bodies"

# 1,000 votes from one device: at most 20 in 10 s count, each replacing the
# last ballot, never more than the session's dots
coach "phase prioritise" >/dev/null
voter=$(join)
: >"$tmp/votes.conf"
i=0
while [ $i -lt 1000 ]; do
  friction=$(( (i % 20) + 1 ))
  [ $i -eq 0 ] || echo next >>"$tmp/votes.conf"
  printf 'url = "%svote"\nheader = "%s"\ndata = "{\\"device\\":\\"%s\\",\\"participant\\":1,\\"frictions\\":[%d]}"\nwrite-out = "%%{http_code}\\n"\noutput = "/dev/null"\n' \
    "$url" "$J" "$voter" "$friction" >>"$tmp/votes.conf"
  i=$((i + 1))
done
start=$(date +%s)
curl -s -K "$tmp/votes.conf" >"$tmp/codes" || true
elapsed=$(( $(date +%s) - start ))
accepted=$(grep -c '^200$' "$tmp/codes" || true)
slowed=$(grep -c '^429$' "$tmp/codes" || true)
limit=$(( 20 * (elapsed / 10 + 1) ))
if [ "$accepted" -ge 1 ] && [ "$accepted" -le "$limit" ] && [ $((accepted + slowed)) -eq 1000 ]; then
  pass "1,000 votes in ${elapsed}s: $accepted taken, $slowed slowed down"
else
  fail "1,000 votes in ${elapsed}s: $accepted taken, $slowed slowed down (limit $limit)"
fi
ids=$(seq -s, 1 $((dots + 1)))
expect "more dots than the session gives" 422 "$(post vote "{\"device\":\"$(join)\",\"participant\":2,\"frictions\":[$ids]}")"
expect "a participant another phone has" 409 "$(post vote "{\"device\":\"$(join)\",\"participant\":1,\"frictions\":[1]}")"
mine=$(count "SELECT count(*) FROM votes WHERE participant_id = 1")
expect "participant 1 holds one ballot of one dot" 1 "$mine"
coach "phase walk" >/dev/null

# 200 devices: the first 100 join, the rest are turned away
coach close >/dev/null
url=$(coach open)
: >"$tmp/join.conf"
i=0
while [ $i -lt 200 ]; do
  [ $i -eq 0 ] || echo next >>"$tmp/join.conf"
  printf 'url = "%sjoin"\nheader = "%s"\ndata = "{}"\nwrite-out = "%%{http_code}\\n"\noutput = "/dev/null"\n' \
    "$url" "$J" >>"$tmp/join.conf"
  i=$((i + 1))
done
curl -s -K "$tmp/join.conf" >"$tmp/codes" || true
expect "devices let in of 200" 100 "$(grep -c '^200$' "$tmp/codes" || true)"
expect "devices turned away" 100 "$(grep -c '^429$' "$tmp/codes" || true)"
coach close >/dev/null
url=$(coach open)

# Slowloris: 100 connections from one address dribbling their headers a
# byte at a time. 64 at most are let in from one host, each closed after
# 10 s; phones at other addresses are answered all the while.
host=${url#http://}; host=${host%%/*}
case "$host" in 192.168.77.2:*) other=192.168.77.1 ;; *) other=192.168.77.2 ;; esac
python3 - "$host" "$key" >"$tmp/slow" 2>&1 <<'EOF' &
import socket, sys, time
host, port = sys.argv[1].rsplit(":", 1)
socks, closed = [], {}
start = time.time()
for i in range(100):
    s = socket.create_connection((host, int(port)))
    s.send(("GET /" + sys.argv[2] + "/ HTTP/1.1\r\nHost: x\r\n").encode())
    socks.append(s)
while time.time() - start < 25 and len(closed) < len(socks):
    for i, s in enumerate(socks):
        if i in closed:
            continue
        try:
            s.send(b"X")
            s.settimeout(0.001)
            if s.recv(1) == b"":
                closed[i] = time.time() - start
        except socket.timeout:
            pass
        except OSError:
            closed[i] = time.time() - start
    time.sleep(0.5)
early = sum(1 for t in closed.values() if t < 3)
print("closed %d of %d, %d at once, the last after %.1f s"
      % (len(closed), len(socks), early, max(closed.values()) if closed else 0))
EOF
slow=$!
sleep 2
good_client "during 100 slowloris connections, from $other" --interface "$other"
wait $slow || true
result=$(cat "$tmp/slow")
case "$result" in
  "closed 100 of 100, "*)
    early=$(echo "$result" | sed 's/.*, \([0-9]*\) at once.*/\1/')
    seconds=$(echo "$result" | sed 's/.* after \([0-9]*\)\..*/\1/')
    if [ "$early" -ge 36 ] && [ "$seconds" -le 20 ]; then pass "slowloris: $result"; else fail "slowloris: $result"; fi ;;
  *) fail "slowloris connections stayed open: $result" ;;
esac
good_client "after the slowloris"

# Nothing stored by any of it
kill "$pid"
wait "$pid" || fail "room-serve did not end cleanly"
pid=""
expect "friction points unchanged" "$frictions_before" "$(count "SELECT count(*) FROM frictions")"
expect "participants unchanged" "$participants_before" "$(count "SELECT count(*) FROM participants")"
expect "votes: participant 1's three dots became the one of its last ballot" \
  $((votes_before - 3 + 1)) "$(count "SELECT count(*) FROM votes")"
if grep -q "\(CRITICAL\|WARNING\)" "$tmp/err"; then fail "room-serve warned: $(cat "$tmp/err")"; fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all hostile clients refused"
