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
# until $work/STOP exists.
reconnect_loop() { # i
  local i=$1 p before done_at="Initialization Sequence Completed"
  [ "$storm" = handshake ] && done_at="Peer Connection Initiated"
  while [ ! -e "$work/STOP" ]; do
    before=$(grep -c "$done_at" "$work/load$i.log" 2>/dev/null)
    ip netns exec "$load" ${LOAD_NICE:+nice -n "$LOAD_NICE"} openvpn --config "$work/load$i.conf" >>"$work/load$i.log" 2>&1 &
    p=$!
    for _ in $(seq 400); do # <= 20 s
      [ "$(grep -c "$done_at" "$work/load$i.log" 2>/dev/null)" -gt "${before:-0}" ] && break
      [ -e "$work/STOP" ] && break
      kill -0 "$p" 2>/dev/null || break
      sleep 0.05
    done
    kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null
  done
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
    for i in $(seq "$load_clients"); do reconnect_loop "$i" & load_pids+=($!); pids+=($!); done
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
