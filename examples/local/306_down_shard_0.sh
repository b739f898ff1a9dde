#!/usr/bin/env bash
# Completes the reshard and stops the tablets and mysqlds of customer/0.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl Reshard --workflow cust2cust --target-keyspace customer complete

for uid in 200 201 202; do
  TABLET_UID=$uid ../common/scripts/vttablet-down.sh
  TABLET_UID=$uid ../common/scripts/mysqlctl-down.sh
done
