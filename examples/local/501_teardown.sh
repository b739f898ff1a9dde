#!/usr/bin/env bash
# Stops every process the local example started (by its PID) and removes $VTDATAROOT.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../common/env.sh

../common/scripts/vtgate-down.sh
for dir in "$VTDATAROOT"/vt_*; do
  [ -d "$dir" ] || continue
  uid=$((10#${dir##*/vt_}))
  TABLET_UID=$uid ../common/scripts/vttablet-down.sh
done
for dir in "$VTDATAROOT"/vt_*; do
  [ -d "$dir" ] || continue
  uid=$((10#${dir##*/vt_}))
  TABLET_UID=$uid ../common/scripts/mysqlctl-down.sh &
done
wait
../common/scripts/vtctld-down.sh
../common/scripts/zk-down.sh

if [ "${KEEP_DATA:-}" = "" ]; then
  rm -rf "${VTDATAROOT:?}"
  echo "Removed $VTDATAROOT"
fi
