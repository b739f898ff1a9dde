#!/usr/bin/env bash
# Serves replica and rdonly reads of customer from the new shards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl Reshard --workflow cust2cust --target-keyspace customer switchtraffic --tablet-types "rdonly,replica"
