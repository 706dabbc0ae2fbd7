package dev.leeway.query.analytics.whatif;

import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.query.analytics.AnalyticsWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A policy's past bends from {@code bend_fact}, in the order they were asked for, each with its case's
 * satisfaction score (one join, no query per bend), streamed through a cursor; and the policy's currency from the
 * rulebook's read model.
 */
@Repository
class BendHistory {

    /** Rows per round trip: the cursor holds no more than this many bends in memory. */
    private static final int FETCH_SIZE = 5_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    BendHistory(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** What a replay needs of the policy in force, if the rulebook has it. */
    record PolicyInForce(String currency, String unit) {
    }

    Optional<PolicyInForce> policy(PolicyCode code) {
        return jdbc.query("SELECT currency, unit FROM read_model.policy WHERE policy_code = ?",
                (row, n) -> new PolicyInForce(row.getString("currency").trim(), row.getString("unit")),
                code.value()).stream().findFirst();
    }

    /**
     * Every bend of the policy on a case opened in {@code window}, in the order asked: requested_at, then case and
     * the case's own sequence (the order {@code bend_fact_by_policy} keeps, so PostgreSQL reads it without sorting).
     * One read-only transaction: the replay sees one snapshot and the driver honours the fetch size.
     */
    void inOrderAsked(PolicyCode code, AnalyticsWindow window, Consumer<PastBend> replay) {
        String sql = """
                SELECT b.case_id, b.value_amount, b.value_currency, b.within_bounds, b.status, b.authority,
                       b.approver_role, b.requested_by, b.requester_roles, b.requested_at, c.satisfaction_score
                FROM read_model.bend_fact b JOIN read_model.case_fact c ON c.case_id = b.case_id
                WHERE b.policy_code = ?%s
                ORDER BY b.policy_code, b.requested_at, b.case_id, b.requested_sequence""".formatted(window.and("c.opened_at"));
        List<Object> arguments = new ArrayList<>();
        arguments.add(code.value());
        arguments.addAll(window.arguments());
        Object[] parameters = arguments.toArray();
        readOnly.executeWithoutResult(status -> jdbc.query(sql, row -> {
            int score = row.getInt(11);
            Integer satisfaction = row.wasNull() ? null : score;
            Timestamp requestedAt = row.getTimestamp(10);
            replay.accept(new PastBend(row.getObject(1, UUID.class), row.getBigDecimal(2), row.getString(3),
                    row.getBoolean(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                    row.getString(9), requestedAt.toInstant(), satisfaction));
        }, parameters));
    }
}
