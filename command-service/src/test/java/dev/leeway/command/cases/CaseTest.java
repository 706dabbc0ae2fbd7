package dev.leeway.command.cases;

import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.BendStatus;
import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.CustomerSegment;
import dev.leeway.kernel.cases.Direction;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.FailureCause;
import dev.leeway.kernel.cases.FailureContext;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.Outcome;
import dev.leeway.kernel.cases.ReviewVerdict;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.cases.Severity;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.List;

import static dev.leeway.command.cases.CaseFixtures.*;
import static dev.leeway.command.support.Rejections.rejectedWith;
import static org.hamcrest.Matchers.instanceOf;

class CaseTest {

    private Rulebook rulebook;
    private Budget budget;
    private AggregateTestFixture<Case> fixture;

    @BeforeEach
    void setUp() {
        rulebook = new Rulebook();
        budget = new Budget();
        fixture = CaseFixtures.fixture(rulebook, budget);
    }

    // --- opening and working a case ---

    @ParameterizedTest
    @EnumSource(Channel.class)
    void aCaseIsOpenedFromWhicheverChannelTheCustomerUsed(Channel channel) {
        fixture.givenNoPriorActivity()
                .when(new OpenCaseCommand(CASE_ID, CUSTOMER, channel, "Broken kettle", "Stopped after two days",
                        new FailureContext(Severity.MAJOR, FailureCause.COMPANY), new CustomerSegment("LOYAL")),
                        as(AGENT, Role.AGENT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CaseOpened(CASE_ID, CUSTOMER, channel, text("Broken kettle"), text("Stopped after two days"),
                        new FailureContext(Severity.MAJOR, FailureCause.COMPANY), new CustomerSegment("LOYAL")));
    }

    @Test
    void aCaseOpenedWithoutASegmentIsOfUnknownSegment() {
        fixture.givenNoPriorActivity()
                .when(new OpenCaseCommand(CASE_ID, CUSTOMER, Channel.CHAT, "Broken kettle", null, null, null),
                        as(AGENT, Role.AGENT))
                .expectEvents(new CaseOpened(CASE_ID, CUSTOMER, Channel.CHAT, text("Broken kettle"), text(null), null,
                        CustomerSegment.UNKNOWN));
    }

    @Test
    void anInteractionIsLoggedOnAnyChannelEvenAfterResolution() {
        fixture.given(by(AGENT, opened()), by(AGENT, new CaseResolved(CASE_ID, Outcome.SOLVED, text("done"))))
                .when(new LogInteractionCommand(CASE_ID, null, Channel.SOCIAL, Direction.IN, "Thanks!"), as(AGENT, Role.AGENT))
                .expectEvents(new InteractionLogged(CASE_ID, Channel.SOCIAL, Direction.IN, text("Thanks!")))
                .expectResultMessagePayload(2L);
    }

    @Test
    void anOpenCaseIsAssigned() {
        fixture.given(by(AGENT, opened()))
                .when(new AssignCaseCommand(CASE_ID, null, "bob"), as(AGENT, Role.AGENT))
                .expectEvents(new CaseAssigned(CASE_ID, "bob"));
    }

    // --- bending a rule ---

    @Test
    void aBendWithinTheAgentsLimitAndBudgetIsGrantedAtOnceUnderTheVersionInForce() {
        fixture.given(by(AGENT, opened()))
                .when(bend(RETURNS, "3", "40"), as(AGENT, Role.AGENT))
                .expectEvents(new ExceptionGranted(CASE_ID, BEND, RETURNS, 3, days(3), Money.of("40", "EUR"),
                        "LATE_RETURN", text("In hospital"), Authority.OWN_LIMIT, AGENT, AGENT))
                .expectResultMessagePayload(new BendOutcome(BEND, BendStatus.GRANTED, Authority.OWN_LIMIT, null, 1));
    }

    @Test
    void grantingAboveOwnLimitNeedsApprovalFromTheRoleWhoseLimitCoversIt() {
        fixture.given(by(AGENT, opened()))
                .when(bend(RETURNS, "10", "80"), as(AGENT, Role.AGENT))
                .expectEvents(new ExceptionRequested(CASE_ID, BEND, RETURNS, 3, days(10), Money.of("80", "EUR"),
                        "LATE_RETURN", text("In hospital"), AGENT, Role.SUPERVISOR))
                .expectResultMessagePayload(new BendOutcome(BEND, BendStatus.PENDING, null, Role.SUPERVISOR, 1));
    }

    @Test
    void aBendWithinTheLimitButOverTheMonthlyBudgetNeedsApproval() {
        budget.used.put(AGENT + "/" + RETURNS + "/2026-11", new BigDecimal("100"));

        fixture.given(by(AGENT, opened()))
                .when(bend(RETURNS, "2", "30"), as(AGENT, Role.AGENT))
                .expectEvents(new ExceptionRequested(CASE_ID, BEND, RETURNS, 3, days(2), Money.of("30", "EUR"),
                        "LATE_RETURN", text("In hospital"), AGENT, Role.AGENT));
    }

    @Test
    void aHardRuleIsNeverBent() {
        fixture.given(by(AGENT, opened()))
                .when(bend(SAFETY, "1", "0"), as(SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.POLICY_NOT_BENDABLE))
                .expectNoEvents();
    }

    @Test
    void anUnknownPolicyIsRefused() {
        fixture.given(by(AGENT, opened()))
                .when(bend(new dev.leeway.kernel.policies.PolicyCode("NO-SUCH-RULE"), "1", "1"), as(AGENT, Role.AGENT))
                .expectException(rejectedWith(ErrorCode.POLICY_UNKNOWN))
                .expectNoEvents();
    }

    @Test
    void aRetiredPolicyIsRefused() {
        fixture.given(by(AGENT, opened()))
                .when(bend(OLD, "1", "1"), as(AGENT, Role.AGENT))
                .expectException(rejectedWith(ErrorCode.POLICY_RETIRED))
                .expectNoEvents();
    }

    @Test
    void valueInAnotherCurrencyThanThePolicysIsRefused() {
        fixture.given(by(AGENT, opened()))
                .when(new BendPolicyCommand(CASE_ID, null, BEND, RETURNS, BigDecimal.ONE, Money.of("10", "USD"),
                        "LATE_RETURN", "In hospital"), as(AGENT, Role.AGENT))
                .expectException(rejectedWith(ErrorCode.CURRENCY_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void aResolvedCaseIsNotBent() {
        fixture.given(by(AGENT, opened()), by(AGENT, new CaseResolved(CASE_ID, Outcome.SOLVED, text("done"))))
                .when(bend(RETURNS, "1", "10"), as(AGENT, Role.AGENT))
                .expectException(rejectedWith(ErrorCode.CASE_NOT_OPEN))
                .expectNoEvents();
    }

    // --- maker-checker ---

    @Test
    void anotherSupervisorApprovesUnderTheVersionInForceAtApproval() {
        rulebook.policies.put(RETURNS, new CurrentPolicy(RETURNS, 4, terms(PolicyKind.BENDABLE, DeviationUnit.DAYS), false));

        fixture.given(by(AGENT, opened()), by(AGENT, requested("80")))
                .when(decide(true), as(SUPERVISOR, Role.SUPERVISOR))
                .expectEvents(new ExceptionGranted(CASE_ID, BEND, RETURNS, 4, days(10), Money.of("80", "EUR"),
                        "LATE_RETURN", text("In hospital"), Authority.APPROVED, AGENT, SUPERVISOR));
    }

    @Test
    void theRequesterCannotApproveTheirOwnBend() {
        fixture.given(by(SUPERVISOR, opened()), by(SUPERVISOR, requestedBy(SUPERVISOR, "800")))
                .when(decide(true), as(SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.SAME_PERSON_APPROVAL))
                .expectNoEvents();
    }

    @Test
    void anApproverWhoseOwnLimitDoesNotCoverTheValueCannotApprove() {
        fixture.given(by(AGENT, opened()), by(AGENT, requested("800")))
                .when(decide(true), as(SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.OVER_APPROVER_LIMIT))
                .expectNoEvents();
    }

    @Test
    void aSupervisorMayDeclineABend() {
        fixture.given(by(AGENT, opened()), by(AGENT, requested("80")))
                .when(decide(false), as(SUPERVISOR, Role.SUPERVISOR))
                .expectEvents(new ExceptionDeclined(CASE_ID, BEND, SUPERVISOR, text("note")));
    }

    @Test
    void aDecidedBendIsNotDecidedAgain() {
        fixture.given(by(AGENT, opened()), by(AGENT, requested("80")),
                        by(SUPERVISOR, new ExceptionDeclined(CASE_ID, BEND, SUPERVISOR, text("no"))))
                .when(decide(true), as(OTHER_SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.ALREADY_DECIDED))
                .expectNoEvents();
    }

    @Test
    void decidingAnUnknownBendIsNotFound() {
        fixture.given(by(AGENT, opened()))
                .when(decide(true), as(SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.EXCEPTION_NOT_FOUND))
                .expectNoEvents();
    }

    // --- review after the fact ---

    @Test
    void aGrantedBendIsReviewedBySomeoneElse() {
        fixture.given(by(AGENT, opened()), by(AGENT, grantedOwnLimit()))
                .when(review(), as(SUPERVISOR, Role.SUPERVISOR))
                .expectEvents(new ExceptionReviewed(CASE_ID, BEND, ReviewVerdict.UPHELD, text("fine"), SUPERVISOR));
    }

    @Test
    void whoeverGrantedABendCannotReviewIt() {
        fixture.given(by(AGENT, opened()), by(AGENT, requested("80")), by(SUPERVISOR, approvedBy(SUPERVISOR)))
                .when(review(), as(SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.SAME_PERSON_REVIEW))
                .expectNoEvents();
    }

    @Test
    void whoeverAskedForABendCannotReviewIt() {
        fixture.given(by(SUPERVISOR, opened()), by(SUPERVISOR, requestedBy(SUPERVISOR, "800")),
                        by(OTHER_SUPERVISOR, approved(SUPERVISOR, OTHER_SUPERVISOR)))
                .when(review(), as(SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.SAME_PERSON_REVIEW))
                .expectNoEvents();
    }

    @Test
    void aBendIsReviewedOnce() {
        fixture.given(by(AGENT, opened()), by(AGENT, grantedOwnLimit()),
                        by(SUPERVISOR, new ExceptionReviewed(CASE_ID, BEND, ReviewVerdict.COACHED, text("n"), SUPERVISOR)))
                .when(review(), as(OTHER_SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.ALREADY_REVIEWED))
                .expectNoEvents();
    }

    @Test
    void aPendingBendIsNotReviewed() {
        fixture.given(by(AGENT, opened()), by(AGENT, requested("80")))
                .when(review(), as(SUPERVISOR, Role.SUPERVISOR))
                .expectException(rejectedWith(ErrorCode.NOT_GRANTED))
                .expectNoEvents();
    }

    // --- resolution, satisfaction, reopening ---

    @Test
    void anOpenCaseIsResolvedOnce() {
        fixture.given(by(AGENT, opened()))
                .when(new ResolveCaseCommand(CASE_ID, null, Outcome.SOLVED, "Refunded"), as(AGENT, Role.AGENT))
                .expectEvents(new CaseResolved(CASE_ID, Outcome.SOLVED, text("Refunded")));
        fixture.given(by(AGENT, opened()), by(AGENT, new CaseResolved(CASE_ID, Outcome.SOLVED, text("done"))))
                .when(new ResolveCaseCommand(CASE_ID, null, Outcome.SOLVED, "again"), as(AGENT, Role.AGENT))
                .expectException(rejectedWith(ErrorCode.CASE_NOT_OPEN))
                .expectNoEvents();
    }

    @Test
    void satisfactionIsAttributedToEveryoneWhoActedNotToTheLastAssignee() {
        fixture.given(by(AGENT, opened()), by("bob", new InteractionLogged(CASE_ID, Channel.EMAIL, Direction.OUT, text("x"))),
                        by(SUPERVISOR, new CaseAssigned(CASE_ID, "zoe")),
                        by("bob", new CaseResolved(CASE_ID, Outcome.SOLVED, text("done"))))
                .when(new RecordSatisfactionCommand(CASE_ID, null, 5, "great"), as("zoe", Role.AGENT))
                .expectEvents(new SatisfactionRecorded(CASE_ID, 5, text("great"), 1, List.of(AGENT, "bob")));
    }

    @Test
    void satisfactionWaitsForResolution() {
        fixture.given(by(AGENT, opened()))
                .when(new RecordSatisfactionCommand(CASE_ID, null, 4, null), as(AGENT, Role.AGENT))
                .expectException(rejectedWith(ErrorCode.NOT_RESOLVED))
                .expectNoEvents();
    }

    @Test
    void satisfactionIsRecordedOncePerResolution() {
        fixture.given(by(AGENT, opened()), by(AGENT, new CaseResolved(CASE_ID, Outcome.SOLVED, text("done"))),
                        by(AGENT, new SatisfactionRecorded(CASE_ID, 5, null, 1, List.of(AGENT))))
                .when(new RecordSatisfactionCommand(CASE_ID, null, 1, null), as(AGENT, Role.AGENT))
                .expectException(rejectedWith(ErrorCode.SATISFACTION_ALREADY_RECORDED))
                .expectNoEvents();
    }

    @Test
    void aReopenedAndResolvedAgainCaseTakesANewSurvey() {
        fixture.given(by(AGENT, opened()), by(AGENT, new CaseResolved(CASE_ID, Outcome.SOLVED, text("done"))),
                        by(AGENT, new SatisfactionRecorded(CASE_ID, 5, null, 1, List.of(AGENT))),
                        by("bob", new CaseReopened(CASE_ID, text("broke again"))),
                        by("bob", new CaseResolved(CASE_ID, Outcome.SOLVED, text("fixed for good"))))
                .when(new RecordSatisfactionCommand(CASE_ID, null, 3, null), as("bob", Role.AGENT))
                .expectEvents(new SatisfactionRecorded(CASE_ID, 3, null, 2, List.of(AGENT, "bob")));
    }

    @Test
    void onlyAResolvedCaseIsReopened() {
        fixture.given(by(AGENT, opened()))
                .when(new ReopenCaseCommand(CASE_ID, null, "why"), as(AGENT, Role.AGENT))
                .expectException(rejectedWith(ErrorCode.NOT_RESOLVED))
                .expectNoEvents();
        fixture.given(by(AGENT, opened()), by(AGENT, new CaseResolved(CASE_ID, Outcome.SOLVED, text("done"))))
                .when(new ReopenCaseCommand(CASE_ID, null, "broke again"), as(AGENT, Role.AGENT))
                .expectEvents(new CaseReopened(CASE_ID, text("broke again")));
    }

    @Test
    void aStaleExpectedVersionIsAConflictAndStoresNothing() {
        fixture.given(by(AGENT, opened()), by(AGENT, new CaseAssigned(CASE_ID, "bob")))
                .when(new AssignCaseCommand(CASE_ID, 0L, "carol"), as(AGENT, Role.AGENT))
                .expectException(instanceOf(org.axonframework.modelling.command.ConflictingModificationException.class))
                .expectNoEvents();
    }

    // --- builders ---

    private static BendPolicyCommand bend(dev.leeway.kernel.policies.PolicyCode policy, String deviation, String value) {
        return new BendPolicyCommand(CASE_ID, null, BEND, policy, new BigDecimal(deviation), Money.of(value, "EUR"),
                "LATE_RETURN", "In hospital");
    }

    private static ExceptionRequested requested(String value) {
        return requestedBy(AGENT, value);
    }

    private static ExceptionRequested requestedBy(String requester, String value) {
        return new ExceptionRequested(CASE_ID, BEND, RETURNS, 3, days(10), Money.of(value, "EUR"), "LATE_RETURN",
                text("In hospital"), requester, Role.SUPERVISOR);
    }

    private static ExceptionGranted grantedOwnLimit() {
        return new ExceptionGranted(CASE_ID, BEND, RETURNS, 3, days(3), Money.of("40", "EUR"), "LATE_RETURN",
                text("In hospital"), Authority.OWN_LIMIT, AGENT, AGENT);
    }

    private static ExceptionGranted approvedBy(String approver) {
        return approved(AGENT, approver);
    }

    private static ExceptionGranted approved(String requester, String approver) {
        return new ExceptionGranted(CASE_ID, BEND, RETURNS, 3, days(10), Money.of("80", "EUR"), "LATE_RETURN",
                text("In hospital"), Authority.APPROVED, requester, approver);
    }

    private static DecideExceptionCommand decide(boolean approve) {
        return new DecideExceptionCommand(CASE_ID, null, BEND, approve, "note");
    }

    private static ReviewExceptionCommand review() {
        return new ReviewExceptionCommand(CASE_ID, null, BEND, ReviewVerdict.UPHELD, "fine");
    }
}
