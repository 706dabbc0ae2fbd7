package dev.leeway.command.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where events go. One topic carries every aggregate's events, keyed by aggregate id, so each aggregate's events
 * stay in order on one partition; more partitions let more projection replicas share the work.
 */
@ConfigurationProperties("leeway.kafka")
public record KafkaPublishingProperties(
        @DefaultValue("leeway.events") String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        /* Upper bound on waiting for the broker's acknowledgements of one batch. */
        @DefaultValue("60s") Duration acknowledgementTimeout) {
}
