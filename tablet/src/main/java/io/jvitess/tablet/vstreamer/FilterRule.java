package io.jvitess.tablet.vstreamer;

import static java.util.Objects.requireNonNull;

/** One BinlogSource {@code filter.rules} entry: {@code match} is a table name or a {@code /regex}. */
public record FilterRule(String match, String filter) {
    public FilterRule {
        requireNonNull(match, "match is null");
        requireNonNull(filter, "filter is null");
    }
}
