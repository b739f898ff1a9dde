#!/usr/bin/env bash
# Starts vttablet $TABLET_UID for $KEYSPACE/$SHARD (replica, or rdonly when the uid's last digit is > 1, as in Vitess).
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
uid=${TABLET_UID:?set TABLET_UID}
keyspace=${KEYSPACE:?set KEYSPACE}
shard=${SHARD:-0}
printf -v alias '%s-%010d' "$CELL" "$uid"
printf -v tablet_dir 'vt_%010d' "$uid"
tablet_type=replica
if [ $((uid % 10)) -gt 1 ]; then
  tablet_type=rdonly
fi
echo "Starting vttablet for $alias..."
mkdir -p "$VTDATAROOT/$tablet_dir"
# shellcheck disable=SC2086
nohup vttablet $TOPOLOGY_FLAGS --tablet-path "$alias" --tablet-hostname localhost \
  --init-keyspace "$keyspace" --init-shard "$shard" --init-tablet-type "$tablet_type" \
  --health-check-interval 5s --port $((15000 + uid)) --grpc-port $((16000 + uid)) --db-port $((17000 + uid)) \
  --pid-file "$VTDATAROOT/$tablet_dir/vttablet.pid" \
  > "$VTDATAROOT/$tablet_dir/vttablet.out" 2>&1 &
wait_for_port $((16000 + uid)) "vttablet $alias"
