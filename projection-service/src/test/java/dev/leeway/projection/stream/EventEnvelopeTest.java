package dev.leeway.projection.stream;

import dev.leeway.kernel.messaging.EventHeaders;
import dev.leeway.projection.support.CaseEventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    @Test
    void theEnvelopeIsReadFromTheHeadersAndThePayloadIsTheValue() {
        UUID caseId = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-02T09:15:00Z");

        EventEnvelope envelope = EventEnvelope.from(consumed(CaseEventRecords.caseOpened(caseId, "Hello", at)));

        assertThat(envelope.aggregateType()).isEqualTo("Case");
        assertThat(envelope.aggregateId()).isEqualTo(caseId.toString());
        assertThat(envelope.sequence()).isZero();
        assertThat(envelope.timestamp()).isEqualTo(at);
        assertThat(envelope.eventType()).isEqualTo("dev.leeway.kernel.cases.CaseOpened");
        assertThat(envelope.payload()).contains("\"subject\":\"Hello\"");
    }

    @Test
    void aRecordWithoutItsSequenceIsNotAnEvent() {
        ProducerRecord<String, String> produced = CaseEventRecords.caseOpened(UUID.randomUUID(), "x", Instant.now());
        produced.headers().remove(EventHeaders.AGGREGATE_SEQUENCE);

        assertThatThrownBy(() -> EventEnvelope.from(consumed(produced)))
                .isInstanceOf(EventEnvelope.NotAnEvent.class)
                .hasMessageContaining(EventHeaders.AGGREGATE_SEQUENCE);
    }

    @Test
    void anEnvelopeValueThatNoIdLooksLikeIsNotAnEvent() {
        ProducerRecord<String, String> withNul = CaseEventRecords.caseOpened(UUID.randomUUID(), "x", Instant.now());
        withNul.headers().remove(EventHeaders.AGGREGATE_ID).add(EventHeaders.AGGREGATE_ID, "a\0b".getBytes());
        ProducerRecord<String, String> tooLong = CaseEventRecords.caseOpened(UUID.randomUUID(), "x", Instant.now());
        tooLong.headers().remove(EventHeaders.EVENT_ID).add(EventHeaders.EVENT_ID, "e".repeat(256).getBytes());

        assertThatThrownBy(() -> EventEnvelope.from(consumed(withNul))).isInstanceOf(EventEnvelope.NotAnEvent.class)
                .hasMessageContaining(EventHeaders.AGGREGATE_ID);
        assertThatThrownBy(() -> EventEnvelope.from(consumed(tooLong))).isInstanceOf(EventEnvelope.NotAnEvent.class)
                .hasMessageContaining(EventHeaders.EVENT_ID);
    }

    private static ConsumerRecord<String, String> consumed(ProducerRecord<String, String> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0, record.timestamp(), TimestampType.CREATE_TIME,
                -1, -1, record.key(), record.value(), new RecordHeaders(record.headers().toArray()), Optional.empty());
    }
}
