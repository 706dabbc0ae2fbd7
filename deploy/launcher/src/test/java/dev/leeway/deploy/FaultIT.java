package dev.leeway.deploy;

import dev.leeway.infra.FreePorts;
import dev.leeway.infra.KafkaBroker;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.audit.AuditLogReader;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                // Traced as in production (a tenth of the requests, exported nowhere), not every request logged.
                Map.of("LEEWAY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "LEEWAY_TRACING_SAMPLING", "0.1",
                        "LEEWAY_TRACING_LOG_SPANS", "false"));
        platform = Platform.start(settings, new PrintStream(OutputStream.nullOutputStream()));
        databaseUrl = platform.environment().get("LEEWAY_DB_URL");
        LocalTokens tokens = LocalTokens.in(home.resolve("keys"));
        token = tokens.mint("faulty-agent", List.of("AGENT"), Duration.ofHours(2));
        FrontLineLoad.definePolicy(platform.commandUrl(), tokens.mint("fault-owner", List.of("POLICY_OWNER"),
                Duration.ofMinutes(5)));
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
            Deliveries.Outcome outcome = outcomes.get(i).checked();
            String fault = List.copyOf(faults.keySet()).get(i);
            assertThat(outcome.stepsAccepted()).as(fault + ": commands of each kind accepted")
                    .containsExactlyInAnyOrderElementsOf(FrontLineLoad.Step.SENT);
            assertThat(outcome.lost()).as(fault + ": lost").isEmpty();
            assertThat(outcome.duplicated()).as(fault + ": duplicated").isEmpty();
            assertThat(outcome.outOfOrder()).as(fault + ": out of order on the topic").isEmpty();
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
            Deliveries.Outcome checked = outcome.checked();
            table.add(String.format("%-36s %,9d %,5d %,11d %,9d %10.1f s", fault.getKey(), checked.accepted(),
                    checked.lost().size(), checked.duplicated().size(), checked.retried(),
                    outcome.recovery().toMillis() / 1000.0));
        }
    }

    /**
     * The load until it has had {@link #LOAD_BEFORE_AND_AFTER} commands accepted, the fault for its time (4 s, or
     * the fault's own: that time is the fault), the recovery, and the load again until it has had as many more
     * accepted; then checks what was answered against the stores ({@link Deliveries}). The time to recover runs
     * from the fault until a case opened after the recovery is served by the query API (so it includes the
     * service's start and the projection's catching up on what the load sent meanwhile).
     */
    private Outcome underLoad(Fault fault) throws Exception {
        FrontLineLoad load = new FrontLineLoad(platform.commandUrl(), token, RATE);
        load.start();
        awaitAccepted(load, LOAD_BEFORE_AND_AFTER);
        long injected = System.nanoTime();
        fault.inject().run();
        Thread.sleep(fault.lasting().toMillis());
        fault.recover().run();
        FrontLineLoad probe = new FrontLineLoad(platform.commandUrl(), token, RATE);
        String probed = probe.openOneCase();
        Duration recovery = Duration.ofNanos(awaitOnQueryApi(probed) - injected);
        awaitAccepted(load, load.acceptedCommands() + LOAD_BEFORE_AND_AFTER);
        load.stop();
        probe.stop();
        try (Connection db = adminConnection()) {
            return new Outcome(Deliveries.check(load, db, platform.environment().get("LEEWAY_KAFKA_BOOTSTRAP_SERVERS")),
                    recovery);
        }
    }

    /** Until the load has had {@code commands} accepted in all. */
    private static void awaitAccepted(FrontLineLoad load, int commands) {
        await().atMost(FrontLineLoad.RETRY_FOR).pollInterval(Duration.ofMillis(100))
                .until(() -> load.acceptedCommands() >= commands);
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

    private static Connection adminConnection() throws Exception {
        return DriverManager.getConnection(databaseUrl, "postgres", "");
    }

    private record Fault(Runnable inject, Runnable recover, Duration lasting) {
        Fault(Runnable inject, Runnable recover) {
            this(inject, recover, Duration.ofSeconds(4));
        }
    }

    private record Outcome(Deliveries.Outcome checked, Duration recovery) {
    }

}
