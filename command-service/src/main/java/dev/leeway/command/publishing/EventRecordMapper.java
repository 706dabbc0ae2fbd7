package dev.leeway.command.publishing;

import dev.leeway.kernel.messaging.EventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.nio.charset.StandardCharsets;

/**
 * Turns a stored event into a Kafka record: key = aggregate id, value = the payload JSON as stored, envelope in
 * headers ({@link EventHeaders}). The record's timestamp is the event's, so consumers can tell how far behind
 * they are in time.
 */
class EventRecordMapper {

    private final Serializer serializer;
    private final String topic;

    EventRecordMapper(Serializer serializer, String topic) {
        this.serializer = serializer;
        this.topic = topic;
    }

    ProducerRecord<String, String> toRecord(DomainEventMessage<?> event) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);

        RecordHeaders headers = new RecordHeaders();
        add(headers, EventHeaders.TYPE, payload.getType().getName());
        add(headers, EventHeaders.REVISION, payload.getType().getRevision());
        add(headers, EventHeaders.EVENT_ID, event.getIdentifier());
        add(headers, EventHeaders.AGGREGATE_TYPE, event.getType());
        add(headers, EventHeaders.AGGREGATE_ID, event.getAggregateIdentifier());
        add(headers, EventHeaders.AGGREGATE_SEQUENCE, Long.toString(event.getSequenceNumber()));
        add(headers, EventHeaders.TIMESTAMP, event.getTimestamp().toString());
        add(headers, EventHeaders.METADATA, metaData.getData());

        return new ProducerRecord<>(topic, null, event.getTimestamp().toEpochMilli(),
                event.getAggregateIdentifier(), payload.getData(), headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
