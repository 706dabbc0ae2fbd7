package dev.leeway.command.web;

import dev.leeway.command.CommandRejectedException;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.codec.EventLimitsExceededException;
import dev.leeway.kernel.problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
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
        if (causedBy(e, RequestBodyLimitFilter.BodyTooLargeException.class)) {
            return response(ErrorCode.BODY_TOO_LARGE, rootCause(e).getMessage());
        }
        return response(JsonProblems.describe(e.getCause()));
    }

    /** A body read by a handler itself (the history import spools its body) that grew past the limit. */
    @ExceptionHandler(RequestBodyLimitFilter.BodyTooLargeException.class)
    ResponseEntity<Problem> tooLarge(RequestBodyLimitFilter.BodyTooLargeException e) {
        return response(ErrorCode.BODY_TOO_LARGE, e.getMessage());
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
        return response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as " + listed(e.getSupportedMediaTypes()) + ".");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return response(ErrorCode.NOT_ACCEPTABLE, "This resource answers " + listed(e.getSupportedMediaTypes()) + ".");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return response(ErrorCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported here.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> notFound(NoResourceFoundException e) {
        return response(ErrorCode.NOT_FOUND, "No such resource.");
    }

    /** A header value the firewall refuses, met when a handler first reads the headers. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Problem> rejected(RequestRejectedException e) {
        return response(ErrorCode.MALFORMED_REQUEST, "The request has a header, path or method this service refuses.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e) {
        if (causedBy(e, EventLimitsExceededException.class)) {
            return eventOutOfBounds(find(e, EventLimitsExceededException.class));
        }
        log.error("Unhandled error while serving a request", e);
        return response(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.");
    }

    /** The media types a handler reads or writes, for the refusal's detail; JSON when Spring names none. */
    private static String listed(List<MediaType> types) {
        return types.isEmpty() ? MediaType.APPLICATION_JSON_VALUE
                : types.stream().map(MediaType::toString).distinct().collect(Collectors.joining(" or "));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return JsonProblems.causedBy(e, type);
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
        return JsonProblems.rootCause(e);
    }
}
