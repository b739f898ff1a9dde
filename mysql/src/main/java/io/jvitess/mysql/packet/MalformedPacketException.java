package io.jvitess.mysql.packet;

/** A packet did not have the layout its type requires (truncated, bad length, wrong header). */
public final class MalformedPacketException extends RuntimeException {

    public MalformedPacketException(String message) {
        super(message);
    }
}
