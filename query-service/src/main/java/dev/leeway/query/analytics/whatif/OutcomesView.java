package dev.leeway.query.analytics.whatif;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** Every replayed bend in exactly one category. */
public record OutcomesView(CategoryView ownAuthority,
                           CategoryView secondPerson,
                           CategoryView refused,
                           @Schema(description = "Refused bends by reason: POLICY_NOT_BENDABLE (a HARD rule), "
                                   + "CURRENCY_MISMATCH (value in another currency than the policy's), "
                                   + "VALUE_OUT_OF_BOUNDS (a stored value beyond Leeway's bounds or not money), "
                                   + "NOBODY_CAN_APPROVE (no role's limit covers the value)")
                           Map<String, Long> refusedBecause) {
}
