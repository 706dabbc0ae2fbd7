package dev.leeway.query.analytics.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.query.support.FactTableRows.BendRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The what-if recounted the slow, obvious way, written from the rules as stated and sharing no code with the
 * service: a loop over the bends in the order asked, with its own per-agent-per-month budget map. The answer is
 * flattened to {@code path -> value} lines, as {@link #flatten} flattens the service's JSON, so the two compare
 * line by line.
 */
final class BruteForceRecount {

    /** Proposed terms as the test writes them: limits per role name, all amounts in the policy's currency. */
    record Terms(String kind, Map<String, BigDecimal> limits, BigDecimal budget) {
    }

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    private BruteForceRecount() {
    }

    static Map<String, String> recount(List<BendRow> bends, Map<UUID, Integer> scores, Terms terms, String currency) {
        List<BendRow> ordered = new ArrayList<>(bends);
        ordered.sort(Comparator.comparing(BendRow::requestedAt).thenComparing(BendRow::requestedSequence));
        Map<String, BigDecimal> usedPerAgentMonth = new HashMap<>();
        Map<String, String> lines = new TreeMap<>();
        Map<String, Map<UUID, Integer>> casesPerTransition = new TreeMap<>();
        for (BendRow bend : ordered) {
            String[] proposed = proposed(bend, terms, currency, usedPerAgentMonth);
            String[] actual = actual(bend);
            boolean summable = bend.valueCurrency().equals(currency) && bend.withinBounds();
            BigDecimal value = summable ? bend.valueAmount() : BigDecimal.ZERO;
            add(lines, "bends", BigDecimal.ONE);
            count(lines, "actual", actual, value);
            count(lines, "proposed", proposed, value);
            String transition = "transitions[" + actual[0] + "->" + proposed[0] + "]";
            add(lines, transition + ".bends", BigDecimal.ONE);
            add(lines, transition + ".value", value);
            casesPerTransition.computeIfAbsent(transition, t -> new HashMap<>()).put(bend.caseId(),
                    scores.get(bend.caseId()));
        }
        casesPerTransition.forEach((transition, cases) -> {
            lines.put(transition + ".cases", Integer.toString(cases.size()));
            List<Integer> surveyed = cases.values().stream().filter(score -> score != null).toList();
            lines.put(transition + ".satisfaction.n", Integer.toString(surveyed.size()));
            lines.put(transition + ".satisfaction.mean", surveyed.isEmpty() ? "null"
                    : BigDecimal.valueOf(surveyed.stream().mapToInt(Integer::intValue).sum())
                    .divide(BigDecimal.valueOf(surveyed.size()), 2, RoundingMode.HALF_UP).toPlainString());
        });
        return lines;
    }

    /** {category, reason or null}: HARD refused; own limit and budget; else someone's limit; else refused. */
    private static String[] proposed(BendRow bend, Terms terms, String currency, Map<String, BigDecimal> used) {
        if (terms.kind().equals("HARD")) {
            return new String[] {"REFUSED", "POLICY_NOT_BENDABLE"};
        }
        if (!bend.valueCurrency().equals(currency)) {
            return new String[] {"REFUSED", "CURRENCY_MISMATCH"};
        }
        if (!bend.withinBounds()) {
            return new String[] {"REFUSED", "VALUE_OUT_OF_BOUNDS"};
        }
        BigDecimal value = bend.valueAmount();
        BigDecimal best = null;
        for (String role : bend.requesterRoles().split(",")) {
            BigDecimal limit = terms.limits().get(role.trim());
            if (limit != null && (best == null || limit.compareTo(best) > 0)) {
                best = limit;
            }
        }
        String key = bend.requestedBy() + "@" + MONTH.format(bend.requestedAt());
        BigDecimal monthTotal = used.getOrDefault(key, BigDecimal.ZERO).add(value);
        if (best != null && value.compareTo(best) <= 0 && monthTotal.compareTo(terms.budget()) <= 0) {
            used.put(key, monthTotal);
            return new String[] {"OWN_AUTHORITY", null};
        }
        boolean someoneCovers = terms.limits().values().stream().anyMatch(limit -> value.compareTo(limit) <= 0);
        return someoneCovers ? new String[] {"SECOND_PERSON", null} : new String[] {"REFUSED", "NOBODY_CAN_APPROVE"};
    }

    private static String[] actual(BendRow bend) {
        if ("OWN_LIMIT".equals(bend.authority())) {
            return new String[] {"OWN_AUTHORITY", null};
        }
        if (bend.approverRole() == null && !bend.status().equals("GRANTED")) {
            return new String[] {"REFUSED", "NOBODY_CAN_APPROVE"};
        }
        return new String[] {"SECOND_PERSON", null};
    }

    private static void count(Map<String, String> lines, String side, String[] route, BigDecimal value) {
        String category = switch (route[0]) {
            case "OWN_AUTHORITY" -> "ownAuthority";
            case "SECOND_PERSON" -> "secondPerson";
            default -> "refused";
        };
        add(lines, side + "." + category + ".bends", BigDecimal.ONE);
        add(lines, side + "." + category + ".value", value);
        if (route[1] != null) {
            add(lines, side + ".refusedBecause." + route[1], BigDecimal.ONE);
        }
    }

    private static void add(Map<String, String> lines, String path, BigDecimal amount) {
        BigDecimal before = lines.containsKey(path) ? new BigDecimal(lines.get(path)) : BigDecimal.ZERO;
        lines.put(path, canonical(before.add(amount)));
    }

    static String canonical(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * The service's answer as the same lines. Categories with no bends are left out (the recount never writes
     * them), and so are the fields the recount does not compute (changed, policyCode, currency, from, to).
     */
    static Map<String, String> flatten(JsonNode answer) {
        Map<String, String> lines = new TreeMap<>();
        lines.put("bends", answer.get("bends").asText());
        for (String side : List.of("actual", "proposed")) {
            for (String category : List.of("ownAuthority", "secondPerson", "refused")) {
                JsonNode totals = answer.get(side).get(category);
                if (totals.get("bends").asLong() > 0) {
                    lines.put(side + "." + category + ".bends", totals.get("bends").asText());
                    lines.put(side + "." + category + ".value", canonical(totals.get("value").decimalValue()));
                }
            }
            answer.get(side).get("refusedBecause").fields().forEachRemaining(reason ->
                    lines.put(side + ".refusedBecause." + reason.getKey(), reason.getValue().asText()));
        }
        for (JsonNode transition : answer.get("transitions")) {
            String key = "transitions[" + transition.get("from").asText() + "->" + transition.get("to").asText() + "]";
            lines.put(key + ".bends", transition.get("bends").asText());
            lines.put(key + ".value", canonical(transition.get("value").decimalValue()));
            lines.put(key + ".cases", transition.get("cases").asText());
            lines.put(key + ".satisfaction.n", transition.get("satisfaction").get("n").asText());
            JsonNode mean = transition.get("satisfaction").get("mean");
            lines.put(key + ".satisfaction.mean", mean.isNull() ? "null" : mean.decimalValue().toPlainString());
        }
        return lines;
    }
}
