package dev.leeway.query.analytics.fairness;

import dev.leeway.query.analytics.AnalyticsSettings;
import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.Grouping;
import dev.leeway.query.analytics.stats.IntervalEstimate;
import dev.leeway.query.analytics.stats.KatzInterval;
import dev.leeway.query.analytics.stats.Proportion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per agent, the bend rate for each customer group (cases the agent acted on, bent when the agent asked for a
 * bend) and the adverse-impact ratio lowest/highest over the groups with enough cases. One grouped query.
 */
@Service
public class FairnessAnalytics {

    private static final String RATES = """
            SELECT a.actor_id AS agent, %s AS grp, count(*) AS cases,
                   count(*) FILTER (WHERE a.bends_requested > 0) AS bent
            FROM read_model.case_actor_fact a WHERE true%s GROUP BY 1, 2""";
    private static final Comparator<FairnessGroupView> BY_RATE =
            Comparator.comparingDouble((FairnessGroupView group) -> group.bendRate().rate())
                    .thenComparing(FairnessGroupView::group);

    private final JdbcTemplate jdbc;
    private final AnalyticsSettings settings;

    public FairnessAnalytics(JdbcTemplate jdbc, AnalyticsSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public FairnessView fairness(FairnessGrouping by, AnalyticsWindow window) {
        Map<String, Map<String, FairnessGroupView>> byAgent = new TreeMap<>();
        jdbc.query(RATES.formatted(by.column(), window.and("a.case_opened_at")), row -> {
            long cases = row.getLong("cases");
            long bent = row.getLong("bent");
            byAgent.computeIfAbsent(row.getString("agent"), a -> new TreeMap<>()).put(row.getString("grp"),
                    new FairnessGroupView(row.getString("grp"), cases, bent, Proportion.of(bent, cases),
                            cases >= settings.fairnessMinimumCases()));
        }, window.arguments().toArray());
        List<AgentFairnessView> agents = new ArrayList<>(byAgent.size());
        byAgent.forEach((agent, groups) -> agents.add(agent(agent, List.copyOf(groups.values()))));
        return new FairnessView(Grouping.wire(by), window.from(), window.to(), settings.fairnessMinimumCases(),
                settings.fourFifths(), agents);
    }

    private AgentFairnessView agent(String agent, List<FairnessGroupView> groups) {
        List<FairnessGroupView> eligible = groups.stream().filter(FairnessGroupView::eligible).sorted(BY_RATE).toList();
        if (eligible.size() < 2) {
            return new AgentFairnessView(agent, groups, null, null, null, null, null, false,
                    "Fewer than two groups with " + settings.fairnessMinimumCases() + " cases or more.");
        }
        FairnessGroupView lowest = eligible.get(0);
        FairnessGroupView highest = eligible.stream().max(Comparator.comparingDouble(
                (FairnessGroupView group) -> group.bendRate().rate()).thenComparing(FairnessGroupView::group,
                Comparator.reverseOrder())).orElseThrow();
        IntervalEstimate ratio = KatzInterval.ratio(lowest.casesWithBend(), lowest.cases(), highest.casesWithBend(),
                highest.cases());
        String note = ratio.estimate() == null ? "No bend in any eligible group: nothing to compare."
                : ratio.lower() == null ? "The lowest rate is 0: no interval on the log scale." : null;
        boolean flagged = ratio.estimate() != null && ratio.estimate() < settings.fourFifths();
        return new AgentFairnessView(agent, groups, ratio.estimate() == null ? null : lowest.group(),
                ratio.estimate() == null ? null : highest.group(), ratio.estimate(), ratio.lower(), ratio.upper(),
                flagged, note);
    }
}
