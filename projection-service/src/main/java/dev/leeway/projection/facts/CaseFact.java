package dev.leeway.projection.facts;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/** One row of {@code case_fact}, as {@link CaseFactsFold} makes it. */
final class CaseFact {
    static final String COLUMNS = "case_id, channel, segment, severity, failure_cause, opened_at, opened_by, status, "
            + "first_resolved_at, first_resolved_by, outcome, last_resolved_by, resolutions, reopenings, "
            + "interactions, recontacts, satisfaction_score, satisfaction_credited_to, satisfaction_at, surveys, "
            + "bends_requested, bends_granted, bends_declined, bends_pending, last_sequence, opened_week, "
            + "seconds_to_resolve, bent_policies, granted_policies";

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
    /** Policies with a bend asked for on the case, and with one granted. */
    final SortedSet<String> bentPolicies = new TreeSet<>();
    final SortedSet<String> grantedPolicies = new TreeSet<>();

    /** The Monday (ISO week, UTC) of the day the case was opened: what analysts group "by week" by. */
    LocalDate openedWeek() {
        return LocalDate.ofInstant(openedAt.toInstant(), ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Seconds from opening to the first resolution, to the microsecond PostgreSQL keeps; null while unresolved. */
    Double secondsToResolve() {
        return firstResolvedAt == null ? null : (micros(firstResolvedAt) - micros(openedAt)) / 1_000_000.0;
    }

    private static long micros(Timestamp time) {
        return Math.floorDiv(time.getTime(), 1_000L) * 1_000_000L + time.getNanos() / 1_000;
    }

    Object[] values() {
        return new Object[]{caseId, channel, segment, severity, failureCause, openedAt, openedBy, status,
                firstResolvedAt, firstResolvedBy, outcome, lastResolvedBy, resolutions, reopenings, interactions,
                recontacts, satisfactionScore, satisfactionCreditedTo, satisfactionAt, surveys, bendsRequested,
                bendsGranted, bendsDeclined, bendsPending, lastSequence, openedWeek(), secondsToResolve(),
                bentPolicies.toArray(String[]::new), grantedPolicies.toArray(String[]::new)};
    }
}
