# Finds a JDK >= 21 and exports JAVA_HOME and JAVA. Sourced by bin/jvitess, .ci/run and the examples.
jvitess_java_version() {
  local home="$1" version=""
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = \([0-9]*\).*/\1/p')
  fi
  echo "${version:-0}"
}

jvitess_find_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(jvitess_java_version "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if [ "$(jvitess_java_version "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  fi
  return 1
}

if ! JAVA_HOME=$(jvitess_find_java); then
  echo "jvitess needs a JDK 21 or newer; set JAVA_HOME to one (none found under /usr/lib/jvm or on PATH)" >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export JAVA="$JAVA_HOME/bin/java"
JVITESS_JAVA_MAJOR=$(jvitess_java_version "$JAVA_HOME")
export JVITESS_JAVA_MAJOR
