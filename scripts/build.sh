#!/usr/bin/env bash
# Builds the jvitess binaries (cli/target) if they are missing or older than the sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/java-env.sh
jar=cli/target/jvitess.jar
if [ "${JVITESS_SKIP_BUILD:-}" = 1 ] && [ -f "$jar" ]; then
  exit 0   # the test suite runs the scripts against the binaries it just built
fi
if [ -f "$jar" ] && [ -z "$(find . -path ./vtdataroot -prune -o -path ./examples -prune -o \( -name '*.java' -o -name '*.proto' -o -name 'pom.xml' -o -name '*.xml' \) -newer "$jar" -print -quit)" ]; then
  exit 0
fi
echo "Building jvitess (first run downloads dependencies; this can take a few minutes)..." >&2
./mvnw -q -B -DskipTests -pl cli -am install
