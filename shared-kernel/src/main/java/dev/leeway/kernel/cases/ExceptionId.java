package dev.leeway.kernel.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one bend of one policy on one case. */
public record ExceptionId(UUID value) {

    public ExceptionId {
        Objects.requireNonNull(value, "exception id must not be null");
    }

    @JsonCreator
    public static ExceptionId of(String value) {
        return new ExceptionId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
