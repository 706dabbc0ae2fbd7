package dev.leeway.query.analytics.export;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.query.support.EventStoreFixture;
import dev.leeway.query.support.FactTableRows;
import dev.leeway.query.support.FactTableRows.BendRow;
import dev.leeway.query.support.FactTableRows.CaseRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fact tables exported as CSV and Parquet and read back the way a notebook would: CSV with a CSV parser, Parquet
 * with DuckDB. Its rows live in 2031-2033, away from every other test's, so that a range selects exactly them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class FactExportIT {

    private static final String IN_RANGE = "from=2031-01-01T00:00:00Z&to=2032-01-01T00:00:00Z";
    private static final String POLICY = "EXPORT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    /** Bends on cases opened in 2033, for the speed measurement. */
    private static final int MANY_BENDS = 200_000;

    private static final List<CaseRow> casesInRange = new ArrayList<>();
    private static final List<CaseRow> casesAfter = new ArrayList<>();
    private static final List<BendRow> bendsInRange = new ArrayList<>();
    private static final Map<UUID, Integer> actorsPerCase = new HashMap<>();

    /** Where the service writes Parquet files before sending them; empty between exports. */
    private static final Path EXPORT_FILES = temporaryDirectory();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("leeway.analytics.export.temp-directory", EXPORT_FILES::toString);
    }

    /**
     * 300 cases opened in 2031 with up to 4 bends each (some valued beyond Parquet's DECIMAL(38, 4): huge, or with
     * 6 decimals, both stored before the bounds existed) and one or two actors; 20 cases opened in 2032.
     */
    @BeforeAll
    static void facts() throws Exception {
        EventStoreFixture.migrate();
        Random random = new Random(2031L);
        Instant start = Instant.parse("2031-01-01T00:00:00Z");
        for (int i = 0; i < 300; i++) {
            CaseRow row = CaseRow.openedAt(start.plus(Duration.ofHours(6L * i)))
                    .via(List.of("PHONE", "EMAIL", "CHAT").get(i % 3), List.of("NEW", "LOYAL").get(i % 2));
            casesInRange.add(random.nextInt(4) == 0 ? row : row.resolved(row.openedAt().plusSeconds(3600),
                    1 + random.nextInt(5)));
        }
        for (int i = 0; i < 20; i++) {
            casesAfter.add(CaseRow.openedAt(Instant.parse("2032-03-01T00:00:00Z").plus(Duration.ofDays(i))));
        }
        for (CaseRow onCase : casesInRange) {
            for (int b = 0; b < random.nextInt(5); b++) {
                BendRow bend = BendRow.ownLimit(onCase, POLICY, "1", "agent-" + random.nextInt(5), "AGENT",
                        onCase.openedAt().plusSeconds(60L * (b + 1)), b + 2);
                bend = switch (random.nextInt(25)) {
                    case 0 -> bend.valued(new BigDecimal("1E+40"), "EUR", false);
                    case 1 -> bend.valued(new BigDecimal("1.234567"), "EUR", false);
                    case 2 -> bend.valued(new BigDecimal("12.5"), "USD", true);
                    case 3 -> bend.valued(new BigDecimal("1E+34"), "EUR", false);
                    default -> bend.valued(BigDecimal.valueOf(random.nextInt(50_000), 2), "EUR", true);
                };
                bendsInRange.add(random.nextInt(6) == 0 ? bend.underVersion(2) : bend);
            }
        }
        try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
            FactTableRows.insertCases(connection, casesInRange);
            FactTableRows.insertCases(connection, casesAfter);
            FactTableRows.insertBends(connection, bendsInRange);
            try (PreparedStatement actor = FactTableRows.actorInsert(connection)) {
                for (CaseRow onCase : casesInRange) {
                    int actors = 1 + random.nextInt(2);
                    for (int a = 0; a < actors; a++) {
                        actor.setObject(1, onCase.caseId());
                        actor.setString(2, "agent-" + a);
                        actor.setInt(3, a);
                        actor.setObject(4, onCase.caseId());
                        actor.addBatch();
                    }
                    actorsPerCase.put(onCase.caseId(), actors);
                }
                actor.executeBatch();
            }
            manyBends(connection);
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bendsAsCsvAreExactlyTheRangesRowsWithTheirStoredValues() throws Exception {
        HttpResponse<String> response = get("/analytics/export/bends?" + IN_RANGE, "ANALYST");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"bends.csv\"");
        assertThat(response.body().lines().findFirst().orElseThrow())
                .isEqualTo(String.join(",", FactTable.BENDS.columns().stream().map(FactColumn::name).toList()));
        Map<String, Map<String, String>> rows = byKey(csv(response.body()), "exception_id");
        assertThat(rows).hasSize(bendsInRange.size());
        for (BendRow bend : bendsInRange) {
            Map<String, String> row = rows.get(bend.exceptionId().toString());
            assertThat(row).as("bend " + bend.exceptionId()).isNotNull();
            assertThat(new BigDecimal(row.get("value_amount"))).isEqualByComparingTo(bend.valueAmount());
            assertThat(row.get("value_currency")).isEqualTo(bend.valueCurrency());
            assertThat(row.get("within_bounds")).isEqualTo(Boolean.toString(bend.withinBounds()));
            assertThat(row.get("case_id")).isEqualTo(bend.caseId().toString());
            assertThat(row.get("policy_version")).isEqualTo(Integer.toString(bend.policyVersion()));
            assertThat(row.get("requested_at")).isEqualTo(bend.requestedAt().toString());
            assertThat(row.get("requested_sequence")).isEqualTo(Long.toString(bend.requestedSequence()));
            assertThat(row.get("authority")).isEqualTo("OWN_LIMIT");
            assertThat(row.get("approver_role")).as("null is an empty field").isEmpty();
            assertThat(row.get("reviewed_at")).isEmpty();
        }
    }

    @Test
    void bendsAsParquetReadBackWithDuckDbToTheInsertedCountAndSum() throws Exception {
        Path file = parquet("/analytics/export/bends?format=parquet&" + IN_RANGE);

        List<BendRow> fitting = bendsInRange.stream()
                .filter(bend -> fitsParquetDecimal(bend.valueAmount())).toList();
        BigDecimal sum = fitting.stream().map(BendRow::valueAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), sum(value_amount), count(value_amount), "
                     + "count(DISTINCT exception_id), min(requested_at), sum(policy_version), "
                     + "count(*) FILTER (WHERE NOT within_bounds) FROM read_parquet('" + file + "')")) {
            result.next();
            assertThat(result.getLong(1)).isEqualTo(bendsInRange.size());
            assertThat(result.getBigDecimal(2)).isEqualByComparingTo(sum);
            assertThat(result.getLong(3)).as("values that do not fit DECIMAL(38, 4) are null")
                    .isEqualTo(fitting.size()).isLessThan(bendsInRange.size());
            assertThat(result.getLong(4)).isEqualTo(bendsInRange.size());
            assertThat(result.getObject(5, OffsetDateTime.class).toInstant())
                    .isEqualTo(bendsInRange.stream().map(BendRow::requestedAt).min(Instant::compareTo).orElseThrow());
            assertThat(result.getLong(6)).isEqualTo(bendsInRange.stream().mapToLong(BendRow::policyVersion).sum());
            assertThat(result.getLong(7)).isEqualTo(bendsInRange.stream().filter(bend -> !bend.withinBounds()).count());
        } finally {
            Files.delete(file);
        }
    }

    /**
     * What Parquet's DECIMAL(38, 4) holds exactly (more decimals, or more than 34 integer digits, is null there):
     * the rule written out here in Java, independent of the SQL the export uses.
     */
    private static boolean fitsParquetDecimal(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 4 && value.setScale(4, RoundingMode.UNNECESSARY).precision() <= 38;
    }

    @ParameterizedTest
    @EnumSource(FactTable.class)
    void parquetColumnsAreTheFactTablesColumnsWithTheirTypes(FactTable table) throws Exception {
        Path file = parquet("/analytics/export/" + table.fileName() + "?format=parquet&" + IN_RANGE);

        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (result.next()) {
                names.add(result.getString("column_name"));
                types.add(result.getString("column_type"));
            }
        } finally {
            Files.delete(file);
        }
        assertThat(names).isEqualTo(table.columns().stream().map(FactColumn::name).toList());
        assertThat(types).isEqualTo(table.columns().stream()
                .map(column -> column.type().duckDbType().replace("DECIMAL(38, 4)", "DECIMAL(38,4)")
                        .replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"))
                .toList());
    }

    @Test
    void casesInBothFormatsAreThoseOpenedInTheRange() throws Exception {
        List<Map<String, String>> csvRows = csv(get("/analytics/export/cases?" + IN_RANGE, "ANALYST").body());
        Path file = parquet("/analytics/export/cases?format=parquet&" + IN_RANGE);

        long scoreSum = casesInRange.stream().map(CaseRow::satisfactionScore).filter(Objects::nonNull)
                .mapToLong(Integer::longValue).sum();
        assertThat(byKey(csvRows, "case_id").keySet())
                .isEqualTo(casesInRange.stream().map(row -> row.caseId().toString()).collect(java.util.stream.Collectors.toSet()));
        assertThat(csvRows.stream().map(row -> row.get("satisfaction_score")).filter(score -> !score.isEmpty())
                .mapToLong(Long::parseLong).sum()).isEqualTo(scoreSum);
        CaseRow first = casesInRange.get(0);
        Map<String, String> firstRow = byKey(csvRows, "case_id").get(first.caseId().toString());
        assertThat(firstRow.get("opened_at")).isEqualTo(first.openedAt().toString());
        assertThat(firstRow.get("channel")).isEqualTo(first.channel());
        assertThat(firstRow.get("segment")).isEqualTo(first.segment());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), sum(satisfaction_score), min(opened_at), "
                     + "max(opened_at), count(*) FILTER (WHERE channel = 'CHAT') FROM read_parquet('" + file + "')")) {
            result.next();
            assertThat(result.getLong(1)).isEqualTo(casesInRange.size());
            assertThat(result.getLong(2)).isEqualTo(scoreSum);
            assertThat(result.getObject(3, OffsetDateTime.class).toInstant()).isEqualTo(first.openedAt());
            assertThat(result.getObject(4, OffsetDateTime.class).toInstant())
                    .isEqualTo(casesInRange.get(casesInRange.size() - 1).openedAt());
            assertThat(result.getLong(5)).isEqualTo(casesInRange.stream().filter(c -> c.channel().equals("CHAT")).count());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void caseActorsGoWithTheirCase() throws Exception {
        List<Map<String, String>> rows = csv(get("/analytics/export/case-actors?" + IN_RANGE, "ANALYST").body());

        assertThat(rows).hasSize(actorsPerCase.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(rows.get(0).keySet()).containsExactly("case_id", "actor_id", "bends_requested");
    }

    @Test
    void anOpenEndedRangeTakesEverythingFromItsStart() throws Exception {
        List<Map<String, String>> rows = csv(get("/analytics/export/cases?from=2032-01-01T00:00:00Z"
                + "&to=2033-01-01T00:00:00Z", "ANALYST").body());
        List<Map<String, String>> from2032 = csv(get("/analytics/export/cases?from=2032-01-01T00:00:00Z", "ANALYST")
                .body());

        assertThat(rows).hasSize(casesAfter.size());
        assertThat(from2032).hasSizeGreaterThan(casesAfter.size());
        assertThat(byKey(from2032, "case_id")).containsKeys(casesAfter.stream().map(c -> c.caseId().toString())
                .toArray(String[]::new));
    }

    @Test
    void anEmptyRangeIsAHeaderOnlyCsvAndAnEmptyParquetFile() throws Exception {
        String empty = "from=2040-01-01T00:00:00Z&to=2041-01-01T00:00:00Z";
        HttpResponse<String> csv = get("/analytics/export/bends?" + empty, "ANALYST");
        Path file = parquet("/analytics/export/bends?format=parquet&" + empty);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(String.join(",", FactTable.BENDS.columns().stream()
                .map(FactColumn::name).toList()) + "\n");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
            result.next();
            assertThat(result.getLong(1)).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void everyFactTableColumnIsExportedOrListedAsRestatingExportedOnes() throws Exception {
        try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
            for (FactTable table : FactTable.values()) {
                List<String> columns = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = 'read_model' AND table_name = ? ORDER BY ordinal_position""")) {
                    query.setString(1, table.table());
                    try (ResultSet result = query.executeQuery()) {
                        while (result.next()) {
                            columns.add(result.getString(1));
                        }
                    }
                }
                List<String> listed = new ArrayList<>(table.columns().stream().map(FactColumn::name).toList());
                listed.addAll(table.restated());
                assertThat(listed)
                        .as("a column added to %s is exported only once it is listed in FactTable (no personal "
                                + "text), or listed there as restating exported ones", table.table())
                        .isEqualTo(columns);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/analytics/export/cases", "/analytics/export/case-actors", "/analytics/export/bends"})
    void onlyAnalystsExport(String path) throws Exception {
        String empty = "?from=2040-01-01T00:00:00Z&to=2041-01-01T00:00:00Z";
        assertThat(get(path + empty, "ANALYST").statusCode()).isEqualTo(200);
        for (String role : List.of("AGENT", "SUPERVISOR", "POLICY_OWNER", "AUDITOR", "ADMIN")) {
            assertProblem(get(path + empty, role), 403, "FORBIDDEN");
        }
        assertProblem(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + empty)).build(),
                HttpResponse.BodyHandlers.ofString()), 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?format=xlsx", "?from=2031-02-01T00:00:00Z&to=2031-01-01T00:00:00Z",
            "?from=yesterday"})
    void aBadFormatOrRangeIsA400(String query) throws Exception {
        assertProblem(get("/analytics/export/bends" + query, "ANALYST"), 400, "VALIDATION_FAILED");
    }

    @Test
    void aParquetExportLeavesNoFileBehind() throws Exception {
        Files.delete(parquet("/analytics/export/cases?format=parquet&" + IN_RANGE));

        // The server deletes its file after the last byte is sent, so the client may finish reading first.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var left = Files.list(EXPORT_FILES)) {
                assertThat(left).isEmpty();
            }
        });
    }

    @Test
    void theDocumentNamesEachExportWithItsFormatsRangeAndRole() throws Exception {
        com.fasterxml.jackson.databind.JsonNode paths = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get("/v3/api-docs", "ANALYST").body()).get("paths");

        for (FactTable table : FactTable.values()) {
            com.fasterxml.jackson.databind.JsonNode operation = paths.path("/analytics/export/" + table.fileName())
                    .path("get");
            assertThat(operation.path("description").asText()).as(table.fileName()).endsWith("Roles: ANALYST.");
            List<String> parameters = new ArrayList<>();
            operation.path("parameters").forEach(parameter -> parameters.add(parameter.path("name").asText()));
            assertThat(parameters).containsExactly("format", "from", "to");
            assertThat(operation.path("parameters").get(0).path("schema").path("enum").toString())
                    .isEqualTo("[\"csv\",\"parquet\"]");
            assertThat(operation.at("/responses/200/content").has("application/vnd.apache.parquet")).isTrue();
        }
        assertThat(paths.at("/~1analytics~1what-if/post/description").asText()).endsWith("Roles: ANALYST.");
    }

    /** Not a benchmark (the lead's {@code deploy/leeway bench analytics} is): a figure in the log, and a floor. */
    @Test
    void twoHundredThousandBendsExportAsParquetAtSpeed() throws Exception {
        String range = "from=2033-01-01T00:00:00Z&to=2034-01-01T00:00:00Z";
        parquetTimed(range);

        long[] timed = parquetTimed(range);

        System.out.printf("Parquet export of %,d bends: %,d ms, %,.0f rows/s, %,d bytes%n", MANY_BENDS, timed[0],
                MANY_BENDS * 1000.0 / timed[0], timed[1]);
        long started = System.nanoTime();
        HttpResponse<Path> csv = http.send(request("/analytics/export/bends?" + range, "ANALYST"),
                HttpResponse.BodyHandlers.ofFile(Files.createTempFile("bends-", ".csv")));
        long csvMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("CSV export of %,d bends: %,d ms, %,.0f rows/s, %,d bytes%n", MANY_BENDS, csvMillis,
                MANY_BENDS * 1000.0 / csvMillis, Files.size(csv.body()));
        Files.delete(csv.body());
        assertThat(timed[0]).as("a floor far below the goal (200,000 rows/s), to catch a per-row round trip")
                .isLessThan(20_000);
    }

    /** {ms, bytes} */
    private long[] parquetTimed(String range) throws Exception {
        long started = System.nanoTime();
        Path file = parquet("/analytics/export/bends?format=parquet&" + range);
        long millis = (System.nanoTime() - started) / 1_000_000;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
            result.next();
            assertThat(result.getLong(1)).isEqualTo(MANY_BENDS);
            return new long[] {millis, Files.size(file)};
        } finally {
            Files.delete(file);
        }
    }

    private static void manyBends(Connection connection) throws Exception {
        try (PreparedStatement cases = connection.prepareStatement("""
                INSERT INTO read_model.case_fact (case_id, channel, segment, severity, failure_cause, opened_at, status,
                    satisfaction_score, last_sequence, opened_week)
                SELECT md5(? || i)::uuid, 'PHONE', 'REGULAR', 'MINOR', 'PRODUCT',
                       timestamptz '2033-01-01' + i * interval '1 minute', 'RESOLVED', 1 + i % 5, 1,
                       date_trunc('week', (timestamptz '2033-01-01' + i * interval '1 minute') AT TIME ZONE 'UTC')::date
                FROM generate_series(1, 40000) i""");
             PreparedStatement bends = connection.prepareStatement("""
                INSERT INTO read_model.bend_fact (exception_id, case_id, policy_code, policy_version, deviation,
                    deviation_unit, value_amount, value_currency, within_bounds, reason_code, status, authority,
                    approver_role, requested_by, requester_roles, decided_by, requested_at, requested_sequence,
                    decided_at, case_opened_at, case_opened_week, case_channel, case_segment)
                SELECT md5(? || i)::uuid, c.case_id, ?, 1, 1 + i % 10, 'DAYS', (i % 30000) / 100.0,
                       'EUR', true, 'GOODWILL', 'GRANTED', 'APPROVED', 'SUPERVISOR', 'agent-' || (i % 40), 'AGENT',
                       'sup-1', timestamptz '2033-01-01' + i * interval '1 minute', i,
                       timestamptz '2033-01-01' + i * interval '1 minute' + interval '5 minutes',
                       c.opened_at, c.opened_week, c.channel, c.segment
                FROM generate_series(1, ?) i JOIN read_model.case_fact c ON c.case_id = md5(? || (1 + i % 40000))::uuid""")) {
            cases.setString(1, POLICY + "-case-");
            cases.executeUpdate();
            bends.setString(1, POLICY + "-bend-");
            bends.setString(2, POLICY);
            bends.setInt(3, MANY_BENDS);
            bends.setString(4, POLICY + "-case-");
            bends.executeUpdate();
            FactTableRows.policiesFromBendsUnder(connection, POLICY);
            connection.createStatement().execute("ANALYZE read_model.case_fact; ANALYZE read_model.bend_fact");
        }
    }

    private Path parquet(String path) throws Exception {
        HttpResponse<Path> response = http.send(request(path, "ANALYST"),
                HttpResponse.BodyHandlers.ofFile(Files.createTempFile("export-", ".parquet")));
        assertThat(response.statusCode()).as(Files.readString(response.body(), StandardCharsets.ISO_8859_1))
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.parquet");
        return response.body();
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("leeway-export-it-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Map<String, String>> csv(String body) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            return rows.readAll();
        }
    }

    private static Map<String, Map<String, String>> byKey(List<Map<String, String>> rows, String key) {
        Map<String, Map<String, String>> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(row.get(key), row));
        return byKey;
    }

    private HttpRequest request(String path, String role) {
        String token = LocalInfrastructure.shared().tokens().mint("analyst", List.of(role), Duration.ofMinutes(5));
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build();
    }

    private HttpResponse<String> get(String path, String role) throws Exception {
        return http.send(request(path, role), HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
    }
}
