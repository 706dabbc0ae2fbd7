package dev.leeway.query.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.leeway.kernel.ErrorCode;
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
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.stream.Collectors;

/** Every refusal as {@code application/problem+json} with a stable code, and never a stack trace. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Problem> refused(ApiProblem e) {
        return response(Problem.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException e) {
        return response(Problem.of(ErrorCode.VALIDATION_FAILED, "'" + e.getValue() + "' is not a valid " + e.getName() + ".",
                List.of(new Problem.FieldError(e.getName(), "is not a valid value"))));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Problem> invalid(HandlerMethodValidationException e) {
        List<Problem.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new Problem.FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return response(Problem.of(ErrorCode.VALIDATION_FAILED, "The request has invalid parameters.", errors));
    }

    /** A request body (the what-if's terms) that is not JSON, or not the JSON the endpoint reads. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof StreamReadException read && read.getOriginalMessage().startsWith("Duplicate field")) {
            return response(Problem.of(ErrorCode.DUPLICATE_FIELD, read.getOriginalMessage()
                    + ": each field may appear once."));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return response(Problem.of(ErrorCode.UNKNOWN_FIELD, "Unknown field '" + field + "'.",
                    List.of(new Problem.FieldError(field, "is not a known field"))));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return response(Problem.of(ErrorCode.VALIDATION_FAILED, "Field '" + field + "' has an invalid value.",
                    List.of(new Problem.FieldError(field, "has an invalid value"))));
        }
        return response(Problem.of(ErrorCode.MALFORMED_JSON, cause instanceof JsonProcessingException
                ? "The request body is not well-formed JSON." : "The request body is missing or unreadable."));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Problem> invalidBody(MethodArgumentNotValidException e) {
        List<Problem.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new Problem.FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return response(Problem.of(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.", errors));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return response(Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json."));
    }

    /** A path id that is blank or otherwise converts to nothing, e.g. {@code /cases/%20}. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<Problem> missingPathVariable(MissingPathVariableException e) {
        return response(Problem.of(ErrorCode.VALIDATION_FAILED,
                "'" + e.getVariableName() + "' in the path is not a valid value.",
                List.of(new Problem.FieldError(e.getVariableName(), "is not a valid value"))));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<Problem> unbindable(ServletRequestBindingException e) {
        return response(Problem.of(ErrorCode.VALIDATION_FAILED,
                "The request is missing a required part or has an invalid one."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return response(Problem.of(ErrorCode.NOT_ACCEPTABLE, "This resource answers application/json."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return response(Problem.of(ErrorCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported here."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> notFound(NoResourceFoundException e) {
        return response(Problem.of(ErrorCode.NOT_FOUND, "No such resource."));
    }

    /** A header value the firewall refuses, met when a handler first reads the headers. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Problem> rejected(RequestRejectedException e) {
        return response(Problem.of(ErrorCode.MALFORMED_REQUEST,
                "The request has a header, path or method this service refuses."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e) {
        log.error("Unhandled error while serving a request", e);
        return response(Problem.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."));
    }

    /** The field as a client wrote it: {@code ownAuthorityLimits.AGENT}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static ResponseEntity<Problem> response(Problem problem) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
