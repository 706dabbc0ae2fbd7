package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.kernel.audit.VerificationReport;
import dev.leeway.kernel.identity.Role;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code deploy/leeway bench audit [--events N] [--keep]}: what an auditor waits for, on a throw-away platform
 * ({@link BenchPlatform}) whose store is seeded with N realistic events, hash chain and checkpoints included
 * ({@link BenchSeeder}): the chain verified offline (the verifier {@code deploy/leeway verify} runs, in this
 * process, so without the JVM's start) and through the audit API; then one case with 1,000 events and its as-of
 * state through the API. Prints figures; asserts nothing.
 */
final class AuditBench {

    /** Events of the long case, its opening included. */
    static final int LONG_CASE_EVENTS = 1_000;
    private static final int RUNS = 3;
    private static final int AS_OF_WARM_UPS = 10;
    private static final int AS_OF_SAMPLES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUIET_PERCENT = 15;
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(5);

    private AuditBench() {
    }

    static void run(Path root, BenchOptions options, PrintStream out, PrintStream terminal) throws Exception {
        BenchPlatform.requireServiceJars(root);
        try (BenchPlatform platform = BenchPlatform.open(root, "audit", options.keep(), terminal)) {
            out.println("Leeway audit bench, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
            out.println("  machine: " + BenchMachine.describe());
            String url = platform.startEventStore();
            out.println("  database: " + platform.serverVersion() + ", embedded, fsync and synchronous_commit on");
            out.println();
            BenchSeeder.seed(url, platform.keyVaultUrl(), BenchHistory.endingNow(options.events(), BenchSeeder.SEED,
                    BenchHistory.Shape.EVEN), out);

            out.println();
            out.println("Offline verification (deploy/leeway verify's verifier, chain + checkpoints + decoding):");
            for (int run = 1; run <= RUNS; run++) {
                long start = System.nanoTime();
                VerificationReport report = Verify.database(url, EmbeddedPostgresServer.SUPERUSER, "", null);
                print(out, run, report.eventsChecked(), System.nanoTime() - start, report.firstBrokenLink() == null);
            }

            long starting = System.nanoTime();
            BenchPlatform.Services services = platform.startAllServices();
            out.printf(Locale.ROOT, "%nKafka and the three services started (one after the other) in %.1f s, while "
                    + "the publisher and the projections began catching up with the seeded events%n",
                    (System.nanoTime() - starting) / 1e9);
            long catchingUp = System.nanoTime();
            awaitQuiet(services.cpu());
            out.printf(Locale.ROOT, "Caught up (every process under %d%% of a core) %.0f s later%n", QUIET_PERCENT,
                    (System.nanoTime() - catchingUp) / 1e9);
            String auditor = platform.tokens().mint("bench-auditor", List.of(Role.AUDITOR.name()), Duration.ofHours(8));

            out.println("API verification (GET /audit/verification):");
            for (int run = 1; run <= RUNS; run++) {
                long start = System.nanoTime();
                JsonNode report = get(services.query().url() + "/audit/verification", auditor);
                print(out, run, report.path("eventsChecked").asLong(), System.nanoTime() - start,
                        report.path("intact").asBoolean());
            }

            String caseId = longCase(services.command().url(), platform);
            Histogram asOf = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
            String state = services.query().url() + "/audit/cases/" + caseId + "/state?asOf=" + (LONG_CASE_EVENTS - 1);
            for (int i = 0; i < AS_OF_WARM_UPS + AS_OF_SAMPLES; i++) {
                long start = System.nanoTime();
                get(state, auditor);
                if (i >= AS_OF_WARM_UPS) {
                    asOf.recordValue(System.nanoTime() - start);
                }
            }
            out.printf(Locale.ROOT, "As-of state of a %,d-event case (GET /audit/cases/{id}/state?asOf=%d), %d "
                            + "sequential after %d warm-ups: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    LONG_CASE_EVENTS, LONG_CASE_EVENTS - 1, AS_OF_SAMPLES, AS_OF_WARM_UPS,
                    asOf.getValueAtPercentile(50) / 1e6, asOf.getValueAtPercentile(99) / 1e6, asOf.getMaxValue() / 1e6);
            out.println("Memory (PSS, MiB) at the end: " + services.cpu().memory());
            platform.succeeded();
        }
    }

    /**
     * Waits until no process uses more than {@link #QUIET_PERCENT}% of a core over a few seconds: the services have
     * published and projected the seeded history, which would otherwise compete with what is measured next.
     */
    private static void awaitQuiet(ProcessCpu cpu) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            ProcessCpu.Snapshot before = cpu.snapshot();
            Thread.sleep(QUIET_WINDOW.toMillis());
            if (cpu.since(before).percent().values().stream().allMatch(percent -> percent < QUIET_PERCENT)) {
                return;
            }
        }
        throw new IllegalStateException("the platform was still busy after 20 minutes");
    }

    private static void print(PrintStream out, int run, long events, long nanos, boolean intact) {
        out.printf(Locale.ROOT, "  run %d: %,d events in %.2f s = %,.0f events/s (%s)%n", run, events, nanos / 1e9,
                events / (nanos / 1e9), intact ? "intact" : "NOT INTACT");
    }

    /** One case opened, then logged with interactions until it holds {@link #LONG_CASE_EVENTS} events. */
    private static String longCase(String command, BenchPlatform platform) throws IOException, InterruptedException {
        String agent = platform.tokens().mint("bench-agent", List.of(Role.AGENT.name()), Duration.ofHours(8));
        String caseId = UUID.randomUUID().toString();
        ThroughputBench.post(command + "/cases", agent, """
                {"caseId":"%s","customerId":"BENCH-LONG","channel":"WEB","subject":"A long story"}"""
                .formatted(caseId), 201);
        for (int i = 1; i < LONG_CASE_EVENTS; i++) {
            ThroughputBench.post(command + "/cases/" + caseId + "/interactions", agent, """
                    {"channel":"PHONE","direction":"IN","summary":"Call %d about the same parcel"}"""
                    .formatted(i), 200);
        }
        return caseId;
    }

    private static JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = ThroughputBench.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
