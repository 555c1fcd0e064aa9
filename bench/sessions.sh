#!/usr/bin/env bash
# Many idle sessions on one Culvert server (issue 12): N clients driven by the load generator
# (dev.culvert.vpn.loadgen, one JVM on module-vpn's own session core, a UDP socket per client),
# connected at a set pace, then idle for a measured window. Prints one table: connects, the
# server's live heap per session (class histograms after a full GC, before the clients came and
# with them, as session-heap.sh does), the server's CPU over the idle window per keepalive it
# exchanged (pings it sent + pings it received, as the generator counted them), the gaps between
# the keepalives each client received, ping-restart expirations, and what the server counted as
# dropped (its status, asked for with SIGUSR2). The server's CPU is also shown less what it spent
# without clients (measured over 10 s before they came, scaled to the window).
#
# Usage (root; needs iproute2, openvpn 2.6 (for the tls-crypt key), openssl, a JDK's java and jcmd,
#        and a built distribution: ./mvnw -B -o -pl distribution -am package -DskipTests):
#   bench/sessions.sh [--clients N] [--idle-seconds S] [--rate R] [--threads K] [--culvert DIST]
#                     [--server-heap SIZE] [--loadgen-heap SIZE] [--server-tls NAME] [--loadgen-tls NAME] [--keep DIR]
#   --clients N          clients (default 10000; at most 60000, the client namespace's port range)
#   --idle-seconds S     the measured idle window (default 60)
#   --rate R             connects started per second (default 40: what 2 shared cores kept up with,
#                        bc handshakes on the generator side; faster, connects queue past 60 s)
#   --threads K          the generator's event-loop threads (default 2)
#   --culvert DIST       the distribution directory (default distribution/target/culvert)
#   --server-heap SIZE   the server's CULVERT_HEAP (default 1g)
#   --loadgen-heap SIZE  the generator's -Xmx (default 2g)
#   --server-tls NAME    the server's TLS provider: conscrypt (the distribution's default) or bc (a
#                        copy of the distribution without module-ssl-conscrypt, as README's "SSL
#                        backends" step 1 says; Conscrypt holds a pipe, two descriptors, per TLS
#                        session, so a server on it needs about 2 N descriptors)
#   --loadgen-tls NAME   the generator's TLS provider (default bc: Conscrypt's pipes would make it
#                        3 descriptors per client)
#   --keep DIR           copy the logs, configs and class histograms to DIR
#
# Network (namespaces created here and deleted on exit, also on failure or Ctrl-C; no link to the
# host's namespace): generator 192.0.2.2 --- 192.0.2.1 server. Tunnel 10.8.0.0/16 (topology
# subnet), UDP 1194, tls-crypt, AES-256-GCM, EC keys, keepalive 10 60, one client certificate for
# all (duplicate-cn), max-clients above N, connect-freq-initial raised so that the generator's
# pace is the limit. The script stops only the processes it started.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f dev/env ] && . dev/env
. bench/lib/netns.sh

clients=10000
idle=60
rate=40
threads=2
dist=$PWD/distribution/target/culvert
server_heap=1g
loadgen_heap=2g
server_tls=conscrypt
loadgen_tls=bc
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --clients) clients=${2:?}; shift ;;
    --idle-seconds) idle=${2:?}; shift ;;
    --rate) rate=${2:?}; shift ;;
    --threads) threads=${2:?}; shift ;;
    --culvert) dist=${2:?}; shift ;;
    --server-heap) server_heap=${2:?}; shift ;;
    --loadgen-heap) loadgen_heap=${2:?}; shift ;;
    --server-tls) server_tls=${2:?}; shift ;;
    --loadgen-tls) loadgen_tls=${2:?}; shift ;;
    --keep) keep=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "sessions: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
fail() { echo "sessions: $*" >&2; exit 1; }
[[ $clients =~ ^[0-9]+$ && $clients -ge 1 && $clients -le 60000 ]] || fail "--clients 1..60000"
[[ $idle =~ ^[0-9]+$ && $idle -ge 5 && $idle -le 3600 ]] || fail "--idle-seconds 5..3600"
[[ $rate =~ ^[0-9]+$ && $rate -ge 1 && $rate -le 5000 ]] || fail "--rate 1..5000"
[[ $threads =~ ^[0-9]+$ && $threads -ge 1 && $threads -le 64 ]] || fail "--threads 1..64"
[[ $server_tls == conscrypt || $server_tls == bc ]] || fail "--server-tls conscrypt|bc"
[[ $loadgen_tls == conscrypt || $loadgen_tls == bc ]] || fail "--loadgen-tls conscrypt|bc"
[ -x "$dist/bin/culvert" ] || fail "no $dist/bin/culvert (build: ./mvnw -B -o -pl distribution -am package -DskipTests)"
ls "$dist"/bundle/module-vpn-*.jar >/dev/null 2>&1 || fail "no module-vpn jar in $dist/bundle"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
for c in ip openvpn openssl jcmd "$java"; do
  command -v "$c" >/dev/null || fail "missing $c (apt-get install -y iproute2 openvpn openssl; java and jcmd come with the JDK)"
done
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces)"

tag=$$
srv=cvt-sess-$tag-srv
cli=cvt-sess-$tag-cli
third=cvt-sess-$tag-x
work=$(mktemp -d -t culvert-sessions.XXXXXX)
pids=()
trap 'bench_cleanup "$cli" "$srv" "$third"' EXIT
trap 'exit 130' INT TERM
bench_namespaces "$srv" "$cli" "$third" || fail "cannot create the namespaces and veth pairs"
# Room for N sockets in the generator's namespace: a wider range of ephemeral ports.
ip netns exec "$cli" sysctl -qw net.ipv4.ip_local_port_range="1024 65000" || fail "cannot widen the port range"

log "PKI: EC CA, EC server and client keys, tls-crypt key (in $work)"
{ pki_ca && pki_leaf server serverAuth && pki_leaf client clientAuth &&
  openvpn --genkey tls-crypt "$work/tc.key"; } >"$work/pki.log" 2>&1 || fail "PKI (see $work/pki.log)"
printf '%s\n' "port 1194" "proto udp" "dev tun" "topology subnet" "server 10.8.0.0 255.255.0.0" \
  "ca $work/ca.crt" "cert $work/server.crt" "key $work/server.key" "dh none" "tls-crypt $work/tc.key" \
  "keepalive 10 60" "duplicate-cn" "max-clients $((clients + 100))" "connect-freq-initial $((rate * 100)) 10" \
  "verb 3" > "$work/server.conf"
printf '%s\n' "client" "dev tun" "proto udp" "remote 192.0.2.1 1194" "nobind" "ca $work/ca.crt" \
  "cert $work/client.crt" "key $work/client.key" "remote-cert-tls server" "tls-crypt $work/tc.key" "verb 3" > "$work/client.conf"

live_heap_kib() { # jvm-pid [histogram-file]: the live objects' bytes, in KiB (a class histogram collects in full first)
  local out
  out=$(jcmd "$1" GC.class_histogram 2>/dev/null) || return 1
  [ -n "${2:-}" ] && printf '%s\n' "$out" >"$2"
  # Heap fillers (jdk.internal.vm.FillerElement[], the unused ends of retired allocation buffers)
  # are no one's objects: they are taken off the total.
  awk '/FillerElement/ { filler += $3 } $1 == "Total" { printf "%d\n", ($3 - filler) / 1024; found = 1 } END { if (!found) exit 1 }' <<<"$out"
}
descriptors() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
descriptor_kinds() { # pid: how many descriptors of each kind (socket, pipe, eventpoll, file), most first
  find "/proc/$1/fd" -mindepth 1 -printf '%l\n' 2>/dev/null | sed -e 's/:.*$//' -e 's|^/.*|file|' | sort | uniq -c | sort -rn |
    awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 } END { print "" }'
}
cpu_ticks() { # pid: user + system CPU, in clock ticks (/proc/PID/stat fields 14 and 15, after the command's parentheses)
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
field() { # name: a key=value of the generator's summary line
  sed -n 's/^summary .*[ ]'"$1"'=\([^ ]*\).*$/\1/p' "$work/loadgen.log" | tail -1
}

server_dist=$dist
if [ "$server_tls" = bc ]; then
  server_dist=$work/culvert-bc
  cp -r "$dist" "$server_dist" && rm -f "$server_dist"/bundle/module-ssl-conscrypt-*.jar "$server_dist"/work/*.aot ||
    fail "cannot copy the distribution to $server_dist"
fi
# Every descriptor the hard limit allows (raising it needs CAP_SYS_RESOURCE).
ip netns exec "$srv" env JAVA_HOME="${JAVA_HOME:-}" CULVERT_HEAP="$server_heap" CULVERT_JAVA_OPTS="-Dculvert.work=$work/node" \
  bash -c 'ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"' "$server_dist/bin/culvert" --config "$work/server.conf" --no-shell >"$work/server.log" 2>&1 &
server_pid=$!; pids+=("$server_pid")
wait_for "$work/server.log" "Initialization Sequence Completed" 90 "$server_pid" || fail "the server did not start (see $work/server.log)"
java_pid=""
for p in $(ip netns pids "$srv"); do [ "$(cat /proc/"$p"/comm 2>/dev/null)" = java ] && java_pid=$p; done
[ -n "$java_pid" ] || fail "cannot find the server's JVM"
sleep 3 # past the start-up's warm-ups
h0=$(live_heap_kib "$java_pid" "$work/histo-0.txt") || fail "jcmd could not read the server's heap"
fd0=$(descriptors "$java_pid")
# The server's own CPU without clients (its timers, the JIT settling), to take off the window's.
baseline_s=10
b0=$(cpu_ticks "$java_pid"); sleep "$baseline_s"; b1=$(cpu_ticks "$java_pid")

connect_bound=$((clients / rate + 90))
hold=$((connect_bound + 120)) # the generator keeps its clients while the server's heap is read after the window
log "generator: $clients clients at $rate/s, idle window $idle s"
ip netns exec "$cli" bash -c 'ulimit -n "$(ulimit -Hn)"; exec "$@"' _ \
  "$java" -Xmx"$loadgen_heap" -XX:+UseSerialGC -cp "$dist/bundle/*" dev.culvert.vpn.loadgen.LoadGenerator \
  --config "$work/client.conf" --clients "$clients" --rate "$rate" --threads "$threads" --idle-seconds "$idle" \
  --connect-timeout 60 --hold-seconds "$hold" --tls "$loadgen_tls" >"$work/loadgen.log" 2>"$work/loadgen.err" &
gen_pid=$!; pids+=("$gen_pid")
wait_for "$work/loadgen.log" "idle window of" "$connect_bound" "$gen_pid" || fail "the clients did not finish connecting (see $work/loadgen.log)"
t0=$EPOCHREALTIME; c0=$(cpu_ticks "$java_pid")
tail -1 "$work/loadgen.log" >&2
wait_for "$work/loadgen.log" "idle window ends" $((idle + 60)) "$gen_pid" || fail "the idle window did not end (see $work/loadgen.log)"
t1=$EPOCHREALTIME; c1=$(cpu_ticks "$java_pid")
wait_for "$work/loadgen.log" "^summary " 60 "$gen_pid" || fail "no report from the generator (see $work/loadgen.log)"
hn=$(live_heap_kib "$java_pid" "$work/histo-N.txt") || fail "jcmd could not read the server's heap"
fdn=$(descriptors "$java_pid")
fd_kinds=$(descriptor_kinds "$java_pid")
before_status=$(wc -l <"$work/server.log")
kill -USR2 "$java_pid"
sleep 2
status=$(tail -n +"$((before_status + 1))" "$work/server.log")
stop_pid "$gen_pid"
stop_pid "$server_pid"

connected=$(field connected)
received=$(field ka_received); sent=$(field ka_sent)
tck=$(getconf CLK_TCK)
cpu_s=$(awk -v a="$c0" -v b="$c1" -v t="$tck" 'BEGIN { printf "%.2f", (b - a) / t }')
window_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
per_ka=$(awk -v c="$cpu_s" -v r="$received" -v s="$sent" 'BEGIN { if (r + s > 0) printf "%.1f", c * 1e6 / (r + s); else print "-" }')
base_s=$(awk -v a="$b0" -v b="$b1" -v t="$tck" -v s="$baseline_s" -v w="$window_s" 'BEGIN { printf "%.2f", (b - a) / t / s * w }')
net_ka=$(awk -v c="$cpu_s" -v b="$base_s" -v r="$received" -v s="$sent" 'BEGIN { if (r + s > 0) printf "%.1f", (c - b) * 1e6 / (r + s); else print "-" }')
per_session=$(awk -v a="$h0" -v b="$hn" -v n="$connected" 'BEGIN { if (n > 0) printf "%.1f", (b - a) / n; else print "-" }')
drops=$(grep -E 'dropped=[1-9]|drops \{[^}]|refused \{[^}]|refusals: \{[^}]|refused [1-9]|expired [1-9]|errors=[1-9]|failures=[1-9]' <<<"$status" |
  sed 's/^[0-9-]* [0-9:]* */    /' | head -20)
clients_line=$(grep -m1 -E '^[0-9-]* [0-9:]* +clients: admitted' <<<"$status" | sed 's/^[0-9-]* [0-9:]* *//')

echo "# sessions: Culvert server, $clients load-generator clients idle; $(nproc) cpus; $(date -u +%FT%TZ)"
echo "# $0 --clients $clients --idle-seconds $idle --rate $rate --threads $threads --culvert $dist --server-heap $server_heap --server-tls $server_tls --loadgen-tls $loadgen_tls"
echo "# server: $(grep -m1 -E '^[0-9-]* [0-9:]* +tls: ' <<<"$status" | sed 's/^[0-9-]* [0-9:]* *//'); descriptors allowed $(ip netns exec "$srv" bash -c 'ulimit -Hn')"
printf '%-18s %s\n' "clients" "$connected connected, $(field failed) failed, $(field lost) lost after connecting"
sed -n 's/^  \(failed\|lost\) /    \1 /p' "$work/loadgen.log"
printf '%-18s %s\n' "connect time" "p50 $(field connect_p50_ms) ms, p99 $(field connect_p99_ms) ms, max $(field connect_max_ms) ms"
printf '%-18s %s\n' "server heap" "$h0 KiB before, $hn KiB with the clients: $per_session KiB/session"
printf '%-18s %s\n' "server fds" "$fd0 before, $fdn with the clients: $(awk -v a="$fd0" -v b="$fdn" -v n="$connected" 'BEGIN { if (n > 0) printf "%.2f", (b - a) / n; else print "-" }') per session"
printf '%-18s %s\n' "" "$fd_kinds"
printf '%-18s %s\n' "server CPU" "$cpu_s s over $window_s s idle; $((received + sent)) keepalives ($received sent to the clients, $sent from them): $per_ka us/keepalive"
printf '%-18s %s\n' "" "less its CPU without clients ($base_s s for as long): $net_ka us/keepalive"
printf '%-18s %s\n' "keepalive gaps" "p50 $(field gap_p50_ms) ms, p99 $(field gap_p99_ms) ms, max $(field gap_max_ms) ms of $(field gaps); late (> ping + 2 s) $(field late), silent at the end $(field silent_at_end)"
printf '%-18s %s\n' "ping-restarts" "$(field ping_restarts)"
printf '%-18s %s\n' "generator" "heap $(field heap_kib) KiB after GC, CPU $(field cpu_s) s over the window, $(field not_sent) datagrams not sent, $(field not_received) received and not taken"
printf '%-18s %s\n' "server" "$clients_line"
if [ -n "$drops" ]; then
  echo "server drops (its status):"
  echo "$drops"
else
  echo "server drops (its status): none"
fi
