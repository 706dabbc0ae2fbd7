package dev.leeway.command.cases.web;

import dev.leeway.command.cases.AssignCaseCommand;
import dev.leeway.kernel.cases.CaseId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record AssignCaseRequest(@NotBlank @Size(max = 255) String assignee) {

    public AssignCaseCommand toCommand(CaseId caseId, Long expectedVersion) {
        return new AssignCaseCommand(caseId, expectedVersion, assignee);
    }
}
