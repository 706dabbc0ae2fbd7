package dev.leeway.command;

import dev.leeway.kernel.ErrorCode;

/**
 * A command refused by a rule (a guardrail, a state check, a missing aggregate). Thrown before any event is
 * applied, so nothing is stored; the API answers with the code's problem response.
 */
public class CommandRejectedException extends RuntimeException {

    private final ErrorCode code;

    public CommandRejectedException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** Refuses with {@code code} unless {@code condition} holds. */
    public static void require(boolean condition, ErrorCode code, String detail) {
        if (!condition) {
            throw new CommandRejectedException(code, detail);
        }
    }
}
