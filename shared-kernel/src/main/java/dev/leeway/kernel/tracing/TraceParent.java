package dev.leeway.kernel.tracing;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context header value ({@code traceparent}): version 00, a 32-hex-digit trace id, a 16-hex-digit
 * parent span id and the flags ({@code 01}: sampled). What the command side writes into an event's metadata and
 * the publisher into the Kafka record, so that one trace runs from the HTTP request to the read models' write.
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    public TraceParent {
        if (!traceId.matches("[0-9a-f]{32}") || !spanId.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("not a W3C trace id and span id: " + traceId + ", " + spanId);
        }
    }

    /** The header's value, e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}. */
    public String header() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** The trace context in {@code value}, if it is a well-formed version-00 one. */
    public static Optional<TraceParent> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        var match = FORMAT.matcher(value.trim());
        if (!match.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(match.group(1), match.group(2),
                (Integer.parseInt(match.group(3), 16) & 1) == 1));
    }
}
