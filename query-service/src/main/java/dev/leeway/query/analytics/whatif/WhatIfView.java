package dev.leeway.query.analytics.whatif;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A policy's past bends under proposed terms, beside how they actually went. */
public record WhatIfView(String policyCode,
                         String currency,
                         Instant from,
                         Instant to,
                         @Schema(description = "Bends replayed: every bend of the policy on a case opened in the "
                                 + "range") long bends,
                         @Schema(description = "How the bends went when they were asked for") OutcomesView actual,
                         @Schema(description = "How they would have gone under the proposed terms")
                         OutcomesView proposed,
                         @Schema(description = "Per (from, to) pair that occurs, actual to proposed; changed ones "
                                 + "are the bends the proposal moves, unchanged ones a baseline")
                         List<TransitionView> transitions) {
}
