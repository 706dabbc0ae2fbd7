package dev.leeway.command.imports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * The import's own fields of one step; the rest of the step is the body of the matching request
 * ({@link StepType#request()}). {@code bendRef} is the bend's id in the source system, local to the case: a bend
 * names itself with it, and a later decision or review names the bend it is about.
 */
record StepLine(@NotNull StepType type,
                @NotNull Instant at,
                @NotNull @Valid HistoricalActor by,
                @Size(max = 100) String bendRef) {

    static final List<String> FIELDS = List.of("type", "at", "by", "bendRef");
}
