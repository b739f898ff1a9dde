package io.jvitess.topo;

import static java.util.Objects.requireNonNull;

/** Path rules shared by the {@link TopoConn} implementations, so every backend accepts and rejects the same paths. */
public final class TopoPaths {

    private TopoPaths() {
    }

    /**
     * Validates a path relative to a connection root and returns it without leading or trailing '/'; {@code ""} is
     * the root itself. Rejects empty, "." and ".." segments so a path can never escape its root.
     */
    public static String relative(String path) {
        requireNonNull(path, "path is null");
        String trimmed = strip(path);
        if (!trimmed.isEmpty()) {
            for (String segment : trimmed.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "invalid topo path: '" + path + "'");
                }
            }
        }
        return trimmed;
    }

    /** Like {@link #relative} but the root itself is not a valid file. */
    public static String file(String path) {
        String relative = relative(path);
        if (relative.isEmpty()) {
            throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "topo path must name a file below the root: '" + path + "'");
        }
        return relative;
    }

    /** Validates a connection root: absolute, e.g. {@code /vitess/global}; returns it without trailing '/', "" for "/". */
    public static String root(String root) {
        requireNonNull(root, "root is null");
        if (!root.startsWith("/")) {
            throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "topo root must be absolute: '" + root + "'");
        }
        String relative = relative(root);
        return relative.isEmpty() ? "" : "/" + relative;
    }

    /** The absolute path of a relative path under a root as returned by {@link #root}. */
    public static String absolute(String root, String relative) {
        if (relative.isEmpty()) {
            return root.isEmpty() ? "/" : root;
        }
        return root + "/" + relative;
    }

    /** The parent of a relative path; {@code ""} (the root) for a top-level entry. */
    public static String parent(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /** A name used as one path segment (keyspace, shard, cell): non-empty, no '/', not "." or "..". */
    public static String segment(String kind, String name) {
        requireNonNull(name, kind + " is null");
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "invalid " + kind + " name: '" + name + "'");
        }
        return name;
    }

    private static String strip(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
