package dev.leeway.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.query.analytics.PlantedFacts.ActorRow;
import dev.leeway.query.analytics.PlantedFacts.BendRow;
import dev.leeway.query.analytics.PlantedFacts.CaseRow;
import dev.leeway.query.analytics.PlantedFacts.PolicyRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every figure of every analytics endpoint against a brute-force recount, in plain loops, of the same generated
 * rows: counts exactly, means and intervals to 1e-9.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class AnalyticsFiguresIT {

    private static final double EXACT = 1e-9;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    private static PlantedFacts facts;
    private static List<CaseRow> cases;
    private static Map<UUID, CaseRow> caseById;
    private static List<BendRow> bends;
    private static List<ActorRow> actors;

    @BeforeAll
    static void plant() throws Exception {
        facts = PlantedFacts.planted();
        cases = facts.cases.stream().filter(CaseRow::inWindow).toList();
        caseById = cases.stream().collect(Collectors.toMap(CaseRow::caseId, c -> c));
        bends = facts.bends.stream().filter(b -> caseById.containsKey(b.caseId())).toList();
        actors = facts.actors.stream().filter(a -> caseById.containsKey(a.caseId())).toList();
    }

    @LocalServerPort
    int port;

    private AnalystClient analyst;

    @BeforeEach
    void client() {
        analyst = new AnalystClient(port);
    }

    @Test
    void theWindowIsHalfOpenAndTheGeneratedDataHasWhatTheTestsNeed() {
        assertThat(facts.cases.size() - cases.size()).as("cases outside the window").isEqualTo(6);
        assertThat(cases).anyMatch(c -> c.openedAt().equals(PlantedFacts.FROM));
        assertThat(facts.cases).anyMatch(c -> c.openedAt().equals(PlantedFacts.TO) && !c.inWindow());
        assertThat(facts.bends.size()).isGreaterThan(bends.size());
        assertThat(bends.stream().map(BendRow::status).distinct()).contains("GRANTED", "DECLINED", "PENDING");
        assertThat(bends.stream().map(BendRow::currency).distinct()).contains("EUR", "USD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel", "segment", "week"})
    void overridesPerCaseAttributeAreAnExactRecount(String by) throws Exception {
        Function<CaseRow, String> key = switch (by) {
            case "channel" -> CaseRow::channel;
            case "segment" -> CaseRow::segment;
            default -> c -> c.openedAt().atZone(ZoneOffset.UTC).toLocalDate().with(DayOfWeek.MONDAY).toString();
        };
        Map<String, long[]> expected = new TreeMap<>();
        for (CaseRow c : cases) {
            long[] counts = expected.computeIfAbsent(key.apply(c), k -> new long[2]);
            counts[0]++;
            counts[1] += c.bendsRequested() > 0 ? 1 : 0;
        }
        assertOverrides(by, expected, b -> key.apply(caseById.get(b.caseId())));
    }

    @Test
    void overridesPerAgentCountTheCasesTheAgentActedOnAndTheBendsTheyAskedFor() throws Exception {
        Map<String, long[]> expected = new TreeMap<>();
        for (ActorRow a : actors) {
            long[] counts = expected.computeIfAbsent(a.actor(), k -> new long[2]);
            counts[0]++;
            counts[1] += a.bendsRequested() > 0 ? 1 : 0;
        }
        assertOverrides("agent", expected, BendRow::requestedBy);
    }

    @Test
    void overridesPerPolicyAreOutOfEveryCaseInTheWindow() throws Exception {
        Map<String, long[]> expected = new TreeMap<>();
        for (String policy : List.of(PlantedFacts.CURRENT, PlantedFacts.SHIPPING)) {
            long bent = bends.stream().filter(b -> b.policy().equals(policy)).map(BendRow::caseId).distinct().count();
            expected.put(policy, new long[]{cases.size(), bent});
        }
        assertOverrides("policy", expected, BendRow::policy);
    }

    private void assertOverrides(String by, Map<String, long[]> expectedCases, Function<BendRow, String> bendKey)
            throws Exception {
        JsonNode report = analyst.figures("/analytics/overrides?by=" + by + "&" + AnalystClient.WINDOW);

        assertThat(report.get("by").asText()).isEqualTo(by);
        assertThat(report.get("from").asText()).isEqualTo("2025-03-03T00:00:00Z");
        assertThat(report.get("flagAbove").asDouble()).isEqualTo(0.10);
        List<String> groups = new ArrayList<>();
        report.get("groups").forEach(group -> groups.add(group.get("group").asText()));
        assertThat(groups).containsExactlyElementsOf(expectedCases.keySet());
        for (JsonNode group : report.get("groups")) {
            String name = group.get("group").asText();
            long[] counts = expectedCases.get(name);
            List<BendRow> own = bends.stream().filter(b -> bendKey.apply(b).equals(name)).toList();
            assertThat(group.get("cases").asLong()).as(name).isEqualTo(counts[0]);
            assertThat(group.get("casesWithBend").asLong()).as(name).isEqualTo(counts[1]);
            assertRate(group.get("bendRate"), counts[1], counts[0]);
            assertThat(group.get("bendsRequested").asLong()).as(name).isEqualTo(own.size());
            assertThat(group.get("bendsGranted").asLong()).isEqualTo(count(own, b -> b.status().equals("GRANTED")));
            assertThat(group.get("bendsDeclined").asLong()).isEqualTo(count(own, b -> b.status().equals("DECLINED")));
            assertThat(group.get("bendsPending").asLong()).isEqualTo(count(own, b -> b.status().equals("PENDING")));
            assertThat(amounts(group.get("valueGiven"))).as(name).isEqualTo(valueGiven(own));
            assertThat(group.get("flagged").asBoolean()).as(name).isEqualTo((double) counts[1] / counts[0] > 0.10);
        }
    }

    @Test
    void outcomesOfBentAgainstComparableCasesAreARecountStratumByStratum() throws Exception {
        JsonNode report = analyst.figures("/analytics/outcomes?" + AnalystClient.WINDOW);

        assertOutcomes(report, c -> c.bendsGranted() > 0);
        assertThat(report.get("policy").isNull()).isTrue();
        assertThat(report.get("caveat").asText()).contains("harder cases", "biased", "channel, severity and segment");
    }

    @Test
    void outcomesUnderOnePolicyCountOnlyItsGrantedBends() throws Exception {
        JsonNode report = analyst.figures("/analytics/outcomes?policy=" + PlantedFacts.CURRENT + "&"
                + AnalystClient.WINDOW);

        assertThat(report.get("policy").asText()).isEqualTo(PlantedFacts.CURRENT);
        Set<UUID> granted = bends.stream().filter(b -> b.policy().equals(PlantedFacts.CURRENT)
                && b.status().equals("GRANTED")).map(BendRow::caseId).collect(Collectors.toSet());
        assertOutcomes(report, c -> granted.contains(c.caseId()));
    }

    /** Planted: bent cases are harder (lower scores), and a granted bend adds to the score. */
    @Test
    void likeWithLikeUndoesTheBiasOfBendingHarderCases() throws Exception {
        JsonNode csat = analyst.figures("/analytics/outcomes?" + AnalystClient.WINDOW).get("satisfaction");

        double naive = csat.at("/naiveDifference/estimate").asDouble();
        double adjusted = csat.at("/adjustedDifference/estimate").asDouble();
        assertThat(adjusted).isGreaterThan(naive + 0.3);
        assertThat(csat.at("/adjustedDifference/lower").asDouble()).isPositive();
    }

    private void assertOutcomes(JsonNode report, Predicate<CaseRow> bent) {
        Predicate<CaseRow> comparable = c -> c.bendsRequested() == 0;
        List<CaseRow> bentCases = cases.stream().filter(bent).toList();
        List<CaseRow> comparableCases = cases.stream().filter(comparable).toList();
        assertThat(report.get("bentCases").asLong()).isEqualTo(bentCases.size());
        assertThat(report.get("comparableCases").asLong()).isEqualTo(comparableCases.size());

        // CSAT: means over scored cases; strata need two scores in each group.
        JsonNode csat = report.get("satisfaction");
        List<Double> bentScores = scores(bentCases);
        List<Double> comparableScores = scores(comparableCases);
        assertThat(csat.at("/bent/n").asLong()).isEqualTo(bentScores.size());
        assertThat(csat.at("/bent/mean").asDouble()).isCloseTo(mean(bentScores), within(EXACT));
        assertThat(csat.at("/bent/standardDeviation").asDouble())
                .isCloseTo(Math.sqrt(variance(bentScores)), within(EXACT));
        assertThat(csat.at("/comparable/n").asLong()).isEqualTo(comparableScores.size());
        assertThat(csat.at("/comparable/mean").asDouble()).isCloseTo(mean(comparableScores), within(EXACT));
        double naive = mean(bentScores) - mean(comparableScores);
        double naiveSe = Math.sqrt(variance(bentScores) / bentScores.size()
                + variance(comparableScores) / comparableScores.size());
        assertInterval(csat.get("naiveDifference"), naive, naiveSe);
        assertStratified(csat, bentCases, comparableCases, c -> c.score() != null,
                c -> (double) c.score(), 2);

        for (String measure : List.of("reopenRate", "recontactRate")) {
            Predicate<CaseRow> event = measure.equals("reopenRate") ? c -> c.reopenings() > 0 : c -> c.recontacts() > 0;
            JsonNode rate = report.get(measure);
            List<CaseRow> bentResolved = bentCases.stream().filter(CaseRow::resolved).toList();
            List<CaseRow> comparableResolved = comparableCases.stream().filter(CaseRow::resolved).toList();
            long bentEvents = count(bentResolved, event);
            long comparableEvents = count(comparableResolved, event);
            assertRate(rate.get("bent"), bentEvents, bentResolved.size());
            assertRate(rate.get("comparable"), comparableEvents, comparableResolved.size());
            double pb = (double) bentEvents / bentResolved.size();
            double pc = (double) comparableEvents / comparableResolved.size();
            assertInterval(rate.get("naiveDifference"), pb - pc,
                    Math.sqrt(pb * (1 - pb) / bentResolved.size() + pc * (1 - pc) / comparableResolved.size()));
            assertStratified(rate, bentCases, comparableCases, CaseRow::resolved, c -> event.test(c) ? 1.0 : 0.0, 1);
        }
    }

    /**
     * The ATT-weighted difference over strata where each group has at least {@code minimum} observations, the
     * variance of a group's mean computed two-pass (for rates: p(1 − p) / n, the population form Wald uses).
     */
    private void assertStratified(JsonNode comparison, List<CaseRow> bent, List<CaseRow> comparable,
                                  Predicate<CaseRow> observed, Function<CaseRow, Double> value, int minimum) {
        Function<CaseRow, String> stratum = c -> c.channel() + "|" + c.severity() + "|" + c.segment();
        Map<String, List<Double>> bentValues = new TreeMap<>();
        Map<String, List<Double>> comparableValues = new TreeMap<>();
        bent.stream().filter(observed).forEach(c ->
                bentValues.computeIfAbsent(stratum.apply(c), k -> new ArrayList<>()).add(value.apply(c)));
        comparable.stream().filter(observed).forEach(c ->
                comparableValues.computeIfAbsent(stratum.apply(c), k -> new ArrayList<>()).add(value.apply(c)));
        Set<String> strata = new HashSet<>(bentValues.keySet());
        strata.addAll(comparableValues.keySet());
        long covered = 0;
        long notCovered = 0;
        int used = 0;
        Set<String> excluded = new HashSet<>();
        Map<String, double[]> differences = new HashMap<>();
        for (String s : strata) {
            List<Double> b = bentValues.getOrDefault(s, List.of());
            List<Double> c = comparableValues.getOrDefault(s, List.of());
            if (b.size() >= minimum && c.size() >= minimum) {
                used++;
                covered += b.size();
                double variance = minimum == 2 ? variance(b) / b.size() + variance(c) / c.size()
                        : bernoulli(b) / b.size() + bernoulli(c) / c.size();
                differences.put(s, new double[]{b.size(), mean(b) - mean(c), variance});
            } else {
                notCovered += b.size();
                excluded.add(s + "|" + b.size() + "|" + c.size());
            }
        }
        double estimate = 0;
        double variance = 0;
        for (double[] d : differences.values()) {
            double weight = d[0] / covered;
            estimate += weight * d[1];
            variance += weight * weight * d[2];
        }
        JsonNode adjusted = comparison.get("adjustedDifference");
        assertThat(adjusted.get("strataUsed").asInt()).isEqualTo(used);
        assertThat(adjusted.get("bentCovered").asLong()).isEqualTo(covered);
        assertThat(adjusted.get("bentNotCovered").asLong()).isEqualTo(notCovered);
        assertThat(used).as("the planted data leaves strata to compare").isGreaterThan(5);
        assertInterval(adjusted, estimate, Math.sqrt(variance));
        Set<String> listed = new HashSet<>();
        comparison.get("excludedStrata").forEach(s -> listed.add(s.get("channel").asText() + "|"
                + s.get("severity").asText() + "|" + s.get("segment").asText() + "|" + s.get("bent").asLong() + "|"
                + s.get("comparable").asLong()));
        assertThat(listed).isEqualTo(excluded);
    }

    @Test
    void fairnessPerAgentAndSegmentIsARecountAndFlagsThePlantedAgent() throws Exception {
        JsonNode report = analyst.figures("/analytics/fairness?by=segment&" + AnalystClient.WINDOW);

        assertThat(report.get("minimumCases").asInt()).isEqualTo(30);
        assertThat(report.get("flagBelow").asDouble()).isEqualTo(0.8);
        Map<String, Map<String, long[]>> expected = new TreeMap<>();
        for (ActorRow a : actors) {
            long[] counts = expected.computeIfAbsent(a.actor(), k -> new TreeMap<>())
                    .computeIfAbsent(caseById.get(a.caseId()).segment(), k -> new long[2]);
            counts[0]++;
            counts[1] += a.bendsRequested() > 0 ? 1 : 0;
        }
        List<String> agents = new ArrayList<>();
        report.get("agents").forEach(agent -> agents.add(agent.get("agent").asText()));
        assertThat(agents).containsExactlyElementsOf(expected.keySet());
        boolean someIneligible = false;
        for (JsonNode agent : report.get("agents")) {
            Map<String, long[]> groups = expected.get(agent.get("agent").asText());
            List<String> names = new ArrayList<>();
            for (JsonNode group : agent.get("groups")) {
                long[] counts = groups.get(group.get("group").asText());
                names.add(group.get("group").asText());
                assertThat(group.get("cases").asLong()).isEqualTo(counts[0]);
                assertThat(group.get("casesWithBend").asLong()).isEqualTo(counts[1]);
                assertRate(group.get("bendRate"), counts[1], counts[0]);
                assertThat(group.get("eligible").asBoolean()).isEqualTo(counts[0] >= 30);
                someIneligible |= counts[0] < 30;
            }
            assertThat(names).containsExactlyElementsOf(groups.keySet());
            List<Map.Entry<String, long[]>> eligible = groups.entrySet().stream().filter(e -> e.getValue()[0] >= 30)
                    .sorted(Comparator.comparingDouble((Map.Entry<String, long[]> e) -> rate(e.getValue()))
                            .thenComparing(Map.Entry::getKey)).toList();
            assertThat(eligible).as("every planted agent has groups to compare").hasSizeGreaterThanOrEqualTo(2);
            long[] low = eligible.get(0).getValue();
            Map.Entry<String, long[]> highest = eligible.stream().filter(e -> rate(e.getValue())
                    == rate(eligible.get(eligible.size() - 1).getValue())).findFirst().orElseThrow();
            long[] high = highest.getValue();
            assertThat(agent.get("lowestGroup").asText()).isEqualTo(eligible.get(0).getKey());
            assertThat(agent.get("highestGroup").asText()).isEqualTo(highest.getKey());
            double ratio = rate(low) / rate(high);
            assertThat(agent.get("ratio").asDouble()).isCloseTo(ratio, within(EXACT));
            double se = Math.sqrt(1.0 / low[1] - 1.0 / low[0] + 1.0 / high[1] - 1.0 / high[0]);
            assertThat(agent.get("ratioLower").asDouble()).isCloseTo(Math.exp(Math.log(ratio) - 1.96 * se),
                    within(EXACT));
            assertThat(agent.get("ratioUpper").asDouble()).isCloseTo(Math.exp(Math.log(ratio) + 1.96 * se),
                    within(EXACT));
            assertThat(agent.get("flagged").asBoolean()).isEqualTo(ratio < 0.8);
        }
        assertThat(someIneligible).as("the rare segment is too small for some agent").isTrue();
        JsonNode zed = report.get("agents").get(agents.indexOf(PlantedFacts.ZED));
        assertThat(zed.get("lowestGroup").asText()).isEqualTo("NEW");
        assertThat(zed.get("flagged").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel", "week", "policy"})
    void resolutionPerGroupIsARecount(String by) throws Exception {
        Map<String, List<CaseRow>> groups = new TreeMap<>();
        for (CaseRow c : cases) {
            List<String> keys = switch (by) {
                case "channel" -> List.of(c.channel());
                case "week" -> List.of(c.openedAt().atZone(ZoneOffset.UTC).toLocalDate().with(DayOfWeek.MONDAY)
                        .toString());
                default -> bends.stream().filter(b -> b.caseId().equals(c.caseId())).map(BendRow::policy)
                        .distinct().toList();
            };
            keys.forEach(key -> groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c));
        }
        JsonNode report = analyst.figures("/analytics/resolution?by=" + by + "&" + AnalystClient.WINDOW);

        assertThat(report.get("by").asText()).isEqualTo(by);
        assertResolution(report, groups, groups);
    }

    @Test
    void resolutionPerAgentCreditsResolutionsToTheFirstResolverAndCsatToWhoItIsCreditedTo() throws Exception {
        Map<String, List<CaseRow>> resolvedBy = new TreeMap<>();
        Map<String, List<CaseRow>> creditedTo = new TreeMap<>();
        for (CaseRow c : cases) {
            if (c.firstResolvedBy() != null) {
                resolvedBy.computeIfAbsent(c.firstResolvedBy(), k -> new ArrayList<>()).add(c);
            }
            if (c.creditedTo() != null) {
                creditedTo.computeIfAbsent(c.creditedTo(), k -> new ArrayList<>()).add(c);
            }
        }
        assertResolution(analyst.figures("/analytics/resolution?by=agent&" + AnalystClient.WINDOW), resolvedBy,
                creditedTo);
    }

    private void assertResolution(JsonNode report, Map<String, List<CaseRow>> resolutionGroups,
                                  Map<String, List<CaseRow>> satisfactionGroups) {
        Set<String> names = new TreeMap<>(resolutionGroups).keySet();
        List<String> listed = new ArrayList<>();
        report.get("groups").forEach(group -> listed.add(group.get("group").asText()));
        Set<String> all = new java.util.TreeSet<>(names);
        all.addAll(satisfactionGroups.keySet());
        assertThat(listed).containsExactlyElementsOf(all);
        for (JsonNode group : report.get("groups")) {
            String name = group.get("group").asText();
            List<CaseRow> members = resolutionGroups.getOrDefault(name, List.of());
            List<CaseRow> resolved = members.stream().filter(CaseRow::resolved).toList();
            assertThat(group.get("cases").asLong()).as(name).isEqualTo(members.size());
            assertThat(group.get("resolvedCases").asLong()).as(name).isEqualTo(resolved.size());
            assertRate(group.get("firstContactResolution"),
                    count(resolved, c -> c.reopenings() == 0 && c.recontacts() == 0), resolved.size());
            assertRate(group.get("reopenRate"), count(resolved, c -> c.reopenings() > 0), resolved.size());
            assertRate(group.get("recontactRate"), count(resolved, c -> c.recontacts() > 0), resolved.size());
            List<Double> seconds = resolved.stream()
                    .map(c -> (double) Duration.between(c.openedAt(), c.firstResolvedAt()).getSeconds())
                    .sorted().toList();
            assertThat(group.at("/timeToResolve/n").asLong()).isEqualTo(seconds.size());
            if (seconds.isEmpty()) {
                assertThat(group.at("/timeToResolve/medianSeconds").isNull()).isTrue();
            } else {
                assertThat(group.at("/timeToResolve/medianSeconds").asDouble()).as(name)
                        .isCloseTo(percentile(seconds, 0.5), within(1e-6));
                assertThat(group.at("/timeToResolve/p90Seconds").asDouble()).as(name)
                        .isCloseTo(percentile(seconds, 0.9), within(1e-6));
            }
            List<Double> scores = scores(satisfactionGroups.getOrDefault(name, List.of()));
            JsonNode satisfaction = group.get("satisfaction");
            assertThat(satisfaction.get("n").asLong()).as(name).isEqualTo(scores.size());
            if (!scores.isEmpty()) {
                assertThat(satisfaction.get("mean").asDouble()).isCloseTo(mean(scores), within(EXACT));
            }
            for (int score = 1; score <= 5; score++) {
                double s = score;
                assertThat(satisfaction.at("/distribution/" + score).asLong()).as(name + " scored " + score)
                        .isEqualTo(scores.stream().filter(x -> x == s).count());
            }
        }
    }

    @Test
    void ruleDebtCountsBendsUnderTheCurrentVersionWorstFirst() throws Exception {
        JsonNode report = analyst.figures("/analytics/rule-debt?" + AnalystClient.WINDOW);

        Instant asOf = Instant.parse(report.get("asOf").asText());
        List<String> order = new ArrayList<>();
        for (JsonNode policy : report.get("policies")) {
            String code = policy.get("policyCode").asText();
            PolicyRow planted = facts.policies.stream().filter(p -> p.code().equals(code)).findFirst().orElse(null);
            if (planted == null) {
                continue;
            }
            order.add(code);
            List<BendRow> current = bends.stream()
                    .filter(b -> b.policy().equals(code) && b.version() == planted.version()).toList();
            assertThat(policy.get("currentVersion").asInt()).isEqualTo(planted.version());
            assertThat(Instant.parse(policy.get("currentVersionSince").asText())).isEqualTo(planted.versionSince());
            assertThat(policy.get("bendsSinceCurrentVersion").asLong()).as(code).isEqualTo(current.size());
            assertThat(amounts(policy.get("valueGiven"))).as(code).isEqualTo(valueGiven(current));
            assertRate(policy.get("reviewedUpheld"), count(current, b -> "UPHELD".equals(b.verdict())),
                    count(current, b -> b.verdict() != null));
            assertThat(policy.get("proposalsOpen").asLong()).isEqualTo(planted.proposalsOpen());
            assertThat(policy.get("proposalsAccepted").asLong()).isEqualTo(planted.proposalsAccepted());
            Instant oldest = current.stream().map(BendRow::requestedAt).min(Comparator.naturalOrder()).orElse(null);
            if (oldest == null) {
                assertThat(policy.get("oldestUnansweredBendAt").isNull()).isTrue();
                assertThat(policy.get("oldestUnansweredBendAgeSeconds").isNull()).isTrue();
            } else {
                assertThat(Instant.parse(policy.get("oldestUnansweredBendAt").asText())).isEqualTo(oldest);
                long age = Duration.between(oldest, asOf).getSeconds();
                assertThat(age).isPositive();
                assertThat(policy.get("oldestUnansweredBendAgeSeconds").asLong()).isEqualTo(age);
                assertThat(Duration.parse(policy.get("oldestUnansweredBendAge").asText()).getSeconds()).isEqualTo(age);
            }
        }
        Map<String, Long> debt = new HashMap<>();
        facts.policies.forEach(p -> debt.put(p.code(), count(bends, b -> b.policy().equals(p.code())
                && b.version() == p.version())));
        assertThat(order).containsExactlyElementsOf(facts.policies.stream().map(PolicyRow::code)
                .sorted(Comparator.comparing((String code) -> debt.get(code)).reversed()).toList());
        assertThat(debt.get(PlantedFacts.CURRENT)).as("version 1's bends do not count").isLessThan(
                count(bends, b -> b.policy().equals(PlantedFacts.CURRENT)));
    }

    private static <T> long count(List<T> rows, Predicate<T> which) {
        return rows.stream().filter(which).count();
    }

    private static Map<String, String> valueGiven(List<BendRow> bends) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        bends.stream().filter(b -> b.status().equals("GRANTED"))
                .forEach(b -> sums.merge(b.currency(), b.value(), BigDecimal::add));
        Map<String, String> shown = new TreeMap<>();
        sums.forEach((currency, sum) -> shown.put(currency, sum.setScale(2).toPlainString()));
        return shown;
    }

    private static Map<String, String> amounts(JsonNode values) {
        Map<String, String> amounts = new TreeMap<>();
        values.fields().forEachRemaining(e -> amounts.put(e.getKey(), e.getValue().decimalValue().toPlainString()));
        return amounts;
    }

    private static void assertRate(JsonNode rate, long numerator, long denominator) {
        assertThat(rate.get("numerator").asLong()).isEqualTo(numerator);
        assertThat(rate.get("denominator").asLong()).isEqualTo(denominator);
        if (denominator == 0) {
            assertThat(rate.get("rate").isNull()).isTrue();
        } else {
            assertThat(rate.get("rate").asDouble()).isCloseTo((double) numerator / denominator, within(EXACT));
        }
    }

    private static void assertInterval(JsonNode interval, double estimate, double standardError) {
        assertThat(interval.get("estimate").asDouble()).isCloseTo(estimate, within(EXACT));
        assertThat(interval.get("lower").asDouble()).isCloseTo(estimate - 1.96 * standardError, within(EXACT));
        assertThat(interval.get("upper").asDouble()).isCloseTo(estimate + 1.96 * standardError, within(EXACT));
    }

    private static List<Double> scores(List<CaseRow> rows) {
        return rows.stream().map(CaseRow::score).filter(Objects::nonNull).map(Integer::doubleValue).toList();
    }

    private static double rate(long[] counts) {
        return (double) counts[1] / counts[0];
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    /** Sample variance, two-pass. */
    private static double variance(List<Double> values) {
        double mean = mean(values);
        return values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
    }

    /** p(1 − p) of 0/1 values. */
    private static double bernoulli(List<Double> values) {
        double p = mean(values);
        return p * (1 - p);
    }

    /** PostgreSQL's percentile_cont: linear interpolation at p·(n − 1) of the sorted values. */
    private static double percentile(List<Double> sorted, double p) {
        double position = p * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
    }
}
