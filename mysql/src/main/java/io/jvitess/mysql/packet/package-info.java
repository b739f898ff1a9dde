/**
 * The packet codec: one immutable type per MySQL protocol packet, each with
 * {@code static X read(PacketReader)} and {@code void write(PacketWriter)} over a single payload.
 * Nothing here does I/O; framing is {@link io.jvitess.mysql.protocol.PacketChannel}'s job.
 */
package io.jvitess.mysql.packet;
