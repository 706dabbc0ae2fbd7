package dev.leeway.command.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the events topic, with its partitions, the first time something is published. Done lazily rather than
 * at start-up so that the command service starts, and accepts commands, while Kafka is unreachable.
 */
class TopicProvisioner {

    private final KafkaAdmin admin;
    private final NewTopic topic;
    private volatile boolean exists;

    TopicProvisioner(KafkaAdmin admin, KafkaPublishingProperties properties) {
        this.admin = admin;
        this.topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor());
    }

    void ensureExists() {
        if (!exists) {
            admin.createOrModifyTopics(topic);
            exists = true;
        }
    }
}
