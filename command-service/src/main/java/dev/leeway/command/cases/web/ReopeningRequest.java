package dev.leeway.command.cases.web;

import dev.leeway.command.cases.ReopenCaseCommand;
import dev.leeway.kernel.cases.CaseId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ReopeningRequest(@NotBlank @Size(max = 4000) String reason) {

    public ReopenCaseCommand toCommand(CaseId caseId, Long expectedVersion) {
        return new ReopenCaseCommand(caseId, expectedVersion, reason);
    }
}
