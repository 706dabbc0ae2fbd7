package dev.leeway.query.dashboard;

import dev.leeway.query.support.FactTableRows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Rows of the analysts' fact tables ({@code case_fact}, {@code case_actor_fact}, {@code bend_fact}) and of the
 * policies read model, as projection-service writes them, for the dashboard's browser test: a few hundred cases
 * that look like a support desk's quarter (generated from a seeded Random), or a handful built by hand.
 * The test compares the page with the API, so nothing here computes a figure.
 */
final class DashboardFacts {

    record CaseRow(UUID caseId, String channel, String segment, String severity, Instant openedAt,
                   Instant firstResolvedAt, String firstResolvedBy, int reopenings, int recontacts, Integer score) {
    }

    record BendRow(UUID caseId, String policy, int version, BigDecimal value, String currency, String status,
                   String requestedBy, String verdict, Instant requestedAt) {
    }

    /** {@code revisedAt}: when version 2 took effect; null for a policy still at version 1. */
    record PolicyRow(String code, String title, String currency, Instant revisedAt, int proposalsOpen) {
    }

    private record Terms(String code, String currency, int minimumCents, int maximumCents) {
    }

    static final List<String> AGENTS = List.of("amira", "ben", "chen", "dana");
    private static final List<Terms> TERMS = List.of(
            new Terms("RETURN-WINDOW", "EUR", 1_000, 6_000),
            new Terms("FREE-SHIPPING", "EUR", 499, 1_299),
            new Terms("LATE-FEE-WAIVER", "EUR", 1_500, 4_000),
            new Terms("PRICE-MATCH", "USD", 500, 8_000));

    final List<CaseRow> cases = new ArrayList<>();
    final Map<UUID, Map<String, Integer>> actors = new LinkedHashMap<>();
    final List<BendRow> bends = new ArrayList<>();
    final List<PolicyRow> policies = new ArrayList<>();

    /**
     * {@code count} cases opened over [from, to] (whole UTC days), plus one case on each side of it that must never
     * be counted. Planted so that the page has something to say: severe cases are bent more, take longer and
     * score lower; agent ben seldom bends for NEW customers (a fairness flag); RETURN-WINDOW was revised mid-way.
     */
    static DashboardFacts quarter(long seed, int count, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant revised = start.plus(Duration.ofDays(42));
        DashboardFacts facts = new DashboardFacts();
        facts.policies.add(new PolicyRow("RETURN-WINDOW", "Returns within 30 days", "EUR", revised, 1));
        facts.policies.add(new PolicyRow("FREE-SHIPPING", "Shipping is paid below 50 EUR", "EUR", null, 2));
        facts.policies.add(new PolicyRow("LATE-FEE-WAIVER", "Late fees are charged", "EUR", null, 0));
        facts.policies.add(new PolicyRow("PRICE-MATCH", "No price matching", "USD", null, 1));
        Random random = new Random(seed);
        long seconds = Duration.between(start, end).toSeconds();
        for (int i = 0; i < count; i++) {
            facts.generateCase(random, start.plusSeconds((long) (random.nextDouble() * seconds)), revised);
        }
        // The last day counts in full, the day after not at all, nor the day before the first.
        facts.generateCase(random, end.minusSeconds(1_800), revised);
        facts.generateCase(random, end, revised);
        facts.generateCase(random, start.minusSeconds(1), revised);
        return facts;
    }

    private void generateCase(Random random, Instant openedAt, Instant revised) {
        UUID caseId = UUID.randomUUID();
        String channel = pick(random, List.of("PHONE", "PHONE", "EMAIL", "CHAT"));
        double s = random.nextDouble();
        String segment = s < 0.25 ? "NEW" : s < 0.65 ? "REGULAR" : s < 0.9 ? "LOYAL" : "VIP";
        double v = random.nextDouble();
        String severity = v < 0.5 ? "LOW" : v < 0.8 ? "MEDIUM" : "HIGH";
        Set<String> caseActors = new LinkedHashSet<>();
        caseActors.add(pick(random, AGENTS));
        if (random.nextDouble() < 0.4) {
            caseActors.add(pick(random, AGENTS));
        }
        Map<String, Integer> bendsBy = new LinkedHashMap<>();
        boolean granted = false;
        for (String actor : caseActors) {
            double chance = switch (severity) {
                case "HIGH" -> 0.5;
                case "MEDIUM" -> 0.3;
                default -> 0.12;
            } * (actor.equals("ben") && segment.equals("NEW") ? 0.1 : 1.0);
            int asked = 0;
            while (random.nextDouble() < chance && asked < 2) {
                asked++;
                Terms terms = pickTerms(random);
                double st = random.nextDouble();
                String status = st < 0.7 ? "GRANTED" : st < 0.9 ? "DECLINED" : "PENDING";
                granted |= status.equals("GRANTED");
                Instant requestedAt = openedAt.plusSeconds(120 + random.nextInt(7_200));
                String verdict = !status.equals("GRANTED") || random.nextBoolean() ? null
                        : pick(random, List.of("UPHELD", "UPHELD", "UPHELD", "COACHED"));
                int cents = terms.minimumCents() + random.nextInt(terms.maximumCents() - terms.minimumCents());
                bends.add(new BendRow(caseId, terms.code(), terms.code().equals("RETURN-WINDOW")
                        && !requestedAt.isBefore(revised) ? 2 : 1, BigDecimal.valueOf(cents, 2), terms.currency(),
                        status, actor, verdict, requestedAt));
                chance /= 2;
            }
            bendsBy.put(actor, asked);
        }
        Instant resolvedAt = null;
        String resolver = null;
        int reopenings = 0;
        int recontacts = 0;
        Integer score = null;
        if (random.nextDouble() < 0.88) {
            int hours = switch (severity) {
                case "HIGH" -> 12 + random.nextInt(190);
                case "MEDIUM" -> 4 + random.nextInt(70);
                default -> 1 + random.nextInt(30);
            };
            resolvedAt = openedAt.plusSeconds(hours * 3_600L + random.nextInt(3_600));
            resolver = pick(random, List.copyOf(caseActors));
            boolean severe = severity.equals("HIGH");
            reopenings = random.nextDouble() < (severe ? 0.25 : 0.08) ? 1 : 0;
            recontacts = random.nextDouble() < (severe ? 0.3 : 0.12) ? 1 + random.nextInt(2) : 0;
            if (random.nextDouble() < 0.75) {
                double mean = (severe ? 2.8 : severity.equals("MEDIUM") ? 3.5 : 4.1) + (granted ? 0.4 : 0);
                score = (int) Math.max(1, Math.min(5, Math.round(mean + random.nextGaussian() * 0.9)));
            }
        }
        cases.add(new CaseRow(caseId, channel, segment, severity, openedAt, resolvedAt, resolver, reopenings,
                recontacts, score));
        actors.put(caseId, bendsBy);
    }

    /** A case opened at {@code openedAt} in {@code segment}, acted on by {@code agent} alone, never resolved. */
    DashboardFacts openCase(String openedAt, String segment, String agent) {
        UUID caseId = UUID.randomUUID();
        cases.add(new CaseRow(caseId, "PHONE", segment, "LOW", Instant.parse(openedAt), null, null, 0, 0, null));
        actors.put(caseId, new LinkedHashMap<>(Map.of(agent, 0)));
        return this;
    }

    /** A granted bend on the case added last, asked for by its agent a minute after it was opened. */
    DashboardFacts granted(String policy, String amount) {
        CaseRow last = cases.get(cases.size() - 1);
        Map<String, Integer> caseActors = actors.get(last.caseId());
        String agent = caseActors.keySet().iterator().next();
        caseActors.merge(agent, 1, Integer::sum);
        bends.add(new BendRow(last.caseId(), policy, 1, new BigDecimal(amount), "EUR", "GRANTED", agent, null,
                last.openedAt().plusSeconds(60)));
        return this;
    }

    DashboardFacts policy(String code, String title) {
        policies.add(new PolicyRow(code, title, "EUR", null, 0));
        return this;
    }

    void insert(Connection connection) throws SQLException {
        try (PreparedStatement caseRow = connection.prepareStatement("""
                INSERT INTO read_model.case_fact (case_id, channel, segment, severity, failure_cause, opened_at,
                    opened_by, status, first_resolved_at, first_resolved_by, outcome, last_resolved_by, resolutions,
                    reopenings, interactions, recontacts, satisfaction_score, satisfaction_credited_to,
                    satisfaction_at, surveys, bends_requested, bends_granted, bends_declined, bends_pending,
                    last_sequence, opened_week, seconds_to_resolve)
                VALUES (?, ?, ?, ?, 'PRODUCT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 10, %s)"""
                .formatted(FactTableRows.DERIVED));
             PreparedStatement actorRow = FactTableRows.actorInsert(connection);
             PreparedStatement bendRow = connection.prepareStatement("""
                INSERT INTO read_model.bend_fact (exception_id, case_id, policy_code, policy_version, deviation,
                    deviation_unit, value_amount, value_currency, within_bounds, reason_code, status, authority,
                    requested_by, requester_roles, decided_by, review_verdict, reviewed_by, requested_at,
                    requested_sequence, decided_at, reviewed_at, %s)
                SELECT ?, ?, ?, ?, 5, 'DAYS', ?, ?, true, 'GOODWILL', ?, ?, ?, 'AGENT', ?, ?, ?, ?, ?, ?, ?, %s"""
                .formatted(FactTableRows.COPIES, FactTableRows.COPIED))) {
            for (CaseRow c : cases) {
                List<BendRow> ofCase = bends.stream().filter(bend -> bend.caseId().equals(c.caseId())).toList();
                boolean resolved = c.firstResolvedAt() != null;
                caseRow.setObject(1, c.caseId());
                caseRow.setString(2, c.channel());
                caseRow.setString(3, c.segment());
                caseRow.setString(4, c.severity());
                caseRow.setTimestamp(5, Timestamp.from(c.openedAt()));
                caseRow.setString(6, actors.get(c.caseId()).keySet().iterator().next());
                caseRow.setString(7, resolved ? "RESOLVED" : "OPEN");
                caseRow.setTimestamp(8, resolved ? Timestamp.from(c.firstResolvedAt()) : null);
                caseRow.setString(9, c.firstResolvedBy());
                caseRow.setString(10, resolved ? "SOLVED" : null);
                caseRow.setString(11, c.firstResolvedBy());
                caseRow.setInt(12, resolved ? 1 + c.reopenings() : 0);
                caseRow.setInt(13, c.reopenings());
                caseRow.setInt(14, 1 + c.recontacts());
                caseRow.setInt(15, c.recontacts());
                if (c.score() == null) {
                    caseRow.setNull(16, Types.SMALLINT);
                } else {
                    caseRow.setShort(16, c.score().shortValue());
                }
                caseRow.setString(17, c.score() == null ? null : c.firstResolvedBy());
                caseRow.setTimestamp(18, c.score() == null ? null : Timestamp.from(c.firstResolvedAt().plusSeconds(600)));
                caseRow.setInt(19, c.score() == null ? 0 : 1);
                caseRow.setInt(20, ofCase.size());
                caseRow.setLong(21, ofCase.stream().filter(bend -> bend.status().equals("GRANTED")).count());
                caseRow.setLong(22, ofCase.stream().filter(bend -> bend.status().equals("DECLINED")).count());
                caseRow.setLong(23, ofCase.stream().filter(bend -> bend.status().equals("PENDING")).count());
                caseRow.setTimestamp(24, Timestamp.from(c.openedAt()));
                caseRow.setTimestamp(25, resolved ? Timestamp.from(c.firstResolvedAt()) : null);
                caseRow.setTimestamp(26, Timestamp.from(c.openedAt()));
                caseRow.addBatch();
                for (Map.Entry<String, Integer> actor : actors.get(c.caseId()).entrySet()) {
                    actorRow.setObject(1, c.caseId());
                    actorRow.setString(2, actor.getKey());
                    actorRow.setInt(3, actor.getValue());
                    actorRow.setObject(4, c.caseId());
                    actorRow.addBatch();
                }
                long sequence = 0;
                for (BendRow b : ofCase) {
                    boolean decided = !b.status().equals("PENDING");
                    bendRow.setObject(1, UUID.randomUUID());
                    bendRow.setObject(2, b.caseId());
                    bendRow.setString(3, b.policy());
                    bendRow.setInt(4, b.version());
                    bendRow.setBigDecimal(5, b.value());
                    bendRow.setString(6, b.currency());
                    bendRow.setString(7, b.status());
                    bendRow.setString(8, b.status().equals("GRANTED") ? "OWN_LIMIT" : null);
                    bendRow.setString(9, b.requestedBy());
                    bendRow.setString(10, decided ? b.requestedBy() : null);
                    bendRow.setString(11, b.verdict());
                    bendRow.setString(12, b.verdict() == null ? null : "sam");
                    bendRow.setTimestamp(13, Timestamp.from(b.requestedAt()));
                    bendRow.setLong(14, ++sequence);
                    bendRow.setTimestamp(15, decided ? Timestamp.from(b.requestedAt().plusSeconds(30)) : null);
                    bendRow.setTimestamp(16, b.verdict() == null ? null : Timestamp.from(b.requestedAt().plusSeconds(86_400)));
                    bendRow.setObject(17, b.caseId());
                    bendRow.addBatch();
                }
            }
            caseRow.executeBatch();
            actorRow.executeBatch();
            bendRow.executeBatch();
        }
        FactTableRows.policiesFromBends(connection, bends.stream().map(BendRow::caseId).toList());
        for (PolicyRow policy : policies) {
            insertPolicy(connection, policy);
        }
    }

    private static void insertPolicy(Connection connection, PolicyRow p) throws SQLException {
        Instant defined = Instant.parse("2018-01-01T00:00:00Z");
        int version = p.revisedAt() == null ? 1 : 2;
        try (PreparedStatement policy = connection.prepareStatement("""
                INSERT INTO read_model.policy (policy_code, version, title, purpose, kind, unit, currency,
                    monthly_budget, within_bounds, retired, defined_at, updated_at)
                VALUES (?, ?, ?, 'Goodwill within limits', 'BENDABLE', 'DAYS', ?, 500, true, false, ?, ?)""");
             PreparedStatement versionRow = connection.prepareStatement("""
                INSERT INTO read_model.policy_version (policy_code, version, title, purpose, kind, unit, currency,
                    own_authority_limits, monthly_budget, within_bounds, changed_terms, proposal_id,
                    motivating_exception_ids, changed_by, changed_at)
                VALUES (?, ?, ?, 'Goodwill within limits', 'BENDABLE', 'DAYS', ?, '{"AGENT": 50}', 500, true,
                    '{}', NULL, '{}', 'olivia', ?)""");
             PreparedStatement proposal = connection.prepareStatement("""
                INSERT INTO read_model.rule_change_proposal (proposal_id, policy_code, policy_version, proposal,
                    cited_exception_ids, proposed_by, proposed_at, adopted_in_version)
                VALUES (?, ?, ?, 'Raise the agents'' limit', '{}', 'amira', ?, NULL)""")) {
            Instant since = p.revisedAt() == null ? defined : p.revisedAt();
            policy.setString(1, p.code());
            policy.setInt(2, version);
            policy.setString(3, p.title());
            policy.setString(4, p.currency());
            policy.setTimestamp(5, Timestamp.from(defined));
            policy.setTimestamp(6, Timestamp.from(since));
            policy.executeUpdate();
            for (int v = 1; v <= version; v++) {
                versionRow.setString(1, p.code());
                versionRow.setInt(2, v);
                versionRow.setString(3, p.title());
                versionRow.setString(4, p.currency());
                versionRow.setTimestamp(5, Timestamp.from(v == version ? since : defined));
                versionRow.executeUpdate();
            }
            for (int n = 0; n < p.proposalsOpen(); n++) {
                proposal.setObject(1, UUID.randomUUID());
                proposal.setString(2, p.code());
                proposal.setInt(3, version);
                proposal.setTimestamp(4, Timestamp.from(since.plusSeconds(86_400L * (n + 1))));
                proposal.executeUpdate();
            }
        }
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static Terms pickTerms(Random random) {
        double p = random.nextDouble();
        return TERMS.get(p < 0.45 ? 0 : p < 0.7 ? 1 : p < 0.9 ? 2 : 3);
    }
}
