#!/usr/bin/env bash
# Cutover pause: the longest stall and the errors a steady write load sees while Reshard SwitchTraffic
# moves writes from shard 0 to -80,80-.
#
#   bench/cutover.sh [--smoke] [--rows N] [--threads 4] [--duration S] [--sample-lag]
#
# sysbench oltp_update_index (autocommit UPDATE ... WHERE id = ?) runs through vtgate for --duration
# seconds; halfway through, SwitchTraffic switches all tablet types. sysbench's max latency is the
# longest a client waited for one write; its per-second report shows the dip. --sample-lag also records,
# every 250 ms until the switch, how many source transactions each target stream is behind
# (results/…-cutover/lag.tsv); the sampling's own clients cost CPU, so leave it off for the stall number.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

rows=100000 threads=4 duration=30 sample_lag=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) rows=2000 duration=12; shift ;;
    --rows) rows=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --sample-lag) sample_lag=1; shift ;;
    *) echo "usage: $0 [--smoke] [--rows N] [--threads N] [--duration S] [--sample-lag]" >&2; exit 2 ;;
  esac
done

bench_ensure_tools
[ -n "${JVITESS_SKIP_BUILD:-}" ] || bench_build
bench_setup_dataroot
results="$BENCH_DIR/results/$(date -u +%Y%m%d-%H%M%S)-cutover"
mkdir -p "$results"
source_uid=9300 left_uid=9310 right_uid=9320

bench_start_topology
vtctl CreateKeyspace sbtest > /dev/null
bench_start_mysqlds $source_uid $left_uid $right_uid
bench_start_tablet sbtest 0 $source_uid
bench_start_tablet sbtest -80 $left_uid
bench_start_tablet sbtest 80- $right_uid
for shard in 0 -80 80-; do wait_for_healthy_shard sbtest "$shard" 1; done
vtctl ApplySchema --sql "create table sbtest1 (id int not null, k int not null default 0, c char(120) not null default '', pad char(60) not null default '', primary key (id), key k_1 (k)) engine=InnoDB" sbtest > /dev/null
vtctl ApplyVSchema --vschema '{"sharded": true, "vindexes": {"hash": {"type": "hash"}}, "tables": {"sbtest1": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}' sbtest > /dev/null
bench_start_vtgate

bench_log "Loading $rows rows into sbtest/0"
seq 1 "$rows" | awk '{ printf "%d\t%d\tc%d\tp%d\n", $1, $1, $1, $1 }' > "$VTDATAROOT/rows.tsv"
bench_mariadb $((17000 + source_uid)) vt_sbtest --local-infile=1 -u vt_dba -e "load data local infile '$VTDATAROOT/rows.tsv' into table sbtest1"

bench_log "Reshard 0 -> -80,80- and waiting for the copy phase"
vtctl Reshard --workflow cutover --target-keyspace sbtest create --source-shards 0 --target-shards -80,80- > /dev/null
wait_for_workflow_running sbtest cutover >&2

bench_log "sysbench oltp_update_index, $threads threads, ${duration}s; SwitchTraffic after $((duration / 2))s"
sysbench oltp_update_index --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$VTGATE_MYSQL_PORT" --mysql-user=root \
  --mysql-db=sbtest --tables=1 --table-size="$rows" --rand-type=uniform --db-ps-mode=disable --threads="$threads" \
  --time="$duration" --report-interval=1 --percentile=99 --mysql-ignore-errors=all run > "$results/sysbench.txt" 2>&1 &
load=$!
# sample_lag: the source's last GTID sequence number and how far each target stream's pos is behind it
# (negative: the target was read a moment later than the source).
sample_lag() {
  local source_seq left_seq right_seq
  printf 'time\tsource_seq\tbehind_-80\tbehind_80-\n'
  while kill -0 "$load" 2>/dev/null && [ ! -f "$results/switch.started" ]; do
    source_seq=$(bench_mariadb $((17000 + source_uid)) vt_sbtest -N -B -e "select @@gtid_binlog_pos") || break
    left_seq=$(bench_mariadb $((17000 + left_uid)) vt_sbtest -u vt_dba -N -B -e "select pos from _vt.vreplication where workflow = 'cutover'") || break
    right_seq=$(bench_mariadb $((17000 + right_uid)) vt_sbtest -u vt_dba -N -B -e "select pos from _vt.vreplication where workflow = 'cutover'") || break
    source_seq=${source_seq##*-} left_seq=${left_seq##*-} right_seq=${right_seq##*-}
    printf '%s\t%s\t%s\t%s\n' "$(date +%T.%3N)" "$source_seq" $((source_seq - left_seq)) $((source_seq - right_seq))
    sleep 0.25
  done
}
sampler=""
if [ "$sample_lag" = 1 ]; then
  sample_lag > "$results/lag.tsv" &
  sampler=$!
fi
sleep $((duration / 2))
start=$(date +%s%N)
touch "$results/switch.started"
vtctl Reshard --workflow cutover --target-keyspace sbtest switchtraffic > "$results/switchtraffic.txt"
switch_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait $load || bench_fail "sysbench failed: $(tail -5 "$results/sysbench.txt")"
[ -z "$sampler" ] || wait "$sampler" || true
lag_note=""
if [ "$sample_lag" = 1 ]; then
  lag_note=$(awk -F'\t' 'NR > 1 { for (i = 3; i <= 4; i++) if ($i > max) max = $i; n++ } END { printf "; streams at most %d transactions behind in %d samples before the switch", max, n }' "$results/lag.tsv")
fi

max_ms=$(awk '/max:/ { print $2; exit }' "$results/sysbench.txt")
errors=$(awk '/ignored errors:/ { print $3; exit }' "$results/sysbench.txt")
queries=$(awk '/queries:/ { print $2; exit }' "$results/sysbench.txt")
slowest_second=$(awk '/^\[ [0-9]+s \]/ { for (i = 1; i <= NF; i++) if ($i == "tps:") { v = $(i + 1) + 0; if (min == "" || v < min) min = v } } END { print min }' "$results/sysbench.txt")
grep -h "writes were held" "$VTDATAROOT/tmp/vtctld.out" > "$results/vtctld-switch.txt" || true
held=$(grep -ho "writes were held for [0-9]* ms" "$results/vtctld-switch.txt" | tail -1 | grep -o "[0-9]*" || echo "?")
served=$(vtctl GetSrvKeyspaces sbtest zone1 | tr -d ' \n' | grep -o '"served_type":"PRIMARY","shard_references":\[[^]]*\]' || true)
echo "$served" | grep -q '"-80"' || bench_fail "writes did not move to -80,80-: $served"
summary="SUMMARY cutover: longest client stall ${max_ms} ms (sysbench max latency), errors ${errors} of ${queries} queries, slowest second ${slowest_second} tps; SwitchTraffic took ${switch_ms} ms (vtctldclient), writes held ${held} ms (vtctld)${lag_note}"
echo "$summary" | tee "$results/summary.txt"
