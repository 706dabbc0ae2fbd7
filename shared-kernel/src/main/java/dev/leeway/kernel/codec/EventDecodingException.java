package dev.leeway.kernel.codec;

/**
 * A stored or published event that this version cannot turn into its record. Readers count it and stop there:
 * skipping it would fold a history with a hole in it, and no reader may guess what the event meant.
 */
public abstract sealed class EventDecodingException extends RuntimeException
        permits UnknownEventException, UndecodableEventException {

    /** Type names and revisions come from stored rows or Kafka headers; a message quotes at most this much. */
    private static final int MAX_QUOTED = 200;

    private final String payloadType;
    private final String revision;

    EventDecodingException(String payloadType, String revision, String message) {
        super(message);
        this.payloadType = payloadType;
        this.revision = revision;
    }

    public String payloadType() {
        return payloadType;
    }

    public String revision() {
        return revision;
    }

    static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
