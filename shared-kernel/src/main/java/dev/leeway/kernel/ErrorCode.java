package dev.leeway.kernel;

/**
 * The stable {@code code} of every problem+json answer. Clients branch on these, so a code is never renamed;
 * the HTTP status travels with it so that every service answers the same code with the same status.
 */
public enum ErrorCode {
    MALFORMED_JSON(400, "Malformed JSON"),
    UNKNOWN_FIELD(400, "Unknown field"),
    VALIDATION_FAILED(400, "Validation failed"),
    BODY_TOO_LARGE(400, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_FOUND(404, "Not found"),
    CASE_NOT_FOUND(404, "Case not found"),
    CASE_ALREADY_EXISTS(409, "Case already exists"),
    CONCURRENT_MODIFICATION(409, "Concurrent modification"),
    INTERNAL_ERROR(500, "Internal error");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
