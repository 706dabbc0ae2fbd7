package dev.leeway.projection.facts;

import dev.leeway.infra.LocalInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V10 fills in what it adds from the rows V9 left, so that an installation keeps its facts without a rebuild:
 * each case's week, time to resolve and policies, and its opening on its actor and bend rows. Run on a database
 * of its own, migrated to V9 first.
 */
class CaseFactsWithoutJoinsMigrationIT {

    private static final UUID CASE = UUID.fromString("3f1e0c4a-0000-4000-8000-000000000001");
    private static final UUID UNBENT = UUID.fromString("3f1e0c4a-0000-4000-8000-000000000002");

    @Test
    void factsStoredBeforeV10GetTheirCaseCopiesWeekTimeToResolvePoliciesAndFirstBends() throws SQLException {
        String url = freshDatabase();
        migrate(url, "9");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO read_model.case_fact (case_id, channel, segment, severity, failure_cause, opened_at,
                        status, first_resolved_at, last_sequence)
                    VALUES ('%s', 'CHAT', 'LOYAL', 'MINOR', 'PRODUCT', '2026-03-08T23:30:00Z', 'RESOLVED',
                            '2026-03-09T01:00:00.25Z', 5),
                           ('%s', 'EMAIL', 'NEW', 'MINOR', 'PRODUCT', '2026-03-09T00:00:00Z', 'OPEN', NULL, 1)"""
                    .formatted(CASE, UNBENT));
            statement.execute("INSERT INTO read_model.case_actor_fact (case_id, actor_id, bends_requested) VALUES "
                    + "('%s', 'alice', 2), ('%s', 'bob', 0)".formatted(CASE, UNBENT));
            statement.execute("""
                    INSERT INTO read_model.bend_fact (exception_id, case_id, policy_code, policy_version, deviation,
                        deviation_unit, value_amount, value_currency, within_bounds, reason_code, status, requested_by,
                        requester_roles, requested_at, requested_sequence)
                    VALUES ('%s', '%s', 'RETURN-WINDOW', 1, 5, 'DAYS', 10, 'EUR', true, 'LATE', 'GRANTED', 'alice',
                            'AGENT', '2026-03-08T23:40:00Z', 2),
                           ('%s', '%s', 'DELIVERY-FEE', 1, 5, 'MONEY', 5, 'EUR', true, 'LATE', 'DECLINED', 'alice',
                            'AGENT', '2026-03-08T23:50:00Z', 3),
                           ('%s', '%s', 'RETURN-WINDOW', 1, 2, 'DAYS', 4, 'EUR', true, 'LATE', 'PENDING', 'alice',
                            'AGENT', '2026-03-08T23:55:00Z', 4)"""
                    .formatted(UUID.randomUUID(), CASE, UUID.randomUUID(), CASE, UUID.randomUUID(), CASE));
        }

        migrate(url, "latest");

        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            try (ResultSet bent = statement.executeQuery("SELECT * FROM read_model.case_fact WHERE case_id = '"
                    + CASE + "'")) {
                bent.next();
                assertThat(bent.getDate("opened_week")).as("Sunday 2026-03-08 is in the week of Monday the 2nd")
                        .isEqualTo(Date.valueOf("2026-03-02"));
                assertThat(bent.getDouble("seconds_to_resolve")).isEqualTo(5400.25);
                assertThat(policies(bent.getArray("bent_policies"))).containsExactly("DELIVERY-FEE", "RETURN-WINDOW");
                assertThat(policies(bent.getArray("granted_policies"))).containsExactly("RETURN-WINDOW");
            }
            try (ResultSet unbent = statement.executeQuery("SELECT * FROM read_model.case_fact WHERE case_id = '"
                    + UNBENT + "'")) {
                unbent.next();
                assertThat(unbent.getDate("opened_week")).isEqualTo(Date.valueOf("2026-03-09"));
                assertThat(unbent.getObject("seconds_to_resolve")).isNull();
                assertThat(policies(unbent.getArray("bent_policies"))).isEmpty();
                assertThat(policies(unbent.getArray("granted_policies"))).isEmpty();
            }
            assertThat(copies(statement, "SELECT actor_id AS row, case_opened_at, case_opened_week, case_channel, "
                    + "case_segment FROM read_model.case_actor_fact ORDER BY actor_id")).containsExactly(
                    Map.of("alice", List.of(at("2026-03-08T23:30:00Z"), Date.valueOf("2026-03-02"), "CHAT", "LOYAL")),
                    Map.of("bob", List.of(at("2026-03-09T00:00:00Z"), Date.valueOf("2026-03-09"), "EMAIL", "NEW")));
            assertThat(copies(statement, "SELECT policy_code || '@' || requested_sequence AS row, case_opened_at, "
                    + "case_opened_week, case_channel, case_segment FROM read_model.bend_fact ORDER BY 1"))
                    .containsExactly(
                    Map.of("DELIVERY-FEE@3", List.of(at("2026-03-08T23:30:00Z"), Date.valueOf("2026-03-02"), "CHAT",
                            "LOYAL")),
                    Map.of("RETURN-WINDOW@2", List.of(at("2026-03-08T23:30:00Z"), Date.valueOf("2026-03-02"), "CHAT",
                            "LOYAL")),
                    Map.of("RETURN-WINDOW@4", List.of(at("2026-03-08T23:30:00Z"), Date.valueOf("2026-03-02"), "CHAT",
                            "LOYAL")));
            try (ResultSet first = statement.executeQuery("SELECT policy_code || '@' || requested_sequence "
                    + "FROM read_model.bend_fact WHERE first_under_policy ORDER BY 1")) {
                List<String> firsts = new ArrayList<>();
                while (first.next()) {
                    firsts.add(first.getString(1));
                }
                assertThat(firsts).as("the case's earliest bend under each policy").containsExactly("DELIVERY-FEE@3",
                        "RETURN-WINDOW@2");
            }
        }
    }

    private static String freshDatabase() throws SQLException {
        String database = "migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = LocalInfrastructure.shared().adminConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return LocalInfrastructure.shared().postgres().jdbcUrl(database);
    }

    /** As projection-service migrates at start-up (its application.yml), up to {@code target}. */
    private static void migrate(String url, String target) {
        Flyway.configure()
                .dataSource(url, "postgres", "")
                .schemas("read_model")
                .defaultSchema("read_model")
                .locations("classpath:db/migration/read-model")
                .placeholders(Map.of("projection_role", "leeway_projection", "projection_password", "leeway_projection",
                        "query_role", "leeway_query", "query_password", "leeway_query"))
                .target(target)
                .load()
                .migrate();
    }

    private static List<String> policies(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static Timestamp at(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }

    /** Each row's name and its four copies of its case's attributes. */
    private static List<Map<String, List<Object>>> copies(Statement statement, String sql) throws SQLException {
        List<Map<String, List<Object>>> rows = new ArrayList<>();
        try (ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                rows.add(Map.of(row.getString("row"), List.of(row.getTimestamp("case_opened_at"),
                        row.getDate("case_opened_week"), row.getString("case_channel"), row.getString("case_segment"))));
            }
        }
        return rows;
    }
}
