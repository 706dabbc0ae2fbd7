package dev.leeway.kernel.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One step in the stored history of an event type: its JSON at {@code fromRevision} becomes its JSON at
 * {@code toRevision}. Stored events are never rewritten, so a step stays for as long as such events exist.
 */
public record Upcaster(String payloadType, String fromRevision, String toRevision, UnaryOperator<ObjectNode> change) {

    public Upcaster {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(fromRevision, "fromRevision");
        Objects.requireNonNull(toRevision, "toRevision");
        Objects.requireNonNull(change, "change");
        if (fromRevision.equals(toRevision)) {
            throw new IllegalArgumentException("an upcaster must change the revision");
        }
    }

    /** The payload at {@code toRevision}. Works on a copy: the caller's tree (Axon's, a cache's) stays as it was. */
    public ObjectNode upcast(ObjectNode payload) {
        return change.apply(payload.deepCopy());
    }
}
