package dev.leeway.projection.stream;

import dev.leeway.kernel.messaging.EventTopic;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamConfiguration.class);

    /**
     * A batch fails as a whole only while the database is away (events that cannot be applied are parked by
     * {@link EventApplier}), so it is retried, with back-off, for as long as it takes. Spring Kafka's default
     * gives up after ten tries and skips the records, and never retries some exception types at all: a read
     * model must never skip an event, so every failure is retried and the projection stops the line instead,
     * visibly (see {@link EventStreamListener}).
     */
    @Bean
    CommonErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setClassifications(Map.of(), true);
        return handler;
    }

    /**
     * Before the stream starts: the events topic is created if missing (as the publisher does, so the consumer
     * finds it even before the first event), and a topic with another partition count than configured stops the
     * start ({@link EventTopic}: a case's events would no longer share one partition). If Kafka does not answer,
     * the service starts and its consumers wait for it.
     */
    @Bean
    SmartInitializingSingleton eventTopicLayout(KafkaAdmin admin, @Value("${leeway.kafka.topic}") String topic,
                                                @Value("${leeway.kafka.partitions}") int partitions,
                                                @Value("${leeway.kafka.replication-factor}") short replicationFactor) {
        return () -> {
            try (Admin client = Admin.create(admin.getConfigurationProperties())) {
                EventTopic.ensure(client, topic, partitions, replicationFactor, Duration.ofSeconds(10));
            } catch (EventTopic.PartitionCountChanged refused) {
                throw refused;
            } catch (RuntimeException unreachable) {
                log.warn("Could not check the events topic {} ({}); the stream starts and waits for Kafka", topic,
                        unreachable.getMessage());
            }
        };
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
