package dev.leeway.projection.web;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.problems.Problem;
import dev.leeway.projection.stream.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;

/** Every refusal as {@code application/problem+json} with a stable code, and never a stack trace. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Problem> refused(ApiProblem e) {
        return response(e.problem());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException e) {
        return response(Problem.of(ErrorCode.VALIDATION_FAILED, "'" + e.getValue() + "' is not a valid " + e.getName() + ".",
                List.of(new Problem.FieldError(e.getName(), "is not a valid value"))));
    }

    /** A header value the firewall refuses, met when a handler first reads the headers. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Problem> rejected(RequestRejectedException e) {
        return response(Problem.of(ErrorCode.MALFORMED_REQUEST,
                "The request has a header, path or method this service refuses."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e) {
        if (FailureKind.of(e) == FailureKind.TRANSIENT) {
            log.warn("The read-model database is unavailable while serving a request: {}", e.toString());
            return response(Problem.of(ErrorCode.INTERNAL_ERROR,
                    "The read-model database is unavailable; try again later. No event is lost."));
        }
        log.error("Unhandled error while serving a request", e);
        return response(Problem.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."));
    }

    private static ResponseEntity<Problem> response(Problem problem) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
