package dev.leeway.query.analytics.fairness;

import dev.leeway.query.analytics.stats.Proportion;
import io.swagger.v3.oas.annotations.media.Schema;

/** One agent's bend rate for one customer group. */
public record FairnessGroupView(
        String group,
        @Schema(description = "Cases of this group the agent acted on")
        long cases,
        @Schema(description = "Of those, cases the agent asked for a bend on")
        long casesWithBend,
        Proportion bendRate,
        @Schema(description = "false when the group has fewer than minimumCases cases: shown, but not used for the "
                + "ratio or the flag")
        boolean eligible) {
}
