#!/usr/bin/env bash
# Heap per connected session of a Culvert server: the live heap (the bytes of live objects, by a
# class histogram after a full GC) with N stock
# OpenVPN 2.6 clients connected and idle, minus the live heap before they came, divided by N.
# Several Culvert builds may be compared; they take turns (A, B, A, B, ...) so that the machine's
# other load hits each alike. Prints each round, then the medians and their ratios to the first
# build's.
#
# Usage (root; needs iproute2, openvpn 2.6, openssl and a JDK's jcmd, and built distributions:
#        ./mvnw -B -o -pl distribution -am package -DskipTests):
#   bench/session-heap.sh [--clients N] [--rounds R] [--culvert LABEL=DIST]... [--keep DIR]
#   --clients N        stock clients connected at once (default 50; each is an openvpn process)
#   --rounds R         turns per build (default 3)
#   --culvert L=DIST   a distribution directory (the one with bin/culvert) and its label; repeat to
#                      compare (default: culvert=distribution/target/culvert)
#   --keep DIR         copy the logs, configs and class histograms to DIR (histo-LABEL-ROUND-0.txt
#                      before the clients, -N.txt with them: what a session holds, class by class)
#
# Network (namespaces created here and deleted on exit, also on failure or Ctrl-C; no link to
# the host's namespace): clients 192.0.2.2 --- 192.0.2.1 server (a third, unused, as the bench
# library makes it). Tunnel 10.8.0.0/16 (topology subnet), UDP 1194, tls-crypt, AES-256-GCM, an
# EC server key, keepalive 10 60. The script stops only the processes it started.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f dev/env ] && . dev/env
. bench/lib/netns.sh

clients=50
rounds=3
builds=()
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --clients) clients=${2:?}; shift ;;
    --rounds) rounds=${2:?}; shift ;;
    --culvert) builds+=("${2:?}"); shift ;;
    --keep) keep=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "session-heap: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
fail() { echo "session-heap: $*" >&2; exit 1; }
[[ $clients =~ ^[0-9]+$ && $clients -ge 1 && $clients -le 500 ]] || fail "--clients 1..500"
[[ $rounds =~ ^[0-9]+$ && $rounds -ge 1 && $rounds -le 20 ]] || fail "--rounds 1..20"
[ ${#builds[@]} -gt 0 ] || builds=("culvert=$PWD/distribution/target/culvert")
for b in "${builds[@]}"; do
  [[ $b == *=* ]] || fail "--culvert LABEL=DIST, not $b"
  [ -x "${b#*=}/bin/culvert" ] || fail "no ${b#*=}/bin/culvert (build: ./mvnw -B -o -pl distribution -am package -DskipTests)"
done
for c in ip openvpn openssl jcmd; do
  command -v $c >/dev/null || fail "missing $c (apt-get install -y iproute2 openvpn openssl; jcmd comes with the JDK)"
done
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces)"

tag=$$
srv=cvt-heap-$tag-srv
cli=cvt-heap-$tag-cli
third=cvt-heap-$tag-x
work=$(mktemp -d -t culvert-session-heap.XXXXXX)
pids=()
trap 'bench_cleanup "$cli" "$srv" "$third"' EXIT
trap 'exit 130' INT TERM
bench_namespaces "$srv" "$cli" "$third" || fail "cannot create the namespaces and veth pairs"

log "PKI: EC CA, EC server and $clients client keys (in $work)"
{ pki_ca && pki_leaf server serverAuth && pki_clients client "$clients" &&
  openvpn --genkey tls-crypt "$work/tc.key"; } >"$work/pki.log" 2>&1 || fail "PKI (see $work/pki.log)"
printf '%s\n' "port 1194" "proto udp" "dev tun" "topology subnet" "server 10.8.0.0 255.255.0.0" \
  "ca $work/ca.crt" "cert $work/server.crt" "key $work/server.key" "dh none" "tls-crypt $work/tc.key" \
  "keepalive 10 60" "verb 3" > "$work/server.conf"
for i in $(seq "$clients"); do
  printf '%s\n' "client" "dev tun" "proto udp" "remote 192.0.2.1 1194" "nobind" "ca $work/ca.crt" \
    "cert $work/client$i.crt" "key $work/client$i.key" "remote-cert-tls server" "tls-crypt $work/tc.key" \
    "ifconfig-noexec" "route-noexec" "verb 3" > "$work/client$i.conf"
done

live_heap_kib() { # jvm-pid [histogram-file]: the live objects' bytes, in KiB, from a class histogram
  # (which collects in full first); the heap's "used" would also count what the node allocated since
  local out
  out=$(jcmd "$1" GC.class_histogram 2>/dev/null) || return 1
  [ -n "${2:-}" ] && printf '%s\n' "$out" >"$2"
  awk '$1 == "Total" { printf "%d\n", $3 / 1024; found = 1 } END { if (!found) exit 1 }' <<<"$out"
}

declare -A per_session
one_turn() { # label dist round
  local label=$1 dist=$2 round=$3 server_pid java_pid p i up h0 hn deadline client_pids=()
  ip netns exec "$srv" env JAVA_HOME="${JAVA_HOME:-}" CULVERT_JAVA_OPTS="-Dculvert.work=$work/node-$label-$round" \
    "$dist/bin/culvert" --config "$work/server.conf" --no-shell >"$work/server-$label-$round.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid")
  wait_for "$work/server-$label-$round.log" "Initialization Sequence Completed" 90 "$server_pid" || fail "server $label did not start"
  java_pid=""
  for p in $(ip netns pids "$srv"); do [ "$(cat /proc/"$p"/comm 2>/dev/null)" = java ] && java_pid=$p; done
  [ -n "$java_pid" ] || fail "cannot find the JVM of server $label"
  sleep 3 # past the start-up's warm-ups
  h0=$(live_heap_kib "$java_pid" "$work/histo-$label-$round-0.txt") || fail "jcmd could not read the heap of server $label"
  for i in $(seq "$clients"); do
    ip netns exec "$cli" openvpn --config "$work/client$i.conf" >"$work/client$i-$label-$round.log" 2>&1 &
    client_pids+=($!); pids+=($!)
    sleep 0.05
  done
  deadline=$((SECONDS + 120))
  while :; do
    up=$(cat "$work"/client*-"$label"-"$round".log | grep -c "Initialization Sequence Completed")
    [ "$up" -ge "$clients" ] && break
    [ $SECONDS -ge $deadline ] && fail "only $up of $clients clients reached server $label within 120 s"
    sleep 0.5
  done
  sleep 2
  hn=$(live_heap_kib "$java_pid" "$work/histo-$label-$round-N.txt") || fail "jcmd could not read the heap of server $label"
  per_session[$label]="${per_session[$label]:-} $(( (hn - h0) / clients ))"
  printf '%-12s %5s %12s %12s %14s\n' "$label" "$round" "$h0" "$hn" "$(( (hn - h0) / clients ))"
  for p in "${client_pids[@]}"; do stop_pid "$p"; done
  stop_pid "$server_pid"
}

start=$EPOCHREALTIME
echo "# session-heap: Culvert server, $clients stock $(openvpn --version 2>/dev/null | head -1 | cut -d' ' -f1-2) clients idle; $(nproc) cpus; $(date -u +%FT%TZ)"
echo "# $0 --clients $clients --rounds $rounds$(printf ' --culvert %s' "${builds[@]}")"
printf '%-12s %5s %12s %12s %14s\n' build round "heap0 KiB" "heapN KiB" "KiB/session"
for ((r = 1; r <= rounds; r++)); do
  for b in "${builds[@]}"; do one_turn "${b%%=*}" "${b#*=}" "$r"; done
done
median() { tr ' ' '\n' | grep -E '^-?[0-9]+$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "medians over $rounds rounds ($(awk "BEGIN { printf \"%.0f\", $EPOCHREALTIME - $start }") s):"
first=""
for b in "${builds[@]}"; do
  l=${b%%=*}; m=$(median <<<"${per_session[$l]}")
  [ -z "$first" ] && first=$m
  printf '%-12s %8s KiB/session %8s x\n' "$l" "$m" "$(awk -v a="$m" -v b="$first" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
done
