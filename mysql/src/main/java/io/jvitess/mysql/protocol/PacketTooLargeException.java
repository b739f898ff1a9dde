package io.jvitess.mysql.protocol;

/**
 * A client packet was larger than the configured maximum. By the time this is thrown the packet has
 * been read off the stream and discarded, so the connection is still in sync and can carry on.
 */
public final class PacketTooLargeException extends Exception {

    private final long packetSize;
    private final int maxPacketSize;

    public PacketTooLargeException(long packetSize, int maxPacketSize) {
        super("packet of " + packetSize + " bytes exceeds max_allowed_packet " + maxPacketSize);
        this.packetSize = packetSize;
        this.maxPacketSize = maxPacketSize;
    }

    /** The full payload size of the discarded packet. */
    public long packetSize() {
        return packetSize;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }
}
