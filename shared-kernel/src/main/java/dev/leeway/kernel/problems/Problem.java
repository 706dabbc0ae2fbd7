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

    /** One rejected field: where it is in the request, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
