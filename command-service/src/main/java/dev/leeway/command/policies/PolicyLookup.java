package dev.leeway.command.policies;

import dev.leeway.kernel.policies.PolicyCode;

import java.util.Optional;

/** Where a command handler finds the policy version in force: read before the command reached it ({@link Rulebook}). */
@FunctionalInterface
public interface PolicyLookup {

    Optional<CurrentPolicy> find(PolicyCode code);
}
