package dev.leeway.kernel.cases;

public enum CaseStatus {
    OPEN,
    RESOLVED
}
