package dev.leeway.query.dashboard;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard's figures read straight from the analysts' fact tables (projection {@code case_facts}). Answers the
 * override rate and the cost per policy; the other figures come with the analytics services, which this class
 * then delegates to so that the page and the analytics API give one answer.
 */
@Repository
class CaseFactDashboardFigures implements DashboardFigures {

    private static final int RATE_SCALE = 4;

    private final JdbcTemplate jdbc;

    CaseFactDashboardFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Weeks start on Monday (ISO, UTC); every week of the period is listed, those without cases too. */
    @Override
    public List<WeeklyOverrideRate> overrideRateByWeek(Period period) {
        Map<LocalDate, WeeklyOverrideRate> counted = jdbc.query("""
                        SELECT date_trunc('week', opened_at AT TIME ZONE 'UTC')::date AS week_starting,
                               count(*) AS cases_opened,
                               count(*) FILTER (WHERE bends_granted > 0) AS cases_bent
                        FROM read_model.case_fact
                        WHERE opened_at >= ? AND opened_at < ?
                        GROUP BY 1""",
                (row, n) -> week(row.getDate("week_starting").toLocalDate(), row.getLong("cases_opened"),
                        row.getLong("cases_bent")),
                Timestamp.from(period.start()), Timestamp.from(period.end()))
                .stream().collect(Collectors.toMap(WeeklyOverrideRate::weekStarting, Function.identity()));
        List<WeeklyOverrideRate> weeks = new ArrayList<>();
        for (LocalDate monday = period.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
             !monday.isAfter(period.to()); monday = monday.plusWeeks(1)) {
            weeks.add(counted.getOrDefault(monday, week(monday, 0, 0)));
        }
        return weeks;
    }

    @Override
    public List<PolicyCost> costPerPolicy(Period period) {
        return jdbc.query("""
                        SELECT policy_code, value_currency, count(*) AS bends, sum(value_amount) AS value_given
                        FROM read_model.bend_fact
                        WHERE status = 'GRANTED' AND requested_at >= ? AND requested_at < ?
                        GROUP BY policy_code, value_currency
                        ORDER BY value_given DESC, policy_code, value_currency""",
                (row, n) -> new PolicyCost(row.getString("policy_code"), row.getString("value_currency"),
                        row.getLong("bends"), inCurrencyScale(row.getBigDecimal("value_given"),
                        row.getString("value_currency"))),
                Timestamp.from(period.start()), Timestamp.from(period.end()));
    }

    @Override
    public Optional<ResolutionMeasures> resolution(Period period) {
        return Optional.empty();
    }

    @Override
    public List<OutcomeComparison> outcomesBentVsComparable(Period period) {
        return List.of();
    }

    @Override
    public List<FairnessRow> fairness(Period period) {
        return List.of();
    }

    @Override
    public List<RuleDebt> ruleDebt(Period period) {
        return List.of();
    }

    @Override
    public Optional<WhatIfOutcome> whatIf(WhatIfQuestion question) {
        return Optional.empty();
    }

    private static WeeklyOverrideRate week(LocalDate monday, long opened, long bent) {
        BigDecimal rate = opened == 0 ? null
                : BigDecimal.valueOf(bent).divide(BigDecimal.valueOf(opened), RATE_SCALE, RoundingMode.HALF_EVEN);
        return new WeeklyOverrideRate(monday, opened, bent, rate);
    }

    /** A currency Java does not know keeps the scale it was stored with. */
    private static BigDecimal inCurrencyScale(BigDecimal amount, String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? amount : amount.setScale(digits, RoundingMode.HALF_EVEN);
        } catch (IllegalArgumentException unknownCurrency) {
            return amount;
        }
    }
}
