#!/usr/bin/env bash
# Where a stock client's connect goes, phase by phase, from the logs bench/footprint.sh keeps
# (--keep DIR): each client log's lines carry the milliseconds since that client started.
# Phases, as the client's log marks them:
#   start   client start -> "link remote" (the client process itself; the server plays no part)
#   reset   -> "Initial packet from" (the server answered the hard reset)
#   flight  -> "VERIFY OK: depth=0" (the server's TLS flight: hello, certificate, its signature)
#   keys    -> "Peer Connection Initiated" (the server checked the client's certificate, finished
#              TLS and answered key method 2)
#   push    -> "PUSH: Received control message" (the server admitted the client: address, routes,
#              PUSH_REPLY)
#   tun     -> "Initialization Sequence Completed" (the client's own TUN set-up)
#   server  reset + flight + keys + push: the part of the connect that waits on the server
# Printed per server (openvpn or a --culvert label) and kind of connect: "first" is client 1 (the
# server's first client), "second" client 2's first connect, "later" client 2's further ones
# (--connects N), each phase's median over the rounds, then every connect's own line.
#
# Usage: bench/connect-phases.sh DIR
set -uo pipefail
export LC_ALL=C
dir=${1:?usage: bench/connect-phases.sh DIR (a bench/footprint.sh --keep directory)}
[ -d "$dir" ] || { echo "connect-phases: no directory $dir" >&2; exit 1; }
shopt -s nullglob
logs=("$dir"/*-client1.log "$dir"/*-client2-*.log)
[ ${#logs[@]} -gt 0 ] || { echo "connect-phases: no client logs in $dir (bench/footprint.sh --keep $dir)" >&2; exit 1; }
for f in "${logs[@]}"; do
  name=${f##*/}
  side=${name%%-*}
  case $name in
    *-client1.log) kind=first ;;
    *-client2-1.log) kind=second ;;
    *) kind=later ;;
  esac
  awk -v side="$side" -v kind="$kind" -v name="$name" '
    /link remote/ && !a {a=$1}
    /Initial packet from/ && !b {b=$1}
    /VERIFY OK: depth=0/ && !c {c=$1}
    /Peer Connection Initiated/ && !d {d=$1}
    /PUSH: Received control message/ && !e {e=$1}
    /Initialization Sequence Completed/ && !g {g=$1}
    END {
      if (!a || !b || !c || !d || !e || !g) { printf "connect-phases: %s lacks a phase mark; left out\n", name > "/dev/stderr"; exit }
      printf "%s %s %s %d %d %d %d %d %d %d\n", side, kind, name, a, b-a, c-b, d-c, e-d, g-e, e-a
    }' "$f"
done | sort -k1,1 -k2,2 -k3,3 > "$dir/phases.txt"
awk '
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) { t = v[i] + 0; for (j = i - 1; j >= 1 && v[j] + 0 > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { key = $1 " " $2; if (!($1 in seen)) { seen[$1] = 1; sides[++nsides] = $1 }; count[key]++
    for (p = 4; p <= 10; p++) samples[key, p] = samples[key, p] " " $p }
  END {
    printf "medians, ms      %-8s %7s %7s %7s %7s %7s %7s %7s   n\n", "connect", "start", "reset", "flight", "keys", "push", "tun", "server"
    split("first second later", kinds, " ")
    for (i = 1; i <= nsides; i++) for (k = 1; k <= 3; k++) {
      key = sides[i] " " kinds[k]
      if (!(key in count)) continue
      printf "%-16s %-8s", sides[i], kinds[k]
      for (p = 4; p <= 10; p++) printf " %7s", median(samples[key, p])
      printf "   %d\n", count[key]
    }
  }' "$dir/phases.txt"
echo
echo "each connect (side kind log start reset flight keys push tun server):"
cat "$dir/phases.txt"
