package dev.leeway.command.cases.web;

import dev.leeway.command.cases.ResolveCaseCommand;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Outcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record ResolutionRequest(@NotNull Outcome outcome, @NotBlank @Size(max = 4000) String summary) {

    public ResolveCaseCommand toCommand(CaseId caseId, Long expectedVersion) {
        return new ResolveCaseCommand(caseId, expectedVersion, outcome, summary);
    }
}
