package dev.leeway.command.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.leeway.kernel.problems.Problem;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * What became of one line of an import, streamed back as one line of the response as soon as it is known.
 * A rejected line carries the problem the API would have answered, field names counted from the line
 * ({@code steps[2].summary}); {@code step} names the step a guardrail refused, when it was one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One line of the import's report: what became of line `line` of the body.")
record LineResult(@Schema(description = "Line number in the body, from 1; blank lines count but get no report")
                  int line,
                  String sourceId,
                  Status status,
                  @Schema(description = "The case's id in Leeway, derived from sourceId (imported and skipped)")
                  String caseId,
                  @Schema(description = "Events stored for the case (imported)")
                  Long events,
                  @Schema(description = "The step refused by a guardrail: `opening` or `steps[i]` (rejected)")
                  String step,
                  @Schema(description = "Leeway's stable error code (rejected)")
                  String code,
                  String detail,
                  List<Problem.FieldError> errors) {

    enum Status {
        /** Every step of the case is stored. */
        @JsonProperty("imported") IMPORTED,
        /** The case was imported before (same sourceId); nothing was stored again. */
        @JsonProperty("skipped") SKIPPED,
        /** Nothing of the case is stored; {@code code} and {@code detail} say why. */
        @JsonProperty("rejected") REJECTED
    }

    static LineResult imported(int line, String sourceId, String caseId, long events) {
        return new LineResult(line, sourceId, Status.IMPORTED, caseId, events, null, null, null, null);
    }

    static LineResult skipped(int line, String sourceId, String caseId) {
        return new LineResult(line, sourceId, Status.SKIPPED, caseId, null, null, null,
                "This case was imported before; nothing was stored again.", null);
    }

    static LineResult rejected(int line, String sourceId, Problem problem) {
        return new LineResult(line, sourceId, Status.REJECTED, null, null, null, problem.code(), problem.detail(),
                problem.errors() == null || problem.errors().isEmpty() ? null : problem.errors());
    }

    static LineResult refused(int line, String sourceId, String step, String code, String detail) {
        return new LineResult(line, sourceId, Status.REJECTED, null, null, step, code, detail, null);
    }
}
