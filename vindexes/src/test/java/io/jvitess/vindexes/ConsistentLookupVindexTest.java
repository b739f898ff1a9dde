package io.jvitess.vindexes;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.vindexes.LookupContext.CommitOrder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jvitess.vindexes.FakeLookupContext.result;
import static io.jvitess.vindexes.LookupVindexTest.KSID_A;
import static io.jvitess.vindexes.LookupVindexTest.KSID_B;
import static io.jvitess.vindexes.LookupVindexTest.SELECT;
import static io.jvitess.vindexes.LookupVindexTest.VERIFY;
import static io.jvitess.vindexes.LookupVindexTest.binds;
import static io.jvitess.vindexes.LookupVindexTest.id;
import static io.jvitess.vindexes.LookupVindexTest.ksid;
import static io.jvitess.vindexes.LookupVindexTest.lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsistentLookupVindexTest {

    private static final String INSERT = "insert into t(fromc1, fromc2, toc) values(:fromc1_0, :fromc2_0, :toc_0)";
    private static final String LOCK_LOOKUP = "select toc from t where fromc1 = :fromc1 and fromc2 = :fromc2 for update";
    private static final String INSERT_ONE = "insert into t(fromc1, fromc2, toc) values(:fromc1, :fromc2, :toc)";
    private static final String UPDATE = "update t set toc=:toc where fromc1 = :fromc1 and fromc2 = :fromc2";
    private static final String DELETE = "delete from t where fromc1 = :fromc1 and fromc2 = :fromc2 and toc = :toc";
    private static final VtException DUPLICATE = VtException.of(VtCode.ALREADY_EXISTS, new SqlState(1062, "23000"),
            "Duplicate entry '1-2' for key 'PRIMARY' (errno 1062) (sqlstate 23000)");

    /** The insert's own error, wrapped as Vitess wraps it, still carrying MySQL's errno. */
    private static void isTheOriginalDuplicate(Throwable failure) {
        assertThat(failure).isInstanceOf(VtException.class).hasMessage("lookup.Create: " + DUPLICATE.getMessage());
        assertThat(((VtException) failure).errno()).isEqualTo(1062);
    }

    private static LookupVindex owned(String type) {
        LookupVindex vindex = lookup(type);
        ((OwnedVindex) vindex).setOwnerInfo("user", "user", List.of("id", "name"));
        return vindex;
    }

    @Test
    void mapsAndVerifiesInThePreTransaction() {
        FakeLookupContext context = new FakeLookupContext()
                .answer(SELECT, result(List.of(id(1), ksid(KSID_A)), List.of(id(1), ksid(KSID_B))))
                .answer(SELECT, result(List.of(id(1), ksid(KSID_A))))
                .answer(VERIFY, result(List.of(id(1))));
        assertThat(owned("consistent_lookup").map(context, List.of(id(1)))).map(Destination::describe)
                .containsExactly("DestinationKeyspaceIDs(166b40b44aba4bd6,06e7ea22ce92708f)");
        assertThat(owned("consistent_lookup_unique").map(context, List.of(id(1), id(2)))).map(VindexTesting::text)
                .containsExactly("166b40b44aba4bd6", "none");
        assertThat(owned("consistent_lookup_unique").verify(context, List.of(id(1)), List.of(KSID_A))).containsExactly(true);
        assertThat(context.calls).map(FakeLookupContext.Call::order).containsOnly(CommitOrder.PRE);
        assertThat(context.statements()).containsExactly(SELECT, SELECT, VERIFY);
    }

    @Test
    void createWritesInThePreTransaction() {
        FakeLookupContext context = new FakeLookupContext();
        owned("consistent_lookup").create(context, List.of(List.of(id(1), id(2))), List.of(KSID_A), false);
        assertThat(context.calls).singleElement().satisfies(call -> {
            assertThat(call.sql()).isEqualTo(INSERT);
            assertThat(call.order()).isEqualTo(CommitOrder.PRE);
        });
    }

    @Test
    void duplicateWithoutALookupRowInsertsIt() {
        FakeLookupContext context = new FakeLookupContext().fail(INSERT, DUPLICATE);
        owned("consistent_lookup_unique").create(context, List.of(List.of(id(1), id(2))), List.of(KSID_A), false);
        assertThat(context.statements()).containsExactly(INSERT, LOCK_LOOKUP, INSERT_ONE);
        assertThat(binds(context.calls.get(1))).isEqualTo("fromc1=INT64(1) fromc2=INT64(2) toc=VARBINARY(166b40b44aba4bd6)");
        assertThat(context.calls).map(FakeLookupContext.Call::order).containsOnly(CommitOrder.PRE);
        assertThat(context.ownerChecks).isEmpty();
    }

    @Test
    void duplicateWhoseOwnerRowExistsFails() {
        FakeLookupContext context = new FakeLookupContext().fail(INSERT, DUPLICATE)
                .answer(LOCK_LOOKUP, result(List.of(ksid(KSID_B)))).ownerRowExists(true);
        assertThatThrownBy(() -> owned("consistent_lookup_unique").create(context, List.of(List.of(id(1), id(2))), List.of(KSID_A), false))
                .satisfies(ConsistentLookupVindexTest::isTheOriginalDuplicate);
        assertThat(context.statements()).containsExactly(INSERT, LOCK_LOOKUP);
        assertThat(context.ownerChecks).singleElement().satisfies(check -> {
            assertThat(check.keyspaceId()).isEqualTo(KSID_B);
            assertThat(check.table()).isEqualTo("user");
            assertThat(check.columns()).containsExactly("id", "name");
            assertThat(check.values()).containsExactly(id(1), id(2));
        });
    }

    @Test
    void duplicateLeftByAFailedTransactionIsRepointed() {
        FakeLookupContext context = new FakeLookupContext().fail(INSERT, DUPLICATE)
                .answer(LOCK_LOOKUP, result(List.of(ksid(KSID_B)))).ownerRowExists(false);
        owned("consistent_lookup").create(context, List.of(List.of(id(1), id(2))), List.of(KSID_A), false);
        assertThat(context.statements()).containsExactly(INSERT, LOCK_LOOKUP, UPDATE);
        assertThat(binds(context.calls.get(2))).isEqualTo("fromc1=INT64(1) fromc2=INT64(2) toc=VARBINARY(166b40b44aba4bd6)");
    }

    @Test
    void duplicatePointingAtTheSameKeyspaceIdIsKept() {
        FakeLookupContext context = new FakeLookupContext().fail(INSERT, DUPLICATE)
                .answer(LOCK_LOOKUP, result(List.of(ksid(KSID_A))));
        owned("consistent_lookup").create(context, List.of(List.of(id(1), id(2))), List.of(KSID_A), false);
        assertThat(context.statements()).containsExactly(INSERT, LOCK_LOOKUP);
    }

    @Test
    void duplicateCannotBeReclaimedWithoutOwnerInfo() {
        FakeLookupContext context = new FakeLookupContext().fail(INSERT, DUPLICATE)
                .answer(LOCK_LOOKUP, result(List.of(ksid(KSID_B))));
        assertThatThrownBy(() -> lookup("consistent_lookup").create(context, List.of(List.of(id(1), id(2))), List.of(KSID_A), false))
                .satisfies(ConsistentLookupVindexTest::isTheOriginalDuplicate);
        assertThat(context.ownerChecks).isEmpty();
    }

    @Test
    void otherCreateFailuresPassThrough() {
        VtException other = VtException.of(VtCode.UNAVAILABLE, "no healthy tablet");
        FakeLookupContext context = new FakeLookupContext().fail(INSERT, other);
        assertThatThrownBy(() -> owned("consistent_lookup").create(context, List.of(List.of(id(1), id(2))), List.of(KSID_A), false))
                .hasMessage("lookup.Create: no healthy tablet");
        assertThat(context.statements()).containsExactly(INSERT);
    }

    @Test
    void deletesInThePostTransaction() {
        FakeLookupContext context = new FakeLookupContext();
        owned("consistent_lookup").delete(context, List.of(List.of(id(1), id(2))), KSID_A);
        assertThat(context.calls).singleElement().satisfies(call -> {
            assertThat(call.sql()).isEqualTo(DELETE);
            assertThat(call.order()).isEqualTo(CommitOrder.POST);
        });
    }

    @Test
    void updateSkipsUnchangedValues() {
        FakeLookupContext context = new FakeLookupContext();
        LookupVindex vindex = owned("consistent_lookup_unique");
        vindex.update(context, List.of(id(1), SqlValue.ofString("a")), KSID_A, List.of(SqlValue.of(io.jvitess.proto.query.Type.DECIMAL, "1.0"), SqlValue.ofString("a")));
        assertThat(context.calls).isEmpty();
        vindex.update(context, List.of(id(1), SqlValue.ofString("a")), KSID_A, List.of(id(1), SqlValue.ofString("b")));
        assertThat(context.calls).map(call -> call.sql() + " " + call.order()).containsExactly(DELETE + " POST", INSERT + " PRE");
    }

    @Test
    void describesItselfAndValidatesOwnerInfo() {
        LookupVindex vindex = lookup("consistent_lookup", "autocommit", "true");
        assertThat(vindex.autocommit()).isFalse();
        assertThat(vindex.unknownParams()).containsExactly("autocommit");
        assertThat(vindex.cost()).isEqualTo(20);
        assertThat(lookup("consistent_lookup_unique").cost()).isEqualTo(10);
        assertThat(vindex).isInstanceOf(OwnedVindex.class);
        assertThatThrownBy(() -> ((OwnedVindex) vindex).setOwnerInfo("user", "user", List.of("id")))
                .hasMessage("owner table column count does not match vindex consistent_lookup_vindex");
    }
}
