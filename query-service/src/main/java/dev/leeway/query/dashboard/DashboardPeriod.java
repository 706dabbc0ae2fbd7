package dev.leeway.query.dashboard;

import dev.leeway.query.analytics.AnalyticsWindow;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The days an analyst picks on the dashboard: whole UTC days, both ends included, because that is how people
 * name a period ("March 4 to May 26"). The analytics API takes half-open instants instead; {@link #window()} is
 * the one place the two meet.
 */
record DashboardPeriod(LocalDate from, LocalDate to) {

    DashboardPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
    }

    /** Cases opened in [from 00:00 UTC, the day after to 00:00 UTC): the last day is counted in full. */
    AnalyticsWindow window() {
        return new AnalyticsWindow(midnight(from), midnight(dayAfter()));
    }

    /** The API's exclusive end, as a date: what {@code to=} says in an {@code /analytics} request for this period. */
    public LocalDate dayAfter() {
        return to.plusDays(1);
    }

    /** The Monday (UTC) of every week that has a day in the period, as the API's by=week groups are keyed. */
    List<LocalDate> mondays() {
        List<LocalDate> mondays = new ArrayList<>();
        for (LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !monday.isAfter(to);
             monday = monday.plusWeeks(1)) {
            mondays.add(monday);
        }
        return mondays;
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
