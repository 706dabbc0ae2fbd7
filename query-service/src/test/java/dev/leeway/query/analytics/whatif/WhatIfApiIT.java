package dev.leeway.query.analytics.whatif;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.query.analytics.whatif.BruteForceRecount.Terms;
import dev.leeway.query.support.EventStoreFixture;
import dev.leeway.query.support.FactTableRows;
import dev.leeway.query.support.FactTableRows.BendRow;
import dev.leeway.query.support.FactTableRows.CaseRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if against the truth: generated histories recounted by {@link BruteForceRecount}, a hand-written history
 * decided under the policy's current terms, and the refusals of terms the rulebook would not accept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class WhatIfApiIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    /** A few hundred generated bends, replayed under many terms. */
    private static final String GENERATED = "WHATIF-GEN-" + SUFFIX;
    /** A hand-written history decided under the policy's current terms: AGENT 100, SUPERVISOR 400, budget 250. */
    private static final String CURRENT = "WHATIF-NOW-" + SUFFIX;
    private static final String YEN = "WHATIF-JPY-" + SUFFIX;
    private static final String LARGE = "WHATIF-BIG-" + SUFFIX;
    private static final int LARGE_BENDS = 50_000;

    /** Who asks, with the roles their token carried; one with a role this version does not know. */
    private static final List<String[]> REQUESTERS = List.of(
            new String[] {"agent-1", "AGENT"}, new String[] {"agent-2", "AGENT"}, new String[] {"agent-3", "AGENT"},
            new String[] {"agent-4", "AGENT"}, new String[] {"sup-1", "AGENT,SUPERVISOR"},
            new String[] {"sup-2", "SUPERVISOR"}, new String[] {"owner-1", "SUPERVISOR, POLICY_OWNER"},
            new String[] {"analyst-1", "ANALYST"}, new String[] {"lead-1", "TEAM_LEAD,AGENT"},
            new String[] {"nobody-1", ""});

    private static final List<BendRow> generated = new ArrayList<>();
    private static final Map<UUID, Instant> openedAt = new HashMap<>();
    private static final Map<UUID, Integer> scores = new HashMap<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void history() throws Exception {
        EventStoreFixture.migrate();
        try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
            FactTableRows.policy(connection, GENERATED, "BENDABLE", "EUR", Map.of("AGENT", "100"), "400");
            FactTableRows.policy(connection, CURRENT, "BENDABLE", "EUR",
                    Map.of("AGENT", "100", "SUPERVISOR", "400"), "250");
            FactTableRows.policy(connection, YEN, "BENDABLE", "JPY", Map.of("AGENT", "10000"), "50000");
            FactTableRows.policy(connection, LARGE, "BENDABLE", "EUR", Map.of("AGENT", "100"), "1000");
            generate(connection, new Random(20261201L), 150, 400);
            currentTermsHistory(connection);
            large(connection);
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    static Stream<Terms> proposals() {
        return Stream.of(
                terms("BENDABLE", Map.of("AGENT", "100", "SUPERVISOR", "250"), "400"),
                terms("BENDABLE", Map.of("AGENT", "200", "SUPERVISOR", "150", "POLICY_OWNER", "1000"), "1000"),
                terms("BENDABLE", Map.of(), "100"),
                terms("HARD", Map.of("AGENT", "100"), "400"),
                terms("BENDABLE", Map.of("AGENT", "0", "SUPERVISOR", "50.5"), "0"),
                terms("BENDABLE", Map.of("AGENT", "300", "SUPERVISOR", "300"), "1000000"));
    }

    @ParameterizedTest
    @MethodSource("proposals")
    void theWhatIfMatchesABruteForceRecountOfEveryBend(Terms terms) throws Exception {
        HttpResponse<String> response = whatIf(request(GENERATED, terms, null, null), "ANALYST");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(BruteForceRecount.flatten(answer))
                .isEqualTo(BruteForceRecount.recount(generated, scores, terms, "EUR"));
        assertThat(answer.get("bends").asLong()).isEqualTo(generated.size());
    }

    @Test
    void aRangeReplaysOnlyTheBendsOfCasesOpenedInIt() throws Exception {
        Instant from = Instant.parse("2026-01-10T00:00:00Z");
        Instant to = Instant.parse("2026-02-01T00:00:00Z");
        Terms terms = terms("BENDABLE", Map.of("AGENT", "120", "SUPERVISOR", "200"), "300");
        List<BendRow> inRange = generated.stream().filter(bend -> !openedAt.get(bend.caseId()).isBefore(from)
                && openedAt.get(bend.caseId()).isBefore(to)).toList();

        JsonNode answer = json.readTree(whatIf(request(GENERATED, terms, from, to), "ANALYST").body());

        assertThat(inRange).isNotEmpty().hasSizeLessThan(generated.size());
        assertThat(BruteForceRecount.flatten(answer)).isEqualTo(BruteForceRecount.recount(inRange, scores, terms, "EUR"));
        assertThat(answer.get("from").asText()).isEqualTo("2026-01-10T00:00:00Z");
    }

    @Test
    void thePolicysCurrentTermsReproduceHowTheBendsDecidedUnderThemWent() throws Exception {
        JsonNode answer = json.readTree(whatIf(request(CURRENT,
                terms("BENDABLE", Map.of("AGENT", "100", "SUPERVISOR", "400"), "250"), null, null), "ANALYST").body());

        assertThat(answer.get("proposed")).isEqualTo(answer.get("actual"));
        assertThat(answer.at("/actual/ownAuthority/bends").asLong()).isEqualTo(5);
        assertThat(answer.at("/actual/ownAuthority/value").decimalValue()).isEqualByComparingTo("550");
        assertThat(answer.at("/actual/secondPerson/bends").asLong()).isEqualTo(4);
        assertThat(answer.at("/actual/refused/bends").asLong()).isEqualTo(1);
        assertThat(answer.at("/actual/refusedBecause/NOBODY_CAN_APPROVE").asLong()).isEqualTo(1);
        answer.get("transitions").forEach(transition -> assertThat(transition.get("changed").asBoolean()).isFalse());
    }

    @Test
    void aLowerAgentLimitMovesTheirOwnGrantsToASecondPersonWithTheCsatOfThoseCases() throws Exception {
        JsonNode answer = json.readTree(whatIf(request(CURRENT,
                terms("BENDABLE", Map.of("AGENT", "50", "SUPERVISOR", "400"), "250"), null, null), "ANALYST").body());

        JsonNode moved = transition(answer, "OWN_AUTHORITY", "SECOND_PERSON");
        assertThat(moved.get("changed").asBoolean()).isTrue();
        assertThat(moved.get("bends").asLong()).isEqualTo(4);
        assertThat(moved.get("value").decimalValue()).isEqualByComparingTo("350");
        assertThat(moved.get("cases").asLong()).isEqualTo(3);
        assertThat(moved.at("/satisfaction/n").asLong()).isEqualTo(2);
        assertThat(moved.at("/satisfaction/mean").decimalValue()).isEqualByComparingTo("3.50");
        assertThat(transition(answer, "OWN_AUTHORITY", "OWN_AUTHORITY").get("bends").asLong()).isEqualTo(1);
        assertThat(answer.get("currency").asText()).isEqualTo("EUR");
        assertThat(answer.at("/proposed/ownAuthority/value").toString()).isEqualTo("200.00");
    }

    @Test
    void theWhatIfWritesNothing() throws Exception {
        Map<String, Long> before = rowCounts();

        whatIf(request(GENERATED, terms("BENDABLE", Map.of("AGENT", "1"), "1"), null, null), "ANALYST");

        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void fiftyThousandBendsAreReplayedWithinTwoSeconds() throws Exception {
        Map<String, Object> body = request(LARGE, terms("BENDABLE", Map.of("AGENT", "150", "SUPERVISOR", "300"),
                "2000"), null, null);
        whatIf(body, "ANALYST");

        long started = System.nanoTime();
        HttpResponse<String> response = whatIf(body, "ANALYST");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("bends").asLong()).isEqualTo(LARGE_BENDS);
        System.out.printf("what-if over %,d bends: %,d ms%n", LARGE_BENDS, millis);
        assertThat(millis).isLessThanOrEqualTo(2_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ownAuthorityLimits\": {\"AGENT\": -1}}",
            "{\"ownAuthorityLimits\": {\"AGENT\": 10.001}}",
            "{\"ownAuthorityLimits\": {\"AGENT\": 1000000000.01}}",
            "{\"monthlyBudgetPerAgent\": -5}",
            "{\"monthlyBudgetPerAgent\": 1E+12}",
            "{\"currency\": \"USD\"}",
            "{\"ownAuthorityLimits\": {\"AGENT\": null}}",
            "{\"kind\": null}",
            "{\"kind\": \"SOFT\"}",
            "{\"ownAuthorityLimits\": {\"BOSS\": 10}}",
            "{\"policyCode\": \"lower-case\"}",
            "{\"from\": \"2026-02-01T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}",
            "{\"from\": \"yesterday\"}"})
    void termsTheRulebookWouldRefuseAreA400(String change) throws Exception {
        Map<String, Object> body = request(GENERATED, terms("BENDABLE", Map.of("AGENT", "100"), "400"), null, null);
        body.putAll(json.readValue(change, Map.class));

        assertProblem(whatIf(body, "ANALYST"), 400, "VALIDATION_FAILED");
    }

    @Test
    void anAmountWithDecimalsTheCurrencyDoesNotHaveIsA400() throws Exception {
        assertProblem(whatIf(request(YEN, terms("BENDABLE", Map.of("AGENT", "100.50"), "400"), null, null),
                "ANALYST"), 400, "VALIDATION_FAILED");
        assertThat(whatIf(request(YEN, terms("BENDABLE", Map.of("AGENT", "100"), "400"), null, null), "ANALYST")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownPolicyIsA404() throws Exception {
        assertProblem(whatIf(request("NO-SUCH-RULE-" + SUFFIX, terms("BENDABLE", Map.of(), "1"), null, null),
                "ANALYST"), 404, "POLICY_NOT_FOUND");
    }

    @Test
    void aBodyThatIsNotTheTermsIsRefusedWithItsCode() throws Exception {
        assertProblem(post("{\"policyCode\": ", "ANALYST", "application/json"), 400, "MALFORMED_JSON");
        assertProblem(post("{\"policyCode\": \"" + GENERATED + "\", \"kind\": \"BENDABLE\", "
                + "\"monthlyBudgetPerAgent\": 1, \"monthlyBudget\": 2}", "ANALYST", "application/json"), 400,
                "UNKNOWN_FIELD");
        assertProblem(post("{\"policyCode\": \"" + GENERATED + "\", \"kind\": \"BENDABLE\", "
                + "\"monthlyBudgetPerAgent\": 1, \"monthlyBudgetPerAgent\": 2}", "ANALYST", "application/json"), 400,
                "DUPLICATE_FIELD");
        assertProblem(post("policyCode=X", "ANALYST", "application/x-www-form-urlencoded"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void onlyAnalystsAskWhatIf() throws Exception {
        Map<String, Object> body = request(GENERATED, terms("BENDABLE", Map.of("AGENT", "100"), "400"), null, null);
        assertThat(whatIf(body, "ANALYST").statusCode()).isEqualTo(200);
        for (String role : List.of("AGENT", "SUPERVISOR", "POLICY_OWNER", "AUDITOR", "ADMIN")) {
            assertProblem(whatIf(body, role), 403, "FORBIDDEN");
        }
        assertProblem(http.send(HttpRequest.newBuilder(uri()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString()), 401, "UNAUTHENTICATED");
    }

    /**
     * {@code cases} cases opened 7 hours apart from 2026-01-01 (70% with a score), and {@code count} bends on them,
     * each asked at its own minute over three months, plus some asked at the same instant as another on the same
     * case (the case's sequence orders those). Values: mostly 0 to 300 EUR, some zero, some in USD, some stored
     * beyond the bounds. How each actually went is drawn from the shapes the command side records.
     */
    private static void generate(Connection connection, Random random, int cases, int count) throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<CaseRow> caseRows = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            CaseRow row = CaseRow.openedAt(start.plus(Duration.ofHours(7L * i)));
            if (random.nextInt(10) < 7) {
                row = row.resolved(row.openedAt().plus(Duration.ofHours(2)), 1 + random.nextInt(5));
            }
            caseRows.add(row);
            openedAt.put(row.caseId(), row.openedAt());
            scores.put(row.caseId(), row.satisfactionScore());
        }
        FactTableRows.insertCases(connection, caseRows);
        Set<Integer> minutesTaken = new HashSet<>();
        Map<UUID, Long> sequences = new HashMap<>();
        int minutesInThreeMonths = 90 * 24 * 60;
        for (int i = 0; i < count; i++) {
            CaseRow onCase = caseRows.get(random.nextInt(cases));
            boolean twin = i > 0 && random.nextInt(20) == 0;
            BendRow previous = twin ? generated.get(generated.size() - 1) : null;
            UUID caseId = twin ? previous.caseId() : onCase.caseId();
            Instant at;
            if (twin) {
                at = previous.requestedAt();
            } else {
                int minute;
                do {
                    minute = random.nextInt(minutesInThreeMonths);
                } while (!minutesTaken.add(minute));
                at = start.plus(Duration.ofMinutes(minute));
            }
            long sequence = sequences.merge(caseId, 1L, Long::sum) + 10;
            String[] requester = REQUESTERS.get(random.nextInt(REQUESTERS.size()));
            CaseRow bendCase = caseRows.stream().filter(row -> row.caseId().equals(caseId)).findFirst().orElseThrow();
            BendRow bend = actualOutcome(random, bendCase, requester, at, sequence);
            int valueKind = random.nextInt(20);
            bend = switch (valueKind) {
                case 0 -> bend.valued(new BigDecimal("0.00"), "EUR", true);
                case 1 -> bend.valued(new BigDecimal("40.00"), "USD", true);
                case 2 -> bend.valued(new BigDecimal("5000000000.0000"), "EUR", false);
                default -> bend.valued(BigDecimal.valueOf(random.nextInt(30_001), 2), "EUR", true);
            };
            generated.add(bend);
        }
        FactTableRows.insertBends(connection, generated);
    }

    private static BendRow actualOutcome(Random random, CaseRow onCase, String[] requester, Instant at, long sequence) {
        String value = "1";
        return switch (random.nextInt(7)) {
            case 0, 1 -> BendRow.ownLimit(onCase, GENERATED, value, requester[0], requester[1], at, sequence);
            case 2 -> BendRow.secondPerson(onCase, GENERATED, value, requester[0], requester[1], at, sequence,
                    "PENDING", "SUPERVISOR");
            case 3 -> BendRow.secondPerson(onCase, GENERATED, value, requester[0], requester[1], at, sequence,
                    "GRANTED", "SUPERVISOR");
            case 4 -> BendRow.secondPerson(onCase, GENERATED, value, requester[0], requester[1], at, sequence,
                    "DECLINED", "AGENT");
            case 5 -> BendRow.secondPerson(onCase, GENERATED, value, requester[0], requester[1], at, sequence,
                    random.nextBoolean() ? "PENDING" : "DECLINED", null);
            default -> BendRow.secondPerson(onCase, GENERATED, value, requester[0], requester[1], at, sequence,
                    "GRANTED", null);
        };
    }

    /**
     * Ten bends as command-service decided them under AGENT 100, SUPERVISOR 400, budget 250 per person and month:
     * alice's own grants until her January budget runs out, one above her limit, one nobody could approve, and
     * February's fresh budget one minute after January's last grant; bob (agent and supervisor) over his budget;
     * carol (analyst, no limit) to an agent.
     */
    private static void currentTermsHistory(Connection connection) throws Exception {
        CaseRow a = CaseRow.openedAt(Instant.parse("2026-01-02T08:00:00Z")).resolved(Instant.parse("2026-01-03T08:00:00Z"), 5);
        CaseRow b = CaseRow.openedAt(Instant.parse("2026-01-02T09:00:00Z")).resolved(Instant.parse("2026-01-03T08:00:00Z"), 2);
        CaseRow c = CaseRow.openedAt(Instant.parse("2026-01-02T10:00:00Z"));
        CaseRow d = CaseRow.openedAt(Instant.parse("2026-01-02T11:00:00Z")).resolved(Instant.parse("2026-01-03T08:00:00Z"), 4);
        FactTableRows.insertCases(connection, List.of(a, b, c, d));
        String alice = "alice";
        String bob = "bob";
        FactTableRows.insertBends(connection, List.of(
                BendRow.ownLimit(a, CURRENT, "80", alice, "AGENT", Instant.parse("2026-01-05T09:00:00Z"), 5),
                BendRow.ownLimit(a, CURRENT, "90", alice, "AGENT", Instant.parse("2026-01-06T09:00:00Z"), 6),
                BendRow.secondPerson(d, CURRENT, "100", alice, "AGENT", Instant.parse("2026-01-07T09:00:00Z"), 5,
                        "PENDING", "AGENT"),
                BendRow.secondPerson(d, CURRENT, "120", alice, "AGENT", Instant.parse("2026-01-08T09:00:00Z"), 6,
                        "GRANTED", "SUPERVISOR"),
                BendRow.secondPerson(d, CURRENT, "500", alice, "AGENT", Instant.parse("2026-01-09T09:00:00Z"), 7,
                        "PENDING", null),
                BendRow.ownLimit(b, CURRENT, "80", alice, "AGENT", Instant.parse("2026-01-31T23:59:00Z"), 5),
                BendRow.ownLimit(c, CURRENT, "100", alice, "AGENT", Instant.parse("2026-02-01T00:00:30Z"), 5),
                BendRow.secondPerson(d, CURRENT, "300", bob, "AGENT,SUPERVISOR",
                        Instant.parse("2026-01-10T09:00:00Z"), 8, "DECLINED", "SUPERVISOR"),
                BendRow.ownLimit(c, CURRENT, "200", bob, "AGENT,SUPERVISOR", Instant.parse("2026-01-11T09:00:00Z"), 6),
                BendRow.secondPerson(d, CURRENT, "10", "carol", "ANALYST", Instant.parse("2026-01-12T09:00:00Z"), 9,
                        "PENDING", "AGENT")));
    }

    /** 10,000 cases and 50,000 bends by 40 agents over two months, written by PostgreSQL itself. */
    private static void large(Connection connection) throws Exception {
        try (PreparedStatement cases = connection.prepareStatement("""
                INSERT INTO read_model.case_fact (case_id, channel, segment, severity, failure_cause, opened_at, status,
                    satisfaction_score, last_sequence, opened_week)
                SELECT md5(? || i)::uuid, 'PHONE', 'REGULAR', 'MINOR', 'PRODUCT',
                       timestamptz '2026-01-01' + i * interval '1 minute', 'RESOLVED', 1 + i % 5, 1,
                       date_trunc('week', (timestamptz '2026-01-01' + i * interval '1 minute') AT TIME ZONE 'UTC')::date
                FROM generate_series(1, 10000) i""");
             PreparedStatement bends = connection.prepareStatement("""
                INSERT INTO read_model.bend_fact (exception_id, case_id, policy_code, policy_version, deviation,
                    deviation_unit, value_amount, value_currency, within_bounds, reason_code, status, authority,
                    requested_by, requester_roles, requested_at, requested_sequence, case_opened_at, case_opened_week,
                    case_channel, case_segment)
                SELECT md5(? || i)::uuid, c.case_id, ?, 1, 1, 'DAYS', (i % 300) + 0.5, 'EUR', true,
                       'GOODWILL', 'GRANTED', 'OWN_LIMIT', 'agent-' || (i % 40),
                       CASE WHEN i % 7 = 0 THEN 'AGENT,SUPERVISOR' ELSE 'AGENT' END,
                       timestamptz '2026-01-01' + i * interval '2 minutes', i,
                       c.opened_at, c.opened_week, c.channel, c.segment
                FROM generate_series(1, ?) i JOIN read_model.case_fact c ON c.case_id = md5(? || (1 + i % 10000))::uuid""")) {
            cases.setString(1, LARGE + "-case-");
            cases.executeUpdate();
            bends.setString(1, LARGE + "-bend-");
            bends.setString(2, LARGE);
            bends.setInt(3, LARGE_BENDS);
            bends.setString(4, LARGE + "-case-");
            bends.executeUpdate();
            FactTableRows.policiesFromBendsUnder(connection, LARGE);
        }
    }

    private static Terms terms(String kind, Map<String, String> limits, String budget) {
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        limits.forEach((role, amount) -> amounts.put(role, new BigDecimal(amount)));
        return new Terms(kind, amounts, new BigDecimal(budget));
    }

    private static Map<String, Object> request(String policyCode, Terms terms, Instant from, Instant to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policyCode", policyCode);
        body.put("kind", terms.kind());
        body.put("ownAuthorityLimits", terms.limits());
        body.put("monthlyBudgetPerAgent", terms.budget());
        if (from != null) {
            body.put("from", from.toString());
        }
        if (to != null) {
            body.put("to", to.toString());
        }
        return body;
    }

    private static JsonNode transition(JsonNode answer, String from, String to) {
        for (JsonNode transition : answer.get("transitions")) {
            if (transition.get("from").asText().equals(from) && transition.get("to").asText().equals(to)) {
                return transition;
            }
        }
        throw new AssertionError("no transition " + from + " -> " + to + " in " + answer);
    }

    private Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
            for (String table : List.of("read_model.bend_fact", "read_model.case_fact", "read_model.policy",
                    "read_model.policy_limit", "event_store.domain_event_entry")) {
                try (ResultSet result = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    result.next();
                    counts.put(table, result.getLong(1));
                }
            }
        }
        return counts;
    }

    private HttpResponse<String> whatIf(Map<String, Object> body, String role) throws Exception {
        return post(json.writeValueAsString(body), role, "application/json");
    }

    private HttpResponse<String> post(String body, String role, String contentType) throws Exception {
        String token = LocalInfrastructure.shared().tokens().mint("analyst", List.of(role), Duration.ofMinutes(5));
        return http.send(HttpRequest.newBuilder(uri()).header("Authorization", "Bearer " + token)
                        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://localhost:" + port + "/analytics/what-if");
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("code").asText()).as(response.body()).isEqualTo(code);
    }
}
