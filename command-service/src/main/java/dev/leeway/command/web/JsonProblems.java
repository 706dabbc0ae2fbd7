package dev.leeway.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.problems.Problem;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a JSON text could not be read into a request, as the problem the client gets: one translation, used for a
 * request body by {@link ApiExceptionHandler} and for each line of a history import, so that both refuse the same
 * input with the same code and field.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** The problem for {@code failure}, thrown by Jackson (or anything else that made the text unreadable). */
    public static Problem describe(Throwable failure) {
        if (failure instanceof StreamReadException read && read.getOriginalMessage().startsWith("Duplicate field")) {
            return Problem.of(ErrorCode.DUPLICATE_FIELD, read.getOriginalMessage() + ": each field may appear once.");
        }
        if (failure instanceof TextRules.UnacceptableText text) {
            return fieldProblem(path(text), text.getOriginalMessage(), "Field '" + path(text) + "' "
                    + text.getOriginalMessage() + ".");
        }
        if (causedBy(failure, InputCoercionException.class) && failure instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            return fieldProblem(path(mapping), "is out of range", "Field '" + path(mapping) + "' is out of range.");
        }
        if (failure instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return Problem.of(ErrorCode.UNKNOWN_FIELD, "Unknown field '" + field + "'.",
                    List.of(new Problem.FieldError(field, "is not a known field")));
        }
        if (failure instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            String field = path(invalid);
            return fieldProblem(field, "must be one of " + allowed,
                    "'" + invalid.getValue() + "' is not an accepted value for '" + field + "'.");
        }
        if (failure instanceof ValueInstantiationException invalid && !invalid.getPath().isEmpty()) {
            String reason = rootCause(invalid).getMessage();
            return fieldProblem(path(invalid), reason, "Field '" + path(invalid) + "' " + reason + ".");
        }
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return fieldProblem(path(mapping), "has the wrong type", "Field '" + path(mapping) + "' has the wrong type.");
        }
        return Problem.of(ErrorCode.MALFORMED_JSON, failure instanceof JsonProcessingException
                ? "The request body is not well-formed JSON."
                : "The request body is missing or unreadable.");
    }

    private static Problem fieldProblem(String field, String message, String detail) {
        return Problem.of(ErrorCode.VALIDATION_FAILED, detail, List.of(new Problem.FieldError(field, message)));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
