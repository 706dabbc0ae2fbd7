package dev.leeway.projection.support;

import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.LocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.flywaydb.core.Flyway;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * command-service's event store, built by its own migrations, so that projection-service can read what Kafka
 * did not deliver (gaps) and rebuild from it; rows are appended as command-service appends them.
 */
public final class EventStoreRows {

    private static boolean migrated;

    private EventStoreRows() {
    }

    public static synchronized void migrate() {
        if (migrated) {
            return;
        }
        migrate(LocalInfrastructure.shared().jdbcUrl(), "event_store", "event-store");
        migrate(LocalInfrastructure.shared().keyVaultUrl(), "key_vault", "key-vault");
        migrated = true;
    }

    private static void migrate(String database, String schema, String folder) {
        Flyway.configure()
                .dataSource(database, EmbeddedPostgresServer.SUPERUSER, "")
                .schemas(schema).defaultSchema(schema)
                .locations("filesystem:../command-service/src/main/resources/db/migration/" + folder)
                .placeholders(Map.of("command_role", "leeway_command", "command_password", "leeway_command",
                        "projection_role", "leeway_projection", "projection_password", "leeway_projection",
                        "query_role", "leeway_query", "query_password", "leeway_query"))
                .load().migrate();
    }

    /** Stores the event a record carries, as the event store held it before the publisher sent it. */
    public static void append(ProducerRecord<String, String> record) throws SQLException {
        try (Connection connection = LocalInfrastructure.shared().adminConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier,
                         sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, header(record, "leeway-event-id"));
            insert.setString(2, header(record, "leeway-aggregate-id"));
            insert.setLong(3, Long.parseLong(header(record, "leeway-aggregate-sequence")));
            insert.setString(4, header(record, "leeway-aggregate-type"));
            insert.setString(5, header(record, "leeway-event-timestamp"));
            insert.setString(6, header(record, "leeway-event-type"));
            insert.setString(7, header(record, "leeway-event-revision"));
            insert.setString(8, record.value());
            insert.setString(9, header(record, "leeway-metadata"));
            insert.executeUpdate();
        }
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
