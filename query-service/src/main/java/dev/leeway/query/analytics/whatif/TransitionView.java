package dev.leeway.query.analytics.whatif;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** The bends that went {@code from} one category and would go {@code to} another (or the same) one. */
public record TransitionView(@Schema(description = "As the bends actually went") Category from,
                             @Schema(description = "Under the proposed terms") Category to,
                             @Schema(description = "from differs from to") boolean changed,
                             long bends,
                             @Schema(description = "Their value, summed as in the categories") BigDecimal value,
                             @Schema(description = "Distinct cases these bends are on") long cases,
                             @Schema(description = "CSAT of those cases") SatisfactionView satisfaction) {
}
