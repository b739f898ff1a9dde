#!/usr/bin/env bash
# Starts the target shards of the reshard: tablets 300-302 for customer/-80 and 400-402 for customer/80-.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

for uid in 300 301 302 400 401 402; do
  CELL=zone1 TABLET_UID=$uid ../common/scripts/mysqlctl-up.sh &
done
wait
for uid in 300 301 302; do
  CELL=zone1 KEYSPACE=customer SHARD=-80 TABLET_UID=$uid ../common/scripts/vttablet-up.sh
done
for uid in 400 401 402; do
  CELL=zone1 KEYSPACE=customer SHARD=80- TABLET_UID=$uid ../common/scripts/vttablet-up.sh
done

wait_for_healthy_shard customer -80
wait_for_healthy_shard customer 80-
