package dev.leeway.query.analytics.ruledebt;

import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.Amounts;
import dev.leeway.query.analytics.stats.Proportion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule debt per policy: bends under the current version (from the bends of cases opened in the window), and the
 * policy's proposals (of any time: a proposal belongs to no case). Two grouped queries.
 */
@Service
public class RuleDebtAnalytics {

    private static final String POLICIES = """
            SELECT p.policy_code, p.title, p.retired, p.version, v.changed_at,
                   count(r.proposal_id) FILTER (WHERE r.adopted_in_version IS NULL) AS proposals_open,
                   count(r.proposal_id) FILTER (WHERE r.adopted_in_version IS NOT NULL) AS proposals_accepted
            FROM read_model.policy p
            LEFT JOIN read_model.policy_version v ON v.policy_code = p.policy_code AND v.version = p.version
            LEFT JOIN read_model.rule_change_proposal r ON r.policy_code = p.policy_code
            GROUP BY p.policy_code, p.title, p.retired, p.version, v.changed_at""";
    private static final String BENDS_UNDER_CURRENT_VERSION = """
            SELECT b.policy_code, b.value_currency AS currency, count(*) AS bends,
                   sum(b.value_amount) FILTER (WHERE b.status = 'GRANTED') AS value_given,
                   count(*) FILTER (WHERE b.review_verdict IS NOT NULL) AS reviewed,
                   count(*) FILTER (WHERE b.review_verdict = 'UPHELD') AS upheld,
                   min(b.requested_at) AS oldest
            FROM read_model.bend_fact b
            JOIN read_model.policy p ON p.policy_code = b.policy_code AND b.policy_version = p.version
            %s
            GROUP BY 1, 2""";
    private static final String CASES_IN_WINDOW = "JOIN read_model.case_fact c ON c.case_id = b.case_id WHERE true";

    private static final Comparator<PolicyDebtView> WORST_FIRST =
            Comparator.comparingLong(PolicyDebtView::bendsSinceCurrentVersion).reversed()
                    .thenComparing(PolicyDebtView::oldestUnansweredBendAt,
                            Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(PolicyDebtView::policyCode);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RuleDebtAnalytics(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public RuleDebtView ruleDebt(AnalyticsWindow window) {
        Instant asOf = clock.instant();
        Map<String, Bends> bends = new HashMap<>();
        String join = window.unbounded() ? "" : CASES_IN_WINDOW + window.and("c.opened_at");
        jdbc.query(BENDS_UNDER_CURRENT_VERSION.formatted(join), row -> {
            Bends policy = bends.computeIfAbsent(row.getString("policy_code"), code -> new Bends());
            policy.count += row.getLong("bends");
            policy.reviewed += row.getLong("reviewed");
            policy.upheld += row.getLong("upheld");
            Amounts.add(policy.valueGiven, row.getString("currency"), row.getBigDecimal("value_given"));
            Instant oldest = row.getTimestamp("oldest").toInstant();
            policy.oldest = policy.oldest == null || oldest.isBefore(policy.oldest) ? oldest : policy.oldest;
        }, window.arguments().toArray());
        List<PolicyDebtView> policies = new ArrayList<>();
        jdbc.query(POLICIES, row -> {
            String code = row.getString("policy_code");
            Bends policy = bends.getOrDefault(code, new Bends());
            Duration age = policy.oldest == null ? null
                    : Duration.ofSeconds(Duration.between(policy.oldest, asOf).getSeconds());
            Timestamp since = row.getTimestamp("changed_at");
            policies.add(new PolicyDebtView(code, row.getString("title"), row.getBoolean("retired"),
                    row.getInt("version"), since == null ? null : since.toInstant(), policy.count,
                    policy.valueGiven, Proportion.of(policy.upheld, policy.reviewed), row.getLong("proposals_open"),
                    row.getLong("proposals_accepted"), policy.oldest, age == null ? null : age.toSeconds(),
                    age == null ? null : age.toString()));
        });
        policies.sort(WORST_FIRST);
        return new RuleDebtView(window.from(), window.to(), asOf, policies);
    }

    /** One policy's bends under its current version, added up over currencies. */
    private static final class Bends {
        long count;
        long reviewed;
        long upheld;
        Instant oldest;
        final Map<String, BigDecimal> valueGiven = Amounts.perCurrency();
    }
}
