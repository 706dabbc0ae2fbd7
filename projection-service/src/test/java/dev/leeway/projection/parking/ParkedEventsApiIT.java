package dev.leeway.projection.parking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Outcome;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.support.CaseEventRecords;
import dev.leeway.projection.support.RunningProjectionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ParkedEventsApiIT extends RunningProjectionService {

    private static final Instant AT = Instant.parse("2026-11-21T08:00:00Z");
    private static final String HUNDRED_THOUSAND_ZEROS = "1" + "0".repeat(100_000);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void replayReleasesWhatAnOperatorRepairedAndKeepsWhatStillFailsWithWhatWaitsBehindIt() throws Exception {
        UUID repaired = UUID.randomUUID();
        UUID stillFailing = UUID.randomUUID();
        send(CaseEventRecords.truncated(repaired, 0, CaseOpened.class.getName(), AT));
        send(CaseEventRecords.caseOpened(stillFailing, "Huge bend", AT));
        send(CaseEventRecords.grantedWithDeviation(stillFailing, 1, HUNDRED_THOUSAND_ZEROS, AT.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(repaired).size() == 1 && parked(stillFailing).size() == 1);
        // Later events, in later batches: parked behind, whatever the first one's batch was.
        send(CaseEventRecords.assigned(repaired, 1, "bob", AT.plusSeconds(60)));
        send(CaseEventRecords.of(stillFailing, 2, new CaseResolved(new CaseId(stillFailing), Outcome.SOLVED,
                PersonalText.legacy("Refunded")), AT.plusSeconds(120)));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(repaired).size() == 2 && parked(stillFailing).size() == 2);
        // The opening cannot be read; the operator writes its row by hand, from the event store, and replays.
        jdbc.update("""
                INSERT INTO read_model.case_summary (case_id, customer_id, channel, subject, status, opened_at,
                                                    last_event_at, last_sequence)
                VALUES (?, 'CUST-9', 'CHAT', 'Written by hand', 'OPEN', ?, ?, 0)""",
                repaired, Timestamp.from(AT), Timestamp.from(AT));
        jdbc.update("""
                INSERT INTO read_model.projection_position (projection, aggregate_type, aggregate_id, last_sequence)
                VALUES ('case_summary', 'Case', ?, 0)""", repaired.toString());
        double replayedBefore = counter("leeway.projection.events.replayed");

        HttpResponse<String> response = post("/projections/parked/replay", "ADMIN");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode summary = json.readTree(response.body());
        assertThat(summary.path("replayed").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(summary.path("stillParked").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(summary.path("aggregatesStillParked").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(counter("leeway.projection.events.replayed")).isGreaterThanOrEqualTo(replayedBefore + 2);
        assertThat(parked(repaired)).isEmpty();
        assertThat(caseRow(repaired)).containsEntry("last_sequence", 1L).containsEntry("subject", "Written by hand")
                .containsEntry("assignee", "bob");
        List<Map<String, Object>> failing = parked(stillFailing);
        assertThat(failing).hasSize(2);
        assertThat(failing.get(0)).containsEntry("sequence", 1L).containsEntry("waiting_behind", null);
        assertThat((String) failing.get(0).get("reason")).isNotBlank().doesNotStartWith("waiting behind");
        assertThat(failing.get(1)).containsEntry("sequence", 2L).containsEntry("waiting_behind", failing.get(0).get("id"))
                .containsEntry("reason", "waiting behind parked event " + failing.get(0).get("id") + " (sequence 1)");
        assertThat(caseRow(stillFailing)).containsEntry("last_sequence", 0L).containsEntry("status", "OPEN");
    }

    @Test
    void operatorsSeeWhereAndWhyAnEventIsParkedButNotWhatItSays() throws Exception {
        UUID caseId = UUID.randomUUID();
        send(CaseEventRecords.truncated(caseId, 0, CaseOpened.class.getName(), AT));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(caseId).size() == 1);

        HttpResponse<String> response = get("/projections/parked?page=0&size=200", "ADMIN");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = json.readTree(response.body());
        assertThat(page.path("totalItems").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(200);
        JsonNode item = StreamSupport.stream(page.path("items").spliterator(), false)
                .filter(candidate -> candidate.path("aggregateId").asText().equals(caseId.toString()))
                .findFirst().orElseThrow();
        assertThat(item.path("aggregateType").asText()).isEqualTo("Case");
        assertThat(item.path("sequence").asLong()).isZero();
        assertThat(item.path("eventId").asText()).isEqualTo("event-" + caseId + "-0");
        assertThat(item.path("eventType").asText()).isEqualTo(CaseOpened.class.getName());
        assertThat(item.path("reason").asText()).isNotBlank();
        assertThat(item.path("parkedAt").asText()).isNotBlank();
        assertThat(item.path("payloadBytes").asInt()).isEqualTo("{\"caseId\":".length());
        assertThat(item.has("payload")).isFalse();
    }

    @Test
    void withoutATokenTheParkedEventsAreAProblem401() throws Exception {
        assertProblem(get("/projections/parked"), 401, "UNAUTHENTICATED");
        assertProblem(post("/projections/parked/replay"), 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AGENT", "SUPERVISOR", "POLICY_OWNER", "ANALYST", "AUDITOR"})
    void onlyAdminsListAndReplayParkedEvents(String role) throws Exception {
        assertProblem(get("/projections/parked", role), 403, "FORBIDDEN");
        assertProblem(post("/projections/parked/replay", role), 403, "FORBIDDEN");
    }

    @Test
    void nothingElseIsServedEvenToAdmins() throws Exception {
        assertProblem(get("/projections/parked/replay", "ADMIN"), 403, "FORBIDDEN");
        assertProblem(post("/projections/parked", "ADMIN"), 403, "FORBIDDEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=201", "page=-1", "page=abc"})
    void badPagingIsAProblem400(String query) throws Exception {
        assertProblem(get("/projections/parked?" + query, "ADMIN"), 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /projections/parked?x[]=1 HTTP/1.1", "GET /projections/%2e%2e/x HTTP/1.1",
            "GET /projections/parked HTTP/1.1\r\nX-Junk: %s"})
    void aRequestTheServerRefusesToParseGetsAProblemNotAnHtmlPage(String request) throws Exception {
        String answer;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((request.replace("%s", "x".repeat(20_000))
                    + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(Integer.parseInt(answer.split(" ")[1])).as(answer).isBetween(400, 499);
        assertThat(answer.toLowerCase()).as(answer).contains("content-type: application/problem+json");
        assertThat(answer).doesNotContain("<html");
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo(code);
    }

    private List<Map<String, Object>> parked(UUID caseId) {
        return jdbc.queryForList("""
                SELECT * FROM read_model.parked_event
                WHERE projection = 'case_summary' AND aggregate_type = 'Case' AND aggregate_id = ?
                ORDER BY sequence""", caseId.toString());
    }

    private Map<String, Object> caseRow(UUID caseId) {
        return jdbc.queryForMap("SELECT * FROM read_model.case_summary WHERE case_id = ?", caseId);
    }
}
