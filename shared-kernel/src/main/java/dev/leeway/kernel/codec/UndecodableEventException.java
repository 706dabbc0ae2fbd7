package dev.leeway.kernel.codec;

/**
 * A known type and revision whose JSON does not map to the record. The message names the type, the revision and
 * the mapper's reason, never the payload: it may hold personal text, so neither is Jackson's exception (which
 * quotes values) kept as the cause.
 */
public final class UndecodableEventException extends EventDecodingException {

    UndecodableEventException(String payloadType, String revision, String reason) {
        super(payloadType, revision, "cannot decode " + quoted(payloadType) + " revision " + quoted(revision)
                + ": " + reason);
    }
}
