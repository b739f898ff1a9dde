#!/usr/bin/env bash
# Copies customer and corder from commerce to customer (MoveTables), then waits for the copy phase to finish.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl MoveTables --workflow commerce2customer --target-keyspace customer create --source-keyspace commerce --tables "customer,corder"
wait_for_workflow_running customer commerce2customer
