package io.jvitess.tablet.tabletcontrol;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * The tables this tablet refuses queries on (a shard's {@code TabletControl.denied_tables} for the
 * tablet's type), as Vitess's "enforce denied tables" query rule: MoveTables SwitchTraffic sets
 * them on the source so that no write lands there after the cutover. Entries are exact names
 * (compared ignoring case) or {@code /regex/} (found anywhere in the name, like Go's MatchString).
 */
public final class DeniedTables {

    /** The text vtgate recognizes to re-plan a statement after a traffic switch. */
    public static final String RULE_MESSAGE = "disallowed due to rule: enforce denied tables";

    public static final DeniedTables NONE = new DeniedTables(List.of(), List.of());

    private final List<String> entries;
    private final List<Predicate<String>> matchers;

    private DeniedTables(List<String> entries, List<Predicate<String>> matchers) {
        this.entries = entries;
        this.matchers = matchers;
    }

    /** An invalid {@code /regex/} is taken as an exact name, so a typo cannot deny every table. */
    public static DeniedTables of(List<String> entries) {
        requireNonNull(entries, "entries is null");
        if (entries.isEmpty()) {
            return NONE;
        }
        List<Predicate<String>> matchers = new ArrayList<>(entries.size());
        for (String entry : entries) {
            matchers.add(matcher(entry));
        }
        return new DeniedTables(List.copyOf(entries), List.copyOf(matchers));
    }

    private static Predicate<String> matcher(String entry) {
        if (entry.length() > 2 && entry.startsWith("/") && entry.endsWith("/")) {
            try {
                Pattern pattern = Pattern.compile(entry.substring(1, entry.length() - 1));
                return name -> pattern.matcher(name).find();
            } catch (PatternSyntaxException e) {
                // fall through to an exact name
            }
        }
        String lower = entry.toLowerCase(Locale.ROOT);
        return name -> name.toLowerCase(Locale.ROOT).equals(lower);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries as the shard record holds them. */
    public List<String> entries() {
        return entries;
    }

    /**
     * Refuses {@code sql} if it references a denied table; the statement is only parsed when some
     * table is denied.
     *
     * @throws VtException FAILED_PRECONDITION {@value #RULE_MESSAGE}
     */
    public void check(String sql) {
        if (entries.isEmpty()) {
            return;
        }
        Set<String> tables = QueryTables.referencedBy(sql);
        for (String table : tables) {
            for (Predicate<String> matcher : matchers) {
                if (matcher.test(table)) {
                    throw VtException.of(VtCode.FAILED_PRECONDITION, RULE_MESSAGE);
                }
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeniedTables that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
