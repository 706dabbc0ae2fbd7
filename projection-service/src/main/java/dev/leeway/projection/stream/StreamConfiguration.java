package dev.leeway.projection.stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

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

    /** Declared here as well as by the publisher, so the consumer finds the topic even before the first event. */
    @Bean
    NewTopic eventsTopic(@Value("${leeway.kafka.topic}") String topic,
                         @Value("${leeway.kafka.partitions}") int partitions,
                         @Value("${leeway.kafka.replication-factor}") short replicationFactor) {
        return new NewTopic(topic, partitions, replicationFactor);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
