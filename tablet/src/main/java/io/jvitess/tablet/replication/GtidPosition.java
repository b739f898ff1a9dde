package io.jvitess.tablet.replication;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * An immutable replication position in Vitess's text form: {@code MariaDB/0-100-12,1-101-3} or
 * {@code MySQL56/uuid:1-5:7,uuid2:1-3}. The empty text is the empty position (nothing applied).
 */
public sealed interface GtidPosition {

    /** The Vitess text form, flavor-prefixed; empty for the empty position. */
    String format();

    /** The GTID set without the flavor prefix, as mysqld prints it. */
    String gtidSet();

    /** True if every transaction in {@code other} is contained in this position. */
    boolean atLeast(GtidPosition other);

    boolean isEmpty();

    GtidPosition EMPTY = new MariaDb(new TreeMap<>());

    static GtidPosition parse(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return EMPTY;
        }
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "parse error: unknown GTID flavor in position %s", text);
        }
        String flavor = trimmed.substring(0, slash);
        String set = trimmed.substring(slash + 1);
        return switch (flavor) {
            case "MariaDB" -> MariaDb.parseSet(set);
            case "MySQL56" -> MySql56.parseSet(set);
            default -> throw VtException.of(VtCode.INVALID_ARGUMENT, "parse error: unknown GTID flavor %s", flavor);
        };
    }

    /** A MariaDB GTID set: per replication domain the last applied (server id, sequence). */
    record MariaDb(SortedMap<Long, long[]> domains) implements GtidPosition {

        public MariaDb {
            TreeMap<Long, long[]> copy = new TreeMap<>();
            domains.forEach((domain, serverAndSequence) -> copy.put(domain, serverAndSequence.clone()));
            domains = Collections.unmodifiableSortedMap(copy);
        }

        public static MariaDb parseSet(String set) {
            TreeMap<Long, long[]> domains = new TreeMap<>();
            if (!set.isBlank()) {
                for (String gtid : set.split(",")) {
                    String[] parts = gtid.trim().split("-");
                    if (parts.length != 3) {
                        throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid MariaDB GTID (%s): expecting Domain-Server-Sequence", gtid);
                    }
                    try {
                        long domain = Long.parseLong(parts[0]);
                        if (domains.containsKey(domain)) {
                            throw VtException.of(VtCode.INVALID_ARGUMENT, "duplicate MariaDB GTID domain %d in %s", domain, set);
                        }
                        domains.put(domain, new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                    } catch (NumberFormatException e) {
                        throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid MariaDB GTID (%s): %s", gtid, e.getMessage());
                    }
                }
            }
            return new MariaDb(domains);
        }

        /** This position with {@code domain} advanced to the given GTID. */
        public MariaDb with(long domain, long serverId, long sequence) {
            TreeMap<Long, long[]> next = new TreeMap<>(domains);
            next.put(domain, new long[] {serverId, sequence});
            return new MariaDb(next);
        }

        @Override
        public String gtidSet() {
            List<String> parts = new ArrayList<>();
            domains.forEach((domain, serverAndSequence) ->
                    parts.add(domain + "-" + serverAndSequence[0] + "-" + serverAndSequence[1]));
            return String.join(",", parts);
        }

        @Override
        public String format() {
            return domains.isEmpty() ? "" : "MariaDB/" + gtidSet();
        }

        @Override
        public boolean atLeast(GtidPosition other) {
            return switch (other) {
                case MariaDb mariaDb -> mariaDb.domains.entrySet().stream().allMatch(entry -> {
                    long[] mine = domains.get(entry.getKey());
                    return mine != null && mine[1] >= entry.getValue()[1];
                });
                case MySql56 mySql -> mySql.isEmpty();
            };
        }

        @Override
        public boolean isEmpty() {
            return domains.isEmpty();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MariaDb mariaDb && format().equals(mariaDb.format());
        }

        @Override
        public int hashCode() {
            return format().hashCode();
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /** A MySQL 5.6+ GTID set: per server uuid a sorted list of disjoint inclusive intervals. */
    record MySql56(SortedMap<String, List<long[]>> intervals) implements GtidPosition {

        public MySql56 {
            TreeMap<String, List<long[]>> copy = new TreeMap<>();
            intervals.forEach((uuid, ranges) -> copy.put(uuid, normalize(ranges)));
            intervals = Collections.unmodifiableSortedMap(copy);
        }

        private static List<long[]> normalize(List<long[]> ranges) {
            List<long[]> sorted = new ArrayList<>();
            ranges.forEach(range -> sorted.add(range.clone()));
            sorted.sort((left, right) -> Long.compare(left[0], right[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] range : sorted) {
                long[] last = merged.isEmpty() ? null : merged.getLast();
                if (last != null && range[0] <= last[1] + 1) {
                    last[1] = Math.max(last[1], range[1]);
                } else {
                    merged.add(range);
                }
            }
            return List.copyOf(merged);
        }

        public static MySql56 parseSet(String set) {
            TreeMap<String, List<long[]>> intervals = new TreeMap<>();
            if (!set.isBlank()) {
                for (String part : set.split(",")) {
                    String[] pieces = part.trim().split(":");
                    if (pieces.length < 2) {
                        throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid MySQL 5.6 GTID set (%s): expecting UUID:interval", part);
                    }
                    String uuid = pieces[0].toLowerCase();
                    List<long[]> ranges = new ArrayList<>(intervals.getOrDefault(uuid, List.of()));
                    for (int index = 1; index < pieces.length; index++) {
                        String[] bounds = pieces[index].split("-");
                        try {
                            long start = Long.parseLong(bounds[0]);
                            long end = bounds.length > 1 ? Long.parseLong(bounds[1]) : start;
                            if (bounds.length > 2 || end < start) {
                                throw new NumberFormatException("bad interval " + pieces[index]);
                            }
                            ranges.add(new long[] {start, end});
                        } catch (NumberFormatException e) {
                            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid MySQL 5.6 GTID interval (%s): %s", pieces[index], e.getMessage());
                        }
                    }
                    intervals.put(uuid, ranges);
                }
            }
            return new MySql56(intervals);
        }

        /** This position plus one transaction. */
        public MySql56 with(String uuid, long transactionId) {
            TreeMap<String, List<long[]>> next = new TreeMap<>(intervals);
            List<long[]> ranges = new ArrayList<>(next.getOrDefault(uuid.toLowerCase(), List.of()));
            ranges.add(new long[] {transactionId, transactionId});
            next.put(uuid.toLowerCase(), ranges);
            return new MySql56(next);
        }

        @Override
        public String gtidSet() {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, List<long[]>> entry : intervals.entrySet()) {
                StringBuilder text = new StringBuilder(entry.getKey());
                for (long[] range : entry.getValue()) {
                    text.append(':').append(range[0]);
                    if (range[1] != range[0]) {
                        text.append('-').append(range[1]);
                    }
                }
                parts.add(text.toString());
            }
            return String.join(",", parts);
        }

        @Override
        public String format() {
            return intervals.isEmpty() ? "" : "MySQL56/" + gtidSet();
        }

        @Override
        public boolean atLeast(GtidPosition other) {
            return switch (other) {
                case MySql56 mySql -> mySql.intervals.entrySet().stream().allMatch(entry ->
                        entry.getValue().stream().allMatch(range -> covers(intervals.get(entry.getKey()), range)));
                case MariaDb mariaDb -> mariaDb.isEmpty();
            };
        }

        private static boolean covers(List<long[]> ranges, long[] wanted) {
            return ranges != null && ranges.stream().anyMatch(range -> range[0] <= wanted[0] && wanted[1] <= range[1]);
        }

        @Override
        public boolean isEmpty() {
            return intervals.isEmpty();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MySql56 mySql && format().equals(mySql.format());
        }

        @Override
        public int hashCode() {
            return format().hashCode();
        }

        @Override
        public String toString() {
            return format();
        }
    }
}
