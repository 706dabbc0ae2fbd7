package dev.leeway.deploy;

import dev.leeway.infra.LocalTokens;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** The open loop ({@link LagBench#openLoop}) against the running platform. */
    static void runAtRate(PlatformSettings settings, int rate, int seconds, PrintStream out) throws Exception {
        LagBench.openLoop("http://localhost:" + settings.commandPort(), "http://localhost:" + settings.queryPort(),
                "http://localhost:" + settings.projectionPort(), LocalTokens.in(settings.keys()), rate, seconds, null,
                out);
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
