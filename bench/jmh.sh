#!/usr/bin/env bash
# Runs JMH benchmarks that live in a module's test sources.
#   bench/jmh.sh MODULE [JMH ARGS...]     e.g. bench/jmh.sh stack-core GraphBench -f 1 -wi 3 -i 5
# Builds the module's test classes, resolves its test class path, then runs org.openjdk.jmh.Main.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. dev/env
module=${1:?usage: bench/jmh.sh MODULE [JMH ARGS...]}
shift
# One reactor run, so sibling modules resolve to their fresh target/classes, never to a stale jar.
./mvnw -B -q -pl "$module" -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/jmh.classpath")"
flags=()
version=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[ "${version%%.*}" -ge 24 ] && flags+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
exec java "${flags[@]}" -cp "$cp" org.openjdk.jmh.Main "$@"
