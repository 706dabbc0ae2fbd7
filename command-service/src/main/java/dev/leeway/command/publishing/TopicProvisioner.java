package dev.leeway.command.publishing;

import dev.leeway.kernel.messaging.EventTopic;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;

/**
 * Creates the events topic, with its partitions, the first time something is published, and refuses one whose
 * partition count differs from the configured one ({@link EventTopic}): publishing then stops, loudly and in
 * order, and the events wait in the store. Done lazily rather than at start-up so that the command service
 * starts, and accepts commands, while Kafka is unreachable.
 */
class TopicProvisioner {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaAdmin admin;
    private final KafkaPublishingProperties properties;
    private volatile boolean checked;

    TopicProvisioner(KafkaAdmin admin, KafkaPublishingProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    void ensureExists() {
        if (!checked) {
            try (Admin client = Admin.create(admin.getConfigurationProperties())) {
                EventTopic.ensure(client, properties.topic(), properties.partitions(), properties.replicationFactor(),
                        TIMEOUT);
            }
            checked = true;
        }
    }
}
