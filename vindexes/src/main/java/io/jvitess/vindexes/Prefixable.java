package io.jvitess.vindexes;

/** A vindex that can route {@code LIKE 'prefix%'} through a companion vindex mapping patterns to key ranges. */
public interface Prefixable {

    SingleColumnVindex prefixVindex();
}
