#!/usr/bin/env bash
# Initializes (first time) or starts the mysqld of tablet $TABLET_UID on port 17000+uid.
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
uid=${TABLET_UID:?set TABLET_UID}
mysql_port=$((17000 + uid))
printf -v tablet_dir 'vt_%010d' "$uid"
if [ -d "$VTDATAROOT/$tablet_dir/data" ]; then
  echo "Resuming from existing vttablet dir: $VTDATAROOT/$tablet_dir"
  action=start
else
  echo "Starting MySQL for tablet $CELL-$(printf '%010d' "$uid")..."
  action=init
fi
mysqlctl --tablet-uid "$uid" --mysql-port "$mysql_port" "$action" > "$VTDATAROOT/tmp/mysqlctl-$uid.out" 2>&1 \
  || fail "mysqlctl $action for tablet $uid failed: $(tail -5 "$VTDATAROOT/tmp/mysqlctl-$uid.out")"
