package dev.leeway.deploy;

import java.util.List;

/** Rebuild objects as projection-service's admin API returns them, for the CLI's tests. */
final class RebuildStatusFixtures {

    private RebuildStatusFixtures() {
    }

    static RebuildStatus running(String projection, long done, long total, double rate, Long eta) {
        return new RebuildStatus(projection, false, "REPLAYING", done, total, rate, eta,
                "2025-06-01T10:00:00Z", null, null, null);
    }

    static RebuildStatus finished(String projection, boolean dryRun, String state, RebuildStatus.Diff diff) {
        return new RebuildStatus(projection, dryRun, state, 1_000, 1_000, 500.0, null,
                "2025-06-01T10:00:00Z", "2025-06-01T10:00:02Z", state.equals("FAILED") ? "disk full" : null, diff);
    }

    static RebuildStatus.Diff diff(long differing, String... keys) {
        return new RebuildStatus.Diff(List.of(
                new RebuildStatus.TableDiff("case_summary", 10, 10, differing, List.of(keys)),
                new RebuildStatus.TableDiff("case_bend", 4, 4, 0, List.of())), differing > 0);
    }
}
