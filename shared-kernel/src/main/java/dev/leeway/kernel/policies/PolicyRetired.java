package dev.leeway.kernel.policies;

import org.axonframework.serialization.Revision;

/** A rule left the rulebook; it can no longer be bent or revised. */
@Revision("1")
public record PolicyRetired(PolicyCode policyCode, int version, String reason) {
}
