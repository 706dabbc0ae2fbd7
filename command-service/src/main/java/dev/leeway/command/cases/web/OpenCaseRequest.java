package dev.leeway.command.cases.web;

import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.customers.CustomerId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /cases}. Unknown fields are refused (see application.yml), so typos are not lost silently. */
public record OpenCaseRequest(
        @NotBlank @Size(max = CustomerId.MAX_LENGTH) String customerId,
        @NotNull Channel channel,
        @NotBlank @Size(max = 200) String subject,
        @Size(max = 4000) String description) {
}
