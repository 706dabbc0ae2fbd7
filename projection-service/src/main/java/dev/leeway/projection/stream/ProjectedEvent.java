package dev.leeway.projection.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.messaging.MetadataKeys;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** An event as a projection gets it: the envelope as published, and the payload decoded to today's record. */
public record ProjectedEvent(EventEnvelope envelope, Object payload) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String aggregateId() {
        return envelope.aggregateId();
    }

    public long sequence() {
        return envelope.sequence();
    }

    public Timestamp timestamp() {
        return Timestamp.from(envelope.timestamp());
    }

    /** Who acted, from the event's metadata (set from the token by command-service); null if it does not say. */
    public String actorId() {
        return metadata(MetadataKeys.ACTOR_ID);
    }

    /** Their roles at the time, comma-separated, from the token; null if the metadata does not say. */
    public String actorRoles() {
        return metadata(MetadataKeys.ACTOR_ROLES);
    }

    /**
     * When it happened: the original time an imported event carries in its metadata, else when it was stored.
     * Analytics count time by this; the case list and the audit trail by {@link #timestamp()}.
     */
    public Timestamp occurredAt() {
        String occurredAt = metadata(MetadataKeys.OCCURRED_AT);
        if (occurredAt != null) {
            try {
                return Timestamp.from(Instant.parse(occurredAt));
            } catch (DateTimeParseException e) {
                // Not a time: command-service never writes one, so fall back to the store's.
            }
        }
        return timestamp();
    }

    /** A text value of the event's metadata; null if absent or if the metadata is not JSON. */
    public String metadata(String key) {
        if (envelope.metadata() == null) {
            return null;
        }
        try {
            return JSON.readTree(envelope.metadata()).path(key).asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
