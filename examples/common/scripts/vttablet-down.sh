#!/usr/bin/env bash
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
uid=${TABLET_UID:?set TABLET_UID}
printf -v tablet_dir 'vt_%010d' "$uid"
echo "Stopping vttablet for $CELL-$(printf '%010d' "$uid")..."
stop_pid_file "$VTDATAROOT/$tablet_dir/vttablet.pid" "vttablet $uid"
