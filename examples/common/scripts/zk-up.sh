#!/usr/bin/env bash
# Starts the single-node ZooKeeper that holds the local topology.
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
echo "Starting zk on 127.0.0.1:$ZK_PORT..."
nohup zkctld --port "$ZK_PORT" --data-dir "$VTDATAROOT/zk" --pid-file "$VTDATAROOT/tmp/zkctld.pid" \
  > "$VTDATAROOT/tmp/zkctld.out" 2>&1 &
wait_for_port "$ZK_PORT" zkctld
