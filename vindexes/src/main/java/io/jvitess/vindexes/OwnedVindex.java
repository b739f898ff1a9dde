package io.jvitess.vindexes;

import java.util.List;

/**
 * A vindex that needs to know the table owning it (Vitess's WantOwnerInfo); the VSchema builder calls
 * {@link #setOwnerInfo} once, before the vindex is used.
 */
public interface OwnedVindex {

    void setOwnerInfo(String keyspace, String table, List<String> columns);
}
