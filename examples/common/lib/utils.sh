# Helpers for the local example scripts (Vitess's examples/common/lib/utils.sh, for jvitess).

fail() {
  echo "ERROR: $*" >&2
  exit 1
}

# vtctldclient against the local vtctld.
vtctl() {
  vtctldclient --server "localhost:$VTCTLD_GRPC_PORT" "$@"
}

# wait_for_port PORT NAME [SECONDS]: waits until something listens on 127.0.0.1:PORT.
wait_for_port() {
  local port=$1 name=$2 seconds=${3:-60}
  for _ in $(seq 1 $((seconds * 10))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  fail "$name did not listen on 127.0.0.1:$port within ${seconds}s (see $VTDATAROOT/tmp)"
}

# wait_for_healthy_shard KEYSPACE SHARD [TABLETS=3]: tablets registered and a primary elected.
wait_for_healthy_shard() {
  local keyspace=$1 shard=$2 count=${3:-3}
  for _ in $(seq 1 300); do
    local tablets
    tablets=$(vtctl GetTablets --keyspace "$keyspace" --shard "$shard" 2>/dev/null | wc -l)
    if [ "$tablets" -ge "$count" ] && vtctl GetShard "$keyspace/$shard" 2>/dev/null | grep -q '"primary_alias": {'; then
      return 0
    fi
    sleep 0.2
  done
  fail "shard $keyspace/$shard did not get $count tablets and a primary within 60s"
}

# stop_pid_file FILE NAME: stops the process in FILE by its PID (TERM, then KILL after 20s).
stop_pid_file() {
  local file=$1 name=$2
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name (pid $pid) did not stop in 20s; killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

# wait_for_workflow_running KEYSPACE WORKFLOW: waits (90s) until every stream of the workflow has finished its copy
# phase and is running (Vitess's helper greps the logs for "Copy phase completed").
wait_for_workflow_running() {
  local keyspace=$1 workflow=$2
  echo "Waiting for the $workflow workflow to finish its copy phase..."
  for _ in $(seq 1 450); do
    local show
    show=$(vtctl Workflow --keyspace "$keyspace" show --workflow "$workflow" --include-logs=false 2>/dev/null || true)
    if echo "$show" | grep -q '"state": "Running"' \
        && ! echo "$show" | grep -Eq '"state": "(Copying|Init|Error|Stopped|Lagging)"' \
        && ! echo "$show" | grep -q '"copy_states": \[{'; then
      echo "$workflow workflow is running, copy phase completed"
      return 0
    fi
    sleep 0.2
  done
  fail "workflow $keyspace.$workflow did not complete its copy phase within 90s"
}
