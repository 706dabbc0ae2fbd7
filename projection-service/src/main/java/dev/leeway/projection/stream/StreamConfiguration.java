package dev.leeway.projection.stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    /**
     * A batch that fails (database down, a payload that cannot be read) is retried, with back-off, for as long
     * as it takes. Spring Kafka's default gives up after ten tries and skips the records: a read model must never
     * skip an event, so the projection stops the line instead, visibly, in its logs and lag.
     */
    @Bean
    CommonErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
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
