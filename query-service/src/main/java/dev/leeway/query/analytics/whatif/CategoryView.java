package dev.leeway.query.analytics.whatif;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** How many bends ended up in one category, and the value they involved. */
public record CategoryView(long bends,
                           @Schema(description = "Sum of their values in the policy's currency, over the bends whose "
                                   + "value is money in that currency within Leeway's bounds (the others are counted, "
                                   + "not summed)")
                           BigDecimal value) {
}
