package dev.leeway.command.cases.web;

import dev.leeway.command.cases.RecordSatisfactionCommand;
import dev.leeway.kernel.cases.CaseId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The customer's survey answer, as recorded by an agent. */
public record SatisfactionRequest(@NotNull @Min(1) @Max(5) Integer score, @Size(max = 4000) String comment) {

    public RecordSatisfactionCommand toCommand(CaseId caseId, Long expectedVersion) {
        return new RecordSatisfactionCommand(caseId, expectedVersion, score, comment);
    }
}
