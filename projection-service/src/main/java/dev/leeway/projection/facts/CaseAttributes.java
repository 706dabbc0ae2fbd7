package dev.leeway.projection.facts;

import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * What a case is from its opening on and never changes: copied onto its actor and bend rows, so that analysts
 * filter and group those by their case without a join.
 */
record CaseAttributes(Timestamp openedAt, LocalDate openedWeek, String channel, String segment) {

    static final String COLUMNS = "case_opened_at, case_opened_week, case_channel, case_segment";

    static CaseAttributes of(CaseFact fact) {
        return new CaseAttributes(fact.openedAt, fact.openedWeek(), fact.channel, fact.segment);
    }
}
