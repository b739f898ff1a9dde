package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryExpr;
import com.alibaba.druid.sql.ast.expr.SQLBooleanExpr;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLHexExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLNCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumberExpr;
import com.alibaba.druid.sql.dialect.mysql.ast.expr.MySqlCharExpr;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.math.BigInteger;
import java.util.Optional;

/** Druid literal nodes as typed SQL values (Vitess's literal types: INT64, UINT64, DECIMAL, FLOAT64, VARCHAR, ...). */
final class Literals {

    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private Literals() {
    }

    static Optional<SqlValue> value(SQLExpr expr) {
        return switch (expr) {
            case SQLIntegerExpr integer -> Optional.of(integer(new BigInteger(integer.getNumber().toString())));
            case SQLNumberExpr number -> {
                String text = SqlPrinter.print(number);
                yield Optional.of(SqlValue.of(text.contains("e") || text.contains("E") ? Type.FLOAT64 : Type.DECIMAL, text));
            }
            case MySqlCharExpr text -> Optional.of(SqlValue.ofString(text.getText()));
            case SQLNCharExpr text -> Optional.of(SqlValue.ofString(text.getText()));
            case SQLCharExpr text -> Optional.of(SqlValue.ofString(text.getText()));
            case SQLNullExpr ignored -> Optional.of(SqlValue.NULL);
            case SQLBooleanExpr bool -> Optional.of(SqlValue.ofLong(bool.getBooleanValue() ? 1 : 0));
            case SQLHexExpr hex -> Optional.of(SqlValue.of(Type.HEXNUM, SqlPrinter.print(hex)));
            case SQLBinaryExpr bits -> Optional.of(SqlValue.of(Type.BITNUM, SqlPrinter.print(bits)));
            default -> Optional.empty();
        };
    }

    /** True for the literals the normalizer turns into bind variables. */
    static boolean isNormalizable(SQLExpr expr) {
        return expr instanceof SQLIntegerExpr || expr instanceof SQLNumberExpr || expr instanceof SQLCharExpr;
    }

    private static SqlValue integer(BigInteger value) {
        if (value.compareTo(INT64_MIN) >= 0 && value.compareTo(INT64_MAX) <= 0) {
            return SqlValue.of(Type.INT64, value.toString());
        }
        if (value.signum() > 0 && value.bitLength() <= 64) {
            return SqlValue.of(Type.UINT64, value.toString());
        }
        return SqlValue.of(Type.DECIMAL, value.toString());
    }
}
