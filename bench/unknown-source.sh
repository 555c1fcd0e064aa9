#!/usr/bin/env bash
# The unknown-source path with 2,000 connected clients, side by side: UnknownSourceBench (stack-core
# test sources) built on BASE (default: the commit before the server learned UDP senders only after
# authentication) and on HEAD, run alternately, three runs each, with JMH's gc profiler.
#   bench/unknown-source.sh [BASE] [RUNS]
# Prints each run's ns/packet and bytes/packet; BENCHMARKS.md records a run of it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. dev/env
base=${1:-$(git log --format=%H -1 --grep='Learn a UDP sender only after it passed pre-authentication')^}
runs=${2:-3}
work=$(mktemp -d /tmp/culvert-unknown-source.XXXXXX)
trap 'rm -rf "$work"' EXIT
bench=stack-core/src/test/java/dev/culvert/core/bench/UnknownSourceBench.java
for side in base head; do
  rev=$([ "$side" = base ] && echo "$base" || echo HEAD)
  mkdir -p "$work/$side"
  git archive "$rev" | tar -x -C "$work/$side"
  cp -r .mvn "$work/$side/"
  cp "$bench" "$work/$side/$bench" # the same benchmark source on both sides
  (cd "$work/$side" && ./mvnw -B -o -q -pl stack-core -DskipTests test-compile dependency:build-classpath \
     -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null)
done
flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
for run in $(seq 1 "$runs"); do
  for side in base head; do
    cp="$work/$side/stack-core/target/test-classes:$work/$side/stack-core/target/classes:$(cat "$work/$side/stack-core/target/jmh.classpath")"
    java "${flags[@]}" -cp "$cp" org.openjdk.jmh.Main UnknownSourceBench -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc -rf csv \
      -rff "$work/$side-$run.csv" >/dev/null
    ns=$(awk -F, '$1 ~ /receiveAndLetGo"$/ {print $5}' "$work/$side-$run.csv")
    bytes=$(awk -F, '$1 ~ /gc.alloc.rate.norm"$/ {print $5}' "$work/$side-$run.csv")
    printf '%-4s run %d: %10.1f ns/packet %12.1f B/packet\n' "$side" "$run" "$ns" "$bytes"
  done
done
