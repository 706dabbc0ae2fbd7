package dev.leeway.command.cases.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record AssignCaseRequest(@NotBlank @Size(max = 255) String assignee) {
}
