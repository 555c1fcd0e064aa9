# Finds a JDK of version 21 or newer (sourced, not run). Shared by bin/culvert, which must start
# on a machine whose default java is older, and by the source tree's dev/env, so that both look in
# the same places: $JAVA_HOME, the java on PATH, /usr/lib/jvm/*, /opt/java/*, /opt/jdk*.

# The value of KEY in a JDK's release file (KEY="VALUE" lines), without its quotes. Read by the
# shell itself: every program a start runs costs it a few milliseconds.
culvert_release_value() { # release-file key
  local line
  while IFS= read -r line; do
    case $line in
      "$2="*) line=${line#"$2="}; line=${line#\"}; echo "${line%\"}"; return 0 ;;
    esac
  done < "$1"
  return 1
}

# The feature version of the JDK at HOME (17, 21, 25...), or nothing if HOME holds no java.
culvert_jdk_version() { # home
  local v
  [ -x "$1/bin/java" ] || return 1
  # The JDK's release file says it without starting a JVM (50 ms of every start); ask java otherwise.
  v=$(culvert_release_value "$1/release" JAVA_VERSION 2>/dev/null)
  [ -n "$v" ] || v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  v=${v%%.*}
  case $v in ''|*[!0-9]*) return 1 ;; esac
  echo "$v"
}

# Prints the home of a JDK 21+: with `first`, the first acceptable in the order above (an
# operator's JAVA_HOME or PATH wins when it is new enough); with `newest`, the newest of all.
# Returns 1 when there is none. The java on PATH is looked up only when it is its turn.
culvert_find_jdk() { # first|newest [needs-javac]
  local mode=$1 need_javac=${2:-} best="" best_ver=0 home ver path_java
  for home in ${JAVA_HOME:-} @PATH@ /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    if [ "$home" = @PATH@ ]; then
      path_java=$(command -v java 2>/dev/null) && path_java=$(readlink -f "$path_java") || continue
      home=${path_java%/bin/java}
      [ "$home" != "$path_java" ] || continue
    fi
    [ -z "$need_javac" ] || [ -x "$home/bin/javac" ] || continue
    ver=$(culvert_jdk_version "$home") || continue
    [ "$ver" -ge 21 ] || continue
    if [ "$mode" = first ]; then echo "$home"; return 0; fi
    if [ "$ver" -gt "$best_ver" ]; then best=$home; best_ver=$ver; fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}
