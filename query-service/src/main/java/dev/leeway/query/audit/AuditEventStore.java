package dev.leeway.query.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.EventHashing;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.codec.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;

/** The event store as auditors read it, through query-service's read-only role. */
@Component
class AuditEventStore {

    private static final String EVENTS_WITH_HASHES = """
            SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,
                   e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data, h.hash, h.previous_hash
            FROM event_store.domain_event_entry e LEFT JOIN event_store.event_hash h ON h.global_index = e.global_index
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalTextReveal personalText;

    AuditEventStore(JdbcTemplate jdbc, PersonalTextReveal personalText) {
        this.jdbc = jdbc;
        this.json = EventJson.storedEventMapper();
        this.personalText = personalText;
    }

    /** Stored event and its hash (hex), in the aggregate's order. */
    record Row(StoredEvent event, String hash) {
    }

    List<Row> ofAggregate(String aggregateId) {
        return jdbc.query(EVENTS_WITH_HASHES + " WHERE e.aggregate_identifier = ? ORDER BY e.sequence_number",
                (row, n) -> new Row(AuditLogReader.event(row), EventHashing.hex(row.getBytes("hash"))), aggregateId);
    }

    /**
     * The aggregate's stored events up to {@code lastSequence} (all when null), in its order, without their hashes:
     * what a fold as of a moment needs.
     */
    List<StoredEvent> ofAggregateUpTo(String aggregateId, Long lastSequence) {
        return jdbc.query("""
                SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, payload_type,
                       payload_revision, time_stamp, payload, meta_data
                FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number <= ? ORDER BY sequence_number""",
                (row, n) -> AuditLogReader.event(row), aggregateId,
                lastSequence == null ? Long.MAX_VALUE : lastSequence);
    }

    /**
     * The actor recorded in an event's metadata, read with a streaming parser that stops at the field: a fold
     * over a long history needs this one value per event, not a tree of all of them.
     */
    String actorId(StoredEvent event) {
        if (event.metaData() == null) {
            return null;
        }
        try (JsonParser parser = json.getFactory().createParser(event.metaData())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("actorId")) {
                    return value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("stored metadata is unreadable", e);
        }
    }

    /** Events whose payload type is one of {@code types}, in global order, streamed to {@code handler}. */
    void ofTypes(List<String> types, RowCallbackHandler handler) {
        jdbc.query(EVENTS_WITH_HASHES + " WHERE e.payload_type = ANY (?) ORDER BY e.global_index",
                handler, (Object) types.toArray(String[]::new));
    }

    /** Every event in [from, to] of the global order, streamed. */
    void range(long from, long to, RowCallbackHandler handler) {
        jdbc.query(EVENTS_WITH_HASHES + " WHERE e.global_index BETWEEN ? AND ? ORDER BY e.global_index",
                handler, from, to);
    }

    JsonNode metadata(StoredEvent event) {
        return parse(event.metaData());
    }

    /** Stored JSON as a tree, numbers exact and of any length (see {@link EventJson#storedEventMapper()}). */
    JsonNode parse(String text) {
        if (text == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    AuditEventView view(Row row) {
        StoredEvent event = row.event();
        JsonNode metadata = metadata(event);
        return new AuditEventView(event.globalIndex(), event.sequenceNumber(), event.eventIdentifier(),
                simpleName(event.payloadType()), event.payloadRevision(), event.timeStamp(),
                metadata.path("actorId").asText(null), metadata.path("actorRoles").asText(null),
                metadata.path("correlationId").asText(null), metadata.path("causationId").asText(null),
                metadata.path("clientApp").asText(null), personalText.reveal(parse(event.payload())), row.hash());
    }

    static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
