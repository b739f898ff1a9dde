#!/usr/bin/env bash
# Starts vtctld and registers the cell in the topology.
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
echo "Starting vtctld..."
# shellcheck disable=SC2086
nohup vtctld $TOPOLOGY_FLAGS --cell "$CELL" --grpc-port "$VTCTLD_GRPC_PORT" --pid-file "$VTDATAROOT/tmp/vtctld.pid" \
  > "$VTDATAROOT/tmp/vtctld.out" 2>&1 &
wait_for_port "$VTCTLD_GRPC_PORT" vtctld
vtctl GetCellInfo "$CELL" >/dev/null 2>&1 || vtctl AddCellInfo --root "/vitess/$CELL" --server-address "localhost:$ZK_PORT" "$CELL"
