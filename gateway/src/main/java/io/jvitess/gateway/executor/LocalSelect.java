package io.jvitess.gateway.executor;

import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Type;
import io.jvitess.sql.parser.ExpressionKind;
import io.jvitess.sql.parser.SelectExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers SELECTs without FROM that only ask vtgate's own facts (version, selected database,
 * connection id, last insert id, literals), as Vitess does; anything else goes to a tablet.
 */
final class LocalSelect {

    private record Value(Type type, String text) {
    }

    private final String serverVersion;

    LocalSelect(String serverVersion) {
        this.serverVersion = serverVersion;
    }

    Optional<QueryResult> evaluate(Session session, List<SelectExpression> expressions) {
        List<Value> values = new ArrayList<>();
        for (SelectExpression expression : expressions) {
            Optional<Value> value = value(session, expression);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value.get());
        }
        Results results = new Results();
        Object[] row = new Object[values.size()];
        for (int index = 0; index < values.size(); index++) {
            results.column(expressions.get(index).alias(), values.get(index).type());
            row[index] = values.get(index).text();
        }
        return Optional.of(results.row(row).build());
    }

    private Optional<Value> value(Session session, SelectExpression expression) {
        String name = expression.name().map(text -> text.toLowerCase(Locale.ROOT)).orElse("");
        return switch (expression.kind()) {
            case LITERAL -> Optional.of(literal(expression.text()));
            case USER_VARIABLE -> Optional.of(new Value(Type.VARBINARY, session.userVariables().get(name)));
            case SYSTEM_VARIABLE -> systemVariable(session, name);
            case FUNCTION_CALL -> function(session, name);
            case OTHER -> Optional.empty();
        };
    }

    private Optional<Value> systemVariable(Session session, String name) {
        return switch (name) {
            case "version" -> Optional.of(new Value(Type.VARCHAR, serverVersion));
            case "version_comment" -> Optional.of(new Value(Type.VARCHAR, "Vitess"));
            case "autocommit" -> Optional.of(new Value(Type.INT64, session.autocommit() ? "1" : "0"));
            case "max_allowed_packet" -> Optional.of(new Value(Type.INT64, "67108864"));
            case "transaction_isolation", "tx_isolation" -> Optional.of(new Value(Type.VARCHAR,
                    session.systemVariables().getOrDefault("transaction_isolation", "REPEATABLE-READ")));
            case "transaction_read_only", "tx_read_only" -> Optional.of(new Value(Type.INT64, "0"));
            case "workload" -> Optional.of(new Value(Type.VARCHAR, "OLTP"));
            default -> Optional.ofNullable(session.systemVariables().get(name)).map(value -> new Value(Type.VARCHAR, value));
        };
    }

    private Optional<Value> function(Session session, String name) {
        return switch (name) {
            case "database", "schema" -> Optional.of(new Value(Type.VARCHAR, session.keyspace().orElse(null)));
            case "user", "current_user", "session_user", "system_user" -> Optional.of(new Value(Type.VARCHAR, session.user() + "@localhost"));
            case "connection_id" -> Optional.of(new Value(Type.UINT64, Long.toString(session.connectionId())));
            case "last_insert_id" -> Optional.of(new Value(Type.UINT64, Long.toUnsignedString(session.lastInsertId())));
            case "version" -> Optional.of(new Value(Type.VARCHAR, serverVersion));
            default -> Optional.empty();
        };
    }

    private static Value literal(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("null")) {
            return new Value(Type.NULL_TYPE, null);
        }
        if (trimmed.length() >= 2 && (trimmed.startsWith("'") && trimmed.endsWith("'") || trimmed.startsWith("\"") && trimmed.endsWith("\""))) {
            return new Value(Type.VARCHAR, unquote(trimmed));
        }
        if (trimmed.matches("-?\\d+")) {
            return new Value(Type.INT64, trimmed);
        }
        if (trimmed.matches("-?\\d*\\.\\d+")) {
            return new Value(Type.DECIMAL, trimmed);
        }
        return new Value(Type.VARCHAR, trimmed);
    }

    private static String unquote(String quoted) {
        char quote = quoted.charAt(0);
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder result = new StringBuilder(body.length());
        for (int index = 0; index < body.length(); index++) {
            char character = body.charAt(index);
            if (character == '\\' && index + 1 < body.length()) {
                char next = body.charAt(++index);
                result.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> next;
                });
            } else if (character == quote && index + 1 < body.length() && body.charAt(index + 1) == quote) {
                result.append(quote);
                index++;
            } else {
                result.append(character);
            }
        }
        return result.toString();
    }
}
