#!/usr/bin/env bash
# Runs the JMH microbenchmarks (benchmarks module); arguments go to JMH, e.g. -f 1 -wi 3 -i 5 ParseBenchmark.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/java-env.sh
if [ ! -f benchmarks/target/benchmarks.jar ] || [ -n "$(find benchmarks/src gateway/src sql/src vindexes/src -newer benchmarks/target/benchmarks.jar -name '*.java' -print -quit)" ]; then
  ./mvnw -q -B -DskipTests -pl benchmarks -am install
fi
exec "$JAVA" -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.openjdk.jmh.Main "$@"
