# Shared by the bench scripts (sourced, not run): the tunnel that server-bench.sh and pairings.sh
# measure, in $work (set by the script, as netns.sh asks). UDP port 1194, tls-crypt, AES-256-GCM
# (the 2.6 default), topology subnet, server 10.8.0.0/24 on 192.0.2.1 (the client's side) and
# 192.0.2.5 (the load clients' side) of bench_namespaces.

# An EC CA, an RSA-4096 server key (each handshake costs the server a 4096-bit signature, so a
# handshake storm weighs), EC keys for "client" and load1 .. loadK, and the tls-crypt key.
lab_pki() { # K
  pki_ca && pki_leaf server serverAuth rsa:4096 && pki_leaf client clientAuth &&
    pki_clients load "$1" && openvpn --genkey tls-crypt "$work/tc.key"
}

# A client config FILE for certificate CN to the server at REMOTE, with extra lines.
lab_client_conf() { # file cn remote extra-lines...
  local file=$1 cn=$2 remote=$3; shift 3
  printf '%s\n' "client" "dev tun" "proto udp" "remote $remote 1194" "nobind" "ca $work/ca.crt" \
    "cert $work/$cn.crt" "key $work/$cn.key" "remote-cert-tls server" "tls-crypt $work/tc.key" "verb 3" "$@" > "$file"
}

# server.conf, client.conf and load1.conf .. loadK.conf (no tun of their own; reneg-sec 1 when
# the storm is "reneg").
lab_configs() { # K storm
  local i reneg=()
  printf '%s\n' "port 1194" "proto udp" "dev tun" "topology subnet" "server 10.8.0.0 255.255.255.0" \
    "ca $work/ca.crt" "cert $work/server.crt" "key $work/server.key" "dh none" "tls-crypt $work/tc.key" \
    "keepalive 10 60" "verb 3" > "$work/server.conf"
  lab_client_conf "$work/client.conf" client 192.0.2.1
  [ "$2" = reneg ] && reneg=("reneg-sec 1")
  for i in $(seq "$1"); do
    lab_client_conf "$work/load$i.conf" "load$i" 192.0.2.5 ifconfig-noexec route-noexec "${reneg[@]}"
  done
}

# The whole lab for a script: namespaces NAME-PID-srv, -cli and -load with their veth pairs, a
# temporary $work, the PKI and the configs; everything is removed on exit, also on failure or
# Ctrl-C. Sets srv, cli, load, work and pids (global).
lab_up() { # name K storm
  local tag=$$
  srv=cvt-$1-$tag-srv
  cli=cvt-$1-$tag-cli
  load=cvt-$1-$tag-load
  work=$(mktemp -d -t "culvert-$1.XXXXXX")
  pids=()
  trap 'bench_cleanup "$load" "$cli" "$srv"' EXIT
  trap 'exit 130' INT TERM
  bench_namespaces "$srv" "$cli" "$load" || fail "cannot create the namespaces and veth pairs"
  log "PKI: EC CA, RSA-4096 server key, EC client keys (in $work)"
  lab_pki "$2" >"$work/pki.log" 2>&1 || fail "PKI (see $work/pki.log)"
  lab_configs "$2" "$3"
}
