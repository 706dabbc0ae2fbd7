package dev.leeway.projection.rebuild;

import java.time.Instant;
import java.util.List;

/** A rebuild as operators and `deploy/leeway rebuild` see it, running or finished. */
public record RebuildView(String projection,
                          boolean dryRun,
                          RebuildState state,
                          long eventsDone,
                          long eventsTotal,
                          double eventsPerSecond,
                          Long etaSeconds,
                          Instant startedAt,
                          Instant finishedAt,
                          String error,
                          DiffView diff) {

    /** Live against shadow: rows per table and the rows whose digest differs (keys of the first ones). */
    public record DiffView(List<TableDiff> tables, boolean differs) {
    }

    public record TableDiff(String table, long liveRows, long shadowRows, long differing,
                            List<String> firstDifferingKeys) {
    }
}
