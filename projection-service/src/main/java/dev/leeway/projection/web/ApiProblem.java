package dev.leeway.projection.web;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.problems.Problem;

import java.util.List;

/** A refusal that maps straight to a problem response with its code. */
public class ApiProblem extends RuntimeException {

    private final transient Problem problem;

    public ApiProblem(ErrorCode code, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.problem = Problem.of(code, detail, errors);
    }

    public static ApiProblem invalid(String parameter, String message) {
        return new ApiProblem(ErrorCode.VALIDATION_FAILED, "The request has invalid parameters.",
                List.of(new Problem.FieldError(parameter, message)));
    }

    Problem problem() {
        return problem;
    }
}
