package dev.leeway.kernel.policies;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a rule-change proposal. */
public record ProposalId(UUID value) {

    public ProposalId {
        Objects.requireNonNull(value, "proposal id must not be null");
    }

    @JsonCreator
    public static ProposalId of(String value) {
        return new ProposalId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
