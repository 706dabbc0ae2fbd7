package dev.leeway.query.analytics.overrides;

import dev.leeway.query.analytics.CsvTable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** How often rules are bent, per group, for cases opened in [from, to). */
public record OverridesView(
        String by,
        @Schema(description = "Cases opened from this instant on; null: since the beginning")
        Instant from,
        @Schema(description = "Cases opened before this instant; null: up to now")
        Instant to,
        @Schema(description = "A group whose bend rate is above this is flagged (leeway.analytics.override-flag-rate)")
        double flagAbove,
        @Schema(description = "Ordered by group")
        List<OverrideGroupView> groups) implements CsvTable {

    @Override
    public List<?> csvRows() {
        return groups;
    }
}
