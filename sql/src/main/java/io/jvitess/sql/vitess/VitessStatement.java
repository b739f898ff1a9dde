package io.jvitess.sql.vitess;

/**
 * Statements that MySQL parsers do not understand (or that vtgate answers itself, such as USE and SHOW
 * DATABASES), recognized by {@link VitessStatementParser} before general parsing.
 */
public sealed interface VitessStatement
        permits Use, ShowVitessTablets, ShowVitessShards, ShowVitessTarget, ShowKeyspaces, ShowDatabases,
        ShowVschemaTables, ShowVschemaKeyspaces, ShowVschemaVindexes, ShowVitessReplicationStatus, SelectNext, VExplain {
}
