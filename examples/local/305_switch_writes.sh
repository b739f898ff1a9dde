#!/usr/bin/env bash
# Moves writes of customer to the new shards; customer/0 stops serving.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl Reshard --workflow cust2cust --target-keyspace customer switchtraffic --tablet-types "primary"
