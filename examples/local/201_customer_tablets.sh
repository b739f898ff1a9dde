#!/usr/bin/env bash
# Adds the customer keyspace: tablets 200 and 201 (replicas, one becomes primary) and 202 (rdonly) for shard 0.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

for uid in 200 201 202; do
  CELL=zone1 TABLET_UID=$uid ../common/scripts/mysqlctl-up.sh &
done
wait
for uid in 200 201 202; do
  CELL=zone1 KEYSPACE=customer TABLET_UID=$uid ../common/scripts/vttablet-up.sh
done

vtctl SetKeyspaceDurabilityPolicy --durability-policy=semi_sync customer > /dev/null || fail "cannot set the durability policy of customer"
wait_for_healthy_shard customer 0
