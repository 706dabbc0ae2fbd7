package dev.leeway.projection.facts;

import java.sql.Timestamp;
import java.util.UUID;

/** One row of {@code case_fact}, as {@link CaseFactsFold} makes it. */
final class CaseFact {
    static final String COLUMNS = "case_id, channel, segment, severity, failure_cause, opened_at, opened_by, status, "
            + "first_resolved_at, first_resolved_by, outcome, last_resolved_by, resolutions, reopenings, "
            + "interactions, recontacts, satisfaction_score, satisfaction_credited_to, satisfaction_at, surveys, "
            + "bends_requested, bends_granted, bends_declined, bends_pending, last_sequence";

    UUID caseId;
    String channel;
    String segment;
    String severity;
    String failureCause;
    Timestamp openedAt;
    String openedBy;
    String status;
    Timestamp firstResolvedAt;
    String firstResolvedBy;
    String outcome;
    String lastResolvedBy;
    int resolutions;
    int reopenings;
    int interactions;
    int recontacts;
    Integer satisfactionScore;
    String satisfactionCreditedTo;
    Timestamp satisfactionAt;
    int surveys;
    int bendsRequested;
    int bendsGranted;
    int bendsDeclined;
    int bendsPending;
    long lastSequence;

    Object[] values() {
        return new Object[]{caseId, channel, segment, severity, failureCause, openedAt, openedBy, status,
                firstResolvedAt, firstResolvedBy, outcome, lastResolvedBy, resolutions, reopenings, interactions,
                recontacts, satisfactionScore, satisfactionCreditedTo, satisfactionAt, surveys, bendsRequested,
                bendsGranted, bendsDeclined, bendsPending, lastSequence};
    }
}
