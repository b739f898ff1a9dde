package io.jvitess.gateway.executor;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.util.Locale;

/**
 * Vitess's {@code transaction_mode}: MULTI lets a transaction span shards (committed shard by
 * shard); SINGLE refuses a transaction that would touch a second shard.
 */
public enum TransactionMode {
    SINGLE,
    MULTI;

    static TransactionMode parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT).replace("'", "").replace("\"", "")) {
            case "single" -> SINGLE;
            case "multi", "unspecified" -> MULTI;
            case "twopc" -> throw VtException.of(VtCode.UNIMPLEMENTED, SqlState.NOT_SUPPORTED_YET,
                    "VT12001: unsupported: transaction_mode twopc (two-phase commit)");
            default -> throw VtException.of(VtCode.INVALID_ARGUMENT, new SqlState(1231, "42000"),
                    "Variable 'transaction_mode' can't be set to the value of '%s'", value);
        };
    }
}
