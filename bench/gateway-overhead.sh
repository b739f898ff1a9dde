#!/usr/bin/env bash
# Gateway overhead: sysbench OLTP workloads against a plain mysqld and against vtgate over a 2-shard
# keyspace whose mysqlds have the same binary and settings; prints QPS, p95, errors, CPU µs per query
# of every process and the gateway/direct ratios. See bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'TXT'
usage: bench/gateway-overhead.sh [--smoke] [--ps on|off|both] [--duration S] [--threads N]
                                 [--table-size ROWS] [--tables N] [--warmup S] [--rand-type T]
                                 [--workloads point_select,read_only,read_write,insert] [--profile] [--keep]
  --smoke       1000-row table, 5 s runs, 2 s warm-up, point_select only (for CI; the numbers mean little)
  --ps          server-side prepared statements: on (--db-ps-mode=auto), off (disable), both [both]
  --duration    seconds per measured run [60]           --threads   sysbench threads [4]
  --table-size  rows per table [10000]                  --tables    sbtest1..N [1]
  --warmup      seconds of unmeasured load per workload and side before its runs (JIT, buffer pool) [30]
  --rand-type   sysbench's id distribution: uniform, special (sysbench's default), gaussian, pareto [uniform]
  --profile     record vtgate and tablet 9100 with perf (installs linux-perf) during each measured gateway run;
                writes the top symbols to profile/ in the results (perf costs a few % of the QPS)
  --keep        keep the cluster's data directory after the run (processes are always stopped)
JVITESS_SKIP_BUILD=1 skips the build check when bin/ is known to be current.
Exit status 1 when a run failed or a statement shape failed ("unsupported" prepared statements do not count).
TXT
}

smoke=0 profile=0 ps=both duration="" threads=4 table_size="" tables=1 warmup="" workloads="" rand_type=uniform
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --ps) ps=${2:?--ps needs on, off or both}; shift ;;
    --duration) duration=${2:?}; shift ;;
    --threads) threads=${2:?}; shift ;;
    --table-size) table_size=${2:?}; shift ;;
    --tables) tables=${2:?}; shift ;;
    --warmup) warmup=${2:?}; shift ;;
    --workloads) workloads=${2:?}; shift ;;
    --rand-type) rand_type=${2:?}; shift ;;
    --profile) profile=1 ;;
    --keep) BENCH_KEEP_DATA=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$smoke" = 1 ]; then
  duration=${duration:-5} table_size=${table_size:-1000} warmup=${warmup:-2} workloads=${workloads:-point_select}
fi
duration=${duration:-60} table_size=${table_size:-10000} warmup=${warmup:-30}
workloads=${workloads:-point_select,read_only,read_write,insert}
case "$ps" in
  on) ps_modes=(on) ;;
  off) ps_modes=(off) ;;
  both) ps_modes=(off on) ;;
  *) bench_fail "--ps must be on, off or both" ;;
esac
IFS=, read -r -a workload_list <<< "$workloads"
for workload in "${workload_list[@]}"; do
  case "$workload" in
    point_select|read_only|read_write|insert) ;;
    *) bench_fail "unknown workload $workload (point_select, read_only, read_write, insert)" ;;
  esac
done
[ "$table_size" -ge 200 ] || bench_fail "--table-size must be at least 200 (the statement checks read ids 5..104 and 150..160)"

keyspace=sbtest
baseline_uid=$BENCH_BASELINE_UID
baseline_port=$((17000 + baseline_uid))
shard_names=(-80 80-)
shard_uids=(9100 9200)
gateway_processes=(vtgate vttablet-9100 vttablet-9200 mysqld-9100 mysqld-9200)
direct_processes=(mysqld-$baseline_uid)
results_dir="$BENCH_DIR/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results_dir/sysbench"
summary="$results_dir/summary.txt"
runs_tsv="$results_dir/runs.tsv"

# ---------------------------------------------------------------------------------------------------
# Setup: tools, build, the baseline mysqld and the 2-shard cluster.

# Keeps the servers' logs with the results (also when the benchmark stops early), before they are removed.
save_logs() {
  local uid
  mkdir -p "$results_dir/logs"
  cp "$VTDATAROOT"/tmp/*.out "$results_dir/logs/" 2>/dev/null || true
  for uid in "${shard_uids[@]}"; do
    cp "$(bench_tablet_dir "$uid")/vttablet.out" "$results_dir/logs/vttablet-$uid.out" 2>/dev/null || true
  done
}
BENCH_ON_EXIT=save_logs

if [ "$profile" = 1 ]; then bench_ensure_tools perf; else bench_ensure_tools; fi
bench_build
bench_check_ports "$ZK_PORT" "$VTCTLD_GRPC_PORT" "$VTGATE_MYSQL_PORT" "$BENCH_VTGATE_HTTP_PORT" "$baseline_port"
for uid in "${shard_uids[@]}"; do
  bench_check_ports $((15000 + uid)) $((16000 + uid)) $((17000 + uid))
done
bench_setup_dataroot

bench_log "Starting the baseline mysqld ($baseline_uid, port $baseline_port) and the shards' mysqlds (${shard_uids[*]})..."
bench_start_mysqlds "$baseline_uid" "${shard_uids[@]}" &
mysqlds_job=$!
BENCH_BACKGROUND_PIDS=$mysqlds_job
bench_log "Starting ZooKeeper ($ZK_PORT) and vtctld ($VTCTLD_GRPC_PORT)..."
bench_start_topology
vtctl CreateKeyspace --sidecar-db-name=_vt "$keyspace" > /dev/null || bench_fail "cannot create keyspace $keyspace"
wait "$mysqlds_job" || bench_fail "the mysqlds did not start (see $VTDATAROOT/tmp/mysqlctl-*.out)"
for index in "${!shard_uids[@]}"; do
  bench_start_tablet "$keyspace" "${shard_names[$index]}" "${shard_uids[$index]}"
done
for shard in "${shard_names[@]}"; do
  wait_for_healthy_shard "$keyspace" "$shard" 1
done

# sysbench's own table (oltp_common.lua create_table with --auto_inc=off, plus its index k_<N>).
table_sql() {
  printf 'CREATE TABLE sbtest%d(\n  id INTEGER NOT NULL,\n  k INTEGER DEFAULT '"'0'"' NOT NULL,\n' "$1"
  printf '  c CHAR(120) DEFAULT '"''"' NOT NULL,\n  pad CHAR(60) DEFAULT '"''"' NOT NULL,\n'
  printf '  PRIMARY KEY (id),\n  KEY k_%d (k)\n) ENGINE=InnoDB;\n' "$1"
}
vschema_json() {
  local number separator=""
  printf '{"sharded": true, "vindexes": {"hash": {"type": "hash"}}, "tables": {'
  for number in $(seq 1 "$tables"); do
    printf '%s"sbtest%d": {"column_vindexes": [{"column": "id", "name": "hash"}]}' "$separator" "$number"
    separator=", "
  done
  printf '}}\n'
}
for number in $(seq 1 "$tables"); do table_sql "$number"; done > "$VTDATAROOT/tmp/sbtest_schema.sql"
vschema_json > "$VTDATAROOT/tmp/sbtest_vschema.json"
vtctl ApplyVSchema --vschema-file "$VTDATAROOT/tmp/sbtest_vschema.json" "$keyspace" > /dev/null || bench_fail "ApplyVSchema failed"
vtctl ApplySchema --sql-file "$VTDATAROOT/tmp/sbtest_schema.sql" "$keyspace" > /dev/null || bench_fail "ApplySchema failed"
bench_log "Starting vtgate (MySQL port $VTGATE_MYSQL_PORT)..."
bench_start_vtgate

# ---------------------------------------------------------------------------------------------------
# Data: sysbench prepare on the baseline, then the same rows through vtgate.

bench_log "Loading $tables x $table_size rows into the baseline (sysbench prepare, --auto_inc=off)..."
bench_mariadb "$baseline_port" information_schema -e "CREATE DATABASE sbtest"
sysbench_common=(--db-driver=mysql --mysql-user="$BENCH_USER" --mysql-db=sbtest --tables="$tables" --table-size="$table_size")
sysbench oltp_read_only "${sysbench_common[@]}" --mysql-host=127.0.0.1 --mysql-port="$baseline_port" \
  --auto_inc=off --rand-seed=1 --threads=1 prepare > "$results_dir/sysbench/prepare-direct.txt" 2>&1 \
  || bench_fail "sysbench prepare on the baseline failed: $(tail -3 "$results_dir/sysbench/prepare-direct.txt")"

shard_create=$(bench_mariadb $((17000 + shard_uids[0])) "vt_$keyspace" -N -B -e "SHOW CREATE TABLE sbtest1" | cut -f2)
direct_create=$(bench_mariadb "$baseline_port" sbtest -N -B -e "SHOW CREATE TABLE sbtest1" | cut -f2)
if [ "$shard_create" != "$direct_create" ]; then
  bench_log "WARNING: sbtest1 differs between the baseline and the shards:"
  diff <(echo "$direct_create") <(echo "$shard_create") >&2 || true
fi

bench_log "Copying the same rows into the gateway (mariadb-dump of the baseline | mariadb to vtgate)..."
table_names=()
for number in $(seq 1 "$tables"); do table_names+=("sbtest$number"); done
load_method="mariadb-dump --no-create-info --complete-insert (multi-row INSERTs of ~64 KB) piped into vtgate"
# --complete-insert: vtgate needs the column list (VT09004 without it, as Vitess, unless the VSchema is authoritative).
if ! mariadb-dump --no-defaults --protocol=TCP -h 127.0.0.1 -P "$baseline_port" -u "$BENCH_USER" --no-create-info --compact --complete-insert \
      --skip-tz-utc --net-buffer-length=65536 sbtest "${table_names[@]}" 2>"$VTDATAROOT/tmp/dump.err" \
    | bench_mariadb "$VTGATE_MYSQL_PORT" "$keyspace" 2>"$VTDATAROOT/tmp/load.err"; then
  bench_fail "loading through vtgate failed: $(tail -c 600 "$VTDATAROOT/tmp/load.err") $(tail -c 300 "$VTDATAROOT/tmp/dump.err")"
fi
# Same rows on both sides: compare a checksum of every column, or only the count when vtgate cannot
# aggregate the checksum (then the error is reported).
data_check="SELECT COUNT(*), SUM(k), SUM(CRC32(c)), SUM(CRC32(pad)) FROM sbtest"
for number in $(seq 1 "$tables"); do
  check=$data_check
  if ! gateway_sums=$(bench_mariadb "$VTGATE_MYSQL_PORT" "$keyspace" -N -B -e "$check$number" 2>&1); then
    bench_log "WARNING: vtgate cannot run the checksum ($gateway_sums); comparing COUNT(*) only"
    load_method+="; checksum query refused by vtgate: $gateway_sums"
    check="SELECT COUNT(*) FROM sbtest"
    gateway_sums=$(bench_mariadb "$VTGATE_MYSQL_PORT" "$keyspace" -N -B -e "$check$number" 2>&1) || true
  fi
  direct_sums=$(bench_mariadb "$baseline_port" sbtest -N -B -e "$check$number")
  [ "$direct_sums" = "$gateway_sums" ] \
    || bench_fail "sbtest$number differs after the load: direct [$direct_sums] gateway [$gateway_sums] ($check$number)"
done
bench_log "Both sides hold the same rows (${check%% FROM*} match)."

# ---------------------------------------------------------------------------------------------------
# Statement shapes: every SQL shape of sysbench's oltp_common.lua once through vtgate (text protocol),
# compared with the baseline's answer. Runs before the sysbench runs, while both sides hold the same rows.

c_literal="'$(printf '%011d-' 1 2 3 4 5 6 7 8 9)00000000010'"
pad_literal="'$(printf '%011d-' 1 2 3 4)00000000005'"
shapes_file="$results_dir/shapes.txt"
shape_failures=0
# check_shape NAME ORDERED SQL: runs SQL on both sides; ORDERED=1 compares rows in order, 0 as sets.
check_shape() {
  local name=$1 ordered=$2 sql=$3 direct gateway status
  direct=$(bench_mariadb "$baseline_port" sbtest -N -B -e "$sql" 2>&1) || direct="ERROR: $direct"
  if gateway=$(bench_mariadb "$VTGATE_MYSQL_PORT" "$keyspace" -N -B -e "$sql" 2>&1); then
    if [ "$ordered" = 0 ]; then
      direct=$(sort <<< "$direct") gateway=$(sort <<< "$gateway")
    fi
    if [ "$direct" = "$gateway" ]; then
      status="ok"
    else
      status="DIFFERENT RESULT (direct $(wc -l <<< "$direct") rows, gateway $(wc -l <<< "$gateway") rows)"
      shape_failures=$((shape_failures + 1))
    fi
  else
    status="FAIL: $(tr '\n' ' ' <<< "$gateway")"
    shape_failures=$((shape_failures + 1))
  fi
  printf '%-20s %s\n    %s\n' "$name" "$status" "$(tr '\n' ' ' <<< "$sql")" | tee -a "$shapes_file" >&2
}
bench_log "Checking sysbench's statement shapes through vtgate (against the baseline's answers):"
check_shape point_select 1 "SELECT c FROM sbtest1 WHERE id=5"
check_shape simple_range 0 "SELECT c FROM sbtest1 WHERE id BETWEEN 5 AND 104"
check_shape sum_range 1 "SELECT SUM(k) FROM sbtest1 WHERE id BETWEEN 5 AND 104"
check_shape order_range 1 "SELECT c FROM sbtest1 WHERE id BETWEEN 5 AND 104 ORDER BY c"
check_shape distinct_range 1 "SELECT DISTINCT c FROM sbtest1 WHERE id BETWEEN 5 AND 104 ORDER BY c"
check_shape read_write_trx 1 "BEGIN;
UPDATE sbtest1 SET k=k+1 WHERE id=150;
UPDATE sbtest1 SET c=$c_literal WHERE id=151;
DELETE FROM sbtest1 WHERE id=152;
INSERT INTO sbtest1 (id, k, c, pad) VALUES (152, 42, $c_literal, $pad_literal);
COMMIT;
SELECT id, k, c, pad FROM sbtest1 WHERE id BETWEEN 150 AND 152 ORDER BY id"
check_shape insert_autocommit 1 "INSERT INTO sbtest1 (id, k, c, pad) VALUES (999999999, 7, $c_literal, $pad_literal);
SELECT id, k FROM sbtest1 WHERE id=999999999;
DELETE FROM sbtest1 WHERE id=999999999"
check_shape rollback_trx 1 "BEGIN;
UPDATE sbtest1 SET k=k+1 WHERE id=160;
ROLLBACK;
SELECT k FROM sbtest1 WHERE id=160"

# ---------------------------------------------------------------------------------------------------
# Runs.

printf 'workload\tps\tside\tstatus\ttps\tqps\tp95_ms\terrors\tqueries\tcpu_us_per_query_total\tcpu_us_per_query_by_process\tnote\n' > "$runs_tsv"
declare -A result   # "<workload>|<ps>|<side>|<field>" -> value

sysbench_script() {
  case "$1" in
    insert) echo "$BENCH_DIR/lua/oltp_insert_positive.lua" ;;
    *) echo "oltp_$1" ;;
  esac
}

# run_sysbench WORKLOAD PS SIDE SECONDS OUTPUT [extra sysbench args]: returns sysbench's exit code.
run_sysbench() {
  local workload=$1 ps_mode=$2 side=$3 seconds=$4 output=$5 port
  shift 5
  if [ "$side" = direct ]; then port=$baseline_port; else port=$VTGATE_MYSQL_PORT; fi
  local database=sbtest
  [ "$side" = gateway ] && database=$keyspace
  local rc=0
  timeout -k 10 $((seconds + 60)) sysbench "$(sysbench_script "$workload")" --db-driver=mysql \
    --mysql-host=127.0.0.1 --mysql-port="$port" --mysql-user="$BENCH_USER" --mysql-db="$database" \
    --tables="$tables" --table-size="$table_size" --threads="$threads" --time="$seconds" --rand-type="$rand_type" \
    --db-ps-mode="$([ "$ps_mode" = on ] && echo auto || echo disable)" --auto_inc=off --verbosity=4 "$@" run \
    > "$output" 2>&1 || rc=$?
  return "$rc"
}

# sysbench_value OUTPUT PATTERN FIELD: a number from sysbench's report.
sysbench_value() {
  awk -v pattern="$2" -v field="$3" '$0 ~ pattern { gsub(/[()s]/, "", $field); print $field; exit }' "$1"
}

# Start ids for the insert workload: disjoint per run (warm-ups included), so no run collides with another's rows.
insert_start_id=1000000000
next_start_id() {
  insert_start_id=$((insert_start_id + 100000000))
}

# --profile: perf record of vtgate and tablet 9100 (the -80 primary) for the measured gateway run, then
# their JIT symbol maps (jcmd Compiler.perfmap) and the top symbols by own samples.
profile_processes=(vtgate vttablet-9100)
profile_pids=()
profile_start() {
  local name pid
  mkdir -p "$results_dir/profile"
  profile_pids=()
  for name in "${profile_processes[@]}"; do
    pid=$(bench_pid "$name")
    perf record -F 499 -g -p "$pid" -o "$results_dir/profile/$1-$name.data" -- sleep "$duration" \
      > "$results_dir/profile/$1-$name.log" 2>&1 &
    profile_pids+=($!)
  done
}
profile_finish() {
  local name pid index
  for index in "${!profile_pids[@]}"; do
    wait "${profile_pids[$index]}" || true
  done
  profile_pids=()
  for name in "${profile_processes[@]}"; do
    pid=$(bench_pid "$name")
    "$(dirname "$JAVA")/jcmd" "$pid" Compiler.perfmap > /dev/null 2>&1 || true   # /tmp/perf-<pid>.map for perf report
    {
      echo "# $name, $1: own samples by symbol (perf report --no-children --sort sym)"
      perf report -i "$results_dir/profile/$1-$name.data" --no-children --sort sym --stdio -g none 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | head -40 || true   # head closes the pipe early
      echo
      echo "# by thread"
      perf report -i "$results_dir/profile/$1-$name.data" --no-children --sort comm --stdio -g none 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | head -10 || true
    } > "$results_dir/profile/$1-$name.txt"
  done
}

measure() {
  local workload=$1 ps_mode=$2 side=$3
  local output="$results_dir/sysbench/$workload-ps_$ps_mode-$side.txt"
  local processes=("${direct_processes[@]}")
  [ "$side" = gateway ] && processes=("${gateway_processes[@]}")
  local extra=()
  if [ "$workload" = insert ]; then
    next_start_id
    extra=(--start_id="$insert_start_id")
  fi
  local name pid before=() after=() switches_before=() switches_after=() rc=0 profiling=()
  for name in "${processes[@]}"; do
    pid=$(bench_pid "$name") || bench_fail "no pid for $name"
    before+=("$(bench_cpu_ticks "$pid")")
    switches_before+=("$(bench_context_switches "$pid")")
  done
  if [ "$profile" = 1 ] && [ "$side" = gateway ]; then
    profile_start "$workload-ps_$ps_mode"
  fi
  run_sysbench "$workload" "$ps_mode" "$side" "$duration" "$output" "${extra[@]}" || rc=$?
  for name in "${processes[@]}"; do
    pid=$(bench_pid "$name")
    after+=("$(bench_cpu_ticks "$pid")")
    switches_after+=("$(bench_context_switches "$pid")")
  done
  if [ "${#profile_pids[@]}" -gt 0 ]; then
    profile_finish "$workload-ps_$ps_mode"
  fi

  local queries tps qps p95 errors status note="" error_line
  queries=$(sysbench_value "$output" '^ +queries: ' 2)
  tps=$(sysbench_value "$output" '^ +transactions: ' 3)
  qps=$(sysbench_value "$output" '^ +queries: ' 3)
  p95=$(sysbench_value "$output" '95th percentile:' 3)
  errors=$(sysbench_value "$output" '^ +ignored errors: ' 3)
  error_line=$(grep -m2 -E 'FATAL|ALERT|error [0-9]+|ERROR' "$output" | sed 's/^ *//' | tr '\n' ' ' | cut -c1-400 || true)
  if [ "$rc" = 0 ]; then
    status=ok
    if grep -q 'using emulation' "$output"; then
      status=emulated
      note="the server refused to prepare (sysbench fell back to client-side statements): $(grep -m1 'using emulation' "$output" | cut -c1-200)"
    fi
  elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    status=timeout note="sysbench did not finish within $((duration + 60)) s; ${error_line}"
  elif [ "$side" = gateway ] && [ "$ps_mode" = on ] && grep -qE 'mysql_stmt_prepare|1047|Unknown command|1295|COM_STMT' <<< "$error_line"; then
    status=unsupported note="server-side prepared statements: $error_line"
  else
    status=failed note="exit $rc: $error_line"
    if grep -q 'not found (rolled back, committed or timed out)' <<< "$error_line"; then
      # MySQL detects a deadlock inside one server (1213, which sysbench retries); two transactions
      # waiting for each other's rows on different shards wait until vttablet's transaction timeout.
      note+=" [likely a cross-shard lock wait ended by vttablet's transaction timeout; see logs/vttablet-*.out]"
    fi
  fi
  if [ "$status" != ok ] && [ "$status" != emulated ]; then
    tps="" qps="" p95="" queries=""
  fi

  local index total=0 per_process="" ticks micros switches
  for index in "${!processes[@]}"; do
    ticks=$((after[index] - before[index]))
    total=$((total + ticks))
    if [ -n "$queries" ] && [ "$queries" -gt 0 ]; then
      micros=$(awk -v t="$ticks" -v hz="$BENCH_CLOCK_TICKS" -v q="$queries" 'BEGIN { printf "%.1f", t * 1000000 / hz / q }')
      switches=$(awk -v s="$((switches_after[index] - switches_before[index]))" -v q="$queries" 'BEGIN { printf "%.2f", s / q }')
    else
      micros=- switches=-
    fi
    per_process+="${per_process:+ }${processes[$index]}=$micros"
    result["$workload|$ps_mode|$side|cpu:${processes[$index]}"]=$micros
    result["$workload|$ps_mode|$side|switches:${processes[$index]}"]=$switches
  done
  local total_micros=-
  if [ -n "$queries" ] && [ "$queries" -gt 0 ]; then
    total_micros=$(awk -v t="$total" -v hz="$BENCH_CLOCK_TICKS" -v q="$queries" 'BEGIN { printf "%.1f", t * 1000000 / hz / q }')
  fi
  result["$workload|$ps_mode|$side|status"]=$status
  result["$workload|$ps_mode|$side|qps"]=${qps:--}
  result["$workload|$ps_mode|$side|tps"]=${tps:--}
  result["$workload|$ps_mode|$side|p95"]=${p95:--}
  result["$workload|$ps_mode|$side|errors"]=${errors:--}
  result["$workload|$ps_mode|$side|cpu"]=$total_micros
  result["$workload|$ps_mode|$side|note"]=$note
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$ps_mode" "$side" "$status" "${tps:--}" "${qps:--}" \
    "${p95:--}" "${errors:--}" "${queries:--}" "$total_micros" "$per_process" "$note" >> "$runs_tsv"
  bench_log "  $workload ps=$ps_mode $side: $status qps=${qps:--} p95=${p95:--}ms errors=${errors:--} cpu=${total_micros}us/q ${note:+($note)}"
}

{
  echo "jvitess gateway overhead benchmark, $(date -Iseconds)"
  echo "commit: $(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$BENCH_ROOT" diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "mysqld: $(bench_mariadb "$baseline_port" sbtest -N -B -e 'SELECT VERSION()') (bin/mysqlctl, same flags for the baseline and the shards)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "sysbench: $(sysbench --version) --threads=$threads --time=$duration --tables=$tables --table-size=$table_size --rand-type=$rand_type, warm-up ${warmup}s"
  echo "data: $load_method"
} > "$results_dir/env.txt"

for workload in "${workload_list[@]}"; do
  if [ "$warmup" -gt 0 ]; then
    bench_log "Warming up $workload for ${warmup}s per side (unmeasured, ps off)..."
    for side in direct gateway; do
      extra=()
      if [ "$workload" = insert ]; then
        next_start_id
        extra=(--start_id="$insert_start_id")
      fi
      run_sysbench "$workload" off "$side" "$warmup" "$results_dir/sysbench/$workload-warmup-$side.txt" "${extra[@]}" \
        || bench_log "  warm-up of $workload on $side failed: $(grep -m1 -E 'FATAL|ERROR' "$results_dir/sysbench/$workload-warmup-$side.txt" || true)"
    done
  fi
  for ps_mode in "${ps_modes[@]}"; do
    bench_log "Running $workload, ps $ps_mode, ${duration}s per side..."
    measure "$workload" "$ps_mode" direct
    measure "$workload" "$ps_mode" gateway
  done
done

# ---------------------------------------------------------------------------------------------------
# Report.

cpu_columns=(vtgate vttablet-9100 vttablet-9200 mysqld-9100 mysqld-9200 "mysqld-$baseline_uid")
# per_process_table METRIC [TOTAL_LABEL]: one row per run with result[<run>|METRIC:<process>] for every process,
# and the run's result[<run>|METRIC] under TOTAL_LABEL when given.
per_process_table() {
  local metric=$1 total_label=${2:-} workload ps_mode side key name
  printf '%-13s %-3s %-8s' workload ps side
  printf ' %14s' "${cpu_columns[@]}"
  if [ -n "$total_label" ]; then printf ' %10s' "$total_label"; fi
  printf '\n'
  for workload in "${workload_list[@]}"; do
    for ps_mode in "${ps_modes[@]}"; do
      for side in direct gateway; do
        key="$workload|$ps_mode|$side"
        printf '%-13s %-3s %-8s' "$workload" "$ps_mode" "$side"
        for name in "${cpu_columns[@]}"; do
          printf ' %14s' "${result[$key|$metric:$name]:-}"
        done
        if [ -n "$total_label" ]; then printf ' %10s' "${result[$key|$metric]}"; fi
        printf '\n'
      done
    done
  done
}
{
  cat "$results_dir/env.txt"
  echo
  printf '%-13s %-3s %-8s %-11s %10s %10s %9s %7s %12s\n' workload ps side status tps qps p95_ms errors cpu_us/query
  for workload in "${workload_list[@]}"; do
    for ps_mode in "${ps_modes[@]}"; do
      for side in direct gateway; do
        key="$workload|$ps_mode|$side"
        printf '%-13s %-3s %-8s %-11s %10s %10s %9s %7s %12s\n' "$workload" "$ps_mode" "$side" "${result[$key|status]}" \
          "${result[$key|tps]}" "${result[$key|qps]}" "${result[$key|p95]}" "${result[$key|errors]}" "${result[$key|cpu]}"
      done
    done
  done
  echo
  echo "CPU microseconds per query, by process (user+system from /proc/<pid>/stat; tablet 9100 = -80, 9200 = 80-, $baseline_uid = baseline):"
  per_process_table cpu total
  echo
  echo "Context switches per query, by process (voluntary + involuntary, all live threads, /proc/<pid>/task/*/status):"
  per_process_table switches
  notes=$(for workload in "${workload_list[@]}"; do for ps_mode in "${ps_modes[@]}"; do for side in direct gateway; do
    note=${result[$workload|$ps_mode|$side|note]}
    [ -z "$note" ] || echo "  $workload ps=$ps_mode $side: $note"
  done; done; done)
  if [ -n "$notes" ]; then
    echo
    echo "Notes:"
    echo "$notes"
  fi
  echo
  echo "Statement shapes through vtgate ($shape_failures failing; details in shapes.txt):"
  grep -v '^    ' "$shapes_file" | sed 's/^/  /'
  echo
  summary_line="SUMMARY gateway/direct qps:"
  for workload in "${workload_list[@]}"; do
    for ps_mode in "${ps_modes[@]}"; do
      direct_key="$workload|$ps_mode|direct" gateway_key="$workload|$ps_mode|gateway"
      gateway_status=${result[$gateway_key|status]} direct_status=${result[$direct_key|status]}
      label="$workload (ps $ps_mode)"
      if [ "$gateway_status" = ok ] || [ "$gateway_status" = emulated ]; then
        qps_ratio=$(bench_ratio "${result[$gateway_key|qps]}" "${result[$direct_key|qps]}")
        printf '%s: gateway %s qps vs direct %s qps = %sx; p95 %s vs %s ms = %sx; cpu %s vs %s us/query = %sx; errors %s vs %s%s\n' \
          "$label" "${result[$gateway_key|qps]}" "${result[$direct_key|qps]}" "$qps_ratio" \
          "${result[$gateway_key|p95]}" "${result[$direct_key|p95]}" \
          "$(bench_ratio "${result[$gateway_key|p95]}" "${result[$direct_key|p95]}")" \
          "${result[$gateway_key|cpu]}" "${result[$direct_key|cpu]}" \
          "$(bench_ratio "${result[$gateway_key|cpu]}" "${result[$direct_key|cpu]}")" \
          "${result[$gateway_key|errors]}" "${result[$direct_key|errors]}" \
          "$([ "$gateway_status" = emulated ] && echo ' (gateway ps emulated client-side)')"
        summary_line+=" $workload/ps-$ps_mode ${qps_ratio}x"
      else
        printf '%s: gateway %s vs direct %s qps (%s)\n' "$label" "$gateway_status" "${result[$direct_key|qps]}" "$direct_status"
        summary_line+=" $workload/ps-$ps_mode $gateway_status"
      fi
    done
  done
  echo "$summary_line; statement shapes failing: $shape_failures"
  echo
  echo "Results: $results_dir"
} > "$summary"

cat "$summary"
if grep -qE $'\t(failed|timeout)\t' "$runs_tsv" || [ "$shape_failures" -gt 0 ]; then
  exit 1
fi
