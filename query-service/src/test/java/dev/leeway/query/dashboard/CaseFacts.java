package dev.leeway.query.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rows of the analysts' fact tables ({@code case_fact}, {@code bend_fact}) as projection-service writes them, and
 * the figures a reader of those rows expects: computed here from the rows, not written down beside them.
 */
final class CaseFacts {

    /** Asked for a minute after the case was opened, or after the bend before it. */
    record Bend(UUID exceptionId, String policyCode, BigDecimal value, String currency, String status,
                Instant requestedAt) {
    }

    record OpenedCase(UUID caseId, Instant openedAt, List<Bend> bends) {

        boolean bent() {
            return bends.stream().anyMatch(bend -> "GRANTED".equals(bend.status()));
        }

        OpenedCase granted(String policyCode, String amount, String currency) {
            return with(policyCode, amount, currency, "GRANTED");
        }

        OpenedCase declined(String policyCode, String amount, String currency) {
            return with(policyCode, amount, currency, "DECLINED");
        }

        private OpenedCase with(String policyCode, String amount, String currency, String status) {
            List<Bend> more = new ArrayList<>(bends);
            more.add(new Bend(UUID.randomUUID(), policyCode, new BigDecimal(amount), currency, status,
                    openedAt.plusSeconds(60L * (bends.size() + 1))));
            return new OpenedCase(caseId, openedAt, List.copyOf(more));
        }
    }

    /** One week of the override-rate chart; {@code percent} is null for a week without cases. */
    record Week(LocalDate weekStarting, long opened, long bent, BigDecimal rate, BigDecimal percent) {
    }

    record Cost(String policyCode, String currency, long bends, BigDecimal value) {
    }

    private CaseFacts() {
    }

    static OpenedCase openedAt(String instant) {
        return new OpenedCase(UUID.randomUUID(), Instant.parse(instant), List.of());
    }

    static void insert(Connection connection, List<OpenedCase> cases) throws SQLException {
        try (PreparedStatement caseRow = connection.prepareStatement("""
                INSERT INTO read_model.case_fact (case_id, channel, segment, severity, failure_cause, opened_at,
                    opened_by, status, bends_requested, bends_granted, bends_declined, last_sequence)
                VALUES (?, 'PHONE', 'REGULAR', 'MINOR', 'PRODUCT', ?, 'alice', 'OPEN', ?, ?, ?, ?)""");
             PreparedStatement bendRow = connection.prepareStatement("""
                INSERT INTO read_model.bend_fact (exception_id, case_id, policy_code, policy_version, deviation,
                    deviation_unit, value_amount, value_currency, within_bounds, reason_code, status, authority,
                    requested_by, requester_roles, decided_by, requested_at, requested_sequence, decided_at)
                VALUES (?, ?, ?, 1, 1, 'DAYS', ?, ?, true, 'GOODWILL', ?, ?, 'alice', 'AGENT', 'alice', ?, ?, ?)""")) {
            for (OpenedCase supportCase : cases) {
                long granted = supportCase.bends().stream().filter(bend -> "GRANTED".equals(bend.status())).count();
                caseRow.setObject(1, supportCase.caseId());
                caseRow.setTimestamp(2, Timestamp.from(supportCase.openedAt()));
                caseRow.setInt(3, supportCase.bends().size());
                caseRow.setLong(4, granted);
                caseRow.setLong(5, supportCase.bends().size() - granted);
                caseRow.setLong(6, supportCase.bends().size());
                caseRow.executeUpdate();
                long sequence = 0;
                for (Bend bend : supportCase.bends()) {
                    Timestamp at = Timestamp.from(bend.requestedAt());
                    sequence++;
                    bendRow.setObject(1, bend.exceptionId());
                    bendRow.setObject(2, supportCase.caseId());
                    bendRow.setString(3, bend.policyCode());
                    bendRow.setBigDecimal(4, bend.value());
                    bendRow.setString(5, bend.currency());
                    bendRow.setString(6, bend.status());
                    bendRow.setString(7, "GRANTED".equals(bend.status()) ? "OWN_LIMIT" : null);
                    bendRow.setTimestamp(8, at);
                    bendRow.setLong(9, sequence);
                    bendRow.setTimestamp(10, at);
                    bendRow.executeUpdate();
                }
            }
        }
    }

    /** Every Monday-to-Sunday week (UTC) that touches [from, to], with the cases opened inside the period. */
    static List<Week> weeks(List<OpenedCase> cases, LocalDate from, LocalDate to) {
        List<Week> weeks = new ArrayList<>();
        for (LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !monday.isAfter(to);
             monday = monday.plusWeeks(1)) {
            LocalDate weekStarting = monday;
            List<OpenedCase> opened = cases.stream().filter(supportCase -> {
                LocalDate day = LocalDate.ofInstant(supportCase.openedAt(), ZoneOffset.UTC);
                return !day.isBefore(from) && !day.isAfter(to)
                        && day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).equals(weekStarting);
            }).toList();
            long bent = opened.stream().filter(OpenedCase::bent).count();
            BigDecimal rate = opened.isEmpty() ? null : BigDecimal.valueOf(bent)
                    .divide(BigDecimal.valueOf(opened.size()), 4, RoundingMode.HALF_EVEN);
            weeks.add(new Week(monday, opened.size(), bent, rate,
                    rate == null ? null : rate.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN)));
        }
        return weeks;
    }

    /** Granted bends asked for within [from, to], per policy and currency, the largest value first. */
    static List<Cost> costs(List<OpenedCase> cases, LocalDate from, LocalDate to) {
        Map<String, Cost> costs = new LinkedHashMap<>();
        for (OpenedCase supportCase : cases) {
            for (Bend bend : supportCase.bends()) {
                LocalDate day = LocalDate.ofInstant(bend.requestedAt(), ZoneOffset.UTC);
                if ("GRANTED".equals(bend.status()) && !day.isBefore(from) && !day.isAfter(to)) {
                    costs.merge(bend.policyCode() + "\u0000" + bend.currency(),
                            new Cost(bend.policyCode(), bend.currency(), 1, bend.value()),
                            (a, b) -> new Cost(a.policyCode(), a.currency(), a.bends() + 1, a.value().add(b.value())));
                }
            }
        }
        return costs.values().stream()
                .map(cost -> new Cost(cost.policyCode(), cost.currency(), cost.bends(),
                        cost.value().setScale(2, RoundingMode.HALF_EVEN)))
                .sorted(Comparator.comparing(Cost::value).reversed().thenComparing(Cost::policyCode))
                .toList();
    }
}
