package dev.leeway.command.web;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.problems.Problem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;

/** Problem responses, with the status and media type that go with the code. */
final class Problems {

    private Problems() {
    }

    static ResponseEntity<Problem> response(ErrorCode code, String detail) {
        return response(Problem.of(code, detail));
    }

    static ResponseEntity<Problem> response(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        return response(Problem.of(code, detail, errors));
    }

    static ResponseEntity<Problem> response(Problem problem) {
        return ResponseEntity.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
