package dev.leeway.command.imports;

import dev.leeway.command.security.Actor;
import dev.leeway.kernel.identity.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Set;

/**
 * Who did a step in the system the history comes from: their id, which becomes Leeway's actor id (so it should be
 * the id the identity provider gives the same person, or budgets and maker-checker cannot recognise them), and
 * the roles they held then.
 */
record HistoricalActor(@NotBlank @Size(max = 255) String id, @NotEmpty Set<@NotNull Role> roles) {

    Actor toActor() {
        return new Actor(id, roles);
    }
}
