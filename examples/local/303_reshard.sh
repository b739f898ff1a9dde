#!/usr/bin/env bash
# Splits customer/0 into -80 and 80- (Reshard), then waits for the copy phase to finish.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl Reshard --workflow cust2cust --target-keyspace customer create --source-shards '0' --target-shards '-80,80-'
wait_for_workflow_running customer cust2cust
