package dev.leeway.projection.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
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
        return attribution().actorId();
    }

    /**
     * Who acted, with which roles, and when it happened, from one read of the metadata.
     *
     * @param actorId    null if the metadata does not say
     * @param actorRoles comma-separated, from the token; empty if the metadata does not say
     * @param occurredAt the original time an imported event carries, else when it was stored: analytics count
     *                   time by this; the case list and the audit trail by {@link #timestamp()}
     */
    public record Attribution(String actorId, String actorRoles, Timestamp occurredAt) {
    }

    public Attribution attribution() {
        JsonNode metadata = metadata();
        return new Attribution(metadata.path(MetadataKeys.ACTOR_ID).asText(null),
                metadata.path(MetadataKeys.ACTOR_ROLES).asText(""),
                occurredAt(metadata.path(MetadataKeys.OCCURRED_AT).asText(null)));
    }

    private Timestamp occurredAt(String occurredAt) {
        if (occurredAt != null) {
            try {
                return Timestamp.from(Instant.parse(occurredAt));
            } catch (DateTimeParseException e) {
                // Not a time: command-service never writes one, so fall back to the store's.
            }
        }
        return timestamp();
    }

    /** The event's metadata; empty if there is none or it is not JSON. */
    private JsonNode metadata() {
        if (envelope.metadata() == null) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(envelope.metadata());
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
