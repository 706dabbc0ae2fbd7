package dev.leeway.command.publishing;

import dev.leeway.kernel.messaging.MetadataKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka, in the event store's order, at least once.
 * <p>
 * It runs in a tracking event processor over the event store, so the event store stays the source of truth:
 * commands are accepted while Kafka is down, and the processor's token (stored in PostgreSQL) only moves past a
 * batch once Kafka has acknowledged every record of it. Records are sent asynchronously and the acknowledgements
 * awaited once per batch, just before the token is committed; a failure rolls the batch back and the processor
 * retries it, in order, with back-off. A retry may publish a record twice, never skip one: consumers
 * deduplicate by aggregate sequence.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pendingSends";

    private final KafkaTemplate<String, String> kafka;
    private final EventRecordMapper recordMapper;
    private final TopicProvisioner topic;
    private final KafkaPublishingProperties properties;
    private final Counter acknowledged;
    private final PublishTracing tracing;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, EventRecordMapper recordMapper,
                        TopicProvisioner topic, KafkaPublishingProperties properties, MeterRegistry metrics,
                        PublishTracing tracing) {
        this.kafka = kafka;
        this.recordMapper = recordMapper;
        this.topic = topic;
        this.properties = properties;
        this.acknowledged = Counter.builder("leeway.publisher.events")
                .description("Events Kafka acknowledged from this instance's publisher (a re-sent batch counts again)")
                .register(metrics);
        this.tracing = tracing;
    }

    @EventHandler
    void publish(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domainEvent)) {
            return; // Only aggregates' events are published; they are the only ones with a key and a sequence.
        }
        topic.ensureExists();
        ProducerRecord<String, String> record = recordMapper.toRecord(domainEvent);
        pendingSends().add(tracing.send(domainEvent.getMetaData().get(MetadataKeys.TRACE_PARENT), record,
                () -> kafka.send(record)));
    }

    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        kafka.flush();
        long deadline = System.nanoTime() + properties.acknowledgementTimeout().toNanos();
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublishingFailed("interrupted while awaiting Kafka acknowledgements", e);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Kafka did not acknowledge a batch of {} events; it will be published again", sends.size());
                throw new EventPublishingFailed("Kafka did not acknowledge a published event", e);
            }
        }
        acknowledged.increment(sends.size());
    }

    static class EventPublishingFailed extends RuntimeException {
        EventPublishingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
