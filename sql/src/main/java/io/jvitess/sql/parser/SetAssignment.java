package io.jvitess.sql.parser;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One assignment of a SET statement.
 * <ul>
 *   <li>{@code scope}: "session" (also for LOCAL and unscoped system variables), "global", "user"
 *       ({@code @x}), "names" ({@code SET NAMES}: name "names"; {@code SET CHARACTER SET}: name "charset"),
 *       or "transaction" ({@code SET TRANSACTION ...} without scope, which affects only the next transaction).
 *       {@code SET SESSION|GLOBAL TRANSACTION ...} has scope "session" or "global".</li>
 *   <li>{@code name}: lower-case, without {@code @}/{@code @@} or scope prefix. SET TRANSACTION yields
 *       {@code transaction_isolation} and {@code transaction_read_only}, as the variables MySQL sets.</li>
 *   <li>{@code valueText}: the value as written, e.g. {@code 'A,B'} or {@code utf8mb4 collate utf8mb4_bin}.</li>
 *   <li>{@code literalValue}: the value when it is a literal: strings unquoted, numbers as written,
 *       TRUE/FALSE as 1/0, a bare word assigned to a system variable (ON, utf8mb4) as written, the
 *       character set for SET NAMES, {@code READ-COMMITTED} style for isolation levels. Empty for NULL,
 *       DEFAULT and expressions.</li>
 * </ul>
 */
public record SetAssignment(String scope, String name, String valueText, Optional<String> literalValue) {

    public SetAssignment {
        requireNonNull(scope, "scope is null");
        requireNonNull(name, "name is null");
        requireNonNull(valueText, "valueText is null");
        requireNonNull(literalValue, "literalValue is null");
    }
}
