#!/usr/bin/env bash
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
echo "Stopping vtgate..."
stop_pid_file "$VTDATAROOT/tmp/vtgate.pid" vtgate
