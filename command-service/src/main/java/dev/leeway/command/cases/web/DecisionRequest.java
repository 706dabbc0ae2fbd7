package dev.leeway.command.cases.web;

import dev.leeway.command.cases.DecideExceptionCommand;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record DecisionRequest(@NotNull Decision decision, @Size(max = 4000) String note) {

    public DecideExceptionCommand toCommand(CaseId caseId, Long expectedVersion, ExceptionId exceptionId) {
        return new DecideExceptionCommand(caseId, expectedVersion, exceptionId, decision == Decision.APPROVE, note);
    }

    public enum Decision {
        APPROVE,
        DECLINE
    }
}
