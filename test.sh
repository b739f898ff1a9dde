#!/usr/bin/env bash
# Runs the whole test suite: unit tests plus integration tests against real mysqld, ZooKeeper,
# tablets, vtgate and MySQL clients. Finds a JDK >= 21 by itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/java-env.sh
# The integration tests drive the 'mariadb' command-line client: install Debian's when it is missing.
if ! command -v mariadb >/dev/null 2>&1; then
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  if ! command -v apt-get >/dev/null 2>&1 || { [ ${#as_root[@]} -gt 0 ] && ! command -v sudo >/dev/null 2>&1; }; then
    echo "The integration tests drive the 'mariadb' command-line client; install it (Debian: apt-get install mariadb-client)." >&2
    exit 1
  fi
  echo "Installing mariadb-client (apt-get)..." >&2
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-client > /dev/null
fi
exec ./mvnw -B -ntp verify "$@"
