package dev.leeway.query.analytics.ruledebt;

import dev.leeway.query.analytics.stats.Proportion;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One policy's rule debt: how much and for how long it has been bent under the terms now in force. A revision
 * starts a new version, so every bend asked for under the current version is one no revision has answered yet.
 */
public record PolicyDebtView(
        String policyCode,
        String title,
        boolean retired,
        int currentVersion,
        @Schema(description = "When the current version took effect; null when the version is not in the read model")
        Instant currentVersionSince,
        @Schema(description = "Bends asked for under the current version (any status), on cases opened in the window")
        long bendsSinceCurrentVersion,
        @Schema(description = "Value given by those of them granted, per currency")
        Map<String, BigDecimal> valueGiven,
        @Schema(description = "Of those bends reviewed after the fact, the ones UPHELD")
        Proportion reviewedUpheld,
        @Schema(description = "Rule-change proposals for the policy no revision has adopted (any time)")
        long proposalsOpen,
        @Schema(description = "Rule-change proposals a revision adopted (any time)")
        long proposalsAccepted,
        @Schema(description = "When the oldest bend under the current version was asked for; null without one")
        Instant oldestUnansweredBendAt,
        @Schema(description = "asOf − oldestUnansweredBendAt in whole seconds")
        Long oldestUnansweredBendAgeSeconds,
        @Schema(description = "The same age as an ISO-8601 duration (PT72H)")
        String oldestUnansweredBendAge) {
}
