package dev.leeway.query.dashboard;

import dev.leeway.kernel.identity.Role;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every figure the analysts' dashboard shows, for one period. The page renders exactly what this returns, so a
 * figure on the page is the figure the analytics API answers as long as both ask the same services.
 * <p>
 * Rates are fractions (0.25, not 25) at scale 4; amounts are in their currency's scale. An empty list or an empty
 * optional is "nothing to show for this period", never an error.
 */
public interface DashboardFigures {

    /** Cases opened in each week of the period, and the share of them on which a rule was bent. */
    List<WeeklyOverrideRate> overrideRateByWeek(Period period);

    /** Value given to customers through granted bends in the period, per policy and currency, largest first. */
    List<PolicyCost> costPerPolicy(Period period);

    /** Resolution of the cases opened in the period; empty when none of them was resolved. */
    Optional<ResolutionMeasures> resolution(Period period);

    /** Outcomes of cases with a bend against comparable cases without one, each with its interval. */
    List<OutcomeComparison> outcomesBentVsComparable(Period period);

    /** How often rules were bent for each group of customers, with the groups that stand out flagged. */
    List<FairnessRow> fairness(Period period);

    /** Rules bent again and again: how often and for how long before they changed (or until now). */
    List<RuleDebt> ruleDebt(Period period);

    /** The period's bends replayed under other own-authority limits; empty when the question cannot be answered. */
    Optional<WhatIfOutcome> whatIf(WhatIfQuestion question);

    /** Whole days, both ends included, in UTC. */
    record Period(LocalDate from, LocalDate to) {
        public Period {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("the period ends before it starts");
            }
        }

        public Instant start() {
            return from.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The first instant after the period. */
        public Instant end() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** {@code overrideRate} is null for a week in which no case was opened. */
    record WeeklyOverrideRate(LocalDate weekStarting, long casesOpened, long casesBent, BigDecimal overrideRate) {
    }

    record PolicyCost(String policyCode, String currency, long bendsGranted, BigDecimal valueGiven) {
    }

    record ResolutionMeasures(long casesResolved, Duration medianTimeToResolve, BigDecimal firstContactResolutionRate,
                              BigDecimal reopenRate, BigDecimal recontactRate) {
    }

    /** A value with its interval ({@code low}..{@code high}) over {@code cases} cases. */
    record Estimate(BigDecimal value, BigDecimal low, BigDecimal high, long cases) {
    }

    /** {@code measure} names what is compared, e.g. "satisfaction score" or "re-contact rate". */
    record OutcomeComparison(String measure, Estimate bent, Estimate comparable) {
    }

    /** {@code dimension} is what the customers are grouped by (channel, segment, ...), {@code group} its value. */
    record FairnessRow(String dimension, String group, Estimate bendRate, boolean flagged, String flagReason) {
    }

    /** {@code revisedInVersion} is null while the rule is still as it was when first bent. */
    record RuleDebt(String policyCode, long bends, BigDecimal valueGiven, String currency, Instant firstBentAt,
                    Instant lastBentAt, Integer revisedInVersion) {
    }

    record WhatIfQuestion(String policyCode, Role role, BigDecimal ownAuthorityLimit, Period period) {
    }

    record WhatIfOutcome(long bendsReplayed, long grantedAtOnce, long needingApproval, long refused,
                         BigDecimal valueGrantedAtOnce, String currency) {
    }
}
