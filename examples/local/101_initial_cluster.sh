#!/usr/bin/env bash
# Starts a single-keyspace cluster: ZooKeeper topology, vtctld, the commerce keyspace with three
# tablets (100 and 101 replicas, one of which is elected primary; 102 rdonly), its schema and
# VSchema, and vtgate on 127.0.0.1:15306. Builds jvitess first if needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
../../scripts/build.sh
source ../common/env.sh

if (exec 3<>"/dev/tcp/127.0.0.1/$ZK_PORT") 2>/dev/null; then
  fail "something already listens on 127.0.0.1:$ZK_PORT; is a cluster running? (./501_teardown.sh stops it)"
fi

CELL=zone1 ../common/scripts/zk-up.sh
CELL=zone1 ../common/scripts/vtctld-up.sh

vtctl CreateKeyspace --sidecar-db-name=_vt --durability-policy=semi_sync commerce > /dev/null \
  || fail "cannot create keyspace commerce"

for uid in 100 101 102; do
  CELL=zone1 TABLET_UID=$uid ../common/scripts/mysqlctl-up.sh &
done
wait
for uid in 100 101 102; do
  CELL=zone1 KEYSPACE=commerce TABLET_UID=$uid ../common/scripts/vttablet-up.sh
done

wait_for_healthy_shard commerce 0

vtctl ApplySchema --sql-file create_commerce_schema.sql commerce || fail "ApplySchema failed"
vtctl ApplyVSchema --vschema-file vschema_commerce_initial.json commerce > /dev/null || fail "ApplyVSchema failed"

CELL=zone1 ../common/scripts/vtgate-up.sh

cat <<TXT

jvitess is up. Try:
  mariadb -h 127.0.0.1 -P $VTGATE_MYSQL_PORT < ../common/insert_commerce_data.sql
  mariadb -h 127.0.0.1 -P $VTGATE_MYSQL_PORT --table < ../common/select_commerce_data.sql
  mariadb -h 127.0.0.1 -P $VTGATE_MYSQL_PORT -e 'show vitess_tablets'
Stop everything with ./501_teardown.sh
TXT
