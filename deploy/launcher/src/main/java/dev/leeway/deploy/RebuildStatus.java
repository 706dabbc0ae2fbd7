package dev.leeway.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A rebuild as projection-service's admin API reports it ({@code GET /projections/{name}/rebuild}), running or
 * finished. Times stay text: the CLI only shows them and takes their difference.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RebuildStatus(String projection,
                     boolean dryRun,
                     String state,
                     long eventsDone,
                     long eventsTotal,
                     double eventsPerSecond,
                     Long etaSeconds,
                     String startedAt,
                     String finishedAt,
                     String error,
                     Diff diff) {

    static final String SWAPPED = "SWAPPED";
    static final String SAME = "SAME";
    static final String DIFFERENT = "DIFFERENT";
    static final String FAILED = "FAILED";
    private static final Set<String> FINAL = Set.of(SWAPPED, SAME, DIFFERENT, FAILED);

    /** Live against shadow. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Diff(List<TableDiff> tables, boolean differs) {

        Diff {
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TableDiff(String table, long liveRows, long shadowRows, long differing, List<String> firstDifferingKeys) {

        TableDiff {
            firstDifferingKeys = firstDifferingKeys == null ? List.of() : List.copyOf(firstDifferingKeys);
        }
    }

    boolean finished() {
        return FINAL.contains(state);
    }

    /**
     * What {@code deploy/leeway rebuild} exits with for this final rebuild: 0 swapped (or a dry run found both
     * equal), 1 a dry run found them different, 2 failed (or any state this version does not know).
     */
    int exitCode() {
        return switch (state == null ? "" : state) {
            case SWAPPED, SAME -> 0;
            case DIFFERENT -> 1;
            default -> 2;
        };
    }

    /** From start to finish (or to now while running), when the service gave readable times. */
    Optional<Duration> elapsed() {
        if (startedAt == null) {
            return Optional.empty();
        }
        try {
            Instant start = Instant.parse(startedAt);
            Instant end = finishedAt == null ? Instant.now() : Instant.parse(finishedAt);
            return Optional.of(Duration.between(start, end));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
