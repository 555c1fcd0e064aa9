#!/usr/bin/env bash
# Where a quiet tunnel's packet waits inside Culvert's server: the time from the system call that
# brought a packet in to the one that sends it on, per hop, from the kernel's syscall tracepoints
# (perf record, a few microseconds' cost per event, no change to the node):
#   udp->tun  recvmmsg returns (a sealed packet from the client) -> writev to the TUN device begins
#             (opened, checked, routed)
#   tun->udp  read from the TUN device returns (the kernel's answer) -> sendmmsg begins (sealed)
# and the thread each ran on, so a hand-off between threads shows as two names. A stock 2.6 client
# pings the server through the tunnel 100 times a second (bench/pairings.sh's stock-culvert pairing,
# its idle part); the hops are recorded for --seconds, --after seconds after the client connected,
# so --after 3 shows a freshly started node and --after 60 a warm one.
#
# Usage (root; perf, python3, and what bench/pairings.sh needs):
#   bench/hop-latency.sh [--dist DIR] [--after S] [--seconds S] [--label NAME]
# Prints: "NAME udp->tun: n=… p50 … p90 … p99 … max … us", the same for tun->udp, the threads
# seen, and the pairing's ping line.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dist=distribution/target/culvert
after=3
seconds=8
label=culvert
while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=${2:?}; shift ;;
    --after) after=${2:?}; shift ;;
    --seconds) seconds=${2:?}; shift ;;
    --label) label=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "hop-latency: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
fail() { echo "hop-latency: $*" >&2; exit 1; }
[[ $after =~ ^[0-9]+$ && $seconds =~ ^[0-9]+$ && $seconds -ge 1 && $seconds -le 120 ]] || fail "--after and --seconds are whole seconds (seconds 1..120)"
for c in perf python3; do command -v $c >/dev/null || fail "missing $c (apt-get install -y linux-perf python3)"; done
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces, perf)"
out=$(mktemp -d -t culvert-hops.XXXXXX)
trap 'rm -rf "$out"' EXIT
pings=$(( (after + seconds + 5) * 100 ))
bench/pairings.sh --dist "$dist" --pairings stock-culvert --parts idle --ping-count "$pings" --repeat 1 >"$out/pairing.out" 2>"$out/pairing.err" &
bench=$!
pid=""
for _ in $(seq 360); do
  pid=$(grep -o "culvert server up, PID [0-9]*" "$out/pairing.err" | grep -o "[0-9]*$")
  grep -q "stock client up" "$out/pairing.err" && [ -n "$pid" ] && break
  kill -0 $bench 2>/dev/null || break
  sleep 0.5
done
grep -q "stock client up" "$out/pairing.err" || { cat "$out/pairing.err" >&2; fail "the pairing did not come up"; }
sleep "$after"
perf record -q -o "$out/hops.data" -e syscalls:sys_exit_recvmmsg -e syscalls:sys_enter_writev \
  -e syscalls:sys_exit_read -e syscalls:sys_enter_sendmmsg -p "$pid" -- sleep "$seconds" 2>/dev/null
wait $bench
perf script -i "$out/hops.data" 2>/dev/null > "$out/hops.txt"
python3 - "$out/hops.txt" "$label" <<'PY'
import re, sys
events = []
for line in open(sys.argv[1]):
    m = re.search(r'^\s*(\S.*?)\s+(\d+)\s+\[\d+\]\s+([\d.]+):\s+syscalls:(sys_\w+):\s*(.*)', line)
    if m:
        events.append((m.group(1), float(m.group(3)), m.group(4), m.group(5).strip()))
inward, outward, threads = [], [], {}
came, read = None, None
for thread, t, name, args in events:
    failed = args.startswith('0xffff')
    if name == 'sys_exit_recvmmsg':
        came = None if failed else (t, thread)
    elif name == 'sys_enter_writev' and came:
        inward.append((t - came[0]) * 1e6); threads.setdefault('udp->tun', set()).update({came[1], thread}); came = None
    elif name == 'sys_exit_read' and not failed:
        read = (t, thread)
    elif name == 'sys_enter_sendmmsg' and read:
        outward.append((t - read[0]) * 1e6); threads.setdefault('tun->udp', set()).update({read[1], thread}); read = None
def line(v):
    v = sorted(v); n = len(v)
    if not n:
        return 'n=0'
    return 'n=%d p50 %.0f p90 %.0f p99 %.0f max %.0f us' % (n, v[n // 2], v[int(n * .9)], v[min(n - 1, int(n * .99))], v[-1])
label = sys.argv[2]
print('%s udp->tun: %s; threads %s' % (label, line(inward), sorted(threads.get('udp->tun', []))))
print('%s tun->udp: %s; threads %s' % (label, line(outward), sorted(threads.get('tun->udp', []))))
PY
grep "stock <-> culvert" "$out/pairing.out" | sed "s/^/$label ping: /"
