#!/usr/bin/env bash
# Soak: a Culvert server under the life of a busy day, for a fixed time, watched for leaks.
#
#  - N stock OpenVPN 2.6 clients (each with a TUN device left without an address, ifconfig-noexec) connect, stay 20-90 s,
#    leave (explicit-exit-notify) and come back, again and again;
#  - the server renegotiates every client's keys every R seconds (reneg-sec);
#  - every S seconds the operator swaps the compressor (lz4 <-> snappy) and the AEAD provider
#    (jce <-> conscrypt) with `culvert:swap`, under that traffic;
#  - a third namespace floods the server with strangers throughout: empty datagrams, garbage and
#    reset-shaped datagrams, each from a new source port (bench/soak/StrangerFlood.java).
#
# Every S seconds it samples the server JVM: heap used after a full GC (jcmd GC.run, then
# GC.heap_info), pooled packets out of the pools (`culvert:status`), open file descriptors,
# threads and RSS; and the tunnels: clients that are up (they logged "Initialization Sequence
# Completed" in this run of theirs) against the server's status file. At the end it prints the
# samples and a verdict:
#  - flat: heap after GC, descriptors, threads and pooled packets at the end are within the
#    bounds printed with the verdict of the early samples' (after the first minute's warm-up);
#  - tunnels: no client that had been up for 15 s was missing from the status file at any
#    sample, every connect attempt reached its tunnel within 60 s, and no client's tunnel died
#    under it (ping-restart, TLS errors, AUTH_FAILED in its log).
# Exit status 0 when both hold, 1 otherwise.
#
# Usage (root; needs iproute2, openvpn 2.6, openssl, util-linux's `script`, and a built
# distribution: ./mvnw -B -o -pl distribution -am package -DskipTests):
#   bench/soak.sh [--minutes M] [--clients N] [--reneg-sec R] [--swap-every S]
#                 [--flood-rate P] [--keep DIR]
#   --minutes M      how long (default 10)
#   --clients N      stock clients (default 100)
#   --reneg-sec R    the server's reneg-sec (default 10)
#   --swap-every S   seconds between swaps, which are also the samples (default 30)
#   --flood-rate P   stranger datagrams a second (default 500)
#   --keep DIR       copy logs, configs and samples to DIR
#
# Network (namespaces created here and deleted on exit, also on failure or Ctrl-C; no link to
# the host's namespace):  cli 192.0.2.2 --- 192.0.2.1 srv 192.0.2.5 --- 192.0.2.6 flood
# The script stops only the processes it started (by PID, then any left in its own namespaces).
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f dev/env ] && . dev/env
. bench/lib/netns.sh

minutes=10
clients=100
reneg_sec=10
swap_every=30
flood_rate=500
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) minutes=${2:?}; shift ;;
    --clients) clients=${2:?}; shift ;;
    --reneg-sec) reneg_sec=${2:?}; shift ;;
    --swap-every) swap_every=${2:?}; shift ;;
    --flood-rate) flood_rate=${2:?}; shift ;;
    --keep) keep=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "soak: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
fail() { echo "soak: $*" >&2; exit 1; }
[[ $minutes =~ ^[0-9]+$ && $minutes -ge 2 && $minutes -le 600 ]] || fail "--minutes 2..600"
[[ $clients =~ ^[0-9]+$ && $clients -ge 1 && $clients -le 250 ]] || fail "--clients 1..250 (the pool is a /24)"
[[ $reneg_sec =~ ^[0-9]+$ && $reneg_sec -ge 5 ]] || fail "--reneg-sec 5 or more"
[[ $swap_every =~ ^[0-9]+$ && $swap_every -ge 10 ]] || fail "--swap-every 10 or more"
[[ $flood_rate =~ ^[0-9]+$ && $flood_rate -ge 1 && $flood_rate -le 20000 ]] || fail "--flood-rate 1..20000"
for c in ip openvpn openssl script java jcmd; do
  command -v $c >/dev/null || fail "missing $c (apt-get install -y iproute2 openvpn openssl util-linux; a JDK 21+)"
done
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces)"
dist=$PWD/distribution/target/culvert
[ -x "$dist/bin/culvert" ] || fail "build first: ./mvnw -B -o -pl distribution -am package -DskipTests"

tag=$$
srv=cvt-soak-$tag-srv
cli=cvt-soak-$tag-cli
flood=cvt-soak-$tag-flood
work=$(mktemp -d -t culvert-soak.XXXXXX)
pids=()
cleanup() {
  exec 3>&- 2>/dev/null
  bench_cleanup "$flood" "$cli" "$srv"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_namespaces "$srv" "$cli" "$flood" || fail "cannot create the namespaces and veth pairs"

log "PKI: EC CA, server and $clients client certificates (in $work)"
{ pki_ca && pki_leaf server serverAuth &&
  pki_clients client "$clients" &&
  openvpn --genkey tls-crypt "$work/tc.key"; } >"$work/pki.log" 2>&1 || fail "PKI (see $work/pki.log)"

printf '%s\n' "port 1194" "proto udp" "dev tun" "topology subnet" "server 10.8.0.0 255.255.255.0" \
  "ca $work/ca.crt" "cert $work/server.crt" "key $work/server.key" "dh none" "tls-crypt $work/tc.key" \
  "keepalive 5 30" "reneg-sec $reneg_sec" "compress lz4-v2" "push \"compress lz4-v2\"" \
  "status $work/status.txt 2" "status-version 2" "verb 3" > "$work/server.conf"
mkdir -p "$work/up" "$work/clients"
for i in $(seq "$clients"); do
  printf '%s\n' "client" "dev tun" "proto udp" "remote 192.0.2.1 1194" "nobind" "ca $work/ca.crt" \
    "cert $work/client$i.crt" "key $work/client$i.key" "remote-cert-tls server" "tls-crypt $work/tc.key" \
    "allow-compression yes" "explicit-exit-notify 1" "ifconfig-noexec" "route-noexec" "verb 3" > "$work/clients/client$i.conf"
done

# The server runs with its Gogo shell on a pseudo-terminal (script), fed from a FIFO: the
# operator's swaps and status queries are typed there, as an operator would.
mkfifo "$work/shell"
exec 3<>"$work/shell"
ip netns exec "$srv" env JAVA_HOME="${JAVA_HOME:-}" CULVERT_JAVA_OPTS="-Dculvert.work=$work/node -Xlog:gc:file=$work/gc.log" \
  script -qfc "$dist/bin/culvert --config $work/server.conf" /dev/null <"$work/shell" >"$work/server.log" 2>&1 &
pids+=($!)
wait_for "$work/server.log" "Initialization Sequence Completed" 90 "${pids[0]}" || fail "the server did not start"
java_pid=""
for p in $(ip netns pids "$srv"); do [ "$(cat /proc/"$p"/comm 2>/dev/null)" = java ] && java_pid=$p; done
[ -n "$java_pid" ] || fail "cannot find the server's JVM in $srv"
log "server up, JVM pid $java_pid"

client_loop() { # i: connect, stay a while, leave, come back; until STOP
  local i=$1 p before stay ok now_up
  local logf=$work/clients/client$i.log
  while [ ! -e "$work/STOP" ]; do
    before=$(grep -c "Initialization Sequence Completed" "$logf" 2>/dev/null)
    ip netns exec "$cli" openvpn --config "$work/clients/client$i.conf" >>"$logf" 2>&1 &
    p=$!
    ok=0
    for _ in $(seq 120); do # <= 60 s
      now_up=$(grep -c "Initialization Sequence Completed" "$logf" 2>/dev/null)
      [ "${now_up:-0}" -gt "${before:-0}" ] && { ok=1; break; }
      [ -e "$work/STOP" ] && break
      kill -0 "$p" 2>/dev/null || break
      sleep 0.5
    done
    if [ $ok = 1 ]; then
      date +%s >"$work/up/$i"
      stay=$((20 + RANDOM % 71))
      for _ in $(seq $((stay * 2))); do
        [ -e "$work/STOP" ] && break
        kill -0 "$p" 2>/dev/null || { echo "$(date +%T) client$i: its openvpn exited while up" >>"$work/events"; break; }
        sleep 0.5
      done
      rm -f "$work/up/$i"
    elif [ ! -e "$work/STOP" ]; then
      echo "$(date +%T) client$i: no tunnel (its openvpn exited, or 60 s passed)" >>"$work/events"
    fi
    kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null
    sleep $((1 + RANDOM % 5))
  done
}

status_block() { # the last `culvert:status` answer in the server's log
  awk '/native I\/O:/ { block = "" } { block = block $0 "\n" } END { printf "%s", block }' "$work/server.log"
}
sample() { # n: one line of samples.tsv
  local heap pool fds threads rss up listed missing now f i
  # The heap after the full collection that GC.run asks for, as the GC log reports it (after
  # "->"); reading the heap afterwards would count what the node allocated in between.
  jcmd "$java_pid" GC.run >/dev/null 2>&1
  heap=$(grep 'Pause Full' "$work/gc.log" 2>/dev/null | tail -1 | sed -n 's/.*->\([0-9]*\)M(.*/\1/p')
  [ -n "$heap" ] && heap=$((heap * 1024))
  echo "culvert:status" >&3
  sleep 2
  pool=$(status_block | grep -o '[0-9]* out\]' | awk '{ n += $1 } END { print n + 0 }')
  fds=$(ls "/proc/$java_pid/fd" 2>/dev/null | wc -l)
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$java_pid/status" 2>/dev/null)
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$java_pid/status" 2>/dev/null)
  now=$(date +%s)
  up=0; listed=0; missing=0
  for f in "$work"/up/*; do
    [ -e "$f" ] || continue
    up=$((up + 1)); i=${f##*/}
    if grep -q "^CLIENT_LIST,client$i," "$work/status.txt" 2>/dev/null; then
      listed=$((listed + 1))
    elif [ $((now - $(cat "$f" 2>/dev/null || echo "$now"))) -ge 15 ]; then
      missing=$((missing + 1)); echo "$(date +%T) client$i: up for 15 s or more, not in the status file" >>"$work/events"
    fi
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(date +%T)" "${heap:-nan}" "$pool" "$fds" "${threads:-nan}" \
    "${rss:-nan}" "$up/$listed" "$missing" >>"$work/samples.tsv"
  log "sample $1: heap after GC ${heap:-?} KiB, pooled out $pool, fds $fds, threads ${threads:-?}, up/listed $up/$listed, missing $missing"
}

log "flood: $flood_rate stranger datagrams a second, each from a new source port"
ip netns exec "$flood" java "$PWD/bench/soak/StrangerFlood.java" 192.0.2.5 1194 "$flood_rate" $((minutes * 60 + 30)) \
  >"$work/flood.log" 2>&1 &
pids+=($!)
log "starting $clients clients"
for i in $(seq "$clients"); do client_loop "$i" & pids+=($!); sleep 0.2; done

printf 'n\ttime\theap_after_gc_kib\tpooled_out\tfds\tthreads\trss_kib\tup/listed\tmissing\n' >"$work/samples.tsv"
samples=$((minutes * 60 / swap_every))
compressors=(snappy lz4); aeads=(conscrypt jce)
for n in $(seq "$samples"); do
  sleep "$swap_every"
  echo "culvert:swap compress ${compressors[n % 2]}" >&3
  echo "culvert:swap aead ${aeads[n % 2]}" >&3
  sample "$n"
done
touch "$work/STOP"
echo "culvert:status" >&3; sleep 2; status_block >"$work/final-status.txt"

# --- the verdict ----------------------------------------------------------------------------
swaps_done=$(grep -c 'compress -> \|aead -> ' "$work/server.log")
attempts_failed=$(cat "$work/events" 2>/dev/null | grep -c 'no tunnel')
died=$(cat "$work"/clients/*.log | grep -c 'Inactivity timeout\|TLS Error\|AUTH_FAILED\|SIGUSR1\[soft')
missing_total=$(awk -F'\t' 'NR > 1 { n += $9 } END { print n + 0 }' "$work/samples.tsv")
tunnels=$(cat "$work"/clients/*.log | grep -c 'Initialization Sequence Completed')
# Early = the samples after the first minute and in the first third; late = the last third.
early_from=$(( (60 + swap_every - 1) / swap_every + 1 )); early_to=$(( samples / 3 > early_from ? samples / 3 : early_from ))
late_from=$(( samples - samples / 3 + 1 ))
flat=$(awk -F'\t' -v ef="$early_from" -v et="$early_to" -v lf="$late_from" '
  NR == 1 { for (c = 3; c <= 6; c++) { early[c] = 0; late[c] = 0 }; next }
  { n = $1 }
  n >= ef && n <= et { for (c = 3; c <= 6; c++) if ($c > early[c]) early[c] = $c }
  n >= lf { for (c = 3; c <= 6; c++) if ($c > late[c]) late[c] = $c }
  END {
    # Bounds: heap after GC +25 % and 16 MiB; pooled packets +64; descriptors +16; threads +4.
    ok = 1
    if (late[3] > early[3] * 1.25 + 16384) { ok = 0; print "heap after GC grew: " early[3] " -> " late[3] " KiB" }
    if (late[4] > early[4] + 64) { ok = 0; print "pooled packets out grew: " early[4] " -> " late[4] }
    if (late[5] > early[5] + 16) { ok = 0; print "file descriptors grew: " early[5] " -> " late[5] }
    if (late[6] > early[6] + 4) { ok = 0; print "threads grew: " early[6] " -> " late[6] }
    printf "early max: heap %s KiB, pooled %s, fds %s, threads %s; late max: heap %s KiB, pooled %s, fds %s, threads %s\n", early[3], early[4], early[5], early[6], late[3], late[4], late[5], late[6]
    print(ok ? "FLAT" : "GREW")
  }' "$work/samples.tsv")

echo "# soak: Culvert server, $clients stock $(openvpn --version 2>/dev/null | head -1 | cut -d' ' -f2) clients, reneg-sec $reneg_sec," \
  "swaps every ${swap_every}s, $flood_rate strangers/s; $(nproc) cpus; $(date -u +%FT%TZ); $minutes min"
echo "# $0 --minutes $minutes --clients $clients --reneg-sec $reneg_sec --swap-every $swap_every --flood-rate $flood_rate"
column -t -s $'\t' "$work/samples.tsv"
echo
echo "tunnels opened: $tunnels; connect attempts that got no tunnel: $attempts_failed; tunnels that died under a client: $died;" \
  "clients up 15 s and missing from the status file: $missing_total (summed over samples)"
echo "swaps answered by the shell: $swaps_done; flood: $(tail -1 "$work/flood.log")"
echo "server drop counters at the end (non-zero):"
grep -o '[a-z0-9.-]*=[1-9][0-9]*' "$work/final-status.txt" | sort | uniq | sed 's/^/  /' | head -40
echo "$flat" | sed 's/^/resources: /'
if [[ $flat == *FLAT ]] && [ "$attempts_failed" -eq 0 ] && [ "$died" -eq 0 ] && [ "$missing_total" -eq 0 ]; then
  echo "verdict: PASS (flat, and every client that should have a tunnel had one)"
  exit 0
fi
echo "verdict: FAIL (see above; events:)"
sed 's/^/  /' "$work/events" 2>/dev/null | head -20
exit 1
