package dev.leeway.query.audit;

import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.RuleChangeProposed;
import dev.leeway.query.audit.BendCustodyView.RuleChange;
import dev.leeway.query.audit.BendCustodyView.Step;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Every bend of a period with its full chain of custody, read from the event store itself (not from a read
 * model): an auditor's answer does not depend on a projection being right. Events are read through the one
 * codec ({@link EventDecoder}), so an older revision means here what it means everywhere.
 */
@Component
class CustodyReport {

    private static final List<String> TYPES = Stream.of(ExceptionRequested.class, ExceptionGranted.class,
            ExceptionDeclined.class, ExceptionReviewed.class, RuleChangeProposed.class, PolicyRevised.class)
            .map(Class::getName).toList();

    private final AuditEventStore store;
    private final EventDecoder decoder;

    CustodyReport(AuditEventStore store, EventDecoder decoder) {
        this.store = store;
        this.decoder = decoder;
    }

    /** Bends first asked for (or granted at once) in [from, to), optionally of one policy or involving one person. */
    List<BendCustodyView> bends(Instant from, Instant to, String policy, String actor) {
        Map<ExceptionId, Custody> bends = new LinkedHashMap<>();
        store.ofTypes(TYPES, row -> {
            StoredEvent stored = AuditLogReader.event(row);
            Step step = new Step(null, stored.timeStamp(), stored.globalIndex());
            Object event = decoder.decode(stored);
            if (event instanceof ExceptionRequested requested) {
                custody(bends, requested.exceptionId()).asked(requested, step);
            } else if (event instanceof ExceptionGranted granted) {
                custody(bends, granted.exceptionId()).granted(granted, step);
            } else if (event instanceof ExceptionDeclined declined) {
                custody(bends, declined.exceptionId()).declined(declined, step);
            } else if (event instanceof ExceptionReviewed reviewed) {
                custody(bends, reviewed.exceptionId()).reviewed(reviewed, step);
            } else if (event instanceof RuleChangeProposed proposed) {
                proposed.citedExceptionIds().forEach(id -> custody(bends, id).ruleChanges.add(new RuleChange(
                        "PROPOSED", proposed.policyCode().value(), Objects.toString(proposed.proposalId(), null),
                        proposed.proposedBy(), stored.timeStamp(), stored.globalIndex())));
            } else if (event instanceof PolicyRevised revised) {
                String by = store.actorId(stored);
                revised.motivatingExceptionIds().forEach(id -> custody(bends, id).ruleChanges.add(new RuleChange(
                        "REVISED", revised.policyCode().value(), "version " + revised.version(), by,
                        stored.timeStamp(), stored.globalIndex())));
            }
        });
        List<BendCustodyView> views = new ArrayList<>();
        bends.forEach((exceptionId, custody) -> {
            if (custody.requested != null && custody.within(from, to) && custody.matches(policy, actor)) {
                views.add(custody.toView(Objects.toString(exceptionId, null)));
            }
        });
        return views;
    }

    private static Custody custody(Map<ExceptionId, Custody> bends, ExceptionId exceptionId) {
        return bends.computeIfAbsent(exceptionId, id -> new Custody());
    }

    /** One bend's custody as the events arrive. */
    private static final class Custody {
        private String caseId;
        private String policyCode;
        private Integer policyVersion;
        private BigDecimal valueAmount;
        private String valueCurrency;
        private String reasonCode;
        private String status;
        private String authority;
        private String approverRole;
        private Step requested;
        private Step granted;
        private Step declined;
        private Step reviewed;
        private String verdict;
        private final List<RuleChange> ruleChanges = new ArrayList<>();

        void asked(ExceptionRequested e, Step at) {
            asked(e.caseId(), e.policyCode(), e.policyVersion(), e.valueGiven(), e.reasonCode(), e.requestedBy(), at);
            approverRole = e.approverRole() == null ? null : e.approverRole().name();
            status = "PENDING";
        }

        void granted(ExceptionGranted e, Step at) {
            if (requested == null) { // granted at once, on the asker's own authority
                asked(e.caseId(), e.policyCode(), e.policyVersion(), e.valueGiven(), e.reasonCode(), e.requestedBy(), at);
            }
            policyVersion = e.policyVersion();
            authority = e.authority() == null ? null : e.authority().name();
            granted = new Step(e.grantedBy(), at.at(), at.position());
            status = "GRANTED";
        }

        void declined(ExceptionDeclined e, Step at) {
            declined = new Step(e.declinedBy(), at.at(), at.position());
            status = "DECLINED";
        }

        void reviewed(ExceptionReviewed e, Step at) {
            reviewed = new Step(e.reviewedBy(), at.at(), at.position());
            verdict = e.verdict() == null ? null : e.verdict().name();
        }

        private void asked(CaseId caseId, PolicyCode policyCode, int policyVersion, Money valueGiven,
                           String reasonCode, String requestedBy, Step at) {
            this.caseId = Objects.toString(caseId, null);
            this.policyCode = Objects.toString(policyCode, null);
            this.policyVersion = policyVersion;
            this.valueAmount = valueGiven == null ? null : valueGiven.amount();
            this.valueCurrency = valueGiven == null ? null : valueGiven.currency().getCurrencyCode();
            this.reasonCode = reasonCode;
            this.requested = new Step(requestedBy, at.at(), at.position());
        }

        boolean within(Instant from, Instant to) {
            Instant asked = Instant.parse(requested.at());
            return (from == null || !asked.isBefore(from)) && (to == null || asked.isBefore(to));
        }

        boolean matches(String policy, String actor) {
            if (policy != null && !policy.equals(policyCode)) {
                return false;
            }
            return actor == null || Stream.of(requested, granted, declined, reviewed)
                    .filter(Objects::nonNull).anyMatch(step -> actor.equals(step.by()));
        }

        BendCustodyView toView(String exceptionId) {
            return new BendCustodyView(exceptionId, caseId, policyCode, policyVersion, valueAmount, valueCurrency,
                    reasonCode, status, authority, approverRole, requested, granted, declined, reviewed, verdict,
                    List.copyOf(ruleChanges));
        }
    }
}
