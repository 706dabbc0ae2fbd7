package dev.leeway.command.imports;

import dev.leeway.kernel.problems.Problem;

/** A line refused before any of its commands was sent: the problem the API would have answered for it. */
class RejectedLine extends RuntimeException {

    private final transient Problem problem;

    RejectedLine(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
