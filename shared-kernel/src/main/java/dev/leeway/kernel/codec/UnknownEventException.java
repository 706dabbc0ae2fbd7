package dev.leeway.kernel.codec;

/**
 * An event type this version does not know, or a revision of a known type it has no upcasters for (typically
 * one written by a newer version). Reading it leniently could give it a meaning it never had.
 */
public final class UnknownEventException extends EventDecodingException {

    UnknownEventException(String payloadType, String revision, String why) {
        super(payloadType, revision, "unknown event " + quoted(payloadType) + " revision " + quoted(revision)
                + ": " + why);
    }
}
