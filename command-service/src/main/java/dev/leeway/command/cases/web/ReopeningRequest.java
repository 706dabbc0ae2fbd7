package dev.leeway.command.cases.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ReopeningRequest(@NotBlank @Size(max = 4000) String reason) {
}
