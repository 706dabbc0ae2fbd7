package dev.leeway.query.dashboard;

import dev.leeway.query.analytics.overrides.OverrideGroupView;
import dev.leeway.query.analytics.overrides.OverridesView;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One week on the override-rate chart: the API's by=week group for it, or null in a week in which no case was
 * opened (the API lists only weeks with cases; the chart shows the gap rather than skipping the week).
 */
record OverrideWeek(LocalDate weekStarting, OverrideGroupView figures) {

    static List<OverrideWeek> everyWeekOf(DashboardPeriod period, OverridesView byWeek) {
        Map<LocalDate, OverrideGroupView> weeks = byWeek.groups().stream()
                .collect(Collectors.toMap(group -> LocalDate.parse(group.group()), Function.identity()));
        return period.mondays().stream().map(monday -> new OverrideWeek(monday, weeks.get(monday))).toList();
    }

    /** The API's rate (a fraction), null without cases. */
    public Double rate() {
        return figures == null ? null : figures.bendRate().rate();
    }
}
