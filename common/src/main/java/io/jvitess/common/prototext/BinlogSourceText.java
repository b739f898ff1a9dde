package io.jvitess.common.prototext;

import io.jvitess.proto.binlogdata.BinlogSource;
import io.jvitess.proto.binlogdata.Filter;
import io.jvitess.proto.binlogdata.OnDDLAction;
import io.jvitess.proto.binlogdata.Rule;
import io.jvitess.proto.topodata.TabletType;

import static java.util.Objects.requireNonNull;

/**
 * The prototext form of a {@code BinlogSource} as stored in {@code _vt.vreplication.source}, written compactly the way
 * Vitess writes it: {@code keyspace:"commerce" shard:"0" filter:{rules:{match:"customer" filter:"select * from customer"}}}.
 * vtctld writes it when it creates streams and the tablet reads it when it runs them; unknown fields are skipped so
 * sources written by Vitess still load.
 */
public final class BinlogSourceText {

    private BinlogSourceText() {
    }

    public static String format(BinlogSource source) {
        requireNonNull(source, "source is null");
        StringBuilder text = new StringBuilder();
        text.append("keyspace:").append(quote(source.getKeyspace())).append(" shard:").append(quote(source.getShard()));
        if (source.getTabletType() != TabletType.UNKNOWN) {
            text.append(" tablet_type:").append(source.getTabletType().name());
        }
        for (String table : source.getTablesList()) {
            text.append(" tables:").append(quote(table));
        }
        if (source.hasFilter()) {
            text.append(" filter:{");
            for (int index = 0; index < source.getFilter().getRulesCount(); index++) {
                Rule rule = source.getFilter().getRules(index);
                text.append(index == 0 ? "" : " ").append("rules:{match:").append(quote(rule.getMatch()));
                if (!rule.getFilter().isEmpty()) {
                    text.append(" filter:").append(quote(rule.getFilter()));
                }
                text.append('}');
            }
            text.append('}');
        }
        if (source.getOnDdl() != OnDDLAction.IGNORE) {
            text.append(" on_ddl:").append(source.getOnDdl().name());
        }
        if (source.getStopAfterCopy()) {
            text.append(" stop_after_copy:true");
        }
        return text.toString();
    }

    public static BinlogSource parse(String prototext) {
        PrototextReader reader = new PrototextReader(requireNonNull(prototext, "prototext is null"));
        BinlogSource.Builder source = BinlogSource.newBuilder();
        while (!reader.atEnd()) {
            switch (reader.fieldName()) {
                case "keyspace" -> source.setKeyspace(reader.scalar());
                case "shard" -> source.setShard(reader.scalar());
                case "tablet_type" -> source.setTabletType(enumValue(TabletType.class, reader.scalar(), TabletType.UNKNOWN));
                case "tables" -> source.addTables(reader.scalar());
                case "on_ddl" -> source.setOnDdl(enumValue(OnDDLAction.class, reader.scalar(), OnDDLAction.IGNORE));
                case "stop_after_copy" -> source.setStopAfterCopy(Boolean.parseBoolean(reader.scalar()));
                case "filter" -> source.setFilter(parseFilter(reader));
                default -> reader.skipValue();
            }
        }
        return source.build();
    }

    private static Filter parseFilter(PrototextReader reader) {
        Filter.Builder filter = Filter.newBuilder();
        reader.open();
        while (!reader.closeIfNext()) {
            if (reader.fieldName().equals("rules")) {
                filter.addRules(parseRule(reader));
            } else {
                reader.skipValue();
            }
        }
        return filter.build();
    }

    private static Rule parseRule(PrototextReader reader) {
        Rule.Builder rule = Rule.newBuilder();
        reader.open();
        while (!reader.closeIfNext()) {
            switch (reader.fieldName()) {
                case "match" -> rule.setMatch(reader.scalar());
                case "filter" -> rule.setFilter(reader.scalar());
                default -> reader.skipValue();
            }
        }
        return rule.build();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, E fallback) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
