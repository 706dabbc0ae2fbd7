package dev.leeway.query.analytics.overrides;

import dev.leeway.query.analytics.AnalyticsSettings;
import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.Amounts;
import dev.leeway.query.analytics.Grouping;
import dev.leeway.query.analytics.stats.Proportion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Override (bend) rates per agent, channel, segment, policy or week. Two grouped queries, both over the cases
 * opened in the window: one counts cases per group, the other bends per group and currency; nothing is counted
 * in Java but the merge.
 */
@Service
public class OverrideAnalytics {

    private static final String CASES_OF_CASE_FACT = """
            SELECT %s AS grp, count(*) AS cases, count(*) FILTER (WHERE c.bends_requested > 0) AS bent
            FROM read_model.case_fact c WHERE true%s GROUP BY 1""";
    private static final String CASES_OF_ACTORS = """
            SELECT a.actor_id AS grp, count(*) AS cases, count(*) FILTER (WHERE a.bends_requested > 0) AS bent
            FROM read_model.case_actor_fact a JOIN read_model.case_fact c ON c.case_id = a.case_id
            WHERE true%s GROUP BY 1""";
    private static final String CASES_BENT_PER_POLICY = """
            SELECT b.policy_code AS grp, count(DISTINCT b.case_id) AS bent
            FROM read_model.bend_fact b JOIN read_model.case_fact c ON c.case_id = b.case_id
            WHERE true%s GROUP BY 1""";
    private static final String ALL_CASES = "SELECT count(*) FROM read_model.case_fact c WHERE true%s";
    private static final String BENDS = """
            SELECT %s AS grp, b.value_currency AS currency, count(*) AS requested,
                   count(*) FILTER (WHERE b.status = 'GRANTED') AS granted,
                   count(*) FILTER (WHERE b.status = 'DECLINED') AS declined,
                   count(*) FILTER (WHERE b.status = 'PENDING') AS pending,
                   sum(b.value_amount) FILTER (WHERE b.status = 'GRANTED') AS value_given
            FROM read_model.bend_fact b JOIN read_model.case_fact c ON c.case_id = b.case_id
            WHERE true%s GROUP BY 1, 2""";

    private final JdbcTemplate jdbc;
    private final AnalyticsSettings settings;

    public OverrideAnalytics(JdbcTemplate jdbc, AnalyticsSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public OverridesView overrides(OverrideGrouping by, AnalyticsWindow window) {
        Map<String, Tally> tallies = new TreeMap<>();
        Object[] arguments = window.arguments().toArray();
        String where = window.and("c.opened_at");
        if (by == OverrideGrouping.POLICY) {
            long all = jdbc.queryForObject(ALL_CASES.formatted(where), Long.class, arguments);
            jdbc.query(CASES_BENT_PER_POLICY.formatted(where), row -> {
                Tally tally = tallies.computeIfAbsent(row.getString("grp"), g -> new Tally());
                tally.cases = all;
                tally.bent = row.getLong("bent");
            }, arguments);
        } else {
            String sql = by == OverrideGrouping.AGENT ? CASES_OF_ACTORS.formatted(where)
                    : CASES_OF_CASE_FACT.formatted(by.caseKey(), where);
            jdbc.query(sql, row -> {
                Tally tally = tallies.computeIfAbsent(row.getString("grp"), g -> new Tally());
                tally.cases = row.getLong("cases");
                tally.bent = row.getLong("bent");
            }, arguments);
        }
        jdbc.query(BENDS.formatted(by.bendKey(), where), row -> {
            Tally tally = tallies.computeIfAbsent(row.getString("grp"), g -> new Tally());
            tally.requested += row.getLong("requested");
            tally.granted += row.getLong("granted");
            tally.declined += row.getLong("declined");
            tally.pending += row.getLong("pending");
            Amounts.add(tally.valueGiven, row.getString("currency"), row.getBigDecimal("value_given"));
        }, arguments);
        List<OverrideGroupView> groups = new ArrayList<>(tallies.size());
        tallies.forEach((group, tally) -> groups.add(tally.view(group, settings.overrideFlagRate())));
        return new OverridesView(Grouping.wire(by), window.from(), window.to(), settings.overrideFlagRate(), groups);
    }

    /** One group's counts while the two queries' rows are merged. */
    private static final class Tally {
        long cases;
        long bent;
        long requested;
        long granted;
        long declined;
        long pending;
        final Map<String, BigDecimal> valueGiven = Amounts.perCurrency();

        OverrideGroupView view(String group, double flagAbove) {
            Proportion rate = Proportion.of(bent, cases);
            return new OverrideGroupView(group, cases, bent, rate, requested, granted, declined, pending, valueGiven,
                    rate.rate() != null && rate.rate() > flagAbove);
        }
    }
}
