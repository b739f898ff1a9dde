package io.jvitess.vindexes;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.Type;
import io.jvitess.vindexes.LookupContext.CommitOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.jvitess.vindexes.FakeLookupContext.result;
import static io.jvitess.vindexes.VindexTesting.HEX;
import static io.jvitess.vindexes.VindexTesting.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LookupVindexTest {

    static final String SELECT = "select fromc1, toc from t where fromc1 in ::fromc1";
    static final String VERIFY = "select fromc1 from t where fromc1 = :fromc1 and toc = :toc";
    static final byte[] KSID_A = HEX.parseHex("166b40b44aba4bd6");
    static final byte[] KSID_B = HEX.parseHex("06e7ea22ce92708f");

    static LookupVindex lookup(String type, String... extraParams) {
        Map<String, String> params = new HashMap<>(Map.of("table", "t", "from", "fromc1, fromc2", "to", "toc"));
        for (int index = 0; index < extraParams.length; index += 2) {
            params.put(extraParams[index], extraParams[index + 1]);
        }
        return (LookupVindex) VindexRegistry.standard().create(type, type + "_vindex", params);
    }

    static SqlValue id(long number) {
        return SqlValue.ofLong(number);
    }

    static SqlValue ksid(byte[] keyspaceId) {
        return new SqlValue(Type.VARBINARY, keyspaceId);
    }

    /** Bind variables as sorted {@code name=TYPE(value)} text; tuples as {@code [..]}. */
    static String binds(FakeLookupContext.Call call) {
        return new TreeMap<>(call.bindVariables()).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + bind(entry.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String bind(BindVariable variable) {
        if (variable.getType() == Type.TUPLE) {
            return variable.getValuesList().stream()
                    .map(value -> GoText.describe(new SqlValue(value.getType(), value.getValue().toByteArray())))
                    .collect(Collectors.joining(" ", "[", "]"));
        }
        SqlValue value = SqlValue.fromBindVariable(variable);
        return value.type() == Type.VARBINARY ? "VARBINARY(" + HEX.formatHex(value.raw()) + ")" : GoText.describe(value);
    }

    @Test
    void nonUniqueMapBatchesIntegralIds() {
        FakeLookupContext context = new FakeLookupContext()
                .answer(SELECT, result(List.of(id(1), ksid(KSID_A)), List.of(id(1), ksid(KSID_B)), List.of(id(3), ksid(KSID_A))));
        List<Destination> destinations = lookup("lookup").map(context, List.of(id(1), id(2), id(3)));

        assertThat(destinations).map(Destination::describe).containsExactly(
                "DestinationKeyspaceIDs(166b40b44aba4bd6,06e7ea22ce92708f)", "DestinationNone()", "DestinationKeyspaceIDs(166b40b44aba4bd6)");
        assertThat(context.calls).singleElement().satisfies(call -> {
            assertThat(call.sql()).isEqualTo(SELECT);
            assertThat(binds(call)).isEqualTo("fromc1=[INT64(1) INT64(2) INT64(3)]");
            assertThat(call.order()).isEqualTo(CommitOrder.NORMAL);
        });
    }

    @Test
    void nonIntegralIdsAreLookedUpOneAtATimeUnlessBatched() {
        FakeLookupContext context = new FakeLookupContext().answer(SELECT, result(List.of(SqlValue.ofString("a"), ksid(KSID_A))));
        List<Destination> destinations = lookup("lookup").map(context, List.of(SqlValue.ofString("a"), SqlValue.ofString("b")));
        assertThat(destinations).map(VindexTesting::text).containsExactly("DestinationKeyspaceIDs(166b40b44aba4bd6)", "none");
        assertThat(context.calls).map(LookupVindexTest::binds).containsExactly("fromc1=[VARCHAR(\"a\")]", "fromc1=[VARCHAR(\"b\")]");

        FakeLookupContext batched = new FakeLookupContext().answer(SELECT, result(List.of(SqlValue.ofString("b"), ksid(KSID_B))));
        List<Destination> batchedDestinations = lookup("lookup", "batch_lookup", "true").map(batched, List.of(SqlValue.ofString("a"), SqlValue.ofString("b")));
        assertThat(batchedDestinations).map(VindexTesting::text).containsExactly("none", "DestinationKeyspaceIDs(06e7ea22ce92708f)");
        assertThat(batched.calls).map(LookupVindexTest::binds).containsExactly("fromc1=[VARCHAR(\"a\") VARCHAR(\"b\")]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|true|select fromc1, toc from t where fromc1 in ::fromc1 for update",
            "exclusive|true|select fromc1, toc from t where fromc1 in ::fromc1 for update",
            "shared|true|select fromc1, toc from t where fromc1 in ::fromc1 lock in share mode",
            "none|true|select fromc1, toc from t where fromc1 in ::fromc1",
            "shared|false|select fromc1, toc from t where fromc1 in ::fromc1",
    })
    void mapLocksRowsInsideDmlTransactions(String readLock, boolean inDml, String expectedSql) {
        LookupVindex vindex = readLock.isEmpty() ? lookup("lookup_unique") : lookup("lookup_unique", "read_lock", readLock);
        FakeLookupContext context = new FakeLookupContext().inTransactionWithDml(inDml);
        vindex.map(context, List.of(id(1)));
        assertThat(context.statements()).containsExactly(expectedSql);
    }

    @Test
    void uniqueMapGivesOneKeyspaceIdOrNoneAndRejectsDuplicates() {
        FakeLookupContext context = new FakeLookupContext().answer(SELECT, result(List.of(id(1), ksid(KSID_A))));
        assertThat(lookup("lookup_unique").map(context, List.of(id(1), id(2)))).map(VindexTesting::text)
                .containsExactly("166b40b44aba4bd6", "none");

        FakeLookupContext duplicated = new FakeLookupContext().answer(SELECT, result(List.of(id(1), ksid(KSID_A)), List.of(id(1), ksid(KSID_B))));
        assertThatThrownBy(() -> lookup("lookup_unique").map(duplicated, List.of(id(1))))
                .isInstanceOf(VtException.class).hasMessage("Lookup.Map: unexpected multiple results from vindex t: INT64(1)");
        FakeLookupContext duplicatedText = new FakeLookupContext().answer(SELECT, result(List.of(SqlValue.ofString("a"), ksid(KSID_A)), List.of(SqlValue.ofString("a"), ksid(KSID_B))));
        assertThatThrownBy(() -> lookup("lookup_unique").map(duplicatedText, List.of(SqlValue.ofString("a"))))
                .hasMessage("Lookup.Map: unexpected multiple results from vindex t: VARCHAR(\"a\")");
    }

    @Test
    void autocommitLookupsRunInTheirOwnTransaction() {
        FakeLookupContext context = new FakeLookupContext();
        lookup("lookup", "autocommit", "true").map(context, List.of(id(1)));
        lookup("lookup", "multi_shard_autocommit", "true").verify(context, List.of(id(1)), List.of(KSID_A));
        assertThat(context.calls).map(FakeLookupContext.Call::order).containsExactly(CommitOrder.AUTOCOMMIT, CommitOrder.AUTOCOMMIT);
        assertThat(lookup("lookup", "multi_shard_autocommit", "true").autocommit()).isTrue();
    }

    @Test
    void writeOnlyMapsEverywhereAndVerifiesNothing() {
        FakeLookupContext context = new FakeLookupContext();
        for (String type : List.of("lookup", "lookup_unique", "consistent_lookup", "consistent_lookup_unique")) {
            LookupVindex vindex = lookup(type, "write_only", "true");
            assertThat(vindex.writeOnly()).isTrue();
            assertThat(vindex.map(context, List.of(id(1), id(2)))).map(Destination::describe)
                    .containsExactly("DestinationKeyRange(-)", "DestinationKeyRange(-)");
            assertThat(vindex.verify(context, List.of(id(1)), List.of(KSID_A))).containsExactly(true);
        }
        assertThat(context.calls).isEmpty();
    }

    @Test
    void ignoredNullMapsEverywhereForNonUniqueLookups() {
        FakeLookupContext context = new FakeLookupContext();
        assertThat(lookup("lookup", "ignore_nulls", "true").map(context, List.of(SqlValue.NULL))).map(Destination::describe)
                .containsExactly("DestinationKeyRange(-)");
        assertThat(context.calls).isEmpty();
        lookup("lookup").map(context, List.of(SqlValue.NULL));
        assertThat(context.calls).hasSize(1);
    }

    @Test
    void verifyQueriesEachPair() {
        FakeLookupContext context = new FakeLookupContext().answer(VERIFY, result(List.of(id(1)))).answer(VERIFY, result());
        assertThat(lookup("lookup").verify(context, List.of(id(1), id(2)), List.of(KSID_A, KSID_B))).containsExactly(true, false);
        assertThat(context.statements()).containsExactly(VERIFY, VERIFY);
        assertThat(context.calls).map(LookupVindexTest::binds).containsExactly(
                "fromc1=INT64(1) toc=VARBINARY(166b40b44aba4bd6)", "fromc1=INT64(2) toc=VARBINARY(06e7ea22ce92708f)");

        FakeLookupContext unused = new FakeLookupContext();
        assertThat(lookup("lookup_unique", "no_verify", "true").verify(unused, List.of(id(1)), List.of(KSID_A))).containsExactly(true);
        assertThat(unused.calls).isEmpty();
    }

    @Test
    void createInsertsSortedRows() {
        FakeLookupContext context = new FakeLookupContext();
        lookup("lookup").create(context, List.of(List.of(id(2), SqlValue.ofString("y")), List.of(id(1), SqlValue.ofString("x"))),
                List.of(KSID_B, KSID_A), false);
        assertThat(context.calls).singleElement().satisfies(call -> {
            assertThat(call.sql()).isEqualTo("insert into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0), (:fromc1_1, :fromc2_1, :toc_1)");
            assertThat(binds(call)).isEqualTo("fromc1_0=INT64(1) fromc1_1=INT64(2) fromc2_0=VARCHAR(\"x\") fromc2_1=VARCHAR(\"y\") "
                    + "toc_0=VARBINARY(166b40b44aba4bd6) toc_1=VARBINARY(06e7ea22ce92708f)");
            assertThat(call.order()).isEqualTo(CommitOrder.NORMAL);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lookup|''|true|insert ignore into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0)|NORMAL",
            "lookup|autocommit|false|insert into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0) on duplicate key update fromc1=values(fromc1), fromc2=values(fromc2), toc=values(toc)|AUTOCOMMIT",
            "lookup|multi_shard_autocommit|false|insert /*vt+ MULTI_SHARD_AUTOCOMMIT=1 */ into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0) on duplicate key update fromc1=values(fromc1), fromc2=values(fromc2), toc=values(toc)|AUTOCOMMIT",
            "lookup_unique|autocommit|false|insert into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0)|AUTOCOMMIT",
            "lookup_unique|multi_shard_autocommit|true|insert /*vt+ MULTI_SHARD_AUTOCOMMIT=1 */ ignore into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0)|AUTOCOMMIT",
    })
    void createHonoursIgnoreUpsertAndAutocommit(String type, String flag, boolean ignoreMode, String expectedSql, CommitOrder order) {
        LookupVindex vindex = flag.isEmpty() ? lookup(type) : lookup(type, flag, "true");
        FakeLookupContext context = new FakeLookupContext();
        vindex.create(context, List.of(List.of(id(1), id(2))), List.of(KSID_A), ignoreMode);
        assertThat(context.calls).singleElement().satisfies(call -> {
            assertThat(call.sql()).isEqualTo(expectedSql);
            assertThat(call.order()).isEqualTo(order);
        });
    }

    @Test
    void createRejectsOrSkipsNulls() {
        FakeLookupContext context = new FakeLookupContext();
        assertThatThrownBy(() -> lookup("lookup").create(context, List.of(List.of(id(1), id(2)), List.of(id(1), SqlValue.NULL)), List.of(KSID_A, KSID_B), false))
                .isInstanceOfSatisfying(VtException.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("VT03028: Column 'fromc1,fromc2' cannot be null on row 1, col 1");
                    assertThat(failure.sqlState()).isEqualTo(new SqlState(1048, "23000"));
                });
        assertThat(context.calls).isEmpty();

        LookupVindex ignoring = lookup("lookup", "ignore_nulls", "true");
        ignoring.create(context, List.of(List.of(SqlValue.NULL, id(2))), List.of(KSID_A), false);
        assertThat(context.calls).isEmpty();
        ignoring.create(context, List.of(List.of(id(1), id(2)), List.of(SqlValue.NULL, id(2))), List.of(KSID_A, KSID_B), false);
        assertThat(context.calls).singleElement().satisfies(call ->
                assertThat(call.sql()).isEqualTo("insert into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0)"));
        assertThat(ignoring.ignoreNulls()).isTrue();
    }

    @Test
    void createAndDeleteCheckTheColumnCount() {
        FakeLookupContext context = new FakeLookupContext();
        assertThatThrownBy(() -> lookup("lookup").create(context, List.of(List.of(id(1))), List.of(KSID_A), false))
                .hasMessage("lookup.Create: column vindex count does not match the columns in the lookup: 1 vs [fromc1 fromc2]");
        assertThatThrownBy(() -> lookup("lookup").delete(context, List.of(List.of(id(1))), KSID_A))
                .hasMessage("lookup.Delete: column vindex count does not match the columns in the lookup: 1 vs [fromc1 fromc2]");
    }

    @Test
    void deleteRemovesEachRowUnlessAutocommit() {
        FakeLookupContext context = new FakeLookupContext();
        lookup("lookup").delete(context, List.of(List.of(id(1), id(2)), List.of(id(3), id(4))), KSID_A);
        assertThat(context.statements()).containsOnly("delete from t where fromc1 = :fromc1 and fromc2 = :fromc2 and toc = :toc").hasSize(2);
        assertThat(binds(context.calls.getFirst())).isEqualTo("fromc1=INT64(1) fromc2=INT64(2) toc=VARBINARY(166b40b44aba4bd6)");

        FakeLookupContext autocommit = new FakeLookupContext();
        lookup("lookup", "autocommit", "true").delete(autocommit, List.of(List.of(id(1), id(2))), KSID_A);
        assertThat(autocommit.calls).isEmpty();
    }

    @Test
    void updateDeletesThenInserts() {
        FakeLookupContext context = new FakeLookupContext();
        lookup("lookup_unique").update(context, List.of(id(1), id(2)), KSID_A, List.of(id(5), id(6)));
        assertThat(context.statements()).containsExactly(
                "delete from t where fromc1 = :fromc1 and fromc2 = :fromc2 and toc = :toc",
                "insert into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0)");
        assertThat(binds(context.calls.get(1))).isEqualTo("fromc1_0=INT64(5) fromc2_0=INT64(6) toc_0=VARBINARY(166b40b44aba4bd6)");
    }

    @Test
    void wrapsLookupFailures() {
        VtException failure = VtException.of(VtCode.UNAVAILABLE, "no healthy tablet");
        assertThatThrownBy(() -> lookup("lookup").map(new FakeLookupContext().fail(SELECT, failure), List.of(id(1))))
                .hasMessage("lookup.Map: no healthy tablet");
        assertThatThrownBy(() -> lookup("lookup").verify(new FakeLookupContext().fail(VERIFY, failure), List.of(id(1)), List.of(KSID_A)))
                .hasMessage("lookup.Verify: no healthy tablet");
        assertThatThrownBy(() -> lookup("lookup").create(new FakeLookupContext().fail(
                "insert into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0)", failure), List.of(List.of(id(1), id(2))), List.of(KSID_A), false))
                .isInstanceOfSatisfying(VtException.class, wrapped -> assertThat(wrapped.code()).isEqualTo(VtCode.UNAVAILABLE))
                .hasMessage("lookup.Create: no healthy tablet");
        assertThatThrownBy(() -> lookup("lookup").map(null, List.of(id(1))))
                .hasMessage("VT13001: [BUG] cannot perform lookup: no vcursor provided");
    }

    @Test
    void describesItself() {
        LookupVindex nonUnique = lookup("lookup", "autocommit", "false", "mystery", "1", "cost", "3");
        assertThat(nonUnique.name()).isEqualTo("lookup_vindex");
        assertThat(nonUnique.type()).isEqualTo("lookup");
        assertThat(nonUnique.table()).isEqualTo("t");
        assertThat(nonUnique.fromColumns()).containsExactly("fromc1", "fromc2");
        assertThat(nonUnique.toColumn()).isEqualTo("toc");
        assertThat(nonUnique.cost()).isEqualTo(20);
        assertThat(nonUnique.isUnique()).isFalse();
        assertThat(nonUnique.needsLookup()).isTrue();
        assertThat(nonUnique.autocommit()).isFalse();
        assertThat(nonUnique.unknownParams()).containsExactly("cost", "mystery");
        LookupVindex unique = lookup("lookup_unique");
        assertThat(unique.cost()).isEqualTo(10);
        assertThat(unique.isUnique()).isTrue();
        assertThat(unique.unknownParams()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "write_only|yes|write_only value must be 'true' or 'false': 'yes'",
            "autocommit|1|autocommit value must be 'true' or 'false': '1'",
            "multi_shard_autocommit|TRUE|multi_shard_autocommit value must be 'true' or 'false': 'TRUE'",
            "ignore_nulls|x|ignore_nulls value must be 'true' or 'false': 'x'",
            "batch_lookup|x|batch_lookup value must be 'true' or 'false': 'x'",
            "no_verify|x|no_verify value must be 'true' or 'false': 'x'",
            "read_lock|always|invalid read_lock value: always",
    })
    void rejectsBadParams(String param, String value, String message) {
        assertThatThrownBy(() -> lookup("lookup", param, value)).isInstanceOf(VtException.class).hasMessage(message);
    }
}
