package dev.leeway.command.publishing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Creates the topic and fetches its metadata once the service is up, in the background, so that the first case
 * opened does not wait for the Kafka admin client and the producer's first connection. If Kafka is unreachable
 * now, nothing is lost: the publisher does the same on first use and retries.
 */
class PublisherWarmUp {

    private static final Logger log = LoggerFactory.getLogger(PublisherWarmUp.class);

    private final TopicProvisioner topic;
    private final KafkaTemplate<String, String> kafka;
    private final String topicName;

    PublisherWarmUp(TopicProvisioner topic, KafkaTemplate<String, String> kafka, String topicName) {
        this.topic = topic;
        this.kafka = kafka;
        this.topicName = topicName;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread warmUp = new Thread(() -> {
            try {
                topic.ensureExists();
                kafka.partitionsFor(topicName);
            } catch (RuntimeException e) {
                log.warn("Kafka is not reachable yet ({}); events are kept and published once it is", e.getMessage());
            }
        }, "kafka-publisher-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
