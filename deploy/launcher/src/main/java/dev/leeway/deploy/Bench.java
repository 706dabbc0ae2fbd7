package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.LocalTokens;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code deploy/leeway bench}: against a running local platform, opens cases from several clients and measures
 * how long each takes to be accepted by the command API and then to be readable on the query API (through the
 * event store, the publisher, Kafka and the projection). Prints percentiles; asserts nothing.
 */
public final class Bench {

    /** How often a client asks the query API whether its case is readable yet: the resolution of "visible". */
    private static final long POLL_MILLIS = 2;
    /** How often the open loop's one poller reads the newest cases. */
    private static final long OPEN_LOOP_POLL_MILLIS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Bench() {
    }

    record Sample(long acceptedMillis, long visibleMillis) {
    }

    static void run(PlatformSettings settings, int cases, int clients, PrintStream out) throws Exception {
        LocalTokens tokens = LocalTokens.in(settings.keys());
        String agent = tokens.mint("bench-agent", List.of("AGENT"), Duration.ofHours(1));
        String analyst = tokens.mint("bench-analyst", List.of("ANALYST"), Duration.ofHours(1));
        String command = "http://localhost:" + settings.commandPort();
        String query = "http://localhost:" + settings.queryPort();
        openAndAwait(command, query, agent, analyst, 0); // warm-up: first connections, JIT

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Sample>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 1; i <= cases; i++) {
            int n = i;
            futures.add(pool.submit(() -> openAndAwait(command, query, agent, analyst, n)));
        }
        List<Long> accepted = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        for (Future<Sample> future : futures) {
            Sample sample = future.get();
            accepted.add(sample.acceptedMillis());
            visible.add(sample.visibleMillis());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        out.printf("Leeway bench: %d cases from %d clients in %.1f s (%.0f cases/s)%n", cases, clients, seconds,
                cases / seconds);
        out.println("  accepted by the command API (POST /cases -> 201):         " + percentiles(accepted));
        out.println("  then readable on the query API (201 -> GET /cases/{id} 200): " + percentiles(visible));
    }

    /**
     * Open loop: a case is opened every 1/rate seconds for {@code seconds}, whether or not earlier ones have been
     * answered (front-line staff do not wait for each other), with an id the client chose. One poller reads the
     * newest open cases on the query API every {@value #OPEN_LOOP_POLL_MILLIS} ms and notes when each case first
     * shows (hundreds of clients polling for their own case would be load of their own). Latency is counted from
     * when a request was due, not when a thread got round to sending it, so a stall is not hidden (coordinated
     * omission). Every projection commits a batch in one transaction, so a case readable on {@code GET /cases} has
     * been applied to every read model, the analysts' facts included.
     */
    static void runAtRate(PlatformSettings settings, int rate, int seconds, PrintStream out) throws Exception {
        LocalTokens tokens = LocalTokens.in(settings.keys());
        String agent = tokens.mint("bench-agent", List.of("AGENT"), Duration.ofHours(1));
        String analyst = tokens.mint("bench-analyst", List.of("ANALYST"), Duration.ofHours(1));
        String command = "http://localhost:" + settings.commandPort();
        String query = "http://localhost:" + settings.queryPort();
        for (int i = 0; i < 50; i++) {
            openAndAwait(command, query, agent, analyst, 1_000_000 + i); // warm-up: connections, JIT
        }
        int cases = rate * seconds;
        long interval = 1_000_000_000L / rate;
        Map<String, Long> due = new ConcurrentHashMap<>();
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        Thread poller = new Thread(() -> pollNewest(query, analyst, due, seenAt, cases), "bench-poller");
        poller.start();
        List<Future<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 1; i <= cases; i++) {
            long dueAt = start + (i - 1) * interval;
            long wait = dueAt - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String caseId = UUID.randomUUID().toString();
            due.put(caseId, dueAt);
            int n = i;
            sent.add(senders.submit(() -> {
                open(command, agent, caseId, n);
                acceptedAt.put(caseId, System.nanoTime());
                return null;
            }));
        }
        for (Future<?> each : sent) {
            each.get();
        }
        senders.shutdown();
        poller.join(Duration.ofSeconds(120).toMillis());
        poller.interrupt();
        if (seenAt.size() < cases) {
            throw new IllegalStateException((cases - seenAt.size()) + " of " + cases + " cases not readable after 120 s");
        }
        List<Long> accepted = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        due.forEach((caseId, dueAt) -> {
            accepted.add((acceptedAt.get(caseId) - dueAt) / 1_000_000);
            visible.add(Math.max(0, seenAt.get(caseId) - acceptedAt.get(caseId)) / 1_000_000);
            total.add((seenAt.get(caseId) - dueAt) / 1_000_000);
        });
        out.printf("Leeway bench, open loop: %d cases due at %d/s over %d s%n", cases, rate, seconds);
        out.println("  accepted by the command API, from when due:         " + percentiles(accepted));
        out.println("  then readable on the query API (every read model):  " + percentiles(visible)
                + " (one poller, every " + OPEN_LOOP_POLL_MILLIS + " ms)");
        out.println("  due -> readable:                                    " + percentiles(total));
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
                Thread.sleep(OPEN_LOOP_POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void open(String command, String agent, String caseId, int n) throws IOException, InterruptedException {
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(command + "/cases"))
                .header("Authorization", "Bearer " + agent).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"caseId\":\"" + caseId + "\",\"customerId\":\"BENCH-" + n
                        + "\",\"channel\":\"WEB\",\"subject\":\"Bench case " + n + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (opened.statusCode() != 201) {
            throw new IllegalStateException("case not opened: " + opened.body());
        }
    }

    private static Sample openAndAwait(String command, String query, String agent, String analyst, int n)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(command + "/cases"))
                .header("Authorization", "Bearer " + agent).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\":\"BENCH-" + n + "\",\"channel\":\"WEB\",\"subject\":\"Bench case " + n + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (opened.statusCode() != 201) {
            throw new IllegalStateException("case not opened: " + opened.body());
        }
        long t1 = System.nanoTime();
        String caseId = opened.body().replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1");
        HttpRequest read = HttpRequest.newBuilder(URI.create(query + "/cases/" + caseId))
                .header("Authorization", "Bearer " + analyst).build();
        long deadline = t1 + Duration.ofSeconds(60).toNanos();
        while (HTTP.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("case " + caseId + " not readable after 60 s");
            }
            Thread.sleep(POLL_MILLIS);
        }
        long t2 = System.nanoTime();
        return new Sample((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    private static String percentiles(List<Long> millis) {
        Percentiles percentiles = Percentiles.of(millis);
        return String.format("p50 %d ms, p95 %d ms, p99 %d ms, max %d ms", percentiles.p50(), percentiles.p95(),
                percentiles.p99(), percentiles.max());
    }
}
