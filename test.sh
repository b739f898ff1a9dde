#!/usr/bin/env bash
# Runs the whole test suite: unit tests plus integration tests against real mysqld, ZooKeeper,
# tablets, vtgate and MySQL clients. Finds a JDK >= 21 by itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/java-env.sh
if ! command -v mariadb >/dev/null 2>&1; then
  echo "The integration tests drive the 'mariadb' command-line client; install it (Debian: apt-get install mariadb-client)." >&2
  exit 1
fi
exec ./mvnw -B -ntp verify "$@"
