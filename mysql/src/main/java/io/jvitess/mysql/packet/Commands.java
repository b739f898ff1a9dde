package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.CommandCode;

/** Shared checks for command packets. */
final class Commands {

    private Commands() {
    }

    static void expect(PacketReader reader, int command) {
        int actual = reader.readInt1();
        if (actual != command) {
            throw new MalformedPacketException("expected " + CommandCode.name(command) + " but got " + CommandCode.name(actual));
        }
    }
}
