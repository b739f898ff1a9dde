package io.jvitess.mysqlctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionCacheTest {

    private static final String PREFIX = "vendor/mariadb/linux/";

    @TempDir
    Path directory;

    private Path archive;
    private Path target;

    @BeforeEach
    void createArchive() throws IOException {
        archive = directory.resolve("binaries.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry(PREFIX));
            zip.putNextEntry(new ZipEntry(PREFIX + "bin/"));
            write(zip, PREFIX + "bin/mariadbd", "#!/bin/sh\necho server\n");
            write(zip, PREFIX + "scripts/mariadb-install-db", "#!/bin/sh\n");
            write(zip, PREFIX + "share/english/errmsg.sys", "messages");
            write(zip, "vendor/mariadb/windows/bin/mariadbd.exe", "not for us");
        }
        target = directory.resolve("cache").resolve("mariadb-test");
    }

    @Test
    void extractsOnlyThePrefixAndMakesBinariesExecutable() throws IOException {
        assertThat(DistributionCache.extractOnce(archive, PREFIX, target)).isTrue();

        assertThat(target.resolve("bin/mariadbd")).hasContent("#!/bin/sh\necho server").isExecutable();
        assertThat(target.resolve("scripts/mariadb-install-db")).isExecutable();
        assertThat(Files.isExecutable(target.resolve("share/english/errmsg.sys"))).isFalse();
        assertThat(target.resolve("share/english/errmsg.sys")).hasContent("messages");
        assertThat(target.resolve("windows")).doesNotExist();
        assertThat(DistributionCache.isComplete(target)).isTrue();
        assertThat(siblingsOf(target)).containsExactlyInAnyOrder("mariadb-test", "mariadb-test.lock");
    }

    @Test
    void secondExtractionReusesTheCachedTree() throws IOException {
        DistributionCache.extractOnce(archive, PREFIX, target);
        Object fileKey = fileKey(target.resolve("bin/mariadbd"));

        assertThat(DistributionCache.extractOnce(archive, PREFIX, target)).isFalse();
        assertThat(fileKey(target.resolve("bin/mariadbd"))).isEqualTo(fileKey);
    }

    @Test
    void replacesAnUnfinishedTreeAndRemovesLeftoverStagingDirectories() throws IOException {
        Files.createDirectories(target.resolve("bin"));
        Files.writeString(target.resolve("bin/truncated"), "half");
        Path leftover = Files.createDirectories(target.resolveSibling("mariadb-test.partial-12345"));

        assertThat(DistributionCache.extractOnce(archive, PREFIX, target)).isTrue();

        assertThat(target.resolve("bin/truncated")).doesNotExist();
        assertThat(target.resolve("bin/mariadbd")).exists();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void failedExtractionLeavesNothingBehind() {
        assertThatThrownBy(() -> DistributionCache.extractOnce(archive, "no/such/prefix/", target))
                .isInstanceOf(MysqlctlException.class)
                .hasMessageContaining("no entries under no/such/prefix/");

        assertThat(target).doesNotExist();
        assertThat(siblingsOf(target)).containsExactly("mariadb-test.lock");
    }

    @Test
    void concurrentThreadsExtractOnce() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Boolean> extraction = () -> DistributionCache.extractOnce(archive, PREFIX, target);
                results.add(executor.submit(extraction));
            }
            int extractions = 0;
            for (Future<Boolean> result : results) {
                extractions += result.get() ? 1 : 0;
            }
            assertThat(extractions).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
        assertThat(target.resolve("bin/mariadbd")).isExecutable();
    }

    @Test
    void concurrentProcessesExtractOnce() throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path output = directory.resolve("extractor-" + i + ".out");
            outputs.add(output);
            processes.add(ChildJvm.start(ExtractMain.class, output, archive.toString(), PREFIX, target.toString()));
        }
        for (Process process : processes) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }
        List<String> printed = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            String output = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
            assertThat(processes.get(i).exitValue()).as(output).isZero();
            printed.add(output.contains("extracted=true") ? "extracted" : "reused");
        }

        assertThat(printed).containsOnlyOnce("extracted");
        assertThat(target.resolve("bin/mariadbd")).hasContent("#!/bin/sh\necho server").isExecutable();
        assertThat(siblingsOf(target)).containsExactlyInAnyOrder("mariadb-test", "mariadb-test.lock");
    }

    private static void write(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream output = zip;
        output.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static List<String> siblingsOf(Path path) {
        try (Stream<Path> files = Files.list(path.getParent())) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
