package io.jvitess.sql.parser;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;

import java.util.Optional;

/** Identifier handling shared by the readers: Druid keeps names as written, quotes included. */
final class Names {

    private Names() {
    }

    /** {@code `a``b`} -> {@code a`b}; also strips double and single quotes (aliases may be strings). */
    static String unquote(String name) {
        if (name.length() >= 2) {
            char quote = name.charAt(0);
            if ((quote == '`' || quote == '"' || quote == '\'') && name.charAt(name.length() - 1) == quote) {
                String doubled = String.valueOf(quote) + quote;
                return name.substring(1, name.length() - 1).replace(doubled, String.valueOf(quote));
            }
        }
        return name;
    }

    /** The table an expression names: {@code t} or {@code q.t}; empty for anything else (variables, functions). */
    static Optional<TableName> tableName(SQLExpr expr) {
        if (expr instanceof SQLIdentifierExpr identifier) {
            return Optional.of(TableName.of(unquote(identifier.getName())));
        }
        if (expr instanceof SQLPropertyExpr property && property.getOwner() instanceof SQLIdentifierExpr owner) {
            return Optional.of(TableName.of(unquote(owner.getName()), unquote(property.getName())));
        }
        return Optional.empty();
    }
}
