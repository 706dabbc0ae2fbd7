package dev.leeway.command.policies.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record RetirementRequest(@NotBlank @Size(max = 4000) String reason) {
}
