package io.jvitess.tablet.vstreamer;

import io.jvitess.common.sqltypes.SqlValue;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Binds a SQL value to a JDBC parameter: integers as numbers, everything else as its raw bytes. */
public final class SqlBinding {

    private SqlBinding() {
    }

    public static void bind(PreparedStatement statement, int parameter, SqlValue value) throws SQLException {
        switch (value.type()) {
            case NULL_TYPE -> statement.setNull(parameter, Types.NULL);
            case INT8, INT16, INT24, INT32, INT64 -> statement.setLong(parameter, value.toLong());
            case UINT8, UINT16, UINT24, UINT32, UINT64 -> statement.setBigDecimal(parameter, new BigDecimal(value.text()));
            default -> statement.setBytes(parameter, value.raw());
        }
    }
}
