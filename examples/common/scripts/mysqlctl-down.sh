#!/usr/bin/env bash
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
uid=${TABLET_UID:?set TABLET_UID}
echo "Stopping MySQL for tablet $CELL-$(printf '%010d' "$uid")..."
mysqlctl --tablet-uid "$uid" shutdown > "$VTDATAROOT/tmp/mysqlctl-$uid.out" 2>&1 || echo "mysqlctl shutdown $uid failed" >&2
