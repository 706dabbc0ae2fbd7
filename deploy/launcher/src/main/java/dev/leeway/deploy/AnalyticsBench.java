package dev.leeway.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.kernel.identity.Role;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * {@code deploy/leeway bench analytics --events N [--keep]}: how fast query-service answers the analysts on this
 * machine, against the goals (printed, not asserted): each analytics GET p99 at most 200 ms, the what-if
 * over the policy with most bends (about 50,000 at a million events) at most 2 s, the Parquet export of every bend
 * at least 200,000 rows/s.
 * <p>
 * Standalone ({@link BenchPlatform}): a throw-away event store is seeded with N realistic events
 * ({@link BenchHistory.Shape#ANALYTICS}: cases in segments, most bends under one policy, about a year of history),
 * the packaged projection-service rebuilds {@code policies} and {@code case_facts} from it, then the packaged
 * query-service is timed over HTTP with an ANALYST token from the bench's own key. Paths and bodies are in
 * {@link AnalyticsApi}. An endpoint this query-service does not have (404, or 403 from its deny-by-default rules)
 * is reported as not available, not as a failure.
 */
final class AnalyticsBench {

    static final List<String> PROJECTIONS = List.of("policies", "case_facts");
    static final int WARM_UP = 5;
    static final int TIMED = 50;
    static final int WHAT_IF_TIMED = 5;
    static final int EXPORT_TIMED = 3;
    /**
     * Exports before the timed ones: the steady state is measured, as for the GETs; the first, on a JIT that has
     * not compiled the export's loop yet, is printed apart.
     */
    static final int EXPORT_WARM_UP = 3;
    static final Duration ENDPOINT_GOAL = Duration.ofMillis(200);
    static final Duration WHAT_IF_GOAL = Duration.ofSeconds(2);
    static final long EXPORT_GOAL_ROWS_PER_SECOND = 200_000;
    /** Below this many bends, an export's rows/s says more about its fixed cost than about its rate. */
    static final long FEW_ROWS = 50_000;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Duration QUESTION_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration LONG_TIMEOUT = Duration.ofMinutes(10);

    private AnalyticsBench() {
    }

    static void run(Path root, BenchOptions options, PrintStream out, PrintStream terminal)
            throws IOException, SQLException, InterruptedException, ExecutionException {
        BenchPlatform.jar(root, "projection-service");
        BenchPlatform.jar(root, "query-service");
        try (BenchPlatform platform = BenchPlatform.open(root, "analytics", options.keep(), terminal)) {
            out.println("Leeway analytics bench, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
            out.println("  machine: " + BenchMachine.describe());
            String url = platform.startEventStore();
            out.println("  database: " + platform.serverVersion() + ", embedded, fsync and synchronous_commit on");
            out.println();

            BenchHistory history = BenchHistory.endingNow(options.events(), BenchSeeder.SEED,
                    BenchHistory.Shape.ANALYTICS);
            BenchSeeder.seed(url, platform.keyVaultUrl(), history, out);
            out.println("  segments: " + counts(history.casesBySegment()));
            out.println("  bends by policy: " + counts(history.bendsByPolicy()));

            GoalTable table = new GoalTable();
            platform.startKafka();
            ServiceProcess projection = platform.startService("projection-service", "LEEWAY_PROJECTION_PORT",
                    Map.of());
            rebuild(new ProjectionAdminClient(URI.create(projection.url()), platform.tokens().mint("bench-operator",
                    List.of(Role.ADMIN.name()), Duration.ofHours(8))), table, out, terminal);
            Facts facts = facts(platform);
            out.printf(Locale.ROOT, "Facts: %,d cases, %,d bends; most bent policy %s with %,d bends (%.0f%%)%n",
                    facts.cases(), facts.bends(), facts.topPolicy(), facts.topPolicyBends(),
                    facts.bends() == 0 ? 0.0 : 100.0 * facts.topPolicyBends() / facts.bends());

            ServiceProcess query = platform.startService("query-service", "LEEWAY_QUERY_PORT",
                    Map.of("LEEWAY_ANALYTICS_EXPORT_TEMP_DIRECTORY", exportDirectory(platform).toString()));
            QueryApi api = new QueryApi(query.url(), platform.tokens().mint("bench-analyst",
                    List.of(Role.ANALYST.name()), Duration.ofHours(8)));
            out.println();
            out.printf("Analytics GETs: %d warm-up then %d timed requests each, one at a time, ANALYST token%n",
                    WARM_UP, TIMED);
            List<String> questions = new ArrayList<>(AnalyticsApi.QUESTIONS);
            if (facts.topPolicy() != null) {
                questions.add(questions.indexOf("/analytics/outcomes") + 1, AnalyticsApi.outcomesOf(facts.topPolicy()));
            }
            for (String question : questions) {
                timeQuestion(api, question, table, out);
            }
            out.println();
            whatIf(api, facts, table, out);
            out.println();
            export(api, facts, AnalyticsApi.PARQUET, table, out);
            export(api, facts, AnalyticsApi.CSV, table, out);

            out.println();
            out.println("query-service peak RSS (VmHWM): " + BenchMachine.peakRss(query.pid())
                    + "; projection-service: " + BenchMachine.peakRss(projection.pid()) + " (JVMs run with -Xmx512m)");
            out.println();
            out.printf(Locale.ROOT, "Summary, %s, %s: %,d events, %,d cases, %,d bends (%s: %,d); %s%n",
                    LocalDate.now(), BenchMachine.describe(), options.events(), facts.cases(), facts.bends(),
                    facts.topPolicy(), facts.topPolicyBends(), table.tally());
            table.render("  ").forEach(out::println);
            platform.succeeded();
        } catch (ProjectionAdminClient.AdminApiException e) {
            throw new IllegalStateException("projection-service refused: " + e.describe(), e);
        }
    }

    // ---- the read models --------------------------------------------------------------------------------------

    private static void rebuild(ProjectionAdminClient client, GoalTable table, PrintStream out, PrintStream terminal)
            throws IOException, InterruptedException, ProjectionAdminClient.AdminApiException {
        List<String> listed = client.projections().stream().map(ProjectionAdminClient.ProjectionStatus::name).toList();
        out.println();
        for (String projection : PROJECTIONS) {
            if (!listed.contains(projection)) {
                throw new IllegalStateException(projection + " is not in this projection-service (it lists "
                        + listed + "): the analytics need it");
            }
            long start = System.nanoTime();
            RebuildStatus status = RebuildCommand.follow(client, projection, false, new ProgressBar(terminal),
                    RebuildCommand.POLL_EVERY);
            long wall = System.nanoTime() - start;
            out.println(RebuildCommand.describe(status).get(0));
            if (status.exitCode() != 0) {
                throw new IllegalStateException("rebuilding " + projection + " ended " + status.state()
                        + "; see projection-service's log");
            }
            table.add("rebuild " + projection, String.format(Locale.ROOT, "%s (%,.0f events/s)", seconds(wall),
                    status.eventsPerSecond()));
        }
    }

    /** What the rebuilt facts hold: the export's row count and the what-if's policy come from here. */
    record Facts(long cases, long bends, String topPolicy, long topPolicyBends) {
    }

    private static Facts facts(BenchPlatform platform) throws SQLException {
        try (Connection connection = platform.connect(); Statement statement = connection.createStatement()) {
            long cases = count(statement, "SELECT count(*) FROM read_model.case_fact");
            long bends = count(statement, "SELECT count(*) FROM read_model.bend_fact");
            try (ResultSet top = statement.executeQuery("SELECT policy_code, count(*) FROM read_model.bend_fact "
                    + "GROUP BY policy_code ORDER BY count(*) DESC, policy_code LIMIT 1")) {
                return top.next() ? new Facts(cases, bends, top.getString(1), top.getLong(2))
                        : new Facts(cases, bends, null, 0);
            }
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet count = statement.executeQuery(sql)) {
            count.next();
            return count.getLong(1);
        }
    }

    private static Path exportDirectory(BenchPlatform platform) throws IOException {
        return Files.createDirectories(platform.scratch().resolve("export-tmp"));
    }

    // ---- the measurements -------------------------------------------------------------------------------------

    private static void timeQuestion(QueryApi api, String question, GoalTable table, PrintStream out)
            throws IOException, InterruptedException {
        String figure = "GET " + question + " p99";
        String goal = "<= " + ENDPOINT_GOAL.toMillis() + " ms";
        List<Long> samples = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < WARM_UP + TIMED; i++) {
            Answer answer = api.get(question, "application/json", QUESTION_TIMEOUT);
            if (answer.status() != 200) {
                out.printf("  %-44s %s%n", question, verdict(answer.unavailable(), answer.describe()));
                table.unmeasured(figure, goal, verdict(answer.unavailable(), "HTTP " + answer.status()));
                return;
            }
            if (i >= WARM_UP) {
                samples.add(answer.nanos());
                bytes = answer.bytes();
            }
        }
        Percentiles latency = Percentiles.of(samples);
        out.printf(Locale.ROOT, "  %-44s p50 %9s  p99 %9s  max %9s  (%s)%n", question, millis(latency.p50()),
                millis(latency.p99()), millis(latency.max()), size(bytes));
        table.add(figure, millis(latency.p99()), goal, latency.p99() <= ENDPOINT_GOAL.toNanos());
    }

    private static void whatIf(QueryApi api, Facts facts, GoalTable table, PrintStream out)
            throws IOException, InterruptedException {
        String figure = "POST " + AnalyticsApi.WHAT_IF + " " + facts.topPolicy() + ", slowest of " + WHAT_IF_TIMED;
        String goal = "<= " + WHAT_IF_GOAL.toSeconds() + " s";
        if (facts.topPolicy() == null) {
            out.println("What-if: no bends in the facts, nothing to replay");
            table.unmeasured(figure, goal, "no bends");
            return;
        }
        Answer policy = api.get(AnalyticsApi.policy(facts.topPolicy()), "application/json", QUESTION_TIMEOUT);
        if (policy.status() != 200) {
            throw new IllegalStateException("GET " + AnalyticsApi.policy(facts.topPolicy()) + ": " + policy.describe());
        }
        JsonNode terms = JSON.readTree(policy.body());
        ObjectNode body = AnalyticsApi.whatIf(terms);
        out.println("What-if on " + facts.topPolicy() + ": own-authority limits " + amounts(terms.path(
                "ownAuthorityLimits")) + " -> " + amounts(body.path("ownAuthorityLimits")) + ", monthly budget per agent "
                + body.path("monthlyBudgetPerAgent").asText() + " " + body.path("currency").asText()
                + "; 1 warm-up, " + WHAT_IF_TIMED + " timed");
        String json = JSON.writeValueAsString(body);
        List<Long> samples = new ArrayList<>();
        long replayed = -1;
        for (int i = 0; i < 1 + WHAT_IF_TIMED; i++) {
            Answer answer = api.post(AnalyticsApi.WHAT_IF, json, LONG_TIMEOUT);
            if (answer.status() != 200) {
                out.println("  " + verdict(answer.unavailable(), answer.describe()));
                out.println("  body sent: " + json);
                table.unmeasured(figure, goal, verdict(answer.unavailable(), "HTTP " + answer.status()));
                return;
            }
            if (i > 0) {
                samples.add(answer.nanos());
                replayed = JSON.readTree(answer.body()).path(AnalyticsApi.WHAT_IF_BENDS).asLong(-1);
            }
        }
        Percentiles time = Percentiles.of(samples);
        out.printf(Locale.ROOT, "  %,d bends replayed (bend_fact holds %,d for %s): median %s, slowest %s, "
                        + "%,.0f bends/s at the median%n", replayed, facts.topPolicyBends(), facts.topPolicy(),
                duration(time.p50()), duration(time.max()), replayed * 1e9 / time.p50());
        table.add(figure + String.format(Locale.ROOT, " (%,d bends)", replayed), duration(time.max()), goal,
                time.max() <= WHAT_IF_GOAL.toNanos());
    }

    private static void export(QueryApi api, Facts facts, String format, GoalTable table, PrintStream out)
            throws IOException, InterruptedException {
        String path = AnalyticsApi.bendExport(format);
        boolean parquet = format.equals(AnalyticsApi.PARQUET);
        String figure = "GET " + path + ", median of " + EXPORT_TIMED;
        String goal = parquet ? String.format(Locale.ROOT, ">= %,d rows/s", EXPORT_GOAL_ROWS_PER_SECOND)
                : GoalTable.NO_GOAL;
        List<Long> samples = new ArrayList<>();
        Download download = null;
        long first = 0;
        for (int i = 0; i < EXPORT_WARM_UP + EXPORT_TIMED; i++) {
            download = api.download(path, LONG_TIMEOUT);
            if (download.status() != 200) {
                out.printf("Export %s: %s%n", path, verdict(download.unavailable(), download.describe()));
                table.unmeasured(figure, goal, verdict(download.unavailable(), "HTTP " + download.status()));
                return;
            }
            if (i == 0) {
                first = download.nanos();
            }
            if (i >= EXPORT_WARM_UP) {
                samples.add(download.nanos());
            }
        }
        long median = Percentiles.of(samples).p50();
        double rowsPerSecond = facts.bends() * 1e9 / median;
        String check = !parquet ? "" : download.parquetMagic() ? ", PAR1 at both ends"
                : ", NOT a Parquet file (no PAR1 magic at both ends)";
        out.printf(Locale.ROOT, "Export %s: %,d rows (bend_fact), %s in %s (median of %d after %d warm-ups): "
                        + "%,.0f rows/s, %s/s%s; the first export, on a cold JIT: %s, %,.0f rows/s%n", path,
                facts.bends(), size(download.bytes()), duration(median), EXPORT_TIMED, EXPORT_WARM_UP,
                rowsPerSecond, size((long) (download.bytes() * 1e9 / median)), check, duration(first),
                facts.bends() * 1e9 / first);
        if (facts.bends() < FEW_ROWS) {
            out.printf(Locale.ROOT, "  (only %,d rows: the fixed cost of a request weighs on rows/s; the goal is "
                    + "meant for the full run)%n", facts.bends());
        }
        String measured = String.format(Locale.ROOT, "%,.0f rows/s (%s)", rowsPerSecond, size(download.bytes()));
        if (parquet) {
            table.add(figure, measured, goal, rowsPerSecond >= EXPORT_GOAL_ROWS_PER_SECOND);
        } else {
            table.add(figure, measured);
        }
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------

    /** An answer, read whole; the time is from sending the request to the last byte of the body. */
    record Answer(int status, long nanos, byte[] body) {

        long bytes() {
            return body.length;
        }

        /** The endpoint is not in this query-service: no such path, or not in its deny-by-default rules. */
        boolean unavailable() {
            return AnalyticsBench.unavailable(status, code(body));
        }

        String describe() {
            return AnalyticsBench.describe(status, body);
        }
    }

    /** A file, counted as it streamed in and not kept; its first and last four bytes kept to check the format. */
    record Download(int status, long nanos, long bytes, byte[] head, byte[] tail, byte[] error) {

        boolean parquetMagic() {
            byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
            return Arrays.equals(head, magic) && Arrays.equals(tail, magic);
        }

        boolean unavailable() {
            return AnalyticsBench.unavailable(status, code(error));
        }

        String describe() {
            return AnalyticsBench.describe(status, error);
        }
    }

    static String verdict(boolean unavailable, String what) {
        return (unavailable ? "not available (" : "failed (") + what + ")";
    }

    /**
     * 404 (no such path) and 405 (no such method there), or 403 for an ANALYST on a path query-service's
     * deny-by-default rules do not name yet: the endpoint is not in this build. A 404 with a business code
     * (POLICY_NOT_FOUND) is an answer, not a missing endpoint.
     */
    static boolean unavailable(int status, String code) {
        return (status == 404 && (code == null || code.equals("NOT_FOUND"))) || status == 405 || status == 403;
    }

    /** {@code HTTP 404 POLICY_NOT_FOUND: No policy X.}, from a problem+json body, or the start of any other body. */
    static String describe(int status, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String code = code(body);
        String detail;
        try {
            JsonNode problem = JSON.readTree(text);
            detail = problem != null && problem.isObject() ? problem.path("detail").asText(problem.path("title")
                    .asText("")) : text;
        } catch (JsonProcessingException notJson) {
            detail = text;
        }
        detail = detail.replaceAll("\\s+", " ").trim();
        if (detail.length() > 160) {
            detail = detail.substring(0, 160) + "...";
        }
        return "HTTP " + status + (code == null ? "" : " " + code) + (detail.isEmpty() ? "" : ": " + detail);
    }

    static String code(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            return problem != null && problem.hasNonNull("code") ? problem.get("code").asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** query-service with a bearer token. */
    private record QueryApi(String base, String token) {

        Answer get(String path, String accept, Duration timeout) throws IOException, InterruptedException {
            return send(request(path, timeout).header("Accept", accept).GET().build());
        }

        Answer post(String path, String json, Duration timeout) throws IOException, InterruptedException {
            return send(request(path, timeout).header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        Download download(String path, Duration timeout) throws IOException, InterruptedException {
            long start = System.nanoTime();
            HttpResponse<InputStream> response = HTTP.send(request(path, timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    return new Download(response.statusCode(), System.nanoTime() - start, 0, null, null,
                            in.readAllBytes());
                }
                byte[] buffer = new byte[1 << 16];
                byte[] head = new byte[4];
                byte[] tail = new byte[4];
                long total = 0;
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    for (int i = 0; i < read && total + i < 4; i++) {
                        head[(int) total + i] = buffer[i];
                    }
                    // The last four bytes so far: shift in what this read brought.
                    for (int i = Math.max(0, read - 4); i < read; i++) {
                        System.arraycopy(tail, 1, tail, 0, 3);
                        tail[3] = buffer[i];
                    }
                    total += read;
                }
                return new Download(200, System.nanoTime() - start, total, head, tail, null);
            }
        }

        private HttpRequest.Builder request(String path, Duration timeout) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Authorization", "Bearer " + token);
        }

        private static Answer send(HttpRequest request) throws IOException, InterruptedException {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), System.nanoTime() - start, response.body());
        }
    }

    // ---- formatting -------------------------------------------------------------------------------------------

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Milliseconds below a second, else seconds. */
    static String duration(long nanos) {
        return nanos < 1_000_000_000L ? String.format(Locale.ROOT, "%.0f ms", nanos / 1e6) : seconds(nanos);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return bytes >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : bytes + " B";
    }

    /** {@code AGENT 50, SUPERVISOR 500} from a JSON object of amounts. */
    static String amounts(JsonNode amounts) {
        List<String> shown = new ArrayList<>();
        amounts.fields().forEachRemaining(entry -> shown.add(entry.getKey() + " " + (entry.getValue().isNumber()
                ? entry.getValue().decimalValue().stripTrailingZeros().toPlainString() : entry.getValue().asText())));
        return String.join(", ", shown);
    }

    /** {@code NEW 1,234 (25%), ...}, largest first. */
    static String counts(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> String.format(Locale.ROOT, "%s %,d (%.0f%%)", entry.getKey(), entry.getValue(),
                        total == 0 ? 0.0 : 100.0 * entry.getValue() / total))
                .collect(Collectors.joining(", "));
    }
}
