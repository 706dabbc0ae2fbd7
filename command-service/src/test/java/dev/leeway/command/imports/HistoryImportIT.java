package dev.leeway.command.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.command.support.ApiClient;
import dev.leeway.command.support.CommandApiTest;
import dev.leeway.kernel.identity.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.leeway.command.imports.HistoryLines.agent;
import static dev.leeway.command.imports.HistoryLines.bend;
import static dev.leeway.command.imports.HistoryLines.caseLine;
import static dev.leeway.command.imports.HistoryLines.ndjson;
import static dev.leeway.command.imports.HistoryLines.supervisor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history import over HTTP, on the real event store: cases go through the same commands and guardrails, keep
 * their original actor and time in metadata while the store's timestamp says when they were imported, a case is
 * stored whole or not at all, and the report names every line.
 */
class HistoryImportIT extends CommandApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";

    @Test
    void anImportStoresGoodCasesWithTheirOriginalActorsAndTimesAndReportsEveryLine() {
        String rebate = definePolicy("BENDABLE", "MONEY", 50, 500, 200);
        String hard = definePolicy("HARD", "NONE", 50, 500, 200);
        String admin = unique("admin");
        String alice = unique("alice");
        String bob = unique("bob");
        String sam = unique("sam");
        String sue = unique("sue");
        String good = unique("SRC");
        String refused = unique("SRC");
        String invalid = unique("SRC");
        String goodLine = caseLine(good, "2021-03-01T09:00:00Z", agent(alice))
                .step("interaction", "2021-03-01T09:05:00Z", agent(alice),
                        "\"channel\":\"PHONE\",\"direction\":\"IN\",\"summary\":\"Sent photos\"")
                .step("bend", "2021-03-01T09:10:00Z", agent(alice), "\"bendRef\":\"b1\"," + bend(rebate, "80"))
                .step("decision", "2021-03-01T10:00:00Z", supervisor(sam), "\"bendRef\":\"b1\",\"decision\":\"APPROVE\"")
                .step("resolution", "2021-03-01T10:05:00Z", agent(alice),
                        "\"outcome\":\"SOLVED\",\"summary\":\"Refunded\"")
                .step("review", "2021-03-02T08:00:00Z", supervisor(sue), "\"bendRef\":\"b1\",\"verdict\":\"UPHELD\"")
                .step("satisfaction", "2021-03-03T12:00:00Z", agent(alice), "\"score\":5")
                .line();
        String refusedByAGuardrail = caseLine(refused, "2021-04-01T09:00:00Z", agent(bob))
                .step("bend", "2021-04-01T09:01:00Z", agent(bob), "\"bendRef\":\"b1\"," + bend(rebate, "20"))
                .step("interaction", "2021-04-01T09:02:00Z", agent(bob),
                        "\"channel\":\"EMAIL\",\"direction\":\"OUT\",\"summary\":\"Asked for the receipt\"")
                .step("bend", "2021-04-01T09:03:00Z", agent(bob), "\"bendRef\":\"b2\"," + bend(hard, "0"))
                .line();
        String invalidStep = caseLine(invalid, "2021-05-01T09:00:00Z", agent(bob))
                .step("satisfaction", "2021-05-01T09:01:00Z", agent(bob), "\"score\":9")
                .line();
        long eventsBefore = storedEvents();
        Instant importStarted = Instant.now();

        List<JsonNode> report = importAs(admin, ndjson(goodLine, "", "{\"sourceId\":\"broken\",", refusedByAGuardrail,
                goodLine, invalidStep));

        Instant importEnded = Instant.now();
        String caseId = ImportIds.caseId(good).toString();
        assertThat(report).hasSize(6);
        assertLine(report.get(0), 1, "imported");
        assertThat(report.get(0).path("caseId").asText()).isEqualTo(caseId);
        assertThat(report.get(0).path("events").asInt()).isEqualTo(7);
        assertLine(report.get(1), 3, "rejected");
        assertThat(report.get(1).path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertLine(report.get(2), 4, "rejected");
        assertThat(report.get(2).path("sourceId").asText()).isEqualTo(refused);
        assertThat(report.get(2).path("code").asText()).isEqualTo("POLICY_NOT_BENDABLE");
        assertThat(report.get(2).path("step").asText()).isEqualTo("steps[2]");
        assertLine(report.get(3), 5, "skipped");
        assertThat(report.get(3).path("caseId").asText()).isEqualTo(caseId);
        assertLine(report.get(4), 6, "rejected");
        assertThat(report.get(4).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(report.get(4).path("errors").get(0).path("field").asText()).isEqualTo("steps[0].score");
        assertThat(report.get(5).path("summary")).isEqualTo(JSON.valueToTree(
                Map.of("lines", 5, "imported", 1, "skipped", 1, "rejected", 3)));

        assertThat(storedEvents()).as("only the good case is stored, once").isEqualTo(eventsBefore + 7);
        List<Map<String, Object>> events = events(caseId);
        assertThat(events).extracting(event -> event.get("type")).containsExactly("CaseOpened", "InteractionLogged",
                "ExceptionRequested", "ExceptionGranted", "CaseResolved", "ExceptionReviewed", "SatisfactionRecorded");
        assertThat(events).extracting(event -> event.get("occurred_at")).containsExactly("2021-03-01T09:00:00Z",
                "2021-03-01T09:05:00Z", "2021-03-01T09:10:00Z", "2021-03-01T10:00:00Z", "2021-03-01T10:05:00Z",
                "2021-03-02T08:00:00Z", "2021-03-03T12:00:00Z");
        assertThat(events).extracting(event -> event.get("actor_id"))
                .containsExactly(alice, alice, alice, sam, alice, sue, alice);
        assertThat(events).extracting(event -> event.get("actor_roles"))
                .containsExactly("AGENT", "AGENT", "AGENT", "SUPERVISOR", "AGENT", "SUPERVISOR", "AGENT");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("imported_by")).isEqualTo(admin);
            assertThat(event.get("source_id")).isEqualTo(good);
            assertThat(Instant.parse((String) event.get("time_stamp")))
                    .as("the store's timestamp is the time of the import").isBetween(importStarted, importEnded);
        });
        assertThat(events).extracting(event -> event.get("correlation_id")).containsOnly(events.get(0).get("correlation_id"));
        assertThat(eventCount(ImportIds.caseId(refused).toString())).isZero();
        assertThat(eventCount(ImportIds.caseId(invalid).toString())).isZero();
        assertThat(budgetRows(bob)).as("the refused case's budget reservation is rolled back with it").isZero();
    }

    @Test
    void importingTheSameFileAgainSkipsEveryCaseAndStoresNothing() {
        String admin = unique("admin");
        String agent = unique("alice");
        String file = ndjson(
                caseLine(unique("SRC"), "2020-01-10T10:00:00Z", agent(agent)).line(),
                caseLine(unique("SRC"), "2020-01-11T10:00:00Z", agent(agent))
                        .step("assignment", "2020-01-11T10:01:00Z", agent(agent), "\"assignee\":\"bob\"").line());
        importAs(admin, file);
        long eventsBefore = storedEvents();

        List<JsonNode> again = importAs(admin, file);

        assertThat(again.subList(0, 2)).extracting(line -> line.path("status").asText()).containsOnly("skipped");
        assertThat(again.get(2).path("summary").path("skipped").asInt()).isEqualTo(2);
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void aCaseWhoseThirdStepIsAnApprovalByItsRequesterLeavesNoEventAndNoBudget() {
        String rebate = definePolicy("BENDABLE", "MONEY", 50, 500, 200);
        String bob = unique("bob");
        String sam = unique("sam");
        String sourceId = unique("SRC");
        String line = caseLine(sourceId, "2022-06-01T09:00:00Z", agent(bob))
                .step("bend", "2022-06-01T09:01:00Z", agent(bob), "\"bendRef\":\"small\"," + bend(rebate, "20"))
                .step("bend", "2022-06-01T09:02:00Z", supervisor(sam), "\"bendRef\":\"big\"," + bend(rebate, "520"))
                .step("decision", "2022-06-01T09:03:00Z", supervisor(sam), "\"bendRef\":\"big\",\"decision\":\"APPROVE\"")
                .line();
        long eventsBefore = storedEvents();

        List<JsonNode> report = importAs(unique("admin"), ndjson(line));

        assertLine(report.get(0), 1, "rejected");
        assertThat(report.get(0).path("code").asText()).isEqualTo("SAME_PERSON_APPROVAL");
        assertThat(report.get(0).path("step").asText()).isEqualTo("steps[2]");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
        assertThat(eventCount(ImportIds.caseId(sourceId).toString())).isZero();
        assertThat(budgetRows(bob)).isZero();
        assertThat(budgetRows(sam)).isZero();
    }

    @Test
    void importedBendsInDifferentMonthsDoNotShareAMonthlyBudget() {
        String rebate = definePolicy("BENDABLE", "MONEY", 80, 500, 100);
        String alice = unique("alice");
        String january = caseLine(unique("SRC"), "2022-01-20T09:00:00Z", agent(alice))
                .step("bend", "2022-01-20T09:01:00Z", agent(alice), "\"bendRef\":\"b\"," + bend(rebate, "60")).line();
        String february = caseLine(unique("SRC"), "2022-02-03T09:00:00Z", agent(alice))
                .step("bend", "2022-02-03T09:01:00Z", agent(alice), "\"bendRef\":\"b\"," + bend(rebate, "60")).line();
        String februaryAgain = caseLine(unique("SRC"), "2022-02-04T09:00:00Z", agent(alice))
                .step("bend", "2022-02-04T09:01:00Z", agent(alice), "\"bendRef\":\"b\"," + bend(rebate, "60")).line();

        List<JsonNode> report = importAs(unique("admin"), ndjson(january, february, februaryAgain));

        assertThat(report.subList(0, 3)).extracting(line -> line.path("status").asText()).containsOnly("imported");
        assertThat(eventTypes(report.get(0))).containsExactly("CaseOpened", "ExceptionGranted");
        assertThat(eventTypes(report.get(1))).as("January's grant does not use February's budget")
                .containsExactly("CaseOpened", "ExceptionGranted");
        assertThat(eventTypes(report.get(2))).as("February's budget is used up")
                .containsExactly("CaseOpened", "ExceptionRequested");
        assertThat(jdbc.queryForList("""
                SELECT month || '=' || used::numeric(19, 0) FROM event_store.own_authority_usage
                WHERE actor_id = ? ORDER BY month""", String.class, alice)).containsExactly("2022-01=60", "2022-02=60");
        assertThat(budgetUsed(alice)).as("imported grants count in their original month, as the events say")
                .containsExactlyElementsOf(budgetUsedRecountedFromEvents(alice));
    }

    @Test
    void aLineThatBreaksTheImportsOwnRulesIsRejectedWithItsFieldAndTheNextLineImports() {
        String alice = unique("alice");
        String sourceId = unique("SRC");
        List<JsonNode> report = importAs(unique("admin"), ndjson(
                caseLine(unique("SRC"), "2022-03-01T09:00:00Z", agent(alice))
                        .step("resolution", "2022-02-01T09:00:00Z", agent(alice),
                                "\"outcome\":\"SOLVED\",\"summary\":\"Done\"").line(),
                caseLine(unique("SRC"), "2022-03-01T09:00:00Z", agent(alice))
                        .step("review", "2022-03-01T09:01:00Z", supervisor("sue"),
                                "\"bendRef\":\"nowhere\",\"verdict\":\"UPHELD\"").line(),
                caseLine(unique("SRC"), "2022-03-01T09:00:00Z", agent(alice))
                        .step("decision", "2022-03-01T09:01:00Z", agent(alice),
                                "\"bendRef\":\"b1\",\"decision\":\"APPROVE\"").line(),
                "{\"sourceId\":\"x\",\"caseId\":\"8d7a3c9e-0b6f-4d2a-9a51-3f3e2c1b0a01\"}",
                "{\"sourceId\":\"" + sourceId + "\",\"note\":\"" + "x".repeat(1_100_000) + "\"}",
                caseLine(sourceId, "2022-03-01T09:00:00Z", agent(alice)).line()));

        assertThat(report.get(0).path("errors").get(0).path("field").asText()).isEqualTo("steps[0].at");
        assertThat(report.get(1).path("errors").get(0).path("field").asText()).isEqualTo("steps[0].bendRef");
        assertThat(report.get(2).path("code").asText()).as("an agent never decided a bend").isEqualTo("FORBIDDEN");
        assertThat(report.get(3).path("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertLine(report.get(4), 5, "rejected");
        assertThat(report.get(4).path("detail").asText()).contains("longer than");
        assertLine(report.get(5), 6, "imported");
    }

    @Test
    void onlyAnAdminMayImportAndARefusedImportStoresNothing() {
        String line = ndjson(caseLine(unique("SRC"), "2021-01-01T00:00:00Z", agent("alice")).line());
        long eventsBefore = storedEvents();

        ApiClient.Response supervisor = as(unique("sam"), Role.SUPERVISOR, Role.AGENT).post("/imports/cases", NDJSON, line);
        ApiClient.Response auditor = as(unique("aud"), Role.AUDITOR).post("/imports/cases", NDJSON, line);
        ApiClient.Response nobody = anonymous().post("/imports/cases", NDJSON, line);

        assertThat(supervisor.status()).isEqualTo(403);
        assertThat(supervisor.code()).isEqualTo("FORBIDDEN");
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.header("Content-Type")).startsWith("application/problem+json");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void anImportThatIsNotNdjsonIsRefusedAsAProblem() {
        ApiClient.Response response = as(unique("admin"), Role.ADMIN).post("/imports/cases", "text/csv", "a,b\n");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(response.text("detail")).contains("application/x-ndjson");
    }

    @Test
    void theImportIsDescribedByOpenApi() {
        JsonNode docs = anonymous().get("/v3/api-docs").json();

        assertThat(docs.at("/paths/~1imports~1cases/post/requestBody/content").has(NDJSON)).isTrue();
        assertThat(docs.at("/paths/~1imports~1cases/post/responses/200/content").has(NDJSON)).isTrue();
    }

    private List<JsonNode> importAs(String admin, String body) {
        ApiClient.Response response = as(admin, Role.ADMIN).post("/imports/cases", NDJSON, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith(NDJSON);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }
        assertThat(lines.get(lines.size() - 1).has("summary")).as("the report ends with its summary").isTrue();
        return lines;
    }

    private static void assertLine(JsonNode reportLine, int line, String status) {
        assertThat(reportLine.path("line").asInt()).as(reportLine.toString()).isEqualTo(line);
        assertThat(reportLine.path("status").asText()).as(reportLine.toString()).isEqualTo(status);
    }

    private List<Map<String, Object>> events(String caseId) {
        return jdbc.queryForList("""
                SELECT regexp_replace(payload_type, '.*\\.', '') AS type, time_stamp,
                       meta_data::jsonb ->> 'occurredAt' AS occurred_at, meta_data::jsonb ->> 'actorId' AS actor_id,
                       meta_data::jsonb ->> 'actorRoles' AS actor_roles, meta_data::jsonb ->> 'importedBy' AS imported_by,
                       meta_data::jsonb ->> 'sourceId' AS source_id, meta_data::jsonb ->> 'correlationId' AS correlation_id
                FROM event_store.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", caseId);
    }

    private List<String> eventTypes(JsonNode reportLine) {
        return events(reportLine.path("caseId").asText()).stream().map(event -> (String) event.get("type")).toList();
    }

    private long eventCount(String caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, caseId);
    }

    private long budgetRows(String actorId) {
        return jdbc.queryForObject("SELECT count(*) FROM event_store.own_authority_usage WHERE actor_id = ?",
                Long.class, actorId);
    }
}
