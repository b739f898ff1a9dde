#!/usr/bin/env bash
# Prepares customer for sharding: sequences in commerce, the sharded (hash) VSchema, no auto_increment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

vtctl ApplySchema --sql-file create_commerce_seq.sql commerce || fail "ApplySchema of the sequence tables failed"
vtctl ApplyVSchema --vschema-file vschema_commerce_seq.json commerce > /dev/null || fail "ApplyVSchema of commerce failed"
# The hash VSchema the documented outputs assume (Vitess changed the example to xxhash in 2025-01).
vtctl ApplyVSchema --vschema-file pre-2025-01/vschema_customer_sharded.json customer > /dev/null || fail "ApplyVSchema of customer failed"
vtctl ApplySchema --sql-file create_customer_sharded.sql customer || fail "ApplySchema of customer failed"
