package io.jvitess.gateway.planner;

import java.util.Locale;

/** Identifier spelling: Druid keeps backquotes in names, vtgate compares names without them. */
final class Identifiers {

    private Identifiers() {
    }

    static String unquote(String name) {
        if (name != null && name.length() >= 2 && name.charAt(0) == '`' && name.charAt(name.length() - 1) == '`') {
            return name.substring(1, name.length() - 1).replace("``", "`");
        }
        return name;
    }

    /** Column names compare case-insensitively in MySQL. */
    static String columnKey(String name) {
        return unquote(name).toLowerCase(Locale.ROOT);
    }

    /** The name as vtgate prints it: back-quoted only when it is a keyword or not a plain word. */
    static String printable(String name) {
        return !name.matches("[A-Za-z_][A-Za-z0-9_$]*") || Keywords.isReserved(name) ? quote(name) : name;
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
