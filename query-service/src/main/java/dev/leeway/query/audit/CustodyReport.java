package dev.leeway.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
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
 * model): an auditor's answer does not depend on a projection being right.
 */
@Component
class CustodyReport {

    private static final List<String> TYPES = Stream.of(ExceptionRequested.class, ExceptionGranted.class,
            ExceptionDeclined.class, ExceptionReviewed.class, RuleChangeProposed.class, PolicyRevised.class)
            .map(Class::getName).toList();

    private final AuditEventStore store;

    CustodyReport(AuditEventStore store) {
        this.store = store;
    }

    /** Bends first asked for (or granted at once) in [from, to), optionally of one policy or involving one person. */
    List<BendCustodyView> bends(Instant from, Instant to, String policy, String actor) {
        Map<String, Custody> bends = new LinkedHashMap<>();
        store.ofTypes(TYPES, row -> {
            StoredEvent event = AuditLogReader.event(row);
            JsonNode payload = store.parse(event.payload());
            String type = AuditEventStore.simpleName(event.payloadType());
            Step step = new Step(null, event.timeStamp(), event.globalIndex());
            switch (type) {
                case "ExceptionRequested" -> bends.computeIfAbsent(payload.path("exceptionId").asText(), id -> new Custody())
                        .asked(payload, step, "PENDING");
                case "ExceptionGranted" -> bends.computeIfAbsent(payload.path("exceptionId").asText(), id -> new Custody())
                        .granted(payload, step);
                case "ExceptionDeclined" -> bends.computeIfAbsent(payload.path("exceptionId").asText(), id -> new Custody())
                        .declined(payload, step);
                case "ExceptionReviewed" -> bends.computeIfAbsent(payload.path("exceptionId").asText(), id -> new Custody())
                        .reviewed(payload, step);
                case "RuleChangeProposed" -> payload.path("citedExceptionIds").forEach(id ->
                        bends.computeIfAbsent(id.asText(), any -> new Custody()).ruleChanges.add(new RuleChange(
                                "PROPOSED", payload.path("policyCode").asText(), payload.path("proposalId").asText(),
                                payload.path("proposedBy").asText(null), event.timeStamp(), event.globalIndex())));
                case "PolicyRevised" -> payload.path("motivatingExceptionIds").forEach(id ->
                        bends.computeIfAbsent(id.asText(), any -> new Custody()).ruleChanges.add(new RuleChange(
                                "REVISED", payload.path("policyCode").asText(), "version " + payload.path("version").asInt(),
                                store.metadata(event).path("actorId").asText(null), event.timeStamp(),
                                event.globalIndex())));
                default -> {
                }
            }
        });
        List<BendCustodyView> views = new ArrayList<>();
        bends.forEach((exceptionId, custody) -> {
            if (custody.requested != null && custody.within(from, to) && custody.matches(policy, actor)) {
                views.add(custody.toView(exceptionId));
            }
        });
        return views;
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

        void asked(JsonNode p, Step at, String newStatus) {
            caseId = p.path("caseId").asText();
            policyCode = p.path("policyCode").asText();
            policyVersion = p.path("policyVersion").asInt();
            valueAmount = p.path("valueGiven").path("amount").decimalValue();
            valueCurrency = p.path("valueGiven").path("currency").asText();
            reasonCode = p.path("reasonCode").asText();
            approverRole = p.path("approverRole").asText(null);
            requested = new Step(p.path("requestedBy").asText(), at.at(), at.position());
            status = newStatus;
        }

        void granted(JsonNode p, Step at) {
            if (requested == null) {
                asked(p, at, "GRANTED"); // granted at once, on the asker's own authority
            }
            policyVersion = p.path("policyVersion").asInt();
            authority = p.path("authority").asText();
            granted = new Step(p.path("grantedBy").asText(), at.at(), at.position());
            status = "GRANTED";
        }

        void declined(JsonNode p, Step at) {
            declined = new Step(p.path("declinedBy").asText(), at.at(), at.position());
            status = "DECLINED";
        }

        void reviewed(JsonNode p, Step at) {
            reviewed = new Step(p.path("reviewedBy").asText(), at.at(), at.position());
            verdict = p.path("verdict").asText();
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
