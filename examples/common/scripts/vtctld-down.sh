#!/usr/bin/env bash
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
echo "Stopping vtctld..."
stop_pid_file "$VTDATAROOT/tmp/vtctld.pid" vtctld
