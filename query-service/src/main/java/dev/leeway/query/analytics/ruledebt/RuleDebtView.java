package dev.leeway.query.analytics.ruledebt;

import dev.leeway.query.analytics.CsvTable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Which rules need fixing: every policy, worst first. */
public record RuleDebtView(
        Instant from,
        Instant to,
        @Schema(description = "The moment ages are measured to")
        Instant asOf,
        @Schema(description = "Most bends since the current version first; then the oldest unanswered bend first; "
                + "then by policy code")
        List<PolicyDebtView> policies) implements CsvTable {

    @Override
    public List<?> csvRows() {
        return policies;
    }
}
