package dev.leeway.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.leeway.command.CommandRejectedException;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.codec.EventLimitsExceededException;
import dev.leeway.kernel.problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static dev.leeway.command.web.Problems.response;

/**
 * Every refusal as {@code application/problem+json} with a stable code, and never a stack trace. A request
 * refused here never reached a command handler, so nothing was stored.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<Problem> rejected(CommandRejectedException e) {
        return response(e.code(), e.getMessage());
    }

    @ExceptionHandler(InvalidRequestValue.class)
    ResponseEntity<Problem> invalidValue(InvalidRequestValue e) {
        return response(ErrorCode.VALIDATION_FAILED, "Field '" + e.field() + "' " + e.getMessage() + ".",
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException e) {
        return response(ErrorCode.VALIDATION_FAILED, "'" + e.getValue() + "' is not a valid " + e.getName() + ".",
                List.of(new Problem.FieldError(e.getName(), "is not a valid value")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (causedBy(e, RequestBodyLimitFilter.BodyTooLargeException.class)) {
            return response(ErrorCode.BODY_TOO_LARGE, rootCause(e).getMessage());
        }
        if (cause instanceof StreamReadException read && read.getOriginalMessage().startsWith("Duplicate field")) {
            return response(ErrorCode.DUPLICATE_FIELD, read.getOriginalMessage() + ": each field may appear once.");
        }
        if (cause instanceof TextRules.UnacceptableText text) {
            String field = path(text);
            return response(ErrorCode.VALIDATION_FAILED, "Field '" + field + "' " + text.getOriginalMessage() + ".",
                    List.of(new Problem.FieldError(field, text.getOriginalMessage())));
        }
        if (causedBy(e, InputCoercionException.class) && cause instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return response(ErrorCode.VALIDATION_FAILED, "Field '" + field + "' is out of range.",
                    List.of(new Problem.FieldError(field, "is out of range")));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return response(ErrorCode.UNKNOWN_FIELD, "Unknown field '" + field + "'.",
                    List.of(new Problem.FieldError(field, "is not a known field")));
        }
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            String field = path(invalid);
            return response(ErrorCode.VALIDATION_FAILED,
                    "'" + invalid.getValue() + "' is not an accepted value for '" + field + "'.",
                    List.of(new Problem.FieldError(field, "must be one of " + allowed)));
        }
        if (cause instanceof ValueInstantiationException invalid && !invalid.getPath().isEmpty()) {
            String field = path(invalid);
            String reason = rootCause(invalid).getMessage();
            return response(ErrorCode.VALIDATION_FAILED, "Field '" + field + "' " + reason + ".",
                    List.of(new Problem.FieldError(field, reason)));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return response(ErrorCode.VALIDATION_FAILED, "Field '" + field + "' has the wrong type.",
                    List.of(new Problem.FieldError(field, "has the wrong type")));
        }
        String detail = cause instanceof JsonProcessingException
                ? "The request body is not well-formed JSON."
                : "The request body is missing or unreadable.";
        return response(ErrorCode.MALFORMED_JSON, detail);
    }

    /** A path id that is blank or otherwise converts to nothing, e.g. {@code /cases/%20}. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<Problem> missingPathVariable(MissingPathVariableException e) {
        return response(ErrorCode.VALIDATION_FAILED, "'" + e.getVariableName() + "' in the path is not a valid value.",
                List.of(new Problem.FieldError(e.getVariableName(), "is not a valid value")));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<Problem> unbindable(ServletRequestBindingException e) {
        return response(ErrorCode.VALIDATION_FAILED, "The request is missing a required part or has an invalid one.");
    }

    /**
     * The event this command would store breaks the limits that keep every stored event readable: a value read
     * from an event stored before the request bounds existed, carried into a new one. Nothing was stored.
     */
    @ExceptionHandler(EventLimitsExceededException.class)
    ResponseEntity<Problem> eventOutOfBounds(EventLimitsExceededException e) {
        log.warn("Refused to store an event beyond the limits: {}", e.getMessage());
        return response(ErrorCode.VALUE_OUT_OF_BOUNDS,
                "The change would store a value beyond Leeway's bounds; nothing was stored.");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Problem> invalid(MethodArgumentNotValidException e) {
        List<Problem.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new Problem.FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return response(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.", errors);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return response(ErrorCode.NOT_ACCEPTABLE, "This resource answers application/json.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return response(ErrorCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported here.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> notFound(NoResourceFoundException e) {
        return response(ErrorCode.NOT_FOUND, "No such resource.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e) {
        if (causedBy(e, EventLimitsExceededException.class)) {
            return eventOutOfBounds(find(e, EventLimitsExceededException.class));
        }
        log.error("Unhandled error while serving a request", e);
        return response(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " in the causes", e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
