package dev.leeway.kernel.policies;

import org.axonframework.serialization.Revision;

/** A rule entered the rulebook, at version 1. */
@Revision("1")
public record PolicyDefined(PolicyCode policyCode, int version, PolicyTerms terms) {
}
