package dev.leeway.query.analytics.outcomes;

import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.analytics.stats.IntervalEstimate;
import dev.leeway.query.analytics.stats.MeanEstimate;
import dev.leeway.query.analytics.stats.Proportion;
import dev.leeway.query.analytics.stats.StratifiedDifference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Outcomes of bent cases against comparable ones. PostgreSQL returns, per stratum (channel × severity × segment)
 * and group, the counts and sums every estimate needs (one row per stratum and group, a few dozen rows); the
 * statistics are then computed from those in the pure classes of {@code stats}.
 */
@Service
public class OutcomeAnalytics {

    private static final String ANY_GRANTED = "c.bends_granted > 0";
    /** The projection keeps each case's policies with a granted bend; no join to the bends. */
    private static final String GRANTED_UNDER_POLICY = "? = ANY (c.granted_policies)";
    private static final String SUMS = """
            SELECT f.channel, f.severity, f.segment, f.arm, count(*) AS cases,
                   count(f.satisfaction_score) AS scored,
                   coalesce(sum(f.satisfaction_score), 0) AS score_sum,
                   coalesce(sum(f.satisfaction_score::int * f.satisfaction_score), 0) AS score_squares,
                   count(f.first_resolved_at) AS resolved,
                   count(*) FILTER (WHERE f.first_resolved_at IS NOT NULL AND f.reopenings > 0) AS reopened,
                   count(*) FILTER (WHERE f.first_resolved_at IS NOT NULL AND f.recontacts > 0) AS recontacted
            FROM (SELECT c.channel, c.severity, c.segment, c.satisfaction_score, c.first_resolved_at, c.reopenings,
                         c.recontacts,
                         CASE WHEN %s THEN 'BENT' WHEN c.bends_requested = 0 THEN 'COMPARABLE' END AS arm
                  FROM read_model.case_fact c WHERE true%s) f
            WHERE f.arm IS NOT NULL
            GROUP BY 1, 2, 3, 4""";
    private static final String POLICY_EXISTS =
            "SELECT EXISTS (SELECT 1 FROM read_model.policy WHERE policy_code = ?)";

    private final JdbcTemplate jdbc;

    public OutcomeAnalytics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param policy a policy code, or null for bends under any policy
     * @return empty when the policy is not in the rulebook
     */
    public Optional<OutcomesView> outcomes(String policy, AnalyticsWindow window) {
        if (policy != null && !Boolean.TRUE.equals(jdbc.queryForObject(POLICY_EXISTS, Boolean.class, policy))) {
            return Optional.empty();
        }
        List<Object> arguments = new ArrayList<>();
        if (policy != null) {
            arguments.add(policy);
        }
        arguments.addAll(window.arguments());
        Map<Stratum, Arms> strata = new TreeMap<>();
        jdbc.query(SUMS.formatted(policy == null ? ANY_GRANTED : GRANTED_UNDER_POLICY, window.and("c.opened_at")),
                row -> {
                    Sums sums = new Sums(row.getLong("cases"), row.getLong("scored"), row.getLong("score_sum"),
                            row.getLong("score_squares"), row.getLong("resolved"), row.getLong("reopened"),
                            row.getLong("recontacted"));
                    Arms arms = strata.computeIfAbsent(new Stratum(row.getString("channel"),
                            row.getString("severity"), row.getString("segment")), s -> new Arms());
                    if ("BENT".equals(row.getString("arm"))) {
                        arms.bent = sums;
                    } else {
                        arms.comparable = sums;
                    }
                }, arguments.toArray());
        Arms total = new Arms();
        strata.values().forEach(arms -> {
            total.bent = total.bent.plus(arms.bent);
            total.comparable = total.comparable.plus(arms.comparable);
        });
        return Optional.of(new OutcomesView(window.from(), window.to(), policy, total.bent.cases,
                total.comparable.cases, satisfaction(strata, total), rate("REOPEN_RATE", strata, total, Sums::reopened),
                rate("RECONTACT_RATE", strata, total, Sums::recontacted), OutcomesView.CAVEAT));
    }

    private static MeanComparison satisfaction(Map<Stratum, Arms> strata, Arms total) {
        Function<Sums, MeanEstimate> csat = s -> MeanEstimate.ofSums(s.scored, s.scoreSum, s.scoreSquares);
        MeanEstimate bent = csat.apply(total.bent);
        MeanEstimate comparable = csat.apply(total.comparable);
        Adjusted adjusted = adjust(strata, csat, estimate -> estimate.n() >= 2, StratifiedDifference.Stratum::ofMeans,
                MeanEstimate::n);
        return new MeanComparison("CSAT", bent, comparable, IntervalEstimate.differenceOfMeans(bent, comparable),
                adjusted.difference, adjusted.excluded);
    }

    private static RateComparison rate(String measure, Map<Stratum, Arms> strata, Arms total,
                                       ToLongFunction<Sums> numerator) {
        Function<Sums, Proportion> rate = s -> Proportion.of(numerator.applyAsLong(s), s.resolved);
        Proportion bent = rate.apply(total.bent);
        Proportion comparable = rate.apply(total.comparable);
        Adjusted adjusted = adjust(strata, rate, estimate -> estimate.denominator() >= 1,
                StratifiedDifference.Stratum::ofProportions, Proportion::denominator);
        return new RateComparison(measure, bent, comparable, IntervalEstimate.differenceOfProportions(bent, comparable),
                adjusted.difference, adjusted.excluded);
    }

    /**
     * The ATT-weighted difference over the strata where both groups are {@code usable}; every other stratum that
     * has an observation is listed as excluded, and its bent observations counted as not covered.
     */
    private static <E> Adjusted adjust(Map<Stratum, Arms> strata, Function<Sums, E> estimate, Predicate<E> usable,
                                       BiFunction<E, E, StratifiedDifference.Stratum> difference,
                                       ToLongFunction<E> observations) {
        List<StratifiedDifference.Stratum> used = new ArrayList<>();
        List<StratumCounts> excluded = new ArrayList<>();
        long covered = 0;
        long notCovered = 0;
        for (Map.Entry<Stratum, Arms> entry : strata.entrySet()) {
            E bent = estimate.apply(entry.getValue().bent);
            E comparable = estimate.apply(entry.getValue().comparable);
            long bentN = observations.applyAsLong(bent);
            long comparableN = observations.applyAsLong(comparable);
            if (usable.test(bent) && usable.test(comparable)) {
                used.add(difference.apply(bent, comparable));
                covered += bentN;
            } else if (bentN + comparableN > 0) {
                Stratum stratum = entry.getKey();
                excluded.add(new StratumCounts(stratum.channel, stratum.severity, stratum.segment, bentN, comparableN));
                notCovered += bentN;
            }
        }
        return new Adjusted(AdjustedDifference.of(StratifiedDifference.weightedByTreated(used), used.size(), covered,
                notCovered), excluded);
    }

    private record Adjusted(AdjustedDifference difference, List<StratumCounts> excluded) {
    }

    private record Stratum(String channel, String severity, String segment) implements Comparable<Stratum> {

        @Override
        public int compareTo(Stratum other) {
            int byChannel = channel.compareTo(other.channel);
            if (byChannel != 0) {
                return byChannel;
            }
            int bySeverity = severity.compareTo(other.severity);
            return bySeverity != 0 ? bySeverity : segment.compareTo(other.segment);
        }
    }

    private static final class Arms {
        Sums bent = Sums.NONE;
        Sums comparable = Sums.NONE;
    }

    /** One group's counts and sums in one stratum (or, added up, overall). */
    private record Sums(long cases, long scored, long scoreSum, long scoreSquares, long resolved, long reopened,
                        long recontacted) {

        static final Sums NONE = new Sums(0, 0, 0, 0, 0, 0, 0);

        Sums plus(Sums other) {
            return new Sums(cases + other.cases, scored + other.scored, scoreSum + other.scoreSum,
                    scoreSquares + other.scoreSquares, resolved + other.resolved, reopened + other.reopened,
                    recontacted + other.recontacted);
        }
    }
}
