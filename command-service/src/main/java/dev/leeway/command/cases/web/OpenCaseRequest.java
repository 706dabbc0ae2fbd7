package dev.leeway.command.cases.web;

import dev.leeway.command.cases.OpenCaseCommand;
import dev.leeway.command.web.InvalidRequestValue;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.CustomerSegment;
import dev.leeway.kernel.cases.FailureCause;
import dev.leeway.kernel.cases.FailureContext;
import dev.leeway.kernel.cases.Severity;
import dev.leeway.kernel.customers.CustomerId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * Body of {@code POST /cases}. Unknown fields are refused (see application.yml), so typos are not lost silently.
 * A client may choose the case id itself, which makes a retried creation harmless (409 CASE_ALREADY_EXISTS).
 */
public record OpenCaseRequest(
        UUID caseId,
        @NotBlank @Size(max = CustomerId.MAX_LENGTH) String customerId,
        @NotNull Channel channel,
        @NotBlank @Size(max = 200) String subject,
        @Size(max = 4000) String description,
        @Valid Failure failure,
        @Schema(description = "The customer's segment: NEW, REGULAR, LOYAL or an operator's own code ("
                + CustomerSegment.FORMAT_TEXT + "). Analysts compare bends and outcomes across segments; UNKNOWN"
                + " when left out.", example = "LOYAL", maxLength = CustomerSegment.MAX_LENGTH)
        @Pattern(regexp = "[A-Z][A-Z0-9_]{0,39}", message = "must be 1 to 40 " + CustomerSegment.FORMAT_TEXT)
        String segment) {

    public OpenCaseCommand toCommand(CaseId caseId) {
        FailureContext failureContext = failure == null ? null : new FailureContext(failure.severity(), failure.cause());
        return new OpenCaseCommand(caseId,
                InvalidRequestValue.convert("customerId", () -> new CustomerId(customerId)), channel, subject,
                description, failureContext,
                InvalidRequestValue.convert("segment", () -> CustomerSegment.ofNullable(segment)));
    }

    /** Optional: how bad the failure was for the customer and whose doing it was. */
    public record Failure(Severity severity, FailureCause cause) {
    }
}
