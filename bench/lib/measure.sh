# Shared by the bench scripts (sourced, not run): turning samples into the figures they print.

# Ping RTT percentiles of one or more runs of ping appended to one file, and the share of pings
# lost: "p50 p90 p99 max loss%" in ms (nearest rank), "nan nan nan nan 100" when no ping came back.
percentiles() { # ping-output
  local sent got
  sent=$(grep -o '^[0-9]* packets transmitted' "$1" | cut -d' ' -f1 | awk '{ n += $1 } END { print n + 0 }')
  got=$(grep -c 'time=' "$1")
  grep -o 'time=[0-9.]*' "$1" | cut -d= -f2 | sort -g | awk -v sent="${sent:-0}" -v got="$got" '
    { v[NR] = $1 }
    function pct(p,  i) { i = int((p * NR + 99) / 100); if (i < 1) i = 1; return v[i] }
    END { if (NR == 0) { print "nan nan nan nan 100"; exit }
          printf "%s %s %s %s %.1f\n", pct(50), pct(90), pct(99), v[NR], sent ? 100 * (sent - got) / sent : 0 }'
}

# The median of the numbers on standard input (space or newline separated; anything else, such as
# "nan" from a failed run, is left out), "nan" when there is none.
median() { tr ' ' '\n' | grep -E '^[0-9.]+$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# A / B to two decimals, "-" when B is not a positive number or A is "nan".
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "nan") printf "%.2f", a / b; else print "-" }'; }

# A process's CPU time so far (user + system, every thread), in clock ticks; 0 once it is gone.
# Fields 14 and 15 of /proc/PID/stat, counted after the command name, which may hold spaces.
pid_ticks() { # pid
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  awk '{ print $12 + $13 }' <<<"${stat##*) }"
}
