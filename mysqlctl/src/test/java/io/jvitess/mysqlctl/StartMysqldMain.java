package io.jvitess.mysqlctl;

import java.nio.file.Path;

/** Child-process entry point: starts an initialized tablet's mysqld, then this JVM exits. */
public final class StartMysqldMain {

    private StartMysqldMain() {
    }

    public static void main(String[] arguments) {
        MysqldConfig config = MysqldConfig.of(Integer.parseInt(arguments[0]), Integer.parseInt(arguments[1]), Path.of(arguments[2]));
        Mysqld mysqld = new Mysqld(config);
        mysqld.start(LocalMysqlds.TIMEOUT);
        System.out.println("started pid=" + mysqld.pid().orElseThrow());
        System.exit(0);
    }
}
