package dev.leeway.query.analytics.overrides;

import dev.leeway.query.analytics.stats.Proportion;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.Map;

/** One group's overrides: how many of its cases had a rule bent, where those bends stand, and what they gave. */
public record OverrideGroupView(
        @Schema(description = "The agent id, channel, segment, policy code, or week start date (2026-01-05)")
        String group,
        @Schema(description = "Cases in the group (by=policy: every case in the window)")
        long cases,
        @Schema(description = "Cases with at least one bend asked for (by=agent: asked for by this agent; "
                + "by=policy: under this policy), whatever became of it")
        long casesWithBend,
        @Schema(description = "casesWithBend of cases")
        Proportion bendRate,
        @Schema(description = "Bends asked for (by=agent: by this agent), and where they stand now")
        long bendsRequested,
        long bendsGranted,
        long bendsDeclined,
        long bendsPending,
        @Schema(description = "Value given by granted bends, per currency (never added across currencies)")
        Map<String, BigDecimal> valueGiven,
        @Schema(description = "true when the bend rate is above the report's flagAbove")
        boolean flagged) {
}
