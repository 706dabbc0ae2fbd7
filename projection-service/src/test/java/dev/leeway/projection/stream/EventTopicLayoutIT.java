package dev.leeway.projection.stream;

import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.messaging.EventTopic;
import dev.leeway.projection.ProjectionServiceApplication;
import dev.leeway.projection.support.EventStoreRows;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** projection-service refuses to start on an events topic whose partition count is not the configured one. */
class EventTopicLayoutIT {

    @Test
    void theServiceDoesNotStartOnATopicWithAnotherPartitionCountAndLeavesItAsItIs() throws Exception {
        EventStoreRows.migrate();
        String topic = "resized-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalInfrastructure.shared().kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            Map<String, Object> settings = new HashMap<>(LocalInfrastructure.shared().environment());
            settings.put("LEEWAY_KAFKA_TOPIC", topic);
            settings.put("LEEWAY_KAFKA_TOPIC_PARTITIONS", "6");
            settings.put("LEEWAY_PROJECTION_GROUP_ID", "layout-" + topic);
            settings.put("server.port", "0");

            assertThatThrownBy(() -> new SpringApplicationBuilder(ProjectionServiceApplication.class)
                    .profiles("local").properties(settings).run().close())
                    .satisfies(refused -> assertThat(NestedExceptionUtils.getMostSpecificCause(refused))
                            .isInstanceOf(EventTopic.PartitionCountChanged.class)
                            .hasMessageContaining("has 2 partitions but Leeway is configured for 6"));
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                    .as("not grown").hasSize(2);
        }
    }
}
