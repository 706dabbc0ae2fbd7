package dev.leeway.deploy;

import dev.leeway.infra.FreePorts;
import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.audit.AuditLogReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged platform under a steady load of new cases while one fault at a time hits it: kill -9 of each
 * service (then started again), the Kafka broker stopped and restarted, and PostgreSQL stopped as
 * {@code pg_ctl stop -m immediate} does (every backend ended at once, no checkpoint) and started again. The client is a front-line app: every
 * command carries its own case id and an Idempotency-Key, and is retried with the same key until it is answered.
 * After each fault it checks that every case answered 2xx is stored exactly once, is on the topic and is in the
 * read models exactly once, that every retry got the first answer, and, at the end, that the hash chain verifies.
 * It prints a table: fault × accepted, lost, duplicated, time to recover. Run with {@code -Pfaults}.
 */
class FaultIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int RATE = Integer.getInteger("leeway.faults.rate", 200);
    private static final Duration RETRY_FOR = Duration.ofMinutes(3);

    @TempDir
    static Path home;
    private static Platform platform;
    private static String token;

    @BeforeAll
    static void startPlatform() {
        PlatformSettings settings = new PlatformSettings(ROOT, home, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), Map.of());
        platform = Platform.start(settings, new PrintStream(OutputStream.nullOutputStream()));
        token = LocalTokens.in(home.resolve("keys")).mint("faulty-agent", List.of("AGENT"), Duration.ofHours(2));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void nothingAcknowledgedIsLostOrDoubledWhenAServiceIsKilledOrAServerGoesAway() throws Exception {
        Map<String, Fault> faults = new LinkedHashMap<>();
        faults.put("kill -9 command-service", new Fault(() -> platform.crash("command-service"),
                () -> platform.restart("command-service")));
        faults.put("kill -9 projection-service", new Fault(() -> platform.crash("projection-service"),
                () -> platform.restart("projection-service")));
        faults.put("kill -9 query-service", new Fault(() -> platform.crash("query-service"),
                () -> platform.restart("query-service")));
        faults.put("Kafka broker stop, restart", new Fault(() -> platform.kafka().stop(),
                () -> platform.kafka().restart()));
        faults.put("PostgreSQL -m immediate, restart", new Fault(platform::crashPostgres, platform::restartPostgres));

        List<String> table = new ArrayList<>();
        table.add(String.format("%-34s %9s %5s %11s %9s %12s", "fault", "accepted", "lost", "duplicated",
                "retried", "recovered in"));
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, Fault> fault : faults.entrySet()) {
            Outcome outcome = underLoad(fault.getValue());
            outcomes.add(outcome);
            table.add(String.format("%-34s %,9d %,5d %,11d %,9d %10.1f s", fault.getKey(), outcome.accepted(),
                    outcome.lost().size(), outcome.duplicated().size(), outcome.retried(),
                    outcome.recovery().toMillis() / 1000.0));
        }
        System.out.println(String.join(System.lineSeparator(), table));

        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String fault = List.copyOf(faults.keySet()).get(i);
            assertThat(outcome.accepted()).as(fault + ": accepted").isPositive();
            assertThat(outcome.lost()).as(fault + ": lost").isEmpty();
            assertThat(outcome.duplicated()).as(fault + ": duplicated").isEmpty();
            assertThat(outcome.refusedButStored()).as(fault + ": refused but stored").isEmpty();
            assertThat(outcome.otherAnswers()).as(fault + ": a retry answered other than the first answer").isEmpty();
        }
        try (Connection db = adminConnection()) {
            assertThat(new AuditLogReader(db).verify(null).intact()).as("hash chain").isTrue();
        }
    }

    /**
     * 8 s of load, the fault, 4 s later the recovery, 8 s more load; then waits until everything is readable. The
     * time to recover runs from the fault until a case opened after the recovery is served by the query API (so it
     * includes the service's start and the projection's catching up on what the load sent meanwhile).
     */
    private Outcome underLoad(Fault fault) throws Exception {
        Load load = new Load();
        load.start();
        Thread.sleep(8_000);
        long injected = System.nanoTime();
        fault.inject().run();
        Thread.sleep(4_000);
        fault.recover().run();
        Load probe = new Load();
        String probed = probe.openOneCase();
        Duration recovery = Duration.ofNanos(awaitOnQueryApi(probed) - injected);
        Thread.sleep(8_000);
        load.stop();
        probe.stop();
        Set<String> accepted = load.accepted();
        awaitReadable(accepted);
        try (Connection db = adminConnection()) {
            Map<String, Long> stored = countBy(db, "SELECT aggregate_identifier, count(*) FROM "
                    + "event_store.domain_event_entry WHERE aggregate_identifier = ANY (?) GROUP BY 1", accepted);
            Map<String, Long> summaries = countBy(db, "SELECT case_id::text, count(*) FROM read_model.case_summary "
                    + "WHERE case_id::text = ANY (?) GROUP BY 1", accepted);
            Map<String, Long> facts = countBy(db, "SELECT case_id::text, count(*) FROM read_model.case_fact "
                    + "WHERE case_id::text = ANY (?) GROUP BY 1", accepted);
            Map<String, Long> refusedStored = countBy(db, "SELECT aggregate_identifier, count(*) FROM "
                    + "event_store.domain_event_entry WHERE aggregate_identifier = ANY (?) GROUP BY 1", load.refused());
            Set<String> onTopic = keysOnTopic(accepted);
            Set<String> lost = new HashSet<>();
            Set<String> duplicated = new HashSet<>();
            for (String caseId : accepted) {
                long events = stored.getOrDefault(caseId, 0L);
                if (events == 0 || !summaries.containsKey(caseId) || !facts.containsKey(caseId)
                        || !onTopic.contains(caseId)) {
                    lost.add(caseId);
                }
                if (events > 1 || summaries.getOrDefault(caseId, 0L) > 1 || facts.getOrDefault(caseId, 0L) > 1) {
                    duplicated.add(caseId);
                }
            }
            return new Outcome(accepted.size(), lost, duplicated, refusedStored.keySet(), load.otherAnswers(),
                    load.retried(), recovery);
        }
    }

    /** Until every accepted case is in both case read models; when that was so (nanoTime). */
    private static long awaitReadable(Set<String> accepted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try (Connection db = adminConnection()) {
            while (System.nanoTime() < deadline) {
                if (countBy(db, "SELECT case_id::text, 1 FROM read_model.case_summary s JOIN read_model.case_fact f "
                        + "USING (case_id) WHERE case_id::text = ANY (?)", accepted).size() == accepted.size()) {
                    return System.nanoTime();
                }
                Thread.sleep(200);
            }
        }
        return System.nanoTime();
    }

    /** Until the query API serves {@code caseId}; when it did (nanoTime). */
    private static long awaitOnQueryApi(String caseId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        HttpRequest read = HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/cases/" + caseId))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).build();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notServingYet) {
                // the query service is still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("case " + caseId + " was not served within 5 minutes");
    }

    private static Set<String> keysOnTopic(Set<String> wanted) {
        Set<String> found = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.environment().get("LEEWAY_KAFKA_BOOTSTRAP_SERVERS"),
                ConsumerConfig.GROUP_ID_CONFIG, "faults-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("leeway.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !found.containsAll(wanted)) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> found.add(record.key()));
            }
        }
        return found;
    }

    private static Map<String, Long> countBy(Connection db, String sql, Set<String> ids) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static Connection adminConnection() throws Exception {
        return DriverManager.getConnection(platform.environment().get("LEEWAY_DB_URL"), "postgres", "");
    }

    private record Fault(Runnable inject, Runnable recover) {
    }

    private record Outcome(int accepted, Set<String> lost, Set<String> duplicated, Set<String> refusedButStored,
                           List<String> otherAnswers, int retried, Duration recovery) {
    }

    /**
     * Opens cases at {@link #RATE} per second, each from a worker that retries it with the same Idempotency-Key
     * until it is answered (2xx or 4xx) or {@link #RETRY_FOR} has passed; connection errors and 5xx are retried.
     */
    private static final class Load {

        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService workers = Executors.newFixedThreadPool(64);
        private final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private final Set<String> refused = ConcurrentHashMap.newKeySet();
        private final List<String> otherAnswers = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger retried = new AtomicInteger();

        void start() {
            long period = 1_000_000_000L / RATE;
            clock.scheduleAtFixedRate(() -> workers.submit(this::openOneCase), 0, period, TimeUnit.NANOSECONDS);
        }

        void stop() throws InterruptedException {
            clock.shutdown();
            clock.awaitTermination(5, TimeUnit.SECONDS);
            workers.shutdown();
            if (!workers.awaitTermination(RETRY_FOR.toMinutes() + 1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("requests still unanswered after retrying for " + RETRY_FOR);
            }
        }

        /** The case id if it was accepted. */
        private String openOneCase() {
            String caseId = UUID.randomUUID().toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.commandUrl() + "/cases"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "open-" + caseId)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"caseId":"%s","customerId":"CUST-FAULT","channel":"PHONE","subject":"Under fire"}"""
                            .formatted(caseId))).build();
            long deadline = System.nanoTime() + RETRY_FOR.toNanos();
            for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
                if (attempt > 0) {
                    retried.incrementAndGet();
                    sleep(250);
                }
                HttpResponse<String> response;
                try {
                    response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException unreachable) {
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                int status = response.statusCode();
                if (status >= 500) {
                    continue;
                }
                if (status < 300) {
                    accepted.add(caseId);
                    if (!response.body().contains(caseId)) {
                        otherAnswers.add(caseId + ": " + response.body());
                    }
                } else {
                    refused.add(caseId);
                }
                return status < 300 ? caseId : null;
            }
            return null;
        }

        Set<String> accepted() {
            return Set.copyOf(accepted);
        }

        Set<String> refused() {
            return Set.copyOf(refused);
        }

        List<String> otherAnswers() {
            return List.copyOf(otherAnswers);
        }

        int retried() {
            return retried.get();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
