package dev.leeway.query.cases;

/** The statuses a case list can be filtered by. */
enum CaseStatus {
    OPEN,
    RESOLVED
}
