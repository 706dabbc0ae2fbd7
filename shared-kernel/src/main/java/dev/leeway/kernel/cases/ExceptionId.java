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

    /** The bend a case event is about: a request, grant, decline or review names one; other events none (null). */
    public static ExceptionId concernedBy(Object event) {
        if (event instanceof ExceptionRequested e) {
            return e.exceptionId();
        } else if (event instanceof ExceptionGranted e) {
            return e.exceptionId();
        } else if (event instanceof ExceptionDeclined e) {
            return e.exceptionId();
        } else if (event instanceof ExceptionReviewed e) {
            return e.exceptionId();
        }
        return null;
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
