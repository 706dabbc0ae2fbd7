package dev.leeway.command.web;

import java.util.regex.Pattern;

/**
 * Headers that Leeway stores or compares must be plain tokens: printable ASCII, bounded. Anything else is a
 * 400 against the header, before a command is built.
 */
public final class RequestHeaders {

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern TEXT = Pattern.compile("[\\x20-\\x7E]+");

    private RequestHeaders() {
    }

    /** A token of 1 to {@code maxLength} printable ASCII characters without spaces, e.g. an idempotency key. */
    public static String token(String name, String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength || !TOKEN.matcher(value).matches()) {
            throw new InvalidRequestValue(name, "must be 1 to " + maxLength + " printable ASCII characters without spaces");
        }
        return value;
    }

    /** Printable ASCII text of 1 to {@code maxLength} characters, spaces allowed, e.g. a client's name. */
    public static String text(String name, String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength || !TEXT.matcher(value).matches()) {
            throw new InvalidRequestValue(name, "must be 1 to " + maxLength + " printable ASCII characters");
        }
        return value;
    }
}
