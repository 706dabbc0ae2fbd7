package dev.leeway.query.analytics;

import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.query.support.EventStoreFixture;
import dev.leeway.query.support.FactTableRows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Case facts as projection-service's case_facts projection writes them, generated from a seeded Random with
 * effects planted on purpose, and inserted once per test JVM. Tests recount every figure from these rows.
 *
 * <p>Planted: severe cases get more bends, take longer, are reopened more and score lower (so the naive CSAT
 * difference of bent cases is biased downwards, the adjusted one is not); a granted bend adds to the score; agent
 * {@code zed} almost never bends for NEW customers (the fairness flag); one segment's code holds a comma and
 * quotes (CSV quoting). A few cases lie just outside the window and must never be counted.
 */
public final class PlantedFacts {

    public static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    public static final Instant FROM = Instant.parse("2025-03-03T00:00:00Z");
    public static final Instant TO = Instant.parse("2025-05-26T00:00:00Z");
    /** When {@link #CURRENT} was revised to version 2: bends asked from then on are under version 2. */
    public static final Instant REVISED = Instant.parse("2025-04-07T00:00:00Z");
    public static final String CURRENT = "RETURNS-" + SUFFIX;
    public static final String SHIPPING = "SHIPPING-" + SUFFIX;
    public static final String UNBENT = "UNBENT-" + SUFFIX;
    public static final String ODD_SEGMENT = "VIP, \"gold\" " + SUFFIX;
    public static final String ZED = "zed-" + SUFFIX;

    private static final List<String> CHANNELS = List.of("PHONE", "EMAIL", "CHAT");
    private static final List<String> AGENTS = List.of("ann-" + SUFFIX, "bob-" + SUFFIX, "cai-" + SUFFIX,
            "dee-" + SUFFIX, "eli-" + SUFFIX, ZED);

    public record CaseRow(UUID caseId, String channel, String segment, String severity, Instant openedAt,
                          Instant firstResolvedAt, String firstResolvedBy, int reopenings, int recontacts,
                          Integer score, String creditedTo, int bendsRequested, int bendsGranted, int bendsDeclined,
                          int bendsPending) {

        public boolean inWindow() {
            return !openedAt.isBefore(FROM) && openedAt.isBefore(TO);
        }

        public boolean resolved() {
            return firstResolvedAt != null;
        }
    }

    public record ActorRow(UUID caseId, String actor, int bendsRequested) {
    }

    public record BendRow(UUID exceptionId, UUID caseId, String policy, int version, BigDecimal value,
                          String currency, String status, String requestedBy, String verdict, Instant requestedAt) {
    }

    public record PolicyRow(String code, int version, Instant versionSince, int proposalsOpen,
                            int proposalsAccepted) {
    }

    public final List<CaseRow> cases = new ArrayList<>();
    public final List<ActorRow> actors = new ArrayList<>();
    public final List<BendRow> bends = new ArrayList<>();
    public final List<PolicyRow> policies = List.of(
            new PolicyRow(CURRENT, 2, REVISED, 1, 1),
            new PolicyRow(SHIPPING, 1, Instant.parse("2025-01-01T00:00:00Z"), 1, 0),
            new PolicyRow(UNBENT, 1, Instant.parse("2025-01-01T00:00:00Z"), 0, 0));

    private static PlantedFacts planted;

    /** The facts, inserted into the shared test database on first use. */
    public static synchronized PlantedFacts planted() throws SQLException {
        if (planted == null) {
            EventStoreFixture.migrate();
            PlantedFacts facts = generate(20310303L, 720);
            try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
                facts.insert(connection);
            }
            planted = facts;
        }
        return planted;
    }

    static PlantedFacts generate(long seed, int count) {
        Random random = new Random(seed);
        PlantedFacts facts = new PlantedFacts();
        for (int i = 0; i < count; i++) {
            Instant openedAt = i < 6 ? (i % 2 == 0 ? FROM.minusSeconds(60 + i) : TO.plusSeconds(i - 1))
                    : FROM.plusSeconds(random.nextInt((int) Duration.between(FROM, TO).toSeconds()));
            facts.generateCase(random, i == 6 ? FROM : openedAt);
        }
        return facts;
    }

    private void generateCase(Random random, Instant openedAt) {
        UUID caseId = new UUID(random.nextLong(), random.nextLong());
        String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        double s = random.nextDouble();
        String segment = s < 0.3 ? "NEW" : s < 0.65 ? "REGULAR" : s < 0.9 ? "LOYAL" : ODD_SEGMENT;
        boolean severe = random.nextDouble() < 0.4;
        String severity = severe ? "HIGH" : "LOW";
        Set<String> caseActors = new LinkedHashSet<>();
        String opener = AGENTS.get(random.nextInt(AGENTS.size()));
        caseActors.add(opener);
        if (random.nextDouble() < 0.5) {
            caseActors.add(AGENTS.get(random.nextInt(AGENTS.size())));
        }
        Map<String, Integer> bendsBy = new LinkedHashMap<>();
        caseActors.forEach(actor -> bendsBy.put(actor, 0));
        int granted = 0;
        int declined = 0;
        int pending = 0;
        for (String actor : caseActors) {
            double chance = (severe ? 0.45 : 0.12) * (actor.equals(ZED) && segment.equals("NEW") ? 0.05 : 1.0);
            while (random.nextDouble() < chance && bendsBy.get(actor) < 3) {
                bendsBy.merge(actor, 1, Integer::sum);
                double st = random.nextDouble();
                String status = st < 0.7 ? "GRANTED" : st < 0.88 ? "DECLINED" : "PENDING";
                granted += status.equals("GRANTED") ? 1 : 0;
                declined += status.equals("DECLINED") ? 1 : 0;
                pending += status.equals("PENDING") ? 1 : 0;
                boolean returns = random.nextDouble() < 0.65;
                Instant requestedAt = openedAt.plusSeconds(60 + random.nextInt(3_600));
                String verdict = !status.equals("GRANTED") || random.nextBoolean() ? null
                        : List.of("UPHELD", "UPHELD", "COACHED", "RULE_CHANGE_PROPOSED").get(random.nextInt(4));
                bends.add(new BendRow(new UUID(random.nextLong(), random.nextLong()), caseId,
                        returns ? CURRENT : SHIPPING, returns && !requestedAt.isBefore(REVISED) ? 2 : 1,
                        BigDecimal.valueOf(100 + random.nextInt(20_000), 2), random.nextDouble() < 0.8 ? "EUR" : "USD",
                        status, actor, verdict, requestedAt));
                chance /= 2;
            }
        }
        boolean bentGranted = granted > 0;
        Instant firstResolvedAt = null;
        String resolver = null;
        int reopenings = 0;
        int recontacts = 0;
        Integer score = null;
        if (random.nextDouble() < 0.85) {
            firstResolvedAt = openedAt.plusSeconds(600 + random.nextInt(severe ? 400_000 : 90_000));
            resolver = List.copyOf(caseActors).get(random.nextInt(caseActors.size()));
            reopenings = random.nextDouble() < (severe ? 0.3 : 0.1) ? 1 + random.nextInt(2) : 0;
            recontacts = random.nextDouble() < (severe ? 0.35 : 0.15) ? 1 + random.nextInt(3) : 0;
            if (random.nextDouble() < 0.8) {
                double mean = (severe ? 2.6 : 3.9) + (bentGranted ? 0.5 : 0);
                score = (int) Math.max(1, Math.min(5, Math.round(mean + random.nextGaussian())));
            }
        }
        int requested = granted + declined + pending;
        cases.add(new CaseRow(caseId, channel, segment, severity, openedAt, firstResolvedAt, resolver, reopenings,
                recontacts, score, score == null ? null : resolver, requested, granted, declined, pending));
        bendsBy.forEach((actor, n) -> actors.add(new ActorRow(caseId, actor, n)));
    }

    void insert(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_model.case_fact (case_id, channel, segment, severity, failure_cause, opened_at,
                    opened_by, status, first_resolved_at, first_resolved_by, outcome, last_resolved_by, resolutions,
                    reopenings, interactions, recontacts, satisfaction_score, satisfaction_credited_to,
                    satisfaction_at, surveys, bends_requested, bends_granted, bends_declined, bends_pending,
                    last_sequence, opened_week, seconds_to_resolve)
                VALUES (?, ?, ?, ?, 'UNKNOWN', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 10, %s)"""
                .formatted(FactTableRows.DERIVED))) {
            for (CaseRow c : cases) {
                insert.setObject(1, c.caseId());
                insert.setString(2, c.channel());
                insert.setString(3, c.segment());
                insert.setString(4, c.severity());
                insert.setTimestamp(5, Timestamp.from(c.openedAt()));
                insert.setString(6, c.resolved() ? "RESOLVED" : "OPEN");
                insert.setTimestamp(7, c.resolved() ? Timestamp.from(c.firstResolvedAt()) : null);
                insert.setString(8, c.firstResolvedBy());
                insert.setString(9, c.resolved() ? "SOLVED" : null);
                insert.setString(10, c.firstResolvedBy());
                insert.setInt(11, c.resolved() ? 1 + c.reopenings() / 2 : 0);
                insert.setInt(12, c.reopenings());
                insert.setInt(13, 1 + c.recontacts());
                insert.setInt(14, c.recontacts());
                if (c.score() == null) {
                    insert.setNull(15, Types.SMALLINT);
                } else {
                    insert.setShort(15, c.score().shortValue());
                }
                insert.setString(16, c.creditedTo());
                insert.setTimestamp(17, c.score() == null ? null : Timestamp.from(c.firstResolvedAt().plusSeconds(60)));
                insert.setInt(18, c.score() == null ? 0 : 1);
                insert.setInt(19, c.bendsRequested());
                insert.setInt(20, c.bendsGranted());
                insert.setInt(21, c.bendsDeclined());
                insert.setInt(22, c.bendsPending());
                insert.setTimestamp(23, Timestamp.from(c.openedAt()));
                insert.setTimestamp(24, c.resolved() ? Timestamp.from(c.firstResolvedAt()) : null);
                insert.setTimestamp(25, Timestamp.from(c.openedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = FactTableRows.actorInsert(connection)) {
            for (ActorRow a : actors) {
                insert.setObject(1, a.caseId());
                insert.setString(2, a.actor());
                insert.setInt(3, a.bendsRequested());
                insert.setObject(4, a.caseId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_model.bend_fact (exception_id, case_id, policy_code, policy_version, deviation,
                    deviation_unit, value_amount, value_currency, within_bounds, reason_code, status, authority,
                    requested_by, requester_roles, decided_by, review_verdict, reviewed_by, requested_at,
                    requested_sequence, decided_at, reviewed_at, %s)
                SELECT ?, ?, ?, ?, 3, 'DAYS', ?, ?, true, 'GOODWILL', ?, ?, ?, 'AGENT', ?, ?, ?, ?, 1, ?, ?, %s"""
                .formatted(FactTableRows.COPIES, FactTableRows.COPIED))) {
            for (BendRow b : bends) {
                boolean decided = !b.status().equals("PENDING");
                insert.setObject(1, b.exceptionId());
                insert.setObject(2, b.caseId());
                insert.setString(3, b.policy());
                insert.setInt(4, b.version());
                insert.setBigDecimal(5, b.value());
                insert.setString(6, b.currency());
                insert.setString(7, b.status());
                insert.setString(8, b.status().equals("GRANTED") ? "OWN_LIMIT" : null);
                insert.setString(9, b.requestedBy());
                insert.setString(10, decided ? "sue-" + SUFFIX : null);
                insert.setString(11, b.verdict());
                insert.setString(12, b.verdict() == null ? null : "sue-" + SUFFIX);
                insert.setTimestamp(13, Timestamp.from(b.requestedAt()));
                insert.setTimestamp(14, decided ? Timestamp.from(b.requestedAt().plusSeconds(30)) : null);
                insert.setTimestamp(15, b.verdict() == null ? null : Timestamp.from(b.requestedAt().plusSeconds(90)));
                insert.setObject(16, b.caseId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        FactTableRows.policiesFromBends(connection, bends.stream().map(BendRow::caseId).toList());
        for (PolicyRow p : policies) {
            insertPolicy(connection, p);
        }
        connection.commit();
    }

    private static void insertPolicy(Connection connection, PolicyRow p) throws SQLException {
        try (PreparedStatement policy = connection.prepareStatement("""
                INSERT INTO read_model.policy (policy_code, version, title, purpose, kind, unit, currency,
                    monthly_budget, within_bounds, retired, defined_at, updated_at)
                VALUES (?, ?, ?, 'Why', 'BENDABLE', 'DAYS', 'EUR', 250, true, false, ?, ?)""");
             PreparedStatement version = connection.prepareStatement("""
                INSERT INTO read_model.policy_version (policy_code, version, title, purpose, kind, unit, currency,
                    own_authority_limits, monthly_budget, within_bounds, changed_terms, proposal_id,
                    motivating_exception_ids, changed_by, changed_at)
                VALUES (?, ?, ?, 'Why', 'BENDABLE', 'DAYS', 'EUR', '{"AGENT": 50}', 250, true, '{}', NULL, '{}',
                    'olivia', ?)""");
             PreparedStatement proposal = connection.prepareStatement("""
                INSERT INTO read_model.rule_change_proposal (proposal_id, policy_code, policy_version, proposal,
                    cited_exception_ids, proposed_by, proposed_at, adopted_in_version)
                VALUES (?, ?, 1, 'Change it', '{}', 'alice', ?, ?)""")) {
            Timestamp since = Timestamp.from(p.versionSince());
            policy.setString(1, p.code());
            policy.setInt(2, p.version());
            policy.setString(3, "Title of " + p.code());
            policy.setTimestamp(4, Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")));
            policy.setTimestamp(5, since);
            policy.executeUpdate();
            for (int v = 1; v <= p.version(); v++) {
                version.setString(1, p.code());
                version.setInt(2, v);
                version.setString(3, "Title of " + p.code());
                version.setTimestamp(4, v == p.version() ? since : Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")));
                version.executeUpdate();
            }
            for (int n = 0; n < p.proposalsOpen() + p.proposalsAccepted(); n++) {
                proposal.setObject(1, UUID.randomUUID());
                proposal.setString(2, p.code());
                proposal.setTimestamp(3, since);
                if (n < p.proposalsAccepted()) {
                    proposal.setInt(4, 2);
                } else {
                    proposal.setNull(4, Types.INTEGER);
                }
                proposal.executeUpdate();
            }
        }
    }
}
