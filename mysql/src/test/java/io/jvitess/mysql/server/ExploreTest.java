package io.jvitess.mysql.server;

import io.jvitess.mysql.auth.AuthServers;
import org.junit.jupiter.api.Test;

import java.util.Optional;

class ExploreTest {
    String run(int port, String stdin, String... args) throws Exception {
        var cmd = new java.util.ArrayList<>(java.util.List.of("mariadb", "-h", "127.0.0.1", "-P", "" + port, "-u", "user"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes()); p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        return "exit " + p.waitFor() + "\n" + out;
    }
    @Test
    void explore() throws Exception {
        FakeHandler handler = new FakeHandler();
        try (MysqlServer server = new MysqlServer(MysqlServerConfig.defaults(0), AuthServers.create("none", Optional.empty()), handler)) {
            server.start();
            System.out.println("BATCH " + run(server.port(), "select 1;\nuse customer;\nselect database();\ninsert into t values (1);\nselect typed;\nselect * from missing;\nselect 1;\n"));
            System.out.println("BATCH QUERIES " + handler.queries); handler.queries.clear();
            System.out.println("STATUS " + run(server.port(), "", "-e", "status"));
            System.out.println("STATUS QUERIES " + handler.queries); handler.queries.clear();
            System.out.println("DB " + run(server.port(), "", "-D", "commerce", "-e", "select database()"));
            System.out.println("DB QUERIES " + handler.queries); handler.queries.clear();
            System.out.println("V " + run(server.port(), "", "-vvv", "-e", "insert into t values (1); update t set a=1; warn"));
            System.out.println("V QUERIES " + handler.queries); handler.queries.clear();
        }
    }
}
