#!/usr/bin/env bash
# Starts vtgate with the MySQL protocol on 127.0.0.1:15306 (no authentication, the local default).
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
echo "Starting vtgate..."
# shellcheck disable=SC2086
nohup vtgate $TOPOLOGY_FLAGS --cell "$CELL" --cells-to-watch "$CELL" --mysql-server-port "$VTGATE_MYSQL_PORT" \
  --mysql-auth-server-impl none --tablet-types-to-wait "${VTGATE_TABLET_TYPES_TO_WAIT:-PRIMARY,REPLICA}" --enable-buffer --port 15001 --pid-file "$VTDATAROOT/tmp/vtgate.pid" \
  > "$VTDATAROOT/tmp/vtgate.out" 2>&1 &
wait_for_port "$VTGATE_MYSQL_PORT" vtgate
echo "vtgate is up. Connect with:  mariadb -h 127.0.0.1 -P $VTGATE_MYSQL_PORT"
