package dev.leeway.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code deploy/leeway rebuild}: its arguments, its exit codes, and one conversation with a stand-in for
 * projection-service's admin API (a JDK HTTP server on localhost answering per the API's contract).
 */
class RebuildCommandTest {

    private static final String LOCAL = "http://localhost:8083";

    @Test
    void aProjectionNameRebuildsThatOneOnTheLocalPlatform() {
        RebuildCommand.Arguments arguments = RebuildCommand.Arguments.parse(new String[] {"case_summary"}, LOCAL);

        assertThat(arguments.projection()).isEqualTo("case_summary");
        assertThat(arguments.all()).isFalse();
        assertThat(arguments.dryRun()).isFalse();
        assertThat(arguments.url()).isEqualTo(URI.create(LOCAL));
    }

    @Test
    void allDryRunAndAnotherUrlMayComeInAnyOrder() {
        RebuildCommand.Arguments arguments = RebuildCommand.Arguments.parse(
                new String[] {"--dry-run", "--url", "http://replica:9000/", "--all"}, LOCAL);

        assertThat(arguments.all()).isTrue();
        assertThat(arguments.projection()).isNull();
        assertThat(arguments.dryRun()).isTrue();
        assertThat(arguments.url()).isEqualTo(URI.create("http://replica:9000/"));
    }

    @Test
    void wrongArgumentsAreUsageErrorsThatSayWhy() {
        assertThatThrownBy(() -> parse()).hasMessageContaining("name a projection, or --all");
        assertThatThrownBy(() -> parse("case_summary", "--all")).hasMessageContaining("name a projection, or --all");
        assertThatThrownBy(() -> parse("case_summary", "policies")).hasMessageContaining("one projection at a time");
        assertThatThrownBy(() -> parse("case_summary", "--fast")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> parse("case_summary", "--url")).hasMessageContaining("--url needs a value");
        assertThatThrownBy(() -> parse("case_summary", "--url", "localhost:8083"))
                .hasMessageContaining("must be an http(s) URL");
    }

    @Test
    void theExitCodeSaysSwappedOrSameDifferentOrFailed() {
        assertThat(RebuildStatusFixtures.finished("p", false, "SWAPPED", null).exitCode()).isZero();
        assertThat(RebuildStatusFixtures.finished("p", true, "SAME", null).exitCode()).isZero();
        assertThat(RebuildStatusFixtures.finished("p", true, "DIFFERENT", null).exitCode()).isEqualTo(1);
        assertThat(RebuildStatusFixtures.finished("p", false, "FAILED", null).exitCode()).isEqualTo(2);
        assertThat(RebuildStatusFixtures.finished("p", false, "EXPLODED", null).exitCode()).isEqualTo(2);
    }

    @Test
    void onlyTheLastFourStatesAreFinal() {
        for (String state : List.of("REPLAYING", "CATCHING_UP", "COMPARING")) {
            assertThat(new RebuildStatus("p", false, state, 0, 0, 0, null, null, null, null, null).finished())
                    .as(state).isFalse();
        }
        for (String state : List.of("SWAPPED", "SAME", "DIFFERENT", "FAILED")) {
            assertThat(RebuildStatusFixtures.finished("p", false, state, null).finished()).as(state).isTrue();
        }
    }

    @Test
    void aDifferenceIsShownPerTableWithTheFirstDifferingKeys() {
        RebuildStatus different = RebuildStatusFixtures.finished("case_summary", true, "DIFFERENT",
                RebuildStatusFixtures.diff(2, "0b1c-1", "0b1c-2"));

        List<String> lines = RebuildCommand.describe(different);

        assertThat(lines.get(0)).isEqualTo("case_summary: dry run, the rebuilt read model DIFFERS from the live one "
                + "(nothing swapped), 1,000 events in 2.0 s (500 events/s)");
        assertThat(lines.get(1)).contains("table", "live rows", "shadow rows", "differing");
        assertThat(lines.get(2)).matches(" +case_summary +10 +10 +2 +first: 0b1c-1, 0b1c-2");
        assertThat(lines.get(3)).matches(" +case_bend +4 +4 +0");
    }

    @Test
    void aFailureShowsItsReason() {
        RebuildStatus failed = RebuildStatusFixtures.finished("policies", false, "FAILED", null);

        assertThat(RebuildCommand.describe(failed)).containsExactly(
                "policies: rebuild FAILED after 1,000 events in 2.0 s (500 events/s): disk full");
    }

    // ---- against a stand-in for projection-service's admin API -----------------------------------------------------

    private HttpServer server;
    private final Map<String, Deque<String>> rebuildAnswers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/projections", this::answer);
        server.start();
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
    }

    @Test
    void allRebuildsEveryListedProjectionInTurnFollowingEachToItsEnd() throws Exception {
        rebuildAnswers.put("case_summary", new ArrayDeque<>(List.of(
                rebuild("case_summary", "REPLAYING", 0, null), rebuild("case_summary", "CATCHING_UP", 800, null),
                rebuild("case_summary", "SWAPPED", 1000, diff(0)))));
        rebuildAnswers.put("policies", new ArrayDeque<>(List.of(
                rebuild("policies", "REPLAYING", 0, null), rebuild("policies", "SWAPPED", 1000, diff(0)))));

        int exit = run("--all");

        assertThat(exit).isZero();
        assertThat(requests).containsExactly("GET /projections",
                "POST /projections/case_summary/rebuild?dryRun=false", "GET /projections/case_summary/rebuild",
                "GET /projections/case_summary/rebuild",
                "POST /projections/policies/rebuild?dryRun=false", "GET /projections/policies/rebuild");
        assertThat(text(out)).contains("case_summary: rebuilt and swapped in, 1,000 events",
                "policies: rebuilt and swapped in");
        assertThat(text(terminal)).contains("\rcase_summary   CATCHING_UP [" + "#".repeat(24));
    }

    @Test
    void aDryRunThatFindsADifferenceExitsOne() throws Exception {
        rebuildAnswers.put("case_summary", new ArrayDeque<>(List.of(
                rebuild("case_summary", "COMPARING", 1000, null), rebuild("case_summary", "DIFFERENT", 1000, diff(3)))));

        int exit = run("case_summary", "--dry-run");

        assertThat(exit).isEqualTo(1);
        assertThat(requests).contains("POST /projections/case_summary/rebuild?dryRun=true");
        assertThat(text(out)).contains("DIFFERS", "first: k-1, k-2, k-3");
    }

    @Test
    void aRefusalExitsTwoWithTheProblemsDetail() throws Exception {
        int exit = run("no_such_model");

        assertThat(exit).isEqualTo(2);
        assertThat(text(terminal)).contains(
                "no_such_model: HTTP 404 PROJECTION_NOT_FOUND: There is no projection no_such_model.");
    }

    @Test
    void aServiceThatDoesNotAnswerExitsTwo() throws Exception {
        server.stop(0);

        int exit = run("case_summary");

        assertThat(exit).isEqualTo(2);
        assertThat(text(terminal)).contains("did not answer");
    }

    private int run(String... args) throws InterruptedException {
        String url = "http://localhost:" + server.getAddress().getPort();
        RebuildCommand.Arguments arguments = RebuildCommand.Arguments.parse(args, url);
        return RebuildCommand.run(arguments, new ProjectionAdminClient(arguments.url(), "a-token"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(terminal, true, StandardCharsets.UTF_8),
                Duration.ofMillis(5));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        if (!"Bearer a-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, problem(401, "UNAUTHENTICATED", "A bearer token is needed."));
            return;
        }
        if (path.equals("/projections")) {
            respond(exchange, 200, "[" + projection("case_summary") + "," + projection("policies") + "]");
            return;
        }
        String name = path.split("/")[2];
        Deque<String> answers = rebuildAnswers.get(name);
        if (answers == null) {
            respond(exchange, 404, problem(404, "PROJECTION_NOT_FOUND", "There is no projection " + name + "."));
        } else if (exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 202, answers.size() > 1 ? answers.poll() : answers.peek());
        } else {
            respond(exchange, 200, answers.size() > 1 ? answers.poll() : answers.peek());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String projection(String name) {
        return """
                {"name":"%s","state":"LIVE","parkedEvents":0,"lastError":null,"lagEvents":0,"lagMilliseconds":0,
                 "rebuild":null}""".formatted(name);
    }

    private static String rebuild(String projection, String state, long done, String diff) {
        boolean finished = List.of("SWAPPED", "SAME", "DIFFERENT", "FAILED").contains(state);
        return """
                {"projection":"%s","dryRun":false,"state":"%s","eventsDone":%d,"eventsTotal":1000,
                 "eventsPerSecond":4567.8,"etaSeconds":%s,"startedAt":"2025-06-01T10:00:00.123Z","finishedAt":%s,
                 "error":null,"diff":%s,"somethingNew":true}""".formatted(projection, state, done,
                finished ? "null" : "12", finished ? "\"2025-06-01T10:00:01.500Z\"" : "null", diff == null ? "null" : diff);
    }

    private static String diff(int differing) {
        StringBuilder keys = new StringBuilder();
        for (int i = 1; i <= differing; i++) {
            keys.append(i > 1 ? "," : "").append("\"k-").append(i).append('"');
        }
        return """
                {"tables":[{"table":"case_summary","liveRows":10,"shadowRows":10,"differing":%d,
                 "firstDifferingKeys":[%s]}],"differs":%s}""".formatted(differing, keys, differing > 0);
    }

    private static String problem(int status, String code, String detail) {
        return """
                {"type":"urn:leeway:problem:x","title":"Refused","status":%d,"detail":"%s","code":"%s"}"""
                .formatted(status, detail, code);
    }

    private static RebuildCommand.Arguments parse(String... args) {
        return RebuildCommand.Arguments.parse(args, LOCAL);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
