package dev.leeway.command.publishing;

import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.messaging.EventTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The events topic against a real broker: made with the configured partitions, never resized. */
class TopicProvisionerIT {

    private static Map<String, Object> kafka;
    private static Admin admin;

    @BeforeAll
    static void connect() {
        kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalInfrastructure.shared().kafka().bootstrapServers());
        admin = Admin.create(kafka);
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void aMissingTopicIsCreatedWithTheConfiguredPartitions() throws Exception {
        String topic = "provisioned-" + UUID.randomUUID();

        provisioner(topic, 6).ensureExists();

        assertThat(partitions(topic)).isEqualTo(6);
    }

    @Test
    void aTopicWithAnotherPartitionCountIsRefusedAndLeftAsItIs() throws Exception {
        String topic = "resized-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();

        assertThatThrownBy(() -> provisioner(topic, 6).ensureExists())
                .isInstanceOf(EventTopic.PartitionCountChanged.class)
                .hasMessageContaining("has 2 partitions but Leeway is configured for 6")
                .hasMessageContaining("LEEWAY_KAFKA_TOPIC_PARTITIONS=2");
        assertThat(partitions(topic)).as("not grown: a case's events would move partition").isEqualTo(2);
    }

    @Test
    void aTopicWithTheConfiguredPartitionsIsTakenAsItIs() throws Exception {
        String topic = "matching-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();

        provisioner(topic, 3).ensureExists();

        assertThat(partitions(topic)).isEqualTo(3);
    }

    private static TopicProvisioner provisioner(String topic, int partitions) {
        return new TopicProvisioner(new KafkaAdmin(kafka),
                new KafkaPublishingProperties(topic, partitions, (short) 1, Duration.ofSeconds(10)));
    }

    private static int partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }
}
