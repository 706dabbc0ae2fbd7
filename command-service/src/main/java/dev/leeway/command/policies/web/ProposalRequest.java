package dev.leeway.command.policies.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

public record ProposalRequest(@NotBlank @Size(max = 4000) String proposal,
                              @Size(max = 500) List<@NotNull UUID> citedExceptionIds) {
}
