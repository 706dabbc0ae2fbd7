package dev.leeway.kernel.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one customer problem. Serialised as the bare UUID, in events and in Axon's aggregate identifier. */
public record CaseId(UUID value) {

    public CaseId {
        Objects.requireNonNull(value, "case id must not be null");
    }

    @JsonCreator
    public static CaseId of(String value) {
        return new CaseId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
