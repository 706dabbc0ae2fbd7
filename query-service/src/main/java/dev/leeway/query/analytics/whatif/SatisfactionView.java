package dev.leeway.query.analytics.whatif;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** CSAT of a set of cases: each case's latest survey score (1-5) counted once. */
public record SatisfactionView(@Schema(description = "Cases with a satisfaction score") long n,
                               @Schema(description = "Their mean score, to 2 decimals; null when n is 0")
                               BigDecimal mean) {
}
