#!/usr/bin/env bash
# Culvert client vs stock OpenVPN client, both against one stock OpenVPN 2.6 server, in one run:
# iperf3 TCP through each tunnel (client -> server and reverse) and ping RTT percentiles, then
# the ratios. Root; needs iproute2, openvpn, openssl, iperf3, ping, jq, and a built distribution.
#   bench/client-throughput.sh [seconds per iperf3 run, default 10]
# Everything runs in two network namespaces this script creates and removes (also on failure).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. dev/env
secs=${1:-10}
dist=distribution/target/culvert
tag=$$
srv=cvt-bench-$tag-srv
cli=cvt-bench-$tag-cli
work=$(mktemp -d -t culvert-bench.XXXXXX)
pids=()
stop_pid() { kill -TERM "$1" 2>/dev/null; for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done; kill -KILL "$1" 2>/dev/null; wait "$1" 2>/dev/null; }
cleanup() { for p in "${pids[@]}"; do stop_pid "$p"; done; ip netns del "$srv" 2>/dev/null; ip netns del "$cli" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "client-throughput: $*" >&2; exit 1; }
wait_for() { for _ in $(seq $(($3 * 10))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; tail -20 "$1" >&2; return 1; }
for c in ip openvpn openssl iperf3 ping jq; do command -v $c >/dev/null || fail "missing $c (apt-get install -y iproute2 openvpn openssl iperf3 iputils-ping jq)"; done
[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces)"
[ -x "$dist/bin/culvert" ] || fail "build first: ./mvnw package -DskipTests"

ip netns add "$srv" && ip netns add "$cli" || fail "cannot create namespaces"
ip -n "$srv" link set lo up; ip -n "$cli" link set lo up
ip link add ul0 netns "$srv" type veth peer name ul0 netns "$cli" || fail "veth"
ip -n "$srv" addr add 192.0.2.1/30 dev ul0; ip -n "$srv" link set ul0 up
ip -n "$cli" addr add 192.0.2.2/30 dev ul0; ip -n "$cli" link set ul0 up

( cd "$work"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt -days 30 -subj "/CN=bench CA"
  for who in server:serverAuth client:clientAuth; do
    name=${who%%:*}; printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=%s\n' "${who#*:}" > "$name.ext"
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name"
    openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" -days 30 -extfile "$name.ext"
  done
  openvpn --genkey tls-crypt tc.key ) >"$work/pki.log" 2>&1 || fail "PKI"

printf '%s\n' "port 1194" "proto udp" "dev tun" "topology subnet" "server 10.8.0.0 255.255.255.0" \
  "ca $work/ca.crt" "cert $work/server.crt" "key $work/server.key" "dh none" "tls-crypt $work/tc.key" \
  "keepalive 10 60" "verb 3" > "$work/server.conf"
printf '%s\n' "client" "dev tun" "proto udp" "remote 192.0.2.1 1194" "nobind" "ca $work/ca.crt" \
  "cert $work/client.crt" "key $work/client.key" "remote-cert-tls server" "tls-crypt $work/tc.key" "verb 3" > "$work/client.conf"

ip netns exec "$srv" openvpn --config "$work/server.conf" >"$work/server.log" 2>&1 & pids+=($!)
wait_for "$work/server.log" "Initialization Sequence Completed" 30 || fail "server did not start"
ip netns exec "$srv" iperf3 -s -B 10.8.0.1 >"$work/iperf3-server.log" 2>&1 &
iperf_pid=$!; pids+=($iperf_pid)

declare -A R
measure() { # label
  local label=$1 j
  ip netns exec "$cli" ping -c 100 -i 0.01 -W 2 10.8.0.1 >"$work/$label.ping" 2>&1
  R[$label.loss]=$(grep -o '[0-9.]*% packet loss' "$work/$label.ping" | cut -d% -f1)
  R[$label.p50]=$(grep -o 'time=[0-9.]*' "$work/$label.ping" | cut -d= -f2 | sort -g | awk '{v[NR]=$1} END {print v[int(NR*0.5)+(NR*0.5>int(NR*0.5))]}')
  R[$label.p99]=$(grep -o 'time=[0-9.]*' "$work/$label.ping" | cut -d= -f2 | sort -g | awk '{v[NR]=$1} END {i=int(NR*0.99); if (i<NR*0.99) i++; print v[i]}')
  for dir in fwd rev; do
    j=$work/$label.$dir.json
    ip netns exec "$cli" timeout $((secs + 20)) iperf3 -c 10.8.0.1 -t "$secs" -J $([ $dir = rev ] && echo -R) >"$j" 2>&1
    R[$label.$dir]=$(jq -r '.end.sum_received.bits_per_second / 1e6 | . * 10 | round / 10' "$j" 2>/dev/null || echo nan)
  done
}

# 1. stock client
ip netns exec "$cli" openvpn --config "$work/client.conf" >"$work/stock-client.log" 2>&1 & stock=$!; pids+=($stock)
wait_for "$work/stock-client.log" "Initialization Sequence Completed" 30 || fail "stock client did not connect"
measure stock
stop_pid "$stock"; sleep 1

# 2. Culvert client
ip netns exec "$cli" env CULVERT_JAVA_OPTS="-Dculvert.work=$work/node" "$dist/bin/culvert" --config "$work/client.conf" --no-shell >"$work/culvert-client.log" 2>&1 & cul=$!; pids+=($cul)
wait_for "$work/culvert-client.log" "Initialization Sequence Completed" 60 || fail "Culvert client did not connect"
sleep 2
measure culvert

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }'; }
echo "# client-throughput: stock OpenVPN 2.6 server; UDP, tls-crypt, AES-256-GCM; iperf3 TCP ${secs}s each way; $(nproc) cpus; $(date -u +%FT%TZ)"
printf '%-28s %12s %12s %8s\n' "" "stock client" "culvert" "ratio"
printf '%-28s %12s %12s %8s\n' "iperf3 client->server Mbit/s" "${R[stock.fwd]}" "${R[culvert.fwd]}" "$(ratio "${R[culvert.fwd]}" "${R[stock.fwd]}")"
printf '%-28s %12s %12s %8s\n' "iperf3 server->client Mbit/s" "${R[stock.rev]}" "${R[culvert.rev]}" "$(ratio "${R[culvert.rev]}" "${R[stock.rev]}")"
printf '%-28s %12s %12s %8s\n' "ping p50 ms (100 at 10 ms)" "${R[stock.p50]}" "${R[culvert.p50]}" "$(ratio "${R[culvert.p50]}" "${R[stock.p50]}")"
printf '%-28s %12s %12s %8s\n' "ping p99 ms" "${R[stock.p99]}" "${R[culvert.p99]}" "$(ratio "${R[culvert.p99]}" "${R[stock.p99]}")"
printf '%-28s %12s %12s\n' "ping loss %" "${R[stock.loss]}" "${R[culvert.loss]}"
