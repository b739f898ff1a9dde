/**
 * VDiff v2 on a target primary (Vitess reference §8.4): {@link io.jvitess.tablet.vdiff.VDiffEngine} serves the
 * {@code VDiff} tablet manager RPC.
 * <p>
 * <b>Persisted state</b> ({@code _vt} sidecar, created by {@code SidecarDatabase}): {@code _vt.vdiff} (one row
 * per vdiff and database: uuid, workflow, keyspace, shard, db_name, state
 * {@code pending|started|stopped|completed|error}, options as VDiffOptions JSON, started_at/completed_at,
 * last_error, and jvitess's {@code stream_states}: the workflow streams' states while a run holds them);
 * {@code _vt.vdiff_table} (per table: state, lastpk as a prototext QueryResult, table_rows estimate,
 * rows_compared, mismatch, report as VDiffTableReport JSON); {@code _vt.vdiff_log}.
 * <p>
 * <b>Per table</b>: stop the workflow's streams, open a consistent snapshot on each stream's source (GTID S_i),
 * run each stream to exactly S_i ({@code stop_pos}), snapshot the target, put the streams back (streams that
 * were Stopped stay Stopped with their message), then merge-join the source rows of all streams (each filtered
 * by its rule, as the copy phase does, and merge-sorted by primary key) against the target rows, chunk by chunk.
 * Progress (counts, samples, lastpk) is saved every chunk of compared rows; a run interrupted by stop, a tablet
 * shutdown or a demotion continues after the saved lastpk in new snapshots, and {@code resume} of a completed
 * vdiff compares only rows after its last key (as Vitess). Primary-key order is exact for integer, decimal and
 * binary keys and approximate for collated text keys (see {@link io.jvitess.tablet.vdiff.KeyOrder}).
 * <p>
 * Not implemented: {@code auto_retry}, {@code --max-diff-duration}, source/target tablet selection (the source
 * shard's primary is used), the named lock {@code <keyspace>/<workflow>} (one worker per tablet runs vdiffs one
 * at a time instead).
 */
package io.jvitess.tablet.vdiff;
