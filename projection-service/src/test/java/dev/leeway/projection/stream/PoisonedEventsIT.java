package dev.leeway.projection.stream;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.projection.support.CaseEventRecords;
import dev.leeway.projection.support.CapturedLogs;
import dev.leeway.projection.support.RunningProjectionService;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PoisonedEventsIT extends RunningProjectionService {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    /** 1e100000 written out in full: more digits than any JSON reader accepts by default, and than NUMERIC(19,4). */
    private static final String HUNDRED_THOUSAND_ZEROS = "1" + "0".repeat(100_000);
    /** 1e20: reads as a number, but NUMERIC(19,4) holds at most 15 digits before the point. */
    private static final String TWENTY_ZEROS = "1" + "0".repeat(20);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPoisonedEventAmongAThousandIsParkedAndTheOthersArrive() throws Exception {
        String bulkSubject = "Bulk " + UUID.randomUUID();
        List<UUID> bulk = Stream.generate(UUID::randomUUID).limit(1000).toList();
        UUID unreadable = UUID.randomUUID();
        UUID hugeBend = UUID.randomUUID();
        UUID overflowingBend = UUID.randomUUID();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        bulk.subList(0, 500).forEach(caseId -> records.add(CaseEventRecords.caseOpened(caseId, bulkSubject, AT)));
        records.add(CaseEventRecords.caseOpened(unreadable, "Cut off", AT));
        records.add(CaseEventRecords.truncated(unreadable, 1, CaseAssigned.class.getName(), AT.plusSeconds(1)));
        records.add(CaseEventRecords.caseOpened(hugeBend, "Huge bend", AT));
        records.add(CaseEventRecords.grantedWithDeviation(hugeBend, 1, HUNDRED_THOUSAND_ZEROS, AT.plusSeconds(1)));
        records.add(CaseEventRecords.caseOpened(overflowingBend, "Big bend", AT));
        records.add(CaseEventRecords.grantedWithDeviation(overflowingBend, 1, TWENTY_ZEROS, AT.plusSeconds(1)));
        bulk.subList(500, 1000).forEach(caseId -> records.add(CaseEventRecords.caseOpened(caseId, bulkSubject, AT)));
        records.add(CaseEventRecords.assigned(unreadable, 2, "bob", AT.plusSeconds(2)));
        double parkedBefore = counter("leeway.projection.events.parked");

        try (CapturedLogs logs = CapturedLogs.of(EventApplier.class)) {
            sendAll(records);

            await().atMost(Duration.ofSeconds(60)).until(() -> casesWithSubject(bulkSubject) == 1000);
            await().atMost(Duration.ofSeconds(30)).until(() -> parked(unreadable).size() == 2
                    && parked(hugeBend).size() == 1 && parked(overflowingBend).size() == 1);

            Map<String, Object> cutOff = parked(unreadable).get(0);
            assertThat(cutOff).containsEntry("sequence", 1L).containsEntry("waiting_behind", null)
                    .containsEntry("event_id", "event-" + unreadable + "-1")
                    .containsEntry("event_type", CaseAssigned.class.getName())
                    .containsEntry("revision", "1")
                    .containsEntry("kafka_topic", CaseEventRecords.TOPIC);
            assertThat((String) cutOff.get("reason")).isNotBlank().hasSizeLessThanOrEqualTo(1000);
            assertThat(new String((byte[]) cutOff.get("payload"), StandardCharsets.UTF_8)).isEqualTo("{\"caseId\":");
            assertThat((Long) cutOff.get("kafka_offset")).isNotNegative();
            Map<String, Object> behind = parked(unreadable).get(1);
            assertThat(behind).containsEntry("sequence", 2L).containsEntry("waiting_behind", cutOff.get("id"))
                    .containsEntry("reason", "waiting behind parked event " + cutOff.get("id") + " (sequence 1)");
            // Not applied: the savepoint undid whatever the handler had already written.
            assertThat(caseRow(unreadable)).containsEntry("last_sequence", 0L).containsEntry("assignee", null);

            assertThat((String) parked(hugeBend).get(0).get("reason")).isNotBlank();
            assertThat((String) parked(overflowingBend).get(0).get("reason")).contains("numeric field overflow");
            for (UUID bent : List.of(hugeBend, overflowingBend)) {
                assertThat(caseRow(bent)).containsEntry("last_sequence", 0L);
                assertThat(bendsOf(bent)).isZero();
            }

            // Parked per projection: case_summary parks all four; case_facts (whose amounts are unconstrained
            // NUMERIC) takes both bends and parks only the unreadable event and the one waiting behind it.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(counter("leeway.projection.events.parked")).isEqualTo(parkedBefore + 4 + 2);
                assertThat(gauge("leeway.projection.parked.events")).isGreaterThanOrEqualTo(4);
                assertThat(gauge("leeway.projection.parked.aggregates")).isGreaterThanOrEqualTo(3);
                JsonNode health = health();
                assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
                JsonNode projection = health.path("components").path("projection");
                assertThat(projection.path("status").asText()).isEqualTo("DEGRADED");
                assertThat(projection.path("details").path("parkedEvents").asLong()).isGreaterThanOrEqualTo(4);
                assertThat(projection.path("details").path("parkedAggregates").asLong()).isGreaterThanOrEqualTo(3);
                assertThat(projection.path("details").path("oldestParkedAt").asText()).isNotBlank();
            });
            assertThat(get("/actuator/prometheus").body())
                    .containsPattern("(?m)^leeway_projection_parked_events\\{.*} [1-9]")
                    .containsPattern("(?m)^leeway_projection_parked_aggregates\\{.*} [1-9]")
                    .containsPattern("(?m)^leeway_projection_events_parked_total\\{.*} [1-9]");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(logs.count(Level.ERROR, "event-" + unreadable + "-1")).as("once per projection").isEqualTo(2);
                assertThat(logs.count(Level.ERROR, "event-" + hugeBend + "-1")).isEqualTo(1);
                assertThat(logs.count(Level.ERROR, "event-" + overflowingBend + "-1")).isEqualTo(1);
            });
            assertThat(logs.count(Level.ERROR, "event-" + unreadable + "-2")).isZero();
            assertThat(logs.at(Level.ERROR)).noneMatch(message -> message.contains("0000000000"));
        }
    }

    @Test
    void aRedeliveredParkedEventIsParkedOnce() throws Exception {
        UUID caseId = UUID.randomUUID();
        ProducerRecord<String, String> unreadable = CaseEventRecords.truncated(caseId, 0, CaseOpened.class.getName(), AT);
        send(unreadable);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedByAnyProjection(caseId) == 2);
        double parkedBefore = counter("leeway.projection.events.parked");
        double duplicatesBefore = counter("leeway.projection.events.duplicate");

        send(unreadable);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> counter("leeway.projection.events.duplicate") >= duplicatesBefore + 1);
        assertThat(parked(caseId)).hasSize(1);
        assertThat(parkedByAnyProjection(caseId)).as("once by each projection of cases").isEqualTo(2);
        assertThat(counter("leeway.projection.events.parked")).isEqualTo(parkedBefore);
    }

    @Test
    void aTransientDatabaseFailureIsRetriedAndNothingIsParked() throws Exception {
        UUID caseId = UUID.randomUUID();
        Instant openedAt = Instant.now().minusSeconds(60);
        send(CaseEventRecords.caseOpened(caseId, "Locked out", openedAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> caseRows(caseId) == 1);
        double failedBefore = counter("leeway.projection.batches.failed");

        try (CapturedLogs logs = CapturedLogs.of(EventStreamListener.class);
             Connection locker = LocalInfrastructure.shared().adminConnection();
             Connection admin = LocalInfrastructure.shared().adminConnection()) {
            // An operator's long transaction holds the case's row; each time the projection waits for it, its
            // statement is cancelled, as a restarting or overloaded database would do.
            locker.setAutoCommit(false);
            lockCaseRow(locker, caseId);
            send(CaseEventRecords.assigned(caseId, 1, "bob", openedAt.plusSeconds(1)));

            cancelTheWaitingProjection(admin);
            await().atMost(Duration.ofSeconds(20)).until(() -> counter("leeway.projection.batches.failed") >= failedBefore + 1);
            assertThat(gauge("leeway.projection.lag.events")).isGreaterThanOrEqualTo(1);
            assertThat(gauge("leeway.projection.lag")).isGreaterThanOrEqualTo(50_000);
            assertThat(health().path("components").path("projection").path("details").path("streamFailedAttempts").asInt())
                    .isGreaterThanOrEqualTo(1);
            cancelTheWaitingProjection(admin);
            await().atMost(Duration.ofSeconds(20)).until(() -> counter("leeway.projection.batches.failed") >= failedBefore + 2);
            locker.rollback();

            await().atMost(Duration.ofSeconds(30)).until(() -> (Long) caseRow(caseId).get("last_sequence") == 1L);
            assertThat(caseRow(caseId)).containsEntry("assignee", "bob");
            assertThat(parked(caseId)).isEmpty();
            assertThat(logs.count(Level.ERROR, "stream stopped")).isEqualTo(1);
            assertThat(logs.count(Level.WARN, "still stopped")).isGreaterThanOrEqualTo(1);
        }
        // The recovered batch's delay shows for a few seconds (ProjectionMetrics.RECENT), then nothing is late.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(gauge("leeway.projection.lag.events")).isZero();
            assertThat(gauge("leeway.projection.lag")).isZero();
        });
    }

    private void cancelTheWaitingProjection(Connection admin) {
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingProjection(admin).isPresent());
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Optional<Integer> pid = waitingProjection(admin);
            if (pid.isEmpty()) {
                return true; // the wait ended on its own account; nothing to cancel
            }
            try (PreparedStatement cancel = admin.prepareStatement("SELECT pg_cancel_backend(?)")) {
                cancel.setInt(1, pid.get());
                try (ResultSet done = cancel.executeQuery()) {
                    return done.next() && done.getBoolean(1);
                }
            }
        });
    }

    private static Optional<Integer> waitingProjection(Connection admin) throws Exception {
        try (ResultSet waiting = admin.createStatement().executeQuery("""
                SELECT pid FROM pg_stat_activity WHERE usename = 'leeway_projection' AND wait_event_type = 'Lock'""")) {
            return waiting.next() ? Optional.of(waiting.getInt(1)) : Optional.empty();
        }
    }

    private static void lockCaseRow(Connection locker, UUID caseId) throws Exception {
        try (PreparedStatement lock = locker.prepareStatement(
                "SELECT 1 FROM read_model.case_summary WHERE case_id = ? FOR UPDATE")) {
            lock.setObject(1, caseId);
            lock.executeQuery().close();
        }
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private long parkedByAnyProjection(UUID caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.parked_event WHERE aggregate_id = ?", Long.class,
                caseId.toString());
    }

    private List<Map<String, Object>> parked(UUID caseId) {
        return jdbc.queryForList("""
                SELECT * FROM read_model.parked_event
                WHERE projection = 'case_summary' AND aggregate_type = 'Case' AND aggregate_id = ?
                ORDER BY sequence""", caseId.toString());
    }

    private int casesWithSubject(String subject) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.case_summary WHERE subject = ?", Integer.class, subject);
    }

    private int caseRows(UUID caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.case_summary WHERE case_id = ?", Integer.class, caseId);
    }

    private Map<String, Object> caseRow(UUID caseId) {
        return jdbc.queryForMap("SELECT * FROM read_model.case_summary WHERE case_id = ?", caseId);
    }

    private int bendsOf(UUID caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.case_bend WHERE case_id = ?", Integer.class, caseId);
    }
}
