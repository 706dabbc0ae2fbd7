package dev.leeway.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.LocalInfrastructure;
import org.axonframework.serialization.Revision;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An event store (and key vault) built by command-service's and projection-service's real migrations, appended to as
 * command-service does (through its role, hashed by the store's own trigger).
 */
public final class EventStoreFixture {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "command_role", "leeway_command", "command_password", "leeway_command",
            "projection_role", "leeway_projection", "projection_password", "leeway_projection",
            "query_role", "leeway_query", "query_password", "leeway_query");

    private EventStoreFixture() {
    }

    public static void migrate() {
        LocalInfrastructure infrastructure = LocalInfrastructure.shared();
        migrate(infrastructure.jdbcUrl(), "event_store", "event-store", "command-service");
        migrate(infrastructure.keyVaultUrl(), "key_vault", "key-vault", "command-service");
        migrate(infrastructure.jdbcUrl(), "read_model", "read-model", "projection-service");
    }

    private static void migrate(String database, String schema, String folder, String module) {
        Flyway.configure()
                .dataSource(database, EmbeddedPostgresServer.SUPERUSER, "")
                .schemas(schema).defaultSchema(schema)
                .locations("filesystem:../" + module + "/src/main/resources/db/migration/" + folder)
                .placeholders(PLACEHOLDERS)
                .load().migrate();
    }

    public static void append(Connection connection, String aggregate, String aggregateType, long sequence,
                              Object event, String actor, String roles, Instant at) throws SQLException {
        append(connection, aggregate, aggregateType, sequence, event, write(event), actor, roles, at);
    }

    /** Appends {@code event} with {@code payload} as its stored JSON, e.g. as an earlier version wrote it. */
    public static void append(Connection connection, String aggregate, String aggregateType, long sequence,
                              Object event, String payload, String actor, String roles, Instant at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregate);
            insert.setLong(3, sequence);
            insert.setString(4, aggregateType);
            insert.setString(5, at.toString());
            insert.setString(6, event.getClass().getName());
            insert.setString(7, event.getClass().getAnnotation(Revision.class).value());
            insert.setString(8, payload);
            insert.setString(9, write(Map.of("actorId", actor, "actorRoles", roles,
                    "correlationId", "corr-" + sequence, "causationId", "cmd-" + sequence, "clientApp", "audit-test")));
            insert.executeUpdate();
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
