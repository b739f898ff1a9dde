#!/usr/bin/env bash
# Resharding speed: rows/s of the Reshard copy phase (0 -> -80,80-) of one table, next to
# `mariadb-dump | mariadb` of the same table on the same machine, and VDiff rows/s.
#
#   bench/resharding.sh [--rows N] [--smoke]
#
# Starts its own ZooKeeper, vtctld, four mysqlds (source shard, two target shards, dump/load
# target) and three vttablets on 127.0.0.1 under a temporary VTDATAROOT, and stops them by PID.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
rows=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --smoke) rows=5000; shift ;;
    *) echo "usage: $0 [--rows N] [--smoke]" >&2; exit 2 ;;
  esac
done

bench_ensure_tools
[ -n "${JVITESS_SKIP_BUILD:-}" ] || bench_build
bench_setup_dataroot
results="$BENCH_DIR/results/$(date -u +%Y%m%d-%H%M%S)-resharding"
mkdir -p "$results"
source_uid=9400 left_uid=9410 right_uid=9420 dump_uid=9430

sql() { # sql UID ARGS...: the mariadb client on a mysqld as the tablets' DBA user
  local uid=$1; shift
  mariadb --no-defaults -h 127.0.0.1 -P $((17000 + uid)) -u vt_dba --batch --skip-column-names "$@"
}
now() { date +%s%N; }
seconds_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.2f", (end - start) / 1e9 }'; }
rate() { awk -v rows="$1" -v seconds="$2" 'BEGIN { printf "%d", rows / seconds }'; }

bench_log "Starting ZooKeeper, vtctld, 4 mysqlds and 3 tablets"
bench_start_topology
vtctl CreateKeyspace bench > /dev/null
bench_start_mysqlds $source_uid $left_uid $right_uid $dump_uid
bench_start_tablet bench 0 $source_uid
bench_start_tablet bench -80 $left_uid
bench_start_tablet bench 80- $right_uid
for shard in 0 -80 80-; do wait_for_healthy_shard bench "$shard" 1; done

table="create table sbtest1 (id int not null, k int not null default 0, c char(120) not null default '', pad char(60) not null default '', primary key (id), key k_1 (k)) engine=InnoDB"
vtctl ApplySchema --sql "$table" bench > /dev/null
vtctl ApplyVSchema --vschema '{"sharded": true, "vindexes": {"hash": {"type": "hash"}}, "tables": {"sbtest1": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}' bench > /dev/null

bench_log "loading $rows rows (sysbench's sbtest shape) into bench/0"
data="$VTDATAROOT/sbtest1.tsv"
awk -v n="$rows" 'BEGIN { srand(42); for (i = 1; i <= n; i++) {
  c = ""; for (j = 0; j < 11; j++) c = c sprintf("%011d-", int(rand() * 1e11)); pad = ""; for (j = 0; j < 5; j++) pad = pad sprintf("%011d-", int(rand() * 1e11));
  printf "%d\t%d\t%s\t%s\n", i, int(rand() * n), substr(c, 1, 119), substr(pad, 1, 59) } }' > "$data"
sql $source_uid --local-infile=1 vt_bench -e "load data local infile '$data' into table sbtest1"
echo "loaded $(sql $source_uid vt_bench -e 'select count(*) from sbtest1') rows"

bench_log "baseline: mariadb-dump | mariadb of the same table into another mysqld"
sql $dump_uid -e "create database if not exists vt_bench"
start=$(now)
mariadb-dump --no-defaults -h 127.0.0.1 -P $((17000 + source_uid)) -u vt_dba --single-transaction --quick vt_bench sbtest1 \
  | mariadb --no-defaults -h 127.0.0.1 -P $((17000 + dump_uid)) -u vt_dba vt_bench
dump_seconds=$(seconds_since "$start")
dump_rate=$(rate "$rows" "$dump_seconds")
echo "dump|load: $rows rows in ${dump_seconds}s = $dump_rate rows/s"

bench_log "Reshard 0 -> -80,80- copy phase"
start=$(now)
vtctl Reshard --workflow bench --target-keyspace bench create --source-shards 0 --target-shards -80,80- > /dev/null
copying() { # true while a target stream has not finished its copy phase
  for uid in $left_uid $right_uid; do
    [ "$(sql $uid -e "select count(*) from _vt.vreplication where workflow = 'bench' and (state != 'Running' or id in (select vrepl_id from _vt.copy_state))")" = 0 ] || return 0
  done
  return 1
}
while copying; do sleep 0.1; done
copy_seconds=$(seconds_since "$start")
copy_rate=$(rate "$rows" "$copy_seconds")
copied=$(( $(sql $left_uid vt_bench -e 'select count(*) from sbtest1') + $(sql $right_uid vt_bench -e 'select count(*) from sbtest1') ))
echo "reshard copy: $copied rows in ${copy_seconds}s = $copy_rate rows/s (create to both streams running)"
[ "$copied" = "$rows" ] || { echo "ERROR: the targets hold $copied rows, expected $rows" >&2; exit 1; }

bench_log "VDiff"
start=$(now)
vtctl VDiff --workflow bench --target-keyspace bench create > /dev/null
vdiff_done() {
  for uid in $left_uid $right_uid; do
    state=$(sql $uid -e "select state from _vt.vdiff where workflow = 'bench' order by id desc limit 1")
    [ "$state" = error ] && { echo "ERROR: VDiff failed on tablet $uid" >&2; exit 1; }
    [ "$state" = completed ] || return 1
  done
}
until vdiff_done; do sleep 0.1; done
vdiff_seconds=$(seconds_since "$start")
vdiff_rate=$(rate "$rows" "$vdiff_seconds")
report=$(vtctl VDiff --workflow bench --target-keyspace bench show last)
echo "$report" > "$results/resharding-vdiff.json"
echo "$report" | grep -q '"HasMismatch": false' || { echo "ERROR: VDiff found differences: $report" >&2; exit 1; }
echo "vdiff: $rows rows in ${vdiff_seconds}s = $vdiff_rate rows/s, no mismatch"

ratio=$(awk -v copy="$copy_rate" -v dump="$dump_rate" 'BEGIN { printf "%.2f", copy / dump }')
summary="SUMMARY resharding ($rows rows): reshard copy $copy_rate rows/s vs mariadb-dump|mariadb $dump_rate rows/s = ${ratio}x; vdiff $vdiff_rate rows/s"
echo "$summary" | tee "$results/resharding.txt"
