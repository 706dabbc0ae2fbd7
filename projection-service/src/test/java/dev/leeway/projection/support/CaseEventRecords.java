package dev.leeway.projection.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.messaging.EventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Kafka records shaped exactly as command-service's publisher writes them. */
public final class CaseEventRecords {

    public static final String TOPIC = "leeway.events";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private CaseEventRecords() {
    }

    public static ProducerRecord<String, String> caseOpened(UUID caseId, String subject, Instant at) {
        String payload = """
                {"caseId":"%s","customerId":"CUST-9","channel":"CHAT","subject":"%s","description":"Asked twice"}"""
                .formatted(caseId, subject);
        return caseEvent(caseId, 0, "dev.leeway.kernel.cases.CaseOpened", payload, "event-" + caseId + "-0", at);
    }

    /** A record of a real event class, serialised as the command side stores it. */
    public static ProducerRecord<String, String> of(UUID caseId, long sequence, Object event, Instant at) {
        try {
            return caseEvent(caseId, sequence, event.getClass().getName(), JSON.writeValueAsString(event),
                    "event-" + caseId + "-" + sequence, at);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ProducerRecord<String, String> caseEvent(UUID caseId, long sequence, String type, String payload,
                                                           String eventId, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, EventHeaders.TYPE, type);
        header(headers, EventHeaders.REVISION, "1");
        header(headers, EventHeaders.EVENT_ID, eventId);
        header(headers, EventHeaders.AGGREGATE_TYPE, "Case");
        header(headers, EventHeaders.AGGREGATE_ID, caseId.toString());
        header(headers, EventHeaders.AGGREGATE_SEQUENCE, Long.toString(sequence));
        header(headers, EventHeaders.TIMESTAMP, at.toString());
        header(headers, EventHeaders.METADATA, "{}");
        return new ProducerRecord<>(TOPIC, null, at.toEpochMilli(), caseId.toString(), payload, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
