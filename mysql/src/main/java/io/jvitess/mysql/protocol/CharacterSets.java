package io.jvitess.mysql.protocol;

/** The collation ids jvitess sends; MySQL calls them "character set" in the protocol. */
public final class CharacterSets {

    /** utf8mb4_general_ci, understood by every MySQL and MariaDB client. */
    public static final int UTF8MB4_GENERAL_CI = 45;
    /** utf8mb4_0900_ai_ci, MySQL 8's default. */
    public static final int UTF8MB4_0900_AI_CI = 255;
    /** The binary pseudo character set of numbers, dates and byte strings. */
    public static final int BINARY = 63;

    private CharacterSets() {
    }
}
