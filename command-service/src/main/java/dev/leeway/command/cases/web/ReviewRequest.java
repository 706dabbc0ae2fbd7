package dev.leeway.command.cases.web;

import dev.leeway.kernel.cases.ReviewVerdict;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record ReviewRequest(@NotNull ReviewVerdict verdict, @Size(max = 4000) String note) {
}
