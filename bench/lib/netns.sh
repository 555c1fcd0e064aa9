# Shared by the bench scripts (sourced, not run): stopping what a script started, waiting for a
# log line, and a throw-away PKI. A script that sources it sets `work` (its temporary directory)
# and `pids` (the PIDs it started) first.

# Stops one process this script started: TERM, up to 5 s, then KILL.
stop_pid() {
  kill -TERM "$1" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# Whatever still runs in one of the script's own namespaces was started by the script.
stop_ns_pids() { # namespace
  local p
  for p in $(ip netns pids "$1" 2>/dev/null); do kill -TERM "$p" 2>/dev/null; done
  sleep 0.3
  for p in $(ip netns pids "$1" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
}

# Waits until FILE contains TEXT, at most SECONDS, and gives up early if PID (optional) exits.
wait_for() { # file text seconds [pid]
  for _ in $(seq $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null && break
    sleep 0.1
  done
  tail -20 "$1" >&2
  return 1
}

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# A CA in $work (ca.crt, ca.key), EC P-256 unless told otherwise.
pki_ca() { # [keyopts...]
  local opts=("$@")
  [ ${#opts[@]} -eq 0 ] && opts=(ec -pkeyopt ec_paramgen_curve:prime256v1)
  (cd "$work" && openssl req -x509 -newkey "${opts[@]}" -nodes -keyout ca.key -out ca.crt -days 30 -subj "/CN=bench CA")
}

# A certificate NAME.crt and key NAME.key in $work, signed by the CA, for USAGE
# (serverAuth or clientAuth), with the key options given (default EC P-256).
pki_leaf() { # name usage [keyopts...]
  local name=$1 usage=$2; shift 2
  local opts=("$@")
  [ ${#opts[@]} -eq 0 ] && opts=(ec -pkeyopt ec_paramgen_curve:prime256v1)
  (cd "$work" &&
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment,keyAgreement\nextendedKeyUsage=%s\n' "$usage" > "$name.ext" &&
    openssl req -newkey "${opts[@]}" -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name" &&
    openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" -days 30 -extfile "$name.ext")
}

# Client certificates PREFIX1 .. PREFIXn, as pki_leaf makes them.
pki_clients() { # prefix count
  local i
  for i in $(seq "$2"); do pki_leaf "$1$i" clientAuth || return 1; done
}

# The bench network: SERVER in the middle, joined to CLIENT (192.0.2.2 -- 192.0.2.1) and to THIRD
# (192.0.2.6 -- 192.0.2.5) by a veth pair each, every namespace with its loopback up. Returns 1
# if any step fails.
bench_namespaces() { # server client third
  local srv=$1 cli=$2 third=$3 ns
  ip netns add "$srv" && ip netns add "$cli" && ip netns add "$third" || return 1
  for ns in "$srv" "$cli" "$third"; do ip -n "$ns" link set lo up || return 1; done
  ip link add ul0 netns "$srv" type veth peer name ul0 netns "$cli" || return 1
  ip link add ul1 netns "$srv" type veth peer name ul0 netns "$third" || return 1
  ip -n "$srv" addr add 192.0.2.1/30 dev ul0 && ip -n "$srv" link set ul0 up &&
    ip -n "$srv" addr add 192.0.2.5/30 dev ul1 && ip -n "$srv" link set ul1 up &&
    ip -n "$cli" addr add 192.0.2.2/30 dev ul0 && ip -n "$cli" link set ul0 up &&
    ip -n "$third" addr add 192.0.2.6/30 dev ul0 && ip -n "$third" link set ul0 up
}

# The end of a bench run: stop what it started, delete its namespaces, keep its files if asked.
bench_cleanup() { # namespaces...
  local p ns
  touch "$work/STOP" 2>/dev/null
  for p in "${pids[@]}"; do stop_pid "$p"; done
  for ns in "$@"; do stop_ns_pids "$ns"; ip netns del "$ns" 2>/dev/null; done
  [ -n "${keep:-}" ] && mkdir -p "$keep" && cp -r "$work"/. "$keep"/ 2>/dev/null
  rm -rf "$work"
}
