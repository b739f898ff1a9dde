# Shared environment for the local example scripts (sourced, like Vitess's examples/common/env.sh).
JVITESS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JVITESS_ROOT
export PATH="$JVITESS_ROOT/bin:$PATH"
export VTDATAROOT="${VTDATAROOT:-$JVITESS_ROOT/examples/local/vtdataroot}"
mkdir -p "$VTDATAROOT/tmp"

export CELL="${CELL:-zone1}"
export ZK_PORT="${ZK_PORT:-21811}"
export TOPOLOGY_FLAGS="--topo-implementation zk2 --topo-global-server-address localhost:$ZK_PORT --topo-global-root /vitess/global"
export VTCTLD_GRPC_PORT="${VTCTLD_GRPC_PORT:-15999}"
export VTGATE_MYSQL_PORT="${VTGATE_MYSQL_PORT:-15306}"

alias vtctldclient="vtctldclient --server localhost:$VTCTLD_GRPC_PORT" 2>/dev/null || true
alias mysql="mariadb --no-defaults -h 127.0.0.1 -P $VTGATE_MYSQL_PORT" 2>/dev/null || true

source "$JVITESS_ROOT/examples/common/lib/utils.sh"
