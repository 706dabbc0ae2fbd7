package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.deploy.PlantedHistory.Script;
import dev.leeway.deploy.PlantedHistory.Step;
import dev.leeway.deploy.RecountedCases.Bend;
import dev.leeway.deploy.RecountedCases.Case;
import dev.leeway.infra.FreePorts;
import dev.leeway.infra.LocalTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Analytics that lie are worse than none. A history with planted effects ({@link PlantedHistory}) goes through
 * the command API of the running platform; every figure the analytics API answers is then compared with a
 * brute-force recount from the raw events in the event store ({@link RecountedCases}): counts exactly, means to
 * 1e-9, and the adjusted satisfaction difference must hold the planted +1 within its interval.
 */
class AnalyticsTruthIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20_261_130L;
    private static final int CASES = 900;

    @TempDir
    static Path home;
    private static Platform platform;
    private static Map<String, Case> truth;

    @BeforeAll
    static void plantAHistoryAndRecountIt() throws Exception {
        PlatformSettings settings = new PlatformSettings(ROOT, home, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), Map.of());
        platform = Platform.start(settings, new PrintStream(OutputStream.nullOutputStream()));
        definePolicies();
        List<Script> scripts = PlantedHistory.generate(SEED, CASES);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Script script : scripts) {
                sent.add(clients.submit(() -> {
                    run(script);
                    return null;
                }));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            clients.shutdownNow();
        }
        try (Connection db = DriverManager.getConnection(platform.environment().get("LEEWAY_DB_URL"), "postgres", "")) {
            truth = RecountedCases.fromEventStore(db);
        }
        assertThat(truth).hasSize(CASES);
        long bends = RecountedCases.bends(truth).size();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode channels = analytics("/analytics/overrides?by=channel");
            long cases = 0;
            long requested = 0;
            long pending = 0;
            for (JsonNode group : channels.get("groups")) {
                cases += group.get("cases").asLong();
                requested += group.get("bendsRequested").asLong();
                pending += group.get("bendsPending").asLong();
            }
            return cases == CASES && requested == bends && pending == 0;
        });
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void overrideRatesPerChannelSegmentAndAgentEqualARecountOfTheEvents() throws Exception {
        for (String by : List.of("channel", "segment")) {
            Function<Case, String> key = by.equals("channel") ? c -> c.channel : c -> c.segment;
            Map<String, List<Case>> groups = truth.values().stream().collect(Collectors.groupingBy(key));
            JsonNode answer = analytics("/analytics/overrides?by=" + by);
            assertThat(answer.get("groups")).hasSize(groups.size());
            for (JsonNode group : answer.get("groups")) {
                List<Case> cases = groups.get(group.get("group").asText());
                List<Bend> bends = cases.stream().flatMap(c -> c.bends.values().stream()).toList();
                assertThat(group.get("cases").asLong()).as(by + " " + group).isEqualTo(cases.size());
                assertThat(group.get("casesWithBend").asLong()).isEqualTo(count(cases, Case::bent));
                assertThat(group.at("/bendRate/numerator").asLong()).isEqualTo(count(cases, Case::bent));
                assertThat(group.at("/bendRate/denominator").asLong()).isEqualTo(cases.size());
                assertThat(group.get("bendsRequested").asLong()).isEqualTo(bends.size());
                assertThat(group.get("bendsGranted").asLong()).isEqualTo(count(bends, b -> b.status.equals("GRANTED")));
                assertThat(group.get("bendsDeclined").asLong()).isEqualTo(count(bends, b -> b.status.equals("DECLINED")));
                assertThat(new BigDecimal(group.at("/valueGiven/EUR").asText("0"))).isEqualByComparingTo(
                        bends.stream().filter(b -> b.status.equals("GRANTED")).map(b -> b.value)
                                .reduce(BigDecimal.ZERO, BigDecimal::add));
            }
        }
        JsonNode agents = analytics("/analytics/overrides?by=agent");
        for (String agent : PlantedHistory.AGENTS) {
            JsonNode group = group(agents, agent);
            List<Case> handled = truth.values().stream().filter(c -> c.actors.contains(agent)).toList();
            assertThat(group.get("cases").asLong()).as(agent).isEqualTo(handled.size());
            assertThat(group.get("casesWithBend").asLong())
                    .isEqualTo(count(handled, c -> c.bendsRequestedBy.containsKey(agent)));
            assertThat(group.get("bendsRequested").asLong())
                    .isEqualTo(handled.stream().mapToLong(c -> c.bendsRequestedBy.getOrDefault(agent, 0)).sum());
        }
    }

    @Test
    void outcomesOfBentCasesAreComparedLikeWithLikeAndFindThePlantedLift() throws Exception {
        JsonNode answer = analytics("/analytics/outcomes?policy=" + PlantedHistory.LIFTED_POLICY);
        List<Case> bent = truth.values().stream().filter(c -> c.grantedUnder(PlantedHistory.LIFTED_POLICY)).toList();
        List<Case> comparable = truth.values().stream().filter(c -> !c.bent()).toList();

        assertThat(answer.get("bentCases").asLong()).isEqualTo(bent.size());
        assertThat(answer.get("comparableCases").asLong()).isEqualTo(comparable.size());
        JsonNode satisfaction = answer.get("satisfaction");
        assertMean(satisfaction.get("bent"), scores(bent));
        assertMean(satisfaction.get("comparable"), scores(comparable));
        double naive = mean(scores(bent)) - mean(scores(comparable));
        assertThat(satisfaction.at("/naiveDifference/estimate").asDouble()).isCloseTo(naive, within(1e-9));
        assertThat(naive).as("harder cases are bent more: the naive difference understates the lift").isLessThan(0.9);

        double adjusted = stratifiedDifference(bent, comparable);
        JsonNode like = satisfaction.get("adjustedDifference");
        assertThat(like.get("estimate").asDouble()).isCloseTo(adjusted, within(1e-9));
        assertThat(like.get("lower").asDouble()).as("the planted +1 lies in the interval").isLessThanOrEqualTo(1.0);
        assertThat(like.get("upper").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(answer.get("caveat").asText()).contains("biased");

        JsonNode reopen = answer.get("reopenRate");
        assertThat(reopen.at("/bent/numerator").asLong()).isEqualTo(count(bent, c -> c.reopenings > 0));
        assertThat(reopen.at("/bent/denominator").asLong()).isEqualTo(count(bent, Case::resolved));
        assertThat(reopen.at("/comparable/numerator").asLong()).isEqualTo(count(comparable, c -> c.reopenings > 0));
        JsonNode recontact = answer.get("recontactRate");
        assertThat(recontact.at("/bent/numerator").asLong()).isEqualTo(count(bent, c -> c.recontacts > 0));
        assertThat(recontact.at("/comparable/numerator").asLong()).isEqualTo(count(comparable, c -> c.recontacts > 0));
    }

    @Test
    void fairnessFlagsTheAgentWhoBendsLessForNewCustomers() throws Exception {
        JsonNode answer = analytics("/analytics/fairness?by=segment");
        for (String agent : PlantedHistory.AGENTS) {
            JsonNode row = null;
            for (JsonNode each : answer.get("agents")) {
                if (each.get("agent").asText().equals(agent)) {
                    row = each;
                }
            }
            assertThat(row).as(agent).isNotNull();
            for (JsonNode group : row.get("groups")) {
                List<Case> cases = truth.values().stream().filter(c -> c.actors.contains(agent)
                        && c.segment.equals(group.get("group").asText())).toList();
                assertThat(group.get("cases").asLong()).as(agent + " " + group).isEqualTo(cases.size());
                assertThat(group.get("casesWithBend").asLong())
                        .isEqualTo(count(cases, c -> c.bendsRequestedBy.containsKey(agent)));
            }
            if (agent.equals(PlantedHistory.UNFAIR_AGENT)) {
                assertThat(row.get("lowestGroup").asText()).isEqualTo("NEW");
                assertThat(row.get("flagged").asBoolean()).as(row.toString()).isTrue();
                assertThat(row.get("ratio").asDouble()).isLessThan(0.8);
            }
        }
    }

    @Test
    void resolutionMeasuresAndSatisfactionAreCreditedToWhoResolved() throws Exception {
        JsonNode answer = analytics("/analytics/resolution?by=agent");
        for (String agent : PlantedHistory.AGENTS) {
            JsonNode group = group(answer, agent);
            List<Case> resolved = truth.values().stream().filter(c -> agent.equals(c.firstResolvedBy)).toList();
            assertThat(group.get("resolvedCases").asLong()).as(agent).isEqualTo(resolved.size());
            assertThat(group.at("/firstContactResolution/numerator").asLong())
                    .isEqualTo(count(resolved, c -> c.reopenings == 0 && c.recontacts == 0));
            assertThat(group.at("/reopenRate/numerator").asLong()).isEqualTo(count(resolved, c -> c.reopenings > 0));
            List<Integer> credited = truth.values().stream().filter(c -> agent.equals(c.scoreCreditedTo))
                    .map(c -> c.score).toList();
            assertThat(group.at("/satisfaction/n").asLong()).isEqualTo(credited.size());
            assertThat(group.at("/satisfaction/mean").asDouble()).isCloseTo(mean(credited), within(1e-9));
        }
        assertThat(answer.get("groups").findValuesAsText("group"))
                .as("the survey desk typed the scores in; it resolved nothing").doesNotContain(PlantedHistory.SURVEY_DESK);
    }

    @Test
    void ruleDebtCountsTheBendsUnderEachPolicysCurrentVersion() throws Exception {
        JsonNode answer = analytics("/analytics/rule-debt");
        for (String policy : List.of(PlantedHistory.LIFTED_POLICY, PlantedHistory.OTHER_POLICY)) {
            JsonNode row = null;
            for (JsonNode each : answer.get("policies")) {
                if (each.get("policyCode").asText().equals(policy)) {
                    row = each;
                }
            }
            assertThat(row).as(policy).isNotNull();
            assertThat(row.get("bendsSinceCurrentVersion").asLong())
                    .isEqualTo(count(RecountedCases.bends(truth), b -> b.policy.equals(policy) && b.policyVersion == 1));
        }
    }

    // --- the history, sent as a front-line app would send it ---

    private static void definePolicies() throws Exception {
        for (String body : List.of("""
                {"title":"Returns within 30 days","purpose":"Resale","kind":"BENDABLE","unit":"DAYS","currency":"EUR",
                 "ownAuthorityLimits":{"AGENT":50,"SUPERVISOR":500},"monthlyBudgetPerAgent":400}""", """
                {"title":"Repairs within warranty","purpose":"Cost","kind":"BENDABLE","unit":"MONEY","currency":"EUR",
                 "ownAuthorityLimits":{"AGENT":50,"SUPERVISOR":500},"monthlyBudgetPerAgent":300}""")) {
            String code = body.contains("Returns") ? PlantedHistory.LIFTED_POLICY : PlantedHistory.OTHER_POLICY;
            HttpResponse<String> put = send("PUT", platform.commandUrl() + "/policies/" + code, body,
                    token("olivia", "POLICY_OWNER"));
            assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        }
    }

    /** One case's commands in order, as its agent (and a supervisor, and the survey desk) send them. */
    private static void run(Script script) throws Exception {
        Map<String, String> ids = new HashMap<>();
        String bendStatus = null;
        String bendPolicy = null;
        for (Step step : script.steps()) {
            String path = step.path().replace("{case}", ids.getOrDefault("case", ""))
                    .replace("{bend}", ids.getOrDefault("bend", ""));
            String body = step.body();
            if (path.endsWith("?ifPending")) {
                if (!"PENDING".equals(bendStatus)) {
                    continue;
                }
                path = path.substring(0, path.length() - "?ifPending".length());
                bendStatus = body.contains("APPROVE") ? "GRANTED" : "DECLINED";
            }
            if (body.contains(PlantedHistory.SCORE)) {
                boolean lifted = "GRANTED".equals(bendStatus) && PlantedHistory.LIFTED_POLICY.equals(bendPolicy);
                body = body.replace(PlantedHistory.SCORE, Integer.toString(script.baseScore() + (lifted ? 1 : 0)));
            }
            HttpResponse<String> answer = send("POST", platform.commandUrl() + path, body,
                    token(step.actor(), step.role()));
            assertThat(answer.statusCode()).as(step + " answered " + answer.body()).isIn(200, 201);
            JsonNode json = JSON.readTree(answer.body());
            if (path.equals("/cases")) {
                ids.put("case", json.get("caseId").asText());
            } else if (path.endsWith("/exceptions")) {
                ids.put("bend", json.get("exceptionId").asText());
                bendStatus = json.get("status").asText();
                bendPolicy = JSON.readTree(body).get("policyCode").asText();
            }
        }
    }

    // --- brute force ---

    private static List<Integer> scores(Collection<Case> cases) {
        return cases.stream().filter(c -> c.score != null).map(c -> c.score).toList();
    }

    private static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    /**
     * Σ over strata with both groups (each of at least two scores) of (bent scores in it / all such bent scores)
     * × (bent mean − comparable mean).
     */
    private static double stratifiedDifference(List<Case> bent, List<Case> comparable) {
        Map<String, List<Integer>> bentByStratum = new HashMap<>();
        Map<String, List<Integer>> comparableByStratum = new HashMap<>();
        bent.stream().filter(c -> c.score != null).forEach(c ->
                bentByStratum.computeIfAbsent(c.stratum(), s -> new ArrayList<>()).add(c.score));
        comparable.stream().filter(c -> c.score != null).forEach(c ->
                comparableByStratum.computeIfAbsent(c.stratum(), s -> new ArrayList<>()).add(c.score));
        Map<String, List<Integer>> used = new HashMap<>(bentByStratum);
        used.keySet().removeIf(s -> bentByStratum.get(s).size() < 2
                || comparableByStratum.getOrDefault(s, List.of()).size() < 2);
        long covered = used.values().stream().mapToLong(List::size).sum();
        double sum = 0;
        for (Map.Entry<String, List<Integer>> stratum : used.entrySet()) {
            double weight = (double) stratum.getValue().size() / covered;
            sum += weight * (mean(stratum.getValue()) - mean(comparableByStratum.get(stratum.getKey())));
        }
        return sum;
    }

    private static <T> long count(Collection<T> items, Predicate<T> which) {
        return items.stream().filter(which).count();
    }

    private static void assertMean(JsonNode estimate, List<Integer> values) {
        assertThat(estimate.get("n").asLong()).isEqualTo(values.size());
        assertThat(estimate.get("mean").asDouble()).isCloseTo(mean(values), within(1e-9));
    }

    private static JsonNode group(JsonNode answer, String name) {
        for (JsonNode group : answer.get("groups")) {
            if (group.get("group").asText().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("no group " + name + " in " + answer);
    }

    // --- HTTP ---

    private static JsonNode analytics(String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + path))
                .header("Authorization", "Bearer " + token("ann", "ANALYST")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(String method, String url, String body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String user, String... roles) {
        return LocalTokens.in(home.resolve("keys")).mint(user, List.of(roles), Duration.ofMinutes(30));
    }
}
