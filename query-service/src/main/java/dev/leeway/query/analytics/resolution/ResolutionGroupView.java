package dev.leeway.query.analytics.resolution;

import dev.leeway.query.analytics.stats.Proportion;
import io.swagger.v3.oas.annotations.media.Schema;

/** One group's resolution figures. Rates are over resolved cases (first_resolved_at set). */
public record ResolutionGroupView(
        String group,
        @Schema(description = "Cases in the group (by=agent: cases this agent resolved first)")
        long cases,
        @Schema(description = "Of those, cases resolved at least once")
        long resolvedCases,
        @Schema(description = "Resolved cases never reopened and without an interaction after the first "
                + "resolution, of resolved cases")
        Proportion firstContactResolution,
        TimeToResolveView timeToResolve,
        @Schema(description = "Resolved cases reopened at least once, of resolved cases")
        Proportion reopenRate,
        @Schema(description = "Resolved cases with an interaction after the first resolution, of resolved cases")
        Proportion recontactRate,
        @Schema(description = "CSAT of the group's cases (by=agent: the scores credited to the agent)")
        SatisfactionView satisfaction) {
}
