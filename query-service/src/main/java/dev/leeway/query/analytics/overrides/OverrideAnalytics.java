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
 * opened in the window and each over one table: one counts cases per group, the other bends per group and
 * currency; nothing is counted in Java but the merge.
 */
@Service
public class OverrideAnalytics {

    private static final String CASES_OF_CASE_FACT = """
            SELECT %s AS grp, count(*) AS cases, count(*) FILTER (WHERE c.bends_requested > 0) AS bent
            FROM read_model.case_fact c WHERE true%s GROUP BY 1""";
    private static final String CASES_OF_ACTORS = """
            SELECT a.actor_id AS grp, count(*) AS cases, count(*) FILTER (WHERE a.bends_requested > 0) AS bent
            FROM read_model.case_actor_fact a WHERE true%s GROUP BY 1""";
    private static final String ALL_CASES = "SELECT count(*) FROM read_model.case_fact c WHERE true%s";
    private static final String BENDS = """
            SELECT %s AS grp, b.value_currency AS currency, count(*) AS requested,
                   count(*) FILTER (WHERE b.status = 'GRANTED') AS granted,
                   count(*) FILTER (WHERE b.status = 'DECLINED') AS declined,
                   count(*) FILTER (WHERE b.status = 'PENDING') AS pending,
                   sum(b.value_amount) FILTER (WHERE b.status = 'GRANTED') AS value_given,
                   count(*) FILTER (WHERE b.first_under_policy) AS cases_first_bent
            FROM read_model.bend_fact b WHERE true%s GROUP BY 1, 2""";

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
        long all = by == OverrideGrouping.POLICY
                ? jdbc.queryForObject(ALL_CASES.formatted(where), Long.class, arguments) : 0;
        if (by != OverrideGrouping.POLICY) {
            String sql = by == OverrideGrouping.AGENT ? CASES_OF_ACTORS.formatted(window.and("a.case_opened_at"))
                    : CASES_OF_CASE_FACT.formatted(by.caseKey(), where);
            jdbc.query(sql, row -> {
                Tally tally = tallies.computeIfAbsent(row.getString("grp"), g -> new Tally());
                tally.cases = row.getLong("cases");
                tally.bent = row.getLong("bent");
            }, arguments);
        }
        jdbc.query(BENDS.formatted(by.bendKey(), window.and("b.case_opened_at")), row -> {
            Tally tally = tallies.computeIfAbsent(row.getString("grp"), g -> new Tally());
            tally.requested += row.getLong("requested");
            tally.granted += row.getLong("granted");
            tally.declined += row.getLong("declined");
            tally.pending += row.getLong("pending");
            if (by == OverrideGrouping.POLICY) {
                tally.cases = all;
                tally.bent += row.getLong("cases_first_bent"); // each case's first bend under the policy
            }
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
