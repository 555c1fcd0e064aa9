#!/usr/bin/env bash
# Culvert's OpenVPN server vs stock OpenVPN 2.6 as the server, side by side in one run, with the
# same stock OpenVPN clients and the same server config file:
#
#  1. handshake storm: the server has an RSA-4096 key, so each TLS handshake costs it a 4096-bit
#     signature. One client pings the server's tunnel address every 10 ms; first with nothing
#     else going on (quiet), then while K load clients force handshakes on the same server for
#     the same time (storm): with --storm handshake (default) each one connects, quits as soon
#     as its TLS handshake is done ("Peer Connection Initiated") and connects again, in a loop,
#     so the handshake rate depends on the server's handshake cost only; with --storm reconnect
#     each one waits for its tunnel (PUSH_REPLY, TUN up) before it quits, so a server that
#     answers PUSH_REQUEST later also sees fewer handshakes; with --storm reneg they stay
#     connected with reneg-sec 1 (stock 2.6 clients were seen to renegotiate only once that
#     way, so it is the mildest storm). Compare the handshakes/s column before the RTTs.
#     Printed: ping RTT p50/p90/p99/max per server and phase, the handshakes the load clients
#     completed per second, the server's CPU (cores busy, from /proc/PID/stat) and, for the storm,
#     its CPU milliseconds per handshake beyond the quiet phase's, and the storm/quiet ratios. A server that signs on its packet thread
#     shows it as a high p99/max in the storm.
#  2. throughput: iperf3 TCP through the tunnel, client -> server and reverse (-R), for
#     stock client <-> stock server, stock client <-> Culvert server, Culvert client <-> Culvert
#     server; ratios against stock <-> stock.
#
# Usage (root; needs iproute2, openvpn 2.6, openssl, iperf3, ping, jq, and a built distribution:
#        ./mvnw -B -o -pl distribution -am package -DskipTests):
#   bench/server-bench.sh [--servers openvpn,culvert] [--parts storm,throughput]
#                         [--storm reneg|reconnect] [--load-clients K] [--seconds S] [--warm-up S]
#                         [--iperf-seconds S] [--dist DIR] [--culvert-server-cmd CMD] [--keep DIR]
#   --servers          which servers to run, in this order (default openvpn,culvert)
#   --parts            default storm,throughput
#   --storm            handshake|reconnect|reneg: how the load clients force handshakes (default handshake)
#   --load-clients K   load clients in the storm (default 4)
#   --seconds S        ping seconds per storm phase, 100 pings a second (default 10)
#   --warm-up S        before the measured rounds, a storm of S seconds on each freshly started
#                      server (no ping), reported on its own line: a JVM compiles its handshake
#                      code during its first few hundred handshakes, so the measured storm is a
#                      warm server's only with a warm-up (default 0: the first storm is measured)
#   --rounds N         the phases alternate quiet, storm, quiet, storm... N times, S/N seconds
#                      each, so that other load on the machine hits both alike (default 2)
#   --repeat N         run the whole sequence of servers N times (openvpn, culvert, openvpn,
#                      culvert...): ping percentiles over all samples, iperf3 the median (default 1)
#   --iperf-seconds S  per iperf3 run (default 5)
#   --dist DIR         the Culvert distribution whose client (and, by default, server) runs
#                      (default distribution/target/culvert)
#   --culvert-server-cmd CMD   how to run Culvert's server; {conf} is the server config
#                      (default: DIR/bin/culvert --config {conf} --no-shell)
#   --keep DIR         copy the logs, configs and raw ping output to DIR
#   LOAD_NICE=N        (environment) run the load clients at nice N (bench/lib/storm.sh)
# With the defaults it takes about 2-3 minutes. bench/pairings.sh runs all four client/server
# pairings (also Culvert client <-> stock server) with UDP and CPU per GB as well.
#
# Network (namespaces created here and deleted on exit, also on failure or Ctrl-C; no link to
# the host's namespace):  cli 192.0.2.2 --- 192.0.2.1 srv 192.0.2.5 --- 192.0.2.6 load
# Tunnel: 10.8.0.0/24, UDP port 1194, tls-crypt, AES-256-GCM (the 2.6 default). The script
# stops only the processes it started (by PID, then any left in its own namespaces).
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f dev/env ] && . dev/env
. bench/lib/netns.sh
. bench/lib/measure.sh
. bench/lib/storm.sh
. bench/lib/lab.sh

servers=openvpn,culvert
parts=storm,throughput
storm=handshake
load_clients=4
seconds=10
warm_up=0
rounds=2
repeats=1
iperf_seconds=5
dist=$PWD/distribution/target/culvert
culvert_server_cmd=""
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --servers) servers=${2:?}; shift ;;
    --parts) parts=${2:?}; shift ;;
    --storm) storm=${2:?}; shift ;;
    --load-clients) load_clients=${2:?}; shift ;;
    --seconds) seconds=${2:?}; shift ;;
    --rounds) rounds=${2:?}; shift ;;
    --warm-up) warm_up=${2:?}; shift ;;
    --repeat) repeats=${2:?}; shift ;;
    --iperf-seconds) iperf_seconds=${2:?}; shift ;;
    --culvert-server-cmd) culvert_server_cmd=${2:?}; shift ;;
    --dist) dist=$(cd "${2:?}" 2>/dev/null && pwd) || { echo "server-bench: --dist $2: no such directory" >&2; exit 2; }; shift ;;
    --keep) keep=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "server-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

fail() { echo "server-bench: $*" >&2; exit 1; }
[ -n "$culvert_server_cmd" ] || culvert_server_cmd="$dist/bin/culvert --config {conf} --no-shell"
[[ $storm == handshake || $storm == reconnect || $storm == reneg ]] || fail "--storm is handshake, reconnect or reneg"
[[ $load_clients =~ ^[0-9]+$ && $load_clients -ge 1 && $load_clients -le 32 ]] || fail "--load-clients 1..32"
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 1 && $seconds -le 300 ]] || fail "--seconds 1..300"
[[ $warm_up =~ ^[0-9]+$ && $warm_up -le 600 ]] || fail "--warm-up 0..600"
[[ $rounds =~ ^[0-9]+$ && $rounds -ge 1 && $rounds -le $seconds ]] || fail "--rounds 1..seconds"
[[ $repeats =~ ^[0-9]+$ && $repeats -ge 1 && $repeats -le 20 ]] || fail "--repeat 1..20"
[[ $iperf_seconds =~ ^[0-9]+$ && $iperf_seconds -ge 1 && $iperf_seconds -le 300 ]] || fail "--iperf-seconds 1..300"
for s in ${servers//,/ }; do [[ $s == openvpn || $s == culvert ]] || fail "--servers: openvpn and/or culvert, not $s"; done
for c in ip openvpn openssl ping jq; do
  command -v $c >/dev/null || fail "missing $c (apt-get install -y iproute2 openvpn openssl iputils-ping jq)"
done
if [[ $parts == *throughput* ]] && ! command -v iperf3 >/dev/null; then
  fail "missing iperf3, needed for the throughput part (apt-get install -y iperf3), or run with --parts storm"
fi
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces)"
if [[ ,$servers, == *,culvert,* ]]; then
  [ -x "$dist/bin/culvert" ] || fail "no $dist/bin/culvert: build first (./mvnw -B -o -pl distribution -am package -DskipTests) or give --dist"
fi

lab_up sbench "$load_clients" "$storm"

server_pid=""
start_server() { # name
  local cmd
  if [ "$1" = openvpn ]; then
    cmd="openvpn --config $work/server.conf"
  else
    cmd=${culvert_server_cmd//\{conf\}/$work/server.conf}
  fi
  log "server $1: $cmd"
  ip netns exec "$srv" env JAVA_HOME="${JAVA_HOME:-}" CULVERT_JAVA_OPTS="-Dculvert.work=$work/node-server-$1" \
    $cmd >"$work/server-$1.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid")
  wait_for "$work/server-$1.log" "Initialization Sequence Completed" 90 "$server_pid" || fail "server $1 did not start"
}
stop_server() { stop_pid "$server_pid"; server_pid=""; sleep 0.5; }

client_pid=""
start_client() { # stock|culvert label
  if [ "$1" = stock ]; then
    ip netns exec "$cli" openvpn --config "$work/client.conf" >"$work/client-$2.log" 2>&1 &
  else
    ip netns exec "$cli" env JAVA_HOME="${JAVA_HOME:-}" CULVERT_JAVA_OPTS="-Dculvert.work=$work/node-client-$2" \
      "$dist/bin/culvert" --config "$work/client.conf" --no-shell >"$work/client-$2.log" 2>&1 &
  fi
  client_pid=$!; pids+=("$client_pid")
  wait_for "$work/client-$2.log" "Initialization Sequence Completed" 60 "$client_pid" || fail "$1 client ($2) did not connect"
}
stop_client() { stop_pid "$client_pid"; client_pid=""; sleep 0.5; }

declare -A R
# The server's CPU time so far (user + system, every thread), in clock ticks.
server_ticks() { pid_ticks "$server_pid"; }
ping_window() { # server phase: one window of pings, appended to that phase's raw output; the warmup phase does not ping
  local out=$work/ping-$1-$2.txt h0 h1 t0 t1 c0 c1
  h0=$(handshakes); t0=$EPOCHREALTIME; c0=$(server_ticks)
  if [ "$2" = warmup ]; then
    sleep "$warm_up"
  else
    ip netns exec "$cli" ping -c $((seconds * 100 / rounds)) -i 0.01 -W 1 10.8.0.1 >>"$out" 2>&1
  fi
  h1=$(handshakes); t1=$EPOCHREALTIME; c1=$(server_ticks)
  R[$1.$2.hsn]=$(( ${R[$1.$2.hsn]:-0} + h1 - h0 ))
  R[$1.$2.ticks]=$(( ${R[$1.$2.ticks]:-0} + c1 - c0 ))
  R[$1.$2.dt]=$(awk -v a="${R[$1.$2.dt]:-0}" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.3f", a + t1 - t0 }')
}
ping_report() { # server phase
  if [ "$2" = warmup ]; then
    R[$1.$2.p50]=- R[$1.$2.p90]=- R[$1.$2.p99]=- R[$1.$2.max]=- R[$1.$2.loss]=-
  else
    read -r R[$1.$2.p50] R[$1.$2.p90] R[$1.$2.p99] R[$1.$2.max] R[$1.$2.loss] < <(percentiles "$work/ping-$1-$2.txt")
  fi
  R[$1.$2.hs]=$(awk -v n="${R[$1.$2.hsn]}" -v t="${R[$1.$2.dt]}" 'BEGIN { printf "%.1f", n / t }')
  R[$1.$2.cpu]=$(awk -v c="${R[$1.$2.ticks]}" -v hz="$(getconf CLK_TCK)" -v t="${R[$1.$2.dt]}" 'BEGIN { printf "%.3f", c / hz / t }')
  log "  $1 $2: p50 ${R[$1.$2.p50]} p99 ${R[$1.$2.p99]} max ${R[$1.$2.max]} ms, loss ${R[$1.$2.loss]}%, ${R[$1.$2.hs]} handshakes/s"
}

# --- throughput ----------------------------------------------------------------------------
iperf_pid=""
measure_iperf() { # label: one run each way; the report takes the median over the repeats
  local dir j v
  for dir in fwd rev; do
    j=$work/iperf-$1-$dir-$repeat.json
    ip netns exec "$cli" timeout $((iperf_seconds + 20)) iperf3 -c 10.8.0.1 -t "$iperf_seconds" -J $([ $dir = rev ] && echo -R) >"$j" 2>&1
    v=$(jq -r '.end.sum_received.bits_per_second / 1e6 | . * 10 | round / 10' "$j" 2>/dev/null || echo nan)
    R[$1.$dir.all]="${R[$1.$dir.all]:-} $v"
    log "  $1: $([ $dir = fwd ] && echo client-\>server || echo server-\>client) $v Mbit/s"
  done
}

start=$EPOCHREALTIME
if [[ $parts == *throughput* ]]; then
  ip netns exec "$srv" iperf3 -s >"$work/iperf3-server.log" 2>&1 &
  iperf_pid=$!; pids+=("$iperf_pid")
fi
for ((repeat = 1; repeat <= repeats; repeat++)); do
for s in ${servers//,/ }; do
  start_server "$s"
  if [[ $parts == *storm* ]]; then
    log "storm part, server $s, repeat $repeat ($storm, $load_clients load clients, ${seconds}s per phase)"
    start_client stock "$s-storm"
    ip netns exec "$cli" ping -q -c 200 -i 0.01 -W 1 10.8.0.1 >/dev/null 2>&1 # warm up, not measured
    if [ "$warm_up" -gt 0 ]; then
      storm_start
      ping_window "$s" warmup
      storm_stop
    fi
    for ((r = 1; r <= rounds; r++)); do # interleaved, so that outside load hits both phases alike
      ping_window "$s" quiet
      storm_start
      ping_window "$s" storm
      storm_stop
    done
    stop_client
  fi
  if [[ $parts == *throughput* ]]; then
    log "throughput part, server $s"
    start_client stock "$s-iperf"
    ip netns exec "$cli" ping -q -c 200 -i 0.01 -W 1 10.8.0.1 >/dev/null 2>&1
    measure_iperf "stock-$s"
    stop_client
    if [ "$s" = culvert ]; then
      start_client culvert "$s-iperf"
      ip netns exec "$cli" ping -q -c 200 -i 0.01 -W 1 10.8.0.1 >/dev/null 2>&1
      measure_iperf "culvert-$s"
      stop_client
    fi
  fi
  stop_server
done
done
for s in ${servers//,/ }; do
  if [[ $parts == *storm* ]]; then
    [ "$warm_up" -gt 0 ] && ping_report "$s" warmup
    ping_report "$s" quiet; ping_report "$s" storm
  fi
done
for k in "${!R[@]}"; do
  [[ $k == *.all ]] && R[${k%.all}]=$(median <<<"${R[$k]}")
done

storm_what=$(storm_what)
echo "# server-bench: $(openvpn --version 2>/dev/null | head -1 | cut -d' ' -f1-2) vs Culvert server; UDP, tls-crypt, AES-256-GCM;" \
  "$(nproc) cpus; $(date -u +%FT%TZ); $(awk "BEGIN { printf \"%.0f\", $EPOCHREALTIME - $start }") s"
echo "# $0 --servers $servers --parts $parts --storm $storm --load-clients $load_clients --seconds $seconds --warm-up $warm_up --rounds $rounds --repeat $repeats --iperf-seconds $iperf_seconds"
if [[ $parts == *storm* ]]; then
  echo
  echo "## handshake storm: RSA-4096 server key; ping -i 0.01 to 10.8.0.1, $((seconds * 100)) per phase x $repeats;" \
    "storm = $load_clients load clients ($storm_what, in a namespace on the same $(nproc) cpus)"
  printf '%-8s %-6s %8s %8s %8s %8s %7s %13s %10s %12s\n' server phase "p50 ms" "p90 ms" "p99 ms" "max ms" "loss %" \
    "handshakes/s" "server cpu" "cpu ms/hs"
  for s in ${servers//,/ }; do
    phases="quiet storm"; [ "$warm_up" -gt 0 ] && phases="warmup quiet storm"
    for ph in $phases; do
      per_hs=-
      # A storm's CPU beyond the quiet phase's (the ping and the idle node), per handshake.
      [ "$ph" != quiet ] && per_hs=$(awk -v s="${R[$s.$ph.cpu]:-0}" -v q="${R[$s.quiet.cpu]:-0}" -v h="${R[$s.$ph.hs]:-0}" \
        'BEGIN { if (h > 0) printf "%.1f", 1000 * (s - q) / h; else print "-" }')
      printf '%-8s %-6s %8s %8s %8s %8s %7s %13s %10s %12s\n' "$s" "$ph" "${R[$s.$ph.p50]:--}" "${R[$s.$ph.p90]:--}" \
        "${R[$s.$ph.p99]:--}" "${R[$s.$ph.max]:--}" "${R[$s.$ph.loss]:--}" "${R[$s.$ph.hs]:--}" "${R[$s.$ph.cpu]:--}" "$per_hs"
    done
    printf '%-8s %-6s %8s %8s %8s %8s\n' "$s" "ratio" "$(ratio "${R[$s.storm.p50]:-nan}" "${R[$s.quiet.p50]:-0}")" \
      "$(ratio "${R[$s.storm.p90]:-nan}" "${R[$s.quiet.p90]:-0}")" "$(ratio "${R[$s.storm.p99]:-nan}" "${R[$s.quiet.p99]:-0}")" \
      "$(ratio "${R[$s.storm.max]:-nan}" "${R[$s.quiet.max]:-0}")"
  done
fi
if [[ $parts == *throughput* ]]; then
  echo
  echo "## throughput: iperf3 TCP ${iperf_seconds}s each way to 10.8.0.1, median of $repeats; ratio = against stock client <-> stock server"
  printf '%-34s %12s %12s %9s %9s\n' "client <-> server" "c->s Mbit/s" "s->c Mbit/s" "c->s x" "s->c x"
  for pair in stock-openvpn stock-culvert culvert-culvert; do
    [ -n "${R[$pair.fwd]:-}" ] || continue
    printf '%-34s %12s %12s %9s %9s\n' "${pair%%-*} client <-> ${pair#*-} server" "${R[$pair.fwd]}" "${R[$pair.rev]}" \
      "$(ratio "${R[$pair.fwd]}" "${R[stock-openvpn.fwd]:-0}")" "$(ratio "${R[$pair.rev]}" "${R[stock-openvpn.rev]:-0}")"
  done
fi
