#!/usr/bin/env bash
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
echo "Stopping zk..."
stop_pid_file "$VTDATAROOT/tmp/zkctld.pid" zkctld
