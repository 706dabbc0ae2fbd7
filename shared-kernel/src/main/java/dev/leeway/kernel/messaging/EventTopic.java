package dev.leeway.kernel.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The events topic's partition count is part of its contract: the publisher keys each record by its aggregate, so
 * a case's events share one partition and arrive in order. Had the topic more (or fewer) partitions, a case's
 * later events would go to another partition than its earlier ones and could be read before them. So the topic is
 * created with the configured count when missing, and never changed: a topic whose count differs from the
 * configured one is refused (see the README's "Kafka topic" for how to move to another count).
 */
public final class EventTopic {

    private EventTopic() {
    }

    /**
     * Creates {@code topic} with {@code partitions} if it does not exist; leaves it as it is if it has that many.
     *
     * @throws PartitionCountChanged if it exists with another count
     * @throws IllegalStateException if Kafka does not answer within {@code timeout}
     */
    public static void ensure(Admin admin, String topic, int partitions, short replicationFactor, Duration timeout) {
        Optional<Integer> existing = partitions(admin, topic, timeout);
        if (existing.isEmpty()) {
            try {
                await(admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all(), timeout);
                return;
            } catch (TopicExistsException createdMeanwhile) {
                existing = partitions(admin, topic, timeout);
            }
        }
        if (existing.isPresent() && existing.get() != partitions) {
            throw new PartitionCountChanged(topic, existing.get(), partitions);
        }
    }

    private static Optional<Integer> partitions(Admin admin, String topic, Duration timeout) {
        try {
            TopicDescription description = await(admin.describeTopics(List.of(topic)).allTopicNames(), timeout)
                    .get(topic);
            return Optional.of(description.partitions().size());
        } catch (UnknownTopicOrPartitionException missing) {
            return Optional.empty();
        }
    }

    private static <T> T await(KafkaFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("Kafka refused a topic request", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer a topic request within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka about the events topic", e);
        }
    }

    /** The topic exists with another partition count than the one configured. */
    public static final class PartitionCountChanged extends IllegalStateException {
        public PartitionCountChanged(String topic, int actual, int configured) {
            super("The events topic " + topic + " has " + actual + " partitions but Leeway is configured for "
                    + configured + " (LEEWAY_KAFKA_TOPIC_PARTITIONS): with another count a case's later events would "
                    + "go to another partition than its earlier ones and could be read before them. Set "
                    + "LEEWAY_KAFKA_TOPIC_PARTITIONS=" + actual + ", or move to a new topic as the README's "
                    + "\"Kafka topic\" section says.");
        }
    }
}
