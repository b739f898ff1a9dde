package io.jvitess.topo;

import java.time.Duration;
import java.util.List;

/**
 * A connection to one topology tree (the global tree or a cell's), like Vitess's {@code topo.Conn}. Paths are
 * relative to the connection's root and '/'-separated, e.g. {@code keyspaces/commerce/Keyspace}; a directory is any
 * node with children. Implementations are thread-safe; failures are {@link TopoException}s.
 */
public interface TopoConn extends AutoCloseable {

    /** Sorted child names; {@code NO_NODE} if the directory does not exist. {@code ""} lists the root. */
    List<String> listDir(String dirPath);

    /** Creates the file and any missing parent directories; {@code NODE_EXISTS} if it exists. */
    Version create(String filePath, byte[] contents);

    /**
     * Writes the file. A null version is an unconditional upsert (creating parents); otherwise the write succeeds only
     * if the stored version matches ({@code BAD_VERSION}) and the file exists ({@code NO_NODE}).
     */
    Version update(String filePath, byte[] contents, Version version);

    /** {@code NO_NODE} if the file does not exist. */
    VersionedValue get(String filePath);

    /**
     * Deletes the file (null version = unconditional; else {@code BAD_VERSION}), then removes parent directories that
     * became empty, up to but not including the root. {@code NO_NODE} if missing, {@code NODE_NOT_EMPTY} if it has
     * children.
     */
    void delete(String filePath, Version version);

    /** Deletes the directory and everything below it, then empty parents; no error if it does not exist. */
    void deleteRecursive(String dirPath);

    /**
     * Takes an exclusive lock on an existing directory ({@code NO_NODE} otherwise), waiting up to {@code timeout}
     * ({@code TIMEOUT}). The contents describe the holder for operators. Closing the returned handle releases the lock;
     * so does closing this connection, and a crashed holder's lock is released when its session expires.
     */
    AutoCloseable lock(String dirPath, String contents, Duration timeout);

    /** Watches one file; {@code NO_NODE} if it does not exist now. */
    Watch watch(String filePath, WatchListener listener);

    /** Releases this connection's locks and watches. */
    @Override
    void close();
}
