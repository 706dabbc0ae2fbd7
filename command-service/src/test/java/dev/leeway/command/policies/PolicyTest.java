package dev.leeway.command.policies;

import dev.leeway.command.privacy.TextSealer;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.messaging.MetadataKeys;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyRetired;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.policies.ProposalId;
import dev.leeway.kernel.policies.RuleChangeProposed;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.leeway.command.support.Rejections.rejectedWith;

class PolicyTest {

    private static final PolicyCode CODE = new PolicyCode("RETURN-WINDOW");
    private static final ProposalId PROPOSAL = new ProposalId(UUID.fromString("00000000-0000-4000-8000-0000000000a1"));
    private static final ExceptionId BEND = new ExceptionId(UUID.fromString("00000000-0000-4000-8000-0000000000b1"));

    /** Seals visibly, so that the expected event can be written down: the proposal is stored sealed. */
    private static final TextSealer SEALER = text -> text == null ? null
            : PersonalText.sealed("proposal-key", "sealed(" + text + ")");

    private AggregateTestFixture<Policy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Policy.class);
        fixture.registerInjectableResource(SEALER);
    }

    @Test
    void aNewPolicyIsDefinedAtVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new PutPolicyCommand(CODE, terms("14"), null, List.of()))
                .expectEvents(new PolicyDefined(CODE, 1, terms("14")))
                .expectResultMessagePayload(1);
    }

    @Test
    void aRevisionNamesWhatChangedAndWhatMotivatedIt() {
        fixture.given(new PolicyDefined(CODE, 1, terms("14")))
                .when(new PutPolicyCommand(CODE, terms("30"), PROPOSAL, List.of(BEND)))
                .expectEvents(new PolicyRevised(CODE, 2, terms("30"), List.of("ownAuthorityLimits"), PROPOSAL,
                        List.of(BEND)))
                .expectResultMessagePayload(2);
    }

    @Test
    void puttingUnchangedTermsChangesNothing() {
        fixture.given(new PolicyDefined(CODE, 1, terms("14")))
                .when(new PutPolicyCommand(CODE, terms("14"), null, List.of()))
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void aRetiredPolicyIsNeitherRevisedNorRetiredAgain() {
        fixture.given(new PolicyDefined(CODE, 1, terms("14")), new PolicyRetired(CODE, 1, "obsolete"))
                .when(new PutPolicyCommand(CODE, terms("30"), null, List.of()))
                .expectException(rejectedWith(ErrorCode.POLICY_RETIRED))
                .expectNoEvents();
        fixture.given(new PolicyDefined(CODE, 1, terms("14")), new PolicyRetired(CODE, 1, "obsolete"))
                .when(new RetirePolicyCommand(CODE, "again"))
                .expectException(rejectedWith(ErrorCode.POLICY_RETIRED))
                .expectNoEvents();
    }

    @Test
    void aPolicyIsRetiredAtItsCurrentVersion() {
        fixture.given(new PolicyDefined(CODE, 1, terms("14")))
                .when(new RetirePolicyCommand(CODE, "Replaced by RETURNS-2027"))
                .expectEvents(new PolicyRetired(CODE, 1, "Replaced by RETURNS-2027"));
    }

    @Test
    void anyoneOnStaffMayProposeARuleChangeCitingBends() {
        fixture.given(new PolicyDefined(CODE, 1, terms("14")))
                .when(new ProposeRuleChangeCommand(CODE, PROPOSAL, "Allow 30 days for hospital stays", List.of(BEND)),
                        Map.of(MetadataKeys.ACTOR_ID, "alice"))
                .expectEvents(new RuleChangeProposed(CODE, PROPOSAL,
                        PersonalText.sealed("proposal-key", "sealed(Allow 30 days for hospital stays)"),
                        List.of(BEND), "alice"));
    }

    private static PolicyTerms terms(String agentLimit) {
        return new PolicyTerms("Returns within 14 days", "Keep stock sellable", PolicyKind.BENDABLE,
                DeviationUnit.DAYS, Map.of(Role.AGENT, Money.of(agentLimit, "EUR")), Money.of("200", "EUR"));
    }
}
