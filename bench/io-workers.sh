#!/usr/bin/env bash
# TUN -> UDP forwarding with 1, 2 and N data-plane workers, side by side in one run.
#
# For each worker count it creates two network namespaces joined by a veth pair, starts the
# pass-through node (test sources) in namespace A with a TUN device of that many queues, floods
# the TUN device from inside A with UDP from several source ports (so the multi-queue device
# spreads them over the queues), and reads the node's counters: packets read from TUN and sent
# on UDP per second. Everything it creates is removed on exit, also on failure or Ctrl-C.
#
# Needs: root, iproute2, a JDK 21+, the project built once (./mvnw -o -pl stack-core test-compile).
# Usage: sudo bench/io-workers.sh [seconds-per-run (default 8)] [payload sizes (default "1372 100")]
set -euo pipefail

SECONDS_PER_RUN=${1:-8}
SIZES=${2:-"1372 100"}
FLOOD_THREADS=${FLOOD_THREADS:-4}
# The load generator shares the machine's cores with the node; at a lower priority it takes
# only what the workers leave, so the figures measure the node rather than the scheduler.
FLOOD_NICE=${FLOOD_NICE:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. dev/env

[ "$(id -u)" = 0 ] || { echo "io-workers: run as root (it creates namespaces and TUN devices)" >&2; exit 1; }
command -v ip >/dev/null || { echo "io-workers: install iproute2" >&2; exit 1; }
[ -e /dev/net/tun ] || { echo "io-workers: no /dev/net/tun (modprobe tun)" >&2; exit 1; }

CP_FILE=stack-core/target/bench-classpath.txt
./mvnw -B -q -o -pl stack-core test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE" -Dmdep.includeScope=test >/dev/null 2>&1 \
  || { echo "io-workers: build failed; run ./mvnw -o -pl stack-core test-compile to see why" >&2; exit 1; }
CP="$PWD/stack-core/target/test-classes:$PWD/stack-core/target/classes:$(cat "$CP_FILE")"
JAVA_FLAGS=(-Xmx512m -XX:+UseParallelGC)
[ "$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)" -ge 22 ] \
  && JAVA_FLAGS+=(--enable-native-access=ALL-UNNAMED)

CORES=$(nproc)
COUNTS="1 2 $CORES"
[ "$CORES" -le 2 ] && COUNTS="1 2"
TAG="cvb-$$"
LOGDIR=$(mktemp -d /tmp/culvert-bench.XXXXXX)
PIDS=()
NAMESPACES=()

cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
  for ns in "${NAMESPACES[@]:-}"; do [ -n "$ns" ] && ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

stat_of() { # stat_of LOGFILE KEY -> last value of KEY in the node's STATS lines
  grep '^STATS' "$1" | tail -1 | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'
}

run_one() { # run_one WORKERS SIZE -> prints "pps_tun pps_udp mbit"
  local w=$1 size=$2 a="$TAG-$1-$2-a" b="$TAG-$1-$2-b" log="$LOGDIR/node-$1-$2.log"
  ip netns add "$a"; NAMESPACES+=("$a")
  ip netns add "$b"; NAMESPACES+=("$b")
  ip -n "$a" link set lo up; ip -n "$b" link set lo up
  ip -n "$a" link add va type veth peer name vb netns "$b"
  ip -n "$a" addr add 192.0.2.1/24 dev va; ip -n "$b" addr add 192.0.2.2/24 dev vb
  ip -n "$a" link set va up; ip -n "$b" link set vb up
  ip netns exec "$a" java "${JAVA_FLAGS[@]}" -cp "$CP" dev.culvert.testing.netns.PassThroughNode \
      --tun cv0 --addr 10.9.0.1/24 --mtu 1500 --local 192.0.2.1:51194 --remote 192.0.2.2:51194 \
      --workers "$w" --seconds $((SECONDS_PER_RUN + 30)) >"$log" 2>&1 &
  local node=$!; PIDS+=("$node")
  for _ in $(seq 1 200); do grep -qs '^READY' "$log" && break; sleep 0.1; done
  grep -q '^READY' "$log" || { echo "node did not start:" >&2; cat "$log" >&2; exit 1; }
  ip netns exec "$a" java "${JAVA_FLAGS[@]}" -cp "$CP" dev.culvert.testing.netns.UdpFlood \
      --to 10.9.0.2:9 --threads "$FLOOD_THREADS" --size "$size" --seconds 2 >/dev/null 2>&1   # warm-up
  sleep 0.6
  local r0 s0 r1 s1 t0 t1
  r0=$(stat_of "$log" tun.read); s0=$(stat_of "$log" net.sent); t0=$(date +%s.%N)
  ip netns exec "$a" nice -n "$FLOOD_NICE" java "${JAVA_FLAGS[@]}" -cp "$CP" dev.culvert.testing.netns.UdpFlood \
      --to 10.9.0.2:9 --threads "$FLOOD_THREADS" --size "$size" --seconds "$SECONDS_PER_RUN" >"$LOGDIR/flood-$w-$size.log" 2>&1
  sleep 0.6
  r1=$(stat_of "$log" tun.read); s1=$(stat_of "$log" net.sent); t1=$(date +%s.%N)
  local offered dropped
  offered=$(sed -n 's/^FLOOD sent=\([0-9]*\).*/\1/p' "$LOGDIR/flood-$w-$size.log")
  # TX dropped on the TUN device: packets the kernel discarded because a queue was full,
  # i.e. the node did not keep up (includes the warm-up).
  dropped=$(ip -n "$a" -s link show cv0 | awk '/TX:/ {getline; print $4}')
  local perworker; perworker=$(grep '^STATS' "$log" | tail -1 | tr ' ' '\n' | grep '^w[0-9]*.tun.read' | cut -d= -f2 | paste -sd/)
  kill "$node"; wait "$node" 2>/dev/null || true
  ip netns del "$a"; ip netns del "$b"
  awk -v r0="$r0" -v r1="$r1" -v s0="$s0" -v s1="$s1" -v t0="$t0" -v t1="$t1" -v size="$size" -v pw="$perworker" \
      -v offered="${offered:-0}" -v secs="$SECONDS_PER_RUN" -v dropped="${dropped:-0}" 'BEGIN {
    dt = t1 - t0; ptun = (r1 - r0) / dt; pudp = (s1 - s0) / dt;
    printf "%.0f %.0f %.1f %.0f %s %s\n", ptun, pudp, pudp * (size + 28) * 8 / 1e6, offered / secs, dropped, pw }'
}

echo "Culvert TUN -> UDP, pass-through node, $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "load: $FLOOD_THREADS UDP senders inside the namespace at nice $FLOOD_NICE, ${SECONDS_PER_RUN}s per run; Mbit/s counts IP packets (payload + 28)"
printf '%-7s %-7s %12s %12s %12s %9s %12s %10s  %s\n' size workers "offered/s" "TUN pkt/s" "UDP pkt/s" "Mbit/s" "vs 1" "TUN drops" "per-worker TUN reads"
for size in $SIZES; do
  base=""
  for w in $COUNTS; do
    read -r ptun pudp mbit offered dropped pw < <(run_one "$w" "$size")
    [ -z "$base" ] && base=$pudp
    ratio=$(awk -v a="$pudp" -v b="$base" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }')
    printf '%-7s %-7s %12s %12s %12s %9s %12s %10s  %s\n' "$((size + 28))B" "$w" "$offered" "$ptun" "$pudp" "$mbit" "$ratio" "$dropped" "$pw"
  done
done
echo "node and load-generator logs: $LOGDIR"
