package dev.leeway.kernel.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.leeway.kernel.ErrorCode;

import java.util.List;
import java.util.Locale;

/**
 * The body of every refusal, as RFC 9457 {@code application/problem+json}, with Leeway's stable {@code code} and,
 * for bad fields, which ones and why. Every service answers with this one shape.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static Problem of(ErrorCode code, String detail) {
        return of(code, detail, List.of());
    }

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return new Problem("urn:leeway:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                code.title(), code.httpStatus(), detail, code.name(), List.copyOf(errors));
    }

    /**
     * The problem for an error status that no handler explained: what a web server answers when it refuses a
     * request before the application sees it (a malformed request line, over-long headers, a firewall).
     */
    public static Problem forStatus(int status) {
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 505 -> ErrorCode.HTTP_VERSION_NOT_SUPPORTED;
            default -> status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        return of(code, switch (code) {
            case MALFORMED_REQUEST -> "The request is malformed: check the path, query and headers.";
            case INTERNAL_ERROR -> "Something went wrong on our side.";
            default -> code.title() + ".";
        });
    }

    /** One rejected field: where it is in the request, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
