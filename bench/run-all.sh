#!/usr/bin/env bash
# Runs every cluster benchmark in sequence (they share ports, so never in parallel) and prints their
# SUMMARY lines together. Arguments (e.g. --smoke) go to every benchmark.
#
#   bench/run-all.sh            full runs (tens of minutes on 2 cores)
#   bench/run-all.sh --smoke    tiny sizes, for CI
#
# A benchmark here is an executable bench/<name>.sh that: accepts --smoke; installs what it needs and
# starts what it measures; stops all it started by PID on exit; writes bench/results/<timestamp>/; and
# prints one line starting with "SUMMARY" with its ratios. Add new ones to the list below.
# The JMH microbenchmarks (bench/jmh.sh) are separate: they measure code paths, not a cluster.
set -uo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

benchmarks=(
  gateway-overhead   # sysbench OLTP through vtgate over 2 shards vs the same mysqld directly
  resharding         # Reshard copy rows/s vs mariadb-dump | mariadb, VDiff rows/s
  cutover            # longest client stall and errors during SwitchTraffic under load
)

started=$(date +%Y%m%d-%H%M%S)
mkdir -p "$bench_dir/results"
report="$bench_dir/results/run-all-$started.txt"
summaries=()
failed=0
for name in "${benchmarks[@]}"; do
  script="$bench_dir/$name.sh"
  if [ ! -x "$script" ]; then
    summaries+=("$name: not present yet ($script)")
    continue
  fi
  echo "=== $name $* ===" >&2
  output=$(mktemp)
  "$script" "$@" 2>&1 | tee "$output"
  status=${PIPESTATUS[0]}
  summary=$(grep '^SUMMARY' "$output" | tail -1)
  [ -n "$summary" ] || summary=$(grep -v '^[[:space:]]*$' "$output" | tail -1)   # a benchmark without the convention
  rm -f "$output"
  if [ "$status" != 0 ]; then
    failed=1
    summaries+=("$name: FAILED (exit $status)${summary:+ $summary}")
  else
    summaries+=("$name: ${summary:-no output}")
  fi
done

{
  echo "run-all $started $*"
  printf '%s\n' "${summaries[@]}"
} | tee "$report"
exit "$failed"
