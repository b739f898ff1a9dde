package io.jvitess.tablet.vreplication;


import io.jvitess.tablet.vstreamer.FilterRule;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The subset of Vitess's {@code binlogdata.BinlogSource} a stream needs, stored in
 * {@code _vt.vreplication.source} as prototext:
 * {@code keyspace:"commerce" shard:"0" filter:{rules:{match:"customer" filter:"select * from customer"}}}.
 */
public record BinlogSource(String keyspace, String shard, List<FilterRule> rules, boolean stopAfterCopy) {

    public BinlogSource {
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(shard, "shard is null");
        rules = List.copyOf(requireNonNull(rules, "rules is null"));
    }

    public String toPrototext() {
        StringBuilder text = new StringBuilder();
        text.append("keyspace:").append(quote(keyspace)).append(" shard:").append(quote(shard));
        text.append(" filter:{");
        for (int index = 0; index < rules.size(); index++) {
            FilterRule rule = rules.get(index);
            text.append(index == 0 ? "" : " ").append("rules:{match:").append(quote(rule.match()));
            if (!rule.filter().isEmpty()) {
                text.append(" filter:").append(quote(rule.filter()));
            }
            text.append('}');
        }
        text.append('}');
        if (stopAfterCopy) {
            text.append(" stop_after_copy:true");
        }
        return text.toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    /** Parses the prototext; unknown fields are skipped so sources written by Vitess still load. */
    public static BinlogSource parse(String prototext) {
        PrototextReader parser = new PrototextReader(requireNonNull(prototext, "prototext is null"));
        String keyspace = "";
        String shard = "";
        boolean stopAfterCopy = false;
        List<FilterRule> rules = new ArrayList<>();
        while (!parser.atEnd()) {
            String field = parser.fieldName();
            switch (field) {
                case "keyspace" -> keyspace = parser.scalar();
                case "shard" -> shard = parser.scalar();
                case "stop_after_copy" -> stopAfterCopy = Boolean.parseBoolean(parser.scalar());
                case "filter" -> {
                    parser.open();
                    while (!parser.closeIfNext()) {
                        if (parser.fieldName().equals("rules")) {
                            rules.add(parseRule(parser));
                        } else {
                            parser.skipValue();
                        }
                    }
                }
                default -> parser.skipValue();
            }
        }
        return new BinlogSource(keyspace, shard, rules, stopAfterCopy);
    }

    private static FilterRule parseRule(PrototextReader parser) {
        parser.open();
        String match = "";
        String filter = "";
        while (!parser.closeIfNext()) {
            switch (parser.fieldName()) {
                case "match" -> match = parser.scalar();
                case "filter" -> filter = parser.scalar();
                default -> parser.skipValue();
            }
        }
        return new FilterRule(match, filter);
    }
}
