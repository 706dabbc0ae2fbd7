package dev.leeway.projection.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.messaging.MetadataKeys;

import java.sql.Timestamp;

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
        if (envelope.metadata() == null) {
            return null;
        }
        try {
            return JSON.readTree(envelope.metadata()).path(MetadataKeys.ACTOR_ID).asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
