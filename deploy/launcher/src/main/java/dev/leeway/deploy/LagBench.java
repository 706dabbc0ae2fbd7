package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.identity.Role;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command accepted → visible in the query API, in an open loop: a case is opened every 1/rate seconds whether or
 * not earlier ones have been answered (front-line staff do not wait for each other), with an id the client chose.
 * One poller reads the newest open cases on the query API every {@value #POLL_MILLIS} ms and notes when each case
 * first shows (hundreds of clients polling for their own case would be load of their own). Latency is counted
 * from when a request was due, not from when a thread got round to sending it, so a stall is not hidden
 * (coordinated omission), and recorded in HdrHistograms. Every projection commits a batch in one transaction, so
 * a case readable on {@code GET /cases} has been applied to every read model, the analysts' facts included.
 * <p>
 * {@code deploy/leeway bench lag --rate N [--seconds S] [--keep]} runs it on a throw-away platform
 * ({@link BenchPlatform}), after the same unmeasured JVM warm-up as the throughput bench;
 * {@code deploy/leeway bench --rate N} against the running one; {@link ThroughputBench} at half its best create rate.
 */
final class LagBench {

    private static final long POLL_MILLIS = 5;
    private static final Pattern BUCKET = Pattern.compile(
            "^leeway_projection_delay_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final int WARM_UP_CASES = 50;
    private static final Duration SEEN_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LagBench() {
    }

    /** The standalone {@code bench lag}: a throw-away platform, then {@link #openLoop}. */
    static void run(Path root, int rate, int seconds, boolean keep, PrintStream out, PrintStream terminal)
            throws Exception {
        BenchPlatform.requireServiceJars(root);
        try (BenchPlatform platform = BenchPlatform.open(root, "lag", keep, terminal)) {
            out.println("Leeway lag bench, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
            out.println("  machine: " + BenchMachine.describe());
            platform.startEventStore();
            BenchPlatform.Services services = platform.startAllServices();
            ThroughputBench.warmUpJvms(platform, services.command().url(), services.cpu());
            openLoop(services.command().url(), services.query().url(), services.projection().url(),
                    platform.tokens(), rate, seconds, services.cpu(), out);
            platform.succeeded();
        }
    }

    /**
     * Opens {@code rate × seconds} cases at {@code rate} per second and prints, from when each was due: accepted
     * (201), then readable, and both together; with the CPU each process used if {@code cpu} is given.
     */
    static void openLoop(String command, String query, String projection, LocalTokens tokens, int rate, int seconds,
                         ProcessCpu cpu, PrintStream out) throws Exception {
        String agent = tokens.mint("bench-agent", List.of(Role.AGENT.name()), Duration.ofHours(1));
        String analyst = tokens.mint("bench-analyst", List.of(Role.ANALYST.name()), Duration.ofHours(1));
        warmUp(command, query, agent, analyst);
        int cases = rate * seconds;
        long interval = 1_000_000_000L / rate;
        Map<String, Long> due = new ConcurrentHashMap<>();
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        Thread poller = new Thread(() -> pollNewest(query, analyst, due, seenAt, cases), "bench-poller");
        poller.start();
        List<Future<?>> sent = new ArrayList<>();
        ProcessCpu.Snapshot before = cpu == null ? null : cpu.snapshot();
        Map<Double, Double> delayBefore = delayBuckets(projection);
        long start = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            long dueAt = start + i * interval;
            long wait = dueAt - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String caseId = UUID.randomUUID().toString();
            due.put(caseId, dueAt);
            sent.add(senders.submit(() -> {
                open(command, agent, caseId);
                acceptedAt.put(caseId, System.nanoTime());
                return null;
            }));
        }
        for (Future<?> each : sent) {
            each.get();
        }
        ProcessCpu.Usage usage = cpu == null ? null : cpu.since(before);
        senders.shutdown();
        poller.join(SEEN_TIMEOUT.toMillis());
        poller.interrupt();
        if (seenAt.size() < cases) {
            throw new IllegalStateException((cases - seenAt.size()) + " of " + cases + " cases not readable after "
                    + SEEN_TIMEOUT.toSeconds() + " s");
        }
        Histogram accepted = histogram();
        Histogram visible = histogram();
        Histogram total = histogram();
        due.forEach((caseId, dueAt) -> {
            accepted.recordValue(acceptedAt.get(caseId) - dueAt);
            visible.recordValue(Math.max(0, seenAt.get(caseId) - acceptedAt.get(caseId)));
            total.recordValue(seenAt.get(caseId) - dueAt);
        });
        out.printf("Leeway bench, open loop: %d cases due at %d/s over %d s%n", cases, rate, seconds);
        out.println("  accepted by the command API, from when due:         " + percentiles(accepted));
        out.println("  then readable on the query API (every read model):  " + percentiles(visible)
                + " (one poller, every " + POLL_MILLIS + " ms)");
        out.println("  due -> readable:                                    " + percentiles(total));
        if (usage != null) {
            out.println("  CPU while sending (% of one core): " + usage.describe());
        }
        out.println("  projection-service's own metric, stored -> applied: " + delayPercentiles(delayBefore,
                delayBuckets(projection)) + " (leeway.projection.delay, bucket bounds)");
    }

    /**
     * The cumulative bucket counts of projection-service's {@code leeway.projection.delay} histogram, by upper
     * bound in seconds, from its Prometheus endpoint: what an operator's alert sees.
     */
    static Map<Double, Double> delayBuckets(String projection) throws IOException, InterruptedException {
        Map<Double, Double> buckets = new TreeMap<>();
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(projection + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher bucket = BUCKET.matcher(body);
        while (bucket.find()) {
            double bound = bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(bucket.group(1));
            buckets.merge(bound, Double.parseDouble(bucket.group(2)), Double::sum);
        }
        return buckets;
    }

    /** p50 and p99 of what was recorded between two scrapes, as the bucket bounds that hold them. */
    static String delayPercentiles(Map<Double, Double> before, Map<Double, Double> after) {
        double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
                - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            return "nothing recorded";
        }
        return String.format(Locale.ROOT, "%,.0f events, p50 <= %s, p99 <= %s", total,
                bound(before, after, total * 0.50), bound(before, after, total * 0.99));
    }

    private static String bound(Map<Double, Double> before, Map<Double, Double> after, double rank) {
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0) >= rank) {
                return bucket.getKey().isInfinite() ? "inf" : String.format(Locale.ROOT, "%.0f ms",
                        bucket.getKey() * 1000);
            }
        }
        return "inf";
    }

    private static Histogram histogram() {
        return new Histogram(SEEN_TIMEOUT.toNanos() * 2, 3);
    }

    private static void warmUp(String command, String query, String agent, String analyst) throws Exception {
        for (int i = 0; i < WARM_UP_CASES; i++) {
            String caseId = UUID.randomUUID().toString();
            open(command, agent, caseId);
            HttpRequest read = HttpRequest.newBuilder(URI.create(query + "/cases/" + caseId))
                    .header("Authorization", "Bearer " + analyst).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (HTTP.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("case " + caseId + " not readable after 60 s");
                }
                Thread.sleep(2);
            }
        }
    }

    /**
     * Reads the newest open cases until every case sent has been seen (or it is interrupted), noting when. A batch
     * the projection commits at once may hold more cases than a page: it reads on, page by page, while a page
     * still shows a case first seen now.
     */
    private static void pollNewest(String query, String analyst, Map<String, Long> due, Map<String, Long> seenAt,
                                   int cases) {
        try {
            while (seenAt.size() < cases && !Thread.currentThread().isInterrupted()) {
                for (int page = 0; page < 20; page++) {
                    HttpResponse<String> newest = HTTP.send(HttpRequest.newBuilder(URI.create(query
                                    + "/cases?status=OPEN&size=200&page=" + page))
                            .header("Authorization", "Bearer " + analyst).build(), HttpResponse.BodyHandlers.ofString());
                    long now = System.nanoTime();
                    int firstSeen = 0;
                    for (JsonNode item : JSON.readTree(newest.body()).path("items")) {
                        String caseId = item.path("caseId").asText();
                        if (due.containsKey(caseId) && seenAt.putIfAbsent(caseId, now) == null) {
                            firstSeen++;
                        }
                    }
                    if (firstSeen == 0) {
                        break;
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void open(String command, String agent, String caseId) throws IOException, InterruptedException {
        ThroughputBench.post(command + "/cases", agent, """
                {"caseId":"%s","customerId":"BENCH-%s","channel":"WEB","subject":"Parcel arrived damaged"}"""
                .formatted(caseId, caseId.substring(0, 8)), 201);
    }

    private static String percentiles(Histogram nanos) {
        return String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, max %.0f ms",
                nanos.getValueAtPercentile(50) / 1e6, nanos.getValueAtPercentile(95) / 1e6,
                nanos.getValueAtPercentile(99) / 1e6, nanos.getValueAtPercentile(99.9) / 1e6,
                nanos.getMaxValue() / 1e6);
    }
}
