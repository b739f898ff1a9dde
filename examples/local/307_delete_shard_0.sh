#!/usr/bin/env bash
# Removes customer/0 and its tablet records from the topology.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl DeleteShards --force --recursive customer/0
