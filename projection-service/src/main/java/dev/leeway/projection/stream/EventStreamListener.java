package dev.leeway.projection.stream;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Consumes the event topic in batches. Offsets are committed after the batch's database transaction, so a crash
 * in between redelivers records that the read models then recognise as already applied. A batch that fails is
 * retried by the error handler (see {@link StreamConfiguration}); this listener makes that visible: one ERROR when
 * the stream stops, WARN while it stays stopped, and lag that grows instead of claiming 0.
 */
@Component
class EventStreamListener {

    private static final Logger log = LoggerFactory.getLogger(EventStreamListener.class);

    private final EventApplier applier;
    private final ProjectionMetrics metrics;
    private final StreamState state;
    private final Clock clock;
    private final ApplyTracing tracing;

    EventStreamListener(EventApplier applier, ProjectionMetrics metrics, StreamState state, Clock clock,
                        ApplyTracing tracing) {
        this.applier = applier;
        this.metrics = metrics;
        this.state = state;
        this.clock = clock;
        this.tracing = tracing;
    }

    // The group is spring.kafka.consumer.group-id (LEEWAY_PROJECTION_GROUP_ID), not this listener's id.
    @KafkaListener(id = "read-models", idIsGroup = false, topics = "${leeway.kafka.topic}", batch = "true")
    void onBatch(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        BatchOutcome outcome;
        List<Span> traced = tracing.started(records);
        try {
            outcome = applier.applyAll(records);
        } catch (RuntimeException e) {
            tracing.finished(traced, e);
            stopped(records, consumer, e);
            throw e;
        }
        tracing.finished(traced, null);
        state.moved().ifPresent(failure -> log.info("The projection stream moves again after {} failed attempts "
                + "over {} s", failure.attempts(), secondsSince(failure)));
        metrics.counted(outcome);
        metrics.caughtUpTo(outcome.eventMillis(), eventsBehind(consumer));
    }

    private void stopped(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer, RuntimeException e) {
        StreamFailure failure = state.failed(e);
        metrics.batchFailed(records.size() + eventsBehind(consumer), oldestTimestamp(records));
        if (failure.attempts() == 1) {
            log.error("The projection stream stopped: a batch of {} records ({}) failed and is retried with back-off "
                    + "until it applies; nothing is skipped", records.size(), positions(records), e);
        } else {
            log.warn("The projection stream is still stopped, attempt {} over {} s: {}", failure.attempts(),
                    secondsSince(failure), failure.lastError());
        }
    }

    private long secondsSince(StreamFailure failure) {
        return Duration.between(failure.since(), clock.instant()).toSeconds();
    }

    /** Records on the assigned partitions past what this batch consumed, as of the last fetch. */
    private static long eventsBehind(Consumer<?, ?> consumer) {
        long behind = 0;
        for (TopicPartition partition : consumer.assignment()) {
            behind += consumer.currentLag(partition).orElse(0);
        }
        return behind;
    }

    /** The publisher stamps each record with its event's time; -1 if no record says. */
    private static long oldestTimestamp(List<ConsumerRecord<String, String>> records) {
        return records.stream().mapToLong(ConsumerRecord::timestamp).filter(at -> at > 0).min().orElse(-1);
    }

    /** e.g. {@code leeway.events-2@40..57, leeway.events-5@12..12}. */
    private static String positions(List<ConsumerRecord<String, String>> records) {
        Map<String, LongSummaryStatistics> offsets = records.stream().collect(Collectors.groupingBy(
                record -> record.topic() + "-" + record.partition(), TreeMap::new,
                Collectors.summarizingLong(ConsumerRecord::offset)));
        return offsets.entrySet().stream()
                .map(partition -> partition.getKey() + "@" + partition.getValue().getMin() + ".." + partition.getValue().getMax())
                .collect(Collectors.joining(", "));
    }
}
