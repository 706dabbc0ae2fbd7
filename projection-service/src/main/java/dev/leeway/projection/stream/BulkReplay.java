package dev.leeway.projection.stream;

import java.util.function.Consumer;

/** What a {@link BulkRebuild} reads from and writes to: the store up to one position, and shadow tables. */
public interface BulkReplay {

    /** Each aggregate of this type, its events in order with their global positions, one aggregate at a time. */
    void forEachAggregate(String aggregateType, Consumer<History> aggregate);

    /** Rows for one of the projection's tables, written once each (COPY); closed when the table is done. */
    Rows rows(String table, String columns);

    /** The projection's position for an aggregate, as the stream would have left it. */
    void position(String aggregateType, String aggregateId, long lastSequence);

    record History(String aggregateId, java.util.List<Positioned> events) {
    }

    record Positioned(long position, ProjectedEvent event) {
    }

    interface Rows extends AutoCloseable {
        void add(Object... values);

        @Override
        void close();
    }
}
