package io.jvitess.vindexes;

/** TEMPORARY STUB of the jvitess-vindexes API (delete when the module is installed). */
public interface Reversible {
}
