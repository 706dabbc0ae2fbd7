package dev.leeway.projection.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.messaging.EventHeaders;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.serialization.Revision;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Kafka records shaped exactly as command-service's publisher writes them. */
public final class CaseEventRecords {

    public static final String TOPIC = "leeway.events";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String PLACEHOLDER_DEVIATION = "7.0007";

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
            return caseEvent(caseId, sequence, event.getClass().getName(),
                    event.getClass().getAnnotation(Revision.class).value(), JSON.writeValueAsString(event),
                    "event-" + caseId + "-" + sequence, at);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A record of a real event class with its own metadata JSON (who acted, their roles, when it happened). */
    public static ProducerRecord<String, String> of(UUID caseId, long sequence, Object event, Instant at,
                                                    String metadata) {
        ProducerRecord<String, String> record = of(caseId, sequence, event, at);
        record.headers().remove(EventHeaders.METADATA);
        header((RecordHeaders) record.headers(), EventHeaders.METADATA, metadata);
        return record;
    }

    public static ProducerRecord<String, String> assigned(UUID caseId, long sequence, String assignee, Instant at) {
        return of(caseId, sequence, new CaseAssigned(new CaseId(caseId), assignee), at);
    }

    /** A record whose payload is cut off mid-way: no JSON reader can make an event of it. */
    public static ProducerRecord<String, String> truncated(UUID caseId, long sequence, String type, Instant at) {
        return caseEvent(caseId, sequence, type, "{\"caseId\":", "event-" + caseId + "-" + sequence, at);
    }

    /**
     * A bend granted at once whose deviation is written out in full as {@code amount}, e.g. "1" followed by a
     * hundred thousand zeros, as the command side once stored 1e100000.
     */
    public static ProducerRecord<String, String> grantedWithDeviation(UUID caseId, long sequence, String amount,
                                                                      Instant at) {
        ExceptionGranted granted = new ExceptionGranted(new CaseId(caseId), new ExceptionId(UUID.randomUUID()),
                new PolicyCode("RETURN-WINDOW"), 1, new Deviation(new BigDecimal(PLACEHOLDER_DEVIATION), DeviationUnit.DAYS),
                Money.of("80", "EUR"), "HOSPITAL", PersonalText.legacy("In hospital"), Authority.OWN_LIMIT, "alice",
                "alice");
        ProducerRecord<String, String> record = of(caseId, sequence, granted, at);
        String payload = record.value().replace("\"amount\":" + PLACEHOLDER_DEVIATION, "\"amount\":" + amount);
        if (payload.equals(record.value())) {
            throw new IllegalStateException("the deviation was not found in " + record.value());
        }
        return caseEvent(caseId, sequence, granted.getClass().getName(), payload, "event-" + caseId + "-" + sequence, at);
    }

    public static ProducerRecord<String, String> caseEvent(UUID caseId, long sequence, String type, String payload,
                                                           String eventId, Instant at) {
        return caseEvent(caseId, sequence, type, "1", payload, eventId, at);
    }

    public static ProducerRecord<String, String> caseEvent(UUID caseId, long sequence, String type, String revision,
                                                           String payload, String eventId, Instant at) {
        return record("Case", caseId.toString(), sequence, type, revision, payload, eventId, at);
    }

    /** A record of any aggregate's event, e.g. a customer's {@code CustomerPrivacy} events. */
    public static ProducerRecord<String, String> of(String aggregateType, String aggregateId, long sequence,
                                                    Object event, Instant at) {
        try {
            return record(aggregateType, aggregateId, sequence, event.getClass().getName(),
                    event.getClass().getAnnotation(Revision.class).value(), JSON.writeValueAsString(event),
                    "event-" + aggregateId + "-" + sequence, at);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ProducerRecord<String, String> record(String aggregateType, String aggregateId, long sequence,
                                                         String type, String revision, String payload,
                                                         String eventId, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, EventHeaders.TYPE, type);
        header(headers, EventHeaders.REVISION, revision);
        header(headers, EventHeaders.EVENT_ID, eventId);
        header(headers, EventHeaders.AGGREGATE_TYPE, aggregateType);
        header(headers, EventHeaders.AGGREGATE_ID, aggregateId);
        header(headers, EventHeaders.AGGREGATE_SEQUENCE, Long.toString(sequence));
        header(headers, EventHeaders.TIMESTAMP, at.toString());
        header(headers, EventHeaders.METADATA, "{\"actorId\":\"alice\",\"actorRoles\":\"AGENT\"}");
        return new ProducerRecord<>(TOPIC, null, at.toEpochMilli(), aggregateId, payload, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
