package dev.leeway.kernel.policies;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** A rule of the rulebook, e.g. {@code RETURN-WINDOW}: upper-case letters, digits and dashes. */
public record PolicyCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z][A-Z0-9-]{1,49}");

    @JsonCreator
    public PolicyCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("policy code must be 2 to 50 upper-case letters, digits or dashes");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
