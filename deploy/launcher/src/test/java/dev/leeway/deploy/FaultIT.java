package dev.leeway.deploy;

import dev.leeway.infra.FreePorts;
import dev.leeway.infra.KafkaBroker;
import dev.leeway.infra.LocalInfrastructure;
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
import java.util.EnumMap;
import java.util.EnumSet;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged platform under a steady load of front-line cases (each opened, given a bend, resolved and rated)
 * while one fault at a time hits it: kill -9 of each service (then started again), the Kafka broker stopped and
 * restarted, PostgreSQL stopped as {@code pg_ctl stop -m immediate} does (every backend ended at once, no
 * checkpoint) and started again, and a TCP proxy ({@link FaultProxy}) between the services and Kafka, then
 * PostgreSQL, that drops every connection, then stalls them for longer than the clients' timeouts. The client is
 * a front-line app: every command carries an Idempotency-Key and is retried with the same key until it is
 * answered. After each fault it checks that every command answered 2xx stored its event exactly once, that every
 * stored event is on the topic and applied exactly once in both case read models (their counts of bends,
 * resolutions and surveys), that no refused command stored anything, that every retry got the first answer (the
 * bend id answered is the one stored), and, at the end, that the hash chain verifies. It prints a table: fault ×
 * commands accepted, lost, duplicated, retried, time to recover. Run with {@code -Pfaults}.
 */
class FaultIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int RATE = Integer.getInteger("leeway.faults.rate", 200);
    private static final Duration RETRY_FOR = Duration.ofMinutes(3);
    /** The load's bends are on this rule, within the agent's own authority and a budget no load exhausts. */
    private static final String POLICY = "FAULT-GOODWILL";
    /** Commands accepted before each fault and again after its recovery: about 8 s of the load at 200/s. */
    private static final int LOAD_BEFORE_AND_AFTER = 8 * RATE;

    @TempDir
    static Path home;
    private static Platform platform;
    /** The suite's own broker, which clients reach only through {@link #kafkaProxy}. */
    private static KafkaBroker kafka;
    private static FaultProxy kafkaProxy;
    private static int postgresPort;
    /** The event store as the checks read it: never through the proxy. */
    private static String databaseUrl;
    private static String token;

    @BeforeAll
    static void startPlatform() throws Exception {
        postgresPort = FreePorts.next();
        int kafkaPort = FreePorts.next();
        kafkaProxy = FaultProxy.start(FreePorts.next(), "localhost", kafkaPort);
        kafka = KafkaBroker.start(home.resolve("kafka"), kafkaPort, FreePorts.next(), kafkaProxy.port());
        PlatformSettings settings = new PlatformSettings(ROOT, home, postgresPort, FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                Map.of("LEEWAY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
        platform = Platform.start(settings, new PrintStream(OutputStream.nullOutputStream()));
        databaseUrl = platform.environment().get("LEEWAY_DB_URL");
        LocalTokens tokens = LocalTokens.in(home.resolve("keys"));
        token = tokens.mint("faulty-agent", List.of("AGENT"), Duration.ofHours(2));
        HttpResponse<String> defined = HTTP.send(HttpRequest.newBuilder(
                        URI.create(platform.commandUrl() + "/policies/" + POLICY))
                .header("Authorization", "Bearer " + tokens.mint("fault-owner", List.of("POLICY_OWNER"),
                        Duration.ofMinutes(5)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"title":"Goodwill","purpose":"The fault suite's bends","kind":"BENDABLE","unit":"DAYS",
                         "currency":"EUR","ownAuthorityLimits":{"AGENT":10},"monthlyBudgetPerAgent":1000000000}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (kafkaProxy != null) {
            kafkaProxy.close();
        }
    }

    /**
     * The faults one at a time, each under load. Kafka is the suite's own broker, which advertises a proxy's port:
     * every connection to it goes through the proxy, which drops them, then stalls them for 60 s (longer than the
     * producer's delivery timeout, 30 s, and the consumer group's session timeout, 45 s). Then every service is
     * restarted with its PostgreSQL connections (event store and key vault) through another proxy, which drops
     * them, then stalls them for 40 s: longer than the load's HTTP timeout (10 s) and the services' wait for a
     * pooled connection (Hikari's 30 s).
     */
    @Test
    void nothingAcknowledgedIsLostOrDoubledWhenAServiceIsKilledOrAServerGoesAway() throws Exception {
        Map<String, Fault> faults = new LinkedHashMap<>();
        faults.put("kill -9 command-service", new Fault(() -> platform.crash("command-service"),
                () -> platform.restart("command-service")));
        faults.put("kill -9 projection-service", new Fault(() -> platform.crash("projection-service"),
                () -> platform.restart("projection-service")));
        faults.put("kill -9 query-service", new Fault(() -> platform.crash("query-service"),
                () -> platform.restart("query-service")));
        faults.put("Kafka broker stop, restart", new Fault(kafka::stop, kafka::restart));
        faults.put("Kafka connections dropped", new Fault(kafkaProxy::drop, kafkaProxy::pass));
        faults.put("Kafka connections stalled 60 s", new Fault(kafkaProxy::stall, kafkaProxy::pass,
                Duration.ofSeconds(60)));
        faults.put("PostgreSQL -m immediate, restart", new Fault(platform::crashPostgres, platform::restartPostgres));
        Map<String, Fault> proxied = new LinkedHashMap<>();
        FaultProxy proxy = FaultProxy.start(FreePorts.next(), "localhost", postgresPort);
        proxied.put("PostgreSQL connections dropped", new Fault(proxy::drop, proxy::pass));
        proxied.put("PostgreSQL connections stalled 40 s", new Fault(proxy::stall, proxy::pass,
                Duration.ofSeconds(40)));

        List<String> table = new ArrayList<>();
        table.add(String.format("%-36s %9s %5s %11s %9s %12s", "fault", "accepted", "lost", "duplicated",
                "retried", "recovered in"));
        List<Outcome> outcomes = new ArrayList<>();
        try (proxy) {
            run(faults, table, outcomes);
            platform.restartAllWith(Map.of(
                    "LEEWAY_DB_URL", "jdbc:postgresql://localhost:" + proxy.port() + "/" + LocalInfrastructure.DATABASE,
                    "LEEWAY_KEY_VAULT_URL", "jdbc:postgresql://localhost:" + proxy.port() + "/"
                            + LocalInfrastructure.KEY_VAULT_DATABASE));
            run(proxied, table, outcomes);
        } finally {
            System.out.println(String.join(System.lineSeparator(), table));
        }
        faults.putAll(proxied);

        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String fault = List.copyOf(faults.keySet()).get(i);
            assertThat(outcome.stepsAccepted()).as(fault + ": commands of each kind accepted")
                    .containsExactlyInAnyOrderElementsOf(Step.SENT);
            assertThat(outcome.lost()).as(fault + ": lost").isEmpty();
            assertThat(outcome.duplicated()).as(fault + ": duplicated").isEmpty();
            assertThat(outcome.refusedButStored()).as(fault + ": refused but stored").isEmpty();
            assertThat(outcome.otherAnswers()).as(fault + ": a retry answered other than the first answer").isEmpty();
        }
        try (Connection db = adminConnection()) {
            assertThat(new AuditLogReader(db).verify(null).intact()).as("hash chain").isTrue();
        }
    }

    private void run(Map<String, Fault> faults, List<String> table, List<Outcome> outcomes) throws Exception {
        for (Map.Entry<String, Fault> fault : faults.entrySet()) {
            Outcome outcome = underLoad(fault.getValue());
            outcomes.add(outcome);
            table.add(String.format("%-36s %,9d %,5d %,11d %,9d %10.1f s", fault.getKey(), outcome.accepted(),
                    outcome.lost().size(), outcome.duplicated().size(), outcome.retried(),
                    outcome.recovery().toMillis() / 1000.0));
        }
    }

    /**
     * The load until it has had {@link #LOAD_BEFORE_AND_AFTER} commands accepted, the fault for its time (4 s, or
     * the fault's own: that time is the fault), the recovery, and the load again until it has had as many more
     * accepted; then waits until the read models have every stored event. The time to recover runs from the fault until a case opened after the
     * recovery is served by the query API (so it includes the service's start and the projection's catching up on
     * what the load sent meanwhile).
     */
    private Outcome underLoad(Fault fault) throws Exception {
        Load load = new Load();
        load.start();
        awaitAccepted(load, LOAD_BEFORE_AND_AFTER);
        long injected = System.nanoTime();
        fault.inject().run();
        Thread.sleep(fault.lasting().toMillis());
        fault.recover().run();
        Load probe = new Load();
        String probed = probe.openOneCase();
        Duration recovery = Duration.ofNanos(awaitOnQueryApi(probed) - injected);
        awaitAccepted(load, load.acceptedCommands() + LOAD_BEFORE_AND_AFTER);
        load.stop();
        probe.stop();
        Set<String> cases = new HashSet<>(load.accepted().keySet());
        cases.addAll(load.refused().keySet());
        try (Connection db = adminConnection()) {
            Map<String, Map<Step, Long>> stored = storedEvents(db, cases);
            awaitReadModels(db, stored);
            Map<String, Map<Step, Long>> facts = new HashMap<>();
            Map<String, Long> factRows = new HashMap<>();
            Map<String, Long> summaryRows = countBy(db, "SELECT case_id::text, count(*) FROM "
                    + "read_model.case_summary WHERE case_id::text = ANY (?) GROUP BY 1", cases);
            try (PreparedStatement select = db.prepareStatement("""
                    SELECT case_id::text, count(*) OVER (PARTITION BY case_id), bends_granted, resolutions, surveys
                    FROM read_model.case_fact WHERE case_id::text = ANY (?)""")) {
                select.setArray(1, db.createArrayOf("text", cases.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        factRows.put(rows.getString(1), rows.getLong(2));
                        facts.put(rows.getString(1), Map.of(Step.OPEN, 1L, Step.BEND, rows.getLong(3),
                                Step.RESOLVE, rows.getLong(4), Step.RATE, rows.getLong(5)));
                    }
                }
            }
            Map<String, Long> onTopic = recordsOnTopic(stored);
            Map<String, String> grantedBends = new HashMap<>();
            try (PreparedStatement select = db.prepareStatement("""
                    SELECT aggregate_identifier, payload::jsonb ->> 'exceptionId' FROM event_store.domain_event_entry
                    WHERE aggregate_identifier = ANY (?) AND payload_type = ?""")) {
                select.setArray(1, db.createArrayOf("text", cases.toArray()));
                select.setString(2, Step.BEND.event);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        grantedBends.put(rows.getString(1), rows.getString(2));
                    }
                }
            }

            Set<String> lost = new HashSet<>();
            Set<String> duplicated = new HashSet<>();
            Set<String> refusedButStored = new HashSet<>();
            List<String> otherAnswers = new ArrayList<>(load.otherAnswers());
            load.accepted().forEach((caseId, steps) -> steps.forEach(step -> {
                if (stored.getOrDefault(caseId, Map.of()).getOrDefault(step, 0L) == 0) {
                    lost.add(caseId + " " + step + ": not in the event store");
                }
            }));
            load.refused().forEach((caseId, steps) -> steps.forEach(step -> {
                if (stored.getOrDefault(caseId, Map.of()).getOrDefault(step, 0L) > 0) {
                    refusedButStored.add(caseId + " " + step);
                }
            }));
            load.bends().forEach((caseId, answered) -> {
                if (!answered.equals(grantedBends.get(caseId))) {
                    otherAnswers.add(caseId + ": answered bend " + answered + ", stored " + grantedBends.get(caseId));
                }
            });
            stored.forEach((caseId, events) -> {
                long total = events.values().stream().mapToLong(Long::longValue).sum();
                events.forEach((step, count) -> {
                    if (step == Step.OTHER) {
                        return;
                    }
                    if (count > 1) {
                        duplicated.add(caseId + " " + step + ": stored " + count + " times");
                    }
                    long applied = facts.getOrDefault(caseId, Map.of()).getOrDefault(step, 0L);
                    if (applied < count) {
                        lost.add(caseId + " " + step + ": missing from case_fact");
                    } else if (applied > count) {
                        duplicated.add(caseId + " " + step + ": applied " + applied + " times in case_fact");
                    }
                });
                if (summaryRows.getOrDefault(caseId, 0L) != 1 || factRows.getOrDefault(caseId, 0L) != 1) {
                    (summaryRows.getOrDefault(caseId, 0L) == 0 || factRows.getOrDefault(caseId, 0L) == 0
                            ? lost : duplicated).add(caseId + ": case_summary/case_fact rows "
                            + summaryRows.get(caseId) + "/" + factRows.get(caseId));
                }
                if (onTopic.getOrDefault(caseId, 0L) < total) {
                    lost.add(caseId + ": " + onTopic.getOrDefault(caseId, 0L) + " of " + total
                            + " events on the topic");
                }
            });
            int accepted = load.accepted().values().stream().mapToInt(Set::size).sum();
            Set<Step> kinds = EnumSet.noneOf(Step.class);
            load.accepted().values().forEach(kinds::addAll);
            return new Outcome(accepted, kinds, lost, duplicated, refusedButStored, otherAnswers, load.retried(),
                    recovery);
        }
    }

    /** Until the load has had {@code commands} accepted in all. */
    private static void awaitAccepted(Load load, int commands) {
        await().atMost(RETRY_FOR).pollInterval(Duration.ofMillis(100))
                .until(() -> load.acceptedCommands() >= commands);
    }

    /** Each case's stored events of the load's four kinds, counted by kind. */
    private static Map<String, Map<Step, Long>> storedEvents(Connection db, Set<String> cases) throws Exception {
        Map<String, Step> steps = new HashMap<>();
        for (Step step : Step.SENT) {
            steps.put(step.event, step);
        }
        Map<String, Map<Step, Long>> stored = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT aggregate_identifier, payload_type, count(*) FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ANY (?) GROUP BY 1, 2""")) {
            select.setArray(1, db.createArrayOf("text", cases.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // Another kind (a bend asked for, not granted at once) is counted apart, in no step.
                    Step step = steps.get(rows.getString(2));
                    stored.computeIfAbsent(rows.getString(1), id -> new EnumMap<>(Step.class))
                            .merge(step == null ? Step.OTHER : step, rows.getLong(3), Long::sum);
                }
            }
        }
        return stored;
    }

    /** Until both case read models have applied every stored event: each case's last sequence is the store's. */
    private static void awaitReadModels(Connection db, Map<String, Map<Step, Long>> stored) throws Exception {
        Map<String, Long> lastSequence = new HashMap<>();
        stored.forEach((caseId, events) -> lastSequence.put(caseId,
                events.values().stream().mapToLong(Long::longValue).sum() - 1));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Long> summaries = countBy(db, "SELECT case_id::text, last_sequence FROM "
                    + "read_model.case_summary WHERE case_id::text = ANY (?)", lastSequence.keySet());
            Map<String, Long> facts = countBy(db, "SELECT case_id::text, last_sequence FROM read_model.case_fact "
                    + "WHERE case_id::text = ANY (?)", lastSequence.keySet());
            if (summaries.equals(lastSequence) && facts.equals(lastSequence)) {
                return;
            }
            Thread.sleep(200);
        }
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

    /** Records per case key on the topic, read until each case has at least its stored events (or 60 s passed). */
    private static Map<String, Long> recordsOnTopic(Map<String, Map<Step, Long>> stored) {
        Map<String, Long> wanted = new HashMap<>();
        stored.forEach((caseId, events) -> wanted.put(caseId,
                events.values().stream().mapToLong(Long::longValue).sum()));
        Map<String, Long> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.environment().get("LEEWAY_KAFKA_BOOTSTRAP_SERVERS"),
                ConsumerConfig.GROUP_ID_CONFIG, "faults-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("leeway.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !wanted.entrySet().stream()
                    .allMatch(want -> found.getOrDefault(want.getKey(), 0L) >= want.getValue())) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (wanted.containsKey(record.key())) {
                        found.merge(record.key(), 1L, Long::sum);
                    }
                });
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
        return DriverManager.getConnection(databaseUrl, "postgres", "");
    }

    private record Fault(Runnable inject, Runnable recover, Duration lasting) {
        Fault(Runnable inject, Runnable recover) {
            this(inject, recover, Duration.ofSeconds(4));
        }
    }

    private record Outcome(int accepted, Set<Step> stepsAccepted, Set<String> lost, Set<String> duplicated,
                           Set<String> refusedButStored, List<String> otherAnswers, int retried, Duration recovery) {
    }

    /** A front-line case's commands, in the order the load sends them, and the event each stores. */
    private enum Step {
        OPEN("CaseOpened"), BEND("ExceptionGranted"), RESOLVE("CaseResolved"), RATE("SatisfactionRecorded"),
        /** Any other event of the case: the load sends nothing that stores one. */
        OTHER("");

        static final List<Step> SENT = List.of(OPEN, BEND, RESOLVE, RATE);

        final String event;

        Step(String event) {
            this.event = "dev.leeway.kernel.cases." + event;
        }
    }

    /**
     * Sends {@link #RATE} commands per second as front-line cases: each opened, given a bend on the agent's own
     * authority, resolved and rated, one command after the other. Every command is retried with its own
     * Idempotency-Key until it is answered (2xx or 4xx) or {@link #RETRY_FOR} has passed; connection errors and 5xx
     * are retried. A case whose command is refused goes no further.
     */
    private static final class Load {

        private static final Pattern EXCEPTION_ID = Pattern.compile("\"exceptionId\"\\s*:\\s*\"([^\"]+)\"");

        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService workers = Executors.newFixedThreadPool(64);
        private final Map<String, Set<Step>> accepted = new ConcurrentHashMap<>();
        private final Map<String, Set<Step>> refused = new ConcurrentHashMap<>();
        private final Map<String, String> bends = new ConcurrentHashMap<>();
        private final List<String> otherAnswers = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger retried = new AtomicInteger();
        private final AtomicInteger acceptedCommands = new AtomicInteger();

        void start() {
            long period = 1_000_000_000L * Step.SENT.size() / RATE;
            clock.scheduleAtFixedRate(() -> workers.submit(this::oneCase), 0, period, TimeUnit.NANOSECONDS);
        }

        void stop() throws InterruptedException {
            clock.shutdown();
            clock.awaitTermination(5, TimeUnit.SECONDS);
            workers.shutdown();
            if (!workers.awaitTermination(Step.SENT.size() * RETRY_FOR.toMinutes() + 1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("requests still unanswered after retrying for " + RETRY_FOR);
            }
        }

        private void oneCase() {
            String caseId = UUID.randomUUID().toString();
            for (Step step : Step.SENT) {
                if (!send(caseId, step)) {
                    return;
                }
            }
        }

        /** The case id if it was opened: the recovery's probe. */
        String openOneCase() {
            String caseId = UUID.randomUUID().toString();
            return send(caseId, Step.OPEN) ? caseId : null;
        }

        /** Whether the command was accepted. */
        private boolean send(String caseId, Step step) {
            String[] pathAndBody = switch (step) {
                case OPEN -> new String[] {"/cases", """
                        {"caseId":"%s","customerId":"CUST-FAULT","channel":"PHONE","subject":"Under fire"}"""
                        .formatted(caseId)};
                case BEND -> new String[] {"/cases/" + caseId + "/exceptions", """
                        {"policyCode":"%s","deviation":1,"valueGiven":{"amount":1,"currency":"EUR"},
                         "reasonCode":"GOODWILL","justification":"Late twice"}""".formatted(POLICY)};
                case RESOLVE -> new String[] {"/cases/" + caseId + "/resolution",
                        "{\"outcome\":\"SOLVED\",\"summary\":\"Refunded the shipping\"}"};
                case RATE -> new String[] {"/cases/" + caseId + "/satisfaction", "{\"score\":5}"};
                case OTHER -> throw new IllegalArgumentException("the load sends no " + step);
            };
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.commandUrl() + pathAndBody[0]))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", step.name().toLowerCase() + "-" + caseId)
                    .POST(HttpRequest.BodyPublishers.ofString(pathAndBody[1])).build();
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
                    return false;
                }
                int status = response.statusCode();
                if (status >= 500) {
                    continue;
                }
                if (status >= 300) {
                    refused.computeIfAbsent(caseId, id -> ConcurrentHashMap.newKeySet()).add(step);
                    return false;
                }
                accepted.computeIfAbsent(caseId, id -> ConcurrentHashMap.newKeySet()).add(step);
                acceptedCommands.incrementAndGet();
                if (step == Step.OPEN && !response.body().contains(caseId)) {
                    otherAnswers.add(caseId + ": " + response.body());
                }
                if (step == Step.BEND) {
                    Matcher bend = EXCEPTION_ID.matcher(response.body());
                    if (bend.find()) {
                        bends.put(caseId, bend.group(1));
                    } else {
                        otherAnswers.add(caseId + " " + step + ": " + response.body());
                    }
                }
                return true;
            }
            return false;
        }

        Map<String, Set<Step>> accepted() {
            return accepted;
        }

        Map<String, Set<Step>> refused() {
            return refused;
        }

        Map<String, String> bends() {
            return bends;
        }

        List<String> otherAnswers() {
            return List.copyOf(otherAnswers);
        }

        int acceptedCommands() {
            return acceptedCommands.get();
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
