package dev.leeway.command.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.OptionalLong;

/**
 * {@code leeway_publisher_lag_events}: events stored but not yet acknowledged by Kafka, as the instance that holds
 * the publisher's token sees it (the store's newest position less the token's); {@code NaN} on an instance that
 * stands by without the token, so that {@code max(leeway_publisher_lag_events)} over all instances is the lag.
 * {@code leeway_publisher_active} is 1 on the instance that publishes. Read at each scrape: one look at the
 * store's newest position.
 */
class PublisherLag implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final EventStore events;

    PublisherLag(EventProcessingConfiguration processing, EventStore events) {
        this.processing = processing;
        this.events = events;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("leeway.publisher.lag.events", this, PublisherLag::lag)
                .description("Events stored and not yet acknowledged by Kafka (NaN where this instance does not "
                        + "publish)")
                .register(registry);
        Gauge.builder("leeway.publisher.active", this, lag -> lag.position().isPresent() ? 1 : 0)
                .description("1 on the instance whose publisher holds the token")
                .register(registry);
    }

    private double lag() {
        OptionalLong position = position();
        if (position.isEmpty()) {
            return Double.NaN;
        }
        TrackingToken head = events.createHeadToken();
        long newest = head == null ? -1 : head.position().orElse(-1);
        return Math.max(0, newest - position.getAsLong());
    }

    /** The publisher's position, if this instance holds its token. */
    private OptionalLong position() {
        return processing.eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .filter(OptionalLong::isPresent)
                        .mapToLong(OptionalLong::getAsLong)
                        .min())
                .orElse(OptionalLong.empty());
    }
}
