package io.jvitess.common.topoproto;

import io.jvitess.proto.topodata.TabletType;

import java.util.Locale;

/** Tablet type names: parsed case-insensitively (with Vitess's old aliases), printed lower-case in targets. */
public final class TabletTypes {

    private TabletTypes() {
    }

    public static TabletType parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "MASTER" -> TabletType.PRIMARY;
            case "BATCH" -> TabletType.RDONLY;
            default -> {
                try {
                    TabletType type = TabletType.valueOf(upper);
                    if (type == TabletType.UNRECOGNIZED) {
                        throw new IllegalArgumentException();
                    }
                    yield type;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown TabletType " + name, e);
                }
            }
        };
    }

    public static String lowerName(TabletType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** Types that vtgate routes queries to and that appear in the serving graph. */
    public static boolean isServing(TabletType type) {
        return type == TabletType.PRIMARY || type == TabletType.REPLICA || type == TabletType.RDONLY;
    }
}
