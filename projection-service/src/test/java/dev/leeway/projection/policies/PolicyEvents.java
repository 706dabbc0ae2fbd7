package dev.leeway.projection.policies;

import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.projection.support.CaseEventRecords;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.Map;

/** Test data for the policy read model: terms in EUR, and Policy events as the publisher sends them. */
final class PolicyEvents {

    /** 1 followed by a hundred thousand zeros: an amount an earlier version stored before bounds existed. */
    static final String BEYOND_BOUNDS = "1" + "0".repeat(100_000);

    private PolicyEvents() {
    }

    static PolicyTerms terms(String title, String agentLimit, String supervisorLimit, String monthlyBudget) {
        return new PolicyTerms(title, "Customers keep coming back late", PolicyKind.BENDABLE, DeviationUnit.DAYS,
                Map.of(Role.AGENT, Money.of(agentLimit, "EUR"), Role.SUPERVISOR, Money.of(supervisorLimit, "EUR")),
                Money.of(monthlyBudget, "EUR"));
    }

    static ProducerRecord<String, String> record(String policyCode, long sequence, Object event, Instant at) {
        return CaseEventRecords.of("Policy", policyCode, sequence, event, at);
    }
}
