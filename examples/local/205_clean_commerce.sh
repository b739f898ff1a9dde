#!/usr/bin/env bash
# Completes the move: drops customer and corder from commerce, removes the routing rules and the reverse workflow.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl MoveTables --workflow commerce2customer --target-keyspace customer complete
