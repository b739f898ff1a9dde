package io.jvitess.tablet.vreplication;


import io.jvitess.common.prototext.BinlogSourceText;
import io.jvitess.proto.binlogdata.Rule;
import io.jvitess.tablet.vstreamer.FilterRule;

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
        io.jvitess.proto.binlogdata.Filter.Builder filter = io.jvitess.proto.binlogdata.Filter.newBuilder();
        rules.forEach(rule -> filter.addRules(Rule.newBuilder().setMatch(rule.match()).setFilter(rule.filter())));
        return BinlogSourceText.format(io.jvitess.proto.binlogdata.BinlogSource.newBuilder()
                .setKeyspace(keyspace)
                .setShard(shard)
                .setFilter(filter)
                .setStopAfterCopy(stopAfterCopy)
                .build());
    }

    /** Parses the prototext; unknown fields are skipped so sources written by Vitess still load. */
    public static BinlogSource parse(String prototext) {
        io.jvitess.proto.binlogdata.BinlogSource source = BinlogSourceText.parse(prototext);
        List<FilterRule> rules = source.getFilter().getRulesList().stream()
                .map(rule -> new FilterRule(rule.getMatch(), rule.getFilter()))
                .toList();
        return new BinlogSource(source.getKeyspace(), source.getShard(), rules, source.getStopAfterCopy());
    }
}
