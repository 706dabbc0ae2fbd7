package dev.leeway.command.web;

import dev.leeway.command.support.ApiClient;
import dev.leeway.command.support.CommandApiTest;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.identity.Role;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What front-line apps rely on: exact budgets under concurrency, safe retries, optimistic concurrency. */
class ApiGuaranteesIT extends CommandApiTest {

    /** Conflicting requests sent at the same moment in each contention test. */
    private static final int AT_ONCE = 100;

    @Test
    void concurrentGrantsOnDifferentCasesNeverTogetherOverrunTheMonthlyBudget() throws Exception {
        String policy = definePolicy("BENDABLE", "MONEY", 50, 500, 100);
        String agentId = unique("agent");
        ApiClient agent = as(agentId, Role.AGENT);
        int attempts = AT_ONCE;
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            cases.add(openCase(agent));
        }
        List<ApiClient.Response> answers = atOnce(attempts, i -> agent.post("/cases/" + cases.get(i) + "/exceptions",
                """
                {"policyCode":"%s","deviation":30,"valueGiven":{"amount":30,"currency":"EUR"},
                 "reasonCode":"GOODWILL","justification":"Late parcel"}""".formatted(policy)));
        int granted = 0;
        int pending = 0;
        for (ApiClient.Response response : answers) {
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            if (response.text("status").equals("GRANTED")) {
                granted++;
            } else {
                pending++;
            }
        }

        assertThat(granted).as("30 EUR each within a 100 EUR budget").isEqualTo(3);
        assertThat(pending).isEqualTo(attempts - 3);
        assertThat(jdbc.queryForObject("""
                SELECT sum((payload::jsonb -> 'valueGiven' ->> 'amount')::numeric) FROM event_store.domain_event_entry
                WHERE payload_type LIKE '%ExceptionGranted' AND payload::jsonb ->> 'policyCode' = ?""",
                BigDecimal.class, policy)).isEqualByComparingTo("90");
        assertThat(budgetUsed(agentId)).as("the budget row is the sum of the grants in the events")
                .containsExactlyElementsOf(budgetUsedRecountedFromEvents(agentId))
                .singleElement().asString().endsWith(" EUR=90.00");
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheFirstAnswerAndStoresNothingNew() {
        ApiClient agent = as(unique("agent"), Role.AGENT).with("Idempotency-Key", "open-1");
        String body = "{\"customerId\":\"C-9\",\"channel\":\"EMAIL\",\"subject\":\"Retry me\"}";

        ApiClient.Response first = agent.post("/cases", body);
        long eventsAfterFirst = storedEvents();
        ApiClient.Response retry = agent.post("/cases", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text("caseId")).isEqualTo(first.text("caseId"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents()).isEqualTo(eventsAfterFirst);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndStoresNothing() {
        ApiClient agent = as(unique("agent"), Role.AGENT).with("Idempotency-Key", "open-2");
        agent.post("/cases", "{\"customerId\":\"C-9\",\"channel\":\"EMAIL\",\"subject\":\"First\"}");
        long before = storedEvents();

        ApiClient.Response reused = agent.post("/cases", "{\"customerId\":\"C-9\",\"channel\":\"EMAIL\",\"subject\":\"Other\"}");

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aRetryAfterTheResponseWasLostFindsTheCommittedAnswer() throws Exception {
        String agentId = unique("agent");
        String body = "{\"customerId\":\"C-5\",\"channel\":\"PHONE\",\"subject\":\"Lost answer\"}";
        String token = LocalInfrastructure.shared().tokens().mint(agentId, List.of("AGENT"), Duration.ofMinutes(5));
        long before = storedEvents();

        sendAndHangUp(body, token, "lost-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM event_store.idempotency_key WHERE actor_id = ? AND idempotency_key = 'lost-1'",
                Integer.class, agentId) == 1);
        ApiClient.Response retry = withToken(token).with("Idempotency-Key", "lost-1").post("/cases", body);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents()).as("the case was stored once").isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, retry.text("caseId"))).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesOfOneBendWithOneKeyAllGetTheFirstAnswerAndOneBendIsStored() throws Exception {
        String policy = definePolicy("BENDABLE", "MONEY", 50, 500, 100);
        ApiClient agent = as(unique("agent"), Role.AGENT);
        String caseId = openCase(agent);

        Set<String> answers = sentConcurrentlyWithOneKey(agent, "/cases/" + caseId + "/exceptions", """
                {"policyCode":"%s","deviation":10,"valueGiven":{"amount":10,"currency":"EUR"},
                 "reasonCode":"GOODWILL","justification":"Late parcel"}""".formatted(policy));

        assertThat(answers).as("every duplicate got the first answer").hasSize(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT payload::jsonb ->> 'exceptionId') FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%Exception%'""", Integer.class, caseId))
                .as("bends stored").isEqualTo(1);
    }

    /**
     * An assignment takes no row lock before the case decides (no budget, no customer key), so duplicates race on
     * the case itself: the first to commit wins, the others fail on its events, and still get its answer.
     */
    @Test
    void concurrentDuplicatesOfOneAssignmentWithOneKeyAllGetTheFirstAnswerAndOneIsStored() throws Exception {
        ApiClient agent = as(unique("agent"), Role.AGENT);
        String caseId = openCase(agent);

        Set<String> answers = sentConcurrentlyWithOneKey(agent, "/cases/" + caseId + "/assignment",
                "{\"assignee\":\"bob\"}");

        assertThat(answers).as("every duplicate got the first answer").hasSize(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%CaseAssigned'""", Integer.class, caseId))
                .as("assignments stored").isEqualTo(1);
    }

    @Test
    void aHundredSupervisorsDecidingOnePendingBendAtOnceLeaveExactlyOneDecision() throws Exception {
        String policy = definePolicy("BENDABLE", "MONEY", 50, 500, 1000);
        ApiClient agent = as(unique("agent"), Role.AGENT);
        String caseId = openCase(agent);
        ApiClient.Response pending = agent.post("/cases/" + caseId + "/exceptions", """
                {"policyCode":"%s","deviation":80,"valueGiven":{"amount":80,"currency":"EUR"},
                 "reasonCode":"GOODWILL","justification":"Above the agent's limit"}""".formatted(policy));
        assertThat(pending.text("status")).isEqualTo("PENDING");
        String decision = "/cases/" + caseId + "/exceptions/" + pending.text("exceptionId") + "/decision";

        List<ApiClient.Response> answers = atOnce(AT_ONCE, i -> as(unique("supervisor"), Role.SUPERVISOR)
                .post(decision, i % 2 == 0 ? "{\"decision\":\"APPROVE\"}" : "{\"decision\":\"DECLINE\"}"));

        assertThat(answers).filteredOn(answer -> answer.status() == 200).as("decisions taken").hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() != 200).extracting(lost -> lost.status() + " "
                + lost.code()).allMatch(lost -> lost.equals("409 ALREADY_DECIDED")
                || lost.equals("409 CONCURRENT_MODIFICATION"));
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?
                AND payload_type IN ('dev.leeway.kernel.cases.ExceptionGranted',
                                     'dev.leeway.kernel.cases.ExceptionDeclined')""",
                Integer.class, caseId)).as("decision events stored").isEqualTo(1);
    }

    @Test
    void resolutionsRacingReopeningsLeaveAHistoryThatAlternates() throws Exception {
        ApiClient agent = as(unique("agent"), Role.AGENT);
        String caseId = openCase(agent);
        agent.post("/cases/" + caseId + "/resolution", "{\"outcome\":\"SOLVED\",\"summary\":\"done\"}");

        List<ApiClient.Response> answers = atOnce(AT_ONCE, i -> i % 2 == 0
                ? agent.post("/cases/" + caseId + "/reopening", "{\"reason\":\"Came back\"}")
                : agent.post("/cases/" + caseId + "/resolution", "{\"outcome\":\"SOLVED\",\"summary\":\"again\"}"));

        assertThat(answers).filteredOn(answer -> answer.status() != 200).extracting(lost -> lost.status() + " "
                + lost.code()).allMatch(lost -> List.of("409 NOT_RESOLVED", "409 CASE_NOT_OPEN",
                "409 CONCURRENT_MODIFICATION").contains(lost));
        List<String> types = jdbc.queryForList("""
                SELECT substring(payload_type from '[^.]+$') FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""", String.class, caseId);
        assertThat((long) types.size() - 2).as("events stored for the accepted requests")
                .isEqualTo(answers.stream().filter(answer -> answer.status() == 200).count());
        for (int i = 2; i < types.size(); i++) {
            assertThat(types.get(i)).as("event %d after %s", i, types.get(i - 1))
                    .isEqualTo(types.get(i - 1).equals("CaseResolved") ? "CaseReopened" : "CaseResolved");
        }
    }

    @Test
    void oneIdempotencyKeySentAtOnceWithDifferentBodiesStoresOneRequestAndRefusesTheOthers() throws Exception {
        ApiClient agent = as(unique("agent"), Role.AGENT).with("Idempotency-Key", "same-key");
        long before = storedEvents();

        List<ApiClient.Response> answers = atOnce(AT_ONCE, i -> agent.post("/cases", """
                {"customerId":"C-%d","channel":"EMAIL","subject":"Body %d"}""".formatted(i, i)));

        assertThat(answers).filteredOn(answer -> answer.status() == 201).as("requests stored").hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() != 201).extracting(ApiClient.Response::code)
                .containsOnly("IDEMPOTENCY_KEY_REUSED");
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    /** {@link #AT_ONCE} identical requests with one Idempotency-Key at once; their answers (all 2xx). */
    private static Set<String> sentConcurrentlyWithOneKey(ApiClient agent, String path, String body) throws Exception {
        ApiClient sameKey = agent.with("Idempotency-Key", "key-" + path);
        Set<String> answers = new HashSet<>();
        for (ApiClient.Response response : atOnce(AT_ONCE, i -> sameKey.post(path, body))) {
            assertThat(response.status()).as(response.body()).isBetween(200, 299);
            answers.add(response.status() + " " + response.header("Location") + " " + response.header("ETag")
                    + " " + response.body());
        }
        return answers;
    }

    /** {@code count} requests made at the same moment, the i-th by {@code request.apply(i)}; their answers. */
    private static List<ApiClient.Response> atOnce(int count, IntFunction<ApiClient.Response> request)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<ApiClient.Response>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<ApiClient.Response> answers = new ArrayList<>();
            for (Future<ApiClient.Response> result : results) {
                answers.add(result.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aWriteWithAStaleIfMatchFailsItsPreconditionAndStoresNothing() {
        ApiClient agent = as(unique("agent"), Role.AGENT);
        String caseId = openCase(agent);
        ApiClient.Response assigned = agent.with("If-Match", "\"0\"").post("/cases/" + caseId + "/assignment",
                "{\"assignee\":\"bob\"}");
        long before = storedEvents();

        ApiClient.Response stale = agent.with("If-Match", "\"0\"").post("/cases/" + caseId + "/assignment",
                "{\"assignee\":\"carol\"}");
        ApiClient.Response current = agent.with("If-Match", assigned.header("ETag")).post("/cases/" + caseId + "/assignment",
                "{\"assignee\":\"carol\"}");

        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.header("ETag")).isEqualTo("\"1\"");
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("PRECONDITION_FAILED");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.header("ETag")).isEqualTo("\"2\"");
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        ApiClient.Response docs = anonymous().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths").has("/cases/{caseId}/exceptions")).isTrue();
        assertThat(docs.json().at("/paths").has("/policies/{code}")).isTrue();
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    /** Sends a whole request, then closes the connection without reading: the answer is lost on the way. */
    private void sendAndHangUp(String body, String token, String key) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /cases HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: " + key + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("localhost", port); OutputStream out = socket.getOutputStream()) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
    }
}
