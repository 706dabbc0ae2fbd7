package dev.leeway.projection.stream;

import java.util.List;
import java.util.Set;

/**
 * One read model. It owns its tables (and their migration), says whose events it reads, and applies them one by
 * one in the caller's transaction. Everything else is done for it, the same for every read model: decoding (one
 * codec), its position per aggregate in {@code projection_position} (committed with its rows, so a redelivered
 * event changes nothing), the order check and gap repair, parking what it cannot apply, and rebuilds.
 * <p>
 * Its SQL names its tables unqualified: the search path points at the live schema, or during a rebuild at the
 * shadow one. Adding a read model is adding one package with a class like this and its migration.
 */
public interface Projection {

    /** Stable name: the key of its positions and parked events, and what a rebuild is asked for. */
    String name();

    /** The aggregate types whose events it reads, e.g. {@code Case} and {@code CustomerPrivacy}. */
    Set<String> aggregateTypes();

    /** Its tables, unqualified, parents before children. */
    List<String> tables();

    /**
     * Applies the next event of one of its aggregates; events of types it has no use for are ignored. If it
     * throws (a row the database refuses), its writes are rolled back and the event is parked, unless the failure
     * is the database's own (see {@link FailureKind}): then the batch is retried.
     */
    void apply(ProjectedEvent event);

    /**
     * The stream is about to apply a batch of events in one transaction, without savepoints: until
     * {@link #writeBatch()}, {@link #apply} may keep the rows it changed in memory (on this thread) and write
     * each once at the end, and it may load now, with one statement per table, the rows of the aggregates in
     * {@code events} (the batch's events of the types it reads, in order; some may turn out to be applied
     * already). Anything else that applies events (a batch retried event by event in savepoints, a replay of
     * parked events, a gap repair outside a batch) does so without this call, and apply writes through.
     */
    default void beginBatch(List<EventEnvelope> events) {
    }

    /** Writes what the batch kept in memory, in the batch's transaction, before it commits. */
    default void writeBatch() {
    }

    /** Forgets what the batch kept in memory, written or not (always called last, also when the batch failed). */
    default void endBatch() {
    }
}
