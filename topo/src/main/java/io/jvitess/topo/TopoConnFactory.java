package io.jvitess.topo;

/** Opens connections to one kind of topology backend; a server address plus a root path name one tree. */
public interface TopoConnFactory {

    TopoConn create(String serverAddress, String root);
}
