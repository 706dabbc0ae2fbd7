package dev.leeway.command.cases;

enum CaseStatus {
    OPEN
}
