package dev.leeway.command.cases;

import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.command.policies.Rulebook;
import dev.leeway.command.support.ApiClient;
import dev.leeway.command.support.CommandApiTest;
import dev.leeway.command.support.PoisonedEvents;
import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.privacy.PersonalText;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.leeway.command.support.PoisonedEvents.MARKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store that already holds the poisoned events of issue 8 (a bend whose deviation, and a pending bend whose
 * value, is 1e100000 written out in full; a policy revision whose own-authority limit is the same): every
 * endpoint that touches them still answers, with a 422 where a command would need the unusable value. (Reading
 * the rulebook over HTTP is query-service's; its projection is tested in projection-service.)
 */
class PoisonedStoreIT extends CommandApiTest {

    @Autowired
    Rulebook rulebook;

    @Test
    void aCaseHoldingAPoisonedBendStillTakesEveryCommand() {
        String policy = definePolicy("BENDABLE", "DAYS", 50, 500, 1000);
        ApiClient agent = as(unique("agent"), Role.AGENT);
        ApiClient supervisor = as(unique("sam"), Role.SUPERVISOR);
        String caseId = openCase(agent);
        ExceptionId granted = new ExceptionId(UUID.randomUUID());
        ExceptionId pending = new ExceptionId(UUID.randomUUID());
        ExceptionId pendingToDecline = new ExceptionId(UUID.randomUUID());
        CaseId id = new CaseId(UUID.fromString(caseId));
        PoisonedEvents.append(jdbc, "Case", caseId, 1, new ExceptionGranted(id, granted, new PolicyCode(policy), 1,
                        new Deviation(new BigDecimal(MARKER), DeviationUnit.DAYS), Money.of("10", "EUR"), "LATE",
                        PersonalText.legacy("old"), Authority.OWN_LIMIT, "alice", "alice"), "alice", "AGENT");
        PoisonedEvents.append(jdbc, "Case", caseId, 2, requested(id, pending, policy), "alice", "AGENT");
        PoisonedEvents.append(jdbc, "Case", caseId, 3, requested(id, pendingToDecline, policy), "alice", "AGENT");
        long stored = storedEvents();

        ApiClient.Response approve = supervisor.post("/cases/" + caseId + "/exceptions/" + pending + "/decision",
                "{\"decision\":\"APPROVE\"}");
        assertThat(approve.status()).as(approve.body()).isEqualTo(422);
        assertThat(approve.code()).isEqualTo("VALUE_OUT_OF_BOUNDS");
        assertThat(storedEvents()).isEqualTo(stored);

        assertThat(agent.post("/cases/" + caseId + "/interactions",
                "{\"channel\":\"PHONE\",\"direction\":\"IN\",\"summary\":\"Called again\"}").status()).isEqualTo(200);
        assertThat(supervisor.post("/cases/" + caseId + "/exceptions/" + pendingToDecline + "/decision",
                "{\"decision\":\"DECLINE\",\"note\":\"Ask again\"}").status()).isEqualTo(200);
        assertThat(supervisor.post("/cases/" + caseId + "/exceptions/" + granted + "/review",
                "{\"verdict\":\"UPHELD\"}").status()).isEqualTo(200);
        ApiClient.Response bend = agent.post("/cases/" + caseId + "/exceptions", """
                {"policyCode":"%s","deviation":3,"valueGiven":{"amount":20,"currency":"EUR"},
                 "reasonCode":"LATE","justification":"Asked again"}""".formatted(policy));
        assertThat(bend.status()).as(bend.body()).isEqualTo(201);
        assertThat(agent.post("/cases/" + caseId + "/resolution",
                "{\"outcome\":\"SOLVED\",\"summary\":\"Done\"}").status()).isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(stored + 5);
    }

    @Test
    void aPolicyRevisedWithAPoisonedLimitIsReadRefusesBendsAndCanBeRevisedBack() throws Exception {
        String policy = definePolicy("BENDABLE", "MONEY", 50, 500, 1000);
        PolicyTerms poisonedTerms = new PolicyTerms(policy, "Test rule", PolicyKind.BENDABLE, DeviationUnit.MONEY,
                Map.of(Role.AGENT, Money.of(MARKER, "EUR"), Role.SUPERVISOR, Money.of("500", "EUR")),
                Money.of("1000", "EUR"));
        PoisonedEvents.append(jdbc, "Policy", policy, 1, new PolicyRevised(new PolicyCode(policy), 2, poisonedTerms,
                List.of("ownAuthorityLimits"), null, List.of()), "olivia", "POLICY_OWNER");
        // The command side's rulebook row, as the earlier version's subscribing processor wrote it.
        jdbc.update("UPDATE event_store.policy_current SET version = 2, terms = ? WHERE policy_code = ?",
                PoisonedEvents.poisoned(poisonedTerms), policy);
        ApiClient agent = as(unique("agent"), Role.AGENT);
        ApiClient owner = as("olivia", Role.POLICY_OWNER);
        String caseId = openCase(agent);
        long stored = storedEvents();

        CurrentPolicy poisoned = rulebook.find(new PolicyCode(policy)).orElseThrow();
        ApiClient.Response bend = agent.post("/cases/" + caseId + "/exceptions", """
                {"policyCode":"%s","deviation":20,"valueGiven":{"amount":20,"currency":"EUR"},
                 "reasonCode":"NO_FORM","justification":"Receipt on the phone"}""".formatted(policy));

        assertThat(poisoned.version()).isEqualTo(2);
        assertThat(poisoned.terms().withinBounds()).isFalse();
        assertThat(poisoned.terms().ownAuthorityLimits().get(Role.AGENT).withinBounds()).isFalse();
        assertThat(poisoned.terms().ownAuthorityLimits().get(Role.SUPERVISOR).amount()).isEqualByComparingTo("500");
        assertThat(bend.status()).as(bend.body()).isEqualTo(422);
        assertThat(bend.code()).isEqualTo("VALUE_OUT_OF_BOUNDS");
        assertThat(storedEvents()).isEqualTo(stored);

        ApiClient.Response revised = owner.put("/policies/" + policy, """
                {"title":"%s","purpose":"Test rule","kind":"BENDABLE","unit":"MONEY","currency":"EUR",
                 "ownAuthorityLimits":{"AGENT":50,"SUPERVISOR":500},"monthlyBudgetPerAgent":1000}""".formatted(policy));
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        assertThat(revised.json().path("version").asInt()).isEqualTo(3);
        assertThat(rulebook.find(new PolicyCode(policy)).orElseThrow().terms().withinBounds()).isTrue();
        assertThat(agent.post("/cases/" + caseId + "/exceptions", """
                {"policyCode":"%s","deviation":20,"valueGiven":{"amount":20,"currency":"EUR"},
                 "reasonCode":"NO_FORM","justification":"Receipt on the phone"}""".formatted(policy)).status())
                .isEqualTo(201);
    }

    private static ExceptionRequested requested(CaseId caseId, ExceptionId exceptionId, String policy) {
        return new ExceptionRequested(caseId, exceptionId, new PolicyCode(policy), 1,
                new Deviation(BigDecimal.ONE, DeviationUnit.DAYS), Money.of(MARKER, "EUR"), "LATE",
                PersonalText.legacy("old"), "alice", Role.SUPERVISOR);
    }
}
