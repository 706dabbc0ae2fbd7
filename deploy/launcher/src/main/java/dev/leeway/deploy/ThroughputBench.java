package dev.leeway.deploy;

import dev.leeway.kernel.identity.Role;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code deploy/leeway bench throughput [--seconds S] [--keep]}: how many commands the command path takes per
 * second, side by side with what the same PostgreSQL commits when nothing else is in the way, in one run.
 * <p>
 * Standalone ({@link BenchPlatform}): a throw-away event store, a Kafka broker and the three packaged services.
 * For 1, 4, 8 and 16 closed-loop clients (each sends its next request when the last is answered), in turn:
 * <ul>
 *   <li>{@code raw}: single-row inserts of 500-byte rows over JDBC into a scratch table of the same database, one
 *       transaction each (the ceiling: what PostgreSQL commits with fsync and synchronous_commit on);</li>
 *   <li>{@code create}: {@code POST /cases};</li>
 *   <li>{@code update}: {@code POST /cases/{id}/interactions} on a case of the client's own (no bend);</li>
 *   <li>{@code bend}: {@code POST /cases/{id}/exceptions} within the agent's own authority (granted at once).</li>
 * </ul>
 * Every HTTP request carries a real token (the bench's own key, which the services trust; each client is an
 * agent of its own) and goes through the whole command path, hash chain and publisher included. The JVMs are
 * warmed up first ({@link #JIT_WARM_UP}); each run then warms up again, and counts for S seconds; latencies go
 * into an HdrHistogram. The CPU each process used in the counted seconds is read from /proc. Prints a table with
 * commands/s, the ratio to raw at the same number of clients, p50/p99/p99.9 and the CPU, then (unless
 * {@code --no-lag}) the open-loop command-to-visible latency at half the best create rate ({@link LagBench}).
 */
final class ThroughputBench {

    static final int[] CLIENTS = {1, 4, 8, 16};
    static final Duration WARM_UP = Duration.ofSeconds(3);
    /**
     * Before anything is counted, every command is run for this long at 8 clients: a JVM just started spends most
     * of a core compiling for its first minute or so, which would be measured as the command path's cost.
     */
    static final Duration JIT_WARM_UP = Duration.ofSeconds(10);
    static final String POLICY = "BENCH-GOODWILL";
    static final int RAW_ROW_BYTES = 500;

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private ThroughputBench() {
    }

    /** What to measure: how long each run counts, whether to keep the scratch folder, whether to run the lag. */
    record Options(int seconds, boolean keep, boolean lag) {

        static Options parse(String[] args) {
            int seconds = 10;
            boolean keep = false;
            boolean lag = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keep" -> keep = true;
                    case "--no-lag" -> lag = false;
                    case "--seconds" -> {
                        if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,4}")
                                || Integer.parseInt(args[i + 1]) < 1) {
                            throw new IllegalArgumentException("--seconds needs a whole number of seconds, 1 or more");
                        }
                        seconds = Integer.parseInt(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(seconds, keep, lag);
        }
    }

    /** One measured run: what, with how many clients, how many done in how long, latencies, CPU per process. */
    record Run(String operation, int clients, long done, double seconds, Histogram latency, ProcessCpu.Usage cpu) {

        double perSecond() {
            return done / seconds;
        }

        String millis(double percentile) {
            return String.format(Locale.ROOT, "%.1f", latency.getValueAtPercentile(percentile) / 1e6);
        }
    }

    static void run(Path root, Options options, PrintStream out, PrintStream terminal) throws Exception {
        BenchPlatform.requireServiceJars(root);
        try (BenchPlatform platform = BenchPlatform.open(root, "throughput", options.keep(), terminal)) {
            out.println("Leeway throughput bench, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
            out.println("  machine: " + BenchMachine.describe());
            platform.startEventStore();
            out.println("  database: " + platform.serverVersion() + ", embedded, fsync and synchronous_commit on");
            long starting = System.nanoTime();
            BenchPlatform.Services services = platform.startAllServices();
            out.printf(Locale.ROOT, "  Kafka and the three services started (one after the other, each healthy) in "
                    + "%.1f s%n", (System.nanoTime() - starting) / 1e9);
            ServiceProcess command = services.command();
            ServiceProcess projection = services.projection();
            ServiceProcess query = services.query();
            ProcessCpu cpu = services.cpu();
            try (Connection connection = platform.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE public.bench_raw (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)");
            }
            warmUpJvms(platform, command.url(), cpu);
            out.printf("Closed loop: after %d s of each command to warm the JVMs up, per run %d s warm-up, then %d s "
                    + "counted; %s clients%n", JIT_WARM_UP.toSeconds(), WARM_UP.toSeconds(), options.seconds(),
                    Arrays.toString(CLIENTS));
            out.println();

            List<Run> runs = new ArrayList<>();
            for (int clients : CLIENTS) {
                Run raw = measure("raw", clients, options.seconds(), cpu, client -> rawInsert(platform));
                runs.add(raw);
                print(raw, raw, out);
                for (String operation : List.of("create", "update", "bend")) {
                    Run run = measure(operation, clients, options.seconds(), cpu,
                            client -> operation(operation, command.url(), agent(platform, client)));
                    runs.add(run);
                    print(run, raw, out);
                }
            }
            String memoryUnderLoad = cpu.memory();
            out.println();
            out.printf("Summary, %s, %s%n", LocalDate.now(), BenchMachine.describe());
            table(runs).forEach(out::println);
            if (options.lag()) {
                double best = runs.stream().filter(run -> run.operation().equals("create"))
                        .mapToDouble(Run::perSecond).max().orElse(0);
                int rate = Math.max(1, (int) (best / 2));
                out.println();
                out.printf(Locale.ROOT, "Open loop at half the best create rate (%.0f/s): %d cases/s for %d s%n", best,
                        rate, Math.max(options.seconds(), 20));
                LagBench.openLoop(command.url(), query.url(), projection.url(), platform.tokens(), rate,
                        Math.max(options.seconds(), 20), cpu, out);
            }
            out.println();
            out.println("Memory (PSS, MiB) right after the " + CLIENTS[CLIENTS.length - 1] + "-client runs: "
                    + memoryUnderLoad);
            out.println("Peak RSS (VmHWM): command-service " + BenchMachine.peakRss(command.pid())
                    + ", projection-service " + BenchMachine.peakRss(projection.pid()) + ", query-service "
                    + BenchMachine.peakRss(query.pid()) + ", bench with Kafka "
                    + BenchMachine.peakRss(ProcessHandle.current().pid()));
            platform.succeeded();
        }
    }

    /**
     * Creates, updates and bends from 8 closed-loop clients for {@link #JIT_WARM_UP} each, unmeasured: a JVM fresh
     * from start interprets and compiles for tens of thousands of requests, and that is not the platform measured.
     */
    static void warmUpJvms(BenchPlatform platform, String command, ProcessCpu cpu) throws Exception {
        definePolicy(command, platform.tokens().mint("bench-owner", List.of(Role.POLICY_OWNER.name()),
                Duration.ofHours(8)));
        for (String operation : List.of("create", "update", "bend")) {
            measure(operation, 8, (int) JIT_WARM_UP.toSeconds(), cpu,
                    client -> operation(operation, command, agent(platform, client)));
        }
    }

    /** What one client does, again and again; made once per client (so it may hold a connection or a case). */
    @FunctionalInterface
    interface Client {
        Operation start(int client) throws Exception;
    }

    @FunctionalInterface
    interface Operation {
        void once() throws Exception;
    }

    static Run measure(String operation, int clients, int seconds, ProcessCpu cpu, Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Operation> operations = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                operations.add(client.start(i));
            }
            loop(pool, operations, WARM_UP.toNanos(), null);
            Histogram latency = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
            ProcessCpu.Snapshot before = cpu.snapshot();
            long start = System.nanoTime();
            long done = loop(pool, operations, Duration.ofSeconds(seconds).toNanos(), latency);
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Run(operation, clients, done, elapsed, latency, cpu.since(before));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every client runs its operation until {@code nanos} have passed; answers how many were done. */
    private static long loop(ExecutorService pool, List<Operation> operations, long nanos, Histogram into)
            throws Exception {
        long deadline = System.nanoTime() + nanos;
        List<Future<Histogram>> clients = new ArrayList<>();
        for (Operation operation : operations) {
            clients.add(pool.submit(() -> {
                Histogram own = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
                while (System.nanoTime() < deadline) {
                    long started = System.nanoTime();
                    operation.once();
                    own.recordValue(Math.min(System.nanoTime() - started, own.getHighestTrackableValue()));
                }
                return own;
            }));
        }
        long done = 0;
        for (Future<Histogram> client : clients) {
            Histogram own = client.get();
            done += own.getTotalCount();
            if (into != null) {
                into.add(own);
            }
        }
        return done;
    }

    /**
     * Each client is an agent of their own, as 16 people at 16 desks are: one agent's bends share one monthly
     * budget row, which would make the bend runs measure a single person's lock queue.
     */
    private static String agent(BenchPlatform platform, int client) {
        return platform.tokens().mint("bench-agent-" + client, List.of(Role.AGENT.name()), Duration.ofHours(8));
    }

    private static Operation rawInsert(BenchPlatform platform) throws SQLException {
        Connection connection = platform.connect();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO public.bench_raw (payload) VALUES (?)");
        String payload = "x".repeat(RAW_ROW_BYTES);
        return () -> {
            insert.setString(1, payload);
            insert.executeUpdate();
        };
    }

    private static Operation operation(String operation, String command, String agent) throws Exception {
        return switch (operation) {
            case "create" -> () -> post(command + "/cases", agent, openCase(), 201);
            case "update" -> {
                String caseId = newCase(command, agent);
                yield () -> post(command + "/cases/" + caseId + "/interactions", agent, """
                        {"channel":"PHONE","direction":"IN","summary":"Customer called back about the parcel"}""", 200);
            }
            case "bend" -> {
                String caseId = newCase(command, agent);
                yield () -> post(command + "/cases/" + caseId + "/exceptions", agent, """
                        {"policyCode":"%s","deviation":1,"valueGiven":{"amount":"5.00","currency":"EUR"},
                         "reasonCode":"GOODWILL","justification":"Parcel late twice"}""".formatted(POLICY), 201);
            }
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private static String openCase() {
        return """
                {"customerId":"BENCH-%s","channel":"WEB","subject":"Parcel arrived damaged"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8));
    }

    private static String newCase(String command, String agent) throws IOException, InterruptedException {
        String caseId = UUID.randomUUID().toString();
        post(command + "/cases", agent, """
                {"caseId":"%s","customerId":"BENCH-%s","channel":"WEB","subject":"Parcel arrived damaged"}"""
                .formatted(caseId, caseId.substring(0, 8)), 201);
        return caseId;
    }

    /** A bendable money policy the agent may give up to 100 EUR of on their own, with a budget that never ends. */
    private static void definePolicy(String command, String owner) throws IOException, InterruptedException {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(command + "/policies/" + POLICY))
                .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + owner)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"title":"Goodwill credit","purpose":"Make a customer whole after our mistake",
                         "kind":"BENDABLE","unit":"MONEY","currency":"EUR",
                         "ownAuthorityLimits":{"AGENT":100},"monthlyBudgetPerAgent":1000000000}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT /policies/" + POLICY + " answered " + put.statusCode() + ": "
                    + put.body());
        }
    }

    static void post(String url, String token, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ", not "
                    + expected + ": " + response.body());
        }
    }

    private static void print(Run run, Run raw, PrintStream out) {
        out.printf(Locale.ROOT, "  %-6s %2d clients  %,8.0f /s  (%.2f of raw)  p50 %s ms  p99 %s ms  p99.9 %s ms  "
                        + "CPU %s%n", run.operation(), run.clients(), run.perSecond(),
                run.perSecond() / raw.perSecond(), run.millis(50), run.millis(99), run.millis(99.9),
                run.cpu().describe());
    }

    /** The summary table: one line per operation and number of clients. */
    static List<String> table(List<Run> runs) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-8s %7s %10s %8s %8s %8s %8s  %s", "command", "clients", "per s",
                "x raw", "p50 ms", "p99 ms", "p99.9 ms", "CPU (% of one core)"));
        Run raw = null;
        for (Run run : runs) {
            if (run.operation().equals("raw")) {
                raw = run;
            }
            lines.add(String.format(Locale.ROOT, "  %-8s %7d %,10.0f %8.2f %8s %8s %8s  %s", run.operation(),
                    run.clients(), run.perSecond(), raw == null ? 0 : run.perSecond() / raw.perSecond(),
                    run.millis(50), run.millis(99), run.millis(99.9), run.cpu().describe()));
        }
        return lines;
    }
}
