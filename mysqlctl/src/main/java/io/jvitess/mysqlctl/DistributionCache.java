package io.jvitess.mysqlctl;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one directory of an archive into a cache directory exactly once, safely across threads and processes.
 *
 * <p>Extraction goes into a sibling staging directory that is renamed into place only after a completion
 * marker was written, so a reader that sees the marker sees a whole tree. Extractors serialize on a lock file
 * next to the target so parallel test JVMs do not unpack 365 MB several times over.
 */
final class DistributionCache {

    static final String COMPLETE_MARKER = ".jvitess-extracted";

    private static final Logger log = LoggerFactory.getLogger(DistributionCache.class);
    private static final String STAGING_INFIX = ".partial-";
    // FileChannel.lock is held per JVM: a second thread of the same JVM would get OverlappingFileLockException.
    private static final ReentrantLock IN_PROCESS_LOCK = new ReentrantLock();

    private DistributionCache() {
    }

    static boolean isComplete(Path target) {
        return Files.isRegularFile(target.resolve(COMPLETE_MARKER));
    }

    /**
     * Makes {@code target} hold the archive entries under {@code prefix}; entries under {@code bin/} and
     * {@code scripts/} become executable.
     *
     * @return true if this call extracted, false if a complete tree was already there
     */
    static boolean extractOnce(Path archive, String prefix, Path target) {
        requireNonNull(archive, "archive is null");
        requireNonNull(prefix, "prefix is null");
        Path absoluteTarget = requireNonNull(target, "target is null").toAbsolutePath().normalize();
        if (isComplete(absoluteTarget)) {
            return false;
        }
        Path parent = absoluteTarget.getParent();
        Path lockFile = parent.resolve(absoluteTarget.getFileName() + ".lock");
        IN_PROCESS_LOCK.lock();
        try {
            Files.createDirectories(parent);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (isComplete(absoluteTarget)) {
                    return false;
                }
                extractLocked(archive, prefix, absoluteTarget);
                return true;
            }
        } catch (IOException e) {
            throw new MysqlctlException("Cannot extract " + prefix + " from " + archive + " into " + absoluteTarget
                    + ": " + e.getMessage() + ". Check free disk space and permissions, or point JVITESS_CACHE_DIR elsewhere.", e);
        } finally {
            IN_PROCESS_LOCK.unlock();
        }
    }

    private static void extractLocked(Path archive, String prefix, Path target) throws IOException {
        Path parent = target.getParent();
        String stagingPrefix = target.getFileName() + STAGING_INFIX;
        // Holding the lock means no one else is extracting: leftovers are from killed extractors.
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent, stagingPrefix + "*")) {
            for (Path leftover : leftovers) {
                log.warn("Removing {} left by an interrupted extraction", leftover);
                FileTrees.deleteRecursively(leftover);
            }
        }
        if (Files.exists(target)) {
            log.warn("Replacing {}: it has no {} marker, so an earlier extraction did not finish", target, COMPLETE_MARKER);
            FileTrees.deleteRecursively(target);
        }
        log.info("Extracting {} from {} into {} (one time per cache directory)", prefix, archive, target);
        long startNanos = System.nanoTime();
        Path staging = Files.createTempDirectory(parent, stagingPrefix);
        try {
            int files = unzip(archive, prefix, staging);
            if (files == 0) {
                throw new IOException("the archive has no entries under " + prefix);
            }
            Files.writeString(staging.resolve(COMPLETE_MARKER), archive + "\n");
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            log.info("Extracted {} files into {} in {} ms", files, target, (System.nanoTime() - startNanos) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteRecursively(staging);
            throw e;
        }
    }

    private static int unzip(Path archive, String prefix, Path destination) throws IOException {
        int files = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(prefix) || entry.getName().length() == prefix.length()) {
                    continue;
                }
                String relative = entry.getName().substring(prefix.length());
                Path path = destination.resolve(relative).normalize();
                if (!path.startsWith(destination)) {
                    throw new IOException("archive entry " + entry.getName() + " escapes the destination directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                try (InputStream input = zip.getInputStream(entry)) {
                    Files.copy(input, path);
                }
                // java.util.zip does not expose Unix modes; bin/ and scripts/ are the executables of a MySQL tree.
                if (relative.startsWith("bin/") || relative.startsWith("scripts/")) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                files++;
            }
        }
        return files;
    }
}
