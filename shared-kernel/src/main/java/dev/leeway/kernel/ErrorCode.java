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
    DUPLICATE_FIELD(400, "Duplicate field"),
    MALFORMED_REQUEST(400, "Malformed request"),
    URI_TOO_LONG(414, "URI too long"),
    HEADERS_TOO_LARGE(431, "Request headers too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    NOT_FOUND(404, "Not found"),
    CASE_NOT_FOUND(404, "Case not found"),
    CASE_ALREADY_EXISTS(409, "Case already exists"),
    CONCURRENT_MODIFICATION(409, "Concurrent modification"),
    /** If-Match named a version the case has moved past (before or while the write ran): nothing was stored. */
    PRECONDITION_FAILED(412, "Precondition failed"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused with another request"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed for your roles"),
    EXCEPTION_NOT_FOUND(404, "Exception not found"),
    POLICY_NOT_FOUND(404, "Policy not found"),
    PROJECTION_NOT_FOUND(404, "Projection not found"),
    REBUILD_RUNNING(409, "A rebuild of this projection is running"),
    POLICY_UNKNOWN(422, "Unknown policy"),
    POLICY_NOT_BENDABLE(422, "Policy is not bendable"),
    POLICY_RETIRED(422, "Policy is retired"),
    CURRENCY_MISMATCH(422, "Currency differs from the policy's"),
    VALUE_OUT_OF_BOUNDS(422, "A stored value is beyond Leeway's bounds"),
    OVER_APPROVER_LIMIT(422, "Above the approver's own limit"),
    SAME_PERSON_APPROVAL(403, "Requester cannot approve"),
    SAME_PERSON_REVIEW(403, "Granter cannot review"),
    CASE_NOT_OPEN(409, "Case is not open"),
    NOT_RESOLVED(409, "Case is not resolved"),
    ALREADY_DECIDED(409, "Exception already decided"),
    NOT_GRANTED(409, "Exception is not granted"),
    ALREADY_REVIEWED(409, "Exception already reviewed"),
    SATISFACTION_ALREADY_RECORDED(409, "Satisfaction already recorded for this resolution"),
    INTERNAL_ERROR(500, "Internal error"),
    HTTP_VERSION_NOT_SUPPORTED(505, "HTTP version not supported"),
    /** A stored event this version cannot read (unknown type or revision, or JSON that does not map). */
    UNREADABLE_EVENT(422, "A stored event cannot be read");

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
