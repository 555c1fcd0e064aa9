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
