package dev.leeway.projection.parking;

import java.time.Instant;

/** One parked event for operators: where it came from and why it is parked, not what it says. */
public record ParkedEventView(long id,
                              String aggregateType,
                              String aggregateId,
                              long sequence,
                              String eventId,
                              String eventType,
                              String revision,
                              Long waitingBehind,
                              String reason,
                              Instant parkedAt,
                              int payloadBytes,
                              String kafkaTopic,
                              int kafkaPartition,
                              long kafkaOffset) {
}
