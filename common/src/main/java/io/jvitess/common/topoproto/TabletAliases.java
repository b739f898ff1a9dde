package io.jvitess.common.topoproto;

import io.jvitess.proto.topodata.TabletAlias;

/** Tablet alias text form, {@code <cell>-<uid as 10 digits>}, e.g. {@code zone1-0000000100}. */
public final class TabletAliases {

    private TabletAliases() {
    }

    public static TabletAlias of(String cell, int uid) {
        return TabletAlias.newBuilder().setCell(cell).setUid(uid).build();
    }

    public static String format(TabletAlias alias) {
        return String.format("%s-%010d", alias.getCell(), Integer.toUnsignedLong(alias.getUid()));
    }

    public static TabletAlias parse(String text) {
        int dash = text.lastIndexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("invalid tablet alias: '" + text + "', expecting format: '<cell>-<uid>'");
        }
        try {
            long uid = Long.parseLong(text.substring(dash + 1));
            return of(text.substring(0, dash), (int) uid);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid tablet uid in alias '" + text + "'", e);
        }
    }
}
