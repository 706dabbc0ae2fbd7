package dev.leeway.kernel.audit;

/** An event row exactly as the event store holds it: what its hash covers. */
public record StoredEvent(long globalIndex,
                          String eventIdentifier,
                          String aggregateIdentifier,
                          long sequenceNumber,
                          String type,
                          String payloadType,
                          String payloadRevision,
                          String timeStamp,
                          String payload,
                          String metaData) {
}
