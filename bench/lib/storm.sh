# Shared by the bench scripts (sourced, not run): a handshake storm on a server, made by stock
# OpenVPN load clients in their own namespace. A script that sources it sets `work` (its
# temporary directory, with the configs load1.conf .. loadK.conf), `load` (the load clients'
# namespace), `load_clients` (K), `storm` (how they force handshakes, below), `pids` (the PIDs it
# started) and defines `fail`.
#   handshake  each one connects, quits as soon as its TLS handshake is done ("Peer Connection
#              Initiated") and connects again, in a loop: the rate depends on the server's
#              handshake cost only
#   reconnect  the same, but each waits for its tunnel (PUSH_REPLY, TUN up) before it quits
#   reneg      they stay connected, their configs say reneg-sec 1
# LOAD_NICE=N in the environment runs the load clients at nice N (default: the script's own), so
# that a storm's handshakes can be made without the load clients taking the cores from the server.
load_pids=()

# TLS handshakes the load clients have completed so far (all their logs).
handshakes() { cat "$work"/load*.log 2>/dev/null | grep -c "Control Channel: TLS"; }

# One load client's loop: connect, wait for the handshake (or the tunnel), disconnect, again;
# until $work/STOP exists. A connect costs the script two processes (ip netns exec, which becomes
# openvpn) and no polling: the client's output goes through a FIFO to one awk per load client for
# the whole storm (started by storm_start), which appends it to loadI.log and writes "reached" to a
# second FIFO when the line comes; the loop waits on that with bash's read. Here a process costs
# about 6 ms of CPU to start: a loop that ran grep and sleep every 50 ms over a log that grew with
# every connect (as this one once did) took more of the cores than the handshakes.
reconnect_loop() { # i
  local i=$1 p token tries
  exec 3<>"$work/load$i.out" 4<>"$work/load$i.note"
  while [ ! -e "$work/STOP" ]; do
    ip netns exec "$load" ${LOAD_NICE:+nice -n "$LOAD_NICE"} openvpn --config "$work/load$i.conf" >&3 2>&1 3>&- 4>&- &
    p=$!
    token=""
    for ((tries = 0; tries < 20; tries++)); do # <= 20 s
      read -r -t 1 -u 4 token && break
      kill -0 "$p" 2>/dev/null || break
    done
    kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null
    if [ -z "$token" ]; then
      while read -r -t 0.2 -u 4 token; do :; done # a late line of this connect must not count for the next
      sleep 0.5 # a client that fails at once is not restarted in a tight loop
    fi
  done
}

# Follows load client I's output for the whole storm: appends it to its log and says "reached"
# once per line that marks a connect done.
follow_load_client() { # i done_at
  local line_at_a_time=()
  # mawk (Debian's awk) reads a pipe a buffer at a time unless told otherwise.
  awk -W version 2>/dev/null | grep -q mawk && line_at_a_time=(-W interactive)
  exec awk "${line_at_a_time[@]}" -v logfile="$work/load$1.log" -v done_at="$2" \
    '{ print >> logfile; fflush(logfile) } index($0, done_at) { print "reached"; fflush() }' \
    <"$work/load$1.out" >"$work/load$1.note"
}

storm_start() {
  local i
  rm -f "$work/STOP"
  if [ "$storm" = reneg ]; then
    for i in $(seq "$load_clients"); do
      ip netns exec "$load" ${LOAD_NICE:+nice -n "$LOAD_NICE"} openvpn --config "$work/load$i.conf" >>"$work/load$i.log" 2>&1 &
      load_pids+=($!); pids+=($!)
    done
    for i in $(seq "$load_clients"); do
      wait_for "$work/load$i.log" "Initialization Sequence Completed" 60 || fail "load client $i did not connect"
    done
  else
    local done_at="Initialization Sequence Completed"
    [ "$storm" = handshake ] && done_at="Peer Connection Initiated"
    for i in $(seq "$load_clients"); do
      rm -f "$work/load$i.out" "$work/load$i.note"
      mkfifo "$work/load$i.out" "$work/load$i.note" || fail "cannot make FIFOs in $work"
      follow_load_client "$i" "$done_at" & load_pids+=($!); pids+=($!)
      reconnect_loop "$i" & load_pids+=($!); pids+=($!)
    done
    sleep 1
  fi
}

storm_stop() {
  local p
  touch "$work/STOP"
  for p in "${load_pids[@]}"; do stop_pid "$p"; done
  load_pids=()
  stop_ns_pids "$load"
  sleep 1
}

# What the load clients do, for a report's heading.
storm_what() {
  case $storm in
    handshake) echo -n "loops: connect, quit once the TLS handshake is done, again" ;;
    reconnect) echo -n "loops: connect, quit once the tunnel is up, again" ;;
    reneg) echo -n "connected, reneg-sec 1" ;;
  esac
  [ -n "${LOAD_NICE:-}" ] && echo -n "; at nice $LOAD_NICE"
  echo
}
