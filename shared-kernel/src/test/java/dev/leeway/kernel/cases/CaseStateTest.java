package dev.leeway.kernel.cases;

import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CaseStateTest {

    private static final CaseId CASE = new CaseId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final ExceptionId BEND = new ExceptionId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final PolicyCode POLICY = new PolicyCode("RETURN-WINDOW");

    private final CaseState opened = CaseState.NONE.evolve(
            new CaseOpened(CASE, new CustomerId("C-1"), Channel.PHONE, PersonalText.legacy("Late return"), null, null), "alice");

    @Test
    void anOpenedCaseIsOpenAtVersionZeroWithItsOpenerAsActor() {
        assertThat(opened.isOpen()).isTrue();
        assertThat(opened.version()).isZero();
        assertThat(opened.actors()).containsExactly("alice");
    }

    @Test
    void aRequestedBendIsPendingUntilApprovedAndRemembersWhoMustApprove() {
        CaseState requested = opened.evolve(requested(), "alice");
        CaseState approved = requested.evolve(granted(Authority.APPROVED, "sam"), "sam");

        assertThat(requested.bend(BEND)).hasValueSatisfying(bend -> {
            assertThat(bend.status()).isEqualTo(BendStatus.PENDING);
            assertThat(bend.approverRole()).isEqualTo(Role.SUPERVISOR);
        });
        assertThat(approved.bend(BEND)).hasValueSatisfying(bend -> {
            assertThat(bend.status()).isEqualTo(BendStatus.GRANTED);
            assertThat(bend.authority()).isEqualTo(Authority.APPROVED);
            assertThat(bend.grantedBy()).isEqualTo("sam");
            assertThat(bend.requestedBy()).isEqualTo("alice");
            assertThat(bend.policyVersion()).isEqualTo(3);
        });
        assertThat(approved.version()).isEqualTo(2);
    }

    @Test
    void resolvingThenReopeningCountsResolutionsAndResetsTheSurvey() {
        CaseState resolved = opened.evolve(new CaseResolved(CASE, Outcome.SOLVED, PersonalText.legacy("done")), "bob");
        CaseState rated = resolved.evolve(new SatisfactionRecorded(CASE, 5, null, 1, resolved.actors()), "bob");
        CaseState reopened = rated.evolve(new CaseReopened(CASE, PersonalText.legacy("broke again")), "carol");
        CaseState resolvedAgain = reopened.evolve(new CaseResolved(CASE, Outcome.SOLVED, PersonalText.legacy("done")), "carol");

        assertThat(rated.satisfactionRecorded()).isTrue();
        assertThat(reopened.isOpen()).isTrue();
        assertThat(resolvedAgain.resolutions()).isEqualTo(2);
        assertThat(resolvedAgain.satisfactionRecorded()).isFalse();
        assertThat(resolvedAgain.actors()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void assignmentIsNotActingOnTheCase() {
        CaseState assigned = opened.evolve(new CaseAssigned(CASE, "dave"), "sam");

        assertThat(assigned.assignee()).isEqualTo("dave");
        assertThat(assigned.actors()).containsExactly("alice");
    }

    private static ExceptionRequested requested() {
        return new ExceptionRequested(CASE, BEND, POLICY, 3, new Deviation(BigDecimal.TEN, DeviationUnit.DAYS),
                Money.of("80", "EUR"), "LATE_RETURN", PersonalText.legacy("Customer was in hospital"), "alice", Role.SUPERVISOR);
    }

    private static ExceptionGranted granted(Authority authority, String grantedBy) {
        return new ExceptionGranted(CASE, BEND, POLICY, 3, new Deviation(BigDecimal.TEN, DeviationUnit.DAYS),
                Money.of("80", "EUR"), "LATE_RETURN", PersonalText.legacy("Customer was in hospital"), authority, "alice", grantedBy);
    }
}
