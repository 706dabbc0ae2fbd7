package dev.leeway.projection.stream;

/**
 * A projection that can rebuild faster than one event at a time: it is handed the store's history aggregate by
 * aggregate (memory flat in the number of events) and writes each of its rows once. It must apply the same fold
 * as its {@link Projection#apply}; the rebuild's comparison with the live read model checks that it does.
 */
public interface BulkRebuild {

    void rebuild(BulkReplay replay);
}
