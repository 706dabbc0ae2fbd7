package dev.leeway.projection.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.Outcome;
import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.support.CaseEventRecords;
import dev.leeway.projection.support.EventStoreRows;
import dev.leeway.projection.support.RunningProjectionService;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding a read model from the event store while the live one serves: replayed into shadow tables, caught
 * up with the live stream, compared, and swapped in one transaction (issue 9). Events are appended to the real
 * event store and published to the real broker, as command-service does.
 */
class RebuildIT extends RunningProjectionService {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    /** The live read model starts equal to the store: other tests' Kafka-only events are not history. */
    @BeforeEach
    void liveEqualsTheStore() throws Exception {
        awaitIdleStream();
        assertThat(finalState(rebuild("case_summary", false))).isEqualTo("SWAPPED");
    }

    @Test
    void aDryRunFindsWhatTheLiveReadModelLostAndTheRebuildPutsItBack() throws Exception {
        List<UUID> cases = publishCases(10);
        UUID damaged = cases.get(3);
        jdbc.update("UPDATE read_model.case_summary SET subject = 'tampered' WHERE case_id = ?", damaged);

        JsonNode dryRun = rebuild("case_summary", true);

        assertThat(dryRun.path("state").asText()).isEqualTo("DIFFERENT");
        JsonNode summaryDiff = dryRun.path("diff").path("tables").get(0);
        assertThat(summaryDiff.path("table").asText()).isEqualTo("case_summary");
        assertThat(summaryDiff.path("differing").asLong()).isEqualTo(1);
        assertThat(summaryDiff.path("firstDifferingKeys").get(0).asText()).isEqualTo(damaged.toString());
        assertThat(subject(damaged)).as("a dry run swaps nothing").isEqualTo("tampered");

        JsonNode swapped = rebuild("case_summary", false);

        assertThat(swapped.path("state").asText()).isEqualTo("SWAPPED");
        assertThat(swapped.path("eventsDone").asLong()).isGreaterThanOrEqualTo(cases.size() * 3L);
        assertThat(subject(damaged)).isEqualTo("Case 3");
        assertThat(finalState(rebuild("case_summary", true))).isEqualTo("SAME");
        assertThat(get("/actuator/prometheus").body())
                .containsPattern("(?m)^leeway_projection_rebuild_done_events\\{.*projection=\"case_summary\".*} [1-9]")
                .containsPattern("(?m)^leeway_projection_rebuilding\\{.*projection=\"case_summary\".*} 0");
    }

    @Test
    void queriesNeverMissARowWhileCommandsFlowThroughARebuildAndTheResultEqualsAFold() throws Exception {
        List<UUID> before = publishCases(20);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger failedQueries = new AtomicInteger();
        AtomicInteger fewerRows = new AtomicInteger();
        CompletableFuture<List<UUID>> load = CompletableFuture.supplyAsync(() -> {
            List<UUID> during = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                during.addAll(publishCasesUnchecked(1));
            }
            loading.set(false);
            return during;
        });
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            // As query-service reads: its own read-only role, on the live schema.
            try (Connection query = DriverManager.getConnection(LocalInfrastructure.shared().jdbcUrl(),
                    "leeway_query", "leeway_query");
                 PreparedStatement count = query.prepareStatement(
                         "SELECT count(*) FROM read_model.case_summary WHERE case_id = ANY (?)")) {
                count.setArray(1, query.createArrayOf("uuid", before.toArray()));
                while (loading.get()) {
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        if (rows.getInt(1) != before.size()) {
                            fewerRows.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failedQueries.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                failedQueries.incrementAndGet();
            }
        });

        JsonNode first = rebuild("case_summary", false);
        List<UUID> during = load.get();
        reader.get();

        assertThat(first.path("state").asText()).isEqualTo("SWAPPED");
        assertThat(failedQueries).hasValue(0);
        assertThat(fewerRows).as("polls that missed a row of a case opened before the rebuild").hasValue(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> resolvedCount(during) == during.size());
        awaitIdleStream();
        assertThat(finalState(rebuild("case_summary", true))).as("live equals a fold from scratch").isEqualTo("SAME");
    }

    @Test
    void aRebuildKilledHalfwayLeavesLiveUntouchedAndTheNextOneStartsClean() throws Exception {
        List<UUID> cases = publishCases(5);
        // What a rebuild killed with kill -9 leaves: half-filled shadow tables (its lock went with its connection).
        try (Connection service = DriverManager.getConnection(LocalInfrastructure.shared().jdbcUrl(),
                "leeway_projection", "leeway_projection")) {
            service.createStatement().execute("""
                    CREATE TABLE IF NOT EXISTS read_model_shadow.case_summary (LIKE read_model.case_summary INCLUDING ALL);
                    INSERT INTO read_model_shadow.case_summary SELECT * FROM read_model.case_summary LIMIT 2;
                    UPDATE read_model_shadow.case_summary SET subject = 'half-built'""");
        }
        assertThat(subject(cases.get(0))).isEqualTo("Case 0");

        JsonNode next = rebuild("case_summary", false);

        assertThat(next.path("state").asText()).isEqualTo("SWAPPED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.case_summary WHERE subject = 'half-built'",
                Integer.class)).isZero();
        assertThat(subject(cases.get(0))).isEqualTo("Case 0");
        assertThat(finalState(rebuild("case_summary", true))).isEqualTo("SAME");
    }

    @Test
    void anErasedCustomerStaysErasedAfterARebuild() throws Exception {
        UUID caseId = UUID.randomUUID();
        CustomerId customer = new CustomerId("REBUILD-" + caseId.toString().substring(0, 8));
        publish(CaseEventRecords.of(caseId, 0, new CaseOpened(new CaseId(caseId), customer, Channel.WEB,
                PersonalText.legacy("My name is ..."), null, null), AT));
        publish(CaseEventRecords.of("CustomerPrivacy", customer.value(), 0, new CustomerDataErased(customer, 1),
                AT.plusSeconds(30)));
        await().atMost(Duration.ofSeconds(20)).until(() -> PersonalText.ERASED.equals(subject(caseId)));

        assertThat(finalState(rebuild("case_summary", false))).isEqualTo("SWAPPED");

        assertThat(subject(caseId)).isEqualTo(PersonalText.ERASED);
    }

    @Test
    void aSwapRenewsThePlannerStatisticsOfTheLiveTables() throws Exception {
        Timestamp before = jdbc.queryForObject("SELECT now()", Timestamp.class);

        assertThat(finalState(rebuild("case_facts", false))).isEqualTo("SWAPPED");

        // Statistics reach pg_stat_* within a second or so of the transaction's end.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList("""
                SELECT relname FROM pg_stat_user_tables
                WHERE schemaname = 'read_model' AND last_analyze >= ? ORDER BY relname""", String.class, before))
                .as("ANALYZE ran as the projection role on each table the rebuild swapped")
                .containsExactly("bend_fact", "case_actor_fact", "case_fact"));
    }

    @Test
    void rebuildingAnUnknownProjectionIsA404Problem() throws Exception {
        HttpResponse<String> response = post("/projections/no_such_model/rebuild", "ADMIN");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("PROJECTION_NOT_FOUND");
    }

    @Test
    void aSecondRebuildOfTheSameProjectionIsA409ProblemAndChangesNothing() throws Exception {
        try (Connection otherInstance = LocalInfrastructure.shared().adminConnection();
             PreparedStatement lock = otherInstance.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, Rebuilds.lockKey("case_summary"));
            lock.execute();

            HttpResponse<String> response = post("/projections/case_summary/rebuild", "ADMIN");

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("REBUILD_RUNNING");
        }
    }

    @Test
    void onlyAdminsSeeProjectionsAndStartRebuilds() throws Exception {
        for (String role : List.of("AGENT", "SUPERVISOR", "POLICY_OWNER", "ANALYST", "AUDITOR")) {
            assertThat(get("/projections", role).statusCode()).isEqualTo(403);
            assertThat(post("/projections/case_summary/rebuild", role).statusCode()).isEqualTo(403);
        }
        assertThat(get("/projections").statusCode()).isEqualTo(401);
        HttpResponse<String> status = get("/projections", "ADMIN");
        assertThat(status.statusCode()).isEqualTo(200);
        JsonNode summary = json.readTree(status.body()).get(0);
        assertThat(summary.path("name").asText()).isNotBlank();
        assertThat(summary.path("state").asText()).isIn("LIVE", "DEGRADED", "REBUILDING", "STOPPED");
        assertThat(summary.has("lagEvents")).isTrue();
        assertThat(summary.has("eventsApplied")).isTrue();
    }

    private JsonNode rebuild(String projection, boolean dryRun) throws Exception {
        HttpResponse<String> started = post("/projections/" + projection + "/rebuild?dryRun=" + dryRun, "ADMIN");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = json.readTree(get("/projections/" + projection + "/rebuild", "ADMIN").body());
            return last[0].path("finishedAt").isTextual();
        });
        return last[0];
    }

    private static String finalState(JsonNode rebuild) {
        return rebuild.path("state").asText() + (rebuild.path("error").isTextual() ? ": " + rebuild.path("error").asText() : "");
    }

    private List<UUID> publishCases(int count) throws Exception {
        List<UUID> cases = publishCasesUnchecked(count);
        await().atMost(Duration.ofSeconds(60)).until(() -> resolvedCount(cases) == cases.size());
        return cases;
    }

    /** Cases opened, bent and resolved: appended to the event store, then published. */
    private List<UUID> publishCasesUnchecked(int count) {
        List<UUID> cases = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                UUID caseId = UUID.randomUUID();
                CaseId id = new CaseId(caseId);
                publish(CaseEventRecords.of(caseId, 0, new CaseOpened(id, new CustomerId("CUST-R"), Channel.PHONE,
                        PersonalText.legacy("Case " + i), null, null), AT));
                publish(CaseEventRecords.of(caseId, 1, new ExceptionGranted(id, new ExceptionId(UUID.randomUUID()),
                        new PolicyCode("RETURN-WINDOW"), 1, new Deviation(BigDecimal.valueOf(i), DeviationUnit.DAYS),
                        Money.of("10", "EUR"), "LATE", PersonalText.legacy("Why"), Authority.OWN_LIMIT, "alice",
                        "alice"), AT.plusSeconds(60)));
                publish(CaseEventRecords.of(caseId, 2, new CaseResolved(id, Outcome.SOLVED,
                        PersonalText.legacy("Done")), AT.plusSeconds(120)));
                cases.add(caseId);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return cases;
    }

    private void publish(ProducerRecord<String, String> record) throws Exception {
        EventStoreRows.append(record);
        send(record);
    }

    private int resolvedCount(List<UUID> cases) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.case_summary WHERE status = 'RESOLVED' "
                + "AND case_id = ANY (?)", Integer.class, (Object) cases.toArray(UUID[]::new));
    }

    private String subject(UUID caseId) {
        return jdbc.queryForObject("SELECT subject FROM read_model.case_summary WHERE case_id = ?", String.class,
                caseId);
    }

    private void awaitIdleStream() {
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofMillis(500))
                .until(() -> gauge("leeway.projection.lag.events") == 0);
    }
}
