package dev.leeway.query.web;

import dev.leeway.kernel.ErrorCode;

/** A refusal that maps straight to a problem response with its code. */
public class ApiProblem extends RuntimeException {

    private final ErrorCode code;

    public ApiProblem(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
