package dev.leeway.command.cases.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record DecisionRequest(@NotNull Decision decision, @Size(max = 4000) String note) {

    public enum Decision {
        APPROVE,
        DECLINE
    }
}
