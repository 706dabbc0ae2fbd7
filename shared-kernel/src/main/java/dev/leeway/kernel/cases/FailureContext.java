package dev.leeway.kernel.cases;

/** What went wrong for the customer, when known: how badly, and whose doing. Either part may be absent. */
public record FailureContext(Severity severity, FailureCause cause) {
}
