package dev.leeway.kernel.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * Which kind of customer a case is for, as the front line sees it: {@code NEW}, {@code REGULAR}, {@code LOYAL} or
 * an operator's own code. Analysts compare bends and outcomes across segments; {@link #UNKNOWN} where none was
 * given (every case opened before segments existed).
 */
public record CustomerSegment(String code) {

    public static final int MAX_LENGTH = 40;
    public static final String FORMAT_TEXT = "upper-case letters, digits and underscores, starting with a letter";
    private static final Pattern FORMAT = Pattern.compile("[A-Z][A-Z0-9_]{0," + (MAX_LENGTH - 1) + "}");

    public static final CustomerSegment UNKNOWN = new CustomerSegment("UNKNOWN");

    @JsonCreator
    public CustomerSegment {
        if (code == null || !FORMAT.matcher(code).matches()) {
            throw new IllegalArgumentException("a segment is 1 to " + MAX_LENGTH + " " + FORMAT_TEXT);
        }
    }

    /** The segment for {@code code}, or {@link #UNKNOWN} when it is null or blank. */
    public static CustomerSegment ofNullable(String code) {
        return code == null || code.isBlank() ? UNKNOWN : new CustomerSegment(code);
    }

    public static boolean isValid(String code) {
        return code != null && FORMAT.matcher(code).matches();
    }

    @JsonValue
    @Override
    public String toString() {
        return code;
    }
}
