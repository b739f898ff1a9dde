package io.jvitess.vindexes;

import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.QueryResult;

import java.util.Map;

/** TEMPORARY STUB of the jvitess-vindexes API (delete when the module is installed). */
public interface LookupContext {
    enum CommitOrder { NORMAL, PRE, POST, AUTOCOMMIT }

    QueryResult execute(String sql, Map<String, BindVariable> bindVariables, CommitOrder order);
}
