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

    private MetadataKeys() {
    }
}
