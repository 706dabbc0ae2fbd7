package dev.leeway.kernel.messaging;

/** Keys of the metadata every command and event carries. Set by the server from the token and headers. */
public final class MetadataKeys {

    /** The authenticated person, from the token's subject. */
    public static final String ACTOR_ID = "actorId";
    /** Their roles at the time, comma-separated, from the token. */
    public static final String ACTOR_ROLES = "actorRoles";
    /** Ties together everything caused by one request, across services; from X-Correlation-Id or made up. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message (command) that caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** The front-line application that sent the request, from X-Client-App. */
    public static final String CLIENT_APP = "clientApp";

    /**
     * When it happened, if not when it was stored: set only by the history import (the original time, ISO-8601).
     * The store's own timestamp stays the append time; analytics take this one where present.
     */
    public static final String OCCURRED_AT = "occurredAt";
    /** Who imported it (from the token), on events the history import appended on behalf of their original actor. */
    public static final String IMPORTED_BY = "importedBy";
    /** The id of the record in the system it was imported from. */
    public static final String SOURCE_ID = "sourceId";
    /**
     * The W3C trace context ({@code 00-<trace id>-<span id>-01}) of the request that caused it, when that request
     * was traced: the publisher and the projections continue the same trace from it.
     */
    public static final String TRACE_PARENT = "traceparent";

    private MetadataKeys() {
    }
}
