package io.jvitess.topo.zk;

import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoException;
import org.apache.zookeeper.KeeperException;

/** Maps ZooKeeper and Curator failures to {@link TopoException}s, like Vitess's zk2 convertError. */
final class ZkErrors {

    private ZkErrors() {
    }

    static RuntimeException convert(Exception e, String path) {
        return switch (e) {
            case TopoException topo -> topo;
            // use after close is a programming error, not a topology condition
            case IllegalStateException closed -> closed;
            case InterruptedException interrupted -> {
                Thread.currentThread().interrupt();
                yield new TopoException(TopoErrorCode.INTERRUPTED, "interrupted during ZooKeeper operation on " + path, e);
            }
            case KeeperException keeper -> convertKeeper(keeper, path);
            default -> new TopoException(TopoErrorCode.TIMEOUT, "ZooKeeper operation on " + path + " failed: " + e, e);
        };
    }

    private static TopoException convertKeeper(KeeperException e, String path) {
        return switch (e.code()) {
            case NONODE -> new TopoException(TopoErrorCode.NO_NODE, "node doesn't exist: " + path, e);
            case NODEEXISTS -> new TopoException(TopoErrorCode.NODE_EXISTS, "node already exists: " + path, e);
            case NOTEMPTY -> new TopoException(TopoErrorCode.NODE_NOT_EMPTY, "node has children: " + path, e);
            case BADVERSION -> new TopoException(TopoErrorCode.BAD_VERSION, "bad node version: " + path, e);
            case UNIMPLEMENTED -> new TopoException(TopoErrorCode.NO_IMPLEMENTATION,
                    "ZooKeeper server does not support the operation on " + path + " (needs ZooKeeper 3.6+)", e);
            case BADARGUMENTS, NOCHILDRENFOREPHEMERALS, INVALIDACL, NOAUTH, AUTHFAILED ->
                    new TopoException(TopoErrorCode.INVALID_ARGUMENT, "ZooKeeper rejected the operation on " + path
                            + " (" + e.code() + "; check ACLs and credentials)", e);
            // connection loss, session expiry, timeouts and other server trouble: retrying later may succeed
            default -> new TopoException(TopoErrorCode.TIMEOUT, "ZooKeeper unavailable for " + path + " (" + e.code()
                    + "); check that the ZooKeeper servers are up and reachable", e);
        };
    }
}
