package io.jvitess.mysql.server;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;

import java.util.List;

/**
 * A statement a session prepared for COM_STMT_PREPARE, executed any number of times until the
 * client closes it. Used from the connection's thread only, like its session.
 */
public interface PreparedQuery {

    /** The number of {@code ?} placeholders; each execution brings that many values. At most 65535. */
    int parameterCount();

    /**
     * The result columns if known at prepare time. Empty is allowed even for a SELECT: clients then
     * take the columns from each execution's result.
     */
    List<Field> columns();

    /**
     * COM_STMT_EXECUTE: runs the statement with one value per placeholder, in order (SQL NULL as
     * {@link SqlValue#NULL}). Fails like {@link MysqlSession#query}: a VtException becomes its ERR packet.
     */
    QueryResult execute(List<SqlValue> parameters);

    /** COM_STMT_CLOSE, COM_RESET_CONNECTION or the end of the connection. Must not throw. */
    default void close() {
    }
}
