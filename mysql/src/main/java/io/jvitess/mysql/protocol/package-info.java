/**
 * The framing layer ({@link io.jvitess.mysql.protocol.PacketChannel}) and the protocol's constants:
 * capability and status bits, command codes, column types and flags, and the mapping from Vitess's
 * query types to MySQL column types.
 */
package io.jvitess.mysql.protocol;
