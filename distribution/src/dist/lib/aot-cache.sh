# Class-data sharing for bin/culvert (sourced, not run): JDK 25's AOT cache (JEP 483, 514, 515)
# holds the classes of the JDK, Felix and every bundle loaded, linked and profiled by a training
# run, so a node starts in about half the time and its first TLS handshake finds its classes
# ready. The training run is the demo (Felix, every bundle, the packet graph, an in-process
# OpenVPN tunnel with its TLS handshake), made once per installation and JDK, never shipped.
#
# The cache lives in $CULVERT_AOT_DIR (default: the installation's work/ directory); its name
# carries a checksum of the JDK and of every jar's name, size and time, so an upgrade makes a
# new one and the old is removed. A directory that cannot be written means no cache (the node
# starts as without one); a cache the JVM cannot use is ignored, without a word on the node's
# output. CULVERT_AOT=off turns it all off.

# The checksum of what a cache depends on: the JDK and the distribution's jars.
culvert_aot_key() { # home java_home
  local sum
  sum=$({ culvert_release_value "$2/release" JAVA_RUNTIME_VERSION 2>/dev/null; echo "$2"
    (cd "$1" && stat -c '%n %s %Y' lib/*.jar bundle/*.jar); } | cksum) || return 1
  echo "${sum%% *}"
}

# Prints the JVM options that use the cache, one per line, after making the cache if this run
# starts a node and there is none yet. Nothing when the JDK is older than 25, or it is off.
culvert_aot_options() { # home java java_version classpath jvm-options... -- launcher-arguments...
  local home=$1 java=$2 version=$3 classpath=$4 dir key cache tmp train arg starts_node=""
  shift 4
  local jvm=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do jvm+=("$1"); shift; done
  shift
  [ "$version" -ge 25 ] && [ "${CULVERT_AOT:-on}" != off ] || return 0
  for arg in "$@"; do
    case $arg in --config|--no-config) starts_node=yes ;; esac
  done
  dir=${CULVERT_AOT_DIR:-$home/work}
  key=$(culvert_aot_key "$home" "${java%/bin/java}") || return 0
  cache=$dir/culvert-$key.aot
  if [ ! -f "$cache" ] && [ -n "$starts_node" ] && mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
    echo "culvert: making the start-up cache $cache (once per installation and JDK; about 10 s)" >&2
    rm -f "$dir"/culvert-*.aot
    tmp=$(mktemp "$dir/.culvert-aot.XXXXXX") || return 0
    train=$(mktemp -d "$dir/.culvert-aot-work.XXXXXX") || { rm -f "$tmp"; return 0; }
    # The demo's own Felix cache, so that a node running from this installation keeps its own.
    if "$java" "${jvm[@]}" -Dculvert.work="$train" -XX:AOTCacheOutput="$tmp.aot" -cp "$classpath" \
        dev.culvert.launcher.Main --demo 2000 >"$dir/culvert-aot.log" 2>&1 && [ -s "$tmp.aot" ]; then
      mv -f "$tmp.aot" "$cache"
    else
      echo "culvert: no start-up cache: the training run failed (see $dir/culvert-aot.log); starting without" >&2
    fi
    rm -rf "$tmp" "$tmp.aot" "$tmp.aot.config" "$train"
  fi
  if [ -f "$cache" ]; then
    # A cache the JVM refuses (truncated, another JVM build) only costs start-up time: keep its
    # warnings off the node's output.
    printf '%s\n' -XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off
  fi
}
