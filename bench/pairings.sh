#!/usr/bin/env bash
# The four client/server pairings of stock OpenVPN 2.6 and Culvert, side by side in one run, each
# figure also as a ratio against stock client <-> stock server (issue 12's goals are such ratios):
#   stock-stock      stock client   <-> stock server
#   culvert-culvert  Culvert client <-> Culvert server
#   stock-culvert    stock client   <-> Culvert server
#   culvert-stock    Culvert client <-> stock server
# The whole sequence of pairings runs --repeat times (stock-stock, culvert-culvert, stock-culvert,
# culvert-stock, stock-stock, ...), so that other load on the machine hits every pairing alike.
# For each pairing a fresh server and client start, 200 pings warm the tunnel up (not measured),
# then the parts run in this order:
#   idle   ping -i 0.01 through the tunnel to the server (10.8.0.1): RTT p50/p90/p99/max, loss
#   tcp    iperf3 TCP, client -> server and server -> client (-R): Mbit/s received, and the CPU
#          seconds per GB received: user + system time of the server process plus the client
#          process (openvpn, or Culvert's java; iperf3's own CPU is not counted) over the run,
#          from /proc/PID/stat, divided by the GB iperf3 received; and, where perf is installed,
#          the system calls both processes made per MB received (perf stat, raw_syscalls:sys_enter)
#   udp    iperf3 -u at a fixed offered rate (--udp-rate), 1360-byte datagrams (under the
#          tunnel's TCP MSS in every pairing, 1388 as iperf3 reports it: the clamp of 1400 less
#          the timestamp option; so none is fragmented), each way: Mbit/s received and loss % (of the bytes sent)
#   storm  the client pings as in idle while K stock load clients in a third namespace force
#          handshakes on the pairing's server (each connects, quits once its TLS handshake is
#          done, again, as bench/server-bench.sh --storm handshake): the server has an RSA-4096
#          key, so each one costs it a 4096-bit signature. Ping percentiles and handshakes/s
# Printed: a header (versions, cpus, date, seconds taken) and one table per part, a row per
# pairing: ping percentiles over all the samples of all repeats, iperf3 figures the median of the
# repeats; "x" columns divide by stock <-> stock's figure (for ping and CPU lower is better).
#
# Usage (root; needs iproute2, openvpn 2.6, openssl, iperf3, ping, jq, and a built distribution:
#        ./mvnw -B -o -pl distribution -am package -DskipTests):
#   bench/pairings.sh [--dist DIR] [--pairings LIST] [--repeat N] [--parts LIST]
#                     [--iperf-seconds S] [--udp-rate RATE] [--ping-count N]
#                     [--storm-seconds S] [--load-clients K] [--keep DIR]
#   --dist DIR         the Culvert distribution; its server and client run as
#                      DIR/bin/culvert --config FILE --no-shell (default distribution/target/culvert)
#   --pairings LIST    client-server pairs, comma separated, in this order (default
#                      stock-stock,culvert-culvert,stock-culvert,culvert-stock)
#   --repeat N         the whole sequence of pairings N times (default 3)
#   --parts LIST       of idle,tcp,udp,storm (default all four; they run in that order)
#   --iperf-seconds S  per iperf3 run, TCP and UDP (default 5)
#   --udp-rate RATE    offered rate of the UDP runs, as iperf3 -b takes it (default 300M)
#   --ping-count N     idle pings per pairing and repeat, 100 a second (default 1000)
#   --storm-seconds S  seconds of pings (100 a second) in the storm (default 10)
#   --load-clients K   load clients in the storm (default 4)
#   --keep DIR         copy the logs, configs, raw ping output and iperf3 JSON to DIR
#   -h, --help         this text
# CULVERT_JAVA_OPTS, if set, is passed on to each Culvert node this starts (JVM options to compare).
# With the defaults it takes about 12-15 minutes on 2 cpus (about a minute per pairing and repeat,
# 12 of them, and the RSA-4096 key). Run it on an otherwise quiet machine.
#
# Network (namespaces created here and deleted on exit, also on failure or Ctrl-C; no link to
# the host's namespace):  cli 192.0.2.2 --- 192.0.2.1 srv 192.0.2.5 --- 192.0.2.6 load
# Tunnel: 10.8.0.0/24, UDP port 1194, tls-crypt, AES-256-GCM (the 2.6 default), topology subnet,
# EC client keys, the same configs as server-bench.sh. The script stops only the processes it
# started (by PID, then any left in its own namespaces).
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f dev/env ] && . dev/env
. bench/lib/netns.sh
. bench/lib/measure.sh
. bench/lib/storm.sh
. bench/lib/lab.sh

all_pairings=stock-stock,culvert-culvert,stock-culvert,culvert-stock
dist=$PWD/distribution/target/culvert
pairings=$all_pairings
repeats=3
parts=idle,tcp,udp,storm
iperf_seconds=5
udp_rate=300M
udp_length=1360
ping_count=1000
storm_seconds=10
load_clients=4
storm=handshake
keep=""
args=("$@")
while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=$(cd "${2:?}" 2>/dev/null && pwd) || { echo "pairings: --dist $2: no such directory" >&2; exit 2; }; shift ;;
    --pairings) pairings=${2:?}; shift ;;
    --repeat) repeats=${2:?}; shift ;;
    --parts) parts=${2:?}; shift ;;
    --iperf-seconds) iperf_seconds=${2:?}; shift ;;
    --udp-rate) udp_rate=${2:?}; shift ;;
    --ping-count) ping_count=${2:?}; shift ;;
    --storm-seconds) storm_seconds=${2:?}; shift ;;
    --load-clients) load_clients=${2:?}; shift ;;
    --keep) keep=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "pairings: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

fail() { echo "pairings: $*" >&2; exit 1; }
declare -A seen=()
for p in ${pairings//,/ }; do
  [[ ,$all_pairings, == *,$p,* ]] || fail "--pairings: $p is not one of $all_pairings (client-server)"
  [ -z "${seen[$p]:-}" ] || fail "--pairings: $p twice"
  seen[$p]=1
done
[ ${#seen[@]} -ge 1 ] || fail "--pairings: name at least one of $all_pairings"
seen=()
for p in ${parts//,/ }; do
  [[ $p == idle || $p == tcp || $p == udp || $p == storm ]] || fail "--parts: $p is not one of idle,tcp,udp,storm"
  seen[$p]=1
done
[ ${#seen[@]} -ge 1 ] || fail "--parts: name at least one of idle,tcp,udp,storm"
has_part() { [[ ,$parts, == *,$1,* ]]; }
[[ $repeats =~ ^[0-9]+$ && $repeats -ge 1 && $repeats -le 20 ]] || fail "--repeat 1..20"
[[ $iperf_seconds =~ ^[0-9]+$ && $iperf_seconds -ge 1 && $iperf_seconds -le 300 ]] || fail "--iperf-seconds 1..300"
[[ $udp_rate =~ ^[1-9][0-9]*(\.[0-9]+)?[KMG]?$ ]] || fail "--udp-rate: a rate as iperf3 -b takes it, such as 300M or 1G"
[[ $ping_count =~ ^[0-9]+$ && $ping_count -ge 10 && $ping_count -le 100000 ]] || fail "--ping-count 10..100000"
[[ $storm_seconds =~ ^[0-9]+$ && $storm_seconds -ge 1 && $storm_seconds -le 300 ]] || fail "--storm-seconds 1..300"
[[ $load_clients =~ ^[0-9]+$ && $load_clients -ge 1 && $load_clients -le 32 ]] || fail "--load-clients 1..32"
for c in ip openvpn openssl ping jq timeout; do
  command -v $c >/dev/null || fail "missing $c (apt-get install -y iproute2 openvpn openssl iputils-ping jq coreutils)"
done
if { has_part tcp || has_part udp; } && ! command -v iperf3 >/dev/null; then
  fail "missing iperf3, needed for the tcp and udp parts (apt-get install -y iperf3), or run with --parts idle,storm"
fi
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces)"
if [[ $pairings == *culvert* ]]; then
  [ -x "$dist/bin/culvert" ] || fail "no $dist/bin/culvert: build first (./mvnw -B -o -pl distribution -am package -DskipTests) or give --dist"
fi

lab_up pair "$load_clients" "$storm"

# The process that does the work behind a PID this script started: bin/culvert ends in exec java
# and ip netns exec and env exec too, so it is normally the PID itself; should a wrapper stay in
# between, its openvpn or java descendant.
worker_pid() { # pid
  local p=$1 depth comm
  for depth in 1 2 3 4; do
    comm=$(cat "/proc/$p/comm" 2>/dev/null) || break
    [[ $comm == java || $comm == openvpn ]] && { echo "$p"; return; }
    p=$(ps -o pid= --ppid "$p" | head -1 | tr -d ' ')
    [ -n "$p" ] || break
  done
  echo "$1"
}

# Starts the server (stock|culvert) or the client in its namespace, as server-bench.sh does.
# Leaves its worker PID in server_pid or client_pid, the PID started in started[ROLE].
server_pid=""
client_pid=""
declare -A started=()
start_node() { # server|client stock|culvert label
  local role=$1 kind=$2 label=$3 ns conf pid
  if [ "$role" = server ]; then ns=$srv conf=$work/server.conf; else ns=$cli conf=$work/client.conf; fi
  if [ "$kind" = stock ]; then
    ip netns exec "$ns" openvpn --config "$conf" >"$work/$role-$label.log" 2>&1 &
  else
    ip netns exec "$ns" env JAVA_HOME="${JAVA_HOME:-}" CULVERT_JAVA_OPTS="-Dculvert.work=$work/node-$role-$label ${CULVERT_JAVA_OPTS:-}" \
      "$dist/bin/culvert" --config "$conf" --no-shell >"$work/$role-$label.log" 2>&1 &
  fi
  pid=$!; pids+=("$pid"); started[$role]=$pid
  wait_for "$work/$role-$label.log" "Initialization Sequence Completed" 90 "$pid" || fail "$kind $role ($label) did not start"
  pid=$(worker_pid "$pid")
  [ "$pid" = "${started[$role]}" ] || pids+=("$pid")
  if [ "$role" = server ]; then server_pid=$pid; else client_pid=$pid; fi
  log "  $kind $role up, PID $pid ($(cat "/proc/$pid/comm" 2>/dev/null))"
}
stop_nodes() { # the workers, then what was started for them (the same PIDs unless a wrapper stayed)
  stop_pid "$client_pid"; stop_pid "${started[client]}"; client_pid=""
  stop_pid "$server_pid"; stop_pid "${started[server]}"; server_pid=""
  sleep 0.5
}
cpu_ticks() { echo $(( $(pid_ticks "$server_pid") + $(pid_ticks "$client_pid") )); }

# jq on an iperf3 -J output, past any warning iperf3 printed before its JSON.
iperf_jq() { # file jq-args...
  local file=$1; shift
  sed -n '/^{/,$p' "$file" | jq -r "$@"
}

declare -A R
add() { R[$1]="${R[$1]:-} $2"; } # key value: one more sample for the median

# The system calls the server and client processes make, counted by perf from the kernel's
# tracepoint over the run's seconds and one more ("nan" without perf): what the TUN and UDP
# offloads save. (A background job of a script ignores SIGINT, so perf counts for a fixed time.)
syscalls_start() { # file
  calls_pid=""
  command -v perf >/dev/null || return 0
  perf stat -x, -e raw_syscalls:sys_enter -p "$server_pid,$client_pid" -o "$1" -- sleep $((iperf_seconds + 1)) >/dev/null 2>&1 &
  calls_pid=$!
  sleep 0.2
}
syscalls_wait() {
  [ -n "$calls_pid" ] && wait "$calls_pid" 2>/dev/null
}
syscalls_count() { # file -> the count; after syscalls_wait, in this shell (not a $(...) subshell, which cannot wait for it)
  [ -s "$1" ] || { echo nan; return; }
  awk -F, '/raw_syscalls/ && $1 ~ /^[0-9]+$/ { print $1; found = 1 } END { if (!found) print "nan" }' "$1"
}

measure_tcp() { # pairing
  local dir j c0 c1 v gb calls
  for dir in fwd rev; do
    j=$work/tcp-$1-$dir-$repeat.json
    syscalls_start "$j.calls"
    c0=$(cpu_ticks)
    ip netns exec "$cli" timeout $((iperf_seconds + 20)) iperf3 -c 10.8.0.1 -t "$iperf_seconds" -J \
      $([ $dir = rev ] && echo -R) >"$j" 2>"$j.err"
    c1=$(cpu_ticks)
    syscalls_wait
    calls=$(syscalls_count "$j.calls")
    read -r v gb < <(iperf_jq "$j" '.end.sum_received | "\(.bits_per_second / 1e6 * 10 | round / 10) \(.bytes / 1e9)"' 2>/dev/null || echo "nan 0")
    add "$1.tcp.$dir" "$v"
    add "$1.tcp.$dir.cpu" "$(awk -v c=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v gb="${gb:-0}" \
      'BEGIN { if (gb > 0) printf "%.1f", c / hz / gb; else print "nan" }')"
    add "$1.tcp.$dir.calls" "$(awk -v c="$calls" -v gb="${gb:-0}" 'BEGIN { if (gb > 0 && c != "nan") printf "%.0f", c / gb / 1000; else print "nan" }')"
    log "  $1 tcp $dir: $v Mbit/s, $((c1 - c0)) ticks and $calls system calls for ${gb:-0} GB"
  done
}

# Mbit/s received (the receiver's bytes over its seconds) and the share of the bytes sent that
# never arrived. Not end.sum's lost_percent: its lost count is the receiver's (gaps it saw) but
# its packet count the sender's, so datagrams lost after the last one received go uncounted.
measure_udp() { # pairing
  local dir j v loss
  for dir in fwd rev; do
    j=$work/udp-$1-$dir-$repeat.json
    ip netns exec "$cli" timeout $((iperf_seconds + 20)) iperf3 -c 10.8.0.1 -u -b "$udp_rate" -l "$udp_length" \
      -t "$iperf_seconds" -J $([ $dir = rev ] && echo -R) >"$j" 2>"$j.err"
    read -r v loss < <(iperf_jq "$j" '.end | "\(.sum_received.bits_per_second / 1e6 * 10 | round / 10) \(
        100 * (1 - .sum_received.bytes / .sum_sent.bytes) * 100 | round / 100)"' 2>/dev/null || echo "nan nan")
    add "$1.udp.$dir" "$v"; add "$1.udp.$dir.loss" "$loss"
    log "  $1 udp $dir: $v Mbit/s received, $loss% lost"
  done
}

measure_storm() { # pairing
  local h0 h1 t0 t1
  storm_start
  h0=$(handshakes); t0=$EPOCHREALTIME
  ip netns exec "$cli" ping -c $((storm_seconds * 100)) -i 0.01 -W 1 10.8.0.1 >>"$work/ping-$1-storm.txt" 2>&1
  h1=$(handshakes); t1=$EPOCHREALTIME
  storm_stop
  R[$1.storm.hsn]=$(( ${R[$1.storm.hsn]:-0} + h1 - h0 ))
  R[$1.storm.dt]=$(awk -v a="${R[$1.storm.dt]:-0}" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.3f", a + t1 - t0 }')
  log "  $1 storm: $((h1 - h0)) handshakes"
}

start=$EPOCHREALTIME
if has_part tcp || has_part udp; then
  ip netns exec "$srv" iperf3 -s >"$work/iperf3-server.log" 2>&1 &
  pids+=($!)
fi
for ((repeat = 1; repeat <= repeats; repeat++)); do
  for p in ${pairings//,/ }; do
    log "$p (client-server), repeat $repeat of $repeats"
    start_node server "${p#*-}" "$p-$repeat"
    start_node client "${p%-*}" "$p-$repeat"
    ip netns exec "$cli" ping -q -c 200 -i 0.01 -W 1 10.8.0.1 >/dev/null 2>&1 # warm up, not measured
    has_part idle && ip netns exec "$cli" ping -c "$ping_count" -i 0.01 -W 1 10.8.0.1 >>"$work/ping-$p-idle.txt" 2>&1
    has_part tcp && measure_tcp "$p"
    has_part udp && measure_udp "$p"
    has_part storm && measure_storm "$p"
    stop_nodes
  done
done

for k in "${!R[@]}"; do
  [[ $k == *.tcp.* || $k == *.udp.* ]] && R[$k.median]=$(median <<<"${R[$k]}")
done
for p in ${pairings//,/ }; do
  for ph in idle storm; do
    has_part $ph || continue
    read -r R[$p.$ph.p50] R[$p.$ph.p90] R[$p.$ph.p99] R[$p.$ph.max] R[$p.$ph.loss] < <(percentiles "$work/ping-$p-$ph.txt")
  done
  has_part storm && R[$p.storm.hs]=$(awk -v n="${R[$p.storm.hsn]}" -v t="${R[$p.storm.dt]}" 'BEGIN { printf "%.1f", n / t }')
done

# Figure KEY of pairing P, and its ratio against stock-stock's.
val() { echo "${R[$1.$2]:--}"; }
x() { ratio "${R[$1.$2]:-nan}" "${R[stock-stock.$2]:-0}"; }
row_label() { printf '%-22s' "${1%-*} <-> ${1#*-}"; }

culvert_version=-
[[ $pairings == *culvert* ]] && culvert_version=$("$dist/bin/culvert" --version 2>/dev/null | head -1)
echo "# pairings: $(openvpn --version 2>/dev/null | head -1 | cut -d' ' -f1-2), ${culvert_version:--}," \
  "$(iperf3 --version 2>/dev/null | head -1 | cut -d' ' -f1-2); UDP, tls-crypt, AES-256-GCM, RSA-4096 server key;" \
  "$(nproc) cpus; $(date -u +%FT%TZ); $(awk "BEGIN { printf \"%.0f\", $EPOCHREALTIME - $start }") s"
echo "# $0 ${args[*]}"
echo "# = --dist $dist --pairings $pairings --repeat $repeats --parts $parts --iperf-seconds $iperf_seconds" \
  "--udp-rate $udp_rate --ping-count $ping_count --storm-seconds $storm_seconds --load-clients $load_clients"
if has_part idle; then
  echo
  echo "## idle ping: ping -i 0.01 to 10.8.0.1, $ping_count x $repeats, percentiles over all; x = against stock <-> stock"
  printf '%-22s %8s %8s %8s %8s %7s %7s %7s\n' "client <-> server" "p50 ms" "p90 ms" "p99 ms" "max ms" "loss %" "p50 x" "p99 x"
  for p in ${pairings//,/ }; do
    printf '%s %8s %8s %8s %8s %7s %7s %7s\n' "$(row_label $p)" "$(val $p idle.p50)" "$(val $p idle.p90)" \
      "$(val $p idle.p99)" "$(val $p idle.max)" "$(val $p idle.loss)" "$(x $p idle.p50)" "$(x $p idle.p99)"
  done
fi
if has_part tcp; then
  echo
  echo "## tcp: iperf3 ${iperf_seconds}s each way, median of $repeats; cpu = server + client process CPU s per GB received;" \
    "calls = their system calls per MB received; x = against stock <-> stock"
  printf '%-22s %12s %12s %10s %10s %7s %7s %9s %9s %10s %10s\n' "client <-> server" "c->s Mbit/s" "s->c Mbit/s" \
    "c->s s/GB" "s->c s/GB" "c->s x" "s->c x" "cpu c->s x" "cpu s->c x" "c->s calls" "s->c calls"
  for p in ${pairings//,/ }; do
    printf '%s %12s %12s %10s %10s %7s %7s %9s %9s %10s %10s\n' "$(row_label $p)" "$(val $p tcp.fwd.median)" "$(val $p tcp.rev.median)" \
      "$(val $p tcp.fwd.cpu.median)" "$(val $p tcp.rev.cpu.median)" "$(x $p tcp.fwd.median)" "$(x $p tcp.rev.median)" \
      "$(x $p tcp.fwd.cpu.median)" "$(x $p tcp.rev.cpu.median)" "$(val $p tcp.fwd.calls.median)" "$(val $p tcp.rev.calls.median)"
  done
fi
if has_part udp; then
  echo
  echo "## udp: iperf3 -u -b $udp_rate -l $udp_length, ${iperf_seconds}s each way, median of $repeats; Mbit/s received;" \
    "x = against stock <-> stock"
  printf '%-22s %12s %10s %12s %10s %7s %7s\n' "client <-> server" "c->s Mbit/s" "c->s loss%" "s->c Mbit/s" "s->c loss%" \
    "c->s x" "s->c x"
  for p in ${pairings//,/ }; do
    printf '%s %12s %10s %12s %10s %7s %7s\n' "$(row_label $p)" "$(val $p udp.fwd.median)" "$(val $p udp.fwd.loss.median)" \
      "$(val $p udp.rev.median)" "$(val $p udp.rev.loss.median)" "$(x $p udp.fwd.median)" "$(x $p udp.rev.median)"
  done
fi
if has_part storm; then
  echo
  echo "## storm: ping -i 0.01 to 10.8.0.1, $((storm_seconds * 100)) x $repeats, while $load_clients load clients" \
    "($(storm_what)) force RSA-4096 handshakes on the server; x = against stock <-> stock"
  printf '%-22s %8s %8s %8s %8s %7s %13s %7s %7s\n' "client <-> server" "p50 ms" "p90 ms" "p99 ms" "max ms" "loss %" \
    "handshakes/s" "p99 x" "hs/s x"
  for p in ${pairings//,/ }; do
    printf '%s %8s %8s %8s %8s %7s %13s %7s %7s\n' "$(row_label $p)" "$(val $p storm.p50)" "$(val $p storm.p90)" \
      "$(val $p storm.p99)" "$(val $p storm.max)" "$(val $p storm.loss)" "$(val $p storm.hs)" "$(x $p storm.p99)" \
      "$(x $p storm.hs)"
  done
fi
