package dev.leeway.query.analytics.resolution;

import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.Grouping;
import dev.leeway.query.analytics.stats.Proportion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * First-contact resolution, time to resolve, reopen and re-contact rates and CSAT per group, in one grouped query
 * (two for by=agent: resolutions and surveys are credited to different people). Percentiles are PostgreSQL's
 * percentile_cont over the seconds to resolve the projection stored (set exactly when the case is resolved), both
 * from one sort, so no row leaves the database. By agent, the resolution figures read only columns of the index
 * {@code case_fact_resolution_by_agent}, which hands them over already sorted.
 */
@Service
public class ResolutionAnalytics {

    private static final String FIGURES = """
            SELECT %s AS grp, count(*) AS cases, count(c.seconds_to_resolve) AS resolved,
                   count(*) FILTER (WHERE c.seconds_to_resolve IS NOT NULL AND c.reopenings = 0
                                      AND c.recontacts = 0) AS first_contact,
                   count(*) FILTER (WHERE c.seconds_to_resolve IS NOT NULL AND c.reopenings > 0) AS reopened,
                   count(*) FILTER (WHERE c.seconds_to_resolve IS NOT NULL AND c.recontacts > 0) AS recontacted,
                   percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (
                       ORDER BY c.seconds_to_resolve) AS seconds%s
            FROM %s
            WHERE %s IS NOT NULL%s
            GROUP BY 1""";
    /** The CSAT columns; by=agent reads them alone, grouped by whom the survey is credited to. */
    private static final String SATISFACTION = """
                   ,
                   count(c.satisfaction_score) AS scored,
                   coalesce(sum(c.satisfaction_score), 0) AS score_sum,
                   count(*) FILTER (WHERE c.satisfaction_score = 1) AS scored_1,
                   count(*) FILTER (WHERE c.satisfaction_score = 2) AS scored_2,
                   count(*) FILTER (WHERE c.satisfaction_score = 3) AS scored_3,
                   count(*) FILTER (WHERE c.satisfaction_score = 4) AS scored_4,
                   count(*) FILTER (WHERE c.satisfaction_score = 5) AS scored_5""";
    private static final String SATISFACTION_ONLY = """
            SELECT %s AS grp%s
            FROM read_model.case_fact c
            WHERE %s IS NOT NULL%s
            GROUP BY 1""";
    private static final String CASES = "read_model.case_fact c";
    private static final String CASES_PER_POLICY = """
            read_model.case_fact c CROSS JOIN LATERAL unnest(c.bent_policies) AS b(policy_code)""";

    private final JdbcTemplate jdbc;

    public ResolutionAnalytics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ResolutionView resolution(ResolutionGrouping by, AnalyticsWindow window) {
        Map<String, Figures> groups = new TreeMap<>();
        if (by == ResolutionGrouping.AGENT) {
            query(FIGURES.formatted("c.first_resolved_by", "", CASES, "c.first_resolved_by",
                    window.and("c.opened_at")), window, (group, row) -> groups.computeIfAbsent(group, Figures::new)
                    .resolutionFrom(row));
            query(SATISFACTION_ONLY.formatted("c.satisfaction_credited_to", SATISFACTION,
                    "c.satisfaction_credited_to", window.and("c.opened_at")), window, (group, row) ->
                    groups.computeIfAbsent(group, Figures::new).satisfactionFrom(row));
        } else {
            query(FIGURES.formatted(by.key(), SATISFACTION, by == ResolutionGrouping.POLICY ? CASES_PER_POLICY : CASES,
                    by.key(), window.and("c.opened_at")), window, (group, row) -> {
                Figures figures = groups.computeIfAbsent(group, Figures::new);
                figures.resolutionFrom(row);
                figures.satisfactionFrom(row);
            });
        }
        List<ResolutionGroupView> views = new ArrayList<>(groups.size());
        groups.values().forEach(figures -> views.add(figures.view()));
        return new ResolutionView(Grouping.wire(by), window.from(), window.to(), views);
    }

    private void query(String sql, AnalyticsWindow window, GroupRow each) {
        jdbc.query(sql,
                (RowCallbackHandler) row -> each.accept(row.getString("grp"), row), window.arguments().toArray());
    }

    @FunctionalInterface
    private interface GroupRow {
        void accept(String group, ResultSet row) throws SQLException;
    }

    /** One group's figures, filled from one or two rows. */
    private static final class Figures {
        final String group;
        long cases;
        long resolved;
        long firstContact;
        long reopened;
        long recontacted;
        Double median;
        Double p90;
        long scored;
        long scoreSum;
        final Map<Integer, Long> distribution = new LinkedHashMap<>();

        Figures(String group) {
            this.group = group;
            for (int score = 1; score <= 5; score++) {
                distribution.put(score, 0L);
            }
        }

        void resolutionFrom(ResultSet row) throws SQLException {
            cases = row.getLong("cases");
            resolved = row.getLong("resolved");
            firstContact = row.getLong("first_contact");
            reopened = row.getLong("reopened");
            recontacted = row.getLong("recontacted");
            Array seconds = row.getArray("seconds");
            Double[] percentiles = seconds == null ? null : (Double[]) seconds.getArray();
            median = percentiles == null ? null : percentiles[0];
            p90 = percentiles == null ? null : percentiles[1];
        }

        void satisfactionFrom(ResultSet row) throws SQLException {
            scored = row.getLong("scored");
            scoreSum = row.getLong("score_sum");
            for (int score = 1; score <= 5; score++) {
                distribution.put(score, row.getLong("scored_" + score));
            }
        }

        ResolutionGroupView view() {
            return new ResolutionGroupView(group, cases, resolved, Proportion.of(firstContact, resolved),
                    new TimeToResolveView(resolved, median, p90), Proportion.of(reopened, resolved),
                    Proportion.of(recontacted, resolved),
                    new SatisfactionView(scored, scored == 0 ? null : (double) scoreSum / scored, distribution));
        }
    }
}
