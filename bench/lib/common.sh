# Helpers shared by the bench/*.sh benchmarks (sourced). They start a private jvitess cluster with the
# example scripts (examples/common/scripts), on ports and a VTDATAROOT of their own so the benchmark
# never touches a running local example, and stop everything they started by PID when the shell exits.
#
# Ports (override with the environment; two benchmarks never run at the same time, so they share them):
#   BENCH_ZK_PORT 21911, BENCH_VTCTLD_PORT 25999, BENCH_VTGATE_PORT 25306, BENCH_VTGATE_HTTP_PORT 25001;
#   tablet uid U uses 15000+U (HTTP), 16000+U (gRPC) and 17000+U (mysqld), as in the examples.
#   The uids the benchmarks use are 9000-9999: 9000 is the baseline mysqld (port 26000).

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_DIR="$BENCH_ROOT/bench"
# shellcheck source=/dev/null
source "$BENCH_ROOT/scripts/java-env.sh"   # JAVA, for the version the report prints
BENCH_BASELINE_UID=9000
BENCH_USER=vt_app   # the account vttablet's query pool uses (tablet MysqlConnector.APP_USER); no password
export ZK_PORT="${BENCH_ZK_PORT:-21911}"
export VTCTLD_GRPC_PORT="${BENCH_VTCTLD_PORT:-25999}"
export VTGATE_MYSQL_PORT="${BENCH_VTGATE_PORT:-25306}"
BENCH_VTGATE_HTTP_PORT="${BENCH_VTGATE_HTTP_PORT:-25001}"
export CELL=zone1
BENCH_CLOCK_TICKS=$(getconf CLK_TCK)
BENCH_KEEP_DATA=0

bench_log() {
  printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

bench_fail() {
  echo "ERROR: $*" >&2
  exit 1
}

# bench_need_root_for COMMAND: runs COMMAND as root (directly, or with sudo when available).
bench_as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    bench_fail "need root to run: $* (no sudo found)"
  fi
}

# Installs Debian's sysbench and the MariaDB client tools when they are missing (and perf with --profile:
# bench_ensure_tools perf).
bench_ensure_tools() {
  local packages=()
  if [ "${1:-}" = perf ]; then
    command -v perf >/dev/null 2>&1 || packages+=(linux-perf)
  fi
  command -v sysbench >/dev/null 2>&1 || packages+=(sysbench)
  command -v mariadb >/dev/null 2>&1 || packages+=(mariadb-client)
  command -v mariadb-dump >/dev/null 2>&1 || packages+=(mariadb-client)
  if [ ${#packages[@]} -gt 0 ]; then
    bench_log "Installing ${packages[*]} (apt-get)..."
    bench_as_root apt-get update -qq >&2 || true
    bench_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2 \
      || bench_fail "apt-get install ${packages[*]} failed"
  fi
}

# Builds jvitess if needed (scripts/build.sh; JVITESS_SKIP_BUILD=1 uses the existing binaries).
bench_build() {
  "$BENCH_ROOT/scripts/build.sh" || bench_fail "building jvitess failed"
}

# bench_check_port PORT: fails when something already listens on 127.0.0.1:PORT.
bench_check_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    bench_fail "port 127.0.0.1:$1 is in use (another cluster or benchmark?); set BENCH_*_PORT or stop it"
  fi
}

# bench_check_ports PORT...: fails before anything starts when one of them is taken.
bench_check_ports() {
  local port
  for port in "$@"; do
    bench_check_port "$port"
  done
}

# bench_setup_dataroot: a fresh short VTDATAROOT (mysqld's socket path must stay under 107 bytes),
# the example environment, and the exit trap that stops everything.
bench_setup_dataroot() {
  VTDATAROOT="$(mktemp -d "${TMPDIR:-/tmp}/jvbench.XXXXXX")"
  export VTDATAROOT
  # shellcheck source=/dev/null
  source "$BENCH_ROOT/examples/common/env.sh"
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  bench_log "VTDATAROOT=$VTDATAROOT"
}

bench_tablet_dir() {
  printf '%s/vt_%010d' "$VTDATAROOT" "$1"
}

# bench_pid NAME: the PID of a process this benchmark started: vtgate, vttablet-<uid>, mysqld-<uid>.
bench_pid() {
  local file
  case "$1" in
    vtgate) file="$VTDATAROOT/tmp/vtgate.pid" ;;
    vtctld) file="$VTDATAROOT/tmp/vtctld.pid" ;;
    zkctld) file="$VTDATAROOT/tmp/zkctld.pid" ;;
    vttablet-*) file="$(bench_tablet_dir "${1#vttablet-}")/vttablet.pid" ;;
    mysqld-*) file="$(bench_tablet_dir "${1#mysqld-}")/mysql.pid" ;;
    *) return 1 ;;
  esac
  [ -s "$file" ] && cat "$file"
}

# bench_cpu_ticks PID: user+system CPU of the process (all its threads) in clock ticks, from /proc/PID/stat.
bench_cpu_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  # Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo $(( ${12} + ${13} ))
}

# bench_context_switches PID: voluntary + involuntary context switches of the process's live threads
# (/proc/PID/task/*/status; threads that exited meanwhile are not counted). On a VM every switch costs
# far more than the work most of these threads do per query, so this explains much of the CPU per query.
bench_context_switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { total += $2 } END { print total + 0 }'
}

# Starts ZooKeeper and vtctld (examples/common/scripts).
bench_start_topology() {
  bench_check_port "$ZK_PORT"
  bench_check_port "$VTCTLD_GRPC_PORT"
  "$BENCH_ROOT/examples/common/scripts/zk-up.sh" >&2 || bench_fail "zk did not start"
  "$BENCH_ROOT/examples/common/scripts/vtctld-up.sh" >&2 || bench_fail "vtctld did not start"
}

# bench_start_mysqlds UID...: initializes and starts the mysqld of each uid in parallel, with mysqlctl
# (so every one, the baseline included, is the same binary with the same flags).
bench_start_mysqlds() {
  local uid pids=() failed=0
  for uid in "$@"; do
    bench_check_port $((17000 + uid))
    TABLET_UID=$uid "$BENCH_ROOT/examples/common/scripts/mysqlctl-up.sh" >&2 &
    pids+=($!)
  done
  for uid in "${pids[@]}"; do
    wait "$uid" || failed=1
  done
  [ "$failed" = 0 ] || bench_fail "a mysqld did not start (see $VTDATAROOT/tmp/mysqlctl-*.out)"
}

# bench_start_tablet KEYSPACE SHARD UID: one vttablet (replica; the first of a shard becomes its primary).
bench_start_tablet() {
  local keyspace=$1 shard=$2 uid=$3
  bench_check_port $((15000 + uid))
  bench_check_port $((16000 + uid))
  KEYSPACE=$keyspace SHARD=$shard TABLET_UID=$uid "$BENCH_ROOT/examples/common/scripts/vttablet-up.sh" >&2 \
    || bench_fail "vttablet $uid did not start"
}

# Starts vtgate like examples/common/scripts/vtgate-up.sh, but with its HTTP port (/debug/vars) on
# BENCH_VTGATE_HTTP_PORT instead of the example's fixed 15001, and waiting for primaries only.
bench_start_vtgate() {
  bench_check_port "$VTGATE_MYSQL_PORT"
  bench_check_port "$BENCH_VTGATE_HTTP_PORT"
  # shellcheck disable=SC2086
  nohup vtgate $TOPOLOGY_FLAGS --cell "$CELL" --cells-to-watch "$CELL" --mysql-server-port "$VTGATE_MYSQL_PORT" \
    --mysql-auth-server-impl none --tablet-types-to-wait PRIMARY --enable-buffer --port "$BENCH_VTGATE_HTTP_PORT" \
    --pid-file "$VTDATAROOT/tmp/vtgate.pid" > "$VTDATAROOT/tmp/vtgate.out" 2>&1 &
  wait_for_port "$VTGATE_MYSQL_PORT" vtgate 120
}

# Stops everything this benchmark started and removes VTDATAROOT (unless kept). VTDATAROOT is the
# benchmark's own, so every pid file in it names one of its processes: vtgate, then the tablets, then
# the mysqlds, then vtctld and ZooKeeper, each by its PID (TERM, KILL after 20 s).
bench_cleanup() {
  local status=$? file
  trap - EXIT INT TERM
  [ -n "${VTDATAROOT:-}" ] && [ -d "$VTDATAROOT" ] || exit "$status"
  bench_log "Stopping the benchmark's processes..."
  for file in ${BENCH_BACKGROUND_PIDS:-}; do
    wait "$file" 2>/dev/null || true   # a mysqlctl still initializing: its mysqld's pid file comes first
  done
  [ -z "${BENCH_ON_EXIT:-}" ] || "$BENCH_ON_EXIT" || true
  stop_pid_file "$VTDATAROOT/tmp/vtgate.pid" vtgate
  for file in "$VTDATAROOT"/vt_*/vttablet.pid; do
    [ -f "$file" ] && stop_pid_file "$file" "vttablet ${file%/*}" &
  done
  wait
  for file in "$VTDATAROOT"/vt_*/mysql.pid; do
    [ -f "$file" ] && stop_pid_file "$file" "mysqld ${file%/*}" &
  done
  wait
  stop_pid_file "$VTDATAROOT/tmp/vtctld.pid" vtctld
  stop_pid_file "$VTDATAROOT/tmp/zkctld.pid" zkctld
  if [ "$BENCH_KEEP_DATA" = 1 ]; then
    bench_log "Kept $VTDATAROOT"
  else
    rm -rf "${VTDATAROOT:?}"
  fi
  exit "$status"
}

# bench_mariadb PORT DATABASE [mariadb args...]: the MariaDB client as the tablets' application user.
bench_mariadb() {
  local port=$1 database=$2
  shift 2
  mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$port" -u "$BENCH_USER" -D "$database" "$@"
}

# bench_ratio A B: A/B with two decimals, or "-" when either is missing or B is zero.
bench_ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}
