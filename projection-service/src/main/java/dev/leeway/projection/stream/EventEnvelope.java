package dev.leeway.projection.stream;

import dev.leeway.kernel.messaging.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One event as it arrives from Kafka (or is read from the event store): the envelope from the record's headers,
 * the payload JSON as stored, and the metadata JSON (who acted, correlation; null if absent).
 */
public record EventEnvelope(String eventId,
                            String eventType,
                            String revision,
                            String aggregateType,
                            String aggregateId,
                            long sequence,
                            Instant timestamp,
                            String payload,
                            String metadata) {

    private static final int MAX_HEADER_LENGTH = 255;
    private static final int MAX_METADATA_LENGTH = 4096;

    public static EventEnvelope from(ConsumerRecord<String, String> record) {
        try {
            return new EventEnvelope(
                    required(record, EventHeaders.EVENT_ID),
                    required(record, EventHeaders.TYPE),
                    optional(record, EventHeaders.REVISION),
                    required(record, EventHeaders.AGGREGATE_TYPE),
                    required(record, EventHeaders.AGGREGATE_ID),
                    Long.parseLong(required(record, EventHeaders.AGGREGATE_SEQUENCE)),
                    Instant.parse(required(record, EventHeaders.TIMESTAMP)),
                    record.value(),
                    optional(record, EventHeaders.METADATA, MAX_METADATA_LENGTH));
        } catch (RuntimeException e) {
            throw new NotAnEvent(record, e.getMessage());
        }
    }

    private static String required(ConsumerRecord<String, String> record, String name) {
        String value = optional(record, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("header " + name + " is missing");
        }
        return value;
    }

    /**
     * Leeway's envelope values are ids, class names and numbers. Anything longer, or with a NUL (which no
     * PostgreSQL text column takes), is not one, and could not even be parked.
     */
    private static String optional(ConsumerRecord<String, String> record, String name) {
        return optional(record, name, MAX_HEADER_LENGTH);
    }

    private static String optional(ConsumerRecord<String, String> record, String name, int maxLength) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String value = new String(header.value(), StandardCharsets.UTF_8);
        if (value.length() > maxLength || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("header " + name + " is not a plain value of at most "
                    + maxLength + " characters");
        }
        return value;
    }

    /** A record without a complete event envelope: not written by Leeway's publisher. */
    public static final class NotAnEvent extends RuntimeException {
        NotAnEvent(ConsumerRecord<?, ?> record, String reason) {
            super("record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " is not a Leeway event: " + reason);
        }
    }
}
