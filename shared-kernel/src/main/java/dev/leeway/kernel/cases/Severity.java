package dev.leeway.kernel.cases;

public enum Severity {
    MINOR,
    MAJOR,
    CRITICAL
}
