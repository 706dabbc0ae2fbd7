package dev.leeway.command.imports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * The import's own fields of one line. The rest of the line, but for {@code steps}, is an {@code OpenCaseRequest}
 * and is read as one, so that an imported case is held to exactly the rules of {@code POST /cases}; the steps are
 * read one by one (see {@link StepLine}).
 */
record CaseLine(@NotBlank @Size(max = 200) String sourceId,
                @NotNull Instant openedAt,
                @NotNull @Valid HistoricalActor openedBy) {

    static final List<String> FIELDS = List.of("sourceId", "openedAt", "openedBy");
    static final String STEPS = "steps";
    static final int MAX_STEPS = 1000;
}
