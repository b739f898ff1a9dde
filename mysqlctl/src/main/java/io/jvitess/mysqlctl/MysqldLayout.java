package io.jvitess.mysqlctl;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** The files of one tablet's mysqld under {@code $VTDATAROOT/vt_<uid>}, named as Vitess names them. */
record MysqldLayout(Path tabletDirectory, String tabletName) {

    MysqldLayout {
        requireNonNull(tabletDirectory, "tabletDirectory is null");
        requireNonNull(tabletName, "tabletName is null");
    }

    static MysqldLayout of(Path vtDataRoot, int tabletUid) {
        String uid = String.format("%010d", tabletUid);
        return new MysqldLayout(vtDataRoot.resolve("vt_" + uid), "vt-" + uid);
    }

    Path dataDirectory() {
        return tabletDirectory.resolve("data");
    }

    Path tmpDirectory() {
        return tabletDirectory.resolve("tmp");
    }

    Path binLogDirectory() {
        return tabletDirectory.resolve("bin-logs");
    }

    Path relayLogDirectory() {
        return tabletDirectory.resolve("relay-logs");
    }

    /** Base name of the binary logs, e.g. {@code bin-logs/vt-0000000100-bin.000001}. */
    Path binLogBase() {
        return binLogDirectory().resolve(tabletName + "-bin");
    }

    Path relayLogBase() {
        return relayLogDirectory().resolve(tabletName + "-relay-bin");
    }

    Path socketFile() {
        return tabletDirectory.resolve("mysql.sock");
    }

    Path pidFile() {
        return tabletDirectory.resolve("mysql.pid");
    }

    Path errorLog() {
        return tabletDirectory.resolve("error.log");
    }

    /** stdout/stderr of the detached mysqld; mysqld itself writes to {@link #errorLog()}. */
    Path consoleLog() {
        return tabletDirectory.resolve("mysqld.out");
    }

    /** Output of the data directory creation and of the user setup. */
    Path initLog() {
        return tabletDirectory.resolve("init.log");
    }
}
