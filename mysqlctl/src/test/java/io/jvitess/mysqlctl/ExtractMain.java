package io.jvitess.mysqlctl;

import java.nio.file.Path;

/** Child-process entry point for the cross-process extraction test: prints whether this process extracted. */
public final class ExtractMain {

    private ExtractMain() {
    }

    public static void main(String[] arguments) {
        boolean extracted = DistributionCache.extractOnce(Path.of(arguments[0]), arguments[1], Path.of(arguments[2]));
        System.out.println("extracted=" + extracted);
    }
}
