package dev.leeway.command.privacy;

import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.LocalInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 fills {@code case_customer} from the cases opened before it, so that commands to them find their customer's
 * key; a stored payload that is not JSON is passed over rather than stopping the upgrade. Run on a database of its
 * own, migrated to V5 first.
 */
class CaseCustomerMigrationIT {

    private static final String OPENED = "dev.leeway.kernel.cases.CaseOpened";

    @Test
    void casesOpenedBeforeV6GetTheirCustomerAndAnUnreadablePayloadDoesNotStopTheUpgrade() throws SQLException {
        EmbeddedPostgresServer server = LocalInfrastructure.shared().postgres();
        String database = "case_customer_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.ensureDatabase(database);
        String url = server.jdbcUrl(database);
        migrate(url, "5");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (Connection admin = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "")) {
            append(admin, first, OPENED,
                    "{\"caseId\":\"" + first + "\",\"customerId\":\"CUST-1\",\"channel\":\"EMAIL\"}");
            append(admin, first, "dev.leeway.kernel.cases.CaseAssigned", "{\"caseId\":\"" + first + "\"}");
            append(admin, second, OPENED, "not json at all");
        }

        migrate(url, "latest");

        try (Connection admin = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
             ResultSet rows = admin.createStatement().executeQuery(
                     "SELECT case_id, customer_id FROM event_store.case_customer ORDER BY case_id")) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1) + "=" + rows.getString(2));
            }
            assertThat(found).containsExactly(first + "=CUST-1");
        }
    }

    private static void append(Connection admin, String caseId, String type, String payload) throws SQLException {
        try (PreparedStatement insert = admin.prepareStatement("""
                INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, (SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?),
                        'Case', '2026-01-05T10:00:00Z', ?, '4', ?, '{}')""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, caseId);
            insert.setString(3, caseId);
            insert.setString(4, type);
            insert.setString(5, payload);
            insert.executeUpdate();
        }
    }

    /** As command-service migrates at start-up (its application.yml), up to {@code target}. */
    private static void migrate(String url, String target) {
        Flyway.configure()
                .dataSource(url, EmbeddedPostgresServer.SUPERUSER, "")
                .schemas("event_store").defaultSchema("event_store")
                .locations("classpath:db/migration/event-store")
                .placeholders(Map.of("command_role", "leeway_command", "command_password", "leeway_command",
                        "query_role", "leeway_query", "query_password", "leeway_query",
                        "projection_role", "leeway_projection", "projection_password", "leeway_projection"))
                .target(target)
                .load().migrate();
    }
}
