package dev.leeway.command.security;

import dev.leeway.kernel.identity.Role;

import java.util.Set;
import java.util.stream.Collectors;

/** The authenticated person making a request: their id and roles, from the token. */
public record Actor(String id, Set<Role> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** Roles as stored in metadata: sorted, comma-separated. */
    public String rolesAsText() {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }
}
