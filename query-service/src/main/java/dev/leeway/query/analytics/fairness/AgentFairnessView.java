package dev.leeway.query.analytics.fairness;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One agent: bend rate per customer group and the ratio of the lowest eligible rate to the highest. */
public record AgentFairnessView(
        String agent,
        @Schema(description = "By group")
        List<FairnessGroupView> groups,
        @Schema(description = "The eligible group with the lowest bend rate (ties: first by name); null when the "
                + "ratio cannot be formed")
        String lowestGroup,
        @Schema(description = "The eligible group with the highest bend rate (ties: first by name)")
        String highestGroup,
        @Schema(description = "lowest rate / highest rate; 0 when the lowest rate is 0; null when fewer than two "
                + "groups are eligible or no eligible group has a bend")
        Double ratio,
        @Schema(description = "Katz 95% interval: exp(ln(ratio) ± 1.96·sqrt(1/a − 1/n1 + 1/b − 1/n2)); null when "
                + "the ratio is 0 or null")
        Double ratioLower,
        Double ratioUpper,
        @Schema(description = "true when ratio is below the four-fifths threshold (a ratio of 0 included)")
        boolean flagged,
        @Schema(description = "Why there is no ratio or no interval; null when there are both")
        String note) {
}
