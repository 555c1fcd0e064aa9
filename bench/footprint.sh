#!/usr/bin/env bash
# Footprint: Culvert's server against stock OpenVPN 2.6 as the server, side by side in one run.
# For each server, in turn, ROUNDS times (openvpn, culvert, openvpn, culvert...):
#  - start-up: from the command's start to "Initialization Sequence Completed" in its output
#    (the server listens and its TUN device is up);
#  - first connect: a stock client, started FIRST_AFTER seconds later (an operator's first client
#    does not arrive in the same millisecond), to its own "Initialization Sequence Completed" (the
#    server's first TLS handshake, key exchange and PUSH_REPLY since it started);
#  - warm connect: the same for a second stock client once the first has left (explicit-exit-notify);
#  - RSS and threads of the server process (/proc/PID/status) after IDLE seconds with that one
#    client connected.
# Printed: every sample, then per server the median, min and max of each, the ratios of the
# medians against stock openvpn, and the medians of the connects' phases (bench/connect-phases.sh).
# Before the rounds, each Culvert distribution is started once unmeasured (its first start ever
# makes its AOT cache; that start's time is printed apart).
#
# Usage (root; needs iproute2, openvpn 2.6, openssl and a built distribution:
#        ./mvnw -B -o -pl distribution -am package -DskipTests):
#   bench/footprint.sh [--rounds N] [--first-after S] [--idle S] [--connects N] [--culvert LABEL=DIST]... [--no-openvpn] [--jvm-opts "OPTS"] [--keep DIR]
#   --rounds N            rounds (default 3)
#   --first-after S       seconds from the server's start-up to its first client (default 5; 0: at once)
#   --idle S              seconds with one client connected before RSS and threads are read (default 10)
#   --connects N          the second client connects N times in a row (default 1); warm_ms is its
#                         first, and each connect's time is printed after the table
#   --culvert LABEL=DIST  a Culvert distribution directory to measure, under LABEL; repeatable
#                         (default: culvert=distribution/target/culvert); e.g. an older build:
#                         --culvert before=/tmp/old/distribution/target/culvert --culvert after=...
#   --no-openvpn          leave stock openvpn out
#   --jvm-opts "OPTS"     more JVM options for every Culvert side (e.g. -Xlog:class+load:file=/tmp/cl.log:uptime)
#   --keep DIR            copy the logs and configs to DIR
# Each Culvert side runs with its own work directory (felix-cache) but its distribution's
# default JVM options and AOT cache, as an operator's `bin/culvert --config` would.
#
# Network (namespaces created here and deleted on exit, also on failure or Ctrl-C; no link to
# the host's namespace):  cli 192.0.2.2 --- 192.0.2.1 srv. The script stops only the processes
# it started (by PID, then any left in its own namespaces).
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f dev/env ] && . dev/env
. bench/lib/netns.sh

rounds=3
first_after=5
idle=10
connects=1
sides=()
openvpn_side=yes
keep=""
jvm_opts=""
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=${2:?}; shift ;;
    --first-after) first_after=${2:?}; shift ;;
    --idle) idle=${2:?}; shift ;;
    --connects) connects=${2:?}; shift ;;
    --culvert) sides+=("${2:?}"); shift ;;
    --no-openvpn) openvpn_side="" ;;
    --jvm-opts) jvm_opts=${2?}; shift ;;
    --keep) keep=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "footprint: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
fail() { echo "footprint: $*" >&2; exit 1; }
[[ $rounds =~ ^[0-9]+$ && $rounds -ge 1 && $rounds -le 50 ]] || fail "--rounds 1..50"
[[ $idle =~ ^[0-9]+$ && $idle -ge 1 && $idle -le 600 ]] || fail "--idle 1..600"
[[ $first_after =~ ^[0-9]+$ && $first_after -le 60 ]] || fail "--first-after 0..60"
[[ $connects =~ ^[0-9]+$ && $connects -ge 1 && $connects -le 50 ]] || fail "--connects 1..50"
[ ${#sides[@]} -gt 0 ] || sides=("culvert=$PWD/distribution/target/culvert")
declare -A dist
labels=()
[ -n "$openvpn_side" ] && labels+=(openvpn)
for s in "${sides[@]}"; do
  [[ $s == *=* ]] || fail "--culvert LABEL=DIST, not $s"
  label=${s%%=*}; dir=$(cd "${s#*=}" 2>/dev/null && pwd) || fail "no directory ${s#*=}"
  [[ $label =~ ^[A-Za-z0-9_.-]+$ && $label != openvpn ]] || fail "label $label: letters, digits, ._- and not openvpn"
  [ -x "$dir/bin/culvert" ] || fail "$dir/bin/culvert is missing (build: ./mvnw -B -o -pl distribution -am package -DskipTests)"
  dist[$label]=$dir; labels+=("$label")
done
for c in ip openvpn openssl; do command -v $c >/dev/null || fail "missing $c (apt-get install -y iproute2 openvpn openssl)"; done
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces)"

tag=$$
srv=cvt-fp-$tag-srv
cli=cvt-fp-$tag-cli
third=cvt-fp-$tag-x
work=$(mktemp -d -t culvert-footprint.XXXXXX)
pids=()
trap 'bench_cleanup "$third" "$cli" "$srv"' EXIT
trap 'exit 130' INT TERM
bench_namespaces "$srv" "$cli" "$third" || fail "cannot create the namespaces and veth pairs"

log "PKI: EC CA, server and two client certificates (in $work)"
{ pki_ca && pki_leaf server serverAuth && pki_clients client 2 &&
  openvpn --genkey tls-crypt "$work/tc.key"; } >"$work/pki.log" 2>&1 || fail "PKI (see $work/pki.log)"
printf '%s\n' "port 1194" "proto udp" "dev tun" "topology subnet" "server 10.8.0.0 255.255.255.0" \
  "ca $work/ca.crt" "cert $work/server.crt" "key $work/server.key" "dh none" "tls-crypt $work/tc.key" \
  "keepalive 10 60" "verb 3" > "$work/server.conf"
for i in 1 2; do
  printf '%s\n' "client" "dev tun" "proto udp" "remote 192.0.2.1 1194" "nobind" "ca $work/ca.crt" \
    "cert $work/client$i.crt" "key $work/client$i.key" "remote-cert-tls server" "tls-crypt $work/tc.key" \
    "explicit-exit-notify 1" "verb 3" > "$work/client$i.conf"
done

now_us() { echo "${EPOCHREALTIME/./}"; }
# Copies stdin to FILE, each line led by the milliseconds since T0 (microseconds), as it arrives.
# No command substitution per line: a fork for each would make the stamps lag behind the lines
# (by 5 ms a line on a busy machine, 150 ms by the end of a client's start).
stamp() { # t0 file
  local line
  while IFS= read -r line; do printf '%d %s\n' $(( (${EPOCHREALTIME/./} - $1) / 1000 )) "$line"; done >"$2"
}
# Milliseconds (the stamp) of the first line of FILE with TEXT, waiting up to SECONDS; empty if none.
stamped() { # file text seconds pid
  wait_for "$1" "$2" "$3" "$4" 2>/dev/null || { echo "footprint: '$2' not in $1" >&2; return 1; }
  grep -m1 "$2" "$1" | cut -d' ' -f1
}

server_pid=""
start_server() { # label log; sets server_pid
  local t0
  t0=$(now_us)
  if [ "$1" = openvpn ]; then
    ip netns exec "$srv" openvpn --config "$work/server.conf" > >(stamp "$t0" "$2") 2>&1 &
  else
    ip netns exec "$srv" env JAVA_HOME="${JAVA_HOME:-}" CULVERT_JAVA_OPTS="-Dculvert.work=$work/node-$1 $jvm_opts" \
      "${dist[$1]}/bin/culvert" --config "$work/server.conf" --no-shell > >(stamp "$t0" "$2") 2>&1 &
  fi
  server_pid=$!; pids+=("$server_pid")
}
client_pid=""
start_client() { # i log; sets client_pid
  local t0
  t0=$(now_us)
  ip netns exec "$cli" openvpn --config "$work/client$1.conf" > >(stamp "$t0" "$2") 2>&1 &
  client_pid=$!; pids+=("$client_pid")
}

for label in "${labels[@]}"; do
  [ "$label" = openvpn ] && continue
  log "$label: a first start, unmeasured (it makes the AOT cache when the distribution has none)"
  start_server "$label" "$work/prepare-$label.log"
  ms=$(stamped "$work/prepare-$label.log" "Initialization Sequence Completed" 120 "$server_pid") || fail "$label did not start (see $work/prepare-$label.log)"
  echo "first start of $label since it was built: $ms ms" | tee -a "$work/oneoff.txt"
  stop_pid "$server_pid"
done

samples=$work/samples.txt
printf '%-10s %5s %9s %9s %9s %8s %7s\n' server round start_ms first_ms warm_ms rss_mib threads | tee "$samples"
for r in $(seq "$rounds"); do
  for label in "${labels[@]}"; do
    base=$work/$label-$r
    start_server "$label" "$base-server.log"
    start=$(stamped "$base-server.log" "Initialization Sequence Completed" 120 "$server_pid") || fail "$label did not start (see $base-server.log)"
    sleep "$first_after"
    start_client 1 "$base-client1.log"
    first=$(stamped "$base-client1.log" "Initialization Sequence Completed" 60 "$client_pid") || fail "client 1 did not connect to $label (see $base-client1.log)"
    stop_pid "$client_pid"
    times=""
    for k in $(seq "$connects"); do
      [ "$k" -gt 1 ] && stop_pid "$client_pid"
      start_client 2 "$base-client2-$k.log"
      ms=$(stamped "$base-client2-$k.log" "Initialization Sequence Completed" 60 "$client_pid") || fail "client 2 did not connect to $label (see $base-client2-$k.log)"
      [ "$k" -eq 1 ] && warm=$ms
      times="$times $ms"
    done
    [ "$connects" -gt 1 ] && echo "connects $label round $r: first $first, then$times" >> "$work/connects.txt"
    sleep "$idle"
    rss=$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status")
    threads=$(awk '/^Threads/ {print $2}' "/proc/$server_pid/status")
    [ "$label" != openvpn ] && command -v jstack >/dev/null && jstack "$server_pid" >"$base-jstack.txt" 2>&1
    stop_pid "$client_pid"
    stop_pid "$server_pid"
    printf '%-10s %5d %9d %9d %9d %8s %7d\n' "$label" "$r" "$start" "$first" "$warm" "$rss" "$threads" | tee -a "$samples"
  done
done

echo
echo "medians (min-max) over $rounds rounds, first client $first_after s after start-up; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v labels="${labels[*]}" '
  NR > 1 { n[$1]++; for (c = 3; c <= 7; c++) v[$1, c, n[$1]] = $c }
  function median(l, c,   i, j, k, t, a) {
    k = n[l]; for (i = 1; i <= k; i++) a[i] = v[l, c, i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    lo[l, c] = a[1]; hi[l, c] = a[k]
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    split(labels, L, " "); split("start_ms first_ms warm_ms rss_mib threads", H, " ")
    printf "%-10s", "server"; for (c = 3; c <= 7; c++) printf " %18s", H[c - 2]; printf "\n"
    for (i = 1; i in L; i++) {
      l = L[i]; printf "%-10s", l
      for (c = 3; c <= 7; c++) { m[l, c] = median(l, c); printf " %18s", sprintf("%g (%g-%g)", m[l, c], lo[l, c], hi[l, c]) }
      printf "\n"
    }
    if (("openvpn", 3) in m) {
      print "\nratios of the medians to stock openvpn:"
      for (i = 1; i in L; i++) {
        l = L[i]; if (l == "openvpn") continue
        printf "%-10s", l
        for (c = 3; c <= 7; c++) printf " %18s", (m["openvpn", c] > 0 ? sprintf("%.1fx", m[l, c] / m["openvpn", c]) : "-")
        printf "\n"
      }
    }
    for (i = 1; i in L; i++) if (L[i] != "openvpn") { f = L[i]; break }
    for (i = 1; i in L; i++) {
      l = L[i]; if (l == "openvpn" || l == f) continue
      printf "%-10s", l "/" f
      for (c = 3; c <= 7; c++) printf " %18s", (m[f, c] > 0 ? sprintf("%.2fx", m[l, c] / m[f, c]) : "-")
      printf "\n"
    }
  }' "$samples"
if [ -f "$work/connects.txt" ]; then
  echo; echo "each connect of client 2 in a row (ms):"; cat "$work/connects.txt"
fi
echo; echo "where the connects went (bench/connect-phases.sh; with --keep DIR, run it on DIR for every connect):"
bench/connect-phases.sh "$work" | sed '/^$/,$d'
