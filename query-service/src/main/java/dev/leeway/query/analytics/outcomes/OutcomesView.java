package dev.leeway.query.analytics.outcomes;

import dev.leeway.query.analytics.CsvTable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Outcomes of cases where a rule was bent against comparable cases where none was asked for. */
public record OutcomesView(
        Instant from,
        Instant to,
        @Schema(description = "The policy bends were counted under; null: any policy")
        String policy,
        @Schema(description = "Cases with at least one GRANTED bend (under policy, when given)")
        long bentCases,
        @Schema(description = "Cases where no bend was asked for at all")
        long comparableCases,
        @Schema(description = "CSAT (latest survey score, 1-5) over cases with a score")
        MeanComparison satisfaction,
        @Schema(description = "Share of resolved cases reopened at least once")
        RateComparison reopenRate,
        @Schema(description = "Share of resolved cases with an interaction logged after the first resolution")
        RateComparison recontactRate,
        String caveat) implements CsvTable {

    /** Why the naive difference must not be read as the effect of bending. */
    public static final String CAVEAT = "Rules are bent more often on harder cases (more severe, less satisfied "
            + "customers), so the naive difference mixes the effect of the bend with the difference in cases and is "
            + "biased. The adjusted difference compares bent and comparable cases of the same channel, severity and "
            + "segment only, weighted by where the bent cases are; it removes what those three capture, not "
            + "everything: read it as an association, not as proof of cause. Strata with only one group are left "
            + "out (see excludedStrata and bentNotCovered).";

    @Override
    public List<?> csvRows() {
        return List.of(satisfaction, reopenRate, recontactRate);
    }
}
