package dev.leeway.query.support;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rows of the analysts' fact tables (projection-service's V9 and V10) and of the rulebook (V6), inserted as the
 * projections would leave them, for query-service's analytics tests.
 */
public final class FactTableRows {

    private FactTableRows() {
    }

    /** A case_fact row; the columns analytics reads, the rest at their defaults. */
    public record CaseRow(UUID caseId, String channel, String segment, String severity, Instant openedAt,
                          String openedBy, String status, Instant firstResolvedAt, Integer satisfactionScore,
                          int interactions, long lastSequence) {

        public static CaseRow openedAt(Instant openedAt) {
            return new CaseRow(UUID.randomUUID(), "PHONE", "REGULAR", "MINOR", openedAt, "agent-1", "OPEN", null, null,
                    1, 1);
        }

        public CaseRow resolved(Instant at, Integer score) {
            return new CaseRow(caseId, channel, segment, severity, openedAt, openedBy, "RESOLVED", at, score,
                    interactions, lastSequence + 2);
        }

        public CaseRow via(String channel, String segment) {
            return new CaseRow(caseId, channel, segment, severity, openedAt, openedBy, status, firstResolvedAt,
                    satisfactionScore, interactions, lastSequence);
        }
    }

    /** A bend_fact row. */
    public record BendRow(UUID exceptionId, UUID caseId, String policyCode, int policyVersion, BigDecimal deviation,
                          BigDecimal valueAmount, String valueCurrency, boolean withinBounds, String status,
                          String authority, String approverRole, String requestedBy, String requesterRoles,
                          Instant requestedAt, long requestedSequence) {

        /** Granted on the requester's own limit. */
        public static BendRow ownLimit(CaseRow onCase, String policyCode, String value, String requestedBy,
                                       String roles, Instant at, long sequence) {
            return new BendRow(UUID.randomUUID(), onCase.caseId(), policyCode, 1, BigDecimal.ONE, new BigDecimal(value),
                    "EUR", true, "GRANTED", "OWN_LIMIT", null, requestedBy, roles, at, sequence);
        }

        /** Sent to a second person: {@code status} PENDING, DECLINED or GRANTED (then APPROVED). */
        public static BendRow secondPerson(CaseRow onCase, String policyCode, String value, String requestedBy,
                                           String roles, Instant at, long sequence, String status,
                                           String approverRole) {
            return new BendRow(UUID.randomUUID(), onCase.caseId(), policyCode, 1, BigDecimal.ONE, new BigDecimal(value),
                    "EUR", true, status, "GRANTED".equals(status) ? "APPROVED" : null, approverRole, requestedBy,
                    roles, at, sequence);
        }

        public BendRow valued(BigDecimal amount, String currency, boolean inBounds) {
            return new BendRow(exceptionId, caseId, policyCode, policyVersion, deviation, amount, currency, inBounds,
                    status, authority, approverRole, requestedBy, requesterRoles, requestedAt, requestedSequence);
        }

        public BendRow underVersion(int version) {
            return new BendRow(exceptionId, caseId, policyCode, version, deviation, valueAmount, valueCurrency,
                    withinBounds, status, authority, approverRole, requestedBy, requesterRoles, requestedAt,
                    requestedSequence);
        }
    }

    public static void insertCases(Connection connection, List<CaseRow> cases) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_model.case_fact (case_id, channel, segment, severity, failure_cause, opened_at,
                    opened_by, status, first_resolved_at, first_resolved_by, resolutions, interactions,
                    satisfaction_score, satisfaction_credited_to, satisfaction_at, surveys, last_sequence,
                    opened_week, seconds_to_resolve)
                VALUES (?, ?, ?, ?, 'PRODUCT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s)""".formatted(DERIVED))) {
            for (CaseRow row : cases) {
                boolean resolved = row.firstResolvedAt() != null;
                insert.setObject(1, row.caseId());
                insert.setString(2, row.channel());
                insert.setString(3, row.segment());
                insert.setString(4, row.severity());
                insert.setObject(5, utc(row.openedAt()));
                insert.setString(6, row.openedBy());
                insert.setString(7, row.status());
                insert.setObject(8, resolved ? utc(row.firstResolvedAt()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setString(9, resolved ? row.openedBy() : null);
                insert.setInt(10, resolved ? 1 : 0);
                insert.setInt(11, row.interactions());
                insert.setObject(12, row.satisfactionScore(), Types.SMALLINT);
                insert.setString(13, row.satisfactionScore() == null ? null : row.openedBy());
                insert.setObject(14, row.satisfactionScore() == null ? null : utc(row.firstResolvedAt()),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setInt(15, row.satisfactionScore() == null ? 0 : 1);
                insert.setLong(16, row.lastSequence());
                insert.setObject(17, utc(row.openedAt()));
                insert.setObject(18, resolved ? utc(row.firstResolvedAt()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setObject(19, utc(row.openedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public static void insertBends(Connection connection, List<BendRow> bends) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_model.bend_fact (exception_id, case_id, policy_code, policy_version, deviation,
                    deviation_unit, value_amount, value_currency, within_bounds, reason_code, status, authority,
                    approver_role, requested_by, requester_roles, decided_by, requested_at, requested_sequence,
                    decided_at, %s)
                SELECT ?, ?, ?, ?, ?, 'DAYS', ?, ?, ?, 'GOODWILL', ?, ?, ?, ?, ?, ?, ?, ?, ?, %s""".formatted(
                COPIES, COPIED))) {
            for (BendRow row : bends) {
                boolean decided = !"PENDING".equals(row.status());
                insert.setObject(1, row.exceptionId());
                insert.setObject(2, row.caseId());
                insert.setString(3, row.policyCode());
                insert.setInt(4, row.policyVersion());
                insert.setBigDecimal(5, row.deviation());
                insert.setBigDecimal(6, row.valueAmount());
                insert.setString(7, row.valueCurrency());
                insert.setBoolean(8, row.withinBounds());
                insert.setString(9, row.status());
                insert.setString(10, row.authority());
                insert.setString(11, row.approverRole());
                insert.setString(12, row.requestedBy());
                insert.setString(13, row.requesterRoles());
                insert.setString(14, decided ? "decider" : null);
                insert.setObject(15, utc(row.requestedAt()));
                insert.setLong(16, row.requestedSequence());
                insert.setObject(17, decided ? utc(row.requestedAt().plusSeconds(60)) : null,
                        Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setObject(18, row.caseId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        policiesFromBends(connection, bends.stream().map(BendRow::caseId).toList());
    }

    /**
     * The case columns projection-service's fold derives, from three parameters: opened_at, first_resolved_at
     * (or null), opened_at again. The same definitions as V10's back-fill.
     */
    public static final String DERIVED = "date_trunc('week', CAST(? AS timestamptz) AT TIME ZONE 'UTC')::date, "
            + "extract(epoch FROM CAST(? AS timestamptz) - CAST(? AS timestamptz))::double precision";

    /** The columns an actor or bend row copies from its case. */
    public static final String COPIES = "case_opened_at, case_opened_week, case_channel, case_segment";

    /**
     * The end of an {@code INSERT ... SELECT} that copies them from the case row; its one parameter, the last, is
     * the case's id (the case must be inserted first).
     */
    public static final String COPIED = "c.opened_at, c.opened_week, c.channel, c.segment "
            + "FROM read_model.case_fact c WHERE c.case_id = ?";

    /**
     * The bent and granted policies of {@code cases}, and which bend of each is its first under its policy, from
     * their bend rows, as the fold keeps them (the same definitions as V10's back-fill). Only those cases: the
     * tests share one database, and rewriting every earlier test's rows each time made the suite crawl.
     */
    public static void policiesFromBends(Connection connection, Collection<UUID> cases) throws SQLException {
        Array ids = connection.createArrayOf("uuid", cases.toArray());
        derive(connection, "= ANY (?)", ids);
    }

    /** As {@link #policiesFromBends(Connection, Collection)}, for the cases with a bend under {@code policyCode}. */
    public static void policiesFromBendsUnder(Connection connection, String policyCode) throws SQLException {
        derive(connection, "IN (SELECT case_id FROM read_model.bend_fact WHERE policy_code = ?)", policyCode);
    }

    private static void derive(Connection connection, String whichCases, Object parameter) throws SQLException {
        try (PreparedStatement analyze = connection.prepareStatement("ANALYZE read_model.bend_fact")) {
            analyze.execute(); // planned blind after a large insert, the NOT EXISTS below scans every bend per bend
        }
        try (PreparedStatement bends = connection.prepareStatement("""
                UPDATE read_model.bend_fact b SET first_under_policy = NOT EXISTS (
                    SELECT 1 FROM read_model.bend_fact e WHERE e.case_id = b.case_id
                        AND e.policy_code = b.policy_code
                        AND (e.requested_sequence, e.exception_id) < (b.requested_sequence, b.exception_id))
                WHERE b.case_id %s""".formatted(whichCases));
             PreparedStatement facts = connection.prepareStatement("""
                UPDATE read_model.case_fact c SET
                    bent_policies = ARRAY(SELECT DISTINCT b.policy_code FROM read_model.bend_fact b
                                          WHERE b.case_id = c.case_id ORDER BY 1),
                    granted_policies = ARRAY(SELECT DISTINCT b.policy_code FROM read_model.bend_fact b
                                             WHERE b.case_id = c.case_id AND b.status = 'GRANTED' ORDER BY 1)
                WHERE c.case_id %s""".formatted(whichCases))) {
            bends.setObject(1, parameter);
            bends.executeUpdate();
            facts.setObject(1, parameter);
            facts.executeUpdate();
        }
    }

    /** A case_actor_fact row with its case's copies (the case must be inserted first). */
    public static PreparedStatement actorInsert(Connection connection) throws SQLException {
        return connection.prepareStatement("INSERT INTO read_model.case_actor_fact (case_id, actor_id, "
                + "bends_requested, " + COPIES + ") SELECT ?, ?, ?, " + COPIED);
    }

    /** The policy in force with its limits ({@code role -> amount}), as the policies projection writes it. */
    public static void policy(Connection connection, String code, String kind, String currency,
                              Map<String, String> limits, String budget) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_model.policy (policy_code, version, title, purpose, kind, unit, currency,
                    monthly_budget, within_bounds, defined_at, updated_at)
                VALUES (?, 1, 'Title', 'Why', ?, 'DAYS', ?, ?, true, now(), now())""")) {
            insert.setString(1, code);
            insert.setString(2, kind);
            insert.setString(3, currency);
            insert.setBigDecimal(4, new BigDecimal(budget));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO read_model.policy_limit (policy_code, role, amount) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> limit : limits.entrySet()) {
                insert.setString(1, code);
                insert.setString(2, limit.getKey());
                insert.setBigDecimal(3, new BigDecimal(limit.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
