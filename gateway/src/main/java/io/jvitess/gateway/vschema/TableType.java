package io.jvitess.gateway.vschema;

/** The VSchema table types: normal, a Vitess sequence, or a reference table copied to every shard. */
public enum TableType {
    NORMAL,
    SEQUENCE,
    REFERENCE
}
