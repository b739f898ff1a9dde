package io.jvitess.vttest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Vitess's vttestserver port layout around {@code --port}: vtctld gRPC (vtcombo's gRPC port) at +1,
 * mysqld at +2, vtgate's MySQL protocol at +3. A 0 base lets the servers bind any free port; mysqld
 * needs a concrete port up front, so one is picked for it.
 */
record PortLayout(int vtctldGrpcPort, int mysqldPort, int vtgateMysqlPort) {

    static PortLayout fromBase(int basePort) {
        if (basePort == 0) {
            return new PortLayout(0, freeLoopbackPort(), 0);
        }
        return new PortLayout(basePort + 1, basePort + 2, basePort + 3);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for mysqld", e);
        }
    }
}
