package dev.leeway.query.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.LocalInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class CaseQueryApiIT {

    private static final UUID KNOWN_CASE = UUID.fromString("3f1c2b7a-5d4e-4a9b-8c7d-6e5f4a3b2c10");
    /** Newest first, as the list returns them. */
    private static final List<UUID> OPEN_CASES = new ArrayList<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * The read-model schema belongs to projection-service; its own migrations build it here, run as the
     * migration role, exactly as projection-service would at start-up.
     */
    @BeforeAll
    static void readModelWithCases() throws Exception {
        LocalInfrastructure servers = LocalInfrastructure.shared();
        Flyway.configure()
                .dataSource(servers.jdbcUrl(), "postgres", "")
                .schemas("read_model")
                .defaultSchema("read_model")
                .locations("filesystem:../projection-service/src/main/resources/db/migration/read-model")
                .placeholders(Map.of(
                        "projection_role", "leeway_projection", "projection_password", "leeway_projection",
                        "query_role", "leeway_query", "query_password", "leeway_query"))
                .load()
                .migrate();
        try (Connection connection = servers.adminConnection()) {
            connection.createStatement().execute("DELETE FROM read_model.case_summary");
            connection.createStatement().execute("DELETE FROM read_model.case_bend");
            insert(connection, KNOWN_CASE, "Broken zip", Instant.parse("2026-10-01T08:00:00Z"), 3);
            connection.createStatement().execute("""
                    INSERT INTO read_model.case_bend (exception_id, case_id, policy_code, policy_version, deviation,
                        deviation_unit, value_amount, value_currency, reason_code, justification, status, approver_role,
                        requested_by, requested_at)
                    VALUES ('7a1c2b7a-5d4e-4a9b-8c7d-6e5f4a3b2c99', '%s', 'RETURN-WINDOW', 1, 10, 'DAYS', 80, 'EUR',
                        'HOSPITAL', 'In hospital', 'PENDING', 'SUPERVISOR', 'alice', '2026-10-01T09:00:00Z')"""
                    .formatted(KNOWN_CASE));
            for (int day = 1; day <= 5; day++) {
                UUID caseId = UUID.randomUUID();
                insert(connection, caseId, "Case " + day, Instant.parse("2026-11-0" + day + "T10:00:00Z"), 0);
                OPEN_CASES.add(0, caseId); // newest first
            }
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCaseIsReturnedWithItsBendsAndItsVersionAsETag() throws Exception {
        HttpResponse<String> response = get("/cases/" + KNOWN_CASE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"3\"");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("caseId").asText()).isEqualTo(KNOWN_CASE.toString());
        assertThat(body.get("subject").asText()).isEqualTo("Broken zip");
        assertThat(body.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(body.get("status").asText()).isEqualTo("OPEN");
        assertThat(body.get("openedAt").asText()).isEqualTo("2026-10-01T08:00:00Z");
        assertThat(body.get("version").asLong()).isEqualTo(3);
        JsonNode bend = body.get("bends").get(0);
        assertThat(bend.get("status").asText()).isEqualTo("PENDING");
        assertThat(bend.get("policyCode").asText()).isEqualTo("RETURN-WINDOW");
        assertThat(bend.get("approverRole").asText()).isEqualTo("SUPERVISOR");
        assertThat(bend.get("valueAmount").toString()).isEqualTo("80");
        assertThat(bend.get("deviation").toString()).isEqualTo("10");
    }

    @Test
    void aCaseWhoseEventsAreParkedSaysFromWhereItsViewWaits() throws Exception {
        UUID caseId = UUID.randomUUID();
        try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
            insert(connection, caseId, "Waiting", Instant.parse("2026-10-02T08:00:00Z"), 1);
            for (int sequence = 2; sequence <= 3; sequence++) {
                connection.createStatement().execute("""
                        INSERT INTO read_model.parked_event (projection, aggregate_type, aggregate_id, sequence,
                            event_id, event_type, event_timestamp, kafka_topic, kafka_partition, kafka_offset, reason,
                            parked_at)
                        VALUES ('case_summary', 'Case', '%s', %d, '%s', 'dev.leeway.kernel.cases.ExceptionGranted',
                            '2026-10-02T09:00:00Z', 'leeway.events', 0, %d, 'numeric field overflow',
                            '2026-10-02T09:00:01Z')""".formatted(caseId, sequence, UUID.randomUUID(), sequence));
            }
            // Parked by another read model of cases: it does not hold this view back.
            connection.createStatement().execute("""
                    INSERT INTO read_model.parked_event (projection, aggregate_type, aggregate_id, sequence, event_id,
                        event_type, event_timestamp, kafka_topic, kafka_partition, kafka_offset, reason, parked_at)
                    VALUES ('another_read_model', 'Case', '%s', 1, '%s', 'dev.leeway.kernel.cases.CaseAssigned',
                        '2026-10-02T08:30:00Z', 'leeway.events', 0, 1, 'refused', '2026-10-02T08:30:01Z')"""
                    .formatted(caseId, UUID.randomUUID()));
        }

        JsonNode parked;
        JsonNode known;
        try {
            parked = json.readTree(get("/cases/" + caseId).body()).path("parked");
            known = json.readTree(get("/cases/" + KNOWN_CASE).body());
        } finally {
            try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
                connection.createStatement().execute("DELETE FROM read_model.parked_event WHERE aggregate_id = '"
                        + caseId + "'");
                connection.createStatement().execute("DELETE FROM read_model.case_summary WHERE case_id = '"
                        + caseId + "'");
            }
        }

        assertThat(parked.path("fromSequence").asLong()).isEqualTo(2);
        assertThat(parked.path("events").asInt()).isEqualTo(2);
        assertThat(parked.path("since").asText()).isEqualTo("2026-10-02T09:00:01Z");
        assertThat(known.has("parked")).as("a case without parked events has no marker").isFalse();
    }

    @Test
    void readingWithoutATokenIsUnauthenticated() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/cases/" + KNOWN_CASE)).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN"})
    void aRoleWithoutBusinessWithCasesIsForbidden(String role) throws Exception {
        assertProblem(get("/cases/" + KNOWN_CASE, role), 403, "FORBIDDEN");
        assertProblem(get("/cases?status=OPEN", role), 403, "FORBIDDEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AGENT", "SUPERVISOR", "POLICY_OWNER", "ANALYST", "AUDITOR"})
    void staffRolesReadCases(String role) throws Exception {
        assertThat(get("/cases/" + KNOWN_CASE, role).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownCaseIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/cases/" + UUID.randomUUID());

        assertProblem(response, 404, "CASE_NOT_FOUND");
    }

    @Test
    void aCaseIdThatIsNotAUuidIsA400Problem() throws Exception {
        assertProblem(get("/cases/not-a-uuid"), 400, "VALIDATION_FAILED");
    }

    @Test
    void openCasesArePagedNewestFirst() throws Exception {
        JsonNode first = json.readTree(get("/cases?status=OPEN&page=0&size=2").body());
        JsonNode second = json.readTree(get("/cases?status=OPEN&page=1&size=2").body());

        assertThat(ids(first)).containsExactly(OPEN_CASES.get(0).toString(), OPEN_CASES.get(1).toString());
        assertThat(ids(second)).containsExactly(OPEN_CASES.get(2).toString(), OPEN_CASES.get(3).toString());
        assertThat(first.get("totalItems").asLong()).isEqualTo(6);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status=BOGUS", "size=0", "size=201", "page=-1", "page=abc"})
    void badListParametersAreA400Problem(String query) throws Exception {
        assertProblem(get("/cases?" + query), 400, "VALIDATION_FAILED");
    }

    @Test
    void theServiceRoleCanOnlyRead() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.case_summary", Long.class)).isPositive();

        assertThatThrownBy(() -> jdbc.update("DELETE FROM read_model.case_summary"))
                .rootCause().hasMessageContaining("read-only transaction");
        assertThatThrownBy(() -> jdbc.execute((Connection connection) -> {
            connection.setReadOnly(false); // even without the pool's read-only flag, the role has no write grant
            return connection.createStatement().executeUpdate("DELETE FROM read_model.case_summary");
        })).rootCause().hasMessageContaining("permission denied");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("caseId").asText()));
        return ids;
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo(code);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, "ANALYST");
    }

    private HttpResponse<String> get(String path, String role) throws Exception {
        String token = LocalInfrastructure.shared().tokens().mint("reader", List.of(role), Duration.ofMinutes(5));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void insert(Connection connection, UUID caseId, String subject, Instant openedAt, long sequence)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_model.case_summary (case_id, customer_id, channel, subject, description, status,
                                                     opened_at, last_event_at, last_sequence)
                VALUES (?, 'CUST-3', 'EMAIL', ?, 'details', 'OPEN', ?, ?, ?)""")) {
            insert.setObject(1, caseId);
            insert.setString(2, subject);
            insert.setTimestamp(3, Timestamp.from(openedAt));
            insert.setTimestamp(4, Timestamp.from(openedAt));
            insert.setLong(5, sequence);
            insert.executeUpdate();
        }
    }
}
