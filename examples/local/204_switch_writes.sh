#!/usr/bin/env bash
# Moves writes of the moved tables to the customer keyspace; commerce now refuses them (denied tables).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl MoveTables --workflow commerce2customer --target-keyspace customer switchtraffic --tablet-types primary
