package io.jvitess.topo;

/**
 * The version of a stored file, used for compare-and-set updates. ZooKeeper: the node's data version;
 * memory: a tree-wide counter. Only compare versions of the same file for equality.
 */
public record Version(long value) {
}
