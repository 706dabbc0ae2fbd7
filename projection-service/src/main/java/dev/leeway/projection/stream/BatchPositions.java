package dev.leeway.projection.stream;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The positions a batch touches, locked and read with one statement when it starts and written back with one
 * batched statement when it ends, instead of a read and a write per event and projection. Positions are only read
 * and moved inside the batch's transaction, so the copy cannot go stale; one the batch did not expect (none today)
 * is read from the table as it comes.
 */
final class BatchPositions implements PositionBook {

    private final Positions table;
    private final Map<AggregateRef, Long> locked;
    private final Map<AggregateRef, Long> moved = new LinkedHashMap<>();

    BatchPositions(Positions table, Map<AggregateRef, Long> locked) {
        this.table = table;
        this.locked = new HashMap<>(locked);
    }

    @Override
    public long lock(AggregateRef aggregate) {
        Long last = locked.get(aggregate);
        if (last == null) {
            last = table.lock(aggregate);
            locked.put(aggregate, last);
        }
        return last;
    }

    @Override
    public void advance(AggregateRef aggregate, long sequence) {
        locked.put(aggregate, sequence);
        moved.put(aggregate, sequence);
    }

    /** Writes every position the batch moved; call before the transaction commits. */
    void write() {
        table.advanceAll(moved);
        moved.clear();
    }
}
