package dev.leeway.command.cases.web;

import dev.leeway.command.cases.ReviewExceptionCommand;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ReviewVerdict;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record ReviewRequest(@NotNull ReviewVerdict verdict, @Size(max = 4000) String note) {

    public ReviewExceptionCommand toCommand(CaseId caseId, Long expectedVersion, ExceptionId exceptionId) {
        return new ReviewExceptionCommand(caseId, expectedVersion, exceptionId, verdict, note);
    }
}
