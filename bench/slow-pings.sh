#!/usr/bin/env bash
# Where a quiet tunnel's slow pings lose their time, both nodes and the pinger at once, for any of
# bench/pairings.sh's pairings (stock ones included, so the two sides can be read side by side).
# While the pairing's ping -i 0.01 runs, perf records for the whole machine (no change to either
# node) the scheduler's and the network stack's tracepoints and a CPU-clock sample every 100 us.
# A round trip runs from ping's request entering the client's TUN device to the reply's delivery by
# that device (ping stamps the reply then). Each trip is split, per thread that took part (ping,
# the client's, the server's), into pieces:
#   wake   from the wake-up being asked for (sched_waking) to the target CPU taking it in
#          (sched_wakeup; another CPU has to be interrupted first, and a halted vCPU woken);
#   queue  from there to running (sched_switch), naming the thread that held the CPU meanwhile;
#   run    the thread on its CPU. A run with no clock sample for over half its length (and over
#          0.3 ms) is put down to the vCPU not running (the hypervisor), not to the thread's work.
# A trip slower than --slow-ms is put down to its largest piece. Times are as traced (perf adds a
# few microseconds per event): read them against each other and against ping's own line.
#
# Usage (root; perf, python3, and what bench/pairings.sh needs):
#   bench/slow-pings.sh [--dist DIR] [--pairing P] [--after S] [--seconds S] [--slow-ms MS] [--label NAME] [--keep DIR]
#   P: stock-stock, culvert-culvert, stock-culvert (the default) or culvert-stock (client-server)
# Prints per round trip the traced percentiles, per thread the percentiles of each piece (and of
# the longest stretch of each run without a clock sample: 'unsampled'), and the slow trips counted
# by cause; then the pairing's own ping line. --keep DIR keeps the trace as text
# (DIR/trace.txt, perf script's lines) for a closer look.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dist=distribution/target/culvert
pairing=stock-culvert
after=20
seconds=6
slow_ms=1
label=""
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --dist) dist=${2:?}; shift ;;
    --pairing) pairing=${2:?}; shift ;;
    --after) after=${2:?}; shift ;;
    --seconds) seconds=${2:?}; shift ;;
    --slow-ms) slow_ms=${2:?}; shift ;;
    --label) label=${2:?}; shift ;;
    --keep) keep=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "slow-pings: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
fail() { echo "slow-pings: $*" >&2; exit 1; }
case $pairing in stock-stock|culvert-culvert|stock-culvert|culvert-stock) ;; *) fail "--pairing must be one of stock-stock, culvert-culvert, stock-culvert, culvert-stock" ;; esac
[[ $after =~ ^[0-9]+$ && $seconds =~ ^[0-9]+$ && $seconds -ge 1 && $seconds -le 60 ]] || fail "--after and --seconds are whole seconds (seconds 1..60)"
[[ $slow_ms =~ ^[0-9]+([.][0-9]+)?$ ]] || fail "--slow-ms is a number of milliseconds, e.g. 1 or 0.5"
[ -n "$label" ] || label=$pairing
for c in perf python3; do command -v $c >/dev/null || fail "missing $c (apt-get install -y linux-perf python3)"; done
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces, perf)"
out=$(mktemp -d -t culvert-slow.XXXXXX)
trap 'rm -rf "$out"' EXIT
pings=$(( (after + seconds + 5) * 100 ))
bench/pairings.sh --dist "$dist" --pairings "$pairing" --parts idle --ping-count "$pings" --repeat 1 >"$out/pairing.out" 2>"$out/pairing.err" &
bench=$!
for _ in $(seq 360); do
  [ "$(grep -c " client up, PID" "$out/pairing.err")" -ge 1 ] && break
  kill -0 $bench 2>/dev/null || break
  sleep 0.5
done
grep -q " client up, PID" "$out/pairing.err" || { cat "$out/pairing.err" >&2; fail "the pairing did not come up"; }
sleep "$after"
perf record -q -a -o "$out/trace.data" -e cpu-clock/period=100000/ -e sched:sched_waking -e sched:sched_wakeup -e sched:sched_switch \
  -e net:net_dev_queue -e net:netif_receive_skb -e net:netif_rx -- sleep "$seconds" 2>/dev/null
wait $bench
perf script -i "$out/trace.data" -F comm,tid,cpu,time,event,trace 2>/dev/null > "$out/trace.txt"
if [ -n "$keep" ]; then
  mkdir -p "$keep" && cp "$out/trace.txt" "$out/pairing.out" "$out/pairing.err" "$keep/"
fi
python3 - "$out/trace.txt" "$label" "$slow_ms" <<'PY'
import bisect, collections, re, sys

label, slow_ms = sys.argv[2], float(sys.argv[3])
LINE = re.compile(r'\s*(.+?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(?:\w+:)?([\w/=-]+):\s*(.*)')
KEY = re.compile(r'(\w+)=(\S+)')
events = []
for line in open(sys.argv[1]):
    m = LINE.match(line)
    if m:
        name = 'cpu-clock' if m.group(5).startswith('cpu-clock') else m.group(5)
        events.append((m.group(1), int(m.group(2)), int(m.group(3)), float(m.group(4)), name, dict(KEY.findall(m.group(6)))))

def takes_part(comm):
    """Whether a thread carries the round trip: ping, stock's openvpn or a Culvert worker."""
    return comm in ('ping', 'openvpn') or comm.startswith('vpn-')

# Per CPU: who ran from when (for naming the thread a woken one waited behind).
timeline = collections.defaultdict(list)
for comm, tid, cpu, t, name, a in events:
    if name == 'sched_switch':
        timeline[cpu].append((t, a.get('next_comm', '?'), int(a.get('next_pid', -1))))
starts_of = {cpu: [x[0] for x in tl] for cpu, tl in timeline.items()}
# Per CPU: when the CPU clock was sampled (every 100 us of a running vCPU).
sampled = collections.defaultdict(list)
for comm, tid, cpu, t, name, a in events:
    if name == 'cpu-clock':
        sampled[cpu].append(t)

def unsampled(cpu, a, b):
    """The longest time in [a, b] without a CPU-clock sample: a vCPU the hypervisor did not run."""
    st = sampled.get(cpu, [])
    i = bisect.bisect_left(st, a)
    longest, last = 0.0, a
    while i < len(st) and st[i] <= b:
        longest, last = max(longest, st[i] - last), st[i]
        i += 1
    return max(longest, b - last) * 1e3

def holder(cpu, a, b):
    """The thread that held cpu longest within [a, b]; 'idle' for the idle task."""
    tl, st = timeline.get(cpu, []), starts_of.get(cpu, [])
    i = max(0, bisect.bisect_right(st, a) - 1)
    share = collections.Counter()
    while i < len(tl) and tl[i][0] < b:
        end = tl[i + 1][0] if i + 1 < len(tl) else b
        lo, hi = max(a, tl[i][0]), min(b, end)
        if hi > lo:
            share['idle' if tl[i][2] == 0 else tl[i][1]] += hi - lo
        i += 1
    return share.most_common(1)[0][0] if share else '?'

# Round trips: ping's request queued on the client's tun0, to the reply's delivery by the client's
# tun0 (the second TUN delivery after the request; the first is the server's). ping stamps a reply
# as the kernel receives it, so its own wake-up is not part of the time it reports.
trips = []
open_trip = None
for i, (comm, tid, cpu, t, name, a) in enumerate(events):
    if name == 'net_dev_queue' and comm == 'ping' and a.get('dev') == 'tun0':
        open_trip = {'start': t, 'i': i, 'tun': []}
    elif open_trip and name in ('netif_receive_skb', 'netif_rx') and a.get('dev') == 'tun0':
        # netif_rx and netif_receive_skb may both report one delivery: one per thread and buffer.
        delivery = (a.get('skbaddr'), tid)
        if not open_trip['tun'] or open_trip['tun'][-1] != delivery:
            open_trip['tun'].append(delivery)
        if len(open_trip['tun']) == 2:
            open_trip['end'], open_trip['j'] = t, i
            trips.append(open_trip)
            open_trip = None

def pieces(trip):
    """(thread, kind, ms, detail) pieces of one trip, in order: detail is the CPU's holder for a
    queue, the longest unsampled stretch (ms) for a run."""
    e = trip['end']
    waking, woken, running, out = {}, {}, {}, []
    for comm, tid, cpu, t, name, a in events[trip['i']:trip['j'] + 1]:
        if name == 'sched_waking' and takes_part(a.get('comm', '')):
            waking[int(a['pid'])] = t
        elif name == 'sched_wakeup' and takes_part(a.get('comm', '')):
            pid = int(a['pid'])
            if pid in waking:
                out.append((a['comm'], 'wake', (t - waking.pop(pid)) * 1e3, None))
            woken[pid] = (t, int(a.get('target_cpu', cpu)))
        elif name == 'sched_switch':
            nxt, prev = int(a.get('next_pid', -1)), int(a.get('prev_pid', -1))
            if nxt in woken:
                w, c = woken.pop(nxt)
                out.append((a['next_comm'], 'queue', (t - w) * 1e3, holder(c, w, t)))
            if takes_part(a.get('next_comm', '')):
                running[nxt] = (t, a['next_comm'], cpu)
            if prev in running:
                r, c, on = running.pop(prev)
                out.append((c, 'run', (t - r) * 1e3, unsampled(on, r, t)))
    for pid, (r, c, on) in running.items():
        out.append((c, 'run', (e - r) * 1e3, unsampled(on, r, e)))
    return out

def pct(v):
    v = sorted(v); n = len(v)
    if not n:
        return 'n=0'
    return 'n=%d p50 %.3f p90 %.3f p99 %.3f max %.3f ms' % (n, v[n // 2], v[int(n * .9)], v[min(n - 1, int(n * .99))], v[-1])

def role(comm):
    return 'vpn-server' if comm.startswith('vpn-server') else comm

rtts = [(t['end'] - t['start']) * 1e3 for t in trips]
print('%s round trip (traced): %s' % (label, pct(rtts)))
per = collections.defaultdict(list)
causes = collections.Counter()
cause_ms = collections.Counter()
slow = 0
for trip, rtt in zip(trips, rtts):
    ps = pieces(trip)
    for comm, kind, ms, detail in ps:
        per[(role(comm), kind)].append(ms)
        if kind == 'run':
            per[(role(comm), 'unsampled')].append(detail)
    if rtt > slow_ms and ps:
        slow += 1
        comm, kind, ms, detail = max(ps, key=lambda p: p[2])
        if kind == 'wake':
            cause = '%s: waking it on another CPU' % role(comm)
        elif kind == 'queue':
            cause = '%s: waiting for a CPU held by %s' % (role(comm), re.sub(r'[/-]\d+$', '', detail))
        else:
            # Half of the run without a sample: the vCPU was not running, whatever the thread did.
            cause = '%s: running, the vCPU stopped' % role(comm) if detail > ms / 2 and detail > 0.3 else '%s: running' % role(comm)
        causes[cause] += 1
        cause_ms[cause] += ms
for (who, kind), v in sorted(per.items()):
    print('%s   %-12s %-5s %s' % (label, who, kind, pct(v)))
print('%s slow trips (over %g ms): %d of %d' % (label, slow_ms, slow, len(trips)))
for cause, n in causes.most_common():
    print('%s   %3d  %s (that piece: %.2f ms on average)' % (label, n, cause, cause_ms[cause] / n))
PY
grep -E "^(stock|culvert) <-> (stock|culvert)" "$out/pairing.out" | sed "s/^/$label ping: /"
