package dev.leeway.query.audit;

import java.math.BigDecimal;
import java.util.List;

/** The chain of custody of one bend: who asked, who granted under which authority, who reviewed, what followed. */
public record BendCustodyView(String exceptionId,
                              String caseId,
                              String policyCode,
                              Integer policyVersion,
                              BigDecimal valueAmount,
                              String valueCurrency,
                              String reasonCode,
                              String status,
                              String authority,
                              String approverRole,
                              Step requested,
                              Step granted,
                              Step declined,
                              Step reviewed,
                              String reviewVerdict,
                              List<RuleChange> ruleChanges) {

    /** Someone acted on the bend: who, when, and at which position of the log. */
    public record Step(String by, String at, long position) {
    }

    /** A later proposal (PROPOSED) or revision (REVISED) of the rulebook that cites this bend. */
    public record RuleChange(String kind, String policyCode, String reference, String by, String at, long position) {
    }
}
