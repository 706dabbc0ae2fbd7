package dev.leeway.command.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.codec.EventJson;
import org.axonframework.serialization.Revision;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Events as an earlier version of Leeway stored them, before requests were bounded: appended straight into the
 * event store, with a marker number in the payload replaced by one written out in full, exactly as a request's
 * {@code 1e100000} once was (100,001 digits).
 */
public final class PoisonedEvents {

    /** Put this amount in an event's field; it is stored as {@link #HUGE} instead. */
    public static final String MARKER = "424242";
    /** 1e100000, written out in full. */
    public static final String HUGE = "1" + "0".repeat(100_000);

    private static final ObjectMapper JSON = EventJson.storedEventMapper();

    private PoisonedEvents() {
    }

    /** The event's JSON with every marker amount ({@code 424242}, {@code 424242.00}) written as 1e100000. */
    public static String poisoned(Object event) {
        try {
            return JSON.writeValueAsString(event).replaceAll("\\b" + MARKER + "\\b", HUGE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void append(JdbcTemplate jdbc, String aggregateType, String aggregateId, long sequence,
                              Object event, String actor, String roles) {
        jdbc.update("""
                        INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier,
                            sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                UUID.randomUUID().toString(), aggregateId, sequence, aggregateType, Instant.now().toString(),
                event.getClass().getName(), event.getClass().getAnnotation(Revision.class).value(), poisoned(event),
                write(Map.of("actorId", actor, "actorRoles", roles, "correlationId", "poison",
                        "clientApp", "an-earlier-version")));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
