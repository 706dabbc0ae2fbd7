package dev.leeway.projection.stream;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Consumes the event topic in batches. Offsets are committed after the batch's database transaction, so a crash
 * in between redelivers records that the read models then recognise as already applied.
 */
@Component
class EventStreamListener {

    private final EventApplier applier;
    private final ProjectionMetrics metrics;

    EventStreamListener(EventApplier applier, ProjectionMetrics metrics) {
        this.applier = applier;
        this.metrics = metrics;
    }

    @KafkaListener(id = "read-models", topics = "${leeway.kafka.topic}", batch = "true")
    void onBatch(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        BatchOutcome outcome = applier.applyAll(records);
        metrics.counted(outcome);
        metrics.caughtUpTo(outcome.lastEventMillis(), eventsBehind(consumer));
    }

    /** Records on the assigned partitions past what this batch consumed, as of the last fetch. */
    private static long eventsBehind(Consumer<?, ?> consumer) {
        long behind = 0;
        for (TopicPartition partition : consumer.assignment()) {
            behind += consumer.currentLag(partition).orElse(0);
        }
        return behind;
    }
}
